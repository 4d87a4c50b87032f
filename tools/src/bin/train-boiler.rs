//! Train the boilerplate line classifier and write `data/boiler.model`.
//!
//!   cargo run --release --bin train-boiler -- ../shared/data/boiler/dev \
//!       --out data/boiler.model --cv 5 --cv-out /tmp/boiler-cv.jsonl
//!
//! Reads the gold pages (JSON: text, boilerplate and ignore spans in code
//! points). A line is boilerplate when at least half of it is under a gold
//! boilerplate span (the scorer's rule); lines mostly under `ignore`
//! (headlines, bylines) are left out of training. With `--cv K` it first
//! runs K-fold cross-validation split by document (document i goes to fold
//! i mod K in id order) and writes the held-out predictions as JSON Lines,
//! to be scored by ../shared/eval/score.py; then it trains on everything.
//! `--cv-seed S` shuffles the documents before the split: the pooled F1
//! moves by about +-0.01 from one split to another, so compare ideas on the
//! mean over several seeds (e.g. 0..4), not on one split.

use annotator::internals::boilerplate::{self, features, model::Logistic, model::Model};
use annotator::internals::segment::Segments;
use annotator_tools::fit::Fit;
use std::process::ExitCode;

struct Doc {
    id: String,
    /// Which data folder (0 = the first given) it came from.
    set: usize,
    text: String,
    /// Per line: Some(true) boilerplate, Some(false) content, None ignored.
    labels: Vec<Option<bool>>,
    /// Per line: mostly under a gold `ignore` span (headline, byline, dateline).
    ignored: Vec<bool>,
}

fn load(dir: &str, set: usize) -> Result<Vec<Doc>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let raw = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let v: serde_json::Value = serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", p.display()))?;
        let text = v["text"].as_str().ok_or("no text")?.to_string();
        let id = v["id"].as_str().map_or_else(|| p.display().to_string(), str::to_string);
        let spans = |key: &str| -> Vec<(usize, usize)> {
            v[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| Some((s["start"].as_u64()? as usize, s["end"].as_u64()? as usize)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (bp, ig) = (spans("boilerplate"), spans("ignore"));
        let seg = Segments::new(&text);
        let cp = code_points(&text);
        let labels = seg
            .lines
            .iter()
            .map(|l| {
                let (s, e) = (cp[l.start], cp[l.end]);
                if share(&ig, s, e) >= 0.5 {
                    None
                } else {
                    Some(share(&bp, s, e) >= 0.5)
                }
            })
            .collect();
        let ignored = seg.lines.iter().map(|l| share(&ig, cp[l.start], cp[l.end]) >= 0.5).collect();
        docs.push(Doc { id, set, text, labels, ignored });
    }
    Ok(docs)
}

/// Byte offset -> code-point offset, for every byte offset 0..=len.
fn code_points(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            map[i + k] = n;
        }
        n += 1;
    }
    map[text.len()] = n;
    map
}

fn share(spans: &[(usize, usize)], s: usize, e: usize) -> f64 {
    if e <= s {
        return 0.0;
    }
    let hit: usize = spans.iter().map(|&(a, b)| b.min(e).saturating_sub(a.max(s))).sum();
    hit as f64 / (e - s) as f64
}

#[derive(Clone)]
struct Options {
    /// Feature columns held at 0 in training (their weights stay 0): ablation.
    drop: Vec<usize>,
    switch_cost: f64,
    doc_power: f64,
    /// Weight of each data folder's documents (in the order given; missing = 1).
    set_weight: Vec<f64>,
    trees: usize,
    depth: usize,
    eta: f64,
    /// Train on headlines/bylines (gold `ignore`) as content lines.
    heads_as_content: bool,
    stages: usize,
    crossfit: bool,
    l2: f64,
    epochs: usize,
    threshold: Option<f64>,
    /// Stage (1-based) that gets the hashed word features; 0 = none.
    hash_stage: usize,
    /// L2 penalty of the hashed weights.
    l2h: f64,
    /// A hashed bucket is trained only if it occurs in this many training documents.
    min_df: usize,
    /// Hashed weights smaller than this are set to 0 (file size).
    hash_prune: f64,
    /// Pages whose in-sample line error rate exceeds this after a first fit
    /// are left out of a second fit (label noise); 0 = off.
    max_doc_error: f64,
}

type Sparse = Vec<Vec<(u32, f32)>>;

fn train(docs: &[&Doc], o: &Options) -> Model {
    if o.max_doc_error > 0.0 {
        let first = train(docs, &Options { max_doc_error: 0.0, ..o.clone() });
        let kept: Vec<&Doc> = docs
            .iter()
            .copied()
            .filter(|d| {
                let p = predicted_pairs(d, &first);
                let wrong = p.iter().filter(|(a, b)| a != b).count();
                (wrong as f64) <= o.max_doc_error * p.len().max(1) as f64
            })
            .collect();
        eprintln!("  {} of {} pages kept for the second fit", kept.len(), docs.len());
        return train(&kept, &Options { max_doc_error: 0.0, ..o.clone() });
    }
    let locals: Vec<Vec<Vec<f64>>> = docs.iter().map(|d| features::local(&Segments::new(&d.text))).collect();
    let hasheds: Vec<Sparse> = docs.iter().map(|d| features::hashed(&Segments::new(&d.text))).collect();
    let mut df = vec![0usize; features::N_HASH];
    for (d, h) in docs.iter().zip(&hasheds) {
        let mut seen = vec![false; features::N_HASH];
        for (l, row) in d.labels.iter().zip(h) {
            if l.is_some() {
                for &(k, _) in row {
                    seen[k as usize] = true;
                }
            }
        }
        for (c, s) in df.iter_mut().zip(&seen) {
            *c += *s as usize;
        }
    }
    let mask: Vec<bool> = df.iter().map(|&c| c >= o.min_df).collect();
    let mut m = train_stages(docs, &locals, &hasheds, &mask, o, o.stages);
    m.threshold = match o.threshold {
        Some(t) => t,
        None => best_threshold(docs, &m),
    };
    m.switch_cost = o.switch_cost;
    m
}

fn fit(
    xs: &[Vec<f64>],
    sp: &[Vec<(u32, f32)>],
    ys: &[f64],
    ws: &[f64],
    mask: &[bool],
    o: &Options,
) -> Logistic {
    let mut m = Logistic::fit_sparse(xs, sp, ys, ws, o.l2, o.l2h, o.epochs, mask);
    for w in &mut m.hash {
        if w.abs() < o.hash_prune {
            *w = 0.0;
        }
    }
    if o.trees > 0 {
        m.boost(xs, ys, o.trees, o.depth, o.eta);
    }
    m
}

/// Labelled rows of `docs`: (features, label), features from `feat(doc index, line)`.
fn rows(
    docs: &[&Doc],
    o: &Options,
    hashed: Option<&[Sparse]>,
    mut feat: impl FnMut(usize, usize) -> Vec<f64>,
) -> (Vec<Vec<f64>>, Sparse, Vec<f64>, Vec<f64>) {
    let (mut xs, mut sp, mut ys, mut ws) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (di, d) in docs.iter().enumerate() {
        // Each document's lines weigh doc_power: 0 = every line alike, 1 = every document alike.
        // 1 (the default) measured best on the mean of 5 CV splits: 0.801/0.857 at 0 ->
        // 0.811/0.868 (long pages of menus and lists no longer dominate the fit).
        let w = (d.labels.len().max(1) as f64).powf(-o.doc_power)
            * o.set_weight.get(d.set).copied().unwrap_or(1.0);
        for (li, l) in d.labels.iter().enumerate() {
            let l = if o.heads_as_content && d.ignored[li] { &Some(false) } else { l };
            if let Some(b) = l {
                let mut x = feat(di, li);
                for &k in &o.drop {
                    if let Some(v) = x.get_mut(k) {
                        *v = 0.0;
                    }
                }
                xs.push(x);
                if let Some(h) = hashed {
                    sp.push(h[di][li].clone());
                }
                ys.push(if *b { 1.0 } else { 0.0 });
                ws.push(w);
            }
        }
    }
    (xs, sp, ys, ws)
}

/// Train `n` stages. Each later stage is fitted on context features from
/// the earlier stages' probabilities: in-sample by default, or out-of-fold
/// inside `docs` with `--crossfit` (which measured worse on 5-fold CV).
fn train_stages(
    docs: &[&Doc],
    locals: &[Vec<Vec<f64>>],
    hasheds: &[Sparse],
    mask: &[bool],
    o: &Options,
    n: usize,
) -> Model {
    let hs = if o.hash_stage == n { Some(hasheds) } else { None };
    if n <= 1 {
        let (xs, sp, ys, ws) = rows(docs, o, hs, |d, l| locals[d][l].clone());
        return Model { stages: vec![fit(&xs, &sp, &ys, &ws, mask, o)], threshold: 0.5, switch_cost: 0.0 };
    }
    const INNER: usize = 4;
    if !o.crossfit {
        let m = train_stages(docs, locals, hasheds, mask, o, n - 1);
        let ctxs: Vec<Vec<Vec<f64>>> = locals
            .iter()
            .zip(hasheds)
            .map(|(l, h)| {
                features::context(l, &boilerplate::stage_probabilities(l, h, &m).pop().unwrap_or_default())
            })
            .collect();
        let (xs, sp, ys, ws) =
            rows(docs, o, hs, |d, l| locals[d][l].iter().chain(ctxs[d][l].iter()).copied().collect());
        let mut m = m;
        m.stages.push(fit(&xs, &sp, &ys, &ws, mask, o));
        return m;
    }
    let mut oof: Vec<Vec<f64>> = vec![Vec::new(); docs.len()];
    for k in 0..INNER {
        let idx: Vec<usize> = (0..docs.len()).filter(|i| i % INNER != k).collect();
        let sub_docs: Vec<&Doc> = idx.iter().map(|&i| docs[i]).collect();
        let sub_locals: Vec<Vec<Vec<f64>>> = idx.iter().map(|&i| locals[i].clone()).collect();
        let sub_hashed: Vec<Sparse> = idx.iter().map(|&i| hasheds[i].clone()).collect();
        let sub = train_stages(&sub_docs, &sub_locals, &sub_hashed, mask, o, n - 1);
        for i in (0..docs.len()).filter(|i| i % INNER == k) {
            oof[i] =
                boilerplate::stage_probabilities(&locals[i], &hasheds[i], &sub).pop().unwrap_or_default();
        }
    }
    let ctxs: Vec<Vec<Vec<f64>>> = locals.iter().zip(&oof).map(|(l, p)| features::context(l, p)).collect();
    let (xs, sp, ys, ws) =
        rows(docs, o, hs, |d, l| locals[d][l].iter().chain(ctxs[d][l].iter()).copied().collect());
    let mut m = train_stages(docs, locals, hasheds, mask, o, n - 1);
    m.stages.push(fit(&xs, &sp, &ys, &ws, mask, o));
    m
}

/// The threshold that maximises the mean of boilerplate and content F1 on `docs`.
fn best_threshold(docs: &[&Doc], m: &Model) -> f64 {
    let mut probs = Vec::new();
    for d in docs {
        let seg = Segments::new(&d.text);
        let p = boilerplate::probabilities(&seg, m);
        for (pp, l) in p.iter().zip(&d.labels) {
            if let Some(b) = l {
                probs.push((*pp, *b));
            }
        }
    }
    let mut best = (0.5, f64::MIN);
    for k in 20..=80 {
        let t = k as f64 / 100.0;
        let c = counts(probs.iter().map(|&(p, b)| (p >= t, b)));
        let s = c.0 + c.1;
        if s > best.1 + 1e-9 {
            best = (t, s);
        }
    }
    best.0
}

/// (boilerplate F1, content F1) from (predicted, gold) pairs.
fn counts(it: impl Iterator<Item = (bool, bool)>) -> (f64, f64) {
    let (mut tp, mut fp, mut fn_, mut tn) = (0.0, 0.0, 0.0, 0.0);
    for (p, g) in it {
        match (p, g) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            (false, false) => tn += 1.0,
        }
    }
    let f = |tp: f64, fp: f64, fn_: f64| if tp > 0.0 { 2.0 * tp / (2.0 * tp + fp + fn_) } else { 0.0 };
    (f(tp, fp, fn_), f(tn, fn_, fp))
}

/// (predicted, gold) per labelled line, with the layer's full decision
/// (model, sequence decoding and rules).
fn predicted_pairs(d: &Doc, m: &Model) -> Vec<(bool, bool)> {
    let seg = Segments::new(&d.text);
    let marked: std::collections::HashSet<usize> =
        boilerplate::detect_with(&seg, m).iter().map(|b| b.span.start).collect();
    seg.lines
        .iter()
        .zip(&d.labels)
        .filter_map(|(line, l)| l.map(|b| (marked.contains(&line.start), b)))
        .collect()
}

fn record(d: &Doc, m: &Model) -> String {
    let seg = Segments::new(&d.text);
    let cp = code_points(&d.text);
    let bp: Vec<serde_json::Value> = boilerplate::detect_with(&seg, m)
        .iter()
        .map(|b| serde_json::json!({"start": cp[b.span.start], "end": cp[b.span.end], "kind": b.kind.as_str()}))
        .collect();
    serde_json::json!({"id": d.id, "text": d.text, "boilerplate": bp}).to_string()
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut dirs: Vec<String> = Vec::new();
    let mut out = None;
    let mut cv = 0usize;
    let mut cv_out = None;
    let mut cv_seed = 0u64;
    let mut o = Options {
        drop: Vec::new(),
        switch_cost: 0.0,
        doc_power: 1.0,
        set_weight: Vec::new(),
        trees: 0,
        depth: 3,
        eta: 0.1,
        heads_as_content: false,
        stages: 2,
        crossfit: false,
        l2: 0.02,
        epochs: 1500,
        threshold: None,
        hash_stage: 2,
        l2h: 0.01,
        min_df: 3,
        hash_prune: 0.0,
        max_doc_error: 0.0,
    };
    while let Some(a) = args.next() {
        let mut val = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--out" => out = Some(val("--out")?),
            "--cv" => cv = val("--cv")?.parse().map_err(|e| format!("--cv: {e}"))?,
            "--cv-out" => cv_out = Some(val("--cv-out")?),
            "--cv-seed" => cv_seed = val("--cv-seed")?.parse().map_err(|e| format!("--cv-seed: {e}"))?,
            "--explain" => {
                let f = val("--explain")?;
                let text = std::fs::read_to_string(&f).map_err(|e| format!("{f}: {e}"))?;
                let m = boilerplate::embedded().ok_or("embedded model does not load")?;
                let seg = Segments::new(&text);
                let local = features::local(&seg);
                let probs = boilerplate::stage_probabilities(&local, &features::hashed(&seg), m);
                for (i, l) in seg.lines.iter().enumerate() {
                    let ps: Vec<String> = probs.iter().map(|p| format!("{:.2}", p[i])).collect();
                    let t: String = l.text(&text).chars().take(70).collect();
                    println!("{} {}", ps.join(" "), t);
                }
                return Ok(());
            }
            "--heads-as-content" => o.heads_as_content = true,
            "--set-weight" => {
                o.set_weight = val("--set-weight")?
                    .split(',')
                    .map(|x| x.parse::<f64>().map_err(|e| format!("--set-weight: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--trees" => o.trees = val("--trees")?.parse().map_err(|e| format!("--trees: {e}"))?,
            "--depth" => o.depth = val("--depth")?.parse().map_err(|e| format!("--depth: {e}"))?,
            "--eta" => o.eta = val("--eta")?.parse().map_err(|e| format!("--eta: {e}"))?,
            "--doc-power" => {
                o.doc_power = val("--doc-power")?.parse().map_err(|e| format!("--doc-power: {e}"))?
            }
            "--switch-cost" => {
                o.switch_cost = val("--switch-cost")?.parse().map_err(|e| format!("--switch-cost: {e}"))?
            }
            "--drop" => {
                let names: Vec<&str> = features::LOCAL_NAMES.to_vec();
                let ctx: Vec<String> = features::CONTEXT_NAMES.iter().map(|n| format!("ctx_{n}")).collect();
                for name in val("--drop")?.split(',') {
                    let k = names
                        .iter()
                        .position(|n| *n == name)
                        .or_else(|| ctx.iter().position(|n| n == name).map(|k| k + names.len()))
                        .ok_or(format!("--drop: no feature {name}"))?;
                    o.drop.push(k);
                }
            }
            "--crossfit" => o.crossfit = true,
            "--stages" => o.stages = val("--stages")?.parse().map_err(|e| format!("--stages: {e}"))?,
            "--hash-stage" => {
                o.hash_stage = val("--hash-stage")?.parse().map_err(|e| format!("--hash-stage: {e}"))?
            }
            "--l2h" => o.l2h = val("--l2h")?.parse().map_err(|e| format!("--l2h: {e}"))?,
            "--hash-prune" => {
                o.hash_prune = val("--hash-prune")?.parse().map_err(|e| format!("--hash-prune: {e}"))?
            }
            "--max-doc-error" => {
                o.max_doc_error =
                    val("--max-doc-error")?.parse().map_err(|e| format!("--max-doc-error: {e}"))?
            }
            "--min-df" => o.min_df = val("--min-df")?.parse().map_err(|e| format!("--min-df: {e}"))?,
            "--l2" => o.l2 = val("--l2")?.parse().map_err(|e| format!("--l2: {e}"))?,
            "--epochs" => o.epochs = val("--epochs")?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--threshold" => {
                o.threshold = Some(val("--threshold")?.parse().map_err(|e| format!("--threshold: {e}"))?)
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => dirs.push(s.to_string()),
        }
    }
    if dirs.is_empty() {
        return Err("usage: train-boiler DATA_DIR [DATA_DIR ...] [--out FILE] [--cv K] [--cv-out FILE] [--l2 X] [--epochs N] [--threshold T]".into());
    }
    let mut docs = Vec::new();
    for (k, dir) in dirs.iter().enumerate() {
        docs.extend(load(dir, k)?);
    }
    eprintln!(
        "{} documents, {} labelled lines",
        docs.len(),
        docs.iter().map(|d| d.labels.iter().flatten().count()).sum::<usize>()
    );
    if cv > 1 {
        // Page i goes to fold i mod K; with --cv-seed S > 0 the pages are
        // first shuffled (another split, to see how much a figure moves). A
        // page is the first 16 characters of an id, so the pasted selection
        // and the whole page of one web page stay in the same fold.
        let mut pages: Vec<&str> = Vec::new();
        let page_of: Vec<usize> = docs
            .iter()
            .map(|d| {
                let key = d.id.get(..16).unwrap_or(&d.id);
                pages.iter().position(|p| *p == key).unwrap_or_else(|| {
                    pages.push(key);
                    pages.len() - 1
                })
            })
            .collect();
        let mut order: Vec<usize> = (0..pages.len()).collect();
        let mut x = cv_seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        if cv_seed > 0 {
            for i in (1..order.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                order.swap(i, (x % (i as u64 + 1)) as usize);
            }
        }
        let mut page_fold = vec![0; pages.len()];
        for (pos, &p) in order.iter().enumerate() {
            page_fold[p] = pos % cv;
        }
        let fold: Vec<usize> = page_of.iter().map(|&p| page_fold[p]).collect();
        let mut lines = Vec::new();
        let mut pairs = Vec::new();
        for k in 0..cv {
            let train_docs: Vec<&Doc> =
                docs.iter().enumerate().filter(|(i, _)| fold[*i] != k).map(|(_, d)| d).collect();
            let m = train(&train_docs, &o);
            for d in docs.iter().enumerate().filter(|(i, _)| fold[*i] == k).map(|(_, d)| d) {
                lines.push(record(d, &m));
                pairs.extend(predicted_pairs(d, &m).into_iter().map(|p| (d.set, p)));
            }
            eprintln!("fold {k}: threshold {:.2}", m.threshold);
        }
        // One line per data folder, the first folder's last (scripts read it).
        for set in (0..dirs.len()).rev() {
            let (fb, fc) = counts(pairs.iter().filter(|(s, _)| *s == set).map(|(_, p)| *p));
            let on = if dirs.len() > 1 { format!(" on {}", dirs[set]) } else { String::new() };
            eprintln!("cross-validated ({cv} folds){on}: boilerplate F1 {fb:.4}, content F1 {fc:.4}");
        }
        if let Some(p) = cv_out {
            std::fs::write(&p, lines.join("\n") + "\n").map_err(|e| format!("{p}: {e}"))?;
        }
    }
    if let Some(p) = out {
        let all: Vec<&Doc> = docs.iter().collect();
        let m = train(&all, &o);
        let rebuild = if dirs.len() == 1 {
            "cargo run --release --bin train-boiler -- ../shared/data/boiler/dev --out data/boiler.model"
        } else {
            "tools/train-boiler.sh"
        };
        let header = format!(
            "Boilerplate line classifier (staged logistic regression).\n\
             Rebuild: {}\n\
             Trained on {} pages of {} (article-extraction-benchmark, MIT); stages {} l2 {} epochs {}; hashed words in stage {} (l2 {}, min df {}); doc power {}.",
            rebuild,
            docs.len(),
            dirs.join(" and "),
            o.stages,
            o.l2,
            o.epochs,
            o.hash_stage,
            o.l2h,
            o.min_df,
            o.doc_power
        );
        std::fs::write(&p, m.to_text(&header)).map_err(|e| format!("{p}: {e}"))?;
        let (fb, fc) = counts(docs.iter().flat_map(|d| predicted_pairs(d, &m)));
        eprintln!(
            "wrote {p}; threshold {:.2}; training-set boilerplate F1 {fb:.4}, content F1 {fc:.4}",
            m.threshold
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-boiler: {e}");
            ExitCode::FAILURE
        }
    }
}
