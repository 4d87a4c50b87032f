//! Article annotator: entities, quotes and boilerplate in pasted news text.
//!
//! ```
//! let text = "\u{201c}We will win,\u{201d} said Anna Weber, the mayor of Springfield.";
//! let ann = annotator::annotate(text, &annotator::Options::default());
//! let quote = &ann.quotes[0];
//! assert_eq!(quote.speaker.as_ref().and_then(|s| s.name.as_deref()), Some("Anna Weber"));
//! ```
//!
//! Data flows one way: text -> segments (lines, tokens, sentences) ->
//! layers (boilerplate, entities, quotes) -> [`Annotation`]. Every offset
//! inside this crate is a byte offset into the input `&str`; [`offsets`]
//! converts them to Unicode code points (the CLI's JSON) or UTF-16 code
//! units (the wasm API), and [`export`] writes the outward records. The
//! layers and their models are private; DESIGN.md describes them.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod annotation;
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod export;

pub mod offsets;

/// The layers and the segmenter are private to the crate; the `internals`
/// feature makes them public (undocumented) for tools/ and the tests.
macro_rules! internal_modules {
    ($($name:ident),*) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}
internal_modules!(boilerplate, entities, hash, html, language, lexicon, parts, quotes, segment);

/// The training, evaluation and bench programs' view of the crate.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::{boilerplate, entities, hash, html, language, lexicon, parts, quotes, segment};
}

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use annotation::{
    Annotation, BoilerKind, Boilerplate, Entity, Label, Mention, Part, PartKind, Quote, QuoteKind, Span,
    Speaker,
};

/// Which layers to compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Find entities (names and dates) and group their mentions.
    pub entities: bool,
    /// Find quotations and their speakers.
    pub quotes: bool,
    /// Find boilerplate lines.
    pub boilerplate: bool,
    /// Offer quotes inside boilerplate lines too (off by default: a teaser's
    /// quote is not the article's). Entities are found on every line; the
    /// exports flag those inside boilerplate, and the page hides them unless
    /// asked (the scorer leaves entities under gold boilerplate out anyway).
    pub inside_boilerplate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { entities: true, quotes: true, boilerplate: true, inside_boilerplate: false }
    }
}

/// Errors at the edges of the core (the core itself accepts any `&str`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is larger than the caller allows.
    TooLarge {
        /// The input's length in bytes.
        len: usize,
        /// The largest length allowed.
        max: usize,
    },
    /// The input could not be read as UTF-8 text.
    NotText(String),
    /// A request (JSON line, options object) was malformed.
    BadRequest(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::TooLarge { len, max } => {
                write!(f, "the text is {len} bytes; at most {max} bytes can be annotated at once")
            }
            Error::NotText(why) => write!(f, "the input is not UTF-8 text: {why}"),
            Error::BadRequest(why) => write!(f, "bad request: {why}"),
        }
    }
}

impl std::error::Error for Error {}

/// Annotate `text`. Never panics; any `&str` is valid input.
pub fn annotate(text: &str, opts: &Options) -> Annotation {
    let seg = segment::Segments::new(text);
    let boilerplate = if opts.boilerplate { boilerplate::detect(&seg) } else { Vec::new() };
    annotate_with(&seg, boilerplate, opts, Header::Undims)
}

/// The result of [`annotate_html`]: the text derived from the HTML and its annotation,
/// whose offsets are byte offsets into that text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlAnnotation {
    /// The text a browser shows for the HTML (innerText-like: block elements make lines,
    /// paragraphs and headings are followed by a blank line, whitespace collapsed).
    pub text: String,
    /// The annotation of `text`.
    pub annotation: Annotation,
}

/// Annotate HTML (a clipboard fragment or a whole page). Never panics; any `&str` is valid
/// input, and time is linear in its length.
///
/// The HTML is turned into the text a browser would show (scripts, styles, comments and
/// hidden elements give none; nothing is executed or fetched), then annotated as
/// [`annotate`] does, except that the boilerplate lines come from the HTML extractor, which
/// sees the page's structure (tags, class and id words, link density); the article's
/// headline, byline, dateline and summary count as article.
///
/// ```
/// let html = "<nav><a href=/>Home</a></nav><h1>Mayor opens the new bridge</h1>\
///             <p>\u{201c}We will win,\u{201d} said Anna Weber, the mayor of Springfield.</p>";
/// let out = annotator::annotate_html(html, &annotator::Options::default());
/// assert!(out.text.contains("Mayor opens the new bridge"));
/// assert_eq!(out.annotation.quotes.len(), 1);
/// ```
pub fn annotate_html(html: &str, opts: &Options) -> HtmlAnnotation {
    let mut page = html::parse(html);
    let boilerplate = if opts.boilerplate { html::boilerplate(&page) } else { Vec::new() };
    // the page's lines and blocks are not needed past this point (memory, issue 26)
    let text = std::mem::take(&mut page.text);
    drop(page);
    let seg = segment::Segments::new(&text);
    let annotation = annotate_with(&seg, boilerplate, opts, Header::KeptOnly);
    drop(seg);
    HtmlAnnotation { annotation, text }
}

/// [`annotate_html`] for a page's bytes in any encoding: the encoding is sniffed as a browser
/// does for a saved page (a byte order mark, `<meta charset>` or `http-equiv` in the first
/// 1024 bytes, else UTF-8 if the bytes are valid UTF-8, else windows-1252) and bytes not valid
/// in it become U+FFFD. Never refuses a page. Not in the wasm build (the page decodes with the
/// browser's `TextDecoder`).
#[cfg(not(target_arch = "wasm32"))]
pub fn annotate_html_bytes(bytes: &[u8], opts: &Options) -> HtmlAnnotation {
    annotate_html(&html::encoding::decode(bytes).0, opts)
}

/// How the article's header meets the boilerplate lines.
#[derive(Clone, Copy)]
enum Header {
    /// Plain text: a header line the line model dimmed is taken back (a headline is never dimmed).
    Undims,
    /// HTML: the page's structure already keeps the header as article; a "header" line it
    /// dimmed is another story's teaser, not a part.
    KeptOnly,
}

/// The layers after boilerplate, on `seg` with its boilerplate lines given.
fn annotate_with(
    seg: &segment::Segments,
    boilerplate: Vec<Boilerplate>,
    opts: &Options,
    header: Header,
) -> Annotation {
    let (mentions, entities) =
        if opts.entities || opts.quotes { entities::detect(seg) } else { (Vec::new(), Vec::new()) };
    // The article's header lines (with the boilerplate layer: which lines are the article's);
    // bylines are read with the names found, if any.
    let parts = if opts.boilerplate { parts::detect(seg, &mentions, &boilerplate) } else { Vec::new() };
    let (parts, boilerplate) = match header {
        Header::Undims => {
            let boilerplate = parts::undim(boilerplate, &parts);
            (parts, boilerplate)
        }
        Header::KeptOnly => (parts::outside(parts, &boilerplate), boilerplate),
    };
    let skip: Vec<Span> =
        if opts.inside_boilerplate { Vec::new() } else { boilerplate.iter().map(|b| b.span).collect() };
    let quotes = if opts.quotes { quotes::detect(seg, &mentions, &entities, &skip) } else { Vec::new() };
    let (mentions, entities) = if opts.entities { (mentions, entities) } else { (Vec::new(), Vec::new()) };
    let language = language::detect(seg.text);
    Annotation { mentions, entities, quotes, boilerplate, parts, language }
}
