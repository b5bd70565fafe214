import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
alpha = 1.6732632423543772848170429916717
scale = 1.0507009873554804934193349852946
x = torch.tensor([-10.0, -1.0, 0.0, 1.0, 3.0], requires_grad=True)

act = nn.SELU()  # no arguments besides inplace / 除 inplace 外没有参数
y = act(x)
print("selu(x):    ", y.detach())
print("by formula: ", (scale * (x.clamp(min=0) + (alpha * (torch.exp(x) - 1)).clamp(max=0))).detach())
print("same as F.selu:", torch.equal(y, F.selu(x)))
print("scale * alpha =", round(scale * alpha, 4))

# Derivative: scale for x > 0, scale*alpha*exp(x) for x <= 0 (so scale*alpha at 0)
# 导数：x > 0 为 scale，x <= 0 为 scale*alpha*exp(x)（x = 0 处为 scale*alpha）
y.sum().backward()
print("autograd:   ", x.grad)
print("closed form:", torch.where(x > 0, scale, scale * alpha * torch.exp(x)).detach())

# In-place forms / 原地版本
a = torch.tensor([-1.0, 1.0])
F.selu_(a)  # also F.selu(a, inplace=True), nn.SELU(inplace=True)
print("in place:", a)

# N(0, 1) in, roughly N(0, 1) out: the fixed point SELU was built for
# 输入 N(0, 1)，输出仍约为均值 0、标准差 1：SELU 设计的不动点
z = torch.randn(100000)
print(f"N(0,1) in -> mean {F.selu(z).mean().item():.4f}, std {F.selu(z).std().item():.4f}")


def figure_selu(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 3, 701, requires_grad=True)
    ys = F.selu(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{SELU}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{SELU}'(x)$", linestyle="--")
    ax.axhline(-scale * alpha, linestyle=":", linewidth=1)
    ax.text(2.9, -scale * alpha + 0.12, r"$-\lambda\alpha$", ha="right")
    ax.set_xlabel("x")
    ax.set_title({"zh": "SELU 及其导数", "en": "SELU and its derivative"}[lang])
    ax.legend()
    return fig
