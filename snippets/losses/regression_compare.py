import torch
from torch import nn

# Fit one constant c to data with an outlier (100.0) by minimizing each loss
# 用每个损失把一个常数 c 拟合到含离群值（100.0）的数据上
# float64, so that neighboring candidates never tie / 用 float64，相邻候选值不会因舍入而相等
data = torch.tensor([1.0, 2.0, 3.0, 4.0, 100.0], dtype=torch.float64)
c = torch.linspace(0, 30, 3001, dtype=torch.float64)  # candidates, step 0.01 / 候选常数，步长 0.01
pred = c[:, None].expand(-1, len(data))  # (3001, 5)
target = data.expand(len(c), -1)          # (3001, 5)

losses = {
    "MSELoss": nn.MSELoss(reduction="none"),
    "L1Loss": nn.L1Loss(reduction="none"),
    "SmoothL1Loss(beta=1)": nn.SmoothL1Loss(reduction="none"),
    "HuberLoss(delta=1)": nn.HuberLoss(reduction="none"),
    "HuberLoss(delta=10)": nn.HuberLoss(delta=10.0, reduction="none"),
}
print(f"mean: {data.mean().item():.2f}  median: {data.median().item():.2f}")
for name, loss in losses.items():
    per_c = loss(pred, target).mean(dim=1)  # the 'mean' reduction for each c / 对每个 c 做 mean 归约
    print(f"best c for {name:21}: {c[per_c.argmin()].item():.2f}")

# Gradient that the outlier sends back to a prediction of 3.0
# 离群值对预测 3.0 回传的梯度
x = torch.tensor(3.0, requires_grad=True)
for name in ["MSELoss", "L1Loss", "HuberLoss(delta=1)"]:
    (g,) = torch.autograd.grad(losses[name](x, torch.tensor(100.0)), x)
    print(f"d loss / d x from the outlier, {name:18}: {g.item():.4f}")


def figure_compare(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    for name in ["MSELoss", "L1Loss", "SmoothL1Loss(beta=1)", "HuberLoss(delta=1)"]:
        err = torch.linspace(-3, 3, 601, requires_grad=True)  # input - target
        loss = losses[name](err, torch.zeros(601))
        (grad,) = torch.autograd.grad(loss.sum(), err)
        style = "--" if name.startswith("Huber") else "-"
        ax_l.plot(err.detach(), loss.detach(), linestyle=style, label=name)
        ax_g.plot(err.detach(), grad, linestyle=style, label=name)
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "误差 x − y", "en": "error x − y"}[lang])
    ax_l.set_ylim(0, 4)
    ax_l.set_title({"zh": "损失", "en": "loss"}[lang])
    ax_g.set_title({"zh": "梯度 ∂ℓ/∂x", "en": "gradient ∂ℓ/∂x"}[lang])
    ax_l.legend()
    fig.tight_layout()
    return fig
