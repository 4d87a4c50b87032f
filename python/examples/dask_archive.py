"""Annotate a partitioned JSON Lines archive on a Dask cluster.

An archive is a folder of JSON Lines files (``part-00000.jsonl``, ...), each line
``{"id": ..., "text": ...}`` or ``{"id": ..., "html": ...}``, as ``annotate --jsonl`` reads
them. Each file is one partition; each partition is annotated by ``annotate_jsonl`` (the
CLI's own line function, in Rust, GIL released) on a worker, and the results are exactly the
CLI's records, in archive order (python/tests/test_dask.py checks this on a LocalCluster).

    python python/examples/dask_archive.py 'archive/part-*.jsonl' out/ --workers 2

writes ``out/part-00000.jsonl``, ... (one result file per input file). Point ``--scheduler``
at a running cluster (``tcp://host:8786``) instead of starting a local one.
"""

from __future__ import annotations

import argparse
import functools
import json
from typing import Any, Dict, Iterable, List

import dask.bag as db

from article_annotator import annotate_jsonl


def annotate_partition(lines: Iterable[str], jobs: int = 1) -> List[Dict[str, Any]]:
    """One partition's lines to records. One job per Dask worker thread by default: Dask
    already runs a partition per thread, so more jobs would only oversubscribe the cores."""
    return list(annotate_jsonl(lines, jobs=jobs))


def annotate_archive(pattern: str, jobs: int = 1) -> db.Bag:
    """A bag of records, one partition per file matched by ``pattern`` (files in sorted
    order, lines in file order)."""
    lines = db.read_text(pattern, blocksize=None)
    return lines.map_partitions(functools.partial(annotate_partition, jobs=jobs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", help="glob of JSON Lines files, e.g. 'archive/part-*.jsonl'")
    ap.add_argument("out", help="folder for the result files")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes (default 2)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler instead")
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    with client:
        annotate_archive(args.archive).map(json.dumps, ensure_ascii=False).to_textfiles(
            f"{args.out.rstrip('/')}/part-*.jsonl", name_function=lambda i: f"{i:05d}"
        )


if __name__ == "__main__":
    main()
