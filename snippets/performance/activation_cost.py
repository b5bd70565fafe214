# Run from the repository root: python snippets/performance/activation_cost.py
# 在仓库根目录运行：python snippets/performance/activation_cost.py
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


def table(run):
    """{(name, mode, numel): row} for one data file / 一个数据文件的查找表"""
    return {(r["name"], r["mode"], r["numel"]): r for r in run["activation_cost"]}


for run in runs:
    rows = table(run)
    names = list(dict.fromkeys(r["name"] for r in run["activation_cost"]))
    sizes = sorted({r["numel"] for r in run["activation_cost"]})
    small, big = sizes[0], sizes[-1]
    print(f"== {run['machine_id']}: {run['machine']['label']} ==")
    print(f"median microseconds per call (IQR in brackets); float32, {small} and {big} elements")
    print(f"{'':12s} {'fwd ' + str(small):>13s} {'fwd ' + str(big):>16s} {'fwd+bwd ' + str(big):>16s}"
          f" {'ns/elem':>8s} {'vs ReLU':>8s}")
    relu = rows[("ReLU", "forward+backward", big)]["median"]
    limit = run["run"]["max_other_cpu_share"]
    for name in names:
        a = rows[(name, "forward", small)]
        b = rows[(name, "forward", big)]
        c = rows[(name, "forward+backward", big)]
        busy = any((r["other_cpu_share"] or 0) > limit for r in (a, b, c))
        print(f"{name:12s} {a['median']:6.2f} ({a['iqr']:4.2f})"
              f" {b['median']:8.1f} ({b['iqr']:5.1f})"
              f" {c['median']:8.1f} ({c['iqr']:5.1f})"
              f" {c['median'] * 1000 / big:8.2f} {c['median'] / relu:7.2f}x" + (" *" if busy else ""))
    if any((r["other_cpu_share"] or 0) > limit for r in run["activation_cost"]):
        print(f"* other processes used more than {limit:.0%} of the CPUs during a measurement in this row")


def figure_time_vs_size(lang="zh"):
    import matplotlib.pyplot as plt

    markers = "os^vD<>px*h"
    fig, axes = plt.subplots(len(runs), 2, squeeze=False, sharey="row",
                             figsize=(9.6, 4.6 * len(runs)))
    for row, run in zip(axes, runs):
        names = list(dict.fromkeys(r["name"] for r in run["activation_cost"]))
        for ax, mode in zip(row, ("forward", "forward+backward")):
            for i, name in enumerate(names):
                pts = sorted((r["numel"], r["median"]) for r in run["activation_cost"]
                             if r["name"] == name and r["mode"] == mode)
                ax.plot([n for n, _ in pts], [t for _, t in pts], marker=markers[i % len(markers)],
                        markersize=4, linewidth=1.2, label=name)
            ax.set_xscale("log", base=2)
            ax.set_yscale("log")
            ax.set_xlabel({"zh": "元素个数", "en": "elements"}[lang])
            ax.set_title({"zh": {"forward": "前向（no_grad）", "forward+backward": "前向 + 反向"},
                          "en": {"forward": "forward (no_grad)", "forward+backward": "forward + backward"}}[lang][mode],
                         fontsize=10)
        row[0].set_ylabel({"zh": "中位数，微秒 / 次", "en": "median µs per call"}[lang])
        row[1].legend(fontsize=8, ncol=2)
        row[0].annotate(run["machine"]["label"], (0.02, 0.97), xycoords="axes fraction", va="top", fontsize=8)
    fig.suptitle({"zh": "激活函数耗时与张量大小（float32）· ", "en": "Activation time vs tensor size (float32) · "}[lang]
                 + ", ".join(r["machine_id"] for r in runs), fontsize=11)
    fig.tight_layout()
    return fig


def figure_relative_cost(lang="zh"):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(runs), 1, squeeze=False, figsize=(9, 3.8 * len(runs)))
    for ax, run in zip(axes[:, 0], runs):
        rows = table(run)
        names = list(dict.fromkeys(r["name"] for r in run["activation_cost"]))
        big = max(r["numel"] for r in run["activation_cost"])
        width = 0.4
        for k, mode in enumerate(("forward", "forward+backward")):
            relu = rows[("ReLU", mode, big)]["median"]
            med = [rows[(n, mode, big)]["median"] / relu for n in names]
            lo = [(rows[(n, mode, big)]["median"] - rows[(n, mode, big)]["q1"]) / relu for n in names]
            hi = [(rows[(n, mode, big)]["q3"] - rows[(n, mode, big)]["median"]) / relu for n in names]
            ax.bar([i + (k - 0.5) * width for i in range(len(names))], med, width, yerr=[lo, hi], capsize=2,
                   label={"zh": {"forward": "前向", "forward+backward": "前向 + 反向"},
                          "en": {"forward": "forward", "forward+backward": "forward + backward"}}[lang][mode])
        ax.axhline(1.0, linewidth=0.8, linestyle="--")
        ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
        ax.set_ylabel({"zh": "相对 ReLU 的耗时", "en": "time relative to ReLU"}[lang])
        ax.set_title({"zh": f"2^{big.bit_length() - 1} 个元素，误差线为四分位距 · {run['machine']['label']}",
                      "en": f"2^{big.bit_length() - 1} elements, whiskers: IQR · {run['machine']['label']}"}[lang],
                     fontsize=10)
        ax.legend(fontsize=9)
    fig.tight_layout()
    return fig
