//! The boilerplate classifier's model: per stage a logistic regression plus
//! an optional small set of boosted regression trees that correct its logit
//! (feature interactions a linear model cannot express); the weights file
//! format, and prediction (the fitting code is in tools/src/fit.rs).

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

    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
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

#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
fn stage_names(k: usize) -> Vec<String> {
    let mut v: Vec<String> = LOCAL_NAMES.iter().map(|n| n.to_string()).collect();
    if k > 0 {
        v.extend(CONTEXT_NAMES.iter().map(|n| format!("ctx_{n}")));
    }
    v
}

impl Model {
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub fn zero(n_stages: usize) -> Model {
        Model {
            stages: (0..n_stages.max(1)).map(|k| Logistic::zero(stage_width(k))).collect(),
            threshold: 0.5,
            switch_cost: 0.0,
        }
    }

    /// Text form: `threshold T`, then per stage `stageN bias B` and
    /// `stageN NAME MEAN STD WEIGHT` lines; `#` starts a comment.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
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
}
