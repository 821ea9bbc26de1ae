//! How many Ofsted reports `motif::judgements::extract` reads a grade from.
//!
//! Run it on a folder of report texts (the 493 reports in
//! `shared/ofsted-reports`, say):
//!
//! ```text
//! cargo run --example judgements_coverage -- ../shared/ofsted-reports
//! ```
//!
//! For every `*.txt` file it extracts judgements twice — from the raw PDF
//! text and from the same text with its lines joined, as clean-up leaves it —
//! and prints one line per file (`path framework overall n_rows`), then a
//! summary: files with an overall grade, files graded only on some areas,
//! files with no judgement at all, files where the two forms disagree, and
//! how the overall grades are spread. Files without an overall grade are
//! listed so a person can read them and say why.

use std::collections::BTreeMap;
use std::path::PathBuf;

use motif::judgements::{extract, Judgement};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: judgements_coverage FOLDER")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();

    let (mut overall, mut partial, mut none, mut differ) = (0, Vec::new(), Vec::new(), Vec::new());
    let mut spread: BTreeMap<String, usize> = BTreeMap::new();
    for path in &files {
        let raw = std::fs::read_to_string(path)?;
        let judgements = extract(&raw);
        if extract(&cleaned(&raw)) != judgements {
            differ.push(path.display().to_string());
        }
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let head = judgements.first().map_or("-", |j| j.framework.as_str());
        let oe = judgements
            .iter()
            .find(|j| j.area == "overall_effectiveness");
        println!(
            "{name}\t{head}\t{}\t{}",
            oe.map_or("-", |j| j.grade.as_str()),
            judgements.len()
        );
        match oe {
            Some(j) => {
                overall += 1;
                *spread.entry(key(j)).or_default() += 1;
            }
            None if judgements.is_empty() => none.push(name),
            None => partial.push(name),
        }
    }
    eprintln!("files: {}", files.len());
    eprintln!("overall grade found: {overall}");
    eprintln!(
        "graded areas but no overall grade: {} {partial:?}",
        partial.len()
    );
    eprintln!("no judgement found: {} {none:?}", none.len());
    eprintln!(
        "raw and cleaned forms disagree: {} {differ:?}",
        differ.len()
    );
    for (k, n) in spread {
        eprintln!("  {k}: {n}");
    }
    Ok(())
}

/// The text as clean-up leaves it: lines inside a paragraph joined by
/// spaces, paragraphs separated by one blank line.
fn cleaned(raw: &str) -> String {
    raw.split("\n \n")
        .flat_map(|block| block.split("\n\n"))
        .map(|para| para.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn key(j: &Judgement) -> String {
    format!("{} {}", j.framework.as_str(), j.grade.as_str())
}
