import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-10.0, -1.0, 0.0, 1.0, 10.0], requires_grad=True)

# Module and functional forms (no in-place version) / 模块与函数写法（没有原地版本）
y_module = nn.Softsign()(x)
y_func = F.softsign(x)
print("softsign(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func))
print("tanh(x):    ", torch.tanh(x).detach())

# Gradient: 1 / (1 + |x|)^2 / 梯度：1 / (1 + |x|)²
y_func.sum().backward()
print("autograd:        ", x.grad)
print("1/(1 + |x|)**2:  ", 1 / (1 + x.detach().abs()) ** 2)

# Polynomial tails: far from 0 softsign keeps a gradient, tanh does not
# 多项式尾部：远离 0 时 softsign 仍有梯度，tanh 几乎没有
far = torch.tensor([5.0, 10.0, 100.0], requires_grad=True)
(g_softsign,) = torch.autograd.grad(F.softsign(far).sum(), far)
(g_tanh,) = torch.autograd.grad(torch.tanh(far).sum(), far)
print("x = 5, 10, 100")
print("rows: softsign'(x), tanh'(x)")
print(torch.stack([g_softsign, g_tanh]))


def figure_softsign(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-8, 8, 801, requires_grad=True)
    ys = F.softsign(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{Softsign}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{Softsign}'(x)$", linestyle="--")
    ax.plot(xs.detach(), torch.tanh(xs).detach(), label=r"$\tanh(x)$", linewidth=1, alpha=0.6)
    ax.set_xlabel("x")
    ax.set_title({"zh": "Softsign 及其导数（与 tanh 对比）",
                  "en": "Softsign and its derivative (tanh for comparison)"}[lang])
    ax.legend()
    return fig
