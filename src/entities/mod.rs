//! Entity layer: names (a trained tagger) and dates (rules), grouped into
//! entities with one label and a canonical name each.

pub mod dates;
pub mod group;
pub mod tagger;

use crate::annotation::{Entity, Label, Mention, Span};
use crate::segment::Segments;
use std::collections::HashSet;
use std::sync::OnceLock;

const TITLES: &str = include_str!("../../data/titles.txt");

/// A title or honorific that precedes a name ("president", "gen", "mr"):
/// lower case, without its period.
pub(crate) fn is_title(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        TITLES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    })
    .contains(word)
}

/// Find entity mentions outside `skip` and group them into entities.
pub fn detect(seg: &Segments, skip: &[Span]) -> (Vec<Mention>, Vec<Entity>) {
    let text = seg.text;
    let names: Vec<(Span, Label)> = tagger::tag(seg)
        .into_iter()
        .map(|(s, l)| (trim_span(text, s, l), l))
        .filter(|(s, _)| !s.is_empty())
        .collect();
    let dates = dates::find(seg);
    let found = resolve(text, names, dates);
    let mut kept: Vec<(Span, Label)> = Vec::with_capacity(found.len());
    for (s, l) in found {
        if skip.iter().any(|k| k.overlaps(s)) || kept.last().is_some_and(|(p, _)| p.overlaps(s)) {
            continue;
        }
        kept.push((s, l));
    }
    group::group(text, kept)
}

/// Names and dates together, sorted, without overlaps. A name wins over a
/// date it covers or that is a single word ("May" the person); a date with
/// a digit or several words ("Jan. 5", "last week") wins over names inside it.
fn resolve(text: &str, mut names: Vec<(Span, Label)>, dates: Vec<Span>) -> Vec<(Span, Label)> {
    let mut keep_dates = Vec::with_capacity(dates.len());
    for d in dates {
        let over: Vec<usize> = (0..names.len()).filter(|&i| names[i].0.overlaps(d)).collect();
        if over.is_empty() {
            keep_dates.push(d);
            continue;
        }
        let covered = over.iter().any(|&i| names[i].0.contains(d) && names[i].0 != d);
        let dt = d.text(text);
        let strong = dt.chars().any(|c| c.is_ascii_digit()) || dt.split_whitespace().count() > 1;
        if !covered && strong {
            for &i in over.iter().rev() {
                names.remove(i);
            }
            keep_dates.push(d);
        }
    }
    let mut found = names;
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

/// Drop a leading determiner ("The Pentagon"), leading titles of a person
/// ("President Obama", "Gen. Joseph Dunford") and a trailing possessive
/// ("Libya's") from a name span, as the gold convention does.
pub fn trim_span(text: &str, span: Span, label: Label) -> Span {
    let mut s = span;
    loop {
        let body = s.text(text);
        let Some(ws) = body.find(char::is_whitespace) else { break };
        let first = &body[..ws];
        let rest = body[ws..].trim_start();
        let word = first.trim_end_matches('.').to_lowercase();
        let droppable = word == "the" || (label == Label::Person && is_title(&word));
        if droppable && rest.chars().next().is_some_and(|c| c.is_uppercase()) {
            s.start = s.end - rest.len();
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
        assert_eq!(trimmed("President Obama", Label::Person), "Obama");
        assert_eq!(trimmed("Gen. Jane Doe", Label::Person), "Jane Doe");
        assert_eq!(trimmed("Prime Minister Ana Diaz", Label::Person), "Ana Diaz");
        assert_eq!(trimmed("The Pentagon", Label::Org), "Pentagon");
        assert_eq!(trimmed("Norland’s", Label::Place), "Norland");
        // Not for other labels, and never to nothing.
        assert_eq!(trimmed("General Motors", Label::Org), "General Motors");
        assert_eq!(trimmed("President", Label::Person), "President");
        assert_eq!(trimmed("the", Label::Org), "the");
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
    fn detect_finds_dates_outside_skip() {
        let text = "The vote was held last week.\nAd: sale ends Friday.";
        let seg = Segments::new(text);
        let skip = [Span::new(29, text.len())];
        let (ms, es) = detect(&seg, &skip);
        let got: Vec<&str> = ms.iter().map(|m| m.span.text(text)).collect();
        assert!(got.contains(&"last week"), "{got:?}");
        assert!(!got.contains(&"Friday"), "{got:?}");
        assert!(es.iter().all(|e| e.label == Label::Date || ms.iter().any(|m| m.label == e.label)));
    }
}
