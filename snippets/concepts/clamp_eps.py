import torch

p = torch.tensor([0.0, 1e-9, 1e-3, 0.5], requires_grad=True)

# Trick 1: clamp before log. Safe value, but zero gradient where clamp is active
# 技巧一：先 clamp 再 log。数值安全，但被截断的地方梯度为 0
y = torch.log(p.clamp(min=1e-7))
(g,) = torch.autograd.grad(y.sum(), p)
print("log(clamp(p, 1e-7)):", y.detach())
print("gradient:           ", g)

# Trick 2: add eps. Gradient everywhere, but every value is shifted a little
# 技巧二：加 eps。处处有梯度，但每个值都被改动了一点
y = torch.log(p + 1e-7)
(g,) = torch.autograd.grad(y.sum(), p)
print("log(p + 1e-7):      ", y.detach())
print("gradient:           ", g)
print("exact 1/p:          ", 1 / p.detach())

# Where it matters: a confidently wrong prediction stops learning if its sigmoid is clamped
# 后果：预测自信且错误时，截断后的 sigmoid 不再产生梯度，样本“学不动”
z = torch.tensor([-12.0, -8.0, -4.0], requires_grad=True)   # target is 1 / 目标为 1
eps = 1e-4
loss = -torch.log(torch.sigmoid(z).clamp(min=eps, max=1 - eps))
(g,) = torch.autograd.grad(loss.sum(), z)
print("sigmoid(z):            ", torch.sigmoid(z).detach())
print("clamped loss, gradient:", loss.detach(), g)
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.ones(3), reduction="none")
(g,) = torch.autograd.grad(loss.sum(), z)
print("BCEWithLogits, gradient:", loss.detach(), g)
