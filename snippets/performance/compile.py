# Run from the repository root: python snippets/performance/compile.py
# 在仓库根目录运行：python snippets/performance/compile.py
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
    c = run["compile"]
    print(f"== {run['machine_id']}: {run['machine']['label']} ==")
    print("status:", c["status"])
    if c["status"] != "ok":
        print("error:", c.get("error", "").splitlines()[0] if c.get("error") else "-")
        continue
    print(c["function"], "|", c["call"], "| backend:", c["backend"])
    print("first call, forward (s):", c["first_call_forward_s"],
          "| first call, forward+backward (s):", c["first_call_forward_backward_s"])
    print(f"max |compiled - F.mish|: {c['max_abs_diff_vs_F.mish']:.1e}")
    print("median microseconds per call [IQR]; ratio to F.mish")
    for n in sorted({r["numel"] for r in c["rows"]}):
        for mode in ("forward", "forward+backward"):
            rows = [r for r in c["rows"] if r["numel"] == n and r["mode"] == mode]
            print(f"{n} elements, {mode}")
            for r in rows:
                busy = (r["other_cpu_share"] or 0) > run["run"]["max_other_cpu_share"]
                print(f"  {r['variant']:31s} {r['median']:9.2f} [{r['iqr']:7.2f}] "
                      f"{r['median'] / rows[0]['median']:5.2f}x" + ("  (other processes busy)" if busy else ""))
            eager, compiled = rows[1]["median"], rows[2]["median"]
            if compiled < eager:  # calls until the compile time is paid back / 多少次调用才能收回编译时间
                first = c["first_call_forward_s" if mode == "forward" else "first_call_forward_backward_s"]
                print(f"  calls to pay back the first call: {first * 1e6 / (eager - compiled):.0f}")


def figure_compile(lang="zh"):
    import matplotlib.pyplot as plt

    ok = [r for r in runs if r["compile"]["status"] == "ok"]
    if not ok:  # no data to draw: say so / 没有数据可画时如实说明
        fig, ax = plt.subplots()
        ax.text(0.5, 0.5, "torch.compile: " + "; ".join(r["compile"]["status"] for r in runs), ha="center")
        ax.set_axis_off()
        return fig
    fig, axes = plt.subplots(len(ok), 2, squeeze=False, figsize=(9.6, 3.8 * len(ok)))
    for row, run in zip(axes, ok):
        rows = run["compile"]["rows"]
        sizes = sorted({r["numel"] for r in rows})
        variants = list(dict.fromkeys(r["variant"] for r in rows))
        for ax, mode in zip(row, ("forward", "forward+backward")):
            for k, v in enumerate(variants):
                sel = [next(r for r in rows if r["numel"] == n and r["mode"] == mode and r["variant"] == v)
                       for n in sizes]
                ax.bar([i + (k - 1) * 0.27 for i in range(len(sizes))], [r["median"] for r in sel], 0.27,
                       yerr=[[r["median"] - r["q1"] for r in sel], [r["q3"] - r["median"] for r in sel]],
                       capsize=2, label=v)
            ax.set_yscale("log")
            ax.set_xticks(range(len(sizes)), [f"2^{n.bit_length() - 1}" for n in sizes])
            ax.set_xlabel({"zh": "元素个数", "en": "elements"}[lang])
            ax.set_title({"zh": {"forward": "前向（no_grad）", "forward+backward": "前向 + 反向"},
                          "en": {"forward": "forward (no_grad)", "forward+backward": "forward + backward"}}[lang][mode],
                         fontsize=10)
        row[0].set_ylabel(run["machine"]["label"] + "\n" + {"zh": "中位数，微秒 / 次", "en": "median µs per call"}[lang],
                          fontsize=9)
        row[0].legend(fontsize=8)
    fig.suptitle({"zh": "torch.compile 与 Mish · ", "en": "torch.compile and Mish · "}[lang]
                 + ", ".join(r["machine_id"] for r in ok), fontsize=11)
    fig.tight_layout()
    return fig
