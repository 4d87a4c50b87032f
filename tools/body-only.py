#!/usr/bin/env python3
"""`annotate --jsonl` output with the article's parts (headline, byline, ...) moved into its
boilerplate, so that ../shared/eval/score_body.py scores the body alone, as the benchmark
defines it (its article body leaves the header out).

  python3 tools/body-only.py PRED.jsonl > BODY.jsonl
"""
import json
import sys

for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        r = json.loads(line)
        extra = [{"start": p["start"], "end": p["end"], "kind": "part"} for p in r.get("parts", [])]
        r["boilerplate"] = sorted(r.get("boilerplate", []) + extra, key=lambda b: b["start"])
        print(json.dumps(r, ensure_ascii=False))
