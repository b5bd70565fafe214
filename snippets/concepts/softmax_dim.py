import warnings

import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(2, 4, 3)   # (batch, positions, classes) / （批量，位置，类别）

# Wrong: no dim. PyTorch guesses, warns, and for a 3-D input picks dim=0
# 错误：不写 dim。PyTorch 自己猜并发出警告，3 维输入时选的是 dim=0
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    p = nn.Softmax()(x)
print(f"{w[0].category.__name__}: {w[0].message}")
print("sums over dim 0 (the batch!):", p.sum(dim=0)[0])
print("sums over the class dim:     ", p.sum(dim=-1)[0])

# Right: name the class dimension / 正确：写明类别所在的维度
p = nn.Softmax(dim=-1)(x)
print("with dim=-1, sums over classes:", p.sum(dim=-1)[0])
