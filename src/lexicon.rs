//! Every word list the layers use, in one data-file format, parsed by one
//! parser. The files live in data/lexicon/ and are embedded at build time:
//!
//! | file | what |
//! |---|---|
//! | names.txt | titles, name particles, organisation heads, name edges and suffixes (entities) |
//! | quotes.txt | speech cues, role nouns, speaker titles, pronouns and other quote-layer words |
//! | dates.txt | month, weekday and other word classes of the date rules |
//! | boilerplate.txt | boilerplate phrases by kind, stop words, month names (boilerplate features) |
//! | segment.txt | abbreviations that keep their period (sentence splitting) |
//! | html.txt | class/id word groups and stop words of the HTML path (src/html/) |
//! | first-names.txt | first names by gender, learned from PolNeAR train by tools/learn-genders.py (quote speakers) |
//!
//! The format, the same for every file:
//!
//! ```text
//! # a comment line; blank lines are ignored
//! [section]              starts a list (a section may appear again later; its blocks add up)
//! form, form, form       one entry: its forms, comma-separated; a form may contain spaces
//! tag: form, form        an entry with a tag, whose meaning the section's reader gives
//! ```
//!
//! A tag is one word of `[a-z0-9_-]` right before `": "`. Forms keep the case
//! they are written in. To add a word, add it to the right section; to add a
//! list, add a section and read it with [`Lexicon::forms`] or [`word_list!`].

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// One entry: its forms (synonyms, inflections or variants) and its tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Text before `": "` at the start of the line, if any.
    pub tag: Option<&'static str>,
    /// The comma-separated forms, trimmed, never empty.
    pub forms: Vec<&'static str>,
}

/// A parsed lexicon file: its sections' entries, in file order.
#[derive(Debug, Default)]
pub struct Lexicon {
    blocks: Vec<(&'static str, Vec<Entry>)>,
}

/// A line the parser cannot read (1-based line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LexiconError {
    /// An entry before the first `[section]` header.
    OutsideSection(usize),
    /// A header or entry with nothing in it (`[]`, `tag:` alone, `, ,`).
    Empty(usize),
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LexiconError::OutsideSection(n) => write!(f, "line {n}: entry before any [section]"),
            LexiconError::Empty(n) => write!(f, "line {n}: empty header or entry"),
        }
    }
}

impl std::error::Error for LexiconError {}

fn split_tag(line: &str) -> (Option<&str>, &str) {
    if let Some((tag, rest)) = line.split_once(": ") {
        if !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        {
            return (Some(tag), rest);
        }
    }
    (None, line)
}

impl Lexicon {
    /// Parse a lexicon file. `src` is `'static` (an embedded file), so the
    /// forms are slices of it.
    pub fn parse(src: &'static str) -> Result<Lexicon, LexiconError> {
        let mut blocks: Vec<(&'static str, Vec<Entry>)> = Vec::new();
        for (n, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                let name = name.trim();
                if name.is_empty() {
                    return Err(LexiconError::Empty(n + 1));
                }
                blocks.push((name, Vec::new()));
                continue;
            }
            let Some((_, entries)) = blocks.last_mut() else { return Err(LexiconError::OutsideSection(n + 1)) };
            let (tag, body) = split_tag(line);
            let forms: Vec<&'static str> = body.split(',').map(str::trim).filter(|f| !f.is_empty()).collect();
            if forms.is_empty() {
                return Err(LexiconError::Empty(n + 1));
            }
            entries.push(Entry { tag, forms });
        }
        Ok(Lexicon { blocks })
    }

    /// Parse an embedded file that the tests have checked; an unreadable one
    /// gives an empty lexicon rather than a panic.
    fn embedded(src: &'static str) -> Lexicon {
        Lexicon::parse(src).unwrap_or_default()
    }

    /// Whether the file has a section of that name.
    pub fn has(&self, section: &str) -> bool {
        self.blocks.iter().any(|(n, _)| *n == section)
    }

    /// The entries of a section (all its blocks, in file order).
    pub fn entries<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        debug_assert!(self.has(section), "no lexicon section [{section}]");
        self.blocks.iter().filter(move |(n, _)| *n == section).flat_map(|(_, e)| e)
    }

    /// Every entry with the name of its section, in file order.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &Entry)> + '_ {
        self.blocks.iter().flat_map(|(n, es)| es.iter().map(move |e| (*n, e)))
    }

    /// Every form of every entry of a section, in file order.
    pub fn forms<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        self.entries(section).flat_map(|e| e.forms.iter().copied())
    }
}

macro_rules! embedded_files {
    ($($(#[$doc:meta])* $name:ident => $path:literal;)*) => {$(
        $(#[$doc])*
        pub fn $name() -> &'static Lexicon {
            static LEX: OnceLock<Lexicon> = OnceLock::new();
            LEX.get_or_init(|| Lexicon::embedded(include_str!($path)))
        }
    )*
        #[cfg(test)]
        const FILES: &[(&str, &str)] = &[$((stringify!($name), include_str!($path))),*];
    };
}

embedded_files! {
    /// data/lexicon/names.txt
    names => "../data/lexicon/names.txt";
    /// data/lexicon/quotes.txt
    quotes => "../data/lexicon/quotes.txt";
    /// data/lexicon/dates.txt
    dates => "../data/lexicon/dates.txt";
    /// data/lexicon/boilerplate.txt
    boilerplate => "../data/lexicon/boilerplate.txt";
    /// data/lexicon/segment.txt
    segment => "../data/lexicon/segment.txt";
    /// data/lexicon/html.txt
    html => "../data/lexicon/html.txt";
    /// data/lexicon/first-names.txt
    first_names => "../data/lexicon/first-names.txt";
    /// data/lexicon/parts.txt
    parts => "../data/lexicon/parts.txt";
}

/// The forms of one section as a `&'static [&'static str]`, collected once:
/// `word_list!(names, "particles")`.
macro_rules! word_list {
    ($file:ident, $section:literal) => {{
        static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        LIST.get_or_init(|| crate::lexicon::$file().forms($section).collect()).as_slice()
    }};
}
pub(crate) use word_list;

/// A section's forms as a hashed set with the slice's `contains(&w)` call
/// (for lists looked up once per token).
#[derive(Debug, Default)]
pub struct WordSet(HashSet<&'static str>);

impl WordSet {
    /// Whether `w` is one of the forms.
    pub fn contains(&self, w: &&str) -> bool {
        self.0.contains(*w)
    }
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> Self {
        WordSet(iter.into_iter().collect())
    }
}

/// The forms of one section as a `&'static WordSet`, collected once:
/// `word_hash_set!(quotes, "determiners")`.
macro_rules! word_hash_set {
    ($file:ident, $section:literal) => {{
        static SET: std::sync::OnceLock<crate::lexicon::WordSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| crate::lexicon::$file().forms($section).collect())
    }};
}
pub(crate) use word_hash_set;

/// Titles and honorifics written before a person's name and not part of it
/// ("president", "gen", "mr"; lower case, without a period), each mapped to
/// whether it also splits a name span in the middle (tag `inner`: "Defense
/// Secretary Ash Carter" -> the person after it). data/lexicon/names.txt [titles].
pub fn titles() -> &'static HashMap<&'static str, bool> {
    static MAP: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    MAP.get_or_init(|| {
        names().entries("titles").flat_map(|e| e.forms.iter().map(move |&f| (f, e.tag == Some("inner")))).collect()
    })
}

/// A title or honorific before a person's name ([`titles`]).
pub fn is_title(lower: &str) -> bool {
    titles().contains_key(lower)
}

/// The words of a section as a set, for long lists looked up often.
pub fn word_set(lex: &'static Lexicon, section: &'static str) -> HashSet<&'static str> {
    lex.forms(section).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_answer_like_the_lists() {
        let set = word_hash_set!(quotes, "determiners");
        let list = word_list!(quotes, "determiners");
        assert!(!list.is_empty());
        assert!(list.iter().all(|w| set.contains(w)));
        assert!(!set.contains(&"spokesman"));
    }

    #[test]
    fn every_embedded_file_parses() {
        for (name, src) in FILES {
            let lex = Lexicon::parse(src).unwrap_or_else(|e| panic!("data/lexicon/{name}.txt: {e}"));
            assert!(lex.all().count() > 0, "{name} is empty");
        }
    }

    #[test]
    fn the_format() {
        let lex = Lexicon::parse("# c\n[a]\nx, y z\ninner: w\n[b]\nq\n[a]\nv\n").unwrap();
        let a: Vec<&Entry> = lex.entries("a").collect();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].forms, vec!["x", "y z"]);
        assert_eq!(a[1].tag, Some("inner"));
        assert_eq!(a[1].forms, vec!["w"]);
        assert_eq!(lex.forms("a").collect::<Vec<_>>(), vec!["x", "y z", "w", "v"]);
        // "photo:" is a form, not a tag: no space after the colon.
        let p = Lexicon::parse("[c]\nstart: photo:\nsource: getty\n").unwrap();
        let e: Vec<&Entry> = p.entries("c").collect();
        assert_eq!((e[0].tag, e[0].forms.clone()), (Some("start"), vec!["photo:"]));
        assert_eq!(Lexicon::parse("x\n[a]").unwrap_err(), LexiconError::OutsideSection(1));
        assert_eq!(Lexicon::parse("[a]\n , ,\n").unwrap_err(), LexiconError::Empty(2));
        assert_eq!(Lexicon::parse("[]\n").unwrap_err(), LexiconError::Empty(1));
    }

    #[test]
    fn shared_word_classes() {
        assert!(is_title("mr") && is_title("president") && !is_title("smith"));
        assert_eq!((titles().get("president"), titles().get("mr")), (Some(&true), Some(&false)));
        let particles = word_list!(names, "particles");
        assert!(particles.contains(&"al") && particles.contains(&"van") && !particles.contains(&"the"));
    }
}
