import torch
import torch.nn.functional as F
from torch.autograd.functional import jacobian

z = torch.tensor([1.0, 2.0, 0.5])
p = F.softmax(z, dim=0)
print("p:", p)

# Jacobian dp_i/dz_j from autograd vs the closed form diag(p) - p p^T
# 自动求导得到的雅可比矩阵与闭式 diag(p) - p pᵀ 对比
J_auto = jacobian(lambda t: F.softmax(t, dim=0), z)
J_formula = torch.diag(p) - torch.outer(p, p)
print("autograd jacobian:")
print(J_auto)
print("diag(p) - p p^T:")
print(J_formula)
print("allclose:", torch.allclose(J_auto, J_formula, atol=1e-7))

# Properties: symmetric, every row sums to 0 (adding c to all z changes nothing)
# 性质：对称；每行和为 0（所有 z 加同一个常数不改变结果）
print("symmetric:", torch.allclose(J_formula, J_formula.T))
print("row sums ~ 0:", bool((J_formula.sum(dim=1).abs() < 1e-6).all()))

# backward() never builds J: for an upstream gradient g it returns
# J^T g = p * (g - (g . p))
# backward() 并不构造 J：给定上游梯度 g，它直接返回 p * (g - g·p)
zr = z.clone().requires_grad_()
g = torch.tensor([1.0, -1.0, 0.0])
F.softmax(zr, dim=0).backward(g)
print("autograd J^T g:   ", zr.grad)
print("p * (g - g.p):    ", p * (g - (g * p).sum()))
