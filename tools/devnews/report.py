#!/usr/bin/env python3
"""The modern-news dev set's figures beyond score.py's: speaker names by quote kind,
obviously wrong speakers, the article's parts, and how much of the article is dimmed.

  python3 tools/devnews/report.py GOLD.jsonl PRED.jsonl [-v]

GOLD is `devnews.py build`'s gold.jsonl, PRED `annotate --jsonl` output on its
text.jsonl. Quotes are matched as score.py matches them (marks and punctuation
trimmed); a speaker is right when score.py's speaker_ok says so (names compared,
a shared last word counts; an unnamed source by its mention).

Obviously wrong, counted over every quote the product shows with a speaker (not only
matched ones): a name in lower case, a pronoun or lone common word, a name whose
entity is a PLACE, DATE or MISC, a repeated name; and an unnamed source's mention
that is cut off (ends in a function word or an -ing word, or starts with one).
"""
import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.join(os.environ.get("SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")), "eval"))
from score import load, trim, speaker_ok, lines_of, share_in  # noqa: E402

COMMON = set("""i he she they we you it this that these those who new executive others other chairman chief
president minister spokesman spokeswoman officials official police government report statement the a an
some many most one two mr mrs ms dr his her their its""".split())
FUNCTION = set("""the a an of to for and or in on at with by from as that which who whose this these those
its his her their our your my than about into over after before while said says""".split())


def wrong_speaker(q, groups, text):
    """Why the shown speaker is obviously wrong, or None."""
    s = q.get("speaker")
    if s:
        label = None
        ent = q.get("speaker_entity")
        if ent is not None and 0 <= ent < len(groups):
            label = groups[ent].get("label")
        words = s.split()
        if not s[:1].isupper():
            return "lower case"
        if len(words) == 1 and s.lower() in COMMON:
            return "common word"
        if label in ("PLACE", "DATE", "MISC"):
            return "a " + label
        if len(words) >= 4 and len(words) % 2 == 0 and words[:len(words) // 2] == words[len(words) // 2:]:
            return "repeated"
        return None
    span = q.get("speaker_span")
    if not span:
        return None
    words = text[span[0]:span[1]].split()
    if not words:
        return "empty mention"
    # only words written in lower case count as function words ("WHO" is a name)
    first, last = words[0].strip(",.;:"), words[-1].strip(",.;:")
    if last in FUNCTION or last.endswith("ing") or last.endswith("'s") or last.endswith("’s"):
        return "cut-off mention"
    if first in FUNCTION - {"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your"}:
        return "cut-off mention"
    return None


def main():
    gold, pred = load(sys.argv[1]), load(sys.argv[2])
    verbose = "-v" in sys.argv
    by_id = {p["id"]: p for p in pred}
    by_kind = defaultdict(lambda: [0, 0])
    wrong = Counter()
    shown = 0
    parts_found = defaultdict(lambda: [0, 0])
    head_dimmed = []
    content = [0, 0]  # article lines, article lines dimmed
    for g in gold:
        p = by_id.get(g["id"], {})
        text = g["text"]
        groups = p.get("groups") or []
        pq = {trim(text, x["start"], x["end"]): x for x in p.get("quotes", [])}
        for x in g["quotes"]:
            k = trim(text, x["start"], x["end"])
            if k in pq:
                ok = speaker_ok(x, pq[k])
                by_kind[x["kind"]][0] += ok
                by_kind[x["kind"]][1] += 1
                if verbose and not ok:
                    print(f"  speaker {g['id'][:16]} {x['kind']:7} gold {x['speaker']!r} pred {pq[k].get('speaker')!r}"
                          f" {text[k[0]:min(k[1], k[0] + 50)]!r}")
        for q in p.get("quotes", []):
            if q.get("speaker") or q.get("speaker_span"):
                shown += 1
                why = wrong_speaker(q, groups, text)
                if why:
                    wrong[why] += 1
                    if verbose:
                        sp = q.get("speaker_span") or [0, 0]
                        print(f"  WRONG {g['id'][:16]} {why:16} {q.get('speaker') or text[sp[0]:sp[1]]!r}")
        pbp = p.get("boilerplate", [])
        pparts = {(x["start"], x.get("part")) for x in p.get("parts", [])}
        for part in g.get("parts", []):
            parts_found[part["part"]][1] += 1
            parts_found[part["part"]][0] += (part["start"], part["part"]) in pparts
            if part["part"] == "headline" and share_in(pbp, part["start"], part["end"]) >= 0.5:
                head_dimmed.append(g["id"])
        skip = g.get("ignore", [])
        for s, e in lines_of(text):
            if share_in(g.get("boilerplate", []), s, e) >= 0.5 or (skip and share_in(skip, s, e) >= 0.5):
                continue
            content[0] += 1
            content[1] += share_in(pbp, s, e) >= 0.5
    tot = [sum(v[0] for v in by_kind.values()), sum(v[1] for v in by_kind.values())]
    named = [sum(by_kind[k][0] for k in ("speech", "partial")), sum(by_kind[k][1] for k in ("speech", "partial"))]
    print(f"speaker names     accuracy={named[0] / max(named[1], 1):.3f} on speech+partial ({named[0]}/{named[1]}); "
          f"all kinds {tot[0] / max(tot[1], 1):.3f}")
    print("speaker by kind   " + ", ".join(f"{k} {v[0] / v[1]:.3f} ({v[0]}/{v[1]})" for k, v in sorted(by_kind.items()) if v[1]))
    print(f"obviously wrong   {sum(wrong.values())} of {shown} speakers shown"
          + (" (" + ", ".join(f"{k} {v}" for k, v in wrong.most_common()) + ")" if wrong else ""))
    print("parts found       " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(parts_found.items())))
    print(f"article dimmed    {content[1]} of {content[0]} article lines; headlines dimmed {len(head_dimmed)}"
          + (f" ({', '.join(h[:16] for h in head_dimmed)})" if head_dimmed and verbose else ""))


if __name__ == "__main__":
    main()
