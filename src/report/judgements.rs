//! `judgements.csv`: one row per judgement an Ofsted report states.
//!
//! Takes [`JudgementRow`]s (a [`crate::judgements::Judgement`] plus the
//! document's id, path, date and the council attribution found for it) and
//! writes them with the header
//! `doc_id,path,council,gss_code,published,framework,area,grade`. The file
//! is written to a temporary file in the same folder and renamed into place,
//! so a reader never sees half a table.

use chrono::NaiveDate;

use super::table::{Cell, Table};
use crate::counts::Labels;
use crate::judgements::Judgement;
use crate::pipeline::Analysis;

/// One line of `judgements.csv`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
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

/// The rows as a typed table (sheet `judgements`), for CSV and XLSX alike.
pub fn table(rows: &[JudgementRow]) -> Table {
    let mut table = Table::new("judgements", &HEADER);
    let text = |s: &str| Cell::Text(s.to_string());
    table.rows = rows
        .iter()
        .map(|row| {
            let published = row.published.map(|d| d.to_string()).unwrap_or_default();
            vec![
                text(&row.doc_id),
                text(&row.path),
                text(&row.council),
                text(&row.gss_code),
                text(&published),
                text(row.judgement.framework.as_str()),
                text(&row.judgement.area),
                text(row.judgement.grade.as_str()),
            ]
        })
        .collect();
    table
}

/// The judgements each analysed report states, credited to the council the
/// report is about (the first council its sentences are attributed to).
pub fn rows(analyses: &[Analysis], labels: &Labels) -> Vec<JudgementRow> {
    analyses
        .iter()
        .filter(|a| a.document.duplicate_of.is_none())
        .flat_map(|a| rows_of(a, labels))
        .collect()
}

/// The judgements one report states (none for anything but a report).
pub fn rows_of(analysis: &Analysis, labels: &Labels) -> Vec<JudgementRow> {
    let judgements = crate::judgements::extract(&analysis.document.body);
    if judgements.is_empty() {
        return Vec::new();
    }
    let council = analysis.councils().first().map(|&id| labels.council(id));
    judgements
        .into_iter()
        .map(|judgement| JudgementRow {
            doc_id: analysis.document.id.clone(),
            path: analysis.document.path.clone(),
            council: council.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            gss_code: council
                .as_ref()
                .map(|c| c.gss_code.clone())
                .unwrap_or_default(),
            published: analysis.document.published,
            judgement,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judgements::{Framework, Grade};
    use crate::report::csv::{write_table, CsvOptions};

    #[test]
    fn writes_header_and_normalised_labels() -> Result<(), Box<dyn std::error::Error>> {
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
        let mut out = Vec::new();
        write_table(&mut out, &table(&[row]), b',', CsvOptions::default())?;
        assert_eq!(
            String::from_utf8(out)?.replace("\r\n", "\n"),
            "doc_id,path,council,gss_code,published,framework,area,grade\n\
             abc,ofsted_80487_2017-07-07.txt,Barnet,E09000003,2017-07-07,sif,adoption_performance,requires improvement\n"
        );
        Ok(())
    }
}
