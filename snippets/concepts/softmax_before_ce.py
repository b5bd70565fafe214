import torch
import torch.nn.functional as F
from torch import nn

# 1) What CrossEntropyLoss sees / 交叉熵看到的是什么
logits = torch.tensor([[4.0, -4.0, -4.0],        # confident and right / 自信且正确
                       [0.5, 0.2, -0.3]], requires_grad=True)
target = torch.tensor([0, 2])
right = F.cross_entropy(logits, target, reduction="none")
wrong = F.cross_entropy(F.softmax(logits, dim=1), target, reduction="none")
print("CE(logits):         ", right.detach())
print("CE(softmax(logits)):", wrong.detach())
print("floor of the wrong loss for 3 classes, log(1 + 2/e):", round(torch.log1p(torch.tensor(2 / torch.e)).item(), 4))

# 2) The gradient reaching the logits shrinks / 传到 logits 的梯度变小
(g_right,) = torch.autograd.grad(right.sum(), logits)
(g_wrong,) = torch.autograd.grad(wrong.sum(), logits)
print("grad, right:", g_right[1])
print("grad, wrong:", g_wrong[1])
print("norm ratio wrong / right:", round((g_wrong[1].norm() / g_right[1].norm()).item(), 4))

# 3) Training: same data, same initial weights / 训练：同样的数据和初始权重
# float64: CPUs round float32 differently, and 150 steps can grow that into the printed
# digits (see the experiments chapter's introduction)
# float64：不同 CPU 对 float32 的舍入不同，150 步训练可能把差异放大到打印出的数字（见“实验”一章的引言）
f64 = torch.float64
torch.manual_seed(0)
centers = torch.tensor([[0.0, 2.0], [-1.7, -1.0], [1.7, -1.0]], dtype=f64)
y = torch.arange(3).repeat_interleave(100)          # 300 points, 3 classes / 300 个点，3 类
x = centers[y] + torch.randn(300, 2, dtype=f64)


def train(softmax_first, epochs=150):
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 3)).to(f64)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    true_ce, own_loss = [], []
    for _ in range(epochs):
        z = model(x)
        loss = F.cross_entropy(F.softmax(z, dim=1) if softmax_first else z, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        own_loss.append(loss.item())                          # what the code reports / 代码报告的损失
        true_ce.append(F.cross_entropy(z.detach(), y).item())  # CE of its real prediction / 真实交叉熵
    with torch.no_grad():
        acc = (model(x).argmax(dim=1) == y).to(f64).mean().item()
    return true_ce, own_loss, acc


runs = {"right": train(False), "softmax first": train(True)}
for name, (true_ce, own_loss, acc) in runs.items():
    print(f"{name:13s} true CE at epoch 10/50/150: "
          f"{true_ce[9]:.4f} {true_ce[49]:.4f} {true_ce[-1]:.4f}, accuracy {acc:.4f}")
print("loss reported by the softmax-first code at epoch 150:", round(runs["softmax first"][1][-1], 4))


def figure_training(lang="zh"):
    import matplotlib.pyplot as plt

    t = {"zh": ("迭代周期", "训练集交叉熵", "正确：CE(logits)", "错误：CE(softmax(logits))",
                "错误写法自己报告的损失", "下限 log(1 + 2/e)"),
         "en": ("epoch", "training cross-entropy", "right: CE(logits)", "wrong: CE(softmax(logits))",
                "loss reported by the wrong code", "floor log(1 + 2/e)")}[lang]
    fig, ax = plt.subplots()
    epochs = range(1, len(runs["right"][0]) + 1)
    ax.plot(epochs, runs["right"][0], label=t[2])
    ax.plot(epochs, runs["softmax first"][0], label=t[3])
    ax.plot(epochs, runs["softmax first"][1], linestyle="--", label=t[4])
    ax.axhline(torch.log1p(torch.tensor(2 / torch.e)).item(), linestyle=":", label=t[5])
    ax.set_xlabel(t[0])
    ax.set_ylabel(t[1])
    ax.legend()
    return fig
