import torch

out = torch.tensor([0.75, 0.77], requires_grad=True)   # two outputs / 两个输出
t = torch.tensor([0.01, 0.99])                         # targets / 目标

# The hand-written loss drops the 1/2 on the second term (a typo)
# 手写损失时第二项漏掉了 ½（笔误）
loss = 0.5 * (t[0] - out[0]) ** 2 + (t[1] - out[1]) ** 2
loss.backward()

# The hand-derived gradient assumes 1/2 on both terms: dE/dout = -(t - out)
# 手推的梯度按两项都有 ½ 计算
hand = -(t - out.detach())
print("hand-derived:", hand)
print("autograd:    ", out.grad)
print("match:", torch.allclose(hand, out.grad))

# Fixed loss, same hand formula / 改正损失后，同一个手推公式
out.grad = None
(0.5 * ((t - out) ** 2).sum()).backward()
print("fixed, autograd:", out.grad, " match:", torch.allclose(hand, out.grad))
