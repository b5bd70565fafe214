import torch
import torch.nn.functional as F
from torch import nn

# 2 samples, C = 4 classes / 2 个样本，C = 4 个类别
x = torch.tensor([[0.1, 0.2, 0.4, 0.8],
                  [0.5, -0.3, 0.9, 0.2]], requires_grad=True)
# Target = class indices, padded with -1; reading stops at the first -1
# target 是类别索引，用 -1 填充；读到第一个 -1 就停止
y = torch.tensor([[3, 0, -1, 1],   # targets {3, 0}; the 1 after -1 is ignored
                  [2, -1, 0, 0]])  # targets {2}


def by_hand(x, y):
    losses = []
    for scores, row in zip(x.tolist(), y.tolist()):
        targets = []
        for j in row:
            if j < 0:
                break
            targets.append(j)
        C = len(scores)
        total = 0.0
        for j in targets:  # every target class ...
            for i in range(C):  # ... against every non-target class
                if i not in targets:
                    total += max(0.0, 1.0 - (scores[j] - scores[i]))
        losses.append(total / C)  # divided by the number of classes C
    return torch.tensor(losses)


print("reduction=none:", nn.MultiLabelMarginLoss(reduction="none")(x, y).detach())
print("by hand:       ", by_hand(x, y))
loss = nn.MultiLabelMarginLoss()(x, y)  # reduction="mean": mean over the N samples
print("mean:", loss.detach(), "| sum:", nn.MultiLabelMarginLoss(reduction="sum")(x, y).detach())

# Gradient: +1/(C N) on a non-target per violated pair, -1/(C N) on the target
# 梯度：每个违反间隔的对，非目标类得 +1/(C N)，目标类得 -1/(C N)
loss.backward()
print("grad:", x.grad)

# Pitfall: a multi-hot vector is read as class indices (here: 0, 0, 1, 1)
# 陷阱：multi-hot 向量会被当作类别索引（这里是 0、0、1、1）
multi_hot = torch.tensor([[0, 0, 1, 1]])  # meant: classes 2 and 3
print("multi-hot target:", F.multilabel_margin_loss(x[:1], multi_hot).detach())
print("indices [2, 3]:  ", F.multilabel_margin_loss(x[:1], torch.tensor([[2, 3, -1, -1]])).detach())

# Wrong dtype or shape (CPU messages; the CUDA kernel words some checks differently)
# 错误的 dtype 或形状（CPU 的报错；CUDA 内核的部分措辞不同）
xc = x.detach().cpu()
for bad in (y.float().cpu(), y[:, :2].cpu()):
    try:
        F.multilabel_margin_loss(xc, bad)
    except RuntimeError as e:
        print("RuntimeError:", e)


def figure_multilabel_margin(lang="zh"):
    import matplotlib.pyplot as plt

    d = torch.linspace(-2, 3, 501)  # x[target] - x[other] / 目标类与其他类的得分差
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    for C in (2, 4):
        # class 0 is the only target; all other classes score 0
        # 类别 0 是唯一目标；其余类别得分为 0
        scores = torch.zeros(501, C)
        scores[:, 0] = d
        scores.requires_grad_()
        target = torch.full((501, C), -1, dtype=torch.long)
        target[:, 0] = 0
        loss = F.multilabel_margin_loss(scores, target, reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), scores)
        ax1.plot(d, loss.detach(), label=f"C = {C}")
        ax2.plot(d, grad[:, 0], label=f"C = {C}")
    ax1.set_title("MultiLabelMarginLoss")
    ax2.set_title({"zh": "对目标类得分的梯度", "en": "gradient w.r.t. the target's score"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel({"zh": "x[目标] − x[其他]", "en": "x[target] − x[other]"}[lang])
    ax1.legend()
    return fig
