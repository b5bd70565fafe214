import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_printoptions(precision=4, sci_mode=False)  # fixed-point printing / 不用科学计数法

# Label smoothing: the target distribution becomes q = (1 - eps) * one_hot + eps / C,
# and the gradient becomes p - q / 标签平滑：目标分布变成 q，梯度变成 p - q
eps, C = 0.1, 3
z = torch.tensor([[2.0, 0.5, -1.0], [0.0, 1.0, 3.0]], requires_grad=True)
y = torch.tensor([0, 1])
F.cross_entropy(z, y, label_smoothing=eps, reduction="sum").backward()
q = (1 - eps) * F.one_hot(y, C) + eps / C
print("smoothed target q:    ", q)
print("smoothed CE, autograd:", z.grad)
print("softmax(z) - q:       ", torch.softmax(z, dim=1).detach() - q)

# Focal loss (gamma = 2) on three samples of the positive class, p_t = sigmoid(s)
# Focal 损失（gamma = 2），三个正类样本，p_t = sigmoid(s)
p_t = torch.tensor([0.1, 0.5, 0.9])
s = torch.logit(p_t).requires_grad_()
ce = F.binary_cross_entropy_with_logits(s, torch.ones(3), reduction="none")
focal = (1 - torch.sigmoid(s)) ** 2 * ce  # the likelihood term, down-weighted / 似然项乘以调制因子
(ce_grad,) = torch.autograd.grad(ce.sum(), s, retain_graph=True)
(focal_grad,) = torch.autograd.grad(focal.sum(), s)
print("p_t:                  ", p_t)
print("(1 - p_t)^2:          ", (1 - p_t) ** 2)
print("CE loss:              ", ce.detach())
print("focal loss:           ", focal.detach())
print("CE grad (p_t - 1):    ", ce_grad)
print("focal grad:           ", focal_grad)
print("focal / CE, grad:     ", focal_grad / ce_grad)


def bce(s, t):
    return F.binary_cross_entropy_with_logits(s, t, reduction="none")


LOSSES = {
    "CE": bce,
    "smoothing 0.1": lambda s, t: bce(s, t * (1 - eps) + eps / 2),  # smoothed binary target / 平滑后的二元目标
    "focal 2": lambda s, t: (1 - torch.exp(-bce(s, t))) ** 2 * bce(s, t),  # exp(-CE) = p_t
}


def best_prediction(loss, pi):
    # The constant prediction sigmoid(s) that minimises the expected loss when P(t = 1) = pi
    # 当 P(t = 1) = pi 时，使期望损失最小的常数预测 sigmoid(s)
    s = torch.zeros_like(pi, requires_grad=True)
    opt = torch.optim.LBFGS([s], max_iter=200, tolerance_grad=1e-12, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        expected = pi * loss(s, torch.ones_like(pi)) + (1 - pi) * loss(s, torch.zeros_like(pi))
        expected.sum().backward()
        return expected.sum()

    opt.step(closure)
    return torch.sigmoid(s).detach()


# Rows: the best constant prediction sigmoid(s) under each loss / 每行：各损失下的最优常数预测
pi = torch.tensor([0.5, 0.6, 0.8, 0.9, 0.99], dtype=torch.float64)
print(f"{'P(t = 1)':16s}", " ".join(f"{v:.4f}" for v in pi))
for name, loss in LOSSES.items():
    print(f"{name:16s}", " ".join(f"{v:.4f}" for v in best_prediction(loss, pi)))

def figure_best_prediction(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("样本为正类的真实概率 π", "使期望损失最小的预测", "只有似然能还原真实概率",
               "交叉熵（似然）", "标签平滑 ε=0.1", "Focal γ=2", "Focal γ=5"),
        "en": ("true probability π of the positive class", "loss-minimising prediction",
               "Only the likelihood recovers π",
               "cross-entropy (likelihood)", "label smoothing ε=0.1", "focal γ=2", "focal γ=5"),
    }[lang]
    pis = torch.linspace(0.01, 0.99, 99, dtype=torch.float64)
    curves = dict(zip(text[3:6], LOSSES.values()))
    curves[text[6]] = lambda s, t: (1 - torch.exp(-bce(s, t))) ** 5 * bce(s, t)
    fig, ax = plt.subplots(figsize=(5.5, 5.2))
    for label, loss in curves.items():
        ax.plot(pis, best_prediction(loss, pis), label=label)
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.set_title(text[2])
    ax.set_aspect("equal")
    ax.legend()
    fig.tight_layout()
    return fig
