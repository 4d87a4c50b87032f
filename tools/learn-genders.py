#!/usr/bin/env python3
"""Learn the gender of first names from PolNeAR train into data/lexicon/first-names.txt.

usage: python3 tools/learn-genders.py [../shared/data/quotes/polnear-train.jsonl] > data/lexicon/first-names.txt

Evidence, counted once per article and first name (a name repeated in one
article is one vote):
  honorific  "Mr. Hart" / "Ms. Hart" in the article, and "Jo Hart" in it too:
             Jo gets the honorific's gender;
  pronoun    "Jo Hart said ... his/her ..." (the first he/his/him or
             she/her/hers after the name in its sentence, no other name
             between), or the next sentence starting with He/She;
  source     an attribution whose source is "he"/"she" and whose closest
             earlier attribution in the article had "Jo Hart" as source.
A first name is kept with at least MIN_ARTICLES votes of which at least
SHARE agree. The title, role and adjective words of data/lexicon/quotes.txt
and names.txt are not first names. Deterministic (sorted output); standard
library only. The PolNeAR test split is never read.
"""
import json
import os
import re
import sys
from collections import defaultdict

MIN_ARTICLES = 2
SHARE = 0.7
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
DEFAULT = os.path.join(ROOT, "..", "shared", "data", "quotes", "polnear-train.jsonl")

MALE = {"he", "his", "him", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
HON_M = {"mr", "mr.", "sir"}
HON_F = {"mrs", "mrs.", "ms", "ms.", "miss"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*|[.!?;:,“”\"]")
NAME = re.compile(r"^[A-Z][a-z]+$")


def lexicon_words(path, sections):
    out, cur = set(), None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            cur = line[1:-1]
            continue
        if cur in sections:
            if re.match(r"^[a-z0-9_-]+: ", line):
                line = line.split(": ", 1)[1]
            for f in line.split(","):
                for w in f.strip().lower().split():
                    out.add(w.rstrip("."))
    return out


def not_first_names():
    q = lexicon_words(os.path.join(ROOT, "data/lexicon/quotes.txt"),
                      {"speaker-titles", "roles", "adjectives", "generic", "org", "capitalised-non-names",
                       "calendar-words", "determiners", "function-words", "pronouns", "gender"})
    n = lexicon_words(os.path.join(ROOT, "data/lexicon/names.txt"),
                      {"titles", "org-heads", "sentence-openers", "honorifics", "generic-org-words"})
    return q | n | {"new", "north", "south", "east", "west", "united", "saint", "st", "san", "los", "las",
                    "fort", "mount", "lake", "great", "white", "black", "supreme", "federal", "national",
                    "american", "capitol", "wall", "main", "first", "big", "little", "old"}


def tokens(text):
    """(word, start) pairs; paragraph breaks are kept as a '¶' token."""
    out = []
    for m in re.finditer(r"\n\s*\n|" + WORD.pattern, text):
        w = m.group(0)
        out.append(("¶" if w.strip() == "" else w, m.start()))
    return out


def names_in(toks, stop):
    """(index, first, last) of 'First [Middle] Last' runs: capitalised words,
    the first one a plausible first name."""
    out = []
    i = 0
    n = len(toks)
    while i < n:
        w = toks[i][0]
        if NAME.match(w) and w.lower() not in stop:
            j = i + 1
            while j < n and j < i + 4 and (NAME.match(toks[j][0]) or re.match(r"^[A-Z]\.$", toks[j][0])):
                j += 1
            if j - i >= 2 and NAME.match(toks[j - 1][0]):
                out.append((i, w, toks[j - 1][0], j))
                i = j
                continue
        i += 1
    return out


def article_votes(d, stop):
    text = d["text"]
    toks = tokens(text)
    words = [t[0] for t in toks]
    votes = defaultdict(lambda: [0, 0])  # first name -> [m, f] (evidence kinds)
    runs = names_in(toks, stop)
    # "Wasserman Schultz" after "Debbie Wasserman Schultz": not a first name.
    inner = {words[k] for (i, _, _, j) in runs for k in range(i + 1, j)}
    runs = [r for r in runs if r[1] not in inner]
    # A surname alone stands for the one full name of the article ending with it.
    by_last = defaultdict(set)
    for (_, first, last, _) in runs:
        by_last[last].add(first)
    covered = {k for (i, _, _, j) in runs for k in range(i, j)}
    for i, w in enumerate(words):
        if i not in covered and len(by_last.get(w, ())) == 1 and not (i > 0 and NAME.match(words[i - 1])):
            runs.append((i, next(iter(by_last[w])), w, i + 1))
    # honorifics
    hon = {}
    for i, w in enumerate(words[:-1]):
        lw = w.lower()
        nxt = words[i + 1]
        if NAME.match(nxt) and (lw in HON_M or lw in HON_F):
            g = 0 if lw in HON_M else 1
            hon.setdefault(nxt, set()).add(g)
    for (_, first, last, _) in runs:
        gs = hon.get(last)
        if gs and len(gs) == 1:
            votes[first][next(iter(gs))] = 1
    # pronoun after the name in its sentence, or He/She opening the next one
    for (i, first, last, j) in runs:
        k = j
        g = None
        while k < len(words) and k < j + 25:
            w = words[k]
            if w in ".!?¶":
                if k + 1 < len(words) and words[k + 1] in ("He", "She") and w != "¶":
                    g = 0 if words[k + 1] == "He" else 1
                break
            if w in ("“", '"', "”"):
                break
            if NAME.match(w) and w.lower() not in stop and w not in (last, first):
                break
            lw = w.lower()
            if lw in MALE:
                g = 0
                break
            if lw in FEMALE:
                g = 1
                break
            k += 1
        if g is not None:
            votes[first][g] = max(votes[first][g], 1)
    # attribution chains: a he/she source after a named source
    attrs = sorted(d.get("attributions", []), key=lambda a: a["content"][0][0] if a["content"] else 0)
    last_named = None
    for a in attrs:
        if not a["source"]:
            continue
        s, e = a["source"][0]
        src = text[s:e]
        parts = src.split()
        if src.lower() in ("he", "she"):
            if last_named:
                votes[last_named][0 if src.lower() == "he" else 1] = max(
                    votes[last_named][0 if src.lower() == "he" else 1], 1)
        elif len(parts) >= 2 and all(NAME.match(p) or re.match(r"^[A-Z]\.$", p) for p in parts) \
                and parts[0].lower() not in stop:
            last_named = parts[0]
        elif len(parts) == 1 and NAME.match(src):
            # "Hart": the full name of the article ending with it, if one.
            full = [f for (_, f, l, _) in runs if l == src]
            last_named = full[0] if len(set(full)) == 1 else None
        else:
            last_named = None
    return votes


def main(argv):
    path = argv[1] if len(argv) > 1 else DEFAULT
    if "test" in os.path.basename(path):
        sys.exit("refusing to read a test split")
    stop = not_first_names()
    # Words also written in lower case mid-sentence more often than
    # capitalised ("will", "long") are not first names.
    low, cap = defaultdict(int), defaultdict(int)
    for line in open(path, encoding="utf-8"):
        if line.strip():
            for m in re.finditer(r"(?<=[a-z,] )([A-Za-z]+)", json.loads(line)["text"]):
                w = m.group(1)
                (cap if w[0].isupper() else low)[w.lower()] += 1
    stop |= {w for w in low if low[w] > cap[w]}
    # Words after "in", "the", "from", "at" ("in Texas", "the Treasury") name
    # places and organisations; first names rarely stand there.
    place, seen = defaultdict(int), defaultdict(int)
    for line in open(path, encoding="utf-8"):
        if line.strip():
            for m in re.finditer(r"(\w+) ([A-Z][a-z]+)", json.loads(line)["text"]):
                w = m.group(2).lower()
                seen[w] += 1
                place[w] += m.group(1).lower() in ("in", "the", "from", "at")
    stop |= {w for w in seen if place[w] * 10 > seen[w]}
    total = defaultdict(lambda: [0, 0])
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        for name, (m, f) in article_votes(json.loads(line), stop).items():
            if m != f:  # an article that says both says nothing
                total[name][0] += m
                total[name][1] += f
    male, female = [], []
    for name, (m, f) in sorted(total.items()):
        n = m + f
        if n >= MIN_ARTICLES and max(m, f) >= SHARE * n:
            (male if m > f else female).append(name.lower())
    out = sys.stdout
    out.write("# First names and their gender, learned from PolNeAR train by\n")
    out.write("# tools/learn-genders.py (see it for the evidence counted; rebuild:\n")
    out.write("# python3 tools/learn-genders.py > data/lexicon/first-names.txt).\n")
    out.write(f"# {len(male)} male, {len(female)} female; lower case.\n")
    for sec, names in (("male", male), ("female", female)):
        out.write(f"[{sec}]\n")
        for k in range(0, len(names), 12):
            out.write(", ".join(names[k:k + 12]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
