import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
x = torch.randn(4, 6)

# GLU splits dim in two halves a, b and returns a * sigmoid(b): the size halves
# GLU 沿 dim 把输入对半分成 a、b，返回 a * sigmoid(b)：该维长度减半
y_module = nn.GLU()(x)  # dim=-1
y_func = F.glu(x, dim=-1)
a, b = x.chunk(2, dim=-1)
print("input", tuple(x.shape), "-> output", tuple(y_module.shape))
print("same values:", torch.equal(y_module, y_func))
print("a * sigmoid(b):", torch.allclose(y_func, a * torch.sigmoid(b)))
print("dim=0:", tuple(x.shape), "->", tuple(F.glu(x, dim=0).shape))

# An odd size along dim cannot be halved / 该维长度为奇数时无法对半分
try:
    F.glu(torch.randn(4, 5))
except RuntimeError as e:
    print("RuntimeError:", e)

# Gradients: d/da = sigmoid(b), d/db = a * sigmoid(b) * (1 - sigmoid(b))
# 梯度：对 a 为 sigmoid(b)，对 b 为 a * sigmoid(b) * (1 - sigmoid(b))
v = torch.tensor([2.0, -1.0, 0.0, 3.0], requires_grad=True)  # a = (2, -1), b = (0, 3)
out = F.glu(v)
out.sum().backward()
a, b = v.detach().chunk(2)
s = torch.sigmoid(b)
print("glu(v):       ", out.detach())
print("autograd:     ", v.grad)
print("closed form:  ", torch.cat([s, a * s * (1 - s)]))


def figure_glu(lang="zh"):
    import matplotlib.pyplot as plt

    # output a * sigmoid(b) and its derivative in b, for a few fixed a
    # 对几个固定的 a，画输出 a * sigmoid(b) 及其对 b 的导数
    bs = torch.linspace(-6, 6, 601, requires_grad=True)
    fig, ax = plt.subplots()
    for a in (2.0, 1.0, -1.0):
        out = F.glu(torch.stack([torch.full_like(bs, a), bs], dim=1), dim=1)[:, 0]
        (grad,) = torch.autograd.grad(out.sum(), bs)
        line = ax.plot(bs.detach(), out.detach(), label=f"a={a:g}")
        ax.plot(bs.detach(), grad, linestyle="--", color=line[0].get_color(),
                label={"zh": f"对 b 的导数，a={a:g}", "en": f"d/db, a={a:g}"}[lang])
    ax.set_xlabel("b")
    ax.set_title({"zh": "GLU：a·σ(b) 及其对 b 的导数",
                  "en": r"GLU: $a\,\sigma(b)$ and its derivative in $b$"}[lang])
    ax.legend(fontsize=9, ncol=2)
    return fig
