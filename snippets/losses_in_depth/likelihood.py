import math

import torch
import torch.nn.functional as F
from torch.distributions import Bernoulli, Categorical, Laplace, Normal

torch.manual_seed(0)

# Categorical: softmax(z) is the distribution of the class; the loss is -log p(y)
# 类别分布：softmax(z) 是类别的分布，损失是 -log p(y)
z = torch.tensor([[2.0, 0.5, -1.0], [0.0, 1.0, 3.0]])
y = torch.tensor([0, 1])
print("categorical -log p(y):    ", -Categorical(logits=z).log_prob(y))
print("cross_entropy:            ", F.cross_entropy(z, y, reduction="none"))

# Bernoulli: sigmoid(s) is P(t = 1); the loss is -log p(t)
# 伯努利分布：sigmoid(s) 是 P(t = 1)，损失是 -log p(t)
s = torch.tensor([1.5, -0.5, 3.0])
t = torch.tensor([1.0, 0.0, 0.0])
print("bernoulli -log p(t):      ", -Bernoulli(logits=s).log_prob(t))
print("bce_with_logits:          ", F.binary_cross_entropy_with_logits(s, t, reduction="none"))

# Regression: target = prediction + noise / 回归：目标 = 预测 + 噪声
pred = torch.tensor([0.5, 2.0, -1.0, 3.0])
target = torch.tensor([1.0, 0.0, -1.5, 3.0])
e = pred - target
print("error e:                  ", e)

# Gaussian noise, variance 1: -log p = e^2 / 2 + log(2 pi) / 2
# 方差为 1 的高斯噪声：-log p = e^2 / 2 + log(2 pi) / 2
gauss = -Normal(pred, 1.0).log_prob(target)
print("gaussian -log p:          ", gauss)
print("e^2 / 2 + log(2 pi) / 2:  ", e**2 / 2 + 0.5 * math.log(2 * math.pi))
print("GaussianNLLLoss, var=1:   ", F.gaussian_nll_loss(pred, target, torch.ones(4), full=True, reduction="none"))
print(f"mean -log p: {gauss.mean():.4f}   MSELoss / 2 + {0.5 * math.log(2 * math.pi):.4f}: "
      f"{F.mse_loss(pred, target) / 2 + 0.5 * math.log(2 * math.pi):.4f}")

# Laplace noise, scale 1: -log p = |e| + log 2 / 拉普拉斯噪声，尺度 1：-log p = |e| + log 2
laplace = -Laplace(pred, 1.0).log_prob(target)
print("laplace -log p:           ", laplace)
print("|e| + log 2:              ", e.abs() + math.log(2))
print(f"mean -log p: {laplace.mean():.4f}   L1Loss + {math.log(2):.4f}: "
      f"{F.l1_loss(pred, target) + math.log(2):.4f}")


# An error of 4: the Gaussian finds it far more surprising than the Laplace
# 误差为 4 时：高斯分布比拉普拉斯分布“惊讶”得多
big = torch.tensor(4.0)
print(f"error 4: gaussian -log p = {-Normal(0.0, 1.0).log_prob(big):.4f}, "
      f"laplace -log p = {-Laplace(0.0, 1.0).log_prob(big):.4f}")


def figure_noise(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("误差 e = 预测 - 目标", "概率密度 p(e)", "负对数似然 -log p(e)",
               "两种噪声的密度", "对应的损失", "高斯（方差 1）", "拉普拉斯（尺度 1）"),
        "en": ("error e = prediction - target", "density p(e)", "negative log-likelihood -log p(e)",
               "Two noise densities", "The losses they give", "Gaussian (variance 1)", "Laplace (scale 1)"),
    }[lang]
    es = torch.linspace(-5, 5, 501)
    dists = [(Normal(0.0, 1.0), text[5]), (Laplace(0.0, 1.0), text[6])]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for dist, label in dists:
        logp = dist.log_prob(es)
        ax1.plot(es, logp.exp(), label=label)
        ax2.plot(es, -logp, label=label)
    ax2.set_ylim(0, 10)
    for ax, ylabel, title in [(ax1, text[1], text[3]), (ax2, text[2], text[4])]:
        ax.set_xlabel(text[0])
        ax.set_ylabel(ylabel)
        ax.set_title(title)
    ax1.legend()
    ax2.legend(loc="lower right")
    fig.tight_layout()
    return fig
