import torch
from torch import nn

torch.manual_seed(0)
loss_fn = nn.BCEWithLogitsLoss()

# A model whose forward ends with nn.Sigmoid, trained with BCEWithLogitsLoss:
# the loss applies a second sigmoid / forward 以 nn.Sigmoid 结尾，又用 BCEWithLogitsLoss：sigmoid 做了两次
print("target | logit z | right: loss   d/dz       | wrong: loss   d/dz")
for y, logits in [(1.0, [0.0, 2.0, 5.0, 10.0]), (0.0, [0.0, -2.0, -5.0, -10.0])]:
    for z0 in logits:  # more and more right / 越来越正确
        row = []
        for wrong in (False, True):
            z = torch.tensor([z0], requires_grad=True)
            loss = loss_fn(torch.sigmoid(z) if wrong else z, torch.tensor([y]))
            loss.backward()
            row.append(f"{loss.item():.4f} {z.grad.item():+.3e}")
        print(f"{y:6.0f} | {z0:7.1f} | {row[0]:23s} | {row[1]}")

# sigmoid(z) lies in (0, 1), so the second sigmoid stays in (0.5, 0.7311): the loss has a floor
# sigmoid(z) 在 (0, 1) 内，第二次 sigmoid 只能在 (0.5, 0.7311) 内：损失有下限
one = torch.tensor(1.0)
print(f"floor for y=1: -log sigmoid(1) = {-torch.sigmoid(one).log():.4f}")
print(f"floor for y=0: -log(1 - sigmoid(0)) = {-torch.log(1 - torch.sigmoid(torch.tensor(0.0))):.4f}")
