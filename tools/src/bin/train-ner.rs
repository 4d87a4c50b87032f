//! Train the name tagger: an averaged structured perceptron over hashed
//! features, BILOU Viterbi decoding (the same `decode` the tagger runs).
//! Epochs are picked on dev; the best averaged weights are quantised to i8,
//! the smallest pruned to fit the size budget (gzipped bytes, what the page
//! pays), and written compactly. Of the quantisations tried, the one with
//! the best mean of CoNLL dev (the first dev file) and the macro mean.
//!
//!   cargo run --release --bin train-ner -- TRAIN@WEIGHT... --dev DEV... -o data/ner.model
//!
//! Several training files (each weighted WEIGHT: used floor(WEIGHT) times
//! per epoch, its updates scaled to make up the rest, so @0.5 halves them); labels a
//! source's `<source>.meta.json` marks missing or partial are unknown, not O
//! (`decode_partial`). Epochs are picked on the macro mean of strict F1 over
//! the dev files. The committed model: tools/train-entities.sh.
//!
//! Deterministic: documents are shuffled by a fixed-seed generator.

use annotator::internals::entities::features::{self as fx, NT};
use annotator::internals::entities::model::{self as nm, bucket, Model, Scorer};
use annotator_tools::conll::{self as cn, ConllDoc, Counts};
use std::process::ExitCode;
use std::time::Instant;

struct Train<'a> {
    owner: &'a [u8],
    nbits: u32,
    w: Vec<f32>,
    u: Vec<f32>,
    c: f32,
    /// The current document's weight: its updates are scaled by it.
    scale: f32,
}

impl Scorer for Train<'_> {
    fn score(&self, feats: &[u64], out: &mut [f32; NT]) {
        score_f32(&self.w, self.owner, self.nbits, feats, out)
    }
    fn adjust(&mut self, f: u64, tag: u8, delta: f32) {
        let r = bucket(f, self.nbits);
        if self.owner[r] != nm::fingerprint(f) {
            return;
        }
        let k = r * NT + tag as usize;
        let delta = delta * self.scale;
        self.w[k] += delta;
        self.u[k] += self.c * delta;
    }
    fn tick(&mut self) {
        self.c += 1.0;
    }
}

fn score_f32(w: &[f32], owner: &[u8], nbits: u32, feats: &[u64], out: &mut [f32; NT]) {
    for &f in feats {
        let r = bucket(f, nbits);
        if owner[r] != nm::fingerprint(f) {
            continue;
        }
        let b = r * NT;
        for (o, x) in out.iter_mut().zip(&w[b..b + NT]) {
            *o += x;
        }
    }
}

struct Fixed<'a> {
    nbits: u32,
    w: &'a [f32],
    owner: &'a [u8],
}

impl Scorer for Fixed<'_> {
    fn score(&self, feats: &[u64], out: &mut [f32; NT]) {
        score_f32(self.w, self.owner, self.nbits, feats, out)
    }
}

/// The feature that owns each bucket: the majority (Boyer-Moore vote) of
/// the features hashed there over the training data, in corpus order.
fn owners(train: &[Prepared], nbits: u32) -> Vec<u8> {
    let mut owner = vec![0u8; 1 << nbits];
    let mut count = vec![0u32; 1 << nbits];
    let mut vote = |f: u64| {
        let r = bucket(f, nbits);
        let fp = nm::fingerprint(f);
        if count[r] == 0 {
            owner[r] = fp;
            count[r] = 1;
        } else if owner[r] == fp {
            count[r] += 1;
        } else {
            count[r] -= 1;
        }
    };
    for p in 0..=NT as u8 {
        vote(fx::transition(p));
    }
    let mut buf = Vec::new();
    for d in train {
        for &f in &d.ex.feats {
            vote(f);
        }
        for t in &d.ex.info {
            buf.clear();
            fx::all_dynamic(t, &mut buf);
            for &f in &buf {
                vote(f);
            }
        }
    }
    // Hidden-word features (dropout) must own their buckets too.
    for (_, h) in fx::hidden_word() {
        for _ in 0..1000 {
            vote(h);
        }
    }
    owner
}

struct Prepared {
    ex: fx::Extracted,
    gold: Vec<u8>,
    /// Labels (PER, ORG, LOC, MISC) the source does not annotate fully.
    unknown: [bool; 4],
    /// How much the document's updates count (its source's weight).
    scale: f32,
}

fn prepare(docs: &[ConllDoc], unknown: [bool; 4], scale: f32) -> Vec<Prepared> {
    docs.iter()
        .map(|d| {
            let words: Vec<&str> = d.words.iter().map(|s| s.as_str()).collect();
            let ex = fx::extract(&fx::Doc { words, sents: d.sents.clone() });
            Prepared { ex, gold: d.tags.clone(), unknown, scale }
        })
        .collect()
}

/// One dev source: its documents, scored on the labels it annotates.
struct DevSet {
    name: String,
    docs: Vec<Prepared>,
}

fn mask_unknown(tags: &mut [u8], unknown: [bool; 4]) {
    for (a, b, l) in nm::spans(tags) {
        if unknown[l] {
            tags[a..b].iter_mut().for_each(|t| *t = fx::O);
        }
    }
}

/// Augmentation: every other document gets its all-caps headlines in Title
/// Case, as pasted web articles have them ("Japan Get Lucky Win"), so the
/// model learns both. Short all-caps names stay as they are (acronyms).
fn title_case_headlines(docs: &mut [ConllDoc]) {
    const SMALL: &[&str] =
        &["a", "an", "the", "of", "in", "on", "to", "for", "and", "at", "by", "with", "as", "vs"];
    for d in docs.iter_mut().skip(1).step_by(2) {
        for r in d.sents.clone() {
            let letters: Vec<bool> =
                d.words[r.clone()].iter().map(|w| w.chars().any(|c| c.is_alphabetic())).collect();
            let caps = d.words[r.clone()]
                .iter()
                .filter(|w| w.chars().any(|c| c.is_alphabetic()))
                .all(|w| !w.chars().any(|c| c.is_lowercase()));
            if !caps || letters.iter().filter(|&&b| b).count() < 3 {
                continue;
            }
            for i in r.clone() {
                let w = &d.words[i];
                if !w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
                    continue;
                }
                let n = w.chars().filter(|c| c.is_alphabetic()).count();
                if d.tags[i] != fx::O && n <= 4 {
                    continue;
                }
                let lower = w.to_lowercase();
                d.words[i] = if i > r.start && SMALL.contains(&lower.as_str()) {
                    lower
                } else {
                    let mut c = lower.chars();
                    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
                };
            }
        }
    }
}

fn evaluate<S: Scorer>(s: &mut S, docs: &[Prepared]) -> Counts {
    let mut c = Counts::default();
    for d in docs {
        let mut pred = nm::decode(s, &d.ex, None);
        let mut gold = d.gold.clone();
        mask_unknown(&mut pred, d.unknown);
        mask_unknown(&mut gold, d.unknown);
        c.add(&gold, &pred);
    }
    c
}

/// Macro mean of strict F1 over the dev sources (the selection figure),
/// and each source's F1.
fn evaluate_all<S: Scorer>(s: &mut S, dev: &[DevSet]) -> (f64, Vec<f64>) {
    let each: Vec<f64> = dev.iter().map(|d| evaluate(s, &d.docs).f1()).collect();
    (each.iter().sum::<f64>() / each.len().max(1) as f64, each)
}

fn show(each: &[f64]) -> String {
    each.iter().map(|f| format!("{f:.3}")).collect::<Vec<_>>().join(" ")
}

struct Args {
    /// Training files, each with how many times its documents are used
    /// per epoch and by how much their updates are scaled.
    train: Vec<(String, usize, f32)>,
    dev: Vec<String>,
    out: String,
    epochs: usize,
    bits: u32,
    budget: usize,
    seed: u64,
    drop: f64,
    bag: usize,
    title_case: bool,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        train: Vec::new(),
        dev: Vec::new(),
        out: "data/ner.model".into(),
        epochs: 20,
        bits: 17,
        budget: 200_000,
        seed: 1,
        drop: 0.2,
        bag: 4,
        title_case: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = |n: &str| it.next().ok_or(format!("{n} needs a value"));
        match x.as_str() {
            "--dev" => a.dev.push(val("--dev")?),
            "-o" => a.out = val("-o")?,
            "--epochs" => a.epochs = val("--epochs")?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--bits" => a.bits = val("--bits")?.parse().map_err(|e| format!("--bits: {e}"))?,
            "--budget" => a.budget = val("--budget")?.parse().map_err(|e| format!("--budget: {e}"))?,
            "--drop" => a.drop = val("--drop")?.parse().map_err(|e| format!("--drop: {e}"))?,
            "--no-title-case" => a.title_case = false,
            "--bag" => a.bag = val("--bag")?.parse().map_err(|e| format!("--bag: {e}"))?,
            "--seed" => a.seed = val("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            s if !s.starts_with('-') => {
                // PATH@W: used floor(W) times per epoch (at least once),
                // each update scaled so that the source counts W in all.
                let (path, w) = match s.rsplit_once('@') {
                    Some((p, k)) => (p, k.parse::<f64>().map_err(|e| format!("{s}: weight: {e}"))?),
                    None => (s, 1.0),
                };
                if !(w.is_finite() && w > 0.0 && w <= 100.0) {
                    return Err(format!("{s}: weight must be in (0, 100]"));
                }
                let times = (w.floor() as usize).max(1);
                a.train.push((path.to_string(), times, (w / times as f64) as f32));
            }
            s => return Err(format!("unknown argument {s}")),
        }
    }
    if a.train.is_empty() {
        return Err("usage: train-ner TRAIN.txt[@WEIGHT]... [--dev DEV.txt]... [-o data/ner.model] [--epochs N] [--bits B] [--budget GZIPPED_BYTES] [--seed S] [--drop P] [--bag K] [--no-title-case]".into());
    }
    if !(10..=22).contains(&a.bits) {
        return Err("--bits must be 10..=22".into());
    }
    Ok(a)
}

/// The size the page pays for a model: its bytes deflated at level 9
/// (as gzip -9 gives, less the 18-byte gzip frame).
fn shipped_size(bytes: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(bytes, 9).len() + 18
}

/// Log-coded i8 weights with resolution `low`, the smallest pruned until
/// the compact form fits `budget` bytes gzipped: cells with |code| <= t,
/// and whole rows whose largest |code| is <= t + `lone` (a row costs its
/// bucket gap, mask and fingerprint, ~3 bytes, on top of a byte per cell:
/// a row's lone weight is dearer than another weight in a row kept
/// anyway). The smallest such t, by bisection (size falls as t grows).
fn quantise(avg: &[f32], owner: &[u8], nbits: u32, low: f32, budget: usize, lone: u8) -> (Vec<u8>, Model) {
    let top = avg.iter().fold(0f32, |m, x| m.max(x.abs())).max(low * 2.0);
    let full: Vec<i8> = avg.iter().map(|&x| nm::encode_weight(x, low, top)).collect();
    let row_max: Vec<u8> =
        full.chunks(NT).map(|r| r.iter().map(|x| x.unsigned_abs()).max().unwrap_or(0)).collect();
    let pruned = |thr: u8| -> Vec<i8> {
        let row_cut = thr.saturating_add(lone);
        let mut codes = full.clone();
        for (row, &m) in codes.chunks_mut(NT).zip(&row_max) {
            for x in row.iter_mut() {
                if x.unsigned_abs() <= thr || m <= row_cut {
                    *x = 0;
                }
            }
        }
        codes
    };
    let fits = |thr: u8| shipped_size(&Model::encode(nbits, low, top, &pruned(thr), owner)) <= budget;
    // Smallest thr in 0..=127 that fits (127 prunes everything).
    let (mut lo, mut hi) = (0u8, 127u8);
    if !fits(0) {
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if fits(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    } else {
        hi = 0;
    }
    let codes = pruned(hi);
    let bytes = Model::encode(nbits, low, top, &codes, owner);
    eprintln!(
        "  low {low:.4}: pruned |q| <= {hi} (rows <= {}), {} non-zero, {} bytes, {} gzipped",
        hi.saturating_add(lone),
        codes.iter().filter(|&&x| x != 0).count(),
        bytes.len(),
        shipped_size(&bytes)
    );
    (bytes, Model::from_codes(nbits, low, top, &codes, owner))
}

/// Resolutions tried: quantiles of the non-zero |w|.
fn candidate_lows(avg: &[f32]) -> Vec<f32> {
    let mut mags: Vec<f32> = avg.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    mags.sort_by(|a, b| a.total_cmp(b));
    [0.02, 0.1, 0.3]
        .iter()
        .map(|q| {
            let k = ((mags.len() as f64 * q) as usize).min(mags.len().saturating_sub(1));
            mags.get(k).copied().unwrap_or(1.0).max(1e-6)
        })
        .collect()
}

/// One averaged-perceptron run; the averaged weights of its best epoch on
/// dev (the last epoch without dev).
fn train_run(
    a: &Args,
    owner: &[u8],
    seed: u64,
    train: &[Prepared],
    dev: &[DevSet],
    t0: Instant,
) -> Option<(f64, usize, Vec<f32>)> {
    let cells = (1usize << a.bits) * NT;
    let mut tr = Train { owner, nbits: a.bits, w: vec![0.0; cells], u: vec![0.0; cells], c: 1.0, scale: 1.0 };
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut best: Option<(f64, usize, Vec<f32>)> = None;
    let mut since_best = 0;
    for ep in 1..=a.epochs {
        for i in (1..order.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let hidden = fx::hidden_word();
        let cut = (a.drop * u32::MAX as f64) as u64;
        for &k in &order {
            tr.scale = train[k].scale;
            if a.drop > 0.0 {
                // Hide some words' identity for this pass.
                let mut ex = train[k].ex.clone();
                for i in 0..ex.info.len() {
                    if (next() & 0xffff_ffff) < cut {
                        let base = ex.starts[i] as usize;
                        for &(slot, h) in &hidden {
                            if let Some(f) = ex.feats.get_mut(base + slot) {
                                *f = h;
                            }
                        }
                    }
                }
                nm::decode_partial(&mut tr, &ex, Some(&train[k].gold), train[k].unknown);
            } else {
                nm::decode_partial(&mut tr, &train[k].ex, Some(&train[k].gold), train[k].unknown);
            }
        }
        let avg: Vec<f32> = tr.w.iter().zip(&tr.u).map(|(w, u)| w - u / tr.c).collect();
        if dev.is_empty() {
            best = Some((0.0, ep, avg));
            eprintln!("epoch {ep}: {:.1}s", t0.elapsed().as_secs_f64());
            continue;
        }
        let (f1, each) = evaluate_all(&mut Fixed { nbits: a.bits, w: &avg, owner }, dev);
        eprintln!("epoch {ep}: dev F1 {f1:.4} [{}] ({:.1}s)", show(&each), t0.elapsed().as_secs_f64());
        if best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, ep, avg));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= 3 {
                break;
            }
        }
    }
    best
}

fn main() -> ExitCode {
    let a = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let t0 = Instant::now();
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let mut train = Vec::new();
    for (path, times, scale) in &a.train {
        let txt = match read(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        let mut docs = cn::read(&txt);
        if a.title_case {
            title_case_headlines(&mut docs);
        }
        let unknown = cn::scored_labels(path).map(|k| !k);
        let n = docs.len();
        for _ in 0..*times {
            train.extend(prepare(&docs, unknown, *scale));
        }
        eprintln!("  {path}: {n} docs x{times} (updates x{scale}), unknown labels {unknown:?}");
    }
    let mut dev = Vec::new();
    for path in &a.dev {
        match read(path) {
            Ok(t) => {
                let unknown = cn::scored_labels(path).map(|k| !k);
                dev.push(DevSet { name: cn::source_name(path), docs: prepare(&cn::read(&t), unknown, 1.0) })
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let ntok: usize = train.iter().map(|d| d.gold.len()).sum();
    eprintln!(
        "{} train docs, {ntok} tokens; dev sources {}; features in {:.1}s",
        train.len(),
        dev.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join(" "),
        t0.elapsed().as_secs_f64()
    );

    let owner = owners(&train, a.bits);
    let mut sum: Vec<f32> = Vec::new();
    for run in 0..a.bag.max(1) {
        let seed = a.seed + run as u64;
        let Some((f1, ep, avg)) = train_run(&a, &owner, seed, &train, &dev, t0) else {
            eprintln!("no epochs");
            return ExitCode::FAILURE;
        };
        eprintln!("run {run} (seed {seed}): best epoch {ep} (dev F1 {f1:.4})");
        if sum.is_empty() {
            sum = avg;
        } else {
            for (s, x) in sum.iter_mut().zip(avg) {
                *s += x;
            }
        }
    }
    let k = a.bag.max(1) as f32;
    let avg: Vec<f32> = sum.into_iter().map(|x| x / k).collect();
    if !dev.is_empty() {
        let (f1, each) = evaluate_all(&mut Fixed { nbits: a.bits, w: &avg, owner: &owner }, &dev);
        eprintln!("average of {} runs: dev F1 {f1:.4} [{}]", a.bag.max(1), show(&each));
    }
    let mut chosen: Option<(f64, (Vec<u8>, Model))> = None;
    'lows: for low in candidate_lows(&avg) {
        for lone in [0, 8, 16, 24] {
            let m = quantise(&avg, &owner, a.bits, low, a.budget, lone);
            let (macro_f1, each) = evaluate_all(&mut nm::Infer(&m.1), &dev);
            // The first dev set (CoNLL dev, news: the tagger's main use)
            // counts as much as the macro mean of all.
            let f = (macro_f1 + each.first().copied().unwrap_or(0.0)) / 2.0;
            eprintln!("  -> dev F1 {macro_f1:.4} [{}], choice score {f:.4}", show(&each));
            if chosen.as_ref().is_none_or(|c| f > c.0) {
                chosen = Some((f, m));
            }
            if dev.is_empty() {
                break 'lows;
            }
        }
    }
    let Some((_, (bytes, model))) = chosen else { return ExitCode::FAILURE };
    if !dev.is_empty() {
        for d in &dev {
            let c = evaluate(&mut nm::Infer(&model), &d.docs);
            eprintln!("quantised model on {}:\n{}", d.name, c.report());
        }
    }
    if let Err(e) = std::fs::write(&a.out, &bytes) {
        eprintln!("{}: {e}", a.out);
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {} ({} bytes); training time {:.1}s", a.out, bytes.len(), t0.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}
