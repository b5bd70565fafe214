"""The custom losses of ``snippets/losses_custom`` against values computed independently.

Expected numbers come from closed forms worked out by hand (noted beside each)
or from NumPy re-implementations of the formulas in float64. None of them is
computed with the module under test.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.losses_custom.contrastive_loss import ContrastiveLoss
from snippets.losses_custom.dice_loss import DiceCELoss, DiceLoss
from snippets.losses_custom.distillation_loss import DistillationLoss
from snippets.losses_custom.focal_loss import BinaryFocalLoss, FocalLoss
from snippets.losses_custom.gan_losses import GANLoss, gradient_penalty
from snippets.losses_custom.info_nce import InfoNCE, NTXentLoss
from snippets.losses_custom.uncertainty_weighting import UncertaintyWeighting, train_two_tasks

LN2 = math.log(2.0)


def close(actual, expected, tol=1e-5):
    actual = actual.detach() if isinstance(actual, torch.Tensor) else actual
    expected = expected.detach() if isinstance(expected, torch.Tensor) else expected
    assert float(actual) == pytest.approx(float(expected), abs=tol, rel=tol), (float(actual), float(expected))


def np_softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


# --------------------------------------------------------------------------- focal
def np_focal(logits, target, alpha, gamma):
    p = np_softmax(logits, axis=1)
    pt = p[np.arange(len(target)), target]
    a = np.ones_like(pt) if alpha is None else np.asarray(alpha)[target]
    return -a * (1 - pt) ** gamma * np.log(pt)


def test_focal_two_equal_logits_by_hand():
    # p_t = 0.5: loss = -(1 - 0.5)^2 * log 0.5 = 0.25 ln 2
    logits = torch.zeros(1, 2)
    close(FocalLoss(gamma=2.0)(logits, torch.tensor([1])), 0.25 * LN2)
    close(FocalLoss(alpha=[0.25, 0.75], gamma=2.0)(logits, torch.tensor([1])), 0.75 * 0.25 * LN2)
    close(FocalLoss(alpha=0.5, gamma=2.0)(logits, torch.tensor([0])), 0.5 * 0.25 * LN2)
    close(FocalLoss(gamma=0.0)(logits, torch.tensor([0])), LN2)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("alpha", [None, [0.2, 1.0, 3.0], 0.4])
def test_focal_matches_numpy(reduction, alpha):
    x = [[1.5, -0.3, 0.2], [0.1, 0.1, 2.0], [-1.0, 2.5, 0.0], [0.3, 0.2, 0.1]]
    y = [0, 2, 0, 1]
    expected = np_focal(np.array(x), np.array(y), None if alpha is None else np.broadcast_to(alpha, 3), 2.0)
    got = FocalLoss(alpha=alpha, gamma=2.0, reduction=reduction)(torch.tensor(x), torch.tensor(y))
    if reduction == "none":
        assert got.shape == (4,)
        np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5, atol=1e-6)
    else:
        close(got, expected.mean() if reduction == "mean" else expected.sum())


def test_focal_gamma0_is_cross_entropy_including_spatial_dims():
    torch.manual_seed(0)
    x = torch.randn(2, 4, 3, 5)
    y = torch.randint(0, 4, (2, 3, 5))
    close(FocalLoss(gamma=0.0)(x, y), F.cross_entropy(x, y))
    assert FocalLoss(reduction="none")(x, y).shape == (2, 3, 5)
    w = torch.tensor([0.5, 1.0, 2.0, 4.0])
    close(FocalLoss(alpha=w, gamma=0.0, reduction="sum")(x, y), F.cross_entropy(x, y, weight=w, reduction="sum"))


def test_focal_gradients_finite_and_correct():
    x = torch.tensor([[60.0, -60.0, 0.0], [-80.0, 80.0, 0.0]], requires_grad=True)
    FocalLoss()(x, torch.tensor([0, 0])).backward()
    assert torch.isfinite(x.grad).all()
    x64 = torch.tensor([[0.3, -1.2, 0.8], [1.0, 0.0, -0.5]], dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda t: FocalLoss(alpha=[1.0, 2.0, 0.5])(t, torch.tensor([2, 1])), (x64,))


def test_focal_bad_reduction():
    with pytest.raises(ValueError):
        FocalLoss(reduction="avg")
    with pytest.raises(ValueError):
        BinaryFocalLoss(reduction="batchmean")


def test_binary_focal_by_hand():
    # x = 0: p = 0.5, (1 - p_t)^2 = 0.25, -log p_t = ln 2; alpha_t = 0.25 (y=1) or 0.75 (y=0)
    x = torch.zeros(2)
    y = torch.tensor([1.0, 0.0])
    got = BinaryFocalLoss(alpha=0.25, gamma=2.0, reduction="none")(x, y)
    np.testing.assert_allclose(got.numpy(), [0.25 * 0.25 * LN2, 0.75 * 0.25 * LN2], rtol=1e-6)
    close(BinaryFocalLoss(alpha=0.25, gamma=2.0, reduction="sum")(x, y), LN2 * 0.25)


def test_binary_focal_matches_numpy_and_bce():
    x = np.array([[2.0, -1.0, 0.5], [-3.0, 0.0, 4.0]])
    y = np.array([[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])
    p = 1 / (1 + np.exp(-x))
    pt = np.where(y == 1, p, 1 - p)
    at = np.where(y == 1, 0.3, 0.7)
    expected = (-at * (1 - pt) ** 1.5 * np.log(pt)).mean()
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    close(BinaryFocalLoss(alpha=0.3, gamma=1.5)(xt, yt), expected)
    close(BinaryFocalLoss(alpha=None, gamma=0.0)(xt, yt), F.binary_cross_entropy_with_logits(xt, yt))
    assert BinaryFocalLoss(reduction="none")(xt, yt).shape == (2, 3)


# --------------------------------------------------------------------------- dice
def confident_logits(mask, scale=30.0):
    """(H, W) bool mask -> (1, 2, H, W) logits predicting it almost surely."""
    m = torch.tensor(mask, dtype=torch.bool)
    return torch.stack([~m, m]).float().mul(2 * scale).sub(scale).unsqueeze(0)


TRUTH = [[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]]
PRED = [[0, 0, 0, 0], [0, 1, 1, 1], [0, 1, 0, 0], [0, 0, 0, 0]]


def test_dice_on_counted_mask():
    # foreground: |A|=4, |B|=4, |A&B|=3 -> 6/8; background: 12, 12, 11 -> 22/24
    label = torch.tensor(TRUTH).unsqueeze(0)
    close(DiceLoss(smooth=0.0)(confident_logits(PRED), label), 1 - (6 / 8 + 22 / 24) / 2)
    close(DiceLoss(smooth=1.0)(confident_logits(PRED), label), 1 - (7 / 9 + 23 / 25) / 2)
    close(DiceLoss(smooth=0.0)(confident_logits(TRUTH), label), 0.0)


def test_dice_uniform_prediction():
    # all logits equal, C=2: p = 0.5 everywhere; 4 pixels, 2 per class
    # intersection 1, sum p 2, sum g 2 -> D = (2 + s) / (4 + s)
    x = torch.zeros(1, 2, 2, 2)
    y = torch.tensor([[[0, 1], [1, 0]]])
    close(DiceLoss(smooth=0.0)(x, y), 0.5)
    close(DiceLoss(smooth=1.0)(x, y), 1 - 3 / 5)


def np_dice(logits, target, smooth):
    c = logits.shape[1]
    p = np.moveaxis(np_softmax(logits, axis=1), 1, -1).reshape(-1, c)
    g = np.eye(c)[target.reshape(-1)]
    d = (2 * (p * g).sum(0) + smooth) / (p.sum(0) + g.sum(0) + smooth)
    return 1 - d.mean()


@pytest.mark.parametrize("shape", [(2, 3, 5), (2, 3, 4, 4), (1, 4, 2, 3, 3)])
def test_dice_matches_numpy_any_spatial_rank(shape):
    rng = np.random.default_rng(0)
    x = rng.normal(size=shape)
    y = rng.integers(0, shape[1], size=(shape[0],) + shape[2:])
    got = DiceLoss(smooth=0.5)(torch.tensor(x, dtype=torch.float32), torch.tensor(y))
    close(got, np_dice(x, y, 0.5))


def test_dice_absent_class_counts_as_perfect():
    # class 2 is neither present nor predicted: its D is s / s = 1
    x = confident_logits(TRUTH)
    x = torch.cat([x, torch.full((1, 1, 4, 4), -30.0)], dim=1)
    close(DiceLoss(smooth=1.0)(x, torch.tensor(TRUTH).unsqueeze(0)), 0.0, tol=1e-4)  # every D_c = 1


def test_dice_non_contiguous_input_and_gradient():
    torch.manual_seed(0)
    nhwc = torch.randn(2, 4, 4, 3)
    x = nhwc.permute(0, 3, 1, 2)  # (N, C, H, W), not contiguous
    assert not x.is_contiguous()
    y = torch.randint(0, 3, (2, 4, 4))
    close(DiceLoss()(x, y), DiceLoss()(x.contiguous(), y))
    xg = x.contiguous().requires_grad_(True)
    DiceCELoss()(xg, y).backward()
    assert xg.grad.shape == xg.shape and torch.isfinite(xg.grad).all()


def test_dice_ce_weights():
    torch.manual_seed(1)
    x = torch.randn(2, 3, 4, 4)
    y = torch.randint(0, 3, (2, 4, 4))
    expected = 0.3 * F.cross_entropy(x, y) + 0.7 * np_dice(x.double().numpy(), y.numpy(), 1.0)
    close(DiceCELoss(ce_weight=0.3, dice_weight=0.7)(x, y), expected)


# --------------------------------------------------------------------------- contrastive
def test_contrastive_by_hand():
    # d = 5 (3-4-5 triangle) and d = 0.5
    a = torch.tensor([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]])
    b = torch.tensor([[3.0, 4.0], [3.0, 4.0], [0.3, 0.4], [0.3, 0.4]])
    y = torch.tensor([1.0, 0.0, 1.0, 0.0])
    got = ContrastiveLoss(margin=1.0, reduction="none")(a, b, y)
    np.testing.assert_allclose(got.numpy(), [25.0, 0.0, 0.25, 0.25], rtol=1e-6)
    close(ContrastiveLoss(margin=6.0, reduction="none")(a, b, y)[1], 1.0)
    close(ContrastiveLoss(margin=1.0)(a, b, y), 25.5 / 4)
    close(ContrastiveLoss(margin=1.0, reduction="sum")(a, b, y), 25.5)


def test_contrastive_matches_numpy_and_batch_shapes():
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(2, 3, 5)), rng.normal(size=(2, 3, 5))
    y = rng.integers(0, 2, size=(2, 3)).astype(float)
    d = np.sqrt(((a - b) ** 2).sum(-1))
    expected = y * d**2 + (1 - y) * np.maximum(0, 2.5 - d) ** 2
    f32 = lambda v: torch.tensor(v, dtype=torch.float32)  # noqa: E731
    got = ContrastiveLoss(margin=2.5, reduction="none")(f32(a), f32(b), f32(y))
    assert got.shape == (2, 3)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_contrastive_gradients():
    a = torch.tensor([[1.0, 2.0]], requires_grad=True)
    b = torch.tensor([[0.0, 0.5]])
    ContrastiveLoss()(a, b, torch.tensor([1.0])).backward()
    np.testing.assert_allclose(a.grad.numpy(), [[2.0, 3.0]], rtol=1e-6)  # d(d^2)/da = 2(a - b)
    same = torch.zeros(1, 3, requires_grad=True)
    ContrastiveLoss()(same, torch.zeros(1, 3), torch.tensor([0.0])).backward()
    assert torch.isfinite(same.grad).all()


# --------------------------------------------------------------------------- InfoNCE
def np_info_nce(u, v, tau):
    u = u / np.linalg.norm(u, axis=1, keepdims=True)
    v = v / np.linalg.norm(v, axis=1, keepdims=True)
    s = u @ v.T / tau
    row = -np.diag(s) + np.log(np.exp(s).sum(1))
    col = -np.diag(s) + np.log(np.exp(s).sum(0))
    return row.mean(), (row.mean() + col.mean()) / 2


def test_info_nce_orthonormal_by_hand():
    # u_i = v_i = e_i: logits 1/tau on the diagonal, 0 elsewhere
    # loss = log(1 + (N - 1) exp(-1/tau)); N = 4, tau = 1 -> log(1 + 3/e)
    e = torch.eye(4)
    close(InfoNCE(temperature=1.0)(e, e), math.log(1 + 3 / math.e))
    close(InfoNCE(temperature=0.5)(e, e), math.log(1 + 3 * math.exp(-2)))
    close(InfoNCE()(torch.ones(5, 3), torch.ones(5, 3)), math.log(5))  # collapse -> log N


def test_info_nce_matches_numpy_and_cross_entropy():
    rng = np.random.default_rng(1)
    u, v = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    one_way, both = np_info_nce(u, v, 0.2)
    ut, vt = torch.tensor(u, dtype=torch.float32), torch.tensor(v, dtype=torch.float32)
    close(InfoNCE(temperature=0.2)(ut, vt), one_way)
    close(InfoNCE(temperature=0.2, symmetric=True)(ut, vt), both)
    logits = F.normalize(ut, dim=1) @ F.normalize(vt, dim=1).T / 0.2
    close(InfoNCE(temperature=0.2)(ut, vt), F.cross_entropy(logits, torch.arange(6)))
    close(InfoNCE(temperature=0.2)(7.0 * ut, vt), one_way)  # cosine: scale-free


def test_nt_xent_matches_numpy_loops():
    rng = np.random.default_rng(2)
    u, v = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    z = np.concatenate([u, v])
    z = z / np.linalg.norm(z, axis=1, keepdims=True)
    n2, terms = 6, []
    for k in range(n2):
        others = [m for m in range(n2) if m != k]
        logits = np.array([z[k] @ z[m] / 0.5 for m in others])
        pos = others.index((k + 3) % n2)
        terms.append(-(logits[pos] - np.log(np.exp(logits).sum())))
    ut = torch.tensor(u, dtype=torch.float32, requires_grad=True)
    loss = NTXentLoss(temperature=0.5)(ut, torch.tensor(v, dtype=torch.float32))
    close(loss, np.mean(terms))
    loss.backward()
    assert torch.isfinite(ut.grad).all()
    # one pair: the only candidate is the positive -> loss 0
    close(NTXentLoss()(torch.randn(1, 4), torch.randn(1, 4)), 0.0)


# --------------------------------------------------------------------------- GAN
def test_gan_losses_by_hand():
    zero = torch.zeros(3)
    # vanilla at logit 0: each BCE term is ln 2
    close(GANLoss("vanilla")(zero, True) + GANLoss("vanilla")(zero, False), 2 * LN2)
    close(GANLoss("vanilla")(zero, True), LN2)
    # lsgan: D(x)=1, D(G(z))=0 is the discriminator's optimum; G then pays (0 - 1)^2
    ones = torch.ones(3)
    close(GANLoss("lsgan")(ones, True) + GANLoss("lsgan")(zero, False), 0.0)
    close(GANLoss("lsgan")(zero, True), 1.0)
    close(GANLoss("lsgan")(torch.tensor([3.0, -1.0]), False), (9 + 1) / 2)
    # wgan: critic loss mean(fake) - mean(real); generator -mean(fake)
    real, fake = torch.tensor([2.0, 4.0]), torch.tensor([-1.0, 0.0, 1.0, 3.0])
    close(GANLoss("wgan")(real, True) + GANLoss("wgan")(fake, False), 0.75 - 3.0)
    close(GANLoss("wgan")(fake, True), -0.75)
    with pytest.raises(ValueError):
        GANLoss("hinge")


def test_non_saturating_gradient():
    # d/dx [-log sigmoid(x)] = -(1 - sigmoid(x)); at x = -5: -0.9933071
    x = torch.tensor(-5.0, requires_grad=True)
    GANLoss("vanilla")(x, True).backward()
    close(x.grad, -(1 - 1 / (1 + math.exp(5))))


def test_gradient_penalty_linear_critic_by_hand():
    critic = nn.Linear(3, 1)
    with torch.no_grad():
        critic.weight.copy_(torch.tensor([[1.0, 2.0, 2.0]]))  # ||w|| = 3
    gp = gradient_penalty(critic, torch.randn(5, 3), torch.randn(5, 3), weight=10.0)
    close(gp, 10 * (3 - 1) ** 2)
    gp.backward()  # d/dw 10 (||w|| - 1)^2 = 20 (||w|| - 1) w / ||w||
    np.testing.assert_allclose(critic.weight.grad.numpy(), [[40 / 3, 80 / 3, 80 / 3]], rtol=1e-5)
    with torch.no_grad():
        critic.weight.copy_(torch.tensor([[0.6, 0.0, 0.8]]))  # ||w|| = 1
    close(gradient_penalty(critic, torch.randn(5, 3), torch.randn(5, 3)), 0.0)


def test_gradient_penalty_images_per_example():
    # critic(x) = 0.5 * sum(x^2) has gradient x_hat; with real == fake, x_hat = real
    real = torch.randn(4, 2, 3, 3)
    gp = gradient_penalty(lambda t: 0.5 * (t**2).flatten(1).sum(1), real, real.clone(), weight=2.0)
    norms = real.flatten(1).norm(dim=1).numpy().astype(np.float64)
    close(gp, 2.0 * ((norms - 1) ** 2).mean(), tol=1e-4)


# --------------------------------------------------------------------------- distillation
def test_distillation_matches_numpy():
    rng = np.random.default_rng(4)
    s, t = rng.normal(size=(3, 4)), 2 * rng.normal(size=(3, 4))
    y = np.array([0, 3, 1])
    T, alpha = 3.0, 0.7
    q, p = np_softmax(t / T, 1), np_softmax(s / T, 1)
    kl = (q * (np.log(q) - np.log(p))).sum() / 3
    ce = -np.log(np_softmax(s, 1)[np.arange(3), y]).mean()
    f32 = lambda v: torch.tensor(v, dtype=torch.float32)  # noqa: E731
    close(DistillationLoss(temperature=T, alpha=alpha)(f32(s), f32(t), torch.tensor(y)),
          alpha * T**2 * kl + (1 - alpha) * ce)
    close(DistillationLoss(temperature=T, alpha=0.0)(f32(s), f32(t), torch.tensor(y)), ce)
    close(DistillationLoss(temperature=1.0, alpha=1.0)(f32(s), f32(t), torch.tensor(y)),
          (np_softmax(t, 1) * (np.log(np_softmax(t, 1)) - np.log(np_softmax(s, 1)))).sum() / 3)


def test_distillation_same_logits_and_teacher_detached():
    torch.manual_seed(0)
    s = torch.randn(4, 5)
    teacher = s.clone().requires_grad_(True)
    y = torch.tensor([0, 1, 2, 3])
    loss = DistillationLoss(temperature=4.0, alpha=0.5)(s.requires_grad_(True), teacher, y)
    close(loss, 0.5 * F.cross_entropy(s, y))  # KL = 0
    loss.backward()
    assert teacher.grad is None


def test_distillation_soft_gradient_is_T_times_p_minus_q():
    # d/ds [T^2 KL(q || softmax(s/T))] / N = T (p - q) / N
    torch.manual_seed(0)
    s = torch.randn(3, 4, requires_grad=True)
    t = torch.randn(3, 4)
    T = 5.0
    DistillationLoss(temperature=T, alpha=1.0)(s, t, torch.zeros(3, dtype=torch.long)).backward()
    expected = T * (torch.softmax(s.detach() / T, 1) - torch.softmax(t / T, 1)) / 3
    torch.testing.assert_close(s.grad, expected, rtol=1e-5, atol=1e-7)


# --------------------------------------------------------------------------- uncertainty weighting
def test_uncertainty_value_and_gradients_by_hand():
    w = UncertaintyWeighting(num_tasks=2)
    with torch.no_grad():
        w.log_vars.copy_(torch.tensor([0.5, -1.0]))
    l1 = torch.tensor(2.0, requires_grad=True)
    l2 = torch.tensor(0.3, requires_grad=True)
    total = w([l1, l2])
    close(total, math.exp(-0.5) * 2.0 + 0.5 + math.exp(1.0) * 0.3 - 1.0)
    total.backward()
    np.testing.assert_allclose(w.log_vars.grad.numpy(), [1 - math.exp(-0.5) * 2.0, 1 - math.exp(1.0) * 0.3], rtol=1e-6)
    close(l1.grad, math.exp(-0.5))
    close(l2.grad, math.exp(1.0))
    close(w(torch.tensor([2.0, 0.3])), total)  # a tensor works as well as a list


def test_uncertainty_stationary_at_log_loss():
    w = UncertaintyWeighting(num_tasks=3)
    L = torch.tensor([0.2, 1.0, 7.0])
    with torch.no_grad():
        w.log_vars.copy_(L.log())
    w(L).backward()
    torch.testing.assert_close(w.log_vars.grad, torch.zeros(3), atol=1e-6, rtol=0)
    torch.testing.assert_close(w.weights(), 1 / L)


def test_uncertainty_weights_move_only_when_optimized():
    (_, _, (s1, s2)), = train_two_tasks(steps=100, record=(100,))
    assert abs(s1) > 0.1 and s1 < s2  # the precise task gets the larger weight exp(-s)
    (_, _, frozen), = train_two_tasks(steps=20, learn_weights=False, record=(20,))
    assert frozen == [0.0, 0.0]
