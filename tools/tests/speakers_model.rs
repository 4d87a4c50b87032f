//! The committed speaker ranker (data/speakers.model) parses, and is the
//! model the quote layer embeds.

use annotator::internals::quotes::ranker::{self, Model};

#[test]
fn the_committed_speaker_model_parses() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/speakers.model");
    let bytes = std::fs::read(path).expect("data/speakers.model is readable");
    let m = Model::parse(&bytes).expect("data/speakers.model parses");
    // A few KiB: 2^bits one-byte weights and a five-byte header.
    assert_eq!(bytes.len(), 5 + (1 << m.bits()));
    assert!(bytes.len() <= 16 * 1024, "{} bytes", bytes.len());
    let embedded = ranker::model().expect("the embedded model parses");
    assert_eq!(embedded.bits(), m.bits());
}
