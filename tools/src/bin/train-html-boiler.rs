//! Train the HTML article-body extractor (data/html-boiler.model) on the development pages,
//! or measure it by 5-fold cross-validation by page.
//!
//!   cargo run --release --bin train-html-boiler -- ../shared/data/boiler/html-dev --out data/html-boiler.model
//!   cargo run --release --bin train-html-boiler -- ../shared/data/boiler/html-dev --cv --pred target/html-cv.jsonl
//!
//! DIR holds html/*.html.gz (read through `gzip -dc`) and ground-truth.json ({id: {"articleBody"}}).
//! A line is labelled body if at least half its 4-word shingles are in the page's true body (a line
//! of fewer than 6 words: its word sequence occurs in the body). Lines are weighted by word count,
//! each page normalised to the same total. Model: two stages of gradient-boosted trees (depth 4,
//! 100 rounds, eta 0.15), each a bag of 3 ensembles on deterministic ~70% samples of the pages;
//! stage 2 adds out-of-fold (4-fold) stage-1 probabilities of neighbouring and enclosing lines.
//! Single-threaded and seedless: the same pages give the same model file byte for byte.
//! --raw: write predictions from the model alone (no head/gap/fragment rules).
//! --cv: page i (pages sorted by id) is in fold i % 5; writes each page's held-out prediction
//! (`--pred`, the annotator's JSON Lines schema, boilerplate spans in code points) for
//! ../shared/eval/score_body.py; the head rule (headline, byline, summary kept) is applied as in
//! the product.
//! --pred-raw / --pred-body: beside --pred, the model alone, and the product's body without its
//! head (headline, byline/dateline, summary: the product keeps them as article, the benchmark's
//! gold body leaves them out, so this is the figure comparable with other extractors).
//! --model FILE: predict with a trained model (in-sample figures of the committed model).
//! --save-probs FILE / --load-probs FILE: keep a run's probabilities and try decision rules on
//! them without training (--threshold T, `--decide LO:HI[:prose]`, see html::container_keep).

use annotator::internals::html::extract::{self, Bag, Gbdt, Model, Tree};
use annotator::internals::html::{self, Page};
use std::collections::HashMap;
use std::io::Write;

const ROUNDS: usize = 100;
const DEPTH: usize = 4;
const ETA: f32 = 0.15;
const MIN_LEAF: f32 = 2.0;
const BAGS: usize = 3;
const THRESHOLD: f32 = 0.5;

fn load_dir(dir: &str) -> Result<Vec<(String, String)>, String> {
    let mut names: Vec<_> = std::fs::read_dir(format!("{dir}/html"))
        .map_err(|e| format!("{dir}/html: {e}"))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut v = Vec::new();
    for p in names {
        let Some(id) = p.file_name().and_then(|f| f.to_str()).and_then(|f| f.strip_suffix(".html.gz")) else {
            continue;
        };
        let out = std::process::Command::new("gzip")
            .arg("-dc")
            .arg(&p)
            .output()
            .map_err(|e| format!("gzip {}: {e}", p.display()))?;
        v.push((id.to_string(), String::from_utf8_lossy(&out.stdout).into_owned()));
    }
    Ok(v)
}

type Sh = HashMap<Vec<String>, i32>;
fn shingles(t: &str) -> Sh {
    let w: Vec<String> = extract::words(t).into_iter().map(str::to_string).collect();
    let mut m = Sh::new();
    if w.is_empty() {
        return m;
    }
    for i in 0..w.len().saturating_sub(3).max(1) {
        *m.entry(w[i..(i + 4).min(w.len())].to_vec()).or_insert(0) += 1;
    }
    m
}

struct Doc {
    id: String,
    page: Page,
    f1: Vec<Vec<f32>>,
    y: Vec<f32>,
    w: Vec<f32>,
}

fn labels(page: &Page, gold: &str, gold_sh: &Sh) -> Vec<f32> {
    let gw = format!(" {} ", extract::words(gold).join(" "));
    page.lines
        .iter()
        .map(|l| {
            let t = &page.text[l.start..l.end];
            let w = extract::words(t);
            if w.is_empty() {
                return 0.0;
            }
            if w.len() < 6 {
                return gw.contains(&format!(" {} ", w.join(" "))) as u8 as f32;
            }
            let s = shingles(t);
            let tot: i32 = s.values().sum();
            let hit: i32 = s.iter().map(|(k, &c)| c.min(gold_sh.get(k).copied().unwrap_or(0))).sum();
            (hit as f32 / tot as f32 >= 0.5) as u8 as f32
        })
        .collect()
}

fn weights(page: &Page) -> Vec<f32> {
    let ws: Vec<f32> = page
        .lines
        .iter()
        .map(|l| (extract::words(&page.text[l.start..l.end]).len() as f32).max(1.0))
        .collect();
    let tot: f32 = ws.iter().sum::<f32>().max(1.0);
    ws.iter().map(|w| w / tot * 300.0).collect()
}

/// A bag of `BAGS` ensembles, each on a deterministic ~70% sample of the pages.
fn bag<'a>(docs: &[&'a Doc], feats: &dyn Fn(usize, &'a Doc) -> Vec<Vec<f32>>) -> Bag {
    let mut out = Vec::new();
    for b in 0..BAGS {
        let (mut xs, mut ys, mut ws) = (Vec::new(), Vec::new(), Vec::new());
        for (i, d) in docs.iter().enumerate() {
            let h = (i as u64 + 1)
                .wrapping_mul(0x9E3779B97F4A7C15)
                .wrapping_add(b as u64 * 0xD1B54A32D192ED03)
                .rotate_left(17)
                .wrapping_mul(0xBF58476D1CE4E5B9);
            if BAGS > 1 && h % 10 >= 7 {
                continue;
            }
            xs.extend(feats(i, d));
            ys.extend(d.y.iter().copied());
            ws.extend(d.w.iter().copied());
        }
        out.push(train_gbdt(&xs, &ys, &ws, ROUNDS, DEPTH, ETA, MIN_LEAF));
    }
    Bag(out)
}

fn train(docs: &[&Doc]) -> Model {
    let s1 = bag(docs, &|_, d| d.f1.clone());
    let k = 4;
    let mut p1s: Vec<Vec<f32>> = vec![Vec::new(); docs.len()];
    for fold in 0..k {
        let tr: Vec<&Doc> = docs.iter().enumerate().filter(|(i, _)| i % k != fold).map(|(_, d)| *d).collect();
        let m = bag(&tr, &|_, d| d.f1.clone());
        for (i, d) in docs.iter().enumerate() {
            if i % k == fold {
                p1s[i] = d.f1.iter().map(|x| m.prob(x)).collect();
            }
        }
    }
    let s2 = bag(docs, &|i, d| extract::features2(&d.page, &d.f1, &p1s[i]));
    Model { s1, s2, threshold: THRESHOLD }
}

fn sigmoid(z: f32) -> f32 {
    extract::sigmoid(z)
}

/// Train on rows `xs` with labels `ys` (0/1) and weights `ws`.
fn train_gbdt(
    xs: &[Vec<f32>],
    ys: &[f32],
    ws: &[f32],
    rounds: usize,
    depth: usize,
    eta: f32,
    min_leaf: f32,
) -> Gbdt {
    let n = xs.len();
    if n == 0 {
        return Gbdt::default();
    }
    let nf = xs[0].len();
    const NBIN: usize = 32;
    // quantile bins per feature
    let mut cuts: Vec<Vec<f32>> = Vec::with_capacity(nf);
    for f in 0..nf {
        let mut v: Vec<f32> = xs.iter().map(|x| x[f]).collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        v.dedup();
        let mut c = Vec::new();
        if v.len() <= NBIN {
            for k in 0..v.len().saturating_sub(1) {
                c.push((v[k] + v[k + 1]) / 2.0);
            }
        } else {
            for k in 1..NBIN {
                let a = v[k * v.len() / NBIN - 1];
                let b = v[k * v.len() / NBIN];
                let t = (a + b) / 2.0;
                if c.last() != Some(&t) {
                    c.push(t);
                }
            }
        }
        cuts.push(c);
    }
    let bins: Vec<Vec<u8>> =
        xs.iter().map(|x| (0..nf).map(|f| cuts[f].partition_point(|&c| c < x[f]) as u8).collect()).collect();
    let pos: f32 = ys.iter().zip(ws).map(|(y, w)| y * w).sum();
    let tot: f32 = ws.iter().sum();
    let p0 = (pos / tot).clamp(1e-3, 1.0 - 1e-3);
    let base = (p0 / (1.0 - p0)).ln();
    let mut f = vec![base; n];
    let mut trees = Vec::new();
    let lambda = 1.0f32;
    for _ in 0..rounds {
        let g: Vec<f32> = (0..n).map(|i| (sigmoid(f[i]) - ys[i]) * ws[i]).collect();
        let h: Vec<f32> = (0..n)
            .map(|i| {
                let p = sigmoid(f[i]);
                (p * (1.0 - p)).max(1e-6) * ws[i]
            })
            .collect();
        let mut node_of = vec![0u32; n];
        let mut nodes: Vec<(u32, f32, u32, u32)> = vec![(u32::MAX, 0.0, 0, 0)];
        let mut frontier = vec![0u32];
        for _d in 0..depth {
            let mut next = Vec::new();
            // histograms per frontier node
            let idx: std::collections::HashMap<u32, usize> =
                frontier.iter().enumerate().map(|(k, &nd)| (nd, k)).collect();
            let mut hg = vec![vec![[0.0f32; NBIN + 1]; nf]; frontier.len()];
            let mut hh = vec![vec![[0.0f32; NBIN + 1]; nf]; frontier.len()];
            let mut sg = vec![0.0f32; frontier.len()];
            let mut sh = vec![0.0f32; frontier.len()];
            for i in 0..n {
                let Some(&k) = idx.get(&node_of[i]) else { continue };
                sg[k] += g[i];
                sh[k] += h[i];
                let bi = &bins[i];
                let (hgk, hhk) = (&mut hg[k], &mut hh[k]);
                for ff in 0..nf {
                    let bb = bi[ff] as usize;
                    hgk[ff][bb] += g[i];
                    hhk[ff][bb] += h[i];
                }
            }
            let mut split: Vec<Option<(usize, usize, f32)>> = vec![None; frontier.len()];
            for k in 0..frontier.len() {
                let parent_gain = sg[k] * sg[k] / (sh[k] + lambda);
                let mut best: Option<(usize, usize, f32)> = None;
                for ff in 0..nf {
                    let (mut gl, mut hl) = (0.0f32, 0.0f32);
                    for bb in 0..cuts[ff].len() {
                        gl += hg[k][ff][bb];
                        hl += hh[k][ff][bb];
                        let (gr, hr) = (sg[k] - gl, sh[k] - hl);
                        if hl < min_leaf || hr < min_leaf {
                            continue;
                        }
                        let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent_gain;
                        if gain > 1e-3 && best.is_none_or(|b| gain > b.2) {
                            best = Some((ff, bb, gain));
                        }
                    }
                }
                split[k] = best;
            }
            for (k, &nd) in frontier.iter().enumerate() {
                if let Some((ff, bb, _)) = split[k] {
                    let l = nodes.len() as u32;
                    nodes.push((u32::MAX, 0.0, 0, 0));
                    nodes.push((u32::MAX, 0.0, 0, 0));
                    nodes[nd as usize] = (ff as u32, cuts[ff][bb], l, l + 1);
                    next.push(l);
                    next.push(l + 1);
                }
            }
            for i in 0..n {
                let nd = node_of[i] as usize;
                let (ff, _t, l, r) = nodes[nd];
                if ff != u32::MAX && idx.contains_key(&(nd as u32)) {
                    node_of[i] =
                        if (bins[i][ff as usize] as usize) <= split[idx[&(nd as u32)]].map_or(0, |s| s.1) {
                            l
                        } else {
                            r
                        };
                }
            }
            frontier = next;
            if frontier.is_empty() {
                break;
            }
        }
        // leaf values
        let mut lg = vec![0.0f32; nodes.len()];
        let mut lh = vec![0.0f32; nodes.len()];
        for i in 0..n {
            lg[node_of[i] as usize] += g[i];
            lh[node_of[i] as usize] += h[i];
        }
        for (k, nd) in nodes.iter_mut().enumerate() {
            if nd.0 == u32::MAX {
                nd.1 = -eta * lg[k] / (lh[k] + lambda);
            }
        }
        let tree = Tree { nodes };
        for i in 0..n {
            f[i] += tree.eval(&xs[i]);
        }
        trees.push(tree);
    }
    Gbdt { base, trees }
}

/// How predictions are decided from probabilities: the model's threshold alone (`Raw`), the
/// product's rules (`Product`: [`html::body_lines`], head kept as article), or the product's
/// article body without its head (`Body`: what the benchmark's gold calls the body).
#[derive(Clone, Copy)]
enum Rule {
    Raw,
    Product,
    Body,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("train-html-boiler: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().position(|a| a == f).and_then(|i| args.get(i + 1)).cloned();
    let dir =
        args.first().filter(|a| !a.starts_with("--")).cloned().ok_or(
            "usage: train-html-boiler DIR (--out MODEL | --cv --pred PRED.jsonl | --pred PRED.jsonl)",
        )?;
    let cv = args.iter().any(|a| a == "--cv");
    // --raw: predictions from the model's threshold alone, without the product's head and
    // gap rules (to see what they cost on the gold bodies, which leave the headline out).
    let raw = args.iter().any(|a| a == "--raw");
    let gold_text = std::fs::read_to_string(format!("{dir}/ground-truth.json")).map_err(|e| e.to_string())?;
    let gold_json: serde_json::Value = serde_json::from_str(&gold_text).map_err(|e| e.to_string())?;
    let docs: Vec<Doc> = load_dir(&dir)?
        .into_iter()
        .map(|(id, src)| {
            let page = html::parse(&src);
            let gold = gold_json[&id]["articleBody"].as_str().unwrap_or("").to_string();
            let f1 = extract::features(&page);
            let y = labels(&page, &gold, &shingles(&gold));
            let w = weights(&page);
            Doc { id, page, f1, y, w }
        })
        .collect();
    eprintln!("{} pages, {} lines", docs.len(), docs.iter().map(|d| d.y.len()).sum::<usize>());
    let mut probs: Vec<Vec<f32>> = vec![Vec::new(); docs.len()];
    if let Some(path) = flag("--load-probs") {
        // Probabilities saved by an earlier run (--save-probs): try decision rules without
        // training again.
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let saved: HashMap<String, Vec<f32>> =
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        for (d, p) in docs.iter().zip(probs.iter_mut()) {
            *p = saved.get(&d.id).cloned().ok_or(format!("{path}: no {}", d.id))?;
        }
    } else if let Some(path) = flag("--model") {
        // A trained model (the committed one): in-sample predictions without training.
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        let m = Model::from_text(&text).ok_or(format!("{path}: not a model"))?;
        for (d, p) in docs.iter().zip(probs.iter_mut()) {
            *p = extract::probabilities(&d.page, &m);
        }
    } else if cv {
        for fold in 0..5 {
            let tr: Vec<&Doc> =
                docs.iter().enumerate().filter(|(i, _)| i % 5 != fold).map(|(_, d)| d).collect();
            let m = train(&tr);
            for (i, d) in docs.iter().enumerate() {
                if i % 5 == fold {
                    probs[i] = extract::probabilities(&d.page, &m);
                }
            }
            eprintln!("fold {fold} done");
        }
    } else {
        let all: Vec<&Doc> = docs.iter().collect();
        let m = train(&all);
        if let Some(out) = flag("--out") {
            std::fs::write(&out, m.to_text()).map_err(|e| format!("{out}: {e}"))?;
            eprintln!("wrote {out}");
        }
        for (i, d) in docs.iter().enumerate() {
            probs[i] = extract::probabilities(&d.page, &m);
        }
    }
    // Decision experiments on (loaded) probabilities: --threshold T, --decide LO:HI (lines
    // inside the best article container need LO, outside HI; extract::decide).
    let threshold: f32 = flag("--threshold").and_then(|t| t.parse().ok()).unwrap_or(THRESHOLD);
    if let Some((lo, hi, prose)) = flag("--decide").and_then(|d| {
        let mut it = d.split(':');
        Some((it.next()?.parse::<f32>().ok()?, it.next()?.parse::<f32>().ok()?, it.next() == Some("prose")))
    }) {
        for (d, p) in docs.iter().zip(probs.iter_mut()) {
            let keep = html::container_keep(&d.page, p, lo, hi, prose);
            *p = keep.iter().map(|&k| if k { 1.0 } else { 0.0 }).collect();
        }
    }
    let threshold = if flag("--decide").is_some() { 0.5 } else { threshold };
    if let Some(path) = flag("--save-probs") {
        let saved: HashMap<&str, &Vec<f32>> =
            docs.iter().zip(&probs).map(|(d, p)| (d.id.as_str(), p)).collect();
        let text = serde_json::to_string(&saved).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("{path}: {e}"))?;
    }
    let outputs = [
        (flag("--pred"), if raw { Rule::Raw } else { Rule::Product }),
        (flag("--pred-raw"), Rule::Raw),
        (flag("--pred-body"), Rule::Body),
    ];
    for (path, rule) in outputs.iter().filter_map(|(p, r)| p.as_ref().map(|p| (p, *r))) {
        let mut f = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
        for (d, p) in docs.iter().zip(&probs) {
            let keep = match rule {
                Rule::Raw => p.iter().map(|&x| x >= threshold).collect(),
                Rule::Product => html::body_lines(&d.page, p, threshold),
                Rule::Body => {
                    let (mut keep, head) = html::article_lines(&d.page, p, threshold);
                    for i in head {
                        keep[i] = false;
                    }
                    keep
                }
            };
            let mut spans = Vec::new();
            for (l, &k) in d.page.lines.iter().zip(&keep) {
                if !k {
                    let s = d.page.text[..l.start].chars().count();
                    let e = s + d.page.text[l.start..l.end].chars().count();
                    spans.push(serde_json::json!({"start": s, "end": e}));
                }
            }
            let rec = serde_json::json!({"id": d.id, "text": d.page.text, "boilerplate": spans});
            writeln!(f, "{rec}").map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
