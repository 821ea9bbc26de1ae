//! Reading the gazetteer CSV into [`Council`]s, and checking it.
//!
//! Takes CSV text with the columns `gss_code,name,short_name,kind,region,
//! valid_from,valid_to,aliases` (aliases `|`-separated, each optionally
//! prefixed by a flag: `~` needs evidence, `^` shared by design, `!` a
//! non-authority place that blocks the name) and gives the councils in file
//! order. [`problems`] lists what a gazetteer should not contain.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Council, GazetteerError};

/// How the finder treats one alias of one council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AliasFlag {
    /// A name that always means the council.
    Plain,
    /// `~`: also an ordinary word, surname or other place; found only with
    /// evidence.
    Ambiguous,
    /// `^`: names several councils at once by design (a company running
    /// services for them all).
    Shared,
    /// `!`: a place that is not a children's services authority but contains
    /// the council's name; matching it blocks the shorter name.
    Blocker,
}

impl AliasFlag {
    /// Splits a CSV alias into its flag and its text.
    pub fn split(raw: &str) -> (AliasFlag, &str) {
        match raw.chars().next() {
            Some('~') => (AliasFlag::Ambiguous, &raw[1..]),
            Some('^') => (AliasFlag::Shared, &raw[1..]),
            Some('!') => (AliasFlag::Blocker, &raw[1..]),
            _ => (AliasFlag::Plain, raw),
        }
    }

    /// The prefix written in the CSV.
    pub fn prefix(self) -> &'static str {
        match self {
            AliasFlag::Plain => "",
            AliasFlag::Ambiguous => "~",
            AliasFlag::Shared => "^",
            AliasFlag::Blocker => "!",
        }
    }
}

/// One searchable name and the councils it may stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The alias as written in the gazetteer (its capitals are required).
    pub alias: String,
    /// Every council with this alias, and how each treats it.
    pub entries: Vec<(super::CouncilId, AliasFlag)>,
}

/// The gazetteer's columns, in order: what `--councils FILE` must have.
pub const COLUMNS: [&str; 8] = [
    "gss_code",
    "name",
    "short_name",
    "kind",
    "region",
    "valid_from",
    "valid_to",
    "aliases",
];

/// Parses the CSV text into councils; errors name `origin` and the line.
pub fn parse_rows(text: &str, origin: &str) -> Result<Vec<Council>, GazetteerError> {
    let row_error = |line: u64, message: String| GazetteerError::Row {
        origin: origin.to_string(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| row_error(1, format!("cannot read the header: {e}")))?
        .clone();
    let mut index = BTreeMap::new();
    for column in COLUMNS {
        let Some(i) = headers.iter().position(|h| h.trim() == column) else {
            return Err(row_error(1, format!("missing column `{column}`")));
        };
        index.insert(column, i);
    }
    let mut councils = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            row_error(line, e.to_string())
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let field = |name: &str| record.get(index[name]).unwrap_or("").trim().to_string();
        let date = |name: &str| -> Result<Option<NaiveDate>, GazetteerError> {
            let value = field(name);
            if value.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| row_error(line, format!("{name} `{value}` is not a YYYY-MM-DD date")))
        };
        let gss_code = field("gss_code");
        if gss_code.is_empty() {
            return Err(row_error(line, "empty gss_code".to_string()));
        }
        if !is_gss_shaped(&gss_code) {
            return Err(row_error(
                line,
                format!("gss_code `{gss_code}` is not a GSS code (a capital letter and 8 digits, like E06000001)"),
            ));
        }
        let name = field("name");
        let mut short_name = field("short_name");
        if short_name.is_empty() {
            short_name.clone_from(&name);
        }
        let (mut aliases, mut alias_flags) = (Vec::new(), Vec::new());
        for raw in field("aliases").split('|') {
            let (flag, alias) = AliasFlag::split(raw.trim());
            let alias = alias.trim();
            if !alias.is_empty() {
                aliases.push(alias.to_string());
                alias_flags.push(flag);
            }
        }
        // The official and short names are always names of the council.
        for own in [&name, &short_name] {
            if !own.is_empty() && !aliases.iter().any(|a| a.eq_ignore_ascii_case(own)) {
                aliases.push(own.clone());
                alias_flags.push(AliasFlag::Plain);
            }
        }
        let council = Council {
            gss_code,
            name,
            short_name,
            kind: field("kind"),
            region: field("region"),
            valid_from: date("valid_from")?,
            valid_to: date("valid_to")?,
            aliases,
            alias_flags,
        };
        if let (Some(from), Some(to)) = (council.valid_from, council.valid_to) {
            if to < from {
                return Err(row_error(line, "valid_to is before valid_from".to_string()));
            }
        }
        councils.push(council);
    }
    if councils.len() > usize::from(u16::MAX) {
        return Err(row_error(0, "too many councils".to_string()));
    }
    Ok(councils)
}

/// Whether two councils' validity periods overlap.
fn overlap(a: &Council, b: &Council) -> bool {
    let starts_before_end = |x: &Council, y: &Council| match (x.valid_from, y.valid_to) {
        (Some(from), Some(to)) => from <= to,
        _ => true,
    };
    starts_before_end(a, b) && starts_before_end(b, a)
}

/// What is wrong with a set of councils, one line each (empty when sound):
/// duplicate GSS codes, codes not shaped like `E06000001`, and aliases that
/// name two councils valid at the same time without the `^` flag.
pub fn problems(councils: &[Council]) -> Vec<String> {
    let mut out = Vec::new();
    let mut codes = BTreeMap::new();
    for council in councils {
        let code = &council.gss_code;
        if !is_gss_shaped(code) {
            out.push(format!("{code}: not a GSS code"));
        }
        if let Some(previous) = codes.insert(code.clone(), &council.name) {
            out.push(format!("{code}: used by {previous} and {}", council.name));
        }
    }
    let mut by_alias: BTreeMap<String, Vec<(usize, AliasFlag)>> = BTreeMap::new();
    for (i, council) in councils.iter().enumerate() {
        for (alias, flag) in council.aliases.iter().zip(&council.alias_flags) {
            if *flag != AliasFlag::Blocker {
                by_alias
                    .entry(alias.to_lowercase())
                    .or_default()
                    .push((i, *flag));
            }
        }
    }
    for (alias, owners) in &by_alias {
        for (n, (a, flag_a)) in owners.iter().enumerate() {
            for (b, flag_b) in &owners[n + 1..] {
                let intended = *flag_a == AliasFlag::Shared && *flag_b == AliasFlag::Shared;
                if a != b && !intended && overlap(&councils[*a], &councils[*b]) {
                    out.push(format!(
                        "alias `{alias}` names both {} and {} at the same time",
                        councils[*a].name, councils[*b].name
                    ));
                }
            }
        }
    }
    out
}

/// A GSS code's shape: a capital letter (E England, W Wales, S Scotland,
/// N Northern Ireland) and eight digits.
fn is_gss_shaped(code: &str) -> bool {
    code.len() == 9
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::Gazetteer;
    use super::*;

    fn embedded() -> Gazetteer {
        Gazetteer::embedded().expect("embedded gazetteer parses")
    }

    #[test]
    fn embedded_gazetteer_has_no_problems() {
        assert_eq!(embedded().problems(), Vec::<String>::new());
    }

    #[test]
    fn embedded_gazetteer_codes_are_english_authority_codes() {
        for council in embedded().councils() {
            let prefix = &council.gss_code[..3];
            assert!(
                ["E06", "E08", "E09", "E10"].contains(&prefix),
                "{} has code {}",
                council.name,
                council.gss_code
            );
        }
    }

    #[test]
    fn every_council_valid_today_is_present() {
        let gazetteer = embedded();
        let current = gazetteer
            .councils()
            .iter()
            .filter(|c| c.is_current())
            .count();
        assert_eq!(current, 153);
        for name in [
            "Tameside",
            "BCP",
            "Dorset",
            "Buckinghamshire",
            "North Northamptonshire",
            "West Northamptonshire",
            "Cumberland",
            "Westmorland and Furness",
            "North Yorkshire",
            "Somerset",
            "Isles of Scilly",
            "City of London",
        ] {
            assert!(
                gazetteer
                    .councils()
                    .iter()
                    .any(|c| c.is_current() && c.short_name == name),
                "no current council {name}"
            );
        }
    }

    #[test]
    fn abolished_councils_end_the_day_before_their_successors_start() {
        let gazetteer = embedded();
        let get = |code: &str| {
            gazetteer
                .by_code(code)
                .map(|id| gazetteer.council(id).clone())
                .expect("council present")
        };
        let pairs = [
            ("E06000028", "E06000058"), // Bournemouth -> BCP
            ("E10000009", "E06000059"), // Dorset CC -> Dorset Council
            ("E10000002", "E06000060"), // Buckinghamshire
            ("E10000021", "E06000061"), // Northamptonshire -> North
            ("E10000006", "E06000063"), // Cumbria -> Cumberland
            ("E10000023", "E06000065"), // North Yorkshire
            ("E10000027", "E06000066"), // Somerset
        ];
        for (old, new) in pairs {
            let (old, new) = (get(old), get(new));
            let end = old.valid_to.expect("abolished council has an end");
            let start = new.valid_from.expect("successor has a start");
            assert_eq!(end.succ_opt(), Some(start), "{} -> {}", old.name, new.name);
        }
    }

    #[test]
    fn trusts_and_abbreviations_are_aliases() {
        let gazetteer = embedded();
        let has = |code: &str, alias: &str| {
            let id = gazetteer.by_code(code).expect("council present");
            gazetteer.council(id).aliases.iter().any(|a| a == alias)
        };
        assert!(has("E06000039", "Slough Children's Services Trust"));
        assert!(has("E06000039", "Slough Children First"));
        assert!(has("E08000017", "Doncaster Children's Services Trust"));
        assert!(has("E08000025", "Birmingham Children's Trust"));
        assert!(has("E08000024", "Together for Children"));
        assert!(has("E09000021", "Achieving for Children"));
        assert!(has("E09000027", "Achieving for Children"));
        assert!(has("E10000016", "KCC"));
        assert!(has("E09000020", "RBKC"));
        assert!(has("E06000010", "Hull"));
        assert!(has("E06000047", "County Durham"));
        assert!(has("E08000007", "Adoption Counts"));
        assert!(has("E10000002", "Bucks County Council"));
        assert!(has("E06000060", "Bucks Council"));
        assert!(!has("E10000024", "Notts"));
    }

    #[test]
    fn ambiguous_names_are_flagged_in_the_data() {
        let gazetteer = embedded();
        let id = gazetteer.by_code("E06000038").expect("Reading present");
        let reading = gazetteer.council(id);
        let flag = reading
            .aliases
            .iter()
            .zip(&reading.alias_flags)
            .find(|(a, _)| *a == "Reading")
            .map(|(_, f)| *f);
        assert_eq!(flag, Some(AliasFlag::Ambiguous));
    }

    #[test]
    fn problems_reports_duplicate_codes_and_shared_aliases() {
        let csv = "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n\
                   E06000001,A Council,A,unitary,X,,,Shared Name\n\
                   E06000001,B Council,B,unitary,X,,,Shared Name\n";
        let gazetteer = Gazetteer::parse(csv, "test.csv").expect("parses");
        let problems = gazetteer.problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn a_code_not_shaped_like_gss_is_refused_with_its_line() {
        let csv = "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n\
                   E06000001,A Council,A,unitary,X,,,\n\
                   X1,C Council,C,unitary,X,,,\n";
        let err = Gazetteer::parse(csv, "test.csv").expect_err("bad code");
        let message = err.to_string();
        assert!(message.contains("test.csv, line 3"), "{message}");
        assert!(message.contains("`X1`"), "{message}");
    }

    #[test]
    fn shared_flag_allows_one_alias_for_several_councils() {
        let csv = "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n\
                   E06000001,A Council,A,unitary,X,,,^Trust\n\
                   E06000002,B Council,B,unitary,X,,,^Trust\n";
        let gazetteer = Gazetteer::parse(csv, "test.csv").expect("parses");
        assert!(gazetteer.problems().is_empty());
    }

    #[test]
    fn bad_date_names_file_and_line() {
        let csv = "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n\
                   E06000001,A Council,A,unitary,X,April 2019,,\n";
        let err = Gazetteer::parse(csv, "mine.csv").expect_err("bad date");
        let message = err.to_string();
        assert!(message.contains("mine.csv, line 2"), "{message}");
    }

    #[test]
    fn missing_column_is_an_error() {
        let err = Gazetteer::parse("gss_code,name\nE06000001,A\n", "mine.csv").expect_err("cols");
        assert!(err.to_string().contains("missing column `short_name`"));
    }
}
