import inspect

import torch
from torch import nn
import torch.nn.functional as F

# The real signature of the installed torch / 已安装 torch 中的真实签名
for name, par in inspect.signature(nn.LinearCrossEntropyLoss).parameters.items():
    default = "required" if par.default is par.empty else f"default {par.default!r}"
    print(f"  {name:16} {par.kind.name:22} {default}")

torch.manual_seed(0)
N, D, C = 6, 8, 5  # samples, features, classes / 样本数、特征数、类别数
loss = nn.LinearCrossEntropyLoss(D, C)  # owns a Linear(D, C, bias=False) / 自带一个无偏置的线性层
print(loss)

h = torch.randn(N, D)           # hidden features, e.g. last layer of a language model / 隐藏特征
y = torch.randint(0, C, (N,))   # class indices / 类别索引
y[1] = -100                     # ignored, as in CrossEntropyLoss / 与 CrossEntropyLoss 一样被忽略

# The same computation written as Linear + CrossEntropyLoss
# 同一计算写成 Linear + CrossEntropyLoss
linear = nn.Linear(D, C, bias=False)
linear.weight.data.copy_(loss.linear.weight.data)
a = loss(h, y)
b = nn.CrossEntropyLoss()(linear(h), y)
print(f"LinearCrossEntropyLoss: {a.item():.4f}")
print(f"Linear + CrossEntropy:  {b.item():.4f}")
a.backward()
b.backward()
print("same weight gradient:", torch.allclose(loss.linear.weight.grad, linear.weight.grad, atol=1e-6))

# Chunked path: the (N, C) logits are never built at once / 分块路径：不一次性构造 (N, C) 的 logits
chunked = nn.LinearCrossEntropyLoss(D, C, options=nn.LinearCrossEntropyOptions())
chunked.load_state_dict(loss.state_dict())
out = chunked(h, y)
print(f"chunked path:           {out.item():.4f}")
# The chunked backward consumes its saved gradients: a second backward fails
# 分块实现的反向传播会消耗保存的梯度：第二次 backward 报错
out.backward(retain_graph=True)
try:
    out.backward()
except RuntimeError as e:
    print("RuntimeError:", e)

# Options shared with CrossEntropyLoss / 与 CrossEntropyLoss 相同的参数
w = torch.tensor([1.0, 2.0, 1.0, 0.5, 1.0])
lce = nn.LinearCrossEntropyLoss(D, C, bias=True, weight=w, label_smoothing=0.1)
ref = F.cross_entropy(lce.linear(h), y, weight=w, label_smoothing=0.1)
print(f"bias + weight + smoothing: {lce(h, y).item():.4f} vs {ref.item():.4f}")


def figure_linear_ce(lang="zh"):
    import matplotlib.pyplot as plt

    # Move the input along the true class's weight row: h = t * W[0] / |W[0]|
    # 让输入沿正确类别的权重行移动：h = t * W[0] / |W[0]|
    u = loss.linear.weight.detach()[0]
    u = u / u.norm()
    t = torch.linspace(-20, 20, 401, requires_grad=True)
    hs = t[:, None] * u
    per = nn.LinearCrossEntropyLoss(D, C, reduction="none")
    per.load_state_dict(loss.state_dict())
    out = per(hs, torch.zeros(401, dtype=torch.long))
    (grad,) = torch.autograd.grad(out.sum(), t)
    fig, ax = plt.subplots()
    ax.plot(t.detach(), out.detach(), label={"zh": "损失", "en": "loss"}[lang])
    ax.plot(t.detach(), grad, linestyle="--", label={"zh": "梯度 ∂ℓ/∂t", "en": "gradient ∂ℓ/∂t"}[lang])
    ax.set_xlabel({"zh": "沿 W[y] 方向的输入 t", "en": "input t along the direction of W[y]"}[lang])
    ax.set_title({"zh": "LinearCrossEntropyLoss 及其梯度", "en": "LinearCrossEntropyLoss and its gradient"}[lang])
    ax.legend()
    return fig
