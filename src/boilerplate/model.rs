//! The boilerplate classifier's model: per stage a logistic regression plus
//! an optional small set of boosted regression trees that correct its logit
//! (feature interactions a linear model cannot express); the weights file
//! format, prediction, and the fitting code `src/bin/train-boiler.rs` uses.

use super::features::{CONTEXT_NAMES, LOCAL_NAMES, N_HASH};

/// A regression tree node: split on `x[feature] <= threshold`, or a leaf.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Split { feature: usize, threshold: f64, left: usize, right: usize },
    Leaf(f64),
}

/// A regression tree; node 0 is the root.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    pub fn eval(&self, x: &[f64]) -> f64 {
        let mut k = 0;
        // A malformed tree (cycle, bad index) ends the walk instead of looping.
        for _ in 0..64 {
            match self.nodes.get(k) {
                Some(Node::Leaf(v)) => return *v,
                Some(Node::Split { feature, threshold, left, right }) => {
                    k = if x.get(*feature).copied().unwrap_or(0.0) <= *threshold { *left } else { *right };
                }
                None => return 0.0,
            }
        }
        0.0
    }
}

/// One stage: logistic regression over standardised features, plus boosted
/// trees (over raw features) added to its logit.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    pub bias: f64,
    pub mean: Vec<f64>,
    pub std: Vec<f64>,
    pub w: Vec<f64>,
    pub trees: Vec<Tree>,
    /// Weights of the hashed word features ([`super::features::hashed`]),
    /// `N_HASH` long, or empty when the stage has none.
    pub hash: Vec<f64>,
}

impl Logistic {
    pub fn zero(n: usize) -> Logistic {
        Logistic {
            bias: 0.0,
            mean: vec![0.0; n],
            std: vec![1.0; n],
            w: vec![0.0; n],
            trees: Vec::new(),
            hash: Vec::new(),
        }
    }

    pub fn linear(&self, x: &[f64]) -> f64 {
        let mut z = self.bias;
        for (k, &v) in x.iter().enumerate().take(self.w.len()) {
            z += self.w[k] * (v - self.mean[k]) / self.std[k];
        }
        z
    }

    pub fn prob(&self, x: &[f64]) -> f64 {
        self.prob_with(x, &[])
    }

    /// The logit contribution of a line's hashed features.
    pub fn sparse(&self, sp: &[(u32, f32)]) -> f64 {
        if self.hash.is_empty() {
            return 0.0;
        }
        sp.iter().map(|&(k, v)| self.hash.get(k as usize).copied().unwrap_or(0.0) * v as f64).sum()
    }

    /// [`Logistic::prob`] with the line's hashed features.
    pub fn prob_with(&self, x: &[f64], sp: &[(u32, f32)]) -> f64 {
        let z = self.linear(x) + self.sparse(sp) + self.trees.iter().map(|t| t.eval(x)).sum::<f64>();
        sigmoid(z)
    }

    /// Fit `rounds` Newton-boosted trees of depth `depth` on the logit
    /// residual of the linear part; `eta` shrinks each tree.
    pub fn boost(&mut self, xs: &[Vec<f64>], ys: &[f64], rounds: usize, depth: usize, eta: f64) {
        let n = xs.first().map_or(0, |x| x.len());
        // Candidate thresholds: up to 24 quantiles per feature.
        let mut cuts: Vec<Vec<f64>> = Vec::with_capacity(n);
        for f in 0..n {
            let mut v: Vec<f64> = xs.iter().map(|x| x[f]).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            v.dedup();
            let c: Vec<f64> = if v.len() <= 24 {
                v.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect()
            } else {
                let mut c: Vec<f64> = (1..24).map(|q| v[q * v.len() / 24]).collect();
                c.dedup();
                c
            };
            cuts.push(c);
        }
        // bins[row][f] = number of cuts below the value (x <= cut[b] iff bin <= b).
        let bins: Vec<Vec<u8>> = xs
            .iter()
            .map(|x| (0..n).map(|f| cuts[f].iter().filter(|&&c| x[f] > c).count() as u8).collect())
            .collect();
        let mut z: Vec<f64> =
            xs.iter().map(|x| self.linear(x) + self.trees.iter().map(|t| t.eval(x)).sum::<f64>()).collect();
        let lambda = 1.0;
        let min_hess = 2.0;
        for _ in 0..rounds {
            let g: Vec<f64> = z.iter().zip(ys).map(|(&zz, &y)| sigmoid(zz) - y).collect();
            let h: Vec<f64> = z.iter().map(|&zz| (sigmoid(zz) * (1.0 - sigmoid(zz))).max(1e-6)).collect();
            let mut tree = Tree::default();
            let all: Vec<usize> = (0..xs.len()).collect();
            grow(&mut tree, &all, &bins, &cuts, &g, &h, depth, lambda, min_hess, eta);
            for (k, x) in xs.iter().enumerate() {
                z[k] += tree.eval(x);
            }
            self.trees.push(tree);
        }
    }

    /// Fit by full-batch gradient descent (Adam) with L2 penalty `l2`.
    pub fn fit(xs: &[Vec<f64>], ys: &[f64], l2: f64, epochs: usize) -> Logistic {
        Logistic::fit_weighted(xs, ys, &vec![1.0; xs.len()], l2, epochs)
    }

    /// [`Logistic::fit`] with a weight per row (the loss is a weighted mean).
    pub fn fit_weighted(xs: &[Vec<f64>], ys: &[f64], ws: &[f64], l2: f64, epochs: usize) -> Logistic {
        Logistic::fit_sparse(xs, &[], ys, ws, l2, 0.0, epochs, &[])
    }

    /// [`Logistic::fit_weighted`] with hashed features per row (`sp`, empty
    /// for none) under their own L2 penalty `l2h`; buckets whose `trainable`
    /// is false (or beyond it) keep weight 0.
    #[allow(clippy::too_many_arguments)]
    pub fn fit_sparse(
        xs: &[Vec<f64>],
        sp: &[Vec<(u32, f32)>],
        ys: &[f64],
        ws: &[f64],
        l2: f64,
        l2h: f64,
        epochs: usize,
        trainable: &[bool],
    ) -> Logistic {
        let n = xs.first().map_or(0, |x| x.len());
        let use_sp = !sp.is_empty() && sp.len() == xs.len();
        let nh = if use_sp { N_HASH } else { 0 };
        let mut hw = vec![0.0; nh];
        let (mut h1, mut h2) = (vec![0.0; nh], vec![0.0; nh]);
        let mut hg = vec![0.0; nh];
        let m = xs.len().max(1) as f64;
        let wsum: f64 = ws.iter().sum::<f64>().max(1e-9);
        let mut mean = vec![0.0; n];
        let mut std = vec![0.0; n];
        for x in xs {
            for k in 0..n {
                mean[k] += x[k] / m;
            }
        }
        for x in xs {
            for k in 0..n {
                std[k] += (x[k] - mean[k]).powi(2) / m;
            }
        }
        for s in &mut std {
            *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
        }
        let z: Vec<Vec<f64>> =
            xs.iter().map(|x| (0..n).map(|k| (x[k] - mean[k]) / std[k]).collect()).collect();
        // Parameters: w[0..n], bias at n.
        let mut p = vec![0.0; n + 1];
        let (mut m1, mut m2) = (vec![0.0; n + 1], vec![0.0; n + 1]);
        let (b1, b2, lr, eps) = (0.9, 0.999, 0.05, 1e-8);
        for t in 1..=epochs {
            let mut g = vec![0.0; n + 1];
            hg.iter_mut().for_each(|v| *v = 0.0);
            for (r, ((x, &y), &w)) in z.iter().zip(ys).zip(ws).enumerate() {
                let mut s = p[n];
                for k in 0..n {
                    s += p[k] * x[k];
                }
                if use_sp {
                    for &(k, v) in &sp[r] {
                        s += hw[k as usize] * v as f64;
                    }
                }
                let e = (sigmoid(s) - y) * w;
                for k in 0..n {
                    g[k] += e * x[k] / wsum;
                }
                g[n] += e / wsum;
                if use_sp {
                    for &(k, v) in &sp[r] {
                        hg[k as usize] += e * v as f64 / wsum;
                    }
                }
            }
            for k in 0..nh {
                if !trainable.get(k).copied().unwrap_or(false) {
                    continue;
                }
                let gk = hg[k] + l2h * hw[k];
                h1[k] = b1 * h1[k] + (1.0 - b1) * gk;
                h2[k] = b2 * h2[k] + (1.0 - b2) * gk * gk;
                let mh = h1[k] / (1.0 - f64::powi(b1, t as i32));
                let vh = h2[k] / (1.0 - f64::powi(b2, t as i32));
                hw[k] -= lr * mh / (vh.sqrt() + eps);
            }
            for k in 0..n {
                g[k] += l2 * p[k];
            }
            for k in 0..=n {
                m1[k] = b1 * m1[k] + (1.0 - b1) * g[k];
                m2[k] = b2 * m2[k] + (1.0 - b2) * g[k] * g[k];
                let mh = m1[k] / (1.0 - f64::powi(b1, t as i32));
                let vh = m2[k] / (1.0 - f64::powi(b2, t as i32));
                p[k] -= lr * mh / (vh.sqrt() + eps);
            }
        }
        Logistic { bias: p[n], mean, std, w: p[..n].to_vec(), trees: Vec::new(), hash: hw }
    }
}

/// Grow one node (and its subtree) over `rows`; returns its index.
#[allow(clippy::too_many_arguments)]
fn grow(
    tree: &mut Tree,
    rows: &[usize],
    bins: &[Vec<u8>],
    cuts: &[Vec<f64>],
    g: &[f64],
    h: &[f64],
    depth: usize,
    lambda: f64,
    min_hess: f64,
    eta: f64,
) -> usize {
    let gs: f64 = rows.iter().map(|&r| g[r]).sum();
    let hs: f64 = rows.iter().map(|&r| h[r]).sum();
    let idx = tree.nodes.len();
    tree.nodes.push(Node::Leaf(-eta * gs / (hs + lambda)));
    if depth == 0 || rows.len() < 4 {
        return idx;
    }
    let base = gs * gs / (hs + lambda);
    let mut best: Option<(f64, usize, usize)> = None;
    for (f, c) in cuts.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        let mut hg = vec![0.0; c.len() + 1];
        let mut hh = vec![0.0; c.len() + 1];
        for &r in rows {
            let b = bins[r][f] as usize;
            hg[b] += g[r];
            hh[b] += h[r];
        }
        let (mut gl, mut hl) = (0.0, 0.0);
        for b in 0..c.len() {
            gl += hg[b];
            hl += hh[b];
            let (gr, hr) = (gs - gl, hs - hl);
            if hl < min_hess || hr < min_hess {
                continue;
            }
            let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - base;
            if gain > 1e-9 && best.is_none_or(|(bg, _, _)| gain > bg) {
                best = Some((gain, f, b));
            }
        }
    }
    let Some((_, f, b)) = best else { return idx };
    let (l, r): (Vec<usize>, Vec<usize>) = rows.iter().partition(|&&r| (bins[r][f] as usize) <= b);
    let left = grow(tree, &l, bins, cuts, g, h, depth - 1, lambda, min_hess, eta);
    let right = grow(tree, &r, bins, cuts, g, h, depth - 1, lambda, min_hess, eta);
    tree.nodes[idx] = Node::Split { feature: f, threshold: cuts[f][b], left, right };
    idx
}

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The staged model: stage 1 sees local features; every later stage sees
/// local features plus context features computed from the previous stage's
/// probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub stages: Vec<Logistic>,
    /// A line is boilerplate when its last-stage probability is at least this.
    pub threshold: f64,
    /// Cost (in log-odds) of switching between content and boilerplate from
    /// one line to the next when decoding the sequence; 0 = no smoothing.
    pub switch_cost: f64,
}

fn stage_width(k: usize) -> usize {
    if k == 0 {
        LOCAL_NAMES.len()
    } else {
        LOCAL_NAMES.len() + CONTEXT_NAMES.len()
    }
}

fn stage_names(k: usize) -> Vec<String> {
    let mut v: Vec<String> = LOCAL_NAMES.iter().map(|n| n.to_string()).collect();
    if k > 0 {
        v.extend(CONTEXT_NAMES.iter().map(|n| format!("ctx_{n}")));
    }
    v
}

impl Model {
    pub fn zero(n_stages: usize) -> Model {
        Model {
            stages: (0..n_stages.max(1)).map(|k| Logistic::zero(stage_width(k))).collect(),
            threshold: 0.5,
            switch_cost: 0.0,
        }
    }

    /// Text form: `threshold T`, then per stage `stageN bias B` and
    /// `stageN NAME MEAN STD WEIGHT` lines; `#` starts a comment.
    pub fn to_text(&self, header: &str) -> String {
        let mut s = String::new();
        for l in header.lines() {
            s.push_str("# ");
            s.push_str(l);
            s.push('\n');
        }
        s.push_str(&format!("threshold {}\n", self.threshold));
        s.push_str(&format!("switch_cost {}\n", self.switch_cost));
        for (k, st) in self.stages.iter().enumerate() {
            let tag = format!("stage{}", k + 1);
            s.push_str(&format!("{tag} bias {:.6}\n", st.bias));
            for (j, name) in stage_names(k).iter().enumerate() {
                s.push_str(&format!("{tag} {name} {:.6} {:.6} {:.6}\n", st.mean[j], st.std[j], st.w[j]));
            }
            if !st.hash.is_empty() {
                // One signed byte per bucket, in hex: 8 KB for 4096 weights.
                let max = st.hash.iter().fold(0.0f64, |m, w| m.max(w.abs())).max(1e-9);
                let scale = max / 127.0;
                s.push_str(&format!("{tag} hashq {scale:e} "));
                for w in &st.hash {
                    let q = (w / scale).round().clamp(-127.0, 127.0) as i8;
                    s.push_str(&format!("{:02x}", q as u8));
                }
                s.push('\n');
            }
            for t in &st.trees {
                s.push_str(&format!("{tag} tree\n"));
                for node in &t.nodes {
                    match node {
                        Node::Leaf(v) => s.push_str(&format!("{tag} leaf {v}\n")),
                        Node::Split { feature, threshold, left, right } => {
                            s.push_str(&format!("{tag} split {feature} {threshold} {left} {right}\n"))
                        }
                    }
                }
            }
        }
        s
    }

    /// Parse [`Model::to_text`]'s format. Features are matched by position;
    /// a file whose feature counts differ from the code's is rejected.
    pub fn from_text(src: &str) -> Option<Model> {
        let mut threshold = 0.5;
        let mut switch_cost = 0.0;
        let mut stages: Vec<Logistic> = Vec::new();
        let mut filled: Vec<usize> = Vec::new();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let stage_no = |tag: &str| -> Option<usize> {
                tag.strip_prefix("stage")?.parse::<usize>().ok()?.checked_sub(1)
            };
            match parts.as_slice() {
                ["threshold", t] => threshold = t.parse().ok()?,
                ["switch_cost", c] => switch_cost = c.parse().ok()?,
                [tag, "bias", b] => {
                    let k = stage_no(tag)?;
                    if k != stages.len() {
                        return None;
                    }
                    let mut st = Logistic::zero(stage_width(k));
                    st.bias = b.parse().ok()?;
                    stages.push(st);
                    filled.push(0);
                }
                [tag, "hashq", scale, hex] => {
                    let st = stages.get_mut(stage_no(tag)?)?;
                    let scale: f64 = scale.parse().ok()?;
                    let b = hex.as_bytes();
                    if b.len() != 2 * N_HASH {
                        return None;
                    }
                    let digit = |c: u8| (c as char).to_digit(16);
                    st.hash = b
                        .chunks(2)
                        .map(|p| Some(((digit(p[0])? * 16 + digit(p[1])?) as u8 as i8) as f64 * scale))
                        .collect::<Option<Vec<f64>>>()?;
                }
                [tag, "tree"] => {
                    let st = stages.get_mut(stage_no(tag)?)?;
                    st.trees.push(Tree::default());
                }
                [tag, "leaf", v] => {
                    let st = stages.get_mut(stage_no(tag)?)?;
                    st.trees.last_mut()?.nodes.push(Node::Leaf(v.parse().ok()?));
                }
                [tag, "split", f, t, l, r] => {
                    let st = stages.get_mut(stage_no(tag)?)?;
                    let width = st.w.len();
                    let feature: usize = f.parse().ok()?;
                    if feature >= width {
                        return None;
                    }
                    let node = Node::Split {
                        feature,
                        threshold: t.parse().ok()?,
                        left: l.parse().ok()?,
                        right: r.parse().ok()?,
                    };
                    st.trees.last_mut()?.nodes.push(node);
                }
                [tag, _name, mean, std, w] => {
                    let k = stage_no(tag)?;
                    let st = stages.get_mut(k)?;
                    let j = filled[k];
                    if j >= st.w.len() {
                        return None;
                    }
                    st.mean[j] = mean.parse().ok()?;
                    let sd: f64 = std.parse().ok()?;
                    st.std[j] = if sd.abs() > 1e-12 { sd } else { 1.0 };
                    st.w[j] = w.parse().ok()?;
                    filled[k] += 1;
                }
                _ => return None,
            }
        }
        if stages.is_empty() || stages.iter().zip(&filled).any(|(st, &f)| f != st.w.len()) {
            return None;
        }
        Some(Model { stages, threshold, switch_cost })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        let mut m = Model::zero(3);
        m.stages[0].w[3] = 1.25;
        m.stages[2].bias = -0.5;
        m.threshold = 0.4;
        let back = Model::from_text(&m.to_text("test")).expect("parses");
        assert_eq!(back.stages.len(), 3);
        assert_eq!(back.stages[0].w[3], 1.25);
        assert_eq!(back.stages[2].bias, -0.5);
        assert_eq!(back.threshold, 0.4);
        assert!(Model::from_text("threshold x").is_none());
        let mut h = Model::zero(1);
        h.stages[0].hash = (0..N_HASH).map(|k| (k % 7) as f64 * 0.01 - 0.03).collect();
        let back = Model::from_text(&h.to_text("")).expect("parses with hashed weights");
        assert!(back.stages[0].hash.iter().zip(&h.stages[0].hash).all(|(a, b)| (a - b).abs() < 0.001));
        assert!(Model::from_text("threshold 0.5\nstage1 hashq 0.1 zz").is_none());
        assert!(Model::from_text("threshold 0.5\nstage1 bias 0").is_none());
    }

    #[test]
    fn boosted_trees_learn_an_interaction_and_round_trip() {
        // XOR of two features (cells of unequal size, so a greedy first
        // split has some gain): no linear model separates it.
        let cells = [(0.0, 0.0, 80), (1.0, 0.0, 40), (0.0, 1.0, 50), (1.0, 1.0, 30)];
        let xs: Vec<Vec<f64>> =
            cells.iter().flat_map(|&(a, b, n)| std::iter::repeat_n(vec![a, b], n)).collect();
        let ys: Vec<f64> = xs.iter().map(|x| if (x[0] > 0.5) != (x[1] > 0.5) { 1.0 } else { 0.0 }).collect();
        let mut m = Logistic::fit(&xs, &ys, 1e-3, 200);
        m.boost(&xs, &ys, 30, 2, 0.3);
        assert!(m.prob(&[1.0, 0.0]) > 0.8 && m.prob(&[0.0, 1.0]) > 0.8);
        assert!(m.prob(&[0.0, 0.0]) < 0.2 && m.prob(&[1.0, 1.0]) < 0.2);
        let mut model = Model::zero(1);
        model.stages[0].trees = m.trees.clone();
        let back = Model::from_text(&model.to_text("")).expect("parses");
        assert_eq!(back.stages[0].trees, m.trees);
    }

    #[test]
    fn fit_separates_a_simple_rule() {
        let xs: Vec<Vec<f64>> = (0..40).map(|i| vec![i as f64, 1.0]).collect();
        let ys: Vec<f64> = (0..40).map(|i| if i >= 20 { 1.0 } else { 0.0 }).collect();
        let m = Logistic::fit(&xs, &ys, 1e-3, 500);
        assert!(m.prob(&[35.0, 1.0]) > 0.8);
        assert!(m.prob(&[5.0, 1.0]) < 0.2);
    }
}
