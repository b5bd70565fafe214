import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
# 2 samples, C = 4 classes; target is multi-hot (1 = label present)
# 2 个样本，C = 4 个类别；target 是 multi-hot（1 表示有这个标签）
x = torch.tensor([[0.1, 0.2, 0.4, 0.8],
                  [0.5, -0.3, 0.9, 0.2]], requires_grad=True)
y = torch.tensor([[1.0, 0.0, 0.0, 1.0],
                  [0.0, 0.0, 1.0, 0.0]])
w = torch.tensor([1.0, 1.0, 2.0, 0.5])  # one weight per class / 每个类别一个权重

# By hand: -(1/C) sum_c w_c [y log sigmoid(x) + (1 - y) log sigmoid(-x)]
term = -(y * F.logsigmoid(x) + (1 - y) * F.logsigmoid(-x))  # (N, C)
C = x.shape[1]
print("reduction=none:", nn.MultiLabelSoftMarginLoss(reduction="none")(x, y).detach())
print("by formula:    ", (term.sum(1) / C).detach())
print("with weight:   ", nn.MultiLabelSoftMarginLoss(weight=w, reduction="none")(x, y).detach())
print("by formula:    ", ((term * w).sum(1) / C).detach())
loss = nn.MultiLabelSoftMarginLoss()(x, y)  # reduction="mean": mean over N
print("mean:", loss.detach(), "| sum:", nn.MultiLabelSoftMarginLoss(reduction="sum")(x, y).detach())

# Relation to BCEWithLogitsLoss: equal for "mean"; "none" and "sum" differ
# 与 BCEWithLogitsLoss 的关系："mean" 相等；"none" 和 "sum" 不同
print("BCEWithLogitsLoss mean:      ", nn.BCEWithLogitsLoss()(x, y).detach())
print("BCEWithLogitsLoss sum:       ", nn.BCEWithLogitsLoss(reduction="sum")(x, y).detach())
print("BCEWithLogitsLoss none shape:", tuple(nn.BCEWithLogitsLoss(reduction="none")(x, y).shape))

# Gradient of the mean: (sigmoid(x) - y) / (N C) / mean 的梯度
loss.backward()
print("autograd:  ", x.grad)
print("by formula:", ((torch.sigmoid(x) - y) / x.numel()).detach())

# Pitfall: class indices instead of multi-hot
# 陷阱：用类别索引代替 multi-hot
try:
    F.multilabel_soft_margin_loss(x, torch.tensor([3, 2]))
except RuntimeError as e:
    print("RuntimeError:", e)
# ... and no error at all when N happens to equal C: the (N,) target broadcasts
# …… 当 N 恰好等于 C 时不报错：(N,) 的 target 被广播
x4 = 3 * torch.randn(4, 4)
idx = torch.tensor([3, 0, 1, 2])
print("N = C = 4, index target:", F.multilabel_soft_margin_loss(x4, idx, reduction="none"))
print("= every row's target is [3, 0, 1, 2]:", torch.allclose(
    F.multilabel_soft_margin_loss(x4, idx), F.multilabel_soft_margin_loss(x4, idx.float().expand(4, 4))))


def figure_multilabel_soft_margin(lang="zh"):
    import matplotlib.pyplot as plt

    s = torch.linspace(-6, 6, 601)  # the logit of one class / 某一类别的 logit
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    for target in (1.0, 0.0):
        # C = 4: the other three classes have logit 0 and target 0
        # C = 4：另外三个类别 logit 为 0，target 为 0
        scores = torch.zeros(601, 4)
        scores[:, 0] = s
        scores.requires_grad_()
        y = torch.zeros(601, 4)
        y[:, 0] = target
        loss = F.multilabel_soft_margin_loss(scores, y, reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), scores)
        ax1.plot(s, loss.detach(), label=f"y[0] = {target:g}")
        ax2.plot(s, grad[:, 0], label=f"y[0] = {target:g}")
    ax1.set_title({"zh": "MultiLabelSoftMarginLoss（C = 4）", "en": "MultiLabelSoftMarginLoss (C = 4)"}[lang])
    ax2.set_title({"zh": "对 x[0] 的梯度", "en": "gradient w.r.t. x[0]"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel({"zh": "类别 0 的 logit x[0]", "en": "logit of class 0, x[0]"}[lang])
    ax1.legend()
    return fig
