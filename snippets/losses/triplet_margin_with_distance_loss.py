import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
a, p, n = torch.randn(5, 16), torch.randn(5, 16), torch.randn(5, 16)  # (N, D)

# 1. The default distance is nn.PairwiseDistance() (p=2, eps=1e-6), so it
#    agrees with TripletMarginLoss(margin=1.0, p=2, eps=1e-6)
# 1. 默认距离是 nn.PairwiseDistance()（p=2，eps=1e-6），因此与 TripletMarginLoss 一致
with_distance = nn.TripletMarginWithDistanceLoss(reduction="none")  # margin=1.0, swap=False
plain = nn.TripletMarginLoss(reduction="none")
print("WithDistance (default):", with_distance(a, p, n))
print("TripletMarginLoss:     ", plain(a, p, n))
print("allclose:", torch.allclose(with_distance(a, p, n), plain(a, p, n)))
print("swap=True allclose:", torch.allclose(
    nn.TripletMarginWithDistanceLoss(swap=True)(a, p, n), nn.TripletMarginLoss(swap=True)(a, p, n)))


# 2. Cosine distance 1 - cos(u, v), in [0, 2]; choose the margin on that scale
# 2. 余弦距离 1 - cos(u, v)，取值在 [0, 2]；margin 要按这个尺度选
def cosine_distance(u, v):
    return 1.0 - F.cosine_similarity(u, v, dim=-1)


cos_loss = nn.TripletMarginWithDistanceLoss(distance_function=cosine_distance, margin=0.5,
                                            reduction="none")
d_ap, d_an, d_pn = cosine_distance(a, p), cosine_distance(a, n), cosine_distance(p, n)
print("cosine, margin=0.5:", cos_loss(a, p, n))
print("by formula:        ", torch.clamp(d_ap - d_an + 0.5, min=0))
swapped = nn.TripletMarginWithDistanceLoss(distance_function=cosine_distance, margin=0.5,
                                           swap=True, reduction="none")
print("cosine, swap=True: ", swapped(a, p, n))
print("by formula:        ", torch.clamp(d_ap - torch.minimum(d_an, d_pn) + 0.5, min=0))
# Scaling an embedding changes the Euclidean loss but not the cosine loss
# 缩放嵌入会改变欧氏距离的损失，但不改变余弦距离的损失
print("Euclidean, a * 10:", with_distance(10 * a, p, n))
print("cosine, a * 10:   ", cos_loss(10 * a, p, n))

# 3. Pitfall: the distance must return one value per triplet, shape (N,);
#    torch.cdist returns an (N, N) matrix and the loss silently averages it
# 3. 陷阱：距离函数必须对每个三元组返回一个值，形状 (N,)；
#    torch.cdist 返回 (N, N) 矩阵，损失会悄悄对它求平均
wrong = nn.TripletMarginWithDistanceLoss(distance_function=torch.cdist, reduction="none")
print("cdist -> loss shape", tuple(wrong(a, p, n).shape))

# 4. Wrong arguments / 错误的参数
try:
    nn.TripletMarginWithDistanceLoss(margin=0.0)
except ValueError as e:
    print("ValueError:", e)
try:
    with_distance(a, p, n[0])
except RuntimeError as e:
    print("RuntimeError:", e)


def figure_triplet_distances(lang="zh"):
    import matplotlib.pyplot as plt

    # a = (1, 0), p at 30 degrees; the negative rotates on the unit circle
    # a = (1, 0)，p 在 30 度；负样本在单位圆上旋转
    deg = torch.linspace(1, 180, 359)  # from 1 degree: at 0 the negative IS the anchor
    theta = torch.deg2rad(deg)
    a = torch.tensor([[1.0, 0.0]]).expand(359, 2)
    p = torch.tensor([[3 ** 0.5 / 2, 0.5]]).expand(359, 2)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    settings = [(None, 1.0, {"zh": "欧氏距离，margin=1", "en": "Euclidean, margin=1"}),
                (cosine_distance, 0.5, {"zh": "余弦距离，margin=0.5", "en": "cosine, margin=0.5"})]
    for fn, margin, label in settings:
        t = theta.clone().requires_grad_()
        neg = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
        loss = F.triplet_margin_with_distance_loss(a, p, neg, distance_function=fn, margin=margin,
                                                   reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), t)
        ax1.plot(deg, loss.detach(), label=label[lang])
        ax2.plot(deg, grad, label=label[lang])
    for ax in (ax1, ax2):
        ax.axvline(30, color="gray", linewidth=0.8, linestyle=":")
        ax.set_xlabel({"zh": "负样本与锚点的夹角（度）", "en": "angle between negative and anchor (degrees)"}[lang])
        ax.set_xticks([0, 30, 60, 90, 120, 150, 180])
    ax1.set_title("TripletMarginWithDistanceLoss")
    ax2.set_title({"zh": "对负样本角度（弧度）的梯度", "en": "gradient w.r.t. the negative's angle (radians)"}[lang])
    ax1.legend()
    return fig
