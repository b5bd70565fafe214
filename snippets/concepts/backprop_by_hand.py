import math

import torch

# The classic 2-2-2 network / 经典的 2-2-2 网络
i1, i2 = 0.05, 0.10                                  # inputs / 输入
w1, w2, w3, w4 = 0.15, 0.20, 0.25, 0.30              # input -> hidden / 输入层 -> 隐藏层
w5, w6, w7, w8 = 0.40, 0.45, 0.50, 0.55              # hidden -> output / 隐藏层 -> 输出层
b1, b2 = 0.35, 0.60                                  # one bias per layer / 每层一个偏置
t1, t2 = 0.01, 0.99                                  # targets / 目标


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


# Forward pass, by hand / 手算前向传播
net_h1 = w1 * i1 + w2 * i2 + b1
net_h2 = w3 * i1 + w4 * i2 + b1
out_h1, out_h2 = sigmoid(net_h1), sigmoid(net_h2)
net_o1 = w5 * out_h1 + w6 * out_h2 + b2
net_o2 = w7 * out_h1 + w8 * out_h2 + b2
out_o1, out_o2 = sigmoid(net_o1), sigmoid(net_o2)
E = 0.5 * (t1 - out_o1) ** 2 + 0.5 * (t2 - out_o2) ** 2
print(f"net_h1 = {net_h1:.9f}   out_h1 = {out_h1:.9f}")
print(f"net_h2 = {net_h2:.9f}   out_h2 = {out_h2:.9f}")
print(f"net_o1 = {net_o1:.9f}   out_o1 = {out_o1:.9f}")
print(f"net_o2 = {net_o2:.9f}   out_o2 = {out_o2:.9f}")
print(f"E = 1/2 * sum (target - out)^2 = {E:.9f}")

# Backward pass, by hand: the chain rule, no autograd / 手算反向传播：只用链式法则
# output layer: delta_o = dE/dout_o * dout_o/dnet_o / 输出层的 delta
d_o1 = -(t1 - out_o1) * out_o1 * (1 - out_o1)
d_o2 = -(t2 - out_o2) * out_o2 * (1 - out_o2)
# hidden layer: sum what flows back from both outputs / 隐藏层：汇总两个输出传回的量
d_h1 = (d_o1 * w5 + d_o2 * w7) * out_h1 * (1 - out_h1)
d_h2 = (d_o1 * w6 + d_o2 * w8) * out_h2 * (1 - out_h2)
hand = {
    "w1": d_h1 * i1, "w2": d_h1 * i2, "w3": d_h2 * i1, "w4": d_h2 * i2,
    "w5": d_o1 * out_h1, "w6": d_o1 * out_h2, "w7": d_o2 * out_h1, "w8": d_o2 * out_h2,
    "b1": d_h1 + d_h2,  # b1 is shared by h1 and h2 / b1 由 h1、h2 共用
    "b2": d_o1 + d_o2,  # b2 is shared by o1 and o2 / b2 由 o1、o2 共用
}

# The same network with autograd (float64, like Python floats) / 同一网络交给自动求导
values = dict(w1=w1, w2=w2, w3=w3, w4=w4, w5=w5, w6=w6, w7=w7, w8=w8, b1=b1, b2=b2)
p = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in values.items()}
x1, x2 = torch.tensor(i1, dtype=torch.float64), torch.tensor(i2, dtype=torch.float64)
h1 = torch.sigmoid(p["w1"] * x1 + p["w2"] * x2 + p["b1"])
h2 = torch.sigmoid(p["w3"] * x1 + p["w4"] * x2 + p["b1"])
o1 = torch.sigmoid(p["w5"] * h1 + p["w6"] * h2 + p["b2"])
o2 = torch.sigmoid(p["w7"] * h1 + p["w8"] * h2 + p["b2"])
loss = 0.5 * (t1 - o1) ** 2 + 0.5 * (t2 - o2) ** 2
loss.backward()
print(f"autograd loss = {loss.item():.9f}")

print("param   by hand        autograd")
for k in hand:
    print(f"{k:5s} {hand[k]:14.9f} {p[k].grad.item():14.9f}")
worst = max(abs(hand[k] - p[k].grad.item()) for k in hand)
print("max |hand - autograd| < 1e-12:", worst < 1e-12)

# Loss convention: E = 1/2 * sum vs nn.MSELoss() = mean / 损失约定：½·求和 与 MSELoss 的平均
out = torch.tensor([out_o1, out_o2], dtype=torch.float64)
target = torch.tensor([t1, t2], dtype=torch.float64)
mse_mean = torch.nn.MSELoss()(out, target).item()
mse_sum = torch.nn.MSELoss(reduction="sum")(out, target).item()
n = out.numel()
print(f"n_outputs = {n}, MSELoss() = {mse_mean:.9f}, MSELoss(sum) = {mse_sum:.9f}")
print(f"MSELoss() / E = {mse_mean / E:.6f}   (2 / n_outputs = {2 / n:.6f})")
print(f"MSELoss(sum) / E = {mse_sum / E:.6f}")
