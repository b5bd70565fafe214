import warnings

import torch
from torch import nn

# A binary classifier ending in nn.Linear(d, 1) outputs shape (N, 1)
# 以 nn.Linear(d, 1) 结尾的二元分类器输出形状 (N, 1)
logits = torch.tensor([[2.0], [-1.5], [3.0], [-2.5]])  # (4, 1)
labels = torch.tensor([1.0, 0.0, 1.0, 0.0])           # (4,)

# BCEWithLogitsLoss and BCELoss refuse different shapes / 两者都拒绝不同的形状
try:
    nn.BCEWithLogitsLoss()(logits, labels)
except ValueError as e:
    print("BCEWithLogitsLoss -> ValueError:", e)
try:
    nn.BCELoss()(torch.sigmoid(logits), labels)
except ValueError as e:
    print("BCELoss -> ValueError:", e)

# Integer labels: the target must be float / 整数标签：目标必须是浮点
try:
    nn.BCEWithLogitsLoss()(logits.squeeze(1), labels.long())
except RuntimeError as e:
    print("int64 labels -> RuntimeError:", e)

# MSELoss on the probabilities only warns and broadcasts (4, 1) with (4,) to (4, 4)
# MSELoss 只发出警告，把 (4, 1) 和 (4,) 广播成 (4, 4)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    wrong = nn.MSELoss()(torch.sigmoid(logits), labels)
print("MSELoss -> UserWarning:", w[0].message)
print("MSELoss value, broadcast:", wrong)
print("MSELoss value, aligned:  ", nn.MSELoss()(torch.sigmoid(logits).squeeze(1), labels))

# The fix: squeeze the output (or unsqueeze the labels) / 修正：压缩输出维度（或扩展标签）
print("BCEWithLogitsLoss, aligned:", nn.BCEWithLogitsLoss()(logits.squeeze(1), labels))
