//! CoNLL-2003 reading and strict span scoring, shared by the train-ner and
//! eval-ner binaries.

use annotator::internals::entities::features::{tag_of, O};
use annotator::internals::entities::model::spans;

/// One `-DOCSTART-` document: tokens, gold BILOU tags, sentences.
pub struct ConllDoc {
    pub words: Vec<String>,
    pub tags: Vec<u8>,
    pub sents: Vec<std::ops::Range<usize>>,
}

fn label_index(kind: &str) -> Option<usize> {
    match kind {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// Parse CoNLL text (word ... NE per line; IOB1 or IOB2 tags).
pub fn read(text: &str) -> Vec<ConllDoc> {
    let mut docs = Vec::new();
    let mut cur = ConllDoc { words: vec![], tags: vec![], sents: vec![] };
    let mut sent: Vec<(String, Option<usize>, bool)> = Vec::new();
    let flush_sent = |sent: &mut Vec<(String, Option<usize>, bool)>, d: &mut ConllDoc| {
        if sent.is_empty() {
            return;
        }
        let start = d.words.len();
        // Entity chunks (IOB1: a new chunk at B- or at a label change).
        let mut chunks: Vec<(usize, usize, usize)> = Vec::new();
        for (i, (_, lab, b)) in sent.iter().enumerate() {
            match lab {
                None => {}
                Some(l) => {
                    let extend = !b && i > 0 && chunks.last().is_some_and(|c| c.1 == i && c.2 == *l);
                    if extend {
                        if let Some(c) = chunks.last_mut() {
                            c.1 = i + 1;
                        }
                    } else {
                        chunks.push((i, i + 1, *l));
                    }
                }
            }
        }
        let mut tags = vec![O; sent.len()];
        for (s, e, l) in chunks {
            if e - s == 1 {
                tags[s] = tag_of(l, 3);
            } else {
                tags[s] = tag_of(l, 0);
                for t in tags.iter_mut().take(e - 1).skip(s + 1) {
                    *t = tag_of(l, 1);
                }
                tags[e - 1] = tag_of(l, 2);
            }
        }
        for ((w, _, _), t) in sent.drain(..).zip(tags) {
            d.words.push(w);
            d.tags.push(t);
        }
        d.sents.push(start..d.words.len());
    };
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            flush_sent(&mut sent, &mut cur);
            if !cur.words.is_empty() {
                docs.push(std::mem::replace(
                    &mut cur,
                    ConllDoc { words: vec![], tags: vec![], sents: vec![] },
                ));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            flush_sent(&mut sent, &mut cur);
            continue;
        }
        let ne = cols[cols.len() - 1];
        let (lab, b) = match ne.split_once('-') {
            Some((p, k)) => (label_index(k), p == "B"),
            None => (None, false),
        };
        sent.push((cols[0].to_string(), lab, b));
    }
    flush_sent(&mut sent, &mut cur);
    if !cur.words.is_empty() {
        docs.push(cur);
    }
    docs
}

/// Labels (PER, ORG, LOC, MISC order) a corpus file annotates fully, from
/// the `<source>.meta.json` next to `<source>.<split>.conll` (missing and
/// partial labels are not scored); all four without a meta file.
pub fn scored_labels(path: &str) -> [bool; 4] {
    let mut keep = [true; 4];
    let p = std::path::Path::new(path);
    let stem = p.file_name().and_then(|f| f.to_str()).and_then(|f| f.split('.').next()).unwrap_or("");
    let meta = p.with_file_name(format!("{stem}.meta.json"));
    let Ok(txt) = std::fs::read_to_string(meta) else { return keep };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&txt) else { return keep };
    for key in ["labels_missing", "labels_partial"] {
        let names: Vec<String> = match &v[key] {
            serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
            serde_json::Value::Object(o) => o.keys().cloned().collect(),
            _ => vec![],
        };
        for n in names {
            if let Some(l) = ["PER", "ORG", "LOC", "MISC"].iter().position(|x| *x == n) {
                keep[l] = false;
            }
        }
    }
    keep
}

/// A short name for a corpus file: `gum.dev` for `.../gum.dev.conll`,
/// `conll2003/dev` for `.../conll2003/dev.txt`.
pub fn source_name(path: &str) -> String {
    let p = std::path::Path::new(path);
    let file = p.file_name().and_then(|f| f.to_str()).unwrap_or(path);
    let file = file.trim_end_matches(".conll").trim_end_matches(".txt");
    if file.contains('.') {
        file.to_string()
    } else {
        let dir = p.parent().and_then(|d| d.file_name()).and_then(|d| d.to_str()).unwrap_or("");
        format!("{dir}/{file}")
    }
}

/// Strict span counts per label: `[tp, n_pred, n_gold]`.
#[derive(Default, Clone, Copy, Debug)]
pub struct Counts(pub [[usize; 3]; 4]);

impl Counts {
    pub fn add(&mut self, gold: &[u8], pred: &[u8]) {
        let g = spans(gold);
        let p = spans(pred);
        for s in &p {
            self.0[s.2][1] += 1;
            if g.contains(s) {
                self.0[s.2][0] += 1;
            }
        }
        for s in &g {
            self.0[s.2][2] += 1;
        }
    }
    fn prf(c: [usize; 3]) -> (f64, f64, f64) {
        let p = if c[1] > 0 { c[0] as f64 / c[1] as f64 } else { 0.0 };
        let r = if c[2] > 0 { c[0] as f64 / c[2] as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
    pub fn total(&self) -> [usize; 3] {
        let mut t = [0; 3];
        for c in &self.0 {
            for k in 0..3 {
                t[k] += c[k];
            }
        }
        t
    }
    /// Strict F1 of one label.
    pub fn label_f1(&self, l: usize) -> f64 {
        self.0.get(l).map_or(0.0, |c| Self::prf(*c).2)
    }
    pub fn f1(&self) -> f64 {
        Self::prf(self.total()).2
    }
    pub fn report(&self) -> String {
        let names = ["PERSON", "ORG", "PLACE", "MISC"];
        let mut s = format!(
            "{:<8} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}\n",
            "label", "P", "R", "F1", "tp", "pred", "gold"
        );
        let mut row = |name: &str, c: [usize; 3]| {
            let (p, r, f) = Self::prf(c);
            s += &format!(
                "{:<8} {:>7.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}\n",
                name, p, r, f, c[0], c[1], c[2]
            );
        };
        for (l, name) in names.iter().enumerate() {
            row(name, self.0[l]);
        }
        row("overall", self.total());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_becomes_bilou_and_scores_itself_perfectly() {
        let t = "-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nin IN O O\nBonn NNP I-NP I-LOC\nEU NNP I-NP I-ORG\n\nX NNP I-NP I-MISC\nY NNP I-NP B-MISC\n";
        let d = read(t);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].sents, vec![0..5, 5..7]);
        assert_eq!(
            d[0].tags,
            vec![tag_of(0, 0), tag_of(0, 2), O, tag_of(2, 3), tag_of(1, 3), tag_of(3, 3), tag_of(3, 3)]
        );
        let mut c = Counts::default();
        c.add(&d[0].tags, &d[0].tags);
        assert_eq!(c.total(), [5, 5, 5]);
        assert!((c.f1() - 1.0).abs() < 1e-9);
    }
}
