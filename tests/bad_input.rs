//! Any input is annotated without a panic, and every result keeps the
//! invariants (`Annotation::validate`); offsets in all three units agree.

use annotator::export::record;
use annotator::offsets::{OffsetMap, Unit};
use annotator::{annotate, Options};

fn check(text: &str) {
    for opts in [Options::default(), Options { inside_boilerplate: true, ..Options::default() }] {
        let ann = annotate(text, &opts);
        if let Err(e) = ann.validate(text) {
            panic!("{e} in {:?}", text.chars().take(200).collect::<String>());
        }
        let map = OffsetMap::new(text);
        let cp = record(text, &ann, Unit::CodePoint);
        let u16 = record(text, &ann, Unit::Utf16);
        for ((m, c), u) in ann.mentions.iter().zip(&cp.entities).zip(&u16.entities) {
            assert_eq!(c.start, text[..m.span.start].chars().count());
            assert_eq!(u.end, text[..m.span.end].encode_utf16().count());
            assert_eq!(map.to_byte(u.start, Unit::Utf16), m.span.start);
            assert_eq!(c.text, &text[m.span.start..m.span.end]);
        }
    }
}

/// A small deterministic generator (xorshift) so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    " ",
    "\u{a0}",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    ".",
    ",",
    "said",
    "he",
    "Mara",
    "Quist",
    "Council",
    "of",
    "Northern",
    "Ports",
    "CNP",
    "U.S.",
    "Monday",
    "last week",
    "Advertisement",
    "👍",
    "👩‍👩‍👧",
    "é",
    "e\u{301}",
    "שלום",
    "مرحبا",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "—",
    "-",
    "’s",
    "'s",
    "Mr.",
    "(",
    ")",
    "according to",
    "told",
    "reporters",
    ":",
    "Share",
    "Recommended",
    "\t",
    "1,200",
    "2016",
    "\u{fffd}",
];

#[test]
fn random_mixtures_keep_the_invariants() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..3000 {
        let n = (rng.next() % 60) as usize;
        let text: String = (0..n).map(|_| rng.pick(PIECES)).collect();
        check(&text);
    }
}

#[test]
fn edge_inputs() {
    let long_word = "x".repeat(100_000);
    let marks = "“\"'”".repeat(25_000);
    let ads = "Advertisement\n".repeat(50_000);
    let mut garbage = String::new();
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        if let Some(c) = char::from_u32((rng.next() % 0x11_0000) as u32) {
            garbage.push(c);
        }
    }
    for t in [
        "", " ", "\n\n\n", "\r\n\r\n", "\u{a0}", "“", "”", "\"", "'", "’", "a", &long_word, &marks, &ads,
        &garbage,
    ] {
        check(t);
    }
}

#[test]
fn right_to_left_and_combining_marks() {
    check("قال الرئيس “مرحبا بكم” اليوم.\nהוא אמר: “שלום”.\nZoe\u{301} Lee said “cafe\u{301}”.");
}

#[test]
fn many_paragraphs_of_quote_marks_and_news() {
    // Paragraphs of mixed quote marks between ordinary ones: quotations
    // nest and pair per paragraph (quotes::marks keeps this linear).
    let flood = "“\"'”‘’«»".repeat(40);
    let news = "On Monday Ann Lee said \"we 'will' go\" and Bo Li said 'a \"b\" c'.";
    let text: String =
        (0..300).map(|i| if i % 3 == 0 { flood.as_str() } else { news }).collect::<Vec<_>>().join("\n\n");
    check(&text);
    let ann = annotate(&text, &Options::default());
    assert!(ann.quotes.len() >= 200, "{} quotes", ann.quotes.len());
}
