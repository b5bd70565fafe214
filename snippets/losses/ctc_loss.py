import torch
from torch import nn

torch.manual_seed(0)
T, N, C = 6, 3, 4  # frames, batch, classes incl. blank 0 / 帧数、批量、类别数（含空白 0）
logits = torch.randn(T, N, C, requires_grad=True)
log_probs = logits.log_softmax(dim=2)  # (T, N, C) log-probabilities / 对数概率

# Padded targets (N, S): entries past target_lengths are never read
# 填充形式 (N, S)：超出 target_lengths 的位置不会被读取
targets = torch.tensor([[1, 2, 2],
                        [3, 1, 0],
                        [2, 0, 0]])
input_lengths = torch.tensor([6, 6, 4])  # sample 2 uses only its first 4 frames
target_lengths = torch.tensor([3, 2, 1])

none = nn.CTCLoss(reduction="none")(log_probs, targets, input_lengths, target_lengths)
total = nn.CTCLoss(reduction="sum")(log_probs, targets, input_lengths, target_lengths)
mean = nn.CTCLoss()(log_probs, targets, input_lengths, target_lengths)  # blank=0, reduction="mean"
print("none:", none.detach())
print("sum: ", total.detach(), "| none.sum():", none.sum().detach())
print("mean:", mean.detach(), "| (none / target_lengths).mean():", (none / target_lengths).mean().detach())
print("none.mean() is NOT 'mean':", none.mean().detach())

# Concatenated targets (sum(target_lengths),): same losses, no padding needed
# 拼接形式 (sum(target_lengths),)：损失相同，不需要填充
concat = torch.cat([targets[i, :length] for i, length in enumerate(target_lengths.tolist())])
print("concatenated:", concat)
none_concat = nn.CTCLoss(reduction="none")(log_probs, concat, input_lengths, target_lengths)
print("same losses:", torch.allclose(none_concat, none))
# Changing the padding value changes nothing / 改变填充值不影响结果
padded_other = torch.tensor([[1, 2, 2], [3, 1, 3], [2, 3, 3]])
print("other padding:", torch.allclose(
    nn.CTCLoss(reduction="none")(log_probs, padded_other, input_lengths, target_lengths), none))

# An empty target (length 0): the only alignment is all blanks, and "mean"
# divides by max(target_length, 1) / 空目标：唯一的对齐是全空白，"mean" 除以 max(长度, 1)
empty_lengths = torch.tensor([3, 2, 0])
none_empty = nn.CTCLoss(reduction="none")(log_probs, targets, input_lengths, empty_lengths)
print("empty target:", none_empty[2].detach(), "| -sum log p(blank):", -log_probs[:4, 2, 0].sum().detach())
print("mean:", nn.CTCLoss()(log_probs, targets, input_lengths, empty_lengths).detach(),
      "| (none / lengths.clamp(min=1)).mean():", (none_empty / empty_lengths.clamp(min=1)).mean().detach())

# Gradient w.r.t. the logits = softmax - (posterior of each class at each frame)
# 对 logits 的梯度 = softmax −（每帧每类的后验占用概率）
total.backward()
print("grad, sample 2, frames 4-5 (past its length):", logits.grad[4:, 2])
print("grad sums over classes, sample 0:", logits.grad[:, 0].sum(dim=1).abs().max().item() < 1e-5)


def figure_ctc_gradient(lang="zh"):
    import matplotlib.pyplot as plt

    # Sample 0 above: target "a b b" (1, 2, 2) in T = 6 frames
    # 上面的样本 0：目标 "a b b"（1, 2, 2），共 T = 6 帧
    lg = logits.detach()[:, 0].clone().requires_grad_()
    lp = lg.log_softmax(dim=1)
    loss = nn.CTCLoss(reduction="sum")(lp, targets[0], torch.tensor(T), torch.tensor(3))
    (grad,) = torch.autograd.grad(loss, lg)
    posterior = (lp.exp() - grad).detach()  # softmax - gradient / softmax 减去梯度
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    names = [{"zh": "空白", "en": "blank"}[lang], "a", "b", "c"]
    im1 = ax1.imshow(posterior.T.numpy(), aspect="auto", vmin=0, vmax=1)
    im2 = ax2.imshow(grad.T.numpy(), aspect="auto", vmin=-1, vmax=1)
    fig.colorbar(im1, ax=ax1)
    fig.colorbar(im2, ax=ax2)
    for ax in (ax1, ax2):
        ax.set_yticks(range(C), names)
        ax.set_xticks(range(T))
        ax.set_xlabel({"zh": "帧 t", "en": "frame t"}[lang])
        ax.grid(False)
    ax1.set_title({"zh": "后验占用概率（目标 a b b）", "en": "posterior occupancy (target a b b)"}[lang])
    ax2.set_title({"zh": "CTC 对 logits 的梯度", "en": "CTC gradient w.r.t. the logits"}[lang])
    return fig
