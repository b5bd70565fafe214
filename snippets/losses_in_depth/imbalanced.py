import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
dtype = torch.float64  # float64: smaller rounding differences between devices / 减小设备间的舍入差异
FREQ = torch.tensor([0.90, 0.08, 0.02])  # class frequencies / 类别频率
CENTRES = torch.tensor([[0.0, 0.0], [1.5, 1.0], [-1.0, 1.5]], dtype=dtype)
SEEDS = range(6)
EPOCHS = 100


def make_data(n):
    # 2-D Gaussian blobs that overlap / 互相重叠的二维高斯团
    y = torch.multinomial(FREQ, n, replacement=True)
    x = CENTRES[y] + torch.randn(n, 2, dtype=dtype)
    return x, y


def focal_loss(logits, y, gamma=2.0):
    # FL = -(1 - p_t)^gamma * log p_t, averaged; gamma = 0 gives cross-entropy
    # 焦点损失；gamma = 0 时就是交叉熵
    logp_t = F.log_softmax(logits, dim=1).gather(1, y.unsqueeze(1)).squeeze(1)
    return (-(1 - logp_t.exp()) ** gamma * logp_t).mean()


def train_and_eval(loss_name, seed):
    torch.manual_seed(seed)  # data, initialisation and batches depend on the seed / 数据、初始化和批次都由种子决定
    x_tr, y_tr = make_data(2000)
    x_te, y_te = make_data(20000)  # held-out split / 留出的测试集
    counts = torch.bincount(y_tr, minlength=3).to(dtype)
    inv_freq = counts.sum() / (3 * counts)  # inverse-frequency weights / 逆频率权重
    losses = {
        "CE": lambda z, y: F.cross_entropy(z, y),
        "weighted CE": lambda z, y: F.cross_entropy(z, y, weight=inv_freq),
        "focal": focal_loss,
    }
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 3)).to(dtype)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(EPOCHS):
        for idx in torch.randperm(2000).split(500):  # minibatches of 500 / 每批 500 个样本
            opt.zero_grad()
            losses[loss_name](model(x_tr[idx]), y_tr[idx]).backward()
            opt.step()
    with torch.no_grad():
        pred = model(x_te).argmax(dim=1)
    # recall of class c = correctly predicted members of c / all members of c / 第 c 类的召回率
    recall = [(pred[y_te == c] == c).to(dtype).mean() for c in range(3)]
    accuracy = (pred == y_te).to(dtype).mean()
    return torch.stack(recall + [accuracy])


# gamma = 0 turns focal loss into cross-entropy / gamma = 0 时焦点损失等于交叉熵
z, t = torch.randn(5, 3, dtype=dtype), torch.tensor([0, 1, 2, 0, 1])
print("focal(gamma=0) == cross_entropy:", torch.allclose(focal_loss(z, t, gamma=0.0), F.cross_entropy(z, t)))

NAMES = ["CE", "weighted CE", "focal"]
# The same seeds (data, initialisation, batches) for every loss / 每种损失用相同的种子
results = {name: torch.stack([train_and_eval(name, s) for s in SEEDS]) for name in NAMES}
print(f"held-out recall and accuracy, mean ± std over {len(SEEDS)} seeds")
print("loss              | class 0 (90%)  | class 1 (8%)   | class 2 (2%)   | accuracy")
for name, r in results.items():
    print(f"{name:17s} |  " + " |  ".join(f"{m:.3f} ± {s:.3f}" for m, s in zip(r.mean(0), r.std(0))))
# Paired differences, seed by seed / 按种子配对的差值
for name in ["weighted CE", "focal"]:
    d = results[name] - results["CE"]
    print(f"{name + ' - CE':17s} | " + " | ".join(f"{m:+.3f} ± {s:.3f}" for m, s in zip(d.mean(0), d.std(0))))


def figure_recall(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": (["第 0 类（90%）", "第 1 类（8%）", "第 2 类（2%）"], "测试集召回率",
               f"各类别召回率（{len(SEEDS)} 个种子的均值 ± 标准差）",
               {"CE": "CE", "weighted CE": "加权 CE", "focal": "Focal (γ=2)"}),
        "en": (["class 0 (90%)", "class 1 (8%)", "class 2 (2%)"], "held-out recall",
               f"Per-class recall (mean ± std over {len(SEEDS)} seeds)",
               {"CE": "CE", "weighted CE": "weighted CE", "focal": "focal (γ=2)"}),
    }[lang]
    fig, ax = plt.subplots()
    width = 0.27
    for k, name in enumerate(NAMES):
        r = results[name][:, :3]
        pos = torch.arange(3) + (k - 1) * width
        ax.bar(pos, r.mean(0), width, yerr=r.std(0), capsize=4, label=text[3][name])
    ax.set_xticks(range(3))
    ax.set_xticklabels(text[0])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(text[1])
    ax.set_title(text[2])
    ax.legend()
    return fig
