//! Article-body extraction over [`Page`] lines: per-line features (text shape, link density,
//! ancestor tags, class/id words, the line's place relative to the page's densest content
//! subtree, neighbours), a small gradient-boosted tree model trained in Rust, then a second
//! stage that adds the neighbours' first-stage probabilities.

use super::parser::*;

// ---------------------------------------------------------------- features

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

pub fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect()
}

struct LineStat {
    chars: f32,
    words: f32,
    ld: f32,
    good: bool,
}

/// Blocks' subtree aggregates.
struct Agg {
    chars: Vec<f32>,
    link: Vec<f32>,
    good: Vec<f32>,
    lines: Vec<f32>,
    score: Vec<f32>,
    rscore: Vec<f32>,
}

fn aggregate(page: &Page, st: &[LineStat]) -> Agg {
    let nb = page.blocks.len().max(1);
    let mut a = Agg {
        chars: vec![0.0; nb],
        link: vec![0.0; nb],
        good: vec![0.0; nb],
        lines: vec![0.0; nb],
        score: vec![0.0; nb],
        rscore: vec![0.0; nb],
    };
    for (l, s) in page.lines.iter().zip(st) {
        let b = (l.block as usize).min(nb - 1);
        a.chars[b] += s.chars;
        a.link[b] += l.link_chars as f32;
        a.lines[b] += 1.0;
        if s.good {
            a.good[b] += s.chars;
        }
        a.score[b] += if s.good { s.chars } else { -0.5 * s.chars.min(200.0) - 10.0 };
        // readability-like: a paragraph scores its parent and (half) grandparent
        let plike = !matches!(page.blocks.get(b).map_or("", |x| x.tag), "li" | "dd" | "dt" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "figcaption" | "td" | "th");
        if s.good && plike && s.ld < 0.2 {
            let v = 1.0 + (s.chars / 100.0).min(3.0) + commas(&page.text[l.start..l.end]) as f32;
            let p = page.blocks.get(b).map_or(0, |x| x.parent as usize);
            let gp = page.blocks.get(p).map_or(0, |x| x.parent as usize);
            a.rscore[p] += v;
            a.rscore[gp] += v / 2.0;
        }
    }
    // children have larger ids than parents: one reverse pass sums subtrees
    for b in (1..nb).rev() {
        let p = (page.blocks[b].parent as usize).min(nb - 1);
        if p == b {
            continue;
        }
        a.chars[p] += a.chars[b];
        a.link[p] += a.link[b];
        a.good[p] += a.good[b];
        a.lines[p] += a.lines[b];
        a.score[p] += a.score[b];
    }
    a
}

fn commas(s: &str) -> usize {
    s.chars().filter(|&c| c == ',' || c == '，' || c == '、').count()
}

/// For each block, is it `anc` or a descendant of it? O(blocks).
fn descendants(page: &Page, anc: usize) -> Vec<bool> {
    let nb = page.blocks.len();
    let mut v = vec![false; nb];
    if anc < nb {
        v[anc] = true;
    }
    for b in 1..nb {
        let p = page.blocks[b].parent as usize;
        if p < b && v[p] {
            v[b] = true;
        }
    }
    if anc == 0 {
        v.iter_mut().for_each(|x| *x = true);
    }
    v
}

/// Frequent function words of the main Latin- and Cyrillic-script languages
/// (data/lexicon/html.txt [stop-words]): their density separates prose from navigation and
/// lists (as in jusText), language-blind otherwise.
fn stop_set() -> &'static std::collections::HashSet<&'static str> {
    static S: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    S.get_or_init(|| crate::lexicon::word_set(crate::lexicon::html(), "stop-words"))
}

/// Deepest block whose subtree holds at least `share` of the page's good text.
fn container(page: &Page, good: &[f32], share: f32) -> usize {
    let total = good.first().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return 0;
    }
    let mut best = 0usize;
    for (b, &g) in good.iter().enumerate().take(page.blocks.len()) {
        if g >= share * total && page.blocks[b].depth >= page.blocks[best].depth {
            best = b;
        }
    }
    best
}

pub const N_BASE: usize = 40;

/// Base features of a line its neighbours see (indices into its own features).
const NEIGHBOUR_KEEP: [usize; 10] = [0, 2, 3, 8, 14, 18, 28, 30, 31, 32];

/// What the stage-1 features of a page's lines need from the whole page: a few numbers per
/// line and per block, never a line's whole feature vector (a page of many short lines would
/// hold about 1 KB per line; issue 26 bounds memory per input byte).
struct Stage1<'a> {
    page: &'a Page,
    title_words: std::collections::HashSet<String>,
    counts: std::collections::HashMap<&'a str, u32>,
    st: Vec<LineStat>,
    agg: Agg,
    main: usize,
    in_main: Vec<bool>,
    in_rmain: Vec<bool>,
    c50: Vec<bool>,
    c75: Vec<bool>,
    c90: Vec<bool>,
    first_h1: Option<usize>,
    headline: Option<usize>,
    total_chars: f32,
    total_good: f32,
    first_main: usize,
    last_main: usize,
    first_good: usize,
    last_good: usize,
    dist_good: Vec<f32>,
    /// Characters of the lines before each line.
    cum: Vec<f32>,
    /// Each line's [`NEIGHBOUR_KEEP`] features.
    base: Vec<[f32; NEIGHBOUR_KEEP.len()]>,
}

impl<'a> Stage1<'a> {
    fn new(page: &'a Page) -> Option<Stage1<'a>> {
        let n = page.lines.len();
        if n == 0 {
            return None;
        }
        let title_words: std::collections::HashSet<String> = words(&page.title).iter().map(|w| w.to_lowercase()).collect();
        let mut counts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for l in &page.lines {
            *counts.entry(&page.text[l.start..l.end]).or_insert(0) += 1;
        }
        let st: Vec<LineStat> = page
            .lines
            .iter()
            .map(|l| {
                let t = &page.text[l.start..l.end];
                let chars = l.chars.max(1) as f32;
                let ld = l.link_chars as f32 / chars;
                let w = word_count(t) as f32;
                let good = chars >= 60.0 && ld < 0.35 && l.heading == 0;
                LineStat { chars, words: w, ld, good }
            })
            .collect();
        let agg = aggregate(page, &st);
        let nb = page.blocks.len();
        let main = (0..nb).max_by(|&x, &y| agg.score[x].partial_cmp(&agg.score[y]).unwrap_or(std::cmp::Ordering::Equal).then(x.cmp(&y))).unwrap_or(0);
        let rmain = (0..nb).max_by(|&x, &y| agg.rscore[x].partial_cmp(&agg.rscore[y]).unwrap_or(std::cmp::Ordering::Equal).then(x.cmp(&y))).unwrap_or(0);
        let in_main = descendants(page, main);
        let c50 = descendants(page, container(page, &agg.good, 0.5));
        let c75 = descendants(page, container(page, &agg.good, 0.75));
        let c90 = descendants(page, container(page, &agg.good, 0.9));
        // first h1, and the line most like the title (the headline)
        let first_h1 = page.lines.iter().position(|l| l.heading == 1);
        let headline = {
            let mut best = (0.0f32, usize::MAX);
            for (i, l) in page.lines.iter().enumerate() {
                let ws = words(&page.text[l.start..l.end]);
                if ws.is_empty() || ws.len() > 40 {
                    continue;
                }
                let hit = ws.iter().filter(|w| title_words.contains(&w.to_lowercase())).count() as f32;
                let sc = hit / (ws.len().max(title_words.len()) as f32) + if l.heading > 0 { 0.2 } else { 0.0 };
                if sc > best.0 + 1e-6 {
                    best = (sc, i);
                }
            }
            if best.0 >= 0.5 { Some(best.1) } else { first_h1 }
        };
        let in_rmain = descendants(page, rmain);
        let total_chars: f32 = st.iter().map(|s| s.chars).sum::<f32>().max(1.0);
        let total_good: f32 = st.iter().filter(|s| s.good).map(|s| s.chars).sum::<f32>().max(1.0);
        // first and last line of the main block
        let first_main = page.lines.iter().position(|l| in_main.get(l.block as usize).copied().unwrap_or(false)).unwrap_or(0);
        let last_main = page.lines.iter().rposition(|l| in_main.get(l.block as usize).copied().unwrap_or(false)).unwrap_or(n - 1);
        let first_good = st.iter().position(|s| s.good).unwrap_or(0);
        let last_good = st.iter().rposition(|s| s.good).unwrap_or(n - 1);
        // distance (in lines) to the nearest good line
        let mut dist_good = vec![n as f32; n];
        let mut last = None;
        for i in 0..n {
            if st[i].good {
                last = Some(i);
            }
            if let Some(j) = last {
                dist_good[i] = (i - j) as f32;
            }
        }
        last = None;
        for i in (0..n).rev() {
            if st[i].good {
                last = Some(i);
            }
            if let Some(j) = last {
                dist_good[i] = dist_good[i].min((j - i) as f32);
            }
        }
        let mut cum = Vec::with_capacity(n);
        let mut c = 0.0f32;
        for s in &st {
            cum.push(c);
            c += s.chars;
        }
        let mut s1 = Stage1 {
            page,
            title_words,
            counts,
            st,
            agg,
            main,
            in_main,
            in_rmain,
            c50,
            c75,
            c90,
            first_h1,
            headline,
            total_chars,
            total_good,
            first_main,
            last_main,
            first_good,
            last_good,
            dist_good,
            cum,
            base: Vec::new(),
        };
        let mut base = Vec::with_capacity(n);
        let mut f = Vec::new();
        for i in 0..n {
            s1.own(i, &mut f);
            base.push(NEIGHBOUR_KEEP.map(|k| f[k]));
        }
        s1.base = base;
        Some(s1)
    }

    /// Line `i`'s own features (the first [`N_BASE`], then its tag, class-word and block
    /// class-word bits) in `f` (cleared first).
    fn own(&self, i: usize, f: &mut Vec<f32>) {
        let (page, st, agg) = (self.page, &self.st, &self.agg);
        let title_words = &self.title_words;
        let n = page.lines.len();
        let nb = page.blocks.len();
        let main = self.main;
        let l = &page.lines[i];
        let t = &page.text[l.start..l.end];
        let s = &st[i];
        let b = (l.block as usize).min(nb.saturating_sub(1));
        let blk = &page.blocks[b];
        let parent = blk.parent as usize;
        let ws = words(t);
        let stopd = ws.iter().filter(|w| stop_set().contains(w.to_lowercase().as_str())).count() as f32 / s.words.max(1.0);
        let lower = ws.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase())).count() as f32;
        let upper = ws.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase())).count() as f32;
        let digits = t.chars().filter(|c| c.is_ascii_digit()).count() as f32;
        let punct = t.chars().filter(|c| matches!(c, '.' | '!' | '?' | '。' | '！' | '？')).count() as f32;
        let last_c = t.trim_end().chars().last().unwrap_or(' ');
        let ends = matches!(last_c, '.' | '!' | '?' | '"' | '”' | '’' | '。' | ')' | ':' | '…') as u8 as f32;
        let in_title = if ws.is_empty() { 0.0 } else { ws.iter().filter(|w| title_words.contains(&w.to_lowercase())).count() as f32 / ws.len() as f32 };
        let title_cov = if title_words.is_empty() { 0.0 } else { ws.iter().filter(|w| title_words.contains(&w.to_lowercase())).count() as f32 / title_words.len() as f32 };
        let dup = self.counts.get(t).copied().unwrap_or(1) as f32;
        let pos_rel_main = if i < self.first_main { -1.0 } else if i > self.last_main { 1.0 } else { 0.0 };
        let pos_rel_good = if i < self.first_good { -1.0 } else if i > self.last_good { 1.0 } else { 0.0 };
        let total_chars = self.total_chars;
        let bt = |x: usize| -> (f32, f32, f32) {
            let c = agg.chars[x].max(1.0);
            (agg.link[x] / c, agg.good[x] / c, agg.chars[x] / total_chars)
        };
        let (bld, bgood, bshare) = bt(b);
        let (pld, pgood, pshare) = bt(parent);
        f.clear();
        f.extend_from_slice(&[
            (s.chars + 1.0).ln(),
            (s.words + 1.0).ln(),
            s.ld,
            ends,
            punct / s.words.max(1.0),
            commas(t) as f32 / s.words.max(1.0),
            digits / s.chars,
            upper / s.words.max(1.0),
            l.heading as f32,
            i as f32 / n as f32,
            self.cum[i] / total_chars,
            in_title,
            title_cov,
            dup.min(5.0),
            self.in_main.get(b).copied().unwrap_or(false) as u8 as f32,
            self.in_rmain.get(b).copied().unwrap_or(false) as u8 as f32,
            pos_rel_main,
            pos_rel_good,
            self.dist_good[i].min(50.0),
            bld,
            bgood,
            bshare,
            pld,
            pgood,
            pshare,
            agg.lines[b].ln_1p(),
            (blk.depth as f32 - page.blocks.get(main).map_or(0, |m| m.depth) as f32).clamp(-20.0, 20.0),
            agg.good[main] / self.total_good,
            s.good as u8 as f32,
            (l.first_tags & T_A != 0) as u8 as f32,
            stopd,
            self.c50.get(b).copied().unwrap_or(false) as u8 as f32,
            self.c75.get(b).copied().unwrap_or(false) as u8 as f32,
            self.c90.get(b).copied().unwrap_or(false) as u8 as f32,
            self.first_h1.map_or(0.0, |h| if i < h { -1.0 } else if i == h { 0.0 } else { 1.0 }),
            self.headline.map_or(0.0, |h| if i < h { -1.0 } else if i == h { 0.0 } else { 1.0 }),
            self.headline.map_or(50.0, |h| (i as f32 - h as f32).clamp(-50.0, 50.0)),
            lower / s.words.max(1.0),
            agg.rscore[b].ln_1p(),
            agg.rscore[parent].ln_1p(),
        ]);
        debug_assert_eq!(f.len(), N_BASE);
        for k in 0..32 {
            f.push(((l.tags >> k) & 1) as f32);
        }
        for k in 0..64 {
            f.push(((l.words >> k) & 1) as f32);
        }
        for k in 0..64 {
            f.push(((blk.own_words >> k) & 1) as f32);
        }
    }

    /// Line `i`'s stage-1 features in `f` (cleared first): its own, then a few of the lines
    /// i-2..i+2 (with a flag for each that exists).
    fn line(&self, i: usize, f: &mut Vec<f32>) {
        self.own(i, f);
        for d in [-2i64, -1, 1, 2] {
            let j = i as i64 + d;
            if let Some(b) = usize::try_from(j).ok().and_then(|j| self.base.get(j)) {
                f.extend_from_slice(b);
                f.push(1.0);
            } else {
                f.extend(std::iter::repeat_n(0.0, NEIGHBOUR_KEEP.len()));
                f.push(0.0);
            }
        }
    }
}

/// Words in `s` (as [`words`] counts them), without collecting them.
fn word_count(s: &str) -> usize {
    s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).count()
}

/// Dense features of every line of `page` (stage 1).
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn features(page: &Page) -> Vec<Vec<f32>> {
    let Some(s1) = Stage1::new(page) else { return Vec::new() };
    (0..page.lines.len())
        .map(|i| {
            let mut f = Vec::new();
            s1.line(i, &mut f);
            f
        })
        .collect()
}

/// What stage 2 reads from the whole page: the first-stage probabilities' means per block and
/// their running maxima.
struct Stage2 {
    bsum: Vec<f32>,
    bcnt: Vec<f32>,
    before: Vec<f32>,
    after: Vec<f32>,
}

impl Stage2 {
    fn new(page: &Page, p1: &[f32]) -> Stage2 {
        let n = p1.len();
        let nb = page.blocks.len().max(1);
        let mut bsum = vec![0.0f32; nb];
        let mut bcnt = vec![0.0f32; nb];
        for (l, &p) in page.lines.iter().zip(p1) {
            let b = (l.block as usize).min(nb - 1);
            bsum[b] += p;
            bcnt[b] += 1.0;
            let pb = page.blocks[b].parent as usize;
            if pb != b {
                bsum[pb] += p;
                bcnt[pb] += 1.0;
            }
        }
        // running max of p before / after
        let mut before = vec![0.0f32; n];
        let mut after = vec![0.0f32; n];
        let mut m = 0.0f32;
        for i in 0..n {
            before[i] = m;
            m = m.max(p1[i]);
        }
        m = 0.0;
        for i in (0..n).rev() {
            after[i] = m;
            m = m.max(p1[i]);
        }
        Stage2 { bsum, bcnt, before, after }
    }

    /// Appends line `i`'s stage-2 features to its stage-1 features `f`.
    fn push(&self, page: &Page, p1: &[f32], i: usize, f: &mut Vec<f32>) {
        let n = p1.len();
        let nb = page.blocks.len().max(1);
        f.push(p1[i]);
        for d in [-3i64, -2, -1, 1, 2, 3] {
            let j = i as i64 + d;
            f.push(if j >= 0 && (j as usize) < n { p1[j as usize] } else { -1.0 });
        }
        let b = (page.lines[i].block as usize).min(nb - 1);
        let pb = page.blocks[b].parent as usize;
        f.push(self.bsum[b] / self.bcnt[b].max(1.0));
        f.push(self.bsum[pb] / self.bcnt[pb].max(1.0));
        f.push(self.before[i]);
        f.push(self.after[i]);
        // mean over a window of 10
        let lo = i.saturating_sub(5);
        let hi = (i + 6).min(n);
        f.push(p1[lo..hi].iter().sum::<f32>() / (hi - lo) as f32);
    }
}

/// Stage-2 features: stage-1 features plus the first-stage probabilities around the line and
/// in its block / parent block.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn features2(page: &Page, f1: &[Vec<f32>], p1: &[f32]) -> Vec<Vec<f32>> {
    let s2 = Stage2::new(page, p1);
    (0..f1.len())
        .map(|i| {
            let mut f = f1[i].clone();
            s2.push(page, p1, i, &mut f);
            f
        })
        .collect()
}

// ---------------------------------------------------------------- gradient-boosted trees

#[derive(Clone, Debug)]
pub struct Tree {
    /// Internal nodes: (feature, threshold, left, right); leaves have feature == u32::MAX and
    /// the value in threshold.
    pub nodes: Vec<(u32, f32, u32, u32)>,
}

impl Tree {
    pub fn eval(&self, x: &[f32]) -> f32 {
        let mut i = 0usize;
        loop {
            let Some(&(f, t, l, r)) = self.nodes.get(i) else { return 0.0 };
            if f == u32::MAX {
                return t;
            }
            let v = x.get(f as usize).copied().unwrap_or(0.0);
            i = if v <= t { l as usize } else { r as usize };
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Gbdt {
    pub base: f32,
    pub trees: Vec<Tree>,
}

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Gbdt {
    pub fn prob(&self, x: &[f32]) -> f32 {
        sigmoid(self.base + self.trees.iter().map(|t| t.eval(x)).sum::<f32>())
    }
}

/// Bag of tree ensembles: the mean of their probabilities.
#[derive(Clone, Debug, Default)]
pub struct Bag(pub Vec<Gbdt>);
impl Bag {
    pub fn prob(&self, x: &[f32]) -> f32 {
        if self.0.is_empty() {
            return 0.5;
        }
        self.0.iter().map(|g| g.prob(x)).sum::<f32>() / self.0.len() as f32
    }
}

/// Two-stage model.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub s1: Bag,
    pub s2: Bag,
    pub threshold: f32,
}

/// Probability that each line of `page` is article body.
///
/// One line's features at a time (the same as [`features`] and [`features2`] give, which the
/// trainer uses): a line's stage-1 features are computed again for stage 2 rather than kept.
pub fn probabilities(page: &Page, m: &Model) -> Vec<f32> {
    let Some(s1) = Stage1::new(page) else { return Vec::new() };
    let n = page.lines.len();
    let mut f = Vec::new();
    let p1: Vec<f32> = (0..n)
        .map(|i| {
            s1.line(i, &mut f);
            m.s1.prob(&f)
        })
        .collect();
    if m.s2.0.is_empty() {
        return p1;
    }
    let s2 = Stage2::new(page, &p1);
    (0..n)
        .map(|i| {
            s1.line(i, &mut f);
            s2.push(page, &p1, i, &mut f);
            m.s2.prob(&f)
        })
        .collect()
}

/// For each line of `page`, whether it lies in the article container: the block whose
/// subtree maximises sum((p - 0.5) * words) over its lines.
pub fn container_lines(page: &Page, probs: &[f32]) -> Vec<bool> {
    let nb = page.blocks.len().max(1);
    let mut sc = vec![0.0f32; nb];
    let wl: Vec<f32> = page.lines.iter().map(|l| (words(&page.text[l.start..l.end]).len() as f32).max(1.0)).collect();
    for ((l, &p), &w) in page.lines.iter().zip(probs).zip(&wl) {
        sc[(l.block as usize).min(nb - 1)] += (p - 0.5) * w;
    }
    for b in (1..nb).rev() {
        let p = page.blocks[b].parent as usize;
        if p < b {
            sc[p] += sc[b];
        }
    }
    let best = (0..nb).max_by(|&x, &y| sc[x].partial_cmp(&sc[y]).unwrap_or(std::cmp::Ordering::Equal).then(y.cmp(&x))).unwrap_or(0);
    let inside = descendants(page, best);
    page.lines.iter().map(|l| inside.get(l.block as usize).copied().unwrap_or(false)).collect()
}

/// Decide body lines from probabilities: find the article container ([`container_lines`]),
/// keep its lines with p >= `lo`, and lines outside it only with p >= `hi`.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn decide(page: &Page, probs: &[f32], lo: f32, hi: f32) -> Vec<bool> {
    let inside = container_lines(page, probs);
    probs.iter().zip(&inside).map(|(&p, &i)| if i { p >= lo } else { p >= hi }).collect()
}

// ---------------------------------------------------------------- model file

impl Model {
    /// The model as text (data/html-boiler.model): a header, then one line per ensemble
    /// (`gbdt STAGE BASE`) followed by one line per tree, its nodes in order, an internal node
    /// as `FEATURE:THRESHOLD:LEFT:RIGHT`, a leaf as `=VALUE`. Floats use Rust's shortest
    /// round-trip form, so writing is deterministic and reading is exact.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub fn to_text(&self) -> String {
        let mut s = format!("html-boiler 1\nthreshold {}\n", self.threshold);
        for (stage, bag) in [(1, &self.s1), (2, &self.s2)] {
            for g in &bag.0 {
                s.push_str(&format!("gbdt {stage} {}\n", g.base));
                for t in &g.trees {
                    let nodes: Vec<String> = t
                        .nodes
                        .iter()
                        .map(|&(f, th, l, r)| {
                            if f == u32::MAX {
                                format!("={th}")
                            } else {
                                format!("{f}:{th}:{l}:{r}")
                            }
                        })
                        .collect();
                    s.push_str(&nodes.join(" "));
                    s.push('\n');
                }
            }
        }
        s
    }

    /// Read [`Model::to_text`]'s format; `None` if anything is malformed (children must come
    /// after their parent, so evaluation always ends).
    pub fn from_text(text: &str) -> Option<Model> {
        let mut lines = text.lines();
        if lines.next()? != "html-boiler 1" {
            return None;
        }
        let threshold: f32 = lines.next()?.strip_prefix("threshold ")?.parse().ok()?;
        let mut m = Model { threshold, ..Model::default() };
        let mut cur: Option<(u8, Gbdt)> = None;
        let flush = |m: &mut Model, cur: Option<(u8, Gbdt)>| match cur {
            Some((1, g)) => m.s1.0.push(g),
            Some((_, g)) => m.s2.0.push(g),
            None => {}
        };
        for line in lines {
            if let Some(rest) = line.strip_prefix("gbdt ") {
                flush(&mut m, cur.take());
                let (stage, base) = rest.split_once(' ')?;
                let stage: u8 = stage.parse().ok().filter(|s| *s == 1 || *s == 2)?;
                cur = Some((stage, Gbdt { base: base.parse().ok()?, trees: Vec::new() }));
                continue;
            }
            let (_, g) = cur.as_mut()?;
            let mut nodes = Vec::new();
            for (i, tok) in line.split(' ').enumerate() {
                if let Some(v) = tok.strip_prefix('=') {
                    nodes.push((u32::MAX, v.parse().ok()?, 0, 0));
                    continue;
                }
                let mut it = tok.split(':');
                let f: u32 = it.next()?.parse().ok()?;
                let t: f32 = it.next()?.parse().ok()?;
                let l: u32 = it.next()?.parse().ok()?;
                let r: u32 = it.next()?.parse().ok()?;
                if f == u32::MAX || l as usize <= i || r as usize <= i || it.next().is_some() {
                    return None;
                }
                nodes.push((f, t, l, r));
            }
            if nodes.iter().any(|n| n.0 != u32::MAX && (n.2 as usize >= nodes.len() || n.3 as usize >= nodes.len()))
            {
                return None;
            }
            g.trees.push(Tree { nodes });
        }
        flush(&mut m, cur);
        Some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_one_line_at_a_time_are_the_trainers() {
        let html = "<title>Bridge opens</title><nav><a href=/>Home</a> <a href=/w>World</a></nav>\
                    <article><h1>Bridge opens</h1><p>The mayor opened the new bridge on Monday, and \
                    hundreds of people walked across it before the cars came.</p><ul><li>one</li>\
                    <li>two</li></ul><p>It took three years to build, the council said.</p></article>\
                    <footer>Contact us</footer>";
        let page = super::super::parse(html);
        let m = super::super::embedded().expect("the embedded model reads");
        let f1 = features(&page);
        assert_eq!(f1.len(), page.lines.len());
        assert!(f1.len() >= 6);
        let p1: Vec<f32> = f1.iter().map(|x| m.s1.prob(x)).collect();
        let f2 = features2(&page, &f1, &p1);
        let want: Vec<f32> = f2.iter().map(|x| m.s2.prob(x)).collect();
        assert_eq!(probabilities(&page, m), want);
        assert!(probabilities(&super::super::parse(""), m).is_empty());
    }
}
