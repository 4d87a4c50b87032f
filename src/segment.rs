//! Segmentation: lines (paragraphs), tokens and sentences, as byte spans.
//!
//! Pasted articles have one paragraph per line, so a line is the paragraph
//! unit for every layer. Tokens follow CoNLL conventions where it matters to
//! the entity model: possessive `'s` is its own token, abbreviations keep
//! their period ("U.S.", "Gen."), hyphenated names stay whole ("al-Sarraj").

use crate::annotation::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, possibly with internal `.-'’` ("U.S.", "don't").
    Word,
    /// Digits with internal `.,:/` ("1,200", "3.5", "9/11").
    Number,
    /// Any other single non-space character.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Index into [`Segments::lines`].
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Token index range `[first, last)`.
    pub tokens: std::ops::Range<usize>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Segments<'a> {
    pub text: &'a str,
    /// Non-blank lines, trimmed of surrounding white space.
    pub lines: Vec<Span>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Words that keep their trailing period and do not end a sentence.
/// (data/lexicon/segment.txt [abbreviations])
fn abbreviations() -> &'static [&'static str] {
    crate::lexicon::word_list!(segment, "abbreviations")
}

/// Lower-case words that are abbreviations even without a capital.
/// (data/lexicon/segment.txt [lower-abbreviations])
fn lower_abbreviations() -> &'static [&'static str] {
    crate::lexicon::word_list!(segment, "lower-abbreviations")
}

/// "Gen", "Mr", "Jan" (capitalised) or "vs", "etc": keeps its period.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.starts_with(|c: char| c.is_uppercase()) {
        abbreviations().iter().any(|a| a.eq_ignore_ascii_case(w))
    } else {
        lower_abbreviations().contains(&w)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

impl<'a> Segments<'a> {
    pub fn new(text: &'a str) -> Segments<'a> {
        let lines = split_lines(text);
        let mut tokens = Vec::with_capacity(text.len() / 5);
        for (i, line) in lines.iter().enumerate() {
            tokenize_into(text, *line, i, &mut tokens);
        }
        let sentences = split_sentences(text, &tokens);
        Segments { text, lines, tokens, sentences }
    }

    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.span.text(self.text))
    }
}

/// Non-blank lines; `\n`, `\r\n`, `\r`, U+2028 and U+2029 all end a line.
pub fn split_lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<Span>| {
        let raw = &text[s..e];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            out.push(Span::new(s + lead, s + lead + trimmed.len()));
        }
    };
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                push(start, i, &mut out);
                start = i + c.len_utf8();
            }
            '\r' => {
                push(start, i, &mut out);
                start = i + 1;
                if let Some(&(_, '\n')) = iter.peek() {
                    iter.next();
                    start = i + 2;
                }
            }
            _ => {}
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// A line longer than this many bytes is tokenized in pieces that end at white space (the
/// per-character table of a piece is 16 bytes a character; issue 26 bounds memory).
const PIECE: usize = 1 << 16;

fn tokenize_into(text: &str, line: Span, line_no: usize, out: &mut Vec<Token>) {
    tokenize_in_pieces(text, line, line_no, PIECE, out)
}

fn tokenize_in_pieces(text: &str, line: Span, line_no: usize, piece: usize, out: &mut Vec<Token>) {
    let s = &text[line.start..line.end];
    let mut a = 0;
    while a < s.len() {
        // the piece ends at the first white space after `piece` bytes (tokens never hold white
        // space; the rules look at most a few characters past a token's end, and back two)
        let mut b = s.len();
        if s.len() - a > piece {
            let mut from = a + piece;
            while !s.is_char_boundary(from) {
                from += 1;
            }
            if let Some(p) = s[from..].find(char::is_whitespace) {
                b = from + p;
            }
        }
        tokenize_piece(text, line, line_no, a, b, out);
        a = b;
    }
}

/// The tokens of `line` that start in its bytes `a..b` (`a` is 0 or at white space, `b` at
/// white space or the line's end), read with two characters before and four after as context.
fn tokenize_piece(text: &str, line: Span, line_no: usize, a: usize, b: usize, out: &mut Vec<Token>) {
    let full = &text[line.start..line.end];
    let lo = full[..a].char_indices().rev().take(2).last().map_or(a, |(i, _)| i);
    let hi = full[b..].char_indices().nth(4).map_or(full.len(), |(i, _)| b + i);
    let s = &full[lo..hi];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let first = full[lo..a].chars().count();
    let end = first + full[a..b].chars().count();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| if k < n { chars[k].0 } else { s.len() };
    let mut k = first;
    while k < end {
        let c = chars[k].1;
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            k += 1;
            continue;
        }
        let start = k;
        let kind;
        if c.is_ascii_digit() {
            k += 1;
            while k < n {
                let c = chars[k].1;
                if c.is_ascii_digit() {
                    k += 1;
                } else if matches!(c, '.' | ',' | ':' | '/') && at(k + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    k += 2;
                } else {
                    break;
                }
            }
            // "1990s", "5th", "10am": digits glued to letters are one word;
            // so are "1996-08-30", "6-2", "20-year-old" (CoNLL keeps them whole).
            let mut word = false;
            loop {
                if k < n && chars[k].1.is_alphabetic() {
                    word = true;
                    while k < n && chars[k].1.is_alphanumeric() {
                        k += 1;
                    }
                }
                if at(k) == Some('-') && at(k + 1).is_some_and(|d| d.is_alphanumeric()) {
                    k += 1;
                    while k < n
                        && (chars[k].1.is_ascii_digit()
                            || (matches!(chars[k].1, '.' | ',')
                                && at(k + 1).is_some_and(|d| d.is_ascii_digit())))
                    {
                        k += 1;
                    }
                    continue;
                }
                break;
            }
            // "1." opening a line is a list number ("1. Paul Tergat").
            if !word && start == 0 && lo == 0 && at(k) == Some('.') && at(k + 1).is_some_and(|d| d.is_whitespace()) {
                k += 1;
            }
            kind = if word { TokenKind::Word } else { TokenKind::Number };
        } else if c.is_alphanumeric() {
            k += 1;
            loop {
                while k < n && (chars[k].1.is_alphanumeric() || is_mark(chars[k].1)) {
                    k += 1;
                }
                let Some(c) = at(k) else { break };
                let next_alnum = at(k + 1).is_some_and(|d| d.is_alphanumeric());
                if (c == '-' || c == '‐' || c == '&' || c == '_') && next_alnum {
                    k += 1;
                } else if c == '.'
                    && next_alnum
                    && at(k + 2).is_some_and(|d| !d.is_alphanumeric() || at(k + 3) == Some('.'))
                {
                    // "U.S", "a.m": a letter, a dot, another single letter.
                    k += 1;
                } else if is_apostrophe(c) && next_alnum {
                    // Possessive 's is its own token: stop before it.
                    let after = at(k + 2);
                    let is_s = matches!(at(k + 1), Some('s') | Some('S'))
                        && !after.is_some_and(|d| d.is_alphanumeric());
                    if is_s {
                        break;
                    }
                    k += 1;
                } else {
                    break;
                }
            }
            // Keep a trailing period on abbreviations and initials.
            if at(k) == Some('.') {
                let w = &s[byte(start)..byte(k)];
                let single_cap = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
                if w.contains('.') || single_cap || is_abbreviation(w) {
                    k += 1;
                }
            } else if at(k) == Some('$')
                && k - start <= 3
                && chars[start..k].iter().all(|&(_, c)| c.is_ascii_uppercase())
            {
                // Currency prefixes: "C$", "US$", "HK$".
                k += 1;
            }
            kind = TokenKind::Word;
        } else if let Some(len) = clitic(&chars, k) {
            k += len;
            kind = TokenKind::Word;
        } else {
            k += 1;
            // Keep "..." and "--" whole.
            if matches!(c, '.' | '-') {
                while at(k) == Some(c) {
                    k += 1;
                }
            }
            kind = TokenKind::Punct;
        }
        out.push(Token {
            span: Span::new(line.start + lo + byte(start), line.start + lo + byte(k)),
            kind,
            line: line_no,
        });
    }
}

/// Length in chars of a clitic token at `k`: possessive `'s` right after a
/// word, or CoNLL-style text where clitics stand apart ("Libya 's",
/// "I 'm", "we 've"). `None` if `k` does not start one.
fn clitic(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let at = |j: usize| chars.get(j).map(|&(_, c)| c);
    if !at(k).is_some_and(is_apostrophe) || k == 0 {
        return None;
    }
    let prev = chars[k - 1].1;
    let spaced = prev == ' ' && k >= 2 && chars[k - 2].1.is_alphanumeric();
    let mut len = 1;
    while at(k + len).is_some_and(|c| c.is_alphabetic()) {
        len += 1;
    }
    if at(k + len).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let body: String = chars[k + 1..k + len].iter().map(|&(_, c)| c.to_ascii_lowercase()).collect();
    match body.as_str() {
        "s" if prev.is_alphanumeric() || spaced => Some(len),
        "m" | "d" | "ll" | "ve" | "re" if spaced => Some(len),
        _ => None,
    }
}

fn is_mark(c: char) -> bool {
    // Combining marks (accents typed as separate code points).
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].span.text(text);
        let mut end_here = false;
        let mut last = i;
        if matches!(t, "." | "!" | "?" | "…" | "...") {
            while last + 1 < tokens.len()
                && tokens[last + 1].line == tokens[i].line
                && is_closer(tokens[last + 1].span.text(text))
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(n) if n.line != tokens[i].line => true,
                Some(n) => {
                    let nt = n.span.text(text);
                    nt.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        || matches!(nt, "\"" | "“" | "‘" | "'" | "(" | "«")
                }
            };
        }
        let line_ends = tokens.get(last + 1).is_none_or(|n| n.line != tokens[last].line);
        if end_here || line_ends {
            out.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                tokens: first..last + 1,
                line: tokens[first].line,
            });
            first = last + 1;
        }
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        Segments::new(s).tokens.iter().map(|t| t.span.text(s)).collect()
    }

    #[test]
    fn lines_handle_crlf_cr_and_blank_lines() {
        let t = "a\r\nb\rc\n\n  d  \n";
        let l: Vec<&str> = split_lines(t).iter().map(|s| s.text(t)).collect();
        assert_eq!(l, ["a", "b", "c", "d"]);
    }

    #[test]
    fn tokens_split_possessive_and_keep_abbreviations() {
        assert_eq!(
            toks("Norway’s U.S. forces, Gen. Halvard"),
            ["Norway", "’s", "U.S.", "forces", ",", "Gen.", "Halvard"]
        );
        assert_eq!(toks("al-Sarraj don't 1,200 1990s"), ["al-Sarraj", "don't", "1,200", "1990s"]);
        assert_eq!(toks("“Yes.”"), ["“", "Yes", ".", "”"]);
        // A user name stays one word; a lone or trailing underscore does not join.
        assert_eq!(toks("@mara_quist77 _x y_"), ["@", "mara_quist77", "_", "x", "y", "_"]);
    }

    #[test]
    fn conll_style_text_tokenizes_as_conll() {
        assert_eq!(toks("Kenya 's army"), ["Kenya", "'s", "army"]);
        assert_eq!(toks("I 'm sure we 've"), ["I", "'m", "sure", "we", "'ve"]);
        assert_eq!(toks("BRUSSELS 1996-08-22"), ["BRUSSELS", "1996-08-22"]);
        assert_eq!(toks("won 6-2 , a 20-year-old"), ["won", "6-2", ",", "a", "20-year-old"]);
        assert_eq!(
            toks("1. Paul Tergat ( Kenya ) 3."),
            ["1.", "Paul", "Tergat", "(", "Kenya", ")", "3", "."]
        );
        assert_eq!(toks("C$ 1.5 and US$2 $3"), ["C$", "1.5", "and", "US$", "2", "$", "3"]);
        // Not a clitic: a quote opened after a space.
        assert_eq!(toks("said 'sorry'"), ["said", "'", "sorry", "'"]);
    }

    #[test]
    fn a_long_line_tokenized_in_pieces_gives_the_same_tokens() {
        let t = "1. Kenya 's U.S. army , I 'm \u{a0}sure 1,200 won 6-2 \"no.\" x\u{200b}y C$ 1.5 ... -- Norway’s al-Sarraj 3. ";
        let text = format!("  {}", t.repeat(20));
        let line = Span::new(2, text.trim_end().len());
        let mut whole = Vec::new();
        tokenize_in_pieces(&text, line, 0, usize::MAX, &mut whole);
        assert!(whole.len() > 400);
        for piece in [1, 2, 3, 5, 8, 13, 40, 100] {
            let mut pieces = Vec::new();
            tokenize_in_pieces(&text, line, 0, piece, &mut pieces);
            assert_eq!(pieces, whole, "pieces of {piece} bytes");
        }
    }

    #[test]
    fn nbsp_and_emoji_are_handled() {
        assert_eq!(toks("Mara\u{a0}Quist 👍 café"), ["Mara", "Quist", "👍", "café"]);
    }

    #[test]
    fn sentences_split_on_terminal_punctuation_not_abbreviations() {
        let t = "Mr. Smith left. He said “no.” Then Gen. Lee came.\nNew line";
        let s = Segments::new(t);
        let got: Vec<&str> = s.sentences.iter().map(|x| x.span.text(t)).collect();
        assert_eq!(got, ["Mr. Smith left.", "He said “no.”", "Then Gen. Lee came.", "New line"]);
    }
}
