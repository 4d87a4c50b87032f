//! The CLI's contract: the scorer's JSON schema, code point offsets, JSON
//! Lines with ids, HTML output, clear errors.

mod common;
use common::*;

const LABELS: [&str; 5] = ["PERSON", "ORG", "PLACE", "DATE", "MISC"];
const KINDS: [&str; 9] =
    ["ad", "caption", "promo", "share", "subscribe", "navigation", "comments", "legal", "other"];

fn seed() -> Option<String> {
    shared_text("data/seed/article.txt")
}

#[test]
fn prints_the_scorer_schema() {
    let Some(text) = seed() else { return };
    let v = annotate_json(&text);
    let n = text.chars().count() as u64;
    assert_eq!(v["text"].as_str(), Some(text.as_str()));
    assert_eq!(v["language"].as_str(), Some("en"), "the text's language");
    let ents = v["entities"].as_array().expect("entities");
    assert!(!ents.is_empty(), "the seed article has entities");
    let groups = v["groups"].as_array().expect("groups");
    for e in ents {
        let (s, t) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        assert!(s < t && t <= n);
        assert!(LABELS.contains(&e["label"].as_str().unwrap()));
        let g = &groups[e["entity"].as_u64().unwrap() as usize];
        assert_eq!(g["label"], e["label"], "a mention carries its entity's label");
    }
    let quotes = v["quotes"].as_array().expect("quotes");
    assert!(!quotes.is_empty(), "the seed article has quotes");
    for q in quotes {
        let (s, t) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
        assert!(s < t && t <= n);
        assert!(q["speaker"].is_null() || q["speaker"].is_string());
        match q["speaker_span"].as_array() {
            Some(a) => assert_eq!(a.len(), 2),
            None => assert!(q["speaker_span"].is_null()),
        }
    }
    let bp = v["boilerplate"].as_array().expect("boilerplate");
    assert!(!bp.is_empty(), "the seed article has boilerplate lines");
    for b in bp {
        assert!(KINDS.contains(&b["kind"].as_str().unwrap()));
    }
}

#[test]
fn offsets_are_code_points_on_emoji_accents_nbsp_and_crlf() {
    let text = "Crème brûlée 👩‍👩‍👧 news\r\n\r\nOn\u{a0}Monday, Peter\u{a0}Müller told reporters in Zürich: “We are ready 🚀.”\r\n\r\n“It works,” Müller said.\r\n";
    let v = annotate_json(text);
    let ents = v["entities"].as_array().unwrap();
    assert!(ents.iter().any(|e| e["label"] == "DATE"), "Monday is a date: {ents:?}");
    assert!(ents.iter().any(|e| e["label"] == "PERSON"), "Müller is a person: {ents:?}");
    for e in ents {
        let s = cp_slice(text, e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        assert_eq!(s, e["text"].as_str().unwrap());
    }
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    for q in quotes {
        let s = cp_slice(text, q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
        assert!(s.starts_with('“') && s.ends_with('”'), "quote span {s:?}");
        assert!(q["speaker"].as_str().unwrap_or("").contains("Müller"), "{q:?}");
    }
}

#[test]
fn jsonl_keeps_ids_and_reports_bad_lines() {
    let input = "{\"id\":\"a\",\"text\":\"Hello.\"}\n\n{\"id\":7,\"text\":\"Advertisement\"}\n";
    let out = run(&["--jsonl"], input);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], "7");

    let bad = run(&["--jsonl"], "{\"id\":\"a\",\"text\":\"ok\"}\nnot json\n");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("line 2"));
}

#[test]
fn html_output_is_escaped_and_standalone() {
    let out = run(&["--html", "-"], "<script>alert(1)</script> said Ann Lee.");
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>"));
}

#[test]
fn errors_are_clear() {
    let out = run(&["/no/such/file"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file"));
    let out = run(&["--bogus"], "");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["-"], "");
    assert!(out.status.success(), "empty input is valid");
}

#[test]
fn single_file_id_is_dir_and_stem_or_given() {
    let dir = std::env::temp_dir().join(format!("annot-id-{}", std::process::id())).join("news");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("story.txt");
    std::fs::write(&f, "Hello.").unwrap();
    let out = run(&[f.to_str().unwrap()], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "news-story");
    let out = run(&[f.to_str().unwrap(), "--id", "x1"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "x1");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// A made-up page: navigation, a headline, a byline, two paragraphs with a quote, a share bar.
const PAGE: &str = "<html><head><title>Bridge - Daily Example</title><style>p{color:red}</style>\
<script>document.write('Injected')</script></head><body>\
<nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav>\
<article><h1>Mayor opens the new river bridge</h1>\
<p class=byline>By Jane Doe</p>\
<p>\u{201c}This bridge joins two towns,\u{201d} said Anna Weber, the mayor of Springfield, on Tuesday.</p>\
<p>Traffic on the old ferry route fell by half within a week &amp; the ferry company said it would \
cut its timetable.</p>\
<div class=share-bar><a href=#>Share on Facebook</a> <a href=#>Share by email</a></div>\
</article></body></html>";

#[test]
fn from_html_prints_the_derived_text_and_annotates_it() {
    let out = run(&["--from-html", "-", "--id", "p1"], PAGE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "p1");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Mayor opens the new river bridge"));
    assert!(text.contains("week & the ferry"), "entities decoded: {text}");
    assert!(!text.contains("Injected") && !text.contains("color:red"), "no script or style text: {text}");
    assert!(!text.contains('<'), "no markup: {text}");
    let chars: Vec<char> = text.chars().collect();
    for m in v["entities"].as_array().unwrap() {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert!(s < e && e <= chars.len(), "mention offsets in the derived text's code points");
    }
    assert!(!v["quotes"].as_array().unwrap().is_empty(), "the article's quote is found: {v}");
}

/// The `text` of `annotate --from-html -` on `bytes`.
fn from_html_text(bytes: &[u8]) -> String {
    let out = run_bytes(&["--from-html", "-", "--no-entities", "--no-quotes"], bytes);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["text"].as_str().unwrap().to_string()
}

#[test]
fn from_html_reads_any_encoding_and_never_refuses_bytes() {
    // windows-1252 without a label (not valid UTF-8), and with one
    assert_eq!(from_html_text(b"<p>Caf\xE9 \x93open\x94</p>"), "Caf\u{e9} \u{201c}open\u{201d}");
    assert_eq!(from_html_text(b"<meta charset=windows-1252><p>\x80 5</p>"), "\u{20ac} 5");
    // http-equiv, a Cyrillic single-byte encoding
    let koi = b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'><p>\xF0\xD2\xC9</p>";
    assert_eq!(from_html_text(koi), "\u{41f}\u{440}\u{438}");
    // UTF-16 with its byte order mark
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("<p>Grüße</p>".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(from_html_text(&utf16), "Grüße");
    // a UTF-8 page with one stray byte: that byte alone becomes U+FFFD
    assert_eq!(from_html_text(b"<meta charset=utf-8><p>Gr\xC3\xBC\xDF</p>"), "Grü\u{fffd}");
    // a UTF-8 byte order mark is neither text nor a line
    assert_eq!(from_html_text(b"\xEF\xBB\xBF<p>x</p>"), "x");
}

#[test]
fn jsonl_html_lines_with_stray_bytes_are_read_not_refused() {
    let mut input = br#"{"id": "h", "html": "<p>a "#.to_vec();
    input.push(0xFF);
    input.extend_from_slice(b" b</p>\"}\n");
    let out = run_bytes(&["--jsonl", "--no-entities", "--no-quotes"], &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["text"], "a \u{fffd} b");
}

#[test]
fn jsonl_accepts_html_and_text_lines() {
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "h", "html": PAGE}),
        serde_json::json!({"id": "t", "text": "Hello."})
    );
    let out = run(&["--jsonl"], &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "h");
    assert!(lines[0]["text"].as_str().unwrap().starts_with("Home"));
    assert_eq!(lines[1]["text"], "Hello.");
    let bad = run(&["--jsonl"], "{\"id\":\"a\"}\n");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"html\""));
}

/// Made-up articles of very different lengths (so later lines often finish first on many
/// jobs), text and HTML lines mixed, with a blank line among them.
fn archive_lines() -> String {
    let mut out = String::new();
    for i in 0..60 {
        let paragraphs = if i % 7 == 0 { 40 } else { 1 + i % 3 };
        let body: String = (0..paragraphs)
            .map(|p| {
                format!(
                    "\u{201c}We will finish the bridge by May,\u{201d} said Anna Weber, the mayor of Lakeport, on day {p}.\n\n"
                )
            })
            .collect();
        let line = if i % 5 == 4 {
            serde_json::json!({"id": i, "html": format!("<h1>Story {i}</h1><p>{body}</p>")})
        } else {
            serde_json::json!({"id": format!("doc-{i}"), "text": format!("Story {i}\n\n{body}Advertisement\n")})
        };
        out.push_str(&line.to_string());
        out.push('\n');
        if i == 30 {
            out.push('\n');
        }
    }
    out
}

#[test]
fn jsonl_on_many_jobs_is_byte_identical_to_one_job_in_input_order() {
    let input = archive_lines();
    let one = run(&["--jsonl", "--jobs", "1"], &input);
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    let ids: Vec<String> = String::from_utf8(one.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> =
        (0..60).map(|i| if i % 5 == 4 { i.to_string() } else { format!("doc-{i}") }).collect();
    assert_eq!(ids, want, "one result per non-blank line, in input order");
    for jobs in ["2", "3", "8"] {
        let many = run(&["--jsonl", "--jobs", jobs], &input);
        assert!(many.status.success(), "{}", String::from_utf8_lossy(&many.stderr));
        assert!(many.stdout == one.stdout, "--jobs {jobs} differs from --jobs 1");
    }
    // The default (every core) too.
    assert!(run(&["--jsonl"], &input).stdout == one.stdout);
}

#[test]
fn jsonl_on_many_jobs_stops_at_the_first_bad_line_after_writing_those_before() {
    let mut input = archive_lines();
    input.push_str("not json\n");
    input.push_str(&archive_lines());
    for jobs in ["1", "4"] {
        let out = run(&["--jsonl", "--jobs", jobs], &input);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("line 62"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 60, "--jobs {jobs}");
    }
    let zero = run(&["--jsonl", "--jobs", "0"], "");
    assert!(!zero.status.success());
    assert!(String::from_utf8_lossy(&zero.stderr).contains("--jobs 0"));
}
