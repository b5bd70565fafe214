import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([-2.0, -0.8, -0.5, 0.0, 0.5, 0.8, 2.0], requires_grad=True)

# Module and functional forms (no in-place version) / 模块与函数写法（没有原地版本）
y_module = nn.Softshrink()(x)  # lambd=0.5
y_func = F.softshrink(x)
print("softshrink(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func))
print("sign(x)*relu(|x|-0.5):", (torch.sign(x) * F.relu(x.abs() - 0.5)).detach())

# Gradient: 1 where |x| > lambd, 0 elsewhere, also at x = ±0.5
# 梯度：|x| > lambd 处为 1，其余为 0，包括 x = ±0.5
y_func.sum().backward()
print("autograd:    ", x.grad)
print("(|x| > 0.5): ", (x.abs() > 0.5).float())

# lambd must be >= 0 / lambd 必须 >= 0
try:
    F.softshrink(x, -0.5)
except RuntimeError as e:
    print("RuntimeError:", e)

# Soft thresholding is the minimiser of 0.5*(z - v)^2 + lambd*|z| (the lasso step)
# 软阈值是 0.5*(z - v)^2 + lambd*|z| 的最小点（lasso 的一步）
v = torch.tensor([-1.2, -0.4, 0.1, 0.7, 1.5])
z = torch.arange(-30000, 30001, dtype=torch.float64) / 10000  # step 1e-4 / 步长 1e-4
objective = 0.5 * (z[:, None] - v) ** 2 + 0.5 * z[:, None].abs()
print("grid argmin:  ", z[objective.argmin(dim=0)].float())
print("softshrink(v):", F.softshrink(v, 0.5))

# Denoising a sparse signal: shrink the noisy values, count errors
# 给稀疏信号去噪：对带噪声的值做收缩，再比较误差
torch.manual_seed(0)
clean = torch.zeros(1000)
clean[torch.randperm(1000)[:50]] = 3.0 * torch.sign(torch.randn(50))
noisy = clean + 0.3 * torch.randn(1000)
for name, out in [("noisy", noisy), ("hardshrink", F.hardshrink(noisy, 1.0)),
                  ("softshrink", F.softshrink(noisy, 1.0))]:
    mse = ((out - clean) ** 2).mean().item()
    print(f"{name:>10}: nonzeros {int((out != 0).sum())}, MSE {mse:.4f}")


def figure_softshrink(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-2, 2, 801, requires_grad=True)
    ys = F.softshrink(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{Softshrink}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{Softshrink}'(x)$", linestyle="--")
    ax.plot(xs.detach(), F.hardshrink(xs).detach(), label=r"$\mathrm{Hardshrink}(x)$",
            linewidth=1, alpha=0.6)
    ax.set_xlabel("x")
    ax.set_title({"zh": "Softshrink（lambd=0.5）及其导数（与 Hardshrink 对比）",
                  "en": "Softshrink (lambd=0.5) and its derivative (Hardshrink for comparison)"}[lang])
    ax.legend()
    return fig
