import torch
import torch.nn.functional as F

a = torch.tensor([100.0, 101.0, 102.0])
b = torch.tensor([-100.0, -50.0, 100.0])

# Naive softmax: exp overflows float32 above about 88.7 / 朴素写法：exp 超过约 88.7 就上溢
print("exp(a):", torch.exp(a))
print("naive softmax(a):", torch.exp(a) / torch.exp(a).sum())
print("naive softmax(b):", torch.exp(b) / torch.exp(b).sum())
print("naive log-softmax(b):", torch.log(torch.exp(b) / torch.exp(b).sum()))

# Subtract the max first: same result in exact arithmetic, no overflow / 先减去最大值
def stable_softmax(x):
    e = torch.exp(x - x.max())
    return e / e.sum()


print("max-subtracted softmax(a):", stable_softmax(a))
print("torch.softmax(a):         ", torch.softmax(a, dim=0))
print("torch.softmax(b):         ", torch.softmax(b, dim=0))

# LogSumExp: log(sum(exp(x))) = m + log(sum(exp(x - m))), m = max(x)
m = a.max()
print("naive logsumexp(a):", torch.log(torch.exp(a).sum()))
print("m + log(sum(exp(a - m))):", m + torch.log(torch.exp(a - m).sum()))
print("torch.logsumexp(a):      ", torch.logsumexp(a, dim=0))
# log-softmax = x - logsumexp(x), never through exp(x) itself / 对数 softmax 不经过 exp(x)
print("b - logsumexp(b):", b - torch.logsumexp(b, dim=0))
print("F.log_softmax(b):", F.log_softmax(b, dim=0))

# CrossEntropyLoss works on logits with the same trick / 交叉熵在 logits 上用同样的技巧
logits = torch.stack([a, b])
target = torch.tensor([0, 0])
naive_p = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
print("naive -log(p[target]):", -torch.log(naive_p[torch.arange(2), target]))
print("F.cross_entropy(reduction='none'):", F.cross_entropy(logits, target, reduction="none"))
