//! The command-line front end: reads text, prints the scorer's JSON schema
//! (offsets in Unicode code points), JSON Lines, or a highlighted HTML page.

use annotator::batch::{default_jobs, map_ordered};
use annotator::export::{html, html_bytes_record, jsonl_line, text_record};
use annotator::{annotate, Error, Options};
use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  annotate FILE|- [--id ID]       print one JSON object (offsets in code points);
                                  its id is ID, else DIR-STEM of FILE (seed/article.txt
                                  -> \"seed-article\"), which the scorer matches on
  annotate --from-html FILE|- [--id ID]  the same for HTML (a page or a clipboard
                                  fragment): its text as a browser shows it, in \"text\";
                                  any encoding (BOM, <meta charset>), bad bytes as U+FFFD
  annotate --jsonl [FILE|-] [--jobs N]  read lines {\"id\",\"text\"} or {\"id\",\"html\"}, write
                                  one result per line, in input order (for HTML, the derived
                                  text in \"text\"); N lines at a time, default every core
  annotate --html FILE|- [-o OUT] write a standalone highlighted HTML page
options:
  --no-entities --no-quotes --no-boilerplate   skip a layer
  --inside-boilerplate                         also annotate inside boilerplate lines";

enum Mode {
    Json,
    FromHtml,
    Jsonl,
    Html,
}

struct Args {
    mode: Mode,
    input: Option<String>,
    output: Option<String>,
    id: Option<String>,
    jobs: usize,
    opts: Options,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        mode: Mode::Json,
        input: None,
        output: None,
        id: None,
        jobs: default_jobs(),
        opts: Options::default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jsonl" => a.mode = Mode::Jsonl,
            "--from-html" => a.mode = Mode::FromHtml,
            "--html" => a.mode = Mode::Html,
            "--jobs" | "-j" => {
                let n = it.next().ok_or("--jobs needs a number")?;
                a.jobs =
                    n.parse().ok().filter(|&n| n > 0).ok_or(format!("--jobs {n}: not a positive number"))?;
            }
            "--id" => a.id = Some(it.next().ok_or("--id needs a value")?),
            "-o" | "--output" => a.output = Some(it.next().ok_or("-o needs a file name")?),
            "--no-entities" => a.opts.entities = false,
            "--no-quotes" => a.opts.quotes = false,
            "--no-boilerplate" => a.opts.boilerplate = false,
            "--inside-boilerplate" => a.opts.inside_boilerplate = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => {
                if a.input.replace(s.to_string()).is_some() {
                    return Err("only one input file".into());
                }
            }
        }
    }
    if a.input.is_none() && !matches!(a.mode, Mode::Jsonl) {
        return Err("no input file (use - for standard input)".into());
    }
    Ok(a)
}

fn open(input: Option<&str>) -> Result<Box<dyn BufRead>, String> {
    match input {
        None | Some("-") => Ok(Box::new(std::io::BufReader::new(std::io::stdin()))),
        Some(p) => std::fs::File::open(p)
            .map(|f| Box::new(std::io::BufReader::new(f)) as Box<dyn BufRead>)
            .map_err(|e| format!("{p}: {e}")),
    }
}

fn read_bytes(input: Option<&str>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    open(input)?.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn read_text(input: Option<&str>) -> Result<String, String> {
    String::from_utf8(read_bytes(input)?).map_err(|e| Error::NotText(e.utf8_error().to_string()).to_string())
}

/// "DIR-STEM" of a file path: the id the data's gold files use for one article.
fn default_id(path: &str) -> Option<String> {
    let p = std::path::Path::new(path);
    let stem = p.file_stem()?.to_str()?;
    let dir = p.canonicalize().ok()?.parent()?.file_name()?.to_str()?.to_string();
    Some(format!("{dir}-{stem}"))
}

fn run(a: Args) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?),
        None => Box::new(stdout.lock()),
    };
    let w = |r: std::io::Result<()>| r.map_err(|e| e.to_string());
    match a.mode {
        Mode::Json => {
            let text = read_text(a.input.as_deref())?;
            let mut rec = text_record(&text, &a.opts);
            rec.id = a.id.clone().or_else(|| a.input.as_deref().and_then(default_id));
            let s = serde_json::to_string(&rec).map_err(|e| e.to_string())?;
            w(writeln!(out, "{s}"))?;
        }
        Mode::FromHtml => {
            // Bytes in any encoding (sniffed as a browser does); never refused.
            let mut rec = html_bytes_record(&read_bytes(a.input.as_deref())?, &a.opts);
            rec.id = a.id.clone().or_else(|| a.input.as_deref().and_then(default_id));
            let s = serde_json::to_string(&rec).map_err(|e| e.to_string())?;
            w(writeln!(out, "{s}"))?;
        }
        Mode::Html => {
            let text = read_text(a.input.as_deref())?;
            let title = a.input.as_deref().filter(|p| *p != "-").unwrap_or("annotated article");
            w(out.write_all(html(&text, &annotate(&text, &a.opts), title).as_bytes()))?;
        }
        Mode::Jsonl => {
            // Lines are read on this thread, annotated on `--jobs` threads, written in input
            // order; a read error ends the input and is reported in its place.
            let mut failed = false;
            let lines = open(a.input.as_deref())?
                .split(b'\n')
                .enumerate()
                .map_while(|(n, line)| {
                    if failed {
                        return None;
                    }
                    failed = line.is_err();
                    Some((n + 1, line))
                })
                // A JSON line is UTF-8; stray bytes become U+FFFD rather than stop the stream.
                .filter(|(_, line)| {
                    line.as_ref().map_or(true, |l| !String::from_utf8_lossy(l).trim().is_empty())
                });
            let opts = &a.opts;
            let annotate_line = |(n, line): (usize, std::io::Result<Vec<u8>>)| {
                let line = line.map_err(|e| format!("line {n}: {e}"))?;
                jsonl_line(&String::from_utf8_lossy(&line), opts).map_err(|e| format!("line {n}: {e}"))
            };
            map_ordered(lines, a.jobs, annotate_line, |s: Result<String, String>| {
                w(writeln!(out, "{}", s?))
            })?;
        }
    }
    w(out.flush())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("annotate: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annotate: {e}");
            ExitCode::FAILURE
        }
    }
}
