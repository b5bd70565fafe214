"""Run every snippet with an accelerator as default device and compare with the CPU golden files.

    python scripts/verify_device.py --device cuda            # report only
    python scripts/verify_device.py --device cuda --record   # also write snippets/_records/cuda.json

The record (device name, driver, CUDA and torch versions, date, tolerance, and per
snippet: pass/fail with the largest numeric deviation; the verdict is
``snippets._engine.check.verdict``, the one the tests use) is committed; the
verification page is generated from it. Exit status 1 if any snippet failed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys

from snippets._engine import compare
from snippets._engine.catalog import ROOT, SNIPPETS, snippet_files
from snippets._engine.execute import Runner
from snippets._engine.verification import RECORDS, check_record


def machine(device: str) -> dict:
    import torch

    info = {"torch": torch.__version__, "date": dt.date.today().isoformat(), "cuda": "-", "driver": "-"}
    if device == "cuda":
        info["name"] = torch.cuda.get_device_name(0)
        info["cuda"] = torch.version.cuda or "-"
        try:
            info["driver"] = subprocess.run(
                ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                capture_output=True, text=True, check=True,
            ).stdout.strip().splitlines()[0]
        except Exception:
            pass
    else:
        info["name"] = device
    return info


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cuda", choices=["cuda", "mps"])
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    from snippets._engine.devices import available

    if args.device not in available():
        print(f"no {args.device} device here; nothing verified")
        return 2
    entries = {}
    with Runner() as runner:
        for snip in snippet_files():
            name = snip.relative_to(SNIPPETS).as_posix()
            res = runner.run(snip, mode=args.device)
            entries[name] = check_record(snip, res, args.device)
            e = entries[name]
            print(f"{e['status']:4s}  {name}  max dev {e.get('max_abs_dev', 0):.2e}  {e.get('reason', '')}")
    record = {"machine": machine(args.device), "rtol": compare.RTOL, "atol": compare.ATOL, "snippets": entries}
    failed = [n for n, e in entries.items() if e["status"] == "fail"]
    print(f"{len(entries)} snippets on {record['machine']['name']}: {len(entries) - len(failed)} ok, {len(failed)} failed")
    if args.record:
        RECORDS.mkdir(exist_ok=True)
        out = RECORDS / f"{args.device}.json"
        out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"recorded in {out.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
