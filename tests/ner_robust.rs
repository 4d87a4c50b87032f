//! The tagger on odd input: pseudo-random mixes of scripts, quotes, digits,
//! marks and line breaks. Spans must stay sorted, non-overlapping, non-empty
//! and on char boundaries.

use annotator::internals::entities::tagger;
use annotator::internals::segment::Segments;

const PIECES: &[&str] = &[
    "Anna",
    "WEBER",
    "al-Rashid",
    "’s",
    "'s",
    " 's",
    "U.S.",
    "Gen.",
    "“",
    "”",
    "\"",
    "'",
    "—",
    "-",
    "1996-08-30",
    "3.",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\u{a0}",
    "\u{200b}",
    "é",
    "e\u{301}",
    "Ωμέγα",
    "東京",
    "👍",
    "Mr.",
    "of",
    "the",
    ".",
    ",",
    "(",
    ")",
    "Poland",
    "NATO",
    "NEW YORK",
    "a",
    "Über",
    "İstanbul",
    "ß",
    "ﬁ",
];

#[test]
fn odd_inputs_give_well_formed_spans() {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for case in 0..300 {
        let mut t = String::new();
        let len = 1 + case % 60;
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
        }
        let got = tagger::tag(&Segments::new(&t));
        for (s, _) in &got {
            assert!(s.start < s.end && s.end <= t.len(), "{t:?}: {s:?}");
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end), "{t:?}: {s:?}");
        }
        for w in got.windows(2) {
            assert!(w[0].0.end <= w[1].0.start, "{t:?}: {:?}", got);
        }
    }
}

#[test]
fn a_long_document_is_tagged() {
    let para = "President Smithers visited Poland on Monday with officials of the European Union. ";
    let t = para.repeat(2000);
    let got = tagger::tag(&Segments::new(&t));
    assert!(got.len() >= 2000, "{} names", got.len());
}
