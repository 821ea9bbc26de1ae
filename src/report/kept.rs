//! Each document's report rows, kept from one run to the next.
//!
//! A run records, in `.motif-rows` beside the reports (staged and committed
//! with them), what each document contributed: its `documents.csv` row,
//! its judgements, its share of the counts, its evidence rows for the
//! workbook and the page, and where its lines lie in `evidence.csv` and
//! `suppressed.csv`. The next run into the same folder takes a document's
//! part from there instead of reading, decoding and reporting it again
//! whenever nothing about it can have changed: the same path, the same
//! stored record in the index (its fingerprint changes whenever the file,
//! its analysis or its tags do) and the same names and CSV options. Its
//! CSV lines are then copied from the old files by the kernel, a run of
//! unchanged documents at a time, so adding one file to a large corpus, or
//! a lexicon edit that changes the tags of few documents, costs little
//! more than copying the reports.
//!
//! The file is only ever a shortcut: one that is missing, from another
//! version of motif, damaged, or beside reports edited since is passed
//! over and every document is reported afresh, with the same result.
//!
//! Layout: `MAGIC` and the 32-byte [`key`]; then per document a
//! postcard `Meta` followed by its evidence rows (postcard); then the
//! `Directory` (postcard), its length (8 bytes, little-endian) and
//! `MAGIC` again.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::atomic::{Batch, Staged};
use super::documents::DocumentRow;
use super::evidence::EvidenceRow;
use super::judgements::JudgementRow;
use super::stream::{CellKey, Evidence, Prepared, Rows, Written};
use super::{CsvOptions, ReportError, EVIDENCE, SUPPRESSED};
use crate::counts::{Counts, Labels};

/// The kept rows' file name in the reports folder.
pub const FILE: &str = ".motif-rows";

/// Starts and ends the file; the digit is the layout's version.
const MAGIC: &[u8; 8] = b"MOTIFRW2";

/// Bytes before the first document: `MAGIC` and the key.
const HEAD: u64 = 40;

/// What every kept row depends on besides the document itself: motif's
/// version (its report code), the names rows print and the CSV options.
/// Rows made under another key are never used.
pub fn key(labels: &Labels, options: CsvOptions) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(MAGIC);
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    // Postcard cannot fail on these plain types; an empty encoding would
    // only make the key differ from every stored one.
    hasher.update(&postcard::to_stdvec(labels).unwrap_or_default());
    hasher.update(&[u8::from(options.raw), u8::from(options.bom)]);
    *hasher.finalize().as_bytes()
}

/// One document's part of the reports, except its CSV lines.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    document: DocumentRow,
    judgements: Vec<JudgementRow>,
    counts: Counts,
    /// The page cells of its evidence rows, each once: whether the page
    /// could want any of its rows is known without decoding them.
    cells: Vec<CellKey>,
    evidence_rows: u64,
}

/// Where one document's part is, in this file and in the CSV reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    path: String,
    record: u64,
    /// Its `Meta`, then its encoded evidence rows.
    offset: u64,
    meta_len: u64,
    rows_len: u64,
    evidence: (u64, u64),
    suppressed: (u64, u64),
}

/// The end of the file: every entry, and the CSV reports written with it
/// as they were then (length and modification time), so that reports
/// edited or replaced since are never copied from.
#[derive(Debug, Serialize, Deserialize)]
struct Directory {
    evidence: (u64, u64),
    suppressed: (u64, u64),
    entries: Vec<Entry>,
}

/// A document's part, ready to keep: its meta and rows encoded. `None`
/// when its CSV lines could not be made (the run reports that failure).
#[derive(Debug)]
pub struct Fresh {
    meta: Vec<u8>,
    rows: Vec<u8>,
}

/// Encodes a newly prepared document's part for the next run.
pub fn encode(prepared: &Prepared, counts: &Counts) -> Option<Fresh> {
    let Evidence::Rows(rows) = &prepared.evidence else {
        return None;
    };
    let mut cells: Vec<CellKey> = Vec::new();
    for row in rows {
        let cell = super::stream::cell_key(row);
        if !cells.contains(&cell) {
            cells.push(cell);
        }
    }
    let meta = Meta {
        document: prepared.document.clone(),
        judgements: prepared.judgements.clone(),
        counts: counts.clone(),
        cells,
        evidence_rows: rows.len() as u64,
    };
    Some(Fresh {
        meta: postcard::to_stdvec(&meta).ok()?,
        rows: postcard::to_stdvec(rows).ok()?,
    })
}

/// Evidence rows kept by the last run, read only when wanted.
#[derive(Debug)]
pub struct KeptRows {
    file: Arc<File>,
    offset: u64,
    len: u64,
}

impl KeptRows {
    /// Reads and decodes the rows; `None` if they cannot be.
    pub fn read(&self) -> Option<Vec<EvidenceRow>> {
        let mut bytes = vec![0u8; usize::try_from(self.len).ok()?];
        read_at(&self.file, &mut bytes, self.offset).ok()?;
        postcard::from_bytes(&bytes).ok()
    }
}

/// A document's part taken from the last run.
#[derive(Debug)]
pub struct Reused {
    pub prepared: Prepared,
    pub counts: Counts,
    /// Its meta and rows in the last run's file, to copy as they are:
    /// offset, meta length, rows length.
    at: (u64, u64, u64),
}

/// A document's part as [`Keeper::keep`] takes it.
#[derive(Debug)]
pub enum Part {
    Fresh(Fresh),
    Reused((u64, u64, u64)),
}

impl Reused {
    /// What to give [`Keeper::keep`] for this document.
    pub fn part(&self) -> Part {
        Part::Reused(self.at)
    }
}

/// The parts the last run into a folder kept, by path, with that run's
/// CSV reports open to copy lines from.
#[derive(Debug)]
pub struct Previous {
    file: Arc<File>,
    entries: HashMap<String, Entry>,
    /// Where its directory starts, and the directory's hash.
    directory: (u64, [u8; 32]),
    /// The last run's `evidence.csv` and `suppressed.csv`.
    pub evidence: File,
    pub suppressed: File,
}

impl Previous {
    /// The parts kept in `out` under `key`; `None` when there are none
    /// usable (missing, made under another key, unreadable, or the CSV
    /// reports beside them are not the ones written with them).
    pub fn open(out: &Path, key: &[u8; 32]) -> Option<Previous> {
        let file = File::open(out.join(FILE)).ok()?;
        let size = file.metadata().ok()?.len();
        let mut head = [0u8; HEAD as usize];
        read_at(&file, &mut head, 0).ok()?;
        if &head[..8] != MAGIC || head[8..] != key[..] || size < HEAD + 16 {
            return None;
        }
        let mut tail = [0u8; 16];
        read_at(&file, &mut tail, size - 16).ok()?;
        let (len, magic) = tail.split_at(8);
        let len = u64::from_le_bytes(len.try_into().ok()?);
        if magic != MAGIC || len > size - HEAD - 16 {
            return None;
        }
        let mut directory = vec![0u8; usize::try_from(len).ok()?];
        read_at(&file, &mut directory, size - 16 - len).ok()?;
        let directory_at = (size - 16 - len, *blake3::hash(&directory).as_bytes());
        let directory: Directory = postcard::from_bytes(&directory).ok()?;
        let open = |name: &str, stamp: (u64, u64)| {
            let file = File::open(out.join(name)).ok()?;
            (file_stamp(&file)? == stamp).then_some(file)
        };
        let evidence = open(EVIDENCE, directory.evidence)?;
        let suppressed = open(SUPPRESSED, directory.suppressed)?;
        let entries = directory
            .entries
            .into_iter()
            .map(|e| (e.path.clone(), e))
            .collect();
        Some(Previous {
            file: Arc::new(file),
            entries,
            directory: directory_at,
            evidence,
            suppressed,
        })
    }

    /// The part kept for the file at `path` if it was made from the stored
    /// record `record`; `None` otherwise, or if it cannot be read (the
    /// document is then reported afresh).
    pub fn reuse(&self, path: &str, record: u64) -> Option<Reused> {
        let entry = self.entries.get(path)?;
        if entry.record != record {
            return None;
        }
        let mut bytes = vec![0u8; usize::try_from(entry.meta_len).ok()?];
        read_at(&self.file, &mut bytes, entry.offset).ok()?;
        let meta: Meta = postcard::from_bytes(&bytes).ok()?;
        let rows = KeptRows {
            file: Arc::clone(&self.file),
            offset: entry.offset + entry.meta_len,
            len: entry.rows_len,
        };
        let prepared = Prepared {
            document: meta.document,
            judgements: meta.judgements,
            evidence: Evidence::Kept {
                cells: meta.cells,
                rows: meta.evidence_rows,
                kept: rows,
            },
            evidence_csv: Rows::Kept(entry.evidence),
            suppressed_csv: Rows::Kept(entry.suppressed),
        };
        Some(Reused {
            prepared,
            counts: meta.counts,
            at: (entry.offset, entry.meta_len, entry.rows_len),
        })
    }
}

/// This run's parts, written as it goes and staged with the reports.
#[derive(Debug)]
pub struct Keeper {
    out: Spliced,
    entries: Vec<Entry>,
    /// Where the last run's directory starts and its hash.
    previous: Option<(u64, [u8; 32])>,
}

impl Keeper {
    /// Starts `.motif-rows` in `out` for parts made under `key`, copying
    /// from `previous`'s file what is kept again.
    pub fn new(
        out: &Path,
        key: &[u8; 32],
        previous: Option<&Previous>,
    ) -> Result<Keeper, ReportError> {
        let source = previous.and_then(|p| p.file.try_clone().ok());
        let head = [&MAGIC[..], &key[..]].concat();
        Ok(Keeper {
            out: Spliced::new(&out.join(FILE), &head, source)?,
            entries: Vec::new(),
            previous: previous.map(|p| p.directory),
        })
    }

    /// Keeps one document's part, with where `written` put its CSV lines.
    /// Call in path order.
    pub fn keep(
        &mut self,
        path: &str,
        record: u64,
        part: &Part,
        written: &Written,
    ) -> Result<(), ReportError> {
        let (offset, meta_len, rows_len) = match part {
            Part::Fresh(fresh) => {
                let (offset, _) = self.out.append(&fresh.meta)?;
                self.out.append(&fresh.rows)?;
                (offset, fresh.meta.len() as u64, fresh.rows.len() as u64)
            }
            &Part::Reused((from, meta_len, rows_len)) => {
                let (offset, _) = self.out.copy(from, meta_len + rows_len)?;
                (offset, meta_len, rows_len)
            }
        };
        self.entries.push(Entry {
            path: path.to_string(),
            record,
            offset,
            meta_len,
            rows_len,
            evidence: written.evidence,
            suppressed: written.suppressed,
        });
        Ok(())
    }

    /// Starts the copy still pending from the last run's file now, so that
    /// it runs beside the other reports' work. A file that may still come
    /// out as the old one whole is left for [`Self::finish`] to judge.
    pub fn flush_copies(&mut self) -> Result<(), ReportError> {
        if self.out.touched {
            self.out.flush_pending()?;
        }
        Ok(())
    }

    /// Ends the file with its directory, naming the CSV reports by their
    /// `stamps` as staged in `batch`, and stages it there too.
    pub fn finish(self, batch: &mut Batch, out: &Path) -> Result<(), ReportError> {
        let stamp = |name: &str| batch.stamp(&out.join(name)).unwrap_or((0, 0));
        let directory = Directory {
            evidence: stamp(EVIDENCE),
            suppressed: stamp(SUPPRESSED),
            entries: self.entries,
        };
        let mut out = self.out;
        let bytes = postcard::to_stdvec(&directory)
            .map_err(|e| out.error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
        // Every part reused in order, with the same lines in reports left
        // as they were: the file would be the last one again.
        let repeats = self.previous.is_some_and(|(at, hash)| {
            out.repeats_source(at) && *blake3::hash(&bytes).as_bytes() == hash
        });
        if !repeats {
            out.append(&bytes)?;
            out.append(&(bytes.len() as u64).to_le_bytes())?;
            out.append(MAGIC)?;
        }
        out.stage_in(batch, repeats)
    }
}

/// A staged report made of new bytes and ranges of the report it
/// replaces. Adjacent ranges are copied together, in the kernel where it
/// can (`copy_file_range`), so a long run of unchanged documents is one
/// copy that never passes through this process; and a report that comes
/// out as the old one whole is not copied at all ([`Self::stage_in`]).
#[derive(Debug)]
pub struct Spliced {
    staged: Staged,
    /// Shared with its copier: one open file however many copies.
    source: Option<Arc<File>>,
    /// What the file starts with (a CSV header, or `MAGIC` and the key).
    head: Vec<u8>,
    /// A range of `source` still to copy.
    pending: Option<(u64, u64)>,
    /// Bytes in the file so far, pending copy included.
    len: u64,
    /// Something other than one copy of the source was put after the head.
    touched: bool,
}

impl Spliced {
    /// Starts the staged report for `path` with `head`, copying ranges
    /// from `source`.
    pub fn new(path: &Path, head: &[u8], source: Option<File>) -> Result<Spliced, ReportError> {
        let mut staged = Staged::create(path)?;
        staged.write_all(head).map_err(|source| ReportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Spliced {
            staged,
            source: source.map(Arc::new),
            head: head.to_vec(),
            pending: None,
            len: head.len() as u64,
            touched: false,
        })
    }

    /// Copies later ranges from `source`.
    pub fn copy_from(&mut self, source: File) {
        self.source = Some(Arc::new(source));
    }

    /// Appends `bytes`; returns where they are in the new file.
    pub fn append(&mut self, bytes: &[u8]) -> Result<(u64, u64), ReportError> {
        if bytes.is_empty() {
            return Ok(self.grow(0));
        }
        self.flush_pending()?;
        self.touched = true;
        self.staged
            .write_all(bytes)
            .map_err(|source| self.error(source))?;
        Ok(self.grow(bytes.len() as u64))
    }

    /// Appends `len` bytes of the source from `offset`; returns where they
    /// are in the new file.
    pub fn copy(&mut self, offset: u64, len: u64) -> Result<(u64, u64), ReportError> {
        match &mut self.pending {
            Some((start, pending)) if *start + *pending == offset => *pending += len,
            _ => {
                self.flush_pending()?;
                self.pending = Some((offset, len));
            }
        }
        Ok(self.grow(len))
    }

    /// Whether the file so far is, byte for byte, the source's first `end`
    /// bytes: the same head, then the rest of them copied in one range in
    /// order, nothing else. This is what a run that reuses every document
    /// as it was writes.
    pub fn repeats_source(&self, end: u64) -> bool {
        let head = self.head.len() as u64;
        let Some(source) = &self.source else {
            return false;
        };
        // Nothing copied at all is the empty range after the head.
        let copied = self.pending.unwrap_or((head, 0));
        if self.touched || end < head || copied != (head, end - head) {
            return false;
        }
        let mut start = vec![0u8; self.head.len()];
        read_at(source, &mut start, 0).is_ok() && start == self.head
    }

    /// Whether the file so far is its source whole.
    pub fn repeats_whole_source(&self) -> bool {
        self.source
            .as_ref()
            .and_then(|source| source.metadata().ok())
            .is_some_and(|meta| self.repeats_source(meta.len()))
    }

    /// Stages the finished file in `batch`; when it `repeats` its source
    /// whole (which must then be the report in place), the report is left
    /// as it is and the staged copy dropped.
    pub fn stage_in(mut self, batch: &mut Batch, repeats: bool) -> Result<(), ReportError> {
        if repeats {
            batch.keep_unchanged(self.staged.path());
            return Ok(());
        }
        self.flush_pending()?;
        batch.add(self.staged)
    }

    fn grow(&mut self, len: u64) -> (u64, u64) {
        let at = self.len;
        self.len += len;
        (at, len)
    }

    fn flush_pending(&mut self) -> Result<(), ReportError> {
        let Some((offset, len)) = self.pending.take() else {
            return Ok(());
        };
        self.touched = true;
        let Some(source) = &self.source else {
            return Err(self.error(std::io::Error::other("no earlier report to copy rows from")));
        };
        self.staged
            .copy_from(source, offset, len)
            .map_err(|source| self.error(source))
    }

    fn error(&self, source: std::io::Error) -> ReportError {
        ReportError::Io {
            path: self.staged.path().to_path_buf(),
            source,
        }
    }
}

/// A file's length and modification time (nanoseconds since the epoch).
pub fn file_stamp(file: &File) -> Option<(u64, u64)> {
    let meta = file.metadata().ok()?;
    let modified = meta.modified().ok()?;
    let nanos = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((meta.len(), u64::try_from(nanos.as_nanos()).ok()?))
}

/// Reads exactly `buf.len()` bytes at `offset` without moving a cursor, so
/// that every core can read parts from one open file.
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            let n = file.seek_read(&mut buf[done..], offset + done as u64)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[u8] = b"doc_id,theme\n";

    /// A folder holding `report.csv` with `body` after the header, and
    /// that file opened as a source.
    fn report(body: &[u8]) -> (tempfile::TempDir, std::path::PathBuf, File) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("report.csv");
        std::fs::write(&path, [HEADER, body].concat()).expect("write report");
        let source = File::open(&path).expect("open report");
        (dir, path, source)
    }

    fn whole(body: &[u8]) -> u64 {
        (HEADER.len() + body.len()) as u64
    }

    #[test]
    fn copying_every_row_in_order_repeats_the_source() {
        let body = b"a,caseloads\nb,permanence\n";
        let (_dir, path, source) = report(body);
        let mut out = Spliced::new(&path, HEADER, Some(source)).expect("spliced");
        let head = HEADER.len() as u64;
        out.copy(head, 12).expect("first row");
        out.copy(head + 12, 13).expect("second row");
        assert!(out.repeats_source(whole(body)));
        assert!(out.repeats_whole_source());
    }

    #[test]
    fn a_new_row_a_reordering_or_a_gap_does_not_repeat_the_source() {
        let body = b"a,caseloads\nb,permanence\n";
        let head = HEADER.len() as u64;
        let (_dir, path, source) = report(body);

        let mut appended = Spliced::new(&path, HEADER, source.try_clone().ok()).expect("spliced");
        appended.copy(head, 25).expect("rows");
        appended.append(b"c,caseloads\n").expect("new row");
        assert!(!appended.repeats_whole_source());

        let mut reordered = Spliced::new(&path, HEADER, source.try_clone().ok()).expect("spliced");
        reordered.copy(head + 12, 13).expect("second row");
        reordered.copy(head, 12).expect("first row");
        assert!(!reordered.repeats_whole_source());

        let mut dropped = Spliced::new(&path, HEADER, source.try_clone().ok()).expect("spliced");
        dropped.copy(head, 12).expect("first row");
        assert!(!dropped.repeats_whole_source());
        assert!(
            dropped.repeats_source(head + 12),
            "a prefix repeats up to its end"
        );

        let mut other_head = Spliced::new(&path, b"doc_id,term\n", Some(source)).expect("spliced");
        other_head.copy(head, 25).expect("rows");
        assert!(!other_head.repeats_whole_source());
    }

    #[test]
    fn a_report_of_only_its_header_repeats_an_empty_source() {
        let (_dir, path, source) = report(b"");
        let out = Spliced::new(&path, HEADER, Some(source)).expect("spliced");
        assert!(out.repeats_whole_source());
        let fresh = Spliced::new(&path, HEADER, None).expect("spliced");
        assert!(!fresh.repeats_whole_source(), "no source, nothing repeated");
    }

    #[test]
    fn a_repeated_report_is_left_in_place_and_a_changed_one_replaced() {
        let body = b"a,caseloads\n";
        let (dir, path, source) = report(body);
        let before = std::fs::metadata(&path).expect("stat").modified().ok();
        let mut batch = Batch::default();
        let mut out = Spliced::new(&path, HEADER, Some(source)).expect("spliced");
        out.copy(HEADER.len() as u64, body.len() as u64)
            .expect("row");
        out.stage_in(&mut batch, true).expect("stage");
        assert!(batch.stamp(&path).is_some(), "the file in place is stamped");
        assert_eq!(batch.commit().expect("commit"), vec![path.clone()]);
        assert_eq!(
            std::fs::metadata(&path).expect("stat").modified().ok(),
            before
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("read dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary left behind: {names:?}");

        let source = File::open(&path).expect("open report");
        let mut batch = Batch::default();
        let mut out = Spliced::new(&path, HEADER, Some(source)).expect("spliced");
        out.copy(HEADER.len() as u64, body.len() as u64)
            .expect("row");
        out.append(b"b,permanence\n").expect("new row");
        let repeats = out.repeats_whole_source();
        out.stage_in(&mut batch, repeats).expect("stage");
        batch.commit().expect("commit");
        assert_eq!(
            std::fs::read(&path).expect("read report"),
            b"doc_id,theme\na,caseloads\nb,permanence\n"
        );
    }
}
