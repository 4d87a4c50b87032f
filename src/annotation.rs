//! The result types. Offsets are byte offsets into the annotated text.

use serde::Serialize;

/// A half-open byte range `[start, end)` on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Label {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "PLACE")]
    Place,
    #[serde(rename = "DATE")]
    Date,
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    pub const ALL: [Label; 5] = [Label::Person, Label::Org, Label::Place, Label::Date, Label::Misc];
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
    pub span: Span,
    pub label: Label,
    /// Index into [`Annotation::entities`].
    pub entity: usize,
}

/// A thing the text names, possibly several times and in several forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub label: Label,
    /// The fullest form in the text ("Peter Cook", "Government of National Accord").
    pub name: String,
    /// Indices into [`Annotation::mentions`], in text order.
    pub mentions: Vec<usize>,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The mention that names the speaker near the quote ("he", "Cook", "the spokesman").
    pub span: Span,
    /// The entity it resolves to, when one does.
    pub entity: Option<usize>,
    /// Canonical name of that entity; `None` when unresolved.
    pub name: Option<String>,
}

/// A direct quotation, from its opening mark to its closing mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// The quote was never closed; it ends at its paragraph's end.
    pub unclosed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BoilerKind {
    Ad,
    Caption,
    Promo,
    Share,
    Subscribe,
    Navigation,
    Comments,
    Legal,
    Other,
}

impl BoilerKind {
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
    pub span: Span,
    pub kind: BoilerKind,
}

/// Everything found in one text; each list sorted by start offset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Annotation {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub boilerplate: Vec<Boilerplate>,
}
