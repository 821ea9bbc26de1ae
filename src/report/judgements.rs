//! `judgements.csv`: one row per judgement an Ofsted report states.
//!
//! Takes [`JudgementRow`]s (a [`crate::judgements::Judgement`] plus the
//! document's id, path, date and the council attribution found for it) and
//! writes them with the header
//! `doc_id,path,council,gss_code,published,framework,area,grade`. The file
//! is written to a temporary file in the same folder and renamed into place,
//! so a reader never sees half a table.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::ReportError;
use crate::judgements::Judgement;

/// One line of `judgements.csv`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct JudgementRow {
    pub doc_id: String,
    /// Path relative to the corpus root, as in `documents.csv`.
    pub path: String,
    /// The council the report is about; empty when attribution found none.
    pub council: String,
    /// The council's GSS code; empty when attribution found none.
    pub gss_code: String,
    pub published: Option<NaiveDate>,
    pub judgement: Judgement,
}

const HEADER: [&str; 8] = [
    "doc_id",
    "path",
    "council",
    "gss_code",
    "published",
    "framework",
    "area",
    "grade",
];

/// Writes `rows` to `path` in the order given (callers sort them for
/// deterministic output), replacing any earlier file atomically.
pub fn write_judgements_csv(path: &Path, rows: &[JudgementRow]) -> Result<(), ReportError> {
    let io_err = |source: std::io::Error| ReportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let csv_err = |source: csv::Error| ReportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_err)?;
    let mut writer = csv::Writer::from_writer(tmp);
    writer.write_record(HEADER).map_err(csv_err)?;
    for row in rows {
        let published = row
            .published
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        writer
            .write_record([
                row.doc_id.as_str(),
                row.path.as_str(),
                row.council.as_str(),
                row.gss_code.as_str(),
                published.as_str(),
                row.judgement.framework.as_str(),
                row.judgement.area.as_str(),
                row.judgement.grade.as_str(),
            ])
            .map_err(csv_err)?;
    }
    let mut tmp = writer
        .into_inner()
        .map_err(|e| io_err(std::io::Error::other(e.to_string())))?;
    tmp.flush().map_err(io_err)?;
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judgements::{Framework, Grade};

    #[test]
    fn writes_header_and_normalised_labels() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("judgements.csv");
        let row = JudgementRow {
            doc_id: "abc".into(),
            path: "ofsted_80487_2017-07-07.txt".into(),
            council: "Barnet".into(),
            gss_code: "E09000003".into(),
            published: NaiveDate::from_ymd_opt(2017, 7, 7),
            judgement: Judgement {
                framework: Framework::Sif,
                area: "adoption_performance".into(),
                grade: Grade::RequiresImprovement,
            },
        };
        write_judgements_csv(&path, &[row])?;
        let text = std::fs::read_to_string(&path)?;
        assert_eq!(
            text,
            "doc_id,path,council,gss_code,published,framework,area,grade\n\
             abc,ofsted_80487_2017-07-07.txt,Barnet,E09000003,2017-07-07,sif,adoption_performance,requires improvement\n"
        );
        // Only the table is left in the folder: the temporary file was renamed.
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[test]
    fn missing_folder_is_an_error_naming_the_file() {
        let path = Path::new("/nonexistent-motif-dir/judgements.csv");
        let err = write_judgements_csv(path, &[]).err().map(|e| e.to_string());
        assert!(err.is_some_and(|m| m.contains("/nonexistent-motif-dir/judgements.csv")));
    }
}
