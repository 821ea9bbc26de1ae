//! The library's error type: one variant per stage, each stage owning the
//! details of its own failures so that a message names the file (and line)
//! a user has to fix.

/// Everything that can stop a library call. Per-file problems that should
/// not stop a whole run (a binary file, a bad manifest row) are *not* errors:
/// they are collected and reported as [`crate::corpus::Skipped`] and warnings.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
    #[error(transparent)]
    Gazetteer(#[from] crate::councils::GazetteerError),
    #[error(transparent)]
    Lexicon(#[from] crate::themes::LexiconError),
    #[error(transparent)]
    Index(#[from] crate::index::IndexError),
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
