import torch
from torch import nn

x = torch.tensor([[2.0, 0.5, -1.0, 0.0],
                  [0.1, 0.2, 3.0, -0.5],
                  [-1.0, 2.5, 0.3, 0.3]])  # logits, N = 3, C = 4
y = torch.tensor([0, 2, 3])                # class indices / 类别索引
w = torch.tensor([1.0, 1.0, 2.0, 0.5])     # class weights / 类别权重
log_p = torch.log_softmax(x, dim=1)
N, C = x.shape

# 1) Class probabilities as target (float, shape (N, C)): l_n = -sum_c w_c y_nc log p_nc
# 1) 以类别概率为目标（浮点，形状 (N, C)）
probs = torch.tensor([[0.7, 0.2, 0.1, 0.0],
                      [0.0, 0.0, 1.0, 0.0],
                      [0.1, 0.1, 0.3, 0.5]])
print("probs target, none: ", nn.CrossEntropyLoss(reduction="none")(x, probs))
print("by hand:            ", -(probs * log_p).sum(dim=1))
# 'mean' divides by N here, even with weights / 这里 'mean' 除以 N，即使有权重
print("probs + weight, mean:", nn.CrossEntropyLoss(weight=w)(x, probs),
      " by hand:", -(w * probs * log_p).sum() / N)

# 2) One-hot targets: same per-sample loss as indices, different weighted mean
# 2) 独热目标：逐样本损失与索引目标相同，加权 mean 不同
onehot = nn.functional.one_hot(y, C).float()
print("indices vs one-hot, mean:         ",
      nn.CrossEntropyLoss()(x, y), nn.CrossEntropyLoss()(x, onehot))
print("indices vs one-hot, weighted mean:",
      nn.CrossEntropyLoss(weight=w)(x, y), nn.CrossEntropyLoss(weight=w)(x, onehot))

# 3) label_smoothing=eps with indices: (1 - eps) * nll + eps / C * smooth,
#    smooth_n = -sum_c w_c log p_nc; 'mean' divides both parts by sum of w[y_n] (not ignored)
# 3) 索引目标的 label_smoothing：两部分都除以未忽略样本的 w[y_n] 之和
eps = 0.1
y_ign = torch.tensor([0, 2, -100])
keep = y_ign != -100
nll = -(w[y_ign[keep]] * log_p[keep, y_ign[keep]]).sum()
smooth = -(w * log_p[keep]).sum()
hand = ((1 - eps) * nll + eps / C * smooth) / w[y_ign[keep]].sum()
module = nn.CrossEntropyLoss(weight=w, label_smoothing=eps)(x, y_ign)
print("smoothing, indices, weight, ignore:", module, " by hand:", hand)

# 4) label_smoothing with probabilities: target becomes (1 - eps) * y + eps / C
# 4) 概率目标的 label_smoothing：目标变成 (1 - eps) * y + eps / C
smoothed = (1 - eps) * probs + eps / C
print("smoothing, probs:", nn.CrossEntropyLoss(label_smoothing=eps)(x, probs),
      " by hand:", -(smoothed * log_p).sum() / N)
