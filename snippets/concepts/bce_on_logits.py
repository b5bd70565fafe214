import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4) * 3          # raw scores from a Linear layer / 线性层输出的原始分数
target = torch.tensor([1.0, 0.0, 1.0, 0.0])
print("logits:", logits)

# Wrong: BCELoss expects probabilities in [0, 1] / 错误：BCELoss 要求输入是 [0, 1] 内的概率
# (on a GPU the same call is a device-side assert that breaks the CUDA context,
#  so the check is shown on CPU / 在 GPU 上这是 device-side assert，会破坏 CUDA 上下文)
try:
    nn.BCELoss()(logits.cpu(), target.cpu())
except RuntimeError as e:
    print("RuntimeError:", e)

# Worse: logits that happen to lie in [0, 1] raise nothing / 更糟：logits 恰好落在 [0, 1] 时不报错
small = torch.tensor([0.2, 0.9, 0.6, 0.1])
print("BCELoss(raw logits in [0, 1]):     ", round(nn.BCELoss()(small, target).item(), 4))
print("BCEWithLogitsLoss(same logits):    ", round(nn.BCEWithLogitsLoss()(small, target).item(), 4))

# Right: logits into BCEWithLogitsLoss, or sigmoid first for BCELoss
# 正确：logits 交给 BCEWithLogitsLoss，或者先 sigmoid 再交给 BCELoss
print("BCEWithLogitsLoss(logits):         ", round(nn.BCEWithLogitsLoss()(logits, target).item(), 4))
print("BCELoss(sigmoid(logits)):          ", round(nn.BCELoss()(torch.sigmoid(logits), target).item(), 4))
