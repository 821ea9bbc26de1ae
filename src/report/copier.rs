//! Copies from an earlier report into a staged one, on a thread of its own.
//!
//! A run that keeps most documents copies long ranges of the last run's
//! `evidence.csv`, `suppressed.csv` and `.motif-rows` into the new files.
//! The kernel does the copying (`copy_file_range` on Linux), but it waits
//! on the disk, and done in line the whole run waited with it. A
//! [`Copier`] takes each copy with the place it goes in the new file; the
//! writer leaves a hole there and goes on, and the copy fills the hole on
//! the copier's thread while the run reads, writes and deflates the rest.
//! [`Copier::finish`] waits for every copy and gives the first error.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::mpsc::{self, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// A thread copying ranges of earlier files into one staged file.
#[derive(Debug)]
pub struct Copier {
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

/// `len` bytes of `from` at `offset`, to go at `at` in the staged file.
#[derive(Debug)]
struct Job {
    from: Arc<File>,
    offset: u64,
    at: u64,
    len: u64,
}

impl Copier {
    /// A copier writing into `to`, a handle whose cursor nothing else
    /// uses (the staged file reopened).
    pub fn new(mut to: File) -> io::Result<Copier> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("motif-copy".to_string())
            .spawn(move || {
                for job in queue {
                    copy_at(&job.from, job.offset, &mut to, job.at, job.len)?;
                }
                Ok(())
            })?;
        Ok(Copier {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Queues a copy of `len` bytes of `from` at `offset` to `at`.
    pub fn copy(&mut self, from: &Arc<File>, offset: u64, at: u64, len: u64) -> io::Result<()> {
        let job = Job {
            from: Arc::clone(from),
            offset,
            at,
            len,
        };
        let sent = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok());
        if sent {
            return Ok(());
        }
        // The thread has stopped, on an error: that error is the answer.
        self.wait()
            .and(Err(io::Error::other("the copying thread stopped")))
    }

    /// Waits for every queued copy; the first error, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.wait()
    }

    fn wait(&mut self) -> io::Result<()> {
        self.jobs = None;
        match self.thread.take().map(JoinHandle::join) {
            None => Ok(()),
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the copying thread panicked")),
        }
    }
}

impl Drop for Copier {
    fn drop(&mut self) {
        // A staged file given up (on an error elsewhere) is deleted; its
        // copies need not succeed, only end.
        let _ = self.wait();
    }
}

/// Copies `len` bytes of `from` at `offset` into `to` at `at`. `to` is
/// the copier's own handle and `from` a handle whose cursor nothing else
/// uses (reports are read with positioned reads), so seeking both is safe;
/// `std::io::copy` then copies from file to file in the kernel on Linux
/// (`copy_file_range`), through a buffer elsewhere.
fn copy_at(from: &File, offset: u64, to: &mut File, at: u64, len: u64) -> io::Result<()> {
    let mut from = from;
    from.seek(SeekFrom::Start(offset))?;
    to.seek(SeekFrom::Start(at))?;
    let copied = io::copy(&mut from.take(len), to)?;
    if copied < len {
        return Err(short_source());
    }
    Ok(())
}

fn short_source() -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "the earlier report is shorter than its kept rows say",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A folder with `old.csv` holding `source` (opened), and the path of
    /// `new.csv`, created empty.
    fn files(source: &[u8]) -> (tempfile::TempDir, Arc<File>, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = dir.path().join("old.csv");
        std::fs::write(&old, source).expect("write source");
        let from = Arc::new(File::open(&old).expect("open source"));
        let target = dir.path().join("new.csv");
        File::create(&target).expect("create");
        (dir, from, target)
    }

    fn copier(target: &std::path::Path) -> Copier {
        let to = std::fs::OpenOptions::new().write(true).open(target);
        Copier::new(to.expect("open target")).expect("copier")
    }

    #[test]
    fn copies_fill_the_holes_left_for_them_while_writing_goes_on() {
        let (_dir, from, target) = files(b"header\nkept one\nkept two\n");
        let mut to = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .expect("open");
        let mut copier = copier(&target);

        to.write_all(b"header\n").expect("head");
        copier.copy(&from, 7, 7, 9).expect("queue"); // "kept one\n"
        to.seek(SeekFrom::Current(9)).expect("leave a hole");
        to.write_all(b"new row\n").expect("new row");
        copier.copy(&from, 16, 24, 9).expect("queue"); // "kept two\n"
        copier.finish().expect("copies");
        assert_eq!(
            std::fs::read(&target).expect("read"),
            b"header\nkept one\nnew row\nkept two\n"
        );
    }

    #[test]
    fn a_source_shorter_than_the_kept_rows_say_is_an_error() {
        let (_dir, from, target) = files(b"short");
        let mut copier = copier(&target);
        copier.copy(&from, 0, 0, 100).expect("queue");
        let err = copier.finish().expect_err("short source");
        assert!(err.to_string().contains("shorter"), "{err}");
    }
}
