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
    let header = Format::new().set_bold();
    let decimal = Format::new().set_num_format("0.00");
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name.as_str())?;
        write_sheet(sheet, table, &header, &decimal)?;
    }
    let mut about = Table::new("about", &["key", "value"]);
    for (key, value) in provenance.entries() {
        about.rows.push(vec![Cell::Text(key), Cell::Text(value)]);
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("about")?;
    write_sheet(sheet, &about, &header, &decimal)?;
    workbook.save_to_buffer()
}

fn write_sheet(
    sheet: &mut Worksheet,
    table: &Table,
    header: &Format,
    decimal: &Format,
) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
    for (col, name) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, column(col), name.as_str(), header)?;
    }
    let rows = &table.rows[..table.rows.len().min(MAX_ROWS)];
    for (r, row) in rows.iter().enumerate() {
        // r < MAX_ROWS, so r + 1 fits in u32.
        let at = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (col, cell) in row.iter().enumerate() {
            let c = column(col);
            let shown = match cell {
                Cell::Text(text) => {
                    let text = clip(text);
                    sheet.write_string(at, c, text)?;
                    text.chars().count()
                }
                Cell::Int(n) => {
                    // Counts and years are far below 2^53.
                    sheet.write_number(at, c, *n as f64)?;
                    n.to_string().len()
                }
                Cell::Float(x) => {
                    sheet.write_number_with_format(at, c, *x, decimal)?;
                    format!("{x:.2}").len()
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(shown);
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_col = column(table.header.len().saturating_sub(1));
    sheet.autofilter(0, 0, last_row, last_col)?;
    for (col, width) in widths.iter().enumerate() {
        // Widths are at most MAX_WIDTH, exact in f64.
        let width = (*width + 2).clamp(MIN_WIDTH, MAX_WIDTH);
        sheet.set_column_width(column(col), u16::try_from(width).unwrap_or(60))?;
    }
    Ok(())
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
