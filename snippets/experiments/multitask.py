"""A shared GELU trunk with a classification head and a regression head (digits):
fixed loss weights vs learned uncertainty weights (Kendall et al. 2018)."""
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
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

SEEDS = [0, 1, 2, 3, 4]
EPOCHS, BATCH = 30, 128
S_LR = 0.05  # Adam step size for s / s 的 Adam 步长
X_all, y_all = load_digits(return_X_y=True)
X_all = torch.tensor(X_all)  # float64, as numpy gives / 与 numpy 一样是 float64
# Regression target: the row of the ink's centre of mass (0 = top row, 7 = bottom row)
# 回归目标：墨迹重心所在的行（0 为最上一行，7 为最下一行）
rows = torch.arange(8.0).repeat_interleave(8)  # row index of each of the 64 pixels
z_all = (X_all * rows).sum(1) / X_all.sum(1)


def make_data(seed):
    idx = torch.arange(len(y_all))
    tr, va = train_test_split(idx, test_size=0.3, stratify=y_all, random_state=seed)
    mean, std = X_all[tr].mean(0), X_all[tr].std(0)
    std[std == 0] = 1.0  # pixels that are always 0 in training / 训练集中恒为 0 的像素
    X = (X_all - mean) / std  # training statistics only / 只用训练集统计量
    y = torch.tensor(y_all)
    return X[tr], y[tr], z_all[tr], X[va], y[va], z_all[va]


class TwoHeads(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(64, 128), nn.GELU(), nn.Linear(128, 128), nn.GELU())
        self.cls = nn.Linear(128, 10)  # class logits / 类别 logits
        self.reg = nn.Linear(128, 1)  # centre-of-mass row / 重心行

    def forward(self, x):
        h = self.trunk(x)
        return self.cls(h), self.reg(h).squeeze(1)


def uncertainty_weighted(L, s):
    """Kendall et al. (2018), the common simplified form: sum_i exp(-s_i) * L_i + s_i,
    with s_i = log sigma_i^2 learned. 常用的简化形式，s_i 可学习。"""
    return (torch.exp(-s) * L + s).sum()


def run(mode, seed):
    """mode: 'fixed' (L_cls + L_reg), 'learned' (sum exp(-s_i) L_i + s_i),
    'cls only' or 'reg only' (single-task baselines / 单任务基线)."""
    X_tr, y_tr, z_tr, X_va, y_va, z_va = make_data(seed)
    torch.manual_seed(seed)
    model = TwoHeads()
    s = torch.zeros(2, requires_grad=True)  # s_i = log sigma_i^2, one per task / 每个任务一个
    groups = [{"params": model.parameters()}]
    if mode == "learned":  # s gets a larger step size, or it barely moves in 300 steps
        groups.append({"params": [s], "lr": S_LR})  # 否则 300 步里 s 几乎不动
    opt = torch.optim.Adam(groups, lr=3e-3 if mode == "fixed, lr×3" else 1e-3)
    weights = []  # exp(-s_i) after each epoch / 每个 epoch 后的 exp(-s_i)
    for _ in range(EPOCHS):
        epoch_L = []
        for idx in torch.randperm(len(y_tr)).split(BATCH):
            logits, z_hat = model(X_tr[idx])
            L = torch.stack([F.cross_entropy(logits, y_tr[idx]), F.mse_loss(z_hat, z_tr[idx])])
            if mode == "learned":
                loss = uncertainty_weighted(L, s)
            else:
                w = {"fixed": [1.0, 1.0], "fixed, lr×3": [1.0, 1.0], "cls only": [1.0, 0.0], "reg only": [0.0, 1.0]}[mode]
                loss = w[0] * L[0] + w[1] * L[1]
            opt.zero_grad()
            loss.backward()
            opt.step()
            epoch_L.append(L.detach())
        weights.append(torch.exp(-s.detach()).tolist())
    model.eval()
    with torch.no_grad():
        logits, z_hat = model(X_va)
    acc = (logits.argmax(1) == y_va).double().mean().item()
    rmse = (z_hat - z_va).pow(2).mean().sqrt().item()
    return acc, rmse, weights, torch.stack(epoch_L).mean(0)  # last epoch's mean L_i


MODES = ["cls only", "reg only", "fixed", "fixed, lr×3", "learned"]
results = {m: [run(m, seed) for seed in SEEDS] for m in MODES}


def ms(values):
    t = torch.as_tensor(values)
    return f"{t.mean().item():.3f} ± {t.std().item():.3f}"  # std with n - 1 / 无偏标准差


z_va = make_data(0)[5]
print(f"target: centre-of-mass row, held-out mean {z_va.mean().item():.2f}, std {z_va.std().item():.2f}")
print(f"held-out metrics, mean ± std over {len(SEEDS)} seeds ({EPOCHS} epochs, batch {BATCH})")
print(f"{'':12s}{'accuracy':>16s}{'RMSE (rows)':>16s}")
for m in MODES:
    acc = ms([r[0] for r in results[m]]) if m != "reg only" else "-"
    rmse = ms([r[1] for r in results[m]]) if m != "cls only" else "-"
    print(f"{m:12s}{acc:>16s}{rmse:>16s}")
for base in ["fixed", "fixed, lr×3"]:  # paired: same seed, same split / 配对：同一种子、同一划分
    d_acc = [a[0] - b[0] for a, b in zip(results["learned"], results[base])]
    d_rmse = [a[1] - b[1] for a, b in zip(results["learned"], results[base])]
    print(f"learned - ({base}): accuracy {ms(d_acc)} | RMSE {ms(d_rmse)}")
w_end = torch.tensor([r[2][-1] for r in results["learned"]])
inv_L = 1 / torch.stack([r[3] for r in results["learned"]])
print("learned weights exp(-s) at the end, classification / regression:",
      ms(w_end[:, 0]), "/", ms(w_end[:, 1]))
print("1 / (mean training loss in the last epoch),  classification / regression:",
      ms(inv_L[:, 0]), "/", ms(inv_L[:, 1]))


def figure_weights(lang="zh"):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.6, 3.8))
    epochs = range(1, EPOCHS + 1)
    w = torch.tensor([r[2] for r in results["learned"]])  # (seeds, epochs, 2)
    labels = {"zh": ["分类权重 exp(-s₁)", "回归权重 exp(-s₂)"],
              "en": ["classification weight exp(-s₁)", "regression weight exp(-s₂)"]}[lang]
    for task in range(2):
        lines = ax.plot(epochs, w[:, :, task].T, linewidth=1.2, alpha=0.8)
        for ln in lines:
            ln.set_color(f"C{task}")  # one colour per task / 每个任务一种颜色
        lines[0].set_label(labels[task])
    ax.axhline(1.0, linestyle=":", linewidth=1, color="gray")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel({"zh": "权重（对数坐标）", "en": "weight (log scale)"}[lang])
    ax.set_title({"zh": f"学到的任务权重（{len(SEEDS)} 个种子，每条线一个）",
                  "en": f"Learned task weights ({len(SEEDS)} seeds, one line each)"}[lang])
    ax.legend()
    return fig
