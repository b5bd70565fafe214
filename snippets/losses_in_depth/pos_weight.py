import torch
import torch.nn.functional as F

torch.manual_seed(0)

# Binary labels: 2 positives, 8 negatives / 二元标签：2 个正例，8 个负例
y = torch.tensor([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0])
n_pos = y.sum()
n_neg = len(y) - n_pos
pos_weight = n_neg / n_pos  # 8 / 2 = 4
print(f"n_pos={n_pos:.0f}  n_neg={n_neg:.0f}  pos_weight = n_neg / n_pos = {pos_weight:.1f}")

# What it does: multiplies the loss of each positive, leaves negatives alone
# 作用：每个正例的损失乘以 pos_weight，负例不变
z = torch.tensor([0.5, -1.0, 0.2, -2.0, -0.3, -1.5, 0.8, -0.7, -2.5, 0.1])
plain = F.binary_cross_entropy_with_logits(z, y, reduction="none")
weighted = F.binary_cross_entropy_with_logits(z, y, pos_weight=pos_weight, reduction="none")
print("weighted / plain:", weighted / plain)
print(f"total weight of positives: {pos_weight * n_pos:.1f}, of negatives: {n_neg:.1f}")
print(f"mean divides by N=10: {weighted.mean():.4f} == {F.binary_cross_entropy_with_logits(z, y, pos_weight=pos_weight):.4f}")


def best_constant_logit(pw):
    # The constant logit s that minimises the mean loss on these labels / 在这组标签上使平均损失最小的常数 logit
    s = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([s], max_iter=100, tolerance_grad=1e-12, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(s.expand(10), y.double(), pos_weight=pw.double())
        loss.backward()
        return loss

    opt.step(closure)
    return s.detach()


s0 = best_constant_logit(torch.tensor(1.0))
s4 = best_constant_logit(pos_weight)
print(f"best constant, no pos_weight: sigmoid(s) = {torch.sigmoid(s0).item():.4f}  (fraction of positives)")
print(f"best constant, pos_weight=4:  sigmoid(s) = {torch.sigmoid(s4).item():.4f}")
print(f"shift of the logit: {(s4 - s0).item():.4f}  log(pos_weight) = {pos_weight.log().item():.4f}")
print(f"sigmoid(s - log(pos_weight)) = {torch.sigmoid(s4 - pos_weight.log()).item():.4f}")

# Multilabel: one pos_weight per label, from the counts of its column
# 多标签：每个标签一个 pos_weight，由它那一列的计数得到
Y = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
pos = Y.sum(dim=0)
print("positives per label:", pos, " pos_weight per label:", (len(Y) - pos) / pos)
