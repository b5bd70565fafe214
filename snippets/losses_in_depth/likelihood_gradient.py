import torch
import torch.nn.functional as F
from torch.distributions import Laplace, Normal

torch.manual_seed(0)

# Softmax + cross-entropy: d(-log p_y)/dz = softmax(z) - one_hot(y)
# Softmax + 交叉熵：对 logits 的梯度是 softmax(z) - one_hot(y)
z = torch.tensor([[2.0, 0.5, -1.0], [0.0, 1.0, 3.0]], requires_grad=True)
y = torch.tensor([0, 1])
F.cross_entropy(z, y, reduction="sum").backward()
print("CE, autograd:                 ", z.grad)
print("CE, softmax(z) - one_hot(y):  ", torch.softmax(z, dim=1).detach() - F.one_hot(y, 3))

# Sigmoid + BCE: d/ds = sigmoid(s) - t / Sigmoid + BCE：梯度是 sigmoid(s) - t
s = torch.tensor([1.5, -0.5, 3.0], requires_grad=True)
t = torch.tensor([1.0, 0.0, 0.0])
F.binary_cross_entropy_with_logits(s, t, reduction="sum").backward()
print("BCE, autograd:                ", s.grad)
print("BCE, sigmoid(s) - t:          ", torch.sigmoid(s).detach() - t)

# Gaussian (variance 1) and Laplace (scale 1) negative log-likelihoods of the target
# 高斯（方差 1）和拉普拉斯（尺度 1）分布下目标的负对数似然
target = torch.tensor([1.0, 0.0, -1.5, 2.0])
for name, dist, formula, expected in [("Gaussian", Normal, "pred - target", lambda e: e),
                                     ("Laplace", Laplace, "sign(pred - target)", torch.sign)]:
    pred = torch.tensor([0.5, 2.0, -1.0, 3.0], requires_grad=True)
    (-dist(pred, 1.0).log_prob(target)).sum().backward()
    print(f"{name + ', autograd:':30s}", pred.grad)
    print(f"{name + ', ' + formula + ':':30s}", expected(pred.detach() - target))
