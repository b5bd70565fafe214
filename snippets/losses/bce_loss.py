import torch
from torch import nn

p = torch.tensor([0.9, 0.2, 0.6, 0.5])  # probabilities, e.g. after sigmoid / 概率，例如 sigmoid 的输出
y = torch.tensor([1.0, 0.0, 0.0, 0.7])  # float targets in [0, 1] (soft labels allowed) / [0, 1] 内的浮点目标

bce = nn.BCELoss()  # weight=None, reduction="mean"
l_n = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))
print("BCELoss:        ", bce(p, y))
print("by formula mean:", l_n.mean())
print("reduction=none: ", nn.BCELoss(reduction="none")(p, y))
print("l_n by hand:    ", l_n)

# weight rescales each element and broadcasts to the target's shape
# weight 对每个元素加权，并广播到目标的形状
w = torch.tensor([1.0, 2.0, 1.0, 0.5])
print("weighted mean:", nn.BCELoss(weight=w)(p, y), " by hand:", (w * l_n).mean())

# log is clamped to >= -100: p = 0 with y = 1 gives 100, not inf
# log 被截断到 >= -100：p = 0、y = 1 时损失是 100，而不是 inf
edge = torch.tensor([0.0, 1.0, 1e-30, 1e-50], requires_grad=True)
t = torch.tensor([1.0, 0.0, 1.0, 1.0])
out = nn.BCELoss(reduction="none")(edge, t)
out.sum().backward()
print("p:          ", edge.detach())
print("log(p):     ", torch.log(edge.detach()))
print("BCE:        ", out.detach())
print("dBCE/dp:    ", edge.grad)


def figure_bce(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    for target in [1.0, 0.0]:
        prob = torch.linspace(0.01, 0.99, 393, requires_grad=True)
        loss = nn.BCELoss(reduction="none")(prob, torch.full((393,), target))
        (grad,) = torch.autograd.grad(loss.sum(), prob)
        ax_l.plot(prob.detach(), loss.detach(), label=f"y = {target:g}")
        ax_g.plot(prob.detach(), grad, label=f"y = {target:g}")
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "预测概率 p", "en": "predicted probability p"}[lang])
    ax_l.set_title({"zh": "BCELoss", "en": "BCELoss"}[lang])
    ax_g.set_title({"zh": "梯度 ∂ℓ/∂p = (p − y) / (p(1 − p))", "en": "gradient ∂ℓ/∂p = (p − y) / (p(1 − p))"}[lang])
    ax_g.set_ylim(-20, 20)
    ax_l.legend()
    fig.tight_layout()
    return fig
