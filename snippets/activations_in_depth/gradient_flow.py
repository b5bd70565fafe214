import math

import torch
from torch import nn

torch.manual_seed(0)
DEPTH, WIDTH, BATCH = 20, 64, 128
X = torch.randn(BATCH, WIDTH)  # fixed random inputs / 固定的随机输入
Y = torch.randn(BATCH, 1)  # fixed random targets / 固定的随机目标

ACTS = {"Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh, "ReLU": nn.ReLU, "GELU": nn.GELU, "SiLU": nn.SiLU}


def matched_init(linear, act_name):
    """Xavier for Sigmoid/Tanh, Kaiming for the ReLU-like ones; zero bias
    Sigmoid/Tanh 用 Xavier，类 ReLU 用 Kaiming；偏置置零"""
    if act_name in ("Sigmoid", "Tanh"):
        nn.init.xavier_normal_(linear.weight, gain=nn.init.calculate_gain(act_name.lower()))
    else:
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
    nn.init.zeros_(linear.bias)


def layer_grad_norms(act_name, init, seed=0):
    """Per-layer ||dL/dW|| of the 20 hidden Linear layers / 20 个隐藏层各自的权重梯度范数"""
    torch.manual_seed(seed)
    # The hidden Linear layers go into their own list: inserting other layers
    # (exercise 3) then cannot shift which module is read
    # 隐藏的 Linear 层另存一个列表：在中间插入别的层（练习 3）也不会读错模块
    hidden, layers = [], []
    for _ in range(DEPTH):
        linear = nn.Linear(WIDTH, WIDTH)  # default init: PyTorch's / 默认初始化
        if init == "matched":
            matched_init(linear, act_name)
        hidden.append(linear)
        layers += [linear, ACTS[act_name]()]
    model = nn.Sequential(*layers, nn.Linear(WIDTH, 1))
    loss = nn.functional.mse_loss(model(X), Y)  # reduction='mean'
    loss.backward()
    return [linear.weight.grad.norm().item() for linear in hidden]


NORMS = {(a, init): layer_grad_norms(a, init) for init in ("default", "matched") for a in ACTS}
SEEDS = range(5)

print("||dL/dW|| per layer    layer 1    layer 10   layer 20   layer1/layer20")
for (a, init), g in NORMS.items():
    print(f"{a:8s} {init:8s}   {g[0]:.3e}  {g[9]:.3e}  {g[19]:.3e}  {g[0] / g[19]:.3e}")

# Is the ratio a property of the setup or of one seed? Five seeds, log10(layer1/layer20)
# 这个比值是设置本身的性质，还是某个种子的偶然？五个种子下的 log10(第1层/第20层)
print("log10(layer1/layer20), 5 seeds: mean ± std")
for init in ("default", "matched"):
    for a in ACTS:
        runs = [NORMS[(a, init)]] + [layer_grad_norms(a, init, seed) for seed in SEEDS[1:]]
        r = torch.tensor([math.log10(g[0] / g[19]) for g in runs])
        print(f"{a:8s} {init:8s}  {r.mean().item():7.2f} ± {r.std().item():.2f}")


def figure_gradient_flow(lang="zh"):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.6, 4.0), sharey=True)
    titles = {"default": {"zh": "(a) PyTorch 默认初始化", "en": "(a) PyTorch default init"},
              "matched": {"zh": "(b) 匹配的初始化（Xavier / Kaiming）",
                          "en": "(b) matched init (Xavier / Kaiming)"}}
    layers = range(1, DEPTH + 1)
    for ax, init in zip(axes, ("default", "matched")):
        for a in ACTS:
            ax.semilogy(layers, NORMS[(a, init)], marker="o", markersize=3, label=a)
        ax.set_title(titles[init][lang], fontsize=11)
        ax.set_xlabel({"zh": "层（1 = 最靠近输入）", "en": "layer (1 = nearest the input)"}[lang])
        ax.set_xticks([1, 5, 10, 15, 20])
    axes[0].set_ylabel(r"$\|\partial L / \partial W\|$")
    axes[1].legend(fontsize=9)
    fig.tight_layout()
    return fig
