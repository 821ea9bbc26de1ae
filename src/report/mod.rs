//! Stage 7: tables and pages for people and spreadsheets.
//!
//! Takes [`crate::counts::CountRow`]s and analyses and writes CSV, XLSX,
//! HTML and `run.json`. Every file is written to a temporary name and renamed
//! into place, so an interrupted run never leaves a half-written report.
//!
//! Every tabular output is first built as a [`table::Table`] of typed cells
//! ([`table`], [`evidence`]) and then written by [`csv`] (formula-safe
//! RFC 4180) or [`xlsx`]; [`html`] draws the page and [`provenance`] records
//! how it was all made. [`write_reports`] writes the whole set.

use std::path::{Path, PathBuf};

use crate::counts::{CountRow, Counts, Labels};
use crate::pipeline::Analysis;

pub mod atomic;
mod copier;
pub mod csv;
pub mod documents;
pub mod evidence;
pub mod grades;
pub mod html;
pub mod judgements;
pub mod kept;
pub mod provenance;
pub mod stream;
pub mod table;
pub mod xlsx;

pub use self::csv::CsvOptions;
pub use provenance::{Provenance, RunRecord};

/// Failures writing a report; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write {path}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Csv { path: PathBuf, source: ::csv::Error },
    #[error("cannot write {path}")]
    Xlsx {
        path: PathBuf,
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("cannot write {path}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
}

/// The report files, in the order they are written.
pub const THEME_COUNTS: &str = "theme_counts.csv";
pub const THEME_TABLE: &str = "theme_table.csv";
pub const EVIDENCE: &str = "evidence.csv";
pub const SUPPRESSED: &str = "suppressed.csv";
pub const WORKBOOK: &str = "motif.xlsx";
pub const HTML: &str = "report.html";
pub const RUN_JSON: &str = "run.json";
pub const DOCUMENTS: &str = "documents.csv";
pub const JUDGEMENTS: &str = "judgements.csv";

/// Everything the reports are made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// Every document analysed, duplicates included (they are listed in the
    /// documents sheet and skipped everywhere else).
    pub analyses: &'a [Analysis],
    /// Documents kept only as copies of another (listed, never counted).
    pub duplicates: &'a [crate::corpus::Document],
    pub counts: &'a Counts,
    pub labels: &'a Labels,
    pub provenance: &'a Provenance,
}

/// Writes `theme_counts.csv`, `theme_table.csv`, `evidence.csv`,
/// `suppressed.csv`, `documents.csv`, `judgements.csv`, `motif.xlsx` and
/// `report.html` into `out` (created if
/// missing): all are written first and then renamed into place together, so
/// a failure leaves the previous reports as they were. Returns their paths
/// and the count rows.
pub fn write_reports(
    out: &Path,
    input: &ReportInput<'_>,
    options: CsvOptions,
) -> Result<(Vec<PathBuf>, Vec<CountRow>), ReportError> {
    let mut batch = atomic::Batch::new();
    let rows = stage_reports(&mut batch, out, input, options)?;
    Ok((batch.commit()?, rows))
}

/// Stages every report of [`write_reports`] in `batch` (nothing is in place
/// until the batch is committed), so a caller can add `run.json` to the same
/// commit. Returns the count rows.
pub fn stage_reports(
    batch: &mut atomic::Batch,
    out: &Path,
    input: &ReportInput<'_>,
    options: CsvOptions,
) -> Result<Vec<CountRow>, ReportError> {
    let mut analyses: Vec<&Analysis> = input.analyses.iter().collect();
    analyses.sort_by(|a, b| {
        (&a.document.path, &a.document.id).cmp(&(&b.document.path, &b.document.id))
    });
    let mut writer = stream::ReportWriter::new(out, input.labels, options)?;
    for analysis in analyses {
        writer.add(analysis)?;
    }
    let rows = writer.finish(batch, input.duplicates, input.counts, input.provenance)?;
    Ok(rows)
}
