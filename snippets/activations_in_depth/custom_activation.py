import torch
import torch.nn.functional as F
from torch import nn
from torch.autograd import gradcheck
from torch.autograd.gradcheck import GradcheckError

torch.manual_seed(0)


# (a) nn.Module with a learnable parameter: Swish with learnable beta, x * sigmoid(beta * x)
# (a) 带可学习参数的 nn.Module：beta 可学习的 Swish
class LearnableSwish(nn.Module):
    def __init__(self, beta=1.0):
        super().__init__()
        self.beta = nn.Parameter(torch.tensor(float(beta)))

    def forward(self, x):
        return x * torch.sigmoid(self.beta * x)

    def extra_repr(self):  # shown by print(module) / print 时显示
        return f"beta={self.beta.item():.4f}"


act = LearnableSwish()
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
print(act, "| parameters:", [(n, tuple(p.shape)) for n, p in act.named_parameters()])
print("beta = 1 equals F.silu:", torch.allclose(act(x), F.silu(x)))
act(x).sum().backward()  # autograd derives d/dbeta for us / 自动求导给出对 beta 的梯度
print("d(sum)/d(beta):", round(act.beta.grad.item(), 4))


# (b) torch.autograd.Function with a hand-written backward:
#     d/dx [x sigmoid(x)] = s + x s (1 - s), s = sigmoid(x)
# (b) 手写反向传播的 autograd.Function
class SwishFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * torch.sigmoid(x)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(x)
        return grad_output * (s + x * s * (1 - s))


xd = torch.randn(6, dtype=torch.float64, requires_grad=True)  # gradcheck wants float64
print("gradcheck(SwishFunction):", gradcheck(SwishFunction.apply, (xd,)))
print("matches F.silu:", torch.allclose(SwishFunction.apply(xd), F.silu(xd)))


# (c) A wrong backward: the product rule is forgotten, only sigmoid(x) is returned
# (c) 错误的反向传播：忘了乘积法则，只返回 sigmoid(x)
class WrongSwish(SwishFunction):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x)


x3 = torch.tensor([-1.0, 0.0, 2.0], dtype=torch.float64, requires_grad=True)
try:
    gradcheck(WrongSwish.apply, (x3,))
except GradcheckError as e:
    print("GradcheckError:", "\n".join(str(e).splitlines()[:7]))
# The correct derivative is the diagonal of the Jacobian of F.silu / 正确导数：F.silu 雅可比矩阵的对角线
print("F.silu'(x3) by autograd:", torch.autograd.functional.jacobian(F.silu, x3.detach()).diagonal())

# Mixing activations: a different one after every layer of one nn.Sequential
# 混用激活函数：同一个 nn.Sequential 里每层用不同的激活函数
class Swish(nn.Module):  # wraps the Function so it can sit in nn.Sequential
    def forward(self, x):
        return SwishFunction.apply(x)


net = nn.Sequential(
    nn.Linear(4, 8), nn.GELU(),
    nn.Linear(8, 8), LearnableSwish(beta=1.5),
    nn.Linear(8, 8), Swish(),
    nn.Linear(8, 8), nn.Tanh(),
    nn.Linear(8, 1), nn.Sigmoid(),
)
print(net)
out = net(torch.randn(5, 4))
print("output shape:", tuple(out.shape), "| in (0, 1):", bool(((out > 0) & (out < 1)).all()))
out.sum().backward()
print("grad of LearnableSwish.beta:", round(net[3].beta.grad.item(), 4))


def figure_learnable_swish(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 4, 401)
    fig, ax = plt.subplots()
    with torch.no_grad():
        for beta in (0.0, 0.5, 1.0, 2.0, 10.0):
            ax.plot(xs, LearnableSwish(beta)(xs), label=f"β = {beta:g}")
    ax.set_xlabel("x")
    ax.set_ylabel(r"$x\,\sigma(\beta x)$")
    ax.set_title({"zh": "可学习 β 的 Swish：β = 0 为 x/2，β 越大越接近 ReLU",
                  "en": "Swish with learnable β: β = 0 is x/2, large β approaches ReLU"}[lang])
    ax.legend()
    return fig
