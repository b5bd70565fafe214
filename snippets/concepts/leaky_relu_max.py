import torch
import torch.nn.functional as F

x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0], requires_grad=True)

# The shortcut max(x, a*x) versus the real LeakyReLU / 捷径写法与真正的 LeakyReLU
for a in [0.01, 0.2, 2.0, -0.5]:
    shortcut = torch.max(x, a * x)        # elementwise max of two tensors / 两个张量逐元素取大
    leaky = F.leaky_relu(x, negative_slope=a)
    print(f"a = {a:5}: max(x, a*x) = {shortcut.detach()}")
    print(f"           leaky_relu  = {leaky.detach()}   same: {torch.equal(shortcut, leaky)}")

# At x = 0 the two tensors tie and max splits the gradient / 在 x = 0 处两者相等，max 把梯度平分
(g_max,) = torch.autograd.grad(torch.max(x, 0.01 * x).sum(), x)
(g_leaky,) = torch.autograd.grad(F.leaky_relu(x, 0.01).sum(), x)
print("gradient of max(x, 0.01x):", g_max)
print("gradient of leaky_relu:   ", g_leaky)
