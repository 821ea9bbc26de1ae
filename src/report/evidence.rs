//! The sentences behind every count: `evidence.csv`, `suppressed.csv` and
//! the workbook's documents sheet.
//!
//! Takes [`Analysis`]es and [`Labels`] and gives one [`EvidenceRow`] per
//! mention per council its sentence is attributed to (the no-council row for
//! none), exactly as [`crate::counts::Counts`] credits them, so the evidence
//! rows of a cell always add up to its `mentions`. Duplicates are left out,
//! as in the counts.

use chrono::NaiveDate;

use super::table::{Cell, Table};
use crate::counts::{sentence_councils, CouncilLabel, Labels};
use crate::pipeline::Analysis;
use crate::themes::Polarity;

/// The header of `evidence.csv`.
pub const EVIDENCE_HEADER: [&str; 14] = [
    "doc_id",
    "path",
    "published",
    "year",
    "council",
    "gss_code",
    "theme",
    "term",
    "polarity",
    "cue",
    "sentence_no",
    "start",
    "end",
    "sentence",
];

/// The header of `suppressed.csv`.
pub const SUPPRESSED_HEADER: [&str; 13] = [
    "doc_id",
    "path",
    "published",
    "year",
    "council",
    "gss_code",
    "theme",
    "term",
    "sentence_no",
    "start",
    "end",
    "sentence",
    "reason",
];

/// Where a match sits: document, council, sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Place {
    pub doc_id: String,
    pub path: String,
    pub title: String,
    pub published: Option<NaiveDate>,
    pub year: Option<i32>,
    /// `None` for a sentence about no council.
    pub council: Option<CouncilLabel>,
    pub theme: String,
    pub term: String,
    /// 1-based sentence number.
    pub sentence_no: usize,
    /// Byte range of the match in the document body.
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    /// Byte offset of the sentence in the body (to find the match in it).
    pub sentence_start: usize,
}

impl Place {
    /// The sentence split around the match: before, match, after. Falls back
    /// to the whole sentence when the range does not fall inside it.
    pub fn split_sentence(&self) -> (&str, &str, &str) {
        let from = self.start.wrapping_sub(self.sentence_start);
        let to = self.end.wrapping_sub(self.sentence_start);
        match (
            self.sentence.get(..from),
            self.sentence.get(from..to),
            self.sentence.get(to..),
        ) {
            (Some(a), Some(b), Some(c)) if from <= to => (a, b, c),
            _ => (self.sentence.as_str(), "", ""),
        }
    }

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Text(self.doc_id.clone()),
            Cell::Text(self.path.clone()),
            Cell::text_or_empty(self.published.map(|d| d.to_string()).as_deref()),
            Cell::year(self.year),
            Cell::text_or_empty(self.council.as_ref().map(|c| c.name.as_str())),
            Cell::text_or_empty(self.council.as_ref().map(|c| c.gss_code.as_str())),
            Cell::Text(self.theme.clone()),
            Cell::Text(self.term.clone()),
        ]
    }
}

/// One counted mention credited to one council.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EvidenceRow {
    pub place: Place,
    pub polarity: Polarity,
    pub cue: Option<String>,
}

/// One match that was not counted, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SuppressedRow {
    pub place: Place,
    pub reason: String,
}

/// The places of a match in `sentence`, one per council it credits.
fn places(
    analysis: &Analysis,
    labels: &Labels,
    sentence: usize,
    theme: crate::themes::ThemeId,
    term: &str,
    (start, end): (usize, usize),
) -> Vec<Place> {
    let document = &analysis.document;
    let found = analysis.sentences.get(sentence);
    let text = found
        .and_then(|s| document.body.get(s.start..s.end))
        .unwrap_or("");
    sentence_councils(analysis, sentence)
        .into_iter()
        .map(|council| Place {
            doc_id: document.id.clone(),
            path: document.path.clone(),
            title: document.title.clone(),
            published: document.published,
            year: document.year(),
            council: council.map(|id| labels.council(id)),
            theme: labels.theme(theme).id,
            term: term.to_string(),
            sentence_no: found.map_or(sentence + 1, |s| s.no),
            start,
            end,
            sentence: text.to_string(),
            sentence_start: found.map_or(0, |s| s.start),
        })
        .collect()
}

/// Every counted mention, one row per attributed council, in path order.
pub fn evidence(analyses: &[Analysis], labels: &Labels) -> Vec<EvidenceRow> {
    sorted(analyses)
        .into_iter()
        .flat_map(|analysis| evidence_of(analysis, labels))
        .collect()
}

/// The evidence rows of one document, in mention order.
pub fn evidence_of(analysis: &Analysis, labels: &Labels) -> Vec<EvidenceRow> {
    let mut rows = Vec::new();
    for m in &analysis.tagged.mentions {
        let span = (m.start, m.end);
        for place in places(analysis, labels, m.sentence, m.theme, &m.term, span) {
            rows.push(EvidenceRow {
                place,
                polarity: m.polarity,
                cue: m.cue.clone(),
            });
        }
    }
    rows
}

/// Every suppressed match, one row per attributed council, in path order.
pub fn suppressed(analyses: &[Analysis], labels: &Labels) -> Vec<SuppressedRow> {
    sorted(analyses)
        .into_iter()
        .flat_map(|analysis| suppressed_of(analysis, labels))
        .collect()
}

/// The suppressed rows of one document, in match order.
pub fn suppressed_of(analysis: &Analysis, labels: &Labels) -> Vec<SuppressedRow> {
    let mut rows = Vec::new();
    for s in &analysis.tagged.suppressed {
        let span = (s.start, s.end);
        for place in places(analysis, labels, s.sentence, s.theme, &s.term, span) {
            rows.push(SuppressedRow {
                place,
                reason: s.reason.clone(),
            });
        }
    }
    rows
}

/// Non-duplicate analyses in (path, id) order, whatever order they came in.
fn sorted(analyses: &[Analysis]) -> Vec<&Analysis> {
    let mut out: Vec<&Analysis> = analyses
        .iter()
        .filter(|a| a.document.duplicate_of.is_none())
        .collect();
    out.sort_by(|a, b| (&a.document.path, &a.document.id).cmp(&(&b.document.path, &b.document.id)));
    out
}

/// `evidence.csv` as a table.
pub fn evidence_table(rows: &[EvidenceRow]) -> Table {
    let mut table = Table::new("evidence", &EVIDENCE_HEADER);
    table.rows = rows.iter().map(EvidenceRow::cells).collect();
    table
}

/// `suppressed.csv` as a table.
pub fn suppressed_table(rows: &[SuppressedRow]) -> Table {
    let mut table = Table::new("suppressed", &SUPPRESSED_HEADER);
    table.rows = rows.iter().map(SuppressedRow::cells).collect();
    table
}

impl EvidenceRow {
    /// The row's cells, in [`EVIDENCE_HEADER`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let p = &self.place;
        let mut cells = p.cells();
        cells.push(Cell::Text(self.polarity.as_str().to_string()));
        cells.push(Cell::text_or_empty(self.cue.as_deref()));
        cells.extend(tail(p));
        cells
    }
}

impl SuppressedRow {
    /// The row's cells, in [`SUPPRESSED_HEADER`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let mut cells = self.place.cells();
        cells.extend(tail(&self.place));
        cells.push(Cell::Text(self.reason.clone()));
        cells
    }
}

fn tail(p: &Place) -> [Cell; 4] {
    [
        Cell::count(p.sentence_no as u64),
        Cell::count(p.start as u64),
        Cell::count(p.end as u64),
        Cell::Text(p.sentence.clone()),
    ]
}
