import torch
from torch import nn
import torch.nn.functional as F

x = torch.tensor([[-100.0, -50.0, 100.0]])  # extreme logits / 极端 logits
y = torch.tensor([0])

# Naive softmax: exp(100) overflows float32 to inf, inf / inf = nan
# 朴素 softmax：exp(100) 在 float32 中上溢为 inf，inf / inf = nan
naive = torch.exp(x) / torch.exp(x).sum(dim=1, keepdim=True)
print("naive softmax:         ", naive)
print("naive -log p:          ", -torch.log(naive))
# torch.softmax subtracts the max, but p[y] underflows to 0 and log(0) = -inf
# torch.softmax 会先减最大值，但 p[y] 下溢为 0，log(0) = -inf
print("-log(torch.softmax)[y]:", -torch.log(torch.softmax(x, dim=1))[0, y])
# cross_entropy works in log space (log_softmax) and stays finite
# cross_entropy 在对数空间（log_softmax）中计算，结果有限
print("F.cross_entropy:       ", F.cross_entropy(x, y))
print("-log_softmax[y]:       ", -torch.log_softmax(x, dim=1)[0, y])

# LogSumExp trick: log(sum(exp(x))) = m + log(sum(exp(x - m))), m = max(x)
# LogSumExp 技巧
z = torch.tensor([100.0, 101.0, 102.0])
m = z.max()
print("naive logsumexp:", torch.log(torch.exp(z).sum()))
print("m + log(sum(exp(z - m))):", m + torch.log(torch.exp(z - m).sum()))
print("torch.logsumexp:", torch.logsumexp(z, dim=0))

# Pitfall: softmax before CrossEntropyLoss (softmax is applied twice)
# 陷阱：在 CrossEntropyLoss 之前先做 softmax（相当于做了两次 softmax）
ce = nn.CrossEntropyLoss()
for logits in ([10.0, 0.0, 0.0], [0.0, 10.0, 0.0]):
    a = torch.tensor([logits], requires_grad=True)
    b = torch.tensor([logits], requires_grad=True)
    right = ce(a, y)
    wrong = ce(torch.softmax(b, dim=1), y)
    right.backward()
    wrong.backward()
    print(f"logits {logits}: right {right.item():.4f}  grad {a.grad[0]}")
    print(f"{'':20} softmax first {wrong.item():.4f}  grad {b.grad[0]}")


def figure_double_softmax(lang="zh"):
    import matplotlib.pyplot as plt

    z = torch.linspace(-10, 10, 401)
    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    for first in [False, True]:
        logits = torch.zeros(401, 3)
        logits[:, 0] = z  # true-class logit, others 0 / 正确类别的 logit，其余为 0
        logits.requires_grad_(True)
        inp = torch.softmax(logits, dim=1) if first else logits
        loss = nn.CrossEntropyLoss(reduction="none")(inp, torch.zeros(401, dtype=torch.long))
        (grad,) = torch.autograd.grad(loss.sum(), logits)
        label = {False: {"zh": "输入 logits", "en": "input: logits"},
                 True: {"zh": "输入 softmax(logits)（错误）", "en": "input: softmax(logits) (wrong)"}}[first][lang]
        style = "--" if first else "-"
        ax_l.plot(z, loss.detach(), linestyle=style, label=label)
        ax_g.plot(z, grad[:, 0], linestyle=style, label=label)
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "正确类别的 logit（其余两个为 0）", "en": "true-class logit (the other two are 0)"}[lang])
    ax_l.set_title({"zh": "CrossEntropyLoss 的值", "en": "CrossEntropyLoss value"}[lang])
    ax_g.set_title({"zh": "对正确类别 logit 的梯度", "en": "gradient w.r.t. the true-class logit"}[lang])
    ax_l.legend(loc="upper right")
    fig.tight_layout()
    return fig
