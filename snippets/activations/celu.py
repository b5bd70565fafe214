import torch
import torch.nn.functional as F
from torch import nn

alpha = 1.0  # the default / 默认值
x = torch.tensor([-10.0, -1.0, 0.0, 1.0, 3.0], requires_grad=True)

act = nn.CELU(alpha=alpha)
print(act)
y = act(x)
print("celu(x):    ", y.detach())
print("by formula: ", (x.clamp(min=0) + (alpha * (torch.exp(x / alpha) - 1)).clamp(max=0)).detach())
print("same as F.celu:", torch.equal(y, F.celu(x)), "| same as ELU for alpha=1:", torch.equal(y, F.elu(x)))

# Derivative: 1 for x > 0, exp(x/alpha) for x <= 0 / 导数：x > 0 为 1，x <= 0 为 exp(x/alpha)
y.sum().backward()
print("autograd:   ", x.grad)
print("closed form:", torch.where(x > 0, 1.0, torch.exp(x / alpha)).detach())

# alpha = 2: CELU's derivative is continuous at 0, ELU's jumps from 2 to 1
# alpha = 2：CELU 的导数在 0 处连续，ELU 的导数从 2 跳到 1
for name, f in [("celu", F.celu), ("elu ", F.elu)]:
    t = torch.tensor([-1e-4, 0.0, 1e-4], requires_grad=True)
    out = f(t, alpha=2.0)
    out.sum().backward()
    print(f"{name} alpha=2, value at -4: {f(torch.tensor(-4.0), alpha=2.0):.4f}, grad at -1e-4, 0, 1e-4:", t.grad)

try:
    F.celu(x, alpha=0.0)
except RuntimeError as e:
    print("RuntimeError:", e)

# In-place forms / 原地版本
a = torch.tensor([-1.0, 1.0])
F.celu_(a, alpha=2.0)  # also F.celu(a, 2.0, inplace=True), nn.CELU(2.0, inplace=True)
print("in place, alpha=2:", a)


def figure_celu(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 3, 701, requires_grad=True)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))
    for alpha in (0.5, 1.0, 2.0):
        ys = F.celu(xs, alpha=alpha)
        (grad,) = torch.autograd.grad(ys.sum(), xs)
        ax1.plot(xs.detach(), ys.detach(), label=f"alpha={alpha:g}")
        ax2.plot(xs.detach(), grad, label=f"CELU, alpha={alpha:g}")
    ye = F.elu(xs, alpha=2.0)
    (ge,) = torch.autograd.grad(ye.sum(), xs)
    ax2.plot(xs.detach(), ge, linestyle=":", label="ELU, alpha=2")
    ax1.set_title("CELU(x)")
    ax2.set_title({"zh": "导数（与 ELU 对比）", "en": "derivative (vs ELU)"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel("x")
        ax.legend(fontsize=9)
    return fig


def figure_elu_celu_alpha(lang="zh", alpha=1.0):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 3, 281, requires_grad=True)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))
    for name, act, style in (("ELU", nn.ELU(alpha=alpha), "-"), ("CELU", nn.CELU(alpha=alpha), "--")):
        ys = act(xs)
        (grad,) = torch.autograd.grad(ys.sum(), xs)
        ax1.plot(xs.detach(), ys.detach(), linestyle=style, label=name)
        ax2.plot(xs.detach(), grad, linestyle=style, label=name)
    ax1.set_ylim(-3.2, 3.2)
    ax2.set_ylim(-0.1, 3.1)
    ax1.set_title(f"alpha = {alpha:g}")
    ax2.set_title({"zh": "导数", "en": "derivative"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel("x")
        ax.legend(loc="upper left")
    fig.tight_layout()
    return fig
