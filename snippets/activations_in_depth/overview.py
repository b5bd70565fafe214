import torch
from torch import nn

torch.manual_seed(0)

# The activation modules of this chapter, with their defaults and parameter counts
# 本章用到的激活模块：默认参数与可学习参数个数
MODULES = [
    nn.Sigmoid(), nn.Tanh(), nn.ReLU(), nn.LeakyReLU(), nn.PReLU(), nn.ELU(),
    nn.GELU(), nn.SiLU(), nn.Mish(), nn.Softplus(), nn.Softmax(dim=-1),
]
for m in MODULES:
    n_params = sum(p.numel() for p in m.parameters())
    print(f"{str(m):40s} learnable parameters: {n_params}")

# Same input shape in, same shape out (Softmax: normalised along dim)
# 输入输出形状相同（Softmax 沿 dim 归一化）
x = torch.randn(2, 3, 5)
print("shapes:", {tuple(m(x).shape) for m in MODULES})
print("softmax sums along dim=-1:", nn.Softmax(dim=-1)(x).sum(dim=-1))


def figure_gallery(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 4, 401, requires_grad=True)
    fig, axes = plt.subplots(3, 3, figsize=(8.4, 7.2), sharex=True)
    for ax, m in zip(axes.flat, [m for m in MODULES if not isinstance(m, (nn.Softmax, nn.PReLU))]):
        ys = m(xs)
        (grad,) = torch.autograd.grad(ys.sum(), xs)
        ax.plot(xs.detach(), ys.detach(), label="f")
        ax.plot(xs.detach(), grad, linestyle="--", label="f'")
        ax.set_title(type(m).__name__, fontsize=11)
    axes[0, 0].legend(fontsize=9)
    fig.suptitle({"zh": "九个激活函数（实线）及其导数（虚线，自动求导）",
                  "en": "Nine activations (solid) and their derivatives (dashed, autograd)"}[lang],
                 fontsize=11)
    fig.tight_layout()
    return fig
