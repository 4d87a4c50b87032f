//! Features of the name tagger, computed from token strings only, so that
//! training on CoNLL tokens and tagging our own [`Segments`] tokens share one
//! code path. Every feature is a 64-bit hash; the model maps it to a bucket.
//!
//! [`Segments`]: crate::segment::Segments

use crate::hash::{fnv_char, mix, IdMap, FNV_OFFSET};
use std::sync::OnceLock;

/// Bump when features change: a model trained on other features is refused.
pub const FEATURE_VERSION: u32 = 14;

/// Occurrences of a word looked at by context aggregation.
const MAX_OCC: usize = 8;

/// Tags: 0 = O, then for each label `l` (PERSON, ORG, PLACE, MISC) the
/// BILOU tags `1 + 4l + {0:B, 1:I, 2:L, 3:U}`.
pub const NT: usize = 17;
pub const O: u8 = 0;

pub fn tag_of(label: usize, pos: u8) -> u8 {
    (1 + 4 * label) as u8 + pos
}
/// `(label index, position 0=B 1=I 2=L 3=U)` of an entity tag.
pub fn tag_parts(t: u8) -> Option<(usize, u8)> {
    if t == 0 || t as usize >= NT {
        None
    } else {
        Some((((t - 1) / 4) as usize, (t - 1) % 4))
    }
}

/// May `t` follow `prev` (BILOU grammar)? `last` = last token of a sentence.
#[inline]
pub fn allowed(prev: u8, t: u8, last: bool) -> bool {
    let open = match tag_parts(prev) {
        Some((l, p)) if p <= 1 => Some(l),
        _ => None,
    };
    match (open, tag_parts(t)) {
        (Some(l), Some((l2, p))) => l == l2 && (p == 1 || p == 2) && !(last && p == 1),
        (Some(_), None) => false,
        (None, None) => true,
        (None, Some((_, p))) => (p == 0 && !last) || p == 3,
    }
}

/// Curly quotes and apostrophes, dashes: one form each.
#[inline]
pub fn norm_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}



// Flags of a token.
const F_INIT_CAP: u16 = 1;
const F_ALL_CAPS: u16 = 2;
const F_HAS_DIGIT: u16 = 4;
const F_ALL_DIGIT: u16 = 8;
const F_HYPHEN: u16 = 16;
const F_PERIOD: u16 = 32;
const F_NO_ALNUM: u16 = 64;
const F_LOWER_INIT: u16 = 128;
const F_APOS: u16 = 256;
const F_MIXED: u16 = 512;

/// Hashes and flags of one token string.
#[derive(Clone, Copy, Default, Debug)]
pub struct TokInfo {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub short: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub flags: u16,
    pub nchars: u16,
}

impl TokInfo {
    pub fn new(s: &str, buf: &mut Vec<char>) -> TokInfo {
        buf.clear();
        let mut t = TokInfo::default();
        let (mut w, mut lo, mut sh, mut ss) = (FNV_OFFSET, FNV_OFFSET, FNV_OFFSET, FNV_OFFSET);
        let (mut letters, mut uppers, mut digits, mut alnum) = (0u16, 0u16, 0u16, 0u16);
        let mut last_class = '\0';
        let mut run = 0;
        let mut first = true;
        for c in s.chars().map(norm_char) {
            w = fnv_char(w, c);
            let cls = if c.is_uppercase() {
                uppers = uppers.saturating_add(1);
                letters = letters.saturating_add(1);
                'X'
            } else if c.is_alphabetic() {
                letters = letters.saturating_add(1);
                'x'
            } else if c.is_numeric() {
                digits = digits.saturating_add(1);
                'd'
            } else {
                c
            };
            if c.is_alphanumeric() {
                alnum = alnum.saturating_add(1);
            }
            if first {
                if cls == 'X' {
                    t.flags |= F_INIT_CAP;
                } else if cls == 'x' {
                    t.flags |= F_LOWER_INIT;
                }
                first = false;
            }
            match c {
                '-' => t.flags |= F_HYPHEN,
                '.' => t.flags |= F_PERIOD,
                '\'' => t.flags |= F_APOS,
                _ => {}
            }
            if cls == last_class {
                run += 1;
            } else {
                run = 1;
                ss = fnv_char(ss, cls);
            }
            if run <= 4 {
                sh = fnv_char(sh, cls);
            }
            last_class = cls;
            let l = lower_char(c);
            lo = fnv_char(lo, l);
            buf.push(l);
        }
        let n = buf.len();
        t.nchars = n.min(u16::MAX as usize) as u16;
        if letters > 0 && uppers == letters {
            t.flags |= F_ALL_CAPS;
        } else if uppers > 1 || (uppers == 1 && t.flags & F_INIT_CAP == 0) {
            t.flags |= F_MIXED;
        }
        if digits > 0 {
            t.flags |= F_HAS_DIGIT;
            if digits == alnum && letters == 0 {
                t.flags |= F_ALL_DIGIT;
            }
        }
        if alnum == 0 {
            t.flags |= F_NO_ALNUM;
        }
        t.word = w;
        t.lower = lo;
        t.shape = sh;
        t.short = ss;
        for k in 0..4 {
            if n > k + 1 {
                t.pre[k] = buf[..=k].iter().fold(FNV_OFFSET, |h, &c| fnv_char(h, c));
                t.suf[k] = buf[n - 1 - k..].iter().fold(FNV_OFFSET, |h, &c| fnv_char(h, c));
            }
        }
        t
    }
    #[cfg(test)]
    fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

/// What features read of a token other than the one they describe, and
/// what decoding reads: a slim copy of its [`TokInfo`] (kept for every
/// token of the document; shape and affixes are recomputed per token).
#[derive(Clone, Copy, Default, Debug)]
pub struct Key {
    pub word: u64,
    pub lower: u64,
    pub short: u64,
    pub flags: u16,
}

impl Key {
    pub fn of(t: &TokInfo) -> Key {
        Key { word: t.word, lower: t.lower, short: t.short, flags: t.flags }
    }
    fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

// ---------------------------------------------------------------- gazetteers

/// First name, last name, country, place; then the casing classes learned
/// from unlabeled text (scripts/casing.py): a common lower-case word, a
/// word written both ways, a word capitalised even inside sentences.
pub const GAZ_TYPES: usize = 7;
const CASE_LOWER: usize = 4;

struct Gazetteer {
    map: IdMap<u8>,
    max_len: usize,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let files = [
            include_str!("../../data/gazetteers/first.txt"),
            include_str!("../../data/gazetteers/last.txt"),
            include_str!("../../data/gazetteers/country.txt"),
            include_str!("../../data/gazetteers/place.txt"),
            include_str!("../../data/gazetteers/case-lower.txt"),
            include_str!("../../data/gazetteers/case-mixed.txt"),
            include_str!("../../data/gazetteers/case-name.txt"),
        ];
        let mut map = IdMap::default();
        map.reserve(files.iter().map(|f| f.len() / 8).sum());
        let mut max_len = 1;
        for (ty, f) in files.iter().enumerate() {
            for line in f.lines() {
                let (h, len) = entry_key(line);
                if len == 0 {
                    continue;
                }
                max_len = max_len.max(len);
                *map.entry(h).or_insert(0u8) |= 1 << ty;
            }
        }
        Gazetteer { map, max_len: max_len.min(5) }
    })
}

/// The key of a gazetteer line (its tokens' lower-case hashes, mixed) and
/// its number of tokens. Lines of plain words (most) are split at white
/// space, which is what the segmenter does with them; others go through
/// the segmenter.
fn entry_key(line: &str) -> (u64, usize) {
    let mut h = FNV_OFFSET;
    let mut len = 0;
    if line.split_whitespace().all(|w| w.chars().all(char::is_alphabetic)) {
        for w in line.split_whitespace() {
            h = mix(h, lower_hash(w));
            len += 1;
        }
    } else {
        let seg = crate::segment::Segments::new(line.trim());
        for i in 0..seg.tokens.len() {
            h = mix(h, lower_hash(seg.token_text(i)));
            len += 1;
        }
    }
    (h, len)
}

/// A single word usually written in lower case in running text ("Others",
/// "Since" at a sentence's start), by the casing gazetteer.
pub fn usually_lower(word: &str) -> bool {
    let h = mix(FNV_OFFSET, lower_hash(word));
    gazetteer().map.get(&h).is_some_and(|&b| b & (1 << CASE_LOWER) != 0)
}

/// `TokInfo::new(s).lower` alone.
fn lower_hash(s: &str) -> u64 {
    let mut lo = FNV_OFFSET;
    for c in s.chars().map(norm_char) {
        lo = fnv_char(lo, lower_char(c));
    }
    lo
}

/// One char's lower case (itself when that is not one char).
#[inline]
fn lower_char(c: char) -> char {
    // (ASCII lower-cases to one ASCII char: skip the case tables.)
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        let mut lc = c.to_lowercase();
        match (lc.next(), lc.next()) {
            (Some(a), None) => a,
            _ => c,
        }
    }
}

// ---------------------------------------------------------------- documents

/// A document as token strings and sentences (token index ranges).
pub struct Doc<'a> {
    pub words: Vec<&'a str>,
    pub sents: Vec<std::ops::Range<usize>>,
}

/// Static (decode-independent) features of every token of a document.
#[derive(Clone)]
pub struct Extracted {
    pub feats: Vec<u64>,
    /// `feats[starts[i]..starts[i+1]]` are token `i`'s.
    pub starts: Vec<u32>,
    pub info: Vec<Key>,
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub last_in_sent: Vec<bool>,
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub first_in_sent: Vec<bool>,
    /// Sentences (token ranges) tiling the document.
    pub sents: Vec<std::ops::Range<usize>>,
}

#[derive(Default, Clone, Copy)]
struct DocStat {
    lower: u16,
    cap_mid: u16,
}

fn b3(n: u16) -> u64 {
    n.min(2) as u64
}

// Feature templates.
macro_rules! tpl {
    ($($n:ident = $v:expr),* $(,)?) => { $(const $n: u64 = $v;)* };
}
tpl!(
    T_BIAS = 1,
    T_WORD = 2,
    T_LOWER = 3,
    T_LM1 = 4,
    T_LP1 = 5,
    T_LM2 = 6,
    T_LP2 = 7,
    T_SHAPE = 8,
    T_SHORT = 9,
    T_SM1 = 10,
    T_SP1 = 11,
    T_SB1 = 12,
    T_SB2 = 13,
    T_PRE = 14,
    T_SUF = 15,
    T_FLAGS = 16,
    T_POS = 17,
    T_BG1 = 18,
    T_BG2 = 19,
    T_GAZ = 20,
    T_GAZM1 = 21,
    T_GAZP1 = 22,
    T_DOC = 23,
    T_DOCW = 24,
    T_CAPSENT = 25,
    T_WM1 = 26,
    T_WP1 = 27,
    T_FM1 = 28,
    T_FP1 = 29,
    T_SHORT3 = 30,
    T_GAZLEN = 31,
    T_CASE = 32,
    T_P1 = 40,
    T_HIST = 43,
    T_HISTL = 44,
    T_HISTW = 46,
    T_AGGP = 47,
    T_AGGN = 48,
    T_AGGC = 49,
);

/// Words that stay lower-case in Title Case.
/// (data/lexicon/names.txt [small-words])
fn small_words() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "small-words")
}

fn is_opener(t: &Key, s: &str) -> bool {
    t.is(F_NO_ALNUM) && matches!(s.chars().next().map(norm_char), Some('"' | '\'' | '(' | '[' | ':' | '-'))
}

/// Static features of every token of `doc`.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn extract(doc: &Doc) -> Extracted {
    let mut feats = Vec::with_capacity(doc.words.len() * 48);
    let mut starts = Vec::with_capacity(doc.words.len() + 1);
    let mut ex = extract_each(doc, |_, f| {
        starts.push(feats.len() as u32);
        feats.extend_from_slice(f);
    });
    starts.push(feats.len() as u32);
    ex.feats = feats;
    ex.starts = starts;
    ex
}

/// Static features of every token of `doc`, handed to `sink` token by
/// token in order (`sink(i, feats of token i)`) instead of kept: the
/// returned [`Extracted`] has empty `feats` and `starts`. Taggers that only
/// score the features once need not hold ~50 hashes per token.
pub fn extract_each<F: FnMut(usize, &[u64])>(doc: &Doc, sink: F) -> Extracted {
    let n = doc.words.len();
    // Sentences must tile the tokens; otherwise treat the document as one.
    let mut next = 0;
    let tiles = doc.sents.iter().all(|r| {
        let ok = r.start == next && r.end > r.start && r.end <= n;
        next = r.end;
        ok
    }) && next == n;
    if !tiles {
        let whole = Doc {
            words: doc.words.clone(),
            sents: if n > 0 { std::iter::once(0..n).collect() } else { vec![] },
        };
        return extract_tiled(&whole, sink);
    }
    extract_tiled(doc, sink)
}

fn extract_tiled<F: FnMut(usize, &[u64])>(doc: &Doc, mut sink: F) -> Extracted {
    let mut buf = Vec::new();
    let info: Vec<Key> = doc.words.iter().map(|w| Key::of(&TokInfo::new(w, &mut buf))).collect();
    let scan = scan_sentences(doc, &info);
    let gaz = gazetteer_matches(doc, &info);
    let (prev_word, next_word) = quote_neighbours(&doc.words);
    let cx = Context {
        doc,
        info: &info,
        scan: &scan,
        gaz: &gaz,
        table: gazetteer(),
        prev_word: &prev_word,
        next_word: &next_word,
    };
    // One token's features at a time.
    let mut feats: Vec<u64> = Vec::with_capacity(96);
    let n = doc.words.len();
    for r in &doc.sents {
        if r.start >= r.end || r.end > n {
            continue;
        }
        for i in r.clone() {
            feats.clear();
            token_features(&cx, r, i, &mut buf, &mut feats);
            sink(i, &feats);
        }
    }
    let Scan { first_in_sent, last_in_sent, .. } = scan;
    Extracted {
        feats: Vec::new(),
        starts: Vec::new(),
        info,
        last_in_sent,
        first_in_sent,
        sents: doc.sents.clone(),
    }
}

/// What a first pass over the sentences learns of each token and word.
struct Scan {
    first_in_sent: Vec<bool>,
    last_in_sent: Vec<bool>,
    /// In an all-caps or Title Case headline.
    caps_sent: Vec<bool>,
    /// Where capitals say little: headlines, sentence starts, after an opener.
    uncertain: Vec<bool>,
    /// How each word (lower-case hash) is written in the document.
    stats: IdMap<DocStat>,
    /// Where each capitalised word occurs (first few occurrences).
    occ: IdMap<Vec<u32>>,
}

/// Sentence boundaries, headlines, uncertain capitals and, per word, how
/// the document writes it and where it occurs capitalised.
fn scan_sentences(doc: &Doc, info: &[Key]) -> Scan {
    let n = doc.words.len();
    let mut s = Scan {
        first_in_sent: vec![false; n],
        last_in_sent: vec![false; n],
        caps_sent: vec![false; n],
        uncertain: vec![false; n],
        stats: IdMap::default(),
        occ: IdMap::default(),
    };
    for r in &doc.sents {
        if r.start >= r.end || r.end > n {
            continue;
        }
        s.first_in_sent[r.start] = true;
        s.last_in_sent[r.end - 1] = true;
        let (mut letters_up, mut letters) = (0usize, 0usize);
        // Title Case: every lower-case word a small function word.
        let (mut capped, mut other_lower) = (0usize, 0usize);
        for (t, w) in info[r.clone()].iter().zip(&doc.words[r.clone()]) {
            if t.is(F_ALL_CAPS) {
                letters_up += 1;
            }
            if t.is(F_ALL_CAPS | F_INIT_CAP | F_LOWER_INIT) {
                letters += 1;
            }
            if t.is(F_INIT_CAP) {
                capped += 1;
            } else if t.is(F_LOWER_INIT) && !small_words().contains(w) {
                other_lower += 1;
            }
        }
        // All-caps headlines, and Title Case ones ("Markets Rally as Fed
        // Holds Rates Steady"): capitals there say little about names.
        let title = other_lower == 0 && capped >= 3;
        let caps = (letters >= 3 && letters_up * 10 >= letters * 8) || title;
        for i in r.clone() {
            s.caps_sent[i] = caps;
            let after_opener = i > r.start && is_opener(&info[i - 1], doc.words[i - 1]);
            let unc = caps || i == r.start || after_opener;
            s.uncertain[i] = unc;
            let t = &info[i];
            if t.is(F_INIT_CAP) {
                let v = s.occ.entry(t.lower).or_default();
                if v.len() < MAX_OCC {
                    v.push(i as u32);
                }
            }
            let st = s.stats.entry(t.lower).or_default();
            if t.is(F_LOWER_INIT) {
                st.lower = st.lower.saturating_add(1);
            } else if t.is(F_INIT_CAP) && !unc {
                st.cap_mid = st.cap_mid.saturating_add(1);
            }
        }
    }
    s
}

/// Gazetteer matches: per token and type, the position code (1 B, 2 I,
/// 3 L, 4 U; 0 none) and length of the longest match covering it.
struct GazMatches {
    pos: Vec<[u8; GAZ_TYPES]>,
    len: Vec<[u8; GAZ_TYPES]>,
}

impl GazMatches {
    /// The types matched at token `j`, one bit each.
    fn bits(&self, j: usize) -> u64 {
        self.pos[j].iter().enumerate().fold(0u64, |b, (ty, &p)| if p != 0 { b | 1 << ty } else { b })
    }
}

/// Longest gazetteer matches starting at capitalised tokens, within sentences.
fn gazetteer_matches(doc: &Doc, info: &[Key]) -> GazMatches {
    let n = doc.words.len();
    let gaz = gazetteer();
    let mut m = GazMatches { pos: vec![[0; GAZ_TYPES]; n], len: vec![[0; GAZ_TYPES]; n] };
    for r in &doc.sents {
        if r.start >= r.end || r.end > n {
            continue;
        }
        for i in r.clone() {
            if !info[i].is(F_INIT_CAP) {
                continue;
            }
            let mut h = FNV_OFFSET;
            for k in 0..gaz.max_len.min(r.end - i) {
                h = mix(h, info[i + k].lower);
                let Some(&bits) = gaz.map.get(&h) else { continue };
                if !info[i + k].is(F_INIT_CAP) {
                    continue;
                }
                let len = k + 1;
                for ty in 0..GAZ_TYPES {
                    if bits & (1 << ty) == 0 {
                        continue;
                    }
                    for j in i..i + len {
                        if (m.len[j][ty] as usize) < len {
                            m.len[j][ty] = len as u8;
                            m.pos[j][ty] = if len == 1 {
                                4
                            } else if j == i {
                                1
                            } else if j == i + len - 1 {
                                3
                            } else {
                                2
                            };
                        }
                    }
                }
            }
        }
    }
    m
}

/// Nearest token that is not a quote mark at or before / at or after each
/// position (usize::MAX: none), so the neighbour lookups of
/// [`token_features`] take constant time even on a run of thousands of
/// quote marks.
fn quote_neighbours(words: &[&str]) -> (Vec<usize>, Vec<usize>) {
    let n = words.len();
    let is_quote: Vec<bool> = words
        .iter()
        .map(|w| {
            let mut c = w.chars().map(norm_char);
            matches!((c.next(), c.next()), (Some('"' | '\''), None)) || matches!(*w, "``" | "''")
        })
        .collect();
    let mut prev_word = vec![usize::MAX; n];
    let mut last = usize::MAX;
    for j in 0..n {
        if !is_quote[j] {
            last = j;
        }
        prev_word[j] = last;
    }
    let mut next_word = vec![usize::MAX; n];
    let mut last = usize::MAX;
    for j in (0..n).rev() {
        if !is_quote[j] {
            last = j;
        }
        next_word[j] = last;
    }
    (prev_word, next_word)
}

/// Everything [`token_features`] reads about the document.
struct Context<'a> {
    doc: &'a Doc<'a>,
    info: &'a [Key],
    scan: &'a Scan,
    gaz: &'a GazMatches,
    table: &'static Gazetteer,
    prev_word: &'a [usize],
    next_word: &'a [usize],
}

/// Static features of token `i` of sentence `r`, appended to `feats`.
fn token_features(
    cx: &Context,
    r: &std::ops::Range<usize>,
    i: usize,
    buf: &mut Vec<char>,
    feats: &mut Vec<u64>,
) {
    let (info, scan) = (cx.info, cx.scan);
    let none = Key { word: 7, lower: 7, short: 7, flags: 0 };
    let t = &info[i];
    // Shape and affixes of this token (the rest is in `t`).
    let own = TokInfo::new(cx.doc.words[i], buf);
    let get = |d: isize| -> &Key {
        let j = i as isize + d;
        if j < r.start as isize || j >= r.end as isize {
            &none
        } else {
            &info[j as usize]
        }
    };
    let (m1, p1) = (get(-1), get(1));
    // Neighbouring words, looking through quote marks ("President
    // Varga “following ...”": the quote says little about Varga).
    let before = |j: usize| -> Option<usize> {
        let p = cx.prev_word[j.checked_sub(1)?];
        (p != usize::MAX && p >= r.start).then_some(p)
    };
    let after = |j: usize| -> Option<usize> {
        let p = *cx.next_word.get(j + 1)?;
        (p < r.end).then_some(p)
    };
    let key = |j: Option<usize>| j.map_or(&none, |j| &info[j]);
    let (l1, r1) = (before(i), after(i));
    let (wm1, wp1) = (key(l1), key(r1));
    let (wm2, wp2) = (key(l1.and_then(before)), key(r1.and_then(after)));
    let caps_sent = scan.caps_sent[i];
    let uncertain = scan.uncertain[i];
    let mut f = |tpl: u64, v: u64| feats.push(mix(tpl, v));
    f(T_BIAS, 0);
    f(T_WORD, t.word);
    f(T_LOWER, t.lower);
    f(T_LM1, wm1.lower);
    f(T_LP1, wp1.lower);
    f(T_LM2, wm2.lower);
    f(T_LP2, wp2.lower);
    f(T_WM1, wm1.word);
    f(T_WP1, wp1.word);
    f(T_SHAPE, own.shape);
    f(T_SHORT, t.short);
    f(T_SM1, m1.short);
    f(T_SP1, p1.short);
    f(T_SB1, mix(m1.short, t.short));
    f(T_SB2, mix(t.short, p1.short));
    f(T_SHORT3, mix(mix(m1.short, t.short), p1.short));
    for k in 0..4 {
        f(T_PRE + 100 * k as u64, own.pre[k]);
        f(T_SUF + 100 * k as u64, own.suf[k]);
    }
    let pos = (i - r.start).min(3) as u64 | if i + 1 == r.end { 8 } else { 0 };
    f(T_FLAGS, t.flags as u64 | (caps_sent as u64) << 12);
    f(T_POS, pos | (t.flags as u64) << 4);
    f(T_FM1, m1.flags as u64);
    f(T_FP1, p1.flags as u64);
    f(T_BG1, mix(wm1.lower, t.lower));
    f(T_BG2, mix(t.lower, wp1.lower));
    f(T_CAPSENT, caps_sent as u64 | (r.len().min(4) as u64) << 1 | (t.flags as u64) << 4);
    for ty in 0..GAZ_TYPES {
        let p = cx.gaz.pos[i][ty];
        if p != 0 {
            f(T_GAZ, (ty as u64) << 4 | p as u64);
            f(T_GAZLEN, (ty as u64) << 4 | cx.gaz.len[i][ty].min(4) as u64 | (t.flags as u64) << 8);
        }
    }
    let gm1 = if i > r.start { cx.gaz.bits(i - 1) } else { 99 };
    let gp1 = if i + 1 < r.end { cx.gaz.bits(i + 1) } else { 99 };
    f(T_GAZM1, gm1 | cx.gaz.bits(i) << 8);
    f(T_GAZP1, gp1 | cx.gaz.bits(i) << 8);
    // How the word is usually written (any casing of it here):
    // "Since" at a sentence start is a common word, "youtube" a name.
    let class = cx.table.map.get(&mix(FNV_OFFSET, t.lower)).map_or(0, |&b| (b >> CASE_LOWER) as u64 & 7);
    f(T_CASE, class | (uncertain as u64) << 3 | (caps_sent as u64) << 4 | (t.flags as u64 & 0x3ff) << 5);
    // Document: how the same word is written elsewhere.
    let st = scan.stats.get(&t.lower).copied().unwrap_or_default();
    let mut lower = st.lower;
    let mut cap_mid = st.cap_mid;
    if t.is(F_LOWER_INIT) {
        lower = lower.saturating_sub(1);
    } else if t.is(F_INIT_CAP) && !uncertain {
        cap_mid = cap_mid.saturating_sub(1);
    }
    let dv = b3(lower) | b3(cap_mid) << 2 | (uncertain as u64) << 4 | (caps_sent as u64) << 5;
    f(T_DOC, dv | (t.flags as u64 & 3) << 6);
    if t.is(F_INIT_CAP) {
        f(T_DOCW, mix(t.lower, dv));
        // Context aggregation: the words around the same word's
        // other occurrences in the document.
        for &j in scan.occ.get(&t.lower).map_or(&[][..], |v| &v[..]) {
            let j = j as usize;
            if j == i {
                continue;
            }
            let pj = if scan.first_in_sent[j] { &none } else { &info[j - 1] };
            let nj = if scan.last_in_sent[j] { &none } else { &info[j + 1] };
            f(T_AGGP, pj.lower);
            f(T_AGGN, nj.lower);
            f(
                T_AGGC,
                (pj.is(F_INIT_CAP) as u64) | (nj.is(F_INIT_CAP) as u64) << 1 | (scan.caps_sent[j] as u64) << 2,
            );
        }
    }
}

/// Positions of a token's own word features in its static features, and
/// what training substitutes for them when it hides the word (so that
/// shape, context and gazetteer features learn to carry unseen names).
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn hidden_word() -> Vec<(usize, u64)> {
    let mut v = vec![(1, mix(T_WORD, 0x5EED)), (2, mix(T_LOWER, 0x5EED))];
    for k in 0..4u64 {
        v.push((16 + 2 * k as usize, mix(T_PRE + 100 * k, 0x5EED)));
        v.push((17 + 2 * k as usize, mix(T_SUF + 100 * k, 0x5EED)));
    }
    v.push((28, mix(T_BG1, 0x5EED)));
    v.push((29, mix(T_BG2, 0x5EED)));
    v
}

/// The feature whose weight row scores the tags that may follow `prev`.
#[inline]
pub fn transition(prev: u8) -> u64 {
    mix(T_P1, prev as u64)
}

/// Decode-dependent features: the tags given to the same word earlier in
/// the document.
#[inline]
pub fn dynamic(t: &Key, hist: Option<&[u16; NT]>, out: &mut Vec<u64>) {
    let (mut best, mut bn, mut total) = (0usize, 0u16, 0u32);
    let mut lab = [0u32; 4];
    if let Some(h) = hist {
        for (k, &c) in h.iter().enumerate().skip(1) {
            total += c as u32;
            lab[(k - 1) / 4] += c as u32;
            if c > bn {
                bn = c;
                best = k;
            }
        }
    }
    if total > 0 {
        let bl = (0..4).max_by_key(|&l| lab[l]).unwrap_or(0);
        out.push(mix(T_HIST, best as u64));
        out.push(mix(T_HISTL, bl as u64 | (t.flags as u64 & 3) << 4));
        out.push(mix(T_HISTW, mix(t.lower, bl as u64)));
    } else {
        out.push(mix(T_HIST, 99));
    }
}

/// Every feature [`dynamic`] can give token `t` (to decide which feature
/// owns each bucket before training).
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn all_dynamic(t: &Key, out: &mut Vec<u64>) {
    for best in (0..NT as u64).chain([99]) {
        out.push(mix(T_HIST, best));
    }
    for bl in 0..4u64 {
        out.push(mix(T_HISTL, bl | (t.flags as u64 & 3) << 4));
        out.push(mix(T_HISTW, mix(t.lower, bl)));
    }
}

/// Keep history only for words that can start a name.
#[inline]
pub fn keeps_history(t: &Key) -> bool {
    t.is(F_INIT_CAP) && !t.is(F_NO_ALNUM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_apostrophes_give_the_same_features() {
        let mut b = Vec::new();
        let a = TokInfo::new("’s", &mut b);
        let c = TokInfo::new("'s", &mut b);
        assert_eq!(a.word, c.word);
        assert_eq!(a.shape, c.shape);
    }

    #[test]
    fn shapes_and_flags() {
        let mut b = Vec::new();
        let a = TokInfo::new("Kenya", &mut b);
        let c = TokInfo::new("Ghana", &mut b);
        let d = TokInfo::new("KENYA", &mut b);
        assert_eq!(a.shape, c.shape);
        assert_ne!(a.shape, d.shape);
        assert_eq!(a.lower, d.lower);
        assert!(a.is(F_INIT_CAP) && !a.is(F_ALL_CAPS) && d.is(F_ALL_CAPS));
    }

    #[test]
    fn bilou_grammar() {
        let b_per = tag_of(0, 0);
        let i_per = tag_of(0, 1);
        let l_per = tag_of(0, 2);
        let u_org = tag_of(1, 3);
        assert!(allowed(O, b_per, false));
        assert!(!allowed(O, b_per, true));
        assert!(!allowed(O, i_per, false));
        assert!(allowed(b_per, l_per, true));
        assert!(!allowed(b_per, i_per, true));
        assert!(!allowed(b_per, u_org, false));
        assert!(allowed(l_per, u_org, false));
    }

    #[test]
    fn hidden_word_slots_hold_the_word_features() {
        let doc = Doc { words: vec!["Smithers", "said"], sents: std::iter::once(0..2).collect() };
        let e = extract(&doc);
        let mut b = Vec::new();
        let t = TokInfo::new("Smithers", &mut b);
        let f = &e.feats[e.starts[0] as usize..e.starts[1] as usize];
        assert_eq!(f[1], mix(T_WORD, t.word));
        assert_eq!(f[2], mix(T_LOWER, t.lower));
        assert_eq!(f[16], mix(T_PRE, t.pre[0]));
        assert_eq!(f[23], mix(T_SUF + 300, t.suf[3]));
        assert_eq!(f[28], mix(T_BG1, mix(7, t.lower)));
        assert_eq!(f[29], mix(T_BG2, mix(t.lower, TokInfo::new("said", &mut b).lower)));
    }

    #[test]
    fn sentences_that_do_not_tile_fall_back_to_one() {
        let doc = Doc { words: vec!["Anna", "Weber", "left"], sents: std::iter::once(1..2).collect() };
        let e = extract(&doc);
        assert_eq!(e.sents, vec![0..3]);
        assert_eq!(e.starts.len(), 4);
    }

    #[test]
    fn title_case_sentences_count_as_headlines() {
        let words = vec![
            "Markets", "Rally", "as", "Fed", "Holds", "Rates", ".", "Anna", "Weber", "met", "Olaf", "Berg",
            ".",
        ];
        let e = extract(&Doc { words, sents: vec![0..7, 7..13] });
        let capsent = |i: usize| {
            e.feats[e.starts[i] as usize..e.starts[i + 1] as usize]
                .contains(&mix(T_CAPSENT, 1 | 4 << 1 | (e.info[i].flags as u64) << 4))
        };
        assert!(capsent(1));
        assert!(!capsent(8));
    }

    #[test]
    fn every_token_gets_features() {
        let words = vec!["Anna", "Weber", "said", ".", "She", "left"];
        let doc = Doc { words, sents: vec![0..4, 4..6] };
        let e = extract(&doc);
        assert_eq!(e.starts.len(), 7);
        assert!((0..6).all(|i| e.starts[i + 1] > e.starts[i]));
    }
}
#[cfg(test)]
mod gaz_tests {
    use super::*;
    #[test]
    fn gazetteer_matches_multi_token_and_single_entries() {
        let g = gazetteer();
        let mut b = Vec::new();
        let h1 = mix(FNV_OFFSET, TokInfo::new("Mombasa", &mut b).lower);
        assert!(g.map.get(&h1).is_some_and(|&x| x & 8 != 0));
        let h2 = mix(mix(FNV_OFFSET, TokInfo::new("New", &mut b).lower), TokInfo::new("York", &mut b).lower);
        assert!(g.map.get(&h2).is_some_and(|&x| x & 8 != 0), "{:?}", g.map.get(&h2));
        eprintln!("{} entries, max len {}", g.map.len(), g.max_len);
    }

    #[test]
    fn gazetteer_keys_are_the_segmenters_tokens() {
        let mut b = Vec::new();
        let slow = |line: &str, b: &mut Vec<char>| {
            let seg = crate::segment::Segments::new(line.trim());
            let h = (0..seg.tokens.len()).fold(FNV_OFFSET, |h, i| mix(h, TokInfo::new(seg.token_text(i), b).lower));
            (h, seg.tokens.len())
        };
        for f in ["first", "last", "country", "place", "case-lower", "case-mixed", "case-name"] {
            let path = format!("{}/data/gazetteers/{f}.txt", env!("CARGO_MANIFEST_DIR"));
            for line in std::fs::read_to_string(path).expect("gazetteer").lines() {
                assert_eq!(entry_key(line), slow(line, &mut b), "{line:?}");
            }
        }
        for odd in
            ["São  Tomé", "Côte d'Ivoire", "Winston-Salem", " St. Louis ", "Ærø", "İzmir", "x\u{301}y", ""]
        {
            assert_eq!(entry_key(odd), slow(odd, &mut b), "{odd:?}");
        }
    }
}
