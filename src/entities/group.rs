//! Grouping mentions into entities, within one document.
//!
//! Mentions are compared by their normalised form: case folded (headline
//! capitals), possessive, leading "the" and leading titles dropped (for
//! people any title; for any mention an honorific such as "Mr", "Dr",
//! "Sen.", which also makes it a person), periods ignored ("U.S." = "US").
//! A shorter form joins a longer one when it is:
//! - a person's surname ("Tarrow", "Mr Tarrow" -> "Owen Tarrow"), or first name
//!   when only one person has it and no title comes before it, or the full
//!   name without middle names ("Nora Halvik" -> "Nora Beth
//!   Halvik"). The longer form is a person by its label, or shaped like a
//!   personal name when the shorter one is a person ("Ilsa" -> "Ilsa
//!   Morvane" tagged ORG);
//! - an acronym of it ("CFU" -> "Council of Farming Unions", with or
//!   without "of/the/and");
//! - the name without a company suffix ("Acme" -> "Acme Corp.");
//! - an organisation's distinctive word, when only one organisation has it
//!   ("the Post" -> "New York Post"), never a title or a generic word
//!   ("Justice" is not "Department of Justice").
//!
//! When a surname fits several people, each of its mentions goes to the
//! one named in full most often before it, then most recently (or, with
//! none before, the first one after); when two were named equally often
//! and last in the same sentence, to neither. Two full names are never
//! merged through a shared surname. A surname written after "in/at/from"
//! and tagged PLACE stays a place.
//!
//! Each entity gets one label, voted by all its mentions (an honorific
//! votes PERSON; ties go to the fullest form's vote), and every mention
//! takes that label. DATE mentions group only with the same normalised text;
//! a name tagged PLACE in some mentions and ORG in others is two entities,
//! the place and what is named after it (the city and its team).
//!
//! `group` runs in phases: `Forms::new` (one node per normalised form),
//! `Links::new` (which longer forms each form may be a short way of
//! writing), `join_long_forms` (multi-word forms, by union), `assign_short`
//! (each one-word mention to one entity, by salience), `entities` (names and
//! labels).

use crate::annotation::{Entity, Label, Mention, Span};
use std::collections::HashMap;

/// Words that do not give an acronym letter: "Council of Farming Unions".
/// (data/lexicon/names.txt [acronym-skip])
fn acronym_skip() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "acronym-skip")
}
/// Company suffixes: "Acme Corp." is "Acme".
/// (data/lexicon/names.txt [company-suffixes])
fn company_suffixes() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "company-suffixes")
}
/// Name suffixes skipped when finding a surname: "Martin Luther King Jr.".
/// (data/lexicon/names.txt [name-suffixes])
fn name_suffixes() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "name-suffixes")
}
/// Words that name a kind of organisation, not one: "the House" is not
/// "the White House".
/// (data/lexicon/names.txt [generic-org-words])
fn generic_org_words() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "generic-org-words")
}
/// Second words that make "X Committee" a part of X, not X.
/// (data/lexicon/names.txt [subunit-words])
fn subunit_words() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "subunit-words")
}
/// Prepositions that mark a place: "in Washington".
/// (data/lexicon/names.txt [locative-prepositions])
fn locative_prepositions() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "locative-prepositions")
}
/// Honorifics that make any mention a person: "Mr Marsh" tagged ORG.
/// (data/lexicon/names.txt [honorifics])
fn honorifics() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "honorifics")
}
/// Lower-case name particles: "al-Qadri", "van Dorst".
/// (data/lexicon/names.txt [particles])
fn particles() -> &'static [&'static str] {
    crate::lexicon::word_list!(names, "particles")
}

/// A mention's normalised form.
#[derive(Clone)]
struct Form {
    /// Words as written (after dropping possessive, "the", titles).
    words: Vec<String>,
    /// Lower-case words without periods, for comparison.
    keys: Vec<String>,
    /// A title was dropped ("Mr Marsh"): a person, and the name after it is
    /// a surname.
    titled: bool,
    /// The dropped title is an honorific, which makes any mention a person.
    honorific: bool,
}

impl Form {
    fn key(&self) -> String {
        self.keys.join(" ")
    }
}

fn normalise(raw: &str, label: Label) -> Form {
    let cleaned: String = raw.chars().map(|c| if c == '’' || c == '‘' { '\'' } else { c }).collect();
    let mut words: Vec<String> = cleaned.split_whitespace().map(str::to_string).collect();
    if let Some(last) = words.last_mut() {
        if last.len() > 2 && (last.ends_with("'s") || last.ends_with("'S")) {
            last.truncate(last.len() - 2);
        } else if last.len() > 2 && last.ends_with("s'") {
            last.truncate(last.len() - 1);
        }
    }
    let (mut titled, mut honorific) = (false, false);
    while words.len() > 1 {
        let w = words[0].to_lowercase();
        let w = w.trim_end_matches('.');
        let starts_upper = words[1].chars().next().is_some_and(|c| c.is_uppercase());
        // "DR Congo" is no doctor: an honorific in capitals only in a
        // headline's capitals.
        let shouting = |x: &str| x.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let is_honorific =
            honorifics().contains(&w) && (!shouting(&words[0]) || shouting(&words[1]) || words[0].len() == 1);
        if !starts_upper {
            break;
        }
        if w == "the" {
            words.remove(0);
        } else if is_honorific || (label == Label::Person && crate::lexicon::is_title(w)) {
            words.remove(0);
            titled = true;
            honorific |= is_honorific;
        } else {
            break;
        }
    }
    let keys = words
        .iter()
        .map(|w| w.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).collect::<String>())
        .filter(|k: &String| !k.is_empty())
        .collect();
    Form { words, keys, titled, honorific }
}

fn strip_al(w: &str) -> &str {
    for p in ["al-", "el-", "al ", "el "] {
        if let Some(rest) = w.strip_prefix(p) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    w
}

/// Last word of a person's name, skipping "Jr." and the like.
fn surname(keys: &[String]) -> Option<&str> {
    keys.iter().rev().map(String::as_str).find(|k| !name_suffixes().contains(k))
}

/// `short` is contained in `long` in order.
fn subsequence(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| l == s))
}

/// How a one-word `short` names the person `long`, if it does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Via {
    /// Surname, or a multi-word short form of the full name.
    Surname,
    /// First name only: links when only one person has it.
    FirstName,
    /// Acronym, company suffix, or an organisation's distinctive word.
    Other,
}

/// `short` names the same person as the longer `long`: how.
fn person_part(short: &[String], long: &[String], first_name_ok: bool) -> Option<Via> {
    if short.is_empty() || short.len() >= long.len() {
        return None;
    }
    if short.len() == 1 {
        let s = strip_al(&short[0]);
        if surname(long).is_some_and(|l| strip_al(l) == s) {
            return Some(Via::Surname);
        }
        return (first_name_ok && long[0] == short[0]).then_some(Via::FirstName);
    }
    // "Samir al-Qadri" in "Samir Hadi al-Qadri"; "Van Dorst" in
    // "Piet Van Dorst".
    let tail = long.ends_with(short);
    // "Jane Doe" is not "Jane Doe Jr."
    let suffix_ok = long.iter().filter(|k| name_suffixes().contains(&k.as_str())).all(|k| short.contains(k));
    let framed = suffix_ok
        && short.first() == long.first()
        && surname(short) == surname(long)
        && subsequence(short, long);
    (tail || framed).then_some(Via::Surname)
}

/// A multi-word form written like a personal name ("Ilsa Morvane", "Samir
/// al-Qadri", "Tara J. Windle"): capitalised words or name particles, none
/// of them a word that organisations are named with, an acronym or a number.
fn name_shaped(form: &Form) -> bool {
    let n = form.words.len();
    (2..=4).contains(&n)
        && form.words.iter().zip(&form.keys).all(|(w, k)| {
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            let particle =
                particles().contains(&k.as_str()) || k.split_once('-').is_some_and(|(p, _)| particles().contains(&p));
            let lettered = w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'));
            let k = k.as_str();
            (capital || particle)
                && lettered
                && acronym_letters(w).is_none_or(|a| a.chars().count() > 4)
                && !crate::lexicon::is_title(k)
                && !super::is_org_head(k)
                && !generic_org_words().contains(&k)
                && !company_suffixes().contains(&k)
                && !super::repair::is_org_suffix(k)
                && !subunit_words().contains(&k)
                && !acronym_skip().contains(&k)
        })
}

/// [`name_shaped`] for a mention's text ("Ilsa Morvane"), titles and "the" dropped.
pub(super) fn name_shaped_text(raw: &str) -> bool {
    name_shaped(&normalise(raw, Label::Person))
}

/// The letters an acronym is written with ("U.S." -> "US"), if `word` is one.
fn acronym_letters(word: &str) -> Option<String> {
    let letters: String = word.chars().filter(|&c| c != '.').collect();
    let n = letters.chars().count();
    if (2..=8).contains(&n) && letters.chars().all(|c| c.is_ascii_uppercase()) {
        Some(letters)
    } else {
        None
    }
}

/// Acronyms a multi-word name can be written as.
fn acronyms(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    for skip_small in [false, true] {
        for split_hyphens in [false, true] {
            let mut a = String::new();
            for w in words {
                let lw = w.to_lowercase();
                if skip_small && acronym_skip().contains(&lw.as_str()) {
                    continue;
                }
                let parts: Vec<&str> = if split_hyphens { w.split('-').collect() } else { vec![w.as_str()] };
                for p in parts {
                    if let Some(inner) = acronym_letters(p) {
                        a.push_str(&inner);
                    } else if let Some(c) = p.chars().find(|c| c.is_alphanumeric()) {
                        a.extend(c.to_uppercase());
                    }
                }
            }
            if a.chars().count() >= 2 && !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

fn top_label(votes: &HashMap<Label, usize>) -> Option<Label> {
    // Ties go to the earlier label in PERSON, ORG, PLACE, MISC, DATE order.
    let order = [Label::Person, Label::Org, Label::Place, Label::Misc, Label::Date];
    let best = votes.values().copied().max()?;
    order.into_iter().find(|l| votes.get(l) == Some(&best))
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut x = x;
        while self.0[x] != r {
            let next = self.0[x];
            self.0[x] = r;
            x = next;
        }
        r
    }
    fn union(&mut self, keep: usize, other: usize) {
        let (a, b) = (self.find(keep), self.find(other));
        if a != b {
            self.0[b] = a;
        }
    }
}

struct FormInfo {
    form: Form,
    /// Mention indices (into the input) with this key.
    mentions: Vec<usize>,
    /// Label votes of its mentions: the tagger's label, PERSON after an
    /// honorific.
    votes: HashMap<Label, usize>,
    /// The top vote.
    label: Option<Label>,
    /// Where it is first mentioned (byte offset).
    first_at: usize,
}

impl FormInfo {
    fn is_date(&self) -> bool {
        self.votes.contains_key(&Label::Date) && self.votes.len() == 1
    }
    fn is_person(&self) -> bool {
        self.label == Some(Label::Person)
    }
}

/// Phase 1: one node per normalised form (DATE forms apart), with the
/// mentions written that way.
struct Forms {
    forms: Vec<FormInfo>,
    /// The form of each mention.
    form_of: Vec<usize>,
    /// Each mention's own title-dropping: "Mr Alan" is a surname.
    titled: Vec<bool>,
    /// Each mention's vote: its label, or PERSON after an honorific.
    vote: Vec<Label>,
}

impl Forms {
    fn new(text: &str, mentions: &[(Span, Label)]) -> Forms {
        let mut forms: Vec<FormInfo> = Vec::new();
        let mut by_key: HashMap<(bool, String), usize> = HashMap::new();
        let mut form_of = Vec::with_capacity(mentions.len());
        let mut titled = Vec::with_capacity(mentions.len());
        let mut vote = Vec::with_capacity(mentions.len());
        for (i, &(span, label)) in mentions.iter().enumerate() {
            let form = normalise(span.text(text), label);
            let date = label == Label::Date;
            titled.push(form.titled);
            let v = if form.honorific && !date { Label::Person } else { label };
            vote.push(v);
            let key = (date, form.key());
            let f = *by_key.entry(key).or_insert_with(|| {
                forms.push(FormInfo {
                    form,
                    mentions: Vec::new(),
                    votes: HashMap::new(),
                    label: None,
                    first_at: span.start,
                });
                forms.len() - 1
            });
            forms[f].mentions.push(i);
            *forms[f].votes.entry(v).or_insert(0) += 1;
            form_of.push(f);
        }
        // A name tagged PLACE in some mentions and ORG in others is a place
        // and something named after it: "Chicago" the city and the team.
        // A work's title in quote marks, MISC, is not the person or place
        // it is named after: "the song “Glasgow”".
        for f in 0..forms.len() {
            let v = &forms[f].votes;
            let title = |m: usize| vote[m] == Label::Misc && super::repair::quoted(text, mentions[m].0);
            let label = if v.contains_key(&Label::Place) && v.contains_key(&Label::Org) {
                Label::Place
            } else if v.contains_key(&Label::Misc) && v.len() > 1 && forms[f].mentions.iter().any(|&m| title(m)) {
                Label::Misc
            } else {
                continue;
            };
            let apart = |m: usize| if label == Label::Place { vote[m] == Label::Place } else { title(m) };
            let (moved, rest): (Vec<usize>, Vec<usize>) = forms[f].mentions.iter().partition(|&&m| apart(m));
            let first_at = moved.first().map_or(usize::MAX, |&m| mentions[m].0.start);
            for &m in &moved {
                form_of[m] = forms.len();
            }
            let n = moved.len();
            let left = forms[f].votes.get(&label).copied().unwrap_or(0) - n;
            if left == 0 {
                forms[f].votes.remove(&label);
            } else {
                forms[f].votes.insert(label, left);
            }
            forms[f].first_at = rest.first().map_or(usize::MAX, |&m| mentions[m].0.start);
            forms[f].mentions = rest;
            let form = forms[f].form.clone();
            forms.push(FormInfo { form, mentions: moved, votes: HashMap::from([(label, n)]), label: None, first_at });
        }
        for f in &mut forms {
            f.label = top_label(&f.votes);
        }
        Forms { forms, form_of, titled, vote }
    }
}

/// Phase 2: which longer forms each form could be a short way of writing,
/// found through indexes of the multi-word forms (linear in the forms).
struct Links {
    /// For each form, its candidate longer forms and how each was found.
    parents: Vec<Vec<(usize, Via)>>,
}

impl Links {
    fn new(forms: &[FormInfo]) -> Links {
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_acronym: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_base: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_org_end: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_org_start: HashMap<String, Vec<usize>> = HashMap::new();
        for (l, f) in forms.iter().enumerate() {
            let keys = &f.form.keys;
            if f.is_date() || keys.len() < 2 {
                continue;
            }
            // A person's short form may join people, and forms shaped like
            // a personal name whatever their label.
            if f.is_person() || name_shaped(&f.form) {
                if let Some(sur) = surname(keys) {
                    by_surname.entry(strip_al(sur).to_string()).or_default().push(l);
                }
                by_first.entry(keys[0].clone()).or_default().push(l);
            }
            for a in acronyms(&f.form.words) {
                by_acronym.entry(a).or_default().push(l);
            }
            if keys.last().is_some_and(|k| company_suffixes().contains(&k.as_str())) {
                by_base.entry(keys[..keys.len() - 1].join(" ")).or_default().push(l);
            }
            if f.label == Some(Label::Org) {
                by_org_end.entry(keys[keys.len() - 1].clone()).or_default().push(l);
                // Only "X University", "X Coal": in "Senate Subcommittee" or
                // "Ohio Democratic Party" the first word is another entity.
                if keys.len() == 2 && !subunit_words().contains(&keys[1].as_str()) {
                    by_org_start.entry(keys[0].clone()).or_default().push(l);
                }
            }
        }
        let parents = (0..forms.len())
            .map(|s| {
                Self::of(s, forms, [&by_surname, &by_first, &by_acronym, &by_base, &by_org_end, &by_org_start])
            })
            .collect();
        Links { parents }
    }

    /// The candidate longer forms of form `s`.
    fn of(s: usize, forms: &[FormInfo], idx: [&HashMap<String, Vec<usize>>; 6]) -> Vec<(usize, Via)> {
        let [by_surname, by_first, by_acronym, by_base, by_org_end, by_org_start] = idx;
        let get = |m: &HashMap<String, Vec<usize>>, k: &str| m.get(k).map_or(&[][..], Vec::as_slice).to_vec();
        let f = &forms[s];
        let short = &f.form;
        if f.is_date() || short.keys.is_empty() {
            return Vec::new();
        }
        let one_word = short.keys.len() == 1;
        let short_acr = one_word.then(|| acronym_letters(&short.words[0])).flatten();
        // "U.N." or "UN" is not the surname in "Kim Jong Un".
        let looks_acronym =
            one_word && (short.words[0].contains('.') || (short_acr.is_some() && short.words[0].chars().count() <= 4));
        // A title or generic word alone ("Justice", "the Times") is no
        // organisation's short form, and a person's only when tagged PERSON.
        let bare_title = one_word && !short.titled && crate::lexicon::is_title(&short.keys[0]);
        let generic = one_word && generic_org_words().contains(&short.keys[0].as_str());
        let person = f.is_person() || short.titled;
        let mut cands: Vec<(usize, Via)> = Vec::new();
        if !looks_acronym && (person || !bare_title) {
            // A first name links unless tagged as a place ("Jordan") or
            // written after a title ("Mr Alan").
            let first_ok = f.label.is_some_and(|l| l != Label::Place) && !short.titled;
            let mut found: Vec<usize> = Vec::new();
            if let Some(sur) = surname(&short.keys) {
                found.extend(get(by_surname, strip_al(sur)));
            }
            if one_word && first_ok {
                found.extend(get(by_first, &short.keys[0]));
            }
            for l in found {
                // A form shaped like a name but not tagged PERSON takes only
                // a short form that is a person, written after it (news
                // names a person in full first).
                if !forms[l].is_person() && (!person || forms[l].first_at > f.first_at) {
                    continue;
                }
                if let Some(via) = person_part(&short.keys, &forms[l].form.keys, first_ok) {
                    cands.push((l, via));
                }
            }
        }
        if let Some(a) = &short_acr {
            cands.extend(get(by_acronym, a).into_iter().map(|l| (l, Via::Other)));
        }
        if !bare_title && !generic {
            cands.extend(get(by_base, &short.key()).into_iter().map(|l| (l, Via::Other)));
        }
        // "the Post" for "New York Post", "Hofstra" for "Hofstra University":
        // an organisation's distinctive word, when only one organisation
        // has it.
        if one_word && f.label == Some(Label::Org) && short_acr.is_none() && !bare_title && !generic {
            let k = &short.keys[0];
            if !super::is_org_head(k) {
                let found: Vec<usize> = get(by_org_end, k).into_iter().chain(get(by_org_start, k)).collect();
                if found.len() == 1 {
                    cands.extend(found.into_iter().map(|l| (l, Via::Other)));
                }
            }
        }
        cands.retain(|&(l, _)| l != s && forms[l].form.keys.len() > short.keys.len());
        cands.sort_unstable_by_key(|&(l, via)| (l, via != Via::Surname));
        cands.dedup_by_key(|&mut (l, _)| l);
        cands
    }
}

/// Phase 3: multi-word forms, longest first, join their parent (when
/// several fit, the one named first). Two full names never join through a
/// shared surname: a multi-word short form is part of its parent's name.
/// Also returns, for each form, whether it joined as a part of a person's
/// name.
fn join_long_forms(forms: &[FormInfo], links: &Links) -> (Dsu, Vec<bool>) {
    let n = forms.len();
    let mut dsu = Dsu((0..n).collect());
    let mut as_person = vec![false; n];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&f| (std::cmp::Reverse(forms[f].form.keys.len()), f));
    for &f in &order {
        if forms[f].form.keys.len() < 2 {
            continue;
        }
        if let Some(&(pick, via)) = links.parents[f].iter().min_by_key(|&&(p, _)| forms[p].first_at) {
            dsu.union(pick, f);
            as_person[f] = via == Via::Surname;
        }
    }
    (dsu, as_person)
}

/// Phase 4: each one-word mention (a surname, first name, acronym or
/// distinctive word) goes to one of the entities its form may be short for:
/// the one named in full most often before it, then most recently; with
/// none before, the first one named after it. A surname or first name goes
/// to people tagged PERSON before forms only shaped like a name. Returns
/// each mention's node, and whether it joined as a part of a person's name.
fn assign_short(
    text: &str,
    mentions: &[(Span, Label)],
    forms: &Forms,
    links: &Links,
    dsu: &mut Dsu,
) -> (Vec<usize>, Vec<bool>) {
    let fs = &forms.forms;
    // Where each multi-word entity is named.
    let mut named_at: HashMap<usize, Vec<usize>> = HashMap::new();
    for (f, fm) in fs.iter().enumerate() {
        if fm.form.keys.len() >= 2 {
            let r = dsu.find(f);
            named_at.entry(r).or_default().extend(fm.mentions.iter().map(|&m| mentions[m].0.start));
        }
    }
    for v in named_at.values_mut() {
        v.sort_unstable();
    }
    let mut node_of: Vec<usize> = forms.form_of.clone();
    let mut as_person = vec![false; mentions.len()];
    for (f, fm) in fs.iter().enumerate() {
        if fm.form.keys.len() != 1 || links.parents[f].is_empty() {
            continue;
        }
        let mut roots: Vec<(usize, Via)> = links.parents[f].iter().map(|&(p, via)| (dsu.find(p), via)).collect();
        roots.sort_unstable_by_key(|&(r, via)| (r, via != Via::Surname));
        roots.dedup_by_key(|&mut (r, _)| r);
        for &m in &fm.mentions {
            let (span, label) = mentions[m];
            // A first name joins only the one person who has it, and never
            // after a title ("Mr Alan").
            let first: Vec<usize> = roots.iter().filter(|&&(_, v)| v == Via::FirstName).map(|&(r, _)| r).collect();
            let kept: Vec<(usize, Via)> = roots
                .iter()
                .copied()
                .filter(|&(_, v)| v != Via::FirstName || (first.len() == 1 && !forms.titled[m]))
                .collect();
            let person_root = |&(r, v): &(usize, Via)| v != Via::Other && fs[r].is_person();
            let any_person = kept.iter().any(person_root);
            let cands: Vec<usize> = kept
                .iter()
                .filter(|&c| !any_person || c.1 == Via::Other || person_root(c))
                .map(|&(r, _)| r)
                .collect();
            if cands.is_empty() {
                continue;
            }
            if label == Label::Place
                && is_locative(text, span)
                && cands.iter().all(|&r| fs[r].label == Some(Label::Person))
            {
                continue;
            }
            let at = span.start;
            // The person named most often so far, then most recently: a
            // relative introduced in passing ("her daughter Ann Berg") does
            // not take over the surname.
            let mut before: Vec<((usize, usize), usize)> = cands
                .iter()
                .copied()
                .filter_map(|r| {
                    let v = named_at.get(&r)?;
                    let n = v.partition_point(|&p| p < at);
                    let last = *v.get(n.checked_sub(1)?)?;
                    Some(((n, last), r))
                })
                .collect();
            before.sort_unstable_by(|a, b| b.cmp(a));
            if let [((n1, last1), r1), ((n2, last2), _), ..] = before[..] {
                // Two named as often, last in one sentence: either could be meant.
                if n1 == n2 && same_sentence(text, last2, last1) {
                    continue;
                }
                node_of[m] = r1;
            } else if let Some(&(_, r)) = before.first() {
                node_of[m] = r;
            } else if let Some((_, r)) = cands
                .iter()
                .copied()
                .filter_map(|r| {
                    let v = named_at.get(&r)?;
                    let p = *v.get(v.partition_point(|&p| p <= at))?;
                    Some((p, r))
                })
                .min()
            {
                node_of[m] = r;
            } else if let Some(&r) = cands.first() {
                node_of[m] = r;
            }
            let r = node_of[m];
            as_person[m] = kept.iter().any(|&(k, v)| k == r && v != Via::Other);
        }
    }
    (node_of, as_person)
}

/// No sentence ends between byte offsets `a` and `b` (`a` <= `b`).
fn same_sentence(text: &str, a: usize, b: usize) -> bool {
    let between = text.get(a..b).unwrap_or("");
    !between.contains('\n')
        && !between.char_indices().any(|(i, c)| {
            matches!(c, '.' | '!' | '?') && between[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
}

/// Phase 5: entities in order of first mention, each named by its fullest
/// form and labelled by the votes of all its mentions.
fn entities(
    text: &str,
    mentions: &[(Span, Label)],
    forms: &Forms,
    node_of: &[usize],
    as_person: &[bool],
    dsu: &mut Dsu,
) -> (Vec<Mention>, Vec<Entity>) {
    let fs = &forms.forms;
    let form_of = &forms.form_of;
    let mut entity_of_root: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut ent_index = Vec::with_capacity(mentions.len());
    for (m, &node) in node_of.iter().enumerate() {
        let r = dsu.find(node);
        let e = *entity_of_root.entry(r).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[e].push(m);
        ent_index.push(e);
    }

    let mut entities = Vec::with_capacity(members.len());
    for ms in &members {
        // Fullest form: most words, then most characters, then most
        // mentions, then earliest.
        let mut efs: Vec<usize> = ms.iter().map(|&m| form_of[m]).collect();
        efs.sort_unstable();
        efs.dedup();
        let count = |f: usize| ms.iter().filter(|&&m| form_of[m] == f).count();
        let best = efs
            .iter()
            .copied()
            .max_by_key(|&f| {
                let k = &fs[f].form.keys;
                let first = ms.iter().position(|&m| form_of[m] == f).unwrap_or(usize::MAX);
                (k.len(), k.iter().map(|w| w.chars().count()).sum::<usize>(), count(f), std::cmp::Reverse(first))
            })
            .unwrap_or(form_of[ms[0]]);
        let person_link = ms.iter().any(|&m| as_person[m]);
        let label = entity_label(ms, best, person_link, forms).unwrap_or(mentions[ms[0]].1);
        // Written as in a mention that is not all capitals, when there is one.
        let name = ms
            .iter()
            .filter(|&&m| form_of[m] == best)
            .map(|&m| normalise(mentions[m].0.text(text), mentions[m].1).words.join(" "))
            .find(|w| w.chars().any(|c| c.is_lowercase()))
            .unwrap_or_else(|| fs[best].form.words.join(" "));
        entities.push(Entity { label, name, mentions: ms.clone() });
    }

    let out = mentions
        .iter()
        .enumerate()
        .map(|(m, &(span, _))| Mention { span, label: entities[ent_index[m]].label, entity: ent_index[m] })
        .collect();
    (out, entities)
}

/// An entity's label: the vote of its fullest form and the majority of all
/// its mentions agree; or else, when a mention joined as a part of a
/// person's name and the fullest form is written like one, PERSON if either
/// says so ("Ritika Sood" tagged ORG twice and "Ritika" PERSON often; "Sood
/// Bala" tagged ORG often after "Ritika Sood Bala" PERSON); or else the
/// fullest form's vote ("TRC" MISC for "Tidal Rail Company" ORG).
fn entity_label(ms: &[usize], best: usize, person_link: bool, forms: &Forms) -> Option<Label> {
    let mut all: HashMap<Label, usize> = HashMap::new();
    let mut full: HashMap<Label, usize> = HashMap::new();
    for &m in ms {
        *all.entry(forms.vote[m]).or_insert(0) += 1;
        if forms.form_of[m] == best {
            *full.entry(forms.vote[m]).or_insert(0) += 1;
        }
    }
    let (full, all) = (top_label(&full), top_label(&all));
    let form = &forms.forms[best];
    let person_shaped = form.is_person() || name_shaped(&form.form);
    if full != all && person_link && person_shaped && (full == Some(Label::Person) || all == Some(Label::Person)) {
        return Some(Label::Person);
    }
    full.or(all)
}

/// Group sorted, non-overlapping `mentions` into entities.
pub fn group(text: &str, mentions: Vec<(Span, Label)>) -> (Vec<Mention>, Vec<Entity>) {
    let forms = Forms::new(text, &mentions);
    let links = Links::new(&forms.forms);
    let (mut dsu, form_as_person) = join_long_forms(&forms.forms, &links);
    let (node_of, mut as_person) = assign_short(text, &mentions, &forms, &links, &mut dsu);
    for (m, p) in as_person.iter_mut().enumerate() {
        *p |= form_as_person[forms.form_of[m]];
    }
    entities(text, &mentions, &forms, &node_of, &as_person, &mut dsu)
}

/// The word before `span` is a place preposition ("in", "at", "from").
fn is_locative(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).unwrap_or("");
    let word: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .flat_map(char::to_lowercase)
        .collect();
    locative_prepositions().contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions at each occurrence of the given strings, in order.
    fn mentions(text: &str, items: &[(&str, Label)]) -> Vec<(Span, Label)> {
        let mut out = Vec::new();
        let mut from = 0;
        for &(s, l) in items {
            let at = text[from..].find(s).map(|p| p + from).expect("test mention in text");
            out.push((Span::new(at, at + s.len()), l));
            from = at + s.len();
        }
        out
    }

    fn entity_names(text: &str, items: &[(&str, Label)]) -> (Vec<Mention>, Vec<Entity>) {
        group(text, mentions(text, items))
    }

    use Label::*;

    #[test]
    fn surname_joins_full_name_and_takes_its_label() {
        let t = "Maria Lopez spoke. Later Lopez left, and LOPEZ's aide agreed with Lopez.";
        let (ms, es) = entity_names(
            t,
            &[("Maria Lopez", Person), ("Lopez", Org), ("LOPEZ's", Person), ("Lopez", Place)],
        );
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].name, "Maria Lopez");
        assert_eq!(es[0].label, Person);
        assert!(ms.iter().all(|m| m.label == Person && m.entity == 0));
    }

    #[test]
    fn acronym_and_long_form() {
        let t = "The Council for Rural Water Supply met. The CRWS agreed. Later the Council for Rural Water Supply and CRWS split.";
        let (ms, es) = entity_names(
            t,
            &[
                ("Council for Rural Water Supply", Org),
                ("CRWS", Misc),
                ("Council for Rural Water Supply", Org),
                ("CRWS", Org),
            ],
        );
        assert_eq!(es.len(), 1, "{es:?}");
        assert_eq!(es[0].name, "Council for Rural Water Supply");
        assert_eq!(es[0].label, Org);
        assert!(ms.iter().all(|m| m.label == Org));
        // Initials including "of": "Bank of Northern Trade" -> "BONT" or "BNT".
        let t = "Bank of Northern Trade said BNT and BONT differ.";
        let (_, es) = entity_names(t, &[("Bank of Northern Trade", Org), ("BNT", Org), ("BONT", Org)]);
        assert_eq!(es.len(), 1, "{es:?}");
        // Acronym before its long form.
        let t = "XYZA said so. The Xeno Yield Zone Agency is small.";
        let (_, es) = entity_names(t, &[("XYZA", Org), ("Xeno Yield Zone Agency", Org)]);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].name, "Xeno Yield Zone Agency");
    }

    #[test]
    fn dotted_acronym_matches_place() {
        let t = "The United Kingdom and the U.K. and the UK.";
        let (_, es) = entity_names(t, &[("United Kingdom", Place), ("U.K.", Place), ("UK", Place)]);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].name, "United Kingdom");
    }

    #[test]
    fn same_surname_goes_to_most_recent_full_name() {
        let t = "Anna Berg spoke first. Berg left. Then Tom Berg spoke. Berg stayed.";
        let (ms, es) = entity_names(
            t,
            &[("Anna Berg", Person), ("Berg", Person), ("Tom Berg", Person), ("Berg", Person)],
        );
        assert_eq!(es.len(), 2);
        assert_eq!(ms[1].entity, ms[0].entity);
        assert_eq!(ms[3].entity, ms[2].entity);
        assert_ne!(ms[0].entity, ms[2].entity);
    }

    #[test]
    fn shared_surname_stays_with_the_main_person() {
        let t = "Anna Berg spoke. Anna Berg left. Her son Tom Berg came. Berg said no.";
        let (ms, _) = entity_names(
            t,
            &[("Anna Berg", Person), ("Anna Berg", Person), ("Tom Berg", Person), ("Berg", Person)],
        );
        assert_eq!(ms[3].entity, ms[0].entity);
    }

    #[test]
    fn short_form_before_full_name_and_middle_names() {
        let t = "Kerrigan Wins. Sarah Jane Kerrigan, known as Sarah Kerrigan, won.";
        let (_, es) = entity_names(
            t,
            &[("Kerrigan", Person), ("Sarah Jane Kerrigan", Person), ("Sarah Kerrigan", Person)],
        );
        assert_eq!(es.len(), 1, "{es:?}");
        assert_eq!(es[0].name, "Sarah Jane Kerrigan");
    }

    #[test]
    fn titles_case_and_possessives() {
        let t = "President Dana Reyes met. REYES said. Dana Reyes's plan. Mr. Reyes left. The Senate and the SENATE.";
        let (_, es) = entity_names(
            t,
            &[
                ("President Dana Reyes", Person),
                ("REYES", Person),
                ("Dana Reyes's", Person),
                ("Mr. Reyes", Person),
                ("Senate", Org),
                ("SENATE", Org),
            ],
        );
        assert_eq!(es.len(), 2, "{es:?}");
        assert_eq!(es[0].name, "Dana Reyes");
        assert_eq!(es[1].name, "Senate");
    }

    #[test]
    fn places_and_names_sharing_words_stay_apart() {
        let t = "The Norland Herald reported from Norland. Ken Ford went to Ford's plant in Ford.";
        let (_, es) = entity_names(
            t,
            &[
                ("Norland Herald", Org),
                ("Norland", Place),
                ("Ken Ford", Person),
                ("Ford's", Org),
                ("Ford", Place),
            ],
        );
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Norland Herald", "Norland", "Ken Ford", "Ford"], "{es:?}");
        assert_eq!(es[2].mentions.len(), 2);
    }

    #[test]
    fn acronym_is_not_a_surname() {
        let t = "Kim Soo Un spoke at the U.N. and the UN replied.";
        let (_, es) = entity_names(t, &[("Kim Soo Un", Person), ("U.N.", Org), ("UN", Org)]);
        assert_eq!(es.len(), 2, "{es:?}");
        assert_eq!(es[1].label, Org);
    }

    #[test]
    fn junior_is_another_person() {
        let t = "Sam Ray Jr. met Sam Ray. Later Sam Ray Jr. left.";
        let (ms, _) =
            entity_names(t, &[("Sam Ray Jr.", Person), ("Sam Ray", Person), ("Sam Ray Jr.", Person)]);
        assert_ne!(ms[0].entity, ms[1].entity);
        assert_eq!(ms[0].entity, ms[2].entity);
    }

    #[test]
    fn distinctive_word_of_an_organisation() {
        let t = "The Norland Post said so. The Post added that Hofstra University and Hofstra agreed, as did the White House and the House.";
        let (_, es) = entity_names(
            t,
            &[
                ("Norland Post", Org),
                ("Post", Org),
                ("Hofstra University", Org),
                ("Hofstra", Org),
                ("White House", Org),
                ("House", Org),
            ],
        );
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Norland Post", "Hofstra University", "White House", "House"], "{es:?}");
        let t = "The Senate Subcommittee met; the Senate voted.";
        let (_, es) = entity_names(t, &[("Senate Subcommittee", Org), ("Senate", Org)]);
        assert_eq!(es.len(), 2);
    }

    #[test]
    fn first_name_with_a_wrong_label() {
        let t = "Dana Reyes spoke. Dana’s critics and Dana Point.";
        let (_, es) = entity_names(t, &[("Dana Reyes", Person), ("Dana", Org), ("Dana Point", Place)]);
        assert_eq!(es.len(), 2, "{es:?}");
        assert_eq!(es[0].label, Person);
        let t = "Jordan Lee spoke. He flew to Jordan.";
        let (_, es) = entity_names(t, &[("Jordan Lee", Person), ("Jordan", Place)]);
        assert_eq!(es.len(), 2, "{es:?}");
    }

    #[test]
    fn dates_group_by_text_only() {
        let t = "today and Today, then Monday, and today.";
        let (ms, es) =
            entity_names(t, &[("today", Date), ("Today", Date), ("Monday", Date), ("today", Date)]);
        assert_eq!(es.len(), 2);
        assert_eq!(ms[0].entity, ms[1].entity);
        assert_eq!(ms[3].entity, ms[0].entity);
        assert!(es.iter().all(|e| e.label == Date));
    }

    #[test]
    fn company_suffix() {
        let t = "Brightwave Inc. said Brightwave would grow.";
        let (_, es) = entity_names(t, &[("Brightwave Inc.", Org), ("Brightwave", Org)]);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].name, "Brightwave Inc.");
    }

    #[test]
    fn empty_and_odd_input() {
        let (ms, es) = group("", Vec::new());
        assert!(ms.is_empty() && es.is_empty());
        let t = "’s . x";
        let (ms, es) =
            group(t, vec![(Span::new(0, 5), Person), (Span::new(6, 7), Org), (Span::new(100, 200), Misc)]);
        assert_eq!(ms.len(), 3);
        assert!(!es.is_empty());
    }
}
