//! The native half of the Python package `article_annotator` (its Python half, in
//! `article_annotator/__init__.py`, turns these JSON strings into dicts and chunks iterables).
//!
//! Every function returns the CLI's own JSON (the same `export` functions write it), and every
//! function releases the GIL while it annotates, so Python threads run meanwhile and
//! `annotate_lines` uses every core.

use annotator::batch::{default_jobs, map_ordered};
use annotator::export::{html_bytes_record, html_record, jsonl_line, text_record, Record};
use annotator::Options;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

fn options(entities: bool, quotes: bool, boilerplate: bool, inside_boilerplate: bool) -> Options {
    Options { entities, quotes, boilerplate, inside_boilerplate }
}

fn to_json(rec: &Record) -> PyResult<String> {
    // The CLI's serializer; a record is strings, numbers and lists, but a failure would be
    // reported, not unwrapped.
    serde_json::to_string(rec).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The record of `text` as JSON: what `annotate FILE` prints (offsets in code points).
#[pyfunction]
#[pyo3(signature = (text, id=None, entities=true, quotes=true, boilerplate=true, inside_boilerplate=false))]
fn annotate_json(
    py: Python<'_>,
    text: String,
    id: Option<String>,
    entities: bool,
    quotes: bool,
    boilerplate: bool,
    inside_boilerplate: bool,
) -> PyResult<String> {
    let opts = options(entities, quotes, boilerplate, inside_boilerplate);
    let mut rec = py.detach(|| text_record(&text, &opts));
    rec.id = id;
    to_json(&rec)
}

/// The record of HTML as JSON: what `annotate --from-html` prints. `str` is HTML as text;
/// `bytes` is a page in any encoding, sniffed as a browser does (BOM, `<meta charset>`).
#[pyfunction]
#[pyo3(signature = (html, id=None, entities=true, quotes=true, boilerplate=true, inside_boilerplate=false))]
fn annotate_html_json(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    id: Option<String>,
    entities: bool,
    quotes: bool,
    boilerplate: bool,
    inside_boilerplate: bool,
) -> PyResult<String> {
    let opts = options(entities, quotes, boilerplate, inside_boilerplate);
    let mut rec = if let Ok(b) = html.cast::<PyBytes>() {
        let bytes = b.as_bytes().to_vec();
        py.detach(|| html_bytes_record(&bytes, &opts))
    } else if let Ok(s) = html.extract::<String>() {
        py.detach(|| html_record(&s, &opts))
    } else {
        return Err(PyTypeError::new_err("html must be str or bytes"));
    };
    rec.id = id;
    to_json(&rec)
}

/// `annotate --jsonl` over a list of lines ({"id","text"} or {"id","html"}), on `jobs`
/// threads (default: every core) with the GIL released; results in input order. A bad line
/// raises ValueError naming its index.
#[pyfunction]
#[pyo3(signature = (lines, jobs=None, entities=true, quotes=true, boilerplate=true, inside_boilerplate=false))]
fn annotate_lines(
    py: Python<'_>,
    lines: Vec<String>,
    jobs: Option<usize>,
    entities: bool,
    quotes: bool,
    boilerplate: bool,
    inside_boilerplate: bool,
) -> PyResult<Vec<String>> {
    let opts = options(entities, quotes, boilerplate, inside_boilerplate);
    let jobs = jobs.unwrap_or_else(default_jobs);
    if jobs == 0 {
        return Err(PyValueError::new_err("jobs must be at least 1"));
    }
    py.detach(|| {
        let mut out = Vec::with_capacity(lines.len());
        map_ordered(
            lines.iter().enumerate(),
            jobs,
            |(i, l)| jsonl_line(l, &opts).map_err(|e| format!("item {i}: {e}")),
            |r: Result<String, String>| {
                out.push(r?);
                Ok(())
            },
        )
        .map(|()| out)
    })
    .map_err(|e: String| PyValueError::new_err(e))
}

/// The number of jobs `annotate_lines` runs when none is given: every core available.
#[pyfunction]
fn cores() -> usize {
    default_jobs()
}

/// The native module, imported as `article_annotator._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(annotate_json, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_html_json, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_lines, m)?)?;
    m.add_function(wrap_pyfunction!(cores, m)?)?;
    Ok(())
}
