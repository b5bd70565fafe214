import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
# x: a distance per pair (>= 0); y = 1 similar pair, y = -1 dissimilar pair
# x：每对的距离（>= 0）；y = 1 相似对，y = -1 不相似对
x = torch.tensor([0.2, 1.5, 0.2, 0.7, 1.5], requires_grad=True)
y = torch.tensor([1.0, 1.0, -1.0, -1.0, -1.0])

loss_fn = nn.HingeEmbeddingLoss()  # margin=1.0, reduction="mean"
loss = loss_fn(x, y)
print("reduction=none:", nn.HingeEmbeddingLoss(reduction="none")(x, y).detach())
print("by formula:    ", torch.where(y == 1, x, torch.clamp(1.0 - x, min=0)).detach())
print("mean:", loss.detach(), "| sum:", nn.HingeEmbeddingLoss(reduction="sum")(x, y).detach())

# Gradient of the mean: 1/N for y = 1, -1/N for y = -1 inside the margin
# mean 的梯度：y = 1 为 1/N；y = -1 且在 margin 内为 -1/N
loss.backward()
print("grad:", x.grad + 0.0)  # + 0.0 turns -0.0 into 0.0 / 把 -0.0 变成 0.0

# Typical use: x = distance between two embeddings / 典型用法：x 是两个嵌入的距离
e1, e2 = torch.randn(4, 8), torch.randn(4, 8)
pair = torch.tensor([1.0, -1.0, 1.0, -1.0])
dist = F.pairwise_distance(e1, e2)
print("distances:", dist)
print("margin=4: ", nn.HingeEmbeddingLoss(margin=4.0, reduction="none")(dist, pair))

# Pitfall 1: y = 0 is neither 1 nor -1, so BOTH terms are added
# 陷阱 1：y = 0 既不是 1 也不是 -1，两项会同时加上
xs = torch.tensor([0.3, 2.0])
print("y = 0:", F.hinge_embedding_loss(xs, torch.zeros(2), reduction="none"))

# Pitfall 2: for y = 1 the loss is x itself, so a negative x gives a negative loss
# 陷阱 2：y = 1 时损失就是 x 本身，x 为负时损失也为负
score = torch.tensor([-0.5, -3.0])  # e.g. a raw score instead of a distance
print("negative x, y = 1:", F.hinge_embedding_loss(score, torch.ones(2), reduction="none"))

# Pitfall 3: no shape check, x (3, 1) and y (3,) broadcast to (3, 3)
# 陷阱 3：不检查形状，x (3, 1) 与 y (3,) 广播成 (3, 3)
out = F.hinge_embedding_loss(torch.rand(3, 1), torch.ones(3), reduction="none")
print("x (3, 1), y (3,) -> loss shape", tuple(out.shape))


def figure_hinge_embedding(lang="zh"):
    import matplotlib.pyplot as plt

    d = torch.linspace(0, 3, 601)  # distance / 距离
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    cases = [(1.0, 1.0, "y = 1"), (-1.0, 1.0, "y = −1, margin=1"), (-1.0, 2.0, "y = −1, margin=2")]
    for target, margin, label in cases:
        x = d.clone().requires_grad_()
        loss = F.hinge_embedding_loss(x, torch.full((601,), target), margin=margin, reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), x)
        ax1.plot(d, loss.detach(), label=label)
        ax2.plot(d, grad, label=label)
    ax1.set_title("HingeEmbeddingLoss")
    ax2.set_title({"zh": "对 x 的梯度", "en": "gradient w.r.t. x"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel({"zh": "距离 x", "en": "distance x"}[lang])
    ax1.legend()
    return fig
