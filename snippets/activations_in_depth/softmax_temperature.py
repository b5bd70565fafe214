import math

import torch

torch.manual_seed(0)
logits = torch.tensor([2.0, 1.0, 0.5, 0.0, -1.0])  # one fixed logit vector / 固定的 logits
TEMPS = [0.1, 0.5, 1.0, 2.0, 10.0]


def softmax_t(z, t):
    """Softmax with temperature: softmax(z / T) / 带温度的 softmax"""
    return torch.softmax(z / t, dim=-1)


def entropy(p):
    """Entropy in nats, -sum p log p (0 log 0 = 0) / 熵（以 e 为底）"""
    return -torch.special.xlogy(p, p).sum(dim=-1)


print("logits:", logits)
for t in TEMPS:
    p = softmax_t(logits, t)
    print(f"T = {t:4.1f}  p = {p}  sum = {p.sum().item():.4f}  "
          f"argmax = {int(p.argmax())}  H = {entropy(p).item():.4f}")
print(f"max entropy log(5) = {math.log(5):.4f}")

# T does not change the order of the classes / 温度不改变类别的排序
orders = [softmax_t(logits, t).argsort(descending=True).tolist() for t in TEMPS]
print("same ranking for every T:", all(o == orders[0] for o in orders))

# The limits: T -> 0 gives one-hot on the argmax, T -> inf gives uniform
# 极限：T -> 0 趋于 argmax 的独热向量，T -> inf 趋于均匀分布
print("T = 0.05:", softmax_t(logits, 0.05))
print("T = 1000:", softmax_t(logits, 1000.0))
print("T = 0:   ", softmax_t(logits, 0.0))  # z / 0 gives inf and nan / 除以 0 得到 inf 和 nan



def figure_entropy(lang="zh"):
    import matplotlib.pyplot as plt

    ts = torch.logspace(-2, 2, 401)
    hs = entropy(torch.softmax(logits / ts[:, None], dim=-1))
    fig, ax = plt.subplots()
    ax.semilogx(ts, hs, label={"zh": "熵 H(T)", "en": "entropy H(T)"}[lang])
    ax.semilogx(TEMPS, [entropy(softmax_t(logits, t)).item() for t in TEMPS], "o")
    ax.axhline(math.log(5), color="gray", linestyle=":", linewidth=1,
               label={"zh": "最大值 log 5（均匀分布）", "en": "maximum log 5 (uniform)"}[lang])
    ax.set_xlabel({"zh": "温度 T（对数刻度）", "en": "temperature T (log scale)"}[lang])
    ax.set_ylabel({"zh": "熵（nat）", "en": "entropy (nats)"}[lang])
    ax.legend()
    return fig


def figure_temperature_bars(lang="zh", T=1.0):
    import matplotlib.pyplot as plt

    p = torch.softmax(logits / T, dim=-1)
    fig, ax = plt.subplots()
    bars = ax.bar(range(len(logits)), p)
    ax.bar_label(bars, labels=[f"{v:.4f}" for v in p.tolist()], fontsize=9)
    ax.set_xticks(range(len(logits)))
    ax.set_xticklabels([f"{z:g}" for z in logits.tolist()])
    ax.set_ylim(0, 1.1)
    ax.set_xlabel({"zh": "类别的 logit", "en": "logit of the class"}[lang])
    ax.set_ylabel({"zh": "概率", "en": "probability"}[lang])
    ax.set_title(f"T = {T:g}, H = {entropy(p).item():.4f}")
    return fig
