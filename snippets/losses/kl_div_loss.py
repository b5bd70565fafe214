import warnings

import torch
from torch import nn
from torch.distributions import Categorical, kl_divergence

p = torch.tensor([[0.7, 0.2, 0.1, 0.0],
                  [0.25, 0.25, 0.25, 0.25]])  # target distributions P / 目标分布 P
logits = torch.tensor([[1.0, 0.5, -1.0, 0.0],
                       [0.0, 2.0, 0.0, -1.0]])
log_q = torch.log_softmax(logits, dim=1)      # input: log-probabilities of Q / 输入：Q 的对数概率
N, C = p.shape

# Element-wise l = p * (log p - log q), with 0 * log 0 = 0
# 逐元素 l = p * (log p - log q)，约定 0 * log 0 = 0
none = nn.KLDivLoss(reduction="none")(log_q, p)
print("none:\n", none)
print("by hand:\n", torch.xlogy(p, p) - p * log_q)

# Reductions: 'batchmean' = sum / N is the true KL divergence; 'mean' = sum / (N * C)
# 归约：'batchmean' = sum / N 才是真正的 KL 散度；'mean' = sum / (N * C)
true_kl = kl_divergence(Categorical(probs=p), Categorical(logits=logits))
print("KL(P||Q) per sample:", true_kl, " average:", true_kl.mean())
print("batchmean:", nn.KLDivLoss(reduction="batchmean")(log_q, p), " sum / N:", none.sum() / N)
print("sum:      ", nn.KLDivLoss(reduction="sum")(log_q, p))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    mean = nn.KLDivLoss()(log_q, p)  # default reduction='mean'
print("mean:     ", mean, " sum / (N*C):", none.sum() / (N * C))
print("UserWarning:", w[0].message)

# log_target=True: the target is log P as well / log_target=True：目标也是 log P
# Row 1 has p = 0: log 0 = -inf, and exp(-inf) * (-inf - x) = 0 * (-inf) = nan
# 第 1 行有 p = 0：log 0 = -inf，exp(-inf) * (-inf - x) = 0 * (-inf) = nan
print("log_target, row 1:", nn.KLDivLoss(reduction="none", log_target=True)(log_q[:1], torch.log(p[:1])))
log_p = torch.log(p[1:])  # so use row 2 only: no zeros / 所以只取第 2 行：没有 0
print("log_target:", nn.KLDivLoss(reduction="batchmean", log_target=True)(log_q[1:], log_p),
      " by hand:", (log_p.exp() * (log_p - log_q[1:])).sum())

# Pitfalls / 陷阱
kl = nn.KLDivLoss(reduction="batchmean")
q = log_q.exp()
print("swapped arguments, KL(Q||P):", kl(torch.log(p[1:]), q[1:]),
      " vs KL(P||Q):", kl(log_q[1:], p[1:]))
print("probabilities as input (wrong):", kl(q, p))


def figure_kl(lang="zh"):
    import matplotlib.pyplot as plt

    # Two classes, P = (0.3, 0.7); Q = softmax(z, 0) / 两个类别，P = (0.3, 0.7)；Q = softmax(z, 0)
    z = torch.linspace(-5, 5, 401, requires_grad=True)
    zl = torch.stack([z, torch.zeros(401)], dim=1)
    target = torch.tensor([0.3, 0.7]).expand(401, 2)
    loss = nn.KLDivLoss(reduction="none")(torch.log_softmax(zl, dim=1), target).sum(dim=1)
    (grad,) = torch.autograd.grad(loss.sum(), z)
    q1 = torch.softmax(zl.detach(), dim=1)[:, 0]
    fig, ax = plt.subplots()
    ax.plot(q1, loss.detach(), label="KL(P‖Q)")
    ax.plot(q1, grad, linestyle="--", label={"zh": "对 logit z 的梯度 q₁ − p₁", "en": "gradient w.r.t. logit z, q₁ − p₁"}[lang])
    ax.axvline(0.3, linestyle=":", linewidth=1)
    ax.set_xlabel({"zh": "Q 中第 1 类的概率 q₁（P = (0.3, 0.7)）", "en": "probability q₁ of class 1 in Q (P = (0.3, 0.7))"}[lang])
    ax.set_title({"zh": "KLDivLoss 及其梯度", "en": "KLDivLoss and its gradient"}[lang])
    ax.legend()
    return fig
