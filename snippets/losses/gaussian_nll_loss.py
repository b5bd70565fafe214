import math

import torch
from torch import nn
from torch.distributions import Normal

mu = torch.tensor([[0.0, 1.0], [2.0, -1.0], [0.5, 0.5]])   # predicted means (N=3, D=2) / 预测均值
var = torch.tensor([[1.0, 0.5], [4.0, 1.0], [0.1, 2.0]])   # predicted variances, > 0 / 预测方差
y = torch.tensor([[0.5, 1.0], [0.0, 0.0], [0.7, -1.0]])     # targets / 目标

# l = 0.5 * (log(max(var, eps)) + (input - target)^2 / max(var, eps)), mean over all elements
# l = 0.5 * (log(max(var, eps)) + (input - target)^2 / max(var, eps))，对所有元素取平均
loss = nn.GaussianNLLLoss()  # full=False, eps=1e-06, reduction="mean"
hand = 0.5 * (torch.log(var) + (mu - y) ** 2 / var)
print("GaussianNLLLoss:", loss(mu, y, var), " by hand:", hand.mean())

# full=True adds 0.5 * log(2 pi): then it is exactly -log N(y; mu, var)
# full=True 加上 0.5 * log(2 pi)：此时正好是 -log N(y; mu, var)
full = nn.GaussianNLLLoss(full=True, reduction="none")(mu, y, var)
print("full, none:\n", full)
print("-Normal.log_prob:\n", -Normal(mu, var.sqrt()).log_prob(y))
print("0.5 * log(2 pi) =", round(0.5 * math.log(2 * math.pi), 4))

# Shapes of var: same as input, one dimension 1 (shared), one dim short, or a float
# var 的形状：与输入相同、某一维为 1（共享）、少最后一维，或一个浮点数
for v in [var, var[:, :1], var[:, 0], torch.tensor([[1.0, 0.5]]), 1.0]:
    shape = tuple(v.shape) if torch.is_tensor(v) else "float"
    print(f"var {str(shape):8} -> loss {loss(mu, y, v).item():.4f}")
for v in [torch.ones(2), -var]:
    try:
        loss(mu, y, v)
    except ValueError as e:
        print("ValueError:", e)

# var is clamped to eps, but the gradient ignores the clamp
# var 被截断到 eps，但梯度忽略这次截断
v0 = torch.tensor([0.0, 1e-8, 1.0], requires_grad=True)
out = nn.GaussianNLLLoss(reduction="none")(torch.zeros(3), torch.tensor([0.1, 1.0, 2.0]), v0)
out.sum().backward()
print("loss at var = 0, 1e-8, 1:", out.detach())
print("d loss / d var:          ", v0.grad)


def figure_gaussian_nll(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax_e, ax_v) = plt.subplots(1, 2, figsize=(9, 3.6))
    err = torch.linspace(-3, 3, 401)
    for v in [0.25, 1.0, 4.0]:
        out = nn.GaussianNLLLoss(reduction="none")(err, torch.zeros(401), torch.full((401,), v))
        ax_e.plot(err, out, label=f"var = {v:g}")
    ax_e.set_xlabel({"zh": "误差 input − target", "en": "error input − target"}[lang])
    ax_e.set_title({"zh": "损失随误差变化", "en": "loss vs error"}[lang])
    ax_e.legend()
    # Fixed error 1: the loss is smallest at var = error^2 = 1 / 误差固定为 1：var = 误差² = 1 时损失最小
    v = torch.linspace(0.1, 4, 391, requires_grad=True)
    out = nn.GaussianNLLLoss(reduction="none")(torch.ones(391), torch.zeros(391), v)
    (grad,) = torch.autograd.grad(out.sum(), v)
    ax_v.plot(v.detach(), out.detach(), label={"zh": "损失", "en": "loss"}[lang])
    ax_v.plot(v.detach(), grad, linestyle="--", label={"zh": "梯度 ∂ℓ/∂var", "en": "gradient ∂ℓ/∂var"}[lang])
    ax_v.set_ylim(-2, 3)
    ax_v.set_xlabel("var")
    ax_v.set_title({"zh": "误差为 1 时随 var 变化", "en": "vs var at error 1"}[lang])
    ax_v.legend()
    fig.tight_layout()
    return fig
