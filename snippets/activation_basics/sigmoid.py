import torch
from torch import nn

x = torch.tensor([-6.0, -2.0, 0.0, 2.0, 6.0], requires_grad=True)

# Module, functional and in-place forms give the same values
# 模块、函数、原地三种写法，结果相同
y_module = nn.Sigmoid()(x)
y_func = torch.sigmoid(x)  # also F.sigmoid / x.sigmoid()
y_inplace = x.detach().clone().sigmoid_()
print("sigmoid(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func), torch.equal(y_func.detach(), y_inplace))
print("by formula: ", (1 / (1 + torch.exp(-x))).detach())

# Gradient from autograd vs the closed form s(1 - s) / 自动求导与闭式导数
y_func.sum().backward()
s = y_func.detach()
print("autograd:    ", x.grad)
print("s * (1 - s): ", s * (1 - s))
print("max of sigmoid'(x):", (s * (1 - s)).max().item())

# Saturation: far from 0 the gradient is almost zero / 饱和：远离 0 时梯度几乎为 0
big = torch.tensor([10.0, 20.0, 40.0], requires_grad=True)
torch.sigmoid(big).sum().backward()
print("sigmoid(10, 20, 40):", torch.sigmoid(big).detach())
print("gradient there:     ", big.grad)
# Printed to 4 decimals all three read 1.0000; only at 20 and 40 is the float32 value exactly 1
# 保留 4 位小数时三个都显示 1.0000；只有 20 和 40 处的 float32 值恰好是 1
print("exactly 1.0:        ", torch.sigmoid(big).detach() == 1.0)
print("1 - sigmoid:        ", 1 - torch.sigmoid(big).detach())


def figure_sigmoid(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-8, 8, 401, requires_grad=True)
    ys = torch.sigmoid(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\sigma(x)$")
    ax.plot(xs.detach(), grad, label=r"$\sigma'(x)$", linestyle="--")
    ax.axhline(0.25, color="gray", linewidth=0.8, linestyle=":")
    ax.annotate({"zh": "最大值 0.25", "en": "max 0.25"}[lang], (0, 0.25), (1.5, 0.35),
                arrowprops={"arrowstyle": "->", "color": "gray"})
    ax.set_xlabel("x")
    ax.set_title({"zh": "Sigmoid 及其导数", "en": "Sigmoid and its derivative"}[lang])
    ax.legend()
    return fig
