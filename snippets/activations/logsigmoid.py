import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-5.0, -1.0, 0.0, 1.0, 5.0], requires_grad=True)

# Module and functional forms (no in-place version) / 模块与函数写法（没有原地版本）
y_module = nn.LogSigmoid()(x)
y_func = F.logsigmoid(x)
print("logsigmoid(x):     ", y_module.detach())
print("same values:", torch.equal(y_module, y_func))
print("log(sigmoid(x)):   ", torch.log(torch.sigmoid(x)).detach())
print("-softplus(-x):     ", (-F.softplus(-x)).detach())

# Gradient: 1 - sigmoid(x) = sigmoid(-x) / 梯度：1 - σ(x) = σ(-x)
y_func.sum().backward()
print("autograd:          ", x.grad)
print("sigmoid(-x):       ", torch.sigmoid(-x).detach())

# At x = -100 the true sigmoid, about 3.7e-44, is a float32 subnormal, but exp(100)
# overflows to inf, so sigmoid returns 0; log then gives -inf and the gradient nan
# x = -100 时 sigmoid 的真值约 3.7e-44，float32 的次正规数能表示它；但 exp(100) 上溢成 inf，
# sigmoid 返回 0，于是 log 得到 -inf，梯度是 nan
a = torch.tensor([-100.0], requires_grad=True)
b = torch.tensor([-100.0], requires_grad=True)
naive = torch.log(torch.sigmoid(a))
stable = F.logsigmoid(b)
naive.backward()
stable.backward()
print("sigmoid(-100) == 0:", torch.sigmoid(torch.tensor(-100.0)).item() == 0.0)
print("log(sigmoid(-100)):", naive.detach(), "grad", a.grad)
print("logsigmoid(-100):  ", stable.detach(), "grad", b.grad)

# A stable form: min(x, 0) - log1p(exp(-|x|)) / 一种稳定写法
t = torch.tensor([-100.0, -5.0, 0.0, 5.0, 100.0])
print("min(x,0) - log1p(exp(-|x|)):", torch.clamp(t, max=0) - torch.log1p(torch.exp(-t.abs())))
print("logsigmoid:                 ", F.logsigmoid(t))


def figure_logsigmoid(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-6, 6, 601, requires_grad=True)
    ys = F.logsigmoid(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\log\sigma(x)$")
    ax.plot(xs.detach(), grad, label=r"$(\log\sigma)'(x) = \sigma(-x)$", linestyle="--")
    ax.set_xlabel("x")
    ax.set_title({"zh": "LogSigmoid 及其导数", "en": "LogSigmoid and its derivative"}[lang])
    ax.legend()
    return fig
