//! The named character references of the WHATWG HTML spec: all 2,125 names (106 of them legacy
//! names that may appear without ';'), read from `entities.txt` beside this file, which
//! `tools/gen-html-entities.py` generates from the spec's entities.json.

use std::sync::OnceLock;

const TABLE: &str = include_str!("entities.txt");

/// One name: its characters (one or two code points) and whether it may appear without ';'.
pub(crate) struct Entity {
    pub name: &'static str,
    pub chars: [char; 2],
    pub len: u8,
    pub legacy: bool,
}

impl Entity {
    /// The characters the reference stands for.
    pub fn chars(&self) -> &[char] {
        &self.chars[..self.len as usize]
    }
}

/// The table, sorted by name (without ';').
pub(crate) fn entities() -> &'static [Entity] {
    static T: OnceLock<Vec<Entity>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut parts = l.split(' ');
                let shown = parts.next()?;
                let mut chars = ['\0'; 2];
                let mut len = 0u8;
                for hex in parts.take(2) {
                    chars[len as usize] = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)?;
                    len += 1;
                }
                let name = shown.strip_suffix(';').unwrap_or(shown);
                Some(Entity { name, chars, len, legacy: !shown.ends_with(';') })
            })
            .collect()
    })
}

/// The entity named exactly `name` (without ';').
pub(crate) fn lookup(name: &str) -> Option<&'static Entity> {
    let t = entities();
    t.binary_search_by(|e| e.name.cmp(name)).ok().map(|i| &t[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_spec_table_sorted() {
        let t = entities();
        assert_eq!(t.len(), 2125);
        assert_eq!(t.iter().filter(|e| e.legacy).count(), 106);
        assert!(t.windows(2).all(|w| w[0].name < w[1].name), "sorted for binary search");
        assert_eq!(lookup("lang").unwrap().chars(), ['\u{27E8}']);
        assert_eq!(lookup("rang").unwrap().chars(), ['\u{27E9}']);
        assert_eq!(lookup("frac13").unwrap().chars(), ['\u{2153}']);
        assert_eq!(lookup("NotEqualTilde").unwrap().chars(), ['\u{2242}', '\u{338}']);
        assert!(lookup("amp").unwrap().legacy && !lookup("frac13").unwrap().legacy);
        assert!(lookup("bogus").is_none());
    }
}
