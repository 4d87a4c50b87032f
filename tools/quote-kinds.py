#!/usr/bin/env python3
"""Quote figures by kind and speaker errors by class.

  python3 tools/quote-kinds.py GOLD PRED [NAMES_GOLD]

GOLD, NAMES_GOLD in the scorer's schema (NAMES_GOLD: tools/polnear-name-gold.py
output, canonical names); PRED: `annotate --jsonl` output (quotes carry
`kind`). Prints, per kind, how many quotes were returned, how many match a gold
quote (trimmed as the scorer does) and the speaker mention / name accuracy on
those; then the wrong speaker names by class of the predicted mention (a name,
a pronoun, a phrase of common nouns, none). Standard library only, with the
shared scorer's helpers.
"""
import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.environ.get("SHARED_EVAL", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval")))
from score import load, trim, speaker_ok, same_speaker  # noqa: E402

PRONOUNS = {"he", "she", "they", "it", "i", "we", "you"}


def mention_class(text, span):
    if not span:
        return "no mention"
    m = text[span[0]:span[1]]
    words = m.split()
    if m.lower() in PRONOUNS:
        return "pronoun"
    if any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and m[:1].isupper()):
        return "name"
    return "common-noun phrase"


def main(argv):
    gold = load(argv[1])
    pred = {p.get("id", i): p for i, p in enumerate(load(argv[2]))}
    names = {g.get("id", i): g for i, g in enumerate(load(argv[3]))} if len(argv) > 3 else {}
    returned, matched, ok_m, ok_n = Counter(), Counter(), Counter(), Counter()
    errors = defaultdict(Counter)
    for i, g in enumerate(gold):
        gid = g.get("id", i)
        p = pred.get(gid, {})
        t = g["text"]
        gq = {trim(t, q["start"], q["end"]): q for q in g["quotes"]}
        nq = {trim(t, q["start"], q["end"]): q for q in names.get(gid, {}).get("quotes", [])}
        for q in p.get("quotes", []):
            k = q.get("kind", "?")
            returned[k] += 1
            key = trim(t, q["start"], q["end"])
            if key not in gq:
                continue
            matched[k] += 1
            ok_m[k] += speaker_ok(gq[key], q)
            if key in nq:
                good = same_speaker(nq[key].get("speaker"), q.get("speaker"))
                ok_n[k] += good
                if not good:
                    gold_has = "gold named" if nq[key].get("speaker") else "gold unnamed"
                    errors[mention_class(t, q.get("speaker_span"))][gold_has] += 1
    print("kind     returned  matched  mention-acc  name-acc")
    for k in ["speech", "partial", "scare", "title"]:
        m = matched[k]
        fm = f"{ok_m[k] / m:.3f}" if m else "-"
        fn = f"{ok_n[k] / m:.3f}" if m and names else "-"
        print(f"{k:8} {returned[k]:8} {m:8} {fm:>12} {fn:>9}")
    if names:
        print("wrong speaker names by predicted mention class:")
        for c, n in sorted(errors.items(), key=lambda x: -sum(x[1].values())):
            print(f"  {c:20} {sum(n.values()):4}  ({', '.join(f'{k} {v}' for k, v in sorted(n.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
