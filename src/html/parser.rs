//! HTML (a fragment or a whole page) -> the text a browser shows, plus per-line structure.
//!
//! A hand-written tokenizer (tags, attributes, comments, raw-text elements, character
//! references) feeding a flat tree builder: a stack of open elements with the implied end tags
//! that matter for text (p, li, dt/dd, tr/td/th, option, headings), no recursion anywhere, so
//! nesting depth is bounded only by memory, and every step moves forward through the input
//! (end tags find their element through per-name "topmost open index" links kept in the
//! stack entries, so no search of the stack), so time is linear in the input.
//! Nothing is executed or fetched.

use super::css::{inline_display, Display, Element, Sheet, State, Style};
use super::entities::lookup;

// ---------------------------------------------------------------- tag flags (ancestors)
pub const T_NAV: u32 = 1 << 0;
pub const T_ASIDE: u32 = 1 << 1;
pub const T_HEADER: u32 = 1 << 2;
pub const T_FOOTER: u32 = 1 << 3;
pub const T_FIGURE: u32 = 1 << 4;
pub const T_FIGCAPTION: u32 = 1 << 5;
pub const T_FORM: u32 = 1 << 6;
pub const T_BUTTON: u32 = 1 << 7;
pub const T_LI: u32 = 1 << 8;
pub const T_LIST: u32 = 1 << 9; // ul, ol, menu, dl
pub const T_TABLE: u32 = 1 << 10;
pub const T_A: u32 = 1 << 11;
pub const T_BLOCKQUOTE: u32 = 1 << 12;
pub const T_P: u32 = 1 << 13;
pub const T_ARTICLE: u32 = 1 << 14;
pub const T_MAIN: u32 = 1 << 15;
pub const T_H: u32 = 1 << 16; // h1-h6 (level in Line::heading)
pub const T_PRE: u32 = 1 << 17;
pub const T_TIME: u32 = 1 << 18;
pub const T_ADDRESS: u32 = 1 << 19;
pub const T_LABEL: u32 = 1 << 20;
pub const T_SECTION: u32 = 1 << 21;
pub const T_EM: u32 = 1 << 22; // em, i, strong, b
pub const T_SMALL: u32 = 1 << 23;
pub const T_CITE: u32 = 1 << 24;
pub const T_DIALOG: u32 = 1 << 25;
pub const T_DETAILS: u32 = 1 << 26;
pub const T_DL: u32 = 1 << 27;
pub const T_TD: u32 = 1 << 28;
pub const T_SPAN: u32 = 1 << 29;
pub const T_CODE: u32 = 1 << 30;
pub const T_SUP: u32 = 1 << 31;
#[cfg_attr(not(feature = "internals"), allow(dead_code))] // used in training (tools/)
pub const TAG_FLAG_NAMES: [&str; 32] = [
    "nav", "aside", "header", "footer", "figure", "figcaption", "form", "button", "li", "list", "table", "a",
    "blockquote", "p", "article", "main", "h", "pre", "time", "address", "label", "section", "em", "small", "cite",
    "dialog", "details", "dl", "td", "span", "code", "sup",
];

// ---------------------------------------------------------------- class/id word flags
/// Class/id words: data/lexicon/html.txt [class-words], one group per entry, the entry's
/// position its bit (the constants below name them; [`word_bits`] looks words up).
pub const W_SHARE: u64 = 1 << 0;
pub const W_SOCIAL: u64 = 1 << 1;
pub const W_RELATED: u64 = 1 << 2;
pub const W_PROMO: u64 = 1 << 3;
pub const W_AD: u64 = 1 << 4;
pub const W_COMMENT: u64 = 1 << 5;
pub const W_BYLINE: u64 = 1 << 6;
pub const W_AUTHOR: u64 = 1 << 7;
pub const W_CAPTION: u64 = 1 << 8;
pub const W_CREDIT: u64 = 1 << 9;
pub const W_FOOTER: u64 = 1 << 10;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_HEADER: u64 = 1 << 11;
pub const W_MENU: u64 = 1 << 12;
pub const W_NAV: u64 = 1 << 13;
pub const W_SUBSCRIBE: u64 = 1 << 14;
pub const W_NEWSLETTER: u64 = 1 << 15;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_SIDEBAR: u64 = 1 << 16;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_WIDGET: u64 = 1 << 17;
pub const W_COOKIE: u64 = 1 << 18;
pub const W_BREADCRUMB: u64 = 1 << 19;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_TAG: u64 = 1 << 20;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_META: u64 = 1 << 21;
pub const W_DATE: u64 = 1 << 22;
pub const W_TIME: u64 = 1 << 23;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_TITLE: u64 = 1 << 24;
pub const W_HEADLINE: u64 = 1 << 25;
pub const W_SUMMARY: u64 = 1 << 26;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_ARTICLE: u64 = 1 << 27;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_CONTENT: u64 = 1 << 28;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_HIDDEN: u64 = 1 << 29;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_MODAL: u64 = 1 << 30;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_TOOLS: u64 = 1 << 31;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_MEDIA: u64 = 1 << 32;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_LIST: u64 = 1 << 33;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_LINK: u64 = 1 << 34;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_SEARCH: u64 = 1 << 35;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_BIO: u64 = 1 << 36;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_NOTE: u64 = 1 << 37;
#[allow(dead_code)] // names a bit of the class words; the extractor reads every bit by index
pub const W_QUOTE: u64 = 1 << 38;
/// itemprop="articleBody" (set by the attribute, not by a class word list).
pub const W_ITEMPROP_BODY: u64 = 1 << 48;
pub const W_ITEMPROP_HEADLINE: u64 = 1 << 49;
pub const W_ITEMPROP_AUTHOR: u64 = 1 << 50;
pub const W_ITEMPROP_DATE: u64 = 1 << 51;
pub const W_ITEMPROP_DESC: u64 = 1 << 52;
pub const W_ROLE_NAV: u64 = 1 << 53;
pub const W_ROLE_MAIN: u64 = 1 << 54;
pub const W_ROLE_COMPLEMENTARY: u64 = 1 << 55;
pub const W_ROLE_BANNER: u64 = 1 << 56;
pub const W_ROLE_CONTENTINFO: u64 = 1 << 57;
pub const W_ROLE_ARTICLE: u64 = 1 << 58;

/// Look a lower-case word up in data/lexicon/html.txt [class-words]; the bits of every group
/// that lists it (entry `i` is bit `i`; at most 48 groups are read).
pub fn word_bits(w: &str) -> u64 {
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, u64>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (i, e) in crate::lexicon::html().entries("class-words").take(CLASS_GROUPS).enumerate() {
            for &f in &e.forms {
                *m.entry(f).or_insert(0u64) |= 1 << i;
            }
        }
        m
    });
    map.get(w).copied().unwrap_or(0)
}

/// Class-word groups (bits 0..48 of [`Line::words`]; bits 48.. are itemprop and role values).
pub const CLASS_GROUPS: usize = 48;

// ---------------------------------------------------------------- public types

/// One line of [`Page::text`] (never empty).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    /// Byte offsets into `Page::text`, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-6 if the line is in a heading element, else 0.
    pub heading: u8,
    /// Union over the line's text of the ancestors' tag flags (`T_*`).
    pub tags: u32,
    /// Tag flags of the ancestors of the line's first text (the block context).
    pub first_tags: u32,
    /// Union over the line's text of the ancestors' class/id/role/itemprop word flags (`W_*`).
    pub words: u64,
    /// Characters (code points, not counting collapsed whitespace) of the line inside `<a>`.
    pub link_chars: u32,
    /// Characters (code points) of the line.
    pub chars: u32,
    /// Id (index into `Page::blocks`) of the nearest block-level element of the line's first text.
    pub block: u32,
}

/// A block-level element (div, p, li, section, ...); index = id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    /// Parent block id (the root, id 0, is its own parent).
    pub parent: u32,
    /// Lower-case tag name of known tags, "" for others.
    pub tag: &'static str,
    /// This element's own tag flag(s) and word flags (not inherited).
    pub own_tags: u32,
    pub own_words: u64,
    /// Depth in blocks (root = 0).
    pub depth: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub text: String,
    pub lines: Vec<Line>,
    pub blocks: Vec<Block>,
    /// The document's `<title>` (collapsed whitespace), "" if none.
    pub title: String,
}

// ---------------------------------------------------------------- tags

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Inline (no line break).
    Inline,
    /// Block: line break before and after.
    Block,
    /// Paragraph-like: blank line before and after (p, h1-h6).
    Para,
    /// Table cell: separator.
    Cell,
    /// Contents never shown (script, style, svg, head, template, ...).
    Hidden,
}

#[derive(Clone, Copy)]
struct TagInfo {
    name: &'static str,
    kind: Kind,
    flag: u32,
    void: bool,
    /// Tokenizer reads the contents as raw text up to the matching end tag.
    raw: bool,
}

const fn ti(name: &'static str, kind: Kind, flag: u32, void: bool, raw: bool) -> TagInfo {
    TagInfo { name, kind, flag, void, raw }
}
use Kind::*;
/// Known tags, sorted by name (binary search). Index + 1 = tag id; 0 = unknown.
static TAGS: &[TagInfo] = &[
    ti("a", Inline, T_A, false, false),
    ti("abbr", Inline, 0, false, false),
    ti("address", Block, T_ADDRESS, false, false),
    ti("applet", Hidden, 0, false, false),
    ti("area", Inline, 0, true, false),
    ti("article", Block, T_ARTICLE, false, false),
    ti("aside", Block, T_ASIDE, false, false),
    ti("audio", Hidden, 0, false, false),
    ti("b", Inline, T_EM, false, false),
    ti("base", Inline, 0, true, false),
    ti("basefont", Inline, 0, true, false),
    ti("bgsound", Inline, 0, true, false),
    ti("blockquote", Block, T_BLOCKQUOTE, false, false),
    ti("body", Block, 0, false, false),
    ti("br", Inline, 0, true, false),
    ti("button", Inline, T_BUTTON, false, false),
    ti("canvas", Hidden, 0, false, false),
    ti("caption", Block, T_TABLE, false, false),
    ti("center", Block, 0, false, false),
    ti("cite", Inline, T_CITE, false, false),
    ti("code", Inline, T_CODE, false, false),
    ti("col", Inline, 0, true, false),
    ti("colgroup", Inline, 0, false, false),
    ti("datalist", Hidden, 0, false, false),
    ti("dd", Block, T_DL, false, false),
    ti("details", Block, T_DETAILS, false, false),
    ti("dialog", Block, T_DIALOG, false, false),
    ti("dir", Block, T_LIST, false, false),
    ti("div", Block, 0, false, false),
    ti("dl", Block, T_DL, false, false),
    ti("dt", Block, T_DL, false, false),
    ti("em", Inline, T_EM, false, false),
    ti("embed", Inline, 0, true, false),
    ti("fieldset", Block, T_FORM, false, false),
    ti("figcaption", Block, T_FIGCAPTION, false, false),
    ti("figure", Block, T_FIGURE, false, false),
    ti("footer", Block, T_FOOTER, false, false),
    ti("form", Block, T_FORM, false, false),
    ti("frame", Inline, 0, true, false),
    ti("frameset", Hidden, 0, false, false),
    ti("h1", Para, T_H, false, false),
    ti("h2", Para, T_H, false, false),
    ti("h3", Para, T_H, false, false),
    ti("h4", Para, T_H, false, false),
    ti("h5", Para, T_H, false, false),
    ti("h6", Para, T_H, false, false),
    ti("head", Hidden, 0, false, false),
    ti("header", Block, T_HEADER, false, false),
    ti("hgroup", Block, T_H, false, false),
    ti("hr", Block, 0, true, false),
    ti("html", Block, 0, false, false),
    ti("i", Inline, T_EM, false, false),
    ti("iframe", Hidden, 0, false, true),
    ti("img", Inline, 0, true, false),
    ti("input", Inline, T_FORM, true, false),
    ti("keygen", Inline, 0, true, false),
    ti("label", Inline, T_LABEL, false, false),
    ti("legend", Block, T_FORM, false, false),
    ti("li", Block, T_LI, false, false),
    ti("link", Inline, 0, true, false),
    ti("listing", Block, T_PRE, false, false),
    ti("main", Block, T_MAIN, false, false),
    ti("map", Inline, 0, false, false),
    ti("math", Hidden, 0, false, false),
    ti("menu", Block, T_LIST, false, false),
    ti("meta", Inline, 0, true, false),
    ti("meter", Hidden, 0, false, false),
    ti("nav", Block, T_NAV, false, false),
    ti("noembed", Hidden, 0, false, true),
    ti("noframes", Hidden, 0, false, true),
    ti("noscript", Hidden, 0, false, true),
    ti("object", Hidden, 0, false, false),
    ti("ol", Block, T_LIST, false, false),
    ti("optgroup", Block, 0, false, false),
    ti("option", Block, 0, false, false),
    ti("p", Para, T_P, false, false),
    ti("param", Inline, 0, true, false),
    ti("picture", Inline, 0, false, false),
    ti("plaintext", Block, T_PRE, false, true),
    ti("pre", Block, T_PRE, false, false),
    ti("progress", Hidden, 0, false, false),
    ti("rp", Hidden, 0, false, false),
    ti("s", Inline, 0, false, false),
    ti("script", Hidden, 0, false, true),
    ti("section", Block, T_SECTION, false, false),
    ti("select", Block, T_FORM, false, false),
    ti("small", Inline, T_SMALL, false, false),
    ti("source", Inline, 0, true, false),
    ti("span", Inline, T_SPAN, false, false),
    ti("strong", Inline, T_EM, false, false),
    ti("style", Hidden, 0, false, true),
    ti("sub", Inline, T_SUP, false, false),
    ti("summary", Block, T_DETAILS, false, false),
    ti("sup", Inline, T_SUP, false, false),
    ti("svg", Hidden, 0, false, false),
    ti("table", Block, T_TABLE, false, false),
    ti("tbody", Block, T_TABLE, false, false),
    ti("td", Cell, T_TD, false, false),
    ti("template", Hidden, 0, false, false),
    ti("textarea", Hidden, T_FORM, false, true),
    ti("tfoot", Block, T_TABLE, false, false),
    ti("th", Cell, T_TD, false, false),
    ti("thead", Block, T_TABLE, false, false),
    ti("time", Inline, T_TIME, false, false),
    ti("title", Hidden, 0, false, true),
    ti("tr", Block, T_TABLE, false, false),
    ti("track", Inline, 0, true, false),
    ti("u", Inline, 0, false, false),
    ti("ul", Block, T_LIST, false, false),
    ti("video", Hidden, 0, false, false),
    ti("wbr", Inline, 0, true, false),
    ti("xmp", Block, T_PRE, false, true),
];

fn tag_id(lower: &str) -> u16 {
    match TAGS.binary_search_by(|t| t.name.cmp(lower)) {
        Ok(i) => i as u16 + 1,
        Err(_) => 0,
    }
}
fn info(id: u16) -> Option<&'static TagInfo> {
    if id == 0 { None } else { TAGS.get(id as usize - 1) }
}
fn tid(name: &str) -> u16 {
    tag_id(name)
}

// ---------------------------------------------------------------- character references

fn push_cp(out: &mut String, cp: u32) {
    const W1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let cp = if (0x80..0xA0).contains(&cp) { W1252[(cp - 0x80) as usize] } else { cp };
    let c = if cp == 0 { '\u{FFFD}' } else { char::from_u32(cp).unwrap_or('\u{FFFD}') };
    out.push(c);
}

/// Decode character references in `s`, appending to `out`.
pub fn decode_entities(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut last = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'&') {
        let amp = i + off;
        out.push_str(&s[last..amp]);
        let (consumed, ok) = decode_one(s, amp, out);
        if ok {
            i = amp + consumed;
        } else {
            out.push('&');
            i = amp + 1;
        }
        last = i;
    }
    out.push_str(&s[last..]);
}

/// Try to decode one reference at `s[at] == '&'`; returns (bytes consumed, decoded).
fn decode_one(s: &str, at: usize, out: &mut String) -> (usize, bool) {
    let b = s.as_bytes();
    let mut j = at + 1;
    if b.get(j) == Some(&b'#') {
        j += 1;
        let hex = matches!(b.get(j), Some(b'x') | Some(b'X'));
        if hex {
            j += 1;
        }
        let start = j;
        let mut v: u32 = 0;
        while let Some(&c) = b.get(j) {
            let d = match (c as char).to_digit(if hex { 16 } else { 10 }) {
                Some(d) => d,
                None => break,
            };
            v = v.saturating_mul(if hex { 16 } else { 10 }).saturating_add(d);
            j += 1;
        }
        if j == start {
            return (0, false);
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        push_cp(out, v);
        return (j - at, true);
    }
    // named: longest alphanumeric run (max 32)
    let start = j;
    while j < b.len() && j - start < 32 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == start {
        return (0, false);
    }
    let name = &s[start..j];
    if b.get(j) == Some(&b';') {
        if let Some(e) = lookup(name) {
            out.extend(e.chars());
            return (j + 1 - at, true);
        }
    }
    // legacy names without ';': the longest prefix that is a legacy name
    let mut n = name.len();
    while n >= 2 {
        if let Some(e) = lookup(&name[..n]).filter(|e| e.legacy) {
            out.extend(e.chars());
            return (1 + n, true);
        }
        n -= 1;
    }
    (0, false)
}

// ---------------------------------------------------------------- builder

#[derive(Clone, Copy)]
struct Open {
    id: u16,
    /// Hash of the lower-case name for unknown tags (0 for known).
    name_hash: u64,
    tags: u32,
    words: u64,
    hidden: bool,
    pre: bool,
    foreign: bool,
    heading: u8,
    block: u32,
    /// Stack index + 1 of the previous open element with the same name (0: none).
    prev_same: u32,
    /// Stack index + 1 of the previous open scope boundary (table, td, th, button, caption, template, html).
    prev_scope: u32,
    is_scope: bool,
    /// A closed `<details>`: only its first `<summary>` child is shown.
    closed_details: bool,
    /// Stack index + 1 of the previous open block-level element (Block, Para, Cell).
    prev_block: u32,
    is_block: bool,
    /// Length of `Builder::css_states` before this element's own partial matches.
    css_mark: u32,
    /// The breaks it makes (its tag's kind, or the one the page's CSS display gives it).
    breaks: Kind,
    /// A flex or grid container (the page's CSS): its children are blocks.
    flex: bool,
}

struct Builder {
    text: String,
    lines: Vec<Line>,
    blocks: Vec<Block>,
    stack: Vec<Open>,
    /// Topmost open index + 1 per known tag id.
    top_known: Vec<u32>,
    /// Topmost open index + 1 per unknown tag name hash.
    top_other: std::collections::HashMap<u64, u32>,
    top_scope: u32,
    /// Stack index + 1 of the topmost open block-level element.
    top_block: u32,
    /// Spaces of a `<pre>` line not yet written (written before the next character, dropped
    /// at the line's end).
    pre_spaces: u32,
    /// A newline right after `<pre>` / `<listing>` is not text.
    skip_lf: bool,
    /// The page's own hiding rules (its <style> elements) and the partial matches of open
    /// elements; `css_work` bounds the matching (linear time).
    sheet: Sheet,
    css_states: Vec<State>,
    css_work: usize,
    in_line: bool,
    pending_break: u8,
    pending_space: bool,
    title: String,
    tmp: String,
}

const ROOT: Open = Open {
    id: 0,
    name_hash: 0,
    tags: 0,
    words: 0,
    hidden: false,
    pre: false,
    foreign: false,
    heading: 0,
    block: 0,
    prev_same: 0,
    prev_scope: 0,
    is_scope: false,
    closed_details: false,
    prev_block: 0,
    is_block: false,
    css_mark: 0,
    breaks: Inline,
    flex: false,
};

fn hash(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &c in s {
        h = (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(0x100000001b3);
    }
    h | 1
}

/// Attributes of interest on one start tag.
#[derive(Default)]
struct Attrs<'a> {
    /// id and class as written (for the page's CSS rules).
    id: &'a str,
    class: &'a str,
    /// The display the style attribute sets.
    display: Option<Display>,
    /// The first attributes (name, value as written), for the page's attribute selectors.
    all: Vec<(&'a [u8], &'a str)>,
    words: u64,
    hidden: bool,
    /// The `open` attribute (details, dialog).
    open: bool,
    role_tags: u32,
}

impl Builder {
    fn new(cap: usize) -> Self {
        Builder {
            text: String::with_capacity(cap / 4),
            lines: Vec::new(),
            blocks: vec![Block { parent: 0, tag: "", own_tags: 0, own_words: 0, depth: 0 }],
            stack: Vec::new(),
            top_known: vec![0; TAGS.len() + 1],
            top_other: Default::default(),
            top_scope: 0,
            top_block: 0,
            pre_spaces: 0,
            skip_lf: false,
            sheet: Sheet::default(),
            css_states: Vec::new(),
            css_work: 0,
            in_line: false,
            pending_break: 0,
            pending_space: false,
            title: String::new(),
            tmp: String::new(),
        }
    }

    fn cur(&self) -> Open {
        self.stack.last().copied().unwrap_or(ROOT)
    }

    fn request_break(&mut self, n: u8) {
        if self.in_line {
            self.finish_line();
        }
        if n > self.pending_break {
            self.pending_break = n;
        }
    }

    fn finish_line(&mut self) {
        if let Some(l) = self.lines.last_mut() {
            // drop trailing collapsed space (never pushed: spaces are pending) -> end is text len
            l.end = self.text.len();
        }
        self.in_line = false;
        self.pending_space = false;
        self.pre_spaces = 0;
    }

    /// Emit text (already entity-decoded) in the context of the current element.
    fn emit(&mut self, s: &str) {
        let ctx = self.cur();
        if ctx.hidden || ctx.closed_details {
            return;
        }
        if !ctx.pre {
            self.pre_spaces = 0;
        }
        let link = ctx.tags & T_A != 0;
        let mut chars = 0u32;
        for c in s.chars() {
            let ws = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C');
            if ctx.pre && (c == '\n' || c == '\r') {
                // every newline of a <pre> counts: blank lines stay
                if c == '\n' {
                    if self.in_line {
                        self.add_chars(chars, link);
                        chars = 0;
                        self.finish_line();
                        self.pending_break = self.pending_break.max(1);
                    } else if !self.text.is_empty() {
                        self.pending_break = self.pending_break.saturating_add(1);
                    }
                    self.pre_spaces = 0;
                }
                continue;
            }
            if ctx.pre && matches!(c, ' ' | '\t' | '\u{A0}') {
                // a <pre>'s spaces are kept, indentation too, once a character follows
                self.pre_spaces = self.pre_spaces.saturating_add(1);
                continue;
            }
            if ws && !ctx.pre {
                if self.in_line {
                    self.pending_space = true;
                }
                continue;
            }
            let c = if c == '\u{A0}' || (ctx.pre && c == '\t') { ' ' } else { c };
            if !self.in_line {
                if c == ' ' {
                    // leading space of a line (nbsp or pre): keep as pending only inside a line
                    continue;
                }
                if !self.text.is_empty() {
                    let n = self.pending_break.max(1);
                    for _ in 0..n {
                        self.text.push('\n');
                    }
                }
                self.pending_break = 0;
                self.pending_space = false;
                self.in_line = true;
                let start = self.text.len();
                self.lines.push(Line {
                    start,
                    end: start,
                    heading: ctx.heading,
                    tags: ctx.tags,
                    first_tags: ctx.tags,
                    words: ctx.words,
                    link_chars: 0,
                    chars: 0,
                    block: ctx.block,
                });
            } else if c == ' ' {
                self.pending_space = true;
                continue;
            } else if self.pending_space {
                self.text.push(' ');
                chars += 1;
                self.pending_space = false;
            }
            if self.pre_spaces > 0 {
                for _ in 0..self.pre_spaces {
                    self.text.push(' ');
                }
                chars += self.pre_spaces;
                self.pre_spaces = 0;
            }
            if c == ' ' {
                // nbsp: behaves as a space that is not collapsed with its neighbours' breaks;
                // collapse into pending space so lines never end with a space.
                self.pending_space = true;
                continue;
            }
            self.text.push(c);
            chars += 1;
        }
        if self.in_line {
            self.add_chars(chars, link);
            if let Some(l) = self.lines.last_mut() {
                l.tags |= ctx.tags;
                l.words |= ctx.words;
                if ctx.heading > 0 && l.heading == 0 {
                    l.heading = ctx.heading;
                }
                l.end = self.text.len();
            }
        }
    }

    fn add_chars(&mut self, n: u32, link: bool) {
        if let Some(l) = self.lines.last_mut() {
            l.chars = l.chars.saturating_add(n);
            if link {
                l.link_chars = l.link_chars.saturating_add(n);
            }
            l.end = self.text.len();
        }
    }

    fn text_chunk(&mut self, raw: &str, in_head: &mut bool) {
        if raw.is_empty() {
            return;
        }
        let raw = if std::mem::take(&mut self.skip_lf) { raw.strip_prefix('\n').unwrap_or(raw) } else { raw };
        if raw.is_empty() {
            return;
        }
        if *in_head {
            if raw.bytes().all(|c| c.is_ascii_whitespace()) {
                return;
            }
            self.leave_head();
            *in_head = false;
        }
        let mut tmp = std::mem::take(&mut self.tmp);
        tmp.clear();
        if raw.contains('&') {
            decode_entities(raw, &mut tmp);
        } else {
            tmp.push_str(raw);
        }
        self.emit(&tmp);
        self.tmp = tmp;
    }

    fn leave_head(&mut self) {
        let h = tid("head");
        if self.top_known[h as usize] > 0 {
            self.pop_to((self.top_known[h as usize] - 1) as usize);
        }
    }

    /// Pop elements until the stack has `len` entries.
    fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len {
            let Some(e) = self.stack.pop() else { break };
            if e.id != 0 {
                if let Some(t) = self.top_known.get_mut(e.id as usize) {
                    *t = e.prev_same;
                }
            } else if e.prev_same == 0 {
                self.top_other.remove(&e.name_hash);
            } else {
                self.top_other.insert(e.name_hash, e.prev_same);
            }
            if e.is_scope {
                self.top_scope = e.prev_scope;
            }
            if e.is_block {
                self.top_block = e.prev_block;
            }
            self.css_states.truncate(e.css_mark as usize);
            if !e.hidden {
                match e.breaks {
                    Block => self.request_break(1),
                    Para => self.request_break(2),
                    Cell => self.cell_sep(),
                    _ => {}
                }
            }
        }
    }

    fn cell_sep(&mut self) {
        if self.in_line {
            self.pending_space = true;
        }
    }

    fn top_of(&self, id: u16) -> u32 {
        self.top_known.get(id as usize).copied().unwrap_or(0)
    }

    /// Close the topmost `id` element if it is open above the last scope boundary (and above
    /// every element whose id is in `also_bound`).
    fn close_in_scope(&mut self, id: u16, also_bound: &[u16]) {
        let t = self.top_of(id);
        if t == 0 || t <= self.top_scope {
            return;
        }
        if also_bound.iter().any(|&b| self.top_of(b) > t) {
            return;
        }
        self.pop_to((t - 1) as usize);
    }

    fn start_tag(&mut self, name: &[u8], attrs: Attrs, self_closing: bool, in_head: &mut bool) -> bool {
        let lower = lower_name(name);
        let id = lower.as_deref().map_or(0, tag_id);
        let inf = info(id);
        let name_s = inf.map_or("", |i| i.name);
        self.skip_lf = matches!(name_s, "pre" | "listing");
        let parent = self.cur();
        // head handling
        if *in_head && !matches!(name_s, "meta" | "link" | "style" | "script" | "title" | "base" | "noscript" | "template" | "basefont" | "bgsound") {
            self.leave_head();
            *in_head = false;
        }
        if name_s == "head" {
            if self.top_of(tid("body")) == 0 && self.lines.is_empty() {
                *in_head = true;
            } else {
                return false;
            }
        }
        if matches!(name_s, "html" | "body") && self.top_of(id) > 0 {
            return false; // a second html/body: ignored
        }
        let foreign = parent.foreign;
        if !foreign {
            // implied end tags
            let kind = inf.map(|i| i.kind);
            let closes_p = matches!(kind, Some(Block) | Some(Para))
                && !matches!(name_s, "body" | "html" | "caption" | "tbody" | "thead" | "tfoot" | "tr" | "dd" | "dt" | "li" | "optgroup" | "option")
                || matches!(name_s, "li" | "dd" | "dt" | "table" | "hr" | "pre" | "xmp" | "plaintext");
            if closes_p {
                self.close_in_scope(tid("p"), &[tid("button")]);
            }
            match name_s {
                "li" => self.close_in_scope(tid("li"), &[tid("ul"), tid("ol")]),
                "dd" | "dt" => {
                    self.close_in_scope(tid("dd"), &[tid("dl")]);
                    self.close_in_scope(tid("dt"), &[tid("dl")]);
                }
                "td" | "th" => {
                    let tr = tid("tr");
                    self.close_in_scope(tid("td"), &[tr]);
                    self.close_in_scope(tid("th"), &[tr]);
                }
                "tr" => {
                    let tb = [tid("table")];
                    let t = self.top_of(tid("tr"));
                    if t > 0 && self.top_of(tb[0]) < t {
                        self.pop_to((t - 1) as usize);
                    }
                }
                "option" | "optgroup" => self.close_in_scope(tid("option"), &[tid("select")]),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    if let Some(top) = self.stack.last() {
                        if matches!(info(top.id).map(|i| i.name), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")) {
                            let n = self.stack.len() - 1;
                            self.pop_to(n);
                        }
                    }
                }
                "a" => {
                    let t = self.top_of(id);
                    if t > self.top_scope {
                        self.pop_to((t - 1) as usize);
                    }
                }
                _ => {}
            }
        }
        let parent = self.cur();
        let kind = if foreign { Hidden } else { inf.map_or(Inline, |i| i.kind) };
        let void = !foreign && inf.is_some_and(|i| i.void);
        // A closed <details> shows its first <summary> child only; a <dialog> without `open`
        // is not shown at all.
        let summary = name_s == "summary" && parent.closed_details;
        if summary {
            if let Some(p) = self.stack.last_mut() {
                p.closed_details = false; // later children are hidden through `hidden` below
                p.hidden = true;
            }
        }
        // the page's own rules, for shown elements of the document's body
        let css_mark = self.css_states.len() as u32;
        let styled = !foreign && !parent.hidden && !matches!(name_s, "html" | "body" | "head");
        let style = if styled && !self.sheet.is_empty() {
            self.sheet.style(
                &Element { tag: lower.as_deref().unwrap_or(""), id: attrs.id, class: attrs.class, attrs: &attrs.all },
                self.stack.len() as u32 + 1,
                &mut self.css_states,
                attrs.display,
                &mut self.css_work,
            )
        } else if styled && self.css_work > 0 {
            Style { display: attrs.display, ..Style::default() }
        } else {
            Style::default()
        };
        let hidden = ((parent.hidden || parent.closed_details) && !summary)
            || style.hidden
            || attrs.hidden
            || kind == Hidden
            || (name_s == "dialog" && !attrs.open);
        // The breaks the element makes: its tag's, unless the page's CSS gives it another
        // display (a flex or grid container's children, floats and positioned elements are blocks,
        // as a browser's blockification makes them). A <p> keeps its blank lines whatever its
        // display, as innerText gives them.
        let breaks = match kind {
            Hidden => Hidden,
            k => {
                let k = match style.display {
                    Some(Display::Block | Display::Flex) if k != Para => Block,
                    Some(Display::Inline | Display::InlineFlex) if k != Para || name_s != "p" => Inline,
                    Some(Display::Cell) => Cell,
                    _ => k,
                };
                if k == Inline && (parent.flex || style.out_of_flow) && !void {
                    Block
                } else {
                    k
                }
            }
        };
        // line breaks (an element that is not shown makes none)
        match breaks {
            _ if hidden => {}
            Block => self.request_break(1),
            Para => self.request_break(2),
            Cell => self.cell_sep(),
            _ => {}
        }
        if name_s == "br" && !parent.hidden {
            if self.in_line {
                self.finish_line();
            } else if !self.text.is_empty() {
                self.pending_break = self.pending_break.saturating_add(1).min(3);
            }
            self.pending_break = self.pending_break.max(1);
        }
        if void || (self_closing && (foreign || inf.is_none())) {
            self.css_states.truncate(css_mark as usize); // no descendants to match
            // Unknown self-closing tags (custom elements written XML-style) are treated as
            // empty; a browser would leave them open, but that rarely matches intent.
            return false;
        }
        let own_tags = inf.map_or(0, |i| i.flag) | attrs.role_tags;
        let mut block = parent.block;
        if matches!(kind, Block | Para | Cell) {
            block = self.blocks.len() as u32;
            let depth = self.blocks.get(parent.block as usize).map_or(0, |b| b.depth) + 1;
            self.blocks.push(Block { parent: parent.block, tag: name_s, own_tags, own_words: attrs.words, depth });
        }
        let heading = match name_s.as_bytes() {
            [b'h', d @ b'1'..=b'6'] => d - b'0',
            _ => parent.heading,
        };
        let idx1 = self.stack.len() as u32 + 1;
        let (name_hash, prev_same) = if id != 0 {
            let p = self.top_of(id);
            if let Some(t) = self.top_known.get_mut(id as usize) {
                *t = idx1;
            }
            (0, p)
        } else {
            let h = hash(name);
            let p = self.top_other.insert(h, idx1).unwrap_or(0);
            (h, p)
        };
        let is_scope = !foreign && matches!(name_s, "table" | "td" | "th" | "caption" | "template" | "html" | "object" | "applet");
        let prev_scope = self.top_scope;
        if is_scope {
            self.top_scope = idx1;
        }
        let is_block = matches!(kind, Block | Para | Cell);
        let prev_block = self.top_block;
        if is_block {
            self.top_block = idx1;
        }
        self.stack.push(Open {
            id,
            name_hash,
            tags: parent.tags | own_tags,
            words: if matches!(name_s, "html" | "body") { parent.words } else { parent.words | attrs.words },
            hidden,
            pre: parent.pre || (own_tags & T_PRE != 0),
            foreign: foreign || matches!(name_s, "svg" | "math"),
            heading,
            block,
            prev_same,
            prev_scope,
            is_scope,
            closed_details: name_s == "details" && !attrs.open && !hidden,
            prev_block,
            is_block,
            css_mark,
            breaks,
            flex: matches!(style.display, Some(Display::Flex | Display::InlineFlex)),
        });
        // raw-text elements: the caller reads their contents
        !foreign && inf.is_some_and(|i| i.raw)
    }

    fn end_tag(&mut self, name: &[u8], in_head: &mut bool) {
        let lower = lower_name(name);
        let id = lower.as_deref().map_or(0, tag_id);
        let name_s = info(id).map_or("", |i| i.name);
        match name_s {
            "html" | "body" => return,
            "head" => {
                if *in_head {
                    self.leave_head();
                    *in_head = false;
                }
                return;
            }
            "br" => {
                if !self.cur().hidden {
                    self.request_break(1);
                }
                return;
            }
            _ => {}
        }
        self.skip_lf = false;
        let t = if id != 0 { self.top_of(id) } else { self.top_other.get(&hash(name)).copied().unwrap_or(0) };
        // The end tag of a formatting element with a block opened inside it (`<b>x<p>y</b>z`):
        // the adoption agency moves the block out of it, so the block goes on ("y z" stay one
        // line); the formatting element is left open here, its text flags aside.
        let formatting = matches!(name_s, "a" | "b" | "code" | "em" | "i" | "s" | "small" | "strong" | "u")
            || (id == 0 && matches!(lower.as_deref(), Some("big" | "font" | "nobr" | "strike" | "tt")));
        if formatting && t > 0 && self.top_block > t {
            return;
        }
        if t == 0 {
            if name_s == "p" && !self.cur().hidden {
                self.request_break(2);
            }
            return;
        }
        self.pop_to((t - 1) as usize);
    }
}

fn lower_name(name: &[u8]) -> Option<String> {
    if name.len() > 16 {
        return None;
    }
    let s: String = name.iter().map(|&c| c.to_ascii_lowercase() as char).collect();
    Some(s)
}

/// Split a class/id value into lower-case words (on non-alphanumerics and lower->Upper case
/// changes) and OR their bits.
fn class_words(v: &str) -> u64 {
    let mut bits = 0u64;
    let mut w = String::new();
    let mut prev_lower = false;
    let flush = |w: &mut String, bits: &mut u64| {
        if !w.is_empty() && w.len() <= 24 {
            *bits |= word_bits(w);
        }
        w.clear();
    };
    for c in v.chars() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase() && prev_lower {
                flush(&mut w, &mut bits);
            }
            prev_lower = c.is_ascii_lowercase();
            w.push(c.to_ascii_lowercase());
        } else {
            // digits and everything else separate words
            prev_lower = false;
            flush(&mut w, &mut bits);
        }
    }
    flush(&mut w, &mut bits);
    bits
}

const MAX_CLASSES: usize = 8;

fn attr<'a>(attrs: &mut Attrs<'a>, name: &'a [u8], value: &'a str) {
    let n = name;
    if attrs.all.len() < 32 {
        attrs.all.push((name, value));
    }
    if n.eq_ignore_ascii_case(b"class") {
        attrs.class = value;
    } else if n.eq_ignore_ascii_case(b"id") {
        attrs.id = value.trim();
    }
    if n.eq_ignore_ascii_case(b"class") || n.eq_ignore_ascii_case(b"id") {
        // A long bag of classes (site feature switches on <body>, utility-class CSS) says
        // nothing about the element; only short values are read.
        if value.split_ascii_whitespace().count() <= MAX_CLASSES {
            attrs.words |= class_words(value);
        }
    } else if n.eq_ignore_ascii_case(b"hidden") {
        attrs.hidden = true;
    } else if n.eq_ignore_ascii_case(b"open") {
        attrs.open = true;
    } else if n.eq_ignore_ascii_case(b"style") {
        let compact: String = value.chars().filter(|c| !c.is_whitespace()).flat_map(|c| c.to_lowercase()).collect();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            attrs.hidden = true;
        } else if compact.contains("display:") {
            attrs.display = inline_display(value);
        }
    } else if n.eq_ignore_ascii_case(b"role") {
        for r in value.split_ascii_whitespace() {
            let r = r.to_ascii_lowercase();
            match r.as_str() {
                "navigation" | "menu" | "menubar" => {
                    attrs.words |= W_ROLE_NAV;
                    attrs.role_tags |= T_NAV
                }
                "main" => {
                    attrs.words |= W_ROLE_MAIN;
                    attrs.role_tags |= T_MAIN
                }
                "complementary" => {
                    attrs.words |= W_ROLE_COMPLEMENTARY;
                    attrs.role_tags |= T_ASIDE
                }
                "banner" => {
                    attrs.words |= W_ROLE_BANNER;
                    attrs.role_tags |= T_HEADER
                }
                "contentinfo" => {
                    attrs.words |= W_ROLE_CONTENTINFO;
                    attrs.role_tags |= T_FOOTER
                }
                "article" => {
                    attrs.words |= W_ROLE_ARTICLE;
                    attrs.role_tags |= T_ARTICLE
                }
                "dialog" | "alertdialog" => attrs.role_tags |= T_DIALOG,
                "button" => attrs.role_tags |= T_BUTTON,
                "search" => attrs.role_tags |= T_FORM,
                _ => {}
            }
        }
    } else if n.eq_ignore_ascii_case(b"itemprop") {
        for p in value.split_ascii_whitespace() {
            match p.to_ascii_lowercase().as_str() {
                "articlebody" | "text" | "reviewbody" => attrs.words |= W_ITEMPROP_BODY,
                "headline" | "name" => attrs.words |= W_ITEMPROP_HEADLINE,
                "author" | "creator" => attrs.words |= W_ITEMPROP_AUTHOR,
                "datepublished" | "datemodified" | "datecreated" => attrs.words |= W_ITEMPROP_DATE,
                "description" | "alternativeheadline" => attrs.words |= W_ITEMPROP_DESC,
                _ => {}
            }
        }
    }
}

fn find(hay: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if pat.is_empty() || from > hay.len() {
        return None;
    }
    let first = pat[0];
    let mut i = from;
    while i + pat.len() <= hay.len() {
        let off = hay[i..hay.len() + 1 - pat.len()].iter().position(|&c| c == first)?;
        let j = i + off;
        if &hay[j..j + pat.len()] == pat {
            return Some(j);
        }
        i = j + 1;
    }
    None
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Find the end of a raw-text element: `</name` (any case) followed by whitespace, '/' or '>'.
/// Returns (start of `</`, index after the closing '>').
fn raw_end(b: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    loop {
        let lt = find(b, i, b"</")?;
        let ns = lt + 2;
        let ne = ns + name.len();
        if ne <= b.len() && b[ns..ne].eq_ignore_ascii_case(name) && (ne == b.len() || is_ws(b[ne]) || b[ne] == b'/' || b[ne] == b'>') {
            let gt = b[ne..].iter().position(|&c| c == b'>').map_or(b.len(), |p| ne + p + 1);
            return Some((lt, gt));
        }
        i = lt + 2;
    }
}

/// The end of a `<script>`'s contents per the WHATWG tokenizer's script data states: after
/// `<!--` the script is "escaped", where `<script` starts a "double escaped" part in which
/// `</script>` does not end the element (`<!-- document.write('<script>..</script>') -->`);
/// `-->` leaves either. Returns (start of the closing `</`, index after its '>'). Linear.
fn script_end(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let tag_at = |i: usize, end: bool| {
        let name = i + if end { 2 } else { 1 };
        let after = name + 6;
        b[i] == b'<'
            && (!end || b.get(i + 1) == Some(&b'/'))
            && after <= b.len()
            && b[name..after].eq_ignore_ascii_case(b"script")
            && b.get(after).is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
    };
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Data;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if c == b'<' {
            if state != State::DoubleEscaped && tag_at(i, true) {
                let gt = b[i..].iter().position(|&c| c == b'>').map_or(b.len(), |p| i + p + 1);
                return Some((i, gt));
            }
            if state == State::DoubleEscaped && tag_at(i, true) {
                state = State::Escaped;
                i += 8;
                continue;
            }
            if state == State::Escaped && tag_at(i, false) {
                state = State::DoubleEscaped;
                i += 7;
                continue;
            }
            if state == State::Data && b[i..].starts_with(b"<!--") {
                state = State::Escaped;
                i += 2; // its dashes may be those of a "-->" ("<!-->")
                continue;
            }
        } else if c == b'-' && state != State::Data && b[i..].starts_with(b"-->") {
            state = State::Data;
            i += 3;
            continue;
        }
        i += 1;
    }
    None
}

fn n_bytes(b: &[u8]) -> usize {
    b.len()
}

/// The text of the document's `<style>` elements, wherever they are (a rule applies to the
/// whole page), skipping comments, scripts and the other raw-text elements whose contents are
/// not markup (a `<style>` inside `<noscript>` is not applied: scripting is on in the browser a
/// page is pasted from). One forward scan.
fn styles(b: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    let tag = |i: usize, name: &[u8]| {
        let e = i + 1 + name.len();
        e <= b.len() && b[i + 1..e].eq_ignore_ascii_case(name) && b.get(e).is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
    };
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let lt = i + off;
        if b[lt..].starts_with(b"<!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        let raw = [&b"style"[..], b"script", b"noscript", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes"]
            .into_iter()
            .find(|name| tag(lt, name));
        let Some(name) = raw else {
            i = lt + 1;
            continue;
        };
        let open_end = b[lt..].iter().position(|&c| c == b'>').map_or(b.len(), |p| lt + p + 1);
        let end = if name == b"script" { script_end(b, open_end) } else { raw_end(b, open_end, name) };
        let (content_end, after) = end.unwrap_or((b.len(), b.len()));
        if name == b"style" {
            out.push_str(&String::from_utf8_lossy(&b[open_end..content_end]));
            out.push('\n');
        }
        i = after;
    }
    out
}

/// Parsing options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Drop the contents of elements marked hidden (`hidden`, inline `display:none` /
    /// `visibility:hidden`; not `aria-hidden`, which hides from screen readers only: a browser
    /// draws it). Default true: what a person sees. (The dev set's
    /// reference text was taken without CSS and keeps them.)
    pub skip_hidden: bool,
}
impl Default for Options {
    fn default() -> Self {
        Options { skip_hidden: true }
    }
}

/// Parse HTML into text and line structure with default [`Options`]. Never panics; linear time.
pub fn parse(html: &str) -> Page {
    parse_with(html, Options::default())
}

/// Parse HTML into text and line structure. Never panics; linear time.
pub fn parse_with(html: &str, opts: Options) -> Page {
    // A byte order mark left at the start of decoded text is not text (the decoder's job).
    let s = html.strip_prefix('\u{FEFF}').unwrap_or(html);
    let b = s.as_bytes();
    let mut bld = Builder::new(b.len());
    if opts.skip_hidden {
        bld.sheet = Sheet::parse(&styles(b));
        bld.css_work = Sheet::budget(n_bytes(b));
    }
    let mut in_head = false;
    let mut pos = 0usize;
    let mut text_from = 0usize;
    let n = b.len();
    while pos < n {
        let Some(off) = b[pos..].iter().position(|&c| c == b'<') else { break };
        let lt = pos + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        if next.is_ascii_alphabetic() {
            // start tag
            let ns = lt + 1;
            let mut j = ns;
            while j < n && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
                j += 1;
            }
            let name = &b[ns..j];
            let mut attrs = Attrs::default();
            let mut self_closing = false;
            let mut closed = false;
            while j < n {
                let c = b[j];
                if is_ws(c) {
                    j += 1;
                    continue;
                }
                if c == b'>' {
                    j += 1;
                    closed = true;
                    break;
                }
                if c == b'/' {
                    j += 1;
                    if b.get(j) == Some(&b'>') {
                        self_closing = true;
                    }
                    continue;
                }
                // attribute name
                let an = j;
                j += 1;
                while j < n && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' && b[j] != b'=' {
                    j += 1;
                }
                let aname = &b[an..j];
                while j < n && is_ws(b[j]) {
                    j += 1;
                }
                let mut value = "";
                if j < n && b[j] == b'=' {
                    j += 1;
                    while j < n && is_ws(b[j]) {
                        j += 1;
                    }
                    if j < n && (b[j] == b'"' || b[j] == b'\'') {
                        let q = b[j];
                        match b[j + 1..].iter().position(|&c| c == q) {
                            Some(p) => {
                                value = &s[j + 1..j + 1 + p];
                                j = j + 2 + p;
                            }
                            None => {
                                j = n;
                                break;
                            }
                        }
                    } else {
                        let vs = j;
                        while j < n && !is_ws(b[j]) && b[j] != b'>' {
                            j += 1;
                        }
                        value = &s[vs..j];
                    }
                }
                attr(&mut attrs, aname, value);
            }
            if !opts.skip_hidden {
                attrs.hidden = false;
            }
            if !closed {
                // EOF inside a tag: the tag is dropped (as in browsers)
                bld.text_chunk(&s[text_from..lt], &mut in_head);
                text_from = n;
                break;
            }
            bld.text_chunk(&s[text_from..lt], &mut in_head);
            let raw = bld.start_tag(name, attrs, self_closing, &mut in_head);
            pos = j;
            text_from = j;
            if raw {
                let lname = lower_name(name).unwrap_or_default();
                let end = match lname.as_str() {
                    "plaintext" => None,
                    "script" => script_end(b, j),
                    _ => raw_end(b, j, lname.as_bytes()),
                };
                let (content_end, after) = end.unwrap_or((n, n));
                let content = &s[j..content_end];
                match lname.as_str() {
                    "title" if bld.title.is_empty() && !bld.cur().foreign => {
                        let mut t = String::new();
                        decode_entities(content, &mut t);
                        bld.title = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                    "xmp" | "plaintext" => bld.emit(content),
                    _ => {}
                }
                // close the raw element
                if let Some(&top) = bld.stack.last() {
                    if top.id == tag_id(&lname) {
                        let l = bld.stack.len() - 1;
                        bld.pop_to(l);
                    }
                }
                pos = after;
                text_from = after;
            }
            continue;
        }
        if next == b'/' {
            let c2 = b.get(lt + 2).copied().unwrap_or(0);
            if c2.is_ascii_alphabetic() {
                let ns = lt + 2;
                let mut j = ns;
                while j < n && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
                    j += 1;
                }
                let name = &b[ns..j];
                // skip attributes (respecting quotes) to '>'
                let mut closed = false;
                while j < n {
                    match b[j] {
                        b'>' => {
                            j += 1;
                            closed = true;
                            break;
                        }
                        q @ (b'"' | b'\'') if j > 0 && b[j - 1] == b'=' => match b[j + 1..].iter().position(|&c| c == q) {
                            Some(p) => j = j + 2 + p,
                            None => j = n,
                        },
                        _ => j += 1,
                    }
                }
                bld.text_chunk(&s[text_from..lt], &mut in_head);
                if !closed {
                    text_from = n;
                    break;
                }
                bld.end_tag(name, &mut in_head);
                pos = j;
                text_from = j;
                continue;
            }
            if c2 == b'>' {
                bld.text_chunk(&s[text_from..lt], &mut in_head);
                pos = lt + 3;
                text_from = pos;
                continue;
            }
            // bogus comment
            bld.text_chunk(&s[text_from..lt], &mut in_head);
            pos = b[lt..].iter().position(|&c| c == b'>').map_or(n, |p| lt + p + 1);
            text_from = pos;
            continue;
        }
        if next == b'!' {
            bld.text_chunk(&s[text_from..lt], &mut in_head);
            if b[lt..].starts_with(b"<!--") {
                let cs = lt + 4;
                pos = if b[cs..].starts_with(b">") {
                    cs + 1
                } else if b[cs..].starts_with(b"->") {
                    cs + 2
                } else {
                    // end at the first "-->" or "--!>" (one forward scan over "--" runs)
                    let mut k = cs;
                    loop {
                        match find(b, k, b"--") {
                            None => break n,
                            Some(d) => {
                                if b.get(d + 2) == Some(&b'>') {
                                    break d + 3;
                                }
                                if b.get(d + 2) == Some(&b'!') && b.get(d + 3) == Some(&b'>') {
                                    break d + 4;
                                }
                                k = d + 1;
                            }
                        }
                    }
                };
            } else if b[lt..].starts_with(b"<![CDATA[") && bld.cur().foreign {
                pos = find(b, lt + 9, b"]]>").map_or(n, |p| p + 3);
            } else {
                pos = b[lt..].iter().position(|&c| c == b'>').map_or(n, |p| lt + p + 1);
            }
            text_from = pos;
            continue;
        }
        if next == b'?' {
            bld.text_chunk(&s[text_from..lt], &mut in_head);
            pos = b[lt..].iter().position(|&c| c == b'>').map_or(n, |p| lt + p + 1);
            text_from = pos;
            continue;
        }
        // a literal '<'
        pos = lt + 1;
    }
    if text_from < n {
        bld.text_chunk(&s[text_from..], &mut in_head);
    }
    if bld.in_line {
        bld.finish_line();
    }
    Page { text: bld.text, lines: bld.lines, blocks: bld.blocks, title: bld.title }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(p: &Page) -> Vec<&str> {
        p.lines.iter().map(|l| &p.text[l.start..l.end]).collect()
    }

    #[test]
    fn class_words_come_from_the_lexicon_in_bit_order() {
        let tags: Vec<Option<&str>> = crate::lexicon::html().entries("class-words").map(|e| e.tag).collect();
        assert_eq!(tags.len(), CLASS_GROUPS);
        for (bit, name) in [
            (W_SHARE, "share"),
            (W_COMMENT, "comment"),
            (W_BYLINE, "byline"),
            (W_DATE, "date"),
            (W_HEADLINE, "headline"),
            (W_SUMMARY, "summary"),
            (W_QUOTE, "quote"),
        ] {
            assert_eq!(tags[bit.trailing_zeros() as usize], Some(name));
        }
        assert_eq!(word_bits("sharing"), W_SHARE);
        assert_eq!(word_bits("newsletter"), W_NEWSLETTER | 1 << 40);
        assert_eq!(word_bits("banner"), W_PROMO | W_HEADER);
        assert_eq!(word_bits("zebra"), 0);
    }

    #[test]
    fn basics() {
        let p = parse("<html><head><title>T &amp; x</title><style>p{}</style></head><body><p>Hello   <b>world</b>\n</p><p>Two<br>lines &eacute;&#233;&#x41;&copy</p><script>var x='<p>';</script><div hidden>no</div><ul><li>a<li>b</ul>");
        assert_eq!(p.title, "T & x");
        assert_eq!(lines(&p), vec!["Hello world", "Two", "lines ééA©", "a", "b"]);
        assert_eq!(p.text, "Hello world\n\nTwo\nlines ééA©\n\na\nb");
    }

    #[test]
    fn implied_p() {
        let p = parse("<p>one<p>two<div>three</div>four");
        assert_eq!(lines(&p), vec!["one", "two", "three", "four"]);
    }

    #[test]
    fn links_and_flags() {
        let p = parse("<nav class='site-nav'><a href=x>Home</a> | <a>News</a></nav><article><h1 class=headline>Big</h1><p class=\"articleBody\">Text <a>link</a>.</p></article>");
        assert_eq!(p.lines.len(), 3);
        assert!(p.lines[0].tags & T_NAV != 0);
        assert!(p.lines[0].words & W_NAV != 0);
        assert_eq!(p.lines[0].link_chars, 9); // the space before a link counts as link
        assert_eq!(p.lines[1].heading, 1);
        assert!(p.lines[2].words & W_CONTENT != 0);
        assert_eq!(p.lines[2].link_chars, 5);
    }

    #[test]
    fn garbage_no_panic() {
        for s in ["<", "<a", "</", "<!--", "<!-- x", "&", "&#", "&#x", "&#99999999999;", "<a b='", "<script>", "<p>\u{00e9}<", "<svg><p/></svg>x", "</p>", "<?x", "<!x"] {
            let _ = parse(s);
        }
    }

    #[test]
    fn whatwg_edge_cases() {
        let cases = [
            // <pre>: indentation and blank lines kept, the newline after the start tag is not text
            ("<pre>\n  one\n\n    two  \n</pre><div>after</div>", "  one\n\n    two\nafter"),
            // a closed <details> shows its first <summary> only; <dialog> needs `open`
            ("<details><summary>More</summary><p>body</p><summary>2</summary></details>x", "More\nx"),
            ("<details open><summary>More</summary>body</details>", "More\nbody"),
            ("<div hidden><details><summary>no</summary></details></div>x", "x"),
            ("<dialog>modal</dialog>x<dialog open>shown</dialog>", "x\nshown"),
            // a formatting element's end tag does not end a block opened inside it
            ("<b>x<p>y</b>z</p>w", "x\n\nyz\n\nw"),
            // script data escaped and double escaped states
            ("<script><!-- document.write('<script>a()</script>') //--></script>b", "b"),
            ("<script><!-- x </script>b", "b"),
            ("<script><!--> </script>b", "b"),
            ("<script><!-- <script> --></script>b", "b"),
            // select lists its options, as innerText does
            ("<select><option>one<option>two</select>", "one\ntwo"),
            // a byte order mark is not a line
            ("\u{FEFF}<p>x</p>", "x"),
        ];
        for (html, text) in cases {
            assert_eq!(parse(html).text, text, "{html:?}");
        }
    }

    #[test]
    fn deep() {
        let s = "<div>".repeat(100_000) + "x" + &"</div>".repeat(100_000);
        assert_eq!(parse(&s).text, "x");
        let s = "<span>".repeat(100_000) + "<p>x";
        assert_eq!(parse(&s).text, "x");
    }
}
