//! Train the quote layer's speaker ranker and write `data/speakers.model`;
//! or measure it on a gold split.
//!
//!   train-speakers TRAIN.jsonl --out data/speakers.model [--dev DEV.jsonl]
//!   train-speakers --eval DEV.jsonl
//!
//! Reads PolNeAR-style JSON Lines (`text`, `quotes` with `start`, `end` and
//! `speaker_span` in code points). Each article goes through the whole
//! annotator (boilerplate, entities) and the quote layer's own quotations;
//! a gold direct quote is matched to the quotation overlapping it, and the
//! candidates overlapping its gold source span are the right answers. An
//! averaged perceptron ranks the candidates (fixed order, fixed epochs, no
//! threads: the same file every run). `--dev` (or `--eval`, with the
//! embedded model) prints the ranker's and the rules' mention accuracy on
//! the matched quotations, by case (a cue in the quotation's sentence or a
//! floating quotation), and combinations of the two.

use annotator::internals::quotes::{self, ranker::Model, Example};
use annotator::internals::segment::Segments;
use annotator::{Options, Span};
use std::process::ExitCode;

/// One matched gold quotation: the quote layer's view and the answers.
struct Item {
    ex: Example,
    /// Per candidate: overlaps the gold source span.
    pos: Vec<bool>,
    gold: Span,
    /// Per candidate, the ranker's score (set before a report).
    scores: Vec<f64>,
    /// The article it comes from (for cross-validation).
    doc: usize,
    /// For --dump: the quotation, the gold source, the rules' and the
    /// candidates' words.
    words: Option<(String, String, String, Vec<String>)>,
}

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// "No one" as the last candidate: an empty span, its own features.
fn with_null(ex: &mut Example) {
    ex.feats.push(ex.null_feats.clone());
    ex.cands.push(Span::new(0, 0));
    ex.personal.push(false);
    ex.named.push(false);
}

/// The matched gold quotations, and the quotations no attribution covers
/// (where a speaker is wrong; only with `attributions`, the training split).
fn load(path: &str, with_rules: bool) -> Result<(Vec<Item>, Vec<Item>), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut items = Vec::new();
    let mut nulls = Vec::new();
    let (mut gold_n, mut matched) = (0usize, 0usize);
    for (doc, line) in raw.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{path}: {e}"))?;
        let text = v["text"].as_str().ok_or("no text")?;
        let b = byte_offsets(text);
        let at = |x: &serde_json::Value| x.as_u64().and_then(|i| b.get(i as usize).copied());
        let ann = annotator::annotate(text, &Options::default());
        let seg = Segments::new(text);
        let skip: Vec<Span> = ann.boilerplate.iter().map(|x| x.span).collect();
        let mut exs: Vec<Option<Example>> =
            quotes::examples(&seg, &ann.mentions, &ann.entities, &skip).into_iter().map(Some).collect();
        for q in v["quotes"].as_array().into_iter().flatten() {
            let (Some(s), Some(e)) = (at(&q["start"]), at(&q["end"])) else { continue };
            let Some(sp) = q["speaker_span"].as_array() else { continue };
            let (Some(gs), Some(ge)) = (sp.first().and_then(at), sp.get(1).and_then(at)) else { continue };
            gold_n += 1;
            let qspan = Span::new(s, e);
            let gold = Span::new(gs, ge);
            // The quotation overlapping the gold quote most, each used once.
            let best = exs
                .iter()
                .enumerate()
                .filter_map(|(i, x)| x.as_ref().map(|x| (i, x)))
                .filter(|(_, x)| x.quote.overlaps(qspan))
                .max_by_key(|(i, x)| (x.quote.end.min(e) - x.quote.start.max(s), std::cmp::Reverse(*i)))
                .map(|(i, _)| i);
            let Some(mut ex) = best.and_then(|i| exs[i].take()) else { continue };
            if with_rules {
                for (f, r) in ex.feats.iter_mut().zip(&ex.rule_feats) {
                    f.extend_from_slice(r);
                }
            }
            matched += 1;
            let mut pos: Vec<bool> = ex.cands.iter().map(|c| c.overlaps(gold)).collect();
            with_null(&mut ex);
            pos.push(false);
            let t = |x: Span| text.get(x.start..x.end).unwrap_or("").chars().take(70).collect::<String>();
            let words = dump().then(|| {
                (
                    t(ex.quote),
                    t(gold),
                    ex.rule.map(t).unwrap_or_default(),
                    ex.cands.iter().map(|&c| t(c)).collect(),
                )
            });
            items.push(Item { ex, pos, gold, scores: Vec::new(), doc, words });
        }
        // Quotations outside every attribution's content: no one's words.
        if let Some(attrs) = v["attributions"].as_array() {
            let content: Vec<Span> = attrs
                .iter()
                .flat_map(|a| a["content"].as_array().into_iter().flatten())
                .filter_map(|c| Some(Span::new(at(c.get(0)?)?, at(c.get(1)?)?)))
                .collect();
            for mut ex in exs.into_iter().flatten() {
                if content.iter().any(|c| c.overlaps(ex.quote)) {
                    continue;
                }
                if with_rules {
                    for (f, r) in ex.feats.iter_mut().zip(&ex.rule_feats) {
                        f.extend_from_slice(r);
                    }
                }
                let mut pos = vec![false; ex.cands.len()];
                with_null(&mut ex);
                pos.push(true);
                nulls.push(Item { ex, pos, gold: Span::new(0, 0), scores: Vec::new(), doc, words: None });
            }
        }
    }
    eprintln!("{path}: {gold_n} gold quotes with a source, {matched} matched to a quotation");
    Ok((items, nulls))
}

fn dump() -> bool {
    std::env::args().any(|a| a == "--dump")
}

/// Index of the highest score (the first among equals).
fn argmax(scores: &[f64]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|b| b.0)
}

fn train(items: &[&Item], bits: u32, epochs: usize) -> Vec<i8> {
    let n = 1usize << bits;
    let mut w = vec![0f64; n];
    // Averaging: sum of updates weighted by the step they were made at.
    let mut wa = vec![0f64; n];
    let mut step = 1f64;
    let slots = |f: &[u64]| f.iter().map(|&h| Model::slot(bits, h)).collect::<Vec<_>>();
    let data: Vec<(Vec<Vec<usize>>, &[bool])> = items
        .iter()
        .filter(|it| it.pos.iter().any(|&p| p))
        .map(|it| (it.ex.feats.iter().map(|f| slots(f)).collect(), it.pos.as_slice()))
        .collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x5eed;
    for _ in 0..epochs {
        // A fixed shuffle (a linear congruential generator from a fixed seed).
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &d in &order {
            let (feats, pos) = &data[d];
            let scores: Vec<f64> = feats.iter().map(|f| f.iter().map(|&s| w[s]).sum()).collect();
            let Some(p) = argmax(&scores) else { continue };
            if !pos[p] {
                let g = (0..feats.len()).filter(|&i| pos[i]).max_by(|&a, &b| {
                    scores[a].partial_cmp(&scores[b]).unwrap_or(std::cmp::Ordering::Equal).then(b.cmp(&a))
                });
                if let Some(g) = g {
                    for &s in &feats[g] {
                        w[s] += 1.0;
                        wa[s] += step;
                    }
                    for &s in &feats[p] {
                        w[s] -= 1.0;
                        wa[s] -= step;
                    }
                }
            }
            step += 1.0;
        }
    }
    let avg: Vec<f64> = w.iter().zip(&wa).map(|(w, a)| w - a / step).collect();
    let max = avg.iter().fold(0f64, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { 127.0 / max } else { 1.0 };
    avg.iter().map(|x| (x * scale).round().clamp(-127.0, 127.0) as i8).collect()
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.3} ({a}/{b})", a as f64 / b as f64)
    }
}

/// The ranker's pick for a quotation: the candidate and its margin.
type Pick = Option<(Span, i32)>;

/// The product's override margin (src/quotes/mod.rs OVERRIDE_MARGIN; it
/// also asks for a name at least 60 bytes from the rules' mention), and a
/// fill margin for the policies the product does not use.
const FILL_MARGIN: f64 = 32.0;
const OVERRIDE_MARGIN: f64 = 16.0;

/// Scores every candidate with `m`.
fn score(items: &mut [Item], m: &Model) {
    for it in items {
        it.scores = it.ex.feats.iter().map(|f| m.score(f) as f64).collect();
    }
}

/// The ranker's pick per item: (candidate span, margin).
fn picks(items: &[Item]) -> Vec<Pick> {
    items
        .iter()
        .map(|it| {
            let scores = &it.scores;
            let b = argmax(scores)?;
            if it.ex.cands[b].is_empty() {
                return None;
            }
            let second =
                scores.iter().enumerate().filter(|&(i, _)| i != b).map(|(_, &s)| s).fold(f64::MIN, f64::max);
            Some((it.ex.cands[b], (scores[b] - second).min(i32::MAX as f64) as i32))
        })
        .collect()
}

fn report(items: &[Item], nulls: &[Item]) {
    let pk = picks(items);
    // Filling the rules' silence on a floating quotation that is not a
    // scare quote: with any candidate, or only with a person's mention.
    let npk = picks(nulls);
    let fills = |its: &[Item], pk: &[Option<(Span, i32)>], personal: bool, t: i32| -> (usize, usize, usize) {
        let (mut n, mut right, mut wrong) = (0, 0, 0);
        for (it, p) in its.iter().zip(pk) {
            let Some((s, m)) = p else { continue };
            if it.ex.cued || it.ex.rule.is_some() || it.ex.scare || *m <= t {
                continue;
            }
            let k = it.ex.cands.iter().position(|c| c == s);
            if personal && !k.is_some_and(|k| it.ex.personal[k]) {
                continue;
            }
            n += 1;
            if s.overlaps(it.gold) {
                right += 1;
            } else {
                wrong += 1;
            }
        }
        (n, right, wrong)
    };
    {
        let fl = |it: &&Item| !it.ex.cued && it.ex.rule.is_some();
        let right =
            items.iter().filter(fl).filter(|it| it.ex.rule.is_some_and(|r| r.overlaps(it.gold))).count();
        let all = items.iter().filter(fl).count();
        let none = items.iter().filter(|it| !it.ex.cued && it.ex.rule.is_none()).count();
        let nn = nulls.iter().filter(fl).count();
        let nscare = nulls.iter().filter(|it| !it.ex.cued && it.ex.rule.is_none() && !it.ex.scare).count();
        println!(
            "rules on floating quotations: {all} given a speaker, {right} right, {} wrong, {none} none; \
             {nn} unattributed given one, {nscare} unattributed non-scare left without",
            all - right
        );
    }
    for personal in [false, true] {
        for t in [0, 16, 32, 64] {
            let (n, right, wrong) = fills(items, &pk, personal, t);
            let (nn, _, _) = fills(nulls, &npk, personal, t);
            println!(
                "fill (personal only: {personal:5}) margin>{t:3}: {n} filled, {right} right, {wrong} wrong; {nn} of {} unattributed quotations filled",
                nulls.len()
            );
        }
    }
    let ok = |s: Option<Span>, it: &Item| s.is_some_and(|s| s.overlaps(it.gold));
    let covered = items.iter().filter(|it| it.pos.iter().any(|&p| p)).count();
    println!("matched quotations       {}", items.len());
    println!("gold among candidates    {}", pct(covered, items.len()));
    for (name, case) in [("all", None), ("cue in sentence", Some(true)), ("floating", Some(false))] {
        let sel: Vec<usize> =
            (0..items.len()).filter(|&i| case.is_none_or(|c| items[i].ex.cued == c)).collect();
        let rules = sel.iter().filter(|&&i| ok(items[i].ex.rule, &items[i])).count();
        let rank = sel.iter().filter(|&&i| ok(pk[i].map(|p| p.0), &items[i])).count();
        println!("{name:16} rules {}  ranker {}", pct(rules, sel.len()), pct(rank, sel.len()));
    }
    // Combinations: the rules where a cue named the speaker, the ranker
    // elsewhere; the ranker where the rules found no one; the ranker over
    // the rules when its margin is large.
    let combo = |f: &dyn Fn(&Item, Pick) -> Option<Span>| {
        items.iter().zip(&pk).filter(|(it, p)| ok(f(it, **p), it)).count()
    };
    let n = items.len();
    println!(
        "rules if cued, else ranker        {}",
        pct(combo(&|it, p| if it.ex.cued { it.ex.rule } else { p.map(|p| p.0) }), n)
    );
    println!("rules, ranker when none           {}", pct(combo(&|it, p| it.ex.rule.or(p.map(|p| p.0))), n));
    for t in [0, 16, 64, 128] {
        let fallback = |it: &Item, p: Option<(Span, i32)>| {
            it.ex.rule.or(p.filter(|p| !it.ex.scare && p.1 > t).map(|p| p.0))
        };
        let changed = items
            .iter()
            .zip(&pk)
            .filter(|(it, p)| it.ex.rule.is_none() && fallback(it, **p).is_some())
            .count();
        println!(
            "rules, ranker when none, not scare, margin>{t:5}  {}  ({changed} filled)",
            pct(combo(&fallback), n)
        );
    }
    for t in [16, 64, 128, 256, 512] {
        println!(
            "floating: ranker if margin>{t:5}  {}",
            pct(
                combo(&|it, p| match p {
                    Some((s, m)) if !it.ex.cued && (m > t || it.ex.rule.is_none()) => Some(s),
                    _ => it.ex.rule,
                }),
                n
            )
        );
    }
    for t in [0, 16, 32, 64, 96, 128] {
        let over = |it: &Item, p: Option<(Span, i32)>| match (it.ex.rule, p) {
            (Some(r), Some((s, m))) if !it.ex.cued && !r.overlaps(s) && m > t => Some(s),
            _ => it.ex.rule,
        };
        let changed = items.iter().zip(&pk).filter(|(it, p)| over(it, **p) != it.ex.rule).count();
        println!("floating: override only, margin>{t:4}  {}  ({changed} changed)", pct(combo(&over), n));
    }
    // Policies: fill the rules' silence (a person's mention beating "no
    // one" by `fill`, only on quotations opening a paragraph with `para`)
    // and override the rules (by `over`, only with a person's mention far
    // from the rules' with `far`). The product's is src/quotes/mod.rs `attribute`.
    let policy = |it: &Item, fill: f64, para: bool, over: f64, far: bool, names: bool| -> Option<Span> {
        let b = argmax(&it.scores)?;
        let s = it.ex.cands[b];
        if it.ex.cued || s.is_empty() {
            return it.ex.rule;
        }
        let null = *it.scores.last()?;
        let second =
            it.scores.iter().enumerate().filter(|&(i, _)| i != b).map(|(_, &x)| x).fold(null, f64::max);
        match it.ex.rule {
            None if !it.ex.scare
                && it.ex.personal[b]
                && it.scores[b] - null > fill
                && (!para || it.ex.starts_para) =>
            {
                Some(s)
            }
            Some(r)
                if !r.overlaps(s)
                    && it.scores[b] - second > over
                    && (!far || (it.ex.personal[b] && r.start.abs_diff(s.start) >= 60))
                    && (!names || it.ex.named[b]) =>
            {
                Some(s)
            }
            r => r,
        }
    };
    for (fill, para, over, far, names) in [
        (FILL_MARGIN, false, OVERRIDE_MARGIN, false, false),
        (FILL_MARGIN, true, OVERRIDE_MARGIN, false, false),
        (FILL_MARGIN, true, 1e9, false, false),
        (0.0, true, 1e9, false, false),
        (1e9, false, OVERRIDE_MARGIN, false, false),
        (1e9, false, OVERRIDE_MARGIN, true, false),
        // The product's:
        (1e9, false, OVERRIDE_MARGIN, true, true),
        (1e9, false, 0.0, true, true),
        (1e9, false, 32.0, true, true),
        (1e9, false, 64.0, true, true),
    ] {
        let pol = |it: &Item| policy(it, fill, para, over, far, names);
        let right = items.iter().filter(|it| ok(pol(it), it)).count();
        let changed = items.iter().filter(|it| pol(it) != it.ex.rule).count();
        let nc = nulls.iter().filter(|it| pol(it) != it.ex.rule).count();
        println!(
            "policy fill>{fill} para-only={para} override>{over} far-only={far} names-only={names}: {}  ({changed} changed; {nc} of {} unattributed changed)",
            pct(right, n),
            nulls.len()
        );
    }
    let (mut dis, mut rule_right, mut rank_right) = (0, 0, 0);
    for (it, p) in items.iter().zip(&pk) {
        let r = p.map(|p| p.0);
        if it.ex.rule.is_some() && r.is_some() && !it.ex.rule.zip(r).is_some_and(|(a, b)| a.overlaps(b)) {
            dis += 1;
            rule_right += ok(it.ex.rule, it) as usize;
            rank_right += ok(r, it) as usize;
        }
    }
    if dump() {
        for ((it, p), (i, _)) in items.iter().zip(&pk).zip(pk.iter().enumerate()) {
            let r = p.map(|p| p.0);
            let (rok, kok) = (ok(it.ex.rule, it), ok(r, it));
            if rok == kok {
                continue;
            }
            let Some((q, g, rw, cw)) = &it.words else { continue };
            let pick =
                r.and_then(|r| it.ex.cands.iter().position(|&c| c == r)).map_or("", |k| cw[k].as_str());
            println!(
                "{} #{i} cued={} gold={g:?} rules={rw:?} ranker={pick:?} margin={} q={q:?}",
                if kok { "RANKER+" } else { "RULES+ " },
                it.ex.cued,
                p.map_or(0, |p| p.1)
            );
        }
    }
    println!("disagreements {dis}: rules right {rule_right}, ranker right {rank_right}");
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1)).cloned();
    let bits: u32 = opt("--bits").and_then(|s| s.parse().ok()).unwrap_or(13);
    let epochs: usize = opt("--epochs").and_then(|s| s.parse().ok()).unwrap_or(10);
    // The ranker alone, without the features that tie it to the rules.
    let with_rules = !args.iter().any(|a| a == "--alone");
    if let Some(dev) = opt("--eval") {
        let m = quotes::ranker::model().ok_or("no embedded speaker model")?;
        let (mut items, mut nulls) = load(&dev, true)?;
        score(&mut items, m);
        score(&mut nulls, m);
        report(&items, &nulls);
        return Ok(());
    }
    let train_path = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or("usage: train-speakers TRAIN.jsonl --out FILE [--dev DEV.jsonl]")?;
    let (items, nulls) = load(train_path, with_rules)?;
    if let Some(k) = opt("--cv").and_then(|s| s.parse::<usize>().ok()).filter(|&k| k > 1) {
        // K-fold cross-validation by article (article i in fold i mod K):
        // every item scored by a model that did not see its article.
        let mut scores: Vec<Vec<f64>> = vec![Vec::new(); items.len()];
        for fold in 0..k {
            let tr: Vec<&Item> = items.iter().chain(&nulls).filter(|it| it.doc % k != fold).collect();
            let m = Model::parse(&Model::to_bytes(bits, &train(&tr, bits, epochs))).ok_or("model")?;
            for (i, it) in items.iter().enumerate().filter(|(_, it)| it.doc % k == fold) {
                scores[i] = it.ex.feats.iter().map(|f| m.score(f) as f64).collect();
            }
        }
        let mut items = items;
        for (it, s) in items.iter_mut().zip(scores) {
            it.scores = s;
        }
        // The unattributed quotations, scored by the fold of their article.
        let mut nulls = nulls;
        for fold in 0..k {
            let tr: Vec<&Item> = items.iter().chain(&nulls).filter(|it| it.doc % k != fold).collect();
            let m = Model::parse(&Model::to_bytes(bits, &train(&tr, bits, epochs))).ok_or("model")?;
            for it in nulls.iter_mut().filter(|it| it.doc % k == fold) {
                it.scores = it.ex.feats.iter().map(|f| m.score(f) as f64).collect();
            }
        }
        println!("== {k}-fold cross-validation on the training split");
        report(&items, &nulls);
        return Ok(());
    }
    let all: Vec<&Item> = items.iter().chain(&nulls).collect();
    let weights = train(&all, bits, epochs);
    let bytes = Model::to_bytes(bits, &weights);
    let m = Model::parse(&bytes).ok_or("the written model does not parse")?;
    let (mut items, mut nulls) = (items, nulls);
    score(&mut items, &m);
    score(&mut nulls, &m);
    println!("== training split (in sample)");
    report(&items, &nulls);
    if let Some(dev) = opt("--dev") {
        let (mut items, mut nulls) = load(&dev, with_rules)?;
        score(&mut items, &m);
        score(&mut nulls, &m);
        println!("== dev");
        report(&items, &nulls);
    }
    if let Some(out) = opt("--out") {
        std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
        eprintln!("wrote {out}: {} bytes", bytes.len());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-speakers: {e}");
            ExitCode::FAILURE
        }
    }
}
