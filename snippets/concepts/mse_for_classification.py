import warnings

import torch
import torch.nn.functional as F
from torch import nn

# 1) Shapes: class labels (N,) against outputs (N, C) / 形状：(N,) 标签对 (N, C) 输出
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    try:
        nn.MSELoss()(torch.zeros(4, 3), torch.tensor([0.0, 2.0, 1.0, 2.0]))
    except RuntimeError as e:
        print("RuntimeError:", e)
    # N == C: no error, it broadcasts / N 等于 C 时不报错，而是广播
    out, labels = torch.zeros(3, 3), torch.tensor([0.0, 2.0, 1.0])
    value = nn.MSELoss()(out, labels)
print(f"{len(w)} warnings, the last one: {w[-1].category.__name__}: {w[-1].message}")
print("loss computed on a", tuple((out - labels).shape), "grid:", round(value.item(), 4))

# 2) A confidently wrong sample: MSE on probabilities barely pushes back
# 自信的错误预测：概率上的 MSE 几乎不给梯度
z = torch.tensor([[6.0, 0.0, 0.0]], requires_grad=True)   # true class is 2 / 真实类别为 2
(g_ce,) = torch.autograd.grad(F.cross_entropy(z, torch.tensor([2])), z)
(g_mse,) = torch.autograd.grad(F.mse_loss(F.softmax(z, dim=1), torch.tensor([[0.0, 0.0, 1.0]])), z)
print("grad CE:          ", g_ce)
print("grad MSE(softmax):", g_mse)

# 3) Training comparison on the same data and initial weights / 同数据、同初始权重的训练对比
torch.manual_seed(0)
centers = torch.tensor([[0.0, 2.0], [-1.7, -1.0], [1.7, -1.0]])
y = torch.arange(3).repeat_interleave(100)
x = centers[y] + torch.randn(300, 2)
for name in ["CrossEntropyLoss", "MSELoss(softmax, one-hot)"]:
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(1, 151):
        z = model(x)
        if name == "CrossEntropyLoss":
            loss = F.cross_entropy(z, y)
        else:
            loss = F.mse_loss(F.softmax(z, dim=1), F.one_hot(y, 3).float())
        opt.zero_grad()
        loss.backward()
        opt.step()
        if epoch in (10, 50, 150):
            acc = (z.argmax(dim=1) == y).float().mean().item()
            print(f"{name:26s} epoch {epoch:3d}: accuracy {acc:.4f}")
