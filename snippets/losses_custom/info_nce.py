"""InfoNCE / NT-Xent: contrastive losses written as cross-entropy over similarities."""
import torch
import torch.nn.functional as F
from torch import nn


class InfoNCE(nn.Module):
    r"""InfoNCE loss over a batch of paired embeddings (positives on the diagonal).

    Both inputs are L2-normalized, so :math:`s_{ij} = \cos(u_i, v_j)`.
    Row :math:`i` is a classification of :math:`u_i` among the :math:`N`
    candidates :math:`v_1, \dots, v_N`, the correct one being :math:`v_i`:

    .. math::
        \ell_i = -\log \frac{\exp(s_{ii} / \tau)}{\sum_{j=1}^{N} \exp(s_{ij} / \tau)},
        \qquad \ell = \frac{1}{N} \sum_{i=1}^{N} \ell_i ,

    which is ``F.cross_entropy(S / tau, torch.arange(N))``. With
    ``symmetric=True`` the loss is the mean of that and the same with
    :math:`S^\top` (the CLIP form). Other pairs in the batch are the negatives.

    Args:
        temperature (float): :math:`\tau > 0`. Default: ``0.1``.
        symmetric (bool): also classify each :math:`v_j` among the
            :math:`u_i` and average. Default: ``False``.

    Shape:
        - Input1, Input2: :math:`(N, D)`; row :math:`i` of both is a positive pair.
        - Output: scalar.

    Example::

        >>> loss_fn = InfoNCE(temperature=0.1)
        >>> u = torch.randn(8, 16, requires_grad=True)
        >>> loss = loss_fn(u, u.detach() + 0.1 * torch.randn(8, 16))
        >>> loss.backward()
    """

    def __init__(self, temperature=0.1, symmetric=False):
        super().__init__()
        self.temperature = temperature
        self.symmetric = symmetric

    def forward(self, input1, input2):
        u = F.normalize(input1, dim=-1)
        v = F.normalize(input2, dim=-1)
        logits = u @ v.T / self.temperature  # (N, N)
        # -log softmax at the diagonal = cross-entropy with targets 0..N-1
        # 对角线处的 -log softmax 就是目标为 0..N-1 的交叉熵
        loss = -logits.log_softmax(dim=1).diagonal().mean()
        if self.symmetric:
            loss = (loss - logits.log_softmax(dim=0).diagonal().mean()) / 2
        return loss

    def extra_repr(self):
        return f"temperature={self.temperature}, symmetric={self.symmetric}"


class NTXentLoss(nn.Module):
    r"""NT-Xent loss of SimCLR: 2N views, every other view is a candidate.

    Stack :math:`z = [u; v]` (:math:`2N` rows, L2-normalized) and let
    :math:`s_{kl} = \cos(z_k, z_l)`. The positive of view :math:`k` is the
    other view of the same example, :math:`p(k) = (k + N) \bmod 2N`:

    .. math::
        \ell = \frac{1}{2N} \sum_{k=1}^{2N}
        -\log \frac{\exp(s_{k,p(k)} / \tau)}{\sum_{l \ne k} \exp(s_{kl} / \tau)} .

    Compared with :class:`InfoNCE`, each anchor also sees the :math:`N - 1`
    other views of its own side as negatives (:math:`2N - 2` in all).

    Args:
        temperature (float): :math:`\tau > 0`. Default: ``0.1``.

    Shape:
        - Input1, Input2: :math:`(N, D)`; row :math:`i` of both is a positive pair.
        - Output: scalar.

    Example::

        >>> loss_fn = NTXentLoss(temperature=0.1)
        >>> u = torch.randn(8, 16, requires_grad=True)
        >>> loss = loss_fn(u, u.detach() + 0.1 * torch.randn(8, 16))
        >>> loss.backward()
    """

    def __init__(self, temperature=0.1):
        super().__init__()
        self.temperature = temperature

    def forward(self, input1, input2):
        n = input1.shape[0]
        z = F.normalize(torch.cat([input1, input2]), dim=-1)  # (2N, D)
        logits = z @ z.T / self.temperature
        logits = logits.fill_diagonal_(float("-inf"))  # a view is not its own candidate
        log_prob = logits.log_softmax(dim=1)
        # positives: (k, k + N) and (k + N, k) / 正样本位于两条副对角线
        positives = torch.cat([log_prob.diagonal(offset=n), log_prob.diagonal(offset=-n)])
        return -positives.mean()

    def extra_repr(self):
        return f"temperature={self.temperature}"


if __name__ == "__main__":
    import math

    import numpy as np

    torch.manual_seed(0)
    N, D = 4, 8
    u = torch.randn(N, D)
    v = u + 0.5 * torch.randn(N, D)  # a noisy second view of each example / 每个样本的第二个视图

    info = InfoNCE(temperature=0.1)
    print(info)
    value = info(u, v)
    print("InfoNCE:", value)

    # By hand with NumPy: cosine similarities, then -log softmax row by row
    # 用 NumPy 手算：余弦相似度，然后逐行 -log softmax
    U, V = np.array(u.tolist()), np.array(v.tolist())
    U = U / np.linalg.norm(U, axis=1, keepdims=True)
    V = V / np.linalg.norm(V, axis=1, keepdims=True)
    S = U @ V.T / 0.1
    rows = [-(S[i, i] - math.log(sum(math.exp(S[i, j]) for j in range(N)))) for i in range(N)]
    print("by hand:", f"{sum(rows) / N:.4f}")

    # The same number is CrossEntropyLoss with targets 0..N-1 / 就是目标为 0..N-1 的交叉熵
    logits = F.normalize(u, dim=1) @ F.normalize(v, dim=1).T / 0.1
    ce = nn.CrossEntropyLoss()(logits, torch.arange(N))
    print("CrossEntropyLoss(S / tau, arange(N)):", ce, "| close:", torch.allclose(value, ce))
    sym = InfoNCE(temperature=0.1, symmetric=True)(u, v)
    ce_sym = (F.cross_entropy(logits, torch.arange(N)) + F.cross_entropy(logits.T, torch.arange(N))) / 2
    print("symmetric:", sym, "| (CE(S) + CE(S^T)) / 2:", ce_sym)

    # NT-Xent (SimCLR) by hand: 2N views, candidates are all views but itself
    # NT-Xent 手算：2N 个视图，候选是除自己以外的全部视图
    Z = np.concatenate([U, V])
    terms = []
    for k in range(2 * N):
        pos = (k + N) % (2 * N)
        denom = sum(math.exp(Z[k] @ Z[m] / 0.1) for m in range(2 * N) if m != k)
        terms.append(-math.log(math.exp(Z[k] @ Z[pos] / 0.1) / denom))
    print("NTXentLoss:", NTXentLoss(temperature=0.1)(u, v), "| by hand:", f"{sum(terms) / (2 * N):.4f}")

    # Reference points / 参照值
    print("collapsed (all embeddings equal):", InfoNCE()(torch.ones(N, D), torch.ones(N, D)),
          "| log N:", f"{math.log(N):.4f}")
    print("scaled inputs, same loss:", InfoNCE()(10 * u, v))
    for tau in (0.05, 0.1, 0.5, 1.0):
        print(f"tau={tau}:", InfoNCE(temperature=tau)(u, v))


def figure_temperature(lang="zh"):
    import matplotlib.pyplot as plt

    text = {
        "zh": ("正样本对的余弦相似度（负样本的相似度为 0，N=8）", "每个锚点的损失", "InfoNCE 与温度 τ"),
        "en": ("cosine similarity of the positive pair (negatives at 0, N=8)", "loss per anchor",
               "InfoNCE and the temperature $\\tau$"),
    }[lang]
    n = 8
    sims = torch.linspace(-1, 1, 201)
    eye = torch.eye(2 * n)
    fig, ax = plt.subplots()
    for tau in (0.05, 0.1, 0.5, 1.0):
        values = []
        for s in sims:
            # u_i = e_i, v_i = s e_i + sqrt(1 - s^2) e_{n+i}: cos(u_i, v_j) = s if i == j else 0
            u = eye[:n]
            v = s * eye[:n] + torch.sqrt(1 - s**2) * eye[n:]
            values.append(InfoNCE(temperature=tau)(u, v).item())
        ax.plot(sims, values, label=f"$\\tau={tau}$")
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.set_title(text[2])
    ax.legend()
    return fig
