//! Boilerplate layer: the lines of a pasted page that are not the article.
//!
//! Each line gets local features ([`features::local`]: length, stop words,
//! capitals, punctuation, link-like text, lexicon hits, position, repetition)
//! and a first-stage logistic probability; a second stage adds the
//! neighbours' probabilities and the line's place relative to the main text
//! block ([`features::context`]) and hashed word features
//! ([`features::hashed`]: the line's words, first two and last word, so
//! furniture vocabulary is learned rather than listed). The weights (`data/boiler.model`) are
//! learned by `tools/src/bin/train-boiler.rs`; the kind of a boilerplate line comes
//! from the phrase lexicon (`data/lexicon/boilerplate.txt`) or its shape.
//! Rules sit on top: the first line of a paste, when title-shaped, is the
//! headline; a long prose paragraph is only dropped on a confident score; in a page
//! (15 to 1000 lines) a line away from the main block needs a confident content score
//! to stay; a bracketed photo credit "(Name/Outlet)" is a caption.
//!
//! Rebuild the weights (a few seconds):
//!   `cargo run --release --bin train-boiler -- ../shared/data/boiler/dev --out data/boiler.model`
//! Honest figure (5-fold cross-validation by document, scored by
//! ../shared/eval/score.py): `tools/eval-boiler.sh --cv` (one split), or
//! `tools/eval-boiler.sh --cv-splits` (mean of 5 splits, steadier); the figure on the
//! full dev set with the committed model (trained on it): `tools/eval-boiler.sh`.
//! `features` and `model` are public for the trainer; callers use [`detect`].

pub mod features;
pub mod model;

use crate::annotation::Boilerplate;
use crate::segment::Segments;
use features::local_index as L;
use model::Model;
use std::sync::OnceLock;

const MODEL: &str = include_str!("../../data/boiler.model");

/// The embedded model; `None` if the file does not match the code's features
/// (then nothing is marked).
pub fn embedded() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| Model::from_text(MODEL)).as_ref()
}

/// Probability that each line of `seg` is boilerplate, under `model`.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn probabilities(seg: &Segments, model: &Model) -> Vec<f64> {
    let local = features::local(seg);
    let hashed = features::hashed(seg);
    stage_probabilities(&local, &hashed, model).pop().unwrap_or_default()
}

/// Every stage's probabilities, given the local and hashed features
/// ([`features::local`], [`features::hashed`]).
pub fn stage_probabilities(local: &[Vec<f64>], hashed: &[Vec<(u32, f32)>], model: &Model) -> Vec<Vec<f64>> {
    let sp = |i: usize| hashed.get(i).map_or(&[][..], |v| &v[..]);
    let mut out: Vec<Vec<f64>> = Vec::with_capacity(model.stages.len());
    for (k, st) in model.stages.iter().enumerate() {
        let p = match out.last() {
            Some(prev) if k > 0 => {
                let ctx = features::context(local, prev);
                let mut x = Vec::new();
                local
                    .iter()
                    .zip(&ctx)
                    .enumerate()
                    .map(|(i, (l, c))| {
                        x.clear();
                        x.extend_from_slice(l);
                        x.extend_from_slice(c);
                        st.prob_with(&x, sp(i))
                    })
                    .collect()
            }
            _ => local.iter().enumerate().map(|(i, x)| st.prob_with(x, sp(i))).collect(),
        };
        out.push(p);
    }
    out
}

/// Classify with an explicit model (used by the trainer's cross-validation).
pub fn detect_with(seg: &Segments, model: &Model) -> Vec<Boilerplate> {
    let local = features::local(seg);
    let hashed =
        if model.stages.iter().any(|s| !s.hash.is_empty()) { features::hashed(seg) } else { Vec::new() };
    let probs = stage_probabilities(&local, &hashed, model).pop().unwrap_or_default();
    let mut marks = decode(&probs, model.threshold, model.switch_cost);
    // The document-level view: the article is one block of the page (the maximum-sum run of
    // confident content, weighted by length); outside it a line of a page (PAGE_LINES) stays
    // only on a confident content score, and the prose rule of keep_as_content does not apply.
    let words: Vec<f64> = local.iter().map(|f| (f[L::LN_WORDS].exp() - 1.0).max(0.0)).collect();
    let in_main = near_main_block(&words, &probs);
    for ((m, &p), &inside) in marks.iter_mut().zip(&probs).zip(&in_main) {
        if !inside && p >= OUTSIDE_MAIN_BLOCK {
            *m = true;
        }
    }
    let short = seg.lines.len() < SHORT_TEXT_LINES;
    let headline = headline_before_body(seg, &local, &marks);
    let mut out = Vec::new();
    for (i, &p) in probs.iter().enumerate() {
        if credit_caption(&local[i])
            || marks[i]
                && !(keep_as_content(i, &local[i], p) && in_main[i])
                && (!short || strong_pattern(&local[i]))
                && Some(i) != headline
        {
            let span = seg.lines[i];
            let kind = features::kind(span.text(seg.text), &local[i]);
            out.push(Boilerplate { span, kind });
        }
    }
    out
}

/// The boilerplate probability at which a line outside the text's main block (and more than
/// [`MAIN_BLOCK_MARGIN`] lines from it) is boilerplate; inside it, the model's threshold.
/// 5-fold CV by page (tools/eval-boiler.sh --cv): whole pages as plain text, article body F1
/// 0.891 -> 0.928; pasted selections, boilerplate / content line F1 0.799 / 0.863 -> 0.807 /
/// 0.863. Without the margin 0.926 and 0.811 / 0.864, but a deck or a short first paragraph
/// right before the block went (on PolNeAR dev: 6 lines; with the margin none changes).
/// Other values, margin 0: 0.2 -> 0.924, 0.3 -> 0.916, 0 -> 0.929.
const OUTSIDE_MAIN_BLOCK: f64 = 0.1;

/// A text of this many lines or more is a page with an article block in it (the main-block
/// rule applies); a shorter one is a passage. 15 and 0 give the same CV figures.
const PAGE_LINES: usize = 15;

/// A text of more lines than this is not one page (several articles, a long document; the dev
/// pages have at most about 400): no single main block, so the main-block rule is off. Without
/// this bound a long text lost whole stretches of article (the first third of a 1 MB paste).
const MAX_PAGE_LINES: usize = 1000;

/// Lines this close to the main block count as in it (a deck, a dateline, a short first
/// paragraph, a closing line).
const MAIN_BLOCK_MARGIN: usize = 2;

/// For each line, whether it is in the text's main block ([`features::main_block`] over the
/// boilerplate probabilities `probs`, lines weighted by their `words`) or within
/// [`MAIN_BLOCK_MARGIN`] lines of it; every line of a text shorter than [`PAGE_LINES`].
fn near_main_block(words: &[f64], probs: &[f64]) -> Vec<bool> {
    if probs.len() < PAGE_LINES || probs.len() > MAX_PAGE_LINES {
        return vec![true; probs.len()];
    }
    let (bs, be) = features::main_block(words, probs);
    (0..probs.len()).map(|i| i + MAIN_BLOCK_MARGIN >= bs && i < be + MAIN_BLOCK_MARGIN).collect()
}

/// Two-state Viterbi over the lines: a line scores its log-odds against the
/// threshold in the boilerplate state and 0 in the content state; changing
/// state between neighbours costs `switch`. With `switch` = 0 this is a plain
/// threshold.
pub fn decode(probs: &[f64], threshold: f64, switch: f64) -> Vec<bool> {
    let logit = |p: f64| {
        let p = p.clamp(1e-6, 1.0 - 1e-6);
        (p / (1.0 - p)).ln()
    };
    let t = logit(threshold);
    let n = probs.len();
    if switch <= 0.0 {
        return probs.iter().map(|&p| p >= threshold).collect();
    }
    // score[state], back[i][state] = previous state.
    let mut back = vec![[0u8; 2]; n];
    let mut score = [0.0f64; 2];
    for (i, &p) in probs.iter().enumerate() {
        let emit = [0.0, logit(p) - t];
        if i == 0 {
            score = emit;
            continue;
        }
        let mut next = [0.0; 2];
        for s in 0..2 {
            let stay = score[s];
            let moved = score[1 - s] - switch;
            if stay >= moved {
                next[s] = stay + emit[s];
                back[i][s] = s as u8;
            } else {
                next[s] = moved + emit[s];
                back[i][s] = (1 - s) as u8;
            }
        }
        score = next;
    }
    let mut out = vec![false; n];
    let mut s = if score[1] > score[0] { 1 } else { 0 };
    for i in (0..n).rev() {
        out[i] = s == 1;
        s = back[i][s] as usize;
    }
    out
}

/// Rules over the model: the first line of a paste is usually the headline
/// (title-shaped: 4-25 words, no sentence punctuation, no lexicon hit, no
/// link); a prose sentence of 8 words or more needs a confident model to be
/// dropped (a short paste of two paragraphs is all article). 5-fold CV cost
/// of 8 words instead of 20: boilerplate F1 0.8110 -> 0.8099.
fn keep_as_content(i: usize, f: &[f64], p: f64) -> bool {
    let words = (f[L::LN_WORDS].exp() - 1.0).round();
    let lexicon = f[L::LEX_WHOLE] + f[L::LEX_PREFIX] + f[L::LEX_CONTAINS] > 0.0;
    let headline = i == 0
        && (4.0..=25.0).contains(&words)
        && f[L::ENDS_SENTENCE] == 0.0
        && f[L::ENDS_COLON] == 0.0
        && !lexicon
        && f[L::HAS_URL] == 0.0
        && f[L::CREDIT_LIKE] == 0.0
        && f[L::HAS_SEPARATOR] == 0.0;
    let prose = words >= 8.0 && f[L::ENDS_SENTENCE] > 0.0 && f[L::STOP_RATIO] >= 0.25 && !lexicon && f[L::CREDIT_LIKE] == 0.0 && p < 0.6;
    headline || prose
}

/// Title-shaped: 5-25 words, not ending in a period or colon, no date, link,
/// credit, separator or boilerplate phrase.
fn title_shaped(text: &str, f: &[f64]) -> bool {
    let words = (f[L::LN_WORDS].exp() - 1.0).round();
    (5.0..=25.0).contains(&words)
        && f[L::HAS_DATE] == 0.0
        && !text.trim_end().ends_with(['.', ':'])
        && f[L::HAS_URL] == 0.0
        && f[L::CREDIT_LIKE] == 0.0
        && f[L::HAS_SEPARATOR] == 0.0
        && f[L::LEX_WHOLE] + f[L::LEX_PREFIX] + f[L::LEX_CONTAINS] == 0.0
}

/// The headline of a page pasted with its chrome: the nearest title-shaped
/// line within the few lines (byline, date, caption) before the first
/// paragraph of prose the model keeps. A reader never wants it hidden.
fn headline_before_body(seg: &Segments, local: &[Vec<f64>], marks: &[bool]) -> Option<usize> {
    let prose = |i: usize| {
        let f = &local[i];
        !marks[i] && (f[L::LN_WORDS].exp() - 1.0).round() >= 12.0 && f[L::ENDS_SENTENCE] > 0.0
    };
    let first = (0..local.len().min(marks.len())).find(|&i| prose(i))?;
    (first.saturating_sub(HEADLINE_LOOKBACK)..first)
        .rev()
        .find(|&i| title_shaped(seg.lines[i].text(seg.text), &local[i]))
        .filter(|&i| marks[i])
}

/// How many lines before the first paragraph a headline may stand.
const HEADLINE_LOOKBACK: usize = 6;

/// A text of fewer lines than this is typed or a short pasted passage: it is
/// all article unless a line matches a strong boilerplate pattern.
const SHORT_TEXT_LINES: usize = 5;

/// The whole line is a known boilerplate phrase ("Advertisement", "Share this
/// article") or starts with one ("Photo: ...", "Read more: ...").
fn strong_pattern(f: &[f64]) -> bool {
    f[L::LEX_WHOLE] > 0.0 || f[L::LEX_PREFIX] > 0.0
}

/// A photo credit in brackets, "(Name/Outlet)": the whole line bracketed, a slash between
/// capitalised words, at most 8 words, no sentence end. Boilerplate (a caption) whatever the
/// model says, in short texts too.
fn credit_caption(f: &[f64]) -> bool {
    let words = (f[L::LN_WORDS].exp() - 1.0).round();
    f[L::BRACKETED] > 0.0 && f[L::CREDIT_LIKE] > 0.0 && words <= 8.0 && f[L::ENDS_SENTENCE] == 0.0
}

/// Classify each line; return the boilerplate ones with their kind.
pub fn detect(seg: &Segments) -> Vec<Boilerplate> {
    embedded().map_or_else(Vec::new, |m| detect_with(seg, m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::BoilerKind;

    /// The lines of `text` that [`detect`] marks, as text.
    fn marked(text: &str) -> Vec<&str> {
        detect(&Segments::new(text)).iter().map(|b| b.span.text(text)).collect()
    }

    #[test]
    fn embedded_model_loads() {
        assert!(Model::from_text(MODEL).is_some(), "data/boiler.model does not match the features");
    }

    #[test]
    fn a_short_paste_of_prose_is_all_content() {
        let text = "Storm closes bridge\n\nOn Monday, the harbour master told reporters in Oslo: \u{201c}We are ready.\u{201d}\n\n\u{201c}It works,\u{201d} she said.";
        let marked = marked(text);
        assert!(!marked.iter().any(|m| m.starts_with("On Monday")), "{marked:?}");
    }

    #[test]
    fn a_short_text_is_an_article_unless_a_line_is_plainly_furniture() {
        for text in [
            "\u{201c}We cannot wait,\u{201d} said Marta Lind. Paul Okafor disagreed.\n\nThe vote is on Friday.",
            "Hi \"there,\" said Tom Reyes.",
            "Rain again\n\nIt rained all day in the valley.",
        ] {
            let marked = marked(text);
            assert!(marked.is_empty(), "{text:?}: {marked:?}");
        }
        let text = "The bridge reopened on Monday after repairs.\n\nAdvertisement\n\nDrivers welcomed the news.";
        let marked = marked(text);
        assert_eq!(marked, vec!["Advertisement"]);
    }

    #[test]
    fn the_headline_of_a_page_pasted_with_its_chrome_is_article() {
        let text = "Home | World | Sport | Weather\n\nShare this article\n\n\
            Harbour crane collapses during a storm in Veldmark\n\nBy Ana Ruiz\n\nAdvertisement\n\n\
            A crane at the Veldmark harbour fell into the water on Tuesday night after winds reached 120 kilometres an hour, officials said.\n\n\
            Nobody was hurt, but the port will stay closed until divers have checked the wreck and the quay walls.\n\n\
            Related stories\n\nPrivacy Policy";
        let marked = marked(text);
        assert!(!marked.iter().any(|m| m.starts_with("Harbour crane")), "{marked:?}");
        assert!(marked.contains(&"Advertisement"), "{marked:?}");
        assert!(marked.contains(&"Share this article"), "{marked:?}");
    }

    #[test]
    fn marks_obvious_furniture_and_keeps_prose() {
        let text = "Share\n\nFacebook\n\nTwitter\n\n\
            The council voted on Tuesday to close the old bridge, which engineers said was no longer safe for heavy traffic.\n\n\
            Advertisement\n\n\
            Residents said the closure would add twenty minutes to their commute, and some asked for a ferry service in the meantime.\n\n\
            The mayor said a replacement could be built within three years if the state agrees to pay for most of it.\n\n\
            Related Articles\n\nSubscribe to our newsletter\n\nPrivacy Policy";
        let seg = Segments::new(text);
        let bp = detect(&seg);
        let marked: Vec<&str> = bp.iter().map(|b| b.span.text(text)).collect();
        assert!(marked.contains(&"Advertisement"), "{marked:?}");
        assert!(marked.contains(&"Subscribe to our newsletter"), "{marked:?}");
        assert!(!marked.iter().any(|m| m.starts_with("The council")), "{marked:?}");
        assert!(!marked.iter().any(|m| m.starts_with("Residents")), "{marked:?}");
        let ad = bp.iter().find(|b| b.span.text(text) == "Advertisement").map(|b| b.kind);
        assert_eq!(ad, Some(BoilerKind::Ad));
    }

    #[test]
    fn bracketed_photo_credits_are_captions() {
        let text = "The ferry to Tarnholm resumed service on Friday after a week of storms kept it in port.\n\n\
            (Ines Vater/Harbour Gazette)\n\n\
            Passengers queued from early morning, and the first crossing left twenty minutes late.\n\n\
            (Photo: Ines Vater)\n\n\
            The operator said the timetable would be back to normal by Monday.";
        let seg = Segments::new(text);
        let bp = detect(&seg);
        let kinds: Vec<(&str, BoilerKind)> = bp.iter().map(|b| (b.span.text(text), b.kind)).collect();
        assert!(kinds.contains(&("(Ines Vater/Harbour Gazette)", BoilerKind::Caption)), "{kinds:?}");
        assert!(kinds.contains(&("(Photo: Ines Vater)", BoilerKind::Caption)), "{kinds:?}");
        assert!(!kinds.iter().any(|(m, _)| m.starts_with("The ferry")), "{kinds:?}");
        // In a short text too, but a bracketed aside in prose is not a credit.
        let short = "(Ines Vater/Harbour Gazette)\n\nThe ferry runs again (see the timetable/Port Office notice).";
        assert_eq!(marked(short), vec!["(Ines Vater/Harbour Gazette)"]);
    }

    #[test]
    fn the_main_block_and_its_margin() {
        // menu, article of 5 paragraphs, 7 teasers the model is unsure about
        let mut words = vec![1.0; 4];
        words.extend([30.0; 5]);
        words.extend([20.0; 7]);
        let mut probs = vec![0.9; 4];
        probs.extend([0.05, 0.1, 0.05, 0.1, 0.05]);
        probs.extend([0.3; 7]);
        let near = near_main_block(&words, &probs);
        // the block is lines 4.. (the teasers still score below 0.5), so all are near it
        assert!(near[2..].iter().all(|&x| x), "{near:?}");
        assert!(!near[0] && !near[1], "{near:?}");
        // with confident furniture between article and teasers, the block ends at the article
        for p in &mut probs[9..12] {
            *p = 0.95;
        }
        let near = near_main_block(&words, &probs);
        let expected: Vec<bool> = (0..16).map(|i| (2..11).contains(&i)).collect();
        assert_eq!(near, expected);
        // outside it, a line is boilerplate from OUTSIDE_MAIN_BLOCK on
        assert!(probs[12] >= OUTSIDE_MAIN_BLOCK && probs[12] < 0.5);
        // a passage shorter than PAGE_LINES is all main block
        assert!(near_main_block(&words[..10], &probs[..10]).iter().all(|&x| x));
        // and so is a text longer than one page: the same layout repeated past MAX_PAGE_LINES
        let reps = MAX_PAGE_LINES / words.len() + 1;
        let (w, p) = (words.repeat(reps), probs.repeat(reps));
        assert!(w.len() > MAX_PAGE_LINES);
        assert!(near_main_block(&w, &p).iter().all(|&x| x));
        assert!(!near_main_block(&w[..MAX_PAGE_LINES], &p[..MAX_PAGE_LINES]).iter().all(|&x| x));
    }

    #[test]
    fn decode_smooths_weak_islands_but_keeps_strong_ones() {
        let p = [0.1, 0.1, 0.6, 0.1, 0.1, 0.99, 0.1];
        assert_eq!(decode(&p, 0.5, 0.0), vec![false, false, true, false, false, true, false]);
        assert_eq!(decode(&p, 0.5, 1.0), vec![false, false, false, false, false, true, false]);
        assert!(decode(&[], 0.5, 1.0).is_empty());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in ["", "\n\n\n", "x", "日本語", "1)", "@", "a\r\nb\rc\u{2028}d", "“”", "|||"] {
            let seg = Segments::new(t);
            let bp = detect(&seg);
            assert!(bp.len() <= seg.lines.len());
        }
    }
}
