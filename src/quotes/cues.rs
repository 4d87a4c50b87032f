//! Attribution: the speech cue of a quotation and the phrase naming its
//! speaker, after the quotation (“…,” X said / said X / ― X) or before it in
//! the same sentence (X said, “…” / X told reporters: “…” / according to X /
//! X said …, adding “…”).

use super::doc::Doc;
use super::speakers::{clause_subject, np_after, subject_before, Np, NpKind};
use super::vocabulary::CueKind;


/// The speaker phrase of quotation `qi` from its own sentence.
pub fn attribution(doc: &Doc, qi: usize) -> Option<Np> {
    let &(qa, qb) = doc.qtoks.get(qi)?;
    if qa >= qb {
        return None;
    }
    let line = doc.toks[qa].line;
    let (la, _) = doc.line_toks(line);
    let la = la.max(qa.saturating_sub(MAX_REGION));
    let mut lo = qa;
    while lo > la && !doc.is_terminator(lo - 1) {
        lo -= 1;
    }
    // `X told reporters: “We won.” Y said she agreed.`: a finished
    // sentence introduced by a cue belongs to that cue's speaker; the words
    // after it start another sentence.
    let finished = qb >= 2 && matches!(doc.t(qb - 2), "." | "!" | "?");
    // `X told the court “It failed.” Y told reporters “…”`: the words after
    // a finished quotation that lead into another one are that one's cue.
    let introduced = qa > lo && (matches!(doc.t(qa - 1), ":" | ",") || leads_into_quote(doc, qb));
    if finished && introduced {
        if let Some(np) = leading(doc, lo, qa) {
            return Some(np);
        }
    }
    let trail = trailing(doc, qb);
    // `Hart said the plan needed “robust steps” now, and he urged ...`: a
    // fragment inside a sentence belongs to the cue before it rather than
    // to a cue further on in the sentence.
    let inside = qa > lo && doc.toks[qa - 1].word && doc.toks[qa - 1].inq.is_none();
    // `X dismissed them as “baseless,” and auditors told Y …`: a cue in a
    // clause joined after a fragment inside a sentence is another clause's.
    // (Not `“…” and affects us all, Ruiz said`: the cue after a comma is
    // the whole sentence's.)
    let trail = trail.filter(|np| {
        let conj = (qb..np.first).rev().find(|&k| matches!(doc.low(k), "and" | "but" | "while" | "whereas"));
        !(inside && conj.is_some_and(|c| (c..np.first).all(|k| doc.t(k) != ",")))
    });
    if let Some(np) = &trail {
        // (`… explained that farmers rest fields to “let the soil recover.” Jo
        // Lind told …`: a fragment that ends its sentence too.)
        if inside && (np.first > qb + 1 || finished) {
            if let Some(lead) = leading(doc, lo, qa) {
                return Some(lead);
            }
        }
    }
    trail.or_else(|| leading(doc, lo, qa))
}

/// The speaker phrase of a cue in quotation `qi`'s sentence before token
/// `hi` (when the phrase found first names no one who can speak:
/// "Ruiz said that after a review Washington had concluded “…”").
pub fn attribution_before(doc: &Doc, qi: usize, hi: usize) -> Option<Np> {
    let &(qa, _) = doc.qtoks.get(qi)?;
    let (la, _) = doc.line_toks(doc.toks.get(qa)?.line);
    let la = la.max(qa.saturating_sub(MAX_REGION));
    let mut lo = qa;
    while lo > la && !doc.is_terminator(lo - 1) {
        lo -= 1;
    }
    leading(doc, lo, hi.min(qa))
}

/// The words from token `qb` to the sentence's end run into another
/// quotation on the same line.
fn leads_into_quote(doc: &Doc, qb: usize) -> bool {
    let mut k = qb;
    while k < doc.toks.len() && k < qb + MAX_REGION && doc.same_line(k, qb) && doc.toks[k].inq.is_none() {
        if doc.is_terminator(k) {
            return false;
        }
        k += 1;
    }
    k > qb && doc.toks.get(k).is_some_and(|t| t.inq.is_some()) && doc.same_line(k, qb)
}

/// The most tokens looked at on either side of a quotation (a long sentence;
/// keeps run-on text without sentence ends linear).
pub const MAX_REGION: usize = 120;

fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "–" | "―" | "-" | "--" | "‒")
}

/// “…,” X said / “…,” said X / “…” ― X
fn trailing(doc: &Doc, qb: usize) -> Option<Np> {
    let first = doc.toks.get(qb)?;
    let line = doc.toks[qb - 1].line;
    if first.line != line {
        return None;
    }
    // The region: up to the sentence's end, the next quotation or the line's end.
    let mut hi = qb;
    while hi < doc.toks.len()
        && hi < qb + MAX_REGION
        && doc.toks[hi].line == line
        && (doc.toks[hi].inq.is_none() || (hi > qb && doc.in_short_quote(hi)))
        && !doc.is_terminator(hi)
        && doc.t(hi) != ";"
    {
        hi += 1;
    }
    // “We won.” Jones told reporters: “…” — the words after a finished
    // sentence introduce the next quotation, not this one.
    let finished = qb >= 2 && matches!(doc.t(qb - 2), "." | "!" | "?");
    if finished && hi > qb && doc.t(hi - 1) == ":" {
        return None;
    }
    let mut s = qb;
    let dash = is_dash(doc.t(s));
    while s < hi && (matches!(doc.t(s), "," | "(") || is_dash(doc.t(s))) {
        s += 1;
    }
    if s >= hi {
        return None;
    }
    if dash {
        // "“…” ― Ana Ruiz": a name and nothing else up to the line's end.
        if let Some(np) = np_after(doc, s, hi) {
            let rest_empty = (np.last..hi).all(|k| !doc.toks[k].word);
            let line_end = hi >= doc.toks.len() || doc.toks[hi].line != line || doc.is_terminator(hi);
            if np.kind == NpKind::Name && rest_empty && line_end {
                return Some(np);
            }
        }
    }
    if let Some(c) = doc.cue(s) {
        let after = s + c.words.len();
        match c.kind {
            CueKind::Finite | CueKind::Trailing | CueKind::Prep if c.invertible => {
                return np_after(doc, after, hi);
            }
            _ => return None,
        }
    }
    for v in s..hi.min(s + 30) {
        let Some(c) = doc.cue(v) else { continue };
        match c.kind {
            CueKind::Finite | CueKind::Trailing => {
                if let Some(np) = subject_before(doc, v, s) {
                    return Some(np);
                }
            }
            _ => return None,
        }
    }
    None
}

/// The last cue in `[lo, qa)` (outside quotations) and its speaker phrase.
pub fn leading(doc: &Doc, lo: usize, qa: usize) -> Option<Np> {
    let mut v = qa;
    // The last participle ("adding"), waiting for its main clause's subject.
    let mut participle: Option<usize> = None;
    while v > lo {
        v -= 1;
        let Some(c) = doc.cue(v) else { continue };
        match c.kind {
            CueKind::Prep => {
                if let Some(np) = np_after(doc, v + c.words.len(), qa) {
                    return Some(np);
                }
            }
            CueKind::Finite => {
                // "He was told by Minister Ivan Orlov of “…”": the agent of
                // a passive verb whose object is the listener speaks.
                let after = v + c.words.len();
                if !c.invertible && doc.low(after) == "by" && after > 0 && v > lo && is_passive(doc, v - 1) {
                    if let Some(np) = np_after(doc, after + 1, qa).filter(|np| np.kind == NpKind::Name) {
                        return Some(np);
                    }
                }
                // "The spot ends with footage of Hart saying, “…”": the
                // participle's own subject, named right before it.
                if let Some(np) = participle.and_then(|p| participle_subject(doc, p, lo)) {
                    return Some(np);
                }
                if let Some(np) = subject_before(doc, v, lo) {
                    return Some(np);
                }
                if c.invertible {
                    if let Some(np) = np_after(doc, v + c.words.len(), qa) {
                        if np.kind != NpKind::Nominal || participle.is_none() {
                            return Some(np);
                        }
                    }
                }
            }
            CueKind::Participle => {
                participle.get_or_insert(v);
            }
            CueKind::Trailing => {
                // "a statement which read, “…”"
                if participle.is_some() || (v > lo && matches!(doc.low(v - 1), "which" | "that")) {
                    if let Some(np) = subject_before(doc, v, lo) {
                        return Some(np);
                    }
                }
            }
        }
    }
    // "Hart: “We hold.”" (a transcript's or headline's speaker).
    if participle.is_none() && qa > lo + 1 && doc.t(qa - 1) == ":" {
        if let Some(np) = np_ending_at_colon(doc, lo, qa - 1) {
            return Some(np);
        }
        // "Hart is taking a new message on the road: “It's about me.”": a
        // sentence that introduces the quotation without a cue; its
        // subject speaks.
        if let Some(np) = clause_subject(doc, lo, qa - 1) {
            return Some(np);
        }
    }
    let p = participle?;
    // "footage of Ruth Adler asking, “…”"
    if let Some(np) = subject_before(doc, p, lo)
        .filter(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun | NpKind::Joint))
    {
        return Some(np);
    }
    clause_subject(doc, lo, p)
}

/// Token `k` is a form of "be" (or "get") before a passive participle.
fn is_passive(doc: &Doc, k: usize) -> bool {
    matches!(doc.low(k), "was" | "were" | "is" | "are" | "been" | "being" | "be" | "got" | "get" | "gets")
}

/// The name right before participle `p` after "of" or "with" ("footage of
/// Hart saying").
fn participle_subject(doc: &Doc, p: usize, lo: usize) -> Option<Np> {
    subject_before(doc, p, lo).filter(|np| {
        matches!(np.kind, NpKind::Name | NpKind::Joint)
            && np.last == p
            && np.first > lo
            && matches!(doc.low(np.first - 1), "of" | "with")
    })
}

/// A short name making up all of `[lo, colon)`.
fn np_ending_at_colon(doc: &Doc, lo: usize, colon: usize) -> Option<Np> {
    let np = subject_before(doc, colon, lo)?;
    (np.kind == NpKind::Name
        && np.last == colon
        && np.last - np.first <= 3
        && (lo..np.first).all(|k| !doc.toks[k].word || doc.toks[k].cap))
    .then_some(np)
}


/// The speaker phrase of the last cue in `[a, b)` (a sentence or paragraph).
pub fn last_cue_subject(doc: &Doc, a: usize, b: usize) -> Option<Np> {
    leading(doc, a, b)
}
