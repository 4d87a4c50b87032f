//! The name tagger's model: hashed features -> rows of quantised weights, one
//! per BILOU tag, and Viterbi decoding (two passes) under the BILOU grammar.
//! Training (tools/src/bin/train-ner.rs) runs the same [`decode`] with float
//! weights that learn as they go (an averaged perceptron).

use super::features::{self as fx, Extracted, NT, O};
use std::sync::OnceLock;

/// Tag of the position before a sentence's first token.
pub const BOS: u8 = NT as u8;

#[inline]
pub fn bucket(f: u64, nbits: u32) -> usize {
    (f >> (64 - nbits)) as usize
}

/// Adds the tags' scores for `feats` to `out`; a learner also updates on its
/// mistakes.
pub trait Scorer {
    fn score(&self, feats: &[u64], out: &mut [f32; NT]);
    fn adjust(&mut self, _feat: u64, _tag: u8, _delta: f32) {}
    fn tick(&mut self) {}
}

/// Weights quantised to signed 8-bit log codes: code `q` stands for
/// `sign(q) * low * (exp(|q| / a) - 1)` with `a` such that 127 is `top`.
/// Only buckets with a non-zero weight are kept: `slot[bucket]` is 0 for an
/// empty bucket, else `(row + 1) << 8 | fingerprint`, and that row's
/// weights, decoded to i16, are `w[row * NT..][..NT]`. The fingerprint is
/// that of the feature that owns the bucket; other features hashed there
/// (unseen in training) are ignored instead of borrowing its weights.
/// (Compact rows: ~1/20 of the buckets are used, so a dense table would be
/// 20x larger and miss the cache on most lookups.)
pub struct Model {
    pub nbits: u32,
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub low: f32,
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub top: f32,
    slot: Vec<u32>,
    w: Vec<i16>,
}

const MAGIC: &[u8; 4] = b"NER4";

/// The 8 bits of a feature hash that its bucket index does not use.
#[inline]
pub fn fingerprint(f: u64) -> u8 {
    f as u8
}

/// The weight a code stands for, in i16 units of `top / 32000`.
pub fn code_table(low: f32, top: f32) -> [i16; 256] {
    let mut t = [0i16; 256];
    let (low, top) = (low.max(1e-9) as f64, top.max(1e-9) as f64);
    let a = 127.0 / (1.0 + top / low).ln();
    let unit = top / 32000.0;
    for q in -127i32..=127 {
        let v = low * ((q.abs() as f64 / a).exp() - 1.0);
        let v = if q < 0 { -v } else { v };
        t[(q as i8 as u8) as usize] = (v / unit).round().clamp(-32767.0, 32767.0) as i16;
    }
    t
}

/// The code nearest (in log space) to weight `x`.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn encode_weight(x: f32, low: f32, top: f32) -> i8 {
    let (low, top) = (low.max(1e-9) as f64, top.max(1e-9) as f64);
    let a = 127.0 / (1.0 + top / low).ln();
    let q = (a * (1.0 + x.abs() as f64 / low).ln()).round().min(127.0) as i8;
    if x < 0.0 {
        -q
    } else {
        q
    }
}

impl Model {
    /// A model from dense codes `codes[bucket * NT + tag]` and the
    /// fingerprint of each bucket's owner.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub fn from_codes(nbits: u32, low: f32, top: f32, codes: &[i8], fp: &[u8]) -> Model {
        let t = code_table(low, top);
        let mut slot = vec![0u32; 1 << nbits];
        let mut w = Vec::new();
        for (b, cells) in codes.chunks(NT).enumerate() {
            if cells.iter().all(|&c| c == 0) {
                continue;
            }
            let row = (w.len() / NT) as u32 + 1;
            if let Some(s) = slot.get_mut(b) {
                *s = row << 8 | fp.get(b).copied().unwrap_or(0) as u32;
                w.extend(cells.iter().map(|&c| t[c as u8 as usize]));
                w.resize(row as usize * NT, 0);
            }
        }
        Model { nbits, low, top, slot, w }
    }

    /// The i16 weights of bucket `b` if its owner has fingerprint `fp`.
    #[inline]
    pub fn row(&self, b: usize, fp: u8) -> Option<&[i16]> {
        let s = *self.slot.get(b)?;
        if s == 0 || s as u8 != fp {
            return None;
        }
        let at = ((s >> 8) as usize - 1) * NT;
        self.w.get(at..at + NT)
    }

    /// Compact form: a header, then, for the rows (buckets) with a non-zero
    /// cell, one stream after another so that like bytes sit together and
    /// gzip finds them: the rows' bucket gaps (varints), their masks of
    /// non-zero cells (bits 0-7, bits 8-15, then bit 16 packed 8 rows to a
    /// byte), the non-zero codes row by row, the rows' fingerprints. (A
    /// tenth smaller gzipped than interleaved (gap, code) pairs.)
    #[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
    pub fn encode(nbits: u32, low: f32, top: f32, codes: &[i8], fp: &[u8]) -> Vec<u8> {
        let mut rows: Vec<(usize, u32)> = Vec::new();
        for (b, cells) in codes.chunks(NT).enumerate() {
            let mask = cells.iter().enumerate().fold(0u32, |m, (t, &c)| if c != 0 { m | 1 << t } else { m });
            if mask != 0 {
                rows.push((b, mask));
            }
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&fx::FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&nbits.to_le_bytes());
        out.extend_from_slice(&low.to_le_bytes());
        out.extend_from_slice(&top.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for &(b, _) in &rows {
            let mut gap = b - last;
            last = b;
            loop {
                let x = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(x);
                    break;
                }
                out.push(x | 0x80);
            }
        }
        out.extend(rows.iter().map(|&(_, m)| m as u8));
        out.extend(rows.iter().map(|&(_, m)| (m >> 8) as u8));
        out.extend(rows.chunks(8).map(|c| c.iter().enumerate().fold(0u8, |x, (k, &(_, m))| x | ((m >> 16) as u8 & 1) << k)));
        for &(b, _) in &rows {
            out.extend(codes[b * NT..b * NT + NT].iter().filter(|&&c| c != 0).map(|&c| c as u8));
        }
        out.extend(rows.iter().map(|&(b, _)| fp.get(b).copied().unwrap_or(0)));
        out
    }

    /// `None` for anything that is not a model of this feature version.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let u32_at =
            |k: usize| -> Option<u32> { Some(u32::from_le_bytes(b.get(k..k + 4)?.try_into().ok()?)) };
        if b.get(0..4)? != MAGIC || u32_at(4)? != fx::FEATURE_VERSION {
            return None;
        }
        let nbits = u32_at(8)?;
        if !(8..=24).contains(&nbits) {
            return None;
        }
        let low = f32::from_bits(u32_at(12)?);
        let top = f32::from_bits(u32_at(16)?);
        if !(low.is_finite() && top.is_finite() && low > 0.0 && top >= low) {
            return None;
        }
        let nrows = u32_at(20)? as usize;
        if nrows > 1 << nbits {
            return None;
        }
        let mut k = 24;
        // Bucket gaps.
        let mut slot = vec![0u32; 1 << nbits];
        let mut buckets: Vec<usize> = Vec::with_capacity(nrows);
        let mut pos = 0usize;
        for j in 0..nrows {
            let mut gap = 0usize;
            let mut shift = 0;
            loop {
                let byte = *b.get(k)?;
                k += 1;
                gap |= ((byte & 0x7f) as usize) << shift;
                shift += 7;
                if byte & 0x80 == 0 || shift > 35 {
                    break;
                }
            }
            if j > 0 && gap == 0 {
                return None;
            }
            pos = pos.checked_add(gap)?;
            if pos >= slot.len() {
                return None;
            }
            buckets.push(pos);
        }
        // Masks, then the codes they call for.
        let lo = b.get(k..k + nrows)?;
        let mid = b.get(k + nrows..k + 2 * nrows)?;
        k += 2 * nrows;
        let high = b.get(k..k + nrows.div_ceil(8))?;
        k += nrows.div_ceil(8);
        let t = code_table(low, top);
        let mut w: Vec<i16> = vec![0; nrows * NT];
        for (row, cells) in w.chunks_mut(NT).enumerate() {
            let mask = lo[row] as u32 | (mid[row] as u32) << 8 | ((high[row / 8] >> (row % 8)) as u32 & 1) << 16;
            if mask == 0 {
                return None;
            }
            for (tag, cell) in cells.iter_mut().enumerate() {
                if mask & 1 << tag != 0 {
                    let c = *b.get(k)?;
                    k += 1;
                    if c == 0 {
                        return None;
                    }
                    *cell = t[c as usize];
                }
            }
        }
        for (row, &bucket) in buckets.iter().enumerate() {
            slot[bucket] = (row as u32 + 1) << 8 | *b.get(k)? as u32;
            k += 1;
        }
        if k != b.len() {
            return None;
        }
        Some(Model { nbits, low, top, slot, w })
    }
}

// The masks above hold 17 tags in two bytes and one bit.
const _: () = assert!(NT == 17);

/// The committed model (data/ner.model), decoded once.
pub fn embedded() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(include_bytes!("../../data/ner.model"))).as_ref()
}

pub struct Infer<'a>(pub &'a Model);

impl Scorer for Infer<'_> {
    #[inline]
    fn score(&self, feats: &[u64], out: &mut [f32; NT]) {
        let m = self.0;
        let mut acc = [0i32; NT];
        for &f in feats {
            if let Some(row) = m.row(bucket(f, m.nbits), fingerprint(f)) {
                for (a, &x) in acc.iter_mut().zip(row) {
                    *a += x as i32;
                }
            }
        }
        for (o, a) in out.iter_mut().zip(acc) {
            *o += a as f32;
        }
    }
}

const NS: usize = NT + 1; // previous tags, BOS included
type Trans = [[[f32; NT]; NS]; 2];

/// Transition scores, -inf where the BILOU grammar forbids the pair;
/// `[1]` for a sentence's last token.
fn masked<S: Scorer>(s: &S) -> Trans {
    let mut tr = [[[f32::NEG_INFINITY; NT]; NS]; 2];
    for p in 0..NS {
        let mut row = [0f32; NT];
        s.score(&[fx::transition(p as u8)], &mut row);
        for t in 0..NT {
            for (l, m) in tr.iter_mut().enumerate() {
                if fx::allowed(p as u8, t as u8, l == 1) {
                    m[p][t] = row[t];
                }
            }
        }
    }
    tr
}

/// Best tag sequence for one sentence's emission scores.
fn viterbi(emit: &[[f32; NT]], trans: &Trans, back: &mut Vec<[u8; NT]>, out: &mut [u8]) {
    let m = emit.len().min(out.len());
    if m == 0 {
        return;
    }
    back.clear();
    let mut delta = [f32::NEG_INFINITY; NT];
    let tb = &trans[(m == 1) as usize][BOS as usize];
    for t in 0..NT {
        delta[t] = emit[0][t] + tb[t];
    }
    back.push([BOS; NT]);
    for (k, e) in emit.iter().enumerate().take(m).skip(1) {
        let tr = &trans[(k + 1 == m) as usize];
        // Dense and branch-free over (previous, tag): forbidden pairs score
        // -inf and never win, and the loop over tags vectorises; scanning
        // each tag's allowed predecessors instead was a fifth of the
        // tagger's time, mostly mispredicted branches.
        let mut best = [f32::NEG_INFINITY; NT];
        let mut bp = [O; NT];
        for (p, row) in tr.iter().enumerate().take(NT) {
            let d = delta[p];
            if d == f32::NEG_INFINITY {
                continue;
            }
            for t in 0..NT {
                let v = d + row[t];
                let better = v > best[t];
                best[t] = if better { v } else { best[t] };
                bp[t] = if better { p as u8 } else { bp[t] };
            }
        }
        for t in 0..NT {
            delta[t] = best[t] + e[t];
        }
        back.push(bp);
    }
    let mut t = (0..NT).fold(O, |b, t| if delta[t] > delta[b as usize] { t as u8 } else { b });
    for k in (0..m).rev() {
        out[k] = t;
        t = back[k][t as usize];
    }
}

fn static_feats(ex: &Extracted, i: usize) -> &[u64] {
    let (a, b) = (ex.starts[i] as usize, ex.starts[i + 1] as usize);
    ex.feats.get(a..b).unwrap_or(&[])
}

/// Two passes of Viterbi decoding per sentence under the BILOU grammar.
/// Pass A sees, for each word, the tags given to it earlier in the
/// document; pass B the tags pass A gave its other occurrences anywhere in
/// the document (so a headline's first mention learns from the body). With
/// `gold`, the scorer learns from pass B's wrong sentences (structured
/// perceptron update).
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn decode<S: Scorer>(s: &mut S, ex: &Extracted, gold: Option<&[u8]>) -> Vec<u8> {
    decode_partial(s, ex, gold, [false; 4])
}

/// [`decode`] learning from a document whose labels flagged in `unknown`
/// (PER, ORG, LOC, MISC order) are not, or only partly, annotated: a
/// predicted span of such a label over tokens the gold leaves O is taken as
/// correct (the gold is completed with it), so the update moves towards the
/// best path consistent with the known labels instead of punishing names
/// the annotators did not mark.
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub fn decode_partial<S: Scorer>(
    s: &mut S,
    ex: &Extracted,
    gold: Option<&[u8]>,
    unknown: [bool; 4],
) -> Vec<u8> {
    let stat: Vec<[f32; NT]> = (0..ex.info.len())
        .map(|i| {
            let mut e = [0f32; NT];
            s.score(static_feats(ex, i), &mut e);
            e
        })
        .collect();
    decode_scored_partial(s, ex, stat, gold, unknown)
}

/// Static scores of every token, features scored as they are extracted
/// and dropped (the tagger's path: [`decode`] without holding the
/// features).
pub fn score_static<S: Scorer>(s: &S, doc: &fx::Doc) -> (Extracted, Vec<[f32; NT]>) {
    let mut stat: Vec<[f32; NT]> = Vec::with_capacity(doc.words.len());
    let ex = fx::extract_each(doc, |_, f| {
        let mut e = [0f32; NT];
        s.score(f, &mut e);
        stat.push(e);
    });
    (ex, stat)
}

/// [`decode`] given the static scores `stat` of every token. With `gold`,
/// `ex` must hold the static features.
pub fn decode_scored<S: Scorer>(
    s: &mut S,
    ex: &Extracted,
    stat: Vec<[f32; NT]>,
    gold: Option<&[u8]>,
) -> Vec<u8> {
    decode_scored_partial(s, ex, stat, gold, [false; 4])
}

/// `gold` completed with the spans of `pred` whose label is `unknown` and
/// whose tokens are all O in `gold`.
fn complete_gold(gold: &[u8], pred: &[u8], unknown: [bool; 4]) -> Vec<u8> {
    let mut g = gold.to_vec();
    for (a, b, l) in spans(pred) {
        let free = gold.get(a..b).is_some_and(|t| t.iter().all(|&x| x == O));
        if unknown.get(l).copied().unwrap_or(false) && free {
            g[a..b].copy_from_slice(&pred[a..b]);
        }
    }
    g
}

fn decode_scored_partial<S: Scorer>(
    s: &mut S,
    ex: &Extracted,
    stat: Vec<[f32; NT]>,
    gold: Option<&[u8]>,
    unknown: [bool; 4],
) -> Vec<u8> {
    let n = ex.info.len();
    let mut trans = masked(s);
    let mut emit: Vec<[f32; NT]> = Vec::with_capacity(64);
    let mut back: Vec<[u8; NT]> = Vec::with_capacity(64);
    let mut hbuf: Vec<u64> = Vec::with_capacity(8);
    let sents: Vec<std::ops::Range<usize>> =
        ex.sents.iter().filter(|r| r.start < r.end && r.end <= n).cloned().collect();

    // Pass A.
    let mut first = vec![O; n];
    let mut hist: crate::hash::IdMap<[u16; NT]> = crate::hash::IdMap::default();
    for r in &sents {
        emit.clear();
        for i in r.clone() {
            let info = &ex.info[i];
            hbuf.clear();
            let h = if fx::keeps_history(info) { hist.get(&info.lower) } else { None };
            fx::dynamic(info, h, &mut hbuf);
            let mut e = stat[i];
            s.score(&hbuf, &mut e);
            emit.push(e);
        }
        viterbi(&emit, &trans, &mut back, &mut first[r.clone()]);
        for i in r.clone() {
            let info = &ex.info[i];
            if first[i] != O && fx::keeps_history(info) {
                let e = hist.entry(info.lower).or_insert([0; NT]);
                e[first[i] as usize] = e[first[i] as usize].saturating_add(1);
            }
        }
    }

    // Pass B.
    let mut tags = vec![O; n];
    let mut fbuf: Vec<u64> = Vec::new();
    let mut fstart: Vec<usize> = Vec::new();
    for r in &sents {
        emit.clear();
        fbuf.clear();
        fstart.clear();
        for i in r.clone() {
            let info = &ex.info[i];
            hbuf.clear();
            let mut h = if fx::keeps_history(info) { hist.get(&info.lower).copied() } else { None };
            if let (Some(h), Some(own)) = (h.as_mut(), first.get(i)) {
                if *own != O {
                    h[*own as usize] = h[*own as usize].saturating_sub(1);
                }
            }
            fx::dynamic(info, h.as_ref(), &mut hbuf);
            let mut e;
            if gold.is_some() {
                // Learning: weights changed since `stat` was computed.
                e = [0f32; NT];
                s.score(static_feats(ex, i), &mut e);
                fstart.push(fbuf.len());
                fbuf.extend_from_slice(static_feats(ex, i));
                fbuf.extend_from_slice(&hbuf);
            } else {
                e = stat[i];
            }
            s.score(&hbuf, &mut e);
            emit.push(e);
        }
        fstart.push(fbuf.len());
        viterbi(&emit, &trans, &mut back, &mut tags[r.clone()]);
        if let Some(g) = gold.and_then(|g| g.get(r.clone())) {
            let p = &tags[r.clone()];
            let completed;
            let g = if unknown.iter().any(|&u| u) {
                completed = complete_gold(g, p, unknown);
                &completed[..]
            } else {
                g
            };
            if g != p {
                for k in 0..r.len() {
                    let (gp, pp) = if k == 0 { (BOS, BOS) } else { (g[k - 1], p[k - 1]) };
                    if g[k] != p[k] {
                        for &f in &fbuf[fstart[k]..fstart[k + 1]] {
                            s.adjust(f, g[k], 1.0);
                            s.adjust(f, p[k], -1.0);
                        }
                    }
                    if g[k] != p[k] || gp != pp {
                        s.adjust(fx::transition(gp), g[k], 1.0);
                        s.adjust(fx::transition(pp), p[k], -1.0);
                    }
                }
                trans = masked(s);
            }
            s.tick();
        }
    }
    tags
}

/// Entity spans `(first token, end token exclusive, label index)` of a tag
/// sequence; tolerant of sequences that break the BILOU grammar.
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match fx::tag_parts(t) {
            None => {
                if let Some((s, l)) = open.take() {
                    out.push((s, i, l));
                }
            }
            Some((l, p)) => {
                let cont = matches!(open, Some((_, ol)) if ol == l) && (p == 1 || p == 2);
                if !cont {
                    if let Some((s, ol)) = open.take() {
                        out.push((s, i, ol));
                    }
                    open = Some((i, l));
                }
                if p >= 2 {
                    if let Some((s, l)) = open.take() {
                        out.push((s, i + 1, l));
                    }
                }
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::tag_of;

    #[test]
    fn log_codes_keep_relative_precision() {
        let (low, top) = (0.01f32, 400.0f32);
        let t = code_table(low, top);
        let unit = top / 32000.0;
        for x in [0.5f32, 3.0, 40.0, -7.0, 399.0] {
            let back = t[encode_weight(x, low, top) as u8 as usize] as f32 * unit;
            assert!((back - x).abs() <= 0.06 * x.abs(), "{x} -> {back}");
        }
        assert_eq!(encode_weight(0.0, low, top), 0);
    }

    #[test]
    fn spans_follow_bilou_and_tolerate_breaks() {
        let t = [O, tag_of(0, 0), tag_of(0, 2), tag_of(2, 3), tag_of(1, 1), O];
        assert_eq!(spans(&t), vec![(1, 3, 0), (3, 4, 2), (4, 5, 1)]);
    }

    #[test]
    fn model_bytes_round_trip_and_garbage_is_refused() {
        let mut w = vec![0i8; (1 << 8) * NT];
        w[5] = 3;
        w[300] = -7;
        w[4000] = 127;
        let fp: Vec<u8> = (0..256).map(|i| i as u8 ^ 0x5a).collect();
        let b = Model::encode(8, 0.01, 100.0, &w, &fp);
        let m = Model::from_codes(8, 0.01, 100.0, &w, &fp);
        let m2 = Model::from_bytes(&b).expect("round trip");
        assert_eq!(m2.w, m.w);
        assert_eq!(m2.slot, m.slot);
        let cell = |m: &Model, i: usize| m.row(i / NT, fp[i / NT]).map(|r| r[i % NT]);
        assert_eq!(cell(&m2, 4000), Some(32000));
        assert!(cell(&m2, 300).is_some_and(|x| x < 0) && cell(&m2, 5).is_some_and(|x| x > 0));
        assert_eq!(m2.row(4000 / NT, fp[4000 / NT] ^ 1), None, "another feature's fingerprint");
        assert_eq!(m2.row(100, fp[100]), None, "an empty bucket");
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_none());
        assert!(Model::from_bytes(b"junk").is_none());
    }

    #[test]
    fn last_tag_cells_of_many_rows_round_trip() {
        // The last tag's mask bit is packed 8 rows to a byte: rows 0..20
        // cross two such bytes.
        let mut w = vec![0i8; (1 << 8) * NT];
        for row in 0..20 {
            w[row * NT + NT - 1] = if row % 3 == 0 { -5 } else { 9 };
            if row % 2 == 0 {
                w[row * NT] = 40;
            }
        }
        let fp = vec![7u8; 256];
        let b = Model::encode(8, 0.01, 100.0, &w, &fp);
        let m = Model::from_bytes(&b).expect("round trip");
        let want = Model::from_codes(8, 0.01, 100.0, &w, &fp);
        assert_eq!(m.w, want.w);
        assert_eq!(m.slot, want.slot);
        assert!(m.row(3, 7).is_some_and(|r| r[NT - 1] < 0 && r[0] == 0));
        assert!(m.row(4, 7).is_some_and(|r| r[NT - 1] > 0 && r[0] > 0));
        let mut extra = b.clone();
        extra.push(0);
        assert!(Model::from_bytes(&extra).is_none(), "trailing bytes");
    }
}
