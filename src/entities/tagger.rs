//! Name tagger: PERSON, ORG, PLACE and MISC spans from a trained model
//! (data/ner.model, an averaged perceptron over hashed features with greedy
//! BILOU decoding; rebuilt by
//! `cargo run --release --bin train-ner -- ../shared/data/ner/conll2003/train.txt --dev ../shared/data/ner/conll2003/dev.txt -o data/ner.model`).
//! Trained on CoNLL-2003 (Reuters RCV1 text, research licence).

#[doc(hidden)]
#[path = "features.rs"]
pub mod features;
#[doc(hidden)]
#[path = "ner_model.rs"]
pub mod ner_model;
#[doc(hidden)]
#[path = "ner_conll.rs"]
pub mod ner_conll;

use crate::annotation::{Label, Span};
use crate::segment::Segments;

/// Label of a model label index (features' order: PERSON, ORG, PLACE, MISC).
pub fn label_of(l: usize) -> Label {
    match l {
        0 => Label::Person,
        1 => Label::Org,
        2 => Label::Place,
        _ => Label::Misc,
    }
}

/// BILOU tags of a document given as token strings and sentences, with the
/// committed model (all O when it cannot be loaded).
pub fn tag_words(words: Vec<&str>, sents: Vec<std::ops::Range<usize>>) -> Vec<u8> {
    let n = words.len();
    let Some(m) = ner_model::embedded() else { return vec![features::O; n] };
    let ex = features::extract(&features::Doc { words, sents });
    ner_model::decode(&mut ner_model::Infer(m), &ex, None)
}

/// Name mentions in `seg`, sorted by start, non-overlapping.
pub fn tag(seg: &Segments) -> Vec<(Span, Label)> {
    let words: Vec<&str> = (0..seg.tokens.len()).map(|i| seg.token_text(i)).collect();
    let sents = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
    let tags = tag_words(words, sents);
    let mut out = Vec::new();
    for (a, b, l) in ner_model::spans(&tags) {
        let (Some(first), Some(last)) = (seg.tokens.get(a), seg.tokens.get(b.wrapping_sub(1))) else { continue };
        if b <= a || last.span.end <= first.span.start {
            continue;
        }
        out.push((Span::new(first.span.start, last.span.end), label_of(l)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_sorted_non_overlapping_and_on_char_boundaries() {
        let t = "Peter Cook, the Pentagon’s spokesman, said U.S. forces struck Sirte in Libya.\n\u{a0}“It’s über-good,” said Éric.";
        let seg = Segments::new(t);
        let got = tag(&seg);
        for w in got.windows(2) {
            assert!(w[0].0.end <= w[1].0.start);
        }
        for (s, _) in &got {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end) && s.start < s.end);
        }
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for t in ["", " ", "\n\n", "’s", "A", "..."] {
            let _ = tag(&Segments::new(t));
        }
    }
}
