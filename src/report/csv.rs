//! CSV and TSV writing that is safe to open in a spreadsheet.
//!
//! Takes a [`Table`] and gives RFC 4180 text (UTF-8, CRLF line ends, fields
//! quoted when needed). Text cells that a spreadsheet would run as a formula
//! (beginning with `=`, `+`, `-`, `@`, tab or carriage return) get a leading
//! apostrophe unless [`CsvOptions::raw`] is set; [`CsvOptions::bom`] adds the
//! UTF-8 byte order mark Excel needs to read curly quotes correctly. Files are
//! written atomically through [`super::atomic`].

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use super::atomic::{write_atomic, Batch};
use super::table::{Cell, Table};
use super::ReportError;

/// How CSV is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Write text exactly as it is, even where a spreadsheet would read a
    /// formula (`--raw`).
    pub raw: bool,
    /// Start the file with a UTF-8 byte order mark (`--excel`).
    pub bom: bool,
}

/// The characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` with a leading apostrophe if a spreadsheet would run it as a
/// formula; unchanged otherwise.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes `table` as delimited text (`b','` for CSV, `b'\t'` for TSV).
pub fn write_table<W: Write>(
    out: W,
    table: &Table,
    delimiter: u8,
    options: CsvOptions,
) -> Result<(), csv::Error> {
    let mut rows = CsvRows::new(out, &table.header, delimiter, options)?;
    for row in &table.rows {
        rows.row(row)?;
    }
    rows.finish().map(drop)
}

/// Delimited text written a row at a time, exactly as [`write_table`]
/// writes a whole table: for reports too large to hold as a [`Table`].
pub struct CsvRows<W: Write> {
    writer: csv::Writer<W>,
    options: CsvOptions,
    record: Vec<String>,
}

impl<W: Write> CsvRows<W> {
    /// Starts the file: the byte order mark if asked for, then the header.
    pub fn new<H: AsRef<[u8]>>(
        mut out: W,
        header: &[H],
        delimiter: u8,
        options: CsvOptions,
    ) -> Result<Self, csv::Error> {
        if options.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut rows = Self::headless(out, delimiter, options);
        rows.writer.write_record(header)?;
        Ok(rows)
    }

    /// Rows alone, with neither byte order mark nor header.
    fn headless(out: W, delimiter: u8, options: CsvOptions) -> Self {
        let writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        CsvRows {
            writer,
            options,
            record: Vec::new(),
        }
    }

    /// Writes one row, neutralising text a spreadsheet would run.
    pub fn row(&mut self, cells: &[Cell]) -> Result<(), csv::Error> {
        self.record.clear();
        for cell in cells {
            self.record.push(match cell {
                Cell::Text(text) if !self.options.raw => neutralise(text).into_owned(),
                other => other.render(),
            });
        }
        self.writer.write_record(&self.record)
    }

    /// Flushes everything written and gives the output back.
    pub fn finish(self) -> Result<W, csv::Error> {
        self.writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    }
}

impl CsvRows<Vec<u8>> {
    /// Rows encoded in memory with neither byte order mark nor header: one
    /// document's rows, made on any thread and then written whole after
    /// the rows of a file started by [`CsvRows::new`] with the same options.
    pub fn in_memory(delimiter: u8, options: CsvOptions) -> Self {
        Self::headless(Vec::new(), delimiter, options)
    }
}

/// Writes `table` to `path` as CSV, atomically.
pub fn write_csv_file(path: &Path, table: &Table, options: CsvOptions) -> Result<(), ReportError> {
    write_atomic(path, |out| csv_to(out, path, table, options))
}

/// Stages `table` as CSV at `path` in `batch`.
pub fn stage_csv_file(
    batch: &mut Batch,
    path: &Path,
    table: &Table,
    options: CsvOptions,
) -> Result<(), ReportError> {
    batch.stage(path, |out| csv_to(out, path, table, options))
}

fn csv_to(
    out: &mut dyn Write,
    path: &Path,
    table: &Table,
    options: CsvOptions,
) -> Result<(), ReportError> {
    write_table(out, table, b',', options).map_err(|source| ReportError::Csv {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_encoded_apart_read_as_rows_written_in_place() -> Result<(), csv::Error> {
        let header = ["doc", "sentence"];
        let rows = [
            vec![Cell::Text("a".into()), Cell::Text("=SUM(A1)".into())],
            vec![Cell::Text("b, \"quoted\"".into()), Cell::Int(7)],
            vec![Cell::Text("c\nline".into()), Cell::Empty],
        ];
        for options in [
            CsvOptions::default(),
            CsvOptions {
                raw: true,
                bom: true,
            },
        ] {
            let mut in_place = CsvRows::new(Vec::new(), &header, b',', options)?;
            for row in &rows {
                in_place.row(row)?;
            }
            let mut started = CsvRows::new(Vec::new(), &header, b',', options)?;
            started.row(&rows[0])?;
            let mut apart = CsvRows::in_memory(b',', options);
            for row in &rows[1..] {
                apart.row(row)?;
            }
            let mut joined = started.finish()?;
            joined.extend(apart.finish()?);
            assert_eq!(joined, in_place.finish()?);
        }
        Ok(())
    }

    fn to_string(table: &Table, options: CsvOptions) -> String {
        let mut buf = Vec::new();
        write_table(&mut buf, table, b',', options).expect("write");
        String::from_utf8(buf).expect("utf-8")
    }

    fn one_column(values: &[&str]) -> Table {
        let mut table = Table::new("t", &["sentence", "mentions"]);
        for v in values {
            table
                .rows
                .push(vec![Cell::Text((*v).to_string()), Cell::Int(-3)]);
        }
        table
    }

    #[test]
    fn formula_starts_get_an_apostrophe() {
        let out = to_string(
            &one_column(&[
                "=HYPERLINK(\"http://x\",\"y\")",
                "+1",
                "- caseloads were high",
                "@SUM(A1)",
                "\tindented",
                "\rcarriage",
                "Caseloads = high",
            ]),
            CsvOptions::default(),
        );
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3");
        assert_eq!(lines[2], "'+1,-3");
        assert_eq!(lines[3], "'- caseloads were high,-3");
        assert_eq!(lines[4], "'@SUM(A1),-3");
        assert_eq!(lines[5], "'\tindented,-3");
        assert_eq!(lines[6], "\"'\rcarriage\",-3");
        // Only the start of a cell matters; numbers are never touched.
        assert_eq!(lines[7], "Caseloads = high,-3");
    }

    #[test]
    fn raw_writes_text_as_is() {
        let out = to_string(
            &one_column(&["=1+1", "- bullet"]),
            CsvOptions {
                raw: true,
                bom: false,
            },
        );
        assert_eq!(out, "sentence,mentions\r\n=1+1,-3\r\n- bullet,-3\r\n");
    }

    #[test]
    fn excel_adds_a_bom_and_keeps_utf8() {
        let out = to_string(
            &one_column(&["“manageable” caseloads"]),
            CsvOptions {
                raw: false,
                bom: true,
            },
        );
        assert!(out.starts_with('\u{feff}'));
        assert!(out.contains("“manageable” caseloads,-3\r\n"));
        let plain = to_string(&one_column(&["x"]), CsvOptions::default());
        assert!(!plain.starts_with('\u{feff}'));
    }

    #[test]
    fn quotes_commas_and_newlines_are_rfc4180() {
        let out = to_string(
            &one_column(&["Tameside, \"the council\"\nsaid"]),
            CsvOptions::default(),
        );
        assert_eq!(
            out,
            "sentence,mentions\r\n\"Tameside, \"\"the council\"\"\nsaid\",-3\r\n"
        );
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let record = reader.records().next().expect("row").expect("parse");
        assert_eq!(&record[0], "Tameside, \"the council\"\nsaid");
    }

    #[test]
    fn empty_cells_and_floats() {
        let mut table = Table::new("t", &["council", "per_10k_words"]);
        table.rows.push(vec![Cell::Empty, Cell::Float(12.345_678)]);
        assert_eq!(
            to_string(&table, CsvOptions::default()),
            "council,per_10k_words\r\n,12.35\r\n"
        );
    }
}
