import torch
import torch.nn.functional as F
from torch import nn

# Scores (logits) for 2 samples x 3 binary tasks, labels in {1, -1}
# 2 个样本 × 3 个二元任务的得分（logits），标签取 {1, -1}
x = torch.tensor([[2.0, -1.0, 0.0], [0.5, 3.0, -2.0]], requires_grad=True)
y = torch.tensor([[1.0, 1.0, -1.0], [-1.0, 1.0, -1.0]])

loss_fn = nn.SoftMarginLoss()  # reduction="mean": divides by x.numel() = 6
loss = loss_fn(x, y)
per_element = torch.log(1 + torch.exp(-y * x))
print("reduction=none:", nn.SoftMarginLoss(reduction="none")(x, y).detach())
print("by formula:    ", per_element.detach())
print("mean:", loss.detach(), "| sum / 6:", (per_element.sum() / 6).detach())

# Gradient of the mean: -y * sigmoid(-y x) / numel / mean 的梯度
loss.backward()
print("autograd:  ", x.grad)
print("by formula:", (-y * torch.sigmoid(-y * x) / 6).detach())

# Same as BCEWithLogitsLoss with targets (y + 1) / 2 in {0, 1}
# 等于把标签换成 (y + 1) / 2 的 BCEWithLogitsLoss
print("BCEWithLogitsLoss:", nn.BCEWithLogitsLoss()(x, (y + 1) / 2).detach())

# Pitfall 1: labels in {0, 1}; y = 0 gives log(2) and zero gradient
# 陷阱 1：标签用 {0, 1}；y = 0 的项恒为 log(2)，梯度为 0
print("y = 0:", F.soft_margin_loss(torch.tensor([-5.0, 5.0]), torch.zeros(2), reduction="none"))

# Pitfall 2: float32 overflow: exp(-y x) = inf once -y x > 88.7
# 陷阱 2：float32 上溢：-y x > 88.7 时 exp(-y x) = inf
z = torch.tensor([-50.0, -89.0, -100.0], requires_grad=True)
bad = F.soft_margin_loss(z, torch.ones(3), reduction="none")
print("SoftMarginLoss:   ", bad.detach())
bad.sum().backward()
print("its gradient:     ", z.grad)
print("BCEWithLogitsLoss:", F.binary_cross_entropy_with_logits(z, torch.ones(3), reduction="none").detach())

# Shapes must match: (N, 1) scores with (N,) labels raise
# 形状必须一致：(N, 1) 的得分配 (N,) 的标签会报错
try:
    F.soft_margin_loss(torch.zeros(3, 1), torch.ones(3))
except RuntimeError as e:
    print("RuntimeError:", e)


def figure_soft_margin(lang="zh"):
    import matplotlib.pyplot as plt

    m = torch.linspace(-6, 6, 601, requires_grad=True)  # y * x with y = 1
    loss = F.soft_margin_loss(m, torch.ones(601), reduction="none")
    (grad,) = torch.autograd.grad(loss.sum(), m)
    hinge = torch.clamp(1 - m, min=0).detach()
    fig, ax = plt.subplots()
    ax.plot(m.detach(), loss.detach(), label={"zh": "损失 log(1 + exp(−yx))", "en": "loss log(1 + exp(−yx))"}[lang])
    ax.plot(m.detach(), grad, linestyle="--", label={"zh": "梯度 −σ(−yx)（y = 1）", "en": "gradient −σ(−yx) (y = 1)"}[lang])
    ax.plot(m.detach(), hinge, linewidth=1, alpha=0.6, label={"zh": "对比：max(0, 1 − yx)", "en": "for comparison: max(0, 1 − yx)"}[lang])
    ax.set_xlabel("y · x")
    ax.set_title({"zh": "SoftMarginLoss 及其梯度", "en": "SoftMarginLoss and its gradient"}[lang])
    ax.legend()
    return fig
