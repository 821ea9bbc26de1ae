//! Stage 6: mentions aggregated per council × year × theme.
//!
//! Takes [`Analysis`]es and gives [`CountRow`]s. A [`Counts`] can be built
//! per rayon task and combined with [`Counts::merge`]; ordered maps keep the
//! output identical whatever the thread count.

use crate::pipeline::Analysis;

/// One line of `theme_counts.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    /// Canonical council name; `None` for national statements.
    pub council: Option<String>,
    pub gss_code: Option<String>,
    /// Publication year; `None` when unknown.
    pub year: Option<i32>,
    pub theme: String,
    pub mentions: u64,
    pub sentences: u64,
    pub documents: u64,
    pub concerns: u64,
    pub strengths: u64,
    /// Words in the sentences attributed to this council in this year.
    pub words: u64,
    /// Mentions per 10,000 such words.
    pub per_10k_words: f64,
}

/// Partial aggregates, mergeable.
#[derive(Debug, Clone, Default)]
pub struct Counts {}

impl Counts {
    pub fn add(&mut self, analysis: &Analysis) {
        let _ = analysis;
    }

    pub fn merge(&mut self, other: Counts) {
        let _ = other;
    }
}
