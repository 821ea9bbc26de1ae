//! Measures council finding and attribution on a folder of Ofsted reports.
//!
//! Takes the reports folder (files named `ofsted_<URN>_<YYYY-MM-DD>.txt`) and
//! the reference CSV whose `ofsted_urn` column maps a URN to a council's
//! `gss_code_jt39`; gives, on stdout, the share of reports whose council is
//! found and the share of council-bearing sentences credited to it. Each
//! report is read as it is: the first three non-blank lines as the title
//! (where Ofsted prints the council), the whole text as the body.
//!
//! ```text
//! cargo run --example council_attribution -- /work/shared/ofsted-reports \
//!     /work/shared/reference/english_childrens_services_authorities_153.csv
//! ```
//!
//! By default the lines of each paragraph are joined (as the corpus stage
//! does for PDF text), so sentences come out whole; `RAW=1` keeps every PDF
//! line as it is. `VERBOSE=1` lists sentences credited to other councils.
//!
//! An abolished council counts as the report's council when it shares the
//! current council's short name (North Yorkshire County Council for a 2019
//! report on what is now North Yorkshire Council).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use motif::corpus::Document;
use motif::councils::{attribute, Gazetteer};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let folder = PathBuf::from(
        args.next()
            .context("usage: council_attribution FOLDER [REFERENCE_CSV]")?,
    );
    let reference = args.next().map_or_else(
        || PathBuf::from("/work/shared/reference/english_childrens_services_authorities_153.csv"),
        PathBuf::from,
    );
    let verbose = std::env::var_os("VERBOSE").is_some();
    let raw = std::env::var_os("RAW").is_some();
    let gazetteer = Gazetteer::embedded()?;

    let mut urn_to_code = BTreeMap::new();
    let mut reader = csv::Reader::from_path(&reference)
        .with_context(|| format!("cannot read {}", reference.display()))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (urn_col, code_col) = (
        column("ofsted_urn").context("no ofsted_urn column")?,
        column("gss_code_jt39").context("no gss_code_jt39 column")?,
    );
    for record in reader.records() {
        let record = record?;
        urn_to_code.insert(record[urn_col].to_string(), record[code_col].to_string());
    }

    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();

    let (mut reports, mut found) = (0usize, 0usize);
    let (mut pairs, mut home_pairs, mut bearing, mut home_bearing) =
        (0usize, 0usize, 0usize, 0usize);
    for path in &files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let parts: Vec<&str> = name.split('_').collect();
        let [_, urn, date] = parts.as_slice() else {
            continue;
        };
        let Some(code) = urn_to_code.get(*urn) else {
            continue;
        };
        let Some(expected) = gazetteer.by_code(code) else {
            continue;
        };
        let short = &gazetteer.council(expected).short_name;
        let is_home = |id: &motif::councils::CouncilId| &gazetteer.council(*id).short_name == short;
        let text = std::fs::read_to_string(path)?;
        let title = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let document = Document {
            id: name.to_string(),
            path: name.to_string(),
            title,
            byline: None,
            published: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            inspected_from: None,
            inspected_to: None,
            report_heading: false,
            source: None,
            url: None,
            encoding: "UTF-8".to_string(),
            body: if raw { text } else { reflow(&text) },
            removed: Vec::new(),
            duplicate_of: None,
        };
        reports += 1;
        let matches = gazetteer.find(
            &format!("{}\n\n{}", document.title, document.body),
            document.published,
        );
        if matches.iter().any(|m| is_home(&m.council)) {
            found += 1;
        } else if verbose {
            println!("not found: {name} ({short})");
        }
        let sentences = motif::text::sentences(&document.body);
        let attributions = attribute(&gazetteer, &document, &sentences);
        let mut others = BTreeMap::<String, usize>::new();
        for (sentence, attribution) in sentences.iter().zip(&attributions) {
            if attribution.councils.is_empty() {
                continue;
            }
            bearing += 1;
            if attribution.councils.iter().any(is_home) {
                home_bearing += 1;
            }
            for id in &attribution.councils {
                pairs += 1;
                if is_home(id) {
                    home_pairs += 1;
                } else {
                    *others
                        .entry(gazetteer.council(*id).short_name.clone())
                        .or_default() += 1;
                    if verbose {
                        let text: String =
                            sentence.text(&document.body).chars().take(100).collect();
                        println!(
                            "  {name} [{:?}] {}: {}",
                            attribution.rule,
                            gazetteer.council(*id).short_name,
                            text.replace('\n', " ")
                        );
                    }
                }
            }
        }
        if verbose && !others.is_empty() {
            println!("{name} ({short}): others {others:?}");
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("reports: {reports}");
    println!(
        "report's council found: {found} ({:.1}%)",
        pct(found, reports)
    );
    println!(
        "council-bearing sentences crediting the report's council: {home_bearing} of {bearing} ({:.1}%)",
        pct(home_bearing, bearing)
    );
    println!(
        "(sentence, council) pairs crediting the report's council: {home_pairs} of {pairs} ({:.1}%)",
        pct(home_pairs, pairs)
    );
    Ok(())
}

/// Joins the lines of each blank-line-separated paragraph with spaces.
fn reflow(text: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n\n")
}
