//! The quote layer's vocabulary (speech cues, role nouns, speaker titles,
//! gender words), read once from data/lexicon/quotes.txt into lookup tables.

use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// "said", "told": has a subject of its own.
    Finite,
    /// "adding", "noting": inherits the main clause's subject.
    Participle,
    /// "reads", "sings": a cue only right after a quotation.
    Trailing,
    /// "according to": the speaker follows.
    Prep,
}

#[derive(Debug, Clone)]
pub struct CueForm {
    pub words: Vec<String>,
    pub kind: CueKind,
    /// The speaker may follow the verb ("said Varga").
    pub invertible: bool,
}

#[derive(Debug, Default)]
pub struct Vocabulary {
    pub cues: Vec<CueForm>,
    pub title_triggers: Vec<String>,
    /// Groups of synonymous role words ("spokesman", "press secretary").
    pub roles: Vec<Vec<Vec<String>>>,
    pub generic: HashSet<String>,
    pub titles: HashSet<String>,
    pub adjectives: HashSet<String>,
    pub male: HashSet<String>,
    pub female: HashSet<String>,
    pub org: HashSet<String>,
    /// Writings that speak for their author or publisher ("the report said").
    pub documents: HashSet<String>,
    /// First names by gender (data/lexicon/first-names.txt, learned).
    first_names: std::collections::HashMap<&'static str, char>,
    /// First word -> indices into `cues` of the forms starting with it, in
    /// `cues` order (built by `parse`; lookups scan only these).
    cue_index: WordIndex<usize>,
    /// First word -> (group, phrase) of the role phrases starting with it,
    /// in `roles` order.
    role_index: WordIndex<(usize, usize)>,
}

type WordIndex<T> = std::collections::HashMap<
    String,
    Vec<T>,
    std::hash::BuildHasherDefault<crate::hash::IdHasher>,
>;

fn lower<'a>(forms: &'a [&str]) -> impl Iterator<Item = String> + 'a {
    forms.iter().map(|f| f.to_lowercase())
}

fn words(item: &str) -> Vec<String> {
    item.split_whitespace().map(str::to_string).collect()
}

impl Vocabulary {
    fn build(src: &crate::lexicon::Lexicon) -> Vocabulary {
        let mut lex = Vocabulary::default();
        for (sec, entry) in src.all() {
            let kind = match sec {
                "verbs" => None,
                "trailing" => Some(CueKind::Trailing),
                "prep" => Some(CueKind::Prep),
                "work-title-cues" => {
                    lex.title_triggers.extend(lower(&entry.forms));
                    continue;
                }
                "roles" => {
                    lex.roles.push(lower(&entry.forms).map(|i| words(&i)).collect());
                    continue;
                }
                "generic" => {
                    lex.generic.extend(lower(&entry.forms));
                    continue;
                }
                "speaker-titles" => {
                    lex.titles.extend(lower(&entry.forms));
                    continue;
                }
                "adjectives" => {
                    lex.adjectives.extend(lower(&entry.forms));
                    continue;
                }
                "org" => {
                    lex.org.extend(lower(&entry.forms));
                    continue;
                }
                "documents" => {
                    lex.documents.extend(lower(&entry.forms));
                    continue;
                }
                "gender" => {
                    match entry.tag {
                        Some("m") => lex.male.extend(lower(&entry.forms)),
                        Some("f") => lex.female.extend(lower(&entry.forms)),
                        _ => {}
                    }
                    continue;
                }
                _ => continue,
            };
            // Tag `object`: the verb's object follows it ("told reporters").
            let invertible = entry.tag != Some("object");
            for item in lower(&entry.forms) {
                let w = words(&item);
                let kind = kind.unwrap_or(if w.first().is_some_and(|f| f.ends_with("ing")) {
                    CueKind::Participle
                } else {
                    CueKind::Finite
                });
                lex.cues.push(CueForm { words: w, kind, invertible });
            }
        }
        for (sec, g) in [("male", 'm'), ("female", 'f')] {
            for f in crate::lexicon::first_names().forms(sec) {
                lex.first_names.insert(f, g);
            }
        }
        // Longest forms first so "pointed out" wins over a shorter form.
        lex.cues.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        // Every form and phrase has a first word: `items` drops empty items.
        for (k, c) in lex.cues.iter().enumerate() {
            if let Some(w) = c.words.first() {
                lex.cue_index.entry(w.clone()).or_default().push(k);
            }
        }
        for (g, group) in lex.roles.iter().enumerate() {
            for (k, phrase) in group.iter().enumerate() {
                if let Some(w) = phrase.first() {
                    lex.role_index.entry(w.clone()).or_default().push((g, k));
                }
            }
        }
        lex
    }

    /// The cue starting at `lower[i]`, if any: (form, number of tokens).
    pub fn cue_at(&self, lower: &[&str], i: usize) -> Option<&CueForm> {
        // Only forms whose first word is `lower[i]` can match.
        let ids = self.cue_index.get(*lower.get(i)?)?;
        ids.iter()
            .filter_map(|&k| self.cues.get(k))
            .find(|c| c.words.iter().enumerate().all(|(k, w)| lower.get(i + k).is_some_and(|t| t == w)))
    }

    /// Role group and length of a role phrase starting at `lower[i]`.
    pub fn role_at(&self, lower: &[&str], i: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let ids = lower.get(i).and_then(|w| self.role_index.get(*w))?;
        for &(g, k) in ids {
            if let Some(phrase) = self.roles.get(g).and_then(|group| group.get(k)) {
                let ok = phrase.iter().enumerate().all(|(k, w)| lower.get(i + k).is_some_and(|t| t == w));
                if ok && best.is_none_or(|b| phrase.len() > b.1) {
                    best = Some((g, phrase.len()));
                }
            }
        }
        best
    }

    /// A word before a name that is not part of it ("Mayor Ilse Varga").
    pub fn is_speaker_title(&self, lower: &str) -> bool {
        self.titles.contains(lower)
    }
    pub fn is_adjective(&self, lower: &str) -> bool {
        self.adjectives.contains(lower)
    }
    pub fn is_generic(&self, lower: &str) -> bool {
        self.generic.contains(lower)
    }
    pub fn is_org_word(&self, lower: &str) -> bool {
        self.org.contains(lower)
    }
    /// A writing that can speak for its author or publisher ("report").
    pub fn is_document(&self, lower: &str) -> bool {
        self.documents.contains(lower)
    }
    /// 'm', 'f' or None for a first name (lower case), as learned.
    pub fn first_name_gender(&self, lower: &str) -> Option<char> {
        self.first_names.get(lower).copied()
    }
    /// 'm', 'f' or None for a title or role word.
    pub fn gender(&self, lower: &str) -> Option<char> {
        if self.male.contains(lower) {
            Some('m')
        } else if self.female.contains(lower) {
            Some('f')
        } else {
            None
        }
    }
}

/// data/lexicon/quotes.txt [pronouns].
pub fn pronouns() -> &'static [&'static str] {
    crate::lexicon::word_list!(quotes, "pronouns")
}
/// data/lexicon/quotes.txt [determiners].
pub fn determiners() -> &'static crate::lexicon::WordSet {
    crate::lexicon::word_hash_set!(quotes, "determiners")
}
/// Lower-case words that cannot end a speaker phrase.
/// (data/lexicon/quotes.txt [function-words])
pub fn function_words() -> &'static crate::lexicon::WordSet {
    crate::lexicon::word_hash_set!(quotes, "function-words")
}
/// Words between a subject and its verb ("Varga later said").
/// (data/lexicon/quotes.txt [subject-verb-gap])
pub fn subject_verb_gap() -> &'static crate::lexicon::WordSet {
    crate::lexicon::word_hash_set!(quotes, "subject-verb-gap")
}
/// Capitalised words that start a sentence but are not names.
/// (data/lexicon/quotes.txt [capitalised-non-names])
pub fn capitalised_non_names() -> &'static crate::lexicon::WordSet {
    crate::lexicon::word_hash_set!(quotes, "capitalised-non-names")
}
/// Words that make a fragment with no cue its sentence subject's words.
/// (data/lexicon/quotes.txt [judging])
pub fn judging() -> &'static crate::lexicon::WordSet {
    crate::lexicon::word_hash_set!(quotes, "judging")
}
/// Words right before a quoted name or term. (data/lexicon/quotes.txt [naming])
pub fn naming() -> &'static crate::lexicon::WordSet {
    crate::lexicon::word_hash_set!(quotes, "naming")
}
/// data/lexicon/names.txt [particles].
pub fn name_particles() -> &'static crate::lexicon::WordSet {
    crate::lexicon::word_hash_set!(names, "particles")
}

/// Day and month names (not "May", "June", "April", "August": also names).
pub fn is_calendar(w: &str) -> bool {
    /// data/lexicon/quotes.txt [calendar-words].
    fn calendar_words() -> &'static [&'static str] {
        crate::lexicon::word_list!(quotes, "calendar-words")
    }
    calendar_words().contains(&w.trim_end_matches('.'))
}

pub fn is_pronoun(w: &str) -> bool {
    pronouns().contains(&w)
}

pub fn get() -> &'static Vocabulary {
    static LEX: OnceLock<Vocabulary> = OnceLock::new();
    LEX.get_or_init(|| Vocabulary::build(crate::lexicon::quotes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses_kinds_and_roles() {
        let lex = get();
        let toks = ["pointed", "out", "that"];
        let c = lex.cue_at(&toks, 0).map(|c| (c.words.len(), c.kind));
        assert_eq!(c, Some((2, CueKind::Finite)));
        assert_eq!(lex.cue_at(&["adding"], 0).map(|c| c.kind), Some(CueKind::Participle));
        assert_eq!(lex.cue_at(&["told"], 0).map(|c| c.invertible), Some(false));
        assert_eq!(lex.cue_at(&["according", "to"], 0).map(|c| c.kind), Some(CueKind::Prep));
        let sp = lex.role_at(&["spokesman"], 0).map(|r| r.0);
        assert!(sp.is_some());
        assert_eq!(lex.role_at(&["press", "secretary", "x"], 0), sp.map(|g| (g, 2)));
        assert!(lex.is_speaker_title("gen."));
        assert_eq!(lex.gender("mrs."), Some('f'));
        assert_eq!(lex.first_name_gender("hillary"), Some('f'));
        assert_eq!(lex.first_name_gender("donald"), Some('m'));
        assert_eq!(lex.first_name_gender("treasury"), None);
        assert!(lex.title_triggers.iter().any(|t| t == "film"));
    }
}
