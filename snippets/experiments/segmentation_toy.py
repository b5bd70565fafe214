"""Toy segmentation: noisy discs and squares on 32x32 images; CE vs Dice vs CE + Dice."""
import torch
import torch.nn.functional as F
from torch import nn

# Deterministic kernels only / 只用确定性算子. warn_only: a GPU has no deterministic
# NLLLoss, so warn there instead of raising / GPU 上 NLLLoss 没有确定性实现，只警告不报错
torch.use_deterministic_algorithms(True, warn_only=True)
torch.set_num_threads(1)  # tiny model: one thread is faster and sums do not depend on the core count
# 小模型：单线程更快，求和顺序也不随 CPU 核数变化
# float64: CPUs round float32 sums differently, and training can grow that into the printed
# digits; in float64 the differences stay far below them (see the chapter's introduction)
# float64：不同 CPU 对 float32 求和的舍入不同，训练可能把差异放大到打印出的数字；float64 下差异远小于打印精度（见本章引言）
torch.set_default_dtype(torch.float64)

SIZE, C = 32, 3  # classes: 0 background, 1 disc, 2 square / 类别：0 背景，1 圆盘，2 正方形
CLASS_NAMES = ["background", "disc", "square"]
N_TRAIN, N_TEST = 160, 96
SEEDS = [0, 1, 2]
EPOCHS, BATCH, LR = 15, 16, 1e-2
NOISE = 1.0  # std of the pixel noise / 像素噪声的标准差
DISC_R = (2.0, 4.0)  # disc radius range in pixels / 圆盘半径范围（像素）
SQUARE_R = (3.0, 6.0)  # square half-side range in pixels / 正方形半边长范围（像素）


def make_images(n):
    """Each image holds 1 to 3 non-overlapping shapes at random places: discs of brightness +1,
    squares of brightness -1, on a background of 0, plus Gaussian noise of std 1. One pixel
    alone is unreliable; the network has to average over neighbours.
    每张图 1 到 3 个互不重叠的图形：圆盘亮度 +1，正方形亮度 -1，背景 0，再加标准差 1 的高斯噪声。
    单个像素不可靠，网络必须综合邻近像素。"""
    yy, xx = torch.meshgrid(torch.arange(SIZE), torch.arange(SIZE), indexing="ij")
    masks = torch.zeros(n, SIZE, SIZE, dtype=torch.long)
    for i in range(n):
        for _ in range(int(torch.randint(1, 4, ()))):
            cls = int(torch.randint(1, 3, ()))
            lo, hi = DISC_R if cls == 1 else SQUARE_R
            r = lo + (hi - lo) * torch.rand(()).item()
            cy, cx = (7 + (SIZE - 14) * torch.rand(2)).tolist()
            if cls == 1:
                inside = (yy - cy) ** 2 + (xx - cx) ** 2 <= r ** 2
            else:
                inside = ((yy - cy).abs() <= r) & ((xx - cx).abs() <= r)
            near = F.max_pool2d(inside[None].double(), 5, 1, 2)[0] > 0  # + 2 px margin
            if (masks[i][near] == 0).all():  # skip shapes that would touch another / 会碰到别的图形就跳过
                masks[i][inside] = cls
    brightness = torch.tensor([0.0, 1.0, -1.0])  # background, disc, square / 背景、圆盘、正方形
    images = brightness[masks] + NOISE * torch.randn(n, SIZE, SIZE)
    return images[:, None], masks  # (N, 1, H, W), (N, H, W)


def make_net():
    # Fully convolutional: two 3x3 convolutions (the second dilated) and a 1x1 classifier;
    # receptive field 7 x 7. 全卷积：两个 3x3 卷积（第二个带空洞）加 1x1 分类层，感受野 7 x 7。
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
        nn.Conv2d(16, 16, 3, padding=2, dilation=2), nn.ReLU(),
        nn.Conv2d(16, C, 1),
    )


def ce_loss(logits, masks):
    # (N, C, H, W) -> (N*H*W, C); permute makes it non-contiguous, so reshape, not view
    # permute 之后不连续，所以用 reshape 而不是 view
    return F.cross_entropy(logits.permute(0, 2, 3, 1).reshape(-1, C), masks.reshape(-1))


def dice_loss(logits, masks, eps=1.0):
    """Soft Dice: 1 - mean over classes of (2 sum(p*g) + eps) / (sum(p) + sum(g) + eps),
    sums over the whole batch and all pixels; background included.
    软 Dice：对整个批量和所有像素求和，再对类别（含背景）取平均。"""
    p = logits.softmax(1)
    g = F.one_hot(masks, C).permute(0, 3, 1, 2).to(p.dtype)
    inter = (p * g).sum((0, 2, 3))
    dice = (2 * inter + eps) / (p.sum((0, 2, 3)) + g.sum((0, 2, 3)) + eps)
    return 1 - dice.mean()


LOSSES = {
    "CE": ce_loss,
    "Dice": dice_loss,
    "CE + Dice": lambda logits, masks: ce_loss(logits, masks) + dice_loss(logits, masks),
}


def scores(pred, masks):
    """IoU and Dice per class over the WHOLE held-out set: intersections and unions are
    summed over all images first, then divided. A class absent from both prediction and
    ground truth everywhere would give 0/0: reported as nan, never as 0 or 1.
    在整个留出集上按类别统计：先对所有图像累加交集与并集再相除；
    若某类在预测和真实值中都完全不存在，得到 0/0，记为 nan，既不算 0 也不算 1。"""
    iou, dice = [], []
    for c in range(C):
        p, g = pred == c, masks == c
        inter = (p & g).sum().item()
        union = (p | g).sum().item()
        size = p.sum().item() + g.sum().item()
        iou.append(inter / union if union else float("nan"))
        dice.append(2 * inter / size if size else float("nan"))
    return iou, dice


torch.manual_seed(0)
x_tr, m_tr = make_images(N_TRAIN)
x_te, m_te = make_images(N_TEST)  # held-out images, never trained on / 留出图像，不参与训练

results = {name: [] for name in LOSSES}  # per seed: (iou list, dice list)
models = {}
for name, loss_fn in LOSSES.items():
    for seed in SEEDS:
        torch.manual_seed(seed)
        net = make_net()
        opt = torch.optim.Adam(net.parameters(), lr=LR)
        for _ in range(EPOCHS):
            for idx in torch.randperm(N_TRAIN).split(BATCH):
                loss = loss_fn(net(x_tr[idx]), m_tr[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
        with torch.no_grad():
            pred = net(x_te).argmax(1)
        results[name].append(scores(pred, m_te))
        if seed == 0:
            models[name] = net


def ms(values):
    t = torch.tensor(values, dtype=torch.float64)
    return f"{t.mean().item():.3f} ± {t.std().item():.3f}"  # std with n - 1 / 无偏标准差


frac = torch.bincount(m_te.reshape(-1), minlength=C) / m_te.numel()
print("held-out pixels per class:", [round(v, 3) for v in frac.tolist()])
print("images with each class:", [int((m_te == c).flatten(1).any(1).sum()) for c in range(C)], "of", N_TEST)
print(f"held-out IoU and Dice per class, mean ± std over {len(SEEDS)} seeds")
print(f"{'':10s}" + "".join(f"{'IoU ' + n:>16s}" for n in CLASS_NAMES[1:]) + f"{'mIoU (3 cls)':>16s}"
      + "".join(f"{'Dice ' + n:>16s}" for n in CLASS_NAMES[1:]))
for name, runs in results.items():
    iou = [r[0] for r in runs]
    dice = [r[1] for r in runs]
    print(f"{name:10s}"
          + "".join(f"{ms([v[c] for v in iou]):>16s}" for c in (1, 2))
          + f"{ms([sum(v) / C for v in iou]):>16s}"
          + "".join(f"{ms([v[c] for v in dice]):>16s}" for c in (1, 2)))
print("seed 0, mean softmax probability of 'disc' on held-out disc pixels:")
with torch.no_grad():
    for name, net in models.items():
        p_disc = net(x_te).softmax(1)[:, 1][m_te == 1].mean().item()
        print(f"  {name:10s} {p_disc:.3f}")


def figure_examples(lang="zh"):
    import matplotlib.pyplot as plt

    picks = [i for i in range(N_TEST) if (m_te[i] == 1).any() and (m_te[i] == 2).any()][:3]
    cols = [{"zh": "输入", "en": "input"}[lang], {"zh": "真实值", "en": "ground truth"}[lang], *LOSSES]
    fig, axes = plt.subplots(len(picks), len(cols), figsize=(9.6, 2.0 * len(picks) + 0.4))
    with torch.no_grad():
        preds = {name: net(x_te[picks]).argmax(1) for name, net in models.items()}
    for r, i in enumerate(picks):
        axes[r, 0].imshow(x_te[i, 0])
        axes[r, 1].imshow(m_te[i], vmin=0, vmax=C - 1)
        for k, name in enumerate(LOSSES):
            axes[r, 2 + k].imshow(preds[name][r], vmin=0, vmax=C - 1)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    for ax, title in zip(axes[0], cols):
        ax.set_title(title, fontsize=10)
    fig.suptitle({"zh": "留出图像与种子 0 的预测（同一颜色 = 同一类别）",
                  "en": "Held-out images and seed-0 predictions (same colour = same class)"}[lang],
                 fontsize=11)
    fig.tight_layout()
    return fig
