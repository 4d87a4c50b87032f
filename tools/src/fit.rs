//! Fitting the boilerplate classifier's stages (`train-boiler`): logistic
//! regression by full-batch Adam with L2, hashed word features, and
//! Newton-boosted regression trees on the linear part's residual. The model
//! types and prediction live in the annotator crate; only fitting is here.

use annotator::internals::boilerplate::features::N_HASH;
use annotator::internals::boilerplate::model::{sigmoid, Logistic, Node, Tree};

/// Fitting methods for [`Logistic`] (an extension trait: the type is the
/// annotator's, the training code is not).
pub trait Fit: Sized {
    /// Fit `rounds` Newton-boosted trees of depth `depth` on the logit
    /// residual of the linear part; `eta` shrinks each tree.
    fn boost(&mut self, xs: &[Vec<f64>], ys: &[f64], rounds: usize, depth: usize, eta: f64);
    /// Fit by full-batch gradient descent (Adam) with L2 penalty `l2`.
    fn fit(xs: &[Vec<f64>], ys: &[f64], l2: f64, epochs: usize) -> Self;
    /// [`Fit::fit`] with a weight per row (the loss is a weighted mean).
    fn fit_weighted(xs: &[Vec<f64>], ys: &[f64], ws: &[f64], l2: f64, epochs: usize) -> Self;
    /// [`Fit::fit_weighted`] with hashed features per row (`sp`, empty
    /// for none) under their own L2 penalty `l2h`; buckets whose `trainable`
    /// is false (or beyond it) keep weight 0.
    #[allow(clippy::too_many_arguments)]
    fn fit_sparse(
        xs: &[Vec<f64>],
        sp: &[Vec<(u32, f32)>],
        ys: &[f64],
        ws: &[f64],
        l2: f64,
        l2h: f64,
        epochs: usize,
        trainable: &[bool],
    ) -> Self;
}

impl Fit for Logistic {
    fn boost(&mut self, xs: &[Vec<f64>], ys: &[f64], rounds: usize, depth: usize, eta: f64) {
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

    fn fit(xs: &[Vec<f64>], ys: &[f64], l2: f64, epochs: usize) -> Logistic {
        Logistic::fit_weighted(xs, ys, &vec![1.0; xs.len()], l2, epochs)
    }

    fn fit_weighted(xs: &[Vec<f64>], ys: &[f64], ws: &[f64], l2: f64, epochs: usize) -> Logistic {
        Logistic::fit_sparse(xs, &[], ys, ws, l2, 0.0, epochs, &[])
    }

    #[allow(clippy::too_many_arguments)]
    fn fit_sparse(
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

#[cfg(test)]
mod tests {
    use super::*;
    use annotator::internals::boilerplate::model::Model;

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
