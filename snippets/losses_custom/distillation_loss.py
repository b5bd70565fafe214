"""Knowledge-distillation loss with temperature (Hinton, Vinyals and Dean, 2015)."""
import torch
import torch.nn.functional as F
from torch import nn


class DistillationLoss(nn.Module):
    r"""Knowledge-distillation loss: softened teacher targets plus hard labels.

    With student logits :math:`s`, teacher logits :math:`t`, labels :math:`y`
    and temperature :math:`T`, let :math:`q = \mathrm{softmax}(t / T)` and
    :math:`p = \mathrm{softmax}(s / T)`. Then

    .. math::
        \ell = \alpha \, T^2 \, \mathrm{KL}(q \,\|\, p)
             + (1 - \alpha) \, \mathrm{CE}(s, y),
        \qquad
        \mathrm{KL}(q \,\|\, p) = \frac{1}{N} \sum_{n=1}^{N} \sum_{c=1}^{C}
        q_{nc} \left(\log q_{nc} - \log p_{nc}\right),

    i.e. ``F.kl_div(log_softmax(s / T), softmax(t / T), reduction='batchmean')``.
    CE uses the unsoftened logits (:math:`T = 1`) and ``reduction='mean'``.
    The factor :math:`T^2` keeps the soft term's gradients at the same scale
    for every :math:`T`. The teacher's logits are detached.

    Args:
        temperature (float): :math:`T > 0`. Default: ``4.0``.
        alpha (float): weight of the soft term, in :math:`[0, 1]`. Default: ``0.5``.

    Shape:
        - Student, teacher: :math:`(N, C)` logits.
        - Target: :math:`(N)` class indices in :math:`[0, C)`.
        - Output: scalar.

    Example::

        >>> loss_fn = DistillationLoss(temperature=4.0, alpha=0.5)
        >>> student = torch.randn(8, 10, requires_grad=True)
        >>> loss = loss_fn(student, torch.randn(8, 10), torch.randint(0, 10, (8,)))
        >>> loss.backward()
    """

    def __init__(self, temperature=4.0, alpha=0.5):
        super().__init__()
        self.temperature = temperature
        self.alpha = alpha

    def forward(self, student_logits, teacher_logits, target):
        T = self.temperature
        log_p = F.log_softmax(student_logits / T, dim=1)
        log_q = F.log_softmax(teacher_logits.detach() / T, dim=1)
        # log_target=True: both in log space, no 0 * log 0 / 两者都在对数空间
        kl = F.kl_div(log_p, log_q, reduction="batchmean", log_target=True)
        ce = F.cross_entropy(student_logits, target)
        return self.alpha * T**2 * kl + (1 - self.alpha) * ce

    def extra_repr(self):
        return f"temperature={self.temperature}, alpha={self.alpha}"


if __name__ == "__main__":
    import math
    import warnings

    torch.manual_seed(0)
    N, C = 4, 5
    student = torch.randn(N, C, requires_grad=True)
    teacher = (3 * torch.randn(N, C)).requires_grad_(True)  # a sharper teacher / 更“尖”的教师
    target = torch.randint(0, C, (N,))

    loss_fn = DistillationLoss(temperature=4.0, alpha=0.5)
    print(loss_fn)
    loss = loss_fn(student, teacher, target)
    print("DistillationLoss:", loss.detach())

    # By hand, row by row / 逐行手算
    def softmax(row, T):
        e = [math.exp(v / T) for v in row]
        return [v / sum(e) for v in e]

    s_rows, t_rows, ys = student.tolist(), teacher.tolist(), target.tolist()
    kl = sum(
        sum(q * (math.log(q) - math.log(p)) for q, p in zip(softmax(t, 4.0), softmax(s, 4.0)))
        for s, t in zip(s_rows, t_rows)
    ) / N
    ce = sum(-math.log(softmax(s, 1.0)[y]) for s, y in zip(s_rows, ys)) / N
    print("KL by hand:", f"{kl:.4f}", "| CE by hand:", f"{ce:.4f}",
          "| 0.5 * 16 * KL + 0.5 * CE:", f"{0.5 * 16 * kl + 0.5 * ce:.4f}")

    # The KL part with F.kl_div on (log-probabilities, probabilities)
    # 用 F.kl_div（输入对数概率，目标概率）核对 KL 部分
    kl_builtin = F.kl_div(F.log_softmax(student / 4.0, dim=1), F.softmax(teacher / 4.0, dim=1),
                          reduction="batchmean")
    print("F.kl_div(batchmean):", kl_builtin.detach())
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kl_mean = F.kl_div(F.log_softmax(student / 4.0, dim=1), F.softmax(teacher / 4.0, dim=1),
                           reduction="mean")
    print("F.kl_div(mean):     ", kl_mean.detach(), "= batchmean / C:", (kl_builtin / C).detach())
    print("UserWarning:", str(w[0].message).split(".")[0])

    loss.backward()
    print("teacher gets no gradient:", teacher.grad is None)

    # Why T^2: the soft term's gradient shrinks like 1/T^2 / 为什么乘 T^2：软目标项的梯度约按 1/T^2 缩小
    print("T    |grad KL|   |grad T^2 KL|")
    for T in (1.0, 2.0, 4.0, 8.0, 16.0):
        s = student.detach().requires_grad_(True)
        kl_T = F.kl_div(F.log_softmax(s / T, dim=1), F.softmax(teacher.detach() / T, dim=1), reduction="batchmean")
        (g,) = torch.autograd.grad(kl_T, s)
        print(f"{T:<4g} {g.norm().item():<11.4f} {(T**2 * g).norm().item():.4f}")
    s = student.detach().requires_grad_(True)
    (g_ce,) = torch.autograd.grad(F.cross_entropy(s, target), s)
    print("|grad CE| for comparison:", f"{g_ce.norm().item():.4f}")


def figure_temperature(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("类别", "概率", "教师的软化概率 softmax(t/T)", "温度 T", "对学生 logits 的梯度范数",
               "不乘 T²", "乘 T²"),
        "en": ("class", "probability", "softened teacher probabilities softmax(t/T)", "temperature $T$",
               "gradient norm on the student logits", "without $T^2$", "with $T^2$"),
    }[lang]
    torch.manual_seed(0)
    student = torch.randn(4, 5)
    teacher = 3 * torch.randn(4, 5)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    temps = (1.0, 4.0, 16.0)
    for i, T in enumerate(temps):
        q = torch.softmax(teacher[0] / T, dim=0)
        ax1.bar(torch.arange(5) + (i - 1) * 0.27, q, width=0.27, label=f"T={T:g}")
    ax1.set_xlabel(text[0])
    ax1.set_ylabel(text[1])
    ax1.set_title(text[2])
    ax1.legend()
    ts = torch.logspace(0, 5, 21, base=2)
    plain, scaled = [], []
    for T in ts.tolist():
        s = student.clone().requires_grad_(True)
        kl = F.kl_div(F.log_softmax(s / T, dim=1), F.softmax(teacher / T, dim=1), reduction="batchmean")
        (g,) = torch.autograd.grad(kl, s)
        plain.append(g.norm().item())
        scaled.append(T**2 * g.norm().item())
    ax2.loglog(ts, plain, marker="o", label=text[5], base=2)
    ax2.loglog(ts, scaled, marker="s", label=text[6], base=2)
    ax2.set_xlabel(text[3])
    ax2.set_title(text[4])
    ax2.legend()
    fig.tight_layout()
    return fig


def figure_temperature_slider(lang="zh", T=4.0):
    import matplotlib.pyplot as plt

    text = {"zh": ("类别", "概率", "教师", "学生"), "en": ("class", "probability", "teacher", "student")}[lang]
    torch.manual_seed(0)
    student = torch.randn(4, 5)
    teacher = 3 * torch.randn(4, 5)
    fig, ax = plt.subplots()
    ax.bar(torch.arange(5) - 0.2, torch.softmax(teacher[0] / T, dim=0), width=0.4, label=text[2])
    ax.bar(torch.arange(5) + 0.2, torch.softmax(student[0] / T, dim=0), width=0.4, label=text[3])
    ax.set_ylim(0, 1.05)
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.set_title(f"T = {T:g}")
    ax.legend()
    return fig
