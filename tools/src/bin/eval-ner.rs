//! Evaluate the entity layer on CoNLL-2003 (strict spans, per label), or
//! measure the tagger's speed.
//!
//!   cargo run --release --bin eval-ner -- ../shared/data/ner/conll2003/dev.txt [--model FILE]
//!
//! prints two blocks: the whole entity layer exactly as the CLI runs it
//! (which agrees with ../shared/eval/score.py on `annotate --jsonl` output of
//! conll2jsonl.py's text), then the tagger alone on CoNLL's own tokens.
//!   cargo run --release --bin eval-ner -- --multi [--model FILE] DEV.conll...
//! prints strict F1 per source (on the labels its `<source>.meta.json`
//! says are fully annotated) and the macro mean: tools/eval-entities.sh.
//!   cargo run --release --bin eval-ner -- --bench FILE   (plain text; a CoNLL file is joined as conll2jsonl does)

use annotator::internals::entities::model::{self as nm, Model};
use annotator::internals::entities::{features as fx, tagger};
use annotator::internals::segment::Segments;
use annotator_tools::conll::{self as cn, Counts};
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

/// CPU time of this thread in seconds (Linux), for a bench that shared,
/// loaded machines do not skew; wall time where it is not available.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn timed(mut f: impl FnMut(), min_s: f64) -> (f64, f64) {
    let (t0, c0) = (Instant::now(), cpu_seconds());
    let mut n = 0usize;
    while n == 0 || t0.elapsed().as_secs_f64() < min_s {
        f();
        n += 1;
    }
    let wall = t0.elapsed().as_secs_f64() / n as f64;
    let cpu = match (c0, cpu_seconds()) {
        (Some(a), Some(b)) => (b - a) / n as f64,
        _ => wall,
    };
    (wall, cpu)
}

fn bench(path: &str) -> Result<(), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let text = if raw.contains("-DOCSTART-") { conll_as_text(&raw) } else { raw };
    let seg = Segments::new(&text);
    let ntok = seg.tokens.len();
    let found = tagger::tag(&seg).len(); // loads the model outside the clock
    let (w1, c1) = timed(
        || {
            std::hint::black_box(tagger::tag(std::hint::black_box(&seg)));
        },
        3.0,
    );
    let (w2, c2) = timed(
        || {
            std::hint::black_box(tagger::tag(&Segments::new(std::hint::black_box(&text))));
        },
        2.0,
    );
    println!("{ntok} tokens, {found} names");
    println!(
        "tagger only:       {:>10.0} tokens/CPU-s ({:.0} tokens/s wall)",
        ntok as f64 / c1,
        ntok as f64 / w1
    );
    println!(
        "segment + tagger:  {:>10.0} tokens/CPU-s ({:.0} tokens/s wall)",
        ntok as f64 / c2,
        ntok as f64 / w2
    );
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

/// The model file given with --model, if any (else the caller uses the embedded one).
fn read_model(path: Option<&str>) -> Result<Option<Model>, String> {
    path.map(|p| {
        let b = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
        Model::from_bytes(&b).ok_or(format!("{p}: not a model of this feature version"))
    })
    .transpose()
}

fn eval(path: &str, model: Option<&str>) -> Result<(), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let own = read_model(model)?;
    let m: &Model = match &own {
        Some(m) => m,
        None => nm::embedded().ok_or("the embedded model does not load (retrain it)")?,
    };
    let mut c = Counts::default();
    for d in cn::read(&raw) {
        let words: Vec<&str> = d.words.iter().map(|s| s.as_str()).collect();
        let ex = fx::extract(&fx::Doc { words, sents: d.sents.clone() });
        let mut pred = nm::decode(&mut nm::Infer(m), &ex, None);
        let words: Vec<&str> = d.words.iter().map(|s| s.as_str()).collect();
        tagger::trim_titles(&words, &mut pred);
        tagger::extend_particles(&words, &d.sents, &mut pred);
        c.add(&d.tags, &pred);
    }
    print!("{}", c.report());
    Ok(())
}

/// Gold spans of one CoNLL document joined as conll2jsonl.py joins it
/// (tokens by a space, sentences by a newline), with their labels.
struct JoinedDoc {
    text: String,
    gold: Vec<(usize, usize, &'static str)>,
}

fn joined_docs(raw: &str) -> Vec<JoinedDoc> {
    let label = |k: &str| match k {
        "PER" => "PERSON",
        "LOC" => "PLACE",
        "ORG" => "ORG",
        _ => "MISC",
    };
    let mut docs: Vec<JoinedDoc> = Vec::new();
    let mut sent: Vec<(&str, &str)> = Vec::new();
    let mut doc: Vec<Vec<(&str, &str)>> = Vec::new();
    let flush_doc = |doc: &mut Vec<Vec<(&str, &str)>>, docs: &mut Vec<JoinedDoc>| {
        if doc.is_empty() {
            return;
        }
        let mut d = JoinedDoc { text: String::new(), gold: Vec::new() };
        for (si, s) in doc.iter().enumerate() {
            if si > 0 {
                d.text.push('\n');
            }
            let mut cur: Option<(usize, usize, &str)> = None;
            for (ti, (tok, tag)) in s.iter().enumerate() {
                if ti > 0 {
                    d.text.push(' ');
                }
                let (start, end) = (d.text.len(), d.text.len() + tok.len());
                d.text.push_str(tok);
                let kind = tag.split_once('-').map(|(_, k)| k);
                match (kind, cur) {
                    (None, _) => {
                        if let Some((a, b, k)) = cur.take() {
                            d.gold.push((a, b, label(k)));
                        }
                    }
                    (Some(k), Some((a, _, ck))) if ck == k && !tag.starts_with("B-") => {
                        cur = Some((a, end, ck))
                    }
                    (Some(k), _) => {
                        if let Some((a, b, ck)) = cur.take() {
                            d.gold.push((a, b, label(ck)));
                        }
                        cur = Some((start, end, k));
                    }
                }
            }
            if let Some((a, b, k)) = cur {
                d.gold.push((a, b, label(k)));
            }
        }
        docs.push(d);
        doc.clear();
    };
    for line in raw.lines() {
        if line.starts_with("-DOCSTART-") {
            if !sent.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            flush_doc(&mut doc, &mut docs);
        } else if line.trim().is_empty() {
            if !sent.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
        } else {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if let (Some(w), Some(t)) = (cols.first(), cols.last()) {
                sent.push((w, t));
            }
        }
    }
    if !sent.is_empty() {
        doc.push(sent);
    }
    flush_doc(&mut doc, &mut docs);
    docs
}

/// The entity layer's name mentions (no DATE) of `text`, as the CLI finds
/// them: (start byte, end byte, label).
fn layer_names(text: &str) -> std::collections::HashSet<(usize, usize, &'static str)> {
    use annotator::{annotate, Label, Options};
    annotate(text, &Options::default())
        .mentions
        .iter()
        .filter(|m| m.label != Label::Date)
        .map(|m| (m.span.start, m.span.end, m.label.as_str()))
        .collect()
}

/// The entity layer as the CLI runs it (default options), scored strictly
/// on PERSON, ORG, PLACE and MISC as score.py does.
fn eval_layer(path: &str) -> Result<(), String> {
    use std::collections::{BTreeMap, HashSet};
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for d in joined_docs(&raw) {
        let gold: HashSet<(usize, usize, &str)> = d.gold.iter().copied().collect();
        let pred = layer_names(&d.text);
        for l in ["PERSON", "ORG", "PLACE", "MISC"] {
            let c = counts.entry(l).or_default();
            c[0] += pred.iter().filter(|p| p.2 == l && gold.contains(*p)).count();
            c[1] += pred.iter().filter(|p| p.2 == l && !gold.contains(*p)).count();
            c[2] += gold.iter().filter(|g| g.2 == l && !pred.contains(*g)).count();
        }
    }
    let prf = |c: [usize; 3]| {
        let p = c[0] as f64 / (c[0] + c[1]).max(1) as f64;
        let r = c[0] as f64 / (c[0] + c[2]).max(1) as f64;
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    };
    println!("entity layer, as the CLI runs it (strict spans):");
    let mut tot = [0usize; 3];
    for (l, c) in &counts {
        let (p, r, f) = prf(*c);
        println!("  {l:<7} P={p:.4} R={r:.4} F1={f:.4}");
        for k in 0..3 {
            tot[k] += c[k];
        }
    }
    let (p, r, f) = prf(tot);
    println!("  overall P={p:.4} R={r:.4} F1={f:.4}  (tp {} fp {} fn {})", tot[0], tot[1], tot[2]);
    Ok(())
}

/// Strict span counts of `path` on its scored labels: the tagger alone
/// (on the corpus tokens) and the entity layer as the CLI runs it.
fn multi_one(path: &str, m: &Model) -> Result<(Counts, Counts), String> {
    use std::collections::HashSet;
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let keep = cn::scored_labels(path);
    let drop_unscored = |tags: &mut Vec<u8>| {
        for (s, e, l) in nm::spans(tags) {
            if !keep[l] {
                tags[s..e].iter_mut().for_each(|t| *t = fx::O);
            }
        }
    };
    let mut tagger_c = Counts::default();
    for d in cn::read(&raw) {
        let words: Vec<&str> = d.words.iter().map(|s| s.as_str()).collect();
        let ex = fx::extract(&fx::Doc { words: words.clone(), sents: d.sents.clone() });
        let mut pred = nm::decode(&mut nm::Infer(m), &ex, None);
        tagger::trim_titles(&words, &mut pred);
        tagger::extend_particles(&words, &d.sents, &mut pred);
        let mut gold = d.tags.clone();
        drop_unscored(&mut gold);
        drop_unscored(&mut pred);
        tagger_c.add(&gold, &pred);
    }
    const NAMES: [&str; 4] = ["PERSON", "ORG", "PLACE", "MISC"];
    let mut layer = Counts::default();
    for d in joined_docs(&raw) {
        let gold: HashSet<(usize, usize, &str)> = d.gold.iter().copied().collect();
        let pred = layer_names(&d.text);
        for (l, name) in NAMES.iter().enumerate() {
            if !keep[l] {
                continue;
            }
            let c = &mut layer.0[l];
            c[0] += pred.iter().filter(|p| p.2 == *name && gold.contains(*p)).count();
            c[1] += pred.iter().filter(|p| p.2 == *name).count();
            c[2] += gold.iter().filter(|g| g.2 == *name).count();
        }
    }
    Ok((tagger_c, layer))
}

/// The multi-domain dev set: strict F1 per source (its scored labels) for
/// the entity layer and the tagger alone, per label, and the macro mean
/// over sources.
fn multi(paths: &[&str], model: Option<&str>) -> Result<(), String> {
    let own = read_model(model)?;
    let m: &Model = match &own {
        Some(m) => m,
        None => nm::embedded().ok_or("the embedded model does not load (retrain it)")?,
    };
    println!(
        "{:<22} {:>7} {:>7} | {:>6} {:>6} {:>6} {:>6}  (layer F1 per label; - = not scored)",
        "source", "layer", "tagger", "PERSON", "ORG", "PLACE", "MISC"
    );
    let (mut sl, mut st) = (0.0, 0.0);
    for p in paths {
        let (t, l) = multi_one(p, m)?;
        let keep = cn::scored_labels(p);
        let name = cn::source_name(p);
        let per: Vec<String> = (0..4)
            .map(|k| if keep[k] { format!("{:>6.3}", l.label_f1(k)) } else { format!("{:>6}", "-") })
            .collect();
        println!("{name:<22} {:>7.4} {:>7.4} | {}", l.f1(), t.f1(), per.join(" "));
        sl += l.f1();
        st += t.f1();
    }
    let n = paths.len().max(1) as f64;
    println!("{:<22} {:>7.4} {:>7.4}", "macro mean", sl / n, st / n);
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = match args.iter().map(|s| s.as_str()).collect::<Vec<_>>().as_slice() {
        ["--bench", f] => bench(f),
        ["--tokdiff", f] => tokdiff(f),
        ["--tag", f] => show(f),
        [f] => eval_layer(f).and_then(|()| {
            println!("tagger alone, on CoNLL tokens:");
            eval(f, None)
        }),
        [f, "--model", m] | ["--model", m, f] => eval(f, Some(m)),
        ["--multi", "--model", m, fs @ ..] if !fs.is_empty() => multi(fs, Some(m)),
        ["--multi", fs @ ..] if !fs.is_empty() => multi(fs, None),
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
