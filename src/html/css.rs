//! The page's own display rules: `display`, `visibility`, `float` and `position`
//! declarations in its `<style>` elements (and the `style` attribute's display), for selectors
//! of the simple forms (a tag or `*`, `.class`, `#id`, `[attr]` with `=`, `~=`, `^=`, `$=`, `*=`,
//! `|=`, compounds of those, descendant and child combinators, selector lists), matched while
//! the tree is built and decided by the cascade (`!important`, then specificity, then order), so
//! `.menu{display:none}` hides and a later `.menu.open{display:block}` shows again. What they give
//! ([`Style`]) hides an element or moves its line breaks as innerText does: a block, an inline
//! element, a flex or grid container whose children are blocks, a floated or positioned element
//! that is a block. Any other selector (pseudo-classes, siblings) is skipped, never guessed; so
//! are rules inside `@media` queries that do not hold on a 1280x720 desktop screen
//! ([`media_matches`]: a phone layout or print sheet does not apply to the page as shown on a
//! desktop) and inside at-rules other than `@media` and `@supports`.
//!
//! Matching is left to right as elements open: an element that matches a selector's first
//! compounds leaves a state for its descendants (or, after `>`, its children), popped with it.
//! Work is bounded by [`Sheet::budget`] per input byte, so time stays linear.

use std::collections::HashMap;

/// At most this many selectors are kept (the rest of a huge sheet is skipped).
const MAX_SELECTORS: usize = 20_000;

#[derive(Clone, Debug, Default, PartialEq)]
struct Compound {
    /// Lower-case tag name, None for any.
    tag: Option<String>,
    ids: Vec<String>,
    classes: Vec<String>,
    /// Attribute conditions: lower-case name, operator (0 present, `=`, `~`, `^`, `$`, `*`, `|`)
    /// and value.
    attrs: Vec<(String, u8, String)>,
    /// The combinator before this compound is `>` (else descendant).
    child: bool,
}

/// What a matched rule says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decl {
    /// Cascade rank: important, specificity (ids, classes, tags), source order.
    rank: (bool, u16, u16, u16, u32),
    /// The value: for `display` a [`Display`] as u8; for `visibility` 1 = hidden or collapse;
    /// for `float` 1 = left or right; for `position` 1 = absolute or fixed (these two make an
    /// inline element a block, as a browser's blockification does).
    v: u8,
}

/// A `display` value as it moves line breaks (innerText's required line breaks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Display {
    None,
    /// block, list-item, table, table-row, flow-root, ...: a line of its own.
    Block,
    /// inline, inline-block, inline-table, contents: no break.
    Inline,
    /// flex, grid (and the old box forms): a block whose children are blocks.
    Flex,
    /// inline-flex, inline-grid: inline, its children are blocks.
    InlineFlex,
    /// table-cell: a cell of a row.
    Cell,
}

impl Display {
    fn from_u8(v: u8) -> Option<Display> {
        use Display::*;
        [None, Block, Inline, Flex, InlineFlex, Cell].get(v as usize).copied()
    }

    /// The value of a `display` declaration (lower case), None when not one we know (a browser
    /// ignores an invalid value; vendor fallbacks come before the standard one).
    fn parse(v: &str) -> Option<Display> {
        use Display::*;
        Some(match v {
            "none" => None,
            "block" | "list-item" | "table" | "flow-root" | "table-row" | "table-caption" | "table-row-group"
            | "table-header-group" | "table-footer-group" | "run-in" => Block,
            "inline" | "inline-block" | "inline-table" | "contents" | "ruby" | "inline list-item" => Inline,
            "flex" | "grid" | "-webkit-flex" | "-webkit-box" | "-ms-flexbox" | "-ms-grid" | "-moz-box" => Flex,
            "inline-flex" | "inline-grid" | "-webkit-inline-flex" | "-webkit-inline-box" | "-ms-inline-flexbox"
            | "-ms-inline-grid" | "-moz-inline-box" => InlineFlex,
            "table-cell" => Cell,
            _ => return Option::None,
        })
    }
}

/// What the cascade gives an element: hidden (display:none or visibility:hidden), its
/// display if a rule sets one, and whether it floats or is positioned out of flow (then an
/// inline display counts as block).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub hidden: bool,
    pub display: Option<Display>,
    pub out_of_flow: bool,
}

#[derive(Clone, Debug)]
struct Selector {
    compounds: Vec<Compound>,
    /// A skipped selector (attributes, pseudo-classes) may show what this one hides: a class
    /// or id of its last compound appears in a skipped selector that sets a shown display or
    /// visibility. Then this selector does not hide (we cannot tell which wins).
    contested: bool,
    /// display, visibility, float, position
    decls: [Option<Decl>; 4],
}

/// The hiding rules of a page.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    selectors: Vec<Selector>,
    /// Selectors by their first compound's key: "#id", ".class", "tag" or "*".
    first: HashMap<String, Vec<u32>>,
    /// ".class" and "#id" names in skipped selectors that show (display other than none,
    /// visibility visible).
    skipped_shows: std::collections::HashSet<String>,
}

/// An element as the matcher sees it.
pub struct Element<'a> {
    pub tag: &'a str,
    pub id: &'a str,
    pub class: &'a str,
    /// Its attributes (name as written, value), for attribute selectors.
    pub attrs: &'a [(&'a [u8], &'a str)],
}

impl Compound {
    fn matches(&self, e: &Element) -> bool {
        self.tag.as_deref().is_none_or(|t| t == e.tag)
            && self.ids.iter().all(|i| i == e.id)
            && self.classes.iter().all(|c| e.class.split_ascii_whitespace().any(|w| w == c))
            && self.attrs.iter().all(|(name, op, v)| {
                e.attrs.iter().any(|(n, value)| {
                    n.eq_ignore_ascii_case(name.as_bytes())
                        && match op {
                            0 => true,
                            b'=' => value == v,
                            b'~' => value.split_ascii_whitespace().any(|w| w == v),
                            b'^' => !v.is_empty() && value.starts_with(v.as_str()),
                            b'$' => !v.is_empty() && value.ends_with(v.as_str()),
                            b'*' => !v.is_empty() && value.contains(v.as_str()),
                            _ => value == v || value.strip_prefix(v.as_str()).is_some_and(|r| r.starts_with('-')),
                        }
                })
            })
    }
}

/// A partial match: the selector and its next compound, and the stack depth of the element
/// that made it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct State {
    sel: u32,
    next: u16,
    depth: u32,
}

impl Sheet {
    /// The rules of `css` (the text of a page's `<style>` elements).
    pub fn parse(css: &str) -> Sheet {
        let mut sheet = Sheet::parse_rules(css);
        sheet.contest();
        sheet
    }

    fn parse_rules(css: &str) -> Sheet {
        let mut sheet = Sheet::default();
        let css = strip_comments(css);
        let mut order = 0u32;
        let mut rest = css.as_str();
        while let Some(open) = rest.find('{') {
            // a prelude may hold the tail of an earlier ';' statement (an @import, @charset)
            let prelude = rest[..open].rsplit(';').next().unwrap_or("").trim();
            let body_start = open + 1;
            if let Some(at) = prelude.strip_prefix('@') {
                // an at-rule: its block (nested braces) is read for @media queries that hold on
                // a desktop screen ([`media_matches`]) and for @supports
                let end = block_end(rest, body_start);
                let at = at.to_ascii_lowercase();
                let read = if let Some(q) = at.strip_prefix("media") {
                    media_matches(q)
                } else if let Some(q) = at.strip_prefix("supports") {
                    !q.trim_start().starts_with("not")
                } else {
                    false
                };
                if read {
                    let inner = Sheet::parse_rules(&rest[body_start..end.saturating_sub(1).max(body_start)]);
                    sheet.extend(inner, &mut order);
                }
                rest = &rest[end.min(rest.len())..];
                continue;
            }
            let close = rest[body_start..].find('}').map_or(rest.len(), |p| body_start + p);
            let body = &rest[body_start..close];
            rest = &rest[(close + 1).min(rest.len())..];
            let values = declarations(body);
            // float:none, position:relative and the like only matter against a rule that
            // floats or positions the same element: rare, and each kept selector costs matching
            if values[..2].iter().all(Option::is_none) && values[2..].iter().all(|d| d.is_none_or(|d| d.0 == 0)) {
                continue;
            }
            let shows = values[0].is_some_and(|d| d.0 != Display::None as u8) || values[1].is_some_and(|v| v.0 == 0);
            for sel in prelude.split(',') {
                order += 1;
                if let Some(compounds) = selector(sel) {
                    let spec = specificity(&compounds);
                    let decls = values.map(|d| d.map(|(v, imp)| Decl { rank: (imp, spec.0, spec.1, spec.2, order), v }));
                    sheet.push(Selector { compounds, contested: false, decls });
                } else if shows {
                    for name in sel.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '#'))) {
                        let mut rest = name;
                        while let Some(p) = rest.find(['.', '#']) {
                            let end = rest[p + 1..].find(['.', '#']).map_or(rest.len(), |q| p + 1 + q);
                            sheet.skipped_shows.insert(rest[p..end].to_string());
                            rest = &rest[end..];
                        }
                    }
                }
            }
        }
        sheet
    }

    fn extend(&mut self, other: Sheet, order: &mut u32) {
        self.skipped_shows.extend(other.skipped_shows);
        for mut s in other.selectors {
            *order += 1;
            for d in s.decls.iter_mut().flatten() {
                d.rank.4 = *order;
            }
            self.push(s);
        }
    }

    fn push(&mut self, s: Selector) {
        if self.selectors.len() >= MAX_SELECTORS {
            return;
        }
        let c = &s.compounds[0];
        let key = if let Some(id) = c.ids.first() {
            format!("#{id}")
        } else if let Some(class) = c.classes.first() {
            format!(".{class}")
        } else {
            c.tag.clone().unwrap_or_else(|| "*".into())
        };
        self.first.entry(key).or_default().push(self.selectors.len() as u32);
        self.selectors.push(s);
    }

    /// Mark the selectors a skipped one may override ([`Selector::contested`]); after parsing.
    fn contest(&mut self) {
        let shows = &self.skipped_shows;
        for s in &mut self.selectors {
            let last = &s.compounds[s.compounds.len() - 1];
            s.contested = last.classes.iter().any(|c| shows.contains(&format!(".{c}")))
                || last.ids.iter().any(|i| shows.contains(&format!("#{i}")));
        }
    }

    /// No rules at all.
    pub fn is_empty(&self) -> bool {
        self.selectors.is_empty()
    }

    /// Match element `e` at stack depth `depth` (its parent at `depth - 1`) against the
    /// selectors and the partial matches its ancestors left in `states`; appends the states it
    /// leaves for its descendants. Returns what the cascade gives it, `inline` being the display
    /// its `style` attribute sets (which beats any rule not `!important`). `work` counts steps;
    /// at zero only one-compound selectors are tried.
    pub fn style(&self, e: &Element, depth: u32, states: &mut Vec<State>, inline: Option<Display>, work: &mut usize) -> Style {
        let mut best: [Option<Decl>; 4] = [None; 4];
        let mut found = |sel: &Selector| {
            for (slot, (b, d)) in best.iter_mut().zip(sel.decls).enumerate() {
                let Some(d) = d else { continue };
                // a hiding rule a skipped selector may override is not applied
                let hides = if slot == 0 { d.v == Display::None as u8 } else { slot == 1 && d.v == 1 };
                if hides && sel.contested {
                    continue;
                }
                if b.is_none_or(|b| d.rank > b.rank) {
                    *b = Some(d);
                }
            }
        };
        let n_before = states.len();
        let advance = |sel: u32, next: u16, states: &mut Vec<State>, found: &mut dyn FnMut(&Selector)| {
            let Some(s) = self.selectors.get(sel as usize) else { return };
            if next as usize + 1 == s.compounds.len() {
                found(s);
            } else {
                let st = State { sel, next: next + 1, depth };
                // one state per selector position is enough for a descendant combinator
                let dup = !s.compounds[next as usize + 1].child
                    && states.len() < 64
                    && states.iter().any(|x| x.sel == sel && x.next == next + 1);
                if !dup {
                    states.push(st);
                }
            }
        };
        // partial matches left by ancestors
        if *work > 0 {
            for i in 0..n_before {
                let st = states[i];
                *work = work.saturating_sub(1);
                let Some(s) = self.selectors.get(st.sel as usize) else { continue };
                let c = &s.compounds[st.next as usize];
                if (!c.child || st.depth + 1 == depth) && c.matches(e) {
                    advance(st.sel, st.next, states, &mut found);
                }
            }
        }
        // selectors starting here, found by the element's tag, id and classes
        let keys = [e.tag.to_string(), "*".to_string(), format!("#{}", e.id)]
            .into_iter()
            .chain(e.class.split_ascii_whitespace().take(16).map(|c| format!(".{c}")));
        for k in keys {
            for &sel in self.first.get(&k).map_or(&[][..], |v| v.as_slice()) {
                *work = work.saturating_sub(1);
                let s = &self.selectors[sel as usize];
                if (s.compounds.len() == 1 || *work > 0) && s.compounds[0].matches(e) {
                    advance(sel, 0, states, &mut found);
                }
            }
        }
        let display = match (best[0], inline) {
            (Some(d), _) if d.rank.0 => Display::from_u8(d.v),
            (_, Some(i)) => Some(i),
            (d, None) => d.and_then(|d| Display::from_u8(d.v)),
        };
        Style {
            hidden: display == Some(Display::None) || best[1].is_some_and(|d| d.v == 1),
            display,
            out_of_flow: best[2].is_some_and(|d| d.v == 1) || best[3].is_some_and(|d| d.v == 1),
        }
    }

    /// Steps of matching allowed for an input of `n` bytes.
    pub fn budget(n: usize) -> usize {
        n.saturating_mul(16).max(100_000)
    }
}

/// `css` without `/* ... */` comments.
fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(p) = rest.find("/*") {
        out.push_str(&rest[..p]);
        out.push(' ');
        rest = rest[p + 2..].find("*/").map_or("", |q| &rest[p + 2 + q + 2..]);
    }
    out.push_str(rest);
    out
}

/// The index after the '}' closing the block whose contents start at `from`.
fn block_end(s: &str, from: usize) -> usize {
    let mut depth = 1;
    for (i, c) in s[from..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return from + i + 1;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// The last valid `display`, `visibility`, `float` and `position` declarations of a block:
/// (value as in [`Decl::v`], important) each.
fn declarations(body: &str) -> [Option<(u8, bool)>; 4] {
    let mut out = [None; 4];
    for d in body.split(';') {
        let Some((prop, value)) = d.split_once(':') else { continue };
        let prop = prop.trim();
        if !["display", "visibility", "float", "position"].iter().any(|p| prop.eq_ignore_ascii_case(p)) {
            continue;
        }
        let prop = prop.to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let (value, important) = match value.strip_suffix("!important") {
            Some(v) => (v.trim_end().to_string(), true),
            None => (value, false),
        };
        let (slot, v) = match prop.as_str() {
            "display" => match Display::parse(&value) {
                Some(d) => (0, d as u8),
                None => continue,
            },
            "visibility" => (1, u8::from(value == "hidden" || value == "collapse")),
            "float" => (2, u8::from(value == "left" || value == "right")),
            "position" => (3, u8::from(value == "absolute" || value == "fixed")),
            _ => continue,
        };
        // a later normal declaration does not beat an earlier important one in the same block
        if !out[slot].is_some_and(|(_, imp)| imp && !important) {
            out[slot] = Some((v, important));
        }
    }
    out
}

/// The display an element's `style` attribute sets, if any.
pub fn inline_display(style: &str) -> Option<Display> {
    let [d, ..] = declarations(style);
    d.and_then(|(v, _)| Display::from_u8(v))
}

/// Whether a media query list holds on the screen the text is read as on: a desktop browser
/// window 1280 by 720 CSS pixels (Chromium's default window for a headless page), colour,
/// fine pointer, light scheme. A query with a feature we do not know does not hold (its rules are
/// skipped, never guessed).
fn media_matches(list: &str) -> bool {
    const W: f32 = 1280.0;
    const H: f32 = 720.0;
    let length = |v: &str| -> Option<f32> {
        let v = v.trim();
        let (num, unit) = v.split_at(v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len()));
        let n: f32 = num.parse().ok()?;
        match unit.trim() {
            "px" | "" => Some(n),
            "em" | "rem" => Some(n * 16.0),
            _ => None,
        }
    };
    let feature = |f: &str| -> bool {
        let Some((name, value)) = f.split_once(':') else {
            return matches!(f.trim(), "color" | "hover" | "pointer" | "any-hover" | "any-pointer");
        };
        let (name, value) = (name.trim(), value.trim());
        let name = name.strip_prefix("-webkit-").unwrap_or(name);
        match name {
            "min-width" | "min-device-width" => length(value).is_some_and(|v| W >= v),
            "max-width" | "max-device-width" => length(value).is_some_and(|v| W <= v),
            "min-height" | "min-device-height" => length(value).is_some_and(|v| H >= v),
            "max-height" | "max-device-height" => length(value).is_some_and(|v| H <= v),
            "orientation" => value == "landscape",
            "min-device-pixel-ratio" | "min-resolution" => value.trim_end_matches("dppx").trim_end_matches("dpi").parse::<f32>().is_ok_and(|v| v <= 1.0),
            "max-device-pixel-ratio" | "max-resolution" => value.trim_end_matches("dppx").parse::<f32>().is_ok_and(|v| v >= 1.0),
            "prefers-color-scheme" => value == "light",
            "prefers-reduced-motion" => value == "no-preference",
            "hover" | "any-hover" => value == "hover",
            "pointer" | "any-pointer" => value == "fine",
            _ => false,
        }
    };
    list.split(',').any(|q| {
        let q = q.trim();
        let (not, q) = match q.strip_prefix("not ") {
            Some(r) => (true, r),
            None => (false, q.strip_prefix("only ").unwrap_or(q)),
        };
        let mut holds = true;
        for part in q.split(" and ") {
            let part = part.trim();
            holds &= if let Some(f) = part.strip_prefix('(').and_then(|p| p.strip_suffix(')')) {
                feature(f)
            } else {
                matches!(part, "screen" | "all" | "")
            };
        }
        holds != not
    })
}

/// A selector of the simple forms, or None.
fn selector(s: &str) -> Option<Vec<Compound>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut child = false;
    let spaced = s.replace('>', " > ");
    for part in spaced.split_ascii_whitespace() {
        if part == ">" {
            if out.is_empty() || child {
                return None;
            }
            child = true;
            continue;
        }
        let mut c = compound(part)?;
        c.child = child;
        child = false;
        out.push(c);
    }
    if child || out.is_empty() || out.len() > 8 {
        return None;
    }
    // the page's root elements are not hidden by us (a page that hides its body until a
    // script runs would show nothing)
    if out.last().is_some_and(|c| matches!(c.tag.as_deref(), Some("html" | "body"))) {
        return None;
    }
    Some(out)
}

/// `tag`, `*`, `.class`, `#id` and their concatenations; anything else is None.
fn compound(s: &str) -> Option<Compound> {
    let ident = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let mut c = Compound::default();
    let first = s.find(['.', '#', '[']).unwrap_or(s.len());
    let tag = &s[..first];
    if tag != "*" && !tag.is_empty() {
        if !ident(tag) {
            return None;
        }
        c.tag = Some(tag.to_ascii_lowercase());
    }
    let mut rest = &s[first..];
    while !rest.is_empty() {
        let kind = rest.as_bytes()[0];
        if kind == b'[' {
            let close = rest.find(']')?;
            c.attrs.push(attribute(&rest[1..close])?);
            rest = &rest[close + 1..];
            continue;
        }
        let end = rest[1..].find(['.', '#', '[']).map_or(rest.len(), |p| p + 1);
        let name = &rest[1..end];
        if !ident(name) {
            return None;
        }
        if kind == b'.' {
            c.classes.push(name.to_string());
        } else {
            c.ids.push(name.to_string());
        }
        rest = &rest[end..];
    }
    Some(c)
}

/// The inside of `[...]`: `name`, `name=value`, `name~=value` (and `^=`, `$=`, `*=`, `|=`), the
/// value bare or quoted; a case flag (`i`) or anything else is None.
fn attribute(s: &str) -> Option<(String, u8, String)> {
    let ident = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'));
    let Some(eq) = s.find('=') else {
        let name = s.trim();
        return ident(name).then(|| (name.to_ascii_lowercase(), 0, String::new()));
    };
    let (mut name, op) = match s[..eq].trim_end().as_bytes().last() {
        Some(&o @ (b'~' | b'^' | b'$' | b'*' | b'|')) => (&s[..eq - 1], o),
        _ => (&s[..eq], b'='),
    };
    name = name.trim();
    let v = s[eq + 1..].trim();
    let v = match v.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => v[1..].strip_suffix(q as char)?,
        _ if ident(v) => v,
        _ => return None,
    };
    (ident(name) && !v.contains(['"', '\'', '\\'])).then(|| (name.to_ascii_lowercase(), op, v.to_string()))
}

fn specificity(cs: &[Compound]) -> (u16, u16, u16) {
    cs.iter().fold((0, 0, 0), |(a, b, t), c| {
        (a + c.ids.len() as u16, b + (c.classes.len() + c.attrs.len()) as u16, t + u16::from(c.tag.is_some()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which of `elements` (a path from the root: tag, id, class) the sheet hides.
    fn hidden(css: &str, path: &[(&str, &str, &str)]) -> Vec<bool> {
        let sheet = Sheet::parse(css);
        let mut states = Vec::new();
        let mut work = 1000;
        path.iter()
            .enumerate()
            .map(|(d, &(tag, id, class))| sheet.style(&Element { tag, id, class, attrs: &[] }, d as u32 + 1, &mut states, None, &mut work).hidden)
            .collect()
    }

    #[test]
    fn simple_selectors_and_the_cascade() {
        let p = [("div", "", "menu open"), ("ul", "", ""), ("li", "x", "item")];
        assert_eq!(hidden(".menu{display:none}", &p), [true, false, false]);
        assert_eq!(hidden(".menu{display:none} .menu.open{display:block}", &p), [false, false, false]);
        assert_eq!(hidden(".menu.open{display:block} .menu{display:none}", &p), [false, false, false]);
        assert_eq!(hidden(".menu.open{display:block} .menu{display:none!important}", &p), [true, false, false]);
        assert_eq!(hidden(".menu li { visibility: hidden }", &p), [false, false, true]);
        assert_eq!(hidden("div > li { display: none }", &p), [false, false, false]);
        assert_eq!(hidden("div > ul > li#x { display: none }", &p), [false, false, true]);
        assert_eq!(hidden("ul, #x { display: none }", &p), [false, true, true]);
        assert_eq!(hidden("li.item.other { display: none }", &p), [false, false, false]);
        // skipped forms, at-rules, comments, the root elements
        assert_eq!(hidden("li:hover, [class] , ul + li, div ~ ul { display: none }", &p), [false, false, false]);
        assert_eq!(hidden("@media (max-width: 600px) { ul { display: none } } @media print{li{display:none}}", &p), [false; 3]);
        assert_eq!(hidden("@media screen { ul { display: none } }", &p), [false, true, false]);
        assert_eq!(hidden("/* ul { display: none } */ li { color: red }", &p), [false; 3]);
        assert_eq!(hidden("@import url(x.css); ul { display: none }", &p), [false, true, false]);
        assert!(Sheet::parse("body { display: none } html{visibility:hidden}").is_empty());
        // a skipped selector that may show the element again: not hidden (not guessed)
        assert_eq!(hidden(".menu{display:none} .menu:not(.x){display:flex}", &p), [false; 3]);
        assert_eq!(hidden("ul{display:none} [data-open] ul{display:block}", &p), [false, true, false]);
    }

    /// The display the sheet gives the last element of `path`.
    fn display(css: &str, path: &[(&str, &str, &str)]) -> Style {
        let sheet = Sheet::parse(css);
        let mut states = Vec::new();
        let mut work = 1000;
        let mut last = Style::default();
        for (d, &(tag, id, class)) in path.iter().enumerate() {
            last = sheet.style(&Element { tag, id, class, attrs: &[] }, d as u32 + 1, &mut states, None, &mut work);
        }
        last
    }

    #[test]
    fn display_values_floats_and_media_queries() {
        let p = [("div", "", "bar"), ("span", "", "item")];
        let d = |css| display(css, &p).display;
        assert_eq!(d(".item{display:block}"), Some(Display::Block));
        assert_eq!(d(".item{display:-webkit-box;display:-ms-flexbox;display:flex}"), Some(Display::Flex));
        assert_eq!(d(".item{display:block;display:nonsense}"), Some(Display::Block));
        assert_eq!(d(".item{display:inline-grid}"), Some(Display::InlineFlex));
        assert_eq!(d(".item{display:table-cell}"), Some(Display::Cell));
        assert_eq!(d(".bar .item{display:inline-block} .item{display:block}"), Some(Display::Inline));
        assert_eq!(d(".item{color:red}"), None);
        assert!(display(".item{float:right}", &p).out_of_flow);
        assert!(display(".item{position:fixed}", &p).out_of_flow);
        assert!(!display(".item{position:relative;float:none}", &p).out_of_flow);
        // the style attribute beats a rule, unless the rule is important
        let sheet = Sheet::parse(".item{display:block} .x{display:none!important}");
        let e = |class| Element { tag: "span", id: "", class, attrs: &[] };
        let inline = Some(Display::Inline);
        assert_eq!(sheet.style(&e("item"), 1, &mut Vec::new(), inline, &mut 100).display, inline);
        assert!(sheet.style(&e("x"), 1, &mut Vec::new(), inline, &mut 100).hidden);
        // media queries on a 1280 by 720 desktop screen
        assert!(media_matches(" (min-width: 1024px)"));
        assert!(media_matches(" only screen and (min-width:64em)"));
        assert!(!media_matches(" (max-width: 767px)"));
        assert!(media_matches(" print, screen and (max-width: 2000px)"));
        assert!(!media_matches(" print"));
        assert!(media_matches(" not print"));
        assert!(!media_matches(" (min-width: 600px) and (max-width: 1023px)"));
        assert!(!media_matches(" (scan: interlace)"));
        assert!(media_matches(" (orientation: landscape) and (-webkit-min-device-pixel-ratio: 1)"));
    }

    #[test]
    fn attribute_selectors() {
        let sheet = Sheet::parse("[data-x]{display:none} a[href^='/share']{display:none} [class~=ad]{visibility:hidden} [lang|=en]{display:none} [a=\"b c\"], [x=y i]{display:none}");
        let hides = |tag, attrs: &[(&[u8], &str)]| {
            let class = attrs.iter().find(|a| a.0 == b"class").map_or("", |a| a.1);
            sheet.style(&Element { tag, id: "", class, attrs }, 1, &mut Vec::new(), None, &mut 100).hidden
        };
        assert!(hides("p", &[(b"DATA-X", "")]));
        assert!(hides("a", &[(b"href", "/share/x")]));
        assert!(!hides("a", &[(b"href", "/about")]));
        assert!(!hides("p", &[(b"href", "/share/x")]));
        assert!(hides("p", &[(b"class", "x ad")]));
        assert!(!hides("p", &[(b"class", "x add")]));
        assert!(hides("p", &[(b"lang", "en-GB")]));
        assert!(!hides("p", &[(b"lang", "eng")]));
        assert!(!hides("p", &[(b"a", "b c")])); // spaces in a value: the selector is skipped
        assert!(!hides("p", &[(b"x", "y")])); // a case flag: skipped
    }
}
