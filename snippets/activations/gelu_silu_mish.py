import math

import torch
import torch.nn.functional as F

# All three are x * gate(x); the gates differ / 三者都是 x 乘一个门，门不同
x = torch.tensor([-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0])
print("x:                    ", x)
print("GELU gate Phi(x):     ", 0.5 * (1 + torch.erf(x / math.sqrt(2))))
print("SiLU gate sigmoid(x): ", torch.sigmoid(x))
print("Mish gate tanh(sp(x)):", torch.tanh(F.softplus(x)))

# Minimum, its location, and the slope at 0 (float64 grid) / 最小值、位置与 0 处斜率
xs = torch.linspace(-5, 5, 100001, dtype=torch.float64, requires_grad=True)
for name, f in [("GELU", F.gelu), ("SiLU", F.silu), ("Mish", F.mish)]:
    ys = f(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    i, zero = ys.argmin(), xs.detach().abs().argmin()
    print(f"{name}: min {ys[i].item():.4f} at x = {xs[i].item():.4f}, slope at 0 = {grad[zero].item():.4f}")

# GELU's sigmoid approximation x * sigmoid(1.702 x) is not in PyTorch; it is
# further from exact GELU than the tanh version / PyTorch 没有这个 sigmoid 近似，它比 tanh 版更偏离精确值
exact = F.gelu(xs.detach())
print(f"max |GELU - x*sigmoid(1.702x)| = {(exact - xs.detach() * torch.sigmoid(1.702 * xs.detach())).abs().max().item():.4f}")
print(f"max |GELU - tanh version|      = {(exact - F.gelu(xs.detach(), approximate='tanh')).abs().max().item():.4f}")


def figure_negative_region(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-6, 1, 701)
    fig, ax = plt.subplots()
    ax.plot(xs, F.relu(xs), linestyle=":", label="ReLU")
    for name, f in [("GELU", F.gelu), ("SiLU", F.silu), ("Mish", F.mish)]:
        ax.plot(xs, f(xs), label=name)
    ax.set_ylim(-0.5, 1.0)
    ax.set_xlabel("x")
    ax.set_title({"zh": "负半轴：GELU、SiLU、Mish 与 ReLU", "en": "Negative region: GELU, SiLU, Mish and ReLU"}[lang])
    ax.legend()
    return fig
