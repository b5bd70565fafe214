import warnings

import torch
import torch.nn.functional as F
from torch import nn

labels = torch.tensor([0, 2, 1, 2])          # int64 class labels / int64 类别标签

# One output per sample, MSELoss against the labels: runs silently (the int64 target
# is promoted) and treats classes as numbers / 每个样本一个输出：静默运行，把类别当成数
torch.manual_seed(0)
out = torch.randn(4, requires_grad=True)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    loss = nn.MSELoss()(out, labels)
    loss.backward()
print("loss:", loss.detach(), " warnings:", len(w), " grad:", out.grad)

# Numbers have an order and a distance that classes do not: for a sample that is
# class 0 or class 2 with equal odds, MSE's best answer is 1.0, i.e. class 1
# 数有大小和距离，类别没有：一半是 0 类、一半是 2 类时，MSE 的最优输出是 1.0，即第 1 类
c = torch.tensor(0.0, requires_grad=True)
opt = torch.optim.SGD([c], lr=0.1)
for _ in range(100):
    opt.zero_grad()
    F.mse_loss(c.expand(2), torch.tensor([0, 2])).backward()
    opt.step()
print(f"best single output for labels {{0, 2}}: {c.item():.4f} -> rounds to class {round(c.item())}")

# C outputs per sample against (N,) labels: a shape error / C 个输出对 (N,) 标签：形状错误
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    try:
        nn.MSELoss()(torch.zeros(4, 3), labels)
    except RuntimeError as e:
        print(f"{w[0].category.__name__}: {str(w[0].message).split('. ')[0]}.")
        print("RuntimeError:", e)

# Right: C logits per sample and CrossEntropyLoss / 正确：每个样本 C 个 logits，配交叉熵
torch.manual_seed(0)
logits = torch.randn(4, 3)
print("CrossEntropyLoss:", round(nn.CrossEntropyLoss()(logits, labels).item(), 4))
