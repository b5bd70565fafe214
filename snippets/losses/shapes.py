import torch
from torch import nn

torch.manual_seed(0)
N, C = 4, 3  # batch size, number of classes / 批量大小、类别数

cases = {
    # name: (loss, input, target)
    "MSELoss": (nn.MSELoss(reduction="none"), torch.randn(N, 2), torch.randn(N, 2)),
    "CrossEntropyLoss (indices)": (
        nn.CrossEntropyLoss(reduction="none"), torch.randn(N, C), torch.tensor([0, 2, 1, 2])),
    "CrossEntropyLoss (probs)": (
        nn.CrossEntropyLoss(reduction="none"), torch.randn(N, C), torch.softmax(torch.randn(N, C), dim=1)),
    "CrossEntropyLoss (N,C,H,W)": (
        nn.CrossEntropyLoss(reduction="none"), torch.randn(N, C, 5, 5), torch.randint(0, C, (N, 5, 5))),
    "BCEWithLogitsLoss": (
        nn.BCEWithLogitsLoss(reduction="none"), torch.randn(N, C), torch.randint(0, 2, (N, C)).float()),
    "KLDivLoss": (
        nn.KLDivLoss(reduction="none"), torch.log_softmax(torch.randn(N, C), dim=1),
        torch.softmax(torch.randn(N, C), dim=1)),
}
print(f"{'loss':28} {'input':18} {'target':28} {'none -> output'}")
for name, (loss, inp, tgt) in cases.items():
    out = loss(inp, tgt)
    print(f"{name:28} {str(tuple(inp.shape)):18} "
          f"{str(tuple(tgt.shape)) + ' ' + str(tgt.dtype).replace('torch.', ''):28} {tuple(out.shape)}")
