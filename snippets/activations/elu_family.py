import torch
import torch.nn.functional as F

torch.manual_seed(0)
acts = {
    "ReLU": F.relu,
    "ELU": F.elu,                                # alpha=1
    "CELU(alpha=2)": lambda t: F.celu(t, alpha=2.0),
    "SELU": F.selu,
}
z = torch.randn(100000)  # N(0, 1) input / 标准正态输入
print(f"{'':<14}{'f(-10)':>8}{'grad at 0':>11}{'mean':>8}{'std':>8}")
for name, f in acts.items():
    x0 = torch.tensor(0.0, requires_grad=True)
    (g0,) = torch.autograd.grad(f(x0), x0)
    out = f(z)
    print(f"{name:<14}{f(torch.tensor(-10.0)).item():>8.4f}{g0.item():>11.4f}"
          f"{out.mean().item():>8.4f}{out.std().item():>8.4f}")


def figure_elu_family(lang="zh"):
    import matplotlib.pyplot as plt

    xs = torch.linspace(-4, 2, 601, requires_grad=True)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))
    for name, f in acts.items():
        ys = f(xs)
        (grad,) = torch.autograd.grad(ys.sum(), xs)
        ax1.plot(xs.detach(), ys.detach(), label=name)
        ax2.plot(xs.detach(), grad, label=name)
    ax1.set_title({"zh": "函数值", "en": "value"}[lang])
    ax2.set_title({"zh": "导数", "en": "derivative"}[lang])
    for ax in (ax1, ax2):
        ax.set_xlabel("x")
    ax1.legend(fontsize=9)
    return fig
