import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-2.0, -0.8, -0.5, 0.0, 0.5, 0.8, 2.0], requires_grad=True)

# Module and functional forms (no in-place version) / 模块与函数写法（没有原地版本）
y_module = nn.Hardshrink()(x)  # lambd=0.5
y_func = F.hardshrink(x)  # also torch.hardshrink / x.hardshrink()
print("hardshrink(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func))
print("lambd=1.0:    ", F.hardshrink(x, lambd=1.0).detach())

# Gradient: 1 where |x| > lambd, 0 elsewhere; at x = ±0.5 output and gradient are 0
# 梯度：|x| > lambd 处为 1，其余为 0；x = ±0.5 处输出和梯度都是 0
y_func.sum().backward()
print("autograd:       ", x.grad)
print("(|x| > 0.5):    ", (x.abs() > 0.5).float())

# A negative lambd is accepted silently and keeps every value (Softshrink raises)
# 负的 lambd 不报错，所有值原样保留（Softshrink 会报错）
print("lambd=-0.5:   ", F.hardshrink(x, -0.5).detach())


def figure_hardshrink(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-2, 2, 801, requires_grad=True)
    ys = F.hardshrink(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    # NaN right after the jumps at ±0.5 so they are not joined by a line
    # 在 ±0.5 的跳变处放 NaN，避免连线
    x_ = xs.detach()
    gap = ((x_.abs() > 0.5) & (x_.abs() - 0.005 <= 0.5))
    nan = torch.tensor(float("nan"))
    fig, ax = plt.subplots()
    ax.plot(x_, torch.where(gap, nan, ys.detach()), label=r"$\mathrm{Hardshrink}(x)$")
    ax.plot(x_, torch.where(gap, nan, grad), label=r"$\mathrm{Hardshrink}'(x)$", linestyle="--")
    ax.set_xlabel("x")
    ax.set_title({"zh": "Hardshrink（lambd=0.5）及其导数",
                  "en": "Hardshrink (lambd=0.5) and its derivative"}[lang])
    ax.legend()
    return fig
