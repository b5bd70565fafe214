import torch
from torch import nn

torch.manual_seed(0)
T, N, C = 5, 2, 4
logits = torch.randn(T, N, C)  # (T, N, C) raw network outputs / 网络的原始输出
targets = torch.tensor([[1, 2], [3, 3]])
input_lengths = torch.tensor([5, 5])
target_lengths = torch.tensor([2, 2])
ctc = nn.CTCLoss(reduction="none")

# Right: log_softmax over the class dimension / 正确：在类别维上做 log_softmax
print("log_softmax:  ", ctc(logits.log_softmax(dim=2), targets, input_lengths, target_lengths))
# Wrong, and silent: probabilities or raw logits give a NEGATIVE "loss"
# 错误且不报错：传入概率或原始 logits 会得到负的“损失”
print("softmax:      ", ctc(logits.softmax(dim=2), targets, input_lengths, target_lengths))
print("raw logits:   ", ctc(logits, targets, input_lengths, target_lengths))
# Wrong dimension for log_softmax: normalises over time instead of classes
# log_softmax 的维度错了：在时间维而不是类别维上归一化
print("log_softmax(0):", ctc(logits.log_softmax(dim=0), targets, input_lengths, target_lengths))

# Batch-first (N, T, C) instead of (T, N, C) / 批量在前 (N, T, C) 而不是 (T, N, C)
try:
    ctc(logits.log_softmax(2).transpose(0, 1), targets, input_lengths, target_lengths)
except RuntimeError as e:
    print("RuntimeError:", e)

# Lengths that do not fit the tensors (the text after "(while" names the kernel)
# 长度与张量不符（"(while" 之后的文字是内核名，随设备而变）
for il, tl in ((torch.tensor([6, 5]), target_lengths), (input_lengths, torch.tensor([3, 2]))):
    try:
        ctc(logits.log_softmax(2), targets, il, tl)
    except RuntimeError as e:
        print("RuntimeError:", str(e).split(" (while")[0])
