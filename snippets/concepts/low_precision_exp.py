import math

import torch

# exp(x) overflows for x > log(max) and reaches 0 a little below log(smallest > 0)
# exp(x) 在 x > log(max) 时上溢，在略低于 log(最小正数) 时下溢为 0
for dtype in [torch.float16, torch.bfloat16, torch.float32]:
    fi = torch.finfo(dtype)
    tiny = fi.smallest_normal * fi.eps          # smallest subnormal / 最小的次正规数
    print(f"{str(dtype):15s} max = {fi.max:.4e}  log(max) = {math.log(fi.max):8.4f}  "
          f"smallest > 0 = {tiny:.4e}  log = {math.log(tiny):9.4f}")

x16 = torch.tensor([-18.0, -10.0, 11.0, 12.0], dtype=torch.float16)
print("float16  exp", x16.tolist(), "->", torch.exp(x16))
xbf = torch.tensor([-100.0, 80.0, 88.0, 89.0], dtype=torch.bfloat16)
print("bfloat16 exp", xbf.tolist(), "->", torch.exp(xbf))

# A naive softmax in float16 breaks at logit 12; the built-in one does not
# float16 中朴素 softmax 在 logit = 12 就坏了，内置的不会
logits = torch.tensor([10.0, 11.0, 12.0], dtype=torch.float16)
print("naive float16 softmax:", torch.exp(logits) / torch.exp(logits).sum())
print("torch.softmax float16:", torch.softmax(logits, dim=0))

# bfloat16 has float32's range but only 8 bits of mantissa / 范围同 float32，精度只有 8 位
print("float16 : 1000 + 0.5 =", (torch.tensor(1000.0, dtype=torch.float16) + 0.5).item())
print("bfloat16: 1000 + 0.5 =", (torch.tensor(1000.0, dtype=torch.bfloat16) + 0.5).item())
print("bfloat16: 256 + 1 =", (torch.tensor(256.0, dtype=torch.bfloat16) + 1).item())
