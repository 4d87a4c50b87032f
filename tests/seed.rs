//! The seed article scored by ../shared/eval/score.py against its gold.
//! Floors only rise.

mod common;
use common::*;
use std::process::Command;

fn score() -> Option<serde_json::Value> {
    let text = shared_text("data/seed/article.txt")?;
    let gold: serde_json::Value = serde_json::from_str(&shared_text("data/seed/article.gold.json")?).unwrap();
    // The scorer matches documents by id.
    let out = run(&["-", "--id", gold["id"].as_str().unwrap_or("")], &text);
    assert!(out.status.success());
    let pred = std::env::temp_dir().join(format!("seed-pred-{}.json", std::process::id()));
    std::fs::write(&pred, &out.stdout).unwrap();
    let res = Command::new("python3")
        .arg(shared("eval/score.py"))
        .arg(shared("data/seed/article.gold.json"))
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    let _ = std::fs::remove_file(&pred);
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    Some(serde_json::from_slice(&res.stdout).unwrap())
}

#[test]
fn seed_article_meets_the_floors() {
    let Some(s) = score() else { return };
    let f = |p: &str| s.pointer(p).and_then(|v| v.as_f64()).unwrap_or(-1.0);
    let bp = f("/boilerplate/boilerplate_lines/f1");
    let qf = f("/quotes/span/f1");
    let sp = f("/quotes/speaker_accuracy");
    let ef = f("/entities/strict/f1");
    eprintln!("seed: boilerplate F1 {bp}, quote span F1 {qf}, speaker accuracy {sp}, entity strict F1 {ef}");
    assert_eq!(bp, 1.0, "boilerplate lines F1");
    assert!(qf >= 0.9, "quote span F1 {qf}");
    assert!(sp >= 0.8, "speaker accuracy {sp}");
    assert!(ef >= 0.6, "entity strict F1 {ef}");
}
