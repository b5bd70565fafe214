import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)

# Default negative_slope is 0.01 / 默认负半轴斜率为 0.01
act = nn.LeakyReLU()
print(act)
y_module = act(x)
y_func = F.leaky_relu(x)  # negative_slope=0.01
print("leaky_relu(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func))
print("by formula:   ", torch.where(x >= 0, x, 0.01 * x).detach())

# Gradient: 1 for x > 0, negative_slope otherwise (including x = 0)
# 梯度：x > 0 为 1，否则为 negative_slope（x = 0 处也是）
y_func.sum().backward()
print("autograd:", x.grad)

# A larger slope, and the in-place form / 更大的斜率，以及原地版本
a = torch.tensor([-2.0, 2.0])
F.leaky_relu_(a, negative_slope=0.2)  # also nn.LeakyReLU(0.2, inplace=True)
print("slope 0.2, in place:", a)

# Unlike ReLU, a unit with negative pre-activation still gets a gradient
# 与 ReLU 不同，预激活为负的单元仍有梯度
layer = nn.Linear(3, 1)
with torch.no_grad():
    layer.bias.fill_(-100.0)
inputs = torch.randn(64, 3)
F.leaky_relu(layer(inputs)).sum().backward()
print("bias grad, LeakyReLU:", round(layer.bias.grad.item(), 4))
layer.zero_grad()
F.relu(layer(inputs)).sum().backward()
print("bias grad, ReLU:     ", round(layer.bias.grad.item(), 4))



def figure_leaky_relu(lang="zh", negative_slope=0.01):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-3, 3, 301, requires_grad=True)
    ys = nn.LeakyReLU(negative_slope=negative_slope)(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=f"LeakyReLU({negative_slope:g})")
    ax.plot(xs.detach(), grad, linestyle="--", label={"zh": "导数", "en": "derivative"}[lang])
    ax.set_ylim(-1.1, 3.1)
    ax.set_xlabel("x")
    ax.set_title(f"negative_slope = {negative_slope:g}")
    ax.legend(loc="upper left")
    return fig
