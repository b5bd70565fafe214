import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
logits = torch.randn(3, 4)          # 3 samples, 4 classes / 3 个样本，4 个类别
loss_fn = nn.CrossEntropyLoss()

wrong_targets = {
    "float labels (3,)": torch.tensor([0.0, 3.0, 1.0]),
    "int32 labels (3,)": torch.tensor([0, 3, 1], dtype=torch.int32),
    "labels of shape (3, 1)": torch.tensor([[0], [3], [1]]),
    "one-hot as int64 (3, 4)": F.one_hot(torch.tensor([0, 3, 1]), 4),
    "2 labels for 3 samples": torch.tensor([0, 3]),
}
for name, t in wrong_targets.items():
    try:
        loss_fn(logits, t)
    except (RuntimeError, ValueError) as e:
        print(f"{name:24s} {type(e).__name__}: {e}")

# Right: int64 class indices of shape (N,), or float probabilities of shape (N, C)
# 正确：形状 (N,) 的 int64 类别索引，或形状 (N, C) 的浮点概率
idx = torch.tensor([0, 3, 1])
print("int64 indices (3,):       ", round(loss_fn(logits, idx).item(), 4))
print("float one-hot (3, 4):     ", round(loss_fn(logits, F.one_hot(idx, 4).float()).item(), 4))
print("float labels .long():      ", round(loss_fn(logits, wrong_targets["float labels (3,)"].long()).item(), 4))
print("(3, 1) labels .squeeze(1): ", round(loss_fn(logits, wrong_targets["labels of shape (3, 1)"].squeeze(1)).item(), 4))
