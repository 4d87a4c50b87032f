//! Evaluate the name tagger on CoNLL-2003 (strict spans, per label), or
//! measure its speed.
//!
//!   cargo run --release --bin eval-ner -- ../shared/data/ner/conll2003/dev.txt [--model FILE]
//!   cargo run --release --bin eval-ner -- --bench FILE   (plain text; a CoNLL file is joined as conll2jsonl does)

use annotator::entities::tagger::ner_conll::{self as cn, Counts};
use annotator::entities::tagger::ner_model::{self as nm, Model};
use annotator::entities::tagger::{self, features as fx};
use annotator::segment::Segments;
use std::process::ExitCode;
use std::time::Instant;

fn conll_as_text(t: &str) -> String {
    let mut out = String::new();
    for d in cn::read(t) {
        for r in &d.sents {
            out += &d.words[r.clone()].join(" ");
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn bench(path: &str) -> Result<(), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let text = if raw.contains("-DOCSTART-") { conll_as_text(&raw) } else { raw };
    let seg = Segments::new(&text);
    let ntok = seg.tokens.len();
    let _ = tagger::tag(&seg); // load the model outside the clock
    let (mut n, t0) = (0usize, Instant::now());
    let mut found = 0;
    while n == 0 || t0.elapsed().as_secs_f64() < 3.0 {
        found = tagger::tag(&seg).len();
        n += 1;
    }
    let tag_s = t0.elapsed().as_secs_f64() / n as f64;
    let (mut m, t1) = (0usize, Instant::now());
    while m == 0 || t1.elapsed().as_secs_f64() < 2.0 {
        let s = Segments::new(&text);
        found = found.max(tagger::tag(&s).len().min(found));
        m += 1;
    }
    let all_s = t1.elapsed().as_secs_f64() / m as f64;
    println!("{ntok} tokens, {found} names");
    println!("tagger only:         {:>10.0} tokens/s", ntok as f64 / tag_s);
    println!("segment + tagger:    {:>10.0} tokens/s", ntok as f64 / all_s);
    Ok(())
}

/// CoNLL tokens that our tokenizer does not reproduce, most frequent first.
fn tokdiff(path: &str) -> Result<(), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut bad: std::collections::HashMap<String, usize> = Default::default();
    let mut total = 0;
    for d in cn::read(&raw) {
        for r in &d.sents {
            let line = d.words[r.clone()].join(" ");
            let seg = Segments::new(&line);
            let ours: Vec<&str> = (0..seg.tokens.len()).map(|i| seg.token_text(i)).collect();
            if ours != d.words[r.clone()] {
                for w in &d.words[r.clone()] {
                    if !ours.contains(&w.as_str()) {
                        *bad.entry(w.clone()).or_default() += 1;
                        total += 1;
                    }
                }
            }
        }
    }
    let mut v: Vec<_> = bad.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("{total} CoNLL tokens not reproduced");
    for (w, n) in v.iter().take(60) {
        println!("{n:>6} {w}");
    }
    Ok(())
}

/// Print each token of a plain-text file with its tag (debugging aid).
fn show(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let seg = Segments::new(&text);
    let words: Vec<&str> = (0..seg.tokens.len()).map(|i| seg.token_text(i)).collect();
    let sents: Vec<_> = seg.sentences.iter().map(|s| s.tokens.clone()).collect();
    let tags = tagger::tag_words(words.clone(), sents.clone());
    const NAMES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
    for r in sents {
        let line: Vec<String> = r
            .map(|i| match fx::tag_parts(tags[i]) {
                Some((l, p)) => format!("{}/{}-{}", words[i], ["B", "I", "L", "U"][p as usize], NAMES[l]),
                None => words[i].to_string(),
            })
            .collect();
        println!("{}", line.join(" "));
    }
    Ok(())
}

fn eval(path: &str, model: Option<&str>) -> Result<(), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let own;
    let m: &Model = match model {
        Some(p) => {
            let b = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
            own = Model::from_bytes(&b).ok_or(format!("{p}: not a model of this feature version"))?;
            &own
        }
        None => nm::embedded().ok_or("the embedded model does not load (retrain it)")?,
    };
    let mut c = Counts::default();
    for d in cn::read(&raw) {
        let words: Vec<&str> = d.words.iter().map(|s| s.as_str()).collect();
        let ex = fx::extract(&fx::Doc { words, sents: d.sents.clone() });
        let pred = nm::decode(&mut nm::Infer(m), &ex, None);
        c.add(&d.tags, &pred);
    }
    print!("{}", c.report());
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = match args.iter().map(|s| s.as_str()).collect::<Vec<_>>().as_slice() {
        ["--bench", f] => bench(f),
        ["--tokdiff", f] => tokdiff(f),
        ["--tag", f] => show(f),
        [f] => eval(f, None),
        [f, "--model", m] | ["--model", m, f] => eval(f, Some(m)),
        _ => Err("usage: eval-ner CONLL.txt [--model FILE] | eval-ner --bench FILE".into()),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
