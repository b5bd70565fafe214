import torch

x = torch.tensor([-4.0, -1.0, 0.0, 1.0, 4.0], requires_grad=True)
s = torch.sigmoid(x)                      # the activation, already computed / 已算好的激活值

# Wrong: apply sigmoid again to the activated value / 错误：对激活值再套一次 sigmoid
wrong = torch.sigmoid(s) * (1 - torch.sigmoid(s))
# Right: sigma'(x) = s * (1 - s), using s itself / 正确：直接用 s
right = s * (1 - s)
(auto,) = torch.autograd.grad(s.sum(), x)
print("s:           ", s.detach())
print("wrong s'(x): ", wrong.detach())
print("right s(1-s):", right.detach())
print("autograd:    ", auto)
