import torch
import torch.nn.functional as F
from torch import nn

# 2 samples, C = 4 classes, one correct class each (like CrossEntropyLoss)
# 2 个样本，C = 4 个类别，每个样本一个正确类别（与 CrossEntropyLoss 相同）
x = torch.tensor([[0.1, 0.2, 0.4, 0.8],
                  [0.5, -0.3, 0.9, 0.2]], requires_grad=True)
y = torch.tensor([3, 0])
w = torch.tensor([1.0, 2.0, 3.0, 4.0])  # one weight per class / 每个类别一个权重


def by_hand(x, y, p=1, margin=1.0, weight=None):
    losses = []
    for scores, target in zip(x.tolist(), y.tolist()):
        C = len(scores)
        total = 0.0
        for i in range(C):
            if i != target:
                total += max(0.0, margin - scores[target] + scores[i]) ** p
        if weight is not None:
            total *= weight[target].item()  # the weight of the TRUE class
        losses.append(total / C)  # divided by the number of classes C
    return torch.tensor(losses)


print("p=1: none:", nn.MultiMarginLoss(reduction="none")(x, y).detach(), "| by hand:", by_hand(x, y))
print("p=2: none:", nn.MultiMarginLoss(p=2, reduction="none")(x, y).detach(), "| by hand:", by_hand(x, y, p=2))
weighted = nn.MultiMarginLoss(weight=w, reduction="none")(x, y)
print("weight: none:", weighted.detach(), "| by hand:", by_hand(x, y, weight=w))
print("weight: mean:", nn.MultiMarginLoss(weight=w)(x, y).detach(),
      "| none.mean():", weighted.mean().detach(),
      "| none.sum() / w[y].sum():", (weighted.sum() / w[y].sum()).detach())

loss = nn.MultiMarginLoss()(x, y)  # p=1, margin=1.0, reduction="mean": mean over N
print("mean:", loss.detach())
loss.backward()
print("grad:", x.grad)

# With C = 2 and p = 1 it is the classic hinge loss max(0, 1 - (x[y] - x[other])) / 2
# C = 2、p = 1 时就是经典的合页损失 max(0, 1 - (x[y] - x[other])) / 2
two = torch.tensor([[0.0, 0.3]])
print("C = 2:", F.multi_margin_loss(two, torch.tensor([1])).detach())

# Wrong arguments / 错误的参数
try:
    F.multi_margin_loss(x, y, p=3)
except ValueError as e:
    print("ValueError:", e)
# CPU messages; the CUDA kernel words these checks differently
# CPU 的报错；CUDA 内核的措辞不同
xc = x.detach().cpu()
for bad in (F.one_hot(y, 4).cpu(), y.float().cpu()):
    try:
        F.multi_margin_loss(xc, bad)
    except RuntimeError as e:
        print("RuntimeError:", e)


def figure_multi_margin(lang="zh"):
    import matplotlib.pyplot as plt

    d = torch.linspace(-2, 3, 501)  # x[y] - x[other], C = 2 / 正确类与另一类的得分差
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    for p in (1, 2):
        scores = torch.stack([d, torch.zeros(501)], dim=1).requires_grad_()
        loss = F.multi_margin_loss(scores, torch.zeros(501, dtype=torch.long), p=p,
                                   reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), scores)
        ax1.plot(d, loss.detach(), label=f"p = {p}")
        ax2.plot(d, grad[:, 0], label=f"p = {p}")
    ax1.set_title({"zh": "MultiMarginLoss（C = 2，margin = 1）", "en": "MultiMarginLoss (C = 2, margin = 1)"}[lang])
    ax2.set_title({"zh": "对正确类得分的梯度", "en": "gradient w.r.t. the true class's score"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel({"zh": "x[y] − x[其他]", "en": "x[y] − x[other]"}[lang])
    ax1.legend()
    return fig
