//! `motif run`: the main job. Reads the corpus, analyses it, counts the
//! themes and writes every report into `--out`, then prints a short summary
//! to stderr (nothing but errors under `--quiet`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use motif::corpus::CorpusOptions;
use motif::pipeline::run::{RunConfig, RunSummary};
use motif::pipeline::Analyser;
use motif::report::CsvOptions;

use super::GlobalArgs;

/// Run the whole pipeline and write theme_counts.csv, theme_table.csv,
/// evidence.csv, suppressed.csv, motif.xlsx, report.html and run.json.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of text files to read.
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    pub corpus: PathBuf,

    /// Index folder (kept between runs so only new files are read again).
    #[arg(long, value_name = "DIR", default_value = ".motif/index")]
    pub index: PathBuf,

    /// Folder the reports are written to (created if missing).
    #[arg(long, value_name = "DIR", default_value = "reports")]
    pub out: PathBuf,

    /// Metadata CSV (file,date,source,url); default <corpus>/manifest.csv.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,

    /// Start CSV files with a byte order mark, so Excel reads UTF-8 correctly.
    #[arg(long)]
    pub excel: bool,

    /// Write CSV text exactly as found, without neutralising cells that a
    /// spreadsheet would run as formulas (=, +, -, @, tab, CR).
    #[arg(long)]
    pub raw: bool,

    /// If another motif process is writing the index, wait for it instead
    /// of stopping with a message.
    #[arg(long)]
    pub wait: bool,
}

pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    let analyser = Analyser {
        gazetteer: global.gazetteer()?,
        lexicons: global.lexicons()?,
    };
    let config = RunConfig {
        corpus: args.corpus.clone(),
        corpus_options: CorpusOptions {
            manifest: args.manifest.clone(),
            follow_links: false,
        },
        index: args.index.clone(),
        out: args.out.clone(),
        csv: CsvOptions {
            raw: args.raw,
            bom: args.excel,
        },
        wait: args.wait,
        options: recorded_options(global, &args),
    };
    let progress = global.progress();
    let summary = motif::pipeline::run::run(&analyser, &config, &progress)?;
    if !global.quiet {
        eprint!("{}", summary_table(&summary, &args.out));
    }
    Ok(ExitCode::SUCCESS)
}

/// The options as given, for run.json and the workbook's about sheet.
fn recorded_options(global: &GlobalArgs, args: &Args) -> BTreeMap<String, String> {
    let path = |p: &Option<PathBuf>| {
        p.as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    BTreeMap::from([
        ("corpus".to_string(), args.corpus.display().to_string()),
        ("index".to_string(), args.index.display().to_string()),
        ("out".to_string(), args.out.display().to_string()),
        ("manifest".to_string(), path(&args.manifest)),
        ("excel".to_string(), args.excel.to_string()),
        ("raw".to_string(), args.raw.to_string()),
        ("councils".to_string(), path(&global.councils)),
        ("lexicons".to_string(), path(&global.lexicons)),
        ("extend".to_string(), global.extend.to_string()),
    ])
}

/// The short summary printed after a run.
fn summary_table(summary: &RunSummary, out: &std::path::Path) -> String {
    let mut text = format!(
        "motif run: {} documents, {} duplicates, {} skipped, {} councils, {} mentions in {:.1}s\n  index: {}\n",
        summary.documents,
        summary.duplicates,
        summary.skipped,
        summary.councils,
        summary.mentions,
        summary.elapsed.as_secs_f64(),
        summary.sync
    );
    let width = summary
        .mentions_by_theme
        .iter()
        .map(|(theme, _)| theme.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    text.push_str(&format!("  {:<width$}  mentions\n", "theme"));
    for (theme, mentions) in &summary.mentions_by_theme {
        text.push_str(&format!("  {theme:<width$}  {mentions:>8}\n"));
    }
    if summary.up_to_date {
        text.push_str(&format!(
            "nothing changed since the last run: reports in {} are up to date\n",
            out.display()
        ));
    } else {
        text.push_str(&format!("reports written to {}\n", out.display()));
    }
    text
}
