import torch
import torch.nn.functional as F

torch.manual_seed(0)

z = torch.tensor([-3.0, -0.5, 0.0, 2.0, 6.0])
y = torch.tensor([1, 0, 1, 1, 0])

# (a) One logit z per sample + BCEWithLogitsLoss (float target)
# (a) 每个样本一个 logit z + BCEWithLogitsLoss（浮点目标）
z1 = z.clone().requires_grad_()
bce = F.binary_cross_entropy_with_logits(z1, y.float(), reduction="none")
bce.sum().backward()

# (b) Two logits [0, z] per sample + CrossEntropyLoss (int64 class index)
# (b) 每个样本两个 logits [0, z] + CrossEntropyLoss（int64 类别下标）
z2 = z.clone().requires_grad_()
ce = F.cross_entropy(torch.stack([torch.zeros(5), z2], dim=1), y, reduction="none")
ce.sum().backward()
print("BCEWithLogits, loss:   ", bce.detach())
print("CE on [0, z], loss:    ", ce.detach())
print("BCEWithLogits, d/dz:   ", z1.grad)
print("CE on [0, z], d/dz:    ", z2.grad)

# Any two logits [a, b]: softmax gives sigmoid(b - a), so only b - a matters
# 任意两个 logits [a, b]：softmax 给出 sigmoid(b - a)，只有差 b - a 起作用
ab = torch.tensor([[1.0, 3.0], [2.0, -1.0], [10.0, 10.5]], requires_grad=True)
t = torch.tensor([1, 0, 1])
F.cross_entropy(ab, t, reduction="sum").backward()
print("softmax(ab)[:, 1]:     ", torch.softmax(ab, dim=1)[:, 1].detach())
print("sigmoid(b - a):        ", torch.sigmoid(ab[:, 1] - ab[:, 0]).detach())
print("CE grad on [a, b]:     ", ab.grad)  # d/da = -d/db / 两列梯度互为相反数

# Class weights: equal sums, different "mean" / 类别权重：总和相同，"mean" 不同
w = 4.0
sum_bce = F.binary_cross_entropy_with_logits(z, y.float(), pos_weight=torch.tensor(w), reduction="sum")
sum_ce = F.cross_entropy(torch.stack([torch.zeros(5), z], dim=1), y, weight=torch.tensor([1.0, w]),
                         reduction="sum")
mean_bce = F.binary_cross_entropy_with_logits(z, y.float(), pos_weight=torch.tensor(w))
mean_ce = F.cross_entropy(torch.stack([torch.zeros(5), z], dim=1), y, weight=torch.tensor([1.0, w]))
print(f"pos_weight=4 vs weight=[1, 4]: sum {sum_bce:.4f} vs {sum_ce:.4f}, mean {mean_bce:.4f} vs {mean_ce:.4f}")

# Label smoothing eps on two classes = BCE with target y * (1 - eps) + eps / 2
# 两个类别上的标签平滑 eps = 目标为 y * (1 - eps) + eps / 2 的 BCE
eps = 0.1
ls_ce = F.cross_entropy(torch.stack([torch.zeros(5), z], dim=1), y, label_smoothing=eps)
ls_bce = F.binary_cross_entropy_with_logits(z, y.float() * (1 - eps) + eps / 2)
print(f"label_smoothing=0.1: CE {ls_ce:.4f}, BCE with smoothed target {ls_bce:.4f}")
