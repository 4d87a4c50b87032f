"""The package gives the CLI's records: same schema, same code-point offsets, same results
for text, HTML (str and bytes) and many documents, in order, on any number of jobs."""

from __future__ import annotations

import json
import threading
import time

import pytest

import article_annotator as aa
from conftest import articles, cli


def test_annotate_gives_the_cli_record_with_code_point_offsets():
    text = articles()[3]
    rec = aa.annotate(text, id="doc-3")
    assert rec == cli(["-", "--id", "doc-3"], text.encode())[0]
    assert set(rec) == {"id", "text", "language", "entities", "groups", "quotes", "boilerplate", "parts"}
    assert rec["entities"] and rec["quotes"] and rec["boilerplate"]
    for e in rec["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]  # code points: Python slices
    speakers = {q["speaker"] for q in rec["quotes"]}
    assert "Peter Müller" in speakers, speakers


def test_options_switch_layers_off():
    text = articles()[0]
    rec = aa.annotate(text, entities=False, boilerplate=False)
    assert rec["entities"] == [] and rec["groups"] == [] and rec["boilerplate"] == []
    assert rec["quotes"], "quotes still found"
    assert rec == cli(["-", "--no-entities", "--no-boilerplate"], text.encode())[0]
    with pytest.raises(TypeError):
        aa.annotate(text, colour=True)  # type: ignore[call-arg]


def test_annotate_html_str_and_bytes_match_the_cli():
    html = "<nav><a href=/>Home</a></nav><h1>Bridge vote</h1><p>\u201cWe will win,\u201d said Anna Weber in Zürich.</p>"
    rec = aa.annotate_html(html)
    assert rec == cli(["--from-html", "-"], html.encode())[0]
    assert "Bridge vote" in rec["text"] and rec["quotes"]
    page = b"<meta charset=windows-1252><p>Caf\xe9 owner Anna Weber spoke in Paris.</p>"
    rec = aa.annotate_html(page)
    assert rec == cli(["--from-html", "-"], page)[0]
    assert "Caf\u00e9" in rec["text"]
    with pytest.raises(TypeError):
        aa.annotate_html(42)  # type: ignore[arg-type]


def test_annotate_many_is_the_cli_jsonl_in_order_on_any_jobs():
    texts = articles()
    items = [{"id": f"a{i}", "text": t} for i, t in enumerate(texts)]
    items.append({"id": 7, "html": "<p>Maria Oyelaran visited Bristol.</p>"})
    lines = "".join(json.dumps(x) + "\n" for x in items).encode()
    want = cli(["--jsonl", "--jobs", "1"], lines)
    assert [r["id"] for r in want] == [f"a{i}" for i in range(len(texts))] + ["7"]
    for jobs in (1, 2, 3):
        assert list(aa.annotate_many(items, jobs=jobs, chunk=5)) == want, jobs
    assert list(aa.annotate_many(iter(items))) == want
    # Plain strings are texts; JSON lines (str or bytes) go through annotate_jsonl.
    assert [r["entities"] for r in aa.annotate_many(texts[:3])] == [r["entities"] for r in want[:3]]
    raw = [line + b"\n" for line in lines.split(b"\n")] + [b"\n"]
    assert list(aa.annotate_jsonl(raw, jobs=2)) == want


def test_annotate_many_is_lazy_and_reports_bad_items():
    def endless():
        i = 0
        while True:
            yield f"Anna Weber met Karl Dörfler in Lakeport on day {i}."
            i += 1

    first = [r["text"] for _, r in zip(range(3), aa.annotate_many(endless(), jobs=2, chunk=4))]
    assert first[2].endswith("day 2.")
    with pytest.raises(ValueError, match="item 1"):
        list(aa.annotate_many([{"text": "ok"}, {"id": "x"}]))
    with pytest.raises(TypeError):
        list(aa.annotate_many([3]))  # type: ignore[list-item]
    with pytest.raises(ValueError):
        aa.annotate_many(["a"], jobs=0)
    assert aa.cores() >= 1


def test_annotate_many_releases_the_gil():
    """Another Python thread runs while a batch is annotated: with the GIL held it could not
    take a single step inside the batch's time window."""
    batch = [json.dumps({"text": t}) for t in articles() * 8]
    window = {}

    def work():
        window["start"] = time.perf_counter()
        aa._native.annotate_lines(batch, jobs=1)
        window["end"] = time.perf_counter()

    t = threading.Thread(target=work)
    steps = []
    t.start()
    while t.is_alive():
        steps.append(time.perf_counter())
    t.join()
    inside = sum(1 for s in steps if window["start"] < s < window["end"])
    assert window["end"] - window["start"] > 0.01
    assert inside > 100, f"{inside} steps of the other thread inside the batch"
