//! The seed article end to end through the quote layer, read from
//! ../shared/data/seed at test time: quote spans and speakers must match the
//! gold exactly (the scorer's trimming and name rules), both without entity
//! mentions (the layer resolves names itself) and with mentions built from
//! the gold entities (the layer links speakers to them).

use annotator::internals::quotes::detect;
use annotator::internals::segment::Segments;
use annotator::{Entity, Label, Mention, Span};
use serde_json::Value;

mod common;
use common::scorer::{same_speaker, TRIM};

struct Seed {
    text: String,
    gold: Value,
}

fn load() -> Option<Seed> {
    let src = common::shared_text("data/seed/article.gold.json")?;
    let gold: Value = serde_json::from_str(&src).ok()?;
    Some(Seed { text: gold["text"].as_str()?.to_string(), gold })
}

/// Code point offset -> byte offset.
fn byte_at(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

fn trimmed(text: &str, s: usize, e: usize) -> (usize, usize) {
    let chars: Vec<(usize, char)> = text[s..e].char_indices().map(|(i, c)| (s + i, c)).collect();
    let a = chars.iter().position(|&(_, c)| !TRIM.contains(c)).unwrap_or(chars.len());
    let b = chars.iter().rposition(|&(_, c)| !TRIM.contains(c)).map_or(a, |k| k + 1);
    let start = chars.get(a).map_or(e, |x| x.0);
    let end = if b > a { chars[b - 1].0 + chars[b - 1].1.len_utf8() } else { start };
    (start, end)
}

/// (span F1, speaker accuracy over matched spans, failures).
fn score(seed: &Seed, mentions: &[Mention], entities: &[Entity]) -> (f64, f64, Vec<String>) {
    let text = seed.text.as_str();
    let seg = Segments::new(text);
    let skip: Vec<Span> = seed.gold["boilerplate"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| {
                    Span::new(
                        byte_at(text, b["start"].as_u64().unwrap_or(0) as usize),
                        byte_at(text, b["end"].as_u64().unwrap_or(0) as usize),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let quotes = detect(&seg, mentions, entities, &skip);
    let pred: Vec<((usize, usize), Option<String>)> = quotes
        .iter()
        .map(|q| (trimmed(text, q.span.start, q.span.end), q.speaker.as_ref().and_then(|s| s.name.clone())))
        .collect();
    let gold: Vec<((usize, usize), Option<String>)> = seed.gold["quotes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|q| {
                    let s = byte_at(text, q["start"].as_u64().unwrap_or(0) as usize);
                    let e = byte_at(text, q["end"].as_u64().unwrap_or(0) as usize);
                    (trimmed(text, s, e), q["speaker"].as_str().map(str::to_string))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut fails = Vec::new();
    let (mut tp, mut ok) = (0usize, 0usize);
    for (span, name) in &gold {
        match pred.iter().find(|p| p.0 == *span) {
            Some(p) => {
                tp += 1;
                if same_speaker(name.as_deref(), p.1.as_deref()) {
                    ok += 1;
                } else {
                    fails.push(format!(
                        "speaker of {:?}: want {name:?}, got {:?}",
                        &text[span.0..span.1],
                        p.1
                    ));
                }
            }
            None => fails.push(format!("missed {:?}", &text[span.0..span.1])),
        }
    }
    for p in &pred {
        if !gold.iter().any(|g| g.0 == p.0) {
            fails.push(format!("extra {:?}", &text[p.0 .0..p.0 .1]));
        }
    }
    let prec = tp as f64 / pred.len().max(1) as f64;
    let rec = tp as f64 / gold.len().max(1) as f64;
    let f1 = if prec + rec > 0.0 { 2.0 * prec * rec / (prec + rec) } else { 0.0 };
    (f1, ok as f64 / tp.max(1) as f64, fails)
}

#[test]
fn seed_quote_spans_without_entities() {
    // Quotations are found without the entity layer; their speakers' names
    // are the entity layer's (the test below gives them).
    let Some(seed) = load() else {
        eprintln!("skipping: seed article not found");
        return;
    };
    let (f1, _, fails) = score(&seed, &[], &[]);
    assert_eq!(f1, 1.0, "{fails:#?}");
    assert!(fails.iter().all(|f| !f.starts_with("missed") && !f.starts_with("extra")), "{fails:#?}");
}

#[test]
fn seed_quotes_with_gold_entity_mentions() {
    let Some(seed) = load() else {
        eprintln!("skipping: seed article not found");
        return;
    };
    let (mentions, entities) = gold_mentions(&seed, |_| true);
    let (f1, acc, fails) = score(&seed, &mentions, &entities);
    assert!(fails.is_empty(), "{fails:#?}");
    assert_eq!((f1, acc), (1.0, 1.0));
    // Speakers link to the entities: every named speaker has an entity.
    let text = seed.text.as_str();
    let seg = Segments::new(text);
    let quotes = detect(&seg, &mentions, &entities, &[]);
    let linked = quotes.iter().filter_map(|q| q.speaker.as_ref()).filter(|s| s.entity.is_some()).count();
    let named = quotes.iter().filter_map(|q| q.speaker.as_ref()).filter(|s| s.name.is_some()).count();
    assert!(named >= 16 && linked == named, "linked {linked} of {named}");
}

#[test]
fn seed_quotes_with_an_incomplete_tagger() {
    let Some(seed) = load() else {
        eprintln!("skipping: seed article not found");
        return;
    };
    // A tagger that misses every second mention still gives the same result.
    let (mentions, entities) = gold_mentions(&seed, |i| i % 2 == 0);
    let (f1, acc, fails) = score(&seed, &mentions, &entities);
    assert!(fails.is_empty(), "{fails:#?}");
    assert_eq!((f1, acc), (1.0, 1.0));
}

/// An entity layer stand-in: the gold mentions that `keep` selects, grouped by
/// label and last word, each group named by its longest form.
fn gold_mentions(seed: &Seed, keep: impl Fn(usize) -> bool) -> (Vec<Mention>, Vec<Entity>) {
    let text = seed.text.as_str();
    let mut mentions = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    for (i, e) in seed.gold["entities"].as_array().into_iter().flatten().enumerate() {
        if !keep(i) {
            continue;
        }
        let label = match e["label"].as_str() {
            Some("PERSON") => Label::Person,
            Some("ORG") => Label::Org,
            Some("PLACE") => Label::Place,
            Some("DATE") => Label::Date,
            _ => Label::Misc,
        };
        let span = Span::new(
            byte_at(text, e["start"].as_u64().unwrap_or(0) as usize),
            byte_at(text, e["end"].as_u64().unwrap_or(0) as usize),
        );
        let form = span.text(text).to_string();
        let last = form.split_whitespace().last().unwrap_or("").to_string();
        let id = match entities
            .iter()
            .position(|x| x.label == label && x.name.split_whitespace().last() == Some(last.as_str()))
        {
            Some(id) => id,
            None => {
                entities.push(Entity { label, name: form.clone(), mentions: Vec::new() });
                entities.len() - 1
            }
        };
        if form.len() > entities[id].name.len() {
            entities[id].name = form;
        }
        entities[id].mentions.push(mentions.len());
        mentions.push(Mention { span, label, entity: id });
    }
    (mentions, entities)
}
