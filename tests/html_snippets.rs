//! Hand-made HTML snippets and the text Chromium shows for each (document.body.innerText,
//! JavaScript off, no network), pinned in tests/fixtures/html-snippets.json. The Chromium column
//! is generated once by `node tools/html-vs-chromium.mjs --snippets` and only read here: our
//! parser must give the same lines (see [`lines`] for the white space that does not count). A snippet with a `gap` field is a known, explained difference: the test checks that
//! it still differs, so a fix shows up and the field is removed.

use annotator::html::{encoding, parse};

fn bytes(s: &serde_json::Value) -> Vec<u8> {
    let html = s["html"].as_str().unwrap();
    match s["bytes"].as_str() {
        Some("latin1") => html.chars().map(|c| c as u32 as u8).collect(),
        Some("utf16le") => {
            [0xFF, 0xFE].into_iter().chain(html.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        }
        _ => html.as_bytes().to_vec(),
    }
}

/// Non-empty lines with tabs and U+00A0 as spaces, trailing spaces trimmed and inner runs of
/// spaces as one (innerText separates table cells with a tab where we put a space, and keeps the
/// two spaces around an image); leading spaces count (a `<pre>`'s indentation).
fn lines(t: &str) -> Vec<String> {
    t.split('\n')
        .map(|l| {
            let l = l.replace(['\t', '\u{a0}'], " ");
            let l = l.trim_end();
            let body = l.trim_start();
            let words: Vec<&str> = body.split(' ').filter(|w| !w.is_empty()).collect();
            format!("{}{}", &l[..l.len() - body.len()], words.join(" "))
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn snippets_read_as_chromium_shows_them() {
    let table: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/html-snippets.json")).expect("the snippet table parses");
    assert!(table.len() >= 60, "at least 60 snippets");
    let mut bad = Vec::new();
    for s in &table {
        let name = s["name"].as_str().unwrap();
        let ours = lines(&parse(&encoding::decode(&bytes(s)).0).text);
        let theirs = lines(s["chromium"].as_str().expect("the Chromium column is filled"));
        match (ours == theirs, s.get("gap")) {
            (true, None) | (false, Some(_)) => {}
            (false, None) => bad.push(format!("{name}:\n  ours     {ours:?}\n  Chromium {theirs:?}")),
            (true, Some(_)) => bad.push(format!("{name}: now the same as Chromium; remove its `gap`")),
        }
    }
    assert!(bad.is_empty(), "{} of {} snippets differ:\n{}", bad.len(), table.len(), bad.join("\n"));
}
