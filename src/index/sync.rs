//! Bringing the index in line with a corpus folder, incrementally.
//!
//! Takes a corpus listing (path, length, modification time per file) and
//! what the last commit stored, and gives one atomic commit that reads and
//! analyses only new or changed files, deletes removed ones, keeps exactly
//! one searchable copy of repeated texts (the first in path order), and
//! re-tags every stored document from its stored text when the lexicons or
//! gazetteer changed. Nothing is visible until the single commit at the end.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::schema::{self, FileStamp, Record};
use super::{Index, IndexError, Payload, Stale};
use crate::corpus::{self, CorpusOptions, Listing, Manifest, ReadOutcome, Skipped, SourceFile};
use crate::pipeline::Analyser;
use crate::progress::Progress;
use crate::themes::screen::{Screen, Sketch};

/// Files read and analysed at once: enough to keep every core busy,
/// few enough that memory stays flat on any corpus.
const CHUNK: usize = 256;

/// What re-tagging one stored file came to.
enum Retagged {
    /// Its record to write again.
    Changed(Box<Pending>),
    /// Re-tagged, with the tags it had.
    Same,
    /// Held back by the lexicon edit's screen: it cannot have changed.
    Screened,
}

/// What one [`Index::sync`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncStats {
    /// Files new to the index.
    pub added: usize,
    /// Files whose length or modification time changed (re-read).
    pub changed: usize,
    /// Files gone from the corpus (or no longer readable).
    pub removed: usize,
    pub unchanged: usize,
    /// Stored documents re-analysed because the lexicons or gazetteer changed.
    pub retagged: usize,
    /// Stored documents a lexicon edit could not change (they hold none of
    /// the entries it added or removed), so not re-tagged.
    pub screened: usize,
    /// Files whose text repeats an earlier file's (kept, never searched).
    pub duplicates: usize,
    /// Files passed over (listed or read), each reported as a warning.
    pub skipped: usize,
}

impl std::fmt::Display for SyncStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} changed, {} removed, {} unchanged, {} re-tagged",
            self.added, self.changed, self.removed, self.unchanged, self.retagged,
        )?;
        if self.screened > 0 {
            write!(f, " ({} hold no edited lexicon entry)", self.screened)?;
        }
        write!(
            f,
            ", {} duplicates, {} skipped",
            self.duplicates, self.skipped
        )
    }
}

/// What the last commit holds for one file.
#[derive(Debug, Clone)]
pub(super) struct StoredFile {
    pub path: String,
    pub doc_id: String,
    pub len: u64,
    pub modified: u64,
    pub duplicate: bool,
    /// The stored record's fingerprint (see [`schema::Fields::record`]).
    pub record: u64,
    pub address: DocAddress,
}

/// Where documents come from: the corpus folder, or a stand-in in tests.
pub(super) trait Source: Sync {
    fn list(&self) -> Result<Listing, IndexError>;
    fn read(&self, file: &SourceFile) -> Result<ReadOutcome, Skipped>;
    /// Changes whenever per-file metadata from outside the files changes.
    fn fingerprint(&self) -> String;
    /// Problems with the metadata given for `files` (manifest rows that
    /// name no file).
    fn metadata_warnings(&self, _files: &[SourceFile]) -> Vec<String> {
        Vec::new()
    }
}

/// The real corpus: files under a root, with its manifest.
struct CorpusSource<'a> {
    root: &'a Path,
    options: &'a CorpusOptions,
    manifest: Manifest,
    manifest_path: PathBuf,
}

impl Source for CorpusSource<'_> {
    fn list(&self) -> Result<Listing, IndexError> {
        Ok(corpus::list_files(self.root, self.options)?)
    }

    fn read(&self, file: &SourceFile) -> Result<ReadOutcome, Skipped> {
        corpus::read_document(file, &self.manifest)
    }

    fn metadata_warnings(&self, files: &[SourceFile]) -> Vec<String> {
        self.manifest.unmatched(files)
    }

    fn fingerprint(&self) -> String {
        // A manifest edit changes titles and dates without touching any
        // text file, and new reading rules (a furniture phrase) change the
        // text read from unchanged files: either must invalidate every
        // stored document.
        let manifest = std::fs::read(&self.manifest_path).ok();
        source_fingerprint(manifest.as_deref(), &corpus::reading_fingerprint())
    }
}

/// The corpus's per-file metadata fingerprint: the manifest's bytes (if
/// there is one) and the reading rules' fingerprint.
pub(super) fn source_fingerprint(manifest: Option<&[u8]>, reading: &str) -> String {
    let manifest = manifest
        .map(|bytes| blake3::hash(bytes).to_hex()[..16].to_string())
        .unwrap_or_default();
    format!("{manifest}+{reading}")
}

/// Reads what the searcher's commit stores for every live file, by path.
pub(super) fn stored_files(
    searcher: &Searcher,
    dir: &Path,
) -> Result<BTreeMap<String, StoredFile>, IndexError> {
    let err = |source| super::tantivy_error(dir, source);
    let mut out = BTreeMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let (Some(paths), Some(ids)) = (
            fast.str("path").map_err(err)?,
            fast.str("doc_id").map_err(err)?,
        ) else {
            continue;
        };
        let lens = fast.u64("file_len").map_err(err)?;
        let mtimes = fast.u64("file_modified").map_err(err)?;
        let dups = fast.u64("duplicate").map_err(err)?;
        let records = fast.u64("record").map_err(err)?;
        // Decoding the dictionary once, in order, is far cheaper than one
        // `ord_to_str` lookup per document.
        let terms = |column: &tantivy::columnar::StrColumn| -> Result<Vec<String>, IndexError> {
            let mut out = Vec::with_capacity(column.dictionary().num_terms());
            let mut stream = column.dictionary().stream().map_err(|e| err(e.into()))?;
            while stream.advance() {
                out.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
            Ok(out)
        };
        let (path_terms, id_terms) = (terms(&paths)?, terms(&ids)?);
        let text = |column: &tantivy::columnar::StrColumn, terms: &[String], doc| {
            column
                .term_ords(doc)
                .next()
                .and_then(|ord| terms.get(usize::try_from(ord).ok()?))
                .cloned()
                .unwrap_or_default()
        };
        for doc in segment.doc_ids_alive() {
            let path = text(&paths, &path_terms, doc);
            let file = StoredFile {
                doc_id: text(&ids, &id_terms, doc),
                len: lens.first(doc).unwrap_or(0),
                modified: mtimes.first(doc).unwrap_or(0),
                duplicate: dups.first(doc).unwrap_or(0) == 1,
                record: records.first(doc).unwrap_or(0),
                address: DocAddress::new(ord as u32, doc),
                path: path.clone(),
            };
            out.insert(path, file);
        }
    }
    Ok(out)
}

/// A file to (re)write, with what goes in it.
pub(super) struct Pending {
    pub stamp: FileStamp,
    pub record: Record,
}

impl Index {
    /// Brings the index in line with the corpus under `root` and commits
    /// once. Needs the writer lock ([`Index::open`]).
    pub fn sync(
        &mut self,
        root: &Path,
        corpus_options: &CorpusOptions,
        analyser: &Analyser,
        progress: &dyn Progress,
    ) -> Result<SyncStats, IndexError> {
        let manifest = corpus::load_manifest(root, corpus_options)?;
        for warning in &manifest.warnings {
            progress.warn(warning);
        }
        let manifest_path = corpus_options
            .manifest
            .clone()
            .unwrap_or_else(|| root.join("manifest.csv"));
        let source = CorpusSource {
            root,
            options: corpus_options,
            manifest,
            manifest_path,
        };
        self.sync_from(&source, analyser, progress)
    }

    pub(super) fn sync_from(
        &mut self,
        source: &dyn Source,
        analyser: &Analyser,
        progress: &dyn Progress,
    ) -> Result<SyncStats, IndexError> {
        let result = self.sync_uncommitted(source, analyser, progress);
        if result.is_err() {
            // Drop the half-done work so a later sync on this handle cannot
            // commit it; the last commit stays what readers see.
            if let Some(writer) = self.writer.as_mut() {
                let _ = writer.rollback();
            }
        }
        result
    }

    fn sync_uncommitted(
        &mut self,
        source: &dyn Source,
        analyser: &Analyser,
        progress: &dyn Progress,
    ) -> Result<SyncStats, IndexError> {
        if self.writer.is_none() {
            return Err(IndexError::ReadOnly {
                path: self.dir.clone(),
            });
        }
        let mut stats = SyncStats::default();
        let previous = self.payload()?;
        let payload = Payload {
            schema: schema::SCHEMA_VERSION,
            lexicons: analyser.lexicons.hash().to_string(),
            gazetteer: analyser.gazetteer.hash().to_string(),
            manifest: source.fingerprint(),
            analysis: crate::pipeline::ANALYSIS_REVISION,
            lexicon_sources: analyser.lexicons.sources().unwrap_or_default().to_string(),
        };
        let stale = Stale::of(previous.as_ref(), analyser);
        let sketch = Sketch::of(&analyser.lexicons);
        let screen = match (stale, &previous) {
            (Stale::Themes, Some(previous)) => self.screen(&previous.lexicons, &sketch),
            _ => None,
        };
        let metadata_changed = previous
            .as_ref()
            .is_some_and(|p| p.manifest != payload.manifest);

        let searcher = self.reader.searcher();
        // Listing the corpus waits on the file system, reading the stored
        // stamps on the index: side by side they take the time of the longer.
        let (stored, listing) =
            rayon::join(|| stored_files(&searcher, &self.dir), || source.list());
        let (mut stored, listing) = (stored?, listing?);
        for skipped in &listing.skipped {
            progress.warn(&format!("skipped {}: {}", skipped.path, skipped.reason));
        }
        for warning in source.metadata_warnings(&listing.files) {
            progress.warn(&warning);
        }
        stats.skipped += listing.skipped.len();

        // Sort the corpus into unchanged files and files to read.
        let mut to_read = Vec::new();
        let mut unchanged = BTreeMap::new();
        for file in listing.files {
            match stored.remove(&file.path) {
                Some(s)
                    if s.len == file.len && s.modified == file.modified && !metadata_changed =>
                {
                    unchanged.insert(s.path.clone(), s);
                }
                Some(_) => {
                    stats.changed += 1;
                    self.delete_path(&file.path);
                    to_read.push(file);
                }
                None => {
                    stats.added += 1;
                    to_read.push(file);
                }
            }
        }
        // What is left in `stored` is no longer in the corpus.
        for path in stored.keys() {
            stats.removed += 1;
            self.delete_path(path);
        }
        stats.unchanged = unchanged.len();

        // The first path holding each text; files are read in path order, so
        // a new file's duplicate status is final when it is read.
        let mut first_path: HashMap<String, String> = HashMap::new();
        for s in unchanged.values() {
            first_path.entry(s.doc_id.clone()).or_insert(s.path.clone());
        }

        progress.stage("reading", to_read.len() as u64);
        for chunk in to_read.chunks(CHUNK) {
            let outcomes: Vec<_> = chunk
                .par_iter()
                .map(|file| {
                    let outcome = source.read(file);
                    progress.advance(1);
                    outcome
                })
                .collect();
            let mut pending = Vec::new();
            for (file, outcome) in chunk.iter().zip(outcomes) {
                let outcome = match outcome {
                    Ok(outcome) => outcome,
                    Err(skipped) => {
                        progress.warn(&format!("skipped {}: {}", skipped.path, skipped.reason));
                        stats.skipped += 1;
                        continue;
                    }
                };
                for warning in &outcome.warnings {
                    progress.warn(warning);
                }
                let mut document = outcome.document;
                let stamp = FileStamp {
                    path: file.path.clone(),
                    len: file.len,
                    modified: file.modified,
                };
                let first = first_path
                    .entry(document.id.clone())
                    .or_insert(file.path.clone());
                if *first < file.path {
                    document.duplicate_of = Some(document.id.clone());
                    pending.push((stamp, Err(document)));
                } else {
                    *first = file.path.clone();
                    document.duplicate_of = None;
                    pending.push((stamp, Ok(document)));
                }
            }
            let analysed: Vec<Pending> = pending
                .into_par_iter()
                .map(|(stamp, document)| Pending {
                    stamp,
                    record: match document {
                        Ok(document) => Record::Original(analyser.analyse(document)),
                        Err(document) => Record::Duplicate(document),
                    },
                })
                .collect();
            self.add_all(analysed, analyser)?;
        }
        progress.finish();

        // Unchanged files: re-tag when stale, and fix duplicate status when
        // the first copy of their text moved.
        let mut rewrite = Vec::new();
        for s in unchanged.values() {
            let duplicate = first_path.get(&s.doc_id).is_some_and(|p| *p < s.path);
            if duplicate != s.duplicate || (stale != Stale::Nothing && !duplicate) {
                rewrite.push((s, duplicate));
            }
        }
        progress.stage("re-tagging", rewrite.len() as u64);
        for chunk in rewrite.chunks(CHUNK) {
            let outcomes = chunk
                .par_iter()
                .map(|&(s, duplicate)| {
                    let outcome =
                        self.retag(&searcher, s, duplicate, stale, screen.as_ref(), analyser);
                    progress.advance(1);
                    outcome
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut analysed = Vec::new();
            for (&(s, duplicate), outcome) in chunk.iter().zip(outcomes) {
                match outcome {
                    Retagged::Screened => stats.screened += 1,
                    _ => stats.retagged += usize::from(!duplicate),
                }
                // Else the index already holds what the new lexicons give.
                if let Retagged::Changed(pending) = outcome {
                    self.delete_path(&s.path);
                    analysed.push(*pending);
                }
            }
            self.add_all(analysed, analyser)?;
        }
        progress.finish();

        let work = stats.added + stats.changed + stats.removed + rewrite.len();
        if work > 0 || previous.as_ref() != Some(&payload) {
            self.write_sketch(&sketch);
            self.commit(&payload)?;
        }
        stats.duplicates = self.count_duplicates()?;
        Ok(stats)
    }

    fn delete_path(&self, path: &str) {
        if let Some(writer) = &self.writer {
            writer.delete_term(Term::from_field_text(self.fields.path, path));
        }
    }

    pub(super) fn add_all(
        &self,
        pending: Vec<Pending>,
        analyser: &Analyser,
    ) -> Result<(), IndexError> {
        let Some(writer) = &self.writer else {
            return Err(IndexError::ReadOnly {
                path: self.dir.clone(),
            });
        };
        // Building a document (its stored JSON above all) is the costly
        // part, so it runs on every core; Tantivy's own threads index it.
        let docs = pending
            .into_par_iter()
            .map(|p| {
                self.fields
                    .make_doc(&p.stamp, &p.record, analyser)
                    .map_err(|source| IndexError::Stored {
                        path: self.dir.clone(),
                        doc: p.stamp.path.clone(),
                        source,
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        for doc in docs {
            writer.add_document(doc).map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Rebuilds an unchanged file's record from what the index stored:
    /// its text alone for a duplicate, else its analysis as
    /// [`Index::load`] brings it up to date; nothing when only the themes
    /// are stale and re-tagging changes nothing the index holds.
    fn retag(
        &self,
        searcher: &Searcher,
        s: &StoredFile,
        duplicate: bool,
        stale: Stale,
        screen: Option<&Screen>,
        analyser: &Analyser,
    ) -> Result<Retagged, IndexError> {
        let stamp = FileStamp {
            path: s.path.clone(),
            len: s.len,
            modified: s.modified,
        };
        if stale == Stale::Themes && !duplicate && !s.duplicate {
            return self.themes_changed(searcher, s, stamp, screen, analyser);
        }
        let record = if duplicate {
            let doc: TantivyDocument = searcher.doc(s.address).map_err(|e| self.err(e))?;
            let json = doc
                .get_first(self.fields.document)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let mut document: crate::corpus::Document =
                serde_json::from_str(json).map_err(|source| IndexError::Stored {
                    path: self.dir.clone(),
                    doc: s.path.clone(),
                    source,
                })?;
            document.duplicate_of = Some(document.id.clone());
            Record::Duplicate(document)
        } else {
            Record::Original(self.load(searcher, s, stale, analyser)?)
        };
        Ok(Retagged::Changed(Box::new(Pending { stamp, record })))
    }

    /// `s`'s record with its analysis re-tagged with `analyser`'s
    /// lexicons, unless `screen` holds it back or re-tagging changes
    /// nothing the index holds (the same mentions and suppressed matches
    /// under the same theme ids and names). A lexicon edit touches few
    /// documents (a new term is in some, an edited cue decides a few
    /// mentions): re-indexing the text of every other one was most of a
    /// re-tag, and then tagging it again.
    fn themes_changed(
        &self,
        searcher: &Searcher,
        s: &StoredFile,
        stamp: FileStamp,
        screen: Option<&Screen>,
        analyser: &Analyser,
    ) -> Result<Retagged, IndexError> {
        let doc: TantivyDocument = searcher.doc(s.address).map_err(|e| self.err(e))?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        };
        let stored_err = |source| IndexError::Stored {
            path: self.dir.clone(),
            doc: s.path.clone(),
            source,
        };
        if let Some(screen) = screen {
            let body = schema::body_from_json(text(self.fields.document)).map_err(stored_err)?;
            if !screen.may_change(&body) {
                return Ok(Retagged::Screened);
            }
        }
        let analysis =
            schema::analysis_from_json(text(self.fields.document), text(self.fields.analysis))
                .map_err(stored_err)?;
        let before = analysis.tagged.clone();
        let analysis = analyser.retag(analysis);
        let stored: BTreeSet<&str> = doc
            .get_all(self.fields.theme)
            .filter_map(|v| v.as_str())
            .collect();
        let themes = analyser.lexicons.themes();
        let now: BTreeSet<String> = analysis
            .tagged
            .mentions
            .iter()
            .filter_map(|m| themes.get(usize::from(m.theme.0)))
            .map(|t| t.id.to_lowercase())
            .collect();
        let same_names =
            stored.len() == now.len() && now.iter().all(|n| stored.contains(n.as_str()));
        Ok(if analysis.tagged != before || !same_names {
            Retagged::Changed(Box::new(Pending {
                stamp,
                record: Record::Original(analysis),
            }))
        } else {
            Retagged::Same
        })
    }

    pub(super) fn commit(&mut self, payload: &Payload) -> Result<(), IndexError> {
        let dir = self.dir.clone();
        let err = |e| super::tantivy_error(&dir, e);
        let Some(writer) = self.writer.as_mut() else {
            return Err(IndexError::ReadOnly { path: dir.clone() });
        };
        let text = serde_json::to_string(payload).map_err(|source| IndexError::Stored {
            path: dir.clone(),
            doc: "commit payload".to_string(),
            source,
        })?;
        let mut prepared = writer.prepare_commit().map_err(err)?;
        prepared.set_payload(&text);
        prepared.commit().map_err(err)?;
        self.reader.reload().map_err(err)?;
        Ok(())
    }

    fn count_duplicates(&self) -> Result<usize, IndexError> {
        let searcher = self.reader.searcher();
        let query = tantivy::query::TermQuery::new(
            Term::from_field_u64(self.fields.duplicate, 1),
            tantivy::schema::IndexRecordOption::Basic,
        );
        searcher
            .search(&query, &tantivy::collector::Count)
            .map_err(|e| self.err(e))
    }
}
