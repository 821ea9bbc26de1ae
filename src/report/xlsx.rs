//! The workbook `motif.xlsx`: the same tables as the CSVs, one sheet each,
//! ready to filter.
//!
//! Takes [`Table`]s and the run's [`Provenance`] and gives an XLSX file with
//! one sheet per table (header row bold and frozen, autofilter on, column
//! widths fitted to the contents), numbers written as numbers and text as
//! strings (never formulas, so no neutralisation is needed), and an `about`
//! sheet saying how the tables were made. Written atomically.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::atomic::Batch;
use super::table::{Cell, Table};
use super::{Provenance, ReportError};

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on rows in a sheet (the header takes one).
const MAX_ROWS: usize = 1_048_575;
/// Rows of the workbook's evidence sheet. Every row is in `evidence.csv`;
/// the workbook keeps the first ones, because the XLSX writer holds a whole
/// sheet in memory while it compresses it (a million evidence rows took
/// gigabytes) and a sheet that long is no use in a spreadsheet anyway.
pub const EVIDENCE_SHEET_ROWS: usize = 100_000;
/// Column widths, in characters.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

/// Stages `tables` (one sheet each, named by [`Table::name`]) and an
/// `about` sheet as the workbook at `path`.
pub fn stage_workbook(
    batch: &mut Batch,
    path: &Path,
    tables: &[&Table],
    provenance: &Provenance,
) -> Result<(), ReportError> {
    let bytes = build(tables, provenance).map_err(|source| ReportError::Xlsx {
        path: path.to_path_buf(),
        source,
    })?;
    batch.stage_bytes(path, &bytes)
}

/// The workbook's bytes.
pub fn build(tables: &[&Table], provenance: &Provenance) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    for table in tables {
        let sheet = sheet(&mut workbook, table, &formats)?;
        workbook.push_worksheet(sheet);
    }
    finish_workbook(workbook, provenance, &[], &formats)
}

/// `table` as a sheet of `workbook` (named by [`Table::name`]), to be
/// pushed into it in the order the sheets should appear.
pub fn sheet(
    workbook: &mut Workbook,
    table: &Table,
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let sheet = workbook.new_worksheet_with_constant_memory();
    write_sheet(sheet, &table.name, table, formats)
}

/// Adds the `about` sheet (the provenance, then `notes`) and gives the
/// workbook's bytes.
pub fn finish_workbook(
    mut workbook: Workbook,
    provenance: &Provenance,
    notes: &[(String, String)],
    formats: &Formats,
) -> Result<Vec<u8>, XlsxError> {
    let mut about = Table::new("about", &["key", "value"]);
    for (key, value) in provenance
        .entries()
        .into_iter()
        .chain(notes.iter().cloned())
    {
        about.rows.push(vec![Cell::Text(key), Cell::Text(value)]);
    }
    let about = sheet(&mut workbook, &about, formats)?;
    workbook.push_worksheet(about);
    workbook.save_to_buffer()
}

/// The cell formats every sheet uses.
#[derive(Debug, Clone)]
pub struct Formats {
    header: Format,
    decimal: Format,
}

impl Formats {
    /// Bold headers, two-decimal rates.
    pub fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            decimal: Format::new().set_num_format("0.00"),
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Formats::new()
    }
}

fn write_sheet(
    sheet: Worksheet,
    name: &str,
    table: &Table,
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut rows = SheetRows::new(sheet, name, &table.header, formats)?;
    for row in &table.rows {
        rows.row(row)?;
    }
    rows.finish()
}

/// A sheet written a row at a time, as constant-memory sheets must be (so
/// a workbook of a million evidence rows never sits in memory): header
/// bold and frozen, autofilter over what was written, columns as wide as
/// their contents. Rows beyond Excel's limit are left out.
pub struct SheetRows {
    sheet: Worksheet,
    decimal: Format,
    widths: Vec<usize>,
    /// Rows written after the header.
    rows: u32,
    /// Rows offered, written or not.
    offered: u64,
    limit: usize,
    columns: usize,
}

impl SheetRows {
    /// Names the sheet and writes the header row.
    pub fn new<H: AsRef<str>>(
        mut sheet: Worksheet,
        name: &str,
        names: &[H],
        formats: &Formats,
    ) -> Result<Self, XlsxError> {
        sheet.set_name(name)?;
        for (col, name) in names.iter().enumerate() {
            sheet.write_string_with_format(0, column(col), name.as_ref(), &formats.header)?;
        }
        Ok(SheetRows {
            sheet,
            decimal: formats.decimal.clone(),
            widths: names.iter().map(|h| h.as_ref().chars().count()).collect(),
            rows: 0,
            offered: 0,
            limit: MAX_ROWS,
            columns: names.len(),
        })
    }

    /// Keeps only the first `limit` rows (at most Excel's limit).
    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = limit.min(MAX_ROWS);
        self
    }

    /// Whether the sheet has all the rows it keeps: further rows are only
    /// counted.
    pub fn is_full(&self) -> bool {
        (self.rows as usize) >= self.limit
    }

    /// Counts `n` rows offered while the sheet [`Self::is_full`], without
    /// making them.
    pub fn pass_over(&mut self, n: u64) {
        self.offered += n;
    }

    /// Rows offered to [`Self::row`] and rows written.
    pub fn counts(&self) -> (u64, u64) {
        (self.offered, u64::from(self.rows))
    }

    /// Writes the next row (nothing once the sheet is full).
    pub fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.offer() {
            self.write_cells(cells)?;
        }
        Ok(())
    }

    /// [`Self::row`] with cells made only if the sheet has room for them.
    pub fn row_with(&mut self, cells: impl FnOnce() -> Vec<Cell>) -> Result<(), XlsxError> {
        if self.offer() {
            self.write_cells(&cells())?;
        }
        Ok(())
    }

    /// Counts a row offered; whether the sheet has room for it.
    fn offer(&mut self) -> bool {
        self.offered += 1;
        (self.rows as usize) < self.limit
    }

    fn write_cells(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        self.rows += 1;
        let at = self.rows;
        for (col, cell) in cells.iter().enumerate() {
            let c = column(col);
            let shown = match cell {
                Cell::Text(text) => {
                    let text = clip(text);
                    self.sheet.write_string(at, c, text)?;
                    text.chars().count()
                }
                Cell::Int(n) => {
                    // Counts and years are far below 2^53.
                    self.sheet.write_number(at, c, *n as f64)?;
                    n.to_string().len()
                }
                Cell::Float(x) => {
                    self.sheet
                        .write_number_with_format(at, c, *x, &self.decimal)?;
                    format!("{x:.2}").len()
                }
                Cell::Empty => 0,
            };
            if let Some(w) = self.widths.get_mut(col) {
                *w = (*w).max(shown);
            }
        }
        Ok(())
    }

    /// Freezes the header, sets the autofilter and the column widths, and
    /// gives the sheet back to be pushed into its workbook.
    pub fn finish(mut self) -> Result<Worksheet, XlsxError> {
        self.sheet.set_freeze_panes(1, 0)?;
        let last_col = column(self.columns.saturating_sub(1));
        self.sheet.autofilter(0, 0, self.rows, last_col)?;
        for (col, width) in self.widths.iter().enumerate() {
            // Widths are at most MAX_WIDTH, exact in f64.
            let width = (*width + 2).clamp(MIN_WIDTH, MAX_WIDTH);
            self.sheet
                .set_column_width(column(col), u16::try_from(width).unwrap_or(60))?;
        }
        Ok(self.sheet)
    }
}

/// A column index as the writer wants it (tables are far narrower than
/// Excel's 16,384 columns).
fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// `text` cut to what one Excel cell holds, on a character boundary.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;

    fn provenance() -> Provenance {
        Provenance {
            motif_version: "0".into(),
            lexicon_hash: "l".into(),
            gazetteer_hash: "g".into(),
            corpus_hash: "c".into(),
            options: BTreeMap::new(),
            generated: "t".into(),
        }
    }

    #[test]
    fn control_characters_and_long_text_survive() {
        let mut table = Table::new("evidence", &["sentence", "n"]);
        let long = "é".repeat(MAX_CELL_CHARS + 10);
        table
            .rows
            .push(vec![Cell::Text("a\u{0}b\u{1}c\td".into()), Cell::Int(1)]);
        table.rows.push(vec![Cell::Text(long), Cell::Empty]);
        let bytes = build(&[&table], &provenance()).expect("workbook");
        let mut book = Xlsx::new(Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("evidence").expect("sheet");
        let Some(Data::String(first)) = range.get((1, 0)) else {
            panic!("first cell is not text: {:?}", range.get((1, 0)));
        };
        assert!(
            first.starts_with('a') && first.ends_with("c\td"),
            "{first:?}"
        );
        let Some(Data::String(clipped)) = range.get((2, 0)) else {
            panic!("long cell is not text");
        };
        assert_eq!(clipped.chars().count(), MAX_CELL_CHARS);
        assert_eq!(range.get((2, 1)), Some(&Data::Empty));
    }
}
