//! The HTML path (`annotate_html`) on made-up pages: the text a browser shows,
//! the article kept and the page furniture marked, and any input handled.

use annotator::{annotate_html, BoilerKind, HtmlAnnotation, Options};

fn run(html: &str) -> HtmlAnnotation {
    let out = annotate_html(html, &Options::default());
    if let Err(e) = out.annotation.validate(&out.text) {
        panic!("{e}");
    }
    out
}

/// The lines left after boilerplate.
fn article(out: &HtmlAnnotation) -> Vec<&str> {
    out.text
        .split('\n')
        .scan(0usize, |pos, line| {
            let start = *pos;
            *pos += line.len() + 1;
            Some((start, line))
        })
        .filter(|(start, line)| {
            !line.is_empty() && !out.annotation.boilerplate.iter().any(|b| b.span.start == *start)
        })
        .map(|(_, l)| l)
        .collect()
}

const PARAS: [&str; 5] = [
    "\u{201c}We have waited ten years for this crossing,\u{201d} said Anna Weber, the mayor of Springfield, as the first cars rolled over the new river bridge on Tuesday morning.",
    "The bridge, which cost the county about 40 million dollars, replaces a ferry that carried commuters between the two towns for more than a century, and its operators said they would now sell the boats.",
    "Engineers from the regional transport office inspected the deck last week and found that it met every standard set by the state, according to a report published on the county website.",
    "Local shop owners on both banks said they expected more customers, although some residents worried that heavier traffic would make the narrow streets near the old harbour more dangerous for children.",
    "The county council will hold a public meeting next month to discuss a new bus line across the bridge, and officials said that the first services could start running before the end of the summer.",
];

fn page() -> String {
    let paras: String = PARAS.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html><head><title>New bridge opens - The Example Courier</title>\
<style>.x {{ display: none }}</style><script>var s = \"<p>Script text</p>\";</script></head><body>\
<header><nav class=\"main-menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>\
<li><a href=\"/sport\">Sport</a></li><li><a href=\"/weather\">Weather</a></li></ul></nav></header>\
<!-- a comment that is not text -->\
<main><article>\
<h1 class=\"headline\">Mayor opens the new river bridge after ten years of waiting</h1>\
<p class=\"byline\">By <a href=\"/authors/jane\">Jane Doe</a></p>\
<p class=\"dateline\"><time datetime=\"2026-03-03\">March 3, 2026</time></p>\
<div class=\"share-bar\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a> <a href=\"#\">Email</a></div>\
<figure><img src=\"b.jpg\" alt=\"\"><figcaption class=\"caption\">The bridge at dawn. (Photo: Example Courier)</figcaption></figure>\
{paras}\
<p hidden>Hidden paragraph text</p><div aria-hidden=\"true\">Aria hidden text</div>\
<div style=\"display: none\">Inline hidden text</div>\
<p>Fish &amp; chips, caf&eacute;&nbsp;owner &#x201C;Bo&#x201D; &#8212; and &lt;tags&gt;.</p>\
</article>\
<aside class=\"related\"><h2>Related stories</h2><ul>\
<li><a href=\"/a\">Council approves the new bus depot plan</a></li>\
<li><a href=\"/b\">Ferry workers look for new jobs on the river</a></li>\
<li><a href=\"/c\">Ten photos of the bridge under construction</a></li></ul></aside>\
</main><footer><p>&copy; 2026 The Example Courier. All rights reserved.</p>\
<ul><li><a href=\"/privacy\">Privacy policy</a></li><li><a href=\"/terms\">Terms of use</a></li></ul></footer>\
<noscript>Please enable JavaScript</noscript><template><p>Template text</p></template>\
</body></html>"
    )
}

#[test]
fn text_is_what_a_browser_shows() {
    let out = annotate_html(&page(), &Options { boilerplate: false, ..Options::default() });
    let t = &out.text;
    for gone in ["Script text", "display: none", "a comment", "Hidden paragraph", "Inline hidden"] {
        assert!(!t.contains(gone), "{gone:?} must give no text: {t}");
    }
    for gone in ["Please enable JavaScript", "Template text", "<p>", "<a ", "&amp;", "&nbsp;"] {
        assert!(!t.contains(gone), "{gone:?} must not appear: {t}");
    }
    // aria-hidden hides from screen readers only: a browser draws it
    assert!(t.contains("Aria hidden text"), "{t}");
    assert!(t.contains("Fish & chips, caf\u{e9} owner \u{201c}Bo\u{201d} \u{2014} and <tags>."), "{t}");
    assert!(t.starts_with("Home\nNews\nSport\nWeather\n"), "list items are lines: {t}");
    assert!(t.contains("Mayor opens the new river bridge after ten years of waiting\n\n"), "{t}");
    for l in t.split('\n') {
        assert_eq!(l, l.trim(), "lines are trimmed: {l:?}");
    }
    assert!(out.annotation.boilerplate.is_empty());
}

#[test]
fn article_kept_and_furniture_marked() {
    let out = run(&page());
    let kept = article(&out);
    for p in PARAS {
        assert!(kept.contains(&p), "paragraph kept: {p}\nkept: {kept:#?}");
    }
    assert!(
        kept.contains(&"Mayor opens the new river bridge after ten years of waiting"),
        "headline: {kept:#?}"
    );
    assert!(kept.contains(&"By Jane Doe"), "byline: {kept:#?}");
    for gone in [
        "Home",
        "Facebook Twitter Email",
        "Council approves the new bus depot plan",
        "Privacy policy",
        "The bridge at dawn. (Photo: Example Courier)",
    ] {
        assert!(!kept.contains(&gone), "{gone:?} is boilerplate: {kept:#?}");
    }
    let kind_of = |line: &str| {
        let start = out.text.find(line).unwrap();
        out.annotation.boilerplate.iter().find(|b| b.span.start == start).map(|b| b.kind)
    };
    assert_eq!(kind_of("Facebook Twitter Email"), Some(BoilerKind::Share));
    assert_eq!(kind_of("The bridge at dawn. (Photo: Example Courier)"), Some(BoilerKind::Caption));
    assert_eq!(kind_of("Council approves the new bus depot plan"), Some(BoilerKind::Promo));
    let q = &out.annotation.quotes;
    assert_eq!(q.len(), 1, "the article's one quote");
    assert_eq!(q[0].speaker.as_ref().and_then(|s| s.name.as_deref()), Some("Anna Weber"));
}

#[test]
fn a_clipboard_fragment_is_all_article() {
    let out = run("<meta charset='utf-8'><p>\u{201c}I can't stay,\u{201d} said Anna Smith.</p><p>John Brown disagreed.</p>");
    assert_eq!(out.text, "\u{201c}I can't stay,\u{201d} said Anna Smith.\n\nJohn Brown disagreed.");
    assert_eq!(out.annotation.quotes.len(), 1);
}

#[test]
fn garbage_and_truncated_input() {
    let p = page();
    let cut: Vec<usize> = (0..p.len()).step_by(97).filter(|&i| p.is_char_boundary(i)).collect();
    for i in cut {
        run(&p[..i]);
    }
    for g in [
        "",
        "<",
        "</",
        "<!--",
        "<!-- x --!>",
        "<p",
        "<p class='",
        "&",
        "&#",
        "&#x110000;",
        "&#0;",
        "&amp",
        "<script>",
        "<style><p>x",
        "</p></div></body></html>",
        "<a><a><a><b></a></b>",
        "<table><td>a<td>b<tr>c",
        "\u{0}\u{feff}<\u{301}>",
    ] {
        run(g);
    }
    let mut s = String::new();
    let mut x = 7u64;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let pieces = [
            "<div>",
            "</div>",
            "<p>",
            "<li>",
            "</a>",
            "<a href=x>",
            "&amp;",
            "&#",
            "text ",
            "\n",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "\"",
            "é",
            "<h1>",
            "said Ann Lee.",
        ];
        s.push_str(pieces[(x % pieces.len() as u64) as usize]);
    }
    run(&s);
}

#[test]
fn floods_are_linear_and_safe() {
    let deep = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(100_000);
    assert!(run(&deep).text.contains("deep text"));
    let open_p = "<p><b><i>".repeat(50_000);
    run(&open_p);
    // about 10 MB of paragraphs
    let para = format!("<p>{}</p>\n", PARAS[1]);
    let big = para.repeat(10_000_000 / para.len());
    let t = std::time::Instant::now();
    let out = annotate_html(&big, &Options { entities: false, quotes: false, ..Options::default() });
    assert!(out.text.len() > 9_000_000);
    assert!(t.elapsed().as_secs() < 120, "10 MB in {:?}", t.elapsed());
}
