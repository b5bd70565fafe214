import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)

# One learnable slope a, initialised to 0.25 / 一个可学习的斜率 a，初值 0.25
act = nn.PReLU()  # num_parameters=1, init=0.25
print(act, "| weight:", act.weight.data)
y = act(x)
print("prelu(x):           ", y.detach())
print("max(0,x)+a*min(0,x):", (x.clamp(min=0) + 0.25 * x.clamp(max=0)).detach())
print("same as F.prelu:", torch.equal(y, F.prelu(x, act.weight)))

# Gradients of sum(y): w.r.t. x (1 or a; a at x = 0) and w.r.t. a (sum of min(0, x))
# sum(y) 的梯度：对 x 为 1 或 a（x = 0 处取 a），对 a 为 min(0, x) 之和
y.sum().backward()
print("x.grad autograd:   ", x.grad)
print("x.grad closed form:", torch.where(x > 0, 1.0, 0.25))
print("a.grad autograd:   ", act.weight.grad)
print("a.grad closed form:", x.detach().clamp(max=0).sum())

# Learning the slope: fit |x|, which is PReLU with a = -1
# 学习斜率：拟合 |x|，它正是 a = -1 的 PReLU
x_train = torch.randn(256)
y_train = x_train.abs()
act = nn.PReLU()
opt = torch.optim.SGD(act.parameters(), lr=0.5)
history = [act.weight.item()]
for step in range(1, 11):
    loss = F.mse_loss(act(x_train), y_train)
    opt.zero_grad()
    loss.backward()
    opt.step()
    history.append(act.weight.item())
    if step in (1, 2, 3, 5, 10):
        print(f"step {step:2d}: loss before step = {loss.item():.4f}, a after step = {history[-1]:.4f}")

# One slope per channel; the channel is dim 1 / 每个通道一个斜率，通道是第 1 维
act3 = nn.PReLU(num_parameters=3)
print("weight shape:", tuple(act3.weight.shape), "| (N, C, L) out:", tuple(act3(torch.randn(2, 3, 5)).shape))
try:
    act3(torch.randn(2, 5, 3))  # channels last: C is not dim 1 / 通道在最后一维
except RuntimeError as e:
    print("RuntimeError:", e)


def figure_prelu(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-3, 3, 601, requires_grad=True)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))
    for a in (0.25, history[-1]):
        ys = F.prelu(xs, torch.tensor([a]))
        (grad,) = torch.autograd.grad(ys.sum(), xs)
        line = ax1.plot(xs.detach(), ys.detach(), label=f"PReLU, a={a:.2f}")
        ax1.plot(xs.detach(), grad, linestyle="--", color=line[0].get_color(),
                 label={"zh": f"导数，a={a:.2f}", "en": f"derivative, a={a:.2f}"}[lang])
    ax1.set_xlabel("x")
    ax1.set_title({"zh": "PReLU 及其导数", "en": "PReLU and its derivative"}[lang])
    ax1.legend(fontsize=9, loc="upper center")
    ax2.plot(range(len(history)), history, marker="o")
    ax2.axhline(-1.0, linestyle=":")
    ax2.set_xlabel({"zh": "优化步数", "en": "optimization step"}[lang])
    ax2.set_ylabel("a")
    ax2.set_title({"zh": "拟合 |x| 时 a 的变化", "en": "a while fitting |x|"}[lang])
    return fig
