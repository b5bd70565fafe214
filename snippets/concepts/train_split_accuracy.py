import torch
import torch.nn.functional as F
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

# 8x8 digit images from scikit-learn; a small training set makes overfitting easy
# scikit-learn 自带的 8x8 手写数字；训练集取得小，容易过拟合
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X / 16.0, y, train_size=200, stratify=y, random_state=0)
X_train, X_test = torch.tensor(X_train, dtype=torch.float32), torch.tensor(X_test, dtype=torch.float32)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)
print("train / held-out samples:", len(y_train), len(y_test))

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10))
opt = torch.optim.Adam(model.parameters(), lr=0.01)


def accuracy(X, y):
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


for step in range(1, 201):
    loss = F.cross_entropy(model(X_train), y_train)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step in (10, 50, 200):
        with torch.no_grad():
            held_out = F.cross_entropy(model(X_test), y_test).item()
        print(f"step {step:3d}: train loss {loss.item():.4f}, held-out loss {held_out:.4f}")

# Wrong: the "test accuracy" is computed on the training split / 错误：在训练集上算“测试准确率”
print(f"'test' accuracy on the training split: {accuracy(X_train, y_train):.4f}")
# Right: on samples the model never saw / 正确：在模型没见过的样本上算
print(f"accuracy on the held-out split:        {accuracy(X_test, y_test):.4f}")
