//! Quote marks and their pairing into top-level quotations.
//!
//! Double marks (curly, straight, guillemets) are paired first, paragraph by
//! paragraph, following the multi-paragraph convention: a quotation still
//! open at a paragraph's end continues when the next paragraph opens with a
//! mark of the same family; otherwise it ends there, unclosed. Single marks
//! are then paired outside double quotations only (nested singles are never
//! top-level), and only where both an opening and a closing mark are found
//! in one paragraph, so apostrophes ("don’t", "Danes’", "’90s") never
//! start or end a quotation.

use crate::annotation::Span;

/// A top-level quotation: opening mark to closing mark inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawQuote {
    pub span: Span,
    pub unclosed: bool,
    /// First and last paragraph (index into the lines) it covers.
    pub first_line: usize,
    pub last_line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Straight,
    Curly,
    Guillemet,
}

fn double_mark(c: char) -> Option<(Family, Dir)> {
    match c {
        '“' | '„' | '‟' => Some((Family::Curly, Dir::Open)),
        '”' => Some((Family::Curly, Dir::Close)),
        '«' => Some((Family::Guillemet, Dir::Open)),
        '»' => Some((Family::Guillemet, Dir::Close)),
        '"' | '＂' => Some((Family::Straight, Dir::Either)),
        _ => None,
    }
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '<'
                        | '—'
                        | '–'
                        | '-'
                        | '―'
                        | '/'
                        | '“'
                        | '‘'
                        | '«'
                        | '„'
                        | '\u{200b}'
                        | '\u{feff}'
                )
        }
    }
}

fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '>'
                        | '—'
                        | '–'
                        | '-'
                        | '―'
                        | '…'
                        | '”'
                        | '’'
                        | '»'
                        | '"'
                        | '\''
                        | '\u{200b}'
                        | '\u{feff}'
                )
        }
    }
}

/// Looks like an opening mark: space (or start) before, text after.
fn opener_like(prev: Option<char>, next: Option<char>) -> bool {
    is_open_context(prev) && next.is_some_and(|c| !c.is_whitespace())
}

/// Looks like a closing mark: text before, space or punctuation after.
fn closer_like(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|c| !c.is_whitespace()) && is_close_context(next)
}

/// Direction of a mark in context, given its natural direction. `open_straight`
/// says whether a straight quote is currently open (for the toggle fallback).
fn direction(dir: Dir, prev: Option<char>, next: Option<char>, open_straight: bool) -> Dir {
    let ol = opener_like(prev, next);
    let cl = closer_like(prev, next);
    if prev.is_none() {
        // Nothing closes at a paragraph's start ("” … what I learned").
        return Dir::Open;
    }
    match dir {
        Dir::Open => {
            if cl && !ol {
                Dir::Close
            } else {
                Dir::Open
            }
        }
        Dir::Close => {
            if ol && !cl {
                Dir::Open
            } else {
                Dir::Close
            }
        }
        Dir::Either => {
            // Clear from context, else toggling: a straight quote closes an
            // open straight quote.
            if ol && !cl {
                Dir::Open
            } else if (cl && !ol) || open_straight {
                Dir::Close
            } else {
                Dir::Open
            }
        }
    }
}

type Chars = Vec<(usize, char)>;

fn line_chars(text: &str, line: Span) -> Chars {
    line.text(text).char_indices().map(|(i, c)| (line.start + i, c)).collect()
}

/// The opening mark a paragraph starts with, if it opens a quotation of `fam`.
fn starts_with_opener(chars: &Chars, fam: Family) -> bool {
    let Some(&(_, c)) = chars.first() else { return false };
    let next = chars.get(1).map(|&(_, c)| c);
    match double_mark(c) {
        Some((f, d)) if f == fam => direction(d, None, next, false) == Dir::Open,
        _ => false,
    }
}

/// Pair double marks over all paragraphs.
fn pair_doubles(text: &str, lines: &[Span]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    // Open top-level quotation: (start byte, first line) and the stack of
    // families opened inside it (the first is its own).
    let mut open: Option<(usize, usize)> = None;
    let mut stack: Vec<Family> = Vec::new();
    let mut skip_first = false;
    let mut chars = match lines.first() {
        Some(l) => line_chars(text, *l),
        None => return out,
    };
    for li in 0..lines.len() {
        let mut k = usize::from(skip_first);
        skip_first = false;
        while k < chars.len() {
            let (pos, c) = chars[k];
            let Some((fam, nat)) = double_mark(c) else {
                k += 1;
                continue;
            };
            let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
            let next = chars.get(k + 1).map(|&(_, c)| c);
            if c == '"' && prev == Some('=') {
                // Markup pasted with the text (`author="x"`): an attribute value.
                k = chars[k + 1..].iter().position(|&(_, c)| c == '"').map_or(chars.len(), |p| k + p + 2);
                continue;
            }
            let d = direction(nat, prev, next, stack.contains(&Family::Straight));
            match d {
                Dir::Open | Dir::Either => {
                    if stack.is_empty() {
                        open = Some((pos, li));
                    }
                    stack.push(fam);
                }
                Dir::Close => {
                    if stack.is_empty() {
                        // A stray closing mark (inches, a typo): ignore.
                    } else if let Some(at) = stack.iter().rposition(|&f| f == fam) {
                        stack.truncate(at);
                    } else if stack.len() == 1 {
                        // Mixed families ("curly open, straight close"): a typo.
                        stack.clear();
                    } else {
                        stack.pop();
                    }
                    if stack.is_empty() {
                        if let Some((s, fl)) = open.take() {
                            out.push(RawQuote {
                                span: Span::new(s, pos + c.len_utf8()),
                                unclosed: false,
                                first_line: fl,
                                last_line: li,
                            });
                        }
                    }
                }
            }
            k += 1;
        }
        let next_chars = lines.get(li + 1).map(|l| line_chars(text, *l)).unwrap_or_default();
        if let Some((s, fl)) = open {
            let fam = stack.first().copied().unwrap_or(Family::Curly);
            if li + 1 < lines.len() && starts_with_opener(&next_chars, fam) {
                // The multi-paragraph convention: the quotation continues.
                stack.clear();
                stack.push(fam);
                skip_first = true;
            } else {
                out.push(RawQuote {
                    span: Span::new(s, lines[li].end),
                    unclosed: true,
                    first_line: fl,
                    last_line: li,
                });
                open = None;
                stack.clear();
            }
        }
        chars = next_chars;
    }
    out
}

/// Words that begin with an apostrophe (elisions), never a quotation.
/// (data/lexicon/quotes.txt [elisions])
fn elisions() -> &'static [&'static str] {
    crate::lexicon::word_list!(quotes, "elisions")
}

fn is_elision(chars: &Chars, k: usize) -> bool {
    // ’90s, '08
    let digits = chars[k + 1..].iter().take_while(|&&(_, c)| c.is_ascii_digit()).count();
    if digits >= 2 {
        return true;
    }
    let word: String = chars[k + 1..].iter().map(|&(_, c)| c).take_while(|c| c.is_alphabetic()).collect();
    let after = chars.get(k + 1 + word.chars().count()).map(|&(_, c)| c);
    let lower = word.to_lowercase();
    elisions().contains(&lower.as_str()) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// Pair single marks outside the double quotations `doubles` (sorted).
fn pair_singles(text: &str, lines: &[Span], doubles: &[RawQuote]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    // `doubles` are in text order and do not overlap: only the last one that
    // starts at or before `pos` can hold it (a binary search keeps this
    // linear on texts with thousands of quotations).
    let inside = |pos: usize| {
        let i = doubles.partition_point(|q| q.span.start <= pos);
        i > 0 && pos < doubles[i - 1].span.end
    };
    for (li, line) in lines.iter().enumerate() {
        let chars = line_chars(text, *line);
        let at = |k: usize| chars.get(k).map(|&(_, c)| c);
        // Candidate marks outside doubles: (index, can open, can close).
        let mut cands: Vec<(usize, bool, bool)> = Vec::new();
        for (k, &(pos, c)) in chars.iter().enumerate() {
            if !matches!(c, '‘' | '’' | '\'' | '‚' | '‛' | '‹' | '›') || inside(pos) {
                continue;
            }
            let prev = if k == 0 { None } else { at(k - 1) };
            let next = at(k + 1);
            let can_open = matches!(c, '‘' | '\'' | '‚' | '‛' | '‹')
                && is_open_context(prev)
                && next.is_some_and(|n| n.is_alphanumeric() || matches!(n, '“' | '"' | '$' | '…'))
                && !is_elision(&chars, k);
            let can_close = matches!(c, '’' | '\'' | '›')
                && prev.is_some_and(|p| !p.is_whitespace())
                && is_close_context(next);
            if can_open || can_close {
                cands.push((k, can_open, can_close));
            }
        }
        let mut open: Option<usize> = None;
        let mut i = 0;
        while i < cands.len() {
            let (k, can_open, can_close) = cands[i];
            match open {
                None if can_open => open = Some(k),
                Some(o) if can_close => {
                    // "the Danes’ plan": a plural possessive, when a later
                    // closing mark can end the quotation instead.
                    let prev = at(k.wrapping_sub(1)).filter(|_| k > 0);
                    let possessive = matches!(prev, Some('s') | Some('S'))
                        && at(k + 1).is_some_and(|c| c.is_whitespace())
                        && at(k + 2).is_some_and(|c| c.is_lowercase());
                    let later = possessive
                        && cands[i + 1..].iter().take(200).take_while(|x| !x.1 || x.2).any(|x| x.2);
                    if !later {
                        let content: String = chars[o + 1..k].iter().map(|&(_, c)| c).collect();
                        if content.chars().any(|c| c.is_alphanumeric()) {
                            let s = chars[o].0;
                            let e = chars[k].0 + chars[k].1.len_utf8();
                            out.push(RawQuote {
                                span: Span::new(s, e),
                                unclosed: false,
                                first_line: li,
                                last_line: li,
                            });
                        }
                        open = None;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    out
}

/// All top-level quotations in `lines` (the paragraphs of `text`), sorted.
/// Lines marked in `skip` (boilerplate) are passed over: no quotation starts
/// in them, and a quotation continued across paragraphs continues past them.
pub fn find(text: &str, lines: &[Span], skip: &[bool]) -> Vec<RawQuote> {
    let keep: Vec<usize> = (0..lines.len()).filter(|&i| !skip.get(i).copied().unwrap_or(false)).collect();
    let kept: Vec<Span> = keep.iter().map(|&i| lines[i]).collect();
    let doubles = pair_doubles(text, &kept);
    let singles = pair_singles(text, &kept, &doubles);
    // Singles are in text order and do not overlap: only the last one that
    // starts at or before a double can contain it.
    let in_single = |d: &RawQuote| {
        let i = singles.partition_point(|s| s.span.start <= d.span.start);
        i > 0 && singles[i - 1].span.contains(d.span)
    };
    let mut all: Vec<RawQuote> = doubles.into_iter().filter(|d| !in_single(d)).collect();
    all.extend(singles);
    for q in &mut all {
        q.first_line = keep.get(q.first_line).copied().unwrap_or(q.first_line);
        q.last_line = keep.get(q.last_line).copied().unwrap_or(q.last_line);
    }
    all.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::split_lines;

    fn quotes(t: &str) -> Vec<(&str, bool)> {
        find(t, &split_lines(t), &[]).iter().map(|q| (q.span.text(t), q.unclosed)).collect()
    }

    #[test]
    fn many_quotations_nest_by_position() {
        // Singles inside doubles and doubles inside singles, many times over:
        // each is judged against the quotation around it, not the first one.
        let para = "A said \"go 'now' fast\" then. B said 'x \"y\" z' too.";
        let t = vec![para; 50].join("\n\n");
        let got = quotes(&t);
        assert_eq!(got.len(), 100);
        for pair in got.chunks(2) {
            assert_eq!(pair, [("\"go 'now' fast\"", false), ("'x \"y\" z'", false)]);
        }
    }

    #[test]
    fn pairs_marks_of_every_family() {
        let cases: &[(&str, &[&str])] = &[
            ("He said “yes” and “no”.", &["“yes”", "“no”"]),
            ("He said \"yes\" and \"no\".", &["\"yes\"", "\"no\""]),
            ("Il a dit « oui » hier.", &["« oui »"]),
            ("Headline: Mayor says ‘we hold the line’", &["‘we hold the line’"]),
            ("Mayor says 'we hold the line' today", &["'we hold the line'"]),
            ("“Fast,”Varga said.", &["“Fast,”"]),
        ];
        for (t, want) in cases {
            let got: Vec<&str> = quotes(t).into_iter().map(|x| x.0).collect();
            assert_eq!(&got, want, "{t}");
        }
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        let cases = [
            "The growers' union rejected Varga's offer.",
            "We don’t know what the Danes’ plans are.",
            "In the ’90s and the '80s rock 'n' roll ruled.",
            "It was the Joneses’ house, and the Smiths’ car.",
        ];
        for t in cases {
            assert!(quotes(t).is_empty(), "{t}: {:?}", quotes(t));
        }
    }

    #[test]
    fn nested_singles_stay_inside() {
        let t = "\"She said 'run for it,' so we ran,\" Moreau said.";
        assert_eq!(quotes(t), [("\"She said 'run for it,' so we ran,\"", false)]);
        let t = "“He told us ‘stay calm,’” she said.";
        assert_eq!(quotes(t), [("“He told us ‘stay calm,’”", false)]);
    }

    #[test]
    fn possessive_inside_single_quotes() {
        let t = "Headline: ‘The Danes’ plan is ours’ says mayor";
        assert_eq!(quotes(t), [("‘The Danes’ plan is ours’", false)]);
    }

    #[test]
    fn multi_paragraph_is_one_quote() {
        for (o, c) in [("“", "”"), ("\"", "\"")] {
            let t = format!("She said: {o}One.\n\n{o}Two.\n\n{o}Three.{c}\n\nAfter.");
            let got = quotes(&t);
            assert_eq!(got.len(), 1, "{t}");
            assert!(got[0].0.starts_with(o) && got[0].0.ends_with(&format!("Three.{c}")));
            assert!(!got[0].1);
        }
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph_end() {
        let t = "He said “we will not stop\n\nThe next day it rained.";
        assert_eq!(quotes(t), [("“we will not stop", true)]);
    }

    #[test]
    fn mixed_families_do_not_continue() {
        let t = "\"The lights went out.\n\n“Over here,” she said.";
        let got = quotes(t);
        assert_eq!(got, [("\"The lights went out.", true), ("“Over here,”", false)]);
    }

    #[test]
    fn closing_mark_used_as_opener_at_paragraph_start() {
        let t = "”Rain. It never stops.” ― Ana Ruiz";
        assert_eq!(quotes(t), [("”Rain. It never stops.”", false)]);
    }

    #[test]
    fn continuation_passes_over_skipped_lines() {
        let t = "She said: “One.\n\nAdvertisement\n\n“Two.”";
        let lines = split_lines(t);
        let got = find(t, &lines, &[false, true, false]);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].first_line, got[0].last_line, got[0].unclosed), (0, 2, false));
        assert!(got[0].span.text(t).ends_with("Two.”"));
        assert!(find("“Ad here.”", &split_lines("“Ad here.”"), &[true]).is_empty());
    }

    #[test]
    fn markup_attributes_are_not_quotes() {
        let t = "<tweet pic=\"x.com/a\" author=\"someone\">He said \"yes\"</tweet>";
        assert_eq!(quotes(t), [("\"yes\"", false)]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "\"", "“", "'", "”’", "a\"\n\"b", "‘", "x'"] {
            let _ = quotes(t);
        }
    }
}
