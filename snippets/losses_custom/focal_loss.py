"""Focal loss (Lin et al., 2017) for multiclass and binary classification."""
import math

import torch
import torch.nn.functional as F
from torch import nn


class FocalLoss(nn.Module):
    r"""Multiclass focal loss computed from logits.

    For one example with logits :math:`x` and target class :math:`y`,

    .. math::
        p_t = \mathrm{softmax}(x)_y, \qquad
        \ell = -\alpha_y \, (1 - p_t)^{\gamma} \log p_t .

    With ``gamma=0`` and ``alpha=None`` this is ``nn.CrossEntropyLoss``.

    Args:
        alpha (float, sequence of C floats or None): weight of each class
            (a sequence), one weight for all classes (a float) or no weight
            (``None``). Default: ``None``.
        gamma (float): focusing parameter :math:`\gamma \ge 0`. Default: ``2.0``.
            With :math:`0 < \gamma < 1` an example whose :math:`p_t` rounds
            to exactly 1 gets a ``nan`` gradient; :math:`\gamma = 0` or
            :math:`\gamma \ge 1` is safe.
        reduction (str): ``'none'`` | ``'mean'`` | ``'sum'``. ``'mean'`` is the
            plain mean over all elements (not divided by the sum of the
            class weights, unlike ``nn.CrossEntropyLoss(weight=...)``).
            Default: ``'mean'``.

    Shape:
        - Input: :math:`(N, C)` or :math:`(N, C, d_1, ..., d_K)` logits.
        - Target: :math:`(N)` or :math:`(N, d_1, ..., d_K)` class indices in
          :math:`[0, C)`.
        - Output: scalar; :math:`(N)` or :math:`(N, d_1, ..., d_K)` with
          ``reduction='none'``.

    Example::

        >>> loss_fn = FocalLoss(alpha=[0.25, 0.75], gamma=2.0)
        >>> loss = loss_fn(torch.randn(4, 2, requires_grad=True), torch.tensor([0, 1, 1, 0]))
        >>> loss.backward()
    """

    def __init__(self, alpha=None, gamma=2.0, reduction="mean"):
        super().__init__()
        if reduction not in ("none", "mean", "sum"):
            raise ValueError(f"invalid reduction: {reduction!r}")
        self.gamma = gamma
        self.reduction = reduction
        # A buffer follows .to(device) / 缓冲区会随 .to(device) 移动
        self.register_buffer("alpha", None if alpha is None else torch.as_tensor(alpha, dtype=torch.float32))

    def forward(self, input, target):
        log_p = F.log_softmax(input, dim=1)  # stable, never log(0) / 数值稳定
        log_pt = log_p.gather(1, target.unsqueeze(1)).squeeze(1)
        pt = log_pt.exp()
        loss = -((1 - pt) ** self.gamma) * log_pt
        if self.alpha is not None:
            alpha_t = self.alpha if self.alpha.ndim == 0 else self.alpha[target]
            loss = alpha_t * loss
        if self.reduction == "mean":
            return loss.mean()
        if self.reduction == "sum":
            return loss.sum()
        return loss

    def extra_repr(self):
        alpha = None if self.alpha is None else self.alpha.tolist()
        return f"alpha={alpha}, gamma={self.gamma}, reduction={self.reduction!r}"


class BinaryFocalLoss(nn.Module):
    r"""Binary (sigmoid) focal loss computed from logits.

    For a logit :math:`x` and a target :math:`y \in \{0, 1\}`, with
    :math:`p = \sigma(x)`,

    .. math::
        p_t = y p + (1 - y)(1 - p), \qquad
        \alpha_t = y \alpha + (1 - y)(1 - \alpha), \qquad
        \ell = -\alpha_t \, (1 - p_t)^{\gamma} \log p_t .

    ``alpha=None`` drops :math:`\alpha_t`; with ``gamma=0`` as well this is
    ``nn.BCEWithLogitsLoss``. Each element is an independent binary problem,
    so it also serves multilabel classification.

    Args:
        alpha (float or None): weight of the positive class; negatives get
            :math:`1 - \alpha`. Default: ``0.25``.
        gamma (float): focusing parameter :math:`\gamma \ge 0`. Default: ``2.0``.
            With :math:`0 < \gamma < 1` an example whose :math:`p_t` rounds
            to exactly 1 gets a ``nan`` gradient; :math:`\gamma = 0` or
            :math:`\gamma \ge 1` is safe.
        reduction (str): ``'none'`` | ``'mean'`` | ``'sum'``. Default: ``'mean'``.

    Shape:
        - Input: :math:`(*)` logits.
        - Target: :math:`(*)`, same shape, float 0/1.
        - Output: scalar; :math:`(*)` with ``reduction='none'``.

    Example::

        >>> loss_fn = BinaryFocalLoss(alpha=0.25, gamma=2.0)
        >>> loss = loss_fn(torch.randn(8, 3, requires_grad=True), torch.randint(0, 2, (8, 3)).float())
        >>> loss.backward()
    """

    def __init__(self, alpha=0.25, gamma=2.0, reduction="mean"):
        super().__init__()
        if reduction not in ("none", "mean", "sum"):
            raise ValueError(f"invalid reduction: {reduction!r}")
        self.alpha = alpha
        self.gamma = gamma
        self.reduction = reduction

    def forward(self, input, target):
        # -log p_t, computed stably from logits / 由 logits 稳定地算出 -log p_t
        ce = F.binary_cross_entropy_with_logits(input, target, reduction="none")
        p = torch.sigmoid(input)
        pt = target * p + (1 - target) * (1 - p)
        loss = (1 - pt) ** self.gamma * ce
        if self.alpha is not None:
            loss = (target * self.alpha + (1 - target) * (1 - self.alpha)) * loss
        if self.reduction == "mean":
            return loss.mean()
        if self.reduction == "sum":
            return loss.sum()
        return loss

    def extra_repr(self):
        return f"alpha={self.alpha}, gamma={self.gamma}, reduction={self.reduction!r}"


if __name__ == "__main__":
    torch.set_printoptions(sci_mode=False)  # 0.0008, not 7.9647e-04
    # Three examples, three classes: easy, medium, hard / 三个样本：易、中、难
    logits_list = [[3.0, 0.5, -1.0], [0.2, 1.0, 0.4], [2.0, 0.1, -0.5]]
    target_list = [0, 1, 2]
    logits = torch.tensor(logits_list, requires_grad=True)
    target = torch.tensor(target_list)

    alpha = [0.5, 1.0, 2.0]  # one weight per class / 每个类别一个权重
    focal = FocalLoss(alpha=alpha, gamma=2.0)
    print(focal)
    value = focal(logits, target)
    print("FocalLoss(alpha=[0.5, 1, 2], gamma=2):", value.detach())

    # The same number from the formula, with plain Python loops / 用纯 Python 循环按公式再算一遍
    terms = []
    for row, y in zip(logits_list, target_list):
        pt = math.exp(row[y]) / sum(math.exp(v) for v in row)
        terms.append(-alpha[y] * (1 - pt) ** 2 * math.log(pt))
    print("by hand:                              ", f"{sum(terms) / len(terms):.4f}")

    # gamma shrinks easy examples far more than hard ones / gamma 对易分样本压得更狠
    ce_each = F.cross_entropy(logits, target, reduction="none").detach()
    fl_each = FocalLoss(gamma=2.0, reduction="none")(logits, target).detach()
    print("p_t:              ", torch.exp(-ce_each))
    print("CE per example:   ", ce_each)
    print("focal per example:", fl_each)
    print("focal / CE:       ", fl_each / ce_each)

    # gamma = 0 and alpha = None: exactly cross-entropy / 退化为交叉熵
    fl0 = FocalLoss(alpha=None, gamma=0.0)(logits, target)
    ce = nn.CrossEntropyLoss()(logits, target)
    print("gamma=0:", fl0.detach(), "| CrossEntropyLoss:", ce.detach(), "| close:", torch.allclose(fl0, ce))
    # with per-class alpha, compare sums: CE's 'mean' divides by sum(weight[target])
    # 带类别权重时比较求和：CE 的 'mean' 除以的是 weight[target] 之和
    fl0w = FocalLoss(alpha=alpha, gamma=0.0, reduction="sum")(logits, target)
    cew = nn.CrossEntropyLoss(weight=torch.tensor(alpha), reduction="sum")(logits, target)
    print("gamma=0, alpha=weight, sum:", fl0w.detach(), "| CE(weight, sum):", cew.detach())

    # Binary / multilabel version / 二元（多标签）版本
    x_list = [2.0, -1.0, 0.5, -3.0]
    y_list = [1.0, 0.0, 0.0, 1.0]
    x = torch.tensor(x_list)
    y = torch.tensor(y_list)
    bfl = BinaryFocalLoss(alpha=0.25, gamma=2.0)(x, y)
    terms = []
    for xi, yi in zip(x_list, y_list):
        p = 1 / (1 + math.exp(-xi))
        pt = p if yi == 1 else 1 - p
        at = 0.25 if yi == 1 else 0.75
        terms.append(-at * (1 - pt) ** 2 * math.log(pt))
    print("BinaryFocalLoss(alpha=0.25, gamma=2):", bfl, "| by hand:", f"{sum(terms) / len(terms):.4f}")
    b0 = BinaryFocalLoss(alpha=None, gamma=0.0)(x, y)
    bce = nn.BCEWithLogitsLoss()(x, y)
    print("gamma=0, alpha=None:", b0, "| BCEWithLogitsLoss:", bce, "| close:", torch.allclose(b0, bce))

    # Confident logits: log_softmax keeps the loss and its gradient finite
    # 极端 logits：log_softmax 让损失和梯度都保持有限
    extreme = torch.tensor([[100.0, -100.0, 0.0], [-100.0, 100.0, 0.0]], requires_grad=True)
    loss = FocalLoss()(extreme, torch.tensor([0, 0]))
    loss.backward()
    print("log_softmax:    loss", loss.detach(), "| finite grad:", torch.isfinite(extreme.grad).all().item())
    # softmax first, log afterwards: p_t underflows to 0 and log(0) = -inf
    # 先 softmax 再取 log：p_t 下溢为 0，log(0) = -inf
    extreme.grad = None
    pt = torch.softmax(extreme, dim=1)[:, 0]
    naive = (-((1 - pt) ** 2) * torch.log(pt)).mean()
    naive.backward()
    print("softmax + log:  loss", naive.detach(), "| finite grad:", torch.isfinite(extreme.grad).all().item())

    # Binary: p_t from sigmoid rounds to exactly 0 here, but -log p_t comes from
    # binary_cross_entropy_with_logits and stays finite
    # 二元：这里由 sigmoid 得到的 p_t 舍入成 0，但 -log p_t 来自 BCE with logits，仍然有限
    xb = torch.tensor([100.0, -100.0], requires_grad=True)
    yb = torch.tensor([0.0, 1.0])  # both confidently wrong / 两个都错得很自信
    pt = yb * torch.sigmoid(xb) + (1 - yb) * (1 - torch.sigmoid(xb))
    loss = BinaryFocalLoss(reduction="none")(xb, yb)
    loss.sum().backward()
    print("binary: p_t", pt.detach(), "| loss", loss.detach(), "| finite grad:", torch.isfinite(xb.grad).all().item())


def figure_focal(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("正确类别的概率 pₜ", "损失", "调制因子 (1 − pₜ)ᵞ", "Focal loss（γ = 0 即交叉熵）"),
        "en": ("probability of the true class $p_t$", "loss", "modulating factor $(1-p_t)^\\gamma$",
               "Focal loss ($\\gamma=0$ is cross-entropy)"),
    }[lang]
    pt = torch.linspace(0.01, 0.99, 197)
    logit = torch.log(pt / (1 - pt))  # sigmoid(logit) = p_t for target 1
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for gamma in (0.0, 0.5, 1.0, 2.0, 5.0):
        loss = BinaryFocalLoss(alpha=None, gamma=gamma, reduction="none")(logit, torch.ones_like(pt))
        ax1.plot(pt, loss, label=f"$\\gamma={gamma:g}$")
        ax2.plot(pt, (1 - pt) ** gamma, label=f"$\\gamma={gamma:g}$")
    ax1.set_xlabel(text[0])
    ax1.set_ylabel(text[1])
    ax1.set_title(text[3])
    ax1.legend()
    ax2.set_xlabel(text[0])
    ax2.set_title(text[2])
    ax2.legend()
    fig.tight_layout()
    return fig


def figure_focal_gamma(lang="zh", gamma=2.0):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("正确类别的概率 pₜ", "损失", "调制因子 (1 − pₜ)ᵞ", "交叉熵（γ = 0）"),
        "en": ("probability of the true class $p_t$", "loss", "modulating factor $(1-p_t)^\\gamma$",
               "cross-entropy ($\\gamma=0$)"),
    }[lang]
    pt = torch.linspace(0.01, 0.99, 197)
    logit = torch.log(pt / (1 - pt))  # sigmoid(logit) = p_t for target 1
    ce = BinaryFocalLoss(alpha=None, gamma=0.0, reduction="none")(logit, torch.ones_like(pt))
    loss = BinaryFocalLoss(alpha=None, gamma=gamma, reduction="none")(logit, torch.ones_like(pt))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ax1.plot(pt, ce, linestyle=":", label=text[3])
    ax1.plot(pt, loss, label=f"Focal loss, $\\gamma={gamma:g}$")
    ax2.plot(pt, (1 - pt) ** gamma, label=f"$\\gamma={gamma:g}$")
    ax1.set_ylim(-0.1, 4.7)
    ax2.set_ylim(-0.05, 1.05)
    ax1.set_xlabel(text[0])
    ax1.set_ylabel(text[1])
    ax1.legend()
    ax2.set_xlabel(text[0])
    ax2.set_title(text[2])
    ax2.legend()
    fig.tight_layout()
    return fig
