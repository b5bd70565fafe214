import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)

y_module = nn.ReLU()(x)
y_func = F.relu(x)  # also torch.relu(x) / x.relu()
print("relu(x):", y_module.detach())
print("same values:", torch.equal(y_module, y_func))

# Gradient: 1 for x > 0, 0 for x < 0, and PyTorch uses 0 at x = 0
# 梯度：x > 0 为 1，x < 0 为 0；PyTorch 在 x = 0 处取 0
y_func.sum().backward()
print("autograd:   ", x.grad)
print("(x > 0):    ", (x > 0).float())

# In-place form writes into its input (no new tensor) / 原地版本直接改写输入
a = torch.tensor([-1.0, 1.0])
b = F.relu(a, inplace=True)  # also nn.ReLU(inplace=True), torch.relu_(a), a.relu_()
print("a after relu_:", a, "| same storage:", b.data_ptr() == a.data_ptr())

# ...which breaks autograd when the overwritten value is needed for backward
# 如果被改写的值在反向传播中还要用，原地操作会让 backward 报错
w = torch.tensor([0.5, -0.5], requires_grad=True)
s = torch.sigmoid(w)  # sigmoid's backward needs its own output s
torch.relu_(s)
try:
    s.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).split(" Hint:")[0])

# Sparsity: about half of standard-normal inputs become exactly 0
# 稀疏性：标准正态输入约一半变成 0
z = torch.randn(10000)
print("fraction of zeros:", round((F.relu(z) == 0).float().mean().item(), 4))

# A "dead" unit: its pre-activation is negative for every input, so its own
# gradient is exactly 0 on this batch
# “死亡”单元：对所有输入预激活都为负，它自己的梯度在这批数据上恰好为 0
layer = nn.Linear(3, 2)
with torch.no_grad():
    layer.bias.copy_(torch.tensor([0.0, -100.0]))
inputs = torch.randn(64, 3)
F.relu(layer(inputs)).sum().backward()
print("weight grad of unit 0:", layer.weight.grad[0])
print("weight grad of unit 1:", layer.weight.grad[1])


def figure_relu(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-3, 3, 601, requires_grad=True)
    ys = F.relu(xs)
    (grad,) = torch.autograd.grad(ys.sum(), xs)
    fig, ax = plt.subplots()
    ax.plot(xs.detach(), ys.detach(), label=r"$\mathrm{ReLU}(x)$")
    ax.plot(xs.detach(), grad, label=r"$\mathrm{ReLU}'(x)$", linestyle="--")
    ax.axvspan(-3, 0, color="gray", alpha=0.12)
    ax.text(-1.5, 1.5, {"zh": "梯度为 0", "en": "zero gradient"}[lang], ha="center")
    ax.set_xlabel("x")
    ax.set_title({"zh": "ReLU 及其导数", "en": "ReLU and its derivative"}[lang])
    ax.legend()
    return fig
