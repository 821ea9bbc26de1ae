//! `motif counts`: the count tables on stdout, grouped as asked, as CSV, TSV
//! or JSON, without writing any report files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use motif::corpus::CorpusOptions;
use motif::counts::group::{group, GroupKey};
use motif::counts::{Counts, Labels};
use motif::pipeline::run::analyse_corpus;
use motif::pipeline::Analyser;
use motif::report::table::{counts_table, grouping_table, Table};
use motif::report::CsvOptions;

use super::GlobalArgs;

/// Print theme counts: by default the rows of theme_counts.csv (council ×
/// year × theme, zero-filled, with words and rates); with --group-by, mention
/// totals grouped by the keys given.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index folder to read analyses from.
    #[arg(long, value_name = "DIR", default_value = ".motif/index")]
    pub index: PathBuf,

    /// Corpus folder (read directly until counts come from the index).
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    pub corpus: PathBuf,

    /// Metadata CSV; default <corpus>/manifest.csv.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,

    /// Group by any of council, year, theme, polarity, document
    /// (comma-separated, in column order).
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub group_by: Vec<GroupKey>,

    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,

    /// Do not neutralise text cells that start like a formula (CSV/TSV).
    #[arg(long)]
    pub raw: bool,
}

/// How `motif counts` prints its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Tsv,
    Json,
}

pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    let analyser = Analyser {
        gazetteer: global.gazetteer()?,
        lexicons: global.lexicons()?,
    };
    let options = CorpusOptions {
        manifest: args.manifest.clone(),
        follow_links: false,
    };
    // INDEX: the lead swaps this for `Index::open(&args.index)?.analyses()`.
    let _ = &args.index;
    let progress = global.progress();
    let analysed = analyse_corpus(&analyser, &args.corpus, &options, &progress)?;
    let labels = Labels::new(&analyser.gazetteer, &analyser.lexicons);
    let table = if args.group_by.is_empty() {
        counts_table(&Counts::from_analyses(&analysed.analyses).rows(&labels))
    } else {
        grouping_table(&group(&analysed.analyses, &labels, &args.group_by))
    };
    print(&table, args.format, args.raw).context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn print(table: &Table, format: Format, raw: bool) -> anyhow::Result<()> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    let options = CsvOptions { raw, bom: false };
    match format {
        Format::Csv => motif::report::csv::write_table(&mut out, table, b',', options)?,
        Format::Tsv => motif::report::csv::write_table(&mut out, table, b'\t', options)?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &table.to_json())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}
