import torch
from torch import nn

# 3 samples, C = 4 classes; logits go in, no softmax / 3 个样本，4 个类别；输入 logits，不做 softmax
x = torch.tensor([[2.0, 0.5, -1.0, 0.0],
                  [0.1, 0.2, 3.0, -0.5],
                  [-1.0, 2.5, 0.3, 0.3]], requires_grad=True)
y = torch.tensor([0, 2, 3])  # class indices, int64 / 类别索引，int64

loss = nn.CrossEntropyLoss()  # weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0
out = loss(x, y)
log_p = x - torch.logsumexp(x, dim=1, keepdim=True)  # log softmax
l_n = -log_p[torch.arange(3), y]                     # l_n = -log p[n, y_n]
print("CrossEntropyLoss:", out.detach())
print("l_n by hand:     ", l_n.detach(), " mean:", l_n.mean().detach())

# Gradient w.r.t. the logits: (softmax(x) - onehot(y)) / N
# 对 logits 的梯度：(softmax(x) - onehot(y)) / N
out.backward()
print("autograd:\n", x.grad)
print("(p - onehot) / N:\n", ((log_p.exp() - nn.functional.one_hot(y, 4)) / 3).detach())

# Class weights: each loss becomes w[y_n] * l_n (l_n unweighted); 'mean' divides by sum of w[y_n]
# 类别权重：每个损失变成 w[y_n] * l_n（l_n 不带权重）；'mean' 除以 w[y_n] 之和
w = torch.tensor([1.0, 1.0, 2.0, 0.5])
weighted = nn.CrossEntropyLoss(weight=w)(x, y)
l_w = w[y] * l_n
print("weighted mean:             ", weighted.detach())
print("sum(w[y] l_n) / sum(w[y]):", (l_w.sum() / w[y].sum()).detach(), " sum(w[y]) =", w[y].sum())
print("sum(w[y] l_n) / N (wrong):", (l_w.sum() / 3).detach())

# ignore_index: ignored targets give 0 and leave the denominator
# ignore_index：被忽略的目标贡献 0，也不计入分母
y_ign = torch.tensor([0, -100, 3])
print("ignore, none:", nn.CrossEntropyLoss(reduction="none")(x, y_ign).detach())
print("ignore, mean:", nn.CrossEntropyLoss()(x, y_ign).detach(),
      " by hand:", ((l_n[0] + l_n[2]) / 2).detach())
print("ignore + weight, mean:", nn.CrossEntropyLoss(weight=w)(x, y_ign).detach(),
      " by hand:", ((l_w[0] + l_w[2]) / (w[0] + w[3])).detach())


def figure_cross_entropy(lang="zh"):
    import matplotlib.pyplot as plt

    # 4 classes; raise the true-class logit z, others stay 0
    # 4 个类别；提高正确类别的 logit z，其余保持 0
    z = torch.linspace(-4, 8, 400)
    logits = torch.zeros(400, 4)
    logits[:, 0] = z
    logits.requires_grad_(True)
    loss = nn.CrossEntropyLoss(reduction="none")(logits, torch.zeros(400, dtype=torch.long))
    (grad,) = torch.autograd.grad(loss.sum(), logits)
    p = torch.softmax(logits.detach(), dim=1)[:, 0]
    fig, ax = plt.subplots()
    ax.plot(p, loss.detach(), label={"zh": "损失 −log p", "en": "loss −log p"}[lang])
    ax.plot(p, grad[:, 0], linestyle="--",
            label={"zh": "对正确类别 logit 的梯度 p − 1", "en": "gradient w.r.t. true-class logit, p − 1"}[lang])
    ax.set_xlabel({"zh": "正确类别的预测概率 p", "en": "predicted probability of the true class p"}[lang])
    ax.set_title({"zh": "CrossEntropyLoss 及其梯度", "en": "CrossEntropyLoss and its gradient"}[lang])
    ax.legend()
    return fig
