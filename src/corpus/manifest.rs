//! The metadata manifest: takes `manifest.csv` (columns `path,published,
//! title,byline,source,url`, any subset, found by header name) and gives
//! per-file values that override what the text says. A bad row is reported
//! with its line number and skipped; the other rows still apply.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::dates::parse_date;
use super::{CorpusError, CorpusOptions, Manifest};

/// The manifest's values for one file; `None` means "say nothing".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// The file name of a corpus's own manifest.
pub const MANIFEST_NAME: &str = "manifest.csv";

/// Loads `options.manifest`, or `<root>/manifest.csv` when present; no
/// manifest is an empty one.
pub fn load_manifest(root: &Path, options: &CorpusOptions) -> Result<Manifest, CorpusError> {
    let path = match &options.manifest {
        Some(path) => path.clone(),
        None => {
            let path = root.join(MANIFEST_NAME);
            if !path.is_file() {
                return Ok(Manifest::default());
            }
            path
        }
    };
    let bytes = std::fs::read(&path).map_err(|source| CorpusError::Manifest {
        path: path.clone(),
        source: csv::Error::from(source),
    })?;
    let text = match super::encoding::decode(&bytes) {
        Ok(decoded) => decoded.text,
        Err(_) => String::new(),
    };
    let mut manifest = parse_manifest(&text, &path.display().to_string()).map_err(|source| {
        CorpusError::Manifest {
            path: path.clone(),
            source,
        }
    })?;
    manifest.path = Some(path);
    Ok(manifest)
}

/// Parses manifest text; `origin` names it in warnings.
pub fn parse_manifest(text: &str, origin: &str) -> Result<Manifest, csv::Error> {
    let mut manifest = Manifest::default();
    if text.trim().is_empty() {
        return Ok(manifest);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers()?.iter().map(str::to_lowercase).collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let Some(path_col) = column("path").or_else(|| column("file")) else {
        manifest.warnings.push(format!(
            "{origin}: no `path` column; the manifest is ignored"
        ));
        return Ok(manifest);
    };
    let cols = [
        column("published").or_else(|| column("date")),
        column("title"),
        column("byline").or_else(|| column("author")),
        column("source"),
        column("url"),
    ];
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map_or(0, csv::Position::line);
                manifest.warnings.push(format!(
                    "{origin} line {line}: {}; row skipped",
                    short_error(&err)
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let get = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let Some(raw) = get(Some(path_col)) else {
            manifest
                .warnings
                .push(format!("{origin} line {line}: empty path; row skipped"));
            continue;
        };
        let path = normalise_path(&raw);
        if path.is_empty() {
            // `./` is the corpus folder itself: it would key an entry by "".
            manifest.warnings.push(format!(
                "{origin} line {line}: path {raw:?} names no file; row skipped"
            ));
            continue;
        }
        if path.starts_with('/') || path.split('/').any(|part| part == "..") {
            manifest.warnings.push(format!(
                "{origin} line {line}: path {path:?} is outside the corpus folder; row skipped"
            ));
            continue;
        }
        if let Some(first) = manifest.lines.get(&path) {
            manifest.warnings.push(format!(
                "{origin} line {line}: {path} is already listed on line {first}; row skipped"
            ));
            continue;
        }
        let published = match get(cols[0]) {
            None => None,
            Some(value) => match parse_date(&value) {
                Some(date) => Some(date),
                None => {
                    manifest.warnings.push(format!(
                        "{origin} line {line}: cannot read date {value:?}; row skipped"
                    ));
                    continue;
                }
            },
        };
        let entry = ManifestEntry {
            published,
            title: get(cols[1]),
            byline: get(cols[2]),
            source: get(cols[3]),
            url: get(cols[4]),
        };
        manifest.lines.insert(path.clone(), line);
        manifest.entries.insert(path, entry);
    }
    Ok(manifest)
}

/// Manifest paths as the corpus lists them: `/`-separated, no `./`.
pub fn normalise_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.trim_start_matches("./").to_string()
}

fn short_error(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => err.to_string(),
    }
}

impl Manifest {
    /// The entry for a corpus-relative path, if the manifest has one.
    pub fn get(&self, path: &str) -> Option<&ManifestEntry> {
        self.entries.get(path)
    }
}

/// Entries keyed by corpus-relative path, in path order.
pub type Entries = BTreeMap<String, ManifestEntry>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_subset_of_columns_in_any_order() {
        let m = parse_manifest(
            "url,path,published\nhttps://x/1,a.txt,2019-04-01\nhttps://x/2,./sub\\b.txt,\n",
            "m.csv",
        )
        .unwrap();
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let a = m.get("a.txt").unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2019, 4, 1));
        assert_eq!(a.url.as_deref(), Some("https://x/1"));
        assert_eq!(m.get("sub/b.txt").unwrap().published, None);
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line_and_the_rest_applies() {
        let m = parse_manifest(
            "path,published,title\na.txt,2019-04-01,A\nb.txt,not a date,B\nc.txt,2019-04-02\nd.txt,14 May 2018,D\n",
            "corpus/manifest.csv",
        )
        .unwrap();
        assert_eq!(m.warnings.len(), 2, "{:?}", m.warnings);
        assert!(
            m.warnings[0].starts_with("corpus/manifest.csv line 3:"),
            "{}",
            m.warnings[0]
        );
        assert!(
            m.warnings[1].starts_with("corpus/manifest.csv line 4:"),
            "{}",
            m.warnings[1]
        );
        assert!(m.get("b.txt").is_none() && m.get("c.txt").is_none());
        assert_eq!(m.get("d.txt").unwrap().title.as_deref(), Some("D"));
    }

    /// Found by `fuzz/` (target `manifest`, input
    /// `fuzz/regressions/manifest/`): `./` normalised to an empty path after
    /// the emptiness check, keying an entry by "" that matched no file.
    #[test]
    fn a_path_that_normalises_to_nothing_is_skipped_with_a_warning() {
        let m = parse_manifest("path,\n./,y\n././,z\na.txt,\n", "m.csv").unwrap();
        assert_eq!(
            m.warnings,
            [
                "m.csv line 2: path \"./\" names no file; row skipped",
                "m.csv line 3: path \"././\" names no file; row skipped",
            ]
        );
        assert!(m.get("").is_none());
        assert_eq!(m.entries.keys().collect::<Vec<_>>(), ["a.txt"]);
    }
}
