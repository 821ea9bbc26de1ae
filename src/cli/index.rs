//! `motif index`: build or update the search index of a corpus.
//!
//! Takes a corpus folder and an index folder; reads, analyses and stores
//! only what changed since the last run (re-tagging stored documents when
//! the lexicons or gazetteer changed) in one atomic commit, and prints a
//! one-line summary to stderr.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use motif::corpus::CorpusOptions;
use motif::index::{Index, IndexError, OpenOptions};
use motif::pipeline::Analyser;

use super::GlobalArgs;

/// Build or update the search index of a corpus (incremental).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus folder to index.
    #[arg(value_name = "CORPUS", default_value = "corpus")]
    pub corpus: PathBuf,

    /// Index folder (created if missing).
    #[arg(long, value_name = "DIR", default_value = ".motif/index")]
    pub index: PathBuf,

    /// Wait for another motif process writing the same index to finish,
    /// instead of failing.
    #[arg(long)]
    pub wait: bool,

    /// Metadata CSV (file,date,source,url,...) to use instead of
    /// CORPUS/manifest.csv.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,

    /// Follow symbolic links that point outside the corpus folder.
    #[arg(long)]
    pub follow_links: bool,
}

pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let analyser = Analyser {
        gazetteer: global.gazetteer()?,
        lexicons: global.lexicons()?,
    };
    let options = CorpusOptions {
        manifest: args.manifest,
        follow_links: args.follow_links,
    };
    motif::corpus::check_root(&args.corpus)?;
    let mut index = match Index::open(&args.index, &OpenOptions::default()) {
        Err(IndexError::Busy { .. }) if args.wait => {
            if !global.quiet {
                eprintln!(
                    "motif: waiting for another motif process to finish with {}",
                    args.index.display()
                );
            }
            let wait = OpenOptions {
                wait: true,
                ..OpenOptions::default()
            };
            Index::open(&args.index, &wait)?
        }
        opened => opened?,
    };
    let progress = global.progress();
    let stats = index
        .sync(&args.corpus, &options, &analyser, &progress)
        .with_context(|| format!("indexing {}", args.corpus.display()))?;
    if !global.quiet {
        eprintln!(
            "motif: indexed {} into {}: {} in {:.1}s",
            args.corpus.display(),
            args.index.display(),
            stats,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
