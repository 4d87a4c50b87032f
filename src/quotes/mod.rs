//! Quote layer: direct quotations and who said them.

use crate::annotation::{Entity, Mention, Quote, Span};
use crate::segment::Segments;

/// Find quotations outside `skip` and attribute them to speakers.
pub fn detect(seg: &Segments, mentions: &[Mention], entities: &[Entity], skip: &[Span]) -> Vec<Quote> {
    let _ = (seg, mentions, entities, skip);
    Vec::new()
}
