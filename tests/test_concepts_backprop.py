"""The 2-2-2 backprop page: every hand-derived gradient equals autograd's.

Nothing is imported from the page or its snippets. The gradients are derived
again here in matrix form (numpy), checked against autograd and against finite
differences, and then the numbers the snippets really print are parsed and
compared with them. ``test_the_check_can_fail`` feeds the same comparison a
wrong derivation, so a check that passes everything would be caught.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "snippets" / "concepts"
TOL = 1e-6

X = np.array([0.05, 0.10])
T = np.array([0.01, 0.99])
W1 = np.array([[0.15, 0.20], [0.25, 0.30]])  # rows: h1, h2
W2 = np.array([[0.40, 0.45], [0.50, 0.55]])  # rows: o1, o2
B1, B2 = 0.35, 0.60
NAMES = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2"]


def sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def hand_gradients(sigmoid_prime=lambda s: s * (1 - s), half=True) -> dict[str, float]:
    """Backprop in matrix form: delta_o = dE/dnet_o, delta_h = W2^T delta_o * s'(h)."""
    h = sig(W1 @ X + B1)
    o = sig(W2 @ h + B2)
    d_out = (o - T) if half else 2 * (o - T)
    delta_o = d_out * sigmoid_prime(o)
    delta_h = (W2.T @ delta_o) * sigmoid_prime(h)
    gw1, gw2 = np.outer(delta_h, X), np.outer(delta_o, h)
    flat = list(gw1.ravel()) + list(gw2.ravel()) + [delta_h.sum(), delta_o.sum()]
    return dict(zip(NAMES, map(float, flat)))


def loss_np(w1, w2, b1, b2) -> float:
    o = sig(w2 @ sig(w1 @ X + b1) + b2)
    return float(0.5 * np.sum((T - o) ** 2))


def autograd_gradients() -> dict[str, float]:
    f64 = dict(dtype=torch.float64)
    w1 = torch.tensor(W1, **f64, requires_grad=True)
    w2 = torch.tensor(W2, **f64, requires_grad=True)
    b1 = torch.tensor(B1, **f64, requires_grad=True)
    b2 = torch.tensor(B2, **f64, requires_grad=True)
    x, t = torch.tensor(X, **f64), torch.tensor(T, **f64)
    o = torch.sigmoid(w2 @ torch.sigmoid(w1 @ x + b1) + b2)
    (0.5 * ((t - o) ** 2).sum()).backward()
    flat = w1.grad.flatten().tolist() + w2.grad.flatten().tolist() + [b1.grad.item(), b2.grad.item()]
    return dict(zip(NAMES, flat))


def numeric_gradients(eps=1e-6) -> dict[str, float]:
    params = [W1.copy(), W2.copy(), np.array(B1), np.array(B2)]
    out = []
    for p in params:
        for idx in np.ndindex(p.shape):
            old = p[idx].copy()
            p[idx] = old + eps
            up = loss_np(*params)
            p[idx] = old - eps
            down = loss_np(*params)
            p[idx] = old
            out.append((up - down) / (2 * eps))
    return dict(zip(NAMES, out))


def mismatches(a: dict[str, float], b: dict[str, float], tol: float = TOL) -> list[str]:
    assert set(a) == set(b) == set(NAMES), (sorted(a), sorted(b))
    return [k for k in NAMES if abs(a[k] - b[k]) > tol]


def test_hand_equals_autograd():
    assert mismatches(hand_gradients(), autograd_gradients()) == []


def test_hand_equals_finite_differences():
    assert mismatches(hand_gradients(), numeric_gradients()) == []


def test_the_check_can_fail():
    auto = autograd_gradients()
    # sigmoid' taken from sigmoid(s) instead of s(1 - s): every parameter is off
    wrong = hand_gradients(sigmoid_prime=lambda s: sig(s) * (1 - sig(s)))
    assert mismatches(wrong, auto) == NAMES
    # dropping the 1/2 doubles every gradient
    assert mismatches(hand_gradients(half=False), auto) == NAMES
    # one perturbed entry is caught, and only that one
    bad = dict(auto, w1=auto["w1"] + 1e-5)
    assert mismatches(bad, auto) == ["w1"]


ROW = re.compile(r"^(w[1-8]|b[12])\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)\s*$", re.M)


def test_printed_table_hand_equals_autograd(runner):
    res = runner.run(SNIPPETS / "backprop_by_hand.py")
    assert res.ok and not res.stderr, res.stderr
    assert res.stdout == (SNIPPETS / "backprop_by_hand.out").read_text(encoding="utf-8")
    rows = {m[1]: (float(m[2]), float(m[3])) for m in ROW.finditer(res.stdout)}
    assert sorted(rows) == sorted(NAMES), "the table must list every weight and bias"
    printed_hand = {k: v[0] for k, v in rows.items()}
    printed_auto = {k: v[1] for k, v in rows.items()}
    assert mismatches(printed_hand, printed_auto) == []
    # and the printed numbers are the right ones, not merely equal to each other
    assert mismatches(printed_hand, hand_gradients()) == []
    assert "max |hand - autograd| < 1e-12: True" in res.stdout


def test_printed_module_gradients(runner):
    """nn.Sequential / nn.Module version: per-unit biases sum to the shared-bias gradient."""
    res = runner.run(SNIPPETS / "backprop_modules.py")
    assert res.ok and not res.stderr, res.stderr
    grads = {}
    for name in ["0.weight", "0.bias", "2.weight", "2.bias"]:
        m = re.search(re.escape(name) + r"\s+grad: tensor\(\[([^\]]*)\]\)\s+same in the class: True", res.stdout)
        assert m, f"no gradient line for {name}"
        grads[name] = [float(v) for v in m[1].split(",")]
    hand = hand_gradients()
    printed = dict(zip(NAMES[:8], grads["0.weight"] + grads["2.weight"]))
    printed["b1"], printed["b2"] = sum(grads["0.bias"]), sum(grads["2.bias"])
    # printed with 6 decimals from float32: allow the rounding
    assert mismatches(printed, hand, tol=2e-6) == []
