//! Logistic regression for the boilerplate classifier: the weights file
//! format, prediction, and the trainer `src/bin/train-boiler.rs` uses.

use super::features::{CONTEXT_NAMES, LOCAL_NAMES};

/// One logistic regression over standardised features.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    pub bias: f64,
    pub mean: Vec<f64>,
    pub std: Vec<f64>,
    pub w: Vec<f64>,
}

impl Logistic {
    pub fn zero(n: usize) -> Logistic {
        Logistic { bias: 0.0, mean: vec![0.0; n], std: vec![1.0; n], w: vec![0.0; n] }
    }

    pub fn prob(&self, x: &[f64]) -> f64 {
        let mut z = self.bias;
        for (k, &v) in x.iter().enumerate().take(self.w.len()) {
            z += self.w[k] * (v - self.mean[k]) / self.std[k];
        }
        sigmoid(z)
    }

    /// Fit by full-batch gradient descent (Adam) with L2 penalty `l2`.
    pub fn fit(xs: &[Vec<f64>], ys: &[f64], l2: f64, epochs: usize) -> Logistic {
        let n = xs.first().map_or(0, |x| x.len());
        let m = xs.len().max(1) as f64;
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
        let z: Vec<Vec<f64>> = xs.iter().map(|x| (0..n).map(|k| (x[k] - mean[k]) / std[k]).collect()).collect();
        // Parameters: w[0..n], bias at n.
        let mut p = vec![0.0; n + 1];
        let (mut m1, mut m2) = (vec![0.0; n + 1], vec![0.0; n + 1]);
        let (b1, b2, lr, eps) = (0.9, 0.999, 0.05, 1e-8);
        for t in 1..=epochs {
            let mut g = vec![0.0; n + 1];
            for (x, &y) in z.iter().zip(ys) {
                let mut s = p[n];
                for k in 0..n {
                    s += p[k] * x[k];
                }
                let e = sigmoid(s) - y;
                for k in 0..n {
                    g[k] += e * x[k] / m;
                }
                g[n] += e / m;
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
        Logistic { bias: p[n], mean, std, w: p[..n].to_vec() }
    }
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
        Model { stages: (0..n_stages.max(1)).map(|k| Logistic::zero(stage_width(k))).collect(), threshold: 0.5 }
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
        for (k, st) in self.stages.iter().enumerate() {
            let tag = format!("stage{}", k + 1);
            s.push_str(&format!("{tag} bias {:.6}\n", st.bias));
            for (j, name) in stage_names(k).iter().enumerate() {
                s.push_str(&format!("{tag} {name} {:.6} {:.6} {:.6}\n", st.mean[j], st.std[j], st.w[j]));
            }
        }
        s
    }

    /// Parse [`Model::to_text`]'s format. Features are matched by position;
    /// a file whose feature counts differ from the code's is rejected.
    pub fn from_text(src: &str) -> Option<Model> {
        let mut threshold = 0.5;
        let mut stages: Vec<Logistic> = Vec::new();
        let mut filled: Vec<usize> = Vec::new();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            let stage_no = |tag: &str| -> Option<usize> { tag.strip_prefix("stage")?.parse::<usize>().ok()?.checked_sub(1) };
            match parts.as_slice() {
                ["threshold", t] => threshold = t.parse().ok()?,
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
        Some(Model { stages, threshold })
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
        assert!(Model::from_text("threshold 0.5\nstage1 bias 0").is_none());
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
