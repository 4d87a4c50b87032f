//! Line features for the boilerplate classifier.
//!
//! Two stages, jusText-style: [`local`] describes each line on its own (length,
//! stop words, capitals, punctuation, link-like text, lexicon hits, position,
//! repetition); [`context`] adds what the first-stage probabilities of the
//! neighbours say (short lines between content lines lean content, runs at
//! the head and tail lean boilerplate, distance to the main text block).

use crate::annotation::BoilerKind;
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

const PHRASES: &str = include_str!("../../data/boilerplate-phrases.txt");

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

/// Parse the lexicon format (`KIND MODE PHRASE`, `#` comments); bad lines are skipped.
pub fn parse_phrases(src: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.splitn(3, ' ');
        let (Some(k), Some(m), Some(p)) = (it.next(), it.next(), it.next()) else { continue };
        let Some(kind) = kind_of(k) else { continue };
        let mode = match m {
            "=" => Mode::Whole,
            "^" => Mode::Prefix,
            "~" => Mode::Contains,
            _ => continue,
        };
        let text = if mode == Mode::Whole { norm_whole(p) } else { norm(p) };
        if !text.is_empty() {
            out.push(Phrase { kind, mode, text });
        }
    }
    out
}

pub fn phrases() -> &'static [Phrase] {
    static P: OnceLock<Vec<Phrase>> = OnceLock::new();
    P.get_or_init(|| parse_phrases(PHRASES))
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

pub fn lexicon_hits(line: &str) -> Hits {
    let n = norm(line);
    let w = norm_whole(line);
    let mut h = Hits::default();
    let mut best_prefix = 0;
    let mut best_contains = 0;
    for p in phrases() {
        match p.mode {
            Mode::Whole => {
                if h.whole.is_none() && w == p.text {
                    h.whole = Some(p.kind);
                }
            }
            Mode::Prefix => {
                if p.text.len() > best_prefix && (n.starts_with(&p.text) || w.starts_with(&p.text)) {
                    best_prefix = p.text.len();
                    h.prefix = Some(p.kind);
                }
            }
            Mode::Contains => {
                if p.text.len() > best_contains && n.contains(&p.text) {
                    best_contains = p.text.len();
                    h.contains = Some(p.kind);
                }
            }
        }
    }
    h
}

const STOP_WORDS: &[&str] = &[
    // English
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "that", "this",
    "which", "who", "he", "she", "they", "we", "i", "his", "her", "their", "our", "not", "will",
    "would", "can", "could", "said", "says", "than", "there", "about", "into", "after", "also",
    "more", "when", "what", "if", "do", "does", "did", "so", "some", "all", "one", "been", "you",
    // French
    "le", "la", "les", "des", "du", "de", "et", "est", "un", "une", "dans", "pour", "que", "qui",
    "pas", "sur", "au", "avec", "il", "elle", "ce", "en",
    // German
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "zu", "von",
    "auf", "sich", "für", "auch", "es", "im", "sie",
    // Spanish / Portuguese / Italian
    "el", "los", "las", "y", "por", "con", "para", "se", "del", "lo", "o", "e", "da", "do", "na",
    "no", "os", "em", "uma", "il", "di", "che", "è", "per", "non", "una", "sono", "gli", "della",
    // Russian
    "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "из", "за", "к", "но",
];

fn is_stop(w: &str) -> bool {
    STOP_WORDS.contains(&w)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// Names of the local features, in order.
pub const LOCAL_NAMES: &[&str] = &[
    "ln_words", "w_le1", "w_le3", "w_le6", "w_le10", "w_le20", "w_gt40", "ln_chars", "stop_ratio",
    "no_stop", "cap_ratio", "all_caps", "ends_sentence", "ends_colon", "ends_ellipsis", "has_url",
    "has_handle", "has_separator", "digit_ratio", "has_date", "repeated", "rel_pos", "head3",
    "tail3", "head_zone", "tail_zone", "lex_whole", "lex_prefix", "lex_contains", "lex_caption",
    "lex_promo", "lex_share", "credit_like", "commas_per_word", "no_letters", "has_quote",
    "numbered", "sentences", "cjk", "starts_lower", "bracketed", "pipe_or_bullets",
    "repeated_long", "headline_like", "after_comments", "rel_words", "ln_lines",
];

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
    let mut copies: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for t in &normed {
        *copies.entry(t.as_str()).or_insert(0) += 1;
    }
    let mut out = Vec::with_capacity(n);
    for (i, text) in texts.iter().enumerate() {
        let repeated = copies.get(normed[i].as_str()).copied().unwrap_or(0) > 1;
        out.push(line_features(text, &normed, i, n, sentences[i], repeated));
    }
    // Whole-text features: comment sections, length relative to the text's median line.
    let mut lens: Vec<f64> = out.iter().map(|f| f[0]).collect();
    lens.sort_by(|a, b| a.total_cmp(b));
    let median = lens.get(lens.len() / 2).copied().unwrap_or(0.0);
    let mut comments_seen = false;
    for (i, f) in out.iter_mut().enumerate() {
        let words = (f[0].exp() - 1.0).round();
        let is_marker = lexicon_hits(texts[i]).kind() == Some(BoilerKind::Comments) || comment_count_line(&normed[i]);
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        f.push(b(f[20] > 0.0 && words >= 5.0));
        f.push(b((5.0..=16.0).contains(&words) && f[12] == 0.0 && f[13] == 0.0 && f[10] >= 0.6));
        f.push(b(comments_seen));
        f.push(f[0] - median);
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
    ["comment", "thoughts on", "responses to", "replies to", "reactions"].iter().any(|w| rest.starts_with(w))
}

fn line_features(text: &str, normed: &[String], i: usize, n: usize, n_sent: usize, repeated: bool) -> Vec<f64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let chars = text.chars().count();
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let nw = (words.len()).max(cjk / 2).max(1) as f64;
    let mut stop = 0usize;
    let mut alpha_words = 0usize;
    let mut caps = 0usize;
    for w in &words {
        let core: String = w.chars().filter(|c| c.is_alphanumeric() || *c == '\'').collect();
        let lw = core.to_lowercase();
        if is_stop(&lw) {
            stop += 1;
        }
        if let Some(c) = core.chars().next() {
            if c.is_alphabetic() {
                alpha_words += 1;
                if c.is_uppercase() {
                    caps += 1;
                }
            }
        }
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    let lower = text.chars().filter(|c| c.is_lowercase()).count();
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    let trimmed_end = text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ' ']);
    let last = trimmed_end.chars().last().unwrap_or(' ');
    let ends_sentence = matches!(last, '.' | '!' | '?' | '。' | '！' | '？') || (cjk > 0 && last == '다');
    let lower_text = &normed[i];
    let has_url = lower_text.contains("http") || lower_text.contains("www.") || lower_text.contains(".com");
    let has_handle = words.iter().any(|w| w.starts_with('@') && w.len() > 1);
    let has_sep = text.contains('|') || text.contains('›') || text.contains('»') || text.contains(" / ") || text.contains('•') || text.contains('·');
    let has_date = words.iter().any(|w| {
        let l = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        MONTHS.contains(&l.as_str()) || (l.len() == 4 && l.starts_with(['1', '2']) && l.chars().all(|c| c.is_ascii_digit()))
    });
    let rel = if n > 1 { i as f64 / (n - 1) as f64 } else { 0.5 };
    let hits = lexicon_hits(text);
    let kind = hits.kind();
    let credit_like = {
        // "Name/Agency", "(Agency/Name)": a slash between capitalised words.
        let b = text.as_bytes();
        let mut found = false;
        for (k, &c) in b.iter().enumerate() {
            if c == b'/' && k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_alphabetic() && b[k + 1].is_ascii_uppercase() {
                found = !lower_text.contains("http") && !lower_text.contains("www");
                break;
            }
        }
        found
    };
    let commas = text.chars().filter(|&c| c == ',' || c == '，' || c == '、').count();
    let has_quote = text.contains('“') || text.contains('"') || text.contains('«') || text.contains('„') || text.contains('「');
    let numbered = {
        let t = text.trim_start();
        let d = t.chars().take_while(|c| c.is_ascii_digit()).count();
        d > 0 && d <= 2 && t[d..].starts_with([')', '.'])
    };
    let first = text.chars().find(|c| c.is_alphabetic());
    let bracketed = text.starts_with(['[', '(']) && text.ends_with([']', ')']);
    let bullets = text.matches(" | ").count() + text.matches(" · ").count() + text.matches(" • ").count();
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    let f = vec![
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
    ];
    f
}

/// Names of the context features, in order.
pub const CONTEXT_NAMES: &[&str] = &[
    "logit_self", "p_prev", "p_next", "p_prev2", "p_next2", "p_win3", "p_win6", "content_before",
    "content_after", "content_both", "in_main_block", "dist_block", "gap_prev", "gap_next",
    "prev_short", "next_short", "run_short", "lex_any", "ln_words", "ends_sentence",
    "sandwich", "sandwich_long", "frac_before", "frac_after", "lex_win3", "short_in_block",
    "lex_in_block", "marker_before_tail", "block_size", "short_x_sandwich", "short_dens5",
    "short_dens10", "p_win10", "edge_dist", "before_first_strong", "after_last_strong",
];

pub const N_CONTEXT: usize = 36;

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// Context features from the local features and first-stage probabilities
/// (`p1[i]` = probability that line `i` is boilerplate).
pub fn context(local: &[Vec<f64>], p1: &[f64]) -> Vec<Vec<f64>> {
    let n = local.len().min(p1.len());
    let words: Vec<f64> = local[..n].iter().map(|f| (f[0].exp() - 1.0).max(0.0)).collect();
    // Content mass: confident content lines weighted by length.
    let mass: Vec<f64> = (0..n).map(|i| (1.0 - p1[i]) * words[i].min(60.0) * if p1[i] < 0.5 { 1.0 } else { 0.0 }).collect();
    let mut before = vec![0.0; n];
    let mut acc = 0.0;
    for i in 0..n {
        before[i] = acc;
        acc += mass[i];
    }
    let total = acc;
    // Main block: the maximum-sum run of (0.5 - p) weighted by length.
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
    let strong: Vec<bool> = (0..n).map(|i| p1[i] < 0.3 && words[i] >= 12.0).collect();
    let lex: Vec<bool> = local[..n].iter().map(|f| f[26] + f[27] + f[28] > 0.0).collect();
    // End-of-article marker: a lexicon hit after which little content follows.
    let mut marker_seen = vec![false; n];
    let mut seen = false;
    for i in 0..n {
        marker_seen[i] = seen;
        let ca = total - before[i] - mass[i];
        if lex[i] && ca < 0.1 * total.max(1.0) {
            seen = true;
        }
    }
    let block_size = (be - bs) as f64;
    // Nearest strong content line strictly before / after each line.
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
            f[0],
            f[12],
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
    let words = (local[0].exp() - 1.0).round();
    if local[32] > 0.0 {
        return BoilerKind::Caption;
    }
    if local[16] > 0.0 && words <= 8.0 {
        return BoilerKind::Share;
    }
    if words <= 4.0 && local[12] == 0.0 {
        return BoilerKind::Navigation;
    }
    if local[41] > 0.0 {
        return BoilerKind::Navigation;
    }
    if words > 6.0 && local[12] == 0.0 && local[10] > 0.5 {
        return BoilerKind::Promo;
    }
    if local[12] > 0.0 && words >= 6.0 {
        return BoilerKind::Caption;
    }
    BoilerKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses_and_matches() {
        assert!(phrases().len() > 300);
        assert_eq!(lexicon_hits("Advertisement").whole, Some(BoilerKind::Ad));
        assert_eq!(lexicon_hits("  SHARE THIS ARTICLE: ").kind(), Some(BoilerKind::Share));
        assert_eq!(lexicon_hits("Read more: something else happened").prefix, Some(BoilerKind::Promo));
        assert!(lexicon_hits("The minister said the talks would resume.").kind().is_none());
    }

    #[test]
    fn feature_vectors_have_declared_length() {
        let seg = Segments::new("Title here\n\nA sentence of the article, as it says.\n\nShare\n\n日本語の文章です。");
        let l = local(&seg);
        assert_eq!(l.len(), 4);
        assert!(l.iter().all(|f| f.len() == N_LOCAL && f.iter().all(|x| x.is_finite())));
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
