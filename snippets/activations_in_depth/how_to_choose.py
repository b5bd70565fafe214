import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)  # the layers below draw random initial weights / 下面的层会随机初始化权重

# The activations PyTorch's own layers use unless you say otherwise
# PyTorch 自带的层在不另行指定时使用的激活函数
print("nn.RNN nonlinearity:", nn.RNN(4, 8).nonlinearity)
print("nn.TransformerEncoderLayer activation:",
      nn.TransformerEncoderLayer(d_model=8, nhead=2).activation.__name__)
print("nn.TransformerDecoderLayer activation:",
      nn.TransformerDecoderLayer(d_model=8, nhead=2).activation.__name__)
print("... with activation='gelu':",
      nn.TransformerEncoderLayer(d_model=8, nhead=2, activation="gelu").activation.__name__)

# activation= also takes any callable, but it replaces one function in an ungated
# feed-forward layer (linear1 -> activation -> linear2); a gated layer such as
# SwiGLU needs a third matrix, which this layer does not have
# activation= 也接受任意可调用对象，但它只替换不带门控的前馈层（linear1 -> 激活 -> linear2）
# 里的那一个函数；SwiGLU 这样的门控层需要第三个矩阵，这个层里没有
layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, activation=F.silu)
print("with activation=F.silu:", layer.activation.__name__)
print("feed-forward weights:", [name for name, _ in layer.named_parameters() if name.startswith("linear")])
