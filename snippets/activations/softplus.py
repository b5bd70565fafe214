import math

import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0], requires_grad=True)

act = nn.Softplus()  # beta=1.0, threshold=20.0
print(act)
y = act(x)
print("softplus(x):     ", y.detach())
print("log(1 + exp(x)): ", torch.log1p(torch.exp(x)).detach())
print("same as F.softplus:", torch.equal(y, F.softplus(x)))

# Derivative sigmoid(beta * x) / 导数
y.sum().backward()
print("autograd:        ", x.grad)
print("sigmoid(x):      ", torch.sigmoid(x).detach())

# threshold: where beta * x > threshold, PyTorch returns x itself (gradient 1).
# A small threshold makes the switch visible: at x = 1 the formula, above it x.
# threshold：beta * x > threshold 时直接返回 x（梯度为 1）。阈值取小，切换就看得见
t = torch.tensor([0.9, 1.0, 1.1], requires_grad=True)
out = F.softplus(t, threshold=1.0)
out.sum().backward()
print("threshold=1, x = 0.9, 1.0, 1.1:", out.detach(), "grad:", t.grad)
print("formula at the same x:       ", torch.log1p(torch.exp(t)).detach())
# With the default 20 the jump is log(1 + exp(-20)), below float32 resolution
# 默认阈值 20 处的跳变是 log(1 + exp(-20))，小于 float32 的分辨率
print("default, formula at x = 20:", torch.log1p(torch.exp(torch.tensor(20.0))))

# beta sharpens the corner: the largest gap to ReLU is log(2)/beta, at x = 0
# beta 让拐角变尖：与 ReLU 的最大差距为 log(2)/beta，位于 x = 0
for beta in (1.0, 2.0, 10.0):
    xs = torch.linspace(-5, 5, 10001)
    gap = (F.softplus(xs, beta=beta) - F.relu(xs)).max()
    print(f"beta={beta:>4}: max gap to relu {gap.item():.4f}, log(2)/beta {math.log(2) / beta:.4f}")
# The switch tests beta * x: with beta = 2, threshold = 1 it happens above x = 0.5
# 切换看的是 beta * x：beta = 2、threshold = 1 时在 x > 0.5 处切换
print("beta=2, threshold=1, x = 0.5, 0.6:", F.softplus(torch.tensor([0.5, 0.6]), beta=2.0, threshold=1.0))

# Why not write log(1 + exp(x)) yourself: exp overflows in float32
# 为什么不自己写 log(1 + exp(x))：float32 中 exp 会上溢
big = torch.tensor([100.0])
print("naive:", torch.log(1 + torch.exp(big)), "| F.softplus:", F.softplus(big))



def figure_softplus(lang="zh", beta=1.0):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 4, 321, requires_grad=True)
    ys = F.softplus(xs, beta=beta)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label="Softplus")
    ax.plot(xs.detach(), grad, linestyle="--", label={"zh": "导数", "en": "derivative"}[lang])
    ax.plot(xs.detach(), F.relu(xs).detach(), linestyle=":", label="ReLU")
    gap = F.softplus(torch.zeros(1), beta=beta).item()  # log(2)/beta, the gap at x = 0
    ax.plot([0, 0], [0, gap], color="gray", linewidth=3)
    ax.annotate({"zh": f"x = 0 处差 {gap:.4f}", "en": f"gap {gap:.4f} at x = 0"}[lang], (0, gap), (0.4, 2.2),
                arrowprops={"arrowstyle": "->", "color": "gray"})
    ax.set_ylim(-0.1, 4.1)
    ax.set_xlabel("x")
    ax.set_title(f"beta = {beta:g}")
    ax.legend(loc="upper left")
    return fig
