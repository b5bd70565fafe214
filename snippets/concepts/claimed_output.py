import math

import torch
from torch import nn

# Code of the kind that is often shown with a made-up output next to it
# 常被配上“示例输出”的那类代码
torch.manual_seed(0)
model = nn.Linear(4, 3)
x, y = torch.randn(8, 4), torch.randint(0, 3, (8,))
loss = nn.CrossEntropyLoss()(model(x), y)

claimed = 0.5500                      # the number printed beside it / 旁边印着的数
print(f"claimed: loss = {claimed:.4f}")
print(f"printed: loss = {loss.item():.4f}")

# A check anyone can do: an untrained C-class model starts near ln(C)
# 人人都能做的核对：未训练的 C 类模型，初始损失接近 ln(C)
print(f"ln(3) = {math.log(3):.4f}")
