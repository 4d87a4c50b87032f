//! A learned speaker ranker: for a quotation, the candidate source mentions
//! around it (names, pronouns, nominal phrases) and a linear score for each
//! from hashed features of position, distance, punctuation, cues, paragraph
//! structure and the candidate's type. The weights are data
//! (data/speakers.model, rebuilt by tools/train-speakers.sh from the
//! PolNeAR training split).

use super::doc::Doc;
use super::speakers::{mentions_over, Np, NpKind};
use super::vocabulary::{self, determiners, function_words, is_pronoun};
use crate::annotation::{Label, Mention};
use crate::hash::{fnv, FNV_OFFSET};

/// The most tokens looked at before and after a quotation.
const BEFORE: usize = 60;
const AFTER: usize = 40;

/// What a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CandType {
    /// A capitalised name the entity layer marks as a person.
    Person,
    /// A name marked as an organisation or a place.
    Org,
    /// A capitalised name the entity layer has no mention for.
    Name,
    Pronoun,
    /// "the spokesman", "a senior official".
    Nominal,
}

impl CandType {
    fn id(self) -> u8 {
        self as u8
    }
}

/// A candidate source mention: its phrase and type.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub np: Np,
    pub ty: CandType,
}

/// The label of the first mention overlapping tokens `[a, b)`, a name's
/// before a date's ("June" can be either).
fn label_over(doc: &Doc, mentions: &[Mention], a: usize, b: usize) -> Option<Label> {
    let span = doc.byte_span(a, b);
    let over = || mentions_over(mentions, span);
    over().find(|m| m.label != Label::Date).or_else(|| over().next()).map(|m| m.label)
}

/// Token window `[lo, hi)` around quotation `qi`: its paragraph near it and
/// the end of the previous paragraph.
fn window(doc: &Doc, qi: usize) -> Option<(usize, usize)> {
    let &(qa, qb) = doc.qtoks.get(qi)?;
    let q = doc.quotes.get(qi)?;
    let (la, _) = doc.line_toks(q.first_line);
    let (_, lb) = doc.line_toks(q.last_line);
    let mut lo = la.max(qa.saturating_sub(BEFORE));
    if lo == la && qa - la < BEFORE {
        if let Some(pl) = doc.prev_line(q.first_line) {
            let (pa, pb) = doc.line_toks(pl);
            lo = pa.max(pb.saturating_sub(BEFORE - (qa - la)));
        }
    }
    let hi = lb.min(qb + AFTER);
    Some((lo, hi))
}

/// The candidates of quotation `qi`, in text order.
pub(crate) fn candidates(doc: &Doc, mentions: &[Mention], qi: usize) -> Vec<Cand> {
    let Some((lo, hi)) = window(doc, qi) else { return Vec::new() };
    let mut out: Vec<Cand> = Vec::new();
    let mut k = lo;
    while k < hi {
        let t = &doc.toks[k];
        if t.inq.is_some() || !t.word || doc.bad_line.get(t.line).copied().unwrap_or(true) {
            k += 1;
            continue;
        }
        if is_pronoun(&t.lower) && t.lower != "you" {
            out.push(Cand { np: Np { kind: NpKind::Pronoun, first: k, last: k + 1, head: k }, ty: CandType::Pronoun });
            k += 1;
            continue;
        }
        if doc.name_word(k) {
            let e = doc.run_fwd(k, hi).max(k + 1);
            let s = doc.strip(k, e);
            if s < e {
                let ty = match label_over(doc, mentions, s, e) {
                    Some(Label::Person) => Some(CandType::Person),
                    // A date ("June", "May") says nothing.
                    Some(Label::Date) => None,
                    Some(_) => Some(CandType::Org),
                    None => Some(CandType::Name),
                };
                if let Some(ty) = ty {
                    out.push(Cand { np: Np { kind: NpKind::Name, first: s, last: e, head: e - 1 }, ty });
                }
            } else if e > k + 1 || doc.role(k).is_some() {
                out.push(Cand {
                    np: Np { kind: NpKind::Nominal, first: k, last: e, head: e - 1 },
                    ty: CandType::Nominal,
                });
            }
            k = e;
            continue;
        }
        if determiners().contains(&t.lower.as_ref()) {
            if let Some(np) = super::speakers::np_after(doc, k, hi).filter(|np| np.kind == NpKind::Nominal) {
                let e = np.last;
                out.push(Cand { np, ty: CandType::Nominal });
                k = e.max(k + 1);
                continue;
            }
        }
        k += 1;
    }
    out
}

/// A candidate that can only be a person's mention: a person's name, a
/// name the entity layer does not know, or "he" / "she".
pub(crate) fn personal(doc: &Doc, c: &Cand) -> bool {
    match c.ty {
        CandType::Person | CandType::Name => true,
        CandType::Pronoun => matches!(doc.low(c.np.head), "he" | "she"),
        CandType::Org | CandType::Nominal => false,
    }
}

/// The cues starting at each token of a range, looked up once (a cue
/// lookup builds a small vector; candidates share the tokens they look at).
pub(crate) struct CueIndex {
    lo: usize,
    /// Per token from `lo`: the cue's length in tokens, 0 for none.
    len: Vec<u8>,
}

impl CueIndex {
    fn new(doc: &Doc, lo: usize, hi: usize) -> CueIndex {
        let hi = hi.min(doc.toks.len()).max(lo);
        let len = (lo..hi).map(|k| doc.cue(k).map_or(0, |c| c.words.len().min(255) as u8)).collect();
        CueIndex { lo, len }
    }
    /// The length of the cue starting at token `k`, if one does.
    fn at(&self, doc: &Doc, k: usize) -> Option<usize> {
        match k.checked_sub(self.lo).and_then(|i| self.len.get(i)) {
            Some(&0) => None,
            Some(&n) => Some(n as usize),
            None => doc.cue(k).map(|c| c.words.len()),
        }
    }
}

/// Feature hashes, built without allocating: a template id and small values.
struct Feats(Vec<u64>);

impl Feats {
    fn add(&mut self, id: &str, vals: &[u8]) {
        self.0.push(fnv(fnv(FNV_OFFSET, id.as_bytes()), vals));
    }
    fn add_word(&mut self, id: &str, ty: u8, w: &str) {
        self.0.push(fnv(fnv(fnv(FNV_OFFSET, id.as_bytes()), &[ty]), w.as_bytes()));
    }
}

fn bucket(d: usize) -> u8 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=32 => 6,
        _ => 7,
    }
}

/// What the ranker knows of the quotations before this one.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// The previous quotation's speaker name, when it is in this paragraph
    /// or the one before.
    pub prev_name: Option<&'a str>,
    /// The rules' speaker mention for this quotation (bytes) and whether a
    /// cue in its own sentence named it.
    pub rule: Option<crate::annotation::Span>,
    pub cued: bool,
}

/// The features that tie candidate `c` to the rules' answer.
pub(crate) fn rule_features(doc: &Doc, qi: usize, c: &Cand, ctx: &Context) -> Vec<u64> {
    let mut f = Feats(Vec::with_capacity(2));
    let side = doc.qtoks.get(qi).map_or(0, |&(qa, _)| (c.np.last <= qa) as u8);
    let span = doc.byte_span(c.np.first, c.np.last);
    let agrees = ctx.rule.is_some_and(|r| r.overlaps(span));
    let found = ctx.rule.is_some();
    f.add("rule", &[c.ty.id(), side, ctx.cued as u8, found as u8, agrees as u8]);
    f.add("rule2", &[ctx.cued as u8, found as u8, agrees as u8]);
    f.0
}

/// The feature hashes of candidate `c` of quotation `qi`; `rank` is its
/// place among the candidates on its side of the quotation (0 = nearest)
/// and `rank_ty` among those of its type.
fn features(
    doc: &Doc,
    qi: usize,
    c: &Cand,
    (rank, rank_ty): (usize, usize),
    ctx: &Context,
    cues: &CueIndex,
) -> Vec<u64> {
    let mut f = Feats(Vec::with_capacity(48));
    let Some(&(qa, qb)) = doc.qtoks.get(qi) else { return f.0 };
    if qa >= qb {
        return f.0;
    }
    let (a, b) = (c.np.first, c.np.last);
    let ty = c.ty.id();
    // 0: before the quotation, 1: after it, 2: inside it (a break).
    let side: u8 = if b <= qa {
        0
    } else if a >= qb {
        1
    } else {
        2
    };
    let (gap_a, gap_b) = if side == 0 { (b, qa) } else { (qb, a.max(qb)) };
    let words = (gap_a..gap_b).filter(|&k| doc.toks[k].word && doc.toks[k].inq.is_none()).count();
    let dist = bucket(words);
    let same_line = doc.same_line(a, if side == 0 { qa } else { qb - 1 });
    let mut terms = 0usize;
    let mut colon = false;
    let mut other_quote = false;
    let mut cue_between = false;
    for k in gap_a..gap_b {
        let t = &doc.toks[k];
        if t.inq.is_some() {
            other_quote |= t.inq != Some(qi);
            continue;
        }
        if doc.is_terminator(k) {
            terms += 1;
        }
        colon |= doc.t(k) == ":";
        cue_between |= cues.at(doc, k).is_some();
    }
    let sents = terms.min(2) as u8;
    let r = rank.min(3) as u8;
    let rt = rank_ty.min(3) as u8;
    let sl = same_line as u8;
    f.add("ty", &[ty]);
    f.add("ty-side", &[ty, side]);
    f.add("ty-side-dist", &[ty, side, dist]);
    f.add("side-dist", &[side, dist]);
    f.add("ty-side-rank", &[ty, side, r]);
    f.add("ty-side-rankty", &[ty, side, rt]);
    f.add("side-rank-sents", &[side, r, sents]);
    f.add("ty-side-sents-line", &[ty, side, sents, sl]);
    f.add("side-colon", &[side, colon as u8, sents]);
    f.add("side-otherq", &[side, other_quote as u8, r]);
    f.add("ty-side-cuebetween", &[ty, side, cue_between as u8, sents]);
    // The quotation's own shape: it starts its paragraph, ends a sentence,
    // follows a colon or a comma, is followed by a comma.
    let (la, _) = doc.line_toks(doc.toks[qa].line);
    let starts_para = qa == la;
    let finished = qb >= 2 && matches!(doc.t(qb - 2), "." | "!" | "?");
    let before_q = if qa > la { doc.t(qa - 1) } else { "" };
    let pre: u8 = match before_q {
        ":" => 1,
        "," => 2,
        "" => 3,
        _ if qa > 0 && doc.is_terminator(qa - 1) => 4,
        _ => 0,
    };
    let after_q = doc.t(qb);
    let post: u8 = match after_q {
        "," => 1,
        "" => 2,
        _ if doc.is_terminator(qb) => 3,
        _ if !doc.same_line(qb, qb - 1) => 2,
        _ => 0,
    };
    let inner_comma = qb >= 2 && doc.t(qb - 2) == ",";
    f.add("shape", &[side, r, starts_para as u8, finished as u8]);
    f.add("pre", &[side, r, pre, ty]);
    f.add("post", &[side, r, post, inner_comma as u8, ty]);
    // Cues next to the candidate: "X said" / "said X" / "according to X".
    let mut cue_right = false;
    let mut gap = b;
    while gap < b + 3 && gap < doc.toks.len() {
        if cues.at(doc, gap).is_some() {
            cue_right = true;
            break;
        }
        let w = doc.low(gap);
        if !(vocabulary::subject_verb_gap().contains(&w) || (w.len() > 4 && w.ends_with("ly"))) {
            break;
        }
        gap += 1;
    }
    let cue_left = (a.saturating_sub(4)..a).any(|k| cues.at(doc, k).is_some_and(|n| k + n == a));
    let cue_left_any = (a.saturating_sub(4)..a).any(|k| cues.at(doc, k).is_some());
    f.add("cue", &[ty, side, cue_right as u8, cue_left as u8, cue_left_any as u8]);
    f.add("cue-dist", &[side, dist, cue_right as u8, cue_left as u8]);
    // Grammatical-role proxies: a verb-like word or a comma after it (a
    // subject), a preposition before it (an object), a possessive after it.
    let next = doc.toks.get(b);
    let verbish = next.is_some_and(|n| n.word && !n.cap && n.inq.is_none())
        && !function_words().contains(&doc.low(b))
        && !determiners().contains(&doc.low(b));
    let comma_next = doc.t(b) == ",";
    let poss = doc.possessive(b);
    let prev_w = a.checked_sub(1).map_or("", |p| doc.low(p));
    let governed = !prev_w.is_empty() && function_words().contains(&prev_w);
    let clause_start = a == 0
        || !doc.same_line(a - 1, a)
        || doc.is_terminator(a - 1)
        || matches!(doc.t(a - 1), "," | ";" | ":" | "—" | "–")
        || doc.toks[a - 1].inq.is_some();
    f.add("role", &[ty, side, verbish as u8, comma_next as u8, poss as u8, governed as u8]);
    f.add("start", &[ty, clause_start as u8, verbish as u8, cue_right as u8]);
    f.add("len", &[ty, (b - a).min(4) as u8]);
    // The head word of pronouns and nominals, and whether a role names it.
    if matches!(c.ty, CandType::Pronoun | CandType::Nominal) {
        f.add_word("head", ty, doc.low(c.np.head));
        f.add_word("head-side", ty * 4 + side, doc.low(c.np.head));
        let role = (a..b).any(|k| doc.role(k).is_some());
        let gendered = vocabulary::get().gender(doc.low(c.np.head)).is_some();
        f.add("nominal", &[side, role as u8, gendered as u8, cue_right as u8]);
    } else {
        let role_before = a > 0 && doc.role(a - 1).is_some();
        f.add("name-role", &[ty, side, role_before as u8]);
    }
    // The previous quotation's speaker.
    if let Some(prev) = ctx.prev_name {
        let last = doc.t(b - 1).to_lowercase();
        let same = c.ty != CandType::Pronoun
            && prev.split_whitespace().last().is_some_and(|w| w.to_lowercase() == last);
        f.add("prev", &[ty, side, same as u8, starts_para as u8, r]);
    } else {
        f.add("noprev", &[ty, side, r]);
    }
    f.0
}

/// The features of "no one": the quotation has no speaker among its
/// candidates (a slogan, a document's words, a scare quote).
pub(crate) fn null_features(doc: &Doc, qi: usize, cands: &[Cand], ctx: &Context) -> Vec<u64> {
    let mut f = Feats(Vec::with_capacity(12));
    let Some(&(qa, qb)) = doc.qtoks.get(qi) else { return f.0 };
    if qa >= qb {
        return f.0;
    }
    let (la, lb) = doc.line_toks(doc.toks[qa].line);
    let starts_para = qa == la;
    let finished = qb >= 2 && matches!(doc.t(qb - 2), "." | "!" | "?");
    let inner = (qa..qb).filter(|&k| doc.toks[k].word).count();
    let first_cap = (qa..qb).find(|&k| doc.toks[k].word).is_some_and(|k| doc.toks[k].cap);
    let before = qa > la && doc.toks[qa - 1].word && doc.toks[qa - 1].inq.is_none();
    let personal_n = cands.iter().filter(|c| personal(doc, c)).count().min(3) as u8;
    // (Near the quotation only: a line can be a whole text.)
    let line_cue = (la.max(qa.saturating_sub(BEFORE))..lb.min(qb + AFTER)).any(|k| doc.cue(k).is_some());
    let found = ctx.rule.is_some();
    f.add("null", &[]);
    f.add("null-rule", &[ctx.cued as u8, found as u8]);
    f.add("null-shape", &[found as u8, starts_para as u8, finished as u8, first_cap as u8, before as u8]);
    f.add("null-len", &[found as u8, bucket(inner)]);
    f.add("null-cands", &[found as u8, personal_n, bucket(cands.len())]);
    f.add("null-cue", &[found as u8, line_cue as u8, ctx.prev_name.is_some() as u8]);
    f.0
}

/// The features of every candidate of quotation `qi`.
pub(crate) fn featurize(doc: &Doc, qi: usize, cands: &[Cand], ctx: &Context) -> Vec<Vec<u64>> {
    let Some(&(qa, qb)) = doc.qtoks.get(qi) else { return Vec::new() };
    let before = |c: &Cand| c.np.last <= qa;
    let lo = cands.iter().map(|c| c.np.first).min().unwrap_or(qa).min(qa).saturating_sub(4);
    let hi = cands.iter().map(|c| c.np.last).max().unwrap_or(qb).max(qb) + 3;
    let cues = CueIndex::new(doc, lo, hi);
    cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // Nearest first on each side: before the quotation, the later
            // ones are nearer.
            let same_side = |o: &(usize, &Cand)| before(o.1) == before(c);
            let nearer = |o: &(usize, &Cand)| if before(c) { o.0 > i } else { o.0 < i };
            let rank = cands.iter().enumerate().filter(|o| same_side(o) && nearer(o)).count();
            let rank_ty =
                cands.iter().enumerate().filter(|o| same_side(o) && nearer(o) && o.1.ty == c.ty).count();
            features(doc, qi, c, (rank, rank_ty), ctx, &cues)
        })
        .collect()
}

/// File format: "SPK1", the number of hash bits (one byte), then 2^bits
/// weights, one signed byte each (quantised: the ranking needs no more).
pub const MAGIC: &[u8; 4] = b"SPK1";

/// The ranker's weights.
#[derive(Debug, Clone)]
pub struct Model {
    bits: u32,
    weights: Vec<i8>,
}

impl Model {
    /// Reads a model file; `None` when it is malformed.
    pub fn parse(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (&bits, rest) = rest.split_first()?;
        if !(4..=20).contains(&bits) || rest.len() != 1 << bits {
            return None;
        }
        let weights = rest.iter().map(|&b| b as i8).collect();
        Some(Model { bits: bits as u32, weights })
    }
    /// The model file for `weights` (2^bits of them).
    #[cfg(any(test, feature = "internals"))]
    pub fn to_bytes(bits: u32, weights: &[i8]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(bits as u8);
        out.extend(weights.iter().map(|&w| w as u8));
        out
    }
    /// The bucket of a feature hash.
    pub fn slot(bits: u32, h: u64) -> usize {
        (h >> (64 - bits)) as usize
    }
    #[cfg(any(test, feature = "internals"))]
    pub fn bits(&self) -> u32 {
        self.bits
    }
    /// A candidate's score.
    pub fn score(&self, feats: &[u64]) -> i32 {
        feats.iter().map(|&h| self.weights.get(Model::slot(self.bits, h)).map_or(0, |&w| w as i32)).sum()
    }
}

/// The embedded model.
pub fn model() -> Option<&'static Model> {
    static M: std::sync::OnceLock<Option<Model>> = std::sync::OnceLock::new();
    M.get_or_init(|| Model::parse(include_bytes!("../../data/speakers.model"))).as_ref()
}

/// The ranker's best candidate for a quotation.
#[derive(Debug, Clone)]
pub(crate) struct Pick {
    pub cand: Cand,
    /// Its score's lead over the runner-up candidate and over "no one".
    pub margin: i32,
}

/// The candidates of quotation `qi`, their scores and the score of "no one".
pub(crate) fn scored(doc: &Doc, mentions: &[Mention], qi: usize, ctx: &Context) -> Option<(Vec<Cand>, Vec<i32>, i32)> {
    let m = model()?;
    let cands = candidates(doc, mentions, qi);
    let feats = featurize(doc, qi, &cands, ctx);
    let scores: Vec<i32> = feats
        .iter()
        .zip(&cands)
        .map(|(f, c)| m.score(f) + m.score(&rule_features(doc, qi, c, ctx)))
        .collect();
    let null = m.score(&null_features(doc, qi, &cands, ctx));
    Some((cands, scores, null))
}

/// The best candidate of quotation `qi`, if it beats "no one".
pub(crate) fn best(doc: &Doc, mentions: &[Mention], qi: usize, ctx: &Context) -> Option<Pick> {
    let (cands, scores, null) = scored(doc, mentions, qi, ctx)?;
    let (bi, &bs) = scores.iter().enumerate().max_by_key(|&(i, s)| (*s, std::cmp::Reverse(i)))?;
    let second = scores.iter().enumerate().filter(|&(i, _)| i != bi).map(|(_, &s)| s).max();
    let margin = second.map_or(bs - null, |s| bs - s.max(null));
    (bs > null).then(|| Pick { cand: cands[bi].clone(), margin })
}

#[cfg(test)]
mod tests {
    use super::super::marks;
    use super::*;
    use crate::segment::Segments;

    /// The Doc of `text` with its quotations.
    fn doc_of<'a>(seg: &'a Segments<'a>) -> Doc<'a> {
        let skip = vec![false; seg.lines.len()];
        let raw = marks::find(seg.text, &seg.lines, &skip);
        Doc::new(seg, raw, skip)
    }

    fn cand_texts(text: &str, qi: usize) -> Vec<(String, CandType)> {
        let seg = Segments::new(text);
        let doc = doc_of(&seg);
        candidates(&doc, &[], qi)
            .iter()
            .map(|c| (doc.byte_span(c.np.first, c.np.last).text(text).to_string(), c.ty))
            .collect()
    }

    #[test]
    fn candidates_are_names_pronouns_and_nominals_outside_quotations() {
        let t = "Mayor Ilse Varga toured the dam with the city engineer. \u{201c}Lena Ott built it well,\u{201d} she said.";
        let got = cand_texts(t, 0);
        assert!(got.contains(&("Ilse Varga".into(), CandType::Name)), "{got:?}");
        assert!(got.contains(&("she".into(), CandType::Pronoun)), "{got:?}");
        assert!(got.iter().any(|(w, ty)| w.ends_with("engineer") && *ty == CandType::Nominal), "{got:?}");
        // A name inside the quotation is not a candidate.
        assert!(!got.iter().any(|(w, _)| w.contains("Lena")), "{got:?}");
    }

    #[test]
    fn the_window_reaches_the_previous_paragraph_only() {
        let t = "Ruth Adler spoke first.\n\nTom Reyes runs the shelter.\n\n\u{201c}We turn no one away.\u{201d}";
        let got = cand_texts(t, 0);
        assert!(got.contains(&("Tom Reyes".into(), CandType::Name)), "{got:?}");
        assert!(!got.iter().any(|(w, _)| w.contains("Adler")), "{got:?}");
    }

    #[test]
    fn features_differ_by_side_and_cue() {
        let t = "\u{201c}It held,\u{201d} Vance said after Moreau left.";
        let seg = Segments::new(t);
        let doc = doc_of(&seg);
        let cands = candidates(&doc, &[], 0);
        assert_eq!(cands.len(), 2);
        let f = featurize(&doc, 0, &cands, &Context::default());
        assert_eq!(f.len(), 2);
        assert!(!f[0].is_empty());
        assert_ne!(f[0], f[1]);
        // The same input gives the same features.
        assert_eq!(f, featurize(&doc, 0, &cands, &Context::default()));
    }

    #[test]
    fn model_files_round_trip_and_bad_ones_are_refused() {
        let mut w = vec![0i8; 16];
        w[3] = 5;
        w[15] = -2;
        let bytes = Model::to_bytes(4, &w);
        let m = Model::parse(&bytes).expect("parses");
        assert_eq!(m.bits(), 4);
        let h3 = 3u64 << 60;
        let h15 = 15u64 << 60;
        assert_eq!(Model::slot(4, h3), 3);
        assert_eq!(m.score(&[h3, h15, h3]), 8);
        assert!(Model::parse(&bytes[..bytes.len() - 1]).is_none());
        assert!(Model::parse(b"XXXX\x04").is_none());
        assert!(Model::parse(&[]).is_none());
    }

    #[test]
    fn the_embedded_model_parses() {
        assert!(model().is_some_and(|m| m.bits() >= 8));
    }

    #[test]
    fn a_floating_quotation_goes_to_the_subject_before_it() {
        let t = "Nadia Osei runs the shelter on Elm Street.\n\n\u{201c}We turn no one away. Nobody.\u{201d}";
        let seg = Segments::new(t);
        let doc = doc_of(&seg);
        let (mentions, _) = crate::entities::detect(&seg);
        let (cands, scores, _) = scored(&doc, &mentions, 0, &Context::default()).expect("a model");
        let top = (0..cands.len()).max_by_key(|&i| scores[i]).expect("candidates");
        let c = &cands[top];
        assert_eq!(doc.byte_span(c.np.first, c.np.last).text(t), "Nadia Osei", "{scores:?}");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in ["\u{201c}\u{201d}", "\u{201c}", "\u{201c}He\u{201d} \u{201c}she\u{201d}", "\"\n\n\"", ""] {
            let seg = Segments::new(t);
            let doc = doc_of(&seg);
            for qi in 0..doc.quotes.len() + 1 {
                let cands = candidates(&doc, &[], qi);
                let _ = featurize(&doc, qi, &cands, &Context::default());
                let _ = null_features(&doc, qi, &cands, &Context::default());
                let _ = best(&doc, &[], qi, &Context::default());
            }
        }
    }
}
