"""Throughput of the Python package on an archive: ``annotate_many`` on 1, 2, ... jobs up to
the cores (MB/s, MB/s per core, speed-up over one job), records parsed into dicts as a caller
gets them. Best of ``--rounds`` (default 3), the job counts interleaved in every round so load
from elsewhere hits them alike. The archive is PolNeAR's dev and train articles, read from
../shared at run time (the same 4.4 MB as ``bench --only jobs``).

    python3 python/examples/bench_many.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import article_annotator as aa

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    data = ROOT.parent / "shared" / "data" / "quotes"
    items = []
    for name in ("polnear-dev.gold.jsonl", "polnear-train.jsonl"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            v = json.loads(line)
            items.append({"id": v.get("id"), "text": v["text"]})
    size = sum(len(json.dumps({"id": x["id"], "text": x["text"]}).encode()) for x in items)
    counts = list(range(1, aa.cores() + 1))
    best = {j: float("inf") for j in counts}
    for _ in range(max(1, args.rounds)):
        for j in counts:
            t0 = time.perf_counter()
            n = sum(1 for _ in aa.annotate_many(items, jobs=j))
            best[j] = min(best[j], time.perf_counter() - t0)
            assert n == len(items)
    print(f"python annotate_many: {len(items)} articles, {size / 1e6:.1f} MB, {aa.cores()} cores, best of {args.rounds} rounds")
    print(f"{'jobs':<6} {'s':>9} {'MB/s':>8} {'MB/s per core':>13} {'speed-up':>9}")
    for j in counts:
        mbs = size / 1e6 / best[j]
        print(f"{j:<6} {best[j]:>9.3f} {mbs:>8.2f} {mbs / j:>13.2f} {best[1] / best[j]:>8.2f}x")


if __name__ == "__main__":
    main()
