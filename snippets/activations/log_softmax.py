import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# LogSoftmax(x) = x - logsumexp(x) = log(softmax(x)) for moderate logits
# 对普通大小的 logits，LogSoftmax(x) = x - logsumexp(x) = log(softmax(x))
y_module = nn.LogSoftmax(dim=0)(x)
y_func = F.log_softmax(x, dim=0)  # also torch.log_softmax / x.log_softmax(0)
print("log_softmax(x):    ", y_module.detach())
print("same values:", torch.equal(y_module, y_func))
print("x - logsumexp(x):  ", (x - torch.logsumexp(x, dim=0)).detach())
print("log(softmax(x)):   ", torch.log(F.softmax(x, dim=0)).detach())

# Gradient of log p_0: d log p_0 / dz_j = [j == 0] - p_j
# log p_0 的梯度：d log p_0 / dz_j = [j == 0] - p_j
y_func[0].backward()
print("autograd d log p_0:", x.grad)
print("e_0 - softmax(x):  ", (torch.tensor([1.0, 0.0, 0.0]) - F.softmax(x, dim=0)).detach())

# Extreme logits: softmax underflows to 0, so log gives -inf and backward gives nan
# 极端 logits：softmax 下溢为 0，log 得到 -inf，反向传播得到 nan
a = torch.tensor([-100.0, -50.0, 100.0], requires_grad=True)
b = torch.tensor([-100.0, -50.0, 100.0], requires_grad=True)
naive = torch.log(F.softmax(a, dim=0))
stable = F.log_softmax(b, dim=0)
naive[0].backward()
stable[0].backward()
print("log(softmax(z)):", naive.detach(), "grad", a.grad)
print("log_softmax(z): ", stable.detach(), "grad", b.grad)

# LogSoftmax + NLLLoss is exactly CrossEntropyLoss on logits
# LogSoftmax + NLLLoss 与直接对 logits 用 CrossEntropyLoss 相同
torch.manual_seed(0)
logits = torch.randn(4, 3)
target = torch.tensor([0, 2, 1, 2])
print("nll(log_softmax):", F.nll_loss(F.log_softmax(logits, dim=1), target))
print("cross_entropy:   ", F.cross_entropy(logits, target))


def figure_log_softmax(lang="zh"):
    import matplotlib.pyplot as plt

    # logits (t, 0, 0): log p_0 and its derivative 1 - p_0
    # logits 为 (t, 0, 0)：log p_0 及其导数 1 - p_0
    t = torch.linspace(-6, 6, 601, requires_grad=True)
    z = torch.stack([t, torch.zeros_like(t), torch.zeros_like(t)], dim=1)
    logp0 = F.log_softmax(z, dim=1)[:, 0]
    (d0,) = torch.autograd.grad(logp0.sum(), t)
    fig, ax = plt.subplots()
    ax.plot(t.detach(), logp0.detach(), label=r"$\log p_0$")
    ax.plot(t.detach(), d0, linestyle="--", label=r"$\partial \log p_0/\partial t = 1 - p_0$")
    ax.set_xlabel("t")
    ax.set_title({"zh": "logits (t, 0, 0) 的 LogSoftmax 及其导数",
                  "en": "LogSoftmax of logits (t, 0, 0) and its derivative"}[lang])
    ax.legend()
    return fig
