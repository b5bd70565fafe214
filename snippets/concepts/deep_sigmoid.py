import torch
from torch import nn

torch.manual_seed(0)
x, y = torch.randn(64, 32), torch.randn(64, 1)

# 10 Linear layers of width 32, same initial weights, different activations
# 10 个宽 32 的线性层，初始权重相同，只换激活函数
torch.manual_seed(1)
linears = [nn.Linear(32, 32) for _ in range(9)] + [nn.Linear(32, 1)]
state = [layer.state_dict() for layer in linears]

print("weight-gradient norm of layer:   1          4          7          10")
for act in [nn.Sigmoid, nn.Tanh, nn.ReLU]:
    for layer, s in zip(linears, state):
        layer.load_state_dict(s)
        layer.zero_grad()
    parts = []
    for layer in linears[:-1]:
        parts += [layer, act()]
    net = nn.Sequential(*parts, linears[-1])
    nn.MSELoss()(net(x), y).backward()
    norms = [linears[i].weight.grad.norm().item() for i in (0, 3, 6, 9)]
    print(f"{act.__name__:31s}" + " ".join(f"{n:<10.3e}" for n in norms).rstrip())
