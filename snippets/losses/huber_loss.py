import torch
from torch import nn

x = torch.tensor([2.5, 0.0, 2.0, 8.0, -1.0])  # predictions / 预测
y = torch.tensor([3.0, -0.5, 2.0, 7.0, 2.0])  # targets / 目标


def huber_by_hand(x, y, delta):
    d = (x - y).abs()
    return torch.where(d < delta, 0.5 * d**2, delta * (d - 0.5 * delta))


for delta in [1.0, 0.5, 2.0]:
    out = nn.HuberLoss(delta=delta, reduction="none")(x, y)
    print(f"delta={delta}: module  ", out)
    print(f"delta={delta}: by hand ", huber_by_hand(x, y, delta))

# HuberLoss(delta) = delta * SmoothL1Loss(beta=delta); the same as SmoothL1 only at delta = 1
# HuberLoss(delta) = delta * SmoothL1Loss(beta=delta)；只有 delta = 1 时两者相同
print("delta  Huber   SmoothL1(beta=delta)  delta*SmoothL1  Huber==delta*SmoothL1  Huber==SmoothL1")
for delta in [0.5, 1.0, 2.0, 3.0]:
    h = nn.HuberLoss(delta=delta)(x, y)
    s = nn.SmoothL1Loss(beta=delta)(x, y)
    print(f"{delta:<6} {h.item():.4f}  {s.item():<21.4f} {(delta * s).item():<15.4f} "
          f"{str(torch.allclose(h, delta * s)):<22} {torch.allclose(h, s)}")


def figure_huber(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    err = torch.linspace(-3, 3, 601, requires_grad=True)  # input - target
    loss = nn.MSELoss(reduction="none")(err, torch.zeros(601)) / 2
    (grad,) = torch.autograd.grad(loss.sum(), err)
    ax_l.plot(err.detach(), loss.detach(), linestyle=":", label="MSE / 2")
    ax_g.plot(err.detach(), grad, linestyle=":", label="MSE / 2")
    for delta in [0.5, 1.0, 2.0]:
        err = torch.linspace(-3, 3, 601, requires_grad=True)
        loss = nn.HuberLoss(delta=delta, reduction="none")(err, torch.zeros(601))
        (grad,) = torch.autograd.grad(loss.sum(), err)
        ax_l.plot(err.detach(), loss.detach(), label=f"δ = {delta}")
        ax_g.plot(err.detach(), grad, label=f"δ = {delta}")
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "误差 x − y", "en": "error x − y"}[lang])
    ax_l.set_title("HuberLoss")
    ax_g.set_title({"zh": "梯度 ∂ℓ/∂x（在 ±δ 处截断）", "en": "gradient ∂ℓ/∂x (clipped at ±δ)"}[lang])
    ax_l.legend()
    fig.tight_layout()
    return fig


def figure_huber_smooth_l1(lang="zh", delta=1.0):
    import matplotlib.pyplot as plt

    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    curves = [("HuberLoss(δ)", lambda e, t: nn.HuberLoss(delta=delta, reduction="none")(e, t), "-"),
              ("SmoothL1Loss(β=δ)", lambda e, t: nn.SmoothL1Loss(beta=delta, reduction="none")(e, t), "--"),
              ("δ · SmoothL1Loss(β=δ)", lambda e, t: delta * nn.SmoothL1Loss(beta=delta, reduction="none")(e, t), ":")]
    for label, loss_fn, style in curves:
        err = torch.linspace(-3, 3, 241, requires_grad=True)  # input - target
        loss = loss_fn(err, torch.zeros(241))
        (grad,) = torch.autograd.grad(loss.sum(), err)
        width = 4 if style == ":" else 2
        ax_l.plot(err.detach(), loss.detach(), linestyle=style, linewidth=width, label=label)
        ax_g.plot(err.detach(), grad, linestyle=style, linewidth=width, label=label)
    ax_l.set_ylim(-0.1, 4.6)
    ax_g.set_ylim(-3.2, 3.2)
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "误差 x − y", "en": "error x − y"}[lang])
    ax_l.set_title(f"δ = β = {delta:g}")
    ax_g.set_title({"zh": "梯度 ∂ℓ/∂x", "en": "gradient ∂ℓ/∂x"}[lang])
    ax_l.legend(loc="upper center", fontsize=9)
    fig.tight_layout()
    return fig
