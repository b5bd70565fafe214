import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 1.0, 0.1]])     # one sample, 3 classes / 一个样本，3 个类别
y = torch.tensor([[1.0, 0.0, 0.0]])          # one-hot: class 0 / 独热编码，类别 0
p = F.softmax(logits, dim=1)
print("p =", p)

# Multiclass cross-entropy: -sum_c y_c log p_c (only the true class counts)
# 多类交叉熵：只有真实类别那一项
ce = -(y * p.log()).sum()
# The binary formula, applied per class: -sum_c [y_c log p_c + (1 - y_c) log(1 - p_c)]
# 二元交叉熵公式逐类套用：每个类别都当成一个独立的是/否问题
bce_formula = -(y * p.log() + (1 - y) * (1 - p).log()).sum()
print(f"-sum y log p:                      {ce.item():.4f}")
print(f"-sum [y log p + (1-y) log(1-p)]:   {bce_formula.item():.4f}")
print(f"F.cross_entropy(logits, [0]):      {F.cross_entropy(logits, torch.tensor([0])).item():.4f}")
print(f"F.binary_cross_entropy(p, y, sum): {F.binary_cross_entropy(p, y, reduction='sum').item():.4f}")
print(f"difference = -sum_(c != 0) log(1 - p_c): {(bce_formula - ce).item():.4f}")
