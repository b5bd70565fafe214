# Run from the repository root: python snippets/performance/fused_vs_composite.py
# 在仓库根目录运行：python snippets/performance/fused_vs_composite.py
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


def cases(run):
    """Group the rows: {(group, shape, mode): [rows, fused variant first]}"""
    out = {}
    for r in run["fused_vs_composite"]:
        out.setdefault((r["group"], tuple(r["shape"]), r["mode"]), []).append(r)
    return out


for run in runs:
    print(f"== {run['machine_id']}: {run['machine']['label']} ==")
    print("median microseconds per call [IQR]; ratio to the first variant; "
          "overlap: do the IQRs [q1, q3] overlap")
    for (group, shape, mode), rows in cases(run).items():
        first = rows[0]
        print(f"{group} {list(shape)} {mode}")
        for r in rows:
            overlap = r["q1"] <= first["q3"] and first["q1"] <= r["q3"]
            note = "" if r is first else f"  overlap: {'yes' if overlap else 'no'}"
            if (r["other_cpu_share"] or 0) > run["run"]["max_other_cpu_share"]:
                note += "  (other processes busy)"
            print(f"  {r['variant']:24s} {r['median']:9.2f} [{r['iqr']:7.2f}] "
                  f"{r['median'] / first['median']:5.2f}x  max|diff| {r['max_abs_diff_vs_first']:.1e}{note}")


def figure_fused_vs_composite(lang="zh"):
    import matplotlib.pyplot as plt

    modes = {"forward": {"zh": "前向（no_grad）", "en": "forward (no_grad)"},
             "forward+backward": {"zh": "前向 + 反向", "en": "forward + backward"}}
    fig, axes = plt.subplots(len(runs), 2, squeeze=False, sharey="row", figsize=(10, 5.2 * len(runs)))
    for row, run in zip(axes, runs):
        for ax, mode in zip(row, modes):
            labels, ticks, pos = [], [], 0.0
            for (group, shape, m), rows in cases(run).items():
                if m != mode:
                    continue
                base = rows[0]["median"]
                for k, r in enumerate(rows):
                    ax.errorbar(r["median"] / base, pos,
                                xerr=[[(r["median"] - r["q1"]) / base], [(r["q3"] - r["median"]) / base]],
                                fmt="o", capsize=3, color=f"C{k}")
                    labels.append(f"{r['variant']}  {'x'.join(map(str, shape))}")
                    ticks.append(pos)
                    pos += 1
                pos += 0.6  # gap between cases / 各组之间留空
            ax.set_yticks(ticks, labels, fontsize=7)
            ax.set_xscale("log", base=2)
            ax.axvline(1.0, linewidth=0.8, linestyle="--")
            ax.set_xlabel({"zh": "相对融合版本的耗时（中位数，误差线为四分位距）",
                           "en": "time relative to the fused variant (median, whiskers: IQR)"}[lang], fontsize=9)
            ax.set_title(modes[mode][lang], fontsize=10)
        row[0].invert_yaxis()  # first case on top (the y axis is shared) / 第一组在最上面
        row[0].set_ylabel(run["machine"]["label"], fontsize=8)
    fig.suptitle({"zh": "融合实现与组合写法 · ", "en": "Fused vs composite · "}[lang]
                 + ", ".join(r["machine_id"] for r in runs), fontsize=11)
    fig.tight_layout()
    return fig
