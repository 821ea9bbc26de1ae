//! Stage 1: from files on disk to clean [`Document`]s.
//!
//! Takes a corpus folder (and optionally a metadata manifest) and gives one
//! [`Document`] per readable text file: decoded to UTF-8 whatever encoding it
//! came in, with title, byline and publication date extracted, and with site
//! furniture (captions, comment widgets, paywalls, job adverts, footers)
//! removed from the body that later stages see. Files that cannot be read are
//! reported as [`Skipped`], never allowed to stop the run.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

mod clean;
pub mod dates;
pub mod duplicates;
pub mod encoding;
pub mod furniture;
pub mod manifest;
pub mod metadata;
pub mod paragraphs;
pub mod pdf;
mod walk;

pub use duplicates::{doc_id, mark_duplicates, normalise};
pub use manifest::{load_manifest, ManifestEntry};
pub use walk::{check_root, list_files};

/// Bumped whenever reading code changes the text or metadata a file gives
/// (decoding, furniture rules, title, byline and date finding), so that an
/// index re-reads every file rather than keep text read under old rules.
/// The built-in furniture phrases are fingerprinted on their own (see
/// [`reading_fingerprint`]); this covers the code. 2: a link box dropped
/// mid-story no longer ends the article; 3: a report copied out of its PDF
/// a paragraph a line is read with a report's head when its opening lines
/// give the inspection dates; 4: "opening lines" are the first ten, not
/// six, so the 2013-2017 heading (a council name and six lines of title)
/// counts; 5: a report's later block that holds a sentence is body, not
/// title; 6: a document whose opening lines carry an Ofsted report's
/// heading is read as a report even without its inspection dates; 7: a
/// title ends where such a heading does, and at a numbered paragraph; 8:
/// such a heading also has the head read as a report's, so its title is
/// the whole heading; 9: a running header printed once (an Ofsted heading
/// and the dated page line under it) is page furniture.
pub const READING_REVISION: u32 = 9;

/// What the text read from a file depends on besides the file itself: the
/// reading code's revision and the built-in furniture phrases. An index
/// stores it and re-reads every file when it changes.
pub fn reading_fingerprint() -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&READING_REVISION.to_le_bytes());
    hasher.update(furniture::text().as_bytes());
    hasher.finalize().to_hex()[..16].to_string()
}

/// A stable identifier for a document: a hash of its normalised text, so the
/// same article under two file names (or on two machines) gets the same id.
pub type DocId = String;

/// One article or report, cleaned and ready for segmentation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Hash of the normalised text (see [`DocId`]).
    pub id: DocId,
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    pub title: String,
    pub byline: Option<String>,
    /// Publication date from the manifest or the dateline; `None` when the
    /// text gives none (never guessed).
    pub published: Option<NaiveDate>,
    /// Inspection dates printed in an Ofsted report, when present.
    pub inspected_from: Option<NaiveDate>,
    pub inspected_to: Option<NaiveDate>,
    /// The opening lines carry the heading of an Ofsted report or letter
    /// ("Inspection of Bury local authority children's services"), with or
    /// without its inspection dates: an excerpt, a letter or a report
    /// copied without its dates is still inspectors' prose.
    #[serde(default)]
    pub report_heading: bool,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The encoding the file was decoded from (`UTF-8`, `UTF-8-BOM`,
    /// `UTF-16LE`, `UTF-16BE`, `windows-1252`).
    pub encoding: String,
    /// The article text later stages see: no title/byline/dateline lines, no
    /// furniture. All byte offsets downstream point into this string.
    pub body: String,
    /// What was taken out of the body and why, for `--explain`.
    pub removed: Vec<Removed>,
    /// The id of the first copy when this document is a duplicate.
    pub duplicate_of: Option<DocId>,
}

impl Document {
    /// The publication year, if the publication date is known.
    pub fn year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.published.map(|d| d.year())
    }

    /// Whether the document is an inspection report or letter: its head
    /// gives the inspection dates, or it opens with an Ofsted report's
    /// heading filling its lines (a journalist's headline goes on, or
    /// starts with other words).
    pub fn is_inspection_report(&self) -> bool {
        self.inspected_from.is_some() || self.report_heading
    }
}

/// A piece of the raw text that is not part of the body, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Removed {
    /// 1-based line number in the decoded file.
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// A file that was not read, and why (one line a user can act on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// How to read a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// A manifest CSV; `None` means `<root>/manifest.csv` if it exists.
    pub manifest: Option<PathBuf>,
    /// Follow symbolic links that point outside the corpus root.
    pub follow_links: bool,
}

/// The result of reading a whole corpus.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every document read, in path order, duplicates included (marked).
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
    /// Non-fatal problems (bad manifest rows, invalid byte sequences), each
    /// one line naming the file.
    pub warnings: Vec<String>,
}

/// Failures that stop reading a corpus altogether.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read corpus folder {path}")]
    Root {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read manifest {path}")]
    Manifest { path: PathBuf, source: csv::Error },
}

/// A file found under the corpus root, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the corpus root, `/`-separated (the document's `path`).
    pub path: String,
    /// Where to read it from.
    pub abs: PathBuf,
    pub len: u64,
    /// Modification time, seconds since the Unix epoch (0 when unknown).
    pub modified: u64,
}

/// The files of a corpus, in path order, and those passed over.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<SourceFile>,
    pub skipped: Vec<Skipped>,
}

/// Per-file metadata supplied beside the texts (`manifest.csv`), keyed by
/// relative path. Its values override what is extracted from the text.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    /// Problems with individual rows (each names the file and line).
    pub warnings: Vec<String>,
    /// One entry per good row, keyed by corpus-relative `/`-separated path.
    pub entries: manifest::Entries,
    /// Where the manifest was read from (`None`: there was none).
    pub path: Option<PathBuf>,
    /// The line each entry was read from, for messages.
    pub lines: std::collections::BTreeMap<String, u64>,
}

impl Manifest {
    /// One warning per manifest row that names no file of `files` (a
    /// typo, or a file since removed): its metadata applies to nothing.
    pub fn unmatched(&self, files: &[SourceFile]) -> Vec<String> {
        let origin = self
            .path
            .as_ref()
            .map_or_else(|| "manifest".to_string(), |p| p.display().to_string());
        let listed: std::collections::BTreeSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        self.lines
            .iter()
            .filter(|(path, _)| !listed.contains(path.as_str()))
            .map(|(path, line)| format!("{origin} line {line}: no file {path} in the corpus"))
            .collect()
    }
}

/// One document read from one file, and any warnings about it.
#[derive(Debug)]
pub struct ReadOutcome {
    pub document: Document,
    pub warnings: Vec<String>,
    /// The 1-based line each body paragraph starts on, in body order.
    pub paragraph_lines: Vec<usize>,
    /// The text looked like a PDF extraction (an inspection report).
    pub from_pdf: bool,
}

/// Reads, decodes and cleans one file. A file that cannot be a document
/// (binary, empty, unreadable) comes back as [`Skipped`].
pub fn read_document(file: &SourceFile, manifest: &Manifest) -> Result<ReadOutcome, Skipped> {
    let skip = |reason: String| Skipped {
        path: file.path.clone(),
        reason,
    };
    let bytes = std::fs::read(&file.abs).map_err(|err| skip(format!("cannot read: {err}")))?;
    let decoded = encoding::decode(&bytes).map_err(|why| skip(why.to_string()))?;
    drop(bytes);
    let mut warnings = Vec::new();
    if decoded.replaced > 0 {
        warnings.push(format!(
            "{}: {} invalid {} byte sequence(s) replaced with U+FFFD",
            file.path, decoded.replaced, decoded.encoding
        ));
    }
    Ok(document_from_text(
        &file.path,
        &decoded.text,
        decoded.encoding,
        manifest.get(&file.path),
        warnings,
    ))
}

/// Builds a document from already-decoded text: header, body, furniture.
/// `entry` (the file's manifest row) overrides what the text says.
pub fn document_from_text(
    path: &str,
    text: &str,
    encoding: &str,
    entry: Option<&ManifestEntry>,
    warnings: Vec<String>,
) -> ReadOutcome {
    let cleaned = clean::clean(text, furniture::lexicon());
    let header = cleaned.header;
    let pick = |from_manifest: Option<&String>, extracted: Option<String>| {
        from_manifest.cloned().or(extracted)
    };
    let document = Document {
        id: doc_id(text),
        path: path.to_string(),
        title: pick(entry.and_then(|e| e.title.as_ref()), Some(header.title)).unwrap_or_default(),
        byline: pick(entry.and_then(|e| e.byline.as_ref()), header.byline),
        published: entry.and_then(|e| e.published).or(header.published),
        inspected_from: header.inspected.map(|(from, _)| from),
        inspected_to: header.inspected.map(|(_, to)| to),
        report_heading: header.report_heading,
        source: entry.and_then(|e| e.source.clone()),
        url: entry.and_then(|e| e.url.clone()),
        encoding: encoding.to_string(),
        body: paragraphs::body(&cleaned.paragraphs),
        removed: cleaned.removed,
        duplicate_of: None,
    };
    ReadOutcome {
        document,
        warnings,
        paragraph_lines: cleaned.paragraphs.iter().map(|p| p.line).collect(),
        from_pdf: cleaned.from_pdf,
    }
}

/// Reads every text file under `root`: [`list_files`], [`load_manifest`],
/// [`read_document`] for each (in parallel), then [`mark_duplicates`] and,
/// across articles, the removal of lines the whole collection repeats.
pub fn read_corpus(root: &Path, options: &CorpusOptions) -> Result<Corpus, CorpusError> {
    let listing = list_files(root, options)?;
    let manifest = load_manifest(root, options)?;
    let results: Vec<Result<ReadOutcome, Skipped>> = listing
        .files
        .par_iter()
        .map(|file| read_document(file, &manifest))
        .collect();
    let mut corpus = Corpus {
        warnings: manifest.warnings.clone(),
        ..Corpus::default()
    };
    corpus.warnings.extend(manifest.unmatched(&listing.files));
    corpus.skipped = listing.skipped;
    let mut starts = Vec::new();
    let mut reports = Vec::new();
    for result in results {
        match result {
            Ok(outcome) => {
                corpus.warnings.extend(outcome.warnings);
                starts.push(outcome.paragraph_lines);
                reports.push(outcome.from_pdf);
                corpus.documents.push(outcome.document);
            }
            Err(skipped) => corpus.skipped.push(skipped),
        }
    }
    corpus.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    mark_duplicates(&mut corpus.documents);
    duplicates::remove_repeated_lines(&mut corpus.documents, &starts, &reports);
    Ok(corpus)
}

#[cfg(test)]
mod tests;
