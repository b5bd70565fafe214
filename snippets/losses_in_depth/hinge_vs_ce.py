import torch
from torch import nn

torch.manual_seed(0)
ce = nn.CrossEntropyLoss()
hinge = nn.MultiMarginLoss(margin=1.0)  # multiclass hinge loss / 多类合页损失

# Logits [m, 0, 0], true class 0: how hard does each loss still push at margin m?
# logits 为 [m, 0, 0]，真实类别 0：间隔为 m 时，两个损失还推多大的力？
print("margin m | CE loss    d/dz0      | hinge loss d/dz0")
for m in [0.0, 0.5, 1.0, 2.0, 5.0, 10.0]:
    row = []
    for loss_fn in (ce, hinge):
        z = torch.tensor([[m, 0.0, 0.0]], requires_grad=True)
        loss = loss_fn(z, torch.tensor([0]))
        loss.backward()
        row.append(f"{loss.item():.4e} {z.grad[0, 0].item():+.4e}")
    print(f"{m:8.1f} | {row[0]} | {row[1]}")

# Training a linear classifier on separable data: CE never stops, hinge does
# 在可分数据上训练线性分类器：CE 一直推，合页损失推够了就停
x = torch.tensor([[2.0, 0.0], [3.0, 1.0], [2.5, -1.0], [-2.0, 0.5], [-3.0, -0.5],
                  [-2.5, 1.5], [0.0, 2.5], [0.5, 3.0], [-0.5, 3.5]])
y = torch.tensor([0, 0, 0, 1, 1, 1, 2, 2, 2])
print("loss  | step  | weight norm | min margin | samples with nonzero gradient")
for name, loss_fn in [("CE", nn.CrossEntropyLoss(reduction="none")),
                      ("hinge", nn.MultiMarginLoss(margin=1.0, reduction="none"))]:
    model = nn.Linear(2, 3)
    nn.init.zeros_(model.weight)
    nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for step in range(1, 1001):
        opt.zero_grad()
        z = model(x)
        z.retain_grad()  # keep d loss / d logits to count active samples / 保留对 logits 的梯度
        loss_fn(z, y).mean().backward()
        opt.step()
        if step in (10, 100, 300, 1000):
            others = z.detach().clone()
            others[torch.arange(9), y] = float("-inf")
            margin = (z.detach()[torch.arange(9), y] - others.max(dim=1).values).min()
            active = (z.grad.abs().sum(dim=1) > 0).sum()
            print(f"{name:5s} | {step:5d} | {model.weight.norm():11.4f} | {margin:10.4f} | {active}")
