import math

import torch
from torch import nn
from torch.distributions import Poisson

log_rate = torch.tensor([0.5, 1.0, 2.0, 0.0, 1.5], requires_grad=True)  # model output log(lambda) / 模型输出 log(λ)
y = torch.tensor([0.0, 1.0, 2.0, 5.0, 10.0])                           # counts / 计数

# Default log_input=True, full=False: l = exp(x) - y * x
# 默认 log_input=True、full=False：l = exp(x) - y * x
loss = nn.PoissonNLLLoss()  # log_input=True, full=False, eps=1e-08, reduction="mean"
out = loss(log_rate, y)
print("PoissonNLLLoss:", out.detach())
print("by formula:    ", (torch.exp(log_rate) - y * log_rate).mean().detach())
out.backward()
print("autograd:          ", log_rate.grad)
print("(exp(x) - y) / N:  ", ((torch.exp(log_rate) - y) / 5).detach())

# full=True adds Stirling's term y log y - y + 0.5 log(2 pi y), only where y > 1
# full=True 加上 Stirling 项 y log y - y + 0.5 log(2 pi y)，只在 y > 1 处
x = log_rate.detach()
stirling = torch.where(y > 1, y * torch.log(y) - y + 0.5 * torch.log(2 * math.pi * y), torch.zeros(5))
print("full, none:", nn.PoissonNLLLoss(full=True, reduction="none")(x, y))
print("by hand:   ", torch.exp(x) - y * x + stirling)
print("-log_prob: ", -Poisson(torch.exp(x)).log_prob(y))

# log_input=False: the input is the rate itself, l = x - y * log(x + eps)
# log_input=False：输入就是速率本身
rate = torch.tensor([0.0, 1.0, 4.0])
counts = torch.tensor([2.0, 1.0, 3.0])
print("log_input=False:", nn.PoissonNLLLoss(log_input=False, reduction="none")(rate, counts))
print("by hand:        ", rate - counts * torch.log(rate + 1e-8))


def figure_poisson(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    for target in [0.0, 1.0, 3.0]:
        x = torch.linspace(-3, 3, 401, requires_grad=True)
        loss = nn.PoissonNLLLoss(reduction="none")(x, torch.full((401,), target))
        (grad,) = torch.autograd.grad(loss.sum(), x)
        ax_l.plot(x.detach(), loss.detach(), label=f"y = {target:g}")
        ax_g.plot(x.detach(), grad, label=f"y = {target:g}")
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "输入 x = log λ", "en": "input x = log λ"}[lang])
    ax_l.set_ylim(-3, 10)
    ax_g.set_ylim(-4, 10)
    ax_l.set_title({"zh": "PoissonNLLLoss（log_input=True）", "en": "PoissonNLLLoss (log_input=True)"}[lang])
    ax_g.set_title({"zh": "梯度 exp(x) − y", "en": "gradient exp(x) − y"}[lang])
    ax_l.legend()
    fig.tight_layout()
    return fig
