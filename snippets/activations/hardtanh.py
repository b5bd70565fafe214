import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0], requires_grad=True)

# Module, functional and in-place forms give the same values
# 模块、函数、原地三种写法，结果相同
y_module = nn.Hardtanh()(x)  # min_val=-1.0, max_val=1.0
y_func = F.hardtanh(x)
y_inplace = F.hardtanh_(x.detach().clone())  # also nn.Hardtanh(inplace=True)
print("hardtanh(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func), torch.equal(y_func.detach(), y_inplace))

# Other limits: Hardtanh(0, 6) is ReLU6 / 其他上下限：Hardtanh(0, 6) 就是 ReLU6
print("Hardtanh(0, 6):", nn.Hardtanh(0.0, 6.0)(torch.tensor([-1.0, 3.0, 8.0])))
print("ReLU6:         ", F.relu6(torch.tensor([-1.0, 3.0, 8.0])))

# Gradient: 1 strictly inside (min_val, max_val), 0 elsewhere, also at -1 and 1
# 梯度：只在开区间 (min_val, max_val) 内为 1，其余为 0，包括 -1 和 1 本身
y_func.sum().backward()
print("autograd:         ", x.grad)
print("(-1 < x) & (x < 1):", ((x > -1) & (x < 1)).float())

# torch.clamp gives the same values but gradient 1 at the limits
# torch.clamp 的值相同，但在上下限处梯度为 1
c = torch.tensor([-1.0, 1.0], requires_grad=True)
torch.clamp(c, -1.0, 1.0).sum().backward()
print("clamp grad at -1, 1:", c.grad)

# Hardtanh as a cheap stand-in for tanh / Hardtanh 近似 tanh
grid = torch.linspace(-6, 6, 1201)
diff = (F.hardtanh(grid) - torch.tanh(grid)).abs()
print("max |hardtanh - tanh|:", round(diff.max().item(), 4), "at x =", round(grid[diff.argmax()].item(), 4))



def figure_hardtanh(lang="zh", min_val=-1.0, max_val=1.0):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-3, 3, 301, requires_grad=True)
    ys = nn.Hardtanh(min_val=min_val, max_val=max_val)(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=f"Hardtanh({min_val:g}, {max_val:g})")
    ax.plot(xs.detach(), grad, linestyle="--", label={"zh": "导数", "en": "derivative"}[lang])
    ax.plot(xs.detach(), torch.tanh(xs).detach(), label="tanh", linewidth=1, alpha=0.6)
    ax.set_ylim(-3.2, 3.2)
    ax.set_xlabel("x")
    ax.set_title(f"min_val = {min_val:g}, max_val = {max_val:g}")
    ax.legend(loc="upper left")
    return fig
