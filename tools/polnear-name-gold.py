#!/usr/bin/env python3
"""Write a name-level gold file for PolNeAR dev in the scorer's schema.

usage: tools/polnear-name-gold.py ../shared/data/quotes/polnear-dev.gold.jsonl data/dev/polnear-dev-names.jsonl > gold.jsonl

POLNEAR_DEV  polnear-dev.gold.jsonl (id, text, quotes[start, end, speaker, speaker_span])
NAMES_FILE   polnear-dev-names.jsonl (id, quotes[start, end, name_span [s, e] | null])

Each output quote is {"start", "end", "speaker"} with speaker = text[name_span]
(or null) and NO speaker_span, so /work/shared/eval/score.py compares canonical
names (same_speaker) instead of mention overlap. Standard library only.
"""
import json
import sys


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    names = {}
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                names[r["id"]] = r["quotes"]
    out = sys.stdout
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            text = d["text"]
            nq = names.get(d["id"])
            if nq is None or len(nq) != len(d["quotes"]):
                raise SystemExit(f"{d['id']}: names file does not match the quotes")
            quotes = []
            for q, n in zip(d["quotes"], nq):
                if (q["start"], q["end"]) != (n["start"], n["end"]):
                    raise SystemExit(f"{d['id']}: quote offsets differ at {q['start']}")
                span = n.get("name_span")
                if span is not None:
                    s, e = span
                    if not (0 <= s < e <= len(text)):
                        raise SystemExit(f"{d['id']}: bad name_span {span}")
                    speaker = text[s:e]
                else:
                    speaker = None
                quotes.append({"start": q["start"], "end": q["end"], "speaker": speaker})
            out.write(json.dumps({"id": d["id"], "text": text, "quotes": quotes}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
