//! The result types. Offsets are byte offsets into the annotated text.

use serde::Serialize;

/// A half-open byte range `[start, end)` on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when it covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when `other` lies inside it.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// True when the two share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// Its text in `text` (empty when out of bounds).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Label {
    /// A person (titles are not part of the name).
    #[serde(rename = "PERSON")]
    Person,
    /// An organisation: company, agency, party, team, institution.
    #[serde(rename = "ORG")]
    Org,
    /// A place: country, city, region, geographic feature.
    #[serde(rename = "PLACE")]
    Place,
    /// A date or time expression ("Thursday", "last week").
    #[serde(rename = "DATE")]
    Date,
    /// Other names: nationalities, events, works, products.
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    /// Every label, in a fixed order.
    pub const ALL: [Label; 5] = [Label::Person, Label::Org, Label::Place, Label::Date, Label::Misc];
    /// Its name in exports ("PERSON", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Place => "PLACE",
            Label::Date => "DATE",
            Label::Misc => "MISC",
        }
    }
}

/// One occurrence of a name in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// Its entity's label.
    pub label: Label,
    /// Index into [`Annotation::entities`].
    pub entity: usize,
}

/// A thing the text names, possibly several times and in several forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// What kind of thing it is.
    pub label: Label,
    /// The fullest form in the text ("Mara Quist", "Council of Northern Ports").
    pub name: String,
    /// Indices into [`Annotation::mentions`], in text order.
    pub mentions: Vec<usize>,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The mention that names the speaker near the quote ("he", "Quist", "the spokesman").
    pub span: Span,
    /// The entity it resolves to, when one does.
    pub entity: Option<usize>,
    /// Canonical name of that entity; `None` when unresolved.
    pub name: Option<String>,
}

/// A direct quotation, from its opening mark to its closing mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// From the opening mark to the closing mark.
    pub span: Span,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The quote was never closed; it ends at its paragraph's end.
    pub unclosed: bool,
    /// Speech, a fragment of it, a title or a scare-quoted word.
    pub kind: QuoteKind,
}

/// What a pair of quotation marks holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Someone's words, one sentence or more.
    Speech,
    /// A fragment of someone's words inside the writer's sentence
    /// (`she called the plan “a mess of half measures”`).
    Partial,
    /// The title of a film, show, book or song; never has a speaker.
    Title,
    /// Marks around a word that nobody is quoted as saying: a scare-quoted
    /// term, a nickname (`Ruth “Ru” Adler`), a slogan; never has a speaker.
    Scare,
}

impl QuoteKind {
    /// Its name in exports ("speech", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Speech => "speech",
            QuoteKind::Partial => "partial",
            QuoteKind::Title => "title",
            QuoteKind::Scare => "scare",
        }
    }
}

/// What kind of boilerplate a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BoilerKind {
    /// "Advertisement", sponsored content.
    Ad,
    /// Photo captions and image credits.
    Caption,
    /// Teasers, "Recommended", related stories.
    Promo,
    /// Share prompts.
    Share,
    /// Subscribe and newsletter prompts.
    Subscribe,
    /// Menus, breadcrumbs, page chrome.
    Navigation,
    /// Comment sections and their prompts.
    Comments,
    /// Copyright, terms, cookie notices.
    Legal,
    /// Anything else that is not the article.
    Other,
}

impl BoilerKind {
    /// Its name in exports ("ad", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            BoilerKind::Ad => "ad",
            BoilerKind::Caption => "caption",
            BoilerKind::Promo => "promo",
            BoilerKind::Share => "share",
            BoilerKind::Subscribe => "subscribe",
            BoilerKind::Navigation => "navigation",
            BoilerKind::Comments => "comments",
            BoilerKind::Legal => "legal",
            BoilerKind::Other => "other",
        }
    }
}

/// A line that is not part of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boilerplate {
    /// The line, without its newline.
    pub span: Span,
    /// What kind of boilerplate it is.
    pub kind: BoilerKind,
}

/// Which line of the article's header a part is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    /// The article's title.
    Headline,
    /// A summary or deck under the headline.
    Standfirst,
    /// The author names ("By Mara Quist").
    Byline,
    /// The publication date or dateline.
    Date,
    /// The outlet's name on a line of its own.
    Outlet,
}

impl PartKind {
    /// Its name in exports ("headline", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            PartKind::Headline => "headline",
            PartKind::Standfirst => "standfirst",
            PartKind::Byline => "byline",
            PartKind::Date => "date",
            PartKind::Outlet => "outlet",
        }
    }
}

/// A line of the article's header: neither body nor boilerplate, never dimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The whole line.
    pub span: Span,
    /// Which part it is.
    pub kind: PartKind,
}

/// Everything found in one text; each list sorted by start offset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Annotation {
    /// Every mention of an entity.
    pub mentions: Vec<Mention>,
    /// Every entity; mentions point into this list.
    pub entities: Vec<Entity>,
    /// Every direct quotation.
    pub quotes: Vec<Quote>,
    /// Every boilerplate line.
    pub boilerplate: Vec<Boilerplate>,
    /// The lines of the article's header (headline, byline, ...), in text order.
    pub parts: Vec<Part>,
    /// The text's language, an ISO 639-1 code (`"en"`, `"de"`, ...) or `"und"` when it
    /// cannot be told; the layers read English only.
    pub language: &'static str,
}

impl Annotation {
    /// Check the invariants every annotation of `text` must hold: spans in
    /// bounds and on char boundaries, each layer sorted without overlaps,
    /// every index pointing at something that exists, labels consistent.
    /// Used by the fuzz target and the bad-input tests.
    pub fn validate(&self, text: &str) -> Result<(), String> {
        let span_ok = |what: &str, s: Span| -> Result<(), String> {
            if s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
            {
                Ok(())
            } else {
                Err(format!(
                    "{what} span {}..{} is not a non-empty char range of a {}-byte text",
                    s.start,
                    s.end,
                    text.len()
                ))
            }
        };
        let sorted_disjoint = |what: &str, spans: &mut dyn Iterator<Item = Span>| -> Result<(), String> {
            let mut prev: Option<Span> = None;
            for s in spans {
                span_ok(what, s)?;
                if let Some(p) = prev {
                    if s.start < p.end {
                        return Err(format!(
                            "{what} spans {}..{} and {}..{} overlap or are unsorted",
                            p.start, p.end, s.start, s.end
                        ));
                    }
                }
                prev = Some(s);
            }
            Ok(())
        };
        sorted_disjoint("mention", &mut self.mentions.iter().map(|m| m.span))?;
        sorted_disjoint("quote", &mut self.quotes.iter().map(|q| q.span))?;
        sorted_disjoint("boilerplate", &mut self.boilerplate.iter().map(|b| b.span))?;
        sorted_disjoint("part", &mut self.parts.iter().map(|p| p.span))?;
        if let Some(p) = self.parts.iter().find(|p| self.boilerplate.iter().any(|b| b.span.overlaps(p.span)))
        {
            return Err(format!("part {}..{} is also boilerplate", p.span.start, p.span.end));
        }
        for (i, m) in self.mentions.iter().enumerate() {
            let e = self
                .entities
                .get(m.entity)
                .ok_or(format!("mention {i} points at missing entity {}", m.entity))?;
            if e.label != m.label {
                return Err(format!("mention {i} is {:?} but its entity is {:?}", m.label, e.label));
            }
            if !e.mentions.contains(&i) {
                return Err(format!("entity {} does not list its mention {i}", m.entity));
            }
        }
        for (k, e) in self.entities.iter().enumerate() {
            if e.mentions.is_empty()
                || e.mentions.iter().any(|&i| self.mentions.get(i).is_none_or(|m| m.entity != k))
            {
                return Err(format!("entity {k} lists mentions that are not its own"));
            }
        }
        for (i, q) in self.quotes.iter().enumerate() {
            if let Some(sp) = &q.speaker {
                span_ok("speaker", sp.span)?;
                if let Some(e) = sp.entity {
                    let ent = self
                        .entities
                        .get(e)
                        .ok_or(format!("quote {i} speaker points at missing entity {e}"))?;
                    if sp.name.as_deref() != Some(ent.name.as_str()) {
                        return Err(format!("quote {i} speaker name differs from its entity's"));
                    }
                }
            }
        }
        Ok(())
    }
}
