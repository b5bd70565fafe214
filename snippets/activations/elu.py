import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
x = torch.tensor([-10.0, -1.0, 0.0, 1.0, 3.0], requires_grad=True)

act = nn.ELU()  # alpha=1.0
print(act)
y = act(x)
print("elu(x):                ", y.detach())
print("x if x>0 else exp(x)-1:", torch.where(x > 0, x, torch.exp(x) - 1).detach())
print("same as F.elu:", torch.equal(y, F.elu(x)))

# Derivative: 1 for x > 0, alpha*exp(x) = elu(x) + alpha for x <= 0
# 导数：x > 0 为 1，x <= 0 为 alpha*exp(x) = elu(x) + alpha
y.sum().backward()
print("autograd:   ", x.grad)
print("closed form:", torch.where(x > 0, 1.0, torch.exp(x)).detach())

# With alpha != 1 the derivative jumps at 0; PyTorch uses the left side, alpha
# alpha != 1 时导数在 0 处跳变；PyTorch 取左侧的值 alpha
t = torch.tensor([-1e-4, 0.0, 1e-4], requires_grad=True)
F.elu(t, alpha=2.0).sum().backward()
print("alpha=2, grad at -1e-4, 0, 1e-4:", t.grad)

# In-place forms / 原地版本
a = torch.tensor([-1.0, 1.0])
F.elu_(a)  # also F.elu(a, inplace=True), nn.ELU(inplace=True)
print("in place:", a)

# Negative outputs pull the mean towards 0 / 负输出把均值拉向 0
z = torch.randn(100000)
print(f"mean for N(0,1) input: relu {F.relu(z).mean().item():.4f}, elu {F.elu(z).mean().item():.4f}")


def figure_elu(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 3, 701, requires_grad=True)
    fig, ax = plt.subplots()
    for alpha in (1.0, 2.0):
        ys = F.elu(xs, alpha=alpha)
        (grad,) = torch.autograd.grad(ys.sum(), xs)
        line = ax.plot(xs.detach(), ys.detach(), label=f"ELU, alpha={alpha:g}")
        ax.plot(xs.detach(), grad, linestyle="--", color=line[0].get_color(),
                label={"zh": f"导数，alpha={alpha:g}", "en": f"derivative, alpha={alpha:g}"}[lang])
    ax.set_xlabel("x")
    ax.set_title({"zh": "ELU 及其导数", "en": "ELU and its derivative"}[lang])
    ax.legend()
    return fig
