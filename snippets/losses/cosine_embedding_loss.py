import torch
import torch.nn.functional as F
from torch import nn

# Four pairs of 2-D embeddings; y = 1 similar, y = -1 dissimilar
# 四对二维嵌入；y = 1 相似，y = -1 不相似
x1 = torch.tensor([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 0.0]], requires_grad=True)
x2 = torch.tensor([[3.0, 0.0], [1.0, 1.0], [0.6, 0.8], [-2.0, 0.0]], requires_grad=True)
y = torch.tensor([1.0, 1.0, -1.0, -1.0])

# By hand: PyTorch adds EPS = 1e-12 to both squared norms / 手算：两个平方范数各加 1e-12
cos = (x1 * x2).sum(1) / torch.sqrt(((x1 * x1).sum(1) + 1e-12) * ((x2 * x2).sum(1) + 1e-12))
print("cos:", cos.detach())
for margin in (0.0, 0.5):
    module = nn.CosineEmbeddingLoss(margin=margin, reduction="none")(x1, x2, y)
    by_hand = torch.where(y == 1, 1 - cos, torch.clamp(cos - margin, min=0))
    print(f"margin={margin}: none:", module.detach(), "| by formula:", by_hand.detach())

loss = nn.CosineEmbeddingLoss()(x1, x2, y)  # margin=0.0, reduction="mean"
print("mean:", loss.detach())

# Only the direction counts: the gradient is orthogonal to x2
# 只有方向起作用：梯度与 x2 正交
loss.backward()
print("grad x2:", x2.grad)
print("max |grad . x2|:", f"{(x2.grad * x2).sum(1).abs().max().item():.4f}")

# Pitfall 1: y = 0 (a 0/1 label) matches neither case; that pair costs 0
# 陷阱 1：y = 0（0/1 标签）两种情况都不匹配，该对损失为 0
y01 = torch.tensor([1.0, 1.0, 0.0, 0.0])
print("y in {0,1}:", F.cosine_embedding_loss(x1, x2, y01, reduction="none").detach())

# Pitfall 2: target must be (N,) for (N, D) inputs, () for (D,) inputs
# 陷阱 2：输入 (N, D) 时 target 必须是 (N,)，输入 (D,) 时是 ()
try:
    F.cosine_embedding_loss(x1, x2, y.unsqueeze(1))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    F.cosine_embedding_loss(x1[0], x2[0], y[:1])
except RuntimeError as e:
    print("RuntimeError:", e)
print("1-D pair, 0-D target:", F.cosine_embedding_loss(x1[1], x2[1], y[1]).detach())


def figure_cosine_embedding(lang="zh"):
    import matplotlib.pyplot as plt

    theta = torch.linspace(0, torch.pi, 361, requires_grad=True)  # angle / 夹角
    a = torch.stack([torch.ones(361), torch.zeros(361)], dim=1)
    deg = torch.rad2deg(theta).detach()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    for target, margin, label in [(1.0, 0.0, "y = 1"), (-1.0, 0.0, "y = −1, margin=0"),
                                  (-1.0, 0.5, "y = −1, margin=0.5")]:
        b = torch.stack([torch.cos(theta), torch.sin(theta)], dim=1)
        loss = F.cosine_embedding_loss(a, b, torch.full((361,), target), margin=margin,
                                       reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), theta)
        ax1.plot(deg, loss.detach(), label=label)
        ax2.plot(deg, grad, label=label)
    ax1.set_title("CosineEmbeddingLoss")
    ax2.set_title({"zh": "对夹角 θ（弧度）的梯度", "en": "gradient w.r.t. the angle θ (radians)"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel({"zh": "x1 与 x2 的夹角 θ（度）", "en": "angle θ between x1 and x2 (degrees)"}[lang])
        ax.set_xticks([0, 30, 60, 90, 120, 150, 180])
    ax1.legend()
    return fig
