import math

import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0], requires_grad=True)

# Exact GELU: x * Phi(x), Phi = standard normal CDF / 精确版：x 乘以标准正态分布函数
act = nn.GELU()  # approximate='none'
print(act)
y = act(x)
cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
print("gelu(x):         ", y.detach())
print("x * Phi(x):      ", (x * cdf).detach())
print("same as F.gelu:", torch.equal(y, F.gelu(x)))

# Derivative Phi(x) + x * phi(x) / 导数
y.sum().backward()
pdf = torch.exp(-x**2 / 2) / math.sqrt(2 * math.pi)
print("exact, autograd: ", x.grad)
print("exact, formula:  ", (cdf + x * pdf).detach())

# tanh approximation / tanh 近似
x.grad = None
act_tanh = nn.GELU(approximate="tanh")
y_t = act_tanh(x)
k = math.sqrt(2 / math.pi)
inner = k * (x + 0.044715 * x**3)
print("tanh version:    ", y_t.detach())
print("tanh by formula: ", (0.5 * x * (1 + torch.tanh(inner))).detach())
y_t.sum().backward()
sech2 = 1 - torch.tanh(inner) ** 2
print("tanh, autograd:  ", x.grad)
print("tanh, formula:   ", (0.5 * (1 + torch.tanh(inner)) + 0.5 * x * sech2 * k * (1 + 3 * 0.044715 * x**2)).detach())

# How far apart are they? Dense float64 grid on [-8, 8] (both curves are symmetric in the sense
# f(x) - f(-x) = x, so the gaps at x and -x are equal: report |x|)
# 两者差多少？在 [-8, 8] 上用 float64 密集取点（差值关于 0 对称，所以报告 |x|）
xs = torch.linspace(-8, 8, 160001, dtype=torch.float64, requires_grad=True)
exact, approx = F.gelu(xs), F.gelu(xs, approximate="tanh")
diff = (exact - approx).abs().detach()
i = diff.argmax()
print(f"max |exact - tanh| = {diff[i].item():.2e} at |x| = {xs[i].abs().item():.2f}")
(g_e,) = torch.autograd.grad(exact.sum(), xs)
(g_a,) = torch.autograd.grad(approx.sum(), xs)
j = (g_e - g_a).abs().argmax()
print(f"max |derivative difference| = {(g_e - g_a).abs()[j].item():.2e} at |x| = {xs[j].abs().item():.2f}")

try:
    F.gelu(x, approximate="sigmoid")
except RuntimeError as e:
    print("RuntimeError:", e)


def figure_gelu(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 4, 801, requires_grad=True)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))
    ys = F.gelu(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    ax1.plot(xs.detach(), ys.detach(), label=r"$\mathrm{GELU}(x)$")
    ax1.plot(xs.detach(), grad, linestyle="--", label=r"$\mathrm{GELU}'(x)$")
    ax1.set_title({"zh": "GELU 及其导数", "en": "GELU and its derivative"}[lang])
    ax1.legend()
    xd = xs.detach().double()
    ax2.plot(xd, F.gelu(xd) - F.gelu(xd, approximate="tanh"))
    ax2.set_title({"zh": "精确版减 tanh 近似", "en": "exact minus tanh approximation"}[lang])
    ax2.ticklabel_format(axis="y", style="sci", scilimits=(0, 0))
    for ax in (ax1, ax2):
        ax.set_xlabel("x")
    return fig
