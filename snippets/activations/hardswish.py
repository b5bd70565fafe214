import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-4.0, -3.0, -1.5, 0.0, 1.0, 3.0, 4.0], requires_grad=True)

# Module, functional and in-place forms give the same values
# 模块、函数、原地三种写法，结果相同
y_module = nn.Hardswish()(x)
y_func = F.hardswish(x)
y_inplace = F.hardswish(x.detach().clone(), inplace=True)  # also nn.Hardswish(inplace=True)
print("hardswish(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func), torch.equal(y_func.detach(), y_inplace))
print("x*relu6(x+3)/6:", (x * F.relu6(x + 3) / 6).detach())

# Gradient: (2x+3)/6 strictly inside (-3, 3); PyTorch uses 0 at x = -3 and 1 at x = 3
# 梯度：开区间 (-3, 3) 内为 (2x+3)/6；PyTorch 在 x = -3 处取 0，在 x = 3 处取 1
y_func.sum().backward()
inside = (x > -3) & (x < 3)
closed_form = torch.where(inside, (2 * x + 3) / 6, (x >= 3).float()).detach()
print("autograd:   ", x.grad)
print("closed form:", closed_form)

# Just inside the limits the derivative is about -0.5 and 1.5: it jumps at -3 and 3
# 紧靠边界内侧导数约为 -0.5 和 1.5：在 -3 和 3 处跳变
edge = torch.tensor([-3.001, -2.999, 2.999, 3.001], requires_grad=True)
F.hardswish(edge).sum().backward()
print("grad at -3.001, -2.999, 2.999, 3.001:", edge.grad)

# How close to SiLU (x * sigmoid(x)) it is / 与 SiLU（x·σ(x)）相差多少
grid = torch.linspace(-6, 6, 1201)
diff = (F.hardswish(grid) - F.silu(grid)).abs()
print("max |hardswish - silu|:", round(diff.max().item(), 4),
      "at |x| =", round(grid[diff.argmax()].abs().item(), 4))


def figure_hardswish(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-6, 6, 1201, requires_grad=True)
    ys = F.hardswish(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{Hardswish}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{Hardswish}'(x)$", linestyle="--")
    ax.plot(xs.detach(), F.silu(xs).detach(), label=r"$\mathrm{SiLU}(x) = x\,\sigma(x)$",
            linewidth=1, alpha=0.6)
    ax.set_xlabel("x")
    ax.set_title({"zh": "Hardswish 及其导数（与 SiLU 对比）",
                  "en": "Hardswish and its derivative (SiLU for comparison)"}[lang])
    ax.legend()
    return fig
