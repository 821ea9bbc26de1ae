//! `motif documents`: reads a corpus and writes `documents.csv`, one row per
//! file read (duplicates listed and marked), with what each document is:
//! title, byline, dates, size, encoding and the councils it is about.
//! `--explain FILE` shows how one file was taken apart instead.
//!
//! Usage: `motif documents [CORPUS] [--out DIR|-] [--manifest FILE]
//! [--explain FILE] [--follow-links]`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;

use motif::corpus::{self, Corpus, CorpusOptions, Document};
use motif::counts::Labels;
use motif::pipeline::Analyser;
use motif::progress::Progress;
use motif::report::csv::{write_csv_file, write_table, CsvOptions};
use motif::report::documents::{fill_duplicates, table, DocumentRow};

use super::GlobalArgs;

/// List the documents of a corpus: title, byline, date, size, councils.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpus folder (read recursively) or a single file.
    #[arg(default_value = "corpus", value_name = "CORPUS")]
    pub corpus: PathBuf,

    /// Folder to write documents.csv into, or `-` for stdout.
    #[arg(long, default_value = "reports", value_name = "DIR|-")]
    pub out: String,

    /// Metadata manifest (path,published,title,byline,source,url) instead
    /// of CORPUS/manifest.csv.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,

    /// Show what was taken as title, byline, date and body of FILE, and
    /// every line removed from the body with the reason.
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,

    /// Follow symbolic links that lead out of the corpus folder.
    #[arg(long)]
    pub follow_links: bool,
}

/// Runs `motif documents`.
pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    let options = CorpusOptions {
        manifest: args.manifest.clone(),
        follow_links: args.follow_links,
    };
    if let Some(file) = &args.explain {
        return explain(&args.corpus, file, &options);
    }
    let corpus = corpus::read_corpus(&args.corpus, &options)
        .with_context(|| format!("reading {}", args.corpus.display()))?;
    let analyser = Analyser {
        gazetteer: global.gazetteer()?,
        lexicons: global.lexicons()?,
    };
    let progress = global.progress();
    progress.stage("analysing", corpus.documents.len() as u64);
    let rows: Vec<DocumentRow> = corpus
        .documents
        .par_iter()
        .map(|document| {
            let row = row(&analyser, document);
            progress.advance(1);
            row
        })
        .collect();
    progress.finish();
    let mut rows = rows;
    fill_duplicates(&mut rows);
    let table = table(&rows);
    if args.out == "-" {
        let stdout = std::io::stdout();
        write_table(stdout.lock(), &table, b',', CsvOptions::default())
            .context("writing documents.csv to stdout")?;
    } else {
        let out = Path::new(&args.out);
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        write_csv_file(&out.join("documents.csv"), &table, CsvOptions::default())?;
    }
    summarise(&corpus, global.quiet);
    Ok(ExitCode::SUCCESS)
}

/// One row; duplicates are not analysed (they are not counted).
fn row(analyser: &Analyser, document: &Document) -> DocumentRow {
    let analysis = document
        .duplicate_of
        .is_none()
        .then(|| analyser.analyse(document.clone()));
    let labels = Labels::new(&analyser.gazetteer, &analyser.lexicons);
    DocumentRow::new(document, analysis.as_ref(), &labels)
}

/// The summary line, then one line per skipped file and per warning.
fn summarise(corpus: &Corpus, quiet: bool) {
    let duplicates = corpus
        .documents
        .iter()
        .filter(|d| d.duplicate_of.is_some())
        .count();
    if !quiet {
        eprintln!(
            "motif: {} documents read, {} duplicates, {} skipped",
            corpus.documents.len(),
            duplicates,
            corpus.skipped.len()
        );
    }
    for skipped in &corpus.skipped {
        eprintln!("motif: skipped {}: {}", skipped.path, skipped.reason);
    }
    for warning in &corpus.warnings {
        eprintln!("motif: warning: {warning}");
    }
}

/// `--explain FILE`: the document as read within its corpus (so that lines
/// repeated across the corpus show as removed), or on its own.
fn explain(root: &Path, file: &Path, options: &CorpusOptions) -> anyhow::Result<ExitCode> {
    let inside = root.is_dir()
        && file
            .canonicalize()
            .ok()
            .zip(root.canonicalize().ok())
            .is_some_and(|(f, r)| f.starts_with(r));
    let document = if inside {
        let corpus = corpus::read_corpus(root, options)
            .with_context(|| format!("reading {}", root.display()))?;
        let wanted = file.canonicalize().ok();
        let rel = wanted
            .as_ref()
            .zip(root.canonicalize().ok())
            .and_then(|(f, r)| {
                f.strip_prefix(r)
                    .ok()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            });
        corpus
            .documents
            .into_iter()
            .find(|d| Some(&d.path) == rel.as_ref())
            .or_else(|| {
                if let Some(s) = corpus
                    .skipped
                    .iter()
                    .find(|s| Some(&s.path) == rel.as_ref())
                {
                    eprintln!("motif: skipped {}: {}", s.path, s.reason);
                }
                None
            })
    } else {
        let listing = corpus::list_files(file, options)
            .with_context(|| format!("reading {}", file.display()))?;
        let manifest = corpus::load_manifest(root, options)?;
        listing
            .files
            .first()
            .and_then(|source| match corpus::read_document(source, &manifest) {
                Ok(outcome) => {
                    outcome
                        .warnings
                        .iter()
                        .for_each(|w| eprintln!("motif: warning: {w}"));
                    Some(outcome.document)
                }
                Err(s) => {
                    eprintln!("motif: skipped {}: {}", s.path, s.reason);
                    None
                }
            })
    };
    let Some(document) = document else {
        return Ok(ExitCode::from(2));
    };
    let mut out = std::io::stdout().lock();
    print_explanation(&mut out, &document).context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn print_explanation(out: &mut impl Write, d: &Document) -> std::io::Result<()> {
    let or_none = |v: Option<String>| v.unwrap_or_else(|| "(none)".to_string());
    writeln!(out, "path:      {}", d.path)?;
    writeln!(out, "doc_id:    {}", d.id)?;
    writeln!(out, "encoding:  {}", d.encoding)?;
    writeln!(out, "title:     {}", d.title)?;
    writeln!(out, "byline:    {}", or_none(d.byline.clone()))?;
    writeln!(
        out,
        "published: {}",
        or_none(d.published.map(|p| p.to_string()))
    )?;
    if let (Some(from), Some(to)) = (d.inspected_from, d.inspected_to) {
        writeln!(out, "inspected: {from} to {to}")?;
    }
    // How the themes stage will read it: a report's paragraphs judge.
    let read_as = match (d.inspected_from.is_some(), d.report_heading) {
        (true, _) => "inspection report (its head gives the inspection dates)",
        (false, true) => "inspection report (its opening lines carry an Ofsted heading)",
        (false, false) => "article",
    };
    writeln!(out, "read as:   {read_as}")?;
    if let Some(dup) = &d.duplicate_of {
        writeln!(out, "duplicate of: {dup}")?;
    }
    writeln!(out, "\n--- body ---")?;
    writeln!(out, "{}", d.body)?;
    writeln!(out, "\n--- removed ({} lines) ---", d.removed.len())?;
    for r in &d.removed {
        writeln!(out, "{:>5}  [{}]  {}", r.line, r.reason, r.text)?;
    }
    Ok(())
}
