import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0], requires_grad=True)

act = nn.Mish()
y = act(x)
sp = F.softplus(x)  # log(1 + exp(x))
t = torch.tanh(sp)
print("mish(x):              ", y.detach())
print("x * tanh(softplus(x)):", (x * t).detach())
print("same as F.mish:", torch.equal(y, F.mish(x)))

# Derivative tanh(sp) + x * sigmoid(x) * (1 - tanh(sp)^2) / 导数
y.sum().backward()
print("autograd:             ", x.grad)
print("closed form:          ", (t + x * torch.sigmoid(x) * (1 - t**2)).detach())

# Minimum below 0, on a dense grid / 在密集网格上找负半轴的最小值
xs = torch.linspace(-5, 0, 50001, dtype=torch.float64)
ys = F.mish(xs)
i = ys.argmin()
print(f"minimum {ys[i].item():.4f} at x = {xs[i].item():.4f}")

# In-place forms / 原地版本
a = torch.tensor([-1.0, 1.0])
F.mish(a, inplace=True)  # also nn.Mish(inplace=True)
print("in place:", a)


def figure_mish(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-6, 4, 1001, requires_grad=True)
    ys = F.mish(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{Mish}(x)$")
    ax.plot(xs.detach(), grad, linestyle="--", label=r"$\mathrm{Mish}'(x)$")
    ax.set_xlabel("x")
    ax.set_title({"zh": "Mish 及其导数", "en": "Mish and its derivative"}[lang])
    ax.legend()
    return fig
