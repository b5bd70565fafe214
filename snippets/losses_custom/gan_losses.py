"""GAN losses: non-saturating (BCE), least squares (LSGAN) and Wasserstein (WGAN, WGAN-GP)."""
import torch
import torch.nn.functional as F
from torch import nn


class GANLoss(nn.Module):
    r"""Adversarial loss for one side of a GAN, computed from raw outputs.

    ``loss(pred, target_is_real)`` scores the discriminator's (critic's)
    raw output ``pred`` against "real" or "fake". With :math:`D` the
    discriminator's logit, :math:`\sigma` the sigmoid, :math:`x` real data
    and :math:`\tilde x = G(z)` generated data:

    ``mode='vanilla'`` (``F.binary_cross_entropy_with_logits`` to 1 or 0):

    .. math::
        L_D = -\mathbb{E}\log\sigma(D(x)) - \mathbb{E}\log(1 - \sigma(D(\tilde x))),
        \qquad
        L_G = -\mathbb{E}\log\sigma(D(\tilde x))
        \ \text{(non-saturating)} .

    ``mode='lsgan'`` (mean squared error to 1 or 0; the LSGAN paper has an
    extra factor :math:`\tfrac12`):

    .. math::
        L_D = \mathbb{E}(D(x) - 1)^2 + \mathbb{E}\,D(\tilde x)^2,
        \qquad
        L_G = \mathbb{E}(D(\tilde x) - 1)^2 .

    ``mode='wgan'`` (the critic :math:`D` must be 1-Lipschitz: use
    :func:`gradient_penalty` or weight clipping):

    .. math::
        L_D = \mathbb{E}\,D(\tilde x) - \mathbb{E}\,D(x),
        \qquad
        L_G = -\mathbb{E}\,D(\tilde x) .

    Use it as ``loss(D(x), True) + loss(D(G(z)).detach(), False)`` for the
    discriminator step and ``loss(D(G(z)), True)`` for the generator step.

    Args:
        mode (str): ``'vanilla'`` | ``'lsgan'`` | ``'wgan'``. Default: ``'vanilla'``.

    Shape:
        - Input: :math:`(*)`, raw discriminator outputs (logits for ``'vanilla'``).
        - Output: scalar (mean over all elements).

    Example::

        >>> loss_fn = GANLoss("vanilla")
        >>> d_real, d_fake = torch.randn(8, 1), torch.randn(8, 1, requires_grad=True)
        >>> d_loss = loss_fn(d_real, True) + loss_fn(d_fake.detach(), False)
        >>> g_loss = loss_fn(d_fake, True)
        >>> g_loss.backward()
    """

    def __init__(self, mode="vanilla"):
        super().__init__()
        if mode not in ("vanilla", "lsgan", "wgan"):
            raise ValueError(f"invalid mode: {mode!r}")
        self.mode = mode

    def forward(self, pred, target_is_real):
        if self.mode == "wgan":
            return -pred.mean() if target_is_real else pred.mean()
        target = torch.ones_like(pred) if target_is_real else torch.zeros_like(pred)
        if self.mode == "vanilla":
            return F.binary_cross_entropy_with_logits(pred, target)
        return F.mse_loss(pred, target)

    def extra_repr(self):
        return f"mode={self.mode!r}"


def gradient_penalty(critic, real, fake, weight=10.0):
    r"""WGAN-GP penalty (Gulrajani et al., 2017) on random interpolates.

    .. math::
        \hat x = \epsilon x + (1 - \epsilon) \tilde x,\ \epsilon \sim U[0, 1],
        \qquad
        \mathrm{GP} = \lambda\, \mathbb{E}\big(\lVert \nabla_{\hat x} D(\hat x) \rVert_2 - 1\big)^2 .

    Args:
        critic (nn.Module): maps :math:`(N, *)` to :math:`(N)` or :math:`(N, 1)`.
        real (Tensor): :math:`(N, *)` batch of real samples (detached here).
        fake (Tensor): :math:`(N, *)` batch of generated samples (detached here).
        weight (float): :math:`\lambda`. Default: ``10.0``.

    Returns:
        Tensor: a scalar, differentiable with respect to the critic's parameters.

    Example::

        >>> critic = nn.Linear(2, 1)
        >>> gp = gradient_penalty(critic, torch.randn(8, 2), torch.randn(8, 2))
        >>> gp.backward()
    """
    real, fake = real.detach(), fake.detach()
    # one epsilon per example, on real's device and dtype / 每个样本一个 epsilon
    eps = real.new_empty((real.shape[0],) + (1,) * (real.dim() - 1)).uniform_()
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    (grad,) = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)
    norm = grad.flatten(1).norm(dim=1)
    return weight * ((norm - 1) ** 2).mean()


if __name__ == "__main__":
    import math

    torch.manual_seed(0)
    real_list = [2.0, 0.5, -0.3]  # D's logits on real data / D 对真实数据的 logits
    fake_list = [-1.0, 0.2, -2.5]  # D's logits on generated data / D 对生成数据的 logits
    d_real, d_fake = torch.tensor(real_list), torch.tensor(fake_list)

    def mean(xs):
        return sum(xs) / len(xs)

    def sig(t):
        return 1 / (1 + math.exp(-t))

    hand = {
        "vanilla": (mean([-math.log(sig(r)) for r in real_list]) + mean([-math.log(1 - sig(f)) for f in fake_list]),
                    mean([-math.log(sig(f)) for f in fake_list])),
        "lsgan": (mean([(r - 1) ** 2 for r in real_list]) + mean([f**2 for f in fake_list]),
                  mean([(f - 1) ** 2 for f in fake_list])),
        "wgan": (mean(fake_list) - mean(real_list), -mean(fake_list)),
    }
    for mode, (d_hand, g_hand) in hand.items():
        loss_fn = GANLoss(mode)
        d_loss = loss_fn(d_real, True) + loss_fn(d_fake, False)
        g_loss = loss_fn(d_fake, True)
        print(f"{mode:8s} D loss {d_loss.item():.4f} (hand {d_hand:.4f}) | G loss {g_loss.item():.4f} (hand {g_hand:.4f})")

    # D(G(z)) is a logit; sigmoid(D(G(z))) is the probability that the fake is real.
    # Saturating log(1 - sigmoid(D(G(z)))) vs non-saturating -log sigmoid(D(G(z))):
    # gradient with respect to the logit D(G(z)) when D confidently rejects the fake
    # D(G(z)) 是 logit，sigmoid(D(G(z))) 才是“生成样本为真”的概率。饱和的 log(1 - sigmoid(D(G(z))))
    # 与非饱和的 -log sigmoid(D(G(z)))：D 判假很有把握时对 logit D(G(z)) 的梯度
    print("sigmoid(D(G(z)))  grad saturating   grad non-saturating")
    for p in (0.001, 0.01, 0.1, 0.5, 0.9):
        logit = torch.tensor(math.log(p / (1 - p)), requires_grad=True)  # sigmoid(logit) = p
        (g_sat,) = torch.autograd.grad(torch.log(1 - torch.sigmoid(logit)), logit)
        (g_ns,) = torch.autograd.grad(GANLoss("vanilla")(logit, True), logit)
        print(f"{p:<17} {g_sat.item():<17.4f} {g_ns.item():.4f}")

    # WGAN-GP on a linear critic: its input gradient is w everywhere,
    # so GP = 10 * (||w|| - 1)^2 exactly / 线性 critic 的输入梯度处处为 w
    critic = nn.Linear(2, 1)
    real = torch.randn(4, 2) + 2.0
    fake = torch.randn(4, 2)
    gp = gradient_penalty(critic, real, fake)
    w = critic.weight.detach().flatten().tolist()
    print("gradient penalty:", gp.detach(), "| 10 * (||w|| - 1)^2 by hand:",
          f"{10 * (math.sqrt(w[0] ** 2 + w[1] ** 2) - 1) ** 2:.4f}")
    gp.backward()
    print("GP gradient reaches the critic:", critic.weight.grad is not None)

    # Weight clipping (original WGAN): clamp every parameter after each step
    # 权重裁剪（原始 WGAN）：每步更新后把参数截断到 [-c, c]
    big = nn.Linear(2, 1)
    with torch.no_grad():
        big.weight.fill_(0.5)
    print("max |param| before clipping:", round(max(p.abs().max().item() for p in big.parameters()), 4))
    with torch.no_grad():
        for p in big.parameters():
            p.clamp_(-0.01, 0.01)
    print("max |param| after clipping: ", round(max(p.abs().max().item() for p in big.parameters()), 4))


def figure_generator_losses(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("判别器判生成样本为真的概率 σ(D(G(z)))", "生成器损失", "对 logit D(G(z)) 的梯度大小",
               "饱和：log(1 − σ(D(G(z))))", "非饱和：−log σ(D(G(z)))"),
        "en": ("probability that a fake is real, $\\sigma(D(G(z)))$", "generator loss",
               "gradient magnitude $|\\partial \\ell / \\partial D(G(z))|$",
               "saturating: $\\log(1 - \\sigma(D(G(z))))$", "non-saturating: $-\\log \\sigma(D(G(z)))$"),
    }[lang]
    p = torch.linspace(0.001, 0.999, 500)
    logit = torch.log(p / (1 - p)).requires_grad_(True)
    losses = {
        text[3]: torch.log(1 - torch.sigmoid(logit)),
        text[4]: F.binary_cross_entropy_with_logits(logit, torch.ones_like(logit), reduction="none"),
    }
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for label, loss in losses.items():
        (grad,) = torch.autograd.grad(loss.sum(), logit)
        ax1.plot(p, loss.detach(), label=label)
        ax2.plot(p, grad.abs(), label=label)
    ax1.set_ylabel(text[1])
    ax2.set_ylabel(text[2])
    for ax in (ax1, ax2):
        ax.set_xlabel(text[0])
        ax.legend()
    fig.tight_layout()
    return fig
