//! Outward forms of an [`Annotation`]: the scorer's JSON record (with offsets
//! in code points or UTF-16 units) and a standalone highlighted HTML page.

use crate::annotation::{Annotation, Span};
use crate::offsets::{OffsetMap, Unit};
use serde::Serialize;

/// One mention of an entity, as exported (JSON key `entities`, the scorer's name).
#[derive(Debug, Clone, Serialize)]
pub struct MentionRecord {
    /// Start offset, in the record's unit.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// PERSON, ORG, PLACE, DATE or MISC.
    pub label: &'static str,
    /// Index into `groups`.
    pub entity: usize,
    /// The mention as written.
    pub text: String,
    /// The mention lies in a boilerplate line.
    pub boilerplate: bool,
}

/// One entity: the mentions that name the same thing (JSON key `groups`).
#[derive(Debug, Clone, Serialize)]
pub struct EntityRecord {
    /// Its index in `groups`.
    pub id: usize,
    /// PERSON, ORG, PLACE, DATE or MISC.
    pub label: &'static str,
    /// The fullest form in the text.
    pub name: String,
    /// Indices into `entities` (the mentions).
    pub mentions: Vec<usize>,
}

/// One direct quotation.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRecord {
    /// Offset of the opening mark.
    pub start: usize,
    /// Offset just past the closing mark.
    pub end: usize,
    /// The speaker's canonical name, when resolved.
    pub speaker: Option<String>,
    /// The mention next to the quote that names the speaker ("he", "the spokesman").
    pub speaker_span: Option<[usize; 2]>,
    /// Index into `groups` of the speaker's entity.
    pub speaker_entity: Option<usize>,
    /// The quote was never closed; it ends at its paragraph's end.
    pub unclosed: bool,
    /// "speech", "partial", "title" or "scare".
    pub kind: &'static str,
}

/// One boilerplate line.
#[derive(Debug, Clone, Serialize)]
pub struct BoilerplateRecord {
    /// Start of the line.
    pub start: usize,
    /// End of the line (exclusive, before its newline).
    pub end: usize,
    /// ad, caption, promo, share, subscribe, navigation, comments, legal or other.
    pub kind: &'static str,
}

/// One line of the article's header.
#[derive(Debug, Clone, Serialize)]
pub struct PartRecord {
    /// Start of the line.
    pub start: usize,
    /// End of the line (exclusive, before its newline).
    pub end: usize,
    /// headline, standfirst, byline, date or outlet.
    pub part: &'static str,
}

/// The scorer's schema (../shared/eval/score.py) plus entity groups and the article's parts.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The document's id, when the caller gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The annotated text, when the caller wants it back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Every mention, in text order.
    pub entities: Vec<MentionRecord>,
    /// Every entity.
    pub groups: Vec<EntityRecord>,
    /// Every quotation, in text order.
    pub quotes: Vec<QuoteRecord>,
    /// Every boilerplate line, in text order.
    pub boilerplate: Vec<BoilerplateRecord>,
    /// The article's header lines, in text order.
    pub parts: Vec<PartRecord>,
    /// The text's language: an ISO 639-1 code, or "und" when it cannot be told.
    pub language: &'static str,
}

/// Convert `ann` (byte offsets into `text`) to a record with offsets in `unit`.
pub fn record(text: &str, ann: &Annotation, unit: Unit) -> Record {
    let map = OffsetMap::new(text);
    let conv = |s: Span| (map.from_byte(s.start, unit), map.from_byte(s.end, unit));
    // Both lists are sorted by start: one forward walk flags every mention.
    let mut bp = ann.boilerplate.iter().map(|b| b.span).peekable();
    let mut in_boilerplate = |s: Span| {
        while bp.peek().is_some_and(|b| b.end <= s.start) {
            bp.next();
        }
        bp.peek().is_some_and(|b| b.overlaps(s))
    };
    Record {
        id: None,
        text: None,
        entities: ann
            .mentions
            .iter()
            .map(|m| {
                let (start, end) = conv(m.span);
                MentionRecord {
                    start,
                    end,
                    label: m.label.as_str(),
                    entity: m.entity,
                    text: m.span.text(text).to_string(),
                    boilerplate: in_boilerplate(m.span),
                }
            })
            .collect(),
        groups: ann
            .entities
            .iter()
            .enumerate()
            .map(|(id, e)| EntityRecord {
                id,
                label: e.label.as_str(),
                name: e.name.clone(),
                mentions: e.mentions.clone(),
            })
            .collect(),
        quotes: ann
            .quotes
            .iter()
            .map(|q| {
                let (start, end) = conv(q.span);
                let sp = q.speaker.as_ref();
                QuoteRecord {
                    start,
                    end,
                    speaker: sp.and_then(|s| s.name.clone()),
                    speaker_span: sp.map(|s| {
                        let (a, b) = conv(s.span);
                        [a, b]
                    }),
                    speaker_entity: sp.and_then(|s| s.entity),
                    unclosed: q.unclosed,
                    kind: q.kind.as_str(),
                }
            })
            .collect(),
        boilerplate: ann
            .boilerplate
            .iter()
            .map(|b| {
                let (start, end) = conv(b.span);
                BoilerplateRecord { start, end, kind: b.kind.as_str() }
            })
            .collect(),
        parts: ann
            .parts
            .iter()
            .map(|p| {
                let (start, end) = conv(p.span);
                PartRecord { start, end, part: p.kind.as_str() }
            })
            .collect(),
        language: if ann.language.is_empty() { "und" } else { ann.language },
    }
}

/// The record of `text` (offsets in code points, `text` included): what `annotate FILE`
/// prints, and the Python package's `annotate`.
pub fn text_record(text: &str, opts: &crate::Options) -> Record {
    let mut rec = record(text, &crate::annotate(text, opts), Unit::CodePoint);
    rec.text = Some(text.to_string());
    rec
}

/// The record of HTML (offsets in code points into the derived text, which is included):
/// what `annotate --from-html` prints for a UTF-8 page, and the Python package's `annotate_html`.
pub fn html_record(html: &str, opts: &crate::Options) -> Record {
    derived_text_record(crate::annotate_html(html, opts))
}

/// The record of a page's bytes in any encoding ([`crate::annotate_html_bytes`]): what
/// `annotate --from-html FILE` prints, and the Python package's `annotate_html` for `bytes`.
#[cfg(not(target_arch = "wasm32"))]
pub fn html_bytes_record(bytes: &[u8], opts: &crate::Options) -> Record {
    derived_text_record(crate::annotate_html_bytes(bytes, opts))
}

/// The record of an HTML annotation, with the text derived from the page included.
fn derived_text_record(out: crate::HtmlAnnotation) -> Record {
    let mut rec = record(&out.text, &out.annotation, Unit::CodePoint);
    rec.text = Some(out.text);
    rec
}

/// One line of `annotate --jsonl`: a JSON object with a `"text"` or an `"html"` string and
/// an optional `"id"` (a non-string id is kept as its JSON text) in, one JSON record out.
/// The Python package's `annotate_many` goes through it too, so both give the same bytes.
#[cfg(not(target_arch = "wasm32"))]
pub fn jsonl_line(line: &str, opts: &crate::Options) -> Result<String, crate::Error> {
    use crate::Error;
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| Error::BadRequest(e.to_string()))?;
    let mut rec = if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
        text_record(text, opts)
    } else if let Some(src) = v.get("html").and_then(|t| t.as_str()) {
        html_record(src, opts)
    } else {
        return Err(Error::BadRequest("no \"text\" or \"html\" string".into()));
    };
    rec.id = v.get("id").map(|id| id.as_str().map_or_else(|| id.to_string(), str::to_string));
    serde_json::to_string(&rec).map_err(|e| Error::BadRequest(e.to_string()))
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// A standalone HTML page showing `text` with its annotation highlighted.
/// The text is escaped; nothing in it is ever markup.
pub fn html(text: &str, ann: &Annotation, title: &str) -> String {
    // Cut the text at every span boundary; each piece carries the classes of
    // all spans covering it, so overlapping layers never break the nesting.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in &ann.mentions {
        cuts.extend([m.span.start, m.span.end]);
    }
    for q in &ann.quotes {
        cuts.extend([q.span.start, q.span.end]);
        if let Some(s) = &q.speaker {
            cuts.extend([s.span.start, s.span.end]);
        }
    }
    for b in &ann.boilerplate {
        cuts.extend([b.span.start, b.span.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    // Classes and tooltips of each piece, layer by layer (boilerplate,
    // quotes, speakers, mentions); a span marks the pieces it covers, found
    // by binary search, so the page costs time linear in its spans.
    let n = cuts.len().saturating_sub(1);
    let mut classes: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut tips: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut mark = |span: Span, class: String, tip: Option<String>| {
        let lo = cuts.partition_point(|&c| c < span.start);
        let hi = cuts.partition_point(|&c| c <= span.end).saturating_sub(1);
        for k in lo..hi.min(n) {
            classes[k].push(class.clone());
            if let Some(t) = &tip {
                tips[k].push(t.clone());
            }
        }
    };
    for b in &ann.boilerplate {
        mark(b.span, "bp".into(), Some(format!("boilerplate: {}", b.kind.as_str())));
    }
    for q in &ann.quotes {
        let who = q.speaker.as_ref().and_then(|s| s.name.clone()).unwrap_or_else(|| "unknown".into());
        mark(q.span, "q".into(), Some(format!("quote by {who}")));
    }
    for s in ann.quotes.iter().filter_map(|q| q.speaker.as_ref()) {
        mark(s.span, "spk".into(), None);
    }
    for m in &ann.mentions {
        let name = ann.entities.get(m.entity).map_or("", |e| e.name.as_str());
        mark(m.span, format!("e {}", m.label.as_str()), Some(format!("{} {}", m.label.as_str(), name)));
    }

    let mut body = String::with_capacity(text.len() * 2);
    for (k, w) in cuts.windows(2).enumerate() {
        let t = Span::new(w[0], w[1]).text(text);
        if classes[k].is_empty() {
            escape_into(&mut body, t);
        } else {
            body.push_str("<span class=\"");
            escape_into(&mut body, &classes[k].join(" "));
            body.push_str("\" title=\"");
            escape_into(&mut body, &tips[k].join("; "));
            body.push_str("\">");
            escape_into(&mut body, t);
            body.push_str("</span>");
        }
    }
    let mut page = String::with_capacity(body.len() + 2048);
    page.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    page.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>");
    escape_into(&mut page, title);
    page.push_str("</title>\n<style>\n");
    page.push_str(&html_css());
    page.push_str("</style></head><body><main><pre>");
    page.push_str(&body);
    page.push_str("</pre></main></body></html>\n");
    page
}

/// The one palette of the annotations (www/palette.js, shared with the page,
/// its element and its exports): one `key: ['#light', '#dark'],` per line.
const PALETTE: &str = include_str!("../www/palette.js");

/// `(key, light, dark)` for each colour line of [`PALETTE`].
fn palette() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    PALETTE.lines().filter_map(|line| {
        let (key, rest) = line.trim().split_once(": [")?;
        let key = key.trim_matches('\'');
        let is_colour =
            |c: &&str| c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit());
        let mut colours = rest.split('\'').filter(is_colour);
        let ok = key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if ok {
            Some((key, colours.next()?, colours.next()?))
        } else {
            None
        }
    })
}

/// The export page's style: the palette as custom properties (dark ones by
/// the reader's colour scheme), then the rules that use them.
fn html_css() -> String {
    let mut light = String::from(":root{color-scheme:light dark;");
    let mut dark =
        String::from("@media (prefers-color-scheme:dark){body{background:#121212;color:#e6e6e6}:root{");
    for (key, l, d) in palette() {
        light.push_str(&format!("--{key}:{l};"));
        dark.push_str(&format!("--{key}:{d};"));
    }
    light.push_str("}\n");
    dark.push_str("}}\n");
    light + HTML_RULES + &dark
}

const HTML_RULES: &str = "body{font:16px/1.6 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
pre{white-space:pre-wrap;font:inherit}
.e{border-radius:3px;padding:0 1px;background:var(--other)}
.PERSON{background:var(--PERSON)}.ORG{background:var(--ORG)}.PLACE{background:var(--PLACE)}.DATE{background:var(--DATE)}.MISC{background:var(--MISC)}
.q{background:var(--quote-bg);box-shadow:inset 0 -2px 0 var(--quote-line)}.spk{text-decoration:underline 2px var(--quote-line)}
.bp{color:var(--bp-fg);background:var(--bp-bg);text-decoration:line-through}
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::*;

    #[test]
    fn record_uses_requested_units() {
        let text = "👍 Ann";
        let ann = Annotation {
            mentions: vec![Mention { span: Span::new(5, 8), label: Label::Person, entity: 0 }],
            entities: vec![Entity { label: Label::Person, name: "Ann".into(), mentions: vec![0] }],
            ..Default::default()
        };
        let cp = record(text, &ann, Unit::CodePoint);
        assert_eq!((cp.entities[0].start, cp.entities[0].end), (2, 5));
        let u16 = record(text, &ann, Unit::Utf16);
        assert_eq!((u16.entities[0].start, u16.entities[0].end), (3, 6));
    }

    #[test]
    fn html_takes_every_colour_from_the_palette() {
        let keys: Vec<&str> = palette().map(|(k, _, _)| k).collect();
        for key in
            ["PERSON", "ORG", "PLACE", "DATE", "MISC", "other", "quote-bg", "quote-line", "bp-bg", "bp-fg"]
        {
            assert!(keys.contains(&key), "{key} missing from www/palette.js as read here: {keys:?}");
        }
        assert!(palette().all(|(_, l, d)| l.len() == 7 && d.len() == 7 && l != d));
        let css = html_css();
        assert!(css.contains("--PERSON:#") && css.contains("var(--PERSON)"));
        // Every var() used has its custom property defined.
        for used in css.split("var(--").skip(1) {
            let key = &used[..used.find(')').unwrap_or(0)];
            assert!(keys.contains(&key), "var(--{key}) used but not in the palette");
        }
    }

    #[test]
    fn html_escapes_the_text() {
        let page = html("<img src=x onerror=alert(1)>", &Annotation::default(), "t");
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!page.contains("<img"));
    }
}
