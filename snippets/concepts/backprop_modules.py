import torch
from torch import nn

x = torch.tensor([[0.05, 0.10]])        # one sample, shape (1, 2) / 一个样本
target = torch.tensor([[0.01, 0.99]])


def set_classic_weights(hidden, output):
    # nn.Linear computes x @ W.T + b: row j of W feeds unit j / 第 j 行对应第 j 个单元
    with torch.no_grad():
        hidden.weight.copy_(torch.tensor([[0.15, 0.20], [0.25, 0.30]]))
        hidden.bias.fill_(0.35)
        output.weight.copy_(torch.tensor([[0.40, 0.45], [0.50, 0.55]]))
        output.bias.fill_(0.60)


# Version 1: nn.Sequential / 写法一：nn.Sequential
seq = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 2), nn.Sigmoid())
set_classic_weights(seq[0], seq[2])


# Version 2: a custom nn.Module that keeps the hidden activations / 写法二：自定义模块
class TwoTwoTwo(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 2)
        self.output = nn.Linear(2, 2)

    def forward(self, x):
        self.h = torch.sigmoid(self.hidden(x))   # kept for retain_grad / 留给 retain_grad
        self.h.retain_grad()                     # keep .grad of a non-leaf / 保留非叶子的梯度
        return torch.sigmoid(self.output(self.h))


net = TwoTwoTwo()
set_classic_weights(net.hidden, net.output)

# nn.MSELoss() takes the mean over the 2 outputs, which equals 1/2 * sum here
# MSELoss 对 2 个输出取平均，这里正好等于 ½·求和
loss_fn = nn.MSELoss()
loss_seq = loss_fn(seq(x), target)
loss_net = loss_fn(net(x), target)
loss_seq.backward()
loss_net.backward()
print("loss:", round(loss_seq.item(), 6), round(loss_net.item(), 6))

torch.set_printoptions(precision=6)
for (name, a), b in zip(seq.named_parameters(), net.parameters()):
    print(f"{name:8s} grad:", a.grad.flatten(), " same in the class:", torch.allclose(a.grad, b.grad))
print("bias grads summed per layer:", seq[0].bias.grad.sum(), seq[2].bias.grad.sum())

# retain_grad(): dE/d(out_h1), dE/d(out_h2) / 隐藏层激活值的梯度
print("hidden activations:", net.h.detach())
print("their gradient:    ", net.h.grad)

# One SGD step the usual way: zero_grad, forward, loss, backward, step
# 标准的一步：清零、前向、求损失、反向、更新
opt = torch.optim.SGD(seq.parameters(), lr=0.5)
opt.zero_grad()
loss = loss_fn(seq(x), target)
loss.backward()
opt.step()
print("after one step:", round(loss_fn(seq(x), target).item(), 6))


def figure_graph(lang="zh"):
    import matplotlib.pyplot as plt

    # Walk the real autograd graph from the loss / 从损失出发遍历真实的计算图
    fresh = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 2), nn.Sigmoid())
    set_classic_weights(fresh[0], fresh[2])
    root = nn.MSELoss()(fresh(x), target).grad_fn
    names = {id(p): n for n, p in fresh.named_parameters()}
    depth, edges, order = {root: 0}, [], [root]
    for fn in order:                              # breadth-first / 广度优先
        for child, _ in fn.next_functions:
            if child is None:                     # x and target need no gradient
                continue
            edges.append((fn, child))
            if child not in depth:
                order.append(child)
            depth[child] = max(depth.get(child, 0), depth[fn] + 1)

    def label(fn):
        name = type(fn).__name__
        if hasattr(fn, "variable"):               # a leaf: AccumulateGrad
            name += f"\n({names[id(fn.variable)]})"
        return name

    levels = {}
    for fn in order:
        levels.setdefault(depth[fn], []).append(fn)
    pos = {}
    for d, fns in levels.items():
        for i, fn in enumerate(fns):
            pos[fn] = (i - (len(fns) - 1) / 2, -d)
    fg = plt.rcParams["text.color"]  # lines in the theme's text colour / 线条用主题的文字颜色
    fig, ax = plt.subplots(figsize=(7.5, 7))
    for parent, child in edges:
        ax.annotate("", xy=pos[child], xytext=pos[parent],
                    arrowprops={"arrowstyle": "->", "color": fg, "shrinkA": 14, "shrinkB": 14})
    for fn, (px, py) in pos.items():
        ax.text(px, py, label(fn), ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round", "fill": False, "edgecolor": fg})
    width = max(len(f) for f in levels.values())
    ax.set_xlim(-width / 2 - 0.3, width / 2 + 0.3)
    ax.set_ylim(-max(levels) - 0.6, 0.6)
    ax.axis("off")
    ax.set_title({"zh": "loss.grad_fn 出发的计算图（箭头是梯度流动的方向）",
                  "en": "The graph behind loss.grad_fn (arrows: the way gradients flow)"}[lang])
    return fig
