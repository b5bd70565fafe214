"""Soft Dice loss and Dice + cross-entropy for semantic segmentation."""
import torch
import torch.nn.functional as F
from torch import nn


class DiceLoss(nn.Module):
    r"""Soft Dice loss for multiclass segmentation, computed from logits.

    With :math:`p = \mathrm{softmax}(x)` over the class dimension and
    :math:`g` the one-hot target, each class :math:`c` gets one Dice score,
    summed over the batch and all spatial positions :math:`i`:

    .. math::
        D_c = \frac{2 \sum_i p_{ic} g_{ic} + s}{\sum_i p_{ic} + \sum_i g_{ic} + s},
        \qquad
        \ell = 1 - \frac{1}{C} \sum_{c=1}^{C} D_c .

    A class absent from both prediction and target gets :math:`D_c = s / s = 1`.

    Args:
        smooth (float): :math:`s`, added to numerator and denominator.
            Default: ``1.0``.

    Shape:
        - Input: :math:`(N, C, d_1, ..., d_K)` logits.
        - Target: :math:`(N, d_1, ..., d_K)` class indices in :math:`[0, C)`.
        - Output: scalar.

    Example::

        >>> loss_fn = DiceLoss(smooth=1.0)
        >>> loss = loss_fn(torch.randn(2, 3, 8, 8, requires_grad=True), torch.randint(0, 3, (2, 8, 8)))
        >>> loss.backward()
    """

    def __init__(self, smooth=1.0):
        super().__init__()
        self.smooth = smooth

    def forward(self, input, target):
        c = input.shape[1]
        # (N, C, *) -> (N, *, C) is a non-contiguous view, so flatten it
        # with reshape, not view / 换位后的张量不连续，要用 reshape 展平，不能用 view
        probs = input.softmax(dim=1).movedim(1, -1).reshape(-1, c)  # (N*P, C)
        one_hot = F.one_hot(target, c).reshape(-1, c).to(probs.dtype)  # (N*P, C)
        intersection = (probs * one_hot).sum(dim=0)
        total = probs.sum(dim=0) + one_hot.sum(dim=0)
        dice = (2 * intersection + self.smooth) / (total + self.smooth)
        return 1 - dice.mean()

    def extra_repr(self):
        return f"smooth={self.smooth}"


class DiceCELoss(nn.Module):
    r"""Weighted sum of cross-entropy and soft Dice loss.

    .. math::
        \ell = \lambda_{\mathrm{ce}} \, \mathrm{CE}(x, y)
             + \lambda_{\mathrm{dice}} \, \mathrm{Dice}(x, y)

    where CE is ``F.cross_entropy`` with ``reduction='mean'`` (mean over all
    pixels) and Dice is :class:`DiceLoss`.

    Args:
        ce_weight (float): :math:`\lambda_{\mathrm{ce}}`. Default: ``1.0``.
        dice_weight (float): :math:`\lambda_{\mathrm{dice}}`. Default: ``1.0``.
        smooth (float): smoothing term of the Dice part. Default: ``1.0``.

    Shape:
        - Input: :math:`(N, C, d_1, ..., d_K)` logits.
        - Target: :math:`(N, d_1, ..., d_K)` class indices in :math:`[0, C)`.
        - Output: scalar.

    Example::

        >>> loss_fn = DiceCELoss(ce_weight=1.0, dice_weight=1.0)
        >>> loss = loss_fn(torch.randn(2, 3, 8, 8, requires_grad=True), torch.randint(0, 3, (2, 8, 8)))
        >>> loss.backward()
    """

    def __init__(self, ce_weight=1.0, dice_weight=1.0, smooth=1.0):
        super().__init__()
        self.ce_weight = ce_weight
        self.dice_weight = dice_weight
        self.dice = DiceLoss(smooth=smooth)

    def forward(self, input, target):
        ce = F.cross_entropy(input, target)
        return self.ce_weight * ce + self.dice_weight * self.dice(input, target)

    def extra_repr(self):
        return f"ce_weight={self.ce_weight}, dice_weight={self.dice_weight}"


if __name__ == "__main__":
    import math

    torch.manual_seed(0)
    N, C, H, W = 2, 3, 3, 3
    logits = torch.randn(N, C, H, W, requires_grad=True)
    target = torch.randint(0, C, (N, H, W))

    dice_fn = DiceLoss(smooth=1.0)
    dice = dice_fn(logits, target)
    print("DiceLoss(smooth=1):", dice.detach())

    # By hand: softmax of every pixel, then per-class sums / 手算：逐像素 softmax，再按类别求和
    x, y = logits.tolist(), target.tolist()
    inter, sum_p, sum_g = [0.0] * C, [0.0] * C, [0.0] * C
    for n in range(N):
        for h in range(H):
            for w in range(W):
                exps = [math.exp(x[n][c][h][w]) for c in range(C)]
                for c in range(C):
                    p = exps[c] / sum(exps)
                    g = 1.0 if y[n][h][w] == c else 0.0
                    inter[c] += p * g
                    sum_p[c] += p
                    sum_g[c] += g
    per_class = [(2 * inter[c] + 1) / (sum_p[c] + sum_g[c] + 1) for c in range(C)]
    print("Dice per class by hand:", ", ".join(f"{d:.4f}" for d in per_class))
    print("1 - mean by hand:  ", f"{1 - sum(per_class) / C:.4f}")

    dice_ce = DiceCELoss(ce_weight=1.0, dice_weight=1.0)
    print(dice_ce)
    print("DiceCELoss:", dice_ce(logits, target).detach(),
          "| CE + Dice:", (F.cross_entropy(logits, target) + dice).detach())
    dice_ce(logits, target).backward()
    print("gradient finite:", torch.isfinite(logits.grad).all().item(), "| grad shape:", tuple(logits.grad.shape))

    # Flattening logits to (N*H*W, C), as for a per-pixel classifier
    # 把 logits 展平成 (N*H*W, C)，像逐像素分类那样
    moved = logits.detach().movedim(1, -1)  # (N, H, W, C), same as permute(0, 2, 3, 1)
    print("contiguous:", moved.is_contiguous(), "| stride:", moved.stride())
    try:
        moved.view(-1, C)
    except RuntimeError as e:
        print("RuntimeError:", e)
    print("reshape:", tuple(moved.reshape(-1, C).shape),
          "| contiguous().view:", tuple(moved.contiguous().view(-1, C).shape),
          "| same values:", torch.equal(moved.reshape(-1, C), moved.contiguous().view(-1, C)))

    # Hard Dice and IoU on a 4x4 mask you can count by eye / 能用眼睛数的 4x4 掩码
    truth_list = [[0, 0, 0, 0],
                  [0, 1, 1, 0],
                  [0, 1, 1, 0],
                  [0, 0, 0, 0]]
    pred_list = [[0, 0, 0, 0],
                 [0, 1, 1, 1],
                 [0, 1, 0, 0],
                 [0, 0, 0, 0]]
    truth = torch.tensor(truth_list).bool()
    pred = torch.tensor(pred_list).bool()
    inter_t = (pred & truth).sum()
    union_t = (pred | truth).sum()
    dice_t = 2 * inter_t / (pred.sum() + truth.sum())
    iou_t = inter_t / union_t
    print("|pred|, |truth|, |pred & truth|, |pred | truth|:",
          pred.sum().item(), truth.sum().item(), inter_t.item(), union_t.item())
    print("Dice:", dice_t, "| IoU:", iou_t, "| Dice / (2 - Dice):", dice_t / (2 - dice_t))
    # Counting pixel coordinates instead / 改为数像素坐标
    cells_pred = {(i, j) for i in range(4) for j in range(4) if pred_list[i][j]}
    cells_truth = {(i, j) for i in range(4) for j in range(4) if truth_list[i][j]}
    print("by hand: Dice", 2 * len(cells_pred & cells_truth) / (len(cells_pred) + len(cells_truth)),
          "| IoU", len(cells_pred & cells_truth) / len(cells_pred | cells_truth))

    # The soft loss for a confident version of that prediction / 这个预测的“自信”版本的软损失
    conf = torch.stack([~pred, pred]).float().mul(20.0).sub(10.0).unsqueeze(0)  # (1, 2, 4, 4) logits
    label = truth.long().unsqueeze(0)
    print("DiceLoss(smooth=0):", DiceLoss(smooth=0.0)(conf, label),
          "| DiceLoss(smooth=1):", DiceLoss(smooth=1.0)(conf, label))


def figure_dice_vs_ce(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("前景像素上的预测概率 p", "交叉熵（对全部像素求平均）", "Dice 损失（smooth=1）", "前景占 {}%"),
        "en": ("predicted probability $p$ on foreground pixels", "cross-entropy (mean over all pixels)",
               "Dice loss (smooth=1)", "foreground {}%"),
    }[lang]
    pixels = 400
    ps = torch.linspace(0.02, 0.98, 49)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for k in (4, 40, 200):
        target = torch.zeros(1, pixels, dtype=torch.long)
        target[0, :k] = 1
        ce_vals, dice_vals = [], []
        for p in ps:
            # foreground pixels: P(class 1) = p; background pixels: P(class 1) = 0.001
            # 前景像素的前景概率为 p，背景像素为 0.001
            fg = torch.where(target == 1, p, torch.tensor(0.001))
            logits = torch.stack([torch.zeros_like(fg), torch.log(fg / (1 - fg))], dim=1)
            ce_vals.append(F.cross_entropy(logits, target).item())
            dice_vals.append(DiceLoss(smooth=1.0)(logits, target).item())
        label = text[3].format(100 * k // pixels)
        ax1.plot(ps, ce_vals, label=label)
        ax2.plot(ps, dice_vals, label=label)
    ax1.set_title(text[1])
    ax2.set_title(text[2])
    for ax in (ax1, ax2):
        ax.set_xlabel(text[0])
        ax.legend()
    fig.tight_layout()
    return fig
