//! Entity layer: names (a trained tagger) and dates (rules), grouped into
//! entities with one label and a canonical name each.

pub mod dates;
pub mod group;
pub mod tagger;

use crate::annotation::{Entity, Label, Mention, Span};
use crate::segment::Segments;

/// Find entity mentions outside `skip` and group them into entities.
pub fn detect(seg: &Segments, skip: &[Span]) -> (Vec<Mention>, Vec<Entity>) {
    let mut found: Vec<(Span, Label)> = tagger::tag(seg);
    found.extend(dates::find(seg).into_iter().map(|s| (s, Label::Date)));
    found.retain(|(s, _)| !skip.iter().any(|k| k.overlaps(*s)));
    found.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    // Names win over dates where both claim the same text.
    let mut kept: Vec<(Span, Label)> = Vec::with_capacity(found.len());
    for (s, l) in found {
        if kept.last().is_some_and(|(p, _)| p.overlaps(s)) {
            continue;
        }
        kept.push((s, l));
    }
    group::group(seg.text, kept)
}
