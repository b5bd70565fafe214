import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(512, 256)


def run(act, init):
    # 10 layers of width 256 / 10 层、每层 256 宽
    h, stds = x, []
    for _ in range(10):
        layer = nn.Linear(256, 256)
        init(layer.weight)
        nn.init.zeros_(layer.bias)
        h = act(layer(h))
        stds.append(h.std().item())
    return stds, h


def normal(w):
    nn.init.normal_(w, std=1.0)


def default(w):  # what nn.Linear does by default / nn.Linear 的默认初始化
    nn.init.kaiming_uniform_(w, a=5 ** 0.5)


def xavier(w):
    nn.init.xavier_normal_(w, gain=nn.init.calculate_gain("tanh"))


def kaiming(w):
    nn.init.kaiming_normal_(w, nonlinearity="relu")


print("activation std after layer:  1          5          10")
for name, act, init in [("tanh, N(0, 1)", torch.tanh, normal), ("tanh, default", torch.tanh, default),
                        ("tanh, Xavier", torch.tanh, xavier), ("relu, N(0, 1)", torch.relu, normal),
                        ("relu, default", torch.relu, default), ("relu, Kaiming", torch.relu, kaiming)]:
    stds, h = run(act, init)
    line = f"{name:28s}" + " ".join(f"{stds[i]:<10.4g}" for i in (0, 4, 9))
    if act is torch.tanh:  # share of saturated units at layer 10 / 第 10 层饱和单元的比例
        line += f"   |h| > 0.99: {(h.abs() > 0.99).float().mean().item():.4f}"
    print(line.rstrip())
