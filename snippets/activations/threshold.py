import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-1.0, 0.0, 0.5, 1.0, 1.5, 3.0], requires_grad=True)

# y = x where x > threshold, else value; both arguments are required
# x > threshold 处保留 x，否则换成 value；两个参数都必须给出
m = nn.Threshold(1.0, -2.0)  # threshold=1.0, value=-2.0
y_module = m(x)
y_func = F.threshold(x, 1.0, -2.0)  # also torch.threshold
y_inplace = F.threshold_(x.detach().clone(), 1.0, -2.0)  # also nn.Threshold(1.0, -2.0, inplace=True)
print(m)
print("threshold(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func), torch.equal(y_func.detach(), y_inplace))

# Gradient: 1 where x > threshold, 0 elsewhere (x = 1.0 itself gets value and gradient 0)
# 梯度：x > threshold 处为 1，其余为 0（x = 1.0 本身取 value，梯度为 0）
y_func.sum().backward()
print("autograd:         ", x.grad)
print("(x > 1.0).float():", (x > 1.0).float())

# Threshold(0, 0) is ReLU / Threshold(0, 0) 就是 ReLU
z = torch.tensor([-2.0, 0.0, 2.0])
print("Threshold(0, 0):", nn.Threshold(0.0, 0.0)(z), "| ReLU:", F.relu(z))

# Forgetting `value` is a TypeError / 漏写 value 会得到 TypeError
try:
    nn.Threshold(0.5)
except TypeError as e:
    print("TypeError:", e)


def figure_threshold(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-3, 3, 601, requires_grad=True)
    ys = F.threshold(xs, 1.0, -2.0)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    # NaN where x crosses 1, so matplotlib does not join the jump with a line
    # 在 x 越过 1 的位置放 NaN，matplotlib 就不会把跳变连起来
    gap = (xs.detach() > 1.0) & (xs.detach() - 0.01 <= 1.0)
    nan = torch.tensor(float("nan"))
    ys_plot = torch.where(gap, nan, ys.detach())
    grad_plot = torch.where(gap, nan, grad)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys_plot, label=r"$\mathrm{Threshold}(x)$")
    ax.plot(xs.detach(), grad_plot, label=r"$\mathrm{Threshold}'(x)$", linestyle="--")
    ax.set_xlabel("x")
    ax.set_title({"zh": "Threshold(threshold=1, value=-2) 及其导数",
                  "en": "Threshold(threshold=1, value=-2) and its derivative"}[lang])
    ax.legend()
    return fig
