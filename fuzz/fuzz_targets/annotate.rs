//! Fuzz `annotate` and `annotate_html`: any UTF-8 input must give an annotation
//! that keeps the invariants (for HTML, in the text derived from it), with code
//! point and UTF-16 offsets agreeing with the bytes.
#![no_main]

use annotator::export::record;
use annotator::offsets::{OffsetMap, Unit};
use annotator::{annotate, annotate_html, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let inside = data.first().is_some_and(|b| b & 1 == 1);
    let opts = Options { inside_boilerplate: inside, ..Options::default() };
    let ann = annotate(text, &opts);
    if let Err(e) = ann.validate(text) {
        panic!("invariant broken: {e}");
    }
    let map = OffsetMap::new(text);
    let u16 = record(text, &ann, Unit::Utf16);
    let cp = record(text, &ann, Unit::CodePoint);
    for ((q, u), c) in ann.quotes.iter().zip(&u16.quotes).zip(&cp.quotes) {
        assert_eq!(map.to_byte(u.start, Unit::Utf16), q.span.start);
        assert_eq!(map.to_byte(c.end, Unit::CodePoint), q.span.end);
    }
    let out = annotate_html(text, &opts);
    if let Err(e) = out.annotation.validate(&out.text) {
        panic!("invariant broken on the HTML path: {e}");
    }
});
