//! Reads ../shared/data/quotes/hard-cases.jsonl at test time and checks each
//! case: every gold content fragment is a returned quote (marks and
//! punctuation trimmed, as the scorer does), nothing else is returned, and
//! the speaker mention overlaps the gold one where the gold has one, and the
//! resolved name agrees with the gold name as the scorer compares names.
//! Quotations of kind `title` are not counted as returned quotes.

use annotator::{annotate, Options};
use serde_json::Value;

mod common;
use common::scorer::{same_speaker, TRIM};

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && TRIM.contains(chars[s]) {
        s += 1;
    }
    while e > s && TRIM.contains(chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Check one case; Err says what went wrong.
fn check(case: &Value) -> Result<(), String> {
    let text = case["text"].as_str().ok_or("no text")?;
    let chars: Vec<char> = text.chars().collect();
    // Byte offset -> code point offset.
    let cp = |b: usize| text[..b.min(text.len())].chars().count();
    let ann = annotate(
        text,
        &Options { entities: true, quotes: true, boilerplate: false, inside_boilerplate: false },
    );
    type Pred = ((usize, usize), Option<(usize, usize)>, Option<String>);
    // Titles come back marked as titles, not quotations: the scorer's view
    // (tools/eval-quotes.sh drops them too).
    let pred: Vec<Pred> = ann
        .quotes
        .iter()
        .filter(|q| q.kind != annotator::QuoteKind::Title)
        .map(|q| {
            let span = trim(&chars, cp(q.span.start), cp(q.span.end));
            let sp = q.speaker.as_ref();
            (span, sp.map(|s| (cp(s.span.start), cp(s.span.end))), sp.and_then(|s| s.name.clone()))
        })
        .collect();
    let mut used = vec![false; pred.len()];
    for gq in case["quotes"].as_array().ok_or("no quotes")? {
        let gname = gq["speaker"].as_str();
        let gmention = gq["speaker_mention"]
            .as_array()
            .map(|a| (a[0].as_u64().unwrap_or(0) as usize, a[1].as_u64().unwrap_or(0) as usize));
        for frag in gq["content"].as_array().ok_or("no content")? {
            let s = frag[0].as_u64().ok_or("bad offset")? as usize;
            let e = frag[1].as_u64().ok_or("bad offset")? as usize;
            let want = trim(&chars, s, e);
            let Some(k) = pred.iter().position(|p| p.0 == want) else {
                return Err(format!(
                    "quote {:?} not found; got {:?}",
                    chars[want.0..want.1].iter().collect::<String>(),
                    pred
                ));
            };
            used[k] = true;
            let (_, pspan, pname) = &pred[k];
            // The mention must overlap the gold one where there is one, and
            // the resolved name must agree with the gold name (or both none).
            let mention_ok = match (gmention, pspan) {
                (Some(g), Some(p)) => g.0 < p.1 && p.0 < g.1,
                (Some(_), None) => false,
                (None, _) => true,
            };
            let ok = mention_ok && same_speaker(gname, pname.as_deref());
            if !ok {
                return Err(format!(
                    "speaker of {:?}: want {:?} {:?}, got {:?} {:?}",
                    &chars[want.0..want.1].iter().collect::<String>(),
                    gname,
                    gmention,
                    pname,
                    pspan
                ));
            }
        }
    }
    if let Some(k) = used.iter().position(|u| !u) {
        return Err(format!("extra quote {:?}", pred[k]));
    }
    Ok(())
}

#[test]
fn hard_cases() {
    let Some(src) = common::shared_text("data/quotes/hard-cases.jsonl") else { return };
    let mut failed = Vec::new();
    let mut n = 0;
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("hard case is JSON");
        n += 1;
        let id = case["id"].as_str().unwrap_or("?").to_string();
        match check(&case) {
            Ok(()) => eprintln!("pass {id}"),
            Err(e) => {
                eprintln!("FAIL {id}: {e}");
                failed.push(id);
            }
        }
    }
    eprintln!("{} of {n} hard cases pass", n - failed.len());
    assert!(n >= 20, "expected the 22 hard cases, read {n}");
    assert!(failed.is_empty(), "failed: {failed:?}");
}
