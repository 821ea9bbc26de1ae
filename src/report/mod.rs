//! Stage 7: tables and pages for people and spreadsheets.
//!
//! Takes [`crate::counts::CountRow`]s and analyses and writes CSV, XLSX,
//! HTML and `run.json`. Every file is written to a temporary name and renamed
//! into place, so an interrupted run never leaves a half-written report.

pub mod documents;
pub mod judgements;

use std::path::PathBuf;

/// Failures writing a report; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
}
