import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-1.0, 0.0, 3.0, 6.0, 7.0], requires_grad=True)

# Module, functional form and formula min(max(0, x), 6) / 模块、函数与公式
y = nn.ReLU6()(x)
print("relu6(x):       ", y.detach())
print("min(max(0,x),6):", torch.minimum(torch.maximum(x, torch.tensor(0.0)), torch.tensor(6.0)).detach())
print("same as F.relu6:", torch.equal(y, F.relu6(x)))
print("same as F.hardtanh(x, 0, 6):", torch.equal(y, F.hardtanh(x, 0.0, 6.0)))

# Gradient: 1 only for 0 < x < 6; PyTorch uses 0 at x = 0 and at x = 6
# 梯度：只在 0 < x < 6 内为 1；x = 0 和 x = 6 处 PyTorch 取 0
y.sum().backward()
print("autograd:         ", x.grad)
print("(0 < x) & (x < 6):", ((x > 0) & (x < 6)).float())

# torch.clamp gives the same values, but gradient 1 at both ends
# torch.clamp 数值相同，但两个端点处梯度为 1
x.grad = None
torch.clamp(x, 0.0, 6.0).sum().backward()
print("clamp(x, 0, 6) grad:", x.grad)

# In-place form / 原地版本
a = torch.tensor([-1.0, 8.0])
F.relu6(a, inplace=True)  # also nn.ReLU6(inplace=True)
print("in place:", a)


def figure_relu6(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-3, 9, 1201, requires_grad=True)
    ys = F.relu6(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{ReLU6}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{ReLU6}'(x)$", linestyle="--")
    ax.axvspan(-3, 0, color="gray", alpha=0.12)
    ax.axvspan(6, 9, color="gray", alpha=0.12)
    ax.text(-1.5, 3, {"zh": "梯度为 0", "en": "zero gradient"}[lang], ha="center")
    ax.text(7.5, 3, {"zh": "梯度为 0", "en": "zero gradient"}[lang], ha="center")
    ax.set_xlabel("x")
    ax.set_title({"zh": "ReLU6 及其导数", "en": "ReLU6 and its derivative"}[lang])
    ax.legend(loc="upper left", bbox_to_anchor=(0.02, 0.85))
    return fig
