import torch
from torch import nn

x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0], requires_grad=True)

y_module = nn.Tanh()(x)
y_func = torch.tanh(x)  # also F.tanh / x.tanh()
y_inplace = x.detach().clone().tanh_()
print("tanh(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func), torch.equal(y_func.detach(), y_inplace))

# tanh is a scaled, shifted sigmoid: tanh(x) = 2 * sigmoid(2x) - 1
# tanh 是平移缩放后的 sigmoid
print("2*sigmoid(2x)-1:", (2 * torch.sigmoid(2 * x) - 1).detach())

# Gradient from autograd vs the closed form 1 - tanh^2 / 自动求导与闭式导数
y_func.sum().backward()
t = y_func.detach()
print("autograd:  ", x.grad)
print("1 - t**2:  ", 1 - t**2)

# The identity gives tanh'(x) = 4 sigmoid'(2x): the sigmoid's derivative, 4 times
# taller and squeezed by 2 along x. Compare with sigmoid'(x) itself
# 由上面的关系得 tanh'(x) = 4 sigmoid'(2x)：Sigmoid 的导数，高 4 倍、沿 x 轴压缩一半。与 sigmoid'(x) 对比
s2 = torch.sigmoid(2 * x.detach())
s1 = torch.sigmoid(x.detach())
print("4*sigmoid'(2x):", 4 * s2 * (1 - s2))
print("sigmoid'(x):   ", s1 * (1 - s1))

# Zero-centred: symmetric inputs give outputs with mean 0 (sigmoid gives 0.5)
# 以 0 为中心：对称输入的输出均值为 0（sigmoid 是 0.5）
z = torch.linspace(-2, 2, 5)
print("mean tanh(z):   ", torch.tanh(z).mean().item())
print("mean sigmoid(z):", torch.sigmoid(z).mean().item())


def figure_tanh(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-5, 5, 401, requires_grad=True)
    ys = torch.tanh(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\tanh(x)$")
    ax.plot(xs.detach(), grad, label=r"$\tanh'(x)$", linestyle="--")
    ax.plot(xs.detach(), torch.sigmoid(xs).detach(), label=r"$\sigma(x)$", linewidth=1, alpha=0.6)
    ax.set_xlabel("x")
    ax.set_title({"zh": "Tanh 及其导数（与 Sigmoid 对比）", "en": "Tanh and its derivative (Sigmoid for comparison)"}[lang])
    ax.legend()
    return fig
