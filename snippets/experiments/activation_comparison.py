"""Six activations in the same MLP on scikit-learn's digits (8x8 images, 10 classes)."""
import torch
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

ACTS = {
    "Sigmoid": nn.Sigmoid,
    "Tanh": nn.Tanh,
    "ReLU": nn.ReLU,
    "LeakyReLU": nn.LeakyReLU,  # negative_slope=0.01
    "GELU": nn.GELU,
    "SiLU": nn.SiLU,
}
SEEDS = [0, 1, 2, 3, 4]
EPOCHS = 150
TARGET = 0.90  # validation accuracy to reach / 目标验证准确率

X_all, y_all = load_digits(return_X_y=True)


def split(seed):
    """Stratified 70/30 split; standardise with training statistics only.
    分层 70/30 划分；只用训练集的统计量标准化。"""
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_all, y_all, test_size=0.3, stratify=y_all, random_state=seed)
    X_tr = torch.tensor(X_tr)  # float64, as numpy gives / 与 numpy 一样是 float64
    X_va = torch.tensor(X_va)
    mean, std = X_tr.mean(0), X_tr.std(0)
    std[std == 0] = 1.0  # pixels that are always 0 in training / 训练集中恒为 0 的像素
    return ((X_tr - mean) / std, torch.tensor(y_tr),
            (X_va - mean) / std, torch.tensor(y_va))


def make_mlp(act):
    # 64 -> 64 -> 64 -> 10, PyTorch's default init / 默认初始化
    return nn.Sequential(nn.Linear(64, 64), act(), nn.Linear(64, 64), act(), nn.Linear(64, 10))


def run(name, seed):
    X_tr, y_tr, X_va, y_va = split(seed)
    torch.manual_seed(seed)
    model = make_mlp(ACTS[name])
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    # gradient norm of each Linear weight before the first step
    # 第一步之前每个 Linear 权重的梯度范数
    loss_fn(model(X_tr), y_tr).backward()
    grad0 = [m.weight.grad.norm().item() for m in model if isinstance(m, nn.Linear)]
    model.zero_grad()
    tr_loss, va_loss, va_acc = [], [], []
    for epoch in range(EPOCHS):  # full batch / 全批量
        model.train()
        loss = loss_fn(model(X_tr), y_tr)
        opt.zero_grad()
        loss.backward()
        opt.step()
        model.eval()
        with torch.no_grad():
            out = model(X_va)
            tr_loss.append(loss.item())
            va_loss.append(loss_fn(out, y_va).item())
            va_acc.append((out.argmax(1) == y_va).double().mean().item())
    hit = [e + 1 for e, a in enumerate(va_acc) if a >= TARGET]
    return dict(grad0=grad0, tr_loss=tr_loss, va_loss=va_loss, va_acc=va_acc,
                first=hit[0] if hit else None)


results = {name: [run(name, s) for s in SEEDS] for name in ACTS}


def mean_std(values):
    t = torch.tensor(values, dtype=torch.float64)
    return t.mean().item(), t.std().item()  # std with n - 1 / 无偏标准差


print(f"digits: {len(X_all)} images, 70/30 split, {len(SEEDS)} seeds, {EPOCHS} full-batch epochs")
print(f"{'':10s} {'val acc (mean ± std)':>21s} {'epochs to ' + str(TARGET):>16s} {'final val loss':>15s}")
for name, runs in results.items():
    m, s = mean_std([r["va_acc"][-1] for r in runs])
    firsts = [r["first"] for r in runs if r["first"] is not None]
    f = f"{mean_std(firsts)[0]:5.1f} ± {mean_std(firsts)[1]:4.1f}" if len(firsts) == len(runs) else \
        f"{len(firsts)}/{len(runs)} reached"
    lm, ls = mean_std([r["va_loss"][-1] for r in runs])
    print(f"{name:10s} {m:13.3f} ± {s:.3f} {f:>16s} {lm:9.3f} ± {ls:.3f}")

print("gradient norm per Linear weight at step 0 (mean over seeds), layer 1 -> 3:")
for name, runs in results.items():
    g = torch.tensor([r["grad0"] for r in runs]).mean(0)
    print(f"{name:10s}", "  ".join(f"{v:.4f}" for v in g.tolist()))


def figure_curves(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.8))
    epochs = range(1, EPOCHS + 1)
    for name, runs in results.items():
        tr = torch.tensor([r["tr_loss"] for r in runs]).mean(0)
        acc = torch.tensor([r["va_acc"] for r in runs])
        (line,) = ax1.plot(epochs, tr, label=name, linewidth=1.5)
        ax2.plot(epochs, acc.mean(0), color=line.get_color(), linewidth=1.5)
        ax2.fill_between(epochs, acc.min(0).values, acc.max(0).values,
                         color=line.get_color(), alpha=0.15, linewidth=0)
    ax1.set_yscale("log")
    ax1.set_xlabel("epoch")
    ax2.set_xlabel("epoch")
    ax1.set_title({"zh": f"训练损失（{len(SEEDS)} 个种子平均）",
                   "en": f"Training loss (mean of {len(SEEDS)} seeds)"}[lang])
    ax2.set_title({"zh": "验证准确率（均值，阴影为最小–最大）",
                   "en": "Validation accuracy (mean, band = min–max)"}[lang])
    ax2.axhline(TARGET, linestyle=":", linewidth=1)
    ax2.set_ylim(0, 1)
    ax1.legend(fontsize=9)
    fig.tight_layout()
    return fig


def figure_grad_norms(lang="zh"):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 3.6))
    names = list(results)
    width = 0.27
    for layer in range(3):
        g = [torch.tensor([r["grad0"][layer] for r in results[n]]).mean().item() for n in names]
        ax.bar([i + (layer - 1) * width for i in range(len(names))], g, width,
               label={"zh": f"第 {layer + 1} 层", "en": f"layer {layer + 1}"}[lang])
    ax.set_xticks(range(len(names)), names)
    ax.set_ylabel({"zh": "权重梯度的范数", "en": "weight-gradient norm"}[lang])
    ax.set_title({"zh": "训练开始时各层的梯度范数", "en": "Gradient norm per layer at the start"}[lang])
    ax.legend()
    return fig
