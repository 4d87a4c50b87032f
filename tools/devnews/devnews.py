#!/usr/bin/env python3
"""The modern-news dev set (data/dev/news): texts, gold, and the editable markup.

Texts come from two places (manifest.jsonl, field "source"):
  {"kind": "shared", "path": "boiler/dev/ID.json"}  a pasted page in ../shared/data
                                                  (its text stays there; its
                                                  boilerplate labels come along)
  {"kind": "committed", "path": "texts/ID.txt"}    an openly licensed text in this repo
Gold lives in data/dev/news/gold/ID.json: offsets in code points into the text,
plus the surface of each entity so drift is caught.

Annotation goes through a markup file that a person (or a reviewer) edits:
  [[Peter Cook|PERSON]]                  an entity
  {{q3}}“We will win,”{{/q3}}            a quote (may span paragraphs, may hold entities)
  @@headline The line's text             a whole line's part (headline, standfirst,
                                         byline, date, outlet, other: a head line that is
                                         none of these); @@ignore must be resolved
  @@bp The line's text                   a boilerplate line (from ../shared; nothing is
                                         annotated in it unless it is made a part)
  %%%% quotes                            then one row a quote:
  q3 | speech | Peter Cook | he          id | kind | speaker name or - | mention or -
The mention is only kept for an unnamed source (speaker -): the occurrence of that
phrase nearest the quote becomes its speaker_span.

  devnews.py list                         ids, text sizes, annotation status
  devnews.py draft ID [--pred PRED.jsonl] markup from the current build's output
  devnews.py render ID                    markup from the gold file
  devnews.py compile ID MARKUP --pass first|second
                                          markup -> gold (checked), counting the marks
                                          this pass changed against the draft/gold
  devnews.py build OUTDIR                 OUTDIR/gold.jsonl (the scorer's schema) and
                                          OUTDIR/text.jsonl (the CLI's input)
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
NEWS = os.path.join(REPO, "data", "dev", "news")
SHARED = os.environ.get("SHARED", os.path.normpath(os.path.join(REPO, "..", "shared")))
WORK = os.path.join(REPO, "target", "devnews", "work")

LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MISC")
KINDS = ("speech", "partial", "title", "scare")
PARTS = ("headline", "standfirst", "byline", "date", "outlet", "other")


class MarkupError(Exception):
    pass


def manifest():
    out = []
    with open(os.path.join(NEWS, "manifest.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
    return out


def entry(doc_id):
    for m in manifest():
        if m["id"] == doc_id:
            return m
    raise SystemExit(f"no article {doc_id!r} in manifest.jsonl")


def source(m):
    """(text, boilerplate spans, ignore spans) of a manifest entry."""
    src = m["source"]
    if src["kind"] == "shared":
        with open(os.path.join(SHARED, "data", src["path"]), encoding="utf-8") as f:
            page = json.load(f)
        return page["text"], page.get("boilerplate", []), page.get("ignore", [])
    with open(os.path.join(NEWS, src["path"]), encoding="utf-8") as f:
        text = f.read()
    g = load_gold(m["id"])  # a text we bring in has its boilerplate lines (if any) in its gold
    return text, (g or {}).get("boilerplate", []), []


def article_bp(text, bp, parts):
    """The source's boilerplate as whole lines, less the lines annotated as parts."""
    part_starts = {p["start"] for p in parts}
    return [{"start": s, "end": e} for s, e in lines(text)
            if s < e and s not in part_starts and covered(bp, s, e)]


def sha(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def gold_path(doc_id):
    return os.path.join(NEWS, "gold", doc_id + ".json")


def load_gold(doc_id):
    p = gold_path(doc_id)
    if not os.path.exists(p):
        return None
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def lines(text):
    """(start, end) of every line, blank ones included."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def covered(spans, s, e):
    return any(b["start"] <= s and e <= b["end"] for b in spans)


# ---------------------------------------------------------------- markup out

def to_markup(text, ann, ignore=(), bp=()):
    """Markup of `ann` = {entities: [[s,e,label,...]], quotes: [{start,end,kind,
    speaker,mention}], parts: [{start,end,part}]} over `text`."""
    opens, closes = {}, {}
    for i, (s, e, label, *_rest) in enumerate(ann["entities"]):
        opens.setdefault(s, []).append((e, 1, "[["))
        closes.setdefault(e, []).append((s, 1, f"|{label}]]"))
    for n, q in enumerate(ann["quotes"], 1):
        opens.setdefault(q["start"], []).append((q["end"], 0, f"{{{{q{n}}}}}"))
        closes.setdefault(q["end"], []).append((q["start"], 0, f"{{{{/q{n}}}}}"))
    line_part = {s: "bp" for s, e in lines(text) if s < e and covered(bp, s, e)}
    line_part.update({p["start"]: p["part"] for p in ann.get("parts", [])})
    for sp in ignore:
        for s, e in lines(text):
            if s < e and sp["start"] <= s and e <= sp["end"] and line_part.get(s, "bp") == "bp":
                line_part[s] = "ignore"
    out = []
    for i in range(len(text) + 1):
        # closes first (inner before outer: the one opened last closes first)
        for _s, _k, tok in sorted(closes.get(i, []), key=lambda x: (-x[0], -x[1])):
            out.append(tok)
        if i in line_part and (i == 0 or text[i - 1] == "\n"):
            out.append(f"@@{line_part[i]} ")
        # opens: outer (longer) first, quotes before entities at the same span
        for _e, _k, tok in sorted(opens.get(i, []), key=lambda x: (-x[0], x[1])):
            out.append(tok)
        if i < len(text):
            out.append(text[i])
    rows = []
    for n, q in enumerate(ann["quotes"], 1):
        mention = q.get("mention_text") or "-"
        rows.append(f"q{n} | {q['kind']} | {q.get('speaker') or '-'} | {mention}")
    return "".join(out) + "\n%%%% quotes\n" + "\n".join(rows) + "\n"


# ---------------------------------------------------------------- markup in

TOKEN = re.compile(r"\[\[|\|(PERSON|ORG|PLACE|DATE|MISC)\]\]|\{\{(/?)q(\d+)\}\}")


def parse_markup(markup, text):
    """Markup -> ann, checked: the markup without its marks must be `text`."""
    body, sep, table = markup.partition("\n%%%% quotes\n")
    if not sep:
        raise MarkupError("no '%%%% quotes' line")
    # parts: "@@name " at a line start
    plain_lines, parts_at, bp_at = [], [], []
    for line in body.split("\n"):
        m = re.match(r"@@(\w+) ", line)
        if m and m.group(1) == "bp":
            bp_at.append(len(plain_lines))
            line = line[m.end():]
        elif m:
            if m.group(1) not in PARTS:
                raise MarkupError(f"unknown part @@{m.group(1)} (one of {', '.join(PARTS)})")
            parts_at.append((len(plain_lines), m.group(1)))
            line = line[m.end():]
        plain_lines.append(line)
    body = "\n".join(plain_lines)
    out, ents, quotes, stack = [], [], {}, []
    pos = 0  # position in the plain text
    i = 0
    for m in TOKEN.finditer(body):
        chunk = body[i:m.start()]
        out.append(chunk)
        pos += len(chunk)
        i = m.end()
        tok = m.group(0)
        if tok == "[[":
            stack.append(("e", pos))
        elif m.group(1):
            if not stack or stack[-1][0] != "e":
                raise MarkupError(f"'{tok}' closes no '[[' near: {body[max(0, m.start() - 40):m.end()]!r}")
            _, s = stack.pop()
            ents.append([s, pos, m.group(1)])
        elif m.group(2) == "":
            stack.append(("q" + m.group(3), pos))
        else:
            name = "q" + m.group(3)
            if not stack or stack[-1][0] != name:
                raise MarkupError(f"'{tok}' does not close the innermost open mark near: "
                                  f"{body[max(0, m.start() - 40):m.end()]!r}")
            _, s = stack.pop()
            if name in quotes:
                raise MarkupError(f"{name} used twice")
            quotes[name] = (s, pos)
    out.append(body[i:])
    if stack:
        raise MarkupError(f"unclosed mark(s): {[k for k, _ in stack]}")
    plain = "".join(out)
    if plain != text:
        k = next((j for j in range(min(len(plain), len(text))) if plain[j] != text[j]),
                 min(len(plain), len(text)))
        raise MarkupError(f"the text without marks differs from the source at {k}: "
                          f"source {text[max(0, k - 30):k + 30]!r} / markup {plain[max(0, k - 30):k + 30]!r}")
    for s, e, label in ents:
        if s >= e or text[s:e] != text[s:e].strip():
            raise MarkupError(f"entity {text[s:e]!r} is empty or has white space at an edge")
    starts = [s for s, _ in lines(text)]
    parts = []
    for n, part in parts_at:
        s = starts[n]
        parts.append({"start": s, "end": s + len(text[s:].split("\n", 1)[0]), "part": part})
    rows = {}
    for line in table.splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) != 4:
            raise MarkupError(f"quote row needs 4 cells 'id | kind | speaker | mention': {line!r}")
        qid, kind, speaker, mention = cells
        if kind not in KINDS:
            raise MarkupError(f"{qid}: kind {kind!r} is not one of {KINDS}")
        if qid in rows:
            raise MarkupError(f"{qid}: two rows")
        rows[qid] = (kind, None if speaker == "-" else speaker, None if mention == "-" else mention)
    if set(rows) != set(quotes):
        raise MarkupError(f"quotes marked but without a row: {sorted(set(quotes) - set(rows))}; "
                          f"rows without a marked quote: {sorted(set(rows) - set(quotes))}")
    qs = []
    for qid, (s, e) in sorted(quotes.items(), key=lambda kv: kv[1]):
        kind, speaker, mention = rows[qid]
        if kind in ("title", "scare") and speaker:
            raise MarkupError(f"{qid}: a {kind} quote has no speaker")
        q = {"start": s, "end": e, "kind": kind, "speaker": speaker}
        if mention and not speaker:  # a named speaker needs no mention
            q["mention"] = nearest(text, mention, s, e)
        qs.append(q)
    ents.sort()
    for s, e, label in ents:
        if label not in LABELS:
            raise MarkupError(f"label {label}")
    bp_lines = [{"start": starts[n], "end": starts[n] + len(text[starts[n]:].split("\n", 1)[0])} for n in bp_at]
    return {"entities": [[s, e, lab, text[s:e]] for s, e, lab in ents], "quotes": qs,
            "parts": sorted(parts, key=lambda p: p["start"]), "boilerplate": bp_lines}


def nearest(text, phrase, qs, qe):
    """[s, e] of the occurrence of `phrase` nearest the quote [qs, qe)."""
    best = None
    for m in re.finditer(re.escape(phrase), text):
        d = qs - m.end() if m.end() <= qs else (m.start() - qe if m.start() >= qe else 0)
        if best is None or d < best[0]:
            best = (d, m.start(), m.end())
    if best is None:
        raise MarkupError(f"mention {phrase!r} is not in the text")
    return [best[1], best[2]]


# ---------------------------------------------------------------- changes

def changes(old, new):
    """How many marks differ between two annotations: entities (span+label),
    quotes (span, kind, speaker, mention) and parts, each a set difference."""
    def keys(a):
        e = {tuple(x[:3]) for x in a["entities"]}
        q = {(x["start"], x["end"], x["kind"], x.get("speaker"), tuple(x.get("mention") or ())) for x in a["quotes"]}
        p = {(x["start"], x["part"]) for x in a.get("parts", [])}
        return e, q, p
    n = 0
    for a, b in zip(keys(old), keys(new)):
        n += len(a ^ b)
    return n


# ---------------------------------------------------------------- commands

def annotate_bin():
    exe = os.path.join(REPO, "target", "release", "annotate")
    if not os.path.exists(exe):
        subprocess.run(["cargo", "build", "--release", "-q", "--bin", "annotate"], cwd=REPO, check=True)
    return exe


def predict(text, doc_id):
    inp = json.dumps({"id": doc_id, "text": text}) + "\n"
    out = subprocess.run([annotate_bin(), "--jsonl", "-"], input=inp, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def pred_to_ann(text, pred, bp):
    ents = [[x["start"], x["end"], x["label"], x["text"]] for x in pred.get("entities", [])
            if not covered(bp, x["start"], x["end"])]
    qs = []
    for q in pred.get("quotes", []):
        if covered(bp, q["start"], q["end"]):
            continue
        sp = q.get("speaker_span")
        qs.append({"start": q["start"], "end": q["end"], "kind": q.get("kind") or "speech",
                   "speaker": q.get("speaker"),
                   "mention_text": text[sp[0]:sp[1]] if sp else None})
    # entities that cross a quote's edge cannot be written as markup: drop them
    ok = []
    for e in ents:
        if all(not (q["start"] < e[0] < q["end"] < e[1] or e[0] < q["start"] < e[1] < q["end"]) for q in qs):
            ok.append(e)
    return {"entities": ok, "quotes": qs, "parts": []}


def write_gold(doc_id, text, ann, passes):
    g = {"id": doc_id, "text_sha1": sha(text), "passes": passes}
    rows = [f'  "id": {json.dumps(doc_id)},', f'  "text_sha1": "{g["text_sha1"]}",',
            f'  "passes": {json.dumps(passes)},']
    rows.append('  "entities": [' + ",".join("\n    " + json.dumps(e, ensure_ascii=False) for e in ann["entities"]) + "\n  ],")
    rows.append('  "quotes": [' + ",".join("\n    " + json.dumps(q, ensure_ascii=False) for q in ann["quotes"]) + "\n  ],")
    rows.append('  "parts": [' + ",".join("\n    " + json.dumps(p) for p in ann["parts"]) + "\n  ]" +
                ("," if ann.get("boilerplate") else ""))
    if ann.get("boilerplate"):
        rows.append('  "boilerplate": [' + ",".join("\n    " + json.dumps(b) for b in ann["boilerplate"]) + "\n  ]")
    os.makedirs(os.path.dirname(gold_path(doc_id)), exist_ok=True)
    with open(gold_path(doc_id), "w", encoding="utf-8") as f:
        f.write("{\n" + "\n".join(rows) + "\n}\n")


def gold_ann(g, text):
    ann = {"entities": g["entities"], "quotes": [dict(q) for q in g["quotes"]], "parts": g.get("parts", [])}
    for q in ann["quotes"]:
        if q.get("mention"):
            q["mention_text"] = text[q["mention"][0]:q["mention"][1]]
    return ann


def cmd_list(_a):
    for m in manifest():
        text, bp, _ = source(m)
        g = load_gold(m["id"])
        status = "-" if g is None else ",".join(f"{k}:{v}" for k, v in g["passes"].items())
        if g is not None and g["text_sha1"] != sha(text):
            status += " TEXT CHANGED"
        print(f"{m['id']:24} {len(text.split()):6} words  {m.get('country', '?'):14} {status}")


def cmd_draft(a):
    m = entry(a.id)
    text, bp, ignore = source(m)
    pred = predict(text, a.id)
    ann = pred_to_ann(text, pred, bp)
    os.makedirs(WORK, exist_ok=True)
    with open(os.path.join(WORK, a.id + ".draft.json"), "w", encoding="utf-8") as f:
        json.dump({k: v for k, v in ann.items()}, f, ensure_ascii=False)
    out = os.path.join(WORK, a.id + ".md")
    with open(out, "w", encoding="utf-8") as f:
        f.write(to_markup(text, ann, ignore, bp))
    print(out)


def cmd_render(a):
    m = entry(a.id)
    text, bp, ignore = source(m)
    g = load_gold(a.id)
    if g is None:
        raise SystemExit(f"no gold for {a.id}: draft it first")
    out = a.out or os.path.join(WORK, a.id + ".md")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(to_markup(text, gold_ann(g, text), ignore, bp))
    print(out)


def cmd_compile(a):
    m = entry(a.id)
    text, bp, _ = source(m)
    with open(a.markup, encoding="utf-8") as f:
        markup = f.read()
    try:
        ann = parse_markup(markup, text)
    except MarkupError as e:
        raise SystemExit(f"{a.id}: {e}")
    if m["source"]["kind"] == "shared":
        got = [(b["start"], b["end"]) for b in ann["boilerplate"]]
        want = [(b["start"], b["end"]) for b in article_bp(text, bp, ann["parts"])]
        if got != want:
            raise SystemExit(f"{a.id}: @@bp lines of a page from ../shared are its benchmark labels: "
                             f"only a part may replace one")
        ann["boilerplate"] = []
    else:
        bp = ann["boilerplate"]
    bp = article_bp(text, bp, ann["parts"])
    inside = [x for x in ann["entities"] if covered(bp, x[0], x[1])]
    if inside:
        raise SystemExit(f"{a.id}: entities inside boilerplate lines (not annotated there): {inside[:5]}")
    old = load_gold(a.id)
    if a.pass_ == "first":
        with open(os.path.join(WORK, a.id + ".draft.json"), encoding="utf-8") as f:
            base = json.load(f)
        for q in base["quotes"]:
            q.pop("mention_text", None)
        passes = {"first": changes(base, ann)}
    else:
        if old is None:
            raise SystemExit(f"{a.id}: no first pass yet")
        passes = dict(old["passes"])
        passes[a.pass_] = changes(old, ann)
    write_gold(a.id, text, ann, passes)
    print(f"{a.id}: {len(ann['entities'])} entities, {len(ann['quotes'])} quotes, "
          f"{len(ann['parts'])} parts; this pass changed {passes[a.pass_]} marks")


def cmd_build(a):
    os.makedirs(a.out, exist_ok=True)
    n = 0
    with open(os.path.join(a.out, "gold.jsonl"), "w", encoding="utf-8") as gf, \
            open(os.path.join(a.out, "text.jsonl"), "w", encoding="utf-8") as tf:
        for m in manifest():
            g = load_gold(m["id"])
            if g is None or "second" not in g["passes"] and not a.drafts:
                continue
            text, bp, _ignore = source(m)
            bp = article_bp(text, bp, g["parts"])
            if g["text_sha1"] != sha(text):
                raise SystemExit(f"{m['id']}: the text changed since it was annotated")
            for s, e, label, surface in g["entities"]:
                if text[s:e] != surface:
                    raise SystemExit(f"{m['id']}: entity {surface!r} at {s} reads {text[s:e]!r}")
            quotes = []
            for q in g["quotes"]:
                r = {"start": q["start"], "end": q["end"], "speaker": q["speaker"], "kind": q["kind"]}
                if q.get("mention") and not q["speaker"]:
                    r["speaker_span"] = q["mention"]
                quotes.append(r)
            rec = {"id": m["id"], "text": text,
                   "entities": [{"start": s, "end": e, "label": lab} for s, e, lab, _ in g["entities"]],
                   "quotes": quotes, "boilerplate": bp,
                   "ignore": [{"start": p["start"], "end": p["end"]} for p in g["parts"]],
                   "parts": g["parts"], "meta": {k: m.get(k) for k in ("outlet", "country", "genre", "topic", "date")}}
            gf.write(json.dumps(rec, ensure_ascii=False) + "\n")
            tf.write(json.dumps({"id": m["id"], "text": text}, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} articles -> {a.out}/gold.jsonl, {a.out}/text.jsonl", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list").set_defaults(fn=cmd_list)
    p = sub.add_parser("draft")
    p.add_argument("id")
    p.set_defaults(fn=cmd_draft)
    p = sub.add_parser("render")
    p.add_argument("id")
    p.add_argument("--out")
    p.set_defaults(fn=cmd_render)
    p = sub.add_parser("compile")
    p.add_argument("id")
    p.add_argument("markup")
    p.add_argument("--pass", dest="pass_", choices=("first", "second"), required=True)
    p.set_defaults(fn=cmd_compile)
    p = sub.add_parser("build")
    p.add_argument("out")
    p.add_argument("--drafts", action="store_true", help="include articles with only a first pass")
    p.set_defaults(fn=cmd_build)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
