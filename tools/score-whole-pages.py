#!/usr/bin/env python3
"""Article-body F1 of whole-page predictions whose ids are "<16 hex>-page" (train-boiler
--cv-out on tools/boiler-whole-pages.py output): maps them to the benchmark's full ids
and runs ../shared/eval/score_body.py.

usage: tools/score-whole-pages.py HTML_DEV_DIR PRED.jsonl
"""
import json
import os
import subprocess
import sys
import tempfile


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    src, pred = argv[1], argv[2]
    full = {}
    with open(os.path.join(src, "pages.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                i = json.loads(line)["id"]
                full[i[:16] + "-page"] = i
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        with open(pred, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    if r.get("id") in full:
                        r["id"] = full[r["id"]]
                        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    scorer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/eval/score_body.py")
    try:
        return subprocess.call([sys.executable, scorer, os.path.join(src, "ground-truth.json"), out.name])
    finally:
        os.unlink(out.name)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
