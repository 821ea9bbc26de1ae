//! `motif councils`: the gazetteer, and how motif reads council names.
//!
//! Takes the gazetteer in force (`--councils FILE` or the built-in one) and
//! gives, on stdout: the list of councils (`motif councils`, a table or
//! `--format csv`); every council name found in a text with its span, alias
//! and why each ambiguous name was kept or rejected (`motif councils find
//! TEXT`); and, for a file, every sentence with its councils and the rule
//! that decided (`motif councils attribute FILE`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use motif::corpus::Document;
use motif::councils::{self, Gazetteer, Verdict};

use super::GlobalArgs;

/// List the council gazetteer, find council names in text, or show which
/// council each sentence of a file is about.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,

    /// Output format of the listing.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// How to print the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// The gazetteer CSV, aliases and flags included.
    Csv,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Show every council name in TEXT, with its span and alias, and why each
    /// ambiguous name was kept or rejected. Exit 0 if a council was found, 1
    /// if none.
    Find {
        /// The text to search, read as one whole document.
        text: String,
        /// Publication date (YYYY-MM-DD): picks between an old and a new
        /// council with the same name.
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Print every sentence of FILE with its number, councils and the rule
    /// that decided (named, focus, lead, group, none).
    Attribute {
        /// A UTF-8 text file: first line the title, each further line a
        /// paragraph.
        file: PathBuf,
        /// Publication date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<NaiveDate>,
    },
}

pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    let gazetteer = global.gazetteer()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match args.action {
        None => {
            list(&gazetteer, args.format, &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Action::Find { text, date }) => find(&gazetteer, &text, date, &mut out)?,
        Some(Action::Attribute { file, date }) => {
            let mut document = read_document(&file)?;
            if date.is_some() {
                document.published = date;
            }
            attribute(&gazetteer, &document, &mut out)?;
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn list(gazetteer: &Gazetteer, format: Format, out: &mut impl Write) -> anyhow::Result<()> {
    match format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(motif::councils::gazetteer::COLUMNS)?;
            for c in gazetteer.councils() {
                let aliases: Vec<String> = c
                    .aliases
                    .iter()
                    .zip(&c.alias_flags)
                    .map(|(a, f)| format!("{}{a}", f.prefix()))
                    .collect();
                csv.write_record([
                    c.gss_code.as_str(),
                    &c.name,
                    &c.short_name,
                    &c.kind,
                    &c.region,
                    &date_text(c.valid_from),
                    &date_text(c.valid_to),
                    &aliases.join("|"),
                ])?;
            }
            csv.flush()?;
        }
        Format::Table => {
            writeln!(
                out,
                "{:<9}  {:<36}  {:<20}  {:<24}  {:<10}  {:<10}",
                "GSS", "SHORT NAME", "KIND", "REGION", "FROM", "TO"
            )?;
            for c in gazetteer.councils() {
                writeln!(
                    out,
                    "{:<9}  {:<36}  {:<20}  {:<24}  {:<10}  {:<10}",
                    c.gss_code,
                    c.short_name,
                    c.kind,
                    c.region,
                    date_text(c.valid_from),
                    date_text(c.valid_to)
                )?;
            }
            let current = gazetteer
                .councils()
                .iter()
                .filter(|c| c.is_current())
                .count();
            writeln!(
                out,
                "{} councils ({current} current), gazetteer {}",
                gazetteer.councils().len(),
                gazetteer.hash()
            )?;
        }
    }
    Ok(())
}

fn find(
    gazetteer: &Gazetteer,
    text: &str,
    date: Option<NaiveDate>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let candidates = gazetteer.candidates(text, date);
    let mut any = false;
    for candidate in &candidates {
        let (verdict, reason) = match &candidate.verdict {
            Verdict::Kept(reason) => {
                any = true;
                ("kept", reason)
            }
            Verdict::Rejected(reason) => ("rejected", reason),
        };
        let councils: Vec<String> = candidate
            .councils
            .iter()
            .map(|id| {
                let c = gazetteer.council(*id);
                format!("{} ({})", c.short_name, c.gss_code)
            })
            .collect();
        let mut why = reason.clone();
        if let Some(note) = &candidate.date_note {
            why.push_str("; ");
            why.push_str(note);
        }
        writeln!(
            out,
            "{verdict}\t{}..{}\t\"{}\"\t{}\t{why}",
            candidate.start,
            candidate.end,
            candidate.alias,
            councils.join("; ")
        )?;
    }
    Ok(if any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn attribute(
    gazetteer: &Gazetteer,
    document: &Document,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let sentences = motif::text::sentences(&document.body);
    let attributions = councils::attribute(gazetteer, document, &sentences);
    writeln!(out, "title\t{}", document.title)?;
    for (sentence, attribution) in sentences.iter().zip(&attributions) {
        let names: Vec<&str> = attribution
            .councils
            .iter()
            .map(|id| gazetteer.council(*id).short_name.as_str())
            .collect();
        let text = sentence.text(&document.body).replace('\n', " ");
        let shown: String = text.chars().take(90).collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{shown}",
            sentence.no,
            attribution.rule.as_str(),
            names.join(";")
        )?;
    }
    Ok(())
}

/// Reads one file as the corpus stage does (decoding, title, byline, date,
/// furniture removed), so attribution is shown on the body `run` sees.
fn read_document(path: &Path) -> anyhow::Result<Document> {
    let options = motif::corpus::CorpusOptions::default();
    let listing = motif::corpus::list_files(path, &options)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if let Some(skipped) = listing.skipped.first() {
        anyhow::bail!("cannot read {}: {}", path.display(), skipped.reason);
    }
    let file = listing
        .files
        .first()
        .with_context(|| format!("{} is not a text file", path.display()))?;
    let outcome = motif::corpus::read_document(file, &motif::corpus::Manifest::default())
        .map_err(|skipped| anyhow::anyhow!("cannot read {}: {}", path.display(), skipped.reason))?;
    Ok(outcome.document)
}
