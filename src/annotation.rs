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
