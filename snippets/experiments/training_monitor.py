"""A training monitor: train/validation curves, StepLR, gradient clipping and the
pre-clip gradient norm, for a model that over-fits and one that under-fits (digits)."""
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

SEEDS = [0, 1, 2]
EPOCHS = 120
MAX_NORM = 1.0  # clip_grad_norm_ threshold / 梯度裁剪阈值
X_all, y_all = load_digits(return_X_y=True)


def make_data(seed, n_train):
    """Stratified split: 540 held-out images and n_train training images.
    Standardised with training statistics only.
    分层划分：540 张留出图像；训练集 n_train 张。只用训练集统计量标准化。"""
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_all, y_all, test_size=540, stratify=y_all, random_state=seed)
    if n_train < len(y_tr):
        X_tr, _, y_tr, _ = train_test_split(
            X_tr, y_tr, train_size=n_train, stratify=y_tr, random_state=seed)
    X_tr, X_va = torch.tensor(X_tr), torch.tensor(X_va)  # float64, as numpy gives / 与 numpy 一样是 float64
    mean, std = X_tr.mean(0), X_tr.std(0)
    std[std == 0] = 1.0  # pixels that are always 0 in training / 训练集中恒为 0 的像素
    return (X_tr - mean) / std, torch.tensor(y_tr), (X_va - mean) / std, torch.tensor(y_va)


SETUPS = {  # name: (training images, batch size, lr, model) / 名称：（训练图像数，批量大小，学习率，模型）
    "big model, 100 images": (100, 25, 1e-3, lambda: nn.Sequential(
        nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))),
    "2-unit bottleneck, 1257 images": (1257, 128, 1e-2, lambda: nn.Sequential(
        nn.Linear(64, 2), nn.Tanh(), nn.Linear(2, 10))),
}


def train(setup, seed):
    n_train, batch, lr, build = SETUPS[setup]
    X_tr, y_tr, X_va, y_va = make_data(seed, n_train)
    torch.manual_seed(seed)
    model = build()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=40, gamma=0.3)  # lr x0.3 every 40 epochs
    hist = {k: [] for k in ["tr_loss", "va_loss", "tr_acc", "va_acc", "lr", "grad_norm"]}
    for epoch in range(EPOCHS):
        hist["lr"].append(opt.param_groups[0]["lr"])  # lr used in this epoch / 本 epoch 的学习率
        model.train()
        for idx in torch.randperm(len(y_tr)).split(batch):
            loss = F.cross_entropy(model(X_tr[idx]), y_tr[idx])
            opt.zero_grad()
            loss.backward()
            # returns the total norm BEFORE clipping / 返回裁剪之前的总范数
            norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=MAX_NORM)
            hist["grad_norm"].append(norm.item())  # one value per step / 每步一个值
            opt.step()
        sched.step()  # once per epoch / 每个 epoch 一次
        model.eval()  # evaluate both splits at the end of the epoch / epoch 结束时评估两个集合
        with torch.no_grad():
            for split, X, y in [("tr", X_tr, y_tr), ("va", X_va, y_va)]:
                out = model(X)
                hist[split + "_loss"].append(F.cross_entropy(out, y).item())
                hist[split + "_acc"].append((out.argmax(1) == y).double().mean().item())
    return {k: torch.tensor(v, dtype=torch.float64) for k, v in hist.items()}


runs = {name: [train(name, s) for s in SEEDS] for name in SETUPS}


def ms(values):
    t = torch.as_tensor(values, dtype=torch.float64)
    return f"{t.mean().item():.3f} ± {t.std().item():.3f}"  # std with n - 1 / 无偏标准差


print(f"{EPOCHS} epochs, Adam, StepLR(step_size=40, gamma=0.3), "
      f"clip_grad_norm_(max_norm={MAX_NORM}); mean ± std over {len(SEEDS)} seeds")
for name, hs in runs.items():
    n_train, batch, lr, build = SETUPS[name]
    print(f"== {name}: {sum(p.numel() for p in build().parameters())} parameters, batch {batch}, lr {lr}")
    print("  training images per class (seed 0):", torch.bincount(make_data(0, n_train)[1]).tolist())
    for key in ["tr_loss", "va_loss", "tr_acc", "va_acc"]:
        print(f"  final {key:8s}", ms([h[key][-1] for h in hs]))
    print("  gap val - train loss at the end:", ms([h["va_loss"][-1] - h["tr_loss"][-1] for h in hs]))
    print("  epoch of lowest val loss:       ", ms([h["va_loss"].argmin().item() + 1 for h in hs]))
    print("  val loss: lowest / final:       ",
          ms([h["va_loss"].min() for h in hs]), "/", ms([h["va_loss"][-1] for h in hs]))
    print("  steps clipped (norm > max_norm):", ms([(h["grad_norm"] > MAX_NORM).sum().item() for h in hs]),
          f"of {len(hs[0]['grad_norm'])}")


def figure_history(lang="zh"):
    import matplotlib.pyplot as plt

    t = {"zh": {"loss": "交叉熵损失", "acc": "准确率", "lr": "学习率（StepLR）",
                "norm": "裁剪前的梯度范数（每步）", "train": "训练", "val": "验证",
                "over": "过拟合", "under": "欠拟合"},
         "en": {"loss": "cross-entropy loss", "acc": "accuracy", "lr": "learning rate (StepLR)",
                "norm": "gradient norm before clipping (per step)", "train": "train", "val": "val",
                "over": "over-fits", "under": "under-fits"}}[lang]
    fig, axes = plt.subplots(2, 2, figsize=(10, 6.6), sharex=True)
    epochs = range(1, EPOCHS + 1)
    for k, (name, hs) in enumerate(runs.items()):
        tag = t["over"] if k == 0 else t["under"]
        mean = {key: torch.stack([h[key] for h in hs]).mean(0) for key in hs[0]}
        for key, ax, style in [("tr_loss", axes[0, 0], "-"), ("va_loss", axes[0, 0], "--"),
                               ("tr_acc", axes[0, 1], "-"), ("va_acc", axes[0, 1], "--")]:
            split = t["train"] if key.startswith("tr") else t["val"]
            ax.plot(epochs, mean[key], style, color=f"C{k}", linewidth=1.5, label=f"{tag}, {split}")
        axes[1, 0].plot(epochs, mean["lr"], color=f"C{k}", drawstyle="steps-post", label=tag)
        steps = torch.arange(1, len(mean["grad_norm"]) + 1) / (len(mean["grad_norm"]) / EPOCHS)
        axes[1, 1].plot(steps, mean["grad_norm"], color=f"C{k}", linewidth=0.8, label=tag)  # per step
    axes[1, 1].axhline(MAX_NORM, linestyle=":", color="gray", linewidth=1)
    axes[0, 0].set_yscale("log")
    axes[1, 1].set_yscale("log")
    axes[1, 0].set_yscale("log")
    for ax, key in zip(axes.flat, ["loss", "acc", "lr", "norm"]):
        ax.set_title(t[key], fontsize=11)
    for ax in axes[1]:
        ax.set_xlabel("epoch")
    axes[0, 0].legend(fontsize=8)
    axes[1, 1].legend(fontsize=8)
    fig.suptitle({"zh": f"训练记录（{len(SEEDS)} 个种子的平均曲线）",
                  "en": f"Training history (mean curves over {len(SEEDS)} seeds)"}[lang])
    fig.tight_layout()
    return fig
