import torch
from torch import nn


class FFN(nn.Module):
    """Plain Transformer FFN: W2(act(x W1)), no biases / 普通前馈层，不带偏置"""

    def __init__(self, d_model, d_ff, act):
        super().__init__()
        self.w1 = nn.Linear(d_model, d_ff, bias=False)
        self.w2 = nn.Linear(d_ff, d_model, bias=False)
        self.act = act

    def hidden(self, x):
        return self.act(self.w1(x))

    def forward(self, x):
        return self.w2(self.hidden(x))


class GatedFFN(nn.Module):
    """Gated FFN (Shazeer 2020): W2(act(x W) * (x V)) / 门控前馈层"""

    def __init__(self, d_model, d_ff, act):
        super().__init__()
        self.w = nn.Linear(d_model, d_ff, bias=False)  # gate branch / 门控分支
        self.v = nn.Linear(d_model, d_ff, bias=False)  # linear branch / 线性分支
        self.w2 = nn.Linear(d_ff, d_model, bias=False)
        self.act = act

    def hidden(self, x):
        return self.act(self.w(x)) * self.v(x)

    def forward(self, x):
        return self.w2(self.hidden(x))


class SwiGLU(GatedFFN):
    def __init__(self, d_model, d_ff):
        super().__init__(d_model, d_ff, nn.SiLU())


class GeGLU(GatedFFN):
    def __init__(self, d_model, d_ff):
        super().__init__(d_model, d_ff, nn.GELU())


class ReGLU(GatedFFN):
    def __init__(self, d_model, d_ff):
        super().__init__(d_model, d_ff, nn.ReLU())


def n_params(module):
    return sum(p.numel() for p in module.parameters())


d_model, d_ff = 64, 256
d_ff_gated = int(2 * d_ff / 3)  # keeps 3*d*h close to 2*d*d_ff / 保持参数量基本不变
torch.manual_seed(0)
ffn = FFN(d_model, d_ff, nn.ReLU())
print("plain FFN, d_ff =", d_ff, "params:", n_params(ffn))
print("SwiGLU,    d_ff =", d_ff, "params:", n_params(SwiGLU(d_model, d_ff)))
print("SwiGLU,    d_ff =", d_ff_gated, "params:", n_params(SwiGLU(d_model, d_ff_gated)))

# The three variants share the same W, V, W2 so that only the activation differs
# 三个变体共用同一组 W、V、W2，只有激活函数不同
variants = {"SwiGLU": SwiGLU(d_model, d_ff_gated), "GeGLU": GeGLU(d_model, d_ff_gated),
            "ReGLU": ReGLU(d_model, d_ff_gated)}
for m in variants.values():
    m.load_state_dict(variants["SwiGLU"].state_dict())

x = torch.randn(4096, d_model)  # seeded random tokens / 固定种子的随机词元
with torch.no_grad():
    print(f"{'':>10} {'hidden mean':>11} {'hidden std':>10} {'zeros':>6} {'out mean':>9} {'out std':>8}")
    for name, m in [("FFN(ReLU)", ffn), *variants.items()]:
        h, y = m.hidden(x), m(x)
        print(f"{name:>10} {h.mean().item():11.4f} {h.std().item():10.4f} "
              f"{(h == 0).float().mean().item():6.4f} {y.mean().item():9.4f} {y.std().item():8.4f}")

    # A gated FFN with a sigmoid gate is GLU on one fused projection [x V, x W]
    # 用 sigmoid 作门的门控前馈层，就是对拼接投影 [x V, x W] 做 GLU
    m = GatedFFN(d_model, d_ff_gated, nn.Sigmoid())
    fused = torch.cat([m.v(x), m.w(x)], dim=-1)
    print("GLU on fused projection == gated hidden:",
          torch.allclose(nn.GLU()(fused), m.hidden(x)))


def figure_gated_ffn(lang="zh"):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    with torch.no_grad():
        for name, m in variants.items():
            h = m.hidden(x).flatten()
            ax.hist(h, bins=180, range=(-4.5, 4.5), log=True, histtype="step", linewidth=1.5, label=name)
    ax.set_xlabel({"zh": "门控输出 act(xW) * (xV)", "en": "gated output act(xW) * (xV)"}[lang])
    ax.set_ylabel({"zh": "个数（对数坐标）", "en": "count (log scale)"}[lang])
    ax.set_title({"zh": "三种门控变体的输出直方图（同一组权重）",
                  "en": "Gated outputs of the three variants (same weights)"}[lang])
    ax.legend()
    return fig
