#!/usr/bin/env python3
"""Entity errors on the modern-news dev set, per label: what the gold has
that the prediction lacks (misses, with what was predicted over it) and what
the prediction has that the gold lacks (false alarms, with the gold over it).

  python3 tools/devnews/entity-errors.py [GOLD PRED] [--label ORG] [--counts]

Defaults: target/devnews/eval/{gold,pred}.jsonl (written by tools/eval-news.sh).
Mentions inside gold boilerplate or ignore spans are left out as score.py does.
"""
import argparse
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "eval"))
from score import load  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("gold", nargs="?", default="target/devnews/eval/gold.jsonl")
ap.add_argument("pred", nargs="?", default="target/devnews/eval/pred.jsonl")
ap.add_argument("--label")
ap.add_argument("--counts", action="store_true", help="only the error classes' counts")
a = ap.parse_args()

gold = {d["id"]: d for d in load(a.gold)}
pred = {d["id"]: d for d in load(a.pred)}
classes = Counter()
rows = []
for did, g in gold.items():
    p = pred.get(did, {})
    text = g["text"]
    skip = [(b["start"], b["end"]) for b in g.get("boilerplate", [])] + [
        (b["start"], b["end"]) for b in g.get("ignore", [])]
    inside = lambda e: any(s <= e["start"] and e["end"] <= t for s, t in skip)
    ge = [e for e in g.get("entities", []) if not inside(e)]
    pe = [e for e in p.get("entities", []) if not inside(e) and not e.get("boilerplate")]
    gk = {(e["start"], e["end"], e["label"]) for e in ge}
    pk = {(e["start"], e["end"], e["label"]) for e in pe}

    def over(es, s, t):
        return [x for x in es if x["start"] < t and s < x["end"]]

    def show(es):
        return " | ".join(f"{text[x['start']:x['end']]}/{x['label']}" for x in es) or "-"

    # Misses (gold not predicted) and false alarms (predicted not in gold).
    for mine, theirs, keys, side, none in ((ge, pe, pk, "FN-", "miss"), (pe, ge, gk, "FP-", "spurious")):
        for e in mine:
            if (e["start"], e["end"], e["label"]) in keys or (a.label and e["label"] != a.label):
                continue
            o = over(theirs, e["start"], e["end"])
            if any((x["start"], x["end"]) == (e["start"], e["end"]) for x in o):
                kind = "label"
            else:
                kind = "span" if o else none
            classes[(e["label"], side + kind)] += 1
            ctx = text[max(0, e["start"] - 30):e["end"] + 30].replace("\n", " ")
            rows.append((e["label"], side + kind, did, text[e["start"]:e["end"]], show(o), ctx))
for (lab, k), n in sorted(classes.items()):
    print(f"{lab:7} {k:12} {n}")
if not a.counts:
    for r in sorted(rows):
        print("\t".join(r))
