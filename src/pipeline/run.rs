//! The main job, `motif run`, as one library call.
//!
//! Takes an [`Analyser`] and a [`RunConfig`] and gives a [`RunSummary`]:
//! read the corpus, analyse every document (in parallel), count, and write
//! every report into the output folder, `run.json` last. Per-file problems
//! are told to the [`Progress`] as one-line warnings and never stop the run.
//! This is the flow in order; each step is a call into its stage.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{Analyser, Analysis};
use crate::corpus::{self, CorpusOptions, Skipped};
use crate::counts::{Counts, Labels};
use crate::progress::Progress;
use crate::report::{self, CsvOptions, Provenance, RunRecord};

/// What `motif run` was asked to do (the CLI's flags, without clap).
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// The corpus folder.
    pub corpus: PathBuf,
    pub corpus_options: CorpusOptions,
    /// The Tantivy index folder.
    pub index: PathBuf,
    /// Where the reports go.
    pub out: PathBuf,
    pub csv: CsvOptions,
    /// The options as the user gave them, recorded in every output.
    pub options: BTreeMap<String, String>,
}

/// What a run did, for the summary table and tests.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// Documents counted (duplicates excluded).
    pub documents: u64,
    pub duplicates: u64,
    /// Files that could not be read, and why.
    pub skipped: Vec<Skipped>,
    /// Councils with at least one attributed sentence.
    pub councils: u64,
    /// Mention credits (= `evidence.csv` rows).
    pub mentions: u64,
    /// Mention credits per theme, every theme listed (lexicon order).
    pub mentions_by_theme: Vec<(String, u64)>,
    /// The files written, `run.json` last.
    pub outputs: Vec<PathBuf>,
    pub elapsed: Duration,
}

/// Documents analysed, and the files that were not.
#[derive(Debug, Default)]
pub struct Analysed {
    /// In corpus path order, duplicates included (marked).
    pub analyses: Vec<Analysis>,
    pub skipped: Vec<Skipped>,
}

/// Reads the corpus and analyses every document in parallel, warning about
/// every skipped file and every per-file problem.
pub fn analyse_corpus(
    analyser: &Analyser,
    root: &Path,
    options: &CorpusOptions,
    progress: &dyn Progress,
) -> crate::Result<Analysed> {
    progress.stage("read", 0);
    let corpus = corpus::read_corpus(root, options)?;
    progress.finish();
    for warning in &corpus.warnings {
        progress.warn(warning);
    }
    for skipped in &corpus.skipped {
        progress.warn(&format!("skipped {}: {}", skipped.path, skipped.reason));
    }
    progress.stage("analyse", corpus.documents.len() as u64);
    let analyses: Vec<Analysis> = corpus
        .documents
        .into_par_iter()
        .map(|document| {
            let analysis = analyser.analyse(document);
            progress.advance(1);
            analysis
        })
        .collect();
    progress.finish();
    Ok(Analysed {
        analyses,
        skipped: corpus.skipped,
    })
}

/// Runs the main job: corpus → analyses → counts → every report.
pub fn run(
    analyser: &Analyser,
    config: &RunConfig,
    progress: &dyn Progress,
) -> crate::Result<RunSummary> {
    let started = Instant::now();
    let analysed = analyse_corpus(analyser, &config.corpus, &config.corpus_options, progress)?;

    // INDEX: the lead wires `motif::index::Index::open(&config.index)` and
    // `sync` here; reports will then read `Index::analyses` instead of the
    // in-memory list.
    let _ = &config.index;

    progress.stage("count", 0);
    let counts = Counts::from_analyses(&analysed.analyses);
    progress.finish();

    progress.stage("report", 0);
    let labels = Labels::new(&analyser.gazetteer, &analyser.lexicons);
    let provenance = Provenance::new(
        analyser.lexicons.hash(),
        analyser.gazetteer.hash(),
        &analysed.analyses,
        config.options.clone(),
    );
    let input = report::ReportInput {
        analyses: &analysed.analyses,
        counts: &counts,
        labels: &labels,
        provenance: &provenance,
    };
    // A run killed while staging leaves `.motif-*.tmp` files; clear them.
    // Everything is then staged and renamed into place in one go at the
    // end, so a failed or killed run leaves the previous reports whole.
    report::atomic::remove_stale(&config.out);
    let mut batch = report::atomic::Batch::new();
    report::stage_reports(&mut batch, &config.out, &input, config.csv)?;

    // DOCUMENTS.CSV: `motif::report::documents` (the corpus helper's
    // module) belongs here: build its rows from `analysed.analyses` (the
    // row builder now in `src/cli/documents.rs`) and stage them in `batch`
    // through `report::csv::stage_csv_file`, so documents.csv gets formula
    // neutralisation, `--excel` and the same all-or-nothing commit; then
    // add `documents.csv` to `names` below so run.json lists it.

    let by_theme = counts.mentions_by_theme();
    let mentions_by_theme: Vec<(String, u64)> = labels
        .theme_ids()
        .chain(by_theme.keys().copied())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|id| (labels.theme(id).id, by_theme.get(&id).copied().unwrap_or(0)))
        .collect();
    let names = [
        report::THEME_COUNTS,
        report::THEME_TABLE,
        report::EVIDENCE,
        report::SUPPRESSED,
        report::WORKBOOK,
        report::HTML,
        report::RUN_JSON,
    ];
    let elapsed = started.elapsed();
    let record = RunRecord {
        provenance,
        documents: counts.documents(),
        duplicates: counts.duplicates(),
        skipped: analysed.skipped.len() as u64,
        councils: counts.councils().len() as u64,
        mentions: counts.mentions(),
        mentions_by_theme: mentions_by_theme.iter().cloned().collect(),
        elapsed_seconds: elapsed.as_secs_f64(),
        outputs: names.iter().map(ToString::to_string).collect(),
    };
    let run_json = config.out.join(report::RUN_JSON);
    report::provenance::stage_run_json(&mut batch, &run_json, &record)?;
    let outputs = batch.commit()?;
    progress.finish();

    Ok(RunSummary {
        documents: record.documents,
        duplicates: record.duplicates,
        skipped: analysed.skipped,
        councils: record.councils,
        mentions: record.mentions,
        mentions_by_theme,
        outputs,
        elapsed,
    })
}
