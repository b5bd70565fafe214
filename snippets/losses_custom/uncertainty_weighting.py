"""Multi-task loss weighting by learned homoscedastic uncertainty (Kendall, Gal and Cipolla, 2018)."""
import torch
from torch import nn


class UncertaintyWeighting(nn.Module):
    r"""Combine task losses with learned weights :math:`e^{-s_i}`.

    Each task :math:`i` has a learnable log-variance :math:`s_i = \log \sigma_i^2`
    (initialised to 0, i.e. weight 1). The combined loss is

    .. math::
        \ell = \sum_{i=1}^{K} \left( e^{-s_i} L_i + s_i \right).

    This is the common simplified variant: no :math:`\tfrac12` factors, the
    same form for regression and classification. For a Gaussian (regression)
    likelihood Kendall et al. derive
    :math:`\tfrac12 e^{-s_i} L_i + \tfrac12 s_i`, exactly half of the term
    above (same minimum in :math:`s_i`); for a softmax (classification)
    likelihood they use :math:`e^{-s_i} L_i + \tfrac12 s_i`. For a fixed
    :math:`L_i` the term is smallest at :math:`s_i = \log L_i`, so the learned
    weight tends to :math:`e^{-s_i} = 1 / L_i`. The :math:`+ s_i` term stops
    :math:`s_i` from growing without bound; nothing stops it from falling
    when :math:`L_i \to 0`.

    Args:
        num_tasks (int): :math:`K`. Default: ``2``.

    Shape:
        - Input: a sequence of :math:`K` scalar losses, or a tensor :math:`(K)`.
        - Output: scalar.

    Example::

        >>> weighting = UncertaintyWeighting(num_tasks=2)
        >>> loss = weighting([torch.tensor(0.7, requires_grad=True), torch.tensor(2.0)])
        >>> loss.backward()  # also give weighting.parameters() to the optimizer
    """

    def __init__(self, num_tasks=2):
        super().__init__()
        self.log_vars = nn.Parameter(torch.zeros(num_tasks))

    def forward(self, losses):
        if not isinstance(losses, torch.Tensor):
            losses = torch.stack(list(losses))
        return (torch.exp(-self.log_vars) * losses + self.log_vars).sum()

    def weights(self):
        """Current weights :math:`e^{-s_i}` (detached)."""
        return torch.exp(-self.log_vars.detach())

    def extra_repr(self):
        return f"num_tasks={self.log_vars.numel()}"


def train_two_tasks(steps=200, learn_weights=True, record=(0, 10, 50, 100, 200)):
    """Toy problem: two regression tasks on a shared trunk, noise 0.1 and 1.0.

    Returns a list of (step, [L_1, L_2], [s_1, s_2]) for the steps in ``record``.
    With ``learn_weights=False`` the optimizer only gets the network's
    parameters (a common bug): the weights then never move.
    """
    torch.manual_seed(0)
    x = torch.randn(256, 4)
    y1 = x @ torch.tensor([1.0, -2.0, 0.5, 0.0]) + 0.1 * torch.randn(256)  # precise task / 噪声小
    y2 = x @ torch.tensor([0.0, 1.0, 1.0, -1.0]) + 1.0 * torch.randn(256)  # noisy task / 噪声大
    trunk = nn.Sequential(nn.Linear(4, 16), nn.Tanh())
    head1, head2 = nn.Linear(16, 1), nn.Linear(16, 1)
    weighting = UncertaintyWeighting(num_tasks=2)
    params = [*trunk.parameters(), *head1.parameters(), *head2.parameters()]
    if learn_weights:
        params += list(weighting.parameters())
    optimizer = torch.optim.Adam(params, lr=0.05)
    history = []
    for step in range(steps + 1):
        h = trunk(x)
        losses = [nn.functional.mse_loss(head1(h).squeeze(1), y1),
                  nn.functional.mse_loss(head2(h).squeeze(1), y2)]
        if step in record:
            history.append((step, [v.item() for v in losses], weighting.log_vars.tolist()))
        if step == steps:
            break
        optimizer.zero_grad()
        weighting(losses).backward()
        optimizer.step()
    return history


if __name__ == "__main__":
    import math

    # float64: CPUs round float32 sums differently, and training can grow that into the printed
    # digits; in float64 the differences stay far below them (see the experiments chapter's introduction)
    # float64：不同 CPU 对 float32 求和的舍入不同，训练可能把差异放大到打印出的数字；float64 下差异远小于打印精度（见“实验”一章的引言）
    torch.set_default_dtype(torch.float64)

    weighting = UncertaintyWeighting(num_tasks=2)
    print(weighting, "| initial s:", weighting.log_vars.detach(), "| weights:", weighting.weights())

    # A hand check at s = (0.5, -1.0), L = (2.0, 0.3) / 在给定 s 与 L 处手算
    with torch.no_grad():
        weighting.log_vars.copy_(torch.tensor([0.5, -1.0]))
    losses = [torch.tensor(2.0), torch.tensor(0.3)]
    total = weighting(losses)
    total.backward()
    s, L = [0.5, -1.0], [2.0, 0.3]
    print("combined loss:", total.detach(), "| by hand:",
          f"{sum(math.exp(-si) * li + si for si, li in zip(s, L)):.4f}")
    print("d loss / d s:  ", weighting.log_vars.grad, "| 1 - exp(-s) * L by hand:",
          ", ".join(f"{1 - math.exp(-si) * li:.4f}" for si, li in zip(s, L)))
    print("minimiser s* = log L:", ", ".join(f"{math.log(li):.4f}" for li in L),
          "| weights 1 / L:", ", ".join(f"{1 / li:.4f}" for li in L))

    # The weights move during training / 权重在训练中真的会变
    print("step  L1      L2      s1       s2       exp(-s1)  exp(-s2)  log L1   log L2")
    for step, (l1, l2), (s1, s2) in train_two_tasks():
        print(f"{step:<5d} {l1:<7.4f} {l2:<7.4f} {s1:<8.4f} {s2:<8.4f} {math.exp(-s1):<9.4f} "
              f"{math.exp(-s2):<9.4f} {math.log(l1):<8.4f} {math.log(l2):.4f}")

    # Forgetting the weighting's parameters in the optimizer: s never moves
    # 忘了把权重参数交给优化器：s 一直不动
    step, _, (s1, s2) = train_two_tasks(steps=20, learn_weights=False, record=(20,))[-1]
    print(f"weights not in the optimizer, step {step}: s = {s1:.4f}, {s2:.4f}")


def figure_log_vars(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("训练步数", "sᵢ 与 log Lᵢ", "任务 {}：s{}", "任务 {}：log L{}",
               "学到的对数方差跟随各任务损失的对数"),
        "en": ("training step", "$s_i$ and $\\log L_i$", "task {}: $s_{}$", "task {}: $\\log L_{}$",
               "Learned log-variances track the log of each task loss"),
    }[lang]
    history = train_two_tasks(record=range(201))
    steps = [h[0] for h in history]
    fig, ax = plt.subplots()
    for i in (0, 1):
        line = ax.plot(steps, [h[2][i] for h in history], label=text[2].format(i + 1, i + 1))
        ax.plot(steps, [torch.tensor(h[1][i]).log().item() for h in history], linestyle="--",
                color=line[0].get_color(), label=text[3].format(i + 1, i + 1))
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.set_title(text[4])
    ax.legend()
    return fig
