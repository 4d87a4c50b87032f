//! Helpers shared by the integration tests (tools/tests too): run the CLI, find shared data.
#![allow(dead_code)]

#[path = "shared.rs"]
mod shared_data;
pub use shared_data::*;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run the `annotate` binary with `args`, feeding `stdin`.
pub fn run(args: &[&str], stdin: &str) -> Output {
    run_bytes(args, stdin.as_bytes())
}

/// Run the `annotate` binary with `args`, feeding `stdin` as raw bytes.
pub fn run_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn annotate");
    // Written from another thread while the output is read here: an input and an output
    // larger than a pipe's buffer would otherwise block each other.
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let out = child.wait_with_output().expect("wait annotate");
    // A CLI that stops early (a bad line) may close its input unread: not a failure here.
    let _ = writer.join();
    out
}

/// Annotate `text` through the CLI and parse its JSON.
pub fn annotate_json(text: &str) -> serde_json::Value {
    let out = run(&["-"], text);
    assert!(out.status.success(), "annotate failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("CLI prints JSON")
}

/// Slice `text` by code point offsets.
pub fn cp_slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

/// The scorer's rules (../shared/eval/score.py), for tests that check the
/// quote layer directly rather than through the CLI.
pub mod scorer {
    /// Marks and punctuation the scorer trims from both ends of a quote.
    pub const TRIM: &str = "\"'“”‘’«»„‟‚‛ \t\n\u{a0}.,;:!?—–-";

    fn name_tokens(n: &str) -> Vec<String> {
        n.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !["the", "mr", "mrs", "ms", "dr", "gen", "president"].contains(w))
            .map(str::to_string)
            .collect()
    }

    /// Whether two speaker names are the same person as the scorer judges.
    pub fn same_speaker(g: Option<&str>, p: Option<&str>) -> bool {
        match (g, p) {
            (None, None) => true,
            (Some(g), Some(p)) => {
                let (g, p) = (name_tokens(g), name_tokens(p));
                !g.is_empty()
                    && !p.is_empty()
                    && (g == p
                        || g.last() == p.last()
                        || p.iter().all(|w| g.contains(w))
                        || g.iter().all(|w| p.contains(w)))
            }
            _ => false,
        }
    }
}
