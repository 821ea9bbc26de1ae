//! The "bare Tantivy" baseline: index a folder of text files with nothing
//! but Tantivy, and report MB/s.
//!
//! Takes a corpus folder and an index folder; walks every `.txt` file
//! (recursively, in path order), decodes it (UTF-8, else Windows-1252),
//! takes its first non-empty line as the title, and indexes the text
//! fields motif's schema has: `title` and `body` (English stemmed, with
//! positions), `body_exact` (unstemmed, with positions, for exact phrase
//! search), `path` (stored, untokenised, fast) and the text itself stored
//! (motif stores each document to search and re-tag without the corpus).
//! What motif adds beyond this (councils, themes, polarity, the stored
//! analysis) is the cost the benchmark measures. Prints one line:
//! documents, MB, seconds and MB/s. `bench/run.sh` sets this beside
//! `motif run` on the same files.
//!
//!     cargo run --release --example bare_index -- CORPUS INDEX_DIR [THREADS]

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use tantivy::schema::{
    IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::{doc, Index};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(corpus), Some(index_dir)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: bare_index CORPUS INDEX_DIR [THREADS]");
    };
    let threads: usize = match args.next() {
        Some(t) => t.parse().context("THREADS must be a number")?,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };

    // Step 1: the schema. Positions on title and body allow phrase queries.
    let mut builder = Schema::builder();
    let english = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let title = builder.add_text_field("title", english.clone() | STORED);
    let body = builder.add_text_field("body", english);
    let body_exact = builder.add_text_field("body_exact", exact);
    let path = builder.add_text_field("path", STRING | STORED | FAST);
    let stored = builder.add_text_field("text", STORED);
    let schema = builder.build();

    // Step 2: a fresh index on disk, and a writer with one thread per core.
    let index_dir = Path::new(&index_dir);
    if index_dir.exists() {
        std::fs::remove_dir_all(index_dir)
            .with_context(|| format!("clearing {}", index_dir.display()))?;
    }
    std::fs::create_dir_all(index_dir)
        .with_context(|| format!("creating {}", index_dir.display()))?;
    let index = Index::create_in_dir(index_dir, schema)?;
    let mut writer = index.writer_with_num_threads(threads.max(1), 128_000_000 * threads.max(1))?;

    // Step 3: read, decode and add every file; Tantivy's threads index
    // while this thread reads.
    let started = Instant::now();
    let (mut docs, mut bytes) = (0u64, 0u64);
    let mut files: Vec<_> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    for file in &files {
        let raw = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        bytes += raw.len() as u64;
        let text = match String::from_utf8(raw) {
            Ok(s) => s,
            Err(e) => encoding_rs::WINDOWS_1252
                .decode(e.as_bytes())
                .0
                .into_owned(),
        };
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string();
        let rel = file
            .strip_prefix(&corpus)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        writer.add_document(doc!(
            title => first,
            body => text.clone(),
            body_exact => text.clone(),
            path => rel,
            stored => text,
        ))?;
        docs += 1;
    }

    // Step 4: commit, and wait for merges so the figure includes them.
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "bare_index: {docs} documents, {mb:.1} MB in {secs:.2}s: {:.1} MB/s ({threads} threads)",
        mb / secs.max(1e-9)
    );
    Ok(())
}
