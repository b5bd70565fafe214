import torch
from torch import nn

# Multilabel: N = 2 samples, C = 3 independent labels / 多标签：2 个样本，3 个互不排斥的标签
x = torch.tensor([[1.5, -0.5, 0.2],
                  [-2.0, 0.3, 3.0]])       # logits, no sigmoid / logits，不做 sigmoid
y = torch.tensor([[1.0, 0.0, 1.0],
                  [0.0, 0.0, 1.0]])        # multi-hot float targets / 多热浮点目标

loss = nn.BCEWithLogitsLoss()  # weight=None, reduction="mean", pos_weight=None
s = torch.sigmoid(x)
print("BCEWithLogitsLoss:", loss(x, y))
print("Sigmoid + BCELoss:", nn.BCELoss()(s, y))
print("by formula:       ", -(y * torch.log(s) + (1 - y) * torch.log(1 - s)).mean())

# pos_weight (one per class) multiplies the positive term / pos_weight（每类一个）乘在正例项上
pw = torch.tensor([3.0, 1.0, 0.5])
print("pos_weight:", nn.BCEWithLogitsLoss(pos_weight=pw)(x, y),
      " by hand:", -(pw * y * torch.log(s) + (1 - y) * torch.log(1 - s)).mean(),
      " stable form:", ((1 - y) * x - (1 + (pw - 1) * y) * nn.functional.logsigmoid(x)).mean())

# Stability at large logits / 大 logits 下的数值稳定性
z = torch.tensor([20.0, -20.0, 100.0, -100.0])
for target in [1.0, 0.0]:
    t = torch.full((4,), target)
    stable = nn.BCEWithLogitsLoss(reduction="none")(z, t)
    naive = nn.BCELoss(reduction="none")(torch.sigmoid(z), t)
    print(f"y={target:g}  with logits:        ", stable)
    print(f"y={target:g}  sigmoid + BCELoss:  ", naive)
    # the stable form PyTorch evaluates: (1 - y) x - log(sigmoid(x)) / PyTorch 实际计算的稳定形式
    print(f"y={target:g}  (1-y)x - logsigmoid:", (1 - t) * z - nn.functional.logsigmoid(z))
print("sigmoid(z):", torch.sigmoid(z))

# Gradient w.r.t. the logit, y = 0: sigmoid(x) - y; the naive path loses it
# 对 logit 的梯度（y = 0）：sigmoid(x) - y；朴素写法把它丢了
za = z.clone().requires_grad_(True)
zb = z.clone().requires_grad_(True)
nn.BCEWithLogitsLoss(reduction="sum")(za, torch.zeros(4)).backward()
nn.BCELoss(reduction="sum")(torch.sigmoid(zb), torch.zeros(4)).backward()
print("grad, with logits:      ", za.grad)
print("grad, sigmoid + BCELoss:", zb.grad)


def figure_bce_with_logits(lang="zh"):
    import matplotlib.pyplot as plt

    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(9, 3.6))
    cases = [(1.0, None, "y = 1"), (0.0, None, "y = 0"), (1.0, 3.0, "y = 1, pos_weight = 3")]
    for target, pos_w, label in cases:
        logit = torch.linspace(-6, 6, 481, requires_grad=True)
        kw = {} if pos_w is None else {"pos_weight": torch.tensor([pos_w])}
        loss = nn.BCEWithLogitsLoss(reduction="none", **kw)(logit, torch.full((481,), target))
        (grad,) = torch.autograd.grad(loss.sum(), logit)
        ax_l.plot(logit.detach(), loss.detach(), label=label)
        ax_g.plot(logit.detach(), grad, label=label)
    for ax in (ax_l, ax_g):
        ax.set_xlabel({"zh": "logit x", "en": "logit x"}[lang])
    ax_l.set_title("BCEWithLogitsLoss")
    ax_g.set_title({"zh": "梯度 ∂ℓ/∂x", "en": "gradient ∂ℓ/∂x"}[lang])
    ax_l.legend()
    fig.tight_layout()
    return fig
