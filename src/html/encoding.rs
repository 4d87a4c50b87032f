//! Which encoding a page's bytes are in, as a browser decides for a saved page (WHATWG HTML
//! "determining the character encoding"): a byte order mark first, then the `<meta charset>`
//! or `<meta http-equiv="Content-Type" content="...; charset=...">` found by the spec's prescan
//! of the first 1024 bytes, else UTF-8 when the bytes are valid UTF-8 (what Chromium's
//! detector and Firefox do for an unlabelled file), else windows-1252 (the spec's default for
//! most locales).
//!
//! The sniffing is ours and has no dependency, so the wasm build (where the page decodes with
//! the browser's own `TextDecoder`) carries no decoder tables; natively [`decode`] decodes with
//! `encoding_rs` (see Cargo.toml). Bytes that are not valid in the encoding become U+FFFD:
//! a page is never refused.

/// Where the encoding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A byte order mark (its bytes are not text).
    Bom,
    /// A `<meta>` element within the first 1024 bytes.
    Meta,
    /// Neither: UTF-8 if the bytes are valid UTF-8, else windows-1252.
    Default,
}

/// The outcome of [`sniff`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sniffed {
    /// The encoding's label: a canonical name for a BOM or the default, the `<meta>` label as
    /// `resolve` returned it otherwise.
    pub label: String,
    /// Bytes of the byte order mark (0 without one).
    pub bom: usize,
    pub source: Source,
}

/// Sniff the encoding of `bytes`. `resolve` turns a `<meta>` label into the name of a known
/// encoding (None: not a label, and the prescan goes on as the spec says); natively that is
/// `encoding_rs`'s label table, in wasm the label is passed on as it is (the page's
/// `TextDecoder` knows the labels). A `<meta>` naming UTF-16 means UTF-8 and `x-user-defined`
/// means windows-1252, as in the spec.
pub fn sniff(bytes: &[u8], resolve: &dyn Fn(&str) -> Option<String>) -> Sniffed {
    let bom = |label: &str, n: usize| Sniffed { label: label.into(), bom: n, source: Source::Bom };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return bom("UTF-8", 3);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return bom("UTF-16BE", 2);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return bom("UTF-16LE", 2);
    }
    if let Some(label) = prescan(&bytes[..bytes.len().min(1024)], resolve) {
        let lower = label.to_ascii_lowercase();
        let label = if lower.starts_with("utf-16") {
            "UTF-8".to_string()
        } else if lower == "x-user-defined" {
            "windows-1252".to_string()
        } else {
            label
        };
        return Sniffed { label, bom: 0, source: Source::Meta };
    }
    let label = if std::str::from_utf8(bytes).is_ok() { "UTF-8" } else { "windows-1252" };
    Sniffed { label: label.into(), bom: 0, source: Source::Default }
}

/// Decode a page's bytes to text: [`sniff`], then `encoding_rs` with malformed bytes as
/// U+FFFD. Returns the text and the encoding's name.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let resolve = |l: &str| encoding_rs::Encoding::for_label(l.as_bytes()).map(|e| e.name().to_string());
    let s = sniff(bytes, &resolve);
    let enc = encoding_rs::Encoding::for_label(s.label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252);
    // UTF-16 from <meta> was turned into UTF-8 by sniff; a replacement label decodes as such.
    let (text, _malformed) = enc.decode_without_bom_handling(&bytes[s.bom..]);
    (text.into_owned(), enc.name())
}

fn is_ws(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The spec's "prescan a byte stream to determine its encoding" over `b` (already cut to
/// 1024 bytes): the label of the first `<meta>` that gives a known encoding.
fn prescan(b: &[u8], resolve: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let n = b.len();
    let mut i = 0;
    let starts = |i: usize, pat: &[u8]| b.len() >= i + pat.len() && b[i..i + pat.len()].eq_ignore_ascii_case(pat);
    while i < n {
        if starts(i, b"<!--") {
            // to the end of "-->", which may share its dashes with "<!--"
            i = match b[i + 2..].windows(3).position(|w| w == b"-->") {
                Some(p) => i + 2 + p + 3,
                None => return None,
            };
        } else if starts(i, b"<meta") && b.get(i + 5).is_some_and(|&c| is_ws(c) || c == b'/') {
            i += 6;
            let mut seen: Vec<Vec<u8>> = Vec::new();
            let (mut got_pragma, mut need_pragma, mut charset) = (false, None::<bool>, None::<String>);
            while let Some((name, value, next)) = attribute(b, i) {
                i = next;
                if seen.contains(&name) {
                    continue;
                }
                match name.as_slice() {
                    b"http-equiv" => got_pragma |= value.eq_ignore_ascii_case(b"content-type"),
                    b"content" if charset.is_none() => {
                        if let Some(l) = charset_in_content(&value) {
                            charset = Some(l);
                            need_pragma = Some(true);
                        }
                    }
                    b"charset" => {
                        charset = Some(String::from_utf8_lossy(&value).into_owned());
                        need_pragma = Some(false);
                    }
                    _ => {}
                }
                seen.push(name);
            }
            let wanted = match need_pragma {
                None => false,
                Some(true) => got_pragma,
                Some(false) => true,
            };
            if wanted {
                if let Some(label) = charset.as_deref().and_then(|l| resolve(l.trim_matches(|c: char| is_ws(c as u8)))) {
                    return Some(label);
                }
            }
        } else if b[i] == b'<' && (b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) || (b.get(i + 1) == Some(&b'/') && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))) {
            // a tag: skip its name, then its attributes
            while i < n && !is_ws(b[i]) && b[i] != b'>' {
                i += 1;
            }
            while let Some((_, _, next)) = attribute(b, i) {
                i = next;
            }
        } else if starts(i, b"<!") || starts(i, b"</") || starts(i, b"<?") {
            i = match b[i..].iter().position(|&c| c == b'>') {
                Some(p) => i + p + 1,
                None => return None,
            };
        } else {
            i += 1;
        }
    }
    None
}

/// The spec's "get an attribute" at `i`: (lower-case name, value, position after it), or None
/// at '>' or the end.
#[allow(clippy::type_complexity)]
fn attribute(b: &[u8], mut i: usize) -> Option<(Vec<u8>, Vec<u8>, usize)> {
    let n = b.len();
    while i < n && (is_ws(b[i]) || b[i] == b'/') {
        i += 1;
    }
    if i >= n || b[i] == b'>' {
        return None;
    }
    let mut name = Vec::new();
    loop {
        let c = *b.get(i)?;
        if c == b'=' && !name.is_empty() {
            i += 1;
            break;
        }
        if is_ws(c) {
            while i < n && is_ws(b[i]) {
                i += 1;
            }
            if b.get(i) != Some(&b'=') {
                return Some((name, Vec::new(), i));
            }
            i += 1;
            break;
        }
        if c == b'/' || c == b'>' {
            return Some((name, Vec::new(), i));
        }
        name.push(c.to_ascii_lowercase());
        i += 1;
    }
    while i < n && is_ws(b[i]) {
        i += 1;
    }
    let mut value = Vec::new();
    let c = *b.get(i)?;
    if c == b'"' || c == b'\'' {
        let end = b[i + 1..].iter().position(|&d| d == c)?;
        value.extend(b[i + 1..i + 1 + end].iter().map(u8::to_ascii_lowercase));
        return Some((name, value, i + end + 2));
    }
    if c == b'>' {
        return Some((name, value, i));
    }
    while i < n && !is_ws(b[i]) && b[i] != b'>' {
        value.push(b[i].to_ascii_lowercase());
        i += 1;
    }
    Some((name, value, i))
}

/// The spec's "extract a character encoding from a meta element": the label after
/// `charset=` in a `content` value.
fn charset_in_content(v: &[u8]) -> Option<String> {
    let mut i = 0;
    loop {
        let p = v[i..].windows(7).position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        i += p + 7;
        while i < v.len() && is_ws(v[i]) {
            i += 1;
        }
        if v.get(i) == Some(&b'=') {
            i += 1;
            break;
        }
    }
    while i < v.len() && is_ws(v[i]) {
        i += 1;
    }
    let rest = &v[i..];
    let label = match rest.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = rest[1..].iter().position(|&c| c == q)?;
            &rest[1..1 + end]
        }
        Some(_) => {
            let end = rest.iter().position(|&c| is_ws(c) || c == b';').unwrap_or(rest.len());
            &rest[..end]
        }
        None => return None,
    };
    Some(String::from_utf8_lossy(label).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(l: &str) -> Option<String> {
        Some(l.to_string())
    }

    fn label(b: &[u8]) -> (String, Source) {
        let s = sniff(b, &any);
        (s.label, s.source)
    }

    #[test]
    fn bom_then_meta_then_utf8_then_windows_1252() {
        assert_eq!(sniff(b"\xEF\xBB\xBF<p>x", &any), Sniffed { label: "UTF-8".into(), bom: 3, source: Source::Bom });
        assert_eq!(sniff(b"\xFF\xFE<\0p\0>\0", &any).label, "UTF-16LE");
        assert_eq!(sniff(b"\xFE\xFF\0<\0p\0>", &any).label, "UTF-16BE");
        // the BOM wins over <meta>
        assert_eq!(label(b"\xEF\xBB\xBF<meta charset=latin1>").0, "UTF-8");
        assert_eq!(label(b"<meta charset=\"ISO-8859-2\"><p>\xB1"), ("iso-8859-2".into(), Source::Meta));
        assert_eq!(label(b"<META CHARSET = 'koi8-r' >"), ("koi8-r".into(), Source::Meta));
        assert_eq!(label(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">").0, "shift_jis");
        assert_eq!(label(b"<meta content='text/html;charset=\"euc-kr\"' http-equiv=content-type>").0, "euc-kr");
        // content without http-equiv is not a pragma
        assert_eq!(label(b"<meta content=\"text/html; charset=koi8-r\"><p>caf\xC3\xA9").0, "UTF-8");
        // UTF-16 in <meta> means UTF-8; x-user-defined means windows-1252
        assert_eq!(label(b"<meta charset=utf-16le>").0, "UTF-8");
        assert_eq!(label(b"<meta charset=x-user-defined>").0, "windows-1252");
        // no label: valid UTF-8 is UTF-8, anything else windows-1252
        assert_eq!(label("<p>café".as_bytes()), ("UTF-8".into(), Source::Default));
        assert_eq!(label(b"<p>caf\xE9"), ("windows-1252".into(), Source::Default));
    }

    #[test]
    fn prescan_skips_comments_other_tags_and_unknown_labels_and_stops_at_1024_bytes() {
        assert_eq!(label(b"<!-- <meta charset=koi8-r> --><meta charset=iso-8859-5>").0, "iso-8859-5");
        assert_eq!(label(b"<div title='<meta charset=koi8-r>'><meta charset=iso-8859-5>").0, "iso-8859-5");
        assert_eq!(label(b"<meta name=x><meta charset=koi8-r>").0, "koi8-r");
        let only_known = |l: &str| (l == "koi8-r").then(|| l.to_string());
        assert_eq!(sniff(b"<meta charset=bogus><meta charset=koi8-r>", &only_known).label, "koi8-r");
        let late = format!("{}<meta charset=koi8-r>", " ".repeat(1020));
        assert_eq!(label(late.as_bytes()), ("UTF-8".into(), Source::Default));
    }

    #[test]
    fn decoding_never_refuses() {
        assert_eq!(decode(b"<p>caf\xE9 \x93q\x94"), ("<p>café “q”".to_string(), "windows-1252"));
        assert_eq!(decode(b"<meta charset=utf-8><p>a\xFFb").0, "<meta charset=utf-8><p>a\u{FFFD}b");
        assert_eq!(decode(b"\xEF\xBB\xBF<p>x").0, "<p>x");
        assert_eq!(decode(b"\xFF\xFE<\0p\0>\0\xE9\0").0, "<p>é");
        assert_eq!(decode(b"<meta charset=koi8-r><p>\xF0\xD2\xC9").0, "<meta charset=koi8-r><p>При");
        assert_eq!(decode(b"").0, "");
    }
}
