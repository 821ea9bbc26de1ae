//! Mentions grouped by any of council, year, theme, polarity and document,
//! for `motif counts --group-by`.
//!
//! Takes [`Analysis`]es, [`Labels`] and the chosen [`GroupKey`]s and gives a
//! [`Grouping`]: one row per distinct key, with mentions, distinct
//! sentences, distinct documents, concerns and strengths. Mentions are
//! credited exactly as in [`super::Counts`] (one per attributed council,
//! duplicates skipped), so every grouping sums to the `evidence.csv` rows.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use super::{sentence_councils, Labels};
use crate::pipeline::Analysis;
use crate::themes::Polarity;

/// One dimension to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKey {
    Council,
    Year,
    Theme,
    Polarity,
    Document,
}

impl GroupKey {
    /// The output columns this key contributes.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            GroupKey::Council => &["council", "gss_code"],
            GroupKey::Year => &["year"],
            GroupKey::Theme => &["theme"],
            GroupKey::Polarity => &["polarity"],
            GroupKey::Document => &["doc_id", "path"],
        }
    }
}

impl FromStr for GroupKey {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "council" => Ok(GroupKey::Council),
            "year" => Ok(GroupKey::Year),
            "theme" => Ok(GroupKey::Theme),
            "polarity" => Ok(GroupKey::Polarity),
            "document" => Ok(GroupKey::Document),
            other => Err(format!(
                "unknown grouping {other:?} (expected council, year, theme, polarity or document)"
            )),
        }
    }
}

/// One cell of a group key. `Missing` (no council, unknown year) sorts last.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyValue {
    Int(i64),
    Text(String),
    Missing,
}

/// The measures of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupRow {
    /// One value per column of [`Grouping::key_columns`].
    pub key: Vec<KeyValue>,
    pub mentions: u64,
    pub sentences: u64,
    pub documents: u64,
    pub concerns: u64,
    pub strengths: u64,
}

/// Rows grouped by the chosen keys, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    pub key_columns: Vec<&'static str>,
    pub rows: Vec<GroupRow>,
}

impl Grouping {
    /// The measure columns after the key columns.
    pub const MEASURES: [&'static str; 5] = [
        "mentions",
        "sentences",
        "documents",
        "concerns",
        "strengths",
    ];
}

/// Groups every counted mention of `analyses` by `keys` (in that order;
/// repeats ignored).
pub fn group(analyses: &[Analysis], labels: &Labels, keys: &[GroupKey]) -> Grouping {
    let mut unique: Vec<GroupKey> = Vec::new();
    for &key in keys {
        if !unique.contains(&key) {
            unique.push(key);
        }
    }
    type Acc = (GroupRow, BTreeSet<(usize, usize)>, BTreeSet<usize>);
    let mut groups: BTreeMap<Vec<KeyValue>, Acc> = BTreeMap::new();
    for (doc_index, analysis) in analyses.iter().enumerate() {
        if analysis.document.duplicate_of.is_some() {
            continue;
        }
        for mention in &analysis.tagged.mentions {
            for council in sentence_councils(analysis, mention.sentence) {
                let mut key = Vec::new();
                for k in &unique {
                    match k {
                        GroupKey::Council => match council {
                            Some(id) => {
                                let label = labels.council(id);
                                key.push(KeyValue::Text(label.name));
                                key.push(KeyValue::Text(label.gss_code));
                            }
                            None => key.extend([KeyValue::Missing, KeyValue::Missing]),
                        },
                        GroupKey::Year => key.push(
                            analysis
                                .document
                                .year()
                                .map_or(KeyValue::Missing, |y| KeyValue::Int(i64::from(y))),
                        ),
                        GroupKey::Theme => {
                            key.push(KeyValue::Text(labels.theme(mention.theme).id));
                        }
                        GroupKey::Polarity => {
                            key.push(KeyValue::Text(mention.polarity.as_str().to_string()));
                        }
                        GroupKey::Document => {
                            key.push(KeyValue::Text(analysis.document.id.clone()));
                            key.push(KeyValue::Text(analysis.document.path.clone()));
                        }
                    }
                }
                let (row, sentences, documents) = groups.entry(key).or_default();
                row.mentions += 1;
                match mention.polarity {
                    Polarity::Concern => row.concerns += 1,
                    Polarity::Strength => row.strengths += 1,
                    Polarity::Neutral => {}
                }
                sentences.insert((doc_index, mention.sentence));
                documents.insert(doc_index);
            }
        }
    }
    Grouping {
        key_columns: unique.iter().flat_map(|k| k.columns()).copied().collect(),
        rows: groups
            .into_iter()
            .map(|(key, (mut row, sentences, documents))| {
                row.key = key;
                row.sentences = sentences.len() as u64;
                row.documents = documents.len() as u64;
                row
            })
            .collect(),
    }
}
