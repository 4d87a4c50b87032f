#!/usr/bin/env python3
"""Does any article of the modern-news dev set share a run of 8 or more words with
another article of the set, or with other collections?

  python3 tools/devnews/overlap.py TEXT.jsonl [OTHER ...]

TEXT.jsonl is `devnews.py build`'s text.jsonl. Each OTHER is a file of JSON Lines
with a "text" field, a CoNLL file (first column = words) or plain text. Prints each
shared 8-word run once with where it was found; exits 1 if there is any.
"""
import json
import re
import sys

N = 8
WORD = re.compile(r"\w+(?:['’]\w+)*")


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def shingles(ws):
    return {" ".join(ws[i:i + N]) for i in range(len(ws) - N + 1)}


def read_other(path):
    """Texts of a JSONL, CoNLL or plain-text file, as lists of words."""
    with open(path, encoding="utf-8", errors="replace") as f:
        raw = f.read()
    if raw.lstrip().startswith("{"):
        return [words(json.loads(line).get("text", "")) for line in raw.splitlines() if line.strip()]
    rows = raw.splitlines()
    if rows and sum(len(r.split()) >= 2 for r in rows[:200]) > 150:  # CoNLL: a token a line
        docs, cur = [], []
        for r in rows:
            if r.startswith("-DOCSTART-"):
                docs.append(cur)
                cur = []
            elif r.strip():
                cur.extend(words(r.split()[0]))
        docs.append(cur)
        return docs
    return [words(raw)]


def main():
    dev = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    owner = {}
    hits = []
    for d in dev:
        for s in shingles(words(d["text"])):
            if s in owner and owner[s] != d["id"]:
                hits.append((s, owner[s], d["id"]))
            owner.setdefault(s, d["id"])
    for path in sys.argv[2:]:
        for k, ws in enumerate(read_other(path)):
            for s in shingles(ws) & owner.keys():
                hits.append((s, owner[s], f"{path}#{k}"))
    seen = set()
    for s, a, b in hits:
        if (a, b) not in seen:
            seen.add((a, b))
            print(f"{a} ~ {b}: {s!r}")
    print(f"{len(dev)} articles; {len(seen)} pairs share a run of {N} words "
          f"({len(hits)} runs) across {1 + len(sys.argv) - 2} collections", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
