//! `motif counts`: the count tables on stdout, grouped as asked, as CSV, TSV
//! or JSON, from an existing index (`motif index` or `motif run` built it),
//! without re-reading the corpus or writing any report files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use motif::counts::group::{group, GroupKey};
use motif::counts::{Counts, Labels};
use motif::index::Index;
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
    // Read-only: counts never wait for, or block, a running `motif run`.
    // When the lexicons or gazetteer differ from the index's, documents are
    // re-tagged in memory from their stored text.
    let analyses = Index::open_read(&args.index)?.analyses(&analyser)?;
    let labels = Labels::new(&analyser.gazetteer, &analyser.lexicons);
    let table = if args.group_by.is_empty() {
        counts_table(&Counts::from_analyses(&analyses).rows(&labels))
    } else {
        grouping_table(&group(&analyses, &labels, &args.group_by))
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
