import itertools
import math

import torch
from torch import nn

torch.manual_seed(0)
C = 3
SYMBOLS = "-ab"  # class 0 is the blank "-" / 类别 0 是空白 "-"
log_probs = torch.randn(3, 1, C).log_softmax(dim=2)  # T = 3 frames, batch of 1


def collapse(path):
    # CTC's many-to-one map: merge repeated symbols, then drop blanks
    # CTC 的多对一映射：先合并相邻重复，再删去空白
    out, prev = [], None
    for k in path:
        if k != prev and k != 0:
            out.append(k)
        prev = k
    return out


def ctc_by_hand(lp, target):
    # Enumerate all C**T paths and sum the probability of those that collapse to target
    # 枚举全部 C**T 条路径，把折叠后等于 target 的路径概率相加
    T = lp.shape[0]
    valid = [path for path in itertools.product(range(C), repeat=T) if collapse(path) == target]
    prob = sum(math.exp(sum(lp[t, 0, k].item() for t, k in enumerate(path))) for path in valid)
    return valid, (-math.log(prob) if prob > 0 else math.inf)


ctc = nn.CTCLoss(reduction="sum")
for target in ([1, 2], [1, 1], [1]):
    valid, by_hand = ctc_by_hand(log_probs, target)
    module = ctc(log_probs, torch.tensor([target]), torch.tensor([3]), torch.tensor([len(target)]))
    name = "".join(SYMBOLS[k] for k in target)
    print(f"target {name!r}, alignments:", len(valid), ["".join(SYMBOLS[k] for k in p) for p in valid])
    print(f"  -log p by hand: {by_hand:.4f} | CTCLoss: {module.item():.4f}")

# Impossible: "aa" needs a blank between the two a's, so at least 3 frames
# 不可能的对齐："aa" 的两个 a 之间必须有空白，至少需要 3 帧
short = log_probs[:2].clone().requires_grad_()  # T = 2
valid, by_hand = ctc_by_hand(short, [1, 1])
print("T = 2, target 'aa', alignments:", len(valid), "| -log p by hand:", by_hand)
inf_loss = ctc(short, torch.tensor([[1, 1]]), torch.tensor([2]), torch.tensor([2]))
print("CTCLoss:", inf_loss.detach())
zeroed = nn.CTCLoss(reduction="sum", zero_infinity=True)(
    short, torch.tensor([[1, 1]]), torch.tensor([2]), torch.tensor([2]))
zeroed.backward()
print("zero_infinity=True:", zeroed.detach(), "| grad:", short.grad.flatten())

# In a batch, one impossible sample makes the "mean" inf; with zero_infinity
# it counts as 0 but still counts in the batch size N
# 批量中只要有一个不可能的样本，"mean" 就是 inf；zero_infinity 把它算作 0，但它仍计入 N
batch = log_probs[:2].expand(2, 2, C)  # T = 2, N = 2
targets = torch.tensor([[1, 1], [1, 2]])  # "aa" (impossible), "ab"
lengths = torch.tensor([2, 2])
print("none:", nn.CTCLoss(reduction="none")(batch, targets, lengths, lengths))
print("mean:", nn.CTCLoss()(batch, targets, lengths, lengths))
ok = nn.CTCLoss(reduction="none")(batch[:, 1:], targets[1:], lengths[1:], lengths[1:])
print("mean, zero_infinity=True:", nn.CTCLoss(zero_infinity=True)(batch, targets, lengths, lengths),
      "| (0 + loss_ab / 2) / 2:", (ok / 2 / 2).squeeze())


def figure_ctc_frames(lang="zh"):
    import matplotlib.pyplot as plt

    # Uniform predictions: every class has probability 1/C in every frame
    # 均匀预测：每帧每个类别的概率都是 1/C
    frames = list(range(1, 9))
    fig, ax = plt.subplots()
    for i, target in enumerate(([1, 2], [1, 1], [1, 2, 1])):
        losses = []
        for T in frames:
            lp = torch.full((T, 1, C), -math.log(C))
            losses.append(nn.CTCLoss(reduction="sum")(lp, torch.tensor([target]), torch.tensor([T]),
                                                      torch.tensor([len(target)])).item())
        name = "".join(SYMBOLS[k] for k in target)
        finite = [(T, v) for T, v in zip(frames, losses) if math.isfinite(v)]
        (line,) = ax.plot([T for T, _ in finite], [v for _, v in finite], marker="o", label=f"'{name}'")
        impossible = [T + 0.1 * (i - 1) for T, v in zip(frames, losses) if math.isinf(v)]
        ax.plot(impossible, [0] * len(impossible), marker="x", markersize=9, linestyle="none",
                color=line.get_color())
    ax.set_xlabel({"zh": "帧数 T", "en": "number of frames T"}[lang])
    ax.set_ylabel({"zh": "CTC 损失（× 表示 inf）", "en": "CTC loss (× marks inf)"}[lang])
    ax.set_title({"zh": "均匀预测下的 CTC 损失与帧数", "en": "CTC loss of uniform predictions vs frames"}[lang])
    ax.legend()
    return fig
