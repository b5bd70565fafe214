import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
N, C = 4, 3

# Binary: one logit per sample; BCEWithLogitsLoss = Sigmoid + BCELoss, done stably
# 二元分类：每个样本一个 logit；BCEWithLogitsLoss 等于 Sigmoid + BCELoss（更稳定）
z = torch.randn(N)
y = torch.tensor([1.0, 0.0, 1.0, 1.0])
print("binary     ", round(nn.BCEWithLogitsLoss()(z, y).item(), 4),
      round(nn.BCELoss()(torch.sigmoid(z), y).item(), 4))

# Multiclass: C logits per sample, class-index target; CrossEntropyLoss = LogSoftmax + NLLLoss
# 多类分类：C 个 logits，目标是类别索引
z = torch.randn(N, C)
y = torch.tensor([2, 0, 1, 2])
print("multiclass ", round(nn.CrossEntropyLoss()(z, y).item(), 4),
      round(nn.NLLLoss()(F.log_softmax(z, dim=1), y).item(), 4))

# Multilabel: C independent yes/no answers, float 0/1 target of the same shape
# 多标签分类：C 个独立的是/否，目标是同形状的 0/1 浮点张量
y = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 0.0]])
print("multilabel ", round(nn.BCEWithLogitsLoss()(z, y).item(), 4))

# Regression: no activation on the output / 回归：输出层不加激活
pred, y = torch.randn(N, 1), torch.randn(N, 1)
for loss_fn in [nn.MSELoss(), nn.L1Loss(), nn.SmoothL1Loss(), nn.HuberLoss()]:
    print("regression ", f"{type(loss_fn).__name__:12s} {loss_fn(pred, y).item():.4f}")


def figure_pairing(lang="zh"):
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    rows = {
        "zh": [("二元分类", "1 个 logit\n(N,)", "BCEWithLogitsLoss\n目标 (N,) 浮点 0/1", "Sigmoid\n→ 概率"),
               ("多类分类", "C 个 logits\n(N, C)", "CrossEntropyLoss\n目标 (N,) 类别索引", "Softmax(dim=1)\n或 argmax"),
               ("多标签分类", "C 个 logits\n(N, C)", "BCEWithLogitsLoss\n目标 (N, C) 浮点 0/1", "Sigmoid\n→ 每类概率"),
               ("回归", "实数输出\n(N, d)，无激活", "MSELoss / L1Loss\nSmoothL1Loss / HuberLoss", "直接使用\n输出值")],
        "en": [("binary", "1 logit\n(N,)", "BCEWithLogitsLoss\ntarget (N,) float 0/1", "Sigmoid\n→ probability"),
               ("multiclass", "C logits\n(N, C)", "CrossEntropyLoss\ntarget (N,) class index", "Softmax(dim=1)\nor argmax"),
               ("multilabel", "C logits\n(N, C)", "BCEWithLogitsLoss\ntarget (N, C) float 0/1", "Sigmoid\n→ per-class prob."),
               ("regression", "real outputs\n(N, d), no activation", "MSELoss / L1Loss\nSmoothL1Loss / HuberLoss", "use the\noutput as is")],
    }[lang]
    heads = {"zh": ["任务", "最后一层输出", "训练：损失函数", "推理：输出激活"],
             "en": ["task", "last layer gives", "training: loss", "inference: activation"]}[lang]
    xs, widths, h = [0, 2.4, 5.6, 8.9], [1.8, 2.4, 3.2, 2.2], 0.8
    fg = plt.rcParams["text.color"]  # lines in the theme's text colour / 线条用主题的文字颜色
    fig, ax = plt.subplots(figsize=(9.5, 4.6))
    for x, head in zip(xs, heads):
        ax.text(x, 0.75, head, ha="center", va="center", fontsize=10)
    for r, row in enumerate(rows):
        y = -r * 1.15
        for c, (x, w, label) in enumerate(zip(xs, widths, row)):
            if c == 0:
                ax.text(x, y, label, ha="center", va="center", fontsize=10)
                continue
            ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, fill=False,
                                        edgecolor=fg, boxstyle="round,pad=0.02",
                                        linestyle="--" if c == 3 else "-"))
            ax.text(x, y, label, ha="center", va="center", fontsize=8.5)
        ax.annotate("", xy=(xs[2] - widths[2] / 2, y), xytext=(xs[1] + widths[1] / 2, y),
                    arrowprops={"arrowstyle": "->", "color": fg})  # output -> loss / 输出 -> 损失
    ax.set_xlim(-1.1, 10.2)
    ax.set_ylim(-4.0, 1.1)
    ax.axis("off")
    return fig
