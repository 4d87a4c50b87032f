//! The wasm boundary: JS strings in, plain JS objects out, offsets in UTF-16
//! code units (what JavaScript strings index).

use crate::export::record;
use crate::offsets::Unit;
use crate::{annotate as annotate_core, Error, Options};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Largest text accepted in one call (the page chunks larger pastes).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsOptions {
    entities: Option<bool>,
    quotes: Option<bool>,
    boilerplate: Option<bool>,
    inside_boilerplate: Option<bool>,
    /// Keys we do not know: ignored, with a console warning (a misspelt
    /// option would otherwise silently do nothing).
    #[serde(flatten)]
    unknown: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Read the options object (undefined or null: defaults), warning about keys we do not know.
fn options(options: JsValue, what: &str) -> Result<Options, JsError> {
    let js: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&Error::BadRequest(format!("options: {e}")).to_string()))?
    };
    for key in js.unknown.keys() {
        warn(&format!("{what}: unknown option '{key}' ignored"));
    }
    let d = Options::default();
    Ok(Options {
        entities: js.entities.unwrap_or(d.entities),
        quotes: js.quotes.unwrap_or(d.quotes),
        boilerplate: js.boilerplate.unwrap_or(d.boilerplate),
        inside_boilerplate: js.inside_boilerplate.unwrap_or(d.inside_boilerplate),
    })
}

fn too_large(len: usize) -> Result<(), JsError> {
    if len > MAX_BYTES {
        return Err(JsError::new(&Error::TooLarge { len, max: MAX_BYTES }.to_string()));
    }
    Ok(())
}

fn to_js(rec: &crate::export::Record) -> Result<JsValue, JsError> {
    rec.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("internal: {e}")))
}

/// `annotate(text, options?)` -> `{entities, groups, quotes, boilerplate}`
/// with UTF-16 offsets. Throws an Error with a readable message on bad input.
#[wasm_bindgen]
pub fn annotate(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    too_large(text.len())?;
    let opts = self::options(options, "annotate")?;
    to_js(&record(text, &annotate_core(text, &opts), Unit::Utf16))
}

/// `annotateHtml(html, options?)` -> `{text, entities, groups, quotes, boilerplate}`: `text`
/// is what a browser shows for the HTML (a clipboard's text/html or a whole page), and every
/// offset is in UTF-16 code units of that text. Throws like `annotate`.
#[wasm_bindgen(js_name = annotateHtml)]
pub fn annotate_html(html: &str, options: JsValue) -> Result<JsValue, JsError> {
    too_large(html.len())?;
    let opts = self::options(options, "annotateHtml")?;
    let out = crate::annotate_html(html, &opts);
    let mut rec = record(&out.text, &out.annotation, Unit::Utf16);
    rec.text = Some(out.text);
    to_js(&rec)
}

/// `htmlEncoding(bytes)` -> `"SOURCE:LABEL"`: the encoding of a page's bytes as a browser
/// sniffs it for a saved page (`bom:UTF-8`, `meta:koi8-r` with the `<meta>` label as written,
/// or `default:UTF-8` / `default:windows-1252`); www/decode.js decodes with `TextDecoder`.
#[wasm_bindgen(js_name = htmlEncoding)]
pub fn html_encoding(bytes: &[u8]) -> String {
    use crate::html::encoding::{sniff, Source};
    let s = sniff(bytes, &|l| Some(l.to_string()));
    let source = match s.source {
        Source::Bom => "bom",
        Source::Meta => "meta",
        Source::Default => "default",
    };
    format!("{source}:{}", s.label)
}

/// The crate version, for the page's footer and cache names.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A standalone highlighted HTML page for `text` (all layers).
#[wasm_bindgen(js_name = exportHtml)]
pub fn export_html(text: &str, title: &str) -> String {
    crate::export::html(text, &annotate_core(text, &Options::default()), title)
}

fn warn(msg: &str) {
    web_sys::console::warn_1(&JsValue::from_str(msg));
}
