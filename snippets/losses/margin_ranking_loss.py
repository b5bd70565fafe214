import torch
import torch.nn.functional as F
from torch import nn

# Two scores per pair; y = 1: x1 should rank higher, y = -1: x2 should
# 每对两个得分；y = 1：x1 应排在前面，y = -1：x2 应排在前面
x1 = torch.tensor([2.0, 0.5, 1.0, -1.0], requires_grad=True)
x2 = torch.tensor([1.0, 1.5, 0.5, 0.0], requires_grad=True)
y = torch.tensor([1.0, 1.0, -1.0, -1.0])

loss_fn = nn.MarginRankingLoss()  # margin=0.0, reduction="mean"
loss = loss_fn(x1, x2, y)
print("reduction=none:", nn.MarginRankingLoss(reduction="none")(x1, x2, y).detach())
print("by formula:    ", torch.clamp(-y * (x1 - x2) + 0.0, min=0).detach())
print("mean:", loss.detach(), "| sum:", nn.MarginRankingLoss(reduction="sum")(x1, x2, y).detach())

# margin=1: a correctly ordered pair still costs until its gap reaches 1
# margin=1：顺序正确但差距不到 1 的对仍有损失
print("margin=1, none:", nn.MarginRankingLoss(margin=1.0, reduction="none")(x1, x2, y).detach())

# Gradient of the mean: -y/N on x1, +y/N on x2 where the term is > 0
# mean 的梯度：项大于 0 处，x1 得 -y/N，x2 得 +y/N
loss.backward()
print("grad x1:", x1.grad + 0.0)  # + 0.0 turns -0.0 into 0.0 / 把 -0.0 变成 0.0
print("grad x2:", x2.grad + 0.0)

# Pitfall: labels in {0, 1} instead of {1, -1}; pairs with y = 0 cost nothing
# 陷阱：标签用 {0, 1} 而不是 {1, -1}；y = 0 的对损失恒为 0
y01 = torch.tensor([1.0, 1.0, 0.0, 0.0])
print("y in {0,1}, none:", F.margin_ranking_loss(x1, x2, y01, reduction="none").detach())

# Shapes: only the number of dims is checked, then the three tensors broadcast
# 形状：只检查维数是否相同，之后三者广播
s1 = torch.tensor([[0.2], [0.8], [0.5]])  # (3, 1), e.g. from nn.Linear(d, 1)
s2 = torch.tensor([[0.1], [0.9], [0.7]])
try:
    loss_fn(s1, s2, torch.ones(3))
except RuntimeError as e:
    print("RuntimeError:", e)
wrong = F.margin_ranking_loss(s1, s2, torch.ones(1, 3), reduction="none")
print("target (1, 3) -> loss shape", tuple(wrong.shape))
print("right:", loss_fn(s1.squeeze(1), s2.squeeze(1), torch.ones(3)))


def figure_margin_ranking(lang="zh"):
    import matplotlib.pyplot as plt

    d = torch.linspace(-3, 3, 601)  # x1 - x2, with x2 = 0 and y = 1
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    for margin in (0.0, 1.0):
        x1 = d.clone().requires_grad_()
        loss = F.margin_ranking_loss(x1, torch.zeros(601), torch.ones(601),
                                     margin=margin, reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), x1)
        ax1.plot(d, loss.detach(), label=f"margin={margin:g}")
        ax2.plot(d, grad, label=f"margin={margin:g}")
    ax1.set_title({"zh": "MarginRankingLoss（y = 1）", "en": "MarginRankingLoss (y = 1)"}[lang])
    ax2.set_title({"zh": "对 x1 的梯度", "en": "gradient w.r.t. x1"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel("x1 − x2")
        ax.legend()
    return fig
