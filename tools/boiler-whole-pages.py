#!/usr/bin/env python3
"""Line labels for whole pages, for training and cross-validating the boilerplate layer.

usage: tools/boiler-whole-pages.py HTML_DEV_DIR OUT_DIR

HTML_DEV_DIR is ../shared/data/boiler/html-dev (pages.jsonl: the whole page's visible
text, what Ctrl+A Ctrl+C gives; ground-truth.json: the benchmark's article body). For
every page it writes OUT_DIR/<id16>-page.json in the format of ../shared/data/boiler/dev
({id, text, boilerplate: [{start, end}], ignore: []}, code points), with the id
"<first 16 hex digits>-page" so that cross-validation can keep a page's whole-page and
pasted-selection versions in the same fold.

A line is content when most of it is in the true body: at least half of its 4-word
shingles occur in the body (lines of 4+ words), or, for shorter lines, its words occur as
a run in the body. Everything else is boilerplate; blank lines are not lines. The
output is derived data: written to a temporary folder at training time, never committed.
"""
import json
import os
import re
import sys

WORD = re.compile(r"\w+")


def words(s):
    return [w.lower() for w in WORD.findall(s)]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    src, out = argv[1], argv[2]
    os.makedirs(out, exist_ok=True)
    truth = json.load(open(os.path.join(src, "ground-truth.json"), encoding="utf-8"))
    n_pages = n_lines = n_content = 0
    with open(os.path.join(src, "pages.jsonl"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            page = json.loads(line)
            body = words(truth[page["id"]]["articleBody"])
            shingles = {tuple(body[i:i + 4]) for i in range(max(0, len(body) - 3))}
            joined = " " + " ".join(body) + " "
            text = page["text"]
            spans, pos = [], 0
            for ln in text.split("\n"):
                s, e = pos, pos + len(ln)
                pos = e + 1
                w = words(ln)
                if not w:
                    continue
                if len(w) >= 4:
                    sh = [tuple(w[i:i + 4]) for i in range(len(w) - 3)]
                    content = sum(x in shingles for x in sh) * 2 >= len(sh)
                else:
                    content = (" " + " ".join(w) + " ") in joined
                n_lines += 1
                n_content += content
                if not content:
                    spans.append({"start": s, "end": e})
            rec = {"id": page["id"][:16] + "-page", "text": text, "boilerplate": spans, "ignore": []}
            with open(os.path.join(out, rec["id"] + ".json"), "w", encoding="utf-8") as o:
                json.dump(rec, o, ensure_ascii=False)
            n_pages += 1
    sys.stderr.write(f"{n_pages} pages, {n_lines} lines, {n_content} content\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
