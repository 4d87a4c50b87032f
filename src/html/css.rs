//! The page's own hiding rules: `display` and `visibility` declarations in its `<style>`
//! elements, for selectors of the simple forms (a tag or `*`, `.class`, `#id`, compounds of
//! those, descendant and child combinators, selector lists), matched while the tree is built
//! and decided by the cascade (`!important`, then specificity, then order), so
//! `.menu{display:none}` hides and a later `.menu.open{display:block}` shows again. Any other
//! selector (attributes, pseudo-classes, siblings) is skipped, never guessed; so are rules
//! inside at-rules other than `@media screen` / `@media all` (a phone layout or print sheet
//! does not apply to the page as shown on a desktop).
//!
//! Matching is left to right as elements open: an element that matches a selector's first
//! compounds leaves a state for its descendants (or, after `>`, its children), popped with it.
//! Work is bounded by [`Sheet::budget`] per input byte, so time stays linear.

use std::collections::HashMap;

/// At most this many selectors are kept (the rest of a huge sheet is skipped).
const MAX_SELECTORS: usize = 4000;

#[derive(Clone, Debug, Default, PartialEq)]
struct Compound {
    /// Lower-case tag name, None for any.
    tag: Option<String>,
    ids: Vec<String>,
    classes: Vec<String>,
    /// The combinator before this compound is `>` (else descendant).
    child: bool,
}

/// What a matched rule says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decl {
    /// Cascade rank: important, specificity (ids, classes, tags), source order.
    rank: (bool, u16, u16, u16, u32),
    /// For `display`: none; for `visibility`: hidden or collapse.
    pub hides: bool,
}

#[derive(Clone, Debug)]
struct Selector {
    compounds: Vec<Compound>,
    /// A skipped selector (attributes, pseudo-classes) may show what this one hides: a class
    /// or id of its last compound appears in a skipped selector that sets a shown display or
    /// visibility. Then this selector does not hide (we cannot tell which wins).
    contested: bool,
    display: Option<Decl>,
    visibility: Option<Decl>,
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
}

impl Compound {
    fn matches(&self, e: &Element) -> bool {
        self.tag.as_deref().is_none_or(|t| t == e.tag)
            && self.ids.iter().all(|i| i == e.id)
            && self.classes.iter().all(|c| e.class.split_ascii_whitespace().any(|w| w == c))
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
                // an at-rule: its block (nested braces) is read only for @media screen / all
                let end = block_end(rest, body_start);
                let media = at.strip_prefix("media").map(|m| m.trim().to_ascii_lowercase());
                if matches!(media.as_deref(), Some("screen" | "all")) {
                    let inner = Sheet::parse_rules(&rest[body_start..end.saturating_sub(1).max(body_start)]);
                    sheet.extend(inner, &mut order);
                }
                rest = &rest[end.min(rest.len())..];
                continue;
            }
            let close = rest[body_start..].find('}').map_or(rest.len(), |p| body_start + p);
            let body = &rest[body_start..close];
            rest = &rest[(close + 1).min(rest.len())..];
            let (display, visibility) = declarations(body);
            if display.is_none() && visibility.is_none() {
                continue;
            }
            let shows = display.is_some_and(|d| !d.0) || visibility.is_some_and(|v| !v.0);
            for sel in prelude.split(',') {
                order += 1;
                if let Some(compounds) = selector(sel) {
                    let spec = specificity(&compounds);
                    let decl = |d: Option<(bool, bool)>| {
                        d.map(|(hides, imp)| Decl { rank: (imp, spec.0, spec.1, spec.2, order), hides })
                    };
                    let (display, visibility) = (decl(display), decl(visibility));
                    sheet.push(Selector { compounds, contested: false, display, visibility });
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
            for d in [&mut s.display, &mut s.visibility].into_iter().flatten() {
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
    /// leaves for its descendants. Returns whether the cascade hides it (display:none or
    /// visibility:hidden winning), `inline_display` being whether its `style` attribute sets a
    /// display other than none. `work` counts steps; at zero only one-compound selectors are
    /// tried.
    pub fn hides(&self, e: &Element, depth: u32, states: &mut Vec<State>, inline_display: bool, work: &mut usize) -> bool {
        let mut display: Option<Decl> = None;
        let mut visibility: Option<Decl> = None;
        let mut found = |sel: &Selector| {
            if sel.contested {
                return;
            }
            for (best, d) in [(&mut display, sel.display), (&mut visibility, sel.visibility)] {
                if let Some(d) = d {
                    if best.is_none_or(|b| d.rank > b.rank) {
                        *best = Some(d);
                    }
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
        let display_hides = display.is_some_and(|d| d.hides && (d.rank.0 || !inline_display));
        display_hides || visibility.is_some_and(|d| d.hides)
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

/// The last `display` and `visibility` declarations of a block: (hides, important) each.
#[allow(clippy::type_complexity)]
fn declarations(body: &str) -> (Option<(bool, bool)>, Option<(bool, bool)>) {
    let (mut display, mut visibility) = (None, None);
    for d in body.split(';') {
        let Some((prop, value)) = d.split_once(':') else { continue };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let (value, important) = match value.strip_suffix("!important") {
            Some(v) => (v.trim_end().to_string(), true),
            None => (value, false),
        };
        // a later normal declaration does not beat an earlier important one in the same block
        let set = |slot: &mut Option<(bool, bool)>, hides: bool| {
            if !slot.is_some_and(|(_, imp)| imp && !important) {
                *slot = Some((hides, important));
            }
        };
        match prop.as_str() {
            "display" => set(&mut display, value == "none"),
            "visibility" => set(&mut visibility, value == "hidden" || value == "collapse"),
            _ => {}
        }
    }
    (display, visibility)
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
    let first = s.find(['.', '#']).unwrap_or(s.len());
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
        let end = rest[1..].find(['.', '#']).map_or(rest.len(), |p| p + 1);
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

fn specificity(cs: &[Compound]) -> (u16, u16, u16) {
    cs.iter().fold((0, 0, 0), |(a, b, t), c| {
        (a + c.ids.len() as u16, b + c.classes.len() as u16, t + u16::from(c.tag.is_some()))
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
            .map(|(d, &(tag, id, class))| sheet.hides(&Element { tag, id, class }, d as u32 + 1, &mut states, false, &mut work))
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
}
