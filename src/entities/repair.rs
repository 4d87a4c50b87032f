//! Span repairs that look past one tagger span: at its neighbours, the
//! words around it and the other spans of the document. They run after
//! [`super::refine`]'s per-span clean-up, each a general convention of the
//! gold (data/dev/GUIDELINES.md, CoNLL-2003):
//!
//! - a trailing lower-case word is no part of a name ("Farsi language"),
//!   nor are honours after a person's name ("Ann Lee OBE"), nor a year
//!   before an event's name ("2019 Norland Music Awards": the year is a
//!   date of its own);
//! - a company or organisation suffix after a name is part of it and makes
//!   it an organisation ("Brightwave Co.", "Nordic Railways", "Dana Reyes
//!   Productions"); "Jr." after a person is part of the name;
//! - a web address's domain after a name is part of it and makes an outlet
//!   ("Norlandia.com");
//! - "The" written with a capital after a lower-case word is part of the
//!   name ("told The Norland Post");
//! - a name ending in an event word is an event ("Norland Music Awards");
//!   party members in the plural are MISC ("Democrats");
//! - a name that opens a line as an interview's speaker prefix ("((AB))
//!   Why now?", "Ann Lee: Because...") is the person or organisation
//!   speaking, never a place or a thing.

use super::{capitalised, group, tokens_in};
use crate::annotation::{Label, Span};
use crate::segment::Segments;

/// Words that end an organisation's name and make one: "Acme Co.", "Nordic
/// Railways". (data/lexicon/names.txt [org-suffixes])
fn org_suffixes() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "org-suffixes")
}
/// Honours written after a name: "Ann Lee OBE". (names.txt [post-nominals])
fn post_nominals() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "post-nominals")
}
/// Last words of events' names: "Norland Music Awards". (names.txt [event-heads])
fn event_heads() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "event-heads")
}
/// Last words that make a name an institution, never a place or a thing:
/// "Harbour Magistrates' Court". (names.txt [institution-heads])
fn institution_heads() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "institution-heads")
}
/// Whether an organisation suffix ("Co.", "Railways"): such a name is not a
/// person's ([`group`]).
pub(super) fn is_org_suffix(lower: &str) -> bool {
    org_suffixes().contains(&lower)
}
/// Words for a work before its quoted title: "the song “Glasgow”".
/// (names.txt [work-nouns])
fn work_nouns() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "work-nouns")
}
/// Lower-case words after a hyphen that leave a name: "Norland-based".
/// (names.txt [hyphen-suffixes])
fn hyphen_suffixes() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "hyphen-suffixes")
}
/// Lower-case prefixes before a hyphen that leave a name: "pro-Norland".
/// (names.txt [hyphen-prefixes])
fn hyphen_prefixes() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "hyphen-prefixes")
}
/// Last words of outlets' and markets' names after a place: "Samoa
/// Observer". (names.txt [outlet-ends])
fn outlet_ends() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "outlet-ends")
}
/// Web domains glued to an outlet's name: "Norlandia.com". (names.txt [web-domains])
fn domains() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "web-domains")
}
fn particles() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "particles")
}
fn name_suffixes() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "name-suffixes")
}

fn key(w: &str) -> String {
    w.trim_end_matches('.').to_lowercase()
}

fn lower_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase) && w.chars().all(char::is_alphabetic)
}

/// All the repairs, in order; the spans stay sorted and disjoint.
pub fn repair(seg: &Segments, spans: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let text = seg.text;
    let mut out: Vec<(Span, Label)> = Vec::with_capacity(spans.len());
    for (s, l) in spans {
        let s = trim_edges(seg, s, l);
        let (s, l) = hyphen_compound(text, s, l);
        if s.is_empty() {
            continue;
        }
        // A suffix span right after a name joins it.
        if let Some((p, pl)) = out.last_mut() {
            let gap = text.get(p.end.min(s.start)..s.start).unwrap_or("");
            let body = key(s.text(text));
            let adjacent = p.end <= s.start && gap.chars().all(|c| c == ' ' || c == ',') && gap.len() <= 2;
            if adjacent && s.text(text).split_whitespace().count() == 1 {
                if org_suffixes().contains(&body.as_str()) && capitalised(s.text(text)) {
                    p.end = s.end;
                    *pl = Label::Org;
                    continue;
                }
                if *pl == Label::Person && name_suffixes().contains(&body.as_str()) {
                    p.end = s.end;
                    continue;
                }
            }
            // "Norland League for the Defence of Farmers": an organisation
            // named by its head word and what it is of or for, cut at the
            // preposition.
            let head = p.text(text).split_whitespace().last().map(key).unwrap_or_default();
            if *pl == Label::Org
                && p.end <= s.start
                && super::is_org_head(&head)
                && matches!(gap, " of " | " for " | " on " | " of the " | " for the " | " on the ")
                && capitalised(s.text(text))
                && l != Label::Person
                && same_line(seg, *p, s)
            {
                p.end = s.end;
                continue;
            }
            // Two people side by side with one space are one name cut in two.
            if *pl == Label::Person && l == Label::Person && gap == " " && same_line(seg, *p, s) {
                p.end = s.end;
                continue;
            }
        }
        out.push((s, l));
    }
    let n = out.len();
    for k in 0..n {
        let prev_end = if k > 0 { out[k - 1].0.end } else { 0 };
        let (s, l) = &mut out[k];
        extend_and(seg, s, l, prev_end);
    }
    for k in 0..n {
        let next_start = out.get(k + 1).map_or(text.len(), |(s, _)| s.start);
        let prev_end = if k > 0 { out[k - 1].0.end } else { 0 };
        let (s, l) = &mut out[k];
        extend_right(seg, s, l, next_start);
        extend_the(seg, s, prev_end);
        *l = relabel(s.text(text), *l);
    }
    speaker_prefixes(seg, &mut out);
    initials_prefixes(seg, &mut out);
    quoted_titles(seg, &mut out);
    out
}

/// `s` fills a pair of quote marks, a comma or period before the closing
/// one allowed: "“Norland,”" (not "“Norland’s").
pub(super) fn quoted(text: &str, s: Span) -> bool {
    let before = text.get(..s.start).and_then(|t| t.chars().next_back());
    let mut after = text.get(s.end..).unwrap_or("").chars();
    let close = match after.next() {
        Some(',' | '.') => after.next(),
        c => c,
    };
    let next = after.next();
    matches!(before, Some('“' | '‘' | '"' | '\''))
        && matches!(close, Some('”' | '’' | '"' | '\''))
        && !next.is_some_and(char::is_alphanumeric)
}

/// A name that fills a pair of quote marks right after a word for a work
/// ("the song “Glasgow”", "the film ‘Norland’") is the work's title: MISC;
/// so is every other name in quote marks written the same way in the
/// document.
fn quoted_titles(seg: &Segments, spans: &mut [(Span, Label)]) {
    let text = seg.text;
    let quoted = |s: Span| quoted(text, s);
    let mut titles: Vec<&str> = Vec::new();
    for (s, l) in spans.iter_mut() {
        if *l == Label::Misc || !quoted(*s) {
            continue;
        }
        // The three words before the opening mark.
        let before = text[..s.start].trim_end_matches(|c: char| !c.is_alphanumeric());
        let near = before.rsplit(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(3);
        if near.map(str::to_lowercase).any(|w| work_nouns().contains(&w.as_str())) {
            *l = Label::Misc;
            titles.push(s.text(text));
        }
    }
    if titles.is_empty() {
        return;
    }
    for (s, l) in spans.iter_mut() {
        if *l != Label::Misc && quoted(*s) && titles.contains(&s.text(text)) {
            *l = Label::Misc;
        }
    }
}

/// Trailing lower-case words, honours after a person, a leading year.
fn trim_edges(seg: &Segments, span: Span, label: Label) -> Span {
    let text = seg.text;
    let r = tokens_in(seg, span);
    if r.len() < 2 {
        return span;
    }
    let (mut a, mut b) = (r.start, r.end);
    let binomial = r.len() == 2 && is_epithet(seg.token_text(a + 1));
    while b - a >= 2 {
        let w = seg.token_text(b - 1);
        let lower = lower_word(w) && !particles().contains(&w) && capitalised(seg.token_text(a)) && !binomial;
        let honour = label == Label::Person && post_nominals().contains(&key(w).as_str()) && !lower_word(w);
        if lower || honour {
            b -= 1;
        } else {
            break;
        }
    }
    // "2019 Norland Music Awards": not for "1st Fleet", "7 Eleven".
    let w = seg.token_text(a);
    if b - a >= 2
        && w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
        && capitalised(seg.token_text(a + 1))
        && label != Label::Person
    {
        a += 1;
    }
    if (a, b) == (r.start, r.end) {
        return span;
    }
    let start = if a == r.start { span.start } else { seg.tokens[a].span.start };
    let end = if b == r.end { span.end } else { seg.tokens[b - 1].span.end };
    let s = Span::new(start, end);
    // Keep the span within the text's own characters.
    if text.get(s.start..s.end).is_some() {
        s
    } else {
        span
    }
}

/// A species' Latin epithet ("Norlandia pestis"): the lower-case second
/// word of a binomial name, which is part of it.
fn is_epithet(w: &str) -> bool {
    lower_word(w) && w.len() >= 5 && ["us", "um", "ae", "is", "a", "i"].iter().any(|e| w.ends_with(e))
}

/// Hyphen compounds: "pro-Norland" and "Norlandic-majority" are the name
/// inside (a place suffix such as "-based" makes it a place, when listed).
fn hyphen_compound(text: &str, s: Span, l: Label) -> (Span, Label) {
    let body = s.text(text);
    let mut out = (s, l);
    if let Some((head, tail)) = body.rsplit_once('-') {
        if hyphen_suffixes().contains(&tail) && head.chars().next_back().is_some_and(char::is_alphanumeric) {
            let place = matches!(tail, "based" | "born" | "listed" | "headquartered");
            out = (Span::new(s.start, s.start + head.len()), if place && l == Label::Misc { Label::Place } else { l });
        }
    }
    let (s, l) = out;
    let body = s.text(text);
    if let Some((pre, rest)) = body.split_once('-') {
        if hyphen_prefixes().contains(&pre) && capitalised(rest) {
            out = (Span::new(s.start + pre.len() + 1, s.end), l);
        }
    }
    out
}

/// An untagged organisation suffix word right after the span ("Acme
/// Co."), or a web domain glued to it ("Norlandia.com").
fn extend_right(seg: &Segments, s: &mut Span, l: &mut Label, next_start: usize) {
    let text = seg.text;
    let rest = &text[s.end..next_start.max(s.end)];
    // ".com", ".co.uk", ".info": the domain is part of the outlet's name.
    let mut end = 0;
    let mut tail = rest;
    while let Some(after) = tail.strip_prefix('.') {
        let len = after.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(after.len());
        let part = &after[..len];
        if part.is_empty()
            || !(domains().contains(&part.to_ascii_lowercase().as_str()) || (end > 0 && len == 2))
        {
            break;
        }
        end += 1 + len;
        tail = &after[len..];
    }
    let before = text[..s.start].chars().next_back();
    if end > 0 && !tail.starts_with(|c: char| c.is_alphanumeric()) && !matches!(before, Some('.' | '/' | '@'))
    {
        s.end += end;
        *l = Label::Org;
        return;
    }
    let r = tokens_in(seg, *s);
    let Some(last) = r.end.checked_sub(1) else { return };
    let line = seg.tokens[last].line;
    let Some(next) = seg.tokens.get(r.end) else { return };
    if next.line != line || next.span.end > next_start || next.span.start != s.end + 1 {
        return;
    }
    let w = next.span.text(text);
    if capitalised(w)
        && org_suffixes().contains(&key(w).as_str())
        && text.get(s.end..next.span.start) == Some(" ")
    {
        s.end = next.span.end;
        *l = Label::Org;
        return;
    }
    // "Samoa Observer", "Norland Stock Exchange": a place, then up to two
    // untagged capitalised words ending in an outlet's or market's word.
    if *l != Label::Place {
        return;
    }
    let mut j = r.end;
    while j < r.end + 2 {
        let Some(t) = seg.tokens.get(j) else { return };
        let w = t.span.text(text);
        let glued = text.get(seg.tokens[j - 1].span.end..t.span.start) == Some(" ");
        if t.line != line || t.span.end > next_start || !glued || !capitalised(w) || !w.chars().all(char::is_alphabetic) {
            return;
        }
        if outlet_ends().contains(&key(w).as_str()) {
            s.end = t.span.end;
            *l = Label::Org;
            return;
        }
        j += 1;
    }
}

/// "Search and Rescue Agency" tagged from "Rescue": an organisation ending
/// in its head word takes in one capitalised word and "and" before it.
fn extend_and(seg: &Segments, s: &mut Span, l: &mut Label, prev_end: usize) {
    let text = seg.text;
    let r = tokens_in(seg, *s);
    if r.start < 2 || r.is_empty() || *l == Label::Person {
        return;
    }
    let last = key(seg.token_text(r.end - 1));
    if !(super::is_org_head(&last) || institution_heads().contains(&last.as_str())) {
        return;
    }
    let (and, word) = (&seg.tokens[r.start - 1], &seg.tokens[r.start - 2]);
    let w = word.span.text(text);
    let first_of_sentence = seg.sentences.iter().any(|x| x.tokens.start == r.start - 2);
    if and.span.text(text) == "and"
        && word.span.start >= prev_end
        && word.line == seg.tokens[r.start].line
        && capitalised(w)
        && w.chars().all(char::is_alphabetic)
        && !first_of_sentence
    {
        s.start = word.span.start;
        *l = Label::Org;
    }
}

/// "told The Norland Post": a capital "The" after a lower-case word is
/// the name's own.
fn extend_the(seg: &Segments, s: &mut Span, prev_end: usize) {
    let text = seg.text;
    let r = tokens_in(seg, *s);
    if r.start < 2 || r.is_empty() {
        return;
    }
    let (the, before) = (&seg.tokens[r.start - 1], &seg.tokens[r.start - 2]);
    if the.span.text(text) != "The" || the.span.start < prev_end || before.line != seg.tokens[r.start].line {
        return;
    }
    let w = before.span.text(text);
    if lower_word(w) && text.get(the.span.end..s.start).is_some_and(|g| g.chars().all(|c| c == ' ')) {
        s.start = the.span.start;
    }
}

fn same_line(seg: &Segments, a: Span, b: Span) -> bool {
    let line = |s: Span| seg.tokens.get(tokens_in(seg, s).start).map(|t| t.line);
    line(a).is_some() && line(a) == line(b)
}

/// Events and institutions by their last word; party members in the plural.
fn relabel(body: &str, l: Label) -> Label {
    let words: Vec<&str> = body.split_whitespace().collect();
    let last = words.last().map(|w| key(w)).unwrap_or_default();
    if words.len() >= 2 && l != Label::Misc && event_heads().contains(&last.as_str()) {
        return Label::Misc;
    }
    if words.len() >= 2 && l != Label::Org && institution_heads().contains(&last.as_str()) && capitalised(words[words.len() - 1]) {
        return Label::Org;
    }
    if words.len() == 1
        && l == Label::Org
        && capitalised(body)
        && (body.ends_with("crats") || body.ends_with("ists"))
    {
        return Label::Misc;
    }
    l
}

/// Initials that open three or more lines of an interview ("KB: We
/// began in 1982.") and that the tagger left out: the person answering.
fn initials_prefixes(seg: &Segments, spans: &mut Vec<(Span, Label)>) {
    let text = seg.text;
    let initials = |line: &Span| {
        let body = line.text(text);
        let n = body.find(':')?;
        let w = &body[..n];
        ((2..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) && body[n + 1..].starts_with(' '))
            .then(|| Span::new(line.start, line.start + n))
    };
    let found: Vec<Span> = seg.lines.iter().filter_map(initials).collect();
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for s in &found {
        *count.entry(s.text(text)).or_default() += 1;
    }
    let before = spans.len();
    for s in found {
        if count[s.text(text)] >= 3 && !spans[..before].iter().any(|(t, _)| t.overlaps(s)) {
            spans.push((s, Label::Person));
        }
    }
    if spans.len() > before {
        spans.sort_by_key(|(s, _)| s.start);
    }
}

/// Interview speaker prefixes: "((AB)) Why now?" (always) and "Ann Lee:
/// Because..." (when the same name opens at least two lines so): a person
/// when shaped like a personal name, else an organisation.
fn speaker_prefixes(seg: &Segments, spans: &mut [(Span, Label)]) {
    let text = seg.text;
    let line_start = |s: Span| {
        let t = tokens_in(seg, s);
        seg.tokens.get(t.start).map(|tok| seg.lines[tok.line].start)
    };
    let mut colon: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut kind = vec![0u8; spans.len()];
    for (k, (s, _)) in spans.iter().enumerate() {
        let Some(ls) = line_start(*s) else { continue };
        let Some(before) = text.get(ls..s.start) else { continue };
        let after = &text[s.end..];
        if before == "((" && after.starts_with("))") {
            kind[k] = 1;
        } else if before.is_empty() && after.starts_with(':') {
            kind[k] = 2;
            *colon.entry(s.text(text)).or_default() += 1;
        }
    }
    for (k, (s, l)) in spans.iter_mut().enumerate() {
        let body = s.text(text);
        if kind[k] == 0 || (kind[k] == 2 && colon.get(body).copied().unwrap_or(0) < 2) {
            continue;
        }
        let shaped = group::name_shaped_text(body);
        let acronym = body.len() >= 2 && body.chars().all(|c| c.is_ascii_uppercase());
        *l = if acronym {
            Label::Org
        } else if shaped || *l == Label::Person {
            Label::Person
        } else if *l == Label::Org {
            Label::Org
        } else if body.split_whitespace().count() == 1 {
            Label::Person
        } else {
            Label::Org
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `repair` on spans given by their text (first occurrence after the
    /// previous one).
    fn repaired(text: &str, items: &[(&str, Label)]) -> Vec<(String, Label)> {
        let seg = Segments::new(text);
        let mut from = 0;
        let spans = items
            .iter()
            .map(|&(w, l)| {
                let a = text[from..].find(w).expect("span in text") + from;
                from = a + w.len();
                (Span::new(a, a + w.len()), l)
            })
            .collect();
        repair(&seg, spans).into_iter().map(|(s, l)| (s.text(text).to_string(), l)).collect()
    }

    fn one(s: &str, l: Label) -> Vec<(String, Label)> {
        vec![(s.to_string(), l)]
    }

    use Label::*;

    #[test]
    fn edges_suffixes_and_domains() {
        assert_eq!(
            repaired("she spoke Farsi language well", &[("Farsi language", Misc)]),
            one("Farsi", Misc)
        );
        assert_eq!(repaired("said Ann Lee OBE today", &[("Ann Lee OBE", Person)]), one("Ann Lee", Person));
        assert_eq!(
            repaired("at the 2019 Norland Music Awards show", &[("2019 Norland Music Awards", Org)]),
            one("Norland Music Awards", Misc)
        );
        assert_eq!(
            repaired("Kai Brant Jr. spoke", &[("Kai Brant", Person), ("Jr.", Person)]),
            one("Kai Brant Jr.", Person)
        );
        assert_eq!(
            repaired("shares of Velmora Co. fell", &[("Velmora", Person), ("Co.", Person)]),
            one("Velmora Co.", Org)
        );
        assert_eq!(repaired("shares of Velmora Co. fell", &[("Velmora", Place)]), one("Velmora Co.", Org));
        assert_eq!(
            repaired("run by Nordic Railways today", &[("Nordic", Misc), ("Railways", Person)]),
            one("Nordic Railways", Org)
        );
        assert_eq!(repaired("told Norlandia.com that", &[("Norlandia", Place)]), one("Norlandia.com", Org));
        assert_eq!(
            repaired("the Norlandia.co.uk report", &[("Norlandia", Org)]),
            one("Norlandia.co.uk", Org)
        );
        // A file name or an address's host is left alone.
        assert_eq!(repaired("see www.Norlandia.com now", &[("Norlandia", Org)]), one("Norlandia", Org));
        assert_eq!(repaired("a Norlandia.comet", &[("Norlandia", Org)]), one("Norlandia", Org));
        // Not a suffix word in lower case, nor a person's "Jr" after an organisation.
        assert_eq!(repaired("Velmora co-founded it", &[("Velmora", Person)]), one("Velmora", Person));
        // A species' epithet stays; an all lower-case span is not trimmed.
        assert_eq!(repaired("the Velmora talpoida crab", &[("Velmora talpoida", Misc)]), one("Velmora talpoida", Misc));
        assert_eq!(repaired("under martial law", &[("martial law", Misc)]), one("martial law", Misc));
        assert_eq!(repaired("met Ilsa Morvane today", &[("Ilsa", Person), ("Morvane", Person)]), one("Ilsa Morvane", Person));
        assert_eq!(repaired("at Harbour Magistrates Court", &[("Harbour Magistrates Court", Place)]), one("Harbour Magistrates Court", Org));
        assert_eq!(
            repaired("the Norland League for the Defence of Farmers said", &[("Norland League", Org), ("Defence of Farmers", Org)]),
            one("Norland League for the Defence of Farmers", Org)
        );
        assert_eq!(repaired("the Search and Rescue Agency said", &[("Rescue Agency", Org)]), one("Search and Rescue Agency", Org));
        assert_eq!(repaired("Farmers and Rescue Agency staff", &[("Rescue Agency", Org)]), one("Rescue Agency", Org));
        assert_eq!(repaired("a Norland-based firm", &[("Norland-based", Misc)]), one("Norland-based", Misc));
        assert_eq!(repaired("the pro-Norland camp", &[("pro-Norland", Misc)]), one("Norland", Misc));
        assert_eq!(repaired("the Norlandic-majority town", &[("Norlandic-majority", Misc)]), one("Norlandic", Misc));
        assert_eq!(repaired("met Ann Lee-Brant", &[("Ann Lee-Brant", Person)]), one("Ann Lee-Brant", Person));
        assert_eq!(repaired("said the Norland Observer today", &[("Norland", Place)]), one("Norland Observer", Org));
        assert_eq!(repaired("on the Norland Stock Exchange", &[("Norland", Place)]), one("Norland Stock Exchange", Org));
        assert_eq!(repaired("in Norland Stock markets", &[("Norland", Place)]), one("Norland", Place));
        // Name particles stay.
        assert_eq!(repaired("met Jan van Dijk", &[("Jan van Dijk", Person)]), one("Jan van Dijk", Person));
    }

    #[test]
    fn capital_the_and_labels() {
        assert_eq!(
            repaired("she told The Norland Post that", &[("Norland Post", Org)]),
            one("The Norland Post", Org)
        );
        // At a sentence start or after a capital the capital says nothing.
        assert_eq!(repaired("The Norland Post said", &[("Norland Post", Org)]), one("Norland Post", Org));
        assert_eq!(repaired("Why The Norland Post Lost", &[("Norland Post", Org)]), one("Norland Post", Org));
        assert_eq!(repaired("the Harbour Day parade", &[("Harbour Day", Org)]), one("Harbour Day", Misc));
        assert_eq!(repaired("the Democrats won", &[("Democrats", Org)]), one("Democrats", Misc));
        assert_eq!(repaired("the Harbour Day parade", &[("Harbour", Org)]), one("Harbour", Org));
    }

    #[test]
    fn quoted_titles_after_a_work_word() {
        let t = "the song “Norland,” she said. “Norland” is sad. “Kai Brant” said no. Kai Brant’s song.";
        let got = repaired(t, &[("Norland", Place), ("Norland", Person), ("Kai Brant", Person), ("Kai Brant", Person)]);
        assert_eq!(got.iter().map(|(_, l)| *l).collect::<Vec<_>>(), [Misc, Misc, Person, Person]);
        // Not a name only part of the quote, nor one not quoted.
        let t = "the film “Norland Rising” and the film Norland";
        let got = repaired(t, &[("Norland", Place), ("Norland", Place)]);
        assert_eq!(got.iter().map(|(_, l)| *l).collect::<Vec<_>>(), [Place, Place]);
    }

    #[test]
    fn interview_speaker_prefixes() {
        let t = "((NW)) Why now?\n((Ilsa Morvane)) Because.\n((NW)) And then?\n((Ilsa Morvane)) We left.";
        let got =
            repaired(t, &[("NW", Place), ("Ilsa Morvane", Place), ("NW", Place), ("Ilsa Morvane", Place)]);
        assert_eq!(got.iter().map(|(_, l)| *l).collect::<Vec<_>>(), [Org, Person, Org, Person]);
        let t = "KB: Yes.\nKB: No.\nWhy?\nKB: Maybe.\nUS: once.";
        let got = repaired(t, &[]);
        assert_eq!(got, [("KB".to_string(), Person), ("KB".to_string(), Person), ("KB".to_string(), Person)]);
        // "Name:" only when it opens two lines; once it may be a dateline.
        let t = "Norland: floods rose.\nAnn Lee: yes.\nAnn Lee: no.";
        let got = repaired(t, &[("Norland", Place), ("Ann Lee", Place), ("Ann Lee", Place)]);
        assert_eq!(got.iter().map(|(_, l)| *l).collect::<Vec<_>>(), [Place, Person, Person]);
    }
}
