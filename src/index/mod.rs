//! Stage 5: a persistent, incremental Tantivy index of analysed documents.
//!
//! Takes [`crate::pipeline::Analysis`]es and keeps them, with their stored
//! text and mentions, so that search, counts and re-tagging after a lexicon
//! edit never need the corpus again.

use std::path::PathBuf;

/// Failures opening, writing or querying the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index {path}: {source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
}
