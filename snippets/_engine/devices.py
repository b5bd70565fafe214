"""Make an accelerator the default device for a snippet run, with CPU random numbers.

``activate("cuda")`` is called in the forked child before a snippet runs on a
GPU. It does two things:

1. ``torch.set_default_device("cuda")``: tensors and module parameters that
   the snippet creates land on the GPU without changing the snippet.
2. Random numbers are drawn on the CPU and then moved to the GPU. A CUDA
   generator (Philox) gives different numbers from the CPU's Mersenne Twister
   for the same seed, so without this a seeded ``torch.randn(3)`` would print
   different values on the two devices and nothing could be compared. Every
   random op listed in :data:`RANDOM_OPS` (factories, in-place samplers used by
   ``nn.init``, dropout, RReLU) runs on CPU copies of its tensor arguments and
   its result is moved back, so CPU and GPU runs see the same numbers.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_map

T = torch.Tensor
RANDOM_OPS = {
    torch.randn, torch.rand, torch.randint, torch.randperm, torch.normal,
    torch.bernoulli, torch.multinomial, torch.poisson,
    torch.randn_like, torch.rand_like, torch.randint_like,
    torch.rrelu, F.rrelu, F.dropout, F.dropout1d, F.dropout2d, F.dropout3d,
    F.alpha_dropout, F.feature_alpha_dropout,
    T.bernoulli, T.multinomial,
}
INPLACE_RANDOM_OPS = {
    T.uniform_, T.normal_, T.bernoulli_, T.random_, T.exponential_,
    T.cauchy_, T.log_normal_, T.geometric_, torch.rrelu_, F.rrelu_,
}


def _to_cpu(x):
    if isinstance(x, torch.Tensor):
        return x.cpu()
    if isinstance(x, torch.device) or (isinstance(x, str) and x.split(":")[0] in ("cuda", "mps")):
        return torch.device("cpu")
    return x


class CpuRandom(TorchFunctionMode):
    def __init__(self, device: str):
        super().__init__()
        self.device = torch.device(device)

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func in INPLACE_RANDOM_OPS:
            target = args[0]
            tmp = target.detach().cpu()
            func(tmp, *tree_map(_to_cpu, args[1:]), **tree_map(_to_cpu, kwargs))
            with torch.no_grad():
                target.copy_(tmp)
            return target
        if func in RANDOM_OPS:
            dev = kwargs.get("device")
            for a in args:
                if isinstance(a, torch.Tensor):
                    dev = dev or a.device
                    break
            dev = torch.device(dev) if dev is not None else self.device
            with torch.device("cpu"):
                out = func(*tree_map(_to_cpu, args), **tree_map(_to_cpu, kwargs))
            return tree_map(lambda t: t.to(dev) if isinstance(t, torch.Tensor) else t, out)
        return func(*args, **kwargs)


def activate(device: str) -> None:
    torch.set_default_device(device)
    CpuRandom(device).__enter__()  # stays active for the rest of the child's life


def available() -> list[str]:
    """Accelerators present on this machine, in the order the suite runs them."""
    found = []
    if torch.cuda.is_available():
        found.append("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        found.append("mps")
    return found
