# Run from the repository root: python snippets/performance/machines.py
# 在仓库根目录运行：python snippets/performance/machines.py
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
    m, r = run["machine"], run["run"]
    print(f"== {run['machine_id']}.json ==")
    print("processor:", m.get("gpu_name") or m["cpu_model"])
    print("cores / logical CPUs / torch threads:",
          m["physical_cores"], "/", m["logical_cpus"], "/", m["torch_num_threads"])
    print("torch", m["torch_version"], "| Python", m["python_version"], "|", m["parallel_backend"])
    print("date:", r["date"][:10], "| wall time:", r["wall_seconds"], "s")
    print("timer:", r["timer"], "| min run time:", r["min_run_time_s"], "s")
    print("load average (1, 5, 15 min) at start:", r["load_average_start"], "at end:", r["load_average_end"])
    rows = run["activation_cost"] + run["fused_vs_composite"] + run["compile"].get("rows", [])
    shares = [x["other_cpu_share"] for x in rows if x["other_cpu_share"] is not None]
    print(f"measurements: {len(rows)}, taken again because other processes were busy: "
          f"{r['measurements_repeated']} (limit {r['max_other_cpu_share']:.0%} of the CPUs, "
          f"at most {r['max_attempts']} attempts)")
    print(f"CPU share used by other processes in the kept measurements: median {sorted(shares)[len(shares) // 2]:.0%}, "
          f"max {max(shares):.0%}, above the limit: {sum(v > r['max_other_cpu_share'] for v in shares)}")

    # One call timed by hand vs the Timer (GELU forward, 2^22 float32)
    # 手工计时一次与 Timer 的统计（GELU 前向，2^22 个 float32）
    p = run["timing_pitfalls"]
    t = p["timer"]
    print(f"{p['expression']} on {p['numel']} elements, microseconds per call:")
    print(f"  first call in the process : {p['first_call']:10.1f}")
    if "one_call_without_sync" in p:  # GPU only: clock read before the GPU finished / 仅 GPU：未同步
        print(f"  one call, no synchronize  : {p['one_call_without_sync']:10.1f}")
    print(f"  one later call            : {p['one_later_call']:10.1f}")
    print(f"  Timer median              : {t['median']:10.1f}  (IQR {t['iqr']}, "
          f"{t['blocks']} blocks x {t['runs_per_block']} calls)")
    print(f"  Timer fastest / slowest block: {t['min']} / {t['max']}")


def figure_timer_blocks(lang="zh"):
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(runs), 1, squeeze=False, figsize=(6.4, 2.6 + 1.6 * len(runs)))
    for ax, run in zip(axes[:, 0], runs):
        p = run["timing_pitfalls"]
        times = p["timer"]["times"]
        ax.plot(range(1, len(times) + 1), times, "o", label={"zh": "Timer 的每个块（每次调用的平均）",
                                                            "en": "Timer blocks (mean per call)"}[lang])
        ax.axhline(p["timer"]["median"], linestyle="-", label={"zh": "中位数", "en": "median"}[lang])
        ax.axhline(p["first_call"], linestyle="--", label={"zh": "进程中第一次调用", "en": "first call in the process"}[lang])
        if "one_call_without_sync" in p:
            ax.axhline(p["one_call_without_sync"], linestyle="-.",
                       label={"zh": "单次计时，未同步", "en": "one call, no synchronize"}[lang])
        ax.axhline(p["one_later_call"], linestyle=":", label={"zh": "之后单独计时一次", "en": "one later call"}[lang])
        ax.set_yscale("log")
        ax.set_xlabel({"zh": "块序号", "en": "block"}[lang])
        ax.set_ylabel({"zh": "微秒 / 次", "en": "µs per call"}[lang])
        ax.set_title({"zh": f"F.gelu，2^22 个元素 · {run['machine']['label']}",
                      "en": f"F.gelu, 2^22 elements · {run['machine']['label']}"}[lang], fontsize="medium")
        ax.legend(fontsize="small")
    fig.tight_layout()
    return fig
