//! Grouping mentions into entities. (Stub: one entity per distinct text.)

use crate::annotation::{Entity, Label, Mention, Span};

/// Group sorted, non-overlapping `mentions` into entities.
pub fn group(text: &str, mentions: Vec<(Span, Label)>) -> (Vec<Mention>, Vec<Entity>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut out = Vec::with_capacity(mentions.len());
    for (i, (span, label)) in mentions.into_iter().enumerate() {
        let name = span.text(text);
        let id = match entities.iter().position(|e| e.label == label && e.name == name) {
            Some(id) => id,
            None => {
                entities.push(Entity { label, name: name.to_string(), mentions: Vec::new() });
                entities.len() - 1
            }
        };
        entities[id].mentions.push(i);
        out.push(Mention { span, label, entity: id });
    }
    (out, entities)
}
