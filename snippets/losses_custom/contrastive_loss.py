"""Pairwise contrastive (margin) loss, after Hadsell, Chopra and LeCun (2006)."""
import torch
from torch import nn


class ContrastiveLoss(nn.Module):
    r"""Pairwise contrastive loss on the Euclidean distance of two embeddings.

    For a pair :math:`(a, b)` with distance :math:`d = \lVert a - b \rVert_2`
    and label :math:`y`,

    .. math::
        \ell = y \, d^2 + (1 - y) \, \max(0, m - d)^2 .

    Convention: ``y = 1`` marks a *similar* pair (pulled together),
    ``y = 0`` a *dissimilar* pair (pushed apart until :math:`d \ge m`).
    Hadsell et al. write the same loss with the opposite labels
    (:math:`Y = 0` similar) and a factor :math:`\tfrac12` on both terms.

    Args:
        margin (float): :math:`m > 0`. Default: ``1.0``.
        reduction (str): ``'none'`` | ``'mean'`` | ``'sum'``. Default: ``'mean'``.

    Shape:
        - Input1, Input2: :math:`(N, D)` embeddings (or :math:`(*, D)`).
        - Target: :math:`(N)` (or :math:`(*)`), float 1 (similar) or 0 (dissimilar).
        - Output: scalar; :math:`(N)` with ``reduction='none'``.

    Example::

        >>> loss_fn = ContrastiveLoss(margin=1.0)
        >>> a, b = torch.randn(4, 8, requires_grad=True), torch.randn(4, 8)
        >>> loss = loss_fn(a, b, torch.tensor([1.0, 0.0, 1.0, 0.0]))
        >>> loss.backward()
    """

    def __init__(self, margin=1.0, reduction="mean"):
        super().__init__()
        if reduction not in ("none", "mean", "sum"):
            raise ValueError(f"invalid reduction: {reduction!r}")
        self.margin = margin
        self.reduction = reduction

    def forward(self, input1, input2, target):
        # vector_norm has a zero (sub)gradient at d = 0; sqrt(sum(...)) gives nan there
        # vector_norm 在 d = 0 处的梯度为 0；sqrt(sum(...)) 在那里给出 nan
        d = torch.linalg.vector_norm(input1 - input2, dim=-1)
        loss = target * d.pow(2) + (1 - target) * torch.clamp(self.margin - d, min=0).pow(2)
        if self.reduction == "mean":
            return loss.mean()
        if self.reduction == "sum":
            return loss.sum()
        return loss

    def extra_repr(self):
        return f"margin={self.margin}, reduction={self.reduction!r}"


if __name__ == "__main__":
    import numpy as np

    torch.manual_seed(0)
    a = torch.randn(4, 3)
    b = torch.randn(4, 3)
    y = torch.tensor([1.0, 0.0, 1.0, 0.0])  # 1 = similar pair, 0 = dissimilar / 1 为相似，0 为不相似

    loss_fn = ContrastiveLoss(margin=2.0, reduction="none")
    print(loss_fn)
    print("distances:     ", torch.linalg.vector_norm(a - b, dim=-1))
    print("per-pair loss: ", loss_fn(a, b, y))

    # By hand with NumPy / 用 NumPy 手算
    A, B, Y = np.array(a.tolist()), np.array(b.tolist()), np.array(y.tolist())
    d = np.sqrt(((A - B) ** 2).sum(axis=1))
    hand = Y * d**2 + (1 - Y) * np.maximum(0.0, 2.0 - d) ** 2
    print("by hand:        ", ", ".join(f"{v:.4f}" for v in hand))
    print("mean:", ContrastiveLoss(margin=2.0)(a, b, y), "| by hand:", f"{hand.mean():.4f}")

    # A dissimilar pair beyond the margin costs nothing and gets no gradient
    # 超出间隔的不相似对，损失和梯度都为 0
    far = torch.tensor([[3.0, 0.0]], requires_grad=True)
    origin = torch.zeros(1, 2)
    loss = ContrastiveLoss(margin=2.0)(far, origin, torch.tensor([0.0]))
    loss.backward()
    print("dissimilar, d=3 > m=2: loss", loss.detach(), "| grad", far.grad)

    # Two identical embeddings labelled dissimilar: d = 0, the largest loss m^2, but no gradient
    # 两个相同的嵌入被标为不相似：d = 0，损失最大（m^2），梯度却为 0
    same = torch.zeros(1, 2, requires_grad=True)
    loss = ContrastiveLoss(margin=2.0)(same, origin, torch.tensor([0.0]))
    loss.backward()
    print("d = 0 with vector_norm: loss", loss.detach(), "| grad", same.grad + 0.0)  # + 0.0 turns -0. into 0.
    same.grad = None
    d_sqrt = torch.sqrt(((same - origin) ** 2).sum(dim=-1))
    torch.clamp(2.0 - d_sqrt, min=0).pow(2).mean().backward()
    print("d = 0 with sqrt(sum):   grad", same.grad)

    # Built-in sibling without squares: HingeEmbeddingLoss takes d and labels +1/-1,
    # so the 0/1 labels become 2 * y - 1
    # 内置的“不平方”版本：HingeEmbeddingLoss 输入距离 d 和 +1/-1 标签，所以 0/1 标签要换成 2 * y - 1
    dist = torch.linalg.vector_norm(a - b, dim=-1)
    hinge = nn.HingeEmbeddingLoss(margin=2.0)(dist, 2 * y - 1)
    hinge_hand = (Y * d + (1 - Y) * np.maximum(0.0, 2.0 - d)).mean()
    print("HingeEmbeddingLoss:", hinge, "| y*d + (1-y)*max(0, m-d) by hand:", f"{hinge_hand:.4f}")
    # Passing the 0/1 labels unchanged raises nothing: a label 0 gets both terms, d + max(0, m - d)
    # 直接传 0/1 标签不会报错：标签为 0 时两项都算上，d + max(0, m - d)
    print("0/1 labels passed unchanged (wrong):", nn.HingeEmbeddingLoss(margin=2.0, reduction="none")(dist, y))


def figure_contrastive(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("嵌入距离 d", "损失", "相似对（y=1）：d²", "不相似对（y=0），m={}", "对比损失与距离"),
        "en": ("embedding distance $d$", "loss", "similar pair (y=1): $d^2$", "dissimilar pair (y=0), m={}",
               "Contrastive loss vs distance"),
    }[lang]
    d = torch.linspace(0, 3, 301)
    emb = torch.stack([d, torch.zeros_like(d)], dim=1)  # points at distance d from the origin
    origin = torch.zeros_like(emb)
    fig, ax = plt.subplots()
    ax.plot(d, ContrastiveLoss(reduction="none")(emb, origin, torch.ones_like(d)), label=text[2])
    for m in (1.0, 2.0):
        loss = ContrastiveLoss(margin=m, reduction="none")(emb, origin, torch.zeros_like(d))
        ax.plot(d, loss, linestyle="--", label=text[3].format(m))
    ax.set_ylim(0, 4)
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.set_title(text[4])
    ax.legend()
    return fig
