//! Names in the seed article (read from ../shared at test time) against its
//! gold PERSON/ORG/PLACE/MISC spans, scored as ../shared/eval/score.py does:
//! strict spans, predictions inside gold boilerplate lines left out.

mod common;

use annotator::internals::entities::tagger;
use annotator::internals::segment::Segments;
use serde_json::Value;
use std::collections::HashSet;

#[test]
fn seed_article_names_score_well() {
    let Some(text) = common::shared_text("data/seed/article.txt") else { return };
    let Some(gold) = common::shared_text("data/seed/article.gold.json") else { return };
    let gold: Value = serde_json::from_str(&gold).expect("json");
    let gtext = gold["text"].as_str().expect("gold text");
    assert_eq!(gtext, text, "gold text is the article");
    let span =
        |v: &Value| (v["start"].as_u64().unwrap_or(0) as usize, v["end"].as_u64().unwrap_or(0) as usize);
    let names = ["PERSON", "ORG", "PLACE", "MISC"];
    let g: HashSet<(usize, usize, String)> = gold["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| names.contains(&e["label"].as_str().unwrap_or("")))
        .map(|e| (span(e).0, span(e).1, e["label"].as_str().unwrap_or("").to_string()))
        .collect();
    let boiler: Vec<(usize, usize)> =
        gold["boilerplate"].as_array().map_or(vec![], |b| b.iter().map(span).collect());
    // Byte offsets -> code points.
    let cp = |b: usize| text[..b].chars().count();
    let seg = Segments::new(&text);
    let p: HashSet<(usize, usize, String)> = tagger::tag(&seg)
        .into_iter()
        .map(|(s, l)| (cp(s.start), cp(s.end), l.as_str().to_string()))
        .filter(|(s, e, _)| !boiler.iter().any(|(bs, be)| bs <= s && e <= be))
        .collect();
    let tp = g.intersection(&p).count() as f64;
    let (prec, rec) = (tp / p.len().max(1) as f64, tp / g.len().max(1) as f64);
    let f1 = if tp > 0.0 { 2.0 * prec * rec / (prec + rec) } else { 0.0 };
    eprintln!("seed names: P {prec:.3} R {rec:.3} F1 {f1:.3}");
    assert!(f1 >= 0.85, "seed names F1 {f1:.3}");
}
