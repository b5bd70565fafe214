import torch
import torch.nn.functional as F

# Naive softmax: exp overflows float32 above about 88.7
# 朴素 softmax：float32 中 exp 的输入超过约 88.7 就上溢
print("exp(88), exp(89):", torch.exp(torch.tensor([88.0, 89.0])))

x = torch.tensor([1000.0, 1001.0, 1002.0])
e = torch.exp(x)
print("exp(x):         ", e)
print("naive softmax:  ", e / e.sum())  # inf / inf = nan

# Very negative logits underflow instead: 0 / 0 = nan
# 很负的 logits 则下溢：0 / 0 = nan
e_neg = torch.exp(-x)
print("naive, -x:      ", e_neg / e_neg.sum())

# Subtracting the max changes nothing mathematically, and the largest exponent is 0
# 减去最大值在数学上不改变结果，且最大的指数变成 0
shifted = x - x.max()
print("x - max(x):     ", shifted)
print("shifted softmax:", torch.exp(shifted) / torch.exp(shifted).sum())
print("F.softmax(x):   ", F.softmax(x, dim=0))
print("F.softmax(-x):  ", F.softmax(-x, dim=0))

# Invariance: softmax(z + c) == softmax(z) for any constant c
# 平移不变：对任意常数 c，softmax(z + c) == softmax(z)
z = torch.tensor([1.0, 2.0, 3.0])
for c in (0.0, -3.0, 100.0):
    print(f"c = {c:>6}:", F.softmax(z + c, dim=0))
