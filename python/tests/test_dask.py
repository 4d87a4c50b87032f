"""The Dask example on a LocalCluster: a partitioned JSON Lines archive, annotated on two
worker processes, gives exactly the CLI's records in archive order."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, articles, cli

sys.path.insert(0, str(ROOT / "python" / "examples"))
dask_archive = pytest.importorskip("dask_archive")
distributed = pytest.importorskip("distributed")


def write_archive(folder: Path, parts: int = 3):
    """Made-up articles (text and HTML lines), and PolNeAR development articles when the
    shared data is there, spread over `parts` files."""
    items = [{"id": f"made-{i}", "text": t} for i, t in enumerate(articles())]
    items += [
        {"id": f"page-{i}", "html": f"<h1>Vote {i}</h1><p>\u201cYes,\u201d said Anna Weber in Lakeport.</p>"}
        for i in range(6)
    ]
    dev = ROOT.parent / "shared" / "data" / "quotes" / "polnear-dev.gold.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines()[:30]:
            v = json.loads(line)
            items.append({"id": v.get("id"), "text": v["text"]})
    paths = []
    for p in range(parts):
        path = folder / f"part-{p:05d}.jsonl"
        path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items[p::parts]), encoding="utf-8")
        paths.append(path)
    return paths


def test_dask_local_cluster_gives_the_cli_records(tmp_path):
    paths = write_archive(tmp_path)
    want = cli(["--jsonl", "--jobs", "2"], b"".join(p.read_bytes() for p in paths))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        bag = dask_archive.annotate_archive(str(tmp_path / "part-*.jsonl"))
        assert bag.npartitions == 3
        got = bag.compute()
        assert len(client.scheduler_info()["workers"]) == 2
    assert len(got) == len(want) > 30
    assert got == want
