import warnings

import torch
from torch import nn

# 2 samples x 3 outputs, so 6 elements / 2 个样本 × 3 个输出，共 6 个元素
x = torch.tensor([[1.0, 2.0, 3.0],
                  [4.0, 5.0, 6.0]])
y = torch.tensor([[1.5, 2.0, 2.0],
                  [4.0, 3.0, 6.0]])

for reduction in ["none", "mean", "sum"]:
    print(f"reduction={reduction!r}:")
    print(nn.L1Loss(reduction=reduction)(x, y))

# 'mean' divides by the number of elements, not by the batch size
# 'mean' 除以元素个数，而不是批量大小
per_element = nn.L1Loss(reduction="none")(x, y)
print("sum / numel:", per_element.sum() / per_element.numel(), "numel =", per_element.numel())
print("sum / N:    ", per_element.sum() / x.shape[0], "N =", x.shape[0])

# A wrong string fails at call time / 拼错的字符串在调用时才报错
loss = nn.L1Loss(reduction="avg")
try:
    loss(x, y)
except ValueError as e:
    print("ValueError:", e)

# The old flags still work but warn / 旧参数仍可用，但会发出警告
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    old = nn.L1Loss(size_average=False)
print("UserWarning:", w[0].message)
print("old.reduction =", repr(old.reduction))
