//! The article's header (parts) through the public API and the exports: found above the body,
//! never dimmed, offsets in every unit. Texts are made up.

use annotator::export::record;
use annotator::offsets::Unit;
use annotator::{annotate, Options, PartKind};

const BODY: &str = "The harbour crane at Veldmark fell into the water on Tuesday night after winds reached 120 kilometres an hour, officials said.\n\n\
Nobody was hurt, but the port will stay closed until divers have checked the wreck and the quay walls.\n";

fn kinds(text: &str) -> Vec<(PartKind, String)> {
    let ann = annotate(text, &Options::default());
    ann.validate(text).unwrap();
    ann.parts.iter().map(|p| (p.kind, p.span.text(text).to_string())).collect()
}

#[test]
fn a_pasted_page_header_is_found_and_never_dimmed() {
    let text = format!(
        "Home | World | Sport\n\nShare this article\n\nHarbour crane collapses in a storm at Veldmark\n\nBy Ana Ruiz and Tomas Reyes\n\n18 NOV 2019\n\nAdvertisement\n\n{BODY}"
    );
    let got = kinds(&text);
    assert_eq!(
        got,
        vec![
            (PartKind::Headline, "Harbour crane collapses in a storm at Veldmark".to_string()),
            (PartKind::Byline, "By Ana Ruiz and Tomas Reyes".to_string()),
            (PartKind::Date, "18 NOV 2019".to_string()),
        ]
    );
    let ann = annotate(&text, &Options::default());
    let dimmed: Vec<&str> = ann.boilerplate.iter().map(|b| b.span.text(&text)).collect();
    assert!(dimmed.contains(&"Advertisement"), "{dimmed:?}");
    assert!(!dimmed.iter().any(|d| d.starts_with("Harbour crane") || d.starts_with("By Ana")), "{dimmed:?}");
}

#[test]
fn prose_without_a_header_has_no_parts() {
    assert!(kinds(BODY).is_empty());
    assert!(kinds("").is_empty());
    assert!(kinds("\u{a0}\n\n👍").is_empty());
}

#[test]
fn part_offsets_in_bytes_code_points_and_utf16() {
    // Emoji, accents and a non-breaking space before and inside the headline.
    let head = "Zoë’s 👍 crane\u{a0}café reopens in São Paulo";
    let text = format!("{head}\n\n{BODY}");
    let ann = annotate(&text, &Options::default());
    let p = ann.parts.first().expect("a headline");
    assert_eq!(p.kind, PartKind::Headline);
    assert_eq!((p.span.start, p.span.end), (0, head.len()));
    let cp = record(&text, &ann, Unit::CodePoint);
    assert_eq!((cp.parts[0].start, cp.parts[0].end, cp.parts[0].part), (0, head.chars().count(), "headline"));
    let u16 = record(&text, &ann, Unit::Utf16);
    assert_eq!(u16.parts[0].end, head.encode_utf16().count());
    assert_ne!(head.chars().count(), head.encode_utf16().count());
}
