//! `documents.csv`: takes one row per document read (duplicates included)
//! and gives the typed table that the CSV and XLSX writers take.

use std::collections::BTreeMap;

use super::table::{Cell, Table};
use crate::corpus::Document;
use crate::counts::Labels;
use crate::pipeline::Analysis;

/// The columns of `documents.csv`, in order.
pub const COLUMNS: [&str; 13] = [
    "doc_id",
    "path",
    "title",
    "byline",
    "published",
    "year",
    "words",
    "sentences",
    "encoding",
    "duplicate_of",
    "councils",
    "inspected_from",
    "inspected_to",
];

/// One line of `documents.csv`. Empty strings stand for "unknown".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentRow {
    pub doc_id: String,
    pub path: String,
    pub title: String,
    pub byline: String,
    pub published: String,
    pub year: String,
    pub words: u64,
    pub sentences: u64,
    pub encoding: String,
    pub duplicate_of: String,
    /// Canonical council names, `;`-joined.
    pub councils: String,
    pub inspected_from: String,
    pub inspected_to: String,
}

impl DocumentRow {
    /// The row for one document: its own facts, plus words, sentences and
    /// councils from its analysis when it has one (duplicates are not
    /// analysed: see [`fill_duplicates`]).
    pub fn new(document: &Document, analysis: Option<&Analysis>, labels: &Labels) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut row = DocumentRow {
            doc_id: document.id.clone(),
            path: document.path.clone(),
            title: document.title.clone(),
            byline: document.byline.clone().unwrap_or_default(),
            published: date(document.published),
            year: document.year().map(|y| y.to_string()).unwrap_or_default(),
            encoding: document.encoding.clone(),
            duplicate_of: document.duplicate_of.clone().unwrap_or_default(),
            inspected_from: date(document.inspected_from),
            inspected_to: date(document.inspected_to),
            ..DocumentRow::default()
        };
        if let Some(analysis) = analysis {
            row.sentences = analysis.sentences.len() as u64;
            row.words = analysis.sentences.iter().map(|s| u64::from(s.words)).sum();
            row.councils = analysis
                .councils()
                .into_iter()
                .map(|id| labels.council(id).name)
                .collect::<Vec<_>>()
                .join(";");
        }
        row
    }

    fn cells(&self) -> Vec<Cell> {
        let text = |s: &str| Cell::Text(s.to_string());
        let year = self.year.parse::<i32>().ok();
        vec![
            text(&self.doc_id),
            text(&self.path),
            text(&self.title),
            text(&self.byline),
            text(&self.published),
            Cell::year(year),
            Cell::count(self.words),
            Cell::count(self.sentences),
            text(&self.encoding),
            text(&self.duplicate_of),
            text(&self.councils),
            text(&self.inspected_from),
            text(&self.inspected_to),
        ]
    }
}

/// A duplicate is not analysed (it is not counted), but its row shows the
/// size and councils of the copy it repeats.
pub fn fill_duplicates(rows: &mut [DocumentRow]) {
    let firsts: BTreeMap<String, (u64, u64, String)> = rows
        .iter()
        .filter(|r| r.duplicate_of.is_empty())
        .map(|r| (r.doc_id.clone(), (r.words, r.sentences, r.councils.clone())))
        .collect();
    for row in rows.iter_mut().filter(|r| !r.duplicate_of.is_empty()) {
        if let Some((words, sentences, councils)) = firsts.get(&row.duplicate_of) {
            row.words = *words;
            row.sentences = *sentences;
            row.councils.clone_from(councils);
        }
    }
}

/// Every document's row, in path order: the analysed ones (an analysis
/// marked as a duplicate is listed, not used), then `duplicates`, documents
/// kept only as copies; each copy shows the size and councils of the first.
pub fn rows(analyses: &[Analysis], duplicates: &[Document], labels: &Labels) -> Vec<DocumentRow> {
    let mut rows: Vec<DocumentRow> = analyses
        .iter()
        .map(|a| {
            let counted = a.document.duplicate_of.is_none().then_some(a);
            DocumentRow::new(&a.document, counted, labels)
        })
        .chain(duplicates.iter().map(|d| DocumentRow::new(d, None, labels)))
        .collect();
    rows.sort_by(|a, b| (&a.path, &a.doc_id).cmp(&(&b.path, &b.doc_id)));
    fill_duplicates(&mut rows);
    rows
}

/// The rows as a typed table (sheet `documents`), for CSV and XLSX alike.
pub fn table(rows: &[DocumentRow]) -> Table {
    let mut table = Table::new("documents", &COLUMNS);
    table.rows = rows.iter().map(DocumentRow::cells).collect();
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::csv::{write_table, CsvOptions};

    #[test]
    fn header_then_rows_with_quoting() {
        let row = DocumentRow {
            doc_id: "abc".into(),
            path: "a.txt".into(),
            title: "Ofsted praises progress at 'inadequate' council, again".into(),
            words: 12,
            sentences: 2,
            encoding: "UTF-8".into(),
            ..DocumentRow::default()
        };
        let mut out = Vec::new();
        write_table(&mut out, &table(&[row]), b',', CsvOptions::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(COLUMNS.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some("abc,a.txt,\"Ofsted praises progress at 'inadequate' council, again\",,,,12,2,UTF-8,,,,")
        );
    }

    #[test]
    fn duplicates_take_the_first_copys_size_and_councils() {
        let first = DocumentRow {
            doc_id: "abc".into(),
            words: 40,
            sentences: 3,
            councils: "Tameside".into(),
            ..DocumentRow::default()
        };
        let copy = DocumentRow {
            doc_id: "abc".into(),
            duplicate_of: "abc".into(),
            ..DocumentRow::default()
        };
        let mut rows = vec![first, copy];
        fill_duplicates(&mut rows);
        assert_eq!((rows[1].words, rows[1].sentences), (40, 3));
        assert_eq!(rows[1].councils, "Tameside");
    }
}
