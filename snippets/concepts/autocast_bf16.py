import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
x, y = torch.randn(4, 8), torch.tensor([0, 2, 1, 2])

# device_type is "cpu" here ("cuda" when x lives on a GPU) / 这里是 "cpu"
with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16):
    h = model[0](x)                  # matmul: runs in bfloat16 / 矩阵乘法用 bfloat16
    a = model[1](h)                  # ReLU follows its input / ReLU 跟随输入类型
    logits = model[2](a)
    loss = F.cross_entropy(logits, y)                     # losses: float32 / 损失用 float32
    mse = F.mse_loss(logits, torch.zeros(4, 3))
    bce = F.binary_cross_entropy_with_logits(logits, torch.zeros(4, 3))
print("input:", x.dtype, " weights:", model[0].weight.dtype)
print("Linear output:", h.dtype, " ReLU output:", a.dtype, " logits:", logits.dtype)
print("cross_entropy:", loss.dtype, " mse_loss:", mse.dtype, " bce_with_logits:", bce.dtype)

loss.backward()                      # outside the autocast block / 在 autocast 块外反向传播
print("weight gradient:", model[0].weight.grad.dtype)

# What bfloat16 costs: the same logits in float32 / bfloat16 的代价：与 float32 的差距
with torch.no_grad():
    exact = model(x)
print("bfloat16 logits within 0.05 of float32:", torch.allclose(logits.float(), exact, atol=0.05))
print("bfloat16 logits equal to float32:      ", torch.equal(logits.float(), exact))
