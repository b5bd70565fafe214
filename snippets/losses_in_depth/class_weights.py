import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3)
target = torch.tensor([0, 0, 1, 2])
weight = torch.tensor([1.0, 2.0, 5.0])  # one weight per class / 每个类别一个权重

plain = nn.CrossEntropyLoss(reduction="none")(logits, target)
per_sample = nn.CrossEntropyLoss(weight=weight, reduction="none")(logits, target)
print("unweighted per sample:", plain)
print("weighted per sample:  ", per_sample)
print("weight[target]:       ", weight[target])

# reduction="mean" divides by the sum of the weights used, not by N
# reduction="mean" 除以用到的权重之和，而不是样本数 N
mean = nn.CrossEntropyLoss(weight=weight)(logits, target)
total = nn.CrossEntropyLoss(weight=weight, reduction="sum")(logits, target)
print(f"mean: {mean:.4f}  sum: {total:.4f}")
print(f"sum / N:              {total / 4:.4f}")
print(f"sum / sum(w[target]): {total / weight[target].sum():.4f}")

# So scaling every weight by 10 changes "sum" but not "mean"
# 所以所有权重乘 10，"sum" 变了，"mean" 不变
mean10 = nn.CrossEntropyLoss(weight=10 * weight)(logits, target)
sum10 = nn.CrossEntropyLoss(weight=10 * weight, reduction="sum")(logits, target)
print(f"mean with 10 * weight: {mean10:.4f}")
print(f"sum with 10 * weight:  {sum10:.4f}")

# BCEWithLogitsLoss: weight rescales each element and "mean" divides by N
# BCEWithLogitsLoss：weight 逐元素缩放，"mean" 仍除以元素个数 N
z = torch.tensor([1.5, -0.5, 0.3, -2.0])
y = torch.tensor([1.0, 0.0, 1.0, 0.0])
w = torch.tensor([1.0, 1.0, 4.0, 4.0])
bce = nn.BCEWithLogitsLoss(weight=w)(z, y)
bce_none = nn.BCEWithLogitsLoss(reduction="none")(z, y)
print(f"BCE weighted mean: {bce:.4f}  sum(w * l) / N: {(w * bce_none).sum() / 4:.4f}")
# pos_weight multiplies only the positive-target term / pos_weight 只放大正类那一项
pw = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(3.0), reduction="none")(z, y)
print("pos_weight=3, per element:", pw)
print("plain, per element:       ", bce_none)
