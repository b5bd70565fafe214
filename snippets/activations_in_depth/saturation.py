import torch

torch.manual_seed(0)
THRESHOLD = 0.01  # "saturated" means |f'(x)| < 0.01 / “饱和”定义为 |f'(x)| < 0.01
FUNCS = {"Sigmoid": torch.sigmoid, "Tanh": torch.tanh}


def grad_at(f, x):
    """f'(x) from autograd, in float64 / 用自动求导在 float64 下求 f'(x)"""
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(f(x), x)
    return g.item()


def saturation_boundary(f, lo=0.0, hi=20.0, steps=60):
    """Bisection for the x > 0 where |f'(x)| falls to THRESHOLD / 二分法找边界"""
    for _ in range(steps):
        mid = (lo + hi) / 2
        if abs(grad_at(f, mid)) >= THRESHOLD:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


BOUNDARY = {name: saturation_boundary(f) for name, f in FUNCS.items()}
print(f"saturated: |f'(x)| < {THRESHOLD}")
for name, f in FUNCS.items():
    b = BOUNDARY[name]
    fb = f(torch.tensor(b, dtype=torch.float64)).item()
    print(f"{name:7s} saturated for |x| > {b:.4f}  (f({b:.4f}) = {fb:.4f}, "
          f"share of [-10, 10]: {1 - b / 10:.4f})")

# Closed forms for comparison / 闭式解对照
c = torch.tensor(THRESHOLD, dtype=torch.float64)
s = (1 + torch.sqrt(1 - 4 * c)) / 2  # sigma(1 - sigma) = c
print("closed form, Sigmoid:", round(torch.log(s / (1 - s)).item(), 4))
print("closed form, Tanh:   ", round(torch.atanh(torch.sqrt(1 - c)).item(), 4))

# The cap 0.25^N vs a real chain sigmoid(sigmoid(...sigmoid(x))) at x = 0
# 上限 0.25^N 与真实的 N 层 sigmoid 链在 x = 0 处的梯度
# A tanh chain for contrast (its derivative can reach 1) / 对照：tanh 链（导数最大为 1）
print(" N   0.25^N      sigmoid chain  tanh chain (x=1)")
CHAIN = []
for n in range(1, 11):
    x = torch.tensor([0.0, 1.0], requires_grad=True)
    s_h, t_h = x[0], x[1]
    for _ in range(n):
        s_h, t_h = torch.sigmoid(s_h), torch.tanh(t_h)
    (g,) = torch.autograd.grad(s_h + t_h, x)
    CHAIN.append((n, 0.25**n, g[0].item(), g[1].item()))
    print(f"{n:2d}   {0.25**n:.4e}  {g[0].item():.4e}     {g[1].item():.4e}")


def figure_saturation(lang="zh"):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(8.4, 3.6))
    for ax, (name, f), lim in zip(axes, FUNCS.items(), (8, 5)):
        xs = torch.linspace(-lim, lim, 801, requires_grad=True)
        ys = f(xs)
        (grad,) = torch.autograd.grad(ys.sum(), xs)
        ax.plot(xs.detach(), ys.detach(), label=f"{name}(x)")
        ax.plot(xs.detach(), grad, linestyle="--", label={"zh": "导数", "en": "derivative"}[lang])
        b = BOUNDARY[name]
        ax.axvspan(-lim, -b, color="gray", alpha=0.18)
        ax.axvspan(b, lim, color="gray", alpha=0.18,
                   label={"zh": "饱和区 |f'| < 0.01", "en": "saturated |f'| < 0.01"}[lang])
        ax.set_xlim(-lim, lim)
        ax.set_xlabel("x")
        ax.set_title(f"{name}: |x| > {b:.4f}")
        ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def figure_depth(lang="zh"):
    import matplotlib.pyplot as plt

    n, cap, sig, tanh = zip(*CHAIN)
    fig, ax = plt.subplots()
    ax.semilogy(n, cap, "o-", label={"zh": "上限 0.25^N", "en": "cap 0.25^N"}[lang])
    ax.semilogy(n, sig, "s--", label={"zh": "sigmoid 链，x = 0（自动求导）",
                                      "en": "sigmoid chain, x = 0 (autograd)"}[lang])
    ax.semilogy(n, tanh, "^-.", label={"zh": "tanh 链，x = 1（自动求导）",
                                       "en": "tanh chain, x = 1 (autograd)"}[lang])
    ax.set_xlabel({"zh": "层数 N", "en": "depth N"}[lang])
    ax.set_ylabel({"zh": "输入处的梯度", "en": "gradient at the input"}[lang])
    ax.set_xticks(range(1, 11))
    ax.legend()
    return fig
