import torch

# The 2-2-2 network as named float64 tensors / 用具名 float64 张量表示 2-2-2 网络
init = dict(w1=0.15, w2=0.20, w3=0.25, w4=0.30, w5=0.40, w6=0.45, w7=0.50, w8=0.55,
            b1=0.35, b2=0.60)
x1, x2 = torch.tensor(0.05, dtype=torch.float64), torch.tensor(0.10, dtype=torch.float64)
t1, t2 = 0.01, 0.99


def loss_of(p):
    h1 = torch.sigmoid(p["w1"] * x1 + p["w2"] * x2 + p["b1"])
    h2 = torch.sigmoid(p["w3"] * x1 + p["w4"] * x2 + p["b1"])
    o1 = torch.sigmoid(p["w5"] * h1 + p["w6"] * h2 + p["b2"])
    o2 = torch.sigmoid(p["w7"] * h1 + p["w8"] * h2 + p["b2"])
    return 0.5 * (t1 - o1) ** 2 + 0.5 * (t2 - o2) ** 2


def sgd_step(p, lr, names):
    loss = loss_of(p)
    loss.backward()
    with torch.no_grad():
        for k in names:          # w <- w - lr * dE/dw
            p[k] -= lr * p[k].grad
    for k in p:
        p[k].grad = None         # clear for the next step / 为下一步清零
    return loss.item()


lr = 0.5
p = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in init.items()}
before = sgd_step(p, lr, names=list(p))
print(f"loss before the step: {before:.9f}")
print("after one step:", ", ".join(f"{k}={p[k].item():.6f}" for k in p))
with torch.no_grad():
    print(f"loss after the step:  {loss_of(p).item():.9f}")

# Variant: update the eight weights only, keep b1 and b2 fixed / 只更新 8 个权重，偏置不动
q = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in init.items()}
sgd_step(q, lr, names=[k for k in q if k.startswith("w")])
with torch.no_grad():
    print(f"weights only, loss after the step: {loss_of(q).item():.9f}")

# Keep going: 500 steps in total / 继续训练，共 500 步
p = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in init.items()}
history = [sgd_step(p, lr, names=list(p)) for _ in range(500)]
with torch.no_grad():
    history.append(loss_of(p).item())
for step in [0, 1, 10, 100, 200, 300, 400, 500]:
    print(f"step {step:3d}: E = {history[step]:.6f}")


def figure_loss_curve(lang="zh"):
    import matplotlib.pyplot as plt

    text = {"zh": ("SGD 步数", "总损失 E（对数坐标）", "2-2-2 网络的训练曲线，学习率 0.5"),
            "en": ("SGD step", "total loss E (log scale)", "Training the 2-2-2 network, lr = 0.5")}[lang]
    fig, ax = plt.subplots()
    ax.plot(range(len(history)), history)
    ax.set_yscale("log")
    ax.set_xlabel(text[0])
    ax.set_ylabel(text[1])
    ax.set_title(text[2])
    return fig
