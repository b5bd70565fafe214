# Run from the repository root: python snippets/performance/memory.py
# 在仓库根目录运行：python snippets/performance/memory.py
import json
from pathlib import Path

# The measured data: docs/performance/data/*.json in the repository (download
# link on the page), written by scripts/benchmark.py. Outside the repository, set
# DATA to the folder you saved the data file in.
# 测量数据：仓库中的 docs/performance/data/*.json（页面上有下载链接），由 scripts/benchmark.py
# 写出。在仓库之外运行时，把 DATA 改成保存数据文件的文件夹。
DATA = Path("docs/performance/data")
runs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.json"))]
if not runs:  # not run from the repository root / 不是在仓库根目录运行
    raise SystemExit(f"no data file in {DATA.resolve()}: run from the repository root or set DATA")

for run in runs:
    mem = run["inplace_memory"]
    unit = mem["activation_tensor_bytes"]  # one (batch, width) float32 tensor / 一个激活张量
    print(f"== {run['machine_id']}: {run['machine']['label']} ==")
    print(f"{mem['depth']} x (Linear({mem['width']}, {mem['width']}) -> activation), "
          f"input ({mem['batch']}, {mem['width']}) float32")
    print(f"one activation tensor = {unit} bytes = {unit / 2**20:.2f} MiB; columns in those units")
    print(f"{'':23s} {'saved tensors':>13s} {'saved':>7s} {'peak fwd':>9s} {'peak fwd+bwd':>13s}")
    for r in mem["rows"]:
        print(f"{r['activation']:9s} inplace={r['inplace']!s:5s} {r['saved_tensors']:13d} "
              f"{r['saved_bytes'] / unit:7.2f} {r['forward_peak_bytes'] / unit:9.2f} "
              f"{r['forward_backward_peak_bytes'] / unit:13.2f}")


def figure_memory(lang="zh"):
    import matplotlib.pyplot as plt

    metrics = [("saved_bytes", {"zh": "为反向保存", "en": "saved for backward"}),
               ("forward_peak_bytes", {"zh": "前向峰值", "en": "peak, forward"}),
               ("forward_backward_peak_bytes", {"zh": "前向 + 反向峰值", "en": "peak, forward + backward"})]
    fig, axes = plt.subplots(len(runs), len(metrics), squeeze=False, sharey="row",
                             figsize=(10, 3.8 * len(runs)))
    for row, run in zip(axes, runs):
        mem = run["inplace_memory"]
        unit = mem["activation_tensor_bytes"]
        acts = list(dict.fromkeys(r["activation"] for r in mem["rows"]))
        for ax, (key, title) in zip(row, metrics):
            for k, inplace in enumerate((False, True)):
                vals = [next(r[key] for r in mem["rows"] if r["activation"] == a and r["inplace"] == inplace) / unit
                        for a in acts]
                ax.bar([i + (k - 0.5) * 0.4 for i in range(len(acts))], vals, 0.4, label=f"inplace={inplace}")
            ax.set_xticks(range(len(acts)), acts, rotation=30, ha="right")
            ax.set_title(title[lang], fontsize=10)
        row[0].set_ylabel(run["machine"]["label"] + "\n" + {"zh": "激活张量个数", "en": "activation tensors"}[lang],
                          fontsize=9)
        row[0].set_ylim(0, 1.25 * max(r["saved_bytes"] for r in mem["rows"]) / unit)
        row[0].legend(fontsize=8, ncol=2, loc="upper left")
    fig.suptitle({"zh": "原地激活函数的内存 · ", "en": "Memory of in-place activations · "}[lang]
                 + ", ".join(r["machine_id"] for r in runs), fontsize=11)
    fig.tight_layout()
    return fig
