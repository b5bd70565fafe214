import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-4.0, -3.0, -1.5, 0.0, 1.5, 3.0, 4.0], requires_grad=True)

# Module, functional and in-place forms give the same values
# 模块、函数、原地三种写法，结果相同
y_module = nn.Hardsigmoid()(x)
y_func = F.hardsigmoid(x)
y_inplace = F.hardsigmoid(x.detach().clone(), inplace=True)  # also nn.Hardsigmoid(inplace=True)
print("hardsigmoid(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func), torch.equal(y_func.detach(), y_inplace))
print("relu6(x+3)/6:  ", (F.relu6(x + 3) / 6).detach())

# Gradient: 1/6 strictly inside (-3, 3), 0 elsewhere, also at -3 and 3
# 梯度：只在开区间 (-3, 3) 内为 1/6，其余为 0，包括 -3 和 3 本身
y_func.sum().backward()
print("autograd:                 ", x.grad)
print("((-3 < x) & (x < 3)) / 6: ", ((x > -3) & (x < 3)).float() / 6)

# How close to the sigmoid it stands in for / 与它近似的 sigmoid 相差多少
grid = torch.linspace(-6, 6, 1201)
diff = (F.hardsigmoid(grid) - torch.sigmoid(grid)).abs()
print("max |hardsigmoid - sigmoid|:", round(diff.max().item(), 4),
      "at |x| =", round(grid[diff.argmax()].abs().item(), 4))
print("slope at 0: hardsigmoid", round(1 / 6, 4), "| sigmoid", 0.25)


def figure_hardsigmoid(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-6, 6, 1201, requires_grad=True)
    ys = F.hardsigmoid(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{Hardsigmoid}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{Hardsigmoid}'(x)$", linestyle="--")
    ax.plot(xs.detach(), torch.sigmoid(xs).detach(), label=r"$\sigma(x)$", linewidth=1, alpha=0.6)
    ax.set_xlabel("x")
    ax.set_title({"zh": "Hardsigmoid 及其导数（与 Sigmoid 对比）",
                  "en": "Hardsigmoid and its derivative (Sigmoid for comparison)"}[lang])
    ax.legend()
    return fig
