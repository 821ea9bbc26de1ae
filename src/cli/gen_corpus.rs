//! `motif gen-corpus`: writes a synthetic corpus for benchmarks and tests.
//!
//! Takes a document count and/or a size in MB, an output folder and a seed,
//! and gives realistic generated articles (see [`motif::gen`]) with a
//! `manifest.csv`; prints a one-line summary to stderr unless `--quiet`.
//! The same seed and gazetteer always give byte-identical files.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use motif::gen::{generate, GenOptions};

use super::GlobalArgs;

/// Write N realistic generated articles (and some report-shaped texts) to a
/// folder, for benchmarks and tests. Council names come from the gazetteer
/// in force (`--councils`).
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("amount").required(true).multiple(true).args(["docs", "size_mb"])))]
pub struct Args {
    /// Number of documents to write (with --size-mb: whichever limit comes first).
    #[arg(long, value_name = "N")]
    pub docs: Option<usize>,

    /// Stop once about this many megabytes (10^6 bytes) are written.
    #[arg(long, value_name = "M")]
    pub size_mb: Option<u64>,

    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Seed: the same seed gives byte-identical output.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    let gazetteer = global.gazetteer()?;
    let options = GenOptions {
        docs: args.docs,
        max_bytes: args.size_mb.map(|mb| mb.saturating_mul(1_000_000)),
        seed: args.seed,
    };
    let started = Instant::now();
    let summary = generate(&gazetteer, &options, &args.out)
        .with_context(|| format!("generating a corpus in {}", args.out.display()))?;
    if !global.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "motif: wrote {} documents, {:.1} MB in {:.1}s ({:.0} MB/s): {} Windows-1252, {} duplicates, {} reports, {} in manifest.csv",
            summary.docs,
            summary.bytes as f64 / 1e6,
            secs,
            summary.bytes as f64 / 1e6 / secs.max(1e-9),
            summary.windows_1252,
            summary.duplicates,
            summary.reports,
            summary.manifest_rows,
        );
    }
    Ok(ExitCode::SUCCESS)
}
