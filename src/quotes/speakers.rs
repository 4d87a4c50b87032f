//! Speaker mentions (names, pronouns, nominals) and their resolution to a
//! canonical name. Names are the entity layer's: a name is a candidate only
//! where the entity layer has a mention, and its canonical name and label
//! are its entity's (entities/group.rs); this module finds no names itself.

use super::doc::Doc;
use super::vocabulary::{
    self, capitalised_non_names, determiners, function_words, is_calendar, is_pronoun, name_particles,
    subject_verb_gap,
};
use crate::annotation::{Entity, Label, Mention, Span, Speaker};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// A capitalised name ("Ilse Varga", "Treasury"), titles stripped.
    Name,
    Pronoun,
    /// "the spokesman", "a narrator in the film", "The growers' union".
    Nominal,
    /// "Varga and Moreau".
    Joint,
}

/// A speaker phrase: tokens `[first, last)`, with its head token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Np {
    pub kind: NpKind,
    pub first: usize,
    pub last: usize,
    pub head: usize,
}


/// The speaker phrase ending right before token `v` (a cue verb), looking no
/// further back than `lo`.
pub fn subject_before(doc: &Doc, v: usize, lo: usize) -> Option<Np> {
    let mut j = v;
    loop {
        if j <= lo {
            return None;
        }
        let p = j - 1;
        let tok = doc.toks.get(p)?;
        if tok.inq.is_some() {
            return None;
        }
        let w = tok.lower.as_ref();
        if subject_verb_gap().contains(&w) || (tok.word && !tok.cap && w.len() > 4 && w.ends_with("ly")) {
            j -= 1;
            continue;
        }
        // "Varga on Tuesday said"
        if tok.cap && p > lo && matches!(doc.low(p - 1), "on" | "last" | "this") {
            j -= 2;
            continue;
        }
        // "drafted by Jo Hart who said", "a statement which read": the
        // phrase the relative pronoun stands for.
        if matches!(w, "who" | "which") && p > lo {
            let e = if doc.t(p - 1) == "," { p - 1 } else { p };
            let lex = vocabulary::get();
            if let Some(np) = np_ending_at(doc, e, lo) {
                let ok = match np.kind {
                    NpKind::Name | NpKind::Joint => w == "who",
                    NpKind::Nominal => w == "which" && lex.is_document(doc.low(np.head)),
                    NpKind::Pronoun => false,
                };
                if ok {
                    return Some(np);
                }
            }
            return None;
        }
        // "Lopez disagreed and said": the subject of the first verb.
        if w == "and" && p > lo && !doc.toks[p - 1].cap && doc.toks[p - 1].word {
            return clause_subject(doc, lo, p);
        }
        break;
    }
    if doc.t(j - 1) == "," {
        // Appositives or a relative clause: "Ilse Varga, the mayor, said",
        // "Jo Hart, the attorney general of Utah, one of ..., said".
        // The subject is the nearest comma-ended phrase that is not the
        // object of a preposition.
        let p = j - 1;
        let mut k = p;
        let mut n = 0;
        while k > lo && n < 40 {
            k -= 1;
            n += 1;
            if doc.in_short_quote(k) {
                continue;
            }
            if doc.toks[k].inq.is_some() || doc.is_terminator(k) {
                break;
            }
            if doc.t(k) == "," {
                let Some(np) = np_ending_at(doc, k, lo) else { continue };
                let governed = np.first > lo && function_words().contains(&doc.low(np.first - 1));
                if np.kind != NpKind::Pronoun && !governed {
                    // "Hart's spokesman, Jo Kent, said": the name in the
                    // appositive names the speaker.
                    if np.kind == NpKind::Nominal {
                        if let Some(inner) = np_ending_at(doc, p, k + 1) {
                            // Before the name only titles, capitalised words
                            // and a nickname: "state Del. Ann "Annie" Price".
                            let lex = vocabulary::get();
                            let lead = |x: usize| {
                                let xl = doc.low(x);
                                x <= k + 1
                                    || doc.toks[x].cap
                                    || doc.in_short_quote(x)
                                    || !doc.toks[x].word && xl != ","
                                    || lex.is_speaker_title(xl)
                                    || lex.is_adjective(xl)
                            };
                            if inner.kind == NpKind::Name && (k + 1..inner.first).all(lead) {
                                return Some(inner);
                            }
                        }
                    }
                    // "Argentina's Amnesty International, Ana Ruiz, said":
                    // two names, one phrase; its person is found when it
                    // is resolved.
                    if np.kind == NpKind::Name {
                        if let Some(inner) = np_ending_at(doc, p, k + 1) {
                            if inner.kind == NpKind::Name && inner.first == k + 1 {
                                return Some(Np { kind: NpKind::Name, first: np.first, last: inner.last, head: inner.head });
                            }
                        }
                    }
                    return Some(np);
                }
            }
        }
        // "Finland's chief inspector of mines and quarries, Aino Lehto,
        // said": no phrase before the appositive is a subject; the name
        // set off by commas right before the verb is.
        return np_ending_at(doc, p, lo)
            .filter(|np| np.kind == NpKind::Name && np.first > lo && doc.t(np.first - 1) == ",");
    }
    let np = np_ending_at(doc, j, lo)?;
    // "Jo Lin of Orbit University and adviser to Harbor wrote": a
    // name after "to" is not the subject; the clause's first name is.
    if np.kind == NpKind::Name && np.first > lo && doc.low(np.first - 1) == "to" {
        if let Some(subject) = clause_subject(doc, lo, np.first).filter(|s| s.kind == NpKind::Name) {
            return Some(subject);
        }
    }
    // "Ana Ruiz and her team wrote": the named person leads.
    if np.kind == NpKind::Nominal
        && np.first > lo + 1
        && matches!(doc.low(np.first), "his" | "her" | "their")
        && doc.low(np.first - 1) == "and"
    {
        if let Some(named) = np_ending_at(doc, np.first - 1, lo).filter(|n| n.kind == NpKind::Name) {
            return Some(named);
        }
    }
    // "Students walking across the campus shouted": the phrase found is
    // inside a participle's prepositional phrase; the subject is before it.
    if np.kind == NpKind::Nominal
        && np.first > lo + 1
        && matches!(
            doc.low(np.first - 1),
            "through" | "across" | "along" | "into" | "outside" | "near" | "around"
        )
    {
        let mut k = np.first - 1;
        if k > lo && doc.low(k - 1).ends_with("ing") && !doc.toks[k - 1].cap {
            k -= 1;
        }
        if let Some(outer) = np_ending_at(doc, k, lo).filter(|o| o.kind != NpKind::Pronoun) {
            return Some(outer);
        }
    }
    Some(np)
}

/// The phrase whose last token is `j - 1`.
fn np_ending_at(doc: &Doc, j: usize, lo: usize) -> Option<Np> {
    let lex = vocabulary::get();
    if j <= lo {
        return None;
    }
    let mut j = j;
    // "Rep. Jo Hart (D-Ore.)": the name is before the parenthesis.
    if doc.t(j - 1) == ")" {
        j = (lo..j - 1).rev().take(10).find(|&k| doc.t(k) == "(")?;
        if j <= lo {
            return None;
        }
    }
    let p = j - 1;
    let tok = doc.toks.get(p)?;
    if tok.inq.is_some() || !tok.word || doc.possessive(p) {
        return None;
    }
    let w = tok.lower.as_ref();
    if is_pronoun(w) {
        return Some(Np { kind: NpKind::Pronoun, first: p, last: j, head: p });
    }
    if doc.name_word(p) {
        let s = doc.run_back(p, lo);
        let s2 = doc.strip(s, j);
        if s2 >= j || capitalised_non_names().contains(&w) {
            // Only titles: "The President said".
            return (s2 >= j && s < j && !capitalised_non_names().contains(&w)).then_some(Np {
                kind: NpKind::Nominal,
                first: s,
                last: j,
                head: p,
            });
        }
        if s > lo + 1 && doc.low(s - 1) == "and" && doc.name_word(s - 2) {
            let s0 = doc.run_back(s - 2, lo);
            let s02 = doc.strip(s0, s - 1);
            if s02 < s - 1 {
                return Some(Np { kind: NpKind::Joint, first: s02, last: j, head: p });
            }
        }
        // "the Texas Republican": a description, not a name.
        // "the Labour MP": a role, not a name.
        if s > lo && determiners().contains(&doc.low(s - 1)) && (lex.is_adjective(w) || doc.role(p).is_some()) {
            return Some(Np { kind: NpKind::Nominal, first: s - 1, last: j, head: p });
        }
        // "the senator from Ohio", "a spokesman for the Treasury": the name
        // is inside a phrase headed by a noun.
        let mut b = s;
        if b > lo && doc.low(b - 1) == "the" {
            b -= 1;
        }
        if b > lo + 1 && matches!(doc.low(b - 1), "for" | "of" | "from" | "at" | "with" | "in") {
            if let Some(outer) = np_ending_at(doc, b - 1, lo) {
                let hl = doc.low(outer.head);
                let speaker_noun = lex.role_at(&[hl], 0).is_some() || lex.is_generic(hl);
                if outer.kind == NpKind::Nominal && speaker_noun {
                    return Some(Np { kind: NpKind::Nominal, first: outer.first, last: j, head: outer.head });
                }
                // "Sen. Ann Ruiz of Nevada", "Jo Lu from the Harbor Trust":
                // one name phrase; its person is found when it is resolved.
                if outer.kind == NpKind::Name && doc.low(b - 1) != "for" {
                    return Some(Np { kind: NpKind::Name, first: outer.first, last: j, head: p });
                }
            }
        }
        return Some(Np { kind: NpKind::Name, first: s2, last: j, head: p });
    }
    if determiners().contains(&w) && p > lo + 1 && doc.low(p - 1) == "of" {
        // "the father of four"
        return np_ending_at(doc, p - 1, lo)
            .filter(|np| np.kind == NpKind::Nominal)
            .map(|np| Np { last: j, ..np });
    }
    if tok.cap || function_words().contains(&w) || determiners().contains(&w) {
        return None;
    }
    // A lower-case head: collect its modifiers back to a determiner.
    let mut k = p;
    let mut det = false;
    let mut n = 0;
    while k > lo && n < 6 && doc.same_line(k - 1, p) {
        let x = k - 1;
        // `the “Harbor Lights” actress`: a short quoted title is a modifier.
        if doc.in_short_quote(x) {
            k = x;
            continue;
        }
        if doc.toks[x].inq.is_some() {
            break;
        }
        let xl = doc.low(x);
        if determiners().contains(&xl) {
            k = x;
            det = true;
            break;
        }
        let modifier = doc.toks[x].word
            && !function_words().contains(&xl)
            && !capitalised_non_names().contains(&xl)
            && lex.cue_at(&[xl], 0).is_none();
        // "The WHO's statement": a capitalised owner is a modifier even
        // when it reads as a function word.
        let owner = doc.toks[x].cap && doc.toks[x].word && doc.possessive(x + 1);
        if doc.possessive(x) || modifier || owner || (xl == "-" && x > lo && doc.toks[x - 1].word) {
            k = x;
            n += 1;
        } else {
            break;
        }
    }
    let role = lex.role_at(&[w], 0).is_some();
    let owner = (k..p).any(|x| doc.possessive(x));
    let valid =
        det || owner || role || lex.is_generic(w) || (w.ends_with('s') && !w.ends_with("ss") && k == p);
    if !valid {
        return None;
    }
    if k > lo + 1 && matches!(doc.low(k - 1), "for" | "of" | "at" | "with" | "from" | "in") {
        if let Some(outer) = np_ending_at(doc, k - 1, lo) {
            if outer.kind == NpKind::Nominal {
                return Some(Np { kind: NpKind::Nominal, first: outer.first, last: j, head: outer.head });
            }
        }
    }
    // "Adler's campaign": a lower-case head after a name is still nominal.
    Some(Np { kind: NpKind::Nominal, first: k, last: j, head: p })
}

/// The speaker phrase starting at token `i` ("said Varga", "according to the
/// mayor"), not reaching `hi`.
pub fn np_after(doc: &Doc, i: usize, hi: usize) -> Option<Np> {
    let lex = vocabulary::get();
    let tok = doc.toks.get(i)?;
    if i >= hi || tok.inq.is_some() || !tok.word {
        return None;
    }
    let w = tok.lower.as_ref();
    if is_pronoun(w) {
        return Some(Np { kind: NpKind::Pronoun, first: i, last: i + 1, head: i });
    }
    if !doc.name_word(i) && !determiners().contains(&w) && !function_words().contains(&w) {
        // "said 9/11 survivor Ann Dore", "state Del. Ruth Adler"
        let mut k = i;
        while k < hi
            && k < i + 4
            && !doc.name_word(k)
            && doc.toks[k].inq.is_none()
            && !function_words().contains(&doc.low(k))
            && (doc.toks[k].word)
        {
            k += 1;
        }
        if k > i && k < hi && doc.name_word(k) {
            return np_after(doc, k, hi).filter(|np| np.kind == NpKind::Name);
        }
        return None;
    }
    if doc.name_word(i) {
        // Capitalised words and lower-case role words: "City Hall press
        // secretary Dan Brill"; the name is the last capitalised run.
        let mut e = i;
        let mut last_run: Option<(usize, usize)> = None;
        while e < hi && doc.same_line(e, i) {
            if doc.name_word(e) {
                let r = doc.run_fwd(e, hi).max(e + 1);
                last_run = Some((e, r));
                e = r;
            } else if doc.t(e) == "."
                && e > i
                && vocabulary::get().is_speaker_title(doc.low(e - 1))
                && e + 1 < hi
                && doc.name_word(e + 1)
            {
                // "said Del. Ruth Adler": a title's period.
                e += 1;
            } else {
                // "said Lumen's founder Kai Moss", "Harbor Post editor Jo
                // Lind": an owner's possessive and role or title words
                // before the name.
                let roleish = |k: usize| {
                    doc.possessive(k)
                        || (doc.toks[k].word
                            && doc.toks[k].inq.is_none()
                            && !doc.toks[k].cap
                            && (doc.role(k).is_some() || lex.is_speaker_title(doc.low(k)) || lex.is_adjective(doc.low(k))))
                };
                let mut k = e;
                while k < hi && k < e + 4 && doc.same_line(k, i) && roleish(k) {
                    k += 1;
                }
                if k > e && k < hi && doc.name_word(k) {
                    e = k;
                } else {
                    break;
                }
            }
        }
        let (s, r) = last_run?;
        let s2 = doc.strip(s, r);
        if s2 >= r {
            return Some(Np { kind: NpKind::Nominal, first: i, last: r, head: r - 1 });
        }
        if r + 1 < hi && doc.low(r) == "and" && doc.name_word(r + 1) {
            let r2 = doc.run_fwd(r + 1, hi);
            return Some(Np { kind: NpKind::Joint, first: s2, last: r2, head: r2 - 1 });
        }
        return Some(Np { kind: NpKind::Name, first: s2, last: r, head: r - 1 });
    }
    if determiners().contains(&w) {
        let mut k = i + 1;
        while k < hi && k < i + 7 && doc.same_line(k, i) {
            let t = &doc.toks[k];
            if t.inq.is_some()
                || !(t.word || doc.possessive(k))
                || function_words().contains(&t.lower.as_ref())
                || lex.cue_at(&[t.lower.as_ref()], 0).is_some()
            {
                break;
            }
            k += 1;
        }
        if k > i + 1 {
            return Some(Np { kind: NpKind::Nominal, first: i, last: k, head: k - 1 });
        }
    }
    None
}

/// The first name or pronoun in `[lo, v)` that starts a clause and is followed
/// by a lower-case word (its verb): "During the speech, Adler attacked ...".
pub fn clause_subject(doc: &Doc, lo: usize, v: usize) -> Option<Np> {
    // The nearest clause start before `v`.
    let mut i = v;
    while i > lo {
        i -= 1;
        let t = &doc.toks[i];
        // (A clause also starts after "while", "whereas" and "but".)
        let starts = i == lo
            || matches!(doc.t(i - 1), "," | ";" | ":" | "while" | "whereas" | "but")
            || doc.toks[i - 1].inq.is_some();
        if t.inq.is_none() && t.word && starts {
            // "The Treasury dismissed ...": the article before a name.
            let n = if doc.low(i) == "the" && i + 1 < v && doc.name_word(i + 1) { i + 1 } else { i };
            if let Some(np) = np_after(doc, n, v) {
                let verb = doc.toks.get(np.last).is_some_and(|n| n.word && !n.cap && n.inq.is_none())
                    && !doc.possessive(np.last);
                if matches!(np.kind, NpKind::Name | NpKind::Pronoun | NpKind::Joint)
                    && verb
                    && np.first <= n + 1
                {
                    return Some(np);
                }
            }
        }
    }
    None
}

/// The non-date mention overlapping `span` (mentions sorted by start) that
/// names who is there: a person's first ("Argentina's President Ana Ruiz",
/// "Ann Ruiz of Nevada"), else an organisation's, else the first.
fn mention_over(mentions: &[Mention], span: Span) -> Option<&Mention> {
    let rank = |m: &&Mention| match m.label {
        Label::Person => 0,
        Label::Org => 1,
        _ => 2,
    };
    mentions_over(mentions, span).filter(|m| m.label != Label::Date).min_by_key(rank)
}

/// The mentions overlapping `span`, in order (mentions sorted by start).
pub(crate) fn mentions_over(mentions: &[Mention], span: Span) -> impl Iterator<Item = &Mention> {
    let from = mentions.partition_point(|m| m.span.end <= span.start);
    mentions[from..].iter().take_while(move |m| m.span.start < span.end).filter(move |m| m.span.overlaps(span))
}

/// The gender a subject pronoun asks for: 'm' for "he", 'f' for "she".
fn pronoun_gender(w: &str) -> Option<char> {
    match w {
        "he" => Some('m'),
        "she" => Some('f'),
        _ => None,
    }
}

/// A subject's weight in salience in the pronoun's sentence or the one before.
const SUBJECT_NEAR: f32 = 4.0;

/// How many sentences back a pronoun's referent is looked for by salience.
const SALIENCE_SENTENCES: u32 = 8;

/// Who a pronoun or a nominal can point back to.
#[derive(Debug, Clone)]
struct Ref {
    name: Option<String>,
    entity: Option<usize>,
    span: Span,
    person: bool,
    /// Named as a clause's subject (or a quotation's speaker): salient.
    subject: bool,
}

#[derive(Debug, Clone)]
struct Run {
    first: usize,
    last: usize,
    words: Vec<String>,
    person: bool,
    /// "The ...", an organisation word or an acronym.
    orgish: bool,
    in_quote: bool,
    subject: bool,
}


/// The people and organisations of a text, for resolving speakers.
pub struct People<'m> {
    mentions: &'m [Mention],
    entities: &'m [Entity],
    runs: Vec<Run>,
    /// Names of runs that look like persons / organisations.
    person_names: HashSet<String>,
    org_names: HashSet<String>,
    /// (token, role group, reference): "press secretary Dan Brill".
    roles: Vec<(usize, usize, Ref)>,
    /// Persons and organisations named outside quotations, by token.
    events: Vec<(usize, Ref)>,
    /// Quotations' speakers, by token.
    notes: Vec<(usize, Ref)>,
    gender: HashMap<String, char>,
    /// Genders guessed from pronouns resolved to a name (the weakest clue).
    guessed: HashMap<String, char>,
    /// Pronouns seen after each name: (masculine, feminine).
    votes: HashMap<String, (usize, usize)>,
    /// Whether the speaker last resolved is a person, when its phrase says.
    last_person: Option<bool>,
    /// Sentence number of each token (sentences end at terminators outside
    /// quotations and at line ends).
    sent: Vec<u32>,
    /// Tokens before this one have had their subject pronouns resolved.
    chained: usize,
    /// Names (their first token) governed by a preposition ("more nervous
    /// than Ana Ruiz", "a film about Ana Ruiz"): less salient.
    oblique: HashSet<usize>,
    /// (token, word, reference): the common noun right before a person's
    /// name ("archbishop Jo Hart"), for "the archbishop" later.
    described: Vec<(usize, String, Ref)>,
}

/// Sentence number of each token: sentences end at terminators outside
/// quotations and at line ends.
fn sentence_numbers(doc: &Doc) -> Vec<u32> {
    let mut out = Vec::with_capacity(doc.toks.len());
    let mut sn = 0u32;
    for (k, t) in doc.toks.iter().enumerate() {
        // `... called it “a disgrace.” He said ...`: a quotation that ends
        // its sentence, then a capitalised word.
        let after_quote = k >= 2
            && t.inq.is_none()
            && t.word
            && t.cap
            && doc.toks[k - 1].inq.is_some()
            && matches!(doc.t(k - 2), "." | "!" | "?");
        if k > 0 && (doc.toks[k - 1].line != t.line || doc.is_terminator(k - 1) || after_quote) {
            sn += 1;
        }
        out.push(sn);
    }
    out
}

/// Whether the name run `[s, e)` (titles from `s0`) is salient: a clause's
/// subject at a clause start (after role words and a determiner) followed
/// by a verb-like word or an appositive, or one of the forms below.
fn is_subject(doc: &Doc, lowers: &[&str], s0: usize, s: usize, e: usize) -> bool {
    let n = doc.toks.len();
    // A clause's subject: at a clause start (after role words and a
    // determiner) and followed by a verb-like word or an appositive.
    let mut b = s0;
    while b > 0
        && s0 - b < 4
        && doc.toks[b - 1].word
        && !doc.toks[b - 1].cap
        && (doc.role(b - 1).is_some() || matches!(lowers[b - 1], "the" | "a" | "an"))
    {
        b -= 1;
    }
    // "Secretary of State Jo Hart said": the title's words belong
    // to the phrase.
    while b >= 2 && lowers[b - 1] == "of" && doc.toks[b - 2].cap && doc.toks[b - 2].word && s0 - b < 6 {
        b -= 2;
        while b > 0 && doc.toks[b - 1].cap && doc.toks[b - 1].word && doc.same_line(b - 1, s0) {
            b -= 1;
        }
    }
    let starts = b == 0
        || doc.toks[b - 1].line != doc.toks[s].line
        || doc.is_terminator(b - 1)
        || matches!(doc.t(b - 1), "," | ";" | ":" | "—" | "–")
        || doc.toks[b - 1].inq.is_some();
    let mut e2 = e;
    if doc.t(e) == "(" {
        // "Sen. Jo Hart (D-Ore.) said"
        e2 = (e..(e + 8).min(n)).find(|&k| doc.t(k) == ")").map_or(e, |k| k + 1);
    }
    let next = doc.toks.get(e2);
    // (An auxiliary is a verb too: "Ruiz had spent", "Ruiz was".)
    let aux = |w: &str| {
        matches!(w, "is" | "was" | "were" | "are" | "has" | "had" | "have" | "would" | "will" | "could" | "can" | "should" | "did" | "does")
    };
    let verb = next.is_some_and(|t| {
        (t.word && !t.cap && (!function_words().contains(&t.lower.as_ref()) || aux(&t.lower))) || doc.t(e2) == ","
    });
    // Also salient: the subject of a speech verb ("spokesman Jo
    // Kent told"), after an inverted one ("noted NBC's Jo Kent"),
    // one followed by a prepositional phrase ("Jo Kent at the
    // Review agreed") and a person introduced with a role in an
    // appositive ("Jo Kent, president of the union,").
    let cue_next = doc.cue(e2).is_some();
    let prep_next = starts && matches!(doc.low(e2), "at" | "of" | "from" | "for" | "with" | "on");
    let mut c = s0;
    while c > 0 && s0 - c < 5 && doc.same_line(c - 1, s0) && {
        let t = &doc.toks[c - 1];
        t.inq.is_none()
            && (doc.possessive(c - 1)
                || (t.word && t.cap)
                || doc.role(c - 1).is_some()
                || matches!(&*t.lower, "the" | "a" | "an"))
    } {
        c -= 1;
    }
    let inverted =
        c > 0 && doc.cue(c - 1).is_some_and(|cf| cf.invertible && cf.kind != vocabulary::CueKind::Prep);
    // "..., according to Jo Kent.": a source named at a sentence's end.
    let source = doc.is_terminator(e2)
        && (2..=3).any(|k| {
            c >= k && doc.cue(c - k).is_some_and(|cf| cf.kind == vocabulary::CueKind::Prep && cf.words.len() == k)
        });
    let introduced = doc.t(e2) == ","
        && (e2 + 1..(e2 + 4).min(n)).any(|k| doc.role(k).is_some())
        && !(e2 + 1..(e2 + 4).min(n)).any(|k| doc.name_word(k));
(starts && verb) || cue_next || prep_next || inverted || source || introduced
}

/// Runs of capitalised words outside boilerplate and headlines, titles
/// stripped, each classified: person or organisation, in a quotation, a
/// clause's subject.
fn name_runs(doc: &Doc, mentions: &[Mention]) -> Vec<Run> {
    let lex = vocabulary::get();
    let lowers = doc.lowers();
    let n = doc.toks.len();
    let mut i = 0;
    let mut raw_runs: Vec<(usize, usize, usize)> = Vec::new();
    while i < n {
        let t = &doc.toks[i];
        let name_like = t.word && t.cap && t.lower != "i" && !is_calendar(&t.lower);
        if !name_like || doc.bad_line.get(t.line).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < n
            && doc.toks[e].line == t.line
            && doc.toks[e].inq == t.inq
            && ((doc.toks[e].word
                && doc.toks[e].cap
                && doc.toks[e].lower != "i"
                && !is_calendar(&doc.toks[e].lower))
                || (e + 1 < n && name_particles().contains(&doc.low(e)) && doc.toks[e + 1].cap))
        {
            e += 1;
        }
        let s = doc.strip(i, e);
        if s < e {
            raw_runs.push((i, s, e));
        }
        i = e;
    }
    let mut runs = Vec::with_capacity(raw_runs.len());
    for &(s0, s, e) in &raw_runs {
        let words: Vec<String> = (s..e).map(|k| doc.t(k).to_string()).collect();
        let the = (s0..s).any(|k| lowers[k] == "the") || (s0 > 0 && lowers[s0 - 1] == "the");
        let org = words.iter().any(|w| lex.is_org_word(&w.to_lowercase()))
            || words.iter().all(|w| w.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()));
        // A name is the entity layer's: its label says whether a person.
        let Some(m) = mention_over(mentions, doc.byte_span(s, e)) else { continue };
        let person = m.label == Label::Person;
        let subject = is_subject(doc, &lowers, s0, s, e);
        let orgish = the || org;
        runs.push(Run {
            first: s,
            last: e,
            words,
            person,
            orgish,
            in_quote: doc.toks[s].inq.is_some(),
            subject,
        });
    }
    runs
}

impl<'m> People<'m> {
    pub fn new(doc: &Doc, mentions: &'m [Mention], entities: &'m [Entity]) -> People<'m> {
        let mut p = People {
            mentions,
            entities,
            runs: name_runs(doc, mentions),
            person_names: Default::default(),
            org_names: Default::default(),
            roles: Vec::new(),
            events: Vec::new(),
            notes: Vec::new(),
            gender: HashMap::new(),
            guessed: HashMap::new(),
            votes: Default::default(),
            last_person: None,
            sent: sentence_numbers(doc),
            chained: 0,
            oblique: HashSet::new(),
            described: Vec::new(),
        };
        p.read_runs(doc);
        p.collect_names();
        p
    }

    /// What each name outside quotations tells: a reference to it, its
    /// gender (a title or role word before it, the pronouns after it), the
    /// roles it is introduced with; each becomes an event.
    fn read_runs(&mut self, doc: &Doc) {
        let lex = vocabulary::get();
        // How many persons' full names (entities) end with each word.
        let mut surnames: HashMap<&str, usize> = HashMap::new();
        for e in self.entities.iter().filter(|e| e.label == Label::Person) {
            if let Some((_, last)) = e.name.rsplit_once(' ') {
                *surnames.entry(last).or_default() += 1;
            }
        }
        let lowers = doc.lowers();
        let n = doc.toks.len();
        for ri in 0..self.runs.len() {
            let r = self.runs[ri].clone();
            if r.in_quote {
                continue;
            }
            let mut rf = self.reference(doc, r.first, r.last, r.person);
            rf.subject = r.subject;
            let mut b = r.first;
            while b > 0 && r.first - b < 2 && doc.toks[b - 1].cap && doc.same_line(b - 1, r.first) {
                b -= 1;
            }
            if !r.subject && b > 0 && matches!(lowers[b - 1], "than" | "about" | "with" | "of" | "against" | "like" | "as") {
                self.oblique.insert(r.first);
            }
            if r.person && r.first > 0 && doc.same_line(r.first - 1, r.first) {
                let w = lowers[r.first - 1];
                let t = &doc.toks[r.first - 1];
                if t.word && t.inq.is_none() && w.len() > 3 && !function_words().contains(&w) && !determiners().contains(&w) {
                    self.described.push((r.first, w.to_string(), rf.clone()));
                }
            }
            // Gender from a title or role word right before the name
            // ("Mrs. Hart", "spokeswoman Ann Hart", "mother Reself. Ann
            // Hart"), not further ("the wife of Jo Hart" is about her).
            let lo = r.first.saturating_sub(3);
            let mut k = r.first;
            while k > lo && doc.same_line(k - 1, r.first) {
                k -= 1;
                if let Some(g) = lex.gender(lowers[k]) {
                    if let Some(name) = &rf.name {
                        self.gender.insert(name.clone(), g);
                    }
                    break;
                }
                if !lex.is_speaker_title(lowers[k]) {
                    break;
                }
            }
            // Roles: before the name ("press secretary Dan Brill") and in an
            // appositive after it ("Ilse Varga, the city's mayor,").
            let mut k = lo;
            while k < r.first {
                if let Some((g, len)) = lex.role_at(&lowers, k) {
                    if k + len <= r.first {
                        self.roles.push((r.first, g, rf.clone()));
                    }
                    k += len;
                } else {
                    k += 1;
                }
            }
            // ("In Chelsea, the mayor said": a place, not an appositive.)
            if r.person && doc.t(r.last) == "," && determiners().contains(&doc.low(r.last + 1)) {
                for k in r.last + 2..(r.last + 7).min(n) {
                    if doc.t(k) == "," || doc.is_terminator(k) {
                        break;
                    }
                    if let Some((g, _)) = lex.role_at(&lowers, k) {
                        self.roles.push((r.first, g, rf.clone()));
                        break;
                    }
                }
            }
            // Gender from the pronouns that follow the name in its sentence
            // ("Hart said his plan ..."), up to the next name; not from a
            // surname that two full names share ("Trump" of Ivanka and of
            // Donald Trump).
            let shared_surname =
                r.words.len() == 1 && r.words.last().is_some_and(|w| surnames.get(w.as_str()).is_some_and(|&c| c >= 2));
            if r.person && !shared_surname {
                let mut k = r.last;
                let mut vote = (0, 0);
                while k < n
                    && k < r.last + 15
                    && doc.toks[k].line == doc.toks[r.first].line
                    && !doc.is_terminator(k)
                {
                    if doc.toks[k].inq.is_none() {
                        if doc.name_word(k) && k > r.last {
                            break;
                        }
                        match doc.low(k) {
                            // Not "him"/"her": objects are often someone else.
                            "he" | "his" | "himself" => vote.0 += 1,
                            "she" | "hers" | "herself" => vote.1 += 1,
                            _ => {}
                        }
                    }
                    k += 1;
                }
                if let Some(name) = &rf.name {
                    if vote.0 != vote.1 {
                        let e = self.votes.entry(name.clone()).or_insert((0, 0));
                        e.0 += vote.0;
                        e.1 += vote.1;
                    }
                }
            }
            self.events.push((r.first, rf));
        }
    }

    /// The names of persons and of organisations (runs, entities, people
    /// introduced with a role).
    fn collect_names(&mut self) {
        for r in &self.runs {
            if r.person {
                self.person_names.insert(r.words.join(" "));
            }
            if r.orgish {
                self.org_names.insert(r.words.join(" "));
            }
        }
        for e in self.entities {
            if e.label == Label::Person {
                self.person_names.insert(e.name.clone());
            } else {
                self.org_names.insert(e.name.clone());
            }
        }
        for name in self.roles.iter().filter_map(|r| r.2.name.clone()) {
            self.person_names.insert(name);
        }
    }

    /// A reference for tokens `[first, last)` named in the text.
    fn reference(&self, doc: &Doc, first: usize, last: usize, person: bool) -> Ref {
        let span = doc.byte_span(first, last);
        if let Some(m) = mention_over(self.mentions, span) {
            let name = self.entities.get(m.entity).map(|e| e.name.clone());
            return Ref {
                name,
                entity: Some(m.entity),
                span: m.span,
                person: m.label == Label::Person,
                subject: false,
            };
        }
        let words: Vec<String> = (first..last).map(|k| doc.t(k).to_string()).collect();
        Ref { name: Some(words.join(" ")), entity: None, span, person, subject: false }
    }

    /// A name's gender: from a title or role word next to it, else its
    /// first name (learned lexicon), else the pronouns after it in the
    /// text, else earlier pronouns resolved to it.
    fn gender_of(&self, name: &str) -> Option<char> {
        if let Some(&g) = self.gender.get(name) {
            return Some(g);
        }
        let mut words = name.split_whitespace();
        if let (Some(first), Some(_)) = (words.next(), words.next()) {
            let low = first.to_lowercase();
            if let Some(g) = vocabulary::get().first_name_gender(&low) {
                return Some(g);
            }
        }
        match self.votes.get(name) {
            Some(&(m, f)) if m > f => Some('m'),
            Some(&(m, f)) if f > m => Some('f'),
            _ => self.guessed.get(name).copied(),
        }
    }

    /// The most salient referent among `before` (nearest first) that
    /// `fits`, seen from token `at`: each mention weighs 1, or 2 as a
    /// clause's subject or a quotation's speaker, halved for every sentence
    /// back (the recency and subject weights of Lappin and Leass); a name's
    /// mentions add up.
    fn salient<'r>(&self, before: &[&'r (usize, Ref)], at: usize, fits: impl Fn(&Ref) -> bool) -> Option<&'r Ref> {
        let here = self.sent.get(at).copied().unwrap_or(0);
        let mut score: Vec<(&Ref, f32)> = Vec::new();
        for (t, r) in before.iter().map(|e| (e.0, &e.1)) {
            let d = here.saturating_sub(self.sent.get(t).copied().unwrap_or(0));
            if d > SALIENCE_SENTENCES {
                break;
            }
            if !fits(r) {
                continue;
            }
            let w = if r.subject && d <= 1 {
                SUBJECT_NEAR
            } else if r.subject {
                2.0
            } else if self.oblique.contains(&t) {
                0.5
            } else {
                1.0
            } * 0.5f32.powi(d as i32);
            match score.iter_mut().find(|(b, _)| b.name.is_some() && b.name == r.name) {
                Some(b) => b.1 += w,
                None => score.push((r, w)),
            }
        }
        // The highest score; among equals, the nearest.
        score.iter().fold(None, |best: Option<(&Ref, f32)>, &(r, w)| match best {
            Some((_, bw)) if bw >= w => best,
            _ => Some((r, w)),
        })
        .map(|b| b.0)
    }

    /// Remember a quotation's speaker as the latest mention of them.
    pub fn note_speaker(&mut self, doc: &Doc, s: &Speaker) {
        let tok = doc.toks.partition_point(|t| t.span.start < s.span.start);
        let person = match (self.last_person.take(), s.entity.and_then(|e| self.entities.get(e))) {
            (Some(p), _) => p,
            (None, Some(e)) => e.label == Label::Person,
            // A name that speaks is a person when it is a person's name or
            // has several words and does not look like an organisation's
            // ("Demonstrators said" is not one).
            (None, None) => s.name.as_deref().is_some_and(|n| {
                self.is_person_name(n) || (n.split_whitespace().nth(1).is_some() && !self.is_org_name(n))
            }),
        };
        // The same mention seen as a name run: it is this speaker.
        let (a, b) =
            (self.events.partition_point(|e| e.0 < tok), self.events.partition_point(|e| e.0 <= tok));
        for e in self.events[a..b].iter_mut().filter(|e| e.1.span == s.span) {
            e.1.person = person;
        }
        let rf = Ref { name: s.name.clone(), entity: s.entity, span: s.span, person, subject: true };
        // Quotations come in text order, so this is nearly always a push.
        let at = self.notes.partition_point(|e| e.0 <= tok);
        self.notes.insert(at, (tok, rf));
    }

    /// A person other than `name` is a clause's subject in tokens `[a, b)`.
    pub fn other_subject_between(&self, a: usize, b: usize, name: Option<&str>) -> bool {
        let from = self.events.partition_point(|e| e.0 < a);
        self.events[from..]
            .iter()
            .take_while(|e| e.0 < b)
            .any(|(_, r)| r.subject && r.person && r.name.as_deref() != name)
    }

    /// The first person named as a clause's subject in tokens `[a, b)`.
    pub fn subject_between(&self, a: usize, b: usize) -> Option<Speaker> {
        let from = self.events.partition_point(|e| e.0 < a);
        self.events[from..]
            .iter()
            .take_while(|e| e.0 < b)
            .find(|(_, r)| r.subject && r.person && r.name.is_some())
            .map(|(_, r)| Speaker { span: r.span, entity: r.entity, name: r.name.clone() })
    }

    /// The fullest form of a speaker's name in the text: a lone surname
    /// that the entity layer kept apart ("Erdogan" beside "Recep Tayyip
    /// Erdoğan") becomes the one person's full name that ends with it,
    /// written with or without its accents.
    pub fn fullest(&self, s: Speaker) -> Speaker {
        let Some(name) = s.name.as_deref() else { return s };
        // An organisation's acronym ("HPA") is the one organisation named in
        // full whose initials spell it ("Harbor Ports Authority").
        let acronym = name.len() >= 2 && name.len() <= 6 && name.chars().all(|c| c.is_ascii_uppercase());
        if acronym && s.entity.and_then(|e| self.entities.get(e)).is_none_or(|e| e.label == Label::Org) {
            let initials = |n: &str| -> String {
                n.split_whitespace()
                    .filter(|w| !matches!(*w, "and" | "of" | "for" | "the" | "on" | "in" | "&"))
                    .filter_map(|w| w.chars().next())
                    .collect()
            };
            let mut full = self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.label == Label::Org && e.name.contains(' ') && initials(&e.name) == name);
            if let (Some((i, e)), None) = (full.next(), full.next()) {
                return Speaker { span: s.span, entity: Some(i), name: Some(e.name.clone()) };
            }
            return s;
        }
        if name.contains(' ') || s.entity.and_then(|e| self.entities.get(e)).is_some_and(|e| e.label != Label::Person) {
            return s;
        }
        // Same letters, except where one of the two has a letter outside ASCII.
        let loose = |a: &str, b: &str| {
            a.chars().count() == b.chars().count()
                && a.chars().zip(b.chars()).all(|(x, y)| {
                    x.to_lowercase().eq(y.to_lowercase()) || (x.is_alphabetic() && y.is_alphabetic() && !(x.is_ascii() && y.is_ascii()))
                })
        };
        let mut full = self.entities.iter().enumerate().filter(|(_, e)| {
            e.label == Label::Person && e.name.contains(' ') && e.name.rsplit(' ').next().is_some_and(|l| loose(l, name))
        });
        match (full.next(), full.next()) {
            (Some((i, e)), None) => Speaker { span: s.span, entity: Some(i), name: Some(e.name.clone()) },
            _ => s,
        }
    }

    /// Forget what the last resolved phrase said about its speaker.
    pub fn clear_last(&mut self) {
        self.last_person = None;
    }

    fn is_org_name(&self, name: &str) -> bool {
        self.org_names.contains(name) || name.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
    }

    fn is_person_name(&self, name: &str) -> bool {
        self.person_names.contains(name)
    }

    /// Who a writing speaks for ("the IMF report", "the report" after "a
    /// report by the Harbor Institute", "the book" after "Lee's book"): a
    /// name inside the phrase, else the name next to the latest earlier
    /// mention of the same writing (right before it, its owner, or after
    /// "by" / "from").
    fn publisher(&self, doc: &Doc, np: &Np) -> Option<Ref> {
        let run_in = |a: usize, b: usize| self.runs.iter().find(|r| r.first >= a && r.last <= b && !r.in_quote);
        if let Some(r) = run_in(np.first, np.head) {
            return Some(self.reference(doc, r.first, r.last, r.person));
        }
        let head = doc.low(np.head);
        let ends_at = |k: usize| {
            // A name ending right before token k, or before its "'s".
            let k = if k > 0 && doc.possessive(k - 1) { k - 1 } else { k };
            self.runs.iter().rev().find(|r| r.last == k)
        };
        // (From the phrase's own head: "Lumen released a statement which said".)
        for k in (np.first.saturating_sub(1500)..=np.head).rev() {
            if doc.low(k) != head || doc.toks[k].inq.is_some() {
                continue;
            }
            if let Some(r) = ends_at(k) {
                return Some(self.reference(doc, r.first, r.last, r.person));
            }
            // "Harbor Records issued a statement": the sentence's subject.
            if let Some(r) = self.runs.iter().rev().find(|r| {
                r.last <= k && k - r.last <= 6 && r.subject && !r.in_quote && self.sent.get(r.first) == self.sent.get(k)
            }) {
                return Some(self.reference(doc, r.first, r.last, r.person));
            }
            let by = (k + 1..(k + 3).min(np.first)).find(|&j| matches!(doc.low(j), "by" | "from"));
            if let Some(r) = by.and_then(|j| {
                self.runs.iter().find(|r| r.first > j && r.first <= j + 2 && doc.same_line(j, r.first))
            }) {
                return Some(self.reference(doc, r.first, r.last, r.person));
            }
        }
        None
    }

    /// The latest names (up to 400) and quotations' speakers (up to 400)
    /// before token `at`, nearest first.
    fn recent(&self, at: usize) -> Vec<&(usize, Ref)> {
        let ev = &self.events[..self.events.partition_point(|e| e.0 < at)];
        let nt = &self.notes[..self.notes.partition_point(|e| e.0 < at)];
        let mut near: Vec<&(usize, Ref)> = ev.iter().rev().take(400).chain(nt.iter().rev().take(400)).collect();
        near.sort_by_key(|e| std::cmp::Reverse(e.0));
        near
    }

    /// What pronoun `w` at token `at` refers to: he/she the most salient
    /// person of its gender (else the nearest), "it" the nearest
    /// non-person.
    fn pronoun_referent(&self, w: &str, at: usize) -> Option<Ref> {
        let want = pronoun_gender(w);
        let before = self.recent(at);
        let fits = |r: &Ref| {
            r.person && r.name.as_deref().is_none_or(|n| self.gender_of(n).is_none_or(|g| Some(g) == want))
        };
        match w {
            "he" | "she" => {
                self.salient(&before, at, fits).or_else(|| before.iter().map(|(_, r)| r).find(|r| fits(r))).cloned()
            }
            "it" => before.iter().take(50).map(|(_, r)| r).find(|r| !r.person).cloned(),
            _ => None,
        }
    }

    /// Resolve the subject pronouns ("He notes that ...") outside
    /// quotations before token `upto` in text order: each counts as a
    /// subject mention of its referent, so a person the text keeps talking
    /// about stays salient.
    fn chain_pronouns(&mut self, doc: &Doc, upto: usize) {
        while self.chained < upto.min(doc.toks.len()) {
            let k = self.chained;
            self.chained += 1;
            let t = &doc.toks[k];
            if t.inq.is_some() || !matches!(&*t.lower, "he" | "she") {
                continue;
            }
            let next_verb = doc.toks.get(k + 1).is_some_and(|n| n.word && !n.cap && n.inq.is_none());
            let starts = k == 0 || self.sent.get(k) != self.sent.get(k - 1);
            if !next_verb || !starts {
                continue;
            }
            if let Some(rf) = self.pronoun_referent(&t.lower, k).filter(|r| r.name.is_some()) {
                let at = self.events.partition_point(|e| e.0 <= k);
                self.events.insert(at, (k, Ref { subject: true, ..rf }));
            }
        }
    }

    /// Resolve a speaker phrase to a speaker.
    pub fn resolve(&mut self, doc: &Doc, np: &Np) -> Option<Speaker> {
        let lex = vocabulary::get();
        let span = doc.byte_span(np.first, np.last);
        if span.is_empty() {
            return None;
        }
        self.last_person = match np.kind {
            NpKind::Name => None,
            NpKind::Joint => Some(false),
            NpKind::Pronoun => Some(matches!(doc.low(np.head), "he" | "she")),
            NpKind::Nominal => Some(
                doc.role(np.head).is_some()
                    || (np.first..=np.head).any(|k| doc.role(k).is_some_and(|r| k + r.1 == np.head + 1)),
            ),
        };
        match np.kind {
            NpKind::Name => {
                let rf = self.reference(doc, np.first, np.last, true);
                // A place, a date or a nationality does not speak ("70 percent
                // of Britons say", "Washington had concluded").
                let label = rf.entity.and_then(|e| self.entities.get(e)).map(|e| e.label);
                if label.is_some_and(|l| !matches!(l, Label::Person | Label::Org)) {
                    return None;
                }
                // A lone capitalised common word the entity layer did not
                // take for a name ("Others disagree") is no one.
                if rf.entity.is_none() && np.last - np.first == 1 && crate::entities::features::usually_lower(doc.t(np.first)) {
                    return None;
                }
                let span = if rf.entity.is_some() { rf.span } else { span };
                Some(Speaker { span, entity: rf.entity, name: rf.name })
            }
            NpKind::Joint => {
                let and = (np.first..np.last).find(|&k| doc.low(k) == "and")?;
                let a = self.reference(doc, np.first, and, true);
                let b = self.reference(doc, and + 1, np.last, true);
                let name = match (a.name, b.name) {
                    (Some(x), Some(y)) => Some(format!("{x} and {y}")),
                    _ => None,
                };
                Some(Speaker { span, entity: None, name })
            }
            NpKind::Pronoun => {
                let w = doc.low(np.head).to_string();
                let want = pronoun_gender(&w);
                self.chain_pronouns(doc, np.first);
                let rf = self.pronoun_referent(&w, np.first);
                if let (Some(r), Some(g)) = (&rf, want) {
                    if let Some(n) = &r.name {
                        if self.gender_of(n).is_none() {
                            self.guessed.insert(n.clone(), g);
                        }
                    }
                }
                Some(Speaker {
                    span,
                    entity: rf.as_ref().and_then(|r| r.entity),
                    name: rf.and_then(|r| r.name),
                })
            }
            NpKind::Nominal => {
                let head = doc.low(np.head);
                let group = (np.first..=np.head)
                    .filter_map(|k| doc.role(k).filter(|&(_, len)| k + len == np.head + 1))
                    .map(|(g, _)| g)
                    .next();
                let rf = group.and_then(|g| {
                    let upto = self.roles.partition_point(|r| r.0 < np.first);
                    self.roles[..upto].iter().rev().find(|(_, rg, _)| *rg == g).map(|x| x.2.clone())
                });
                let rf = rf.or_else(|| lex.is_document(head).then(|| self.publisher(doc, np)).flatten());
                // "the archbishop" after "archbishop Jo Hart".
                let rf = rf.or_else(|| {
                    if np.last - np.first != 2 || doc.low(np.first) != "the" {
                        return None;
                    }
                    let upto = self.described.partition_point(|d| d.0 < np.first);
                    self.described[..upto].iter().rev().find(|d| d.1 == head).map(|d| d.2.clone())
                });
                let rf = rf.or_else(|| {
                    // "the department" -> the latest "Justice Department".
                    if lex.is_org_word(head) && determiners().contains(&doc.low(np.first)) && np.last - np.first == 2 {
                        self.runs
                            .iter()
                            .rev()
                            .filter(|r| r.first < np.first && !r.in_quote)
                            .find(|r| r.words.iter().any(|w| w.to_lowercase() == head))
                            .map(|r| self.reference(doc, r.first, r.last, false))
                    } else {
                        None
                    }
                });
                let rf = rf.or_else(|| {
                    // "the doctors" -> the latest "Doctors for Open Camps",
                    // "the production company" -> "Dale Lane Productions": an
                    // organisation named earlier with one of the phrase's
                    // words (a plural head or a modifier of an
                    // organisation word).
                    let stem = |w: &str| w.trim_end_matches('s').to_string();
                    let plural = head.len() > 4 && head.ends_with('s') && !head.ends_with("ss");
                    if doc.low(np.first) != "the" || group.is_some() || !(plural || lex.is_org_word(head)) {
                        return None;
                    }
                    let words: Vec<String> =
                        (np.first + 1..np.last).map(|k| doc.low(k)).filter(|w| w.len() > 4).map(stem).collect();
                    let m = self
                        .runs
                        .iter()
                        .rev()
                        .filter(|r| r.first < np.first && !r.in_quote && !r.person)
                        .take(150)
                        .find(|r| r.words.iter().any(|w| words.contains(&stem(&w.to_lowercase()))))?;
                    let rf = self.reference(doc, m.first, m.last, false);
                    let org = rf.entity.and_then(|e| self.entities.get(e)).is_some_and(|e| e.label == Label::Org);
                    org.then_some(rf)
                });
                let rf = rf.or_else(|| {
                    // "the agency" -> the organisation the text has just
                    // made a clause's subject ("Orbitel announced ... the
                    // agency said"), within a few sentences.
                    if !(lex.is_org_word(head) && doc.low(np.first) == "the" && np.last - np.first == 2) {
                        return None;
                    }
                    let here = self.sent.get(np.first).copied().unwrap_or(0);
                    let r = self
                        .runs
                        .iter()
                        .rev()
                        .filter(|r| r.first < np.first && !r.in_quote)
                        .take_while(|r| here - self.sent.get(r.first).copied().unwrap_or(0) <= 3)
                        .find(|r| !r.person)?;
                    let rf = self.reference(doc, r.first, r.last, false);
                    let org = rf.entity.and_then(|e| self.entities.get(e)).is_some_and(|e| e.label == Label::Org);
                    (org && r.subject).then_some(rf)
                });
                // "the New York businessman", "Obama's former strategist",
                // "the mother of three": a definite description of a person
                // no one was introduced as, the person the text is about
                // (of the description's gender; not the owner).
                let definite = doc.low(np.first) == "the" || (np.first..np.head).any(|k| doc.possessive(k));
                let person_head = group.is_some() || lex.gender(head).is_some();
                let rf = match rf {
                    None if definite && person_head && !lex.is_generic(head) => {
                        let want = (np.first..=np.head).find_map(|k| lex.gender(doc.low(k)));
                        let owner: Option<String> = (np.first..np.head)
                            .find(|&k| doc.possessive(k))
                            .map(|k| self.reference(doc, doc.run_back(k - 1, np.first), k, true))
                            .and_then(|r| r.name);
                        let near = self.recent(np.first);
                        let fits = |r: &Ref| {
                            r.person
                                && r.name.is_some()
                                && r.name != owner
                                && r.name.as_deref().is_none_or(|n| {
                                    self.gender_of(n).is_none_or(|g| want.is_none_or(|w| w == g))
                                })
                        };
                        self.salient(&near, np.first, fits).cloned()
                    }
                    rf => rf,
                };
                // Unresolved, the phrase names its speaker itself ("the
                // growers' union"); a bare generic word does not.
                // A phrase of common nouns only ("the announcer", "a friend",
                // "one source") names nobody: the mention stays, the name
                // is left unresolved.
                // ("The growers' union" names one: an owner.)
                let named = (np.first..np.last).any(|k| {
                    doc.possessive(k)
                        || (doc.toks[k].cap && !(k == np.first && determiners().contains(&doc.low(k))))
                });
                // A person no one named ("one Democratic source", "Kane's
                // niece") has no name either: only an organisation's phrase
                // names it.
                let org_head = lex.is_org_word(head) || (np.head > np.first && doc.toks[np.head].cap);
                // Shown as a name only in its own capitalised words ("the
                // Teachers Union" is "Teachers Union"); a lower-case phrase
                // ("the district attorney's office") keeps its mention only.
                let start = if determiners().contains(&doc.low(np.first)) { np.first + 1 } else { np.first };
                let owned = (np.first..np.head).any(|k| doc.possessive(k));
                let capitalised = start <= np.head && doc.toks[start].cap && doc.toks[np.head].cap;
                // An owner's organisation ("The players' union said") is shown
                // as written when that starts with a capital.
                let start = if !capitalised && owned && doc.toks[np.first].cap { np.first } else { start };
                let capitalised = capitalised || (owned && doc.toks[np.first].cap);
                let own = (named && org_head && capitalised && (np.last - np.first > 1 || !lex.is_generic(head)))
                    .then(|| doc.byte_span(start, np.last).text(doc.text).to_string());
                // "a protester who goes by the name Lin": the name given.
                let given = doc.run_back(np.head, np.first);
                let own = own.or_else(|| {
                    (doc.toks[np.head].cap
                        && given > np.first
                        && matches!(doc.low(given - 1), "named" | "called" | "pseudonym" | "name" | "nicknamed"))
                    .then(|| doc.byte_span(given, np.last).text(doc.text).to_string())
                });
                // "a protester who gave her name as Lin Wu": the person named in it.
                let rf = rf.or_else(|| {
                    let r = self.runs.iter().find(|r| r.first > np.first && r.last <= np.last && r.person)?;
                    Some(self.reference(doc, r.first, r.last, true))
                });
                match rf {
                    Some(r) => Some(Speaker { span, entity: r.entity, name: r.name.or(own) }),
                    None => Some(Speaker { span, entity: None, name: own }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segments;

    /// The subject phrase of the first cue word `verb` in `text`.
    fn subject(text: &str, verb: &str) -> Option<String> {
        let seg = Segments::new(text);
        let doc = Doc::new(&seg, Vec::new(), vec![false; seg.lines.len()]);
        let v = (0..doc.toks.len()).find(|&i| doc.t(i) == verb)?;
        let np = subject_before(&doc, v, 0)?;
        Some(doc.byte_span(np.first, np.last).text(text).to_string())
    }

    #[test]
    fn subjects_before_the_verb() {
        let cases = [
            ("Mayor Ilse Varga said", "said", Some("Ilse Varga")),
            ("Ilse Varga, the town's mayor since 2011, said", "said", Some("Ilse Varga")),
            ("Rep. Jo Hart (D-Ore.) said", "said", Some("Jo Hart")),
            ("Jo Hart, R-Ore., said", "said", Some("Jo Hart")),
            ("Last month, Hart estimated", "estimated", Some("Hart")),
            ("the film's narrator says", "says", Some("the film's narrator")),
            ("Hart later told", "told", Some("Hart")),
            ("she said", "said", Some("she")),
            ("Hart and Varga said", "said", Some("Hart and Varga")),
            ("the plan, which said", "said", None),
            ("Students walking across the campus shouted", "shouted", Some("Students")),
        ];
        for (t, v, want) in cases {
            assert_eq!(subject(t, v).as_deref(), want, "{t}");
        }
    }
}
