import torch
from torch import nn

x = torch.tensor([2.5, 0.0, 2.0, 8.0], requires_grad=True)  # predictions / 预测
y = torch.tensor([3.0, -0.5, 2.0, 7.0])                     # targets / 目标

loss = nn.L1Loss()  # reduction="mean"
out = loss(x, y)
print("L1Loss:        ", out.detach())
print("by formula:    ", (x - y).abs().mean().detach())
print("reduction=none:", nn.L1Loss(reduction="none")(x, y).detach())

# Gradient of the mean: sign(x - y) / N, and 0 where x == y
# mean 的梯度：sign(x - y) / N，x == y 处为 0
out.backward()
print("autograd:      ", x.grad)
print("sign(x-y) / N: ", torch.sign(x - y).detach() / x.numel())


def figure_l1(lang="zh"):
    import matplotlib.pyplot as plt

    err = torch.linspace(-3, 3, 601, requires_grad=True)  # input - target
    loss = nn.L1Loss(reduction="none")(err, torch.zeros(601))
    (grad,) = torch.autograd.grad(loss.sum(), err)
    fig, ax = plt.subplots()
    ax.plot(err.detach(), loss.detach(), label={"zh": "损失 |x−y|", "en": "loss |x−y|"}[lang])
    ax.plot(err.detach(), grad, linestyle="--", label={"zh": "梯度 ∂ℓ/∂x", "en": "gradient ∂ℓ/∂x"}[lang])
    ax.set_xlabel({"zh": "误差 x − y", "en": "error x − y"}[lang])
    ax.set_title({"zh": "L1Loss 及其梯度", "en": "L1Loss and its gradient"}[lang])
    ax.legend()
    return fig
