//! Writing files so that readers see the old versions or the new ones,
//! never half of one.
//!
//! Takes target paths and closures that write the contents, and gives the
//! finished files. Each closure writes into a temporary file in the target's
//! own folder (so the rename never crosses file systems), which is flushed
//! and synced; a [`Batch`] renames all of them over their targets only once
//! every one has been written, so a failed or killed run leaves the previous
//! set of reports whole. Temporaries are removed on any failure (after
//! SIGKILL they stay under a `.motif-*.tmp` name that no reader opens).

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tempfile::NamedTempFile;

use super::ReportError;

/// Files written but not yet in place.
#[derive(Debug, Default)]
pub struct Batch {
    staged: Vec<(Entry, PathBuf)>,
}

/// One file of a batch.
#[derive(Debug)]
enum Entry {
    /// Its new contents, in a temporary beside it.
    Written(NamedTempFile),
    /// The file in place already holds exactly what would be written.
    Unchanged,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Writes the future contents of `path` with `write` into a temporary
    /// file beside it. Returns the closure's error (or an I/O error naming
    /// `path`); nothing is renamed until [`Batch::commit`].
    pub fn stage<F>(&mut self, path: &Path, write: F) -> Result<(), ReportError>
    where
        F: FnOnce(&mut dyn Write) -> Result<(), ReportError>,
    {
        let mut staged = Staged::create(path)?;
        write(&mut staged)?;
        self.add(staged)
    }

    /// Adds a file written bit by bit (see [`Staged`]) to the batch, once
    /// its contents are on disk.
    pub fn add(&mut self, mut staged: Staged) -> Result<(), ReportError> {
        let copied = staged.finish_copies();
        let Staged { out, path, .. } = staged;
        let io = |source: std::io::Error| ReportError::Io {
            path: path.clone(),
            source,
        };
        copied.map_err(io)?;
        let temp = out.into_inner().map_err(|e| io(e.into_error()))?;
        temp.as_file().sync_all().map_err(io)?;
        self.staged.push((Entry::Written(temp), path));
        Ok(())
    }

    /// Adds `other`'s files after this batch's, in their order: a part of
    /// the reports staged on another thread.
    pub fn append(&mut self, other: Batch) {
        self.staged.extend(other.staged);
    }

    /// Counts `path`, as it is, among the batch's files: the caller knows
    /// it already holds, byte for byte, what it would write (a report
    /// made only of the last run's rows, in the same order), so the copy
    /// is not made at all.
    pub fn keep_unchanged(&mut self, path: &Path) {
        self.staged.push((Entry::Unchanged, path.to_path_buf()));
    }

    /// Stages `bytes` as the contents of `path`.
    pub fn stage_bytes(&mut self, path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
        self.stage(path, |out| {
            out.write_all(bytes).map_err(|source| ReportError::Io {
                path: path.to_path_buf(),
                source,
            })
        })
    }

    /// The length and modification time of the file staged for `path`.
    pub fn stamp(&self, path: &Path) -> Option<(u64, u64)> {
        let (entry, _) = self.staged.iter().rev().find(|(_, p)| p == path)?;
        match entry {
            Entry::Written(temp) => super::kept::file_stamp(temp.as_file()),
            Entry::Unchanged => super::kept::file_stamp(&File::open(path).ok()?),
        }
    }

    /// Renames every staged file over its target, in staging order, and
    /// returns the targets.
    pub fn commit(self) -> Result<Vec<PathBuf>, ReportError> {
        let mut done = Vec::with_capacity(self.staged.len());
        for (entry, path) in self.staged {
            if let Entry::Written(temp) = entry {
                temp.persist(&path).map_err(|e| ReportError::Io {
                    path: path.clone(),
                    source: e.error,
                })?;
            }
            done.push(path);
        }
        Ok(done)
    }
}

/// A report being written into a temporary file beside its target, for
/// reports too large to build in memory first (`evidence.csv` of a large
/// corpus). Give it to [`Batch::add`] when done; dropped instead, the
/// temporary is removed.
#[derive(Debug)]
pub struct Staged {
    out: BufWriter<NamedTempFile>,
    path: PathBuf,
    /// Copies from earlier reports filling holes left in the file.
    copier: Option<super::copier::Copier>,
}

impl Staged {
    /// A new temporary file in `path`'s folder, readable like any report.
    pub fn create(path: &Path) -> Result<Staged, ReportError> {
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".motif-").suffix(".tmp");
        // Reports are for sharing: readable by others like any file the user
        // writes, not the 0600 tempfile default.
        #[cfg(unix)]
        let permissions = {
            use std::os::unix::fs::PermissionsExt;
            std::fs::Permissions::from_mode(0o644)
        };
        #[cfg(unix)]
        builder.permissions(permissions);
        let temp = builder
            .tempfile_in(&dir)
            .map_err(|source| ReportError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(Staged {
            out: BufWriter::with_capacity(1 << 16, temp),
            path: path.to_path_buf(),
            copier: None,
        })
    }

    /// Appends `len` bytes of `from`, starting at `offset`: a hole is left
    /// for them and writing goes on after it while a thread of their own
    /// copies them in (`super::copier`); on Linux the kernel copies them
    /// from file to file (`copy_file_range`), never through this process.
    pub fn copy_from(&mut self, from: &Arc<File>, offset: u64, len: u64) -> std::io::Result<()> {
        let at = self.out.stream_position()?;
        let hole = i64::try_from(len).map_err(std::io::Error::other)?;
        self.out.seek(SeekFrom::Current(hole))?;
        let copier = match &mut self.copier {
            Some(copier) => copier,
            // A handle of the copier's own: its cursor is not the writer's.
            None => self
                .copier
                .insert(super::copier::Copier::new(self.out.get_ref().reopen()?)?),
        };
        copier.copy(from, offset, at, len)
    }

    /// Waits for the copies still filling the file; the first error.
    fn finish_copies(&mut self) -> std::io::Result<()> {
        self.copier
            .take()
            .map_or(Ok(()), super::copier::Copier::finish)
    }

    /// The report this file will become.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Removes temporaries that a killed run left in `dir` (`.motif-*.tmp`) and
/// returns how many. Call it only while no other run writes into `dir`
/// (runs are serialised by the index lock): a live run's staged file would
/// be lost and its commit would fail, naming the file.
pub fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(".motif-") && name.ends_with(".tmp")
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Writes `path` atomically with `write`, leaving it untouched on failure.
pub fn write_atomic<F>(path: &Path, write: F) -> Result<(), ReportError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), ReportError>,
{
    let mut batch = Batch::new();
    batch.stage(path, write)?;
    batch.commit().map(|_| ())
}

/// Writes `bytes` to `path` atomically.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let mut batch = Batch::new();
    batch.stage_bytes(path, bytes)?;
    batch.commit().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn failed_write_leaves_no_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("theme_counts.csv");
        let result = write_atomic(&target, |out| {
            out.write_all(b"council,gss_code\nhalf a ro")
                .expect("buffered write");
            Err(ReportError::Io {
                path: target.clone(),
                source: std::io::Error::other("disk full"),
            })
        });
        assert!(result.is_err());
        assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
    }

    #[test]
    fn failed_rewrite_keeps_the_previous_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("evidence.csv");
        write_bytes(&target, b"old complete file\n").expect("first write");
        let result = write_atomic(&target, |out| {
            out.write_all(b"new but").expect("buffered write");
            Err(ReportError::Io {
                path: target.clone(),
                source: std::io::Error::other("interrupted"),
            })
        });
        assert!(result.is_err());
        assert_eq!(
            std::fs::read_to_string(&target).expect("read"),
            "old complete file\n"
        );
        assert_eq!(entries(dir.path()), vec!["evidence.csv".to_string()]);
    }

    #[test]
    fn successful_write_replaces_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("run.json");
        write_bytes(&target, b"1").expect("first");
        write_bytes(&target, b"2").expect("second");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "2");
        assert_eq!(entries(dir.path()), vec!["run.json".to_string()]);
    }

    #[test]
    fn batch_replaces_nothing_until_every_file_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        write_bytes(&a, b"old a").expect("a");
        write_bytes(&b, b"old b").expect("b");
        let mut batch = Batch::new();
        batch.stage_bytes(&a, b"new a").expect("stage a");
        let failed = batch.stage(&b, |_| {
            Err(ReportError::Io {
                path: b.clone(),
                source: std::io::Error::other("killed"),
            })
        });
        assert!(failed.is_err());
        drop(batch);
        assert_eq!(std::fs::read(&a).expect("a"), b"old a");
        assert_eq!(std::fs::read(&b).expect("b"), b"old b");
        assert_eq!(
            entries(dir.path()),
            vec!["a.csv".to_string(), "b.csv".to_string()]
        );

        let mut batch = Batch::new();
        batch.stage_bytes(&a, b"new a").expect("stage a");
        batch.stage_bytes(&b, b"new b").expect("stage b");
        assert_eq!(std::fs::read(&a).expect("a"), b"old a", "not before commit");
        assert_eq!(batch.commit().expect("commit"), vec![a.clone(), b.clone()]);
        assert_eq!(std::fs::read(&b).expect("b"), b"new b");
    }

    #[test]
    fn remove_stale_takes_only_our_temporaries() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            ".motif-abc.tmp",
            ".motif-def.tmp",
            "keep.tmp",
            "evidence.csv",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join(".motif-dir.tmp")).expect("mkdir");
        assert_eq!(remove_stale(dir.path()), 2);
        assert_eq!(
            entries(dir.path()),
            vec![
                ".motif-dir.tmp".to_string(),
                "evidence.csv".to_string(),
                "keep.tmp".to_string()
            ]
        );
        assert_eq!(remove_stale(&dir.path().join("missing")), 0);
    }

    #[test]
    fn missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("no/such/dir/report.html");
        let err = write_bytes(&target, b"x").expect_err("must fail");
        assert!(err.to_string().contains("report.html"), "{err}");
    }
}
