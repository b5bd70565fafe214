import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
x = torch.tensor([-2.0, -2.0, -2.0, 0.0, 2.0], requires_grad=True)

act = nn.RReLU()  # lower=1/8, upper=1/3; a new module is in training mode
print(act, "| training:", act.training)

# Training mode: a fresh random slope a ~ U(lower, upper) per element and call
# 训练模式：每个元素、每次调用都重新抽一个斜率 a ~ U(lower, upper)
y1 = act(x)
print("train, call 1:", y1.detach())
print("train, call 2:", act(x).detach())

# The gradient is the slope that was drawn (also at x = 0, where the output is 0)
# 梯度就是抽到的斜率（x = 0 处也是，尽管输出为 0）
y1.sum().backward()
print("autograd:      ", x.grad)
print("y1 / x:        ", (y1 / x).detach())

# Many draws: slopes stay in [1/8, 1/3], their mean is near (1/8 + 1/3) / 2
# 大量抽样：斜率落在 [1/8, 1/3] 内，均值接近 (1/8 + 1/3) / 2
slopes = act(-torch.ones(100000)) / -1.0
print(f"slopes: min {slopes.min().item():.4f}, max {slopes.max().item():.4f}, mean {slopes.mean().item():.4f}")

# Eval mode: the fixed slope (lower + upper) / 2 = 11/48, a LeakyReLU
# 评估模式：固定斜率 (lower + upper) / 2 = 11/48，即 LeakyReLU
act.eval()
print("eval:          ", act(x).detach())
print("(1/8+1/3)/2 =", round((1 / 8 + 1 / 3) / 2, 4), "| same as leaky_relu:",
      torch.equal(act(x), F.leaky_relu(x, (1 / 8 + 1 / 3) / 2)))

# Functional form defaults to training=False! / 函数形式默认 training=False！
print("F.rrelu(x):    ", F.rrelu(x).detach())
a = torch.tensor([-2.0, 2.0])
# F.rrelu_ also defaults to training=False (eval behaviour). nn.RReLU(inplace=True) works
# in place too, but a new module is in training mode: it draws random slopes until .eval()
# F.rrelu_ 同样默认 training=False（评估行为）。nn.RReLU(inplace=True) 也是原地的，
# 但新建的模块处于训练模式：调用 .eval() 之前它抽随机斜率
F.rrelu_(a)
print("F.rrelu_ (in place):", a)


def figure_rrelu(lang="zh"):
    import matplotlib.pyplot as plt

    torch.manual_seed(0)
    xs = torch.linspace(-3, 3, 121)
    fig, ax = plt.subplots()
    samples = F.rrelu(xs.repeat(20), training=True)
    ax.scatter(xs.repeat(20), samples, s=4, alpha=0.4, color="gray",
               label={"zh": "训练模式（20 次抽样）", "en": "training mode (20 draws)"}[lang])
    xe = torch.linspace(-3, 3, 601, requires_grad=True)
    ye = F.rrelu(xe, training=False)
    (grad,) = torch.autograd.grad(ye.sum(), xe)
    ax.plot(xe.detach(), ye.detach(), label={"zh": "评估模式", "en": "eval mode"}[lang])
    ax.plot(xe.detach(), grad, linestyle="--",
            label={"zh": "评估模式的导数", "en": "eval-mode derivative"}[lang])
    ax.set_xlabel("x")
    ax.set_title({"zh": "RReLU：训练模式与评估模式", "en": "RReLU: training vs eval mode"}[lang])
    ax.legend()
    return fig
