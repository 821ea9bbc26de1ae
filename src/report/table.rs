//! Typed tables: the one shape every tabular output is built in before it is
//! written as CSV, TSV, JSON or an XLSX sheet.
//!
//! Takes count rows and groupings and gives [`Table`]s of [`Cell`]s that keep
//! text apart from numbers, so that each writer can treat them properly
//! (numbers as numbers in XLSX and JSON, formula neutralisation for text
//! only in CSV).

use std::collections::BTreeMap;

use crate::counts::group::{Grouping, KeyValue};
use crate::counts::CountRow;

/// The header of `theme_counts.csv`, in order.
pub const COUNTS_HEADER: [&str; 11] = [
    "council",
    "gss_code",
    "year",
    "theme",
    "mentions",
    "sentences",
    "documents",
    "concerns",
    "strengths",
    "words",
    "per_10k_words",
];

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Written with two decimals.
    Float(f64),
    /// No value (no council, unknown year).
    Empty,
}

impl Cell {
    /// A count as a number cell.
    pub fn count(n: u64) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// Text, or empty when absent.
    pub fn text_or_empty(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, |t| Cell::Text(t.to_string()))
    }

    /// A year, or empty when unknown.
    pub fn year(year: Option<i32>) -> Cell {
        year.map_or(Cell::Empty, |y| Cell::Int(i64::from(y)))
    }

    /// The cell as it is written in CSV (before any neutralisation).
    pub fn render(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => format!("{x:.2}"),
            Cell::Empty => String::new(),
        }
    }
}

/// A header and rows of cells. `name` is the sheet name in the workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with this header.
    pub fn new(name: &str, header: &[&str]) -> Table {
        Table {
            name: name.to_string(),
            header: header.iter().map(|h| (*h).to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// The rows as JSON objects keyed by column, numbers as numbers and
    /// empty cells as `null`.
    pub fn to_json(&self) -> serde_json::Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let object: serde_json::Map<String, serde_json::Value> = self
                    .header
                    .iter()
                    .zip(row)
                    .map(|(column, cell)| {
                        let value = match cell {
                            Cell::Text(t) => serde_json::Value::from(t.as_str()),
                            Cell::Int(n) => serde_json::Value::from(*n),
                            // Rounded like the CSV so both say the same.
                            Cell::Float(x) => serde_json::Value::from((x * 100.0).round() / 100.0),
                            Cell::Empty => serde_json::Value::Null,
                        };
                        (column.clone(), value)
                    })
                    .collect();
                serde_json::Value::Object(object)
            })
            .collect();
        serde_json::Value::Array(rows)
    }
}

/// `theme_counts.csv`: one row per council × year × theme.
pub fn counts_table(rows: &[CountRow]) -> Table {
    let mut table = Table::new("counts", &COUNTS_HEADER);
    table.rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::text_or_empty(r.council.as_deref()),
                Cell::text_or_empty(r.gss_code.as_deref()),
                Cell::year(r.year),
                Cell::Text(r.theme.clone()),
                Cell::count(r.mentions),
                Cell::count(r.sentences),
                Cell::count(r.documents),
                Cell::count(r.concerns),
                Cell::count(r.strengths),
                Cell::count(r.words),
                Cell::Float(r.per_10k_words),
            ]
        })
        .collect();
    table
}

/// `theme_table.csv`: one row per council × year, one mentions column per
/// theme (themes in the order the count rows give them).
pub fn wide_table(rows: &[CountRow]) -> Table {
    let mut themes: Vec<&str> = Vec::new();
    for row in rows {
        if !themes.contains(&row.theme.as_str()) {
            themes.push(&row.theme);
        }
    }
    let mut header = vec!["council", "gss_code", "year"];
    header.extend(themes.iter().copied());
    let mut table = Table::new("table", &header);
    let column: BTreeMap<&str, usize> = themes.iter().enumerate().map(|(i, t)| (*t, i)).collect();
    // Count rows are sorted by council and year, so each wide row is a run
    // of consecutive count rows.
    let mut current: Option<(&Option<String>, &Option<String>, Option<i32>)> = None;
    for row in rows {
        let key = (&row.council, &row.gss_code, row.year);
        if current != Some(key) {
            current = Some(key);
            let mut cells = vec![
                Cell::text_or_empty(row.council.as_deref()),
                Cell::text_or_empty(row.gss_code.as_deref()),
                Cell::year(row.year),
            ];
            cells.extend(themes.iter().map(|_| Cell::Int(0)));
            table.rows.push(cells);
        }
        if let (Some(cells), Some(&i)) = (table.rows.last_mut(), column.get(row.theme.as_str())) {
            cells[3 + i] = Cell::count(row.mentions);
        }
    }
    table
}

/// The table of a `motif counts --group-by` grouping.
pub fn grouping_table(grouping: &Grouping) -> Table {
    let mut header: Vec<&str> = grouping.key_columns.clone();
    header.extend(Grouping::MEASURES);
    let mut table = Table::new("counts", &header);
    table.rows = grouping
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cell> = row
                .key
                .iter()
                .map(|k| match k {
                    KeyValue::Int(n) => Cell::Int(*n),
                    KeyValue::Text(t) => Cell::Text(t.clone()),
                    KeyValue::Missing => Cell::Empty,
                })
                .collect();
            cells.extend(
                [
                    row.mentions,
                    row.sentences,
                    row.documents,
                    row.concerns,
                    row.strengths,
                ]
                .map(Cell::count),
            );
            cells
        })
        .collect();
    table
}
