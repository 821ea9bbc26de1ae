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
    #[error("cannot read corpus folder {path}: {source}")]
    Root {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read manifest {path}: {source}")]
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
}

/// One document read from one file, and any warnings about it.
#[derive(Debug)]
pub struct ReadOutcome {
    pub document: Document,
    pub warnings: Vec<String>,
}

/// Lists the text files under `root` (recursively, in path order), skipping
/// the manifest itself and what cannot be a text file.
pub fn list_files(root: &Path, options: &CorpusOptions) -> Result<Listing, CorpusError> {
    let _ = (root, options);
    Ok(Listing::default())
}

/// Loads the manifest: `options.manifest`, or `<root>/manifest.csv` if present.
pub fn load_manifest(root: &Path, options: &CorpusOptions) -> Result<Manifest, CorpusError> {
    let _ = (root, options);
    Ok(Manifest::default())
}

/// Reads, decodes and cleans one file. A file that cannot be a document
/// (binary, empty, unreadable) comes back as [`Skipped`].
pub fn read_document(file: &SourceFile, manifest: &Manifest) -> Result<ReadOutcome, Skipped> {
    let _ = manifest;
    Err(Skipped {
        path: file.path.clone(),
        reason: "reading is not built yet".to_string(),
    })
}

/// Marks each document whose text repeats an earlier one's (in slice order)
/// with the first copy's id.
pub fn mark_duplicates(documents: &mut [Document]) {
    let _ = documents;
}

/// Reads every text file under `root`: [`list_files`], [`load_manifest`],
/// [`read_document`] for each (in parallel), then [`mark_duplicates`].
pub fn read_corpus(root: &Path, options: &CorpusOptions) -> Result<Corpus, CorpusError> {
    let _ = (root, options);
    Ok(Corpus::default())
}
