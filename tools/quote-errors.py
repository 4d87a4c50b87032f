#!/usr/bin/env python3
"""List quote errors: gold quotes not found (MISS), found with a wrong
speaker (SPK), and predicted quotes not in gold (EXTRA), with context.
Uses the shared scorer's trimming and speaker rules.
  python3 tools/quote-errors.py GOLD PRED [--extra]"""
import sys, os
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
sys.path.insert(0, os.environ.get("SHARED_EVAL", "../shared/eval"))
from score import load, trim, speaker_ok

gold, pred = load(sys.argv[1]), load(sys.argv[2])
show_extra = "--extra" in sys.argv
by_id = {p.get("id", i): p for i, p in enumerate(pred)}
for i, g in enumerate(gold):
    p = by_id.get(g.get("id", i), {})
    t = g["text"]
    gq = {trim(t, q["start"], q["end"]): q for q in g["quotes"]}
    pq = {trim(t, q["start"], q["end"]): q for q in p.get("quotes", [])}
    ctx = lambda s, e: (t[max(0, s - 50):s] + "[[" + t[s:e][:90] + "]]" + t[e:e + 60]).replace("\n", "¶")
    for k, q in gq.items():
        if k not in pq:
            near = [t[a:b][:40] for (a, b) in pq if a < k[1] and k[0] < b]
            print(f"MISS {g.get('id')}: {ctx(q['start'], q['end'])}  overl={near}")
        elif not speaker_ok(q, pq[k]):
            ps = pq[k].get("speaker_span")
            gs = q.get("speaker_span")
            print(f"SPK  {g.get('id')}: gold={q['speaker']!r} {gs and t[gs[0]:gs[1]]!r} pred={pq[k]['speaker']!r} {ps and t[ps[0]:ps[1]]!r}: {ctx(q['start'], q['end'])}")
    if show_extra:
        for k, q in pq.items():
            if k not in gq and k[0] < k[1]:
                print(f"EXTRA {g.get('id')}: {ctx(q['start'], q['end'])}")
