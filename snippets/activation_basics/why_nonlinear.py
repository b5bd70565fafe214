import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(5, 3)

# Two linear layers with nothing in between / 两个线性层，中间没有激活函数
stack = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2))
l1, l2 = stack[0], stack[1]

# ...equal one linear layer: W = W2 W1, b = W2 b1 + b2 / 等价于一个线性层
one = nn.Linear(3, 2)
with torch.no_grad():
    one.weight.copy_(l2.weight @ l1.weight)
    one.bias.copy_(l2.weight @ l1.bias + l2.bias)

diff = (stack(x) - one(x)).abs().max().item()
print("max |stack(x) - one(x)| < 1e-6:", diff < 1e-6)

# Put a ReLU between them: the merged layer above no longer matches
# 中间加上 ReLU：上面合并出的线性层不再与它相等
relu_stack = nn.Sequential(l1, nn.ReLU(), l2)
print("with ReLU, max |diff|:", round((relu_stack(x) - one(x)).abs().max().item(), 4))

# Every single linear (affine) layer satisfies f(a + b) = f(a) + f(b) - f(0);
# a nonzero gap rules out all of them, not just the merged one
# 任何单个线性（仿射）层都满足 f(a+b) = f(a) + f(b) - f(0)；偏差不为 0，就排除了所有单层，而不只是上面那一个
a, b = x[:1], x[1:2]
zero = torch.zeros(1, 3)
for name, f in [("linear stack", stack), ("ReLU stack", relu_stack)]:
    gap = f(a + b) - (f(a) + f(b) - f(zero))
    print(f"{name:12s} additivity gap: {gap.abs().max().item():.4f}")


def figure_collapse(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("输入 x", "网络输出", "无激活函数（线性）", "ReLU", "Tanh"),
        "en": ("input x", "network output", "no activation (linear)", "ReLU", "Tanh"),
    }[lang]
    torch.manual_seed(1)
    first, last = nn.Linear(1, 16), nn.Linear(16, 1)
    xs = torch.linspace(-3, 3, 301).unsqueeze(1)
    fig, ax = plt.subplots()
    with torch.no_grad():
        for act, label in [(nn.Identity(), text[2]), (nn.ReLU(), text[3]), (nn.Tanh(), text[4])]:
            ax.plot(xs.squeeze(), last(act(first(xs))).squeeze(), label=label)
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.legend()
    return fig
