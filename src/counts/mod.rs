//! Stage 6: mentions aggregated per council × year × theme.
//!
//! Takes [`Analysis`]es and gives [`CountRow`]s. A [`Counts`] can be built
//! per rayon task and combined with [`Counts::merge`]; ordered maps keep the
//! output identical whatever the thread count. Counts are keyed by ids
//! ([`CouncilId`], [`ThemeId`]); names come in only when rows are made, from
//! [`Labels`], so partial counts stay small and cheap to merge.
//!
//! The rules (see `DOMAIN.md`): a mention credits every council its
//! sentence is attributed to (a sentence about no council credits the
//! no-council row); its year is the document's publication year (unknown
//! stays unknown); duplicates are not counted at all. `words` is the
//! denominator: the words of the sentences attributed to that council in
//! that year.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::councils::{CouncilId, Gazetteer};
use crate::pipeline::Analysis;
use crate::themes::{LexiconSet, Polarity, ThemeId};

pub mod group;
mod labels;
pub mod testing;
#[cfg(test)]
mod tests;

pub use labels::{CouncilLabel, Labels, ThemeLabel};

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
    /// Mentions per 10,000 such words (0 when there are no words).
    pub per_10k_words: f64,
}

/// The aggregates of one council × year × theme cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Cell {
    mentions: u64,
    sentences: u64,
    documents: u64,
    concerns: u64,
    strengths: u64,
}

impl Cell {
    fn absorb(&mut self, other: Cell) {
        self.mentions += other.mentions;
        self.sentences += other.sentences;
        self.documents += other.documents;
        self.concerns += other.concerns;
        self.strengths += other.strengths;
    }
}

/// A council (or none) and a year (or unknown).
type Slot = (Option<CouncilId>, Option<i32>);

/// Partial aggregates, mergeable. Each document must be added once: distinct
/// sentences and documents are counted within [`Counts::add`], so adding the
/// same analysis twice counts it twice (as for any two documents).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    cells: BTreeMap<(Slot, ThemeId), Cell>,
    words: BTreeMap<Slot, u64>,
    documents: u64,
    duplicates: u64,
    mentions: u64,
}

impl Counts {
    /// Counts a set of analyses in parallel (rayon fold and reduce).
    pub fn from_analyses(analyses: &[Analysis]) -> Counts {
        analyses
            .par_iter()
            .fold(Counts::default, |mut counts, analysis| {
                counts.add(analysis);
                counts
            })
            .reduce(Counts::default, |mut a, b| {
                a.merge(b);
                a
            })
    }

    /// Adds one document's mentions and words. Duplicates are only tallied.
    pub fn add(&mut self, analysis: &Analysis) {
        if analysis.document.duplicate_of.is_some() {
            self.duplicates += 1;
            return;
        }
        self.documents += 1;
        let year = analysis.document.year();
        for (index, sentence) in analysis.sentences.iter().enumerate() {
            for council in sentence_councils(analysis, index) {
                *self.words.entry((council, year)).or_default() += u64::from(sentence.words);
            }
        }
        // Distinct sentences per cell within this document; documents are
        // distinct by construction (one add per document).
        let mut local: BTreeMap<(Slot, ThemeId), (Cell, BTreeSet<usize>)> = BTreeMap::new();
        for mention in &analysis.tagged.mentions {
            for council in sentence_councils(analysis, mention.sentence) {
                let (cell, sentences) = local.entry(((council, year), mention.theme)).or_default();
                cell.mentions += 1;
                match mention.polarity {
                    Polarity::Concern => cell.concerns += 1,
                    Polarity::Strength => cell.strengths += 1,
                    Polarity::Neutral => {}
                }
                sentences.insert(mention.sentence);
                self.mentions += 1;
            }
        }
        for (key, (mut cell, sentences)) in local {
            cell.sentences = sentences.len() as u64;
            cell.documents = 1;
            self.cells.entry(key).or_default().absorb(cell);
        }
    }

    /// Adds another partial count into this one.
    pub fn merge(&mut self, other: Counts) {
        for (key, cell) in other.cells {
            self.cells.entry(key).or_default().absorb(cell);
        }
        for (slot, words) in other.words {
            *self.words.entry(slot).or_default() += words;
        }
        self.documents += other.documents;
        self.duplicates += other.duplicates;
        self.mentions += other.mentions;
    }

    /// Documents counted (duplicates excluded).
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Documents passed over as duplicates.
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// Mention credits: one per mention per council it is attributed to,
    /// i.e. the number of `evidence.csv` rows.
    pub fn mentions(&self) -> u64 {
        self.mentions
    }

    /// Councils with at least one attributed sentence.
    pub fn councils(&self) -> BTreeSet<CouncilId> {
        self.words
            .keys()
            .filter_map(|(council, _)| *council)
            .collect()
    }

    /// Mention credits per theme id.
    pub fn mentions_by_theme(&self) -> BTreeMap<ThemeId, u64> {
        let mut out = BTreeMap::new();
        for ((_, theme), cell) in &self.cells {
            *out.entry(*theme).or_default() += cell.mentions;
        }
        out
    }

    /// The rows of `theme_counts.csv`: zero-filled (every council × year
    /// with any attributed sentence has a row for every theme, the
    /// no-council and unknown-year rows included) and sorted by council
    /// name (no council last), year (unknown last), theme id.
    pub fn rows(&self, labels: &Labels) -> Vec<CountRow> {
        let mut slots: BTreeSet<Slot> = self.words.keys().copied().collect();
        slots.extend(self.cells.keys().map(|(slot, _)| *slot));
        let mut themes: BTreeSet<ThemeId> = labels.theme_ids().collect();
        themes.extend(self.cells.keys().map(|(_, theme)| *theme));

        let mut rows = Vec::with_capacity(slots.len() * themes.len());
        for &(council, year) in &slots {
            let words = self.words.get(&(council, year)).copied().unwrap_or(0);
            let (name, gss) = match council {
                Some(id) => {
                    let label = labels.council(id);
                    (Some(label.name), Some(label.gss_code))
                }
                None => (None, None),
            };
            for &theme in &themes {
                let cell = self
                    .cells
                    .get(&((council, year), theme))
                    .copied()
                    .unwrap_or_default();
                rows.push(CountRow {
                    council: name.clone(),
                    gss_code: gss.clone(),
                    year,
                    theme: labels.theme(theme).id,
                    mentions: cell.mentions,
                    sentences: cell.sentences,
                    documents: cell.documents,
                    concerns: cell.concerns,
                    strengths: cell.strengths,
                    words,
                    per_10k_words: per_10k(cell.mentions, words),
                });
            }
        }
        rows.sort_by(|a, b| row_order(a).cmp(&row_order(b)));
        rows
    }

    /// Convenience: rows with labels taken from the gazetteer and lexicons.
    pub fn rows_for(&self, gazetteer: &Gazetteer, lexicons: &LexiconSet) -> Vec<CountRow> {
        self.rows(&Labels::new(gazetteer, lexicons))
    }
}

/// The sort key of a row: council name (none last), code, year (unknown
/// last), theme.
fn row_order(row: &CountRow) -> impl Ord + '_ {
    (
        row.council.is_none(),
        row.council.as_deref(),
        row.gss_code.as_deref(),
        row.year.is_none(),
        row.year,
        row.theme.as_str(),
    )
}

/// Mentions per 10,000 words, 0 when there are no words to divide by.
pub fn per_10k(mentions: u64, words: u64) -> f64 {
    if words == 0 {
        0.0
    } else {
        // u64 -> f64 loses precision only beyond 2^53 words.
        mentions as f64 * 10_000.0 / words as f64
    }
}

/// The councils a sentence credits: its attribution's councils without
/// repeats, or `[None]` (the no-council row) when it has none or when the
/// sentence index has no attribution. Counts, evidence and groupings all use
/// this, so their totals agree.
pub fn sentence_councils(analysis: &Analysis, sentence: usize) -> Vec<Option<CouncilId>> {
    let mut out: Vec<Option<CouncilId>> = Vec::new();
    if let Some(attribution) = analysis.attributions.get(sentence) {
        for &id in &attribution.councils {
            if !out.contains(&Some(id)) {
                out.push(Some(id));
            }
        }
    }
    if out.is_empty() {
        out.push(None);
    }
    out
}
