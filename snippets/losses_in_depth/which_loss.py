import torch
from torch import nn
import torch.nn.functional as F

torch.manual_seed(0)
N, C, D = 4, 3, 5  # batch, classes, feature size / 批量、类别数、特征维度


def show(task, loss_fn, *args):
    # shape and dtype of each argument / 每个参数的形状和 dtype
    shapes = ", ".join(f"{tuple(a.shape)} {str(a.dtype)[6:]}" for a in args)
    print(f"{task:15s} {type(loss_fn).__name__:24s} {shapes:56s} {loss_fn(*args):.4f}")


print(f"{'task':15s} {'loss':24s} {'arguments (input, target, ...)':56s} value")
pred, y = torch.randn(N), torch.randn(N)
show("regression", nn.MSELoss(), pred, y)
show("outliers", nn.HuberLoss(delta=1.0), pred, y)
show("binary", nn.BCEWithLogitsLoss(), torch.randn(N), torch.randint(0, 2, (N,)).float())
show("multiclass", nn.CrossEntropyLoss(), torch.randn(N, C), torch.randint(0, C, (N,)))
multi_hot = torch.randint(0, 2, (N, C)).float()
z = torch.randn(N, C)
show("multilabel", nn.BCEWithLogitsLoss(), z, multi_hot)
show("segmentation", nn.CrossEntropyLoss(), torch.randn(N, C, 8, 8), torch.randint(0, C, (N, 8, 8)))
a, p, n = torch.randn(N, D), torch.randn(N, D), torch.randn(N, D)
show("metric", nn.TripletMarginLoss(margin=1.0), a, p, n)
show("ranking", nn.MarginRankingLoss(margin=0.5), torch.randn(N), torch.randn(N), torch.tensor([1.0, -1.0, 1.0, -1.0]))
# CTC: log-probs (T, N, C) with class 0 = blank / CTC：第 0 类是空白符
T, S = 12, 4
log_probs = torch.randn(T, N, C).log_softmax(dim=2)
targets = torch.randint(1, C, (N, S))
show("sequence", nn.CTCLoss(blank=0), log_probs, targets, torch.full((N,), T), torch.full((N,), S))
# KL: input log-probabilities, target probabilities / 输入是对数概率，目标是概率
show("distribution", nn.KLDivLoss(reduction="batchmean"), torch.randn(N, C).log_softmax(1), torch.randn(N, C).softmax(1))
# Poisson: the input is the log of the rate / 输入是速率的对数
show("count", nn.PoissonNLLLoss(log_input=True), torch.randn(N), torch.poisson(torch.full((N,), 3.0)))
# GaussianNLL: predicted mean and predicted variance (> 0) / 预测均值和方差（> 0）
show("heteroscedastic", nn.GaussianNLLLoss(), torch.randn(N, 1), torch.randn(N, 1), F.softplus(torch.randn(N, 1)))
