import torch
from torch import nn

# float64 keeps this sensitive run (a too-large learning rate) reproducible across hardware;
# it is passed as dtype= to each tensor and layer, so the global default stays float32
# 学习率过大时训练过程很敏感；用 float64，结果不随硬件的求和顺序而变。
# dtype= 逐个传给张量和层，全局默认类型仍是 float32
F64 = torch.float64
torch.manual_seed(0)
N, HIDDEN, STEPS = 256, 64, 100
SEEDS = range(5)
X = torch.randn(N, 2, dtype=F64)  # training inputs = the fixed probe batch / 训练输入，也是固定的探测批次
Y = torch.sin(2 * X[:, :1]) + X[:, 1:] ** 2  # a small regression target / 一个小回归目标

ACTS = {"ReLU": nn.ReLU, "LeakyReLU": nn.LeakyReLU, "ELU": nn.ELU, "GELU": nn.GELU}
LRS = {"too large": 0.3, "sensible": 0.01}  # Adam learning rates / Adam 学习率
REPORT = (0, 10, 30, 100)


class SeedEnsemble(nn.Module):
    """One independent 2-64-1 MLP per seed, trained side by side with batched matmuls.
    Each starts from nn.Linear's default init under torch.manual_seed(seed).
    每个种子一个独立的 2-64-1 网络，用批量矩阵乘法并排训练；初始化与 nn.Linear 默认相同。"""

    def __init__(self, act):
        super().__init__()
        params = []
        for seed in SEEDS:
            torch.manual_seed(seed)  # same init for every activation / 各激活函数初始化相同
            l1, l2 = nn.Linear(2, HIDDEN, dtype=F64), nn.Linear(HIDDEN, 1, dtype=F64)
            params.append((l1.weight.T, l1.bias[None], l2.weight.T, l2.bias[None]))
        w1, b1, w2, b2 = (torch.stack(p).detach() for p in zip(*params))
        self.w1, self.b1 = nn.Parameter(w1), nn.Parameter(b1)  # (S, 2, H), (S, 1, H)
        self.w2, self.b2 = nn.Parameter(w2), nn.Parameter(b2)  # (S, H, 1), (S, 1, 1)
        self.act = act()

    def pre_activation(self, x):  # (S, N, H)
        return torch.baddbmm(self.b1, x.expand(len(SEEDS), -1, -1), self.w1)

    def forward(self, x):  # (S, N, 1)
        return torch.baddbmm(self.b2, self.act(self.pre_activation(x)), self.w2)

    def loss(self):
        # sum over seeds of each network's own MSE: the networks do not interact
        # 各网络 MSE 之和：网络之间互不影响
        return ((self(X) - Y) ** 2).mean(dim=(1, 2)).sum()

    def negative_everywhere(self):
        """(S, H): pre-activation <= 0 for every probe example. For ReLU this unit
        outputs 0 on the whole batch: it is dead.
        对探测批次的每个样本预激活都 <= 0；对 ReLU 来说就是死亡单元。"""
        with torch.no_grad():
            return (self.pre_activation(X) <= 0).all(dim=1)


def train(act, lr):
    model = SeedEnsemble(act)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = [model.negative_everywhere().double().mean(dim=1)]
    for _ in range(STEPS):  # full batch / 全批量
        loss = model.loss()
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(model.negative_everywhere().double().mean(dim=1))
    return model, torch.stack(history, dim=1)  # (S, STEPS + 1)


HIST, MODELS = {}, {}
for lr_name, lr in LRS.items():
    print(f"Adam lr = {lr} ({lr_name}): fraction of hidden units negative on the whole "
          f"probe batch, mean ± std over {len(SEEDS)} seeds")
    print("           " + "".join(f"step {s:<9d}" for s in REPORT) + "final MSE")
    for name, act in ACTS.items():
        model, h = train(act, lr)
        HIST[(lr_name, name)], MODELS[(lr_name, name)] = h, model
        with torch.no_grad():
            mse = ((model(X) - Y) ** 2).mean(dim=(1, 2))
        cells = "".join(f"{h[:, s].mean().item():.3f}±{h[:, s].std().item():.3f}  " for s in REPORT)
        print(f"{name:10s} {cells}{mse.mean().item():.4f}±{mse.std().item():.4f}")

# Dead or only dormant? Does the gradient still reach those units' weights?
# 真死还是“休眠”？这些单元的输入权重还能收到梯度吗？
print("lr = 0.3, after training, all seeds: negative units | of them with zero weight gradient")
for name in ACTS:
    model = MODELS[("too large", name)]
    model.zero_grad()
    model.loss().backward()
    neg = model.negative_everywhere()  # (S, H)
    grad_zero = (model.w1.grad == 0).all(dim=1)  # (S, H): both input weights get 0
    print(f"{name:10s} {int(neg.sum()):3d} | {int((neg & grad_zero).sum()):3d}")


def figure_dead_units(lang="zh"):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.6, 3.8), sharey=True)
    steps = torch.arange(STEPS + 1)
    for ax, (lr_name, lr) in zip(axes, LRS.items()):
        for name in ACTS:
            h = HIST[(lr_name, name)]
            mean, std = h.mean(dim=0), h.std(dim=0)
            line = ax.plot(steps, mean, label=name)
            ax.fill_between(steps, mean - std, mean + std, alpha=0.15, color=line[0].get_color())
        ax.set_title({"zh": f"Adam，lr = {lr}", "en": f"Adam, lr = {lr}"}[lang], fontsize=11)
        ax.set_xlabel({"zh": "训练步数", "en": "training step"}[lang])
    axes[0].set_ylabel({"zh": "全负单元比例（均值 ± 标准差）",
                        "en": "all-negative units (mean ± std)"}[lang])
    axes[1].legend(fontsize=9)
    fig.tight_layout()
    return fig
