import time

import torch
import torch.nn.functional as F
from torch.utils.benchmark import Timer

torch.manual_seed(0)
x = torch.randn(100_000)

# Wrong: one call, no warm-up, wall clock; on a GPU also no synchronization, so it
# measures only the kernel launch. The printed number is one noisy sample.
# 错误：只调用一次、没有预热；在 GPU 上还不同步，量到的只是内核启动。
start = time.perf_counter()
F.mish(x)
one_sample = time.perf_counter() - start   # not printed: it changes on every run / 每次都不同，不打印

# Right: torch.utils.benchmark.Timer warms up, repeats, fixes the thread count
# and synchronizes CUDA when the tensors live on a GPU
# 正确：Timer 会预热、重复运行、固定线程数，张量在 GPU 上时还会同步 CUDA
for stmt in ["F.mish(x)", "F.gelu(x)"]:
    timer = Timer(stmt=stmt, globals={"F": F, "x": x}, num_threads=1)
    m = timer.timeit(number=100)
    print(f"stmt: {m.stmt:10s} calls per measurement: {m.number_per_run}, "
          f"measurements: {len(m.times)}, threads: {m.task_spec.num_threads}")
# m.median is the time per call; compare medians on YOUR machine, several input sizes
# m.median 是每次调用的时间；请在你自己的机器上、用多种输入大小比较中位数
