#!/usr/bin/env python3
"""Re-extract the openly licensed development news articles from repository snapshots.

Every article listed in the manifest (data/dev/news/manifest.jsonl) whose
"snapshot" is {"kind": "snapshot", "repo": OWNER/NAME, "path": ..., "commit": ...}
is read straight out of a bare git snapshot (`git --git-dir=<mirror>/<owner>+<name>/repo
show COMMIT:PATH`) and written as OUT/<id>.txt (UTF-8):

    headline
    <blank>
    date line as the outlet shows it
    <blank>
    paragraph
    <blank>
    paragraph ...

Usage:  python3 tools/devnews/extract_open.py --mirror /work/.mirror --out DIR
        [--manifest data/dev/news/manifest.jsonl]

Then `diff -r DIR data/dev/news/texts` shows no difference.

Supported snapshot files:
  *.csv   vanatteveldt/wikinews: Wikinews articles scraped from the rendered pages
          (columns url, date, title, text; paragraphs separated by blank lines).
          Selected by snapshot["key"] = the row's url.
  *.json  alphagov/publishing-api content-schema examples: GOV.UK content items
          (title, description, details.body as HTML, first_published_at).

Licences: Wikinews text CC BY 2.5; GOV.UK text Open Government Licence v3.0.
Standard library only; deterministic.
"""
import argparse
import csv
import datetime
import html.parser
import io
import json
import os
import re
import subprocess
import sys

# Per-article fix-ups, kept as data. "max_words": keep the article's leading paragraphs
# up to this many words, ending on an answer rather than a question (long interviews are
# taken as excerpts; the manifest marks them "excerpt": true).
FIXUPS = {
    "wn-2019-magellanic-penguins-interview": {"max_words": 1450},
    "wn-2020-mysore-railway-interview": {"max_words": 1450},
    "wn-2020-derakhshani-chess-interview": {"max_words": 1450},
}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# A Wikinews date line as the page shows it ("Friday, January 4, 2019").
DATE_LINE_RE = re.compile(r"^(%s), (%s) \d{1,2}, \d{4}$" % ("|".join(WEEKDAYS), "|".join(MONTHS)))
# Photo captions of galleries and infoboxes, which the scrape kept as paragraphs.
CAPTION_RE = re.compile(r"(^|[\s.])Image: [^\n]{1,80}$")
# Attribution line of a pull-quote box ("—Zinichev calling a temporary halt ...").
PULLQUOTE_ATTR_RE = re.compile(r"^[\u2014\u2013]")
# A whole pull-quote box kept as one paragraph ('"..."  — Name, role').
PULLQUOTE_RE = re.compile(r"^[\"\u201c].*[\"\u201d]\s+[\u2014\u2013]")
# Citation marks left from references ("map[3]").
CITATION_RE = re.compile(r"\[\d+\]")
QUESTION_RE = re.compile(r"^\(\((WN|Wikinews)\)\)")


def git_show(mirror, repo, commit, path):
    gitdir = os.path.join(mirror, repo.replace("/", "+"), "repo")
    try:
        return subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{path}"],
                              check=True, capture_output=True).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError) as e:
        err = getattr(e, "stderr", b"") or b""
        sys.exit(f"cannot read {path} at {commit} from {gitdir}: {err.decode()[:300] or e}\n"
                 f"(bring the snapshot with the search tool: fetch github:{repo})")


def clean_paragraph(p):
    """Collapse runs of ASCII spaces/newlines as a browser renders them; keep every
    other character (curly quotes, dashes, accents, non-breaking spaces)."""
    p = CITATION_RE.sub("", p)
    p = re.sub(r"[ \t\r\n]+", " ", p)
    return p.strip(" ")


def wikinews_date_line(iso):
    d = datetime.date.fromisoformat(iso)
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def excerpt(paras, max_words):
    out, n = [], 0
    for p in paras:
        w = len(p.split())
        if n + w > max_words:
            break
        out.append(p)
        n += w
    while out and QUESTION_RE.match(out[-1]):
        out.pop()
    return out


def from_wikinews_csv(text, key):
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["url"] == key]
    if len(rows) != 1:
        sys.exit(f"{len(rows)} rows with url {key}")
    r = rows[0]
    paras = []
    for p in re.split(r"\n\s*\n", r["text"]):
        p = clean_paragraph(p)
        if not p or DATE_LINE_RE.match(p.replace("\u00a0", "").strip()):
            continue
        if CAPTION_RE.search(p) or PULLQUOTE_ATTR_RE.match(p) or PULLQUOTE_RE.match(p):
            continue
        paras.append(p)
    return clean_paragraph(r["title"]), wikinews_date_line(r["date"]), paras


class _Blocks(html.parser.HTMLParser):
    """Text of the block elements (p, li, h1-h6) of an HTML fragment, in order."""
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.cur, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._flush()
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth:
            self.cur.append(data)

    def _flush(self):
        t = clean_paragraph("".join(self.cur))
        if t:
            self.blocks.append(t)
        self.cur = []


def from_govuk_json(text):
    d = json.loads(text)
    parser = _Blocks()
    parser.feed(d["details"]["body"])
    parser.close()
    paras = parser.blocks
    desc = clean_paragraph(d.get("description") or "")
    if desc and (not paras or paras[0] != desc):
        paras = [desc] + paras
    day = datetime.date.fromisoformat(d["first_published_at"][:10])
    date_line = f"Published {day.day} {MONTHS[day.month - 1]} {day.year}"
    return clean_paragraph(d["title"]), date_line, paras


def render(title, date_line, paras):
    return "\n\n".join([title, date_line] + paras) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", default="/work/.mirror",
                    help="directory holding the snapshots as <owner>+<name>/repo")
    ap.add_argument("--out", required=True, help="directory to write <id>.txt into")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--manifest",
                    default=os.path.join(here, "..", "..", "data", "dev", "news",
                                         "manifest.jsonl"))
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    n = 0
    with open(args.manifest, encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
    for e in entries:
        src = e.get("snapshot") or {}
        if src.get("kind") != "snapshot":
            continue
        text = git_show(args.mirror, src["repo"], src["commit"], src["path"])
        if src["path"].endswith(".csv"):
            title, date_line, paras = from_wikinews_csv(text, src["key"])
        elif src["path"].endswith(".json"):
            title, date_line, paras = from_govuk_json(text)
        else:
            sys.exit(f"{e['id']}: unsupported source file {src['path']}")
        fix = FIXUPS.get(e["id"], {})
        if "max_words" in fix:
            paras = excerpt(paras, fix["max_words"])
        with open(os.path.join(args.out, e["id"] + ".txt"), "w", encoding="utf-8",
                  newline="\n") as out:
            out.write(render(title, date_line, paras))
        n += 1
    print(f"wrote {n} articles to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
