import torch
import torch.nn.functional as F


def backward_nodes(y):
    """The autograd nodes that backward() will run, from the output back
    / backward() 要执行的反向节点，从输出往回"""
    names, todo, seen = [], [y.grad_fn], set()
    while todo:
        fn = todo.pop(0)
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        if type(fn).__name__ != "AccumulateGrad":  # the step that writes .grad / 写入 .grad 的一步
            names.append(type(fn).__name__)
        todo += [f for f, _ in fn.next_functions]
    return ", ".join(names)


z = torch.zeros(2, 3, requires_grad=True)
t = torch.tensor([0, 2])
# The same nodes: cross_entropy is log_softmax followed by nll_loss
# 节点相同：cross_entropy 就是 log_softmax 之后接 nll_loss
print("F.cross_entropy:       ", backward_nodes(F.cross_entropy(z, t)))
print("log_softmax + nll_loss:", backward_nodes(F.nll_loss(F.log_softmax(z, dim=1), t)))

# Element-wise: one node for a fused function, one per operation for a composite
# 逐元素函数：融合实现一个节点，组合写法每个操作一个节点
x = torch.zeros(3, requires_grad=True)
print("F.silu:                ", backward_nodes(F.silu(x)))
print("x * torch.sigmoid(x):  ", backward_nodes(x * torch.sigmoid(x)))
print("F.mish:                ", backward_nodes(F.mish(x)))
print("x * tanh(softplus(x)): ", backward_nodes(x * torch.tanh(F.softplus(x))))
