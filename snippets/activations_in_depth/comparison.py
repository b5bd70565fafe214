import copy

import torch
from torch import nn

torch.manual_seed(0)

# Nine activation modules with PyTorch's default arguments / 九个激活模块，均用默认参数
ACTS = {
    "Sigmoid": nn.Sigmoid(),
    "Tanh": nn.Tanh(),
    "ReLU": nn.ReLU(),
    "LeakyReLU": nn.LeakyReLU(),  # negative_slope=0.01
    "ELU": nn.ELU(),  # alpha=1.0
    "GELU": nn.GELU(),  # approximate='none'
    "SiLU": nn.SiLU(),  # x * sigmoid(x), also called Swish
    "Mish": nn.Mish(),  # x * tanh(softplus(x))
    "Softplus": nn.Softplus(),  # beta=1.0, threshold=20.0
}


def value_and_grad(act, x):
    """f(x) and f'(x) from autograd / 用自动求导得到函数值和导数"""
    x = x.detach().clone().requires_grad_(True)
    y = act(x)
    (dy,) = torch.autograd.grad(y.sum(), x)
    return y.detach(), dy


points = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
header = "".join(f"{p:>9.1f}" for p in points.tolist())
print("f(x)      x =" + header)
for name, act in ACTS.items():
    y, _ = value_and_grad(act, points)
    print(f"{name:13s}" + "".join(f"{v:9.4f}" for v in y.tolist()))
print("f'(x)     x =" + header)
for name, act in ACTS.items():
    _, dy = value_and_grad(act, points)
    print(f"{name:13s}" + "".join(f"{v:9.4f}" for v in dy.tolist()))

# Negative region close-up: minimum on [-4, 1] and the value at x = -4
# 负半轴特写：[-4, 1] 上的最小值及其位置，以及 x = -4 处的值
NEG = {
    "SiLU": nn.SiLU(),
    "Mish": nn.Mish(),
    "GELU": nn.GELU(),
    "ELU": nn.ELU(),
    "PReLU": nn.PReLU(),  # one learnable slope, init=0.25
}
print("PReLU slope at init:", NEG["PReLU"].weight.detach())
# float64 grid and a float64 copy of each module: near a minimum the curve is so flat
# that float32 cannot tell neighbouring grid points apart
# float64 网格和各模块的 float64 副本：最小值附近曲线太平，float32 分不清相邻的网格点
grid = torch.linspace(-4, 1, 50001, dtype=torch.float64)
for name, act in NEG.items():
    with torch.no_grad():
        y = copy.deepcopy(act).double()(grid)
    i = int(torch.argmin(y))
    print(f"{name:6s} min {y[i].item():8.4f} at x = {grid[i].item():7.4f} | f(-4) = {y[0].item():8.4f}")


def figure_functions(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 4, 801)
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    for name, act in ACTS.items():
        y, _ = value_and_grad(act, xs)
        ax.plot(xs, y, label=name, linewidth=1.6)
    ax.set_ylim(-1.5, 4)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.set_title({"zh": "九个激活函数", "en": "Nine activation functions"}[lang])
    ax.legend(ncol=3, fontsize=9)
    return fig


def figure_derivatives(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 4, 801)
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    for name, act in ACTS.items():
        _, dy = value_and_grad(act, xs)
        ax.plot(xs, dy, label=name, linewidth=1.6)
    ax.set_xlabel("x")
    ax.set_ylim(-0.2, 1.65)  # room for the legend / 给图例留出空间
    ax.set_ylabel("f'(x)")
    ax.set_title({"zh": "导数（自动求导）", "en": "Derivatives (autograd)"}[lang])
    ax.legend(ncol=3, fontsize=9, loc="upper left")
    return fig


def figure_negative_region(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 1, 501)
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    with torch.no_grad():
        ax.plot(xs, torch.relu(xs), color="gray", linewidth=1, linestyle=":", label="ReLU")
        for name, act in NEG.items():
            y = act(xs)
            line = ax.plot(xs, y, label=name if name != "PReLU" else "PReLU (0.25)")
            i = int(torch.argmin(y))
            if 0 < i < len(xs) - 1:  # interior minimum / 内部最小值
                ax.plot(xs[i], y[i], "o", color=line[0].get_color())
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.set_title({"zh": "负半轴特写（圆点为最小值）",
                  "en": "Negative region close-up (dots mark minima)"}[lang])
    ax.legend()
    return fig


def figure_grid(lang="zh"):
    import matplotlib.pyplot as plt

    groups = [
        ({"zh": "有界：Sigmoid 与 Tanh", "en": "Bounded: Sigmoid and Tanh"}, ["Sigmoid", "Tanh"]),
        ({"zh": "分段：ReLU 家族", "en": "Piecewise: the ReLU family"}, ["ReLU", "LeakyReLU", "ELU"]),
        ({"zh": "光滑、非单调", "en": "Smooth, non-monotonic"}, ["GELU", "SiLU", "Mish"]),
        ({"zh": "Softplus：光滑的 ReLU", "en": "Softplus: a smooth ReLU"}, ["Softplus", "ReLU"]),
    ]
    xs = torch.linspace(-4, 4, 801)
    fig, axes = plt.subplots(2, 2, figsize=(8.4, 6.4), sharex=True)
    for ax, (title, names) in zip(axes.flat, groups):
        for name in names:
            y, dy = value_and_grad(ACTS[name], xs)
            line = ax.plot(xs, y, label=name, linewidth=1.6)
            ax.plot(xs, dy, linestyle="--", linewidth=1.2, color=line[0].get_color())
        ax.set_title(title[lang], fontsize=11)
        ax.legend(fontsize=8)
    for ax in axes[1]:
        ax.set_xlabel("x")
    fig.suptitle({"zh": "实线：f(x)；虚线：f'(x)", "en": "solid: f(x); dashed: f'(x)"}[lang], fontsize=11)
    fig.tight_layout()
    return fig
