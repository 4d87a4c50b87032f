//! Grouping mentions into entities, within one document.
//!
//! Mentions are compared by their normalised form: case folded (headline
//! capitals), possessive, leading "the" and (for people) leading titles
//! dropped, periods ignored ("U.S." = "US"). A shorter form joins a longer
//! one when it is:
//! - a person's surname or first name ("Cook" -> "Peter Cook"), or the full
//!   name without middle names ("Hillary Clinton" -> "Hillary Rodham Clinton");
//! - an acronym of it ("GNA" -> "Government of National Accord", with or
//!   without "of/the/and");
//! - the name without a company suffix ("Acme" -> "Acme Corp.").
//!
//! When a short form fits several entities (two people with one surname),
//! each of its mentions goes to the one named in full most often before it,
//! then most recently (or, with none before, the first one after). A surname written after "in/at/from"
//! and tagged PLACE stays a place.
//!
//! Each entity gets one label, voted by the mentions of its fullest form
//! (then all its mentions), and every mention takes that label. DATE
//! mentions group only with the same normalised text.

use crate::annotation::{Entity, Label, Mention, Span};
use std::collections::HashMap;

/// Words that do not give an acronym letter: "Government of National Accord".
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

/// A mention's normalised form.
struct Form {
    /// Words as written (after dropping possessive, "the", titles).
    words: Vec<String>,
    /// Lower-case words without periods, for comparison.
    keys: Vec<String>,
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
    while words.len() > 1 {
        let w = words[0].to_lowercase();
        let w = w.trim_end_matches('.');
        let starts_upper = words[1].chars().next().is_some_and(|c| c.is_uppercase());
        if (w == "the" || (label == Label::Person && crate::lexicon::is_title(w))) && starts_upper {
            words.remove(0);
        } else {
            break;
        }
    }
    let keys = words
        .iter()
        .map(|w| w.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).collect::<String>())
        .filter(|k: &String| !k.is_empty())
        .collect();
    Form { words, keys }
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

/// `short` names the same person as the longer `long`.
fn person_part(short: &[String], long: &[String], short_is_person: bool) -> bool {
    if short.is_empty() || short.len() >= long.len() {
        return false;
    }
    if short.len() == 1 {
        let s = strip_al(&short[0]);
        if surname(long).is_some_and(|l| strip_al(l) == s) {
            return true;
        }
        // A first name only links when not tagged as a place.
        return short_is_person && long[0] == short[0];
    }
    // "Fayez al-Sarraj" in "Fayez Mustafa al-Sarraj"; "Van Voorhis" in
    // "Mark Van Voorhis".
    let tail = long.ends_with(short);
    // "Jane Doe" is not "Jane Doe Jr."
    let suffix_ok = long.iter().filter(|k| name_suffixes().contains(&k.as_str())).all(|k| short.contains(k));
    let framed = suffix_ok
        && short.first() == long.first()
        && surname(short) == surname(long)
        && subsequence(short, long);
    tail || framed
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

struct FormInfo {
    form: Form,
    /// Mention indices (into the input) with this key.
    mentions: Vec<usize>,
    votes: HashMap<Label, usize>,
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

/// Group sorted, non-overlapping `mentions` into entities.
pub fn group(text: &str, mentions: Vec<(Span, Label)>) -> (Vec<Mention>, Vec<Entity>) {
    // Forms: one per (is-date, key).
    let mut forms: Vec<FormInfo> = Vec::new();
    let mut by_key: HashMap<(bool, String), usize> = HashMap::new();
    let mut form_of: Vec<usize> = Vec::with_capacity(mentions.len());
    for (i, &(span, label)) in mentions.iter().enumerate() {
        let form = normalise(span.text(text), label);
        let date = label == Label::Date;
        let key = (date, form.key());
        let f = *by_key.entry(key).or_insert_with(|| {
            forms.push(FormInfo { form, mentions: Vec::new(), votes: HashMap::new() });
            forms.len() - 1
        });
        forms[f].mentions.push(i);
        *forms[f].votes.entry(label).or_insert(0) += 1;
        form_of.push(f);
    }
    let is_date = |f: &FormInfo| f.votes.contains_key(&Label::Date) && f.votes.len() == 1;
    let label_of: Vec<Option<Label>> = forms.iter().map(|f| top_label(&f.votes)).collect();

    // Which longer forms each form could be a short way of writing, found
    // through indexes of the multi-word forms (linear in the forms).
    let n = forms.len();
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_acronym: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_base: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_org_end: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_org_start: HashMap<String, Vec<usize>> = HashMap::new();
    for (l, f) in forms.iter().enumerate() {
        let keys = &f.form.keys;
        if is_date(f) || keys.len() < 2 {
            continue;
        }
        if label_of[l] == Some(Label::Person) {
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
        if label_of[l] == Some(Label::Org) {
            by_org_end.entry(keys[keys.len() - 1].clone()).or_default().push(l);
            // Only "X University", "X Coal": in "Senate Subcommittee" or
            // "Ohio Democratic Party" the first word is another entity.
            if keys.len() == 2 && !subunit_words().contains(&keys[1].as_str()) {
                by_org_start.entry(keys[0].clone()).or_default().push(l);
            }
        }
    }
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for s in 0..n {
        if is_date(&forms[s]) || forms[s].form.keys.is_empty() {
            continue;
        }
        let short = &forms[s].form;
        let short_acr = (short.words.len() == 1).then(|| acronym_letters(&short.words[0])).flatten();
        // "U.N." or "UN" is not the surname in "Kim Jong Un".
        let looks_acronym = short.words.len() == 1
            && (short.words[0].contains('.') || (short_acr.is_some() && short.words[0].chars().count() <= 4));
        // A first name links unless tagged as a place ("Jordan").
        let short_person = label_of[s].is_some_and(|l| l != Label::Place);
        let mut cands: Vec<usize> = Vec::new();
        if !looks_acronym {
            if let Some(sur) = surname(&short.keys) {
                cands.extend(by_surname.get(strip_al(sur)).into_iter().flatten());
            }
            if short.keys.len() == 1 && short_person {
                cands.extend(by_first.get(&short.keys[0]).into_iter().flatten());
            }
            cands.retain(|&l| person_part(&short.keys, &forms[l].form.keys, short_person));
        }
        if let Some(a) = &short_acr {
            cands.extend(by_acronym.get(a).into_iter().flatten());
        }
        cands.extend(by_base.get(&short.key()).into_iter().flatten());
        // "the Post" for "New York Post", "Hofstra" for "Hofstra University":
        // an organisation's distinctive word, when only one organisation
        // has it.
        if short.keys.len() == 1 && label_of[s] == Some(Label::Org) && short_acr.is_none() {
            let k = &short.keys[0];
            if !super::is_org_head(k) && !generic_org_words().contains(&k.as_str()) {
                let ends = by_org_end.get(k).map_or(&[][..], Vec::as_slice);
                let starts = by_org_start.get(k).map_or(&[][..], Vec::as_slice);
                let found: Vec<usize> = ends.iter().chain(starts).copied().collect();
                if found.len() == 1 {
                    cands.extend(found);
                }
            }
        }
        cands.retain(|&l| l != s && forms[l].form.keys.len() > short.keys.len());
        cands.sort_unstable();
        cands.dedup();
        parents[s] = cands;
    }
    let first_at: Vec<usize> =
        forms.iter().map(|f| f.mentions.first().map_or(usize::MAX, |&m| mentions[m].0.start)).collect();

    // Multi-word forms first, longest first: join when the parent is unique
    // (up to forms already joined).
    let mut dsu = Dsu((0..n).collect());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&f| (std::cmp::Reverse(forms[f].form.keys.len()), f));
    for &f in &order {
        if forms[f].form.keys.len() < 2 || parents[f].is_empty() {
            continue;
        }
        // Ambiguous: the parent named first.
        let pick = parents[f].iter().copied().min_by_key(|&p| first_at[p]).unwrap_or(f);
        dsu.union(pick, f);
    }

    // Where each multi-word entity is named, for recency.
    let mut named_at: HashMap<usize, Vec<usize>> = HashMap::new();
    for (f, fm) in forms.iter().enumerate().take(n) {
        if fm.form.keys.len() >= 2 {
            let r = dsu.find(f);
            named_at.entry(r).or_default().extend(fm.mentions.iter().map(|&m| mentions[m].0.start));
        }
    }
    for v in named_at.values_mut() {
        v.sort_unstable();
    }

    // Single-word forms: each mention to the most recently named parent.
    let mut node_of: Vec<usize> = form_of.clone();
    for f in 0..n {
        if forms[f].form.keys.len() != 1 || parents[f].is_empty() {
            continue;
        }
        let mut roots: Vec<usize> = parents[f].iter().map(|&p| dsu.find(p)).collect();
        roots.sort_unstable();
        roots.dedup();
        for &m in &forms[f].mentions {
            let (span, label) = mentions[m];
            if label == Label::Place
                && is_locative(text, span)
                && roots.iter().all(|&r| label_of[r] == Some(Label::Person))
            {
                continue;
            }
            let at = span.start;
            // The person named most often so far, then most recently: a
            // relative introduced in passing ("her daughter Ann Berg") does
            // not take over the surname.
            let before = roots
                .iter()
                .copied()
                .filter_map(|r| {
                    let v = named_at.get(&r)?;
                    let n = v.partition_point(|&p| p < at);
                    let last = *v.get(n.checked_sub(1)?)?;
                    Some(((n, last), r))
                })
                .max();
            let after = roots
                .iter()
                .copied()
                .filter_map(|r| {
                    let v = named_at.get(&r)?;
                    let p = *v.get(v.partition_point(|&p| p <= at))?;
                    Some((p, r))
                })
                .min();
            if let Some(r) = before.map(|(_, r)| r).or(after.map(|(_, r)| r)) {
                node_of[m] = r;
            } else if let Some(&r) = roots.first() {
                node_of[m] = r;
            }
        }
    }

    // Entities in order of first mention.
    let mut entity_of_root: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut ent_index = Vec::with_capacity(mentions.len());
    for (m, &node) in node_of.iter().enumerate().take(mentions.len()) {
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
        let mut fs: Vec<usize> = ms.iter().map(|&m| form_of[m]).collect();
        fs.sort_unstable();
        fs.dedup();
        let count = |f: usize| ms.iter().filter(|&&m| form_of[m] == f).count();
        let best = fs
            .iter()
            .copied()
            .max_by_key(|&f| {
                let k = &forms[f].form.keys;
                let first = ms.iter().position(|&m| form_of[m] == f).unwrap_or(usize::MAX);
                (
                    k.len(),
                    k.iter().map(|w| w.chars().count()).sum::<usize>(),
                    count(f),
                    std::cmp::Reverse(first),
                )
            })
            .unwrap_or(form_of[ms[0]]);
        let mut votes: HashMap<Label, usize> = HashMap::new();
        for &m in ms.iter().filter(|&&m| form_of[m] == best) {
            *votes.entry(mentions[m].1).or_insert(0) += 1;
        }
        let mut all: HashMap<Label, usize> = HashMap::new();
        for &m in ms {
            *all.entry(mentions[m].1).or_insert(0) += 1;
        }
        let label = top_label(&votes).or_else(|| top_label(&all)).unwrap_or(mentions[ms[0]].1);
        // Written as in a mention that is not all capitals, when there is one.
        let name = ms
            .iter()
            .filter(|&&m| form_of[m] == best)
            .map(|&m| normalise(mentions[m].0.text(text), mentions[m].1).words.join(" "))
            .find(|w| w.chars().any(|c| c.is_lowercase()))
            .unwrap_or_else(|| forms[best].form.words.join(" "));
        entities.push(Entity { label, name, mentions: ms.clone() });
    }

    let out = mentions
        .iter()
        .enumerate()
        .map(|(m, &(span, _))| Mention { span, label: entities[ent_index[m]].label, entity: ent_index[m] })
        .collect();
    (out, entities)
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
