import torch
from torch import nn

x = torch.tensor([2.5, 0.0, 2.0, 8.0, -1.0], requires_grad=True)  # predictions / 预测
y = torch.tensor([3.0, -0.5, 2.0, 7.0, 2.0])                      # targets / 目标


def smooth_l1_by_hand(x, y, beta):
    d = (x - y).abs()
    return torch.where(d < beta, 0.5 * d**2 / beta, d - 0.5 * beta)


for beta in [1.0, 0.5, 2.0]:
    out = nn.SmoothL1Loss(beta=beta, reduction="none")(x, y)
    print(f"beta={beta}: module  ", out.detach())
    print(f"beta={beta}: by hand ", smooth_l1_by_hand(x, y, beta).detach())

# beta=0 is exactly L1Loss (PyTorch calls l1_loss in that case)
# beta=0 时与 L1Loss 完全相同（PyTorch 此时直接调用 l1_loss）
s0 = nn.SmoothL1Loss(beta=0.0)(x, y)
l1 = nn.L1Loss()(x, y)
print("beta=0:", s0.detach(), " L1Loss:", l1.detach(), " equal:", torch.equal(s0, l1))

# Gradient: (x - y) / beta inside, sign(x - y) outside, never above 1 in size
# 梯度：区间内 (x - y) / beta，区间外 sign(x - y)，绝对值不超过 1
nn.SmoothL1Loss(reduction="sum")(x, y).backward()
print("gradient (beta=1, sum):", x.grad)


def figure_smooth_l1(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    for beta in [0.0, 0.5, 1.0, 2.0]:
        err = torch.linspace(-3, 3, 601, requires_grad=True)  # input - target
        loss = nn.SmoothL1Loss(beta=beta, reduction="none")(err, torch.zeros(601))
        (grad,) = torch.autograd.grad(loss.sum(), err)
        label = f"β = {beta}" + (" (L1)" if beta == 0 else "")
        ax_l.plot(err.detach(), loss.detach(), label=label)
        ax_g.plot(err.detach(), grad, label=label)
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "误差 x − y", "en": "error x − y"}[lang])
    ax_l.set_title({"zh": "SmoothL1Loss", "en": "SmoothL1Loss"}[lang])
    ax_g.set_title({"zh": "梯度 ∂ℓ/∂x", "en": "gradient ∂ℓ/∂x"}[lang])
    ax_l.legend()
    fig.tight_layout()
    return fig
