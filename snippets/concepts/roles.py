import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(4, 8)                     # 4 samples, 8 features / 4 个样本，8 个特征
target = torch.tensor([0, 2, 1, 2])       # class indices / 类别索引

# Hidden activation inside, no activation after the last layer / 隐藏层有激活，输出层没有
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
print(model)
logits = model(x)

# An activation: tensor in, tensor of the same shape out / 激活函数：形状不变
probs = nn.Softmax(dim=1)(logits)
print("Softmax:", tuple(logits.shape), "->", tuple(probs.shape))
print("row sums:", probs.sum(dim=1).detach())

# A loss: prediction AND target in, one number out / 损失函数：预测和目标进，一个数出
loss_fn = nn.CrossEntropyLoss()
loss = loss_fn(logits, target)
print("CrossEntropyLoss:", tuple(logits.shape), "+", tuple(target.shape), "->", tuple(loss.shape))

# CrossEntropyLoss = LogSoftmax + NLLLoss, so it takes logits / 交叉熵已含 LogSoftmax
by_parts = nn.NLLLoss()(nn.LogSoftmax(dim=1)(logits), target)
print("CrossEntropyLoss(logits):      ", round(loss.item(), 4))
print("NLLLoss(LogSoftmax(logits)):   ", round(by_parts.item(), 4))
print("CrossEntropyLoss(Softmax(...)):", round(loss_fn(probs, target).item(), 4), "<- softmax twice")

# Softmax does not change the ranking: argmax is the same / Softmax 不改变排序
print("predicted class:", logits.argmax(dim=1), probs.argmax(dim=1))


def figure_roles(lang="zh"):
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    t = {
        "zh": ["输入 x\n(4, 8)", "Linear\n8→16", "ReLU\n隐藏层激活", "Linear\n16→3",
               "logits\n(4, 3)", "CrossEntropyLoss\n（内含 LogSoftmax）", "标量损失\nbackward()",
               "Softmax(dim=1)\n输出层激活", "概率\n(4, 3)", "目标 y\n(4,)",
               "训练时", "推理时"],
        "en": ["input x\n(4, 8)", "Linear\n8→16", "ReLU\nhidden activation", "Linear\n16→3",
               "logits\n(4, 3)", "CrossEntropyLoss\n(contains LogSoftmax)", "scalar loss\nbackward()",
               "Softmax(dim=1)\noutput activation", "probabilities\n(4, 3)", "target y\n(4,)",
               "training", "inference"],
    }[lang]
    # centre (x, y) and width of each box / 每个方框的中心和宽度
    boxes = [(0, 0, 1.2), (1.6, 0, 1.2), (3.5, 0, 2.0), (5.4, 0, 1.2), (7.0, 0, 1.2),
             (9.6, 1.1, 2.8), (12.4, 1.1, 1.9), (9.6, -1.1, 2.8), (12.4, -1.1, 1.9),
             (7.0, 2.2, 1.2)]
    h = 0.8
    fg = plt.rcParams["text.color"]  # lines in the theme's text colour / 线条用主题的文字颜色
    fig, ax = plt.subplots(figsize=(10.5, 4))
    for (bx, by, bw), label in zip(boxes, t):
        ax.add_patch(FancyBboxPatch((bx - bw / 2, by - h / 2), bw, h, fill=False,
                                    edgecolor=fg, boxstyle="round,pad=0.02"))
        ax.text(bx, by, label, ha="center", va="center", fontsize=9)

    def edge(i, toward):  # where the line to `toward` leaves box i / 连线离开方框的位置
        (x0, y0, w0), (x1, y1, _) = boxes[i], boxes[toward]
        dx, dy = x1 - x0, y1 - y0
        s = min(w0 / 2 / abs(dx) if dx else 1e9, h / 2 / abs(dy) if dy else 1e9)
        return x0 + s * dx, y0 + s * dy

    for a, b in [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (4, 7), (7, 8), (9, 5)]:
        ax.annotate("", xy=edge(b, a), xytext=edge(a, b), arrowprops={
            "arrowstyle": "->", "color": fg, "linestyle": "--" if b in (7, 8) else "-"})
    ax.text(7.9, 0.75, t[10], fontsize=9, ha="right")
    ax.text(7.9, -0.75, t[11], fontsize=9, ha="right", va="top")
    ax.set_xlim(-0.7, 13.5)
    ax.set_ylim(-1.6, 2.7)
    ax.axis("off")
    return fig
