//! The committed name model on CoNLL-2003 dev (read from ../shared at test
//! time) and on plain text through the public tagger.

use annotator::internals::entities::tagger;
use annotator::internals::segment::Segments;
use annotator::Label;
use annotator_tools::conll as cn;

#[path = "../../tests/common/shared.rs"]
mod common;

#[test]
fn dev_strict_f1_stays_high() {
    let Some(raw) = common::shared_text("data/ner/conll2003/dev.txt") else { return };
    let mut c = cn::Counts::default();
    for d in cn::read(&raw) {
        let words: Vec<&str> = d.words.iter().map(|s| s.as_str()).collect();
        let pred = tagger::tag_words(words, d.sents.clone());
        c.add(&d.tags, &pred);
    }
    eprintln!("{}", c.report());
    assert!(c.f1() >= 0.88, "dev strict F1 {:.4}", c.f1());
}

#[test]
fn plain_text_names_get_labels() {
    let t = "Angela Merkel met Emmanuel Macron in Berlin on Monday, a spokesman for the European Commission said.";
    let seg = Segments::new(t);
    let got: Vec<(&str, Label)> = tagger::tag(&seg).iter().map(|(s, l)| (s.text(t), *l)).collect();
    assert!(got.contains(&("Angela Merkel", Label::Person)), "{got:?}");
    assert!(got.contains(&("Berlin", Label::Place)), "{got:?}");
    assert!(got.iter().any(|(s, l)| s.contains("European Commission") && *l == Label::Org), "{got:?}");
}
