"""MSE vs L1 vs Huber vs SmoothL1 when the training set contains outliers."""
import torch
from torch import nn

# Deterministic kernels only / 只用确定性算子. warn_only: a GPU has no deterministic
# NLLLoss, so warn there instead of raising / GPU 上 NLLLoss 没有确定性实现，只警告不报错
torch.use_deterministic_algorithms(True, warn_only=True)
torch.set_num_threads(1)  # tiny model: one thread is faster and sums do not depend on the core count
# 小模型：单线程更快，求和顺序也不随 CPU 核数变化
# float64: CPUs round float32 sums differently, and training can grow that into the printed
# digits; in float64 the differences stay far below them (see the chapter's introduction)
# float64：不同 CPU 对 float32 求和的舍入不同，训练可能把差异放大到打印出的数字；float64 下差异远小于打印精度（见本章引言）
torch.set_default_dtype(torch.float64)

LOSSES = {
    "MSELoss": nn.MSELoss(),
    "L1Loss": nn.L1Loss(),
    "HuberLoss": nn.HuberLoss(),  # delta=1.0
    "SmoothL1Loss": nn.SmoothL1Loss(),  # beta=1.0
}
SEEDS = [0, 1, 2, 3, 4]
FRACTIONS = [0.0, 0.1, 0.2, 0.3, 0.4]
N_TRAIN, N_TEST, STEPS = 200, 200, 300


def make_data(seed, fraction):
    """y = 2x + 1 + N(0, 0.5^2). A `fraction` of TRAINING targets is replaced by
    y + U(10, 20) (e.g. a faulty sensor); the held-out set stays clean.
    训练集中 fraction 比例的目标值被加上 U(10, 20)（比如传感器故障）；留出集保持干净。"""
    torch.manual_seed(seed)
    x = torch.rand(N_TRAIN + N_TEST) * 6 - 3
    y = 2 * x + 1 + 0.5 * torch.randn(N_TRAIN + N_TEST)
    x_tr, y_tr, x_te, y_te = x[:N_TRAIN], y[:N_TRAIN].clone(), x[N_TRAIN:], y[N_TRAIN:]
    bad = torch.randperm(N_TRAIN)[: int(fraction * N_TRAIN)]
    y_tr[bad] += 10 + 10 * torch.rand(len(bad))
    return x_tr, y_tr, x_te, y_te, bad


def fit(loss_fn, x, y, seed):
    torch.manual_seed(seed)
    model = nn.Linear(1, 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=STEPS)  # lr -> 0 so L1 settles
    for _ in range(STEPS):  # full batch / 全批量
        loss = loss_fn(model(x[:, None]).squeeze(1), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    return model.weight.item(), model.bias.item()


def rmse(w, b, x, y):
    return ((w * x + b - y) ** 2).mean().sqrt().item()


# results[loss][fraction] = list of (slope, intercept, clean held-out RMSE) per seed
results = {name: {f: [] for f in FRACTIONS} for name in LOSSES}
for f in FRACTIONS:
    for seed in SEEDS:
        x_tr, y_tr, x_te, y_te, _ = make_data(seed, f)
        for name, loss_fn in LOSSES.items():
            w, b = fit(loss_fn, x_tr, y_tr, seed)
            results[name][f].append((w, b, rmse(w, b, x_te, y_te)))


def ms(values):
    t = torch.tensor(values, dtype=torch.float64)
    return f"{t.mean().item():.3f} ± {t.std().item():.3f}"  # std with n - 1 / 无偏标准差


print(f"true line: y = 2x + 1, noise std 0.5; {N_TRAIN} train / {N_TEST} clean held-out points, "
      f"{len(SEEDS)} seeds")
print("20% outliers in the training set:")
print(f"{'':13s}{'slope':>16s}{'intercept':>16s}{'held-out RMSE':>16s}")
for name in LOSSES:
    cols = list(zip(*results[name][0.2]))
    print(f"{name:13s}" + "".join(f"{ms(c):>16s}" for c in cols))
print("held-out RMSE vs outlier fraction:")
print(f"{'':13s}" + "".join(f"{f:>16.0%}" for f in FRACTIONS))
for name in LOSSES:
    print(f"{name:13s}" + "".join(f"{ms([r[2] for r in results[name][f]]):>16s}" for f in FRACTIONS))
# Check the optimiser: MSE's minimum has a closed form (least squares)
# 检查优化是否到位：MSE 的最小值有闭式解（最小二乘）
gap = 0.0
for seed in SEEDS:
    x_tr, y_tr, *_ = make_data(seed, 0.2)
    A = torch.stack([x_tr, torch.ones_like(x_tr)], 1)
    w_ls, b_ls = torch.linalg.lstsq(A, y_tr[:, None]).solution.squeeze(1).tolist()
    w, b, _ = results["MSELoss"][0.2][seed]
    gap = max(gap, abs(w - w_ls), abs(b - b_ls))
print("MSELoss fit vs closed-form least squares, max |difference|:", round(gap, 4))
same = all(results["HuberLoss"][f] == results["SmoothL1Loss"][f] for f in FRACTIONS)
print("HuberLoss(delta=1) and SmoothL1Loss(beta=1) gave identical fits:", same)


def figure_fits(lang="zh"):
    import matplotlib.pyplot as plt

    x_tr, y_tr, x_te, y_te, bad = make_data(0, 0.2)
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    good = torch.ones(N_TRAIN, dtype=torch.bool)
    good[bad] = False
    ax.scatter(x_tr[good], y_tr[good], s=8, alpha=0.5,
               label={"zh": "训练点", "en": "training points"}[lang])
    ax.scatter(x_tr[bad], y_tr[bad], s=14, marker="x",
               label={"zh": "训练集离群值（20%）", "en": "training outliers (20%)"}[lang])
    xs = torch.tensor([-3.0, 3.0])
    ax.plot(xs, 2 * xs + 1, linestyle=":", color="gray", label={"zh": "真实直线", "en": "true line"}[lang])
    for name in ["MSELoss", "L1Loss", "HuberLoss"]:  # SmoothL1Loss coincides with HuberLoss here
        w, b, _ = results[name][0.2][0]
        ax.plot(xs, w * xs + b, linewidth=1.8, label=name)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title({"zh": "种子 0 的拟合直线（SmoothL1Loss 与 HuberLoss 重合）",
                  "en": "Fitted lines, seed 0 (SmoothL1Loss coincides with HuberLoss)"}[lang], fontsize=11)
    ax.legend(fontsize=9, ncol=2)
    return fig


def figure_rmse_vs_fraction(lang="zh"):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    pct = [100 * f for f in FRACTIONS]
    for name in ["MSELoss", "L1Loss", "HuberLoss"]:
        t = torch.tensor([[r[2] for r in results[name][f]] for f in FRACTIONS])
        ax.errorbar(pct, t.mean(1), yerr=t.std(1), marker="o", capsize=3, label=name)
    ax.set_yscale("log")
    ax.set_yticks([0.5, 1, 2, 4, 6], ["0.5", "1", "2", "4", "6"])
    ax.minorticks_off()
    ax.set_xlabel({"zh": "训练集中离群值的比例（%）", "en": "outliers in the training set (%)"}[lang])
    ax.set_ylabel({"zh": "干净留出集上的 RMSE", "en": "RMSE on clean held-out data"}[lang])
    ax.set_title({"zh": f"{len(SEEDS)} 个种子的均值 ± 标准差",
                  "en": f"Mean ± std over {len(SEEDS)} seeds"}[lang])
    ax.legend()
    return fig
