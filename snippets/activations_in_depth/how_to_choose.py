import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

# 1. Measured properties behind the advice / 建议背后的实测性质
ACTS = {
    "Sigmoid": nn.Sigmoid(), "Tanh": nn.Tanh(), "ReLU": nn.ReLU(),
    "LeakyReLU": nn.LeakyReLU(), "ELU": nn.ELU(), "GELU": nn.GELU(),
    "SiLU": nn.SiLU(), "Mish": nn.Mish(), "Softplus": nn.Softplus(),
}
x = torch.linspace(-10, 10, 20001, dtype=torch.float64, requires_grad=True)
i5 = int(torch.argmin((x + 5).abs()))  # grid index of x = -5 / x = -5 的网格下标
zero = torch.zeros(1, dtype=torch.float64)
eps = torch.tensor([-1e-8, 1e-8], dtype=torch.float64, requires_grad=True)
print("             f(0)    range on [-10, 10]   max f'   f'(-5)      f' jump at 0")
for name, act in ACTS.items():
    y = act(x)
    (g,) = torch.autograd.grad(y.sum(), x)
    (ge,) = torch.autograd.grad(act(eps).sum(), eps)  # f' just left and right of 0
    print(f"{name:10s} {act(zero).item():7.4f}   [{y.min().item():8.4f}, {y.max().item():7.4f}]"
          f"   {g.max().item():6.4f}   {g[i5].item():10.2e}  {(ge[1] - ge[0]).item():.4f}")

# 2. Output layers: what each head gives for the same logits / 输出层：同一组 logits 的不同读法
torch.manual_seed(0)
logits = torch.randn(2, 4)  # 2 examples, 4 outputs / 2 个样本，4 个输出
print("logits:", logits, sep="\n")
p_multiclass = torch.softmax(logits, dim=1)
p_multilabel = torch.sigmoid(logits)
print("softmax(dim=1):", p_multiclass, "row sums:", p_multiclass.sum(dim=1), sep="\n")
print("sigmoid:", p_multilabel, "row sums:", p_multilabel.sum(dim=1), sep="\n")

# CrossEntropyLoss takes logits: it applies log_softmax itself
# CrossEntropyLoss 接收 logits：它内部自己做 log_softmax
target = torch.tensor([0, 3])
ce = F.cross_entropy(logits, target)
by_hand = -torch.log_softmax(logits, dim=1)[torch.arange(2), target].mean()
print("cross_entropy(logits):", round(ce.item(), 4), "| -log_softmax by hand:", round(by_hand.item(), 4))
print("cross_entropy(softmax(logits)), the mistake:", round(F.cross_entropy(p_multiclass, target).item(), 4))

# 3. What PyTorch's own layers use by default / PyTorch 自带层的默认激活函数
print("nn.RNN nonlinearity:", nn.RNN(4, 8).nonlinearity)
print("nn.TransformerEncoderLayer activation:",
      nn.TransformerEncoderLayer(d_model=8, nhead=2).activation.__name__)
print("... with activation='gelu':",
      nn.TransformerEncoderLayer(d_model=8, nhead=2, activation="gelu").activation.__name__)


def figure_output_heads(lang="zh"):
    import matplotlib.pyplot as plt

    k = logits.shape[1]
    xs = torch.arange(k)
    fig, ax = plt.subplots()
    ax.bar(xs - 0.2, p_multiclass[0], width=0.4,
           label={"zh": f"softmax（和为 {p_multiclass[0].sum().item():.4f}）",
                  "en": f"softmax (sum {p_multiclass[0].sum().item():.4f})"}[lang])
    ax.bar(xs + 0.2, p_multilabel[0], width=0.4,
           label={"zh": f"sigmoid（和为 {p_multilabel[0].sum().item():.4f}）",
                  "en": f"sigmoid (sum {p_multilabel[0].sum().item():.4f})"}[lang])
    ax.set_xticks(range(k))
    ax.set_xticklabels([f"{v:.4f}" for v in logits[0].tolist()])
    ax.set_xlabel({"zh": "第一个样本的 4 个 logits", "en": "the 4 logits of the first example"}[lang])
    ax.set_ylabel({"zh": "概率", "en": "probability"}[lang])
    ax.set_title({"zh": "多类（softmax）与多标签（sigmoid）", "en": "Multiclass (softmax) vs multilabel (sigmoid)"}[lang])
    ax.legend()
    return fig
