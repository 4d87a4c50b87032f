#!/usr/bin/env python3
"""The modern-news dev set as CoNLL (word TAB IOB2 label), for picking the
tagger's epochs and quantisation on it (tools/train-entities.sh --dev).

    python3 tools/devnews/to-conll.py GOLD.jsonl OUT.conll

GOLD.jsonl is what `devnews.py build` writes. Lines the gold calls
boilerplate are left out (their names are not annotated); DATE is O (dates
are found by rule, not by the tagger); a token not wholly inside a gold
entity is O. One sentence per line, split after a sentence end.
"""
import json
import re
import sys

LABELS = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC", "MISC": "MISC"}
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’]\w+)*|[^\w\s]")


def covered(spans, s, e):
    return any(b["start"] <= s and e <= b["end"] for b in spans)


def main():
    gold_path, out_path = sys.argv[1], sys.argv[2]
    with open(gold_path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            d = json.loads(line)
            text = d["text"]
            ents = sorted((e for e in d["entities"] if e["label"] in LABELS), key=lambda e: e["start"])
            bp = d.get("boilerplate", [])
            out.write("-DOCSTART-\tO\n\n")
            pos = 0
            for ln in text.split("\n"):
                s0, pos = pos, pos + len(ln) + 1
                if not ln.strip() or covered(bp, s0, s0 + len(ln)):
                    continue
                sent = []
                for m in TOKEN.finditer(ln):
                    s, e = s0 + m.start(), s0 + m.end()
                    lab = "O"
                    for x in ents:
                        if x["start"] <= s and e <= x["end"]:
                            lab = ("B-" if x["start"] == s else "I-") + LABELS[x["label"]]
                            break
                    sent.append((m.group(), lab))
                    if m.group() in ".!?" and lab == "O":
                        out.write("".join(f"{w}\t{l}\n" for w, l in sent) + "\n")
                        sent = []
                if sent:
                    out.write("".join(f"{w}\t{l}\n" for w, l in sent) + "\n")


if __name__ == "__main__":
    main()
