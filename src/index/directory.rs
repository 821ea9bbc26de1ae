//! The folder an index lives in: Tantivy's memory-mapped directory, except
//! that document stores are read block by block with positioned reads (Unix).
//!
//! A report pass reads every stored document once. Through a memory map each
//! page it touches stays mapped, and so counts in the process's resident
//! memory, until the pass ends: the whole store (twice the corpus) by the
//! last document. Reading each block with `pread` leaves those pages to the
//! kernel's page cache, which can drop them, and the process holds only the
//! blocks in use. Reads larger than [`MAPPED_READ`] (a merge copying a whole
//! store) still go through the map, as a copy on the heap would cost more.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// Reads at least this long are served from the memory map.
const MAPPED_READ: usize = 16 << 20;

/// [`MmapDirectory`] with document stores read by positioned reads.
#[derive(Clone, Debug)]
pub struct IndexDirectory {
    mmap: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    pub fn open(root: &Path) -> Result<Self, OpenDirectoryError> {
        Ok(IndexDirectory {
            mmap: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        // Positioned reads that threads can share need `pread` (Unix).
        if !cfg!(unix) || path.extension().is_none_or(|e| e != "store") {
            return self.mmap.get_file_handle(path);
        }
        let io_err = |e: io::Error| {
            if e.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(e, path.to_path_buf())
            }
        };
        let file = File::open(self.root.join(path)).map_err(io_err)?;
        let len = usize::try_from(file.metadata().map_err(io_err)?.len())
            .map_err(|e| io_err(io::Error::other(e)))?;
        Ok(Arc::new(StoreFile {
            file,
            len,
            path: path.to_path_buf(),
            mmap: self.mmap.clone(),
            mapped: OnceLock::new(),
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mmap.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mmap.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mmap.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mmap.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.mmap.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.mmap.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.mmap.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mmap.watch(callback)
    }
}

/// A document store file, read with `pread` (large reads: the map).
#[derive(Debug)]
struct StoreFile {
    file: File,
    len: usize,
    path: PathBuf,
    mmap: MmapDirectory,
    mapped: OnceLock<Arc<dyn FileHandle>>,
}

impl HasLen for StoreFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for StoreFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.end > self.len || range.start > range.end {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "read of bytes {range:?} outside {} ({} bytes)",
                    self.path.display(),
                    self.len
                ),
            ));
        }
        if range.len() >= MAPPED_READ {
            return self.mapped()?.read_bytes(range);
        }
        let mut buffer = vec![0; range.len()];
        read_exact_at(&self.file, &mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

impl StoreFile {
    fn mapped(&self) -> io::Result<&Arc<dyn FileHandle>> {
        if let Some(handle) = self.mapped.get() {
            return Ok(handle);
        }
        let handle = self
            .mmap
            .get_file_handle(&self.path)
            .map_err(|e| io::Error::other(e.to_string()))?;
        Ok(self.mapped.get_or_init(|| handle))
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

#[cfg(not(unix))]
fn read_exact_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_files_read_the_same_bytes_as_the_map_and_refuse_ranges_past_the_end() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.path().join("seg.store"), &bytes).expect("write");
        std::fs::write(dir.path().join("seg.idx"), &bytes).expect("write");
        let directory = IndexDirectory::open(dir.path()).expect("open");
        let store = directory
            .get_file_handle(Path::new("seg.store"))
            .expect("store handle");
        let mapped = directory
            .mmap
            .get_file_handle(Path::new("seg.store"))
            .expect("mapped handle");
        assert_eq!(store.len(), bytes.len());
        for range in [0..0, 0..1, 10..20_000, 99_999..100_000, 0..100_000] {
            assert_eq!(
                store.read_bytes(range.clone()).expect("read").as_slice(),
                mapped.read_bytes(range.clone()).expect("read").as_slice(),
                "{range:?}"
            );
        }
        let err = store.read_bytes(99_990..100_001).expect_err("past the end");
        assert!(err.to_string().contains("seg.store"), "{err}");
        assert!(matches!(
            directory.get_file_handle(Path::new("missing.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
