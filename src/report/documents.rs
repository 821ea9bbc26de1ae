//! `documents.csv`: takes one row per document read (duplicates included)
//! and writes the table, atomically (a temporary file in the same folder,
//! renamed into place) or to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ReportError;

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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    fn record(&self) -> [String; 13] {
        [
            self.doc_id.clone(),
            self.path.clone(),
            self.title.clone(),
            self.byline.clone(),
            self.published.clone(),
            self.year.clone(),
            self.words.to_string(),
            self.sentences.to_string(),
            self.encoding.clone(),
            self.duplicate_of.clone(),
            self.councils.clone(),
            self.inspected_from.clone(),
            self.inspected_to.clone(),
        ]
    }
}

/// Writes the rows as CSV to `writer`.
pub fn write_rows<W: Write>(writer: W, rows: &[DocumentRow]) -> Result<(), csv::Error> {
    let mut csv = csv::Writer::from_writer(writer);
    csv.write_record(COLUMNS)?;
    for row in rows {
        csv.write_record(row.record())?;
    }
    csv.flush()?;
    Ok(())
}

/// Writes `documents.csv` into `dir` (created if missing) atomically and
/// returns its path.
pub fn write_documents(dir: &Path, rows: &[DocumentRow]) -> Result<PathBuf, ReportError> {
    let path = dir.join("documents.csv");
    let io = |source: std::io::Error| ReportError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    write_rows(std::io::BufWriter::new(tmp.as_file_mut()), rows).map_err(|source| {
        ReportError::Csv {
            path: path.clone(),
            source,
        }
    })?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(&path).map_err(|err| io(err.error))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        write_rows(&mut out, &[row]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(COLUMNS.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some("abc,a.txt,\"Ofsted praises progress at 'inadequate' council, again\",,,,12,2,UTF-8,,,,")
        );
    }

    #[test]
    fn the_file_is_written_into_a_new_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports");
        let path = write_documents(&out, &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(path).unwrap().trim(),
            COLUMNS.join(",")
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    }
}
