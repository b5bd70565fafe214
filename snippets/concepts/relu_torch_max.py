import torch

x = torch.tensor([-2.0, -0.5, 0.0, 1.5])

# Wrong: torch.max(0, x) has no overload for (int, Tensor) / 错误：没有 (int, Tensor) 的重载
try:
    torch.max(0, x)
except TypeError as e:
    print("TypeError:", str(e).splitlines()[0])

# Also wrong, but silent: torch.max(x, 0) is the maximum ALONG dim 0
# 同样错误但不报错：torch.max(x, 0) 是沿第 0 维求最大值
print(torch.max(x, 0))

# Right / 正确
print("torch.relu(x):            ", torch.relu(x))
print("x.clamp(min=0):           ", x.clamp(min=0))
print("torch.maximum(x, zeros):  ", torch.maximum(x, torch.zeros_like(x)))
