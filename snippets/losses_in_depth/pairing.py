import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3)
target = torch.tensor([0, 2, 1, 0])

# Softmax <-> CrossEntropyLoss: logits in; CrossEntropyLoss = LogSoftmax + NLLLoss
# CrossEntropyLoss 吃 logits，它等于 LogSoftmax + NLLLoss
ce = nn.CrossEntropyLoss()(logits, target)
nll = nn.NLLLoss()(F.log_softmax(logits, dim=1), target)
print(f"CrossEntropyLoss(logits):          {ce:.4f}")
print(f"NLLLoss(log_softmax(logits)):      {nll:.4f}")

# Sigmoid <-> BCE: BCEWithLogitsLoss(z) == BCELoss(sigmoid(z)) for moderate z
# 中等大小的 z 上两者相等
z = torch.tensor([-3.0, -0.5, 0.0, 1.0, 3.0])
y = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0])
print(f"BCEWithLogitsLoss(z):              {nn.BCEWithLogitsLoss()(z, y):.4f}")
print(f"BCELoss(sigmoid(z)):               {nn.BCELoss()(torch.sigmoid(z), y):.4f}")
# ...but not for extreme z: sigmoid(20) rounds to 1.0 and BCELoss clamps log at -100
# 极端的 z 上不相等：sigmoid(20) 舍入成 1.0，BCELoss 把 log 截断在 -100
z_big, y0 = torch.tensor([20.0]), torch.tensor([0.0])
print(f"z = 20, y = 0: BCEWithLogitsLoss:  {nn.BCEWithLogitsLoss()(z_big, y0):.4f}")
print(f"z = 20, y = 0: BCELoss(sigmoid):   {nn.BCELoss()(torch.sigmoid(z_big), y0):.4f}")

# Multilabel: one logit per label, multi-hot float targets / 多标签：每个标签一个 logit
z_ml = torch.randn(2, 4)
y_ml = torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
per_label = torch.stack([F.binary_cross_entropy_with_logits(z_ml[:, k], y_ml[:, k]) for k in range(4)])
print(f"multilabel BCEWithLogitsLoss:      {nn.BCEWithLogitsLoss()(z_ml, y_ml):.4f}")
print(f"mean of 4 per-label binary losses: {per_label.mean():.4f}")

# WRONG: softmax, then CrossEntropyLoss (softmax applied twice)
# 错误：先 softmax 再 CrossEntropyLoss（相当于 softmax 了两次）
print("logits           | loss right | loss wrong | grad right | grad wrong")
for row in [[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 12.0, 0.0], [50.0, 0.0, 0.0]]:
    z3 = torch.tensor([row], requires_grad=True)
    right = F.cross_entropy(z3, torch.tensor([0]))
    wrong = F.cross_entropy(torch.softmax(z3, dim=1), torch.tensor([0]))
    (g_right,) = torch.autograd.grad(right, z3)
    (g_wrong,) = torch.autograd.grad(wrong, z3)
    print(f"{str(row):16s} | {right:10.4f} | {wrong:10.4f} | {g_right.norm():10.3e} | {g_wrong.norm():10.3e}")
# softmax outputs lie in [0, 1], so the wrong loss is stuck between two bounds (3 classes)
# softmax 的输出在 [0, 1] 内，错误用法的损失被夹在两个界之间（3 个类别）
e = torch.exp(torch.tensor(1.0))
print(f"bounds of the wrong loss: log(1 + 2/e) = {torch.log(1 + 2 / e):.4f}, log(e + 2) = {torch.log(e + 2):.4f}")

# WRONG: NLLLoss on raw logits (no log_softmax): the "loss" is just -z[target]
# 错误：NLLLoss 直接吃 logits，“损失”只是 -z[target]，可以是负数
print(f"NLLLoss(raw logits):               {nn.NLLLoss()(logits, target):.4f}")
print(f"-mean(logits[target]):             {-logits[torch.arange(4), target].mean():.4f}")

# WRONG: sigmoid, then BCEWithLogitsLoss (sigmoid applied twice): the loss never reaches 0
# 错误：先 sigmoid 再 BCEWithLogitsLoss：损失永远到不了 0
print(f"y = 1, z = 50: BCEWithLogitsLoss(sigmoid(z)) = {nn.BCEWithLogitsLoss()(torch.sigmoid(torch.tensor([50.0])), torch.tensor([1.0])):.4f}")
print(f"-log(sigmoid(1)) = {-F.logsigmoid(torch.tensor(1.0)):.4f}")
