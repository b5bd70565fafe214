import torch
import torch.nn.functional as F
from torch import nn

x = torch.tensor([1.0, 2.0, 3.0])

# Softmin(x) = Softmax(-x): the smallest input gets the largest weight
# Softmin(x) = Softmax(-x)：最小的输入得到最大的权重
q_module = nn.Softmin(dim=0)(x)
q_func = F.softmin(x, dim=0)
print("softmin(x):  ", q_module)
print("same values:", torch.equal(q_module, q_func))
print("softmax(-x): ", F.softmax(-x, dim=0))

# Jacobian: dq/dx = -(diag(q) - q q^T) / 雅可比矩阵：dq/dx = -(diag(q) - q qᵀ)
J = torch.autograd.functional.jacobian(lambda t: F.softmin(t, dim=0), x)
print("autograd jacobian:")
print(J)
print("-(diag(q) - q q^T) allclose:",
      torch.allclose(J, -(torch.diag(q_func) - torch.outer(q_func, q_func)), atol=1e-7))

# Soft nearest neighbour: weights from distances, sharper with a smaller temperature
# 软最近邻：由距离得到权重，温度越小越接近“只取最近的一个”
query = torch.tensor([0.0, 0.0])
keys = torch.tensor([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
dist = torch.cdist(query[None], keys)[0]
print("distances:", dist)
for T in (1.0, 0.1):
    print(f"softmin(dist / {T}):", F.softmin(dist / T, dim=0))


def figure_softmin(lang="zh"):
    import matplotlib.pyplot as plt

    # inputs (t, 0, 0): q_0 falls as t grows / 输入为 (t, 0, 0)：t 增大时 q_0 减小
    t = torch.linspace(-6, 6, 601, requires_grad=True)
    z = torch.stack([t, torch.zeros_like(t), torch.zeros_like(t)], dim=1)
    q0 = F.softmin(z, dim=1)[:, 0]
    (d0,) = torch.autograd.grad(q0.sum(), t)
    fig, ax = plt.subplots()
    ax.plot(t.detach(), q0.detach(), label=r"$q_0$")
    ax.plot(t.detach(), d0, linestyle="--", label=r"$\partial q_0/\partial t = -q_0(1-q_0)$")
    ax.set_xlabel("t")
    ax.set_title({"zh": "输入 (t, 0, 0) 的 Softmin 及其导数",
                  "en": "Softmin of inputs (t, 0, 0) and its derivative"}[lang])
    ax.legend()
    return fig
