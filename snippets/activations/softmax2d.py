import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
m = nn.Softmax2d()

# (N, C, H, W): softmax over C at every pixel / 在每个像素上对 C 做 softmax
x = torch.randn(2, 3, 2, 2)
p = m(x)
print("input", tuple(x.shape), "-> output", tuple(p.shape))
print("sums over C (dim=1):")
print(p.sum(dim=1))
print("== F.softmax(x, dim=-3):", torch.equal(p, F.softmax(x, dim=-3)))

# (C, H, W) also works: then C is dim 0 / 也接受 (C, H, W)：这时 C 是第 0 维
x3 = torch.randn(3, 2, 2)
p3 = m(x3)
print("(C, H, W) sums over dim 0:")
print(p3.sum(dim=0))

# Per-pixel class: argmax over C / 每个像素的类别：对 C 取 argmax
print("pixel classes of sample 0:")
print(p[0].argmax(dim=0))

# Other ranks are rejected / 其他维数会报错
try:
    m(torch.randn(3, 4))
except ValueError as e:
    print("ValueError:", e)


def figure_softmax2d(lang="zh"):
    import matplotlib.pyplot as plt

    # three channels of logits that vary smoothly over a 40x40 image
    # 三个通道的 logits 在 40x40 图像上平滑变化
    u = torch.linspace(-1, 1, 40)
    yy, xx = torch.meshgrid(u, u, indexing="ij")
    logits = torch.stack([3 * xx, 3 * yy, -3 * (xx + yy)])  # (C, H, W)
    p = nn.Softmax2d()(logits)
    fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
    for c, ax in enumerate(axes):
        im = ax.imshow(p[c], vmin=0, vmax=1, origin="lower", extent=(-1, 1, -1, 1))
        ax.set_title({"zh": f"通道 {c}", "en": f"channel {c}"}[lang])
        ax.grid(False)
    fig.suptitle({"zh": "Softmax2d：每个像素上各通道的概率",
                  "en": "Softmax2d: probability of each channel at every pixel"}[lang])
    fig.colorbar(im, ax=list(axes), shrink=0.8)
    return fig
