//! The main job, `motif run`, as one library call.
//!
//! Takes an [`Analyser`] and a [`RunConfig`] and gives a [`RunSummary`]:
//! bring the index up to date with the corpus (reading only what changed),
//! stream every analysis from it into the counts and the reports, and put
//! every report in place together, `run.json` last. Per-file problems
//! are told to the [`Progress`] as one-line warnings and never stop the run.
//! This is the flow in order; each step is a call into its stage.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::Analyser;
use crate::corpus::CorpusOptions;
use crate::counts::{Counts, Labels};
use crate::index::{Index, OpenOptions, SyncStats};
use crate::progress::Progress;
use crate::report::provenance::CorpusHash;
use crate::report::stream::{Prepared, ReportWriter};
use crate::report::{self, kept, CsvOptions, Provenance, RunRecord};

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
    /// Wait for another motif process to release the index instead of
    /// failing at once.
    pub wait: bool,
    /// The options as the user gave them, recorded in every output.
    pub options: BTreeMap<String, String>,
}

/// What a run did, for the summary table and tests.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// Documents counted (duplicates excluded).
    pub documents: u64,
    pub duplicates: u64,
    /// Files that could not be read (each was reported as a warning).
    pub skipped: u64,
    /// What the index sync did (added, changed, removed, re-tagged...).
    pub sync: SyncStats,
    /// Councils with at least one attributed sentence.
    pub councils: u64,
    /// Mention credits (= `evidence.csv` rows).
    pub mentions: u64,
    /// Mention credits per theme, every theme listed (lexicon order).
    pub mentions_by_theme: Vec<(String, u64)>,
    /// The files written, `run.json` last.
    pub outputs: Vec<PathBuf>,
    /// Nothing had changed since the last run into the same folder (same
    /// index commit, lexicons, gazetteer and options): the reports there
    /// were left as they were.
    pub up_to_date: bool,
    pub elapsed: Duration,
}

/// Runs the main job: corpus → index (incremental) → analyses → counts →
/// every report.
pub fn run(
    analyser: &Analyser,
    config: &RunConfig,
    progress: &dyn Progress,
) -> crate::Result<RunSummary> {
    let started = Instant::now();
    let options = OpenOptions {
        wait: config.wait,
        ..OpenOptions::default()
    };
    crate::corpus::check_root(&config.corpus)?;
    let mut index = Index::open(&config.index, &options)?;
    let sync = index.sync(&config.corpus, &config.corpus_options, analyser, progress)?;
    let generation = index.generation()?;
    if let Some(previous) = previous_run(config, analyser, generation) {
        let labels = Labels::new(&analyser.gazetteer, &analyser.lexicons);
        return Ok(summary(&previous, sync, &labels, config, true, started));
    }
    // A run killed while staging leaves `.motif-*.tmp` files; clear them
    // before staging anew. Everything is staged while the analyses stream
    // past and renamed into place in one go at the end, so a failed or
    // killed run leaves the previous reports whole.
    report::atomic::remove_stale(&config.out);
    progress.stage("report", 0);
    let labels = Labels::new(&analyser.gazetteer, &analyser.lexicons);
    let key = kept::key(&labels, config.csv);
    let previous = kept::Previous::open(&config.out, &key);
    let mut writer = ReportWriter::new(&config.out, &labels, config.csv)?;
    let mut keeper = kept::Keeper::new(&config.out, &key, previous.as_ref())?;
    if let Some(p) = &previous {
        if let (Ok(evidence), Ok(suppressed)) = (p.evidence.try_clone(), p.suppressed.try_clone()) {
            writer = writer.copying_from(evidence, suppressed);
        }
    }
    let mut counts = Counts::default();
    let mut corpus = CorpusHash::default();
    // Each document's report rows are prepared on every core, or taken as
    // they were from the last run when nothing about the document changed;
    // counting and writing, which must see documents in order, stay on
    // this thread.
    index.try_for_each_mapped_or(
        analyser,
        |key| {
            let kept = previous.as_ref()?.reuse(key.path, key.record)?;
            Some(Report {
                path: key.path.to_string(),
                doc_id: key.doc_id.to_string(),
                record: key.record,
                part: Some(kept.part()),
                prepared: kept.prepared,
                counts: kept.counts,
            })
        },
        |analysis, key| {
            let prepared = Prepared::new(&analysis, &labels, config.csv);
            let mut one = Counts::default();
            one.add(&analysis);
            Report {
                part: kept::encode(&prepared, &one).map(kept::Part::Fresh),
                path: analysis.document.path,
                doc_id: analysis.document.id,
                record: key.record,
                prepared,
                counts: one,
            }
        },
        |report| {
            counts.merge(report.counts);
            corpus.add(&report.path, &report.doc_id);
            let written = writer.write(report.prepared)?;
            if let Some(part) = &report.part {
                keeper.keep(&report.path, report.record, part, &written)?;
            }
            Ok::<(), crate::Error>(())
        },
    )?;
    let duplicates = index.duplicates()?;
    let provenance = Provenance::with_corpus_hash(
        analyser.lexicons.hash(),
        analyser.gazetteer.hash(),
        corpus.finish(),
        config.options.clone(),
    );
    let mut batch = report::atomic::Batch::new();
    // The kept rows' last copy from the last run starts before the reports
    // are finished, on the copier's thread, so it runs beside them.
    keeper.flush_copies()?;
    writer.finish(&mut batch, &duplicates, &counts, &provenance)?;
    keeper.finish(&mut batch, &config.out)?;
    // The last run's reports are replaced at commit: let go of them first.
    drop(previous);

    let mentions_by_theme = counts
        .mentions_by_theme()
        .into_iter()
        .map(|(id, n)| (labels.theme(id).id, n))
        .collect();
    let names = [
        report::THEME_COUNTS,
        report::THEME_TABLE,
        report::EVIDENCE,
        report::SUPPRESSED,
        report::DOCUMENTS,
        report::JUDGEMENTS,
        report::WORKBOOK,
        report::HTML,
        report::RUN_JSON,
    ];
    let elapsed = started.elapsed();
    let record = RunRecord {
        provenance,
        documents: counts.documents(),
        duplicates: duplicates.len() as u64,
        skipped: sync.skipped as u64,
        councils: counts.councils().len() as u64,
        mentions: counts.mentions(),
        mentions_by_theme,
        elapsed_seconds: elapsed.as_secs_f64(),
        outputs: names.iter().map(ToString::to_string).collect(),
        index_generation: Some(generation),
    };
    let run_json = config.out.join(report::RUN_JSON);
    report::provenance::stage_run_json(&mut batch, &run_json, &record)?;
    batch.commit()?;
    progress.finish();
    Ok(summary(&record, sync, &labels, config, false, started))
}

/// One document's report, as the walk over the index gives it.
struct Report {
    path: String,
    doc_id: String,
    record: u64,
    /// Its part for the next run (`None` when it could not be encoded;
    /// the document is then reported afresh next time).
    part: Option<kept::Part>,
    prepared: Prepared,
    counts: Counts,
}

/// The record of the last run into `config.out`, if its reports show
/// exactly what a new run would write: made by this motif from the same
/// index commit with the same lexicons, gazetteer and options, and all
/// still there. `run.json` is renamed into place last, so a run killed
/// half-way never leaves a record that passes this test.
fn previous_run(config: &RunConfig, analyser: &Analyser, generation: u64) -> Option<RunRecord> {
    let text = std::fs::read_to_string(config.out.join(report::RUN_JSON)).ok()?;
    let record: RunRecord = serde_json::from_str(&text).ok()?;
    let same = record.index_generation == Some(generation)
        && record.provenance.motif_version == env!("CARGO_PKG_VERSION")
        && record.provenance.lexicon_hash == analyser.lexicons.hash()
        && record.provenance.gazetteer_hash == analyser.gazetteer.hash()
        && record.provenance.options == config.options
        && record
            .outputs
            .iter()
            .all(|name| config.out.join(name).is_file());
    same.then_some(record)
}

/// The summary of a run from its record: `up_to_date` when nothing had
/// changed and the record is the previous run's.
fn summary(
    record: &RunRecord,
    sync: SyncStats,
    labels: &Labels,
    config: &RunConfig,
    up_to_date: bool,
    started: Instant,
) -> RunSummary {
    // Every theme in force is listed, in lexicon order, zeros included.
    let mentions_by_theme = labels
        .theme_ids()
        .map(|id| {
            let theme = labels.theme(id).id;
            let n = record.mentions_by_theme.get(&theme).copied().unwrap_or(0);
            (theme, n)
        })
        .collect();
    RunSummary {
        documents: record.documents,
        duplicates: record.duplicates,
        skipped: record.skipped,
        sync,
        councils: record.councils,
        mentions: record.mentions,
        mentions_by_theme,
        outputs: record.outputs.iter().map(|n| config.out.join(n)).collect(),
        up_to_date,
        elapsed: started.elapsed(),
    }
}
