import torch
import torch.nn.functional as F

# Confidently wrong logits / 非常自信却错误的 logits
z = torch.tensor([20.0, 100.0, -20.0, -100.0], requires_grad=True)
y = torch.tensor([0.0, 0.0, 1.0, 1.0])

p = torch.sigmoid(z)
print("sigmoid(z):", p.detach())  # float32 rounds sigmoid(20) to exactly 1 / 舍入成 1

# 1) the formula as written / 按公式直接写
naive = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))
# 2) nn.BCELoss on probabilities: clamps each log at -100 / 把 log 截断在 -100
bce = F.binary_cross_entropy(p, y, reduction="none")
# 3) BCEWithLogitsLoss on logits: max(z, 0) - z*y + log(1 + exp(-|z|))
bce_logits = F.binary_cross_entropy_with_logits(z, y, reduction="none")
print("naive formula:     ", naive.detach())
print("BCELoss(sigmoid):  ", bce.detach())
print("BCEWithLogitsLoss: ", bce_logits.detach())

# Gradients with respect to the logits / 对 logits 的梯度
for name, loss in [("naive formula", naive), ("BCELoss(sigmoid)", bce), ("BCEWithLogitsLoss", bce_logits)]:
    (g,) = torch.autograd.grad(loss.sum(), z, retain_graph=True)
    print(f"grad of {name + ':':19s}", g)
print("sigmoid(z) - y:             ", (p - y).detach())
