import warnings

import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([[1.0, 2.0, 3.0],
                  [1.0, 1.0, 5.0]])

# dim=1: softmax over each row, so every row sums to 1
# dim=1：对每一行做 softmax，每行和为 1
p_rows = nn.Softmax(dim=1)(x)
print("dim=1:")
print(p_rows)
print("row sums:   ", p_rows.sum(dim=1))

# dim=0: softmax over each column / dim=0：对每一列做 softmax
p_cols = F.softmax(x, dim=0)
print("dim=0:")
print(p_cols)
print("column sums:", p_cols.sum(dim=0))

# The same thing, written four ways, and by the formula
# 四种写法结果相同，也与按公式计算一致
same = [F.softmax(x, dim=-1), torch.softmax(x, dim=1), x.softmax(dim=1)]
print("same values:", all(torch.equal(p_rows, s) for s in same))
print("by formula: ", torch.allclose(p_rows, torch.exp(x) / torch.exp(x).sum(dim=1, keepdim=True)))

# Without dim: a UserWarning, then a dim picked from the number of dimensions
# 不写 dim：先给出 UserWarning，再按张量维数猜一个 dim
torch.manual_seed(0)
x3 = torch.randn(2, 2, 3)  # (batch, tokens, classes) / （批量，词元，类别）
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    m = nn.Softmax()
    p2 = m(x)
    p3 = F.softmax(x3)
print(m)
print(f"{len(w)} warnings, {w[0].category.__name__}: {w[0].message}")
print("2-D input: implicit == dim=1:", torch.equal(p2, F.softmax(x, dim=1)))
print("3-D input: implicit == dim=0:", torch.equal(p3, F.softmax(x3, dim=0)),
      "| == dim=-1:", torch.equal(p3, F.softmax(x3, dim=-1)))
print("3-D input, sums over the class dim:")
print(p3.sum(dim=-1))

# Temperature T: softmax(z / T); small T sharpens, large T flattens
# 温度 T：softmax(z / T)；T 小更尖锐，T 大更平坦
logits = torch.tensor([3.0, 1.0, 0.2, -1.0])
for T in (0.5, 1.0, 2.0, 5.0):
    print(f"T={T}:", F.softmax(logits / T, dim=0))


def figure_softmax(lang="zh"):
    import matplotlib.pyplot as plt

    # logits (t, 0, 0): p_0 and p_1 as t varies, with their derivatives d/dt
    # logits 为 (t, 0, 0)：p_0、p_1 随 t 变化，以及它们对 t 的导数
    t = torch.linspace(-6, 6, 601, requires_grad=True)
    z = torch.stack([t, torch.zeros_like(t), torch.zeros_like(t)], dim=1)
    p = F.softmax(z, dim=1)
    (d0,) = torch.autograd.grad(p[:, 0].sum(), t, retain_graph=True)
    (d1,) = torch.autograd.grad(p[:, 1].sum(), t)
    fig, ax = plt.subplots()
    ax.plot(t.detach(), p[:, 0].detach(), label=r"$p_0$")
    ax.plot(t.detach(), p[:, 1].detach(), label=r"$p_1 = p_2$")
    ax.plot(t.detach(), d0, linestyle="--", label=r"$\partial p_0/\partial t = p_0(1-p_0)$")
    ax.plot(t.detach(), d1, linestyle="--", label=r"$\partial p_1/\partial t = -p_0 p_1$")
    ax.set_xlabel("t")
    ax.set_title({"zh": "logits (t, 0, 0) 的 Softmax 及其导数",
                  "en": "Softmax of logits (t, 0, 0) and its derivatives"}[lang])
    ax.legend(fontsize=9)
    return fig


def figure_softmax_temperature(lang="zh"):
    import matplotlib.pyplot as plt

    logits = torch.tensor([3.0, 1.0, 0.2, -1.0])
    temps = (0.5, 1.0, 2.0, 5.0)
    width = 0.8 / len(temps)
    fig, ax = plt.subplots()
    for k, T in enumerate(temps):
        p = F.softmax(logits / T, dim=0)
        ax.bar(torch.arange(4) + (k - 1.5) * width, p, width, label=f"T={T}")
    ax.set_xticks(range(4), [f"z={v:g}" for v in logits.tolist()])
    ax.set_ylabel({"zh": "概率", "en": "probability"}[lang])
    ax.set_title({"zh": "不同温度下的 softmax(z / T)", "en": "softmax(z / T) at several temperatures"}[lang])
    ax.legend()
    return fig
