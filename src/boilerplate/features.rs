//! Line features for the boilerplate classifier.
//!
//! Two stages, jusText-style: [`local`] describes each line on its own (length,
//! stop words, capitals, punctuation, link-like text, lexicon hits, position,
//! repetition); [`context`] adds what the first-stage probabilities of the
//! neighbours say (short lines between content lines lean content, runs at
//! the head and tail lean boilerplate, distance to the main text block).

use crate::annotation::BoilerKind;
use crate::hash::{fnv, FnvBuild, FNV_OFFSET};
use crate::lexicon::{self, word_list, Lexicon};
use local_index as L;
use crate::segment::Segments;
use std::sync::OnceLock;

/// Lexicon matching mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Whole,
    Prefix,
    Contains,
}

#[derive(Debug, Clone)]
pub struct Phrase {
    pub kind: BoilerKind,
    pub mode: Mode,
    pub text: String,
}


fn kind_of(s: &str) -> Option<BoilerKind> {
    Some(match s {
        "ad" => BoilerKind::Ad,
        "caption" => BoilerKind::Caption,
        "promo" => BoilerKind::Promo,
        "share" => BoilerKind::Share,
        "subscribe" => BoilerKind::Subscribe,
        "navigation" => BoilerKind::Navigation,
        "comments" => BoilerKind::Comments,
        "legal" => BoilerKind::Legal,
        "other" => BoilerKind::Other,
        _ => return None,
    })
}

/// The phrases of a lexicon (data/lexicon/boilerplate.txt): a section per
/// kind, an entry per phrase (commas included) tagged whole, start or contains;
/// entries of other sections or with another tag are skipped.
pub fn parse_phrases(lex: &Lexicon) -> Vec<Phrase> {
    let mut out = Vec::new();
    for (section, entry) in lex.all() {
        let Some(kind) = kind_of(section) else { continue };
        let mode = match entry.tag {
            Some("whole") => Mode::Whole,
            Some("start") => Mode::Prefix,
            Some("contains") => Mode::Contains,
            _ => continue,
        };
        let p = entry.forms.join(", ");
        let text = if mode == Mode::Whole { norm_whole(&p) } else { norm(&p) };
        if !text.is_empty() {
            out.push(Phrase { kind, mode, text });
        }
    }
    out
}

pub fn phrases() -> &'static [Phrase] {
    static P: OnceLock<Vec<Phrase>> = OnceLock::new();
    P.get_or_init(|| parse_phrases(lexicon::boilerplate()))
}

/// Lower-case, collapse white space (non-breaking spaces included).
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() || c == '\u{200b}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if is_typographic(c) {
            out.push(if c == '’' || c == '‘' { '\'' } else { c });
            continue;
        }
        for l in c.to_lowercase() {
            out.push(match l {
                '’' | '‘' => '\'',
                x => x,
            });
        }
    }
    out
}

/// [`norm`], then trimmed of punctuation and symbols at both ends.
pub fn norm_whole(s: &str) -> String {
    let n = norm(s);
    n.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// Lexicon hits of one line: the best (most specific) hit per mode.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hits {
    pub whole: Option<BoilerKind>,
    pub prefix: Option<BoilerKind>,
    pub contains: Option<BoilerKind>,
}

impl Hits {
    pub fn kind(&self) -> Option<BoilerKind> {
        self.whole.or(self.prefix).or(self.contains)
    }
}

/// The lexicon compiled for one-pass matching: whole-line phrases in a hash
/// map, prefix and contains phrases in byte tries. Results are those of
/// checking every phrase in file order: per mode the longest hit, the first
/// in file order among equally long ones.
struct Index {
    whole: std::collections::HashMap<String, BoilerKind>,
    prefix: Trie,
    contains: Dfa,
}

/// Aho-Corasick automaton of the contains phrases as a full DFA over byte
/// classes: one table step per byte of the line.
struct Dfa {
    class: [u8; 256],
    n_class: usize,
    delta: Vec<u32>,
    /// Best phrase ending at each state: `(length << 16) | (0xffff - order)`
    /// (longest, then first in file order, compares greatest); 0 = none.
    out: Vec<u32>,
    kinds: Vec<BoilerKind>,
}

impl Dfa {
    fn new(trie: &Trie, kinds: Vec<BoilerKind>) -> Dfa {
        let mut class = [0u8; 256];
        let mut n_class = 1usize;
        let mut used = [false; 256];
        for node in &trie.nodes {
            for &(b, _) in &node.next {
                used[b as usize] = true;
            }
        }
        for (b, &r) in trie.root.iter().enumerate() {
            used[b] |= r != NONE;
        }
        for b in 0..256 {
            if used[b] && n_class < 256 {
                class[b] = n_class as u8;
                n_class += 1;
            }
        }
        let n = trie.nodes.len();
        let mut delta = vec![0u32; n * n_class];
        let mut out = vec![0u32; n];
        let mut fail = vec![0u32; n];
        let mut depth = vec![0usize; n];
        let mut queue = std::collections::VecDeque::new();
        // Node 0 is the root; its children are in `trie.root`.
        for b in 0..256 {
            let c = trie.root[b];
            if c != NONE {
                delta[class[b] as usize] = c;
                depth[c as usize] = 1;
                queue.push_back(c);
            }
        }
        let key = |d: usize, end: Option<(usize, BoilerKind)>| match end {
            Some((order, _)) if d < 0xffff && order < 0xffff => ((d as u32) << 16) | (0xffff - order as u32),
            _ => 0,
        };
        while let Some(u) = queue.pop_front() {
            let u = u as usize;
            let f = fail[u] as usize;
            out[u] = key(depth[u], trie.nodes[u].end).max(out[f]);
            // Where the failure state goes, except along `u`'s own children.
            delta.copy_within(f * n_class..(f + 1) * n_class, u * n_class);
            // (Children of one depth may be queued in any order.)
            for &(b, v) in &trie.nodes[u].next {
                let cl = class[b as usize] as usize;
                fail[v as usize] = delta[f * n_class + cl];
                depth[v as usize] = depth[u] + 1;
                delta[u * n_class + cl] = v;
                queue.push_back(v);
            }
        }
        Dfa { class, n_class, delta, out, kinds }
    }

    /// The kind of the best phrase contained in `s`.
    fn best(&self, s: &[u8]) -> Option<BoilerKind> {
        let mut state = 0usize;
        let mut best = 0u32;
        for &b in s {
            state = self.delta[state * self.n_class + self.class[b as usize] as usize] as usize;
            best = best.max(self.out[state]);
        }
        if best == 0 {
            return None;
        }
        self.kinds.get(0xffff - (best & 0xffff) as usize).copied()
    }
}

/// A byte trie; a node's end is the (file order, kind) of the first phrase
/// that ends there.
struct Trie {
    root: Vec<u32>,
    nodes: Vec<Node>,
}

#[derive(Default)]
struct Node {
    next: Vec<(u8, u32)>,
    /// `next` as a table, for nodes with many children (see [`Trie::finish`]).
    dense: Option<Box<[u32; 256]>>,
    end: Option<(usize, BoilerKind)>,
}

impl Node {
    fn child(&self, b: u8) -> u32 {
        match &self.dense {
            Some(t) => t[b as usize],
            None => self.next.iter().find(|(c, _)| *c == b).map_or(NONE, |&(_, x)| x),
        }
    }
}

const NONE: u32 = u32::MAX;

impl Trie {
    fn new() -> Trie {
        Trie { root: vec![NONE; 256], nodes: vec![Node::default()] }
    }

    fn insert(&mut self, text: &str, order: usize, kind: BoilerKind) {
        let mut cur = 0u32;
        for (d, &b) in text.as_bytes().iter().enumerate() {
            let found = if d == 0 {
                Some(self.root[b as usize]).filter(|&x| x != NONE)
            } else {
                self.nodes[cur as usize].next.iter().find(|(c, _)| *c == b).map(|&(_, x)| x)
            };
            cur = match found {
                Some(x) => x,
                None => {
                    let id = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    if d == 0 {
                        self.root[b as usize] = id;
                    } else {
                        self.nodes[cur as usize].next.push((b, id));
                    }
                    id
                }
            };
        }
        let node = &mut self.nodes[cur as usize];
        if node.end.is_none() {
            node.end = Some((order, kind));
        }
    }

    /// Tables for the nodes with many children (a few, near the root).
    fn finish(&mut self) {
        for node in &mut self.nodes {
            if node.next.len() >= 4 {
                let mut t = Box::new([NONE; 256]);
                for &(b, x) in &node.next {
                    t[b as usize] = x;
                }
                node.dense = Some(t);
            }
        }
    }

    /// Fold the phrases that start `s` into `best` = (length, order, kind).
    fn prefixes(&self, s: &[u8], best: &mut Option<(usize, usize, BoilerKind)>) {
        let Some(&first) = s.first() else { return };
        let mut cur = self.root[first as usize];
        let mut d = 1;
        while cur != NONE {
            let node = &self.nodes[cur as usize];
            if let Some((order, kind)) = node.end {
                let better = match *best {
                    None => true,
                    Some((l, o, _)) => d > l || (d == l && order < o),
                };
                if better {
                    *best = Some((d, order, kind));
                }
            }
            let Some(&b) = s.get(d) else { break };
            cur = node.child(b);
            d += 1;
        }
    }
}

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let mut whole = std::collections::HashMap::new();
        let mut prefix = Trie::new();
        let mut contains = Trie::new();
        for (order, p) in phrases().iter().enumerate() {
            match p.mode {
                Mode::Whole => {
                    whole.entry(p.text.clone()).or_insert(p.kind);
                }
                Mode::Prefix => prefix.insert(&p.text, order, p.kind),
                Mode::Contains => contains.insert(&p.text, order, p.kind),
            }
        }
        prefix.finish();
        let kinds = phrases().iter().map(|p| p.kind).collect();
        Index { whole, prefix, contains: Dfa::new(&contains, kinds) }
    })
}

/// [`norm_whole`] of a string already [`norm`]alised: a sub-slice.
fn whole_of(n: &str) -> &str {
    n.trim_matches(|c: char| !is_alnum(c))
}

/// `char::is_alphanumeric`, without the table search for the common
/// typographic punctuation of news text.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_typographic(c) || is_common_letter(c) {
        !is_typographic(c)
    } else {
        c.is_alphanumeric()
    }
}

/// Letters of the common scripts of the pages (Latin, Greek, Cyrillic, CJK,
/// Hangul) by range, before the Unicode table search; a test checks every
/// character of the ranges against `char::is_alphabetic`.
#[inline]
fn is_common_letter(c: char) -> bool {
    matches!(c as u32, 0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0x24f | 0x391..=0x3a1 | 0x3a3..=0x3a9 | 0x3b1..=0x3c9 | 0x400..=0x481 | 0x48a..=0x4ff | 0x4e00..=0x9fff | 0xac00..=0xd7a3)
}

/// `char::is_alphabetic`, faster for the common scripts.
#[inline]
fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_common_letter(c) || (!is_typographic(c) && c.is_alphabetic())
    }
}

/// Common non-ASCII punctuation of news text (no letters, no digits).
#[inline]
fn is_typographic(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '—' | '–' | '…' | '«' | '»' | '„' | '\u{a0}')
}



pub fn lexicon_hits(line: &str) -> Hits {
    hits_normed(&norm(line))
}

/// [`lexicon_hits`] of a line given its [`norm`].
pub fn hits_normed(n: &str) -> Hits {
    let ix = index();
    let w = whole_of(n);
    let mut h = Hits { whole: ix.whole.get(w).copied(), ..Hits::default() };
    let mut best = None;
    ix.prefix.prefixes(n.as_bytes(), &mut best);
    ix.prefix.prefixes(w.as_bytes(), &mut best);
    h.prefix = best.map(|(_, _, k)| k);
    h.contains = ix.contains.best(n.as_bytes());
    h
}

/// Lower-case `chars` into `out` as `str::to_lowercase` would, without
/// allocating once `out` has grown (final sigma aside, which no caller needs:
/// stop words and month names have none).
fn lower_word(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The longest stop word, in characters (checked by a test).
const STOP_MAX_CHARS: usize = 6;

fn is_stop(w: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str, FnvBuild>> = OnceLock::new();
    // No stop word is longer than 8 bytes: most words skip the lookup.
    w.len() <= 8 && SET.get_or_init(|| stop_words().iter().copied().collect()).contains(w)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Names of the local features, in order.
pub const LOCAL_NAMES: &[&str] = &[
    "ln_words",
    "w_le1",
    "w_le3",
    "w_le6",
    "w_le10",
    "w_le20",
    "w_gt40",
    "ln_chars",
    "stop_ratio",
    "no_stop",
    "cap_ratio",
    "all_caps",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "has_url",
    "has_handle",
    "has_separator",
    "digit_ratio",
    "has_date",
    "repeated",
    "rel_pos",
    "head3",
    "tail3",
    "head_zone",
    "tail_zone",
    "lex_whole",
    "lex_prefix",
    "lex_contains",
    "lex_caption",
    "lex_promo",
    "lex_share",
    "credit_like",
    "commas_per_word",
    "no_letters",
    "has_quote",
    "numbered",
    "sentences",
    "cjk",
    "starts_lower",
    "bracketed",
    "pipe_or_bullets",
    "repeated_long",
    "headline_like",
    "after_comments",
    "rel_words",
    "ln_lines",
];

/// Named positions in a line's local feature vector (the order of
/// [`LOCAL_NAMES`]), for the rules that read single features.
#[allow(dead_code)] // a complete table: the rules read some positions, training all
pub mod local_index {
    pub const LN_WORDS: usize = 0;
    pub const W_LE1: usize = 1;
    pub const W_LE3: usize = 2;
    pub const W_LE6: usize = 3;
    pub const W_LE10: usize = 4;
    pub const W_LE20: usize = 5;
    pub const W_GT40: usize = 6;
    pub const LN_CHARS: usize = 7;
    pub const STOP_RATIO: usize = 8;
    pub const NO_STOP: usize = 9;
    pub const CAP_RATIO: usize = 10;
    pub const ALL_CAPS: usize = 11;
    pub const ENDS_SENTENCE: usize = 12;
    pub const ENDS_COLON: usize = 13;
    pub const ENDS_ELLIPSIS: usize = 14;
    pub const HAS_URL: usize = 15;
    pub const HAS_HANDLE: usize = 16;
    pub const HAS_SEPARATOR: usize = 17;
    pub const DIGIT_RATIO: usize = 18;
    pub const HAS_DATE: usize = 19;
    pub const REPEATED: usize = 20;
    pub const REL_POS: usize = 21;
    pub const HEAD3: usize = 22;
    pub const TAIL3: usize = 23;
    pub const HEAD_ZONE: usize = 24;
    pub const TAIL_ZONE: usize = 25;
    pub const LEX_WHOLE: usize = 26;
    pub const LEX_PREFIX: usize = 27;
    pub const LEX_CONTAINS: usize = 28;
    pub const LEX_CAPTION: usize = 29;
    pub const LEX_PROMO: usize = 30;
    pub const LEX_SHARE: usize = 31;
    pub const CREDIT_LIKE: usize = 32;
    pub const COMMAS_PER_WORD: usize = 33;
    pub const NO_LETTERS: usize = 34;
    pub const HAS_QUOTE: usize = 35;
    pub const NUMBERED: usize = 36;
    pub const SENTENCES: usize = 37;
    pub const CJK: usize = 38;
    pub const STARTS_LOWER: usize = 39;
    pub const BRACKETED: usize = 40;
    pub const PIPE_OR_BULLETS: usize = 41;
    pub const REPEATED_LONG: usize = 42;
    pub const HEADLINE_LIKE: usize = 43;
    pub const AFTER_COMMENTS: usize = 44;
    pub const REL_WORDS: usize = 45;
    pub const LN_LINES: usize = 46;
}


pub const N_LOCAL: usize = 47;

/// Local features of every line of `seg`.
pub fn local(seg: &Segments) -> Vec<Vec<f64>> {
    let n = seg.lines.len();
    let texts: Vec<&str> = seg.lines.iter().map(|s| s.text(seg.text)).collect();
    let normed: Vec<String> = texts.iter().map(|t| norm(t)).collect();
    let mut sentences = vec![0usize; n];
    for s in &seg.sentences {
        if let Some(c) = sentences.get_mut(s.line) {
            *c += 1;
        }
    }
    let mut copies: std::collections::HashMap<&str, usize, FnvBuild> =
        std::collections::HashMap::with_capacity_and_hasher(n, FnvBuild::default());
    for t in &normed {
        *copies.entry(t.as_str()).or_insert(0) += 1;
    }
    let hits: Vec<Hits> = normed.iter().map(|t| hits_normed(t)).collect();
    let mut out = Vec::with_capacity(n);
    let mut buf = String::new();
    let mut words = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let repeated = copies.get(normed[i].as_str()).copied().unwrap_or(0) > 1;
        out.push(line_features(
            text,
            &normed[i],
            hits[i],
            i,
            n,
            sentences[i],
            repeated,
            &mut buf,
            &mut words,
        ));
    }
    // Whole-text features: comment sections, length relative to the text's median line.
    let mut lens: Vec<f64> = out.iter().map(|f| f[L::LN_WORDS]).collect();
    lens.sort_by(|a, b| a.total_cmp(b));
    let median = lens.get(lens.len() / 2).copied().unwrap_or(0.0);
    let mut comments_seen = false;
    for (i, f) in out.iter_mut().enumerate() {
        let words = (f[L::LN_WORDS].exp() - 1.0).round();
        let is_marker = hits[i].kind() == Some(BoilerKind::Comments) || comment_count_line(&normed[i]);
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        f.push(b(f[L::REPEATED] > 0.0 && words >= 5.0));
        f.push(b((5.0..=16.0).contains(&words) && f[L::ENDS_SENTENCE] == 0.0 && f[L::ENDS_COLON] == 0.0 && f[L::CAP_RATIO] >= 0.6));
        f.push(b(comments_seen));
        f.push(f[L::LN_WORDS] - median);
        f.push((n as f64 + 1.0).ln());
        comments_seen |= is_marker;
    }
    out
}


/// "12 comments", "6 thoughts on ...", "(42) comments", "3 responses to ...".
fn comment_count_line(n: &str) -> bool {
    let t = n.trim_start_matches(['(', '[', ' ']);
    let d = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 {
        return false;
    }
    let rest = t[d..].trim_start_matches([')', ']', ' ']);
    word_list!(boilerplate, "comment-counts").iter().any(|w| rest.starts_with(w))
}

/// Character counts of a line, from one pass over its characters.
#[derive(Default)]
struct CharCounts {
    chars: usize,
    cjk: usize,
    letters: usize,
    upper: usize,
    lower: usize,
    digits: usize,
    commas: usize,
    sep_char: bool,
    has_quote: bool,
    slash: bool,
    bullet_char: bool,
}

/// One pass over the characters for the counts.
fn char_counts(text: &str) -> CharCounts {
    let mut k = CharCounts::default();
    for c in text.chars() {
        k.chars += 1;
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                k.letters += 1;
                if c.is_ascii_uppercase() {
                    k.upper += 1;
                } else {
                    k.lower += 1;
                }
            } else if c.is_ascii_digit() {
                k.digits += 1;
            } else {
                match c {
                    ',' => k.commas += 1,
                    '|' => {
                        k.sep_char = true;
                        k.bullet_char = true;
                    }
                    '/' => k.slash = true,
                    '"' => k.has_quote = true,
                    _ => {}
                }
            }
            continue;
        }
        if is_cjk(c) {
            k.cjk += 1;
        }
        if is_typographic(c) {
            // Not a letter, not a comma, separator or quote counted below.
            if c == '»' {
                k.sep_char = true;
            } else if c == '“' || c == '«' || c == '„' {
                k.has_quote = true;
            }
            continue;
        }
        if is_alpha(c) {
            k.letters += 1;
        }
        if c.is_uppercase() {
            k.upper += 1;
        }
        if c.is_lowercase() {
            k.lower += 1;
        }
        match c {
            '，' | '、' => k.commas += 1,
            '›' | '»' => k.sep_char = true,
            '•' | '·' => {
                k.sep_char = true;
                k.bullet_char = true;
            }
            '“' | '«' | '„' | '「' => k.has_quote = true,
            _ => {}
        }
    }
    k
}

/// Word counts of a line: (stop words, words that start with a letter, those of them
/// capitalised). `buf` is scratch space.
fn word_counts(words: &[&str], buf: &mut String) -> (usize, usize, usize) {
    let mut stop = 0usize;
    let mut alpha_words = 0usize;
    let mut caps = 0usize;
    for w in words.iter() {
        if w.is_ascii() {
            // The same as below, on bytes.
            let mut core = [0u8; STOP_MAX_CHARS];
            let mut len = 0;
            let mut first = None;
            for &c in w.as_bytes() {
                if c.is_ascii_alphanumeric() || c == b'\'' {
                    first = first.or(Some(c));
                    if len < STOP_MAX_CHARS {
                        core[len] = c.to_ascii_lowercase();
                    }
                    len += 1;
                }
            }
            if len <= STOP_MAX_CHARS && std::str::from_utf8(&core[..len]).is_ok_and(is_stop) {
                stop += 1;
            }
            if let Some(c) = first.filter(u8::is_ascii_alphabetic) {
                alpha_words += 1;
                if c.is_ascii_uppercase() {
                    caps += 1;
                }
            }
            continue;
        }
        let core = w.chars().filter(|&c| is_alnum(c) || c == '\'');
        let first = core.clone().next();
        // Lower-casing never shortens a word in characters: longer words
        // than the longest stop word need no look-up.
        if core.clone().take(STOP_MAX_CHARS + 1).count() <= STOP_MAX_CHARS {
            buf.clear();
            lower_word(core, buf);
            if is_stop(buf) {
                stop += 1;
            }
        }
        if let Some(c) = first {
            if is_alpha(c) {
                alpha_words += 1;
                if c.is_uppercase() {
                    caps += 1;
                }
            }
        }
    }
    (stop, alpha_words, caps)
}

/// A word of the line is a month name or a year (1000-2999). `buf` is scratch space.
fn has_date(words: &[&str], buf: &mut String) -> bool {
    words.iter().any(|w| {
        if w.is_ascii() {
            let t = w.as_bytes();
            let a = t.iter().position(|c| c.is_ascii_alphanumeric()).unwrap_or(t.len());
            let e = t.iter().rposition(|c| c.is_ascii_alphanumeric()).map_or(a, |k| k + 1);
            let t = &t[a..e];
            return (3..=9).contains(&t.len())
                && matches!(
                    t[0].to_ascii_lowercase(),
                    b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
                )
                && months().iter().any(|m| m.as_bytes().eq_ignore_ascii_case(t))
                || (t.len() == 4 && matches!(t[0], b'1' | b'2') && t.iter().all(u8::is_ascii_digit));
        }
        let t = w.trim_matches(|c: char| !is_alnum(c));
        // The longest month name has 9 characters, a year 4 bytes.
        if t.chars().nth(9).is_some() {
            return false;
        }
        buf.clear();
        lower_word(t.chars(), buf);
        let l = buf.as_str();
        months().contains(&l)
            || (l.len() == 4 && l.starts_with(['1', '2']) && l.chars().all(|c| c.is_ascii_digit()))
    })
}

/// "Name/Agency", "(Agency/Name)": a slash between capitalised words (not in a URL).
pub(crate) fn credit_like(text: &str, lower_text: &str) -> bool {
    let b = text.as_bytes();
    for (k, &c) in b.iter().enumerate() {
        if c == b'/' && k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_alphabetic() && b[k + 1].is_ascii_uppercase() {
            return !lower_text.contains("http") && !lower_text.contains("www");
        }
    }
    false
}

/// A line that starts "1." or "12)".
fn numbered(text: &str) -> bool {
    let t = text.trim_start();
    let d = t.chars().take_while(|c| c.is_ascii_digit()).count();
    d > 0 && d <= 2 && t[d..].starts_with([')', '.'])
}

/// `buf` and `words` are scratch space (lower-cased word, the line's words).
#[allow(clippy::too_many_arguments)]
fn line_features<'a>(
    text: &'a str,
    lower_text: &str,
    hits: Hits,
    i: usize,
    n: usize,
    n_sent: usize,
    repeated: bool,
    buf: &mut String,
    words: &mut Vec<&'a str>,
) -> Vec<f64> {
    words.clear();
    words.extend(text.split_whitespace());
    let CharCounts { chars, cjk, letters, upper, lower, digits, commas, sep_char, has_quote, slash, bullet_char } =
        char_counts(text);
    let nw = (words.len()).max(cjk / 2).max(1) as f64;
    let (stop, alpha_words, caps) = word_counts(words, buf);
    let trimmed_end = text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ' ']);
    let last = trimmed_end.chars().last().unwrap_or(' ');
    let ends_sentence = matches!(last, '.' | '!' | '?' | '。' | '！' | '？') || (cjk > 0 && last == '다');
    let has_url = lower_text.contains("http") || lower_text.contains("www.") || lower_text.contains(".com");
    let has_handle = words.iter().any(|w| w.starts_with('@') && w.len() > 1);
    let has_sep = sep_char || (slash && text.contains(" / "));
    let has_date = has_date(words, buf);
    let rel = if n > 1 { i as f64 / (n - 1) as f64 } else { 0.5 };
    let kind = hits.kind();
    let credit_like = credit_like(text, lower_text);
    let numbered = numbered(text);
    let first = text.chars().find(|&c| is_alpha(c));
    let bracketed = text.starts_with(['[', '(']) && text.ends_with([']', ')']);
    let bullets = if bullet_char {
        text.matches(" | ").count() + text.matches(" · ").count() + text.matches(" • ").count()
    } else {
        0
    };
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let mut f = Vec::with_capacity(N_LOCAL);
    f.extend_from_slice(&[
        (nw + 1.0).ln(),
        b(nw <= 1.0),
        b(nw <= 3.0),
        b(nw <= 6.0),
        b(nw <= 10.0),
        b(nw <= 20.0),
        b(nw > 40.0),
        (chars as f64 + 1.0).ln(),
        stop as f64 / nw,
        b(stop == 0),
        if alpha_words > 0 { caps as f64 / alpha_words as f64 } else { 0.0 },
        b(upper > 2 && lower == 0),
        b(ends_sentence),
        b(last == ':'),
        b(text.ends_with("...") || text.ends_with('…')),
        b(has_url),
        b(has_handle),
        b(has_sep),
        digits as f64 / chars.max(1) as f64,
        b(has_date),
        b(repeated),
        rel,
        b(i < 3),
        b(i + 3 >= n),
        b(rel < 0.15),
        b(rel > 0.85),
        b(hits.whole.is_some()),
        b(hits.prefix.is_some()),
        b(hits.contains.is_some()),
        b(kind == Some(BoilerKind::Caption)),
        b(kind == Some(BoilerKind::Promo)),
        b(kind == Some(BoilerKind::Share)),
        b(credit_like),
        commas as f64 / nw,
        b(letters == 0),
        b(has_quote),
        b(numbered),
        (n_sent as f64 + 1.0).ln(),
        b(cjk > chars / 4),
        b(first.is_some_and(|c| c.is_lowercase())),
        b(bracketed),
        (bullets as f64 + 1.0).ln(),
    ]);
    f
}

/// Buckets of the hashed word features ([`hashed`]).
pub const N_HASH: usize = 1 << 12;

/// Words of a line looked at by [`hashed`] (the bag stops there).
const HASH_WORDS: usize = 40;

/// A line's hashed lexical features as (bucket, value), buckets sorted and
/// distinct: the bag of its lower-cased words (value 1/sqrt(words), digits
/// folded to one token), its first word, its first two words and its last
/// word. Weights are learned per bucket, so the model picks up furniture
/// vocabulary in any wording without a list.
pub fn hashed_line(text: &str, out: &mut Vec<(u32, f32)>, buf: &mut String) {
    out.clear();
    let mut keys: Vec<u32> = Vec::with_capacity(16);
    let mut first: Option<u64> = None;
    let mut first2: Option<u64> = None;
    let mut last: Option<u64> = None;
    let mut n = 0usize;
    for w in text.split_whitespace().take(HASH_WORDS) {
        let w = w.trim_matches(|c: char| !is_alnum(c));
        if w.is_empty() {
            continue;
        }
        buf.clear();
        if w.chars().all(|c| c.is_ascii_digit()) {
            buf.push('#');
        } else {
            lower_word(w.chars(), buf);
        }
        let h = fnv(FNV_OFFSET, buf.as_bytes());
        keys.push(bucket(h, 1));
        if n == 0 {
            first = Some(h);
        } else if n == 1 {
            first2 = first.map(|f| fnv(f ^ 0x9e37, buf.as_bytes()));
        }
        last = Some(h);
        n += 1;
    }
    let bag = 1.0 / (n.max(1) as f32).sqrt();
    keys.sort_unstable();
    keys.dedup();
    out.extend(keys.iter().map(|&k| (k, bag)));
    for (h, tag) in [(first, 2u64), (first2, 3), (last, 4)] {
        if let Some(h) = h {
            out.push((bucket(h, tag), 1.0));
        }
    }
    out.sort_unstable_by_key(|e| e.0);
    out.dedup_by(|a, b| {
        if a.0 == b.0 {
            b.1 += a.1;
            true
        } else {
            false
        }
    });
}

fn bucket(h: u64, tag: u64) -> u32 {
    let x = (h ^ tag.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    ((x >> 40) as usize % N_HASH) as u32
}

/// [`hashed_line`] of every line of `seg`.
pub fn hashed(seg: &Segments) -> Vec<Vec<(u32, f32)>> {
    let mut buf = String::new();
    seg.lines
        .iter()
        .map(|l| {
            let mut v = Vec::new();
            hashed_line(l.text(seg.text), &mut v, &mut buf);
            v
        })
        .collect()
}

/// Names of the context features, in order.
pub const CONTEXT_NAMES: &[&str] = &[
    "logit_self",
    "p_prev",
    "p_next",
    "p_prev2",
    "p_next2",
    "p_win3",
    "p_win6",
    "content_before",
    "content_after",
    "content_both",
    "in_main_block",
    "dist_block",
    "gap_prev",
    "gap_next",
    "prev_short",
    "next_short",
    "run_short",
    "lex_any",
    "ln_words",
    "ends_sentence",
    "sandwich",
    "sandwich_long",
    "frac_before",
    "frac_after",
    "lex_win3",
    "short_in_block",
    "lex_in_block",
    "marker_before_tail",
    "block_size",
    "short_x_sandwich",
    "short_dens5",
    "short_dens10",
    "p_win10",
    "edge_dist",
    "before_first_strong",
    "after_last_strong",
];

#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub const N_CONTEXT: usize = 36;

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// Content mass: confident content lines weighted by length. Returns each line's mass, the
/// mass strictly before each line, and the total.
fn content_mass(words: &[f64], p1: &[f64]) -> (Vec<f64>, Vec<f64>, f64) {
    let n = words.len().min(p1.len());
    let mass: Vec<f64> =
        (0..n).map(|i| (1.0 - p1[i]) * words[i].min(60.0) * if p1[i] < 0.5 { 1.0 } else { 0.0 }).collect();
    let mut before = vec![0.0; n];
    let mut acc = 0.0;
    for i in 0..n {
        before[i] = acc;
        acc += mass[i];
    }
    (mass, before, acc)
}

/// Main block: the maximum-sum run of (0.5 - p) weighted by length, as `start..end`.
pub fn main_block(words: &[f64], p1: &[f64]) -> (usize, usize) {
    let n = words.len().min(p1.len());
    let score: Vec<f64> = (0..n).map(|i| (0.5 - p1[i]) * (words[i] + 1.0).ln()).collect();
    let (mut bs, mut be, mut best) = (0usize, 0usize, f64::MIN);
    let (mut cs, mut cur) = (0usize, 0.0);
    for (i, &s) in score.iter().enumerate() {
        if cur <= 0.0 {
            cs = i;
            cur = 0.0;
        }
        cur += s;
        if cur > best {
            best = cur;
            bs = cs;
            be = i + 1;
        }
    }
    (bs, be)
}

/// End-of-article marker: for each line, whether a lexicon hit after which little content
/// follows came before it.
fn marker_seen(lex: &[bool], mass: &[f64], before: &[f64], total: f64) -> Vec<bool> {
    let n = lex.len().min(mass.len()).min(before.len());
    let mut marker_seen = vec![false; n];
    let mut seen = false;
    for i in 0..n {
        marker_seen[i] = seen;
        let ca = total - before[i] - mass[i];
        if lex[i] && ca < 0.1 * total.max(1.0) {
            seen = true;
        }
    }
    marker_seen
}

/// Nearest strong content line strictly before / after each line.
fn nearest_strong(strong: &[bool]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let n = strong.len();
    let mut prev_strong = vec![None; n];
    let mut last = None;
    for i in 0..n {
        prev_strong[i] = last;
        if strong[i] {
            last = Some(i);
        }
    }
    let mut next_strong = vec![None; n];
    last = None;
    for i in (0..n).rev() {
        next_strong[i] = last;
        if strong[i] {
            last = Some(i);
        }
    }
    (prev_strong, next_strong)
}

/// Short lines (6 words or fewer) in the runs right before and after line `i`
/// (at most 30 before, 60 in all).
fn short_run(words: &[f64], i: usize) -> usize {
    let n = words.len();
    let ii = i as isize;
    let short = |k: isize| k >= 0 && (k as usize) < n && words[k as usize] <= 6.0;
    let mut run = 0;
    let mut k = ii - 1;
    while short(k) && run < 30 {
        run += 1;
        k -= 1;
    }
    k = ii + 1;
    while short(k) && run < 60 {
        run += 1;
        k += 1;
    }
    run
}

/// Context features from the local features and first-stage probabilities
/// (`p1[i]` = probability that line `i` is boilerplate).
pub fn context(local: &[Vec<f64>], p1: &[f64]) -> Vec<Vec<f64>> {
    let n = local.len().min(p1.len());
    let words: Vec<f64> = local[..n].iter().map(|f| (f[L::LN_WORDS].exp() - 1.0).max(0.0)).collect();
    let (mass, before, total) = content_mass(&words, p1);
    let (bs, be) = main_block(&words, p1);
    let strong: Vec<bool> = (0..n).map(|i| p1[i] < 0.3 && words[i] >= 12.0).collect();
    let lex: Vec<bool> = local[..n].iter().map(|f| f[L::LEX_WHOLE] + f[L::LEX_PREFIX] + f[L::LEX_CONTAINS] > 0.0).collect();
    let marker_seen = marker_seen(&lex, &mass, &before, total);
    let block_size = (be - bs) as f64;
    let (prev_strong, next_strong) = nearest_strong(&strong);
    let first_strong = strong.iter().position(|&x| x).unwrap_or(n);
    let last_strong = strong.iter().rposition(|&x| x).map_or(0, |k| k + 1);
    let short_dens = |i: usize, r: usize| {
        let (a, b) = (i.saturating_sub(r), (i + r + 1).min(n));
        (a..b).filter(|&k| words[k] <= 4.0).count() as f64 / (b - a).max(1) as f64
    };
    let at = |k: isize| -> f64 {
        if k < 0 || k as usize >= n {
            1.0
        } else {
            p1[k as usize]
        }
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let win = |r: isize| {
            let mut s = 0.0;
            let mut c = 0.0;
            for k in (ii - r)..=(ii + r) {
                if k != ii {
                    s += at(k);
                    c += 1.0;
                }
            }
            s / c
        };
        let cb = before[i];
        let ca = total - before[i] - mass[i];
        let in_block = i >= bs && i < be;
        let dist = if in_block {
            0.0
        } else if i < bs {
            (bs - i) as f64
        } else {
            (i + 1 - be) as f64
        };
        let gap_prev = prev_strong[i].map_or(50.0, |k| (i - k) as f64);
        let gap_next = next_strong[i].map_or(50.0, |k| (k - i) as f64);
        let short = |k: isize| k >= 0 && (k as usize) < n && words[k as usize] <= 6.0;
        let run = short_run(&words, i);
        let f = &local[i];
        let lex_any = if lex[i] { 1.0 } else { 0.0 };
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        let long_content = |k: isize| k >= 0 && (k as usize) < n && strong[k as usize];
        let sandwich = (1.0 - at(ii - 1)) * (1.0 - at(ii + 1));
        let lex_win = (i.saturating_sub(3)..(i + 4).min(n)).filter(|&k| k != i && lex[k]).count();
        let tot = total.max(1.0);
        out.push(vec![
            logit(p1[i]),
            at(ii - 1),
            at(ii + 1),
            at(ii - 2),
            at(ii + 2),
            win(3),
            win(6),
            (cb + 1.0).ln(),
            (ca + 1.0).ln(),
            (cb.min(ca) + 1.0).ln(),
            if in_block { 1.0 } else { 0.0 },
            (dist + 1.0).ln(),
            gap_prev.ln(),
            gap_next.ln(),
            if short(ii - 1) { 1.0 } else { 0.0 },
            if short(ii + 1) { 1.0 } else { 0.0 },
            (run as f64 + 1.0).ln(),
            lex_any,
            f[L::LN_WORDS],
            f[L::ENDS_SENTENCE],
            sandwich,
            b(long_content(ii - 1) && long_content(ii + 1)),
            cb / tot,
            ca / tot,
            (lex_win as f64 + 1.0).ln(),
            b(in_block && words[i] <= 6.0),
            b(in_block && lex[i]),
            b(marker_seen[i]),
            (block_size + 1.0).ln(),
            b(words[i] <= 6.0) * sandwich,
            short_dens(i, 5),
            short_dens(i, 10),
            win(10),
            if in_block { ((i - bs).min(be - 1 - i) as f64 + 1.0).ln() } else { 0.0 },
            b(i < first_strong),
            b(i >= last_strong),
        ]);
    }
    out
}

/// The kind of a boilerplate line: the lexicon's when it has one, else by shape.
pub fn kind(text: &str, local: &[f64]) -> BoilerKind {
    if let Some(k) = lexicon_hits(text).kind() {
        return k;
    }
    let words = (local[L::LN_WORDS].exp() - 1.0).round();
    if local[L::CREDIT_LIKE] > 0.0 {
        return BoilerKind::Caption;
    }
    if local[L::HAS_HANDLE] > 0.0 && words <= 8.0 {
        return BoilerKind::Share;
    }
    if words <= 4.0 && local[L::ENDS_SENTENCE] == 0.0 {
        return BoilerKind::Navigation;
    }
    if local[L::PIPE_OR_BULLETS] > 0.0 {
        return BoilerKind::Navigation;
    }
    if words > 6.0 && local[L::ENDS_SENTENCE] == 0.0 && local[L::CAP_RATIO] > 0.5 {
        return BoilerKind::Promo;
    }
    if local[L::ENDS_SENTENCE] > 0.0 && words >= 6.0 {
        return BoilerKind::Caption;
    }
    BoilerKind::Other
}

/// English function words (data/lexicon/boilerplate.txt [stop-words]).
fn stop_words() -> &'static [&'static str] {
    word_list!(boilerplate, "stop-words")
}

/// Month names and abbreviations ([months]).
fn months() -> &'static [&'static str] {
    word_list!(boilerplate, "months")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_index_names_agree_with_local_names() {
        assert_eq!(LOCAL_NAMES.len(), N_LOCAL);
        assert_eq!(LOCAL_NAMES[local_index::LN_WORDS], "ln_words");
        assert_eq!(LOCAL_NAMES[local_index::W_LE1], "w_le1");
        assert_eq!(LOCAL_NAMES[local_index::W_LE3], "w_le3");
        assert_eq!(LOCAL_NAMES[local_index::W_LE6], "w_le6");
        assert_eq!(LOCAL_NAMES[local_index::W_LE10], "w_le10");
        assert_eq!(LOCAL_NAMES[local_index::W_LE20], "w_le20");
        assert_eq!(LOCAL_NAMES[local_index::W_GT40], "w_gt40");
        assert_eq!(LOCAL_NAMES[local_index::LN_CHARS], "ln_chars");
        assert_eq!(LOCAL_NAMES[local_index::STOP_RATIO], "stop_ratio");
        assert_eq!(LOCAL_NAMES[local_index::NO_STOP], "no_stop");
        assert_eq!(LOCAL_NAMES[local_index::CAP_RATIO], "cap_ratio");
        assert_eq!(LOCAL_NAMES[local_index::ALL_CAPS], "all_caps");
        assert_eq!(LOCAL_NAMES[local_index::ENDS_SENTENCE], "ends_sentence");
        assert_eq!(LOCAL_NAMES[local_index::ENDS_COLON], "ends_colon");
        assert_eq!(LOCAL_NAMES[local_index::ENDS_ELLIPSIS], "ends_ellipsis");
        assert_eq!(LOCAL_NAMES[local_index::HAS_URL], "has_url");
        assert_eq!(LOCAL_NAMES[local_index::HAS_HANDLE], "has_handle");
        assert_eq!(LOCAL_NAMES[local_index::HAS_SEPARATOR], "has_separator");
        assert_eq!(LOCAL_NAMES[local_index::DIGIT_RATIO], "digit_ratio");
        assert_eq!(LOCAL_NAMES[local_index::HAS_DATE], "has_date");
        assert_eq!(LOCAL_NAMES[local_index::REPEATED], "repeated");
        assert_eq!(LOCAL_NAMES[local_index::REL_POS], "rel_pos");
        assert_eq!(LOCAL_NAMES[local_index::HEAD3], "head3");
        assert_eq!(LOCAL_NAMES[local_index::TAIL3], "tail3");
        assert_eq!(LOCAL_NAMES[local_index::HEAD_ZONE], "head_zone");
        assert_eq!(LOCAL_NAMES[local_index::TAIL_ZONE], "tail_zone");
        assert_eq!(LOCAL_NAMES[local_index::LEX_WHOLE], "lex_whole");
        assert_eq!(LOCAL_NAMES[local_index::LEX_PREFIX], "lex_prefix");
        assert_eq!(LOCAL_NAMES[local_index::LEX_CONTAINS], "lex_contains");
        assert_eq!(LOCAL_NAMES[local_index::LEX_CAPTION], "lex_caption");
        assert_eq!(LOCAL_NAMES[local_index::LEX_PROMO], "lex_promo");
        assert_eq!(LOCAL_NAMES[local_index::LEX_SHARE], "lex_share");
        assert_eq!(LOCAL_NAMES[local_index::CREDIT_LIKE], "credit_like");
        assert_eq!(LOCAL_NAMES[local_index::COMMAS_PER_WORD], "commas_per_word");
        assert_eq!(LOCAL_NAMES[local_index::NO_LETTERS], "no_letters");
        assert_eq!(LOCAL_NAMES[local_index::HAS_QUOTE], "has_quote");
        assert_eq!(LOCAL_NAMES[local_index::NUMBERED], "numbered");
        assert_eq!(LOCAL_NAMES[local_index::SENTENCES], "sentences");
        assert_eq!(LOCAL_NAMES[local_index::CJK], "cjk");
        assert_eq!(LOCAL_NAMES[local_index::STARTS_LOWER], "starts_lower");
        assert_eq!(LOCAL_NAMES[local_index::BRACKETED], "bracketed");
        assert_eq!(LOCAL_NAMES[local_index::PIPE_OR_BULLETS], "pipe_or_bullets");
        assert_eq!(LOCAL_NAMES[local_index::REPEATED_LONG], "repeated_long");
        assert_eq!(LOCAL_NAMES[local_index::HEADLINE_LIKE], "headline_like");
        assert_eq!(LOCAL_NAMES[local_index::AFTER_COMMENTS], "after_comments");
        assert_eq!(LOCAL_NAMES[local_index::REL_WORDS], "rel_words");
        assert_eq!(LOCAL_NAMES[local_index::LN_LINES], "ln_lines");
    }

    #[test]
    fn lexicon_parses_and_matches() {
        assert!(phrases().len() > 300);
        assert_eq!(lexicon_hits("Advertisement").whole, Some(BoilerKind::Ad));
        assert_eq!(lexicon_hits("  SHARE THIS ARTICLE: ").kind(), Some(BoilerKind::Share));
        assert_eq!(lexicon_hits("Read more: something else happened").prefix, Some(BoilerKind::Promo));
        assert!(lexicon_hits("The minister said the talks would resume.").kind().is_none());
    }

    #[test]
    fn fast_letter_tests_agree_with_unicode() {
        for c in (0u32..0x11000).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            if is_common_letter(c) {
                assert!(c.is_alphabetic(), "{c:?}");
            }
        }
    }

    /// The definition the compiled index must agree with: every phrase in
    /// file order, longest hit per mode.
    fn naive_hits(line: &str) -> Hits {
        let n = norm(line);
        let w = norm_whole(line);
        let mut h = Hits::default();
        let (mut bp, mut bc) = (0, 0);
        for p in phrases() {
            match p.mode {
                Mode::Whole if h.whole.is_none() && w == p.text => h.whole = Some(p.kind),
                Mode::Prefix if p.text.len() > bp && (n.starts_with(&p.text) || w.starts_with(&p.text)) => {
                    bp = p.text.len();
                    h.prefix = Some(p.kind);
                }
                Mode::Contains if p.text.len() > bc && n.contains(&p.text) => {
                    bc = p.text.len();
                    h.contains = Some(p.kind);
                }
                _ => {}
            }
        }
        h
    }

    #[test]
    fn compiled_lexicon_agrees_with_phrase_by_phrase_matching() {
        let mut lines: Vec<String> = vec![String::new(), "x".into(), "Ünïcode – “quotes” ©".into()];
        for (k, p) in phrases().iter().enumerate() {
            let q = &phrases()[(k * 7 + 3) % phrases().len()].text;
            lines.push(p.text.clone());
            lines.push(format!("» {}!", p.text.to_uppercase()));
            lines.push(format!("and then {} {} and more", p.text, q));
            lines.push(format!("{q}{}", p.text));
        }
        for l in &lines {
            let (a, b) = (lexicon_hits(l), naive_hits(l));
            assert_eq!((a.whole, a.prefix, a.contains), (b.whole, b.prefix, b.contains), "{l}");
        }
    }

    #[test]
    fn feature_vectors_have_declared_length() {
        let seg = Segments::new(
            "Title here\n\nA sentence of the article, as it says.\n\nShare\n\n日本語の文章です。",
        );
        let l = local(&seg);
        assert_eq!(l.len(), 4);
        assert!(l.iter().all(|f| f.len() == N_LOCAL && f.iter().all(|x| x.is_finite())));
        assert!(stop_words().iter().all(|w| w.len() <= 8 && w.chars().count() <= STOP_MAX_CHARS && is_stop(w)));
        assert!(months().iter().all(|m| m.chars().count() <= 9));
        assert!(!is_stop("article"));
        assert!(comment_count_line("6 thoughts on “the piece”"));
        assert!(comment_count_line("(42) comments"));
        assert!(!comment_count_line("42 people died"));
        assert_eq!(LOCAL_NAMES.len(), N_LOCAL);
        let c = context(&l, &[0.5, 0.1, 0.9, 0.5]);
        assert!(c.iter().all(|f| f.len() == N_CONTEXT && f.iter().all(|x| x.is_finite())));
        assert_eq!(CONTEXT_NAMES.len(), N_CONTEXT);
    }

    #[test]
    fn kinds_follow_the_lexicon_then_shape() {
        let seg = Segments::new("x");
        let f = &local(&seg)[0];
        assert_eq!(kind("Trending on Some Site Videos", f), BoilerKind::Promo);
        assert_eq!(kind("Photo: A. Person/Agency", f), BoilerKind::Caption);
        assert_eq!(kind("Follow us on Instagram", f), BoilerKind::Share);
        assert_eq!(kind("Sign up for our morning newsletter", f), BoilerKind::Subscribe);
        assert_eq!(kind("© 2019 Some Company. All rights reserved.", f), BoilerKind::Legal);
        assert_eq!(kind("Leave a reply", f), BoilerKind::Comments);
    }

    #[test]
    fn empty_input_gives_no_features() {
        let seg = Segments::new("");
        assert!(local(&seg).is_empty());
        assert!(context(&[], &[]).is_empty());
    }
}
