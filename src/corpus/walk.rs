//! Finding the files of a corpus: takes a root folder (or one file) and
//! gives every candidate text file under it, recursively, in path order,
//! with the entries it passed over and why.
//!
//! Hidden files and folders (`.git`, `.DS_Store`) and the corpus's own
//! `manifest.csv` are not documents. Symbolic links are followed only while
//! they stay inside the root, unless the caller allows leaving it; a link
//! loop is reported, never walked forever.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use walkdir::{DirEntry, WalkDir};

use super::manifest::MANIFEST_NAME;
use super::{CorpusError, CorpusOptions, Listing, Skipped, SourceFile};

/// Lists the text files under `root` (see the module docs).
pub fn list_files(root: &Path, options: &CorpusOptions) -> Result<Listing, CorpusError> {
    let meta = check_root(root)?;
    let canonical_root = root.canonicalize().map_err(|source| CorpusError::Root {
        path: root.to_path_buf(),
        source,
    })?;
    let manifest = options
        .manifest
        .as_ref()
        .and_then(|m| m.canonicalize().ok());
    let mut listing = Listing::default();
    if meta.is_file() {
        let name = root.file_name().map_or_else(
            || root.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        listing
            .files
            .push(source_file(name, root.to_path_buf(), &meta));
        return Ok(listing);
    }
    let mut outside: Vec<Skipped> = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && is_hidden(entry) {
                return false;
            }
            if options.follow_links || !entry.path_is_symlink() {
                return true;
            }
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&canonical_root));
            if !inside {
                outside.push(Skipped {
                    path: relative(root, entry.path()),
                    reason: "symbolic link out of the corpus folder (not followed)".to_string(),
                });
            }
            inside
        });
    let mut regular: Vec<(String, DirEntry)> = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map_or_else(String::new, |p| relative(root, p));
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop (not followed)".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        err.io_error()
                            .map_or_else(|| err.to_string(), ToString::to_string)
                    )
                };
                listing.skipped.push(Skipped { path, reason });
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = relative(root, entry.path());
        if !entry.file_type().is_file() {
            // A named pipe or device would block or never end: say so.
            listing.skipped.push(Skipped {
                path: rel,
                reason: "not a regular file (pipe, socket or device)".to_string(),
            });
            continue;
        }
        // Resolving a path costs a system call per component, so only a
        // file with the manifest's name is resolved to see if it is it.
        let is_given_manifest = manifest.as_ref().is_some_and(|m| {
            m.file_name() == Some(entry.file_name())
                && entry.path().canonicalize().ok().as_ref() == Some(m)
        });
        if (entry.depth() == 1 && rel == MANIFEST_NAME) || is_given_manifest {
            continue;
        }
        regular.push((rel, entry));
    }
    // One `stat` a file is most of listing a large corpus; they run on
    // every core, and the listing keeps the walk's order.
    let stamped: Vec<Result<SourceFile, Skipped>> = regular
        .into_par_iter()
        .map(|(rel, entry)| match entry.metadata() {
            Ok(meta) => Ok(source_file(rel, entry.into_path(), &meta)),
            Err(err) => Err(Skipped {
                path: rel,
                reason: format!("cannot read: {err}"),
            }),
        })
        .collect();
    for file in stamped {
        match file {
            Ok(file) => listing.files.push(file),
            Err(skipped) => listing.skipped.push(skipped),
        }
    }
    listing.skipped.extend(outside);
    listing.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listing)
}

/// The corpus root's metadata, or the error a run should stop on before it
/// creates anything (an index or reports folder for a corpus that is not
/// there would only mislead).
pub fn check_root(root: &Path) -> Result<std::fs::Metadata, CorpusError> {
    std::fs::metadata(root).map_err(|source| CorpusError::Root {
        path: root.to_path_buf(),
        source,
    })
}

fn source_file(path: String, abs: PathBuf, meta: &std::fs::Metadata) -> SourceFile {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    SourceFile {
        path,
        abs,
        len: meta.len(),
        modified,
    }
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry
        .file_name()
        .to_str()
        .is_some_and(|n| n.starts_with('.'))
}

/// `path` relative to `root`, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_in_path_order_without_manifest_or_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        for rel in [
            "b.txt",
            "a/z.txt",
            "a/b.txt",
            "manifest.csv",
            ".git/config",
            "c.md",
        ] {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        let listing = list_files(dir.path(), &CorpusOptions::default()).unwrap();
        let paths: Vec<&str> = listing.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a/b.txt", "a/z.txt", "b.txt", "c.md"]);
        assert!(listing.skipped.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_manifest_given_by_path_inside_the_corpus_is_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        for rel in ["meta/articles.csv", "meta/other.csv", "a.txt"] {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        // Named through a link to the folder, so only resolving both
        // paths shows they are the same file.
        let alias = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(dir.path().join("meta"), alias.path().join("m")).unwrap();
        let options = CorpusOptions {
            manifest: Some(alias.path().join("m/articles.csv")),
            ..CorpusOptions::default()
        };
        let listing = list_files(dir.path(), &options).unwrap();
        let paths: Vec<&str> = listing.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "meta/other.csv"]);
    }

    #[test]
    fn links_out_of_the_root_and_loops_are_skipped_with_a_reason() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "outside").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "inside").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("alias.txt")).unwrap();
        let listing = list_files(dir.path(), &CorpusOptions::default()).unwrap();
        let paths: Vec<&str> = listing.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a.txt", "alias.txt"]);
        let skipped: Vec<(&str, &str)> = listing
            .skipped
            .iter()
            .map(|s| (s.path.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped
            .iter()
            .any(|(p, r)| *p == "out" && r.contains("out of the corpus")));
        assert!(skipped
            .iter()
            .any(|(p, r)| *p == "sub/loop" && r.contains("loop")));
        let followed = CorpusOptions {
            follow_links: true,
            ..CorpusOptions::default()
        };
        let listing = list_files(dir.path(), &followed).unwrap();
        assert!(listing.files.iter().any(|f| f.path == "out/secret.txt"));
    }
}
