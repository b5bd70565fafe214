"""The experiments' own code: determinism and the inline losses/metrics.

(Page rules -- numbers in prose, zh/en parity -- are site-wide: tests/test_pages.py.)

* Every experiment trains for seconds on several seeds, so it pins determinism
  (deterministic algorithms, one thread, a seed, float64): its golden file must
  depend neither on the machine's thread count nor on its CPU (float32 golden files
  made on an Intel Xeon differed in the third decimal on an AMD EPYC;
  ``scripts/check_portability.py`` reruns a snippet under other kernel paths).
* The losses and metrics that the snippets implement inline (focal loss, Kendall
  uncertainty weighting, Dice loss, IoU/Dice scores) are checked against values
  computed independently. The functions are taken out of the snippet source with
  ``ast`` so the experiments themselves (seconds of training) do not run here.
"""
from __future__ import annotations

import ast
import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[1]
SNIPPETS = ROOT / "snippets" / "experiments"


@pytest.mark.parametrize("snippet", sorted(SNIPPETS.glob("*.py")), ids=lambda p: p.name)
def test_snippets_pin_determinism(snippet):
    src = snippet.read_text(encoding="utf-8")
    assert "torch.use_deterministic_algorithms(True" in src
    assert "torch.set_num_threads(1)" in src
    assert "torch.manual_seed(" in src
    assert "torch.set_default_dtype(torch.float64)" in src, f"{snippet}: train in float64 (see the chapter's introduction)"
    assert "torch.float32" not in src and ".float()" not in src, f"{snippet}: a float32 tensor in a float64 experiment"


# --------------------------------------------------------------------------- inline code
def load(snippet: str, *names: str) -> dict:
    """Execute only the named top-level functions (and simple constants) of a snippet."""
    path = SNIPPETS / snippet
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keep = [
        node for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        or (isinstance(node, ast.FunctionDef) and node.name in names)
        or (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant))
        or (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
            and isinstance(node.value, ast.Tuple)
            and all(isinstance(e, ast.Constant) for e in node.value.elts))
    ]
    ns: dict = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), str(path), "exec"), ns)
    missing = [n for n in names if n not in ns]
    assert not missing, f"{snippet} has no function {missing}"
    return ns


def test_focal_loss_is_cross_entropy_at_gamma_0():
    focal = load("imbalanced.py", "focal_loss")["focal_loss"]
    torch.manual_seed(0)
    logits, target = torch.randn(50, 10), torch.randint(0, 10, (50,))
    assert torch.allclose(focal(logits, target, gamma=0.0), F.cross_entropy(logits, target), atol=1e-6)


def test_focal_loss_matches_numpy():
    focal = load("imbalanced.py", "focal_loss")["focal_loss"]
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(20, 4)) * 3
    target = rng.integers(0, 4, size=20)
    e = np.exp(logits - logits.max(1, keepdims=True))
    p = e / e.sum(1, keepdims=True)
    pt = p[np.arange(20), target]
    expected = np.mean(-((1 - pt) ** 2) * np.log(pt))
    got = focal(torch.tensor(logits), torch.tensor(target), gamma=2.0)
    assert float(got) == pytest.approx(expected, rel=1e-10)
    # two equal logits: p_t = 1/2, loss = (1/2)^2 ln 2
    assert float(focal(torch.zeros(1, 2), torch.tensor([1]))) == pytest.approx(0.25 * math.log(2))


def test_uncertainty_weighting_formula_and_minimum():
    fn = load("multitask.py", "uncertainty_weighted")["uncertainty_weighted"]
    L = torch.tensor([0.5, 2.0])
    s = torch.tensor([0.3, -0.7], requires_grad=True)
    val = fn(L, s)
    expected = sum(math.exp(-si) * li + si for li, si in zip([0.5, 2.0], [0.3, -0.7]))
    assert float(val.detach()) == pytest.approx(expected, rel=1e-6)
    # for fixed L_i the minimum over s_i is at s_i = log L_i, i.e. weight 1 / L_i
    s_opt = torch.log(L).requires_grad_(True)
    (g,) = torch.autograd.grad(fn(L, s_opt), s_opt)
    assert torch.allclose(g, torch.zeros(2), atol=1e-6)


@pytest.mark.skipif(not (SNIPPETS / "segmentation_toy.py").exists(), reason="no segmentation snippet")
def test_dice_loss_and_scores():
    ns = load("segmentation_toy.py", "dice_loss", "scores")
    dice_loss, scores = ns["dice_loss"], ns["scores"]
    C = ns["C"]
    masks = torch.zeros(2, 4, 4, dtype=torch.long)
    masks[0, :2, :2] = 1
    masks[1, 2:, 2:] = 2
    # perfect, confident logits: Dice close to 1 for every class, loss close to 0
    logits = 50 * F.one_hot(masks, C).permute(0, 3, 1, 2).float()
    assert float(dice_loss(logits, masks)) == pytest.approx(0.0, abs=1e-6)
    # uniform probabilities: per class (2 * sum(g) / C + eps) / (N*H*W / C + sum(g) + eps)
    uniform = torch.zeros(2, C, 4, 4)
    g = torch.bincount(masks.reshape(-1), minlength=C).double()
    n = masks.numel()
    dice = (2 * g / C + 1) / (n / C + g + 1)
    assert float(dice_loss(uniform, masks)) == pytest.approx(float(1 - dice.mean()), rel=1e-6)
    # IoU / Dice over the whole set, counted by hand
    pred = masks.clone()
    pred[0, 0, 0] = 0  # one disc pixel missed
    pred[1, 0, 0] = 2  # one false square pixel
    iou, dsc = scores(pred, masks)
    assert iou[1] == pytest.approx(3 / 4) and dsc[1] == pytest.approx(2 * 3 / (3 + 4))
    assert iou[2] == pytest.approx(4 / 5) and dsc[2] == pytest.approx(2 * 4 / (5 + 4))
    bg_true, bg_pred = (masks == 0).sum().item(), (pred == 0).sum().item()
    bg_inter = ((masks == 0) & (pred == 0)).sum().item()
    assert iou[0] == pytest.approx(bg_inter / (bg_true + bg_pred - bg_inter))
    # a class absent from prediction and ground truth everywhere is nan, not 0 or 1
    iou, dsc = scores(torch.zeros(1, 4, 4, dtype=torch.long), torch.zeros(1, 4, 4, dtype=torch.long))
    assert iou[0] == 1.0 and math.isnan(iou[1]) and math.isnan(dsc[2])


def test_imbalance_experiment_uses_several_seeds():
    """losses_in_depth/imbalanced reports recall over seeds, never a single run."""
    out = (ROOT / "snippets" / "losses_in_depth" / "imbalanced.out").read_text(encoding="utf-8")
    m = re.search(r"mean ± std over (\d+) seeds", out)
    assert m and int(m.group(1)) >= 5, "report the imbalance experiment over at least 5 seeds"
    assert out.count("±") >= 15, "every recall is reported as mean ± std"
