import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
x, y = torch.randn(16, 4), 100 * torch.randn(16, 1)     # large targets, large gradients / 目标大，梯度大
nn.MSELoss()(model(x), y).backward()


def grad_norm(params):  # the L2 norm of all gradients as one vector / 所有梯度拼成一个向量的 L2 范数
    return torch.cat([p.grad.flatten() for p in params]).norm()


params = list(model.parameters())
before = [p.grad.clone() for p in params]
print("total norm before:", grad_norm(params))

# Returns the total norm measured BEFORE clipping, then rescales in place
# 返回的是裁剪之前的总范数，然后原地缩放梯度
returned = nn.utils.clip_grad_norm_(params, max_norm=1.0)
print("clip_grad_norm_ returned:", returned)
print("total norm after: ", grad_norm(params))
ratios = torch.stack([(p.grad / b).flatten()[0] for p, b in zip(params, before)])
print("after / before, per parameter:", ratios)    # one common factor: direction kept / 方向不变

# clip_grad_value_ clips each element instead, which changes the direction
# clip_grad_value_ 逐元素截断，会改变方向
for p, b in zip(params, before):
    p.grad.copy_(b)
nn.utils.clip_grad_value_(params, clip_value=1.0)
print("after clip_grad_value_: norm", grad_norm(params), " max |g|", max(p.grad.abs().max() for p in params))
cos = torch.nn.functional.cosine_similarity(
    torch.cat([p.grad.flatten() for p in params]), torch.cat([b.flatten() for b in before]), dim=0)
print("cosine with the original direction:", cos)
