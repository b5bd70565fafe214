import torch
from torch import nn

torch.manual_seed(0)
# float64: smaller rounding differences between devices / 用 float64，减小设备间的舍入差异
dtype = torch.float64

# Clean data: y = 2x + 1 + noise / 干净数据
x = torch.linspace(-2, 2, 20, dtype=dtype)
y = 2 * x + 1 + 0.3 * torch.randn(20, dtype=dtype)
# The same data plus ONE outlier at x = 2 / 同一份数据外加一个离群值
x_out = torch.cat([x, torch.tensor([2.0], dtype=dtype)])
y_out = torch.cat([y, torch.tensor([-20.0], dtype=dtype)])

losses = {
    "MSE": nn.MSELoss(),
    "L1": nn.L1Loss(),
    "SmoothL1": nn.SmoothL1Loss(beta=1.0),
    "Huber": nn.HuberLoss(delta=1.0),
}


def fit_gd(loss_fn, xs, ys, steps=600):
    # Full-batch gradient descent on (a, b), step size decaying linearly to 0
    # 对 (a, b) 做全批量梯度下降，步长线性减小到 0
    ab = torch.zeros(2, dtype=dtype, requires_grad=True)
    for t in range(steps):
        loss = loss_fn(ab[0] * xs + ab[1], ys)
        (grad,) = torch.autograd.grad(loss, ab)
        with torch.no_grad():
            ab -= 0.5 * (1 - t / steps) * grad
    return ab.detach()


def fit_l1_exact(xs, ys):
    # An L1 fit passes through two data points: try every pair, keep the best
    # L1 的最优直线必经过两个数据点：枚举所有点对，取损失最小的
    i, j = torch.triu_indices(len(xs), len(xs), offset=1)
    keep = xs[i] != xs[j]  # a vertical pair gives no line / 同一 x 的两点不确定直线
    i, j = i[keep], j[keep]
    a = (ys[j] - ys[i]) / (xs[j] - xs[i])
    b = ys[i] - a * xs[i]
    total = (a[:, None] * xs + b[:, None] - ys).abs().sum(dim=1)
    k = total.argmin()
    return torch.stack([a[k], b[k]])


def fit(name, xs, ys):
    if name == "L1":
        return fit_l1_exact(xs, ys)  # subgradient descent converges slowly / 次梯度下降收敛很慢
    return fit_gd(losses[name], xs, ys)


# Check gradient descent against the closed form of MSE (least squares)
# 用 MSE 的闭式解（最小二乘）检验梯度下降
A = torch.stack([x_out, torch.ones_like(x_out)], dim=1)
exact = torch.linalg.lstsq(A, y_out.unsqueeze(1)).solution.squeeze(1)
print("MSE, with outlier: least squares a, b =", [round(v, 4) for v in exact.tolist()])
print("MSE, with outlier: gradient descent  =", [round(v, 4) for v in fit("MSE", x_out, y_out).tolist()])

fits = {}
print("loss     | fit on clean data: a, b, RMSE | fit with outlier: a, b, RMSE on clean points")
for name in losses:
    row = []
    for key, (xs, ys) in {"clean": (x, y), "outlier": (x_out, y_out)}.items():
        fits[name, key] = fit(name, xs, ys)
        a, b = fits[name, key]
        rmse = ((a * x + b - y) ** 2).mean().sqrt()  # error on the 20 clean points / 在 20 个干净点上的误差
        row.append(f"{a:7.4f} {b:7.4f} {rmse:.4f}")
    print(f"{name:8s} | {row[0]}          | {row[1]}")
print("SmoothL1 and Huber fits equal:", torch.allclose(fits["SmoothL1", "outlier"], fits["Huber", "outlier"]))
# On clean data every residual is below beta = delta = 1 / 干净数据上所有残差都小于 1
a, b = fits["MSE", "clean"]
print(f"largest residual of the clean MSE fit: {(a * x + b - y).abs().max():.4f}")


def figure_fits(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("干净数据", "离群值", "有一个离群值时的拟合直线", "真实直线 y = 2x + 1"),
        "en": ("clean data", "outlier", "Fitted lines with one outlier", "true line y = 2x + 1"),
    }[lang]
    fig, ax = plt.subplots()
    ax.scatter(x, y, s=15, label=text[0])
    ax.scatter([2.0], [-20.0], marker="x", s=60, label=text[1])
    grid = torch.linspace(-2, 2, 2, dtype=dtype)
    ax.plot(grid, 2 * grid + 1, "k:", linewidth=1, label=text[3])
    for name in losses:
        a, b = fits[name, "outlier"]
        style = ":" if name == "Huber" else "-"
        ax.plot(grid, a * grid + b, style, linewidth=2.5 if name == "Huber" else 1.5, label=name)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(text[2])
    ax.legend()
    return fig
