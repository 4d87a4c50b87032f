//! DATE expressions by rule, matched by hand over the segmenter's tokens.
//!
//! Covered: calendar dates in the usual written forms ("Jan. 5", "5 January
//! 2016", "January 5, 2016", "2016-01-05", "1/5/2016"), weekdays, months,
//! relative expressions ("today", "last week", "earlier this month", "two
//! years ago", "the past few days"), years in context ("in 2016", "since
//! 1993"), decades ("the 1990s"), centuries and seasons with a year or a
//! shift word ("spring 2016", "last summer"). Times of day are left out.
//!
//! Spans exclude a leading determiner ("the 1990s" gives "1990s"), as entity
//! spans do, and a trailing possessive.
//!
//! The word lists live in `data/lexicon/dates.txt`; dates written in digits are
//! matched by one regular expression over the token.

use crate::annotation::Span;
use crate::segment::{Segments, TokenKind};
use regex::Regex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Hash maps keyed by lexicon words: the byte-wise FNV hasher of the
/// tagger's features instead of SipHash (no untrusted keys here, and these
/// lookups run several times per token).
type WordMap<V> = HashMap<&'static str, V, std::hash::BuildHasherDefault<crate::hash::IdHasher>>;

/// Word categories (sections) of data/lexicon/dates.txt used by the rules (a word's mask has
/// bit `cat as usize` set for each it is in; other categories are ignored).
#[derive(Clone, Copy)]
enum Cat {
    AmbiguousMonth,
    Weekday,
    WeekdayAbbr,
    Relative,
    Unit,
    Season,
    Shift,
    Edge,
    YearStrong,
    YearWeak,
    OfHead,
    Connective,
    Quantity,
    AfterUnit,
    CountNoun,
    Ordinal,
    WeekdayNamePrefix,
    PeriodHead,
    PartHead,
    YearVerb,
}

const CAT_NAMES: [&str; 20] = [
    "ambiguous_month",
    "weekday",
    "weekday_abbr",
    "relative",
    "unit",
    "season",
    "shift",
    "edge",
    "year_strong",
    "year_weak",
    "of_head",
    "connective",
    "quantity",
    "after_unit",
    "count_noun",
    "ordinal",
    "weekday_name_prefix",
    "period_head",
    "part_head",
    "year_verb",
];

struct Lexicon {
    /// Word -> mask of the categories it is in.
    words: WordMap<u64>,
    /// Month word (full or abbreviated) -> (month number, is the full name).
    months: WordMap<(u8, bool)>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut words: WordMap<u64> = WordMap::default();
        let mut months = WordMap::default();
        let lex = crate::lexicon::dates();
        for (cat, entry) in lex.all() {
            if cat == "months" {
                let Some(n) = entry.tag.and_then(|t| t.parse::<u8>().ok()) else { continue };
                for (k, &w) in entry.forms.iter().enumerate() {
                    months.insert(w, (n, k == 0));
                }
                continue;
            }
            let Some(k) = CAT_NAMES.iter().position(|c| *c == cat) else { continue };
            for &w in &entry.forms {
                *words.entry(w).or_insert(0) |= 1 << k;
            }
        }
        Lexicon { words, months }
    })
}

fn is(cat: Cat, word: &str) -> bool {
    // Most words are in no category: look the word up first.
    let Some(&mask) = lexicon().words.get(word) else { return false };
    mask & cat_bit(cat) != 0
}

#[inline]
fn cat_bit(cat: Cat) -> u64 {
    1 << cat as usize
}

struct Tok<'a> {
    text: &'a str,
    low: Cow<'a, str>,
    /// Categories of `low` (bits of [`cat_bit`]).
    mask: u64,
    span: Span,
    kind: TokenKind,
    line: usize,
}

struct Matcher<'a> {
    toks: Vec<Tok<'a>>,
}

/// A date written in digits as one token, day or month first with a 4-digit
/// year (2 digits with slashes), or year first: "1/5/2016", "5.1.2016",
/// "05-01-2016", "2016/01/05", "2016-01-05". Both separators are the same.
fn numeric_date(token: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(?:[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})",
            r"|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}",
            r"|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})$",
        ))
        .ok()
    })
    .as_ref()
    .is_some_and(|re| re.is_match(token))
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// "January", "JANUARY" (not "jANUARY").
fn name_case(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            let rest: Vec<char> = cs.filter(|c| c.is_alphabetic()).collect();
            rest.iter().all(|c| c.is_lowercase()) || rest.iter().all(|c| c.is_uppercase())
        }
        _ => false,
    }
}

/// "5th" -> 5; "21st" -> 21.
fn ordinal_number(s: &str) -> Option<u32> {
    // The suffix compared case-insensitively, without lower-casing a copy
    // (the digits before it have no case).
    let b = s.as_bytes();
    if b.len() < 2 {
        return None;
    }
    let suf = [b[b.len() - 2].to_ascii_lowercase(), b[b.len() - 1].to_ascii_lowercase()];
    if !matches!(&suf, b"st" | b"nd" | b"rd" | b"th") {
        return None;
    }
    let n = s.get(..s.len() - 2)?;
    if digits(n) && n.len() <= 3 {
        n.parse().ok()
    } else {
        None
    }
}

/// "1990s" or (with `short`) "90s".
fn decade_word(s: &str, short: bool) -> bool {
    let Some(d) = s.strip_suffix('s') else { return false };
    if !digits(d) || !d.ends_with('0') {
        return false;
    }
    match d.len() {
        4 => d.parse::<u32>().is_ok_and(|y| (1000..=2090).contains(&y)),
        2 => short,
        _ => false,
    }
}

impl<'a> Matcher<'a> {
    fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text)
    }
    /// `is(cat, self.low(i))`, from the token's precomputed mask.
    fn low_is(&self, cat: Cat, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.mask & cat_bit(cat) != 0)
    }
    fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &*t.low)
    }
    /// Token `i` exists and is on the same line as token `base`.
    fn on_line(&self, i: usize, base: usize) -> bool {
        match (self.toks.get(i), self.toks.get(base)) {
            (Some(a), Some(b)) => a.line == b.line,
            _ => false,
        }
    }
    /// Token `i` starts right where token `i - 1` ends.
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i - 1].span.end == self.toks[i].span.start
    }
    fn prev_low(&self, i: usize) -> &str {
        if i > 0 && self.on_line(i - 1, i) {
            self.low(i - 1)
        } else {
            ""
        }
    }
    fn next_low(&self, i: usize) -> &str {
        if self.on_line(i + 1, i) {
            self.low(i + 1)
        } else {
            ""
        }
    }
    fn is_number(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Number)
    }

    /// Month name at `i`: (number, full name, ambiguous word).
    fn month(&self, i: usize) -> Option<(u8, bool, bool)> {
        let t = self.text(i);
        if !name_case(t) {
            return None;
        }
        let low = self.low(i);
        let key = low.strip_suffix('.').unwrap_or(low);
        let &(n, full) = lexicon().months.get(key)?;
        // An abbreviation is written "Jan." or "Jan", never "January.".
        if full && low.ends_with('.') {
            return None;
        }
        Some((n, full, is(Cat::AmbiguousMonth, key)))
    }

    fn weekday(&self, i: usize) -> bool {
        let t = self.text(i);
        if !name_case(t) {
            return false;
        }
        let low = self.low(i);
        is(Cat::Weekday, low) || low.strip_suffix('s').is_some_and(|w| is(Cat::Weekday, w))
    }

    fn weekday_abbr(&self, i: usize) -> bool {
        let low = self.low(i);
        name_case(self.text(i)) && low.strip_suffix('.').is_some_and(|w| is(Cat::WeekdayAbbr, w))
    }

    fn day(&self, i: usize) -> bool {
        let t = self.text(i);
        let n = if self.is_number(i) && digits(t) && t.len() <= 2 {
            t.parse::<u32>().ok()
        } else {
            ordinal_number(t)
        };
        n.is_some_and(|d| (1..=31).contains(&d))
    }

    /// "3-5" as one token: a range of days.
    fn day_range(&self, i: usize) -> bool {
        let t = self.text(i);
        let Some((a, b)) = t.split_once('-') else { return false };
        let ok = |x: &str| digits(x) && x.len() <= 2 && x.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
        self.is_number(i) && ok(a) && ok(b)
    }

    /// "2015-16" or "2015-2016" as one token: the first year.
    fn year_range(&self, i: usize) -> Option<u32> {
        let t = self.text(i);
        let (a, b) = t.split_once('-')?;
        if self.is_number(i) && a.len() == 4 && digits(a) && digits(b) && (b.len() == 2 || b.len() == 4) {
            a.parse().ok()
        } else {
            None
        }
    }

    fn year(&self, i: usize) -> Option<u32> {
        let t = self.text(i);
        if self.is_number(i) && t.len() == 4 && digits(t) {
            t.parse().ok()
        } else {
            None
        }
    }

    fn year_in(&self, i: usize, lo: u32) -> bool {
        self.year(i).is_some_and(|y| (lo..=2099).contains(&y))
    }

    /// Calendar unit at `i`: Some(true) plural, Some(false) singular.
    fn unit(&self, i: usize) -> Option<bool> {
        let low = self.low(i);
        if self.low_is(Cat::Unit, i) {
            Some(false)
        } else if low == "centuries" || low.strip_suffix('s').is_some_and(|w| is(Cat::Unit, w)) {
            Some(true)
        } else {
            None
        }
    }

    fn season(&self, i: usize) -> bool {
        self.low_is(Cat::Season, i)
    }

    /// A quantity phrase at `i` ("two", "a few", "a couple of", "10"):
    /// the index after it, and whether it is singular ("a", "one").
    fn quantity(&self, i: usize) -> Option<(usize, bool)> {
        let low = self.low(i);
        if low == "a" || low == "an" {
            match self.next_low(i) {
                "few" | "dozen" => return Some((i + 2, false)),
                "couple" if self.low(i + 2) == "of" && self.on_line(i + 2, i) => return Some((i + 3, false)),
                _ => return Some((i + 1, true)),
            }
        }
        if low == "couple" && self.next_low(i) == "of" {
            return Some((i + 2, false));
        }
        if self.low_is(Cat::Quantity, i) {
            return Some((i + 1, low == "one"));
        }
        let t = self.text(i);
        if self.is_number(i) && digits(t) && t.len() <= 3 {
            return Some((i + 1, t == "1"));
        }
        None
    }

    /// A four-digit year at `i` is followed by a count noun: "2000 people".
    fn counted(&self, i: usize) -> bool {
        let next = self.next_low(i);
        if next.is_empty() {
            return false;
        }
        let t = self.text(i + 1);
        if !t.chars().next().is_some_and(|c| c.is_lowercase()) {
            return next == "%";
        }
        is(Cat::CountNoun, next)
            || (next.len() > 3
                && next.ends_with('s')
                && !next.ends_with("ss")
                // Singular nouns in -s: "a 2018 analysis", "the 2020 census".
                && !next.ends_with("sis")
                && !next.ends_with("us")
                && !matches!(
                    next,
                    "always"
                        | "was"
                        | "has"
                        | "this"
                        | "thus"
                        | "his"
                        | "its"
                        | "saw"
                        | "sees"
                        | "says"
                        | "seems"
                        | "marks"
                        | "brings"
                        | "becomes"
                ))
    }

    /// Calendar date at `i` led by a month or a day, or written in digits.
    /// Returns (end, bare) where `bare` means a month name alone.
    fn calendar(&self, i: usize) -> Option<(usize, bool)> {
        let t = self.text(i);
        // "1/5/2016", "2016/01/05", "5.1.2016".
        // ("2016-01-05" is one token: the segmenter keeps digit groups
        // joined by hyphens together.)
        if self.is_number(i) && numeric_date(t) {
            return Some((i + 1, false));
        }
        // "2016-01-05".
        if self.year(i).is_some()
            && matches!(self.text(i + 1), "-")
            && self.is_number(i + 2)
            && self.text(i + 2).len() <= 2
            && self.text(i + 3) == "-"
            && self.is_number(i + 4)
            && self.text(i + 4).len() <= 2
            && (1..5).all(|k| self.glued(i + k))
        {
            return Some((i + 5, false));
        }
        // "January 5, 2016", "Jan. 5-7", "January 2016", "January of 2016".
        if let Some((_, full, _)) = self.month(i) {
            let mut j = i + 1;
            let mut bare = true;
            if self.on_line(j, i) && self.day_range(j) {
                j += 1;
                bare = false;
                j = self.year_tail(j, i);
            } else if self.on_line(j, i) && self.day(j) {
                j += 1;
                bare = false;
                if matches!(self.text(j), "-" | "–") && self.glued(j) && self.day(j + 1) && self.glued(j + 1)
                {
                    j += 2;
                }
                if self.text(j) == ","
                    && self.on_line(j + 1, i)
                    && self.year_in(j + 1, 1000)
                    && !self.counted(j + 1)
                {
                    j += 2;
                } else if self.on_line(j, i) && self.year_in(j, 1000) && !self.counted(j) {
                    j += 1;
                }
            } else if self.on_line(j, i) && self.year_in(j, 1000) && !self.counted(j) {
                j += 1;
                bare = false;
            } else if (self.low(j) == "of" || (self.text(j) == "," && !self.counted(j + 1)))
                && self.on_line(j + 1, i)
                && self.year_in(j + 1, 1000)
            {
                // "January of 2016", "January, 2016".
                j += 2;
                bare = false;
            }
            if bare && !full {
                return None;
            }
            return Some((j, bare));
        }
        // "5 January 2016", "5th of January".
        if self.day(i) {
            let mut k = i + 1;
            if self.low(k) == "of" {
                k += 1;
            }
            if self.on_line(k, i) && self.month(k).is_some() {
                let mut j = k + 1;
                if self.text(j) == ","
                    && self.on_line(j + 1, i)
                    && self.year_in(j + 1, 1000)
                    && !self.counted(j + 1)
                {
                    j += 2;
                } else if self.on_line(j, i) && self.year_in(j, 1000) && !self.counted(j) {
                    j += 1;
                }
                return Some((j, false));
            }
        }
        None
    }

    /// A bare month is a date here (not "Theresa May", "April Ryan", "May I").
    fn bare_month_ok(&self, i: usize, end: usize) -> bool {
        let Some((_, _, ambiguous)) = self.month(i) else { return false };
        let prev = self.prev_low(i);
        let prep = is(Cat::YearStrong, prev) || is(Cat::YearWeak, prev) || is(Cat::Edge, prev);
        if ambiguous {
            return prep;
        }
        // A capitalised word after it makes it a first name, unless a
        // preposition makes it a date: "in April Congress voted".
        let next_cap = self.on_line(end, i)
            && capitalised(self.text(end))
            && self.toks.get(end).is_some_and(|t| t.kind == TokenKind::Word)
            && self.month(end).is_none()
            && !self.weekday(end);
        !next_cap || prep
    }

    /// After a complete date, an optional ", 2016" or " 2016".
    fn year_tail(&self, j: usize, base: usize) -> usize {
        if self.text(j) == ","
            && self.on_line(j + 1, base)
            && self.year_in(j + 1, 1000)
            && !self.counted(j + 1)
        {
            j + 2
        } else if self.on_line(j, base) && self.year_in(j, 1000) && !self.counted(j) {
            j + 1
        } else {
            j
        }
    }

    /// The head after a shift or edge word at `j` (prefix starts at `i`).
    fn shifted(&self, i: usize, j: usize, shift: &str, edge: bool) -> Option<usize> {
        if !self.on_line(j, i) {
            return None;
        }
        if !shift.is_empty() {
            if let Some(plural) = self.unit(j) {
                if !plural || matches!(shift, "past" | "coming" | "last" | "next" | "previous") {
                    return Some(j + 1);
                }
            }
            if matches!(shift, "past" | "last" | "next" | "coming" | "previous") {
                if let Some((k, _)) = self.quantity(j) {
                    if self.on_line(k, i)
                        && self.unit(k).is_some()
                        && !matches!(self.low(j), "a" | "an" | "some" | "many")
                    {
                        return Some(k + 1);
                    }
                }
            }
            if self.weekday(j) {
                return Some(j + 1);
            }
            if self.season(j) {
                return Some(j + 1);
            }
        }
        if self.month(j).is_some_and(|(_, full, _)| full) {
            let (end, _) = self.calendar(j)?;
            return Some(end);
        }
        if edge && shift.is_empty() {
            if self.year_in(j, 1000) && !self.counted(j) {
                return Some(j + 1);
            }
            if decade_word(self.text(j), false) {
                return Some(j + 1);
            }
            if matches!(self.text(j), "'" | "’") && self.glued(j + 1) && decade_word(self.text(j + 1), true)
            {
                return Some(j + 2);
            }
            if self.season(j) {
                let k = self.year_tail(j + 1, i);
                if k > j + 1 {
                    return Some(k);
                }
            }
        }
        None
    }

    /// Bare year at `i` with context that makes it a date.
    fn year_in_context(&self, i: usize, last_end: Option<usize>) -> Option<usize> {
        let y = self.year(i).or_else(|| self.year_range(i))?;
        if !(1000..=2099).contains(&y) {
            return None;
        }
        // "2015-16", "2015–2016".
        let mut end = i + 1;
        if matches!(self.text(i + 1), "-" | "–")
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.is_number(i + 2)
        {
            let t = self.text(i + 2);
            if digits(t) && (t.len() == 2 || t.len() == 4) {
                end = i + 3;
            }
        }
        if self.counted(end - 1) {
            return None;
        }
        // "1980–1987": two years in order make a period of their own.
        if end == i + 3 && self.text(i + 2).len() == 4 && self.year(i + 2).is_some_and(|y2| y2 > y) {
            return Some(end);
        }
        let prev = self.prev_low(i);
        // A year that opens a sentence before a verb: "2024 marks a year".
        let opens = prev.is_empty() || (!prev.contains(|c: char| c.is_alphanumeric()) && !prev.contains(['$', '£', '€']));
        if (1900..=2099).contains(&y) && opens && self.low_is(Cat::YearVerb, end) && self.on_line(end, i) {
            return Some(end);
        }
        // "the 1980's": a decade written with an apostrophe.
        if end == i + 1
            && y % 10 == 0
            && matches!(self.text(i + 1), "'s" | "’s")
            && self.glued(i + 1)
            && (prev == "the" || is(Cat::Edge, prev))
        {
            return Some(i + 2);
        }
        let modern = (1900..=2099).contains(&y);
        let next = self.next_low(end - 1);
        let ok = is(Cat::YearStrong, prev)
            || prev == "year"
            || (modern && is(Cat::YearWeak, prev) && prev != "of")
            || (modern && prev == "of" && i >= 2 && {
                let head = self.prev_low(i - 1);
                is(Cat::OfHead, head) || self.month(i - 2).is_some()
            })
            || (i >= 1 && is(Cat::Connective, prev) && last_end == Some(i - 1))
            || (modern && matches!(next, "'s" | "’s"))
            || (modern
                && matches!(
                    prev,
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "our"
                        | "this"
                        | "that"
                        | "'s"
                        | "’s"
                )
                && self.on_line(end, i)
                // "the 2019 season", "the 2019 Norland Music Awards" (the
                // year a date of its own before an event's name).
                && self.text(end).chars().next().is_some_and(char::is_alphabetic));
        ok.then_some(end)
    }

    /// The longest date starting at token `i`: (first token, end token).
    fn at(&self, i: usize, last_end: Option<usize>) -> Option<usize> {
        let low = self.low(i);
        let text = self.text(i);

        // Shift and edge words: "last week", "earlier this month", "early 2016".
        {
            let (j, shift, edge) = if self.low_is(Cat::Edge, i) && is(Cat::Shift, self.next_low(i)) {
                let s = self.next_low(i);
                if s == "this" && self.low(i + 2) == "past" && self.on_line(i + 2, i) {
                    (i + 3, "past", true)
                } else {
                    (i + 2, s, true)
                }
            } else if low == "this" && self.next_low(i) == "past" {
                (i + 2, "past", false)
            } else if self.low_is(Cat::Shift, i) {
                (i + 1, low, false)
            } else if self.low_is(Cat::Edge, i) && !matches!(low, "earlier" | "later") {
                (i + 1, "", true)
            } else {
                (i, "", false)
            };
            if j > i {
                if let Some(end) = self.shifted(i, j, shift, edge) {
                    return Some(end);
                }
            }
        }

        if self.low_is(Cat::Relative, i) {
            // "USA Today", "Russia Today": a capitalised word before a
            // capitalised "Today" makes it part of a name.
            let in_name = capitalised(text)
                && i > 0
                && self.on_line(i - 1, i)
                && self.toks[i - 1].kind == TokenKind::Word
                && capitalised(self.text(i - 1));
            if !in_name {
                return Some(i + 1);
            }
        }

        // "mid-January", "mid-2016", "mid-1990s", "late-2015".
        if let Some((pre, rest)) = low.split_once('-') {
            if is(Cat::Edge, pre) {
                let rest_text = text.get(pre.len() + 1..).unwrap_or("");
                let rest_month = name_case(rest_text)
                    && lexicon()
                        .months
                        .get(rest.strip_suffix('.').unwrap_or(rest))
                        .is_some_and(|&(_, full)| full);
                let rest_year = rest.len() == 4
                    && digits(rest)
                    && rest.parse::<u32>().is_ok_and(|y| (1000..=2099).contains(&y));
                if rest_month || rest_year || decade_word(rest, false) {
                    return Some(if rest_month { self.year_tail(i + 1, i) } else { i + 1 });
                }
            }
            // "21st-century".
            if rest == "century" && (ordinal_number(pre).is_some() || is(Cat::Ordinal, pre)) {
                return Some(i + 1);
            }
        }

        // Calendar dates and months.
        if let Some((end, bare)) = self.calendar(i) {
            if !bare || self.bare_month_ok(i, end) {
                return Some(end);
            }
        }

        // Weekdays, possibly with a date: "Thursday", "Thursday, Jan. 5".
        if self.weekday(i) || self.weekday_abbr(i) {
            let abbr = !self.weekday(i);
            let k = if self.text(i + 1) == "," { i + 2 } else { i + 1 };
            if self.on_line(k, i) {
                if let Some((end, false)) = self.calendar(k) {
                    return Some(end);
                }
            }
            let named = i > 0
                && self.on_line(i - 1, i)
                && capitalised(self.text(i - 1))
                && is(Cat::WeekdayNamePrefix, self.prev_low(i));
            if !abbr && !named {
                return Some(i + 1);
            }
        }

        // "two years ago", "a week earlier", "years ago".
        if let Some((k, _)) = self.quantity(i) {
            if self.on_line(k + 1, i) && self.unit(k).is_some() && self.low_is(Cat::AfterUnit, k + 1) {
                return Some(k + 2);
            }
        }
        if self.unit(i) == Some(true) && self.next_low(i) == "ago" {
            return Some(i + 2);
        }
        // "over the weekend": the last or the coming one.
        if low == "weekend" && self.prev_low(i) == "the" {
            return Some(i + 1);
        }
        // "recent years", "the months ahead".
        if low == "recent" && self.on_line(i + 1, i) && self.unit(i + 1) == Some(true) {
            return Some(i + 2);
        }
        if self.unit(i) == Some(true) && self.next_low(i) == "ahead" && self.prev_low(i) == "the" {
            return Some(i + 2);
        }

        // Decades: "1990s", "'90s".
        if decade_word(text, false) {
            return Some(i + 1);
        }
        if matches!(text, "'" | "’") && self.glued(i + 1) && decade_word(self.text(i + 1), true) {
            return Some(i + 2);
        }

        // Centuries: "19th century", "the nineteenth century".
        if (ordinal_number(text).is_some() || self.low_is(Cat::Ordinal, i)) && self.next_low(i) == "century" {
            return Some(i + 2);
        }

        // Seasons with a year: "spring 2016", "summer of 2016".
        if self.season(i) {
            let k = self.year_tail(i + 1, i);
            if k > i + 1 {
                return Some(k);
            }
            if self.next_low(i) == "of" && self.on_line(i + 2, i) && self.year_in(i + 2, 1000) {
                return Some(i + 3);
            }
        }

        self.year_in_context(i, last_end)
    }
}

/// `word` is a month name or abbreviation ("May", "Sept.").
pub fn is_month_word(word: &str) -> bool {
    let low = word.to_lowercase();
    lexicon().months.contains_key(low.trim_end_matches('.'))
}

/// Date expressions in `seg`, sorted by start, non-overlapping.
pub fn find(seg: &Segments) -> Vec<Span> {
    let lex = lexicon();
    let toks: Vec<Tok> = seg
        .tokens
        .iter()
        .map(|t| {
            let text = t.span.text(seg.text);
            // Lower case without allocating for the usual all-lower-case
            // ASCII word (`to_lowercase` of such a word is itself).
            let low = if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(text)
            } else if text.is_ascii() {
                Cow::Owned(text.to_ascii_lowercase())
            } else {
                Cow::Owned(text.to_lowercase())
            };
            let mask = lex.words.get(&*low).copied().unwrap_or(0);
            Tok { text, low, mask, span: t.span, kind: t.kind, line: t.line }
        })
        .collect();
    let m = Matcher { toks };
    let n = m.toks.len();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut last_end = None;
    let mut i = 0;
    while i < n {
        // "the end of the year": a period of a unit that is no date alone.
        if let Some(end) = m.period_of_unit(i) {
            found.push((i, end));
            last_end = Some(end);
            i = end;
            continue;
        }
        match m.at(i, last_end) {
            Some(end) if end > i && end <= n => {
                found.push((i, end));
                last_end = Some(end);
                i = end;
            }
            _ => i += 1,
        }
    }
    m.widen(&mut found);
    found.into_iter().map(|(a, b)| Span::new(m.toks[a].span.start, m.toks[b - 1].span.end)).collect()
}

impl Matcher<'_> {
    /// "end of the year", "the first half of the month" at `i` (the head or
    /// its ordinal): the end of the unit.
    fn period_of_unit(&self, i: usize) -> Option<usize> {
        let head = self.part_start(i)?;
        let (of, the, unit) = (head + 1, head + 2, head + 3);
        let ok = self.low(of) == "of"
            && self.low(the) == "the"
            && (of..=unit).all(|k| self.on_line(k, i))
            && matches!(self.low(unit), "year" | "month" | "week" | "decade" | "century");
        ok.then_some(unit + 1)
    }

    /// A period's head at `i` ("end", "beginning") or an ordinal and its
    /// part ("first half", "last week"): the head's index.
    fn part_start(&self, i: usize) -> Option<usize> {
        if self.low_is(Cat::PeriodHead, i) {
            return Some(i);
        }
        let ordinal = self.low_is(Cat::Ordinal, i) || matches!(self.low(i), "last" | "final" | "latter");
        (ordinal && self.on_line(i + 1, i) && self.low_is(Cat::PartHead, i + 1)).then_some(i + 1)
    }

    /// Dates widened to the whole expression: a period before them ("end of
    /// October", "first week of April"), more days after a month's day
    /// ("March 4 and 5", "March 15 to 17"), and a shifted year or month
    /// right after ("May this year", "March 20 last year").
    fn widen(&self, found: &mut Vec<(usize, usize)>) {
        for k in 0..found.len() {
            let (a, b) = found[k];
            // Before: "<head> of" or "<ordinal> <part> of".
            if a >= 2 && self.low(a - 1) == "of" && self.on_line(a - 1, a) && self.on_line(a - 2, a) {
                let start = if self.low_is(Cat::PeriodHead, a - 2) {
                    Some(a - 2)
                } else if a >= 3 && self.on_line(a - 3, a) && self.part_start(a - 3) == Some(a - 2) {
                    Some(a - 3)
                } else {
                    None
                };
                let free = k == 0 || found[k - 1].1 <= start.unwrap_or(a);
                if let (Some(s), true) = (start, free) {
                    found[k].0 = s;
                }
            }
            // After a month's day: "and 5", "to 17", "-17".
            let mut end = b;
            if b >= 2 && self.month(b - 2).is_some() && self.day(b - 1) {
                let link = matches!(self.low(b), "and" | "to" | "through" | "until" | "or" | "-" | "–");
                if link && self.on_line(b + 1, b - 1) && self.day(b + 1) && self.month(b + 2).is_none() {
                    end = self.year_tail(b + 2, b - 1);
                }
            }
            let next_free = found.get(k + 1).is_none_or(|n| n.0 >= end);
            if next_free {
                found[k].1 = end;
            }
        }
        // A shifted year or month right after a calendar date: merge.
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for &(a, b) in found.iter() {
            if let Some(last) = out.last_mut() {
                let calendar_before = self.month(last.0).is_some() || self.day(last.0);
                let shifted = matches!(self.low(a), "this" | "last" | "next")
                    && b == a + 2
                    && matches!(self.low(a + 1), "year" | "month" | "week");
                if last.1 == a && calendar_before && shifted && self.on_line(a, last.0) {
                    last.1 = b;
                    continue;
                }
            }
            out.push((a, b));
        }
        *found = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        let seg = Segments::new(text);
        find(&seg).iter().map(|s| s.text(text).to_string()).collect()
    }

    #[test]
    fn every_category_of_the_word_list_is_known_to_the_rules() {
        let mut seen: Vec<&str> =
            crate::lexicon::dates().all().map(|(c, _)| c).filter(|c| *c != "months").collect();
        seen.sort_unstable();
        seen.dedup();
        let mut known = CAT_NAMES.to_vec();
        known.sort_unstable();
        assert_eq!(seen, known);
    }

    #[test]
    fn numeric_dates_by_regex() {
        for ok in ["1/5/2016", "1/5/16", "5.1.2016", "05-01-2016", "2016/01/05", "2016.1.5", "2016-01-05"] {
            assert!(numeric_date(ok), "{ok}");
        }
        for no in ["1/5", "1.5.16", "2016-01/05", "12345/1/1", "1/5/201", "a/5/2016", "2016-1-5-3"] {
            assert!(!numeric_date(no), "{no}");
        }
    }

    #[test]
    fn calendar_forms() {
        assert_eq!(dates("The deal was signed on Jan. 5 in the capital."), ["Jan. 5"]);
        assert_eq!(dates("It opened on 5 January 2016 to crowds."), ["5 January 2016"]);
        assert_eq!(dates("It opened on January 5, 2016, to crowds."), ["January 5, 2016"]);
        assert_eq!(dates("Filed 2016-01-05 and again 1/5/2016."), ["2016-01-05", "1/5/2016"]);
        assert_eq!(dates("By the 5th of March the river froze."), ["5th of March"]);
        assert_eq!(dates("The vote is set for Tuesday, Nov. 8, 2016."), ["Tuesday, Nov. 8, 2016"]);
        assert_eq!(dates("Talks ran Oct. 3-5 in a hotel."), ["Oct. 3-5"]);
        assert_eq!(dates("Sales fell in January 2015."), ["January 2015"]);
    }

    #[test]
    fn parts_of_the_day_and_seasons_shift_like_other_units() {
        assert_eq!(dates("The mayor was stabbed last night and died this evening."), ["last night", "this evening"]);
        assert_eq!(dates("We played well tonight, and this season has been long."), ["tonight", "this season"]);
        assert_eq!(dates("The work will stretch well into 2020."), ["2020"]);
        // A part of the day without a shift is no date.
        assert!(dates("The night was cold and the season had ended.").is_empty());
    }

    #[test]
    fn relative_expressions() {
        assert_eq!(dates("The ministry said today that it would act."), ["today"]);
        assert_eq!(dates("Last month, the mayor resigned."), ["Last month"]);
        assert_eq!(dates("He arrived last week and leaves tomorrow."), ["last week", "tomorrow"]);
        assert_eq!(dates("Prices rose earlier this month."), ["earlier this month"]);
        assert_eq!(dates("The firm was sold two years ago."), ["two years ago"]);
        assert_eq!(dates("Over the past few days the rain stopped."), ["past few days"]);
        assert_eq!(dates("It happened last Thursday, officials said."), ["last Thursday"]);
        assert_eq!(dates("The board meets on Thursday at noon."), ["Thursday"]);
        assert_eq!(dates("They expect growth early next year."), ["early next year"]);
        assert_eq!(dates("In recent years the town has shrunk."), ["recent years"]);
        assert_eq!(dates("She won at the 2019 Norland Music Awards."), ["2019"]);
        assert_eq!(dates("The plan this past weekend failed."), ["this past weekend"]);
    }

    #[test]
    fn years_decades_seasons() {
        assert_eq!(dates("The law passed in 2016 after a fight."), ["2016"]);
        assert_eq!(dates("He has lived there since 1993."), ["1993"]);
        assert_eq!(dates("Music of the 1990s and the '80s."), ["1990s", "'80s"]);
        assert_eq!(dates("The roof was fixed in spring 2016."), ["spring 2016"]);
        assert_eq!(dates("We met last summer."), ["last summer"]);
        assert_eq!(dates("Its mid-2015 peak was high."), ["mid-2015"]);
        assert_eq!(dates("Between 2010 and 2012 output doubled."), ["2010", "2012"]);
        assert_eq!(dates("A 19th century house."), ["19th century"]);
        assert_eq!(dates("The 2016 election was close."), ["2016"]);
        assert_eq!(dates("The 2015-16 season ended."), ["2015-16"]);
        assert_eq!(dates("The crash of the 1980’s hurt."), ["1980’s"]);
        assert_eq!(dates("It was Smith’s 1995 tax filing."), ["1995"]);
    }

    #[test]
    fn whole_expressions_with_periods_ranges_and_shifts() {
        assert_eq!(dates("Vote by the end of October, he said."), ["end of October"]);
        assert_eq!(dates("It is due in the first half of next year."), ["first half of next year"]);
        assert_eq!(dates("Talks were held in the first week of April."), ["first week of April"]);
        assert_eq!(dates("They must finish before the end of the year."), ["end of the year"]);
        assert_eq!(dates("Limits came on March 4 and 5 respectively."), ["March 4 and 5"]);
        assert_eq!(dates("From March 15 to 17, the fair ran."), ["March 15 to 17"]);
        assert_eq!(dates("In May this year, roads shut."), ["May this year"]);
        assert_eq!(dates("They met on March 20 last year."), ["March 20 last year"]);
        assert_eq!(dates("He was premier, 1980–1987; then president."), ["1980–1987"]);
        assert_eq!(dates("Then, a 2018 analysis found water."), ["2018"]);
        assert_eq!(dates("2024 marks a big year for the band."), ["2024"]);
        assert_eq!(dates("It was announced over the weekend."), ["weekend"]);
        // Not a period of time: "the end of the road", "the first half of the game".
        assert!(dates("It was the end of the road for the first half of the team.").is_empty());
    }

    #[test]
    fn false_positives_avoided() {
        assert!(dates("Theresa May spoke to reporters.").is_empty());
        assert!(dates("May I ask a question?").is_empty());
        assert!(dates("They may march to the square.").is_empty());
        assert!(dates("Thousands joined the March for Science.").is_empty());
        assert!(dates("April Ryan asked a question.").is_empty());
        assert!(dates("The Sun reported it.").is_empty());
        assert!(dates("Polls on Super Tuesday were close.").is_empty());
        assert!(dates("In all, 2000 people attended and 1500 troops.").is_empty());
        assert!(dates("Jan Smith and Jan. Brown spoke.").is_empty());
        assert!(dates("It costs 1999 dollars at 10 am.").is_empty());
        assert!(dates("He scored in the last minute of the game.").is_empty());
        assert!(dates("She told USA Today and USA TODAY readers.").is_empty());
        assert!(dates("They cancelled an early-week trip.").is_empty());
    }

    #[test]
    fn ambiguous_months_in_context() {
        assert_eq!(dates("Elections are due in May."), ["May"]);
        assert_eq!(dates("The rally on March 4 drew crowds."), ["March 4"]);
        assert_eq!(dates("The report came out in August."), ["August"]);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in
            ["", "-", "2016-", "2016-01-", "Jan.", "mid-", "’", "last", "the 5th of", "31st-", "a couple of"]
        {
            let _ = dates(t);
        }
    }
}
