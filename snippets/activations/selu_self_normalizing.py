import torch
from torch import nn

torch.manual_seed(0)
depth, width = 32, 256
x0 = torch.randn(256, width)  # standardised input / 标准化输入
layers = [nn.Linear(width, width) for _ in range(depth)]


def init(nonlinearity):
    # Same seed for every run, so all networks differ only in what we vary
    # 每次用同一种子，网络之间只差被比较的那一项
    torch.manual_seed(1)
    for lin in layers:
        nn.init.kaiming_normal_(lin.weight, nonlinearity=nonlinearity)
        nn.init.zeros_(lin.bias)


@torch.no_grad()
def run(act, dropout=None):
    h, stats = x0, []
    for lin in layers:
        h = act(lin(h))
        if dropout is not None:
            h = dropout(h)
        stats.append((h.mean().item(), h.std().item()))
    return stats


def show(name, stats):
    cells = "  ".join(f"{stats[i - 1][0]:+.3f}/{stats[i - 1][1]:.3f}" for i in (1, 2, 4, 8, 16, 32))
    print(f"{name:<22}{cells}")


print(f"{'mean/std after layer':<22}" + "  ".join(f"{i:>12}" for i in (1, 2, 4, 8, 16, 32)))
results = {}
# kaiming_normal_(nonlinearity="linear"): std = 1/sqrt(fan_in), i.e. LeCun normal
init("linear")
for name, act in [("SELU", nn.SELU()), ("ReLU", nn.ReLU()), ("Tanh", nn.Tanh())]:
    results[name + ", linear init"] = run(act)
    show(name + ", linear init", results[name + ", linear init"])
# ReLU's own Kaiming init (gain sqrt(2)) for a fair comparison / ReLU 用它自己的 Kaiming 初始化
init("relu")
results["ReLU, relu init"] = run(nn.ReLU())
show("ReLU, relu init", results["ReLU, relu init"])

# gain for "selu" is 3/4; it is meant for a different goal and shrinks the signal
# "selu" 的增益为 3/4，目标不同，会让信号逐层变小
print("calculate_gain('selu') =", nn.init.calculate_gain("selu"))
init("selu")
results["SELU, selu init"] = run(nn.SELU())
show("SELU, selu init", results["SELU, selu init"])

# Dropout in every layer (training mode), p = 0.1 / 每层都加 dropout（训练模式）
init("linear")
show("SELU + Dropout", run(nn.SELU(), nn.Dropout(0.1)))
show("SELU + AlphaDropout", run(nn.SELU(), nn.AlphaDropout(0.1)))


def figure_selu_depth(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))
    layer = range(1, depth + 1)
    for name, stats in results.items():
        ax1.plot(layer, [m for m, _ in stats], label=name)
        ax2.plot(layer, [s for _, s in stats], label=name)
    ax1.set_title({"zh": "各层输出的均值", "en": "mean of each layer's output"}[lang])
    ax2.set_title({"zh": "各层输出的标准差", "en": "std of each layer's output"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel({"zh": "层", "en": "layer"}[lang])
    fig.legend(*ax1.get_legend_handles_labels(), loc="upper center", ncol=3,
               bbox_to_anchor=(0.5, -0.03), fontsize=9)
    return fig
