//! Name tagger: PERSON, ORG, PLACE and MISC spans from a trained model.
//!
//! data/ner.model is a structured perceptron (8 averaged runs) over hashed
//! features (features.rs: word, shape, affixes, neighbours, gazetteers,
//! document-level capitalisation and context of the same word elsewhere)
//! with BILOU tags and two passes of Viterbi decoding (model.rs): the
//! second pass sees the labels the first gave the same word anywhere in the
//! document. Weights are 8-bit log codes with bucket-ownership fingerprints.
//! Rebuilt, deterministically, by
//! `cargo run --release --bin train-ner -- ../shared/data/ner/conll2003/train.txt --dev ../shared/data/ner/conll2003/dev.txt -o data/ner.model`.
//! Trained on CoNLL-2003 (Reuters RCV1 text, research licence).

use super::{features, model};
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

/// Abbreviated titles: they come before names and never end one.
/// (data/lexicon/names.txt [title-abbreviations])
fn title_abbreviations() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "title-abbreviations")
}

fn is_title_abbreviation(w: &str) -> bool {
    title_abbreviations().iter().any(|t| t.eq_ignore_ascii_case(w))
}

/// Drop abbreviated titles from the edges of names ("Army Col." ->
/// "Army", "Dr. Weber" -> "Weber"), re-tagging what is left.
pub fn trim_titles(words: &[&str], tags: &mut [u8]) {
    for (mut a, mut b, l) in model::spans(tags) {
        let (a0, b0) = (a, b);
        while a < b && words.get(a).is_some_and(|w| is_title_abbreviation(w)) {
            a += 1;
        }
        while b > a && words.get(b - 1).is_some_and(|w| is_title_abbreviation(w)) {
            b -= 1;
        }
        if (a, b) == (a0, b0) {
            continue;
        }
        for t in &mut tags[a0..b0] {
            *t = features::O;
        }
        if b > a {
            if b - a == 1 {
                tags[a] = features::tag_of(l, 3);
            } else {
                tags[a] = features::tag_of(l, 0);
                for t in &mut tags[a + 1..b - 1] {
                    *t = features::tag_of(l, 1);
                }
                tags[b - 1] = features::tag_of(l, 2);
            }
        }
    }
}

/// A lower-case Arabic name particle joined to a capitalised name
/// ("al-Rashid", "bin-Talal"): part of the person name before it.
fn is_particle_name(w: &str) -> bool {
    let Some((p, rest)) = w.split_once('-') else { return false };
    crate::lexicon::word_list!(names, "hyphen-particles").contains(&p)
        && rest.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Extend PERSON names over a following particle name ("Hassan" +
/// "al-Rashid"), which the model, trained on few such names, leaves out.
pub fn extend_particles(words: &[&str], sents: &[std::ops::Range<usize>], tags: &mut [u8]) {
    // (Sentences are sorted and disjoint: binary search keeps this linear.)
    let sent_end = |i: usize| {
        let k = sents.partition_point(|r| r.end <= i);
        sents.get(k).filter(|r| r.contains(&i)).map_or(i + 1, |r| r.end)
    };
    for (a, b, l) in model::spans(tags) {
        if l != 0 || b >= tags.len() || tags[b] != features::O || b >= sent_end(a) {
            continue;
        }
        if !words.get(b).is_some_and(|w| is_particle_name(w)) {
            continue;
        }
        tags[a] = features::tag_of(0, 0);
        for t in &mut tags[a + 1..b] {
            *t = features::tag_of(0, 1);
        }
        tags[b] = features::tag_of(0, 2);
    }
}

/// BILOU tags of a document given as token strings and sentences, with the
/// committed model (all O when it cannot be loaded).
pub fn tag_words(words: Vec<&str>, sents: Vec<std::ops::Range<usize>>) -> Vec<u8> {
    let n = words.len();
    let Some(m) = model::embedded() else { return vec![features::O; n] };
    let doc = features::Doc { words, sents };
    let mut infer = model::Infer(m);
    let (ex, stat) = model::score_static(&infer, &doc);
    let mut tags = model::decode_scored(&mut infer, &ex, stat, None);
    drop(ex.info);
    trim_titles(&doc.words, &mut tags);
    extend_particles(&doc.words, &ex.sents, &mut tags);
    tags
}

/// Name mentions in `seg`, sorted by start, non-overlapping.
pub fn tag(seg: &Segments) -> Vec<(Span, Label)> {
    let words: Vec<&str> = (0..seg.tokens.len()).map(|i| seg.token_text(i)).collect();
    let sents = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
    let tags = tag_words(words, sents);
    let mut out = Vec::new();
    for (a, b, l) in model::spans(&tags) {
        let (Some(first), Some(last)) = (seg.tokens.get(a), seg.tokens.get(b.wrapping_sub(1))) else {
            continue;
        };
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
        let t = "Anna Weber, the Bundesbank’s spokeswoman, said U.K. ships reached Gdansk in Poland.\n\u{a0}“It’s über-good,” said Éric.";
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
    fn titles_are_trimmed_from_name_edges() {
        use features::tag_of;
        let words = ["Naval", "Command", "Col.", "Dr.", "Weber", "Prof."];
        let mut tags =
            vec![tag_of(1, 0), tag_of(1, 1), tag_of(1, 2), tag_of(0, 0), tag_of(0, 2), tag_of(3, 3)];
        trim_titles(&words, &mut tags);
        assert_eq!(tags, vec![tag_of(1, 0), tag_of(1, 2), 0, 0, tag_of(0, 3), 0]);
    }

    #[test]
    fn particle_names_join_the_person_before_them() {
        use features::tag_of;
        let words = ["Hassan", "al-Rashid", "said", "Ali", "al-", "al-Qaeda"];
        let mut tags = vec![tag_of(0, 3), 0, 0, tag_of(0, 3), 0, 0];
        extend_particles(&words, &[0..3, 3..6], &mut tags);
        assert_eq!(tags, vec![tag_of(0, 0), tag_of(0, 2), 0, tag_of(0, 3), 0, 0]);
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for t in ["", " ", "\n\n", "’s", "A", "..."] {
            let _ = tag(&Segments::new(t));
        }
    }
}
