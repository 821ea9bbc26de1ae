//! The reports written while the analyses stream past, so that a corpus of
//! any size is reported in bounded memory.
//!
//! Takes [`Analysis`]es one at a time, in path order, and writes the
//! row-per-mention reports (`evidence.csv`, `suppressed.csv` and the
//! workbook's evidence sheet) as they come, keeping only what is small: one
//! row per document, the judgements, and the first evidence sentences of
//! each heatmap cell for the page. [`ReportWriter::finish`] writes the rest
//! from the [`Counts`] and stages every file in one [`Batch`], so nothing is
//! in place until the caller commits.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, XlsxError};

use super::atomic::Batch;
use super::csv::CsvRows;
use super::documents::{self, DocumentRow};
use super::evidence::{self, EvidenceRow, EVIDENCE_HEADER, SUPPRESSED_HEADER};
use super::judgements::{self, JudgementRow};
use super::kept::{KeptRows, Spliced};
use super::xlsx::{self, Formats, SheetRows};
use super::{grades, html, table, CsvOptions, Provenance, ReportError};
use super::{
    DOCUMENTS, EVIDENCE, HTML, JUDGEMENTS, SUPPRESSED, THEME_COUNTS, THEME_TABLE, WORKBOOK,
};
use crate::corpus::Document;
use crate::counts::{CountRow, Counts, Labels};
use crate::pipeline::Analysis;

/// A heatmap cell of the page: theme, council (name and code), year.
pub type CellKey = (String, Option<(String, String)>, Option<i32>);

/// The page's cell of an evidence row.
pub fn cell_key(row: &EvidenceRow) -> CellKey {
    let p = &row.place;
    let council = p
        .council
        .as_ref()
        .map(|c| (c.name.clone(), c.gss_code.clone()));
    (p.theme.clone(), council, p.year)
}

/// Every report of a run, written as the analyses go by.
pub struct ReportWriter<'a> {
    out: PathBuf,
    labels: &'a Labels,
    options: CsvOptions,
    /// `evidence.csv` and `suppressed.csv`, their header written.
    evidence: Spliced,
    suppressed: Spliced,
    workbook: Workbook,
    formats: Formats,
    evidence_sheet: SheetRows,
    documents: Vec<DocumentRow>,
    judgements: Vec<JudgementRow>,
    /// The first evidence rows of each cell, as many as the page shows.
    page_evidence: HashMap<CellKey, Vec<EvidenceRow>>,
}

impl std::fmt::Debug for ReportWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportWriter")
            .field("out", &self.out)
            .field("documents", &self.documents.len())
            .finish()
    }
}

impl<'a> ReportWriter<'a> {
    /// Starts the reports in `out` (created if missing); nothing replaces
    /// the reports already there until the batch of [`Self::finish`] is
    /// committed.
    pub fn new(
        out: &Path,
        labels: &'a Labels,
        options: CsvOptions,
    ) -> Result<ReportWriter<'a>, ReportError> {
        std::fs::create_dir_all(out).map_err(|source| ReportError::Io {
            path: out.to_path_buf(),
            source,
        })?;
        let evidence = csv_rows(&out.join(EVIDENCE), &EVIDENCE_HEADER, options)?;
        let suppressed = csv_rows(&out.join(SUPPRESSED), &SUPPRESSED_HEADER, options)?;
        let mut workbook = Workbook::new();
        let formats = Formats::new();
        let sheet = workbook.new_worksheet_with_constant_memory();
        let evidence_sheet = SheetRows::new(sheet, "evidence", &EVIDENCE_HEADER, &formats)
            .map_err(|source| xlsx_error(out, source))?
            .with_limit(xlsx::EVIDENCE_SHEET_ROWS);
        Ok(ReportWriter {
            out: out.to_path_buf(),
            labels,
            options,
            evidence,
            suppressed,
            workbook,
            formats,
            evidence_sheet,
            documents: Vec::new(),
            judgements: Vec::new(),
            page_evidence: HashMap::new(),
        })
    }

    /// Copies the lines of documents kept from the last run (`Rows::Kept`)
    /// from its `evidence.csv` and `suppressed.csv`, opened by
    /// [`super::kept::Previous`]; without this such documents cannot be
    /// written.
    pub fn copying_from(mut self, evidence: File, suppressed: File) -> Self {
        self.evidence.copy_from(evidence);
        self.suppressed.copy_from(suppressed);
        self
    }

    /// Reports one document. Call in path order: rows are written in the
    /// order documents are added. A document marked as a duplicate is only
    /// listed in `documents.csv`.
    pub fn add(&mut self, analysis: &Analysis) -> Result<(), ReportError> {
        let prepared = Prepared::new(analysis, self.labels, self.options);
        self.write(prepared).map(drop)
    }

    /// Writes a document's rows made by [`Prepared::new`]; the same as
    /// [`Self::add`], with the costly part (finding the rows and encoding
    /// them as CSV) done beforehand, in parallel. Returns where its lines
    /// went in `evidence.csv` and `suppressed.csv`.
    pub fn write(&mut self, prepared: Prepared) -> Result<Written, ReportError> {
        self.documents.push(prepared.document);
        self.judgements.extend(prepared.judgements);
        let evidence = Self::write_rows(
            &mut self.evidence,
            prepared.evidence_csv,
            &self.out,
            EVIDENCE,
        )?;
        let suppressed = Self::write_rows(
            &mut self.suppressed,
            prepared.suppressed_csv,
            &self.out,
            SUPPRESSED,
        )?;
        let written = Written {
            evidence,
            suppressed,
        };
        let rows = match prepared.evidence {
            Evidence::Rows(rows) => rows,
            Evidence::Kept { cells, rows, kept } => {
                // Most kept documents come after the sheet is full and after
                // the page has its examples of each of their cells: their
                // rows need not be decoded at all.
                let wanted = !self.evidence_sheet.is_full()
                    || cells.iter().any(|cell| !self.page_has_enough(cell));
                if !wanted {
                    self.evidence_sheet.pass_over(rows);
                    return Ok(written);
                }
                kept.read().ok_or_else(|| ReportError::Io {
                    path: self.out.join(super::kept::FILE),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "kept evidence rows cannot be decoded",
                    ),
                })?
            }
        };
        for row in rows {
            self.evidence_sheet
                .row_with(|| row.cells())
                .map_err(|source| xlsx_error(&self.out, source))?;
            self.keep_for_page(row);
        }
        Ok(written)
    }

    fn write_rows(
        file: &mut Spliced,
        rows: Rows,
        out: &Path,
        name: &str,
    ) -> Result<(u64, u64), ReportError> {
        match rows {
            Rows::Encoded(encoded) => {
                let encoded = encoded.map_err(|source| ReportError::Csv {
                    path: out.join(name),
                    source,
                })?;
                file.append(&encoded)
            }
            Rows::Kept((offset, len)) => file.copy(offset, len),
        }
    }

    fn page_has_enough(&self, cell: &CellKey) -> bool {
        self.page_evidence
            .get(cell)
            .is_some_and(|kept| kept.len() >= html::MAX_EVIDENCE_PER_CELL)
    }

    fn keep_for_page(&mut self, row: EvidenceRow) {
        let kept = self.page_evidence.entry(cell_key(&row)).or_default();
        if kept.len() < html::MAX_EVIDENCE_PER_CELL {
            kept.push(row);
        }
    }

    /// Writes the tables made from the totals (`counts` of exactly the
    /// documents added), the workbook and the page, and stages every report
    /// in `batch`. `duplicates` are the documents kept only as copies,
    /// listed in `documents.csv`. Returns the count rows.
    pub fn finish(
        self,
        batch: &mut Batch,
        duplicates: &[Document],
        counts: &Counts,
        provenance: &Provenance,
    ) -> Result<Vec<CountRow>, ReportError> {
        let ReportWriter {
            out,
            labels,
            options,
            evidence,
            suppressed,
            mut workbook,
            formats,
            evidence_sheet,
            mut documents,
            judgements: judgement_rows,
            page_evidence,
        } = self;
        documents.extend(duplicates.iter().map(|d| DocumentRow::new(d, None, labels)));
        documents.sort_by(|a, b| (&a.path, &a.doc_id).cmp(&(&b.path, &b.doc_id)));
        documents::fill_duplicates(&mut documents);

        let rows = counts.rows(labels);
        let counts_table = table::counts_table(&rows);
        let wide = table::wide_table(&rows);
        let documents = documents::table(&documents);
        let judgements = judgements::table(&judgement_rows);
        let grade_rows = grades::by_grade(&rows, &judgement_rows);

        for (name, table) in [(THEME_COUNTS, &counts_table), (THEME_TABLE, &wide)] {
            super::csv::stage_csv_file(batch, &out.join(name), table, options)?;
        }
        // The copies from the last run's `evidence.csv` and
        // `suppressed.csv` are waited for while the workbook is deflated
        // and the page built: the copies wait on the disk, the other two
        // on the processor.
        let mut rows_batch = Batch::new();
        let stage_rows = || {
            for spliced in [evidence, suppressed] {
                let repeats = spliced.repeats_whole_source();
                spliced.stage_in(&mut rows_batch, repeats)?;
            }
            Ok::<(), ReportError>(())
        };
        let page_evidence: Vec<EvidenceRow> = page_evidence.into_values().flatten().collect();
        // The workbook's deflate and the page take about as long as each
        // other: build them side by side.
        let workbook_and_page = || {
            rayon::join(
                || {
                    let notes = sheet_notes(&evidence_sheet);
                    let evidence_sheet = evidence_sheet.finish()?;
                    for sheet in [&counts_table, &wide] {
                        let sheet = xlsx::sheet(&mut workbook, sheet, &formats)?;
                        workbook.push_worksheet(sheet);
                    }
                    workbook.push_worksheet(evidence_sheet);
                    let sheet = xlsx::sheet(&mut workbook, &documents, &formats)?;
                    workbook.push_worksheet(sheet);
                    xlsx::finish_workbook(workbook, provenance, &notes, &formats)
                },
                || {
                    html::render(&html::Page {
                        rows: &rows,
                        evidence: &page_evidence,
                        labels,
                        provenance,
                        documents: counts.documents(),
                        grades: &grade_rows,
                    })
                },
            )
        };
        let (staged_rows, (bytes, page)) = rayon::join(stage_rows, workbook_and_page);
        staged_rows?;
        batch.append(rows_batch);
        for (name, table) in [(DOCUMENTS, &documents), (JUDGEMENTS, &judgements)] {
            super::csv::stage_csv_file(batch, &out.join(name), table, options)?;
        }
        let bytes = bytes.map_err(|source| xlsx_error(&out, source))?;
        batch.stage_bytes(&out.join(WORKBOOK), &bytes)?;
        batch.stage_bytes(&out.join(HTML), page.as_bytes())?;
        Ok(rows)
    }
}

/// The workbook's note on its evidence sheet, when the sheet could not
/// take every row.
fn sheet_notes(sheet: &SheetRows) -> Vec<(String, String)> {
    let (offered, written) = sheet.counts();
    if offered <= written {
        return Vec::new();
    }
    vec![(
        "evidence_sheet".to_string(),
        format!("the first {written} of {offered} evidence rows; evidence.csv has all"),
    )]
}

/// One document's report rows, made apart from the writer so that many
/// documents can be prepared at once on every core.
#[derive(Debug)]
pub struct Prepared {
    pub(super) document: DocumentRow,
    pub(super) judgements: Vec<JudgementRow>,
    /// For the workbook's sheet and the page's examples.
    pub(super) evidence: Evidence,
    /// The `evidence.csv` and `suppressed.csv` rows, encoded.
    pub(super) evidence_csv: Rows,
    pub(super) suppressed_csv: Rows,
}

/// A document's lines of one CSV report.
#[derive(Debug)]
pub(super) enum Rows {
    Encoded(Result<Vec<u8>, csv::Error>),
    /// Lines of the last run's report, kept: offset and length.
    Kept((u64, u64)),
}

/// Where [`ReportWriter::write`] put a document's lines: offset and length
/// in `evidence.csv` and in `suppressed.csv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub evidence: (u64, u64),
    pub suppressed: (u64, u64),
}

/// A document's evidence rows as the writer gets them.
#[derive(Debug)]
pub(super) enum Evidence {
    Rows(Vec<EvidenceRow>),
    /// Rows kept from the last run ([`super::kept`]): their cells and
    /// number, and the rows themselves still encoded.
    Kept {
        cells: Vec<CellKey>,
        rows: u64,
        kept: KeptRows,
    },
}

impl Prepared {
    /// The rows of `analysis` (only its `documents.csv` row when it is
    /// marked as a duplicate), encoded as CSV with `options`.
    pub fn new(analysis: &Analysis, labels: &Labels, options: CsvOptions) -> Prepared {
        let document = &analysis.document;
        if document.duplicate_of.is_some() {
            return Prepared {
                document: DocumentRow::new(document, None, labels),
                judgements: Vec::new(),
                evidence: Evidence::Rows(Vec::new()),
                evidence_csv: Rows::Encoded(Ok(Vec::new())),
                suppressed_csv: Rows::Encoded(Ok(Vec::new())),
            };
        }
        let evidence = evidence::evidence_of(analysis, labels);
        let suppressed = evidence::suppressed_of(analysis, labels);
        Prepared {
            document: DocumentRow::new(document, Some(analysis), labels),
            judgements: judgements::rows_of(analysis, labels),
            evidence_csv: Rows::Encoded(encode(evidence.iter().map(EvidenceRow::cells), options)),
            suppressed_csv: Rows::Encoded(encode(
                suppressed.iter().map(evidence::SuppressedRow::cells),
                options,
            )),
            evidence: Evidence::Rows(evidence),
        }
    }
}

/// `rows` as CSV text, without header.
fn encode(
    rows: impl Iterator<Item = Vec<table::Cell>>,
    options: CsvOptions,
) -> Result<Vec<u8>, csv::Error> {
    let mut encoded = CsvRows::in_memory(b',', options);
    for cells in rows {
        encoded.row(&cells)?;
    }
    encoded.finish()
}

/// Stages `path` with the byte order mark (if asked for) and `header`
/// written, ready for rows encoded by [`encode`].
fn csv_rows(path: &Path, header: &[&str], options: CsvOptions) -> Result<Spliced, ReportError> {
    let csv_error = |source| ReportError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let head = CsvRows::new(Vec::new(), header, b',', options)
        .and_then(CsvRows::finish)
        .map_err(csv_error)?;
    Spliced::new(path, &head, None)
}

fn xlsx_error(out: &Path, source: XlsxError) -> ReportError {
    ReportError::Xlsx {
        path: out.join(WORKBOOK),
        source,
    }
}
