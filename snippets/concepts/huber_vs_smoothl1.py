import torch
from torch import nn

pred = torch.tensor([0.0, 0.0, 0.0, 0.0])
target = torch.tensor([0.1, 0.5, 2.0, 5.0])    # small and large errors / 小误差和大误差
torch.set_printoptions(sci_mode=False)

for d in [1.0, 0.5, 2.0]:
    huber = nn.HuberLoss(delta=d, reduction="none")(pred, target)
    smooth = nn.SmoothL1Loss(beta=d, reduction="none")(pred, target)
    print(f"delta = beta = {d}")
    print("  HuberLoss(delta):           ", huber)
    print("  SmoothL1Loss(beta):         ", smooth)
    print("  delta * SmoothL1Loss(beta): ", d * smooth, " equal:", torch.allclose(huber, d * smooth))

# For large errors: Huber grows with slope delta, SmoothL1 with slope 1
# 大误差处 Huber 的斜率是 delta，SmoothL1 的斜率是 1
e = torch.tensor([5.0], requires_grad=True)
(gh,) = torch.autograd.grad(nn.HuberLoss(delta=2.0)(e, torch.zeros(1)), e)
(gs,) = torch.autograd.grad(nn.SmoothL1Loss(beta=2.0)(e, torch.zeros(1)), e)
print("slope at error 5, delta = beta = 2: Huber", gh, " SmoothL1", gs)
