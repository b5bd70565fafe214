import torch
import torch.nn.functional as F

torch.manual_seed(0)

# Predicted probability of the TRUE class / 模型给真实类别的预测概率
p = torch.tensor([0.01, 0.1, 0.5, 0.9, 0.99])

# Multiclass: 3 classes, the other two share 1 - p; logits = log-probabilities
# 多类：3 个类别，其余两类平分 1 - p；用对数概率当 logits
logits = torch.stack([p.log(), ((1 - p) / 2).log(), ((1 - p) / 2).log()], dim=1).requires_grad_()
target = torch.zeros(5, dtype=torch.long)  # class 0 is the true class / 第 0 类为真实类别
ce = F.cross_entropy(logits, target, reduction="none")
ce.sum().backward()
print("p:                  ", p)
print("-log p:             ", -p.log())
print("cross_entropy:      ", ce.detach())
print("nll_loss(log p):    ", F.nll_loss(torch.log_softmax(logits, dim=1), target, reduction="none").detach())
print("dCE/dz_true = p - 1:", logits.grad[:, 0])
print("dCE/dz_other:       ", logits.grad[:, 1])

# Binary: one logit z with sigmoid(z) = p, targets y = 1 and y = 0
# 二元：一个 logit z，sigmoid(z) = p；目标 y = 1 和 y = 0
z = torch.logit(p).requires_grad_()
for y in (1.0, 0.0):
    bce = F.binary_cross_entropy_with_logits(z, torch.full((5,), y), reduction="none")
    (grad,) = torch.autograd.grad(bce.sum(), z)
    print(f"{f'BCE, y={y:.0f}:':21s}", bce.detach())
    print(f"{f'dBCE/dz, y={y:.0f}:':21s}", grad)


def figure_confidence(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("预测概率 p（第 0 类或正类）", "损失", "对 logit 的梯度",
               "损失随预测概率变化", "梯度 = p - y"),
        "en": ("predicted probability p (class 0 or positive class)", "loss",
               "gradient w.r.t. the logit", "Loss vs predicted probability", "Gradient = p - y"),
    }[lang]
    ps = torch.linspace(0.001, 0.999, 999)
    zs = torch.logit(ps).requires_grad_()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for y, label in [(1.0, "CE / BCE, y = 1:  -log p"), (0.0, "BCE, y = 0:  -log(1 - p)")]:
        loss = F.binary_cross_entropy_with_logits(zs, torch.full_like(ps, y), reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), zs)
        ax1.plot(ps, loss.detach(), label=label)
        ax2.plot(ps, grad, label=label.split(":")[0])
    ax1.set_ylim(0, 5)
    for ax, ylabel, title in [(ax1, text[1], text[3]), (ax2, text[2], text[4])]:
        ax.set_xlabel(text[0])
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend()
    fig.tight_layout()
    return fig
