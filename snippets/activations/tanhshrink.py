import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-3.0, -1.0, -0.1, 0.0, 0.1, 1.0, 3.0], requires_grad=True)

# Module and functional forms (no in-place version) / 模块与函数写法（没有原地版本）
y_module = nn.Tanhshrink()(x)
y_func = F.tanhshrink(x)
print("tanhshrink(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func))
print("x - tanh(x):  ", (x - torch.tanh(x)).detach())

# Gradient: 1 - (1 - tanh^2 x) = tanh^2 x / 梯度：1 - (1 - tanh²x) = tanh²x
y_func.sum().backward()
print("autograd:     ", x.grad)
print("tanh(x)**2:   ", torch.tanh(x).detach() ** 2)

# Near 0 it behaves like x^3/3: small inputs almost vanish
# 0 附近近似 x³/3：小输入几乎被压成 0
small = torch.tensor([0.01, 0.1, 0.5])
print("tanhshrink:", F.tanhshrink(small))
print("x**3 / 3:  ", small**3 / 3)


def figure_tanhshrink(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 4, 801, requires_grad=True)
    ys = F.tanhshrink(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{Tanhshrink}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{Tanhshrink}'(x)$", linestyle="--")
    ax.plot(xs.detach(), F.softshrink(xs, 1.0).detach(), label=r"$\mathrm{Softshrink}(x),\ \lambda=1$",
            linewidth=1, alpha=0.6)
    ax.set_xlabel("x")
    ax.set_title({"zh": "Tanhshrink 及其导数", "en": "Tanhshrink and its derivative"}[lang])
    ax.legend()
    return fig
