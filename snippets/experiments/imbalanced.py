"""Cross-entropy vs weighted cross-entropy vs focal loss on an imbalanced digits training set."""
import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.metrics import average_precision_score, precision_recall_curve
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

RARE = [3, 8]  # classes made rare in the TRAINING split / 在训练集中变稀少的类别
KEEP = 0.05  # fraction of their training images that is kept / 保留的比例
SEEDS = [0, 1, 2, 3, 4]
EPOCHS, BATCH = 30, 64

X_all, y_all = load_digits(return_X_y=True)


def focal_loss(logits, target, gamma=2.0):
    """Focal loss (Lin et al. 2017) without the alpha factor, reduction='mean':
    FL = -(1 - p_t)^gamma * log(p_t). gamma = 0 gives cross-entropy.
    不带 alpha 因子的 focal loss，按 mean 归约；gamma = 0 时就是交叉熵。"""
    log_pt = F.log_softmax(logits, dim=1).gather(1, target[:, None]).squeeze(1)
    return (-((1 - log_pt.exp()) ** gamma) * log_pt).mean()


def make_data(seed):
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_all, y_all, test_size=0.3, stratify=y_all, random_state=seed)
    X_tr, X_va = torch.tensor(X_tr), torch.tensor(X_va)  # numpy float64 / numpy 的 float64
    y_tr, y_va = torch.tensor(y_tr), torch.tensor(y_va)
    torch.manual_seed(seed)
    keep = torch.ones(len(y_tr), dtype=torch.bool)
    for c in RARE:  # drop 95% of the rare classes' training images / 丢掉稀有类 95% 的训练图像
        idx = (y_tr == c).nonzero().squeeze(1)
        drop = idx[torch.randperm(len(idx))[round(KEEP * len(idx)):]]
        keep[drop] = False
    X_tr, y_tr = X_tr[keep], y_tr[keep]
    mean, std = X_tr.mean(0), X_tr.std(0)
    std[std == 0] = 1.0  # pixels that are always 0 in training / 训练集中恒为 0 的像素
    return (X_tr - mean) / std, y_tr, (X_va - mean) / std, y_va


def train(X_tr, y_tr, loss_name, seed):
    counts = torch.bincount(y_tr, minlength=10).double()
    weight = len(y_tr) / (10 * counts)  # "balanced" weights N / (C * n_c) / 按类别频率的倒数加权
    loss_fns = {
        "CE": nn.CrossEntropyLoss(),
        "weighted CE": nn.CrossEntropyLoss(weight=weight),
        "focal (γ=2)": focal_loss,
    }
    loss_fn = loss_fns[loss_name]
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(EPOCHS):
        for idx in torch.randperm(len(y_tr)).split(BATCH):
            loss = loss_fn(model(X_tr[idx]), y_tr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


LOSS_NAMES = ["CE", "weighted CE", "focal (γ=2)"]
recalls = {n: [] for n in LOSS_NAMES}  # per seed: recall of each class / 每个种子每类的召回率
ap = {n: [] for n in LOSS_NAMES}  # average precision, class 8 vs rest / 类别 8 对其余的平均精度
acc = {n: [] for n in LOSS_NAMES}
curves, points = {}, {}  # seed 0: PR curve and the argmax operating point / 种子 0：PR 曲线与 argmax 决策点
for seed in SEEDS:
    X_tr, y_tr, X_va, y_va = make_data(seed)
    for name in LOSS_NAMES:
        model = train(X_tr, y_tr, name, seed)
        with torch.no_grad():
            prob = model(X_va).softmax(1)
        pred = prob.argmax(1)
        acc[name].append((pred == y_va).double().mean().item())
        recalls[name].append([(pred[y_va == c] == c).double().mean().item() for c in range(10)])
        score, truth = prob[:, 8].numpy(), (y_va == 8).numpy()
        ap[name].append(average_precision_score(truth, score))
        if seed == 0:
            curves[name] = precision_recall_curve(truth, score)[:2]
            hit = ((pred == 8) & (y_va == 8)).sum().item()
            points[name] = (hit / max((pred == 8).sum().item(), 1), hit / (y_va == 8).sum().item())


def ms(t):
    return f"{t.mean().item():.3f} ± {t.std().item():.3f}"  # std with n - 1 / 无偏标准差


counts = torch.bincount(make_data(0)[1], minlength=10)
print("training images per class (seed 0):", counts.tolist())
print("held-out images per class (seed 0):", torch.bincount(make_data(0)[3], minlength=10).tolist())
print(f"held-out recall, mean ± std over {len(SEEDS)} seeds")
print(f"{'':12s}{'class 3':>16s}{'class 8':>16s}{'other 8 classes':>16s}{'accuracy':>16s}")
for name in LOSS_NAMES:
    r = torch.tensor(recalls[name], dtype=torch.float64)  # (seeds, classes)
    common = r[:, [c for c in range(10) if c not in RARE]].mean(1)
    a = torch.tensor(acc[name], dtype=torch.float64)
    print(f"{name:12s}{ms(r[:, 3]):>16s}{ms(r[:, 8]):>16s}{ms(common):>16s}{ms(a):>16s}")
print("average precision, class 8 vs rest:")
for name in LOSS_NAMES:
    print(f"{name:12s}{ms(torch.tensor(ap[name], dtype=torch.float64)):>16s}")


def figure_recall_pr(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.9))
    width = 0.27
    for k, name in enumerate(LOSS_NAMES):
        r = torch.tensor(recalls[name])
        bars = ax1.bar([c + (k - 1) * width for c in range(10)], r.mean(0), width, yerr=r.std(0),
                       capsize=2, label=name,
                       error_kw={"ecolor": plt.rcParams["axes.edgecolor"]})  # theme's own colour
        precision, recall = curves[name]
        ax2.plot(recall, precision, drawstyle="steps-post", color=bars.patches[0].get_facecolor(),
                 label=name, linewidth=1.6)
        p, rc = points[name]
        ax2.plot([rc], [p], marker="o", markersize=8, color=bars.patches[0].get_facecolor())
    ax1.set_xticks(range(10))
    ax1.set_xlabel({"zh": "类别（3 和 8 在训练集中稀少）", "en": "class (3 and 8 are rare in training)"}[lang])
    ax1.set_ylabel({"zh": "留出集召回率", "en": "held-out recall"}[lang])
    ax1.set_title({"zh": f"各类召回率（{len(SEEDS)} 个种子均值 ± 标准差）",
                   "en": f"Recall per class (mean ± std, {len(SEEDS)} seeds)"}[lang], fontsize=11)
    ax2.set_xlabel({"zh": "召回率", "en": "recall"}[lang])
    ax2.set_ylabel({"zh": "精确率", "en": "precision"}[lang])
    ax2.set_title({"zh": "类别 8 对其余的 PR 曲线（种子 0，圆点 = argmax）",
                   "en": "PR curve, class 8 vs rest (seed 0, dot = argmax)"}[lang], fontsize=11)
    ax2.legend(fontsize=9, loc="lower left")
    ax2.set_xlim(0, 1.02)
    ax2.set_ylim(0, 1.05)
    fig.tight_layout()
    return fig
