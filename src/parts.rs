//! The article's own header: its headline, standfirst, byline and date line. These lines are neither body nor boilerplate: a reader sees
//! them first, so they are never dimmed, and the page shows them as the
//! article's header.
//!
//! The header sits just above the body's first paragraph (the first line of
//! prose that the boilerplate layer keeps). In the few lines above it:
//! - a **byline** opens with "By" and names people, or is made only of person
//!   names ("Ann Ruiz and Tom Reyes");
//! - a **date line** is mostly a date and time ("Updated 10:01 pm, Tuesday,
//!   November 19, 2019"); a line with both is a byline;
//! - the **headline** is the title-shaped line (a few words, no full stop)
//!   nearest the top of that run of header lines;
//! - a **standfirst** is a line of prose between the headline and the byline
//!   or date (when the first prose line is followed by a byline, it was the
//!   standfirst and the body starts after).
//!
//! A text that opens straight with prose has no header, and a text with no
//! prose at all has none either (nothing to be the header of).

use crate::annotation::{BoilerKind, Boilerplate, Label, Mention, Part, PartKind, Span};
use crate::boilerplate::features;
use crate::entities::dates::is_month_word;
use crate::lexicon::word_hash_set;
use crate::segment::{Segments, TokenKind};

/// How many lines above the body's first paragraph may be the header's (lines the
/// boilerplate lexicon names and short dimmed lines are passed over, not counted) ...
const HEAD_WINDOW: usize = 8;
/// ... among at most this many lines above it.
const HEAD_SCAN: usize = 40;
/// A headline has this many words or fewer (and at least [`HEADLINE_MIN_WORDS`]).
const HEADLINE_MAX_WORDS: usize = 30;
const HEADLINE_MIN_WORDS: usize = 3;
/// A line of prose, for the body's start: this many words and a sentence end.
const PROSE_WORDS: usize = 12;

/// One line's words and shape.
struct Line<'a> {
    text: &'a str,
    /// Word and number tokens, in order.
    words: Vec<&'a str>,
    /// Byte spans of the word and number tokens.
    spans: Vec<Span>,
}

fn line_of<'a>(seg: &Segments<'a>, i: usize, first_token: &mut usize) -> Line<'a> {
    let mut words = Vec::new();
    let mut spans = Vec::new();
    let toks = &seg.tokens;
    while *first_token < toks.len() && toks[*first_token].line < i {
        *first_token += 1;
    }
    let mut k = *first_token;
    while k < toks.len() && toks[k].line == i {
        if toks[k].kind != TokenKind::Punct {
            words.push(toks[k].span.text(seg.text));
            spans.push(toks[k].span);
        }
        k += 1;
    }
    Line { text: seg.lines[i].text(seg.text), words, spans }
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

/// The body's first paragraph: the first line of prose not marked boilerplate.
/// (A headline in Title Case that ends with a question mark is not prose.)
fn is_prose(l: &Line) -> bool {
    let alpha: Vec<&&str> = l.words.iter().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let caps = alpha.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    l.words.len() >= PROSE_WORDS && ends_sentence(l.text) && caps * 10 < alpha.len() * 7
}

fn is_time(w: &str) -> bool {
    // 10:01, 7:45, 2019-11-18, 11/18/2019, 2019-11-18T22:05:36Z, 08.05
    let digits = w.chars().filter(char::is_ascii_digit).count();
    digits >= 2 && w.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '-' | '/' | '.' | 'T' | 'Z' | 't' | 'z'))
        && w.chars().any(|c| matches!(c, ':' | '-' | '/' | '.'))
}

fn is_weekday(low: &str) -> bool {
    word_hash_set!(dates, "weekday").contains(&low) || word_hash_set!(dates, "weekday_abbr").contains(&low)
}

/// The share of a line's words that belong to a date or time, and whether it
/// holds a strong date word (a month, a weekday, a year or a written-out date).
fn date_share(l: &Line) -> (f64, bool) {
    let extra = word_hash_set!(parts, "date-line-words");
    let mut dated = 0usize;
    let mut strong = false;
    for w in &l.words {
        let low = w.to_lowercase();
        let low = low.trim_end_matches('.');
        let year = low.len() == 4 && low.starts_with(['1', '2']) && low.bytes().all(|b| b.is_ascii_digit());
        let small_number = low.len() <= 2 && low.bytes().all(|b| b.is_ascii_digit());
        let ordinal = low.len() <= 4
            && low.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len() < low.len()
            && low.trim_end_matches(|c: char| c.is_ascii_alphabetic()).bytes().all(|b| b.is_ascii_digit())
            && ["st", "nd", "rd", "th"].iter().any(|s| low.ends_with(s))
            && low.as_bytes()[0].is_ascii_digit();
        let month = is_month_word(low);
        let weekday = is_weekday(low);
        let timed = is_time(low);
        let time = timed && low.matches('.').count() <= 1;
        let full_date = timed && low.len() >= 8 && (low.contains('-') || low.contains('/'));
        if month || weekday || year || full_date || low == "ago" {
            strong = true;
        }
        if month || weekday || year || time || full_date || small_number || ordinal || extra.contains(&low) {
            dated += 1;
        }
    }
    (dated as f64 / l.words.len().max(1) as f64, strong)
}

fn is_date_line(l: &Line) -> bool {
    if l.words.is_empty() || l.words.len() > 20 || (l.words.len() >= 6 && ends_sentence(l.text)) {
        return false;
    }
    let (share, strong) = date_share(l);
    strong && share >= 0.5
}

/// A date line that opens with who wrote it ("Example Press | Updated : 19 November 2019",
/// "Outlet October 6, 2018"): capitalised words naming an organisation or a person before
/// the first date word. The guideline calls a line with both a byline.
fn source_before_date(l: &Line, span: Span, mentions: &[Mention]) -> bool {
    let extra = word_hash_set!(parts, "date-line-words");
    let Some(k) = l.words.iter().position(|w| {
        let low = w.to_lowercase();
        let low = low.trim_end_matches('.');
        is_month_word(low) || is_weekday(low) || is_time(low) || extra.contains(&low) || low.starts_with(|c: char| c.is_ascii_digit())
    }) else {
        return false;
    };
    if k == 0 || !l.words[..k].iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return false;
    }
    let prefix = Span::new(span.start, l.spans[k - 1].end);
    [Label::Org, Label::Person].iter().any(|&lab| covered_by(mentions, prefix, lab).iter().any(|m| m.end <= prefix.end))
}

/// The mentions of `label` inside `span`.
fn covered_by(mentions: &[Mention], span: Span, label: Label) -> Vec<Span> {
    let from = mentions.partition_point(|m| m.span.end <= span.start);
    mentions[from..]
        .iter()
        .take_while(|m| m.span.start < span.end)
        .filter(|m| m.label == label)
        .map(|m| m.span)
        .collect()
}

/// Word index after a byline opener ("By", "Written by") at the line's start.
fn byline_opener(l: &Line) -> Option<usize> {
    let openers = word_hash_set!(parts, "byline-openers");
    let low: Vec<String> = l.words.iter().take(2).map(|w| w.to_lowercase()).collect();
    if low.len() >= 2 && openers.contains(&format!("{} {}", low[0], low[1]).as_str()) {
        return Some(2);
    }
    (!low.is_empty() && openers.contains(&low[0].as_str())).then_some(1)
}

fn is_byline(l: &Line, span: Span, mentions: &[Mention]) -> bool {
    // (A photo credit, "(Ann Ruiz / Example Press)", names who took the picture.)
    if l.words.is_empty() || l.words.len() > 16 || l.text.trim_start().starts_with('@') || credit(l.text) {
        return false;
    }
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if let Some(k) = byline_opener(l) {
        // "By Ann Ruiz", "By Reuters", "BY ANN RUIZ, Tuesday 5 May": names follow, not a sentence.
        return l.words.get(k).is_some_and(capitalised) && !(l.words.len() >= 8 && ends_sentence(l.text));
    }
    // "Ann Ruiz", "Ann Ruiz and Tom Reyes", "Ann Ruiz, Tom Reyes | 5 May 2024", "Ann Ruiz
    // Example Daily": person names first, then names, dates or an outlet; no other words.
    let people = covered_by(mentions, span, Label::Person);
    if people.is_empty() || l.words.len() > 10 || !l.spans.first().is_some_and(|s| people.iter().any(|p| p.contains(*s))) {
        return false;
    }
    let extra = word_hash_set!(parts, "date-line-words");
    let named = l.spans.iter().filter(|s| people.iter().any(|p| p.contains(**s))).count();
    named * 2 >= l.words.len()
        && l.words.iter().all(|w| {
            let low = w.to_lowercase();
            capitalised(w)
                || low == "and"
                || w.bytes().all(|b| b.is_ascii_digit())
                || is_time(w)
                || extra.contains(&low.as_str())
        })
}

/// A line that opens like a page's own prompt or label ("Share", "Follow us on", "Media
/// caption"), never a headline.
fn page_prompt(text: &str) -> bool {
    let low = text.trim_start().to_lowercase();
    crate::lexicon::parts().forms("not-headline").any(|p| {
        low.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
    })
}

/// A short line of capitalised words and commas, no sentence: an author's or agency's name.
fn name_shaped(l: &Line) -> bool {
    !l.words.is_empty()
        && l.words.len() <= 6
        && !l.text.contains('@')
        && !ends_sentence(l.text)
        && l.words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A photo credit or caption tag: "Name/Agency", or a closing bracket of a few words
/// ("(AFP)", "(Ann Ruiz / Example Press)").
fn credit(text: &str) -> bool {
    let t = text.trim_end();
    let tail: Vec<&str> = t.split_whitespace().rev().take(5).collect();
    features::credit_like(t, &t.to_lowercase())
        || t.ends_with(')') && t.rfind('(').is_some_and(|k| t[k..].split_whitespace().count() <= 5)
        || tail.len() >= 3 && tail[1..tail.len() - 1].contains(&"/")
}

/// Two sentences or more ("... in Tarnow. Ann Ruiz/Example Press"): a caption, not a title.
/// A full stop after an abbreviation or an initial ("Rep.", "U.S.", "J.") does not end one.
fn sentences(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    // (A kicker of a word or two before a full stop, "Amnesty. More than ...", is no sentence.)
    words.windows(2).skip(3).any(|w| {
        let stem = w[0].trim_end_matches('.');
        w[0].ends_with('.')
            && w[1].chars().next().is_some_and(char::is_uppercase)
            && stem.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !stem.contains('.')
            && !crate::segment::is_abbreviation(w[0])
    })
}

fn title_shaped(l: &Line) -> bool {
    let n = l.words.len();
    let t = l.text.trim_end();
    (HEADLINE_MIN_WORDS..=HEADLINE_MAX_WORDS).contains(&n)
        && !t.ends_with(['.', ',', ':', ';'])
        && !credit(t)
        && !sentences(t)
        && !t.contains("://")
        && !t.contains("www.")
        && l.words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && l.words.iter().filter(|w| w.chars().any(char::is_alphabetic)).count() * 2 > n
}

/// A page title without the outlet after its last separator ("Headline - Outlet" ->
/// "Headline"), trimmed.
fn title_stem(text: &str) -> &str {
    let t = text.trim();
    [" - ", " | ", " – ", " — ", " :: "]
        .iter()
        .filter_map(|sep| t.rsplit_once(sep).map(|(a, _)| a.trim()))
        .filter(|a| a.split_whitespace().count() >= HEADLINE_MIN_WORDS)
        .max_by_key(|a| a.len())
        .unwrap_or(t)
}

/// Two titles that say the same: most of the shorter one's words are in the other.
fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    !short.is_empty() && short.iter().filter(|w| long.contains(w)).count() * 4 >= short.len() * 3
}

/// The article's parts in `seg`, given the boilerplate lines found and the entity mentions
/// (sorted by start).
pub fn detect(seg: &Segments, mentions: &[Mention], boilerplate: &[Boilerplate]) -> Vec<Part> {
    let n = seg.lines.len();
    let mut first_token = 0;
    let lines: Vec<Line> = (0..n).map(|i| line_of(seg, i, &mut first_token)).collect();
    let mut dimmed = vec![false; n];
    {
        let mut b = boilerplate.iter().peekable();
        for (i, span) in seg.lines.iter().enumerate() {
            while b.peek().is_some_and(|x| x.span.end <= span.start) {
                b.next();
            }
            dimmed[i] = b.peek().is_some_and(|x| x.span.overlaps(*span));
        }
    }
    let Some(mut body) = (0..n).find(|&i| !dimmed[i] && is_prose(&lines[i])) else {
        return Vec::new();
    };
    // What the boilerplate lexicon names outright (a share button, a caption credit).
    let named = |i: usize| features::lexicon_hits(lines[i].text).kind();
    let furniture = |i: usize| {
        named(i).is_some_and(|k| {
            matches!(
                k,
                BoilerKind::Ad
                    | BoilerKind::Share
                    | BoilerKind::Subscribe
                    | BoilerKind::Navigation
                    | BoilerKind::Comments
                    | BoilerKind::Legal
            )
        })
    };
    let kind_of = |i: usize| -> Option<PartKind> {
        if furniture(i) {
            None
        } else if is_byline(&lines[i], seg.lines[i], mentions) {
            Some(PartKind::Byline)
        } else if is_date_line(&lines[i]) {
            Some(if source_before_date(&lines[i], seg.lines[i], mentions) { PartKind::Byline } else { PartKind::Date })
        } else {
            None
        }
    };
    let mut parts: Vec<(usize, PartKind)> = Vec::new();
    // A first prose line followed by a byline or date line is the standfirst.
    let (after, kinds): (Vec<usize>, Vec<PartKind>) =
        (body + 1..n.min(body + 3)).map_while(|i| Some((i, kind_of(i)?))).unzip();
    if let Some(&last) = after.last() {
        if let Some(next) = (last + 1..n).find(|&i| !dimmed[i] && is_prose(&lines[i])) {
            parts.push((body, PartKind::Standfirst));
            parts.extend(after.iter().zip(&kinds).map(|(&i, &k)| (i, k)));
            body = next;
        }
    }
    // The header run above the body, climbing over up to HEAD_WINDOW lines that could be
    // the header's (furniture and short dimmed lines between them are passed over): byline
    // and date lines, title-shaped lines and decks. An undimmed line that is none of these
    // ends it.
    let mut run: Vec<usize> = Vec::new(); // title-shaped or deck lines, bottom up
    let mut names: Vec<usize> = Vec::new(); // short capitalised lines ("REUTERS", "Ann Ruiz")
    let mut seen = 0;
    for i in (body.saturating_sub(HEAD_SCAN)..body).rev() {
        if seen == HEAD_WINDOW {
            break;
        }
        if parts.iter().any(|&(j, _)| j == i) {
            continue;
        }
        // A bare time ("10 p.m.", a live blog's entry stamp) is passed over.
        let time_only = !lines[i].words.is_empty() && date_share(&lines[i]) == (1.0, false);
        // A link to the article in another script ("阅读简体中文版") is page furniture.
        let other_script = !lines[i].words.is_empty()
            && lines[i].words.iter().all(|w| !w.chars().any(|c| c.is_ascii_alphabetic()))
            && lines[i].words.iter().any(|w| w.chars().any(char::is_alphabetic));
        if furniture(i) || time_only || other_script {
            continue;
        }
        let kind = kind_of(i);
        if dimmed[i] && lines[i].words.len() < HEADLINE_MIN_WORDS && kind.is_none() {
            continue;
        }
        seen += 1;
        if let Some(k) = kind {
            parts.push((i, k));
        } else if title_shaped(&lines[i]) || lines[i].words.len() >= 8 {
            run.push(i);
        } else if name_shaped(&lines[i]) && !credit(lines[i].text) {
            names.push(i);
        } else if !dimmed[i] {
            break;
        }
    }
    // The headline: the best title-shaped line of the run (kept by the boilerplate layer, of
    // headline length, capitalised, just above the byline or date, near the body).
    let score = |rank: usize, i: usize| -> f64 {
        let l = &lines[i];
        let caps = l.words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count() as f64
            / l.words.len().max(1) as f64;
        let above_part = parts.iter().any(|&(j, _)| j > i && (i + 1..j).all(|k| dimmed[k] || run.contains(&k)));
        2.0 * f64::from(u8::from(!dimmed[i]))
            + 1.5 * l.words.len().min(12) as f64 / 12.0
            + caps
            + 2.0 * f64::from(u8::from(above_part))
            - 0.25 * rank as f64
    };
    // A line that may be the headline: title-shaped, and not what the page names or prompts.
    let headline_like =
        |i: usize| title_shaped(&lines[i]) && named(i).is_none() && !page_prompt(lines[i].text);
    let headline = run
        .iter()
        .enumerate()
        .filter(|&(_, &i)| headline_like(i))
        .map(|(rank, &i)| (score(rank, i), i))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i);
    // A whole page pasted opens with its title ("Headline - Outlet"). When the climb found no
    // headline, the headline is the line below that repeats the title, or else the first
    // title-shaped line standing right above a byline or date line, however much page
    // furniture stands between it and the body.
    let first = (0..body).find(|&i| !lines[i].words.is_empty());
    let stem = first.map(|f| title_stem(lines[f].text));
    let next_line = |i: usize| (i + 1..body).find(|&k| !lines[k].words.is_empty());
    let echoed = if headline.is_some() {
        None
    } else {
        let f = first.unwrap_or(0);
        (f + 1..body)
            .find(|&i| Some(title_stem(lines[i].text)) == stem && headline_like(i))
            .or_else(|| (f..body).find(|&i| headline_like(i) && next_line(i).is_some_and(|k| kind_of(k).is_some())))
    };
    let headline = headline.or(echoed);
    // The byline and date lines right below a headline found from the title, and a
    // one-sentence deck.
    let below = |h: usize| -> Vec<(usize, PartKind)> {
        let mut out = Vec::new();
        let mut i = h;
        while let Some(k) = next_line(i).filter(|&k| k <= h + 6) {
            match kind_of(k) {
                Some(kind) => out.push((k, kind)),
                None if i == h && lines[k].words.len() >= 8 && named(k).is_none() && !sentences(lines[k].text) => {
                    out.push((k, PartKind::Standfirst))
                }
                None => break,
            }
            i = k;
        }
        out
    };
    if let Some(h) = echoed {
        parts.extend(below(h));
    }
    // The page title above a headline that says the same is a headline too.
    if let (Some(h), Some(f), Some(st)) = (headline, first, stem) {
        if f != h && headline_like(f) && same_words(st, title_stem(lines[h].text)) {
            parts.push((f, PartKind::Headline));
            for i in (f + 1..body).filter(|&i| i != h && title_stem(lines[i].text) == st) {
                parts.push((i, PartKind::Headline));
                parts.extend(below(i));
            }
        }
    }
    if let Some(h) = headline {
        // The headline, and the page title above that repeats it; decks between it and the body.
        let title = lines[h].text;
        parts.extend((0..body).filter(|&i| i == h || lines[i].text == title).map(|i| (i, PartKind::Headline)));
        parts.extend(
            run.iter()
                .filter(|&&i| i > h && lines[i].words.len() >= 8 && named(i).is_none())
                .map(|&i| (i, PartKind::Standfirst)),
        );
        // A short line of names between the headline and the body is its byline.
        parts.extend(names.iter().filter(|&&i| i > h).map(|&i| (i, PartKind::Byline)));
    }
    parts.sort_by_key(|&(i, _)| i);
    parts.dedup_by_key(|&mut (i, _)| i);
    // A short line of names right above a date line, under a headline or another header line
    // or opening the header, is the byline ("REUTERS", "Ann Ruiz", "Example Press, Washington");
    // so is such a line taken for a second headline ("The Example Press").
    let headlines = parts.iter().filter(|p| p.1 == PartKind::Headline).count();
    // (name_shaped: one to six capitalised words, no sentence end.)
    let byline_shaped =
        |b: usize| name_shaped(&lines[b]) && !furniture(b) && named(b).is_none() && !page_prompt(lines[b].text);
    let mut bylines: Vec<usize> = Vec::new();
    for (k, &(d, kind)) in parts.iter().enumerate() {
        if kind != PartKind::Date {
            continue;
        }
        let above = k.checked_sub(1).map(|j| parts[j]);
        let from = above.map_or(body.saturating_sub(HEAD_SCAN), |(j, _)| j + 1);
        let content: Vec<usize> = (from..d).filter(|&i| !lines[i].words.is_empty() && !furniture(i)).collect();
        match (above, content.as_slice()) {
            (Some(_), [b]) | (None, [.., b]) if byline_shaped(*b) => bylines.push(*b),
            (Some((j, PartKind::Headline)), []) if headlines > 1 && lines[j].words.len() <= 4 && byline_shaped(j) => {
                bylines.push(j)
            }
            _ => {}
        }
    }
    parts.retain(|p| !bylines.contains(&p.0));
    parts.extend(bylines.into_iter().map(|b| (b, PartKind::Byline)));
    parts.sort_by_key(|&(i, _)| i);
    parts.into_iter().map(|(i, kind)| Part { span: seg.lines[i], kind }).collect()
}

/// `boilerplate` less the lines that are parts (a header line is never dimmed).
pub fn undim(boilerplate: Vec<Boilerplate>, parts: &[Part]) -> Vec<Boilerplate> {
    if parts.is_empty() {
        return boilerplate;
    }
    boilerplate.into_iter().filter(|b| !parts.iter().any(|p| p.span.overlaps(b.span))).collect()
}

/// `parts` less those on a boilerplate line (where the boilerplate is trusted over the header).
pub fn outside(parts: Vec<Part>, boilerplate: &[Boilerplate]) -> Vec<Part> {
    parts.into_iter().filter(|p| !boilerplate.iter().any(|b| b.span.overlaps(p.span))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of `text` and the boilerplate lines they were found beside.
    fn detect_all(text: &str) -> (Vec<Part>, Vec<Boilerplate>) {
        let seg = Segments::new(text);
        let (mentions, _) = crate::entities::detect(&seg);
        let bp = crate::boilerplate::detect(&seg);
        (detect(&seg, &mentions, &bp), bp)
    }

    fn parts(text: &str) -> Vec<(PartKind, &str)> {
        detect_all(text).0.into_iter().map(|p| (p.kind, p.span.text(text))).collect()
    }

    const BODY: &str = "The harbour crane at Veldmark fell into the water on Tuesday night after winds reached 120 kilometres an hour, officials said.\n\n\
        Nobody was hurt, but the port will stay closed until divers have checked the wreck and the quay walls.";

    #[test]
    fn headline_byline_and_date_above_the_body() {
        let text = format!("Harbour crane collapses in a storm\n\nBy Ana Ruiz\n\nUpdated 10:01 pm, Tuesday, November 19, 2019\n\n{BODY}");
        assert_eq!(
            parts(&text),
            vec![
                (PartKind::Headline, "Harbour crane collapses in a storm"),
                (PartKind::Byline, "By Ana Ruiz"),
                (PartKind::Date, "Updated 10:01 pm, Tuesday, November 19, 2019"),
            ]
        );
    }

    #[test]
    fn a_standfirst_with_a_full_stop_before_the_byline() {
        let text = format!(
            "Harbour crane collapses in a storm\n\nWinds of 120 km/h toppled the crane, and the port will stay shut for a week at least.\n\nBY ANA RUIZ\n\n{BODY}"
        );
        let got = parts(&text);
        assert_eq!(got[0], (PartKind::Headline, "Harbour crane collapses in a storm"));
        assert_eq!(got[1].0, PartKind::Standfirst, "{got:?}");
        assert_eq!(got[2], (PartKind::Byline, "BY ANA RUIZ"));
    }

    #[test]
    fn a_typed_headline_with_a_colon_is_kept() {
        let text = format!("Family reunion: Mara Quist meets her brother after 40 years\n\n{BODY}");
        let (got, bp) = detect_all(&text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].kind, PartKind::Headline);
        assert!(undim(bp, &got).iter().all(|b| !b.span.overlaps(got[0].span)));
    }

    #[test]
    fn a_whole_page_finds_its_headline_by_the_title_or_the_date_below_it() {
        let nav: String = (0..60).map(|k| format!("Section {k}\n")).collect();
        // The page title ("Headline - Outlet") repeated by the headline far above the body.
        let text = format!(
            "Harbour crane collapses in a storm - The Daily Example\n\nHome\nNews\n{nav}\nHarbour crane collapses in a storm\n\nBy Ana Ruiz\n\n{nav}\n{BODY}"
        );
        let got = parts(&text);
        assert!(got.contains(&(PartKind::Headline, "Harbour crane collapses in a storm")), "{got:?}");
        assert!(got.contains(&(PartKind::Headline, "Harbour crane collapses in a storm - The Daily Example")), "{got:?}");
        assert!(got.contains(&(PartKind::Byline, "By Ana Ruiz")), "{got:?}");
        // A title-shaped line right above a date line.
        let text = format!(
            "Harbour crane collapses in a storm\n\nPublished November 20th, 2019 - 07:50 GMT\n\n{nav}\n{BODY}"
        );
        let got = parts(&text);
        assert_eq!(got[0], (PartKind::Headline, "Harbour crane collapses in a storm"), "{got:?}");
        assert_eq!(got[1], (PartKind::Date, "Published November 20th, 2019 - 07:50 GMT"), "{got:?}");
        // An agency's name between the headline and the date line is the byline.
        let text = format!("Harbour crane collapses in a storm\n\nEXAMPLE PRESS\n\n19 NOV 2019\n\n{BODY}");
        let got = parts(&text);
        assert!(got.contains(&(PartKind::Byline, "EXAMPLE PRESS")), "{got:?}");
        // ... also when it opens the header.
        let text = format!("Share\n\nEXAMPLE PRESS\n\nNov 20 2019, 11:06am\n\n{BODY}");
        let got = parts(&text);
        assert!(got.contains(&(PartKind::Byline, "EXAMPLE PRESS")), "{got:?}");
        // A page's own prompt is never a headline.
        assert!(!parts(&format!("Media playback is unsupported on your device\n\n{BODY}")).iter().any(|p| p.0 == PartKind::Headline));
    }

    #[test]
    fn a_title_case_question_is_a_headline_not_the_body() {
        let text = format!("Fact Check: Is An Oxygen Bar In The Old Town Selling Fresh Air For Ten Euros?\n\n{BODY}");
        let got = parts(&text);
        assert_eq!(got, vec![(PartKind::Headline, "Fact Check: Is An Oxygen Bar In The Old Town Selling Fresh Air For Ten Euros?")]);
    }

    #[test]
    fn a_photo_credit_under_the_headline_is_no_byline() {
        let text = format!(
            "Harbour crane collapses in a storm\n\n(Ana Ruiz / Example Press)\n\nBy Tom Reyes\n\nNov. 19, 2019\n\n{BODY}"
        );
        let got = parts(&text);
        assert!(!got.iter().any(|p| p.1 == "(Ana Ruiz / Example Press)"), "{got:?}");
        assert!(got.contains(&(PartKind::Byline, "By Tom Reyes")), "{got:?}");
    }

    #[test]
    fn prose_alone_has_no_header() {
        assert!(parts(BODY).is_empty());
        assert!(parts("").is_empty());
        assert!(parts("Short line\n\nAnother").is_empty());
    }

    #[test]
    fn date_lines() {
        let seg = Segments::new("18 NOV 2019\nPublished November 20th, 2019 - 07:29 GMT\n2019-11-18T22:05:36Z\nThe vote is on Monday in March.");
        let mut t = 0;
        let got: Vec<bool> = (0..4).map(|i| is_date_line(&line_of(&seg, i, &mut t))).collect();
        assert_eq!(got, vec![true, true, true, false]);
    }
}
