import torch
import torch.nn.functional as F

# Two "runs" without a fixed seed draw different numbers. To show it and still
# print the same thing every time, each run gets its own generator, seeded 1 and 2.
# 不固定种子的两次运行会得到不同的随机数。为了让本页输出可复现，这里用种子 1 和 2
# 的两个生成器分别代表两次运行。
def run(gen):
    x = torch.randn(200, 5, generator=gen)                  # data / 数据
    y = (x[:, 0] + 0.5 * torch.randn(200, generator=gen) > 0).float()
    w = torch.randn(5, generator=gen).requires_grad_()      # initial weights / 初始权重
    for _ in range(20):
        loss = F.binary_cross_entropy_with_logits(x @ w, y)
        (g,) = torch.autograd.grad(loss, w)
        with torch.no_grad():
            w -= 0.5 * g
    acc = ((x @ w > 0).float() == y).float().mean()
    return f"final loss {loss.item():.4f}, accuracy {acc.item():.4f}"


print("run A (generator seeded 1):", run(torch.Generator().manual_seed(1)))
print("run B (generator seeded 2):", run(torch.Generator().manual_seed(2)))
print("run A again, same seed:    ", run(torch.Generator().manual_seed(1)))
