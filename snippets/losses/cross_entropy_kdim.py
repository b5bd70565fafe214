import torch
from torch import nn

torch.manual_seed(0)
N, C, H, W = 2, 3, 4, 4
x = torch.randn(N, C, H, W)          # logits per pixel, class dim is dim 1 / 每个像素的 logits，类别在第 1 维
y = torch.randint(0, C, (N, H, W))   # one class index per pixel / 每个像素一个类别索引
y[:, 0, :] = -100                    # e.g. an unlabeled border row / 例如未标注的边缘行

loss = nn.CrossEntropyLoss()
print("output shape with reduction='none':", tuple(nn.CrossEntropyLoss(reduction="none")(x, y).shape))
print("(N, C, H, W) loss:   ", loss(x, y))

# Same as treating every pixel as a sample: move C last, then flatten
# 等价于把每个像素当作一个样本：先把 C 移到最后，再展平
flat_x = x.permute(0, 2, 3, 1).reshape(-1, C)  # (N*H*W, C)
print("flattened pixels:    ", loss(flat_x, y.reshape(-1)))
print("mean over labeled pixels only:", (y != -100).sum().item(), "of", y.numel())

# .view() cannot flatten the permuted (non-contiguous) tensor / .view() 不能展平非连续张量
try:
    x.permute(0, 2, 3, 1).view(-1, C)
except RuntimeError as e:
    print("RuntimeError:", str(e).split(".")[0])

# Channels-last logits (N, H, W, C) are read with H as the class dim
# 通道在最后的 logits (N, H, W, C) 会把 H 当作类别维
try:
    loss(x.permute(0, 2, 3, 1), y)
except RuntimeError as e:
    print("RuntimeError:", e)
