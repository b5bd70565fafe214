import warnings

import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(4, 3)                # 4 samples, 3 classes / 4 个样本，3 个类别
y = torch.tensor([0, 2, 1, 2])       # class indices / 类别索引
w = torch.tensor([1.0, 2.0, 3.0])    # one weight per class / 每个类别一个权重
y_ign = torch.tensor([0, -100, 1, 2])  # sample 1 is ignored / 忽略样本 1
p = torch.sigmoid(x)
t = torch.rand(4, 3)                 # soft targets in [0, 1] / [0, 1] 内的软目标
log_q = F.log_softmax(x, dim=1)
q_target = F.softmax(torch.randn(4, 3), dim=1)


def row(name, mean, none, rule, by_rule):
    # 'mean' next to the plain mean of the 'none' output and the rule's value
    # 'mean' 与 'none' 输出的普通平均值、按规则算出的值并列
    print(f"{name:30s} {mean.item():>6.4f}  {none.mean().item():>11.4f}  {by_rule.item():>7.4f}  {rule}")


print(f"{'loss':30s} 'mean'  none.mean()  by rule  rule")

# 'mean' = none.mean(): element-wise losses, also with weight
# 'mean' = none.mean()：逐元素的损失，带 weight 也一样
none = F.l1_loss(p, t, reduction="none")
row("l1_loss", F.l1_loss(p, t), none, "sum / numel", none.sum() / none.numel())
none = F.binary_cross_entropy(p, t, weight=w, reduction="none")
row("binary_cross_entropy(weight)", F.binary_cross_entropy(p, t, weight=w), none,
    "sum / numel", none.sum() / none.numel())
# one loss per sample: none has shape (N,) / 每个样本一个损失：none 的形状是 (N,)
none = F.multi_margin_loss(x, y, weight=w, reduction="none")
row("multi_margin_loss(weight)", F.multi_margin_loss(x, y, weight=w), none,
    "sum / N", none.sum() / 4)

# Class-index targets with weight or ignore_index: sum / sum of w[y_n] over kept targets
# 类别索引目标带 weight 或 ignore_index：除以未被忽略的目标的 w[y_n] 之和
none = F.cross_entropy(x, y, weight=w, reduction="none")
row("cross_entropy(weight)", F.cross_entropy(x, y, weight=w), none,
    "sum / sum(w[y])", none.sum() / w[y].sum())
none = F.cross_entropy(x, y_ign, reduction="none")
row("cross_entropy(ignore_index)", F.cross_entropy(x, y_ign), none,
    "sum / kept", none.sum() / 3)
kept = y_ign[y_ign != -100]
none = F.nll_loss(log_q, y_ign, weight=w, reduction="none")
row("nll_loss(weight, ignore_index)", F.nll_loss(log_q, y_ign, weight=w), none,
    "sum / sum(w[y kept])", none.sum() / w[kept].sum())

# CTC: each loss divided by its target length, then the mean over the batch
# CTC：每个损失先除以自己的目标长度，再对批量求平均
log_probs = torch.randn(8, 2, 5).log_softmax(dim=2)  # (T, N, C)
targets = torch.tensor([[1, 2, 3, 4], [2, 2, 0, 0]])
input_lengths, target_lengths = torch.tensor([8, 8]), torch.tensor([4, 2])
none = F.ctc_loss(log_probs, targets, input_lengths, target_lengths, reduction="none")
row("ctc_loss", F.ctc_loss(log_probs, targets, input_lengths, target_lengths), none,
    "mean(none / target_lengths)", (none / target_lengths).mean())

# KLDiv: 'mean' divides by numel (and warns); 'batchmean' divides by N
# KLDiv：'mean' 除以元素个数（并发出警告）；'batchmean' 除以 N
none = F.kl_div(log_q, q_target, reduction="none")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the warning is shown on the KLDivLoss page / 警告见 KLDivLoss 一节
    row("kl_div", F.kl_div(log_q, q_target), none, "sum / numel", none.sum() / none.numel())
row("kl_div, reduction='batchmean'", F.kl_div(log_q, q_target, reduction="batchmean"), none,
    "sum / N", none.sum() / 4)
