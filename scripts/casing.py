#!/usr/bin/env python3
"""Build the casing lexicons of the name tagger (data/gazetteers/case-*.txt)
from unlabeled text: how often each word is written with a capital inside a
sentence (not at a sentence or line start, where capitals say nothing).
This answers "is this capitalised word usually a name?" for words the
labelled data never showed capitalised ("Since", "Wait", "Government").

    python3 scripts/casing.py CORPORA_DIR [SHARED_DIR]   (CASING_OUT=DIR writes elsewhere)

Unlabeled text read (only tokens and casing, never labels):
- the train splits of the converted corpora in CORPORA_DIR (data/SOURCES.md;
  tools/corpora/build.py rebuilds them) and CoNLL-2003 train;
- ../shared/data/quotes/polnear-train.jsonl (news articles, train split);
- ../shared/data/boiler/dev/*.json (pasted web news pages).
No dev or test split is read. Deterministic; output sorted.

Each word (alphabetic, lower-cased) seen at least MIN times inside
sentences goes to one file by the share of capitalised occurrences:
  case-lower.txt   < 10%  (a common word: a capital there is position)
  case-mixed.txt   10-60% (both: "Bush", "Bill", "March")
  case-name.txt    >= 60% (a name: capitalised even mid-sentence)
"""
import glob
import json
import os
import re
import sys
from collections import Counter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.environ.get("CASING_OUT") or os.path.join(ROOT, "data", "gazetteers")
MIN = 4
SOURCES = ["gum", "uner_ewt", "wnut17", "btc", "crossner_politics", "crossner_science",
           "crossner_music", "crossner_literature", "crossner_ai"]
TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")

low = Counter()
cap = Counter()


def count(tokens):
    """Count words inside one sentence or line: a word counts when the
    token before it is a word, a number or a comma."""
    for k in range(1, len(tokens)):
        w, prev = tokens[k], tokens[k - 1]
        if not w.isalpha() or not (prev.isalnum() or prev == ","):
            continue
        if w[0].islower():
            low[w.lower()] += 1
        elif w[0].isupper() and not (len(w) > 1 and w.isupper()):
            cap[w.lower()] += 1


def conll(path):
    sent = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                count(sent)
                sent = []
                continue
            sent.append(line.split("\t")[0].split(" ")[0])
    count(sent)


def text(t):
    for line in t.split("\n"):
        # Sentence ends inside a line: restart after . ! ? : ; and quotes.
        for part in re.split(r"(?<=[.!?:;\"\u201c\u201d])\s+", line):
            count(TOKEN.findall(part))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    corpora = sys.argv[1]
    shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..", "shared")
    for s in SOURCES:
        conll(os.path.join(corpora, s + ".train.conll"))
    conll(os.path.join(shared, "data", "ner", "conll2003", "train.txt"))
    with open(os.path.join(shared, "data", "quotes", "polnear-train.jsonl"), encoding="utf-8") as f:
        for line in f:
            text(json.loads(line)["text"])
    for p in sorted(glob.glob(os.path.join(shared, "data", "boiler", "dev", "*.json"))):
        with open(p, encoding="utf-8") as f:
            text(json.load(f)["text"])
    classes = {"lower": [], "mixed": [], "name": []}
    for w in sorted(set(low) | set(cap)):
        n = low[w] + cap[w]
        if n < MIN or len(w) < 2:
            continue
        r = cap[w] / n
        classes["lower" if r < 0.1 else "mixed" if r < 0.6 else "name"].append(w)
    for k, ws in classes.items():
        with open(os.path.join(OUT, f"case-{k}.txt"), "w", encoding="utf-8") as f:
            f.write("".join(w + "\n" for w in ws))
        print(f"case-{k}.txt: {len(ws)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
