//! Where the project's data is: ../shared beside the workspace, read at test
//! time and never copied into the repo. Included by tests/common and by
//! tools/tests, so every test finds it one way.
#![allow(dead_code)]

use std::path::PathBuf;

/// A path under ../shared, the project's data beside the repo (read at test
/// time, never copied into the repo).
pub fn shared(rel: &str) -> PathBuf {
    // The workspace root (the folder with Cargo.lock), also from tools/'s tests.
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here.ancestors().find(|p| p.join("Cargo.lock").exists()).unwrap_or(here);
    root.join("../shared").join(rel)
}

/// Whether `path` exists; when it does not, a test that needs it fails
/// loudly under CI (`CI` set: ../shared must be there) and says it skipped
/// everywhere else. Every test that reads ../shared goes through this.
pub fn have_shared(path: &std::path::Path) -> bool {
    if path.exists() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is missing: CI runs with ../shared beside the repo", path.display());
    }
    eprintln!("skipped: {} not found", path.display());
    false
}

/// The text of a file under ../shared, or None (skipped, see [`have_shared`]).
pub fn shared_text(rel: &str) -> Option<String> {
    let path = shared(rel);
    if !have_shared(&path) {
        return None;
    }
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}
