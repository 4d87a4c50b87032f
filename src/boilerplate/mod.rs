//! Boilerplate layer: the lines of a pasted page that are not the article.

use crate::annotation::Boilerplate;
use crate::segment::Segments;

/// Classify each line; return the boilerplate ones with their kind.
pub fn detect(seg: &Segments) -> Vec<Boilerplate> {
    let _ = seg;
    Vec::new()
}
