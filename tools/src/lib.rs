//! Training, evaluation and benches for the article annotator: what builds
//! and measures the models in `data/`, kept out of the product crate.
//!
//! - `train-ner`, `eval-ner`: the entity tagger on CoNLL-format data
//!   ([`conll`] reads it and scores spans).
//! - `train-boiler`: the boilerplate classifier ([`fit`] fits its stages).
//! - `bench`: native speed of every layer.

pub mod conll;
pub mod fit;
