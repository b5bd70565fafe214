import torch

w = torch.tensor(0.0, requires_grad=True)      # one weight, starts at 0 / 一个权重
x, y = torch.tensor(2.0), torch.tensor(6.0)    # input and target: best w is 3 / 最优 w = 3
for step in range(6):
    loss = (w * x - y) ** 2                    # the gap, squared / 差距的平方
    loss.backward()                            # dloss/dw = 2 (wx - y) x
    print(f"step {step}: w = {w.item():.4f}, prediction = {(w * x).item():.4f}, "
          f"loss = {loss.item():.4f}, grad = {w.grad.item():.4f}")
    with torch.no_grad():
        w -= 0.1 * w.grad                      # gradient descent, lr = 0.1 / 梯度下降
    w.grad = None
