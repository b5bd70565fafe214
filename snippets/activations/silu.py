import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0], requires_grad=True)

act = nn.SiLU()  # Swish with beta = 1 / 即 beta = 1 的 Swish
y = act(x)
s = torch.sigmoid(x)
print("silu(x):       ", y.detach())
print("x * sigmoid(x):", (x * s).detach())
print("same as F.silu:", torch.equal(y, F.silu(x)))

# Derivative s * (1 + x * (1 - s)), s = sigmoid(x) / 导数
y.sum().backward()
print("autograd:      ", x.grad)
print("closed form:   ", (s * (1 + x * (1 - s))).detach())

# Not monotonic: a minimum below 0, found on a dense grid / 非单调：在密集网格上找最小值
xs = torch.linspace(-5, 0, 50001, dtype=torch.float64)
ys = F.silu(xs)
i = ys.argmin()
print(f"minimum {ys[i].item():.4f} at x = {xs[i].item():.4f}")

# In-place forms / 原地版本
a = torch.tensor([-1.0, 1.0])
F.silu(a, inplace=True)  # also nn.SiLU(inplace=True); there is no torch.silu
print("in place:", a)


def figure_silu(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-6, 4, 1001, requires_grad=True)
    ys = F.silu(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{SiLU}(x)$")
    ax.plot(xs.detach(), grad, linestyle="--", label=r"$\mathrm{SiLU}'(x)$")
    i = ys.argmin()
    ax.plot([xs[i].item()], [ys[i].item()], marker="o")
    ax.annotate({"zh": "最小值", "en": "minimum"}[lang], (xs[i].item(), ys[i].item()),
                xytext=(-3.5, -0.8), arrowprops={"arrowstyle": "->"})
    ax.set_xlabel("x")
    ax.set_title({"zh": "SiLU 及其导数", "en": "SiLU and its derivative"}[lang])
    ax.legend()
    return fig
