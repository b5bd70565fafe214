import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(8, 4)  # one batch of 8 samples / 一个 8 个样本的批量
clf = nn.Linear(4, 3)  # classifier: 3 logits / 分类器：3 个 logits
reg = nn.Linear(4, 1)  # regressor: 1 output / 回归器：1 个输出
labels = torch.zeros(8, dtype=torch.long)  # the true class is 0 / 真实类别都是 0
one_hot = F.one_hot(labels, 3).float()
spread = 0.5 + torch.rand(8, 1)  # per-sample error factors in [0.5, 1.5) / 每个样本的误差系数

class_losses = {
    "CE": lambda z: F.cross_entropy(z, labels),
    "MSE": lambda z: F.mse_loss(torch.softmax(z, dim=1), one_hot),  # MSE on probabilities / 对概率算 MSE
}
reg_losses = {"L1": F.l1_loss, "MSE": F.mse_loss, "Huber": F.huber_loss}


def class_grads(s):
    # Shift the logits by s toward the wrong class 1 / 把 logits 向错误的第 1 类平移 s
    logits = clf(x) + s * torch.tensor([-1.0, 1.0, 0.0])
    p_true = torch.softmax(logits, dim=1)[:, 0].mean().detach()
    norms = {}
    for name, fn in class_losses.items():
        g_z, g_w = torch.autograd.grad(fn(logits), [logits, clf.weight], retain_graph=True)
        norms[name] = (g_z.norm(), g_w.norm())
    return p_true, norms


def reg_grads(e):
    out = reg(x)
    target = out.detach() - e * spread  # errors are e * spread / 误差为 e * spread
    norms = {}
    for name, fn in reg_losses.items():
        g_out, g_w = torch.autograd.grad(fn(out, target), [out, reg.weight], retain_graph=True)
        norms[name] = (g_out.norm(), g_w.norm())
    return norms


print("classification: gradient norm w.r.t. logits | w.r.t. the weight")
print("shift s | mean p(true) | CE     MSE    | CE     MSE")
for s in [-2.0, 0.0, 2.0, 4.0, 8.0]:
    p, g = class_grads(s)
    print(f"{s:7.1f} | {p:.4f}       | {g['CE'][0]:.4f} {g['MSE'][0]:.4f} | {g['CE'][1]:.4f} {g['MSE'][1]:.4f}")

print("regression: gradient norm w.r.t. outputs | w.r.t. the weight")
print("error e | L1     MSE    Huber  | L1     MSE    Huber")
for e in [0.1, 0.5, 1.0, 2.0, 5.0, 10.0]:
    g = reg_grads(e)
    print(f"{e:7.1f} | " + " ".join(f"{g[k][0]:.4f}" for k in g) + " | " + " ".join(f"{g[k][1]:.4f}" for k in g))


def figure_grad_norms(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("分类：logits 向错误类别平移 s", "回归：误差尺度 e", "对 logits 的梯度范数",
               "对输出的梯度范数", "MSE（对 softmax 概率）"),
        "en": ("classification: logits shifted by s toward a wrong class", "regression: error scale e",
               "gradient norm w.r.t. logits", "gradient norm w.r.t. outputs", "MSE (on softmax probabilities)"),
    }[lang]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    ss = torch.linspace(-3, 10, 131)
    curves = {name: [] for name in class_losses}
    for s in ss:
        for name, (g_z, _) in class_grads(s.item())[1].items():
            curves[name].append(g_z.item())
    ax1.plot(ss, curves["CE"], label="CE")
    ax1.plot(ss, curves["MSE"], label=text[4])
    es = torch.linspace(0, 10, 101)
    curves = {name: [] for name in reg_losses}
    for e in es:
        for name, (g_out, _) in reg_grads(e.item()).items():
            curves[name].append(g_out.item())
    for name, ys in curves.items():
        ax2.plot(es, ys, label=name + (" (δ=1)" if name == "Huber" else ""))
    for ax, xlabel, ylabel in [(ax1, text[0], text[2]), (ax2, text[1], text[3])]:
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend()
    fig.tight_layout()
    return fig
