import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
# Four triplets of 2-D embeddings: anchor a, positive p (same class), negative n
# 四个由二维嵌入组成的三元组：锚点 a、正样本 p（同类）、负样本 n
a = torch.zeros(4, 2, requires_grad=True)
p = torch.tensor([[1.0, 0.0], [0.3, 0.4], [2.0, 0.0], [1.0, 0.0]])
n = torch.tensor([[3.0, 0.0], [0.8, -0.6], [0.0, 1.0], [1.5, 0.0]])


def dist(u, v, p=2, eps=1e-6):
    # PyTorch adds eps to the DIFFERENCE before taking the norm
    # PyTorch 在求范数之前把 eps 加到差上
    return ((u - v + eps).abs() ** p).sum(-1) ** (1 / p)


d_ap, d_an, d_pn = dist(a, p), dist(a, n), dist(p, n)
print("d(a,p):", d_ap.detach())
print("d(a,n):", d_an.detach())
print("d(p,n):", d_pn.detach())

loss_fn = nn.TripletMarginLoss()  # margin=1.0, p=2, eps=1e-6, swap=False, reduction="mean"
print("none:      ", nn.TripletMarginLoss(reduction="none")(a, p, n).detach())
print("by formula:", torch.clamp(d_ap - d_an + 1.0, min=0).detach())
loss = loss_fn(a, p, n)
print("mean:", loss.detach())

# swap=True: use min(d(a,n), d(p,n)) as the negative distance
# swap=True：负样本距离取 min(d(a,n), d(p,n))
print("swap=True: ", nn.TripletMarginLoss(swap=True, reduction="none")(a, p, n).detach())
print("by formula:", torch.clamp(d_ap - torch.minimum(d_an, d_pn) + 1.0, min=0).detach())

# p=1: Manhattan distance / p=1：曼哈顿距离
print("p=1:       ", nn.TripletMarginLoss(p=1, reduction="none")(a, p, n).detach())
print("by formula:", torch.clamp(dist(a, p, 1) - dist(a, n, 1) + 1.0, min=0).detach())

# Gradient w.r.t. the anchor: pulled toward p, pushed away from n (active triplets only)
# 对锚点的梯度：拉向 p、推离 n（只有损失为正的三元组）
loss.backward()
print("grad a:", a.grad.round(decimals=4) + 0.0)  # + 0.0 turns -0.0 into 0.0 / 把 -0.0 变成 0.0

# eps: identical vectors are not at distance 0 / eps：相同向量的距离不是 0
v = torch.randn(3, 128)
print("d(v, v) =", F.pairwise_distance(v, v), "= sqrt(128) * 1e-6 =", f"{128 ** 0.5 * 1e-6:.4e}")

# Wrong arguments / 错误的参数
try:
    loss_fn(a, p, n[0])
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    nn.TripletMarginLoss(margin=0.0)(a, p, n)
except ValueError as e:
    print("ValueError:", e)


def figure_triplet_swap(lang="zh"):
    import matplotlib.pyplot as plt

    # a = (0, 0), p = (1, 0); the negative moves along the line y = 0.5
    # a = (0, 0)，p = (1, 0)；负样本沿直线 y = 0.5 移动
    s = torch.linspace(-1.5, 3.5, 501)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    for swap in (False, True):
        neg = torch.stack([s, torch.full((501,), 0.5)], dim=1).requires_grad_()
        loss = F.triplet_margin_loss(torch.zeros(501, 2), torch.tensor([[1.0, 0.0]]).expand(501, 2),
                                     neg, swap=swap, reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), neg)
        ax1.plot(s, loss.detach(), label=f"swap={swap}")
        ax2.plot(s, grad[:, 0], label=f"swap={swap}")
    for ax in (ax1, ax2):
        ax.axvline(0.0, color="gray", linewidth=0.8, linestyle=":")
        ax.axvline(1.0, color="gray", linewidth=0.8, linestyle=":")
        ax.set_xlabel({"zh": "负样本的横坐标（a 在 0，p 在 1）", "en": "x-coordinate of the negative (a at 0, p at 1)"}[lang])
    ax1.set_title("TripletMarginLoss")
    ax2.set_title({"zh": "对负样本横坐标的梯度", "en": "gradient w.r.t. the negative's x"}[lang])
    ax1.legend()
    return fig
