"""Depth 2 vs depth 10: default init, Xavier/Kaiming init, and BatchNorm (digits)."""
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

ACTS = {"Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh, "ReLU": nn.ReLU, "GELU": nn.GELU}
# Xavier for the squashing functions, Kaiming for the ReLU family
# 挤压函数用 Xavier，ReLU 家族用 Kaiming
PROPER = {"Sigmoid": "xavier", "Tanh": "xavier", "ReLU": "kaiming", "GELU": "kaiming"}
SETUPS = [  # (name, hidden layers, init, normalisation) / （名称，隐藏层数，初始化，规范化）
    ("depth 2", 2, "default", False),
    ("depth 10", 10, "default", False),
    ("depth 10 + init", 10, "proper", False),
    ("depth 10 + BN", 10, "default", True),
]
SEEDS = [0, 1, 2]
EPOCHS = 15
BATCH = 128
LR = 0.02  # one learning rate for every cell / 所有格子同一个学习率
WIDTH = 32

X_all, y_all = load_digits(return_X_y=True)


def split(seed):
    """Stratified 70/30 split, standardised with training statistics only.
    分层 70/30 划分，只用训练集的统计量标准化。"""
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_all, y_all, test_size=0.3, stratify=y_all, random_state=seed)
    X_tr = torch.tensor(X_tr)  # float64, as numpy gives / 与 numpy 一样是 float64
    X_va = torch.tensor(X_va)
    mean, std = X_tr.mean(0), X_tr.std(0)
    std[std == 0] = 1.0  # pixels that are always 0 in training / 训练集中恒为 0 的像素
    return ((X_tr - mean) / std, torch.tensor(y_tr),
            (X_va - mean) / std, torch.tensor(y_va))


def make_mlp(act_name, hidden, init, norm):
    layers, d = [], 64
    for _ in range(hidden):
        lin = nn.Linear(d, WIDTH)
        if init == "proper" and PROPER[act_name] == "xavier":
            gain = nn.init.calculate_gain(act_name.lower())  # sigmoid: 1, tanh: 5/3
            nn.init.xavier_normal_(lin.weight, gain=gain)
            nn.init.zeros_(lin.bias)
        elif init == "proper":
            nn.init.kaiming_normal_(lin.weight, nonlinearity="relu")  # std = sqrt(2 / fan_in)
            nn.init.zeros_(lin.bias)
        layers += [lin, nn.BatchNorm1d(WIDTH)] if norm else [lin]
        layers.append(ACTS[act_name]())
        d = WIDTH
    layers.append(nn.Linear(d, 10))
    return nn.Sequential(*layers)


def run(act_name, hidden, init, norm, seed):
    X_tr, y_tr, X_va, y_va = split(seed)
    torch.manual_seed(seed)
    model = make_mlp(act_name, hidden, init, norm)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    grad0 = None
    for epoch in range(EPOCHS):
        model.train()
        for idx in torch.randperm(len(X_tr)).split(BATCH):  # shuffled minibatches / 打乱的小批量
            loss = loss_fn(model(X_tr[idx]), y_tr[idx])
            opt.zero_grad()
            loss.backward()
            if grad0 is None:  # per-layer gradient norm at step 0 / 第 0 步各层梯度范数
                grad0 = [m.weight.grad.norm().item() for m in linears]
            opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(X_va).argmax(1) == y_va).double().mean().item()
    return acc, grad0


acc, grads = {}, {}
for setup, hidden, init, norm in SETUPS:
    for name in ACTS:
        out = [run(name, hidden, init, norm, s) for s in SEEDS]
        acc[setup, name] = torch.tensor([a for a, _ in out])
        grads[setup, name] = torch.tensor([g for _, g in out]).mean(0)

print(f"validation accuracy, mean ± std over {len(SEEDS)} seeds ({EPOCHS} epochs, batch {BATCH})")
print(f"{'':16s}" + "".join(f"{n:>15s}" for n in ACTS))
for setup, *_ in SETUPS:
    cells = "".join(f"{acc[setup, n].mean().item():8.3f} ± {acc[setup, n].std().item():.3f}" for n in ACTS)
    print(f"{setup:16s}{cells}")
y_va = split(0)[3]
print("constant prediction (most frequent class):", round(torch.bincount(y_va).max().item() / len(y_va), 3))
print("weight-gradient norm at step 0, first / last Linear (mean over seeds)")
for setup, *_ in SETUPS[1:]:
    cells = "".join(f"{grads[setup, n][0].item():>7.0e} / {grads[setup, n][-1].item():.0e}" for n in ACTS)
    print(f"{setup:16s}{cells}")


def figure_grad_layers(lang="zh"):
    import matplotlib.pyplot as plt

    titles = {"depth 10": {"zh": "默认初始化", "en": "default init"},
              "depth 10 + init": {"zh": "Xavier / Kaiming 初始化", "en": "Xavier / Kaiming init"},
              "depth 10 + BN": {"zh": "默认初始化 + BatchNorm1d", "en": "default init + BatchNorm1d"}}
    fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.6), sharey=True)
    for ax, (setup, title) in zip(axes, titles.items()):
        for name in ACTS:
            g = grads[setup, name]
            ax.plot(range(1, len(g) + 1), g, marker="o", markersize=3, linewidth=1.5, label=name)
        ax.set_yscale("log")
        ax.set_title(title[lang], fontsize=11)
        ax.set_xlabel({"zh": "Linear 层（1 = 输入侧）", "en": "Linear layer (1 = input side)"}[lang])
    axes[0].set_ylabel({"zh": "第 0 步权重梯度范数", "en": "weight-gradient norm at step 0"}[lang])
    axes[0].legend(fontsize=9)
    fig.tight_layout()
    return fig
