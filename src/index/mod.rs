//! Stage 5: a persistent, incremental Tantivy index of analysed documents.
//!
//! Takes [`crate::pipeline::Analysis`]es and keeps them, with their stored
//! text and mentions, so that search, counts and re-tagging after a lexicon
//! edit never need the corpus again. [`Index::open`] takes the writer lock
//! and [`Index::sync`] brings the index in line with a corpus folder in one
//! atomic commit; [`Index::open_read`] opens the last commit for
//! [`Index::search`], [`Index::count`], [`Index::group_counts`] and
//! [`Index::for_each_analysis`].

mod directory;
mod merge;
mod query;
mod schema;
mod search;
mod sketch;
mod snippet;
mod stem;
mod sync;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use directory::IndexDirectory;
use tantivy::directory::error::LockError;
use tantivy::schema::Value;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};

use rayon::prelude::*;

use crate::pipeline::{Analyser, Analysis, ANALYSIS_REVISION};

/// Documents decoded at once by [`Index::try_for_each_analysis`]: enough
/// to keep every core busy, few enough that memory stays flat.
const LOAD_CHUNK: usize = 256;

/// What identifies one stored file to a caller walking the index: its
/// path, its text's id, and the fingerprint of everything stored for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredKey<'a> {
    pub path: &'a str,
    pub doc_id: &'a str,
    pub record: u64,
}

/// The Tantivy writer's memory per indexing thread.
const WRITER_ARENA: usize = 128_000_000;

pub use query::{GroupBy, SearchRequest, SortOrder, YearRange};
pub use search::{Hit, Snippet};
pub use sync::SyncStats;

use schema::Fields;

/// How to open an index for writing.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Wait for another process's writer lock instead of failing.
    pub wait: bool,
    /// Memory budget for the Tantivy writer, in bytes (0: a default).
    pub memory_budget: usize,
}

/// Failures opening, writing or querying the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("index {path}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("index {path} is in use by another motif process (use --wait)")]
    Busy { path: PathBuf },
    #[error("no index at {path}: run `motif index` first")]
    Missing { path: PathBuf },
    #[error("cannot create index folder {path}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("index {path} was built by another version of motif ({found}); delete the folder and run `motif index` again")]
    Incompatible { path: PathBuf, found: String },
    #[error("index {path} was opened read-only; use Index::open to change it")]
    ReadOnly { path: PathBuf },
    #[error("index {path}: stored document {doc} cannot be decoded")]
    Stored {
        path: PathBuf,
        doc: String,
        source: serde_json::Error,
    },
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
    /// A query that does not parse; the message points at the problem.
    #[error("malformed query: {message}")]
    Query { message: String },
}

/// What the index records about the configuration it was built with, in
/// the payload of each commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Payload {
    schema: u32,
    lexicons: String,
    gazetteer: String,
    /// Hash of the manifest file's bytes ("" when there is none) and the
    /// reading rules' fingerprint ([`crate::corpus::reading_fingerprint`]).
    manifest: String,
    /// The [`ANALYSIS_REVISION`] the stored analyses were made under (0 for
    /// an index made before motif recorded it).
    #[serde(default)]
    analysis: u32,
    /// The lexicons' [`crate::themes::LexiconSet::source_digest`] ("" when
    /// unknown): a search holding the same digest knows the lexicons are
    /// the index's without parsing them.
    #[serde(default)]
    lexicon_sources: String,
}

/// What of the stored analyses no longer holds for the analyser in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stale {
    Nothing,
    /// The lexicons changed: sentences and councils stand, themes do not.
    Themes,
    /// The gazetteer or the analysis rules changed: attribution and all
    /// after it must be redone.
    Everything,
}

impl Stale {
    /// How stale analyses stored under `previous` are for `analyser` (an
    /// index never committed stores none, so nothing is).
    fn of(previous: Option<&Payload>, analyser: &Analyser) -> Stale {
        match previous {
            Some(p)
                if p.gazetteer != analyser.gazetteer.hash() || p.analysis != ANALYSIS_REVISION =>
            {
                Stale::Everything
            }
            Some(p) if p.lexicons != analyser.lexicons.hash() => Stale::Themes,
            _ => Stale::Nothing,
        }
    }
}

/// A motif index on disk: readable always, writable when opened with
/// [`Index::open`] (which holds the writer lock until dropped).
pub struct Index {
    dir: PathBuf,
    index: tantivy::Index,
    fields: Fields,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    /// Threads a heavy search may use (see [`Index::set_search_threads`]).
    search_threads: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("dir", &self.dir)
            .field("writable", &self.writer.is_some())
            .finish()
    }
}

impl Index {
    /// Opens the index in `dir` for writing, creating it if missing, and
    /// takes the writer lock (waiting for it with `options.wait`).
    pub fn open(dir: &Path, options: &OpenOptions) -> Result<Index, IndexError> {
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema::build();
        let tantivy_err = |source| tantivy_error(dir, source);
        let directory =
            IndexDirectory::open(dir).map_err(|e| tantivy_err(TantivyError::from(e)))?;
        let index =
            tantivy::Index::open_or_create(directory, schema).map_err(|e| schema_error(dir, e))?;
        stem::register(&index);
        // One Tantivy indexing thread per worker thread (so `--threads 1`
        // means one), each with a 128 MB arena as bare Tantivy would use:
        // smaller arenas mean more segments to merge.
        let threads = rayon::current_num_threads().clamp(1, 8);
        let budget = if options.memory_budget == 0 {
            WRITER_ARENA * threads
        } else {
            options.memory_budget
        };
        let writer = loop {
            match index.writer_with_num_threads(threads, budget) {
                Ok(writer) => break writer,
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) if options.wait => {
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                    return Err(IndexError::Busy {
                        path: dir.to_path_buf(),
                    })
                }
                Err(e) => return Err(tantivy_err(e)),
            }
        };
        writer.set_merge_policy(Box::new(merge::BoundedMerge::new(merge::MAX_DOCS)));
        let mut opened = Self::with_index(dir, index, fields)?;
        opened.writer = Some(writer);
        opened.check_version()?;
        Ok(opened)
    }

    /// Opens the last commit of the index in `dir` for reading, without
    /// the writer lock (a sync may be running meanwhile).
    pub fn open_read(dir: &Path) -> Result<Index, IndexError> {
        let missing = || IndexError::Missing {
            path: dir.to_path_buf(),
        };
        if !dir.is_dir() {
            return Err(missing());
        }
        let directory =
            IndexDirectory::open(dir).map_err(|e| tantivy_error(dir, TantivyError::from(e)))?;
        if !tantivy::Index::exists(&directory).unwrap_or(false) {
            return Err(missing());
        }
        let index = tantivy::Index::open(directory).map_err(|e| tantivy_error(dir, e))?;
        stem::register(&index);
        let (schema, fields) = schema::build();
        if index.schema() != schema {
            return Err(IndexError::Incompatible {
                path: dir.to_path_buf(),
                found: "a different schema".to_string(),
            });
        }
        let opened = Self::with_index(dir, index, fields)?;
        opened.check_version()?;
        Ok(opened)
    }

    fn with_index(dir: &Path, index: tantivy::Index, fields: Fields) -> Result<Index, IndexError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_error(dir, e))?;
        Ok(Index {
            dir: dir.to_path_buf(),
            index,
            fields,
            reader,
            writer: None,
            search_threads: std::thread::available_parallelism().map_or(1, usize::from),
        })
    }

    /// How many threads a phrase search or a grouping may use (default:
    /// one per core); `motif --threads N search` sets it.
    pub fn set_search_threads(&mut self, threads: usize) {
        self.search_threads = threads.max(1);
    }

    /// The folder the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn err(&self, source: TantivyError) -> IndexError {
        tantivy_error(&self.dir, source)
    }

    /// The configuration recorded by the last commit (`None` before the
    /// first one).
    fn payload(&self) -> Result<Option<Payload>, IndexError> {
        let metas = self.index.load_metas().map_err(|e| self.err(e))?;
        Ok(metas
            .payload
            .and_then(|text| serde_json::from_str::<Payload>(&text).ok()))
    }

    fn check_version(&self) -> Result<(), IndexError> {
        match self.payload()? {
            Some(payload) if payload.schema != schema::SCHEMA_VERSION => {
                Err(IndexError::Incompatible {
                    path: self.dir.clone(),
                    found: format!("schema version {}", payload.schema),
                })
            }
            _ => Ok(()),
        }
    }

    /// Whether the stored analyses were made with `analyser`'s lexicons and
    /// gazetteer, under this motif's analysis rules (false for an index
    /// never synced).
    pub fn is_current(&self, analyser: &Analyser) -> Result<bool, IndexError> {
        self.is_current_for(analyser.lexicons.hash(), analyser.gazetteer.hash())
    }

    /// [`Index::is_current`] from the lexicons' and gazetteer's hashes.
    pub fn is_current_for(&self, lexicons: &str, gazetteer: &str) -> Result<bool, IndexError> {
        Ok(self.payload()?.is_some_and(|p| {
            p.lexicons == lexicons && p.gazetteer == gazetteer && p.analysis == ANALYSIS_REVISION
        }))
    }

    /// The hash of the lexicons the index was tagged with, when they were
    /// read from exactly the bytes `sources` digests
    /// ([`crate::themes::LexiconSet::source_digest`]); `None` when that is
    /// not known, and the lexicons must be read to tell.
    pub fn lexicon_hash_for(&self, sources: &str) -> Result<Option<String>, IndexError> {
        Ok(self
            .payload()?
            .filter(|p| !p.lexicon_sources.is_empty() && p.lexicon_sources == sources)
            .map(|p| p.lexicons))
    }

    /// The number of documents searched and counted (duplicates excluded).
    pub fn num_documents(&self) -> Result<u64, IndexError> {
        let searcher = self.reader.searcher();
        let query = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_u64(self.fields.duplicate, 0),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let n = searcher
            .search(&query, &tantivy::collector::Count)
            .map_err(|e| self.err(e))?;
        Ok(n as u64)
    }

    /// Calls `visit` with the analysis of every indexed document (not the
    /// duplicates), in path order. When the index was built with other
    /// lexicons or another gazetteer than `analyser`'s, each document is
    /// re-analysed from its stored text on the way (nothing is written).
    pub fn for_each_analysis(
        &self,
        analyser: &Analyser,
        mut visit: impl FnMut(Analysis),
    ) -> Result<(), IndexError> {
        self.try_for_each_analysis(analyser, |analysis| {
            visit(analysis);
            Ok::<(), IndexError>(())
        })
    }

    /// [`Index::for_each_analysis`] with a `visit` that can fail; the first
    /// failure stops the walk and is returned.
    pub fn try_for_each_analysis<E: From<IndexError>>(
        &self,
        analyser: &Analyser,
        visit: impl FnMut(Analysis) -> Result<(), E>,
    ) -> Result<(), E> {
        self.try_for_each_mapped(analyser, |analysis| analysis, visit)
    }

    /// Decodes (or re-analyses) every indexed document and passes it
    /// through `map` in parallel, a chunk at a time, then gives the results
    /// to `visit` in path order: the costly per-document work runs on
    /// every core while memory stays flat however large the index. The
    /// first failure stops the walk and is returned.
    pub fn try_for_each_mapped<T: Send, E: From<IndexError>>(
        &self,
        analyser: &Analyser,
        map: impl Fn(Analysis) -> T + Sync,
        visit: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        self.try_for_each_mapped_or(analyser, |_| None, |analysis, _| map(analysis), visit)
    }

    /// [`Index::try_for_each_mapped`], except that a document for which
    /// `shortcut` gives a result (from what the caller kept of an earlier
    /// walk, say) is neither read nor decoded: `visit` gets that result
    /// in its place. `shortcut` sees the stored file's [`StoredKey`], whose
    /// `record` changes whenever anything stored for the file does.
    pub fn try_for_each_mapped_or<T: Send, E: From<IndexError>>(
        &self,
        analyser: &Analyser,
        shortcut: impl Fn(&StoredKey<'_>) -> Option<T> + Sync,
        map: impl Fn(Analysis, &StoredKey<'_>) -> T + Sync,
        mut visit: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        let stale = Stale::of(self.payload()?.as_ref(), analyser);
        let searcher = self.reader.searcher();
        let stored = sync::stored_files(&searcher, &self.dir)?;
        let files: Vec<&sync::StoredFile> = stored.values().filter(|f| !f.duplicate).collect();
        // A stale index's stored analyses are not what `analyser` would
        // give, so nothing kept from them may stand in.
        let fresh = stale == Stale::Nothing;
        // The next chunk is mapped while this one is visited: `visit` runs
        // in order on this thread and would otherwise leave the other cores
        // idle between chunks. One chunk waits at most, so memory stays flat.
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel(1);
            let searcher = &searcher;
            let (map, shortcut) = (&map, &shortcut);
            scope.spawn(move || {
                for chunk in files.chunks(LOAD_CHUNK) {
                    let mapped: Vec<Result<T, IndexError>> = chunk
                        .par_iter()
                        .map(|file| {
                            let key = StoredKey {
                                path: &file.path,
                                doc_id: &file.doc_id,
                                record: file.record,
                            };
                            match fresh.then(|| shortcut(&key)).flatten() {
                                Some(kept) => Ok(kept),
                                None => self
                                    .load(searcher, file, stale, analyser)
                                    .map(|analysis| map(analysis, &key)),
                            }
                        })
                        .collect();
                    // A closed channel means the walk stopped on a failure.
                    if sender.send(mapped).is_err() {
                        return;
                    }
                }
            });
            for mapped in receiver {
                for item in mapped {
                    visit(item?)?;
                }
            }
            Ok(())
        })
    }

    /// One stored file's analysis for `analyser`: as stored when nothing is
    /// `stale`, re-tagged when only the lexicons changed, else made again
    /// from its stored text (as for a file stored as a duplicate, which
    /// has no stored analysis).
    fn load(
        &self,
        searcher: &tantivy::Searcher,
        file: &sync::StoredFile,
        stale: Stale,
        analyser: &Analyser,
    ) -> Result<Analysis, IndexError> {
        let doc: TantivyDocument = searcher.doc(file.address).map_err(|e| self.err(e))?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        };
        let stored_err = |source| IndexError::Stored {
            path: self.dir.clone(),
            doc: file.path.clone(),
            source,
        };
        let document_json = text(self.fields.document);
        if stale == Stale::Everything || file.duplicate {
            let mut document: crate::corpus::Document =
                serde_json::from_str(document_json).map_err(stored_err)?;
            document.duplicate_of = None;
            return Ok(analyser.analyse(document));
        }
        let analysis = schema::analysis_from_json(document_json, text(self.fields.analysis))
            .map_err(stored_err)?;
        Ok(match stale {
            Stale::Themes => analyser.retag(analysis),
            _ => analysis,
        })
    }

    /// The opstamp of the index's last commit: it changes exactly when a
    /// sync changed something, so outputs can say which commit they show.
    pub fn generation(&self) -> Result<u64, IndexError> {
        let metas = self.index.load_metas().map_err(|e| self.err(e))?;
        Ok(metas.opstamp)
    }

    /// The documents kept only as copies of an earlier file (same text
    /// under another name), in path order: listed in `documents.csv`, never
    /// counted.
    pub fn duplicates(&self) -> Result<Vec<crate::corpus::Document>, IndexError> {
        let searcher = self.reader.searcher();
        let stored = sync::stored_files(&searcher, &self.dir)?;
        let mut out = Vec::new();
        for file in stored.values().filter(|f| f.duplicate) {
            let doc: TantivyDocument = searcher.doc(file.address).map_err(|e| self.err(e))?;
            let json = doc
                .get_first(self.fields.document)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let document = serde_json::from_str(json).map_err(|source| IndexError::Stored {
                path: self.dir.clone(),
                doc: file.path.clone(),
                source,
            })?;
            out.push(document);
        }
        Ok(out)
    }

    /// Every indexed document's analysis, in path order (see
    /// [`Index::for_each_analysis`], which keeps memory flat).
    pub fn analyses(&self, analyser: &Analyser) -> Result<Vec<Analysis>, IndexError> {
        let mut out = Vec::new();
        self.for_each_analysis(analyser, |a| out.push(a))?;
        Ok(out)
    }
}

fn tantivy_error(dir: &Path, source: TantivyError) -> IndexError {
    IndexError::Tantivy {
        path: dir.to_path_buf(),
        source,
    }
}

/// `open_or_create` refuses an index whose schema differs from ours: that
/// is an index from another motif version, which deserves its own message.
fn schema_error(dir: &Path, source: TantivyError) -> IndexError {
    match source {
        TantivyError::SchemaError(message) => IndexError::Incompatible {
            path: dir.to_path_buf(),
            found: message,
        },
        other => tantivy_error(dir, other),
    }
}
