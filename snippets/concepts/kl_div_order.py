import warnings

import torch
import torch.nn.functional as F
from torch import nn

p = torch.tensor([[0.7, 0.2, 0.1]])      # target distribution / 目标分布
q = torch.tensor([[0.5, 0.3, 0.2]])      # model distribution / 模型分布
print("KL(p || q) by the formula:", (p * (p / q).log()).sum())

kl = nn.KLDivLoss(reduction="batchmean")
# Right: input = log q (log-probabilities), target = p (probabilities)
# 正确：input 是 log q（对数概率），target 是 p（概率）
print("KLDivLoss(q.log(), p):    ", kl(q.log(), p))
print("log_target=True:          ",
      nn.KLDivLoss(reduction="batchmean", log_target=True)(q.log(), p.log()))

# Wrong 1: probabilities as input, no log / 错误一：input 直接传概率
print("KLDivLoss(q, p):          ", kl(q, p))
# Wrong 2: arguments swapped, as in the maths KL(p || q) / 错误二：按数学写法交换参数
print("KLDivLoss(p.log(), q):    ", kl(p.log(), q), " = KL(q || p):", (q * (q / p).log()).sum())

# reduction='mean' (the default) divides by every element, and warns / 默认 'mean' 除以元素总数并警告
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    value = nn.KLDivLoss()(q.log(), p)
print("reduction='mean':         ", value, " = KL / 3")
print(f"{w[0].category.__name__}: {w[0].message}")
