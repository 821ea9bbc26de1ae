//! Writing a file so that readers see the old version or the new one, never
//! half of one.
//!
//! Takes a target path and a closure that writes the contents, and gives the
//! finished file: the closure writes into a temporary file in the target's
//! own folder (so the rename never crosses file systems), which is flushed,
//! synced and renamed over the target only when the closure succeeded. On any
//! failure, or if the process dies first, the temporary file is removed (or,
//! after SIGKILL, left under a `.motif-*.tmp` name that no reader opens).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::ReportError;

/// Writes `path` atomically with `write`. Returns the closure's error (or
/// the I/O error naming `path`) and leaves `path` untouched on failure.
pub fn write_atomic<F>(path: &Path, write: F) -> Result<(), ReportError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), ReportError>,
{
    let io = |source: std::io::Error| ReportError::Io {
        path: path.to_path_buf(),
        source,
    };
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
    let temp = builder.tempfile_in(&dir).map_err(io)?;
    let mut out = BufWriter::new(temp);
    write(&mut out)?;
    let temp = out.into_inner().map_err(|e| io(e.into_error()))?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` atomically.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    write_atomic(path, |out| {
        out.write_all(bytes).map_err(|source| ReportError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
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
    fn missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("no/such/dir/report.html");
        let err = write_bytes(&target, b"x").expect_err("must fail");
        assert!(err.to_string().contains("report.html"), "{err}");
    }
}
