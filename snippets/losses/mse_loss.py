import warnings

import torch
from torch import nn

x = torch.tensor([2.5, 0.0, 2.0, 8.0], requires_grad=True)  # predictions / 预测
y = torch.tensor([3.0, -0.5, 2.0, 7.0])                     # targets / 目标

loss = nn.MSELoss()  # reduction="mean"
out = loss(x, y)
print("MSELoss:       ", out.detach())
print("by formula:    ", ((x - y) ** 2).mean().detach())
print("reduction=none:", nn.MSELoss(reduction="none")(x, y).detach())
print("reduction=sum: ", nn.MSELoss(reduction="sum")(x, y).detach())

# Gradient of the mean: 2 (x - y) / N / mean 的梯度：2 (x - y) / N
out.backward()
print("autograd:      ", x.grad)
print("2(x-y) / N:    ", (2 * (x - y) / x.numel()).detach())

# Pitfall: model output (N, 1) vs target (N,) broadcasts to (N, N)
# 陷阱：模型输出 (N, 1) 与目标 (N,) 会广播成 (N, N)
pred = torch.tensor([[1.0], [2.0], [3.0], [4.0]])  # shape (4, 1)
target = torch.tensor([1.0, 2.0, 3.0, 4.0])        # shape (4,)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    wrong = nn.MSELoss()(pred, target)
print("UserWarning:", w[0].message)
print("broadcast shape:", tuple((pred - target).shape))
print("wrong loss:", wrong, "(predictions are perfect)")
print("right loss:", nn.MSELoss()(pred.squeeze(1), target))


def figure_mse(lang="zh"):
    import matplotlib.pyplot as plt

    err = torch.linspace(-3, 3, 601, requires_grad=True)  # input - target
    loss = nn.MSELoss(reduction="none")(err, torch.zeros(601))
    (grad,) = torch.autograd.grad(loss.sum(), err)
    fig, ax = plt.subplots()
    ax.plot(err.detach(), loss.detach(), label={"zh": "损失 (x−y)²", "en": "loss (x−y)²"}[lang])
    ax.plot(err.detach(), grad, linestyle="--", label={"zh": "梯度 2(x−y)", "en": "gradient 2(x−y)"}[lang])
    ax.set_xlabel({"zh": "误差 x − y", "en": "error x − y"}[lang])
    ax.set_title({"zh": "MSELoss 及其梯度", "en": "MSELoss and its gradient"}[lang])
    ax.legend()
    return fig
