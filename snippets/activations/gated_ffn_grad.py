import math

import torch
import torch.nn.functional as F

# Gated unit h = act(u) * v with u = x W (gate) and v = x V (linear branch)
# 门控单元 h = act(u) * v，其中 u = x W（门），v = x V（线性分支）
u = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0], requires_grad=True)
v = torch.full((5,), 1.5, requires_grad=True)

ud = u.detach()
s = torch.sigmoid(ud)
Phi = 0.5 * (1 + torch.erf(ud / math.sqrt(2)))  # standard normal CDF / 标准正态分布函数
phi = torch.exp(-ud**2 / 2) / math.sqrt(2 * math.pi)  # its density / 密度
derivative = {
    "SwiGLU": (F.silu, s * (1 + ud * (1 - s))),  # SiLU'(u)
    "GeGLU": (F.gelu, Phi + ud * phi),  # GELU'(u), exact GELU
    "ReGLU": (F.relu, (ud > 0).float()),  # ReLU'(u), 0 at u = 0
}
print("u:", ud, "| v = 1.5")
for name, (act, act_prime) in derivative.items():
    du, dv = torch.autograd.grad((act(u) * v).sum(), (u, v))
    print(f"{name:>6}: dh/du autograd   ", du)
    print(f"{name:>6}: act'(u) * v      ", act_prime * 1.5)
    print(f"{name:>6}: dh/dv == act(u): ", torch.allclose(dv, act(ud)))
