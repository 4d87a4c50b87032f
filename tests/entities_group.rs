//! Grouping and DATE rules measured on the seed article's gold annotation,
//! read at test time from ../shared/data (never copied into the project).
//! No names from the article appear here: the checks are properties that
//! any article's gold mentions should satisfy after grouping.

use annotator::internals::entities::{dates, group};
use annotator::internals::segment::Segments;
use annotator::offsets::{OffsetMap, Unit};
use annotator::{Label, Span};
use std::path::PathBuf;

fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(rel)
}

fn label(s: &str) -> Option<Label> {
    Label::ALL.into_iter().find(|l| l.as_str() == s)
}

struct Gold {
    text: String,
    /// Byte spans with labels, sorted.
    entities: Vec<(Span, Label)>,
    boilerplate: Vec<Span>,
}

fn load_seed() -> Gold {
    let path = data("seed/article.gold.json");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: serde_json::Value = serde_json::from_str(&raw).expect("gold is JSON");
    let text = v["text"].as_str().expect("gold text").to_string();
    let map = OffsetMap::new(&text);
    let span = |x: &serde_json::Value| {
        let s = x["start"].as_u64().expect("start") as usize;
        let e = x["end"].as_u64().expect("end") as usize;
        Span::new(map.to_byte(s, Unit::CodePoint), map.to_byte(e, Unit::CodePoint))
    };
    let mut entities: Vec<(Span, Label)> = v["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|x| (span(x), label(x["label"].as_str().unwrap_or("")).expect("known label")))
        .collect();
    entities.sort_by_key(|(s, _)| (s.start, s.end));
    let boilerplate = v["boilerplate"].as_array().map_or(Vec::new(), |a| a.iter().map(span).collect());
    Gold { text, entities, boilerplate }
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The gold names (not dates) grouped.
fn grouped(g: &Gold) -> (Vec<annotator::Mention>, Vec<annotator::Entity>, Vec<(Span, Label)>) {
    let input: Vec<(Span, Label)> = g.entities.iter().copied().filter(|(_, l)| *l != Label::Date).collect();
    let (ms, es) = group::group(&g.text, input.clone());
    (ms, es, input)
}

#[test]
fn gold_labels_survive_grouping_and_entities_are_single_label() {
    let g = load_seed();
    let (ms, es, input) = grouped(&g);
    assert_eq!(ms.len(), input.len());
    for (m, (s, l)) in ms.iter().zip(&input) {
        assert_eq!(m.span, *s);
        assert_eq!(m.label, *l, "label of {:?} changed", s.text(&g.text));
    }
    for e in &es {
        assert!(e.mentions.iter().all(|&i| input[i].1 == e.label), "{e:?} mixes labels");
        assert!(e.mentions.windows(2).all(|w| w[0] < w[1]), "mentions out of order");
    }
    // Grouping did something: fewer entities than distinct strings.
    let mut distinct: Vec<&str> = input.iter().map(|(s, _)| s.text(&g.text)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(es.len() < distinct.len(), "{} entities for {} distinct strings", es.len(), distinct.len());
}

#[test]
fn exact_repeats_share_an_entity() {
    let g = load_seed();
    let (ms, _, input) = grouped(&g);
    for i in 0..input.len() {
        for j in i + 1..input.len() {
            if input[i].0.text(&g.text) == input[j].0.text(&g.text) && input[i].1 == input[j].1 {
                // People sharing a surname may legitimately split; the seed's
                // exact repeats of multi-word names and non-persons must not.
                if input[i].1 != Label::Person || words(input[i].0.text(&g.text)).len() > 1 {
                    assert_eq!(ms[i].entity, ms[j].entity, "{:?}", input[i].0.text(&g.text));
                }
            }
        }
    }
}

#[test]
fn surnames_group_with_full_names() {
    let g = load_seed();
    let (ms, es, input) = grouped(&g);
    let full: Vec<&str> = input
        .iter()
        .filter(|(s, l)| *l == Label::Person && words(s.text(&g.text)).len() > 1)
        .map(|(s, _)| s.text(&g.text))
        .collect();
    let mut checked = 0;
    for (i, (s, l)) in input.iter().enumerate() {
        let t = s.text(&g.text);
        if *l != Label::Person || words(t).len() != 1 {
            continue;
        }
        if !full.iter().any(|f| words(f).last() == Some(&t)) {
            continue;
        }
        checked += 1;
        let e = &es[ms[i].entity];
        assert!(
            e.mentions.iter().any(|&k| words(input[k].0.text(&g.text)).len() > 1),
            "surname {t:?} not grouped with a full name: {e:?}"
        );
        assert!(words(&e.name).len() > 1 && e.name.ends_with(t), "canonical name {:?} for {t:?}", e.name);
    }
    assert!(checked >= 3, "seed should have several surname mentions, found {checked}");
}

/// Initials of the capitalised words of a name: "Bank of Northern Trade" -> "BNT".
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

#[test]
fn acronyms_group_with_their_long_form() {
    let g = load_seed();
    let (ms, es, input) = grouped(&g);
    let mut checked = 0;
    for (i, (s, l)) in input.iter().enumerate() {
        let t = s.text(&g.text);
        let letters: String = t.chars().filter(|&c| c != '.').collect();
        if letters.len() < 2 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let long = input.iter().find(|(o, ol)| {
            ol == l && words(o.text(&g.text)).len() > 1 && initials(o.text(&g.text)) == letters
        });
        let Some((o, _)) = long else { continue };
        checked += 1;
        let e = &es[ms[i].entity];
        assert_eq!(e.name, o.text(&g.text), "acronym {t:?} not grouped with its long form");
    }
    assert!(checked >= 2, "seed should have acronyms with long forms, found {checked}");
}

#[test]
fn canonical_names_are_the_fullest_form() {
    let g = load_seed();
    let (_, es, input) = grouped(&g);
    for e in &es {
        let longest = e.mentions.iter().map(|&i| words(input[i].0.text(&g.text)).len()).max().unwrap_or(0);
        assert_eq!(words(&e.name).len(), longest, "{e:?}");
        assert!(e.mentions.iter().any(|&i| input[i].0.text(&g.text).contains(&e.name)), "{e:?}");
    }
}

/// Precision and recall of the DATE rules against the seed's gold dates,
/// leaving out boilerplate lines as the scorer does.
#[test]
fn dates_on_seed() {
    let g = load_seed();
    let seg = Segments::new(&g.text);
    let found: Vec<Span> =
        dates::find(&seg).into_iter().filter(|d| !g.boilerplate.iter().any(|b| b.contains(*d))).collect();
    let gold: Vec<Span> = g.entities.iter().filter(|(_, l)| *l == Label::Date).map(|(s, _)| *s).collect();
    let tp = found.iter().filter(|d| gold.contains(d)).count();
    let p = tp as f64 / found.len().max(1) as f64;
    let r = tp as f64 / gold.len().max(1) as f64;
    eprintln!("seed DATE: found {} gold {} tp {tp} P={p:.3} R={r:.3}", found.len(), gold.len());
    assert!(!gold.is_empty());
    assert!(p >= 0.8 && r >= 0.8, "DATE P={p:.3} R={r:.3}");
}

/// DATE spans on PolNeAR texts are well formed: sorted, disjoint, on one
/// line, on char boundaries, and not a bare number or punctuation.
#[test]
fn dates_well_formed_on_polnear() {
    let path = data("quotes/polnear-dev.gold.jsonl");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut total = 0;
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let text = v["text"].as_str().expect("text");
        let seg = Segments::new(text);
        let found = dates::find(&seg);
        total += found.len();
        for w in found.windows(2) {
            assert!(w[0].end <= w[1].start, "overlap or disorder");
        }
        for d in &found {
            let t = text.get(d.start..d.end).expect("char boundaries");
            assert!(!t.is_empty() && !t.contains('\n'), "{t:?}");
            assert!(t.chars().any(|c| c.is_alphanumeric()), "{t:?}");
        }
    }
    assert!(total > 100, "expected many dates in 84 news articles, found {total}");
}

/// The whole pipeline (tagger, dates, boilerplate skip, overlap resolution,
/// grouping) keeps the seed's DATE mentions.
#[test]
fn pipeline_dates_on_seed() {
    let g = load_seed();
    let ann = annotator::annotate(&g.text, &annotator::Options::default());
    let found: Vec<Span> = ann
        .mentions
        .iter()
        .filter(|m| m.label == Label::Date && !g.boilerplate.iter().any(|b| b.contains(m.span)))
        .map(|m| m.span)
        .collect();
    let gold: Vec<Span> = g.entities.iter().filter(|(_, l)| *l == Label::Date).map(|(s, _)| *s).collect();
    let tp = found.iter().filter(|d| gold.contains(d)).count();
    let p = tp as f64 / found.len().max(1) as f64;
    let r = tp as f64 / gold.len().max(1) as f64;
    assert!(p >= 0.8 && r >= 0.8, "pipeline DATE P={p:.3} R={r:.3}");
    // Every entity's mentions carry its label.
    for e in &ann.entities {
        assert!(e.mentions.iter().all(|&i| ann.mentions[i].label == e.label));
    }
}
