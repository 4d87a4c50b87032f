//! Quote layer: direct quotations and who said them.
//!
//! [`marks`] pairs quotation marks into spans; [`doc`] holds the tokens and
//! answers questions about them; [`cues`] finds the attribution
//! of each quotation (a speech verb and its subject, before or after it);
//! [`speakers`] turns the subject into a speaker: a name, a pronoun or a
//! nominal ("the spokesman") resolved to a canonical name, through the entity
//! layer's mentions when there are any and by its own name index otherwise.

// Dependencies run one way: cues -> speakers -> doc -> vocabulary.
mod cues;
mod doc;
mod marks;
#[cfg(feature = "internals")]
pub mod ranker;
#[cfg(not(feature = "internals"))]
mod ranker;
mod speakers;
mod vocabulary;

use crate::annotation::{Entity, Mention, Quote, QuoteKind, Span, Speaker};
use crate::segment::Segments;
use doc::Doc;
use marks::RawQuote;


/// Boilerplate spans, sorted and merged, answering "does this span touch
/// one" by binary search (a scan per line was quadratic: 50,000 ad lines
/// took seconds).
struct Skip(Vec<Span>);

impl Skip {
    fn new(spans: &[Span]) -> Skip {
        let mut v: Vec<Span> = spans.iter().copied().filter(|s| s.start < s.end).collect();
        v.sort_by_key(|s| s.start);
        let mut merged: Vec<Span> = Vec::with_capacity(v.len());
        for s in v {
            match merged.last_mut() {
                Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
                _ => merged.push(s),
            }
        }
        Skip(merged)
    }
    /// The first span that ends after `pos`.
    fn after(&self, pos: usize) -> Option<&Span> {
        self.0.get(self.0.partition_point(|s| s.end <= pos))
    }
    fn overlaps(&self, x: Span) -> bool {
        self.after(x.start).is_some_and(|s| s.overlaps(x))
    }
    fn contains(&self, pos: usize) -> bool {
        self.after(pos).is_some_and(|s| s.start <= pos)
    }
}


/// A short title-case phrase right after "film", "book", "titled"...: a title.
fn is_work_title(text: &str, q: &RawQuote, line: Span) -> bool {
    let lex = vocabulary::get();
    let inner: String = q
        .span
        .text(text)
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»'))
        .collect();
    let words: Vec<&str> = inner.split_whitespace().collect();
    let body = inner.trim_end().trim_end_matches(['.', ',', ';']);
    let end_punct = body.len() < inner.trim_end().len();
    if words.is_empty()
        || words.len() > 8
        || body.contains(". ")
        || body.contains("? ")
        || body.contains("! ")
    {
        return false;
    }
    let small = ["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"];
    let title_case = words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().find(|c| c.is_alphanumeric());
        first.is_none_or(|c| c.is_uppercase() || c.is_numeric())
            || (i > 0 && small.contains(&w.to_lowercase().as_str()))
    });
    if !title_case {
        return false;
    }
    let before = text.get(line.start.min(q.span.start)..q.span.start).unwrap_or("");
    let prev: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    // "the band’s “Blue Morning Sky”", "the network’s “Morning Show”"
    if !end_punct && words.len() >= 2 && prev.first().is_some_and(|w| w.ends_with("’s") || w.ends_with("'s"))
    {
        return true;
    }
    let skippable = [
        "the", "a", "new", "latest", "hit", "his", "her", "their", "its", "upcoming", "recent", "first",
        "1st", "2nd", "3rd",
    ];
    for w in &prev {
        if lex.title_triggers.iter().any(|t| t == w) {
            return true;
        }
        if !skippable.contains(&w.as_str()) {
            return false;
        }
    }
    false
}

/// Find quotations outside `skip` and attribute them to speakers.
pub fn detect(seg: &Segments, mentions: &[Mention], entities: &[Entity], skip: &[Span]) -> Vec<Quote> {
    let skip = Skip::new(skip);
    let (titles, doc) = prepare(seg, &skip);
    let (found, _) = attribute(&doc, mentions, entities, true);
    let mut out: Vec<Quote> = doc
        .quotes
        .iter()
        .zip(found)
        .enumerate()
        .filter(|(_, (q, _))| !skip.contains(q.span.start))
        .map(|(qi, (q, speaker))| {
            let kind = kind_of(&doc, qi, speaker.is_some());
            let speaker = speaker.filter(|_| !matches!(kind, QuoteKind::Title | QuoteKind::Scare));
            Quote { span: q.span, speaker, unclosed: q.unclosed, kind }
        })
        .collect();
    let n = out.len();
    out.extend(titles.iter().filter(|q| !skip.contains(q.span.start)).map(|q| Quote {
        span: q.span,
        speaker: None,
        unclosed: q.unclosed,
        kind: QuoteKind::Title,
    }));
    if out.len() > n {
        out.sort_by_key(|q| q.span.start);
    }
    out
}

/// The quotations' token data: titles apart, the rest in a [`Doc`].
fn prepare<'a>(seg: &'a Segments<'a>, skip: &Skip) -> (Vec<RawQuote>, Doc<'a>) {
    let text = seg.text;
    let skip_line: Vec<bool> = seg.lines.iter().map(|&l| skip.overlaps(l)).collect();
    // Titles stay out of the attribution (their words are not speech and
    // must not hide names from it) and come back with their kind at the end.
    let (titles, raw): (Vec<RawQuote>, Vec<RawQuote>) = marks::find(text, &seg.lines, &skip_line)
        .into_iter()
        .partition(|q| is_work_title(text, q, seg.lines.get(q.first_line).copied().unwrap_or(q.span)));
    (titles, Doc::new(seg, raw, skip_line))
}

/// The least score lead over every other candidate (and over "no one") by
/// which the ranker overrides the rules' speaker of a floating quotation
/// (weights are signed bytes; tools/train-speakers.sh --cv 5 prints the
/// policies compared on the PolNeAR training split).
const OVERRIDE_MARGIN: i32 = 16;
/// An override names another person: a name this many bytes or more away
/// from the rules' mention, not a description or a pronoun of the same
/// person next to it.
const OVERRIDE_DISTANCE: usize = 60;

/// Each quotation's speaker, and whether a cue in its own sentence named it.
/// With `ranker`, a floating quotation (no cue in its sentence) whose
/// speaker the rules found takes the learned ranker's candidate instead
/// when the ranker prefers another name by a wide margin. (Filling the
/// rules' silence with the ranker's candidate gains more on PolNeAR but
/// gives speakers to quotations no one speaks: tools/train-speakers.sh.)
fn attribute(
    doc: &Doc,
    mentions: &[Mention],
    entities: &[Entity],
    ranker: bool,
) -> (Vec<Option<Speaker>>, Vec<bool>) {
    let mut people = speakers::People::new(doc, mentions, entities);
    let mut found: Vec<Option<Speaker>> = Vec::with_capacity(doc.quotes.len());
    let mut cued: Vec<bool> = Vec::with_capacity(doc.quotes.len());
    for qi in 0..doc.quotes.len() {
        people.clear_last();
        let cue = cues::attribution(doc, qi);
        cued.push(cue.is_some());
        let got = match cue {
            Some(np) => people
                .resolve(doc, &np)
                .or_else(|| {
                    let np = cues::attribution_before(doc, qi, np.first)?;
                    people.clear_last();
                    people.resolve(doc, &np)
                })
                .or_else(|| embedded(doc, qi, &mut people))
                // ("Russia said": the place stays the mention, with no name.)
                .or_else(|| (np.kind == speakers::NpKind::Name).then(|| Speaker { span: doc.byte_span(np.first, np.last), entity: None, name: None })),
            None => {
                let f = floating(doc, qi, &found, &mut people)
                    .or_else(|| embedded(doc, qi, &mut people).map(|s| (s, false)));
                let rule = f.as_ref().map(|(s, _)| s.span);
                let ctx = context(doc, qi, &found, false, rule);
                let pick = if ranker && rule.is_some() { ranker::best(doc, mentions, qi, &ctx) } else { None };
                let take = pick.filter(|p| {
                    let span = doc.byte_span(p.cand.np.first, p.cand.np.last);
                    rule.is_some_and(|r| {
                        !r.overlaps(span)
                            && p.margin > OVERRIDE_MARGIN
                            && p.cand.np.kind == speakers::NpKind::Name
                            && r.start.abs_diff(span.start) >= OVERRIDE_DISTANCE
                    })
                });
                match take {
                    Some(p) => {
                        people.clear_last();
                        people.resolve(doc, &p.cand.np)
                    }
                    None => {
                        if f.as_ref().is_some_and(|(_, continued)| *continued) {
                            // A continued speaker: judge it by its name alone.
                            people.clear_last();
                        }
                        f.map(|(s, _)| s)
                    }
                }
            }
        };
        let got = got.map(|s| people.fullest(s));
        if let Some(s) = &got {
            people.note_speaker(doc, s);
        }
        found.push(got);
    }
    (found, cued)
}

/// The ranker's context for quotation `qi`: the previous quotation's
/// speaker when it is in the same paragraph or the one before, and the
/// rules' answer.
fn context<'a>(
    doc: &Doc,
    qi: usize,
    found: &'a [Option<Speaker>],
    cued: bool,
    rule: Option<Span>,
) -> ranker::Context<'a> {
    let prev_name = qi.checked_sub(1).and_then(|pj| {
        let (q, pq) = (doc.quotes.get(qi)?, doc.quotes.get(pj)?);
        let adjacent = pq.last_line == q.first_line || Some(pq.last_line) == doc.prev_line(q.first_line);
        adjacent.then(|| found.get(pj)?.as_ref()?.name.as_deref()).flatten()
    });
    ranker::Context { prev_name, rule, cued }
}

/// One quotation as the speaker ranker sees it (for training and evaluation).
#[cfg(feature = "internals")]
#[derive(Debug, Clone)]
pub struct Example {
    pub quote: Span,
    /// A cue in the quotation's own sentence named the speaker (the rules).
    pub cued: bool,
    /// The rules' speaker mention.
    pub rule: Option<Span>,
    /// The candidate mentions and their features.
    pub cands: Vec<Span>,
    /// Per candidate: only a person's mention (a name, "he", "she").
    pub personal: Vec<bool>,
    /// Per candidate: a name (not a pronoun or a description).
    pub named: Vec<bool>,
    pub feats: Vec<Vec<u64>>,
    /// The features of "no one".
    pub null_feats: Vec<u64>,
    /// Per candidate, the features tying it to the rules' answer.
    pub rule_feats: Vec<Vec<u64>>,
    /// Without a speaker the quotation would be a scare quote.
    pub scare: bool,
    /// The quotation starts its paragraph.
    pub starts_para: bool,
    /// The ranker's pick (with the embedded model) and its margin.
    pub pick: Option<(Span, i32)>,
}

/// The ranker's view of every quotation in `seg` (as [`detect`] sees them).
#[cfg(feature = "internals")]
pub fn examples(seg: &Segments, mentions: &[Mention], entities: &[Entity], skip: &[Span]) -> Vec<Example> {
    let skip = Skip::new(skip);
    let (_, doc) = prepare(seg, &skip);
    let (found, cued) = attribute(&doc, mentions, entities, false);
    (0..doc.quotes.len())
        .map(|qi| {
            let rule = found[qi].as_ref().map(|s| s.span);
            let ctx = context(&doc, qi, &found, cued[qi], rule);
            let cands = ranker::candidates(&doc, mentions, qi);
            let feats = ranker::featurize(&doc, qi, &cands, &ctx);
            let rule_feats = cands.iter().map(|c| ranker::rule_features(&doc, qi, c, &ctx)).collect();
            let pick = ranker::best(&doc, mentions, qi, &ctx)
                .map(|p| (doc.byte_span(p.cand.np.first, p.cand.np.last), p.margin));
            Example {
                quote: doc.quotes[qi].span,
                cued: cued[qi],
                rule: found[qi].as_ref().map(|s| s.span),
                cands: cands.iter().map(|c| doc.byte_span(c.np.first, c.np.last)).collect(),
                personal: cands.iter().map(|c| ranker::personal(&doc, c)).collect(),
                named: cands.iter().map(|c| c.np.kind == speakers::NpKind::Name).collect(),
                feats,
                null_feats: ranker::null_features(&doc, qi, &cands, &ctx),
                rule_feats,
                scare: kind_of(&doc, qi, false) == QuoteKind::Scare,
                starts_para: starts_paragraph(&doc, qi),
                pick,
            }
        })
        .collect()
}

/// Quotation `qi` opens its paragraph.
#[cfg(feature = "internals")]
fn starts_paragraph(doc: &Doc, qi: usize) -> bool {
    doc.quotes.get(qi).zip(doc.qtoks.get(qi)).is_some_and(|(q, &(qa, _))| doc.line_toks(q.first_line).0 == qa)
}

/// What quotation `qi` holds: a nickname between a first and a last name
/// or a short unattributed phrase inside a sentence is scare-quoted; words
/// continuing the writer's sentence are a partial quotation; the rest is
/// speech.
fn kind_of(doc: &Doc, qi: usize, has_speaker: bool) -> QuoteKind {
    let Some(&(qa, qb)) = doc.qtoks.get(qi) else { return QuoteKind::Speech };
    let inner: Vec<usize> = (qa..qb).filter(|&k| doc.toks[k].word).collect();
    let sentence_punct = (qa..qb).any(|k| matches!(doc.t(k), "." | "!" | "?" | ";" | ":"));
    let prev = qa.checked_sub(1).filter(|&p| doc.same_line(p, qa));
    let next = Some(qb).filter(|&n| n < doc.toks.len() && doc.same_line(n, qb.saturating_sub(1)));
    // `Ruth “Ru” Adler`, `Park “Swift” Min-jun`
    let nickname = inner.len() <= 2
        && !sentence_punct
        && inner.iter().all(|&k| doc.toks[k].cap)
        && prev.is_some_and(|p| doc.toks[p].word && doc.toks[p].cap && doc.toks[p].inq.is_none())
        && next.is_some_and(|n| doc.name_word(n));
    if nickname {
        return QuoteKind::Scare;
    }
    // `said on “Morning Talk.”`: a show's name after "on".
    let small = |k: usize| matches!(doc.low(k), "the" | "a" | "of" | "and" | "with");
    let show = (1..=4).contains(&inner.len())
        && inner.first().is_some_and(|&k| doc.toks[k].cap)
        && inner.iter().all(|&k| doc.toks[k].cap || small(k))
        && prev.is_some_and(|p| doc.t(p) == "on" && p > 0 && doc.cue(p - 1).is_some());
    if show {
        return QuoteKind::Title;
    }
    let inside_sentence = prev.is_some_and(|p| doc.toks[p].word && doc.toks[p].inq.is_none());
    // (“…,” she said, “and then…”: the same sentence of speech, resumed.)
    let resumed = prev.is_some_and(|p| doc.t(p) == ",");
    let first_lower = !resumed && inner.first().is_some_and(|&k| !doc.toks[k].cap);
    let has_comma = (qa..qb).any(|k| doc.t(k) == ",");
    if !has_speaker && inner.len() <= 3 && !sentence_punct && !has_comma && (inside_sentence || first_lower) {
        return QuoteKind::Scare;
    }
    if inside_sentence || first_lower {
        return QuoteKind::Partial;
    }
    QuoteKind::Speech
}

/// A fragment inside a sentence with no cue ("Ruiz called the cuts
/// “reckless”", "Ruiz sees the plan as “a trap”"): the words of the
/// sentence's subject, a person or an organisation named there (or "he",
/// "she").
fn embedded(doc: &Doc, qi: usize, people: &mut speakers::People) -> Option<Speaker> {
    let &(qa, _) = doc.qtoks.get(qi)?;
    let p = qa.checked_sub(1)?;
    if !doc.same_line(p, qa) || !doc.toks[p].word || doc.toks[p].inq.is_some() {
        return None;
    }
    let (la, _) = doc.line_toks(doc.toks[qa].line);
    let la = la.max(qa.saturating_sub(cues::MAX_REGION));
    let mut lo = qa;
    while lo > la && !doc.is_terminator(lo - 1) {
        lo -= 1;
    }
    let np = speakers::clause_subject(doc, lo, qa).or_else(|| {
        // "Ana Ruiz, an analyst at Orbit, sees it as “…”"
        speakers::np_after(doc, lo, qa).filter(|np| np.kind == speakers::NpKind::Name && doc.t(np.last) == ",")
    })?;
    let ok = match np.kind {
        speakers::NpKind::Name => true,
        speakers::NpKind::Pronoun => matches!(doc.low(np.head), "he" | "she"),
        _ => false,
    };
    let (_, qb) = doc.qtoks[qi];
    let inner: Vec<usize> = (qa..qb).filter(|&k| doc.toks[k].word).collect();
    // A quoted name or title ("the show “Late Night”"), a term named as
    // such ("known as “Blue House”", "the word “reset”"): nobody's words.
    // (A court case: "Ruiz v. Orbit Air".)
    let name_like = inner.iter().all(|&k| {
        doc.toks[k].cap || !doc.t(k).chars().any(char::is_alphabetic) || matches!(doc.low(k), "v" | "v." | "vs" | "vs.")
    });
    let naming = (qa.saturating_sub(4).max(np.last)..qa).any(|k| vocabulary::naming().contains(&doc.low(k)))
        || (doc.low(p) == "as" && doc.low(p - 1) == "known");
    // A short fragment is the subject's only after a verb of judging.
    let judged = (np.last..qa).any(|k| {
        let w = doc.low(k);
        // ("called on the “interim” leader": a request, not a judgement)
        vocabulary::judging().contains(&w) && (w != "as" || qa - k <= 3) && !matches!(doc.low(k + 1), "on" | "for")
    });
    if !ok || name_like || naming || !(inner.len() >= 4 || judged) {
        return None;
    }
    let lex_entity = |s: &Speaker| s.entity.is_some() && s.name.is_some();
    people.resolve(doc, &np).filter(lex_entity)
}

/// A quotation with no cue of its own: introduced by the previous paragraph
/// ("He said:"), continuing the previous quotation's speaker, or following a
/// paragraph whose last sentence reports someone's words.
/// Returns the speaker and whether it continues an earlier quotation's.
fn floating(
    doc: &Doc,
    qi: usize,
    found: &[Option<Speaker>],
    people: &mut speakers::People,
) -> Option<(Speaker, bool)> {
    let q = doc.quotes.get(qi)?;
    let (qa, _) = *doc.qtoks.get(qi)?;
    let (la, _) = doc.line_toks(q.first_line);
    let floor = qa.saturating_sub(cues::MAX_REGION);
    // Only a quotation that starts its sentence floats.
    let mut i = qa;
    while i > la {
        if i < floor {
            return None;
        }
        let p = i - 1;
        if doc.toks[p].inq.is_some() {
            i = doc.qtoks[doc.toks[p].inq?].0;
            continue;
        }
        if doc.is_terminator(p) {
            break;
        }
        return None;
    }
    let starts_para = i == la;
    let prev_line = doc.prev_line(q.first_line);
    if starts_para {
        if let Some(pl) = prev_line {
            let (a, b) = doc.line_toks(pl);
            if b > a && doc.t(b - 1) == ":" {
                if let Some(np) =
                    cues::last_cue_subject(doc, a.max(b.saturating_sub(cues::MAX_REGION)), b - 1)
                {
                    return people.resolve(doc, &np).map(|s| (s, false));
                }
            }
        }
    }
    // The previous quotation with a speaker, in this paragraph or the last.
    if let Some((pj, sp)) =
        found.iter().enumerate().rev().take(50).find_map(|(j, f)| f.as_ref().map(|f| (j, f)))
    {
        let pq = &doc.quotes[pj];
        let adjacent = pq.last_line == q.first_line || Some(pq.last_line) == prev_line;
        if adjacent {
            // A new speaker in between: someone else's cue takes over, and
            // another person as a sentence's subject breaks the chain.
            // The gap after the previous quotation's own sentence.
            let mut g = doc.qtoks[pj].1.max(floor);
            while g < qa && !doc.is_terminator(g) && doc.toks[g].line == pq.last_line {
                g += 1;
            }
            let gap = (g, qa);
            if let Some(np) =
                cues::last_cue_subject(doc, gap.0, gap.1).filter(|np| np.kind != speakers::NpKind::Pronoun)
            {
                if let Some(other) = people.resolve(doc, &np) {
                    if other.name.is_some() && other.name != sp.name {
                        return Some((other, false));
                    }
                }
            }
            if people.other_subject_between(gap.0, gap.1, sp.name.as_deref()) {
                return None;
            }
            return Some((sp.clone(), true));
        }
    }
    if starts_para {
        if let Some(pl) = prev_line {
            let (a, b) = doc.line_toks(pl);
            let a = a.max(b.saturating_sub(cues::MAX_REGION));
            // The last sentence of the previous paragraph.
            let mut s = b;
            if s > a && doc.is_terminator(s - 1) {
                s -= 1;
            }
            while s > a && !doc.is_terminator(s - 1) {
                s -= 1;
            }
            if let Some(np) = cues::last_cue_subject(doc, s, b) {
                if np.kind == speakers::NpKind::Name {
                    return people.resolve(doc, &np).map(|s| (s, false));
                }
            }
            // Or whoever it is about: `Nadia Osei runs the shelter.¶“We
            // turn no one away.”`
            if let Some(sp) = people.subject_between(s, b) {
                return Some((sp, false));
            }
        }
    } else {
        // `Nadia Osei runs the shelter. “We turn no one away.”`: the
        // previous sentence introduces its subject as the speaker.
        let mut s = i.saturating_sub(1);
        while s > la && !doc.is_terminator(s - 1) {
            s -= 1;
        }
        if let Some(sp) = people.subject_between(s, i) {
            return Some((sp, false));
        }
    }
    None
}


#[cfg(test)]
mod tests {
    use super::doc::headline_like;
    use super::*;
    use crate::annotation::Label;

    /// (quote, speaker mention, speaker name, speaker entity)
    type Got = (String, Option<String>, Option<String>, Option<usize>);

    fn run(text: &str, mentions: &[Mention], entities: &[Entity], skip: &[Span]) -> Vec<Got> {
        let seg = Segments::new(text);
        detect(&seg, mentions, entities, skip)
            .into_iter()
            .map(|q| {
                let s = q.speaker.as_ref();
                (
                    q.span.text(text).to_string(),
                    s.map(|s| s.span.text(text).to_string()),
                    s.and_then(|s| s.name.clone()),
                    s.and_then(|s| s.entity),
                )
            })
            .collect()
    }

    fn span_of(text: &str, needle: &str, nth: usize) -> Span {
        let start = text.match_indices(needle).nth(nth).map_or(0, |(i, _)| i);
        Span::new(start, start + needle.len())
    }

    #[test]
    fn speakers_link_to_entity_mentions() {
        let t = "Gov. Rosa Vance toured the dam. “It held,” Vance said. Later she added, “We were lucky.”";
        let mentions = vec![
            Mention { span: span_of(t, "Rosa Vance", 0), label: Label::Person, entity: 0 },
            Mention { span: span_of(t, "Vance", 1), label: Label::Person, entity: 0 },
        ];
        let entities = vec![Entity { label: Label::Person, name: "Rosa Vance".into(), mentions: vec![0, 1] }];
        let got = run(t, &mentions, &entities, &[]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], ("“It held,”".into(), Some("Vance".into()), Some("Rosa Vance".into()), Some(0)));
        assert_eq!(
            got[1],
            ("“We were lucky.”".into(), Some("she".into()), Some("Rosa Vance".into()), Some(0))
        );
    }

    #[test]
    fn without_mentions_a_name_is_only_its_own_words() {
        // Names and their grouping are the entity layer's: without its
        // mentions "Vance" is not joined to "Rosa Vance".
        let t = "Gov. Rosa Vance toured the dam. “It held,” Vance said.";
        let got = run(t, &[], &[], &[]);
        assert_eq!(got, [("“It held,”".into(), Some("Vance".into()), Some("Vance".into()), None)]);
    }

    #[test]
    fn quotes_in_skipped_lines_are_not_returned() {
        let t = "“Subscribe now,” the ad says.\n\n“It held,” Vance said.";
        let skip = [Span::new(0, t.find('\n').unwrap_or(0))];
        let got = run(t, &[], &[], &skip);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "“It held,”");
    }

    #[test]
    fn skip_spans_answer_like_a_scan_in_any_order() {
        // Unsorted, overlapping and empty spans, as a caller might pass them
        // (an empty span covers nothing).
        let spans =
            [Span::new(40, 50), Span::new(5, 10), Span::new(8, 20), Span::new(30, 30), Span::new(50, 55)];
        let skip = Skip::new(&spans);
        for a in 0..60 {
            assert_eq!(skip.contains(a), spans.iter().any(|s| s.start <= a && a < s.end), "contains {a}");
            for b in a + 1..60 {
                let x = Span::new(a, b);
                assert_eq!(
                    skip.overlaps(x),
                    spans.iter().any(|s| s.start < s.end && s.overlaps(x)),
                    "overlaps {a}..{b}"
                );
            }
        }
    }

    #[cfg(feature = "internals")]
    #[test]
    fn ranker_examples_follow_the_quotations_detect_returns() {
        let t = "Gov. Rosa Vance toured the dam. \u{201c}It held,\u{201d} Vance said.\n\n\u{201c}We were lucky.\u{201d}";
        let seg = Segments::new(t);
        let ex = examples(&seg, &[], &[], &[]);
        let got = detect(&seg, &[], &[], &[]);
        assert_eq!(ex.len(), 2);
        assert_eq!(got.len(), 2);
        assert!(ex[0].cued);
        assert!(!ex[1].cued);
        for (e, q) in ex.iter().zip(&got) {
            assert_eq!(e.quote, q.span);
            assert_eq!(e.rule, q.speaker.as_ref().map(|s| s.span));
            assert_eq!(e.cands.len(), e.feats.len());
            assert_eq!(e.cands.len(), e.personal.len());
            assert!(e.cands.iter().any(|c| c.text(t) == "Vance"), "{:?}", e.cands);
        }
    }

    /// The kinds of the quotations found in `t`, speakers dropped where
    /// the kind forbids one.
    fn kinds(t: &str) -> Vec<(QuoteKind, bool)> {
        let seg = Segments::new(t);
        detect(&seg, &[], &[], &[]).into_iter().map(|q| (q.kind, q.speaker.is_some())).collect()
    }

    #[test]
    fn titles_and_headlines() {
        use QuoteKind::*;
        assert_eq!(kinds("Her new album “Quiet Rivers” is out."), [(Title, false)]);
        // A title-case phrase that is speech (no title word before it) stays.
        assert_eq!(kinds("Vance said “Never Again” twice."), [(Partial, true)]);
        assert_eq!(kinds("He hosted the show “Late Night Talk,” then left."), [(Title, false)]);
        assert_eq!(kinds("She sang the band’s “Blue Morning Sky” again."), [(Title, false)]);
        // Speech with a title-case start is not a title.
        assert_ne!(kinds("Vance’s “Hold The Line. Now.” slogan won.")[0].0, Title);
        assert!(headline_like("Mayor Vows To Repair Cracked Dam After Storm"));
        assert!(!headline_like("The mayor vowed to repair the dam after the storm."));
    }

    #[test]
    fn kinds_of_quotations() {
        use QuoteKind::*;
        assert_eq!(kinds("“We won,” Vance said."), [(Speech, true)]);
        assert_eq!(kinds("Vance said: “We won.”"), [(Speech, true)]);
        assert_eq!(kinds("Ruth “Ru” Adler won."), [(Scare, false)]);
        assert_eq!(kinds("The “reform” was dropped."), [(Scare, false)]);
        assert_eq!(kinds("Vance called it “a mess of half measures” again."), [(Partial, true)]);
        // Resumed after the cue: the same sentence of speech.
        assert_eq!(kinds("“If it holds,” Vance said, “we are safe.”"), [(Speech, true), (Speech, true)]);
    }
}
