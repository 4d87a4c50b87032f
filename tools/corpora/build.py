#!/usr/bin/env python3
"""Rebuild the multi-source English NER corpora in out/ (stdlib only, deterministic).

Every output is read straight out of a bare git snapshot of the upstream repository
(`git --git-dir=SNAPSHOT show COMMIT:PATH`), converted to IOB2 with the CoNLL-2003
label set (PER, ORG, LOC, MISC) and written as

    out/<source>.<split>.conll   TOKEN<TAB>TAG, blank line between sentences,
                                 a line "-DOCSTART-" (then a blank line) opening every document
    out/<source>.meta.json       licence, url, commit, labels_annotated, sizes, notes

Usage:  python3 tools/corpora/build.py --out DIR [--mirror DIR] [--use-head]

  --mirror DIR   directory holding the snapshots as <owner>+<name>/repo
                 (default /work/.mirror, where the search tool's `fetch` puts them)
  --use-head     read HEAD instead of the pinned commits below (if a snapshot was refreshed)

Snapshots (bring each one with the search tool: `fetch github:<owner>/<name>`):
  fetch github:amir-zeldes/gum                  -> GUM (subset, see GUM_GENRES)
  fetch github:UniversalNER/UNER_English-EWT    -> uner_ewt
  fetch github:leondz/emerging_entities_17      -> wnut17
  fetch github:GateNLP/broad_twitter_corpus     -> btc
  fetch github:zliucr/CrossNER                  -> crossner_<domain>

HELD-OUT DATA: never read ner_data/conll2003/* of CrossNER (it bundles CoNLL-2003, incl.
its test set). This script only ever opens the explicit paths listed below.
See SOURCES.md for licences, label mappings and split rules.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

# ----------------------------------------------------------------------------------------
# snapshot locations and pinned commits
# ----------------------------------------------------------------------------------------
REPOS = {
    # key: (owner+name directory under --mirror, pinned commit, github url)
    "gum": ("amir-zeldes+gum", "72ce5ac14978a324c2fd18d49484e65292cbe316",
            "https://github.com/amir-zeldes/gum"),
    "uner": ("UniversalNER+UNER_English-EWT", "8ed072de2fd24022cc62458997fe96a8fe191ea4",
             "https://github.com/UniversalNER/UNER_English-EWT"),
    "wnut": ("leondz+emerging_entities_17", "e52a2d2a71ac1a051ca2d532eef28653c5c02603",
             "https://github.com/leondz/emerging_entities_17"),
    "btc": ("GateNLP+broad_twitter_corpus", "0c45ef7b1924a6b8115bceab388781590b1b553a",
            "https://github.com/GateNLP/broad_twitter_corpus"),
    "crossner": ("zliucr+CrossNER", "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
                 "https://github.com/zliucr/CrossNER"),
}

LABELS = ("PER", "ORG", "LOC", "MISC")

# GUM genres whose *texts* carry an open, non-NC licence in GUM's LICENSE.txt.
# Excluded: reddit (Reddit terms, text not even in the repo), essay/fiction/letter/podcast/
# whow (CC BY-NC-SA), conversation/speech/textbook/vlog (not listed in LICENSE.txt, so the
# text licence is unclear), GENTLE_* (separate out-of-domain test corpus).
GUM_GENRES = {
    "academic": "CC BY 4.0",
    "bio": "CC BY-SA 3.0 (Wikipedia)",
    "court": "CC BY 4.0",
    "interview": "CC BY 2.5 (Wikinews)",
    "news": "CC BY 2.5 (Wikinews)",
    "voyage": "CC BY-SA 3.0 (Wikivoyage)",
}

ARGS = None


def git_show(key, path):
    d, commit, _ = REPOS[key]
    gitdir = os.path.join(ARGS.mirror, d, "repo")
    rev = "HEAD" if ARGS.use_head else commit
    try:
        data = subprocess.run(["git", "--git-dir", gitdir, "show", f"{rev}:{path}"],
                              check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as e:
        sys.exit(f"cannot read {path} from {gitdir} at {rev}: {e.stderr.decode()[:300]}\n"
                 f"(run the search tool's `fetch github:...` for it, or pass --use-head)")
    return data.decode("utf-8")


def git_ls(key, prefix):
    d, commit, _ = REPOS[key]
    gitdir = os.path.join(ARGS.mirror, d, "repo")
    rev = "HEAD" if ARGS.use_head else commit
    out = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", rev, prefix],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return sorted(l for l in out.split("\n") if l)


def git_rev(key):
    d, commit, _ = REPOS[key]
    if not ARGS.use_head:
        return commit
    gitdir = os.path.join(ARGS.mirror, d, "repo")
    return subprocess.run(["git", "--git-dir", gitdir, "rev-parse", "HEAD"], check=True,
                          capture_output=True).stdout.decode().strip()


# ----------------------------------------------------------------------------------------
# generic helpers
# ----------------------------------------------------------------------------------------
def spans_from_bio(tags):
    """(start, end_exclusive, label) from BIO tags (lenient: stray I- starts a span)."""
    spans, start, lab = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != lab):
            if start is not None:
                spans.append((start, i, lab))
            start, lab = (i, t[2:]) if t != "O" else (None, None)
    return spans


def bio_from_spans(n, spans):
    tags = ["O"] * n
    for s, e, lab in spans:
        if lab is None:
            continue
        tags[s] = "B-" + lab
        for k in range(s + 1, e):
            tags[k] = "I-" + lab
    return tags


def map_bio(tags, mapping, unknown):
    """Map BIO tags of a source tag set to ours; mapping value None -> O."""
    out = []
    for s, e, lab in spans_from_bio(tags):
        if lab not in mapping:
            unknown[lab] += 1
            continue
        out.append((s, e, mapping[lab]))
    return bio_from_spans(len(tags), out)


def trim_edge_punct(toks, tags):
    """BIO tags with every span trimmed of tokens without a letter or digit at its
    edges (a span of punctuation only is dropped); and how many spans changed."""
    out, changed = [], 0
    for s, e, lab in spans_from_bio(tags):
        s0, e0 = s, e
        while s < e and not re.search(r"\w", toks[s]):
            s += 1
        while e > s and not re.search(r"\w", toks[e - 1]):
            e -= 1
        changed += (s, e) != (s0, e0)
        if s < e:
            out.append((s, e, lab))
    return bio_from_spans(len(tags), out), changed


def split_hash_tags(toks, tags):
    """Tokens inside a span that start with '#' or '@' glued to a word ("#Gloucester")
    split in two; the sign is O at a span's start, else inside the span. Returns the
    tokens, tags and how many were split."""
    out_t, out_g, n = [], [], 0
    for w, t in zip(toks, tags):
        if t != "O" and len(w) > 1 and w[0] in "#@" and re.match(r"\w", w[1]):
            out_t += [w[0], w[1:]]
            out_g += ["O", "B-" + t[2:]] if t.startswith("B-") else [t, t]
            n += 1
        else:
            out_t.append(w)
            out_g.append(t)
    return out_t, out_g, n


def clean_sentence(tokens, tags):
    """Drop whitespace-only tokens (cannot be written in TOKEN<TAB>TAG); keep tags valid."""
    keep = [(w.strip(), t) for w, t in zip(tokens, tags) if w.strip()]   # BTC has "MH17 " tokens
    toks = [w for w, _ in keep]
    return toks, fix_iob2([t for _, t in keep])


def fix_iob2(tags):
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def read_two_col(text):
    """TOKEN<TAB>TAG files, sentences split by (whitespace-only) blank lines."""
    sents, cur = [], []
    for line in text.split("\n"):
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        parts = line.rstrip("\n").split("\t")
        cur.append((parts[0], parts[-1].strip()))
    if cur:
        sents.append(cur)
    return sents


class Corpus:
    def __init__(self, name):
        self.name = name
        self.docs = {"train": [], "dev": []}   # split -> [(doc_id, [(tokens, tags), ...])]

    def add(self, split, doc_id, sents):
        sents = [clean_sentence(t, g) for t, g in sents]
        sents = [(t, g) for t, g in sents if t]
        if sents:
            self.docs[split].append((doc_id, sents))


def validate(tags):
    prev = "O"
    for t in tags:
        if t != "O":
            assert t[:2] in ("B-", "I-") and t[2:] in LABELS, t
            if t.startswith("I-"):
                assert prev != "O" and prev[2:] == t[2:], (prev, t)
        prev = t


def write_corpus(c, meta):
    stats = {}
    for split, docs in c.docs.items():
        path = os.path.join(ARGS.out, f"{c.name}.{split}.conll")
        n_sent = n_tok = 0
        ents = collections.Counter()
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for doc_id, sents in docs:
                f.write("-DOCSTART-\n\n")
                for toks, tags in sents:
                    validate(tags)
                    for w, t in zip(toks, tags):
                        assert "\t" not in w and "\n" not in w and w.strip(), repr(w)
                        f.write(f"{w}\t{t}\n")
                    f.write("\n")
                    n_sent += 1
                    n_tok += len(toks)
                    for _, _, lab in spans_from_bio(tags):
                        ents[lab] += 1
        stats[split] = {"docs": len(docs), "sentences": n_sent, "tokens": n_tok,
                        "entities": {l: ents.get(l, 0) for l in LABELS}}
    tot = {"docs": 0, "sentences": 0, "tokens": 0, "entities": {l: 0 for l in LABELS}}
    for s in stats.values():
        for k in ("docs", "sentences", "tokens"):
            tot[k] += s[k]
        for l in LABELS:
            tot["entities"][l] += s["entities"][l]
    meta = dict(meta)
    meta.update({"source": c.name, **tot, "splits": stats})
    with open(os.path.join(ARGS.out, f"{c.name}.meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{c.name:22s} " + "  ".join(
        f"{sp}: {s['docs']}d {s['sentences']}s {s['tokens']}t {s['entities']}" for sp, s in stats.items()))


def every_seventh(sorted_ids):
    """Deterministic ~14% dev selection: the 1st, 8th, 15th ... id in sorted order."""
    return {d for i, d in enumerate(sorted_ids) if i % 7 == 0}


# ----------------------------------------------------------------------------------------
# WNUT-17 emerging entities
# ----------------------------------------------------------------------------------------
WNUT_MAP = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
            "creative-work": "MISC", "product": "MISC"}


def build_wnut():
    c = Corpus("wnut17")
    unknown = collections.Counter()
    # official test (emerging.test.annotated: single gold label per token) is not on our
    # held-out list -> train; official dev -> our dev.
    files = [("train", "wnut17train.conll", "train"),
             ("train", "emerging.test.annotated", "test"),
             ("dev", "emerging.dev.conll", "dev")]
    for split, path, tag in files:
        for i, sent in enumerate(read_two_col(git_show("wnut", path))):
            toks = [w for w, _ in sent]
            tags = map_bio([t for _, t in sent], WNUT_MAP, unknown)
            c.add(split, f"wnut17-{tag}-{i:05d}", [(toks, tags)])
    assert not unknown, unknown
    write_corpus(c, {
        "name": "WNUT-17 Emerging and Rare Entities",
        "license": "CC BY 4.0 (stated in README.md; no separate licence file)",
        "url": REPOS["wnut"][2], "commit": git_rev("wnut"),
        "genre": "user-generated: Twitter (2010, 2016-17 events), Reddit, YouTube comments, StackExchange",
        "labels_annotated": ["PER", "ORG", "LOC"],
        "labels_partial": {"MISC": "only WNUT creative-work and product; nationalities, events, "
                                   "languages etc. are not annotated (appear as O)"},
        "mapping": WNUT_MAP,
        "document_unit": "one post/tweet = one document",
        "split_rule": "train = wnut17train.conll + emerging.test.annotated; dev = emerging.dev.conll",
        "notes": "Texts were selected to contain rare/emerging entities, but all entities of the six "
                 "types in a text are annotated (not only novel ones). Crowd annotation + expert adjudication.",
    })


# ----------------------------------------------------------------------------------------
# Broad Twitter Corpus
# ----------------------------------------------------------------------------------------
def build_btc():
    c = Corpus("btc")
    # train_dev_test_conll/btc.test is section F (identical blob to f.conll),
    # btc.dev is the second half of section H, btc.train is A+B+E+G+first half of H.
    files = [("train", "train_dev_test_conll/btc.train", "train"),
             ("train", "train_dev_test_conll/btc.test", "secF"),
             ("dev", "train_dev_test_conll/btc.dev", "dev")]
    fixed = hashed = 0
    for split, path, tag in files:
        for i, sent in enumerate(read_two_col(git_show("btc", path))):
            toks = [w for w, _ in sent]
            tags = [t for _, t in sent]
            # BTC splits "@user" into "@" + "user", both tagged B-X: one span first.
            for k in range(1, len(toks)):
                if toks[k - 1] == "@" and tags[k - 1].startswith("B-") and tags[k] == tags[k - 1]:
                    tags[k] = "I-" + tags[k][2:]
            tags = map_bio(tags, {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}, collections.Counter())
            # Our convention (the entity layer's spans never start or end with
            # punctuation): "@user" -> "user", "#tag" -> "tag", "Acme ." -> "Acme".
            tags, k = trim_edge_punct(toks, tags)
            fixed += k
            toks, tags, k = split_hash_tags(toks, tags)
            hashed += k
            c.add(split, f"btc-{tag}-{i:05d}", [(toks, tags)])
    write_corpus(c, {
        "name": "Broad Twitter Corpus",
        "license": "CC BY 4.0 (LICENSE)",
        "url": REPOS["btc"][2], "commit": git_rev("btc"),
        "genre": "tweets 2009-2014 (UK and global, incl. mainstream-news accounts section G, MH17 section E)",
        "labels_annotated": ["PER", "ORG", "LOC"],
        "labels_missing": ["MISC"],
        "mapping": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
        "document_unit": "one tweet = one document",
        "split_rule": "train = btc.train + btc.test (section F); dev = btc.dev (second half of section H, "
                      "the corpus authors' recommended dev split)",
        "notes": f"'@' + username are two tokens in BTC, both tagged B-X; spans were trimmed of "
                 f"leading and trailing punctuation tokens ({fixed} spans: mostly the '@', some '#' and "
                 f"final '.') so the mention is the user name alone, as the entity layer marks it; "
                 f"a '#' glued to a name inside a span ({hashed} tokens, '#Gloucester') was split off "
                 f"and left out of the span (as the entity layer's segmenter splits and trims it). "
                 f"Usernames of people/organisations are annotated as PER/ORG.",
    })


# ----------------------------------------------------------------------------------------
# Universal NER English-EWT
# ----------------------------------------------------------------------------------------
def build_uner():
    c = Corpus("uner_ewt")
    docs = collections.OrderedDict()
    for fn in ("en_ewt-ud-dev.iob2", "en_ewt-ud-test.iob2"):
        doc = None
        toks, tags = [], []
        for line in git_show("uner", fn).split("\n") + [""]:
            if line.startswith("# newdoc id"):
                doc = line.split("=", 1)[1].strip()
                docs.setdefault(doc, [])
                continue
            if line.startswith("#"):
                continue
            if not line.strip():
                if toks:
                    docs[doc].append((toks, tags))
                    toks, tags = [], []
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            toks.append(cols[1])
            tags.append(cols[2])
    ids = sorted(docs)
    dev = every_seventh(ids)
    unknown = collections.Counter()
    for d in ids:
        sents = [(t, map_bio(g, {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}, unknown)) for t, g in docs[d]]
        c.add("dev" if d in dev else "train", d, sents)
    assert not unknown, unknown
    write_corpus(c, {
        "name": "Universal NER v1, English-EWT",
        "license": "CC BY-SA 4.0 (LICENSE.txt)",
        "url": REPOS["uner"][2], "commit": git_rev("uner"),
        "genre": "English Web Treebank (2000s web text: Yahoo answers, reviews, email, newsgroups, weblogs)",
        "labels_annotated": ["PER", "ORG", "LOC"],
        "labels_missing": ["MISC"],
        "mapping": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
        "document_unit": "UD newdoc id",
        "split_rule": "only the official dev+test files are used (the train file, >=4 MiB, is absent from "
                      "the snapshot); pooled, documents sorted by id, every 7th (index % 7 == 0) -> dev",
        "notes": "UNER LOC includes GPEs and facilities; nationality adjectives and other names are O "
                 "(UNER v1 has no MISC/OTHER annotation for EWT).",
    })


# ----------------------------------------------------------------------------------------
# CrossNER (Wikipedia, five domains). NEVER touch ner_data/conll2003/.
# ----------------------------------------------------------------------------------------
_COMMON = {"person": "PER", "organisation": "ORG", "location": "LOC", "country": "LOC",
           "misc": "MISC", "event": "MISC"}
CROSSNER_MAP = {
    "politics": {**_COMMON, "politician": "PER", "politicalparty": "ORG", "election": "MISC"},
    "science": {**_COMMON, "scientist": "PER", "university": "ORG", "academicjournal": "ORG",
                "award": "MISC", "astronomicalobject": "LOC", "theory": "MISC",
                "discipline": None, "chemicalcompound": None, "chemicalelement": None,
                "protein": None, "enzyme": None},
    "music": {**_COMMON, "musicalartist": "PER", "band": "ORG", "album": "MISC", "song": "MISC",
              "award": "MISC", "musicgenre": None, "musicalinstrument": None},
    "literature": {**_COMMON, "writer": "PER", "book": "MISC", "poem": "MISC", "award": "MISC",
                   "magazine": "ORG", "literarygenre": None},
    "ai": {**_COMMON, "researcher": "PER", "university": "ORG", "conference": "MISC",
           "product": "MISC", "programlang": "MISC",
           "field": None, "task": None, "algorithm": None, "metrics": None},
}


def build_crossner():
    for dom in ("politics", "science", "music", "literature", "ai"):
        c = Corpus(f"crossner_{dom}")
        unknown = collections.Counter()
        pooled = []
        for sp in ("train", "dev", "test"):
            path = f"ner_data/{dom}/{sp}.txt"
            assert not path.startswith("ner_data/conll2003")
            for i, sent in enumerate(read_two_col(git_show("crossner", path))):
                pooled.append((f"crossner-{dom}-{sp}-{i:04d}", sent))
        # drop exact duplicate paragraphs (a few occur across CrossNER's own splits)
        seen, dedup = set(), []
        for did, sent in pooled:
            key = tuple(w for w, _ in sent)
            if key not in seen:
                seen.add(key)
                dedup.append((did, sent))
        n_dup = len(pooled) - len(dedup)
        pooled = dedup
        orig = collections.Counter()
        for i, (did, sent) in enumerate(pooled):
            toks = [w for w, _ in sent]
            raw = [t for _, t in sent]
            for _, _, lab in spans_from_bio(raw):
                orig[lab] += 1
            tags = map_bio(raw, CROSSNER_MAP[dom], unknown)
            c.add("dev" if i % 7 == 6 else "train", did, [(toks, tags)])
        assert not unknown, (dom, unknown)
        m = CROSSNER_MAP[dom]
        write_corpus(c, {
            "name": f"CrossNER ({dom} domain)",
            "license": "MIT (LICENSE of the repository; texts are from English Wikipedia, CC BY-SA)",
            "url": REPOS["crossner"][2], "commit": git_rev("crossner"),
            "genre": f"English Wikipedia paragraphs, {dom} domain",
            "labels_annotated": ["PER", "ORG", "LOC", "MISC"],
            "mapping": m,
            "mapped_to_O": sorted(k for k, v in m.items() if v is None),
            "original_entity_counts": dict(sorted(orig.items())),
            "document_unit": "one annotated paragraph = one document (no article ids are given)",
            "split_rule": "official train+dev+test pooled in that order, exact duplicate paragraphs dropped "
                          f"({n_dup}), every 7th item (index % 7 == 6) -> dev",
            "excluded": "ner_data/conll2003/* (a copy of CoNLL-2003 incl. its held-out test set) is never read",
        })


# ----------------------------------------------------------------------------------------
# GUM: named entities derived from the entity (coreference) layer of dep/*.conllu
# ----------------------------------------------------------------------------------------
GUM_TYPE = {"person": "PER", "place": "LOC", "organization": "ORG",
            "event": "MISC", "object": "MISC", "abstract": "MISC"}
# time, substance, plant, animal -> not named entities in our sense (O)
TITLES = set("""mr mr. mrs mrs. ms ms. miss dr dr. doctor prof prof. professor sir dame lord lady
president vice senator sen. sen rep. rep representative governor gov. gov mayor judge justice
general gen. gen admiral colonel col. col major maj. captain capt. capt lieutenant lt. lt
sergeant sgt. sgt officer detective inspector chief king queen prince princess emperor empress
pope saint archbishop bishop cardinal reverend rev. rev father fr. sister brother rabbi imam
sheikh ayatollah chancellor minister premier secretary ambassador chairman chairwoman ceo
coach commissioner director dean principal speaker congressman congresswoman councillor
councilman councilwoman prime deputy tsar czar earl duke duchess baron baroness sultan caliph
shah""".split())
NOT_NAME_START = {"Figure", "Fig.", "Table", "Section", "Chapter", "Appendix", "Factor", "Example",
                  "Step", "Part", "Page", "Equation", "Eq."}
COUNTRIES = set("""Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
Bahrain Bangladesh Belarus Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chad Chile
China Colombia Congo Croatia Cuba Cyprus Czechia Denmark Ecuador Egypt England Eritrea Estonia Ethiopia
Finland France Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary Iceland India Indonesia
Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Laos Latvia Lebanon
Libya Lithuania Malaysia Mali Mexico Moldova Mongolia Montenegro Morocco Mozambique Myanmar Nepal
Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines
Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal Serbia Singapore Slovakia Slovenia Somalia
Spain Sudan Sweden Switzerland Syria Taiwan Tanzania Thailand Tunisia Turkey Uganda Ukraine Uruguay
Uzbekistan Venezuela Vietnam Wales Yemen Zambia Zimbabwe Britain America US U.S. USA UK""".split()) | {
    "South Korea", "North Korea", "South Africa", "Saudi Arabia", "New Zealand", "United States",
    "United Kingdom", "Great Britain", "Sri Lanka", "Costa Rica", "El Salvador", "Ivory Coast",
    "South Sudan", "Czech Republic", "Dominican Republic", "Soviet Union", "United Arab Emirates"}
GENERIC_CAPS = {"Court", "Church", "Army", "Government", "State", "City", "Council", "Committee"}
CONNECT = {"of", "the", "de", "du", "des", "la", "le", "von", "van", "der", "den", "di", "da",
           "&", "-", "for"}


def parse_entity_field(misc):
    """Yield ('open', eid, etype, identity) / ('close', eid) events in order."""
    m = re.search(r"(?:^|\|)Entity=([^|]*)", misc)
    if not m:
        return []
    s = m.group(1)
    ev, i = [], 0
    while i < len(s):
        if s[i] == "(":
            j = i + 1
            while j < len(s) and s[j] not in "()":
                j += 1
            parts = s[i + 1:j].split("-")
            eid, etype = parts[0], parts[1]
            ident = parts[7] if len(parts) > 7 else ""
            ev.append(("open", eid, etype, ident))
            if j < len(s) and s[j] == ")":
                ev.append(("close", eid))
                j += 1
            i = j
        else:
            j = i
            while j < len(s) and s[j] not in "()":
                j += 1
            if j < len(s) and s[j] == ")":
                ev.append(("close", s[i:j]))
                j += 1
            i = j
    return ev


def gum_named_span(sent, s, e, etype):
    """sent: list of dict(form, upos, xpos, head(int, 1-based), id). Mention tokens s..e-1.
    Return (ns, ne, label) of the name inside the mention or None."""
    ids = set(range(s, e))
    heads = [k for k in range(s, e) if sent[k]["head"] - 1 not in ids]
    if not heads:
        return None
    h = heads[0]

    def namey(k):
        return sent[k]["upos"] == "PROPN" or sent[k]["xpos"] in ("NNP", "NNPS")

    if not namey(h):
        return None
    if etype == "person" and sent[h]["form"].lower() in TITLES:
        return None             # "President of the United States", "Director of ...": no name
    ns = ne = h
    while True:                 # extend left / right over name tokens, bridging connectors
        moved = False
        if ns - 1 >= s and namey(ns - 1):
            ns -= 1
            moved = True
        if ne + 1 < e and namey(ne + 1):
            ne += 1
            moved = True
        if not moved:
            # bridge "of", "&", "de" ... only if a name token follows inside the mention
            k = ne + 1
            while k < e and sent[k]["form"].lower() in CONNECT:
                k += 1
            if k > ne + 1 and k < e and namey(k) and etype != "person":
                ne = k
                continue
            if ne + 1 < e and sent[ne + 1]["upos"] == "NUM" and not ARGS.no_num:
                ne += 1          # "Apollo 11", "World War 2"
                continue
            break
    if etype == "person":
        ts = [k for k in range(ns, ne) if sent[k]["form"].lower() in TITLES]
        if ts:                  # "US President Barack Obama" -> "Barack Obama"
            ns = ts[-1] + 1
        if sent[h]["xpos"] == "NNPS" or "Number=Plur" in sent[h]["feats"]:
            # "Americans", "Democrats", "Christians", "the Rohingya": groups of people named
            # by nationality / religion / party / ethnicity -> MISC (CoNLL convention)
            return (ns, ne + 1, "MISC") if ns == ne else None
    lab = GUM_TYPE.get(etype)
    if lab is None:
        return None
    if not any(ch.isupper() for k in range(ns, ne + 1) for ch in sent[k]["form"]):
        return None             # "(it)" language-link markers etc.
    if sent[ns]["form"] in NOT_NAME_START or (ns == ne and sent[ns]["form"] in GENERIC_CAPS):
        return None             # "Figure 1", "Table 2"
    # leading "The" of "The Beatles" style names is not part of the name
    while ns < ne and sent[ns]["form"].lower() == "the":
        ns += 1
    return (ns, ne + 1, lab)


def read_gum_doc(text):
    doc_id, sents, cur = None, [], []
    for line in text.split("\n") + [""]:
        if line.startswith("# newdoc id"):
            doc_id = line.split("=", 1)[1].strip()
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        c = line.split("\t")
        if not c[0].isdigit():
            continue            # multiword token ranges / empty nodes
        cur.append({"id": int(c[0]), "form": c[1], "upos": c[3], "xpos": c[4],
                    "feats": c[5], "head": int(c[6]) if c[6].isdigit() else 0, "misc": c[9]})
    return doc_id, sents


def gum_test_docs():
    txt = git_show("gum", "splits.md")
    sec, test = None, set()
    for line in txt.split("\n"):
        if line.startswith("## "):
            sec = line[3:].strip()
        elif sec == "test" and line.strip().startswith("* "):
            test.add(line.strip()[2:].strip())
    return test


def build_gum():
    c = Corpus("gum")
    test = gum_test_docs()
    files = [p for p in git_ls("gum", "dep") if p.endswith(".conllu")]
    per_genre = collections.Counter()
    excluded = collections.Counter()
    place_names, pending = set(COUNTRIES), []
    for p in files:
        base = os.path.basename(p)[:-len(".conllu")]
        parts = base.split("_")
        if parts[0] != "GUM" or parts[1] not in GUM_GENRES:
            excluded[parts[0] if parts[0] != "GUM" else parts[1]] += 1
            continue
        doc_id, sents = read_gum_doc(git_show("gum", p))
        assert doc_id == base, (doc_id, base)
        per_genre[parts[1]] += 1
        out = []
        for sent in sents:
            stacks = collections.defaultdict(list)
            mentions = []
            for k, tok in enumerate(sent):
                for ev in parse_entity_field(tok["misc"]):
                    if ev[0] == "open":
                        stacks[ev[1]].append((k, ev[2]))
                    else:
                        if stacks[ev[1]]:
                            s0, et = stacks[ev[1]].pop()
                            mentions.append((s0, k + 1, et))
            # (mentions still open at sentence end cross a sentence boundary: ignored)
            cands = []
            for s0, e0, et in mentions:
                r = gum_named_span(sent, s0, e0, et)
                if r:
                    cands.append((r, e0 - s0))
            # outermost name wins: longer name span first, then larger mention
            cands.sort(key=lambda x: (-(x[0][1] - x[0][0]), -x[1], x[0][0]))
            used, chosen = set(), []
            for (ns, ne, lab), _ in cands:
                if any(k in used for k in range(ns, ne)):
                    continue
                used.update(range(ns, ne))
                chosen.append((ns, ne, lab))
            toks = [t["form"] for t in sent]
            out.append((toks, chosen))
            for ns, ne, lab in chosen:
                if lab == "LOC":
                    place_names.add(" ".join(toks[ns:ne]))
        pending.append(("dev" if doc_id in test else "train", doc_id, out))
    # GUM types countries/cities acting as governments or teams ("Sweden said", "Belgium won")
    # as organization; CoNLL tags such names LOC. Names that GUM also uses as a place -> LOC.
    relabelled = collections.Counter()
    for split, doc_id, out in pending:
        sents = []
        for toks, chosen in out:
            fixed = []
            for ns, ne, lab in chosen:
                if lab == "ORG" and " ".join(toks[ns:ne]) in place_names:
                    lab = "LOC"
                    relabelled[" ".join(toks[ns:ne])] += 1
                fixed.append((ns, ne, lab))
            sents.append((toks, bio_from_spans(len(toks), fixed)))
        c.add(split, doc_id, sents)
    write_corpus(c, {
        "name": "GUM (Georgetown University Multilayer corpus), open-licence genres only",
        "license": "annotations CC BY 4.0; texts per genre (LICENSE.txt): " +
                   "; ".join(f"{g}: {l}" for g, l in GUM_GENRES.items()),
        "url": REPOS["gum"][2], "commit": git_rev("gum"),
        "genre": "Wikinews news + interviews (2000s-2010s), Wikipedia biographies, Wikivoyage travel "
                 "guides, CC-BY academic articles, courtroom transcripts",
        "labels_annotated": ["PER", "ORG", "LOC"],
        "labels_partial": {"MISC": "named event/object/abstract mentions only; adjectival nationalities "
                                   "('Australian children') are not GUM mentions and appear as O"},
        "derived": True,
        "derivation": "GUM annotates every entity mention (NP) with a type, not named entities. A mention "
                      "is taken as named when its syntactic head is PROPN/NNP(S) and, for persons, not a "
                      "title word; the name span is the run of PROPN/NNP(S) tokens around the head inside "
                      "the mention (bridging of/de/&/the and a following number, not for persons); for "
                      "persons everything up to the last title word is cut ('US President Barack Obama' -> "
                      "'Barack Obama'); plural person names ('Americans', 'Muslims') -> MISC; spans with no "
                      "capital letter, 'Figure 1'-style labels and bare generic words (Court, Church, "
                      "Army...) dropped; ORG names that GUM elsewhere types as place, or that are country "
                      "names, -> LOC (CoNLL tags countries LOC even as governments/teams); the outermost "
                      "(longest) name wins over nested ones. Heuristic: expect some noise.",
        "mapping": {**GUM_TYPE, "time": None, "substance": None, "plant": None, "animal": None},
        "genres_docs": dict(per_genre),
        "org_to_loc_relabelled": sum(relabelled.values()),
        "excluded_docs": dict(excluded),
        "document_unit": "GUM document",
        "split_rule": "official GUM test documents (splits.md '## test') of the kept genres -> dev; "
                      "official train+dev -> train",
    })


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True,
                    help="output directory, outside the repository (the converted corpora are not committed)")
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--use-head", action="store_true")
    ap.add_argument("--no-num", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("only", nargs="*", help="subset of: gum uner wnut btc crossner")
    ARGS = ap.parse_args()
    os.makedirs(ARGS.out, exist_ok=True)
    builders = {"wnut": build_wnut, "btc": build_btc, "uner": build_uner,
                "crossner": build_crossner, "gum": build_gum}
    for k, fn in builders.items():
        if not ARGS.only or k in ARGS.only:
            fn()


if __name__ == "__main__":
    main()
