//! Entity layer: names (a trained tagger) and dates (rules), grouped into
//! entities with one label and a canonical name each.
//!
//! `detect`: tagger spans -> [`refine`] (gold span conventions: no titles,
//! determiners, possessives or stray punctuation; titles inside a span
//! split it) -> dates ([`dates::find`]) -> overlap resolution (names beat
//! single-word dates they cover; dates with a digit or several words beat
//! names) -> [`group::group`]. Entities are found on every line, boilerplate
//! included (the exports flag those; the page hides them). Word lists:
//! data/lexicon/names.txt and data/lexicon/dates.txt (see src/lexicon.rs).

pub mod dates;
pub mod features;
pub mod group;
pub mod model;
mod repair;
pub mod tagger;

use crate::annotation::{Entity, Label, Mention, Span};
use crate::lexicon::{self, is_title, titles};
use crate::segment::Segments;
use std::collections::HashSet;
use std::sync::OnceLock;

pub(super) fn is_org_head(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon::word_set(lexicon::names(), "org-heads")).contains(word)
}

/// File formats and "file" (data/lexicon/names.txt [file-formats]).
fn is_file_format(lower: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon::word_set(lexicon::names(), "file-formats")).contains(lower)
}

/// Name particles written in lower case inside a name: "al-Qadri", "van Dorst".
/// (data/lexicon/names.txt [particles])
fn name_particles() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "particles")
}

/// Find entity mentions and group them into entities.
pub fn detect(seg: &Segments) -> (Vec<Mention>, Vec<Entity>) {
    let text = seg.text;
    let names = refine(seg, tagger::tag(seg));
    let dates = dates::find(seg);
    let found = resolve(text, names, dates);
    let mut kept: Vec<(Span, Label)> = Vec::with_capacity(found.len());
    for (s, l) in found {
        if kept.last().is_some_and(|(p, _)| p.overlaps(s)) {
            continue;
        }
        kept.push((s, l));
    }
    group::group(text, kept)
}

/// Tagger spans brought to the gold convention: no surrounding punctuation,
/// a title inside a span splits it ("Harbour Board of Trustees Gen.
/// Ivo Brandt" style gives an organisation and a person), titles, determiners
/// and possessives dropped, lower-case name particles ("al-", "van") and an
/// organisation's head before "of" ("Bank of ...") added back.
pub fn refine(seg: &Segments, names: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let text = seg.text;
    let mut out: Vec<(Span, Label)> = Vec::with_capacity(names.len());
    for (span, label) in names {
        let span = trim_punct(text, span);
        if span.is_empty() {
            continue;
        }
        let span = trim_punct(text, cut_at_verb(seg, span));
        for (s, l) in split_at_title(seg, span, label) {
            let s = trim_span(text, drop_lead_word(seg, trim_punct(text, s)), l);
            if s.is_empty() || s.text(text).chars().all(|c| !c.is_alphanumeric()) {
                continue;
            }
            let (s, l) = extend(seg, s, l);
            if let Some(l) = relabel(seg, s, l) {
                out.push((s, l));
            }
        }
    }
    out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    out.dedup_by(|b, a| a.0.overlaps(b.0));
    repair::repair(seg, out)
}

/// Label fixes from the words around a span: a person's title before it
/// ("President X" is a person), a department word before a title ("Defense
/// Secretary": not a name), a plural nationality ("Kenyans" is MISC).
/// `None` drops the span.
fn relabel(seg: &Segments, span: Span, label: Label) -> Option<Label> {
    let r = tokens_in(seg, span);
    if r.is_empty() {
        return Some(label);
    }
    let line = seg.tokens[r.start].line;
    let word =
        |i: usize| if seg.tokens.get(i).is_some_and(|t| t.line == line) { seg.token_text(i) } else { "" };
    let lower = |w: &str| w.trim_end_matches('.').to_lowercase();
    let single = r.len() == 1;
    let body = span.text(seg.text);
    // A party and state after a lawmaker's name, "(D-Mo.)", "(R-IN)", is
    // not a name either.
    let mut chars = body.chars();
    if matches!(chars.next(), Some('D' | 'R' | 'I')) && chars.next() == Some('-') && single {
        let rest: String = chars.filter(|c| *c != '.').collect();
        if (2..=5).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
    }
    // A title alone ("Governor") is not a name.
    // (Only titles that are not also surnames: "King" may be a person.)
    let bare_title = |w: &str| {
        let l = lower(w);
        titles().get(l.as_str()).is_some_and(|&inner| {
            inner || w.ends_with('.') || matches!(l.as_str(), "mr" | "mrs" | "ms" | "dr")
        })
    };
    if body.split_whitespace().all(bare_title) {
        return None;
    }
    // File formats ("a PNG or a DOCX file") are not names.
    if body.split_whitespace().all(|w| is_file_format(&lower(w))) {
        return None;
    }
    if label != Label::Person && r.start > 0 && r.len() <= 3 {
        let prev = word(r.start - 1);
        let prev_low = lower(prev);
        let person_title = titles().get(prev_low.as_str()).is_some_and(|&inner| inner || prev.ends_with('.'))
            || matches!(
                prev_low.as_str(),
                "mr" | "mrs"
                    | "ms"
                    | "dr"
                    | "miss"
                    | "sir"
                    | "dame"
                    | "pope"
                    | "sen"
                    | "rep"
                    | "gov"
                    | "gen"
                    | "prof"
                    | "rev"
            );
        let words_capitalised = body.split_whitespace().all(capitalised);
        if person_title && capitalised(prev) && words_capitalised {
            return Some(Label::Person);
        }
    }
    if label == Label::Misc && single {
        let next = word(r.end);
        // ("AFL-CIO President": an acronym is a name.)
        let nationality =
            ["an", "ans", "ish", "ese", "i", "ch", "ic", "ean"].iter().any(|s| body.ends_with(s))
                || !body.chars().any(char::is_lowercase);
        if capitalised(next) && titles().get(lower(next).as_str()) == Some(&true) && !nationality {
            return None;
        }
    }
    if label == Label::Org
        && single
        && body.len() > 4
        && body.ends_with("ans")
        && capitalised(body)
        && !body.chars().all(|c| c.is_uppercase())
    {
        return Some(Label::Misc);
    }
    Some(label)
}

/// Capitalised words that start a sentence but never a name: "Meanwhile
/// Trump said" gives "Trump".
fn drop_lead_word(seg: &Segments, span: Span) -> Span {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| lexicon::word_set(lexicon::names(), "sentence-openers"));
    let r = tokens_in(seg, span);
    if r.len() < 2 {
        return span;
    }
    let first = seg.token_text(r.start).to_lowercase();
    if set.contains(first.as_str()) && capitalised(seg.token_text(r.start + 1)) {
        Span::new(seg.tokens[r.start + 1].span.start, span.end)
    } else {
        span
    }
}

/// Capitalised verbs and conjunctions that end a name in a title-case
/// headline: "Jane Doe Was Right" gives "Jane Doe".
/// (data/lexicon/names.txt [headline-breaks])
fn headline_breaks() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "headline-breaks")
}

fn cut_at_verb(seg: &Segments, span: Span) -> Span {
    let r = tokens_in(seg, span);
    for i in r.clone().skip(1) {
        let t = seg.token_text(i);
        let low = t.trim_end_matches('.').to_lowercase().replace('’', "'");
        if capitalised(t) && headline_breaks().contains(&low.as_str()) {
            return Span::new(span.start, seg.tokens[i - 1].span.end);
        }
    }
    span
}

/// Tokens of `seg` inside `span`, as an index range.
fn tokens_in(seg: &Segments, span: Span) -> std::ops::Range<usize> {
    let a = seg.tokens.partition_point(|t| t.span.start < span.start);
    let b = seg.tokens.partition_point(|t| t.span.start < span.end);
    a..b.max(a)
}

/// Strip punctuation and quote marks around a span, keeping a final period
/// ("U.S.") and a closing bracket whose opening is inside ("Rad ( B )").
fn trim_punct(text: &str, span: Span) -> Span {
    let body = span.text(text);
    let lead = body.len() - body.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let rest = &body[lead..];
    let mut kept = rest;
    while let Some(c) = kept.chars().next_back() {
        let balanced = match c {
            ')' => kept.contains('('),
            ']' => kept.contains('['),
            _ => false,
        };
        // Combining accents ("A" + U+0303) belong to the letter before them.
        let mark = matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F);
        if c.is_alphanumeric() || c == '.' || balanced || mark {
            break;
        }
        kept = &kept[..kept.len() - c.len_utf8()];
    }
    Span::new(span.start + lead, span.start + lead + kept.len())
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn split_at_title(seg: &Segments, span: Span, label: Label) -> Vec<(Span, Label)> {
    let r = tokens_in(seg, span);
    let toks: Vec<(Span, &str)> = r.map(|i| (seg.tokens[i].span, seg.token_text(i))).collect();
    for k in 1..toks.len().saturating_sub(1) {
        let t = toks[k].1;
        let w = t.trim_end_matches('.').to_lowercase();
        let Some(&inner) = titles().get(w.as_str()) else { continue };
        let abbreviated = t.ends_with('.');
        if !(inner || abbreviated) || !capitalised(t) {
            continue;
        }
        let next = toks[k + 1].1;
        let suffix =
            matches!(next.trim_end_matches('.').to_lowercase().as_str(), "jr" | "sr" | "ii" | "iii" | "iv");
        if !capitalised(next) || suffix {
            continue;
        }
        let right = Span::new(toks[k + 1].0.start, span.end);
        let mut out = Vec::with_capacity(2);
        if label != Label::Person {
            // The part before keeps its label unless it is only title words.
            let left_toks = &toks[..k];
            let all_titles = left_toks.iter().all(|(_, w)| is_title(&w.trim_end_matches('.').to_lowercase()));
            if !all_titles {
                out.push((Span::new(span.start, toks[k - 1].0.end), label));
            }
        }
        out.extend(split_at_title(seg, right, Label::Person));
        return out;
    }
    vec![(span, label)]
}

/// Add lower-case particles after a person's name and an organisation head
/// before "of".
fn extend(seg: &Segments, span: Span, label: Label) -> (Span, Label) {
    let r = tokens_in(seg, span);
    let (first, end) = (r.start, r.end);
    if r.is_empty() {
        return (span, label);
    }
    let line = seg.tokens[first].line;
    let on_line = |i: usize| seg.tokens.get(i).is_some_and(|t| t.line == line);
    let mut s = span;
    let mut l = label;
    if label == Label::Person && on_line(end) {
        let next = seg.token_text(end);
        let low = next.to_lowercase();
        if let Some((p, rest)) = low.split_once('-') {
            if name_particles().contains(&p)
                && next.split_once('-').is_some_and(|(_, r)| capitalised(r))
                && !rest.is_empty()
            {
                s.end = seg.tokens[end].span.end;
            }
        } else if name_particles().contains(&low.as_str())
            && next.chars().all(|c| c.is_lowercase())
            && on_line(end + 1)
            && capitalised(seg.token_text(end + 1))
        {
            s.end = seg.tokens[end + 1].span.end;
        }
    }
    if label != Label::Person && first >= 2 && on_line(first - 2) && seg.token_text(first - 1) == "of" {
        let head = seg.token_text(first - 2);
        if capitalised(head) && is_org_head(&head.to_lowercase()) {
            let start = first - 2;
            s.start = seg.tokens[start].span.start;
            l = Label::Org;
        }
    }
    (s, l)
}

/// Names and dates together, sorted, without overlaps. A name wins over a
/// date it covers or that is a single word ("May" the person); a date with
/// a digit or several words ("Jan. 5", "last week"), or a weekday tagged as
/// a name on its own, wins over the names it overlaps.
fn resolve(text: &str, mut names: Vec<(Span, Label)>, dates: Vec<Span>) -> Vec<(Span, Label)> {
    names.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut dropped = vec![false; names.len()];
    let mut keep_dates = Vec::with_capacity(dates.len());
    for d in dates {
        // Names overlapping `d`: they start before its end, and (names being
        // short) not far before its start.
        let hi = names.partition_point(|(s, _)| s.start < d.end);
        let lo = names.partition_point(|(s, _)| s.start + MAX_NAME_BYTES < d.start);
        let over: Vec<usize> = (lo..hi.max(lo)).filter(|&i| !dropped[i] && names[i].0.overlaps(d)).collect();
        if over.is_empty() {
            keep_dates.push(d);
            continue;
        }
        let covered = over.iter().any(|&i| names[i].0.contains(d) && names[i].0 != d);
        let dt = d.text(text);
        // The same single word as a name: a weekday or "today" tagged as a
        // name is still a date; a month alone may be a person ("April").
        let same = over.iter().any(|&i| names[i].0 == d) && !dates::is_month_word(dt);
        let strong = dt.chars().any(|c| c.is_ascii_digit()) || dt.split_whitespace().count() > 1 || same;
        if !covered && strong {
            for &i in &over {
                dropped[i] = true;
            }
            keep_dates.push(d);
        }
    }
    let mut found: Vec<(Span, Label)> =
        names.into_iter().zip(dropped).filter(|(_, d)| !d).map(|(n, _)| n).collect();
    found.extend(keep_dates.into_iter().map(|s| (s, Label::Date)));
    found.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<(Span, Label)> = Vec::with_capacity(found.len());
    for (s, l) in found {
        if out.last().is_some_and(|(p, _)| p.overlaps(s)) {
            continue;
        }
        out.push((s, l));
    }
    out
}

/// Longer spans than this are not looked for when a date overlaps names.
const MAX_NAME_BYTES: usize = 400;

/// Byte ranges of the white-space separated words of `s`.
fn word_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    out
}

/// Drop a leading determiner ("The Treasury"), leading titles of a person
/// ("President Varga", "Gen. Ivo Brandt", "Secretary of State Jane
/// Doe"), a title before an organisation ("Chairman of the Joint Board")
/// and a trailing possessive ("Norland's") from a name span, as the gold
/// convention does.
pub fn trim_span(text: &str, span: Span, label: Label) -> Span {
    let mut s = span;
    loop {
        let body = s.text(text);
        let ws = word_ranges(body);
        if ws.len() < 2 {
            break;
        }
        let word_at = |k: usize| ws.get(k).map_or("", |&(a, b)| &body[a..b]);
        let lower = |k: usize| word_at(k).trim_end_matches('.').to_lowercase();
        let first = lower(0);
        let title = is_title(&first);
        let mut cut = None;
        if (first == "the" || (label == Label::Person && title)) && capitalised(word_at(1)) {
            cut = Some(1);
        } else if titles().get(first.as_str()) == Some(&true) && lower(1) == "of" {
            let mut k = 2;
            if lower(k) == "the" {
                k += 1;
            }
            let rest = ws.len().saturating_sub(k);
            if label == Label::Person && rest >= 3 && (k..ws.len()).all(|j| capitalised(word_at(j))) {
                k += 1;
            }
            if k < ws.len() && capitalised(word_at(k)) {
                cut = Some(k);
            }
        }
        match cut {
            Some(k) if k < ws.len() => s.start += ws[k].0,
            _ => break,
        }
    }
    // "Harbour Board of Trustees Gen.": a title written with a period at the end.
    loop {
        let body = s.text(text);
        let ws = word_ranges(body);
        let Some(&(a, b)) = ws.last() else { break };
        let last = &body[a..b];
        if ws.len() >= 2 && last.ends_with('.') && is_title(&last.trim_end_matches('.').to_lowercase()) {
            s.end = s.start + ws[ws.len() - 2].1;
        } else {
            break;
        }
    }
    let body = s.text(text);
    for suffix in ["'s", "’s", "'S", "’S"] {
        if body.len() > suffix.len() + 1 && body.ends_with(suffix) {
            s.end -= suffix.len();
            break;
        }
    }
    let body = s.text(text);
    let trimmed = body.trim_end();
    s.end -= body.len() - trimmed.len();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trimmed(text: &str, label: Label) -> &str {
        trim_span(text, Span::new(0, text.len()), label).text(text)
    }

    #[test]
    fn trims_titles_determiners_possessives() {
        assert_eq!(trimmed("President Varga", Label::Person), "Varga");
        assert_eq!(trimmed("Gen. Jane Doe", Label::Person), "Jane Doe");
        assert_eq!(trimmed("Prime Minister Ana Diaz", Label::Person), "Ana Diaz");
        assert_eq!(trimmed("The Treasury", Label::Org), "Treasury");
        assert_eq!(trimmed("Norland’s", Label::Place), "Norland");
        // Not for other labels, and never to nothing.
        assert_eq!(trimmed("General Motors", Label::Org), "General Motors");
        assert_eq!(trimmed("President", Label::Person), "President");
        assert_eq!(trimmed("the", Label::Org), "the");
        assert_eq!(trimmed("Chairman of the Joint Board", Label::Org), "Joint Board");
        assert_eq!(trimmed("Secretary of State Jane Doe", Label::Person), "Jane Doe");
        assert_eq!(trimmed("The\u{a0}Treasury", Label::Org), "Treasury");
    }

    fn refined(text: &str, spans: &[(&str, Label)]) -> Vec<(String, Label)> {
        let seg = Segments::new(text);
        let names = spans
            .iter()
            .map(|&(w, l)| {
                let a = text.find(w).expect("span in text");
                (Span::new(a, a + w.len()), l)
            })
            .collect();
        refine(&seg, names).into_iter().map(|(s, l)| (s.text(text).to_string(), l)).collect()
    }

    #[test]
    fn refine_splits_extends_and_trims() {
        use Label::*;
        assert_eq!(
            refined("the Joint Board Gen. Ann Lee said", &[("Joint Board Gen. Ann Lee", Org)]),
            [("Joint Board".to_string(), Org), ("Ann Lee".to_string(), Person)]
        );
        assert_eq!(
            refined("Defense Secretary Ann Lee said", &[("Defense Secretary Ann", Person)]),
            [("Ann".to_string(), Person)]
        );
        assert_eq!(
            refined("He met Omar Faris al-Tayeb today", &[("Omar Faris", Person)]),
            [("Omar Faris al-Tayeb".to_string(), Person)]
        );
        assert_eq!(
            refined("She met Jan van Dijk.", &[("Jan", Person)]),
            [("Jan van Dijk".to_string(), Person)]
        );
        assert_eq!(
            refined("the Bank of Nordland said", &[("Nordland", Place)]),
            [("Bank of Nordland".to_string(), Org)]
        );
        assert_eq!(refined("said Lee “yes”", &[("Lee “", Person)]), [("Lee".to_string(), Person)]);
        assert_eq!(
            refined("the Joint Board Gen. Ann Lee", &[("Joint Board Gen.", Org)]),
            [("Joint Board".to_string(), Org)]
        );
        assert_eq!(refined("said President Lee today", &[("Lee", Misc)]), [("Lee".to_string(), Person)]);
        assert_eq!(refined("said Mr. Lee today", &[("Lee", Org)]), [("Lee".to_string(), Person)]);
        assert!(refined("with Defense Secretary Ann Lee", &[("Defense", Misc)]).is_empty());
        assert_eq!(refined("the Nordic Minister", &[("Nordic", Misc)]), [("Nordic".to_string(), Misc)]);
        assert_eq!(refined("the NUW-CIO President", &[("NUW-CIO", Misc)]), [("NUW-CIO".to_string(), Misc)]);
        assert_eq!(
            refined("many Nordlandians fled", &[("Nordlandians", Org)]),
            [("Nordlandians".to_string(), Misc)]
        );
        assert_eq!(refined("the Balkans", &[("Balkans", Place)]), [("Balkans".to_string(), Place)]);
        assert_eq!(
            refined("Jane Doe Was Right", &[("Jane Doe Was Right", Org)]),
            [("Jane Doe".to_string(), Org)]
        );
        assert!(refined("the Governor said", &[("Governor", Person)]).is_empty());
        assert!(refined("Sen. Lee (D-Mo.) said", &[("D-Mo", Person)]).is_empty());
        // File formats are not names; a name with a format-like word is.
        let t = "Save it as a GIF or an XLSX file for Ana Diaz.";
        assert!(refined(t, &[("GIF", Org), ("XLSX file", Misc)]).is_empty());
        assert_eq!(refined(t, &[("Ana Diaz", Person)]), [("Ana Diaz".to_string(), Person)]);
        assert_eq!(refined("said King today", &[("King", Person)]), [("King".to_string(), Person)]);
        assert_eq!(
            refined("Queen of Norland won", &[("Queen of Norland", Org)]),
            [("Queen of Norland".to_string(), Org)]
        );
        assert_eq!(refined("Rad ( B ) won", &[("Rad ( B )", Org)]), [("Rad ( B )".to_string(), Org)]);
        assert_eq!(
            refined("said Jose\u{301} today", &[("Jose\u{301}", Person)]),
            [("Jose\u{301}".to_string(), Person)]
        );
        assert_eq!(refined("in the Norlands", &[("Norlands", Place)]), [("Norlands".to_string(), Place)]);
        assert_eq!(
            refined("Meanwhile Lee said", &[("Meanwhile Lee", Person)]),
            [("Lee".to_string(), Person)]
        );
        assert_eq!(
            refined("Lee ‘The Boss’ Could Win", &[("Boss’ Could Win", Org)]),
            [("Boss".to_string(), Org)]
        );
        // Not split: a suffix, or a title word that is part of a name.
        assert_eq!(
            refined("Martin Luther King Jr. spoke", &[("Martin Luther King Jr.", Person)]),
            [("Martin Luther King Jr.".to_string(), Person)]
        );
        assert_eq!(
            refined("General Motors said", &[("General Motors", Org)]),
            [("General Motors".to_string(), Org)]
        );
    }

    #[test]
    fn strong_dates_beat_names_and_names_beat_weak_dates() {
        let text = "Jan. 5 and May spoke";
        let names = vec![(Span::new(0, 4), Label::Person), (Span::new(11, 14), Label::Person)];
        let dates = vec![Span::new(0, 6), Span::new(11, 14)];
        let out = resolve(text, names, dates);
        assert_eq!(out, vec![(Span::new(0, 6), Label::Date), (Span::new(11, 14), Label::Person)]);
    }

    #[test]
    fn weekday_tagged_as_name_is_a_date() {
        let text = "Even Friday was calm";
        let out = resolve(text, vec![(Span::new(5, 11), Label::Person)], vec![Span::new(5, 11)]);
        assert_eq!(out, vec![(Span::new(5, 11), Label::Date)]);
        let text = "April said no";
        let out = resolve(text, vec![(Span::new(0, 5), Label::Person)], vec![Span::new(0, 5)]);
        assert_eq!(out, vec![(Span::new(0, 5), Label::Person)]);
    }

    /// Pseudo-random texts from date words, names, digits, punctuation and
    /// multi-byte characters: no panic, spans on char boundaries, sorted and
    /// disjoint, every mention in its entity.
    #[test]
    fn no_panic_on_noise() {
        let pieces = [
            "May",
            "Jan.",
            "5",
            "2016",
            "-",
            "/",
            "’s",
            "'",
            "the",
            "The",
            "last",
            "week",
            "İstanbul",
            "é",
            "\u{a0}",
            "Gen.",
            "Mr.",
            "of",
            "al-",
            "(",
            ")",
            "“",
            "”",
            "\n",
            " ",
            "1990s",
            "mid-",
            "Thursday",
            ",",
            ".",
            "U.S.",
            "ago",
            "two",
            "years",
            "早",
            "🙂",
            "TODAY",
            "in",
            "since",
            "5th",
            "-16",
            "’90s",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..40 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push_str(pieces[(x % pieces.len() as u64) as usize]);
                if x.is_multiple_of(3) {
                    text.push(' ');
                }
            }
            let seg = Segments::new(&text);
            let found = dates::find(&seg);
            for w in found.windows(2) {
                assert!(w[0].end <= w[1].start);
            }
            // Every token as a name too, to exercise refine and grouping.
            let names: Vec<(Span, Label)> =
                seg.tokens.iter().enumerate().map(|(i, t)| (t.span, Label::ALL[i % 5])).collect();
            let refined = refine(&seg, names);
            for (s, _) in &refined {
                assert!(text.get(s.start..s.end).is_some(), "{text:?} {s:?}");
            }
            let (ms, es) = detect(&seg);
            for (i, m) in ms.iter().enumerate() {
                assert!(text.get(m.span.start..m.span.end).is_some());
                assert!(es[m.entity].mentions.contains(&i));
            }
            let (ms, es) = group::group(&text, resolve(&text, refined, found));
            for w in ms.windows(2) {
                assert!(w[0].span.end <= w[1].span.start);
            }
            assert_eq!(es.iter().map(|e| e.mentions.len()).sum::<usize>(), ms.len());
        }
    }

    #[test]
    fn detect_finds_dates_on_every_line() {
        // Boilerplate lines are not skipped here: the exports flag their
        // mentions and the page hides them.
        let text = "The vote was held last week.\nAd: sale ends Friday.";
        let seg = Segments::new(text);
        let (ms, es) = detect(&seg);
        let got: Vec<&str> = ms.iter().map(|m| m.span.text(text)).collect();
        assert!(got.contains(&"last week"), "{got:?}");
        assert!(got.contains(&"Friday"), "{got:?}");
        assert!(es.iter().all(|e| e.label == Label::Date || ms.iter().any(|m| m.label == e.label)));
    }
}
