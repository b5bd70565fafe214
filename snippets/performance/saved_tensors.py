import torch
from torch import nn

torch.manual_seed(0)
linear = nn.Linear(4, 4)
x = torch.randn(2, 4)


def what_is_saved(act):
    """Which tensors does autograd keep for the activation's backward?
    / 激活函数的反向传播保存了哪些张量？"""
    z = linear(x)  # pre-activation, part of the graph / 预激活，在计算图中
    z_ptr = z.untyped_storage().data_ptr()
    z_values = z.detach().clone()
    saved = []

    def pack(t):
        saved.append(t)
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        y = act(z)
    found = []
    for t in saved:
        ptr = t.untyped_storage().data_ptr()
        if ptr == y.untyped_storage().data_ptr():
            found.append("output" + (" (in z's memory)" if ptr == z_ptr else ""))
        elif ptr == z_ptr:
            found.append("input z")
        elif torch.equal(t, z_values):
            found.append("a copy of z")
        else:
            found.append("another tensor")
    return found


for cls in (nn.ReLU, nn.LeakyReLU, nn.ELU, nn.SiLU):
    for inplace in (False, True):
        print(f"{cls.__name__:9s} inplace={inplace!s:5s} saves: {', '.join(what_is_saved(cls(inplace=inplace)))}")
