import torch
from torch import nn

x = torch.tensor([[2.0, 0.5, -1.0, 0.0],
                  [0.1, 0.2, 3.0, -0.5],
                  [-1.0, 2.5, 0.3, 0.3]])  # logits (N=3, C=4)
y = torch.tensor([0, 2, 3])
w = torch.tensor([1.0, 1.0, 2.0, 0.5])

log_p = nn.LogSoftmax(dim=1)(x)  # NLLLoss expects log-probabilities / NLLLoss 需要对数概率
nll = nn.NLLLoss()               # weight=None, ignore_index=-100, reduction="mean"
print("NLLLoss(log_softmax):", nll(log_p, y))
print("-log_p[n, y_n] mean: ", -log_p[torch.arange(3), y].mean())

# CrossEntropyLoss = LogSoftmax + NLLLoss, also with weight / ignore_index
# CrossEntropyLoss = LogSoftmax + NLLLoss，带 weight / ignore_index 也一样
y_ign = torch.tensor([0, -100, 3])
for kwargs, target in [({}, y), ({"weight": w}, y), ({"weight": w}, y_ign)]:
    a = nn.CrossEntropyLoss(**kwargs)(x, target)
    b = nn.NLLLoss(**kwargs)(log_p, target)
    print(f"target {target.tolist()}, {list(kwargs)}: CE {a.item():.4f}  LogSoftmax+NLL {b.item():.4f}")

# NLLLoss only picks -w[y_n] * input[n, y_n]; it never normalizes its input
# NLLLoss 只取 -w[y_n] * input[n, y_n]，从不对输入做归一化
print("weighted none:", nn.NLLLoss(weight=w, reduction="none")(log_p, y))
print("by hand:      ", -w[y] * log_p[torch.arange(3), y])
print("on probabilities (wrong):", nll(torch.softmax(x, dim=1), y))
print("on raw logits (wrong):   ", nll(x, y))


def figure_nll(lang="zh"):
    import matplotlib.pyplot as plt

    p = torch.linspace(0.02, 1.0, 400, requires_grad=True)  # probability of the true class / 正确类别的概率
    inp = torch.log(p).unsqueeze(1)  # log-probability of class 0, shape (400, 1) / 类别 0 的对数概率
    loss = nn.NLLLoss(reduction="none")(inp, torch.zeros(400, dtype=torch.long))
    (grad,) = torch.autograd.grad(loss.sum(), p)
    fig, ax = plt.subplots()
    ax.plot(p.detach(), loss.detach(), label={"zh": "损失 −log p", "en": "loss −log p"}[lang])
    ax.plot(p.detach(), grad, linestyle="--", label={"zh": "梯度 ∂ℓ/∂p = −1/p", "en": "gradient ∂ℓ/∂p = −1/p"}[lang])
    ax.set_ylim(-10, 5)
    ax.set_xlabel({"zh": "正确类别的预测概率 p", "en": "predicted probability of the true class p"}[lang])
    ax.set_title({"zh": "NLLLoss（输入 log p）及其梯度", "en": "NLLLoss (input log p) and its gradient"}[lang])
    ax.legend()
    return fig
