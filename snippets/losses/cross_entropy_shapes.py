import torch
from torch import nn

x = torch.tensor([[2.0, 0.5, -1.0, 0.0],
                  [0.1, 0.2, 3.0, -0.5],
                  [-1.0, 2.5, 0.3, 0.3]])  # logits (N=3, C=4)
loss = nn.CrossEntropyLoss()
print("right: int64 indices of shape (N,):", loss(x, torch.tensor([0, 2, 3])))

# 1) Class indices stored as float / 浮点类型的类别索引
try:
    loss(x, torch.tensor([0.0, 2.0, 3.0]))
except RuntimeError as e:
    print("float indices -> RuntimeError:", e)

# 2) Indices of shape (N, 1), e.g. read from a CSV column / 形状 (N, 1) 的索引，例如来自 CSV 的一列
y_col = torch.tensor([[0], [2], [3]])
try:
    loss(x, y_col)
except RuntimeError as e:
    print("shape (N, 1) -> RuntimeError:", e)
print("fixed with y.squeeze(1):", loss(x, y_col.squeeze(1)))

# 3) One-hot targets: int64 fails, float is read as class probabilities
# 3) 独热目标：int64 报错，float 被当作类别概率
onehot = nn.functional.one_hot(torch.tensor([0, 2, 3]), 4)
try:
    loss(x, onehot)
except RuntimeError as e:
    print("int64 one-hot -> RuntimeError:", e)
print("float one-hot (probabilities):", loss(x, onehot.float()))

# 4) Float targets are not checked: rows need not sum to 1 / 浮点目标不做检查：每行不必和为 1
print("row sums of 2*one-hot:", (2 * onehot.float()).sum(dim=1), "->", loss(x, 2 * onehot.float()))
