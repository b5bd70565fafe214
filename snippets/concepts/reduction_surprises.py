import torch
import torch.nn.functional as F
from torch import nn

pred = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])   # 2 samples, 3 outputs each
target = torch.zeros(2, 3)

# 'mean' divides by ALL elements (2 * 3 = 6), not by the batch size 2
# 'mean' 除以全部元素个数 6，而不是批量大小 2
print("sum:", nn.MSELoss(reduction="sum")(pred, target))
print("mean (sum / 6):", nn.MSELoss()(pred, target))
per_sample = nn.MSELoss(reduction="none")(pred, target).sum(dim=1)
print("per-sample sums:", per_sample, " their mean (sum / 2):", per_sample.mean())

# So the gradient each output gets shrinks as outputs are added / 输出越多，每个输出分到的梯度越小
for d in (1, 10, 100):
    p = torch.ones(2, d, requires_grad=True)
    nn.MSELoss()(p, torch.zeros(2, d)).backward()
    print(f"{d:3d} outputs per sample: gradient per element = {p.grad[0, 0].item():.4f}")

# CrossEntropyLoss with class weights: 'mean' divides by the sum of the weights used
# 带类别权重的交叉熵：'mean' 除以用到的权重之和
logits = torch.tensor([[2.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
y = torch.tensor([0, 1, 1])
w = torch.tensor([1.0, 4.0])
each = F.cross_entropy(logits, y, weight=w, reduction="none")
print("weighted per-sample:", each)
print("reduction='mean':   ", F.cross_entropy(logits, y, weight=w))
print("sum / 3:            ", each.sum() / 3)
print("sum / (1 + 4 + 4):  ", each.sum() / w[y].sum())

# ignore_index: ignored samples leave the denominator too / 被忽略的样本也不计入分母
y_ign = torch.tensor([0, -100, 1])
print("ignore_index=-100:  ", F.cross_entropy(logits, y_ign),
      " = mean of the 2 kept:", F.cross_entropy(logits[[0, 2]], y_ign[[0, 2]]))
