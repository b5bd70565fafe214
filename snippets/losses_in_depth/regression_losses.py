import torch
from torch import nn

torch.manual_seed(0)

# Predictions with errors e = pred - target from -3 to 3 / 误差 e = 预测 - 目标
errors = torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
target = torch.zeros(7)
losses = {
    "L1": nn.L1Loss(reduction="none"),
    "MSE": nn.MSELoss(reduction="none"),
    "SmoothL1": nn.SmoothL1Loss(reduction="none", beta=1.0),
    "Huber": nn.HuberLoss(reduction="none", delta=1.0),
}
print("error:        ", errors)
for name, fn in losses.items():
    pred = errors.clone().requires_grad_()
    loss = fn(pred, target)
    loss.sum().backward()  # d loss_n / d pred_n / 每个元素的梯度
    print(f"{name:9s} loss:", loss.detach())
    print(f"{name:9s} grad:", pred.grad)

# SmoothL1(beta) equals Huber(delta) only when beta = delta = 1
# 只有 beta = delta = 1 时两者相同；一般情况 Huber(delta) = delta * SmoothL1(beta=delta)
big = torch.tensor([0.5, 1.5, 3.0])
zero = torch.zeros(3)
huber2 = nn.HuberLoss(reduction="none", delta=2.0)(big, zero)
smooth2 = nn.SmoothL1Loss(reduction="none", beta=2.0)(big, zero)
print("Huber(delta=2):     ", huber2)
print("SmoothL1(beta=2):   ", smooth2)
print("2 * SmoothL1(beta=2):", 2 * smooth2)

# Default reduction="mean" averages over all elements / 默认 reduction="mean"：对所有元素取平均
print("MSELoss() on the 7 errors:", round(nn.MSELoss()(errors, target).item(), 4))


def figure_losses(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("误差 e = 预测 - 目标", "损失", "对预测的梯度", "损失随误差变化", "梯度随误差变化"),
        "en": ("error e = prediction - target", "loss", "gradient w.r.t. prediction",
               "Loss vs error", "Gradient vs error"),
    }[lang]
    e = torch.linspace(-3, 3, 601)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    styles = {"L1": "-", "MSE": "-", "SmoothL1": "-", "Huber": ":"}
    for name, fn in losses.items():
        pred = e.clone().requires_grad_()
        loss = fn(pred, torch.zeros_like(e))
        (grad,) = torch.autograd.grad(loss.sum(), pred)
        label = {"SmoothL1": "SmoothL1 (β=1)", "Huber": "Huber (δ=1)"}.get(name, name)
        ax1.plot(e, loss.detach(), styles[name], label=label, linewidth=2.5 if name == "Huber" else 1.5)
        ax2.plot(e, grad, styles[name], label=label, linewidth=2.5 if name == "Huber" else 1.5)
    ax1.set_ylim(-0.2, 5)
    ax2.set_ylim(-4, 4)
    for ax, ylabel, title in [(ax1, text[1], text[3]), (ax2, text[2], text[4])]:
        ax.set_xlabel(text[0])
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend()
    fig.tight_layout()
    return fig
