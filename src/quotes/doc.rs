//! The text as the quote layer sees it: tokens with their case, line and
//! quotation, and the questions the other modules ask about them (sentence
//! ends, name words, cue and role phrases). One type, one file.

use std::borrow::Cow;
use super::marks::RawQuote;
use super::vocabulary::{self, capitalised_non_names, is_calendar, name_particles, CueForm};
use crate::annotation::Span;
use crate::segment::{Segments, TokenKind};

/// A token with what the quote layer needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub span: Span,
    pub line: usize,
    pub word: bool,
    /// Lower case; borrowed from the text when it already is.
    pub lower: Cow<'a, str>,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Index of the quotation covering it.
    pub inq: Option<usize>,
}

/// An Arabic name word written with its lower-case article ("el-Masri",
/// "al-Amin"): a capitalised word for the quote layer.
fn particle_name(s: &str) -> bool {
    ["al-", "el-", "ad-", "ar-", "as-", "ash-", "az-", "an-"]
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase)))
}

/// The text seen by the quote layer: tokens, paragraphs and quotations.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok<'a>>,
    pub quotes: Vec<RawQuote>,
    /// Token range `[first, last)` of each quotation.
    pub qtoks: Vec<(usize, usize)>,
    /// Lines not to take names from (boilerplate, title-case headlines).
    pub bad_line: Vec<bool>,
    /// Per line, the closest earlier line that is not boilerplate.
    prev_kept: Vec<Option<usize>>,
}

impl<'a> Doc<'a> {
    /// `skip_line`: per line of `seg`, whether it is boilerplate.
    pub fn new(seg: &'a Segments<'a>, quotes: Vec<RawQuote>, skip_line: Vec<bool>) -> Doc<'a> {
        let text = seg.text;
        let mut toks: Vec<Tok<'a>> = seg
            .tokens
            .iter()
            .map(|t| {
                let s = t.span.text(text);
                Tok {
                    span: t.span,
                    line: t.line,
                    word: t.kind != TokenKind::Punct,
                    // (ASCII: the same without the Unicode case tables.)
                    lower: if !s.chars().any(char::is_uppercase) {
                        Cow::Borrowed(s)
                    } else if s.is_ascii() {
                        Cow::Owned(s.to_ascii_lowercase())
                    } else {
                        Cow::Owned(s.to_lowercase())
                    },
                    cap: s.chars().next().is_some_and(|c| c.is_uppercase()) || particle_name(s),
                    inq: None,
                }
            })
            .collect();
        let mut qtoks = Vec::with_capacity(quotes.len());
        for (qi, q) in quotes.iter().enumerate() {
            let a = toks.partition_point(|t| t.span.start < q.span.start);
            let b = toks.partition_point(|t| t.span.end <= q.span.end);
            let b = b.max(a);
            for t in &mut toks[a..b] {
                t.inq = Some(qi);
            }
            qtoks.push((a, b));
        }
        let mut prev_kept = Vec::with_capacity(seg.lines.len());
        let mut last = None;
        for &skipped in &skip_line {
            prev_kept.push(last);
            if !skipped {
                last = Some(prev_kept.len() - 1);
            }
        }
        let mut bad_line = skip_line.clone();
        for (li, l) in seg.lines.iter().enumerate() {
            if headline_like(l.text(text)) {
                bad_line[li] = true;
            }
        }
        Doc { text, toks, quotes, qtoks, bad_line, prev_kept }
    }

    pub fn t(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.span.text(self.text))
    }
    pub fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_ref())
    }
    pub fn lowers(&self) -> Vec<&str> {
        self.toks.iter().map(|t| t.lower.as_ref()).collect()
    }
    /// Ends a sentence outside quotation marks.
    pub fn is_terminator(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        if t.inq.is_some() || !matches!(self.t(i), "." | "!" | "?" | "…" | "...") {
            return false;
        }
        // "Del. Ruth Adler": a title's period.
        if self.t(i) == "."
            && i > 0
            && self.toks[i - 1].cap
            && vocabulary::get().is_speaker_title(&self.toks[i - 1].lower)
        {
            return false;
        }
        // "(D-Ore.)", "R-Ore., said", "Jan. 5": not a sentence's end.
        let next = self.toks.get(i + 1).filter(|n| n.line == t.line);
        !next.is_some_and(|n| {
            matches!(self.t(i + 1), ")" | "," | ";")
                || (n.word && !n.cap && n.inq.is_none() && self.t(i) == ".")
        })
    }
    /// The previous paragraph that is not boilerplate.
    pub fn prev_line(&self, line: usize) -> Option<usize> {
        self.prev_kept.get(line).copied().flatten()
    }
    /// Token range of a line.
    pub fn line_toks(&self, line: usize) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.line < line);
        let b = self.toks.partition_point(|t| t.line <= line);
        (a, b)
    }

    /// A capitalised word outside quotations (a name's part).
    pub fn name_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.word && t.cap && t.inq.is_none() && t.lower != "i" && !is_calendar(&t.lower))
    }
    pub fn particle(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.word
                && t.inq.is_none()
                && (name_particles().contains(&t.lower.as_ref())
                    || t.lower.starts_with("al-")
                    || t.lower.starts_with("el-"))
        })
    }
    pub fn same_line(&self, a: usize, b: usize) -> bool {
        matches!((self.toks.get(a), self.toks.get(b)), (Some(x), Some(y)) if x.line == y.line)
    }
    pub fn possessive(&self, i: usize) -> bool {
        matches!(self.t(i), "'s" | "’s" | "'" | "’" | "'S" | "’S")
    }
    pub fn byte_span(&self, first: usize, last: usize) -> Span {
        match (self.toks.get(first), last.checked_sub(1).and_then(|l| self.toks.get(l))) {
            (Some(a), Some(b)) if b.span.end >= a.span.start => Span::new(a.span.start, b.span.end),
            _ => Span::new(0, 0),
        }
    }

    /// Start of the name run ending at token `e` (inclusive), not before `lo`.
    pub fn run_back(&self, e: usize, lo: usize) -> usize {
        let mut s = e;
        while s > lo && self.same_line(s - 1, e) {
            if self.name_word(s - 1) || (s - 1 > lo && self.particle(s - 1) && self.name_word(s - 2)) {
                s -= 1;
            } else {
                break;
            }
        }
        s
    }

    /// End (exclusive) of the name run starting at `s`, not after `hi`.
    pub fn run_fwd(&self, s: usize, hi: usize) -> usize {
        let mut e = s;
        while e < hi
            && self.same_line(e, s)
            && (self.name_word(e) || (self.particle(e) && e + 1 < hi && self.name_word(e + 1)))
        {
            e += 1;
        }
        e
    }

    /// Drop leading sentence words and titles: "The Treasury" -> "Treasury",
    /// "Mayor Ilse Varga" -> "Ilse Varga". Returns the new start.
    pub fn strip(&self, s: usize, e: usize) -> usize {
        let lex = vocabulary::get();
        // An acronym that spells a function word ("the WHO", "the US") stays, unless
        // the run is shouted in capitals ("THE PRESIDENT").
        let caps = |k: usize| {
            let t = self.t(k);
            t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.chars().any(char::is_lowercase)
        };
        let shouted = (s..e).filter(|&k| caps(k)).count() >= 2;
        let mut s2 = s;
        while s2 < e && capitalised_non_names().contains(&self.low(s2)) && (shouted || !caps(s2)) {
            s2 += 1;
        }
        let mut cut = s2;
        for k in s2..e.saturating_sub(1) {
            if lex.is_speaker_title(self.low(k)) || lex.role_at(&[self.low(k)], 0).is_some() {
                cut = k + 1;
            }
        }
        let org = (cut..e).any(|k| lex.is_org_word(self.low(k)));
        while !org && cut + 1 < e && lex.is_adjective(self.low(cut)) {
            cut += 1;
        }
        cut
    }

    /// The cue starting at token `i` (outside quotations).
    pub fn cue(&self, i: usize) -> Option<&'static CueForm> {
        let t = self.toks.get(i)?;
        if t.inq.is_some() || !t.word {
            return None;
        }
        let w: Vec<&str> = (i..(i + 3).min(self.toks.len())).map(|k| self.low(k)).collect();
        let c = vocabulary::get().cue_at(&w, 0)?;
        // "United States": capitalised, a cue only at a sentence's start
        // ("Said Varga:", "According to ...").
        let initial = i == 0 || self.toks[i - 1].line != t.line || self.is_terminator(i - 1);
        (!t.cap || initial).then_some(c)
    }
    /// Token `i` is inside a short quotation within a sentence (a nickname
    /// or a scare-quoted word: `Ruth "Ru" Adler`).
    pub fn in_short_quote(&self, i: usize) -> bool {
        let Some(q) = self.toks.get(i).and_then(|t| t.inq) else { return false };
        let Some(&(a, b)) = self.qtoks.get(q) else { return false };
        b - a <= 5 && !(a..b).any(|k| matches!(self.t(k), "." | "!" | "?" | ","))
    }
    /// Role group and length of a role phrase at token `i`.
    pub fn role(&self, i: usize) -> Option<(usize, usize)> {
        let w: Vec<&str> = (i..(i + 4).min(self.toks.len())).map(|k| self.low(k)).collect();
        vocabulary::get().role_at(&w, 0)
    }
}

/// A title-case line of several words (a headline): its capitalised runs
/// are not names.
pub fn headline_like(line: &str) -> bool {
    let words: Vec<&str> =
        line.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3).collect();
    if words.len() < 4 {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(|c| c.is_uppercase()))
        .count();
    caps * 10 >= words.len() * 8
}
