import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)

C, eps = 3, 0.1
target = torch.tensor([0])
plain = nn.CrossEntropyLoss()
smooth = nn.CrossEntropyLoss(label_smoothing=eps)

# Logits [m, 0, 0]: the larger the margin m, the closer softmax is to one-hot
# logits 为 [m, 0, 0]：m 越大，softmax 越接近独热向量
print("margin m | p(class 0) | CE     | CE, label_smoothing=0.1")
for m in [0.0, 2.0, 5.0, 10.0, 20.0, 40.0]:
    z = torch.tensor([[m, 0.0, 0.0]])
    p0 = torch.softmax(z, dim=1)[0, 0]
    print(f"{m:8.1f} | {p0:.4f}     | {plain(z, target):.4f} | {smooth(z, target):.4f}")

# What PyTorch computes: (1 - eps) * NLL + eps * mean over classes of -log p_c
# PyTorch 的计算方式：(1 - eps) * NLL + eps * 各类 -log p_c 的平均
z = torch.tensor([[2.0, 0.5, -1.0]])
logp = F.log_softmax(z, dim=1)
by_hand = (1 - eps) * -logp[0, 0] + eps * -logp[0].mean()
print("built-in:", round(smooth(z, target).item(), 4), " by hand:", round(by_hand.item(), 4))

# Equivalent soft target q = (1 - eps) * one_hot + eps / C / 等价的软目标
q = (1 - eps) * F.one_hot(target, C).float() + eps / C
print("soft target q:", q)
print("CE with q as probability target:", round(plain(z, q).item(), 4))

# The best prediction is p = q, not one-hot: minimise over the logits
# 最优预测是 p = q 而不是独热：对 logits 做梯度下降
w = torch.zeros(1, C, requires_grad=True)
opt = torch.optim.SGD([w], lr=1.0)
for _ in range(500):
    opt.zero_grad()
    smooth(w, target).backward()
    opt.step()
print("optimal softmax:", torch.softmax(w, dim=1).detach())
print("optimal margin z0 - z1:", round((w[0, 0] - w[0, 1]).item(), 4),
      " log(q0 / q1):", round((q[0, 0] / q[0, 1]).log().item(), 4))
print("minimum loss:", round(smooth(w, target).item(), 4),
      " entropy of q:", round(-(q * q.log()).sum().item(), 4))


def figure_smoothing(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("logit 差距 m（logits = [m, 0, 0]，真实类别为 0）", "损失",
               "标签平滑让过度自信的预测受罚", "最优 m"),
        "en": ("logit margin m (logits = [m, 0, 0], true class 0)", "loss",
               "Label smoothing penalises over-confidence", "optimal m"),
    }[lang]
    ms = torch.linspace(-2, 15, 341)
    zs = torch.stack([ms, torch.zeros_like(ms), torch.zeros_like(ms)], dim=1)
    t = torch.zeros(len(ms), dtype=torch.long)
    fig, ax = plt.subplots()
    for ls in [0.0, 0.1, 0.3]:
        loss = F.cross_entropy(zs, t, reduction="none", label_smoothing=ls)
        ax.plot(ms, loss, label=f"label_smoothing={ls}")
    best = (q[0, 0] / q[0, 1]).log()
    ax.axvline(best, linestyle=":", color="gray")
    ax.annotate(f"{text[3]} = {best:.4f}", (best, 1.5), (best + 1.5, 2.2),
                arrowprops={"arrowstyle": "->", "color": "gray"})
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.set_title(text[2])
    ax.legend()
    return fig


def figure_smoothing_eps(lang="zh", label_smoothing=0.1):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("类别（真实类别为 0）", "软目标 q", "logit 差距 m（logits = [m, 0, 0]）", "损失", "最优 m"),
        "en": ("class (true class 0)", "soft target q", "logit margin m (logits = [m, 0, 0])", "loss", "optimal m"),
    }[lang]
    k = 3
    soft = (1 - label_smoothing) * F.one_hot(torch.tensor(0), k).float() + label_smoothing / k
    ms = torch.linspace(-2, 15, 171)
    zs = torch.stack([ms, torch.zeros_like(ms), torch.zeros_like(ms)], dim=1)
    loss = F.cross_entropy(zs, torch.zeros(len(ms), dtype=torch.long), reduction="none",
                           label_smoothing=label_smoothing)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6), gridspec_kw={"width_ratios": [1, 2]})
    bars = ax1.bar(range(k), soft)
    ax1.bar_label(bars, labels=[f"{v:.4f}" for v in soft.tolist()], fontsize=9)
    ax1.set_xticks(range(k))
    ax1.set_ylim(0, 1.15)
    ax1.set_xlabel(text[0])
    ax1.set_title(text[1])
    ax2.plot(ms, loss, label=f"label_smoothing={label_smoothing:g}")
    if label_smoothing > 0:  # with 0 the loss keeps falling: no finite optimum
        best = (soft[0] / soft[1]).log().item()
        ax2.axvline(best, linestyle=":", color="gray", label=f"{text[4]} = {best:.4f}")
    ax2.set_ylim(-0.1, 3.1)
    ax2.set_xlabel(text[2])
    ax2.set_ylabel(text[3])
    ax2.legend(loc="upper right")
    fig.tight_layout()
    return fig
