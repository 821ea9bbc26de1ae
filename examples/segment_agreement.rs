//! Checks motif's sentence splitter (an ASCII fast path beside
//! `unicode-segmentation`) against `unicode-segmentation` alone on a real
//! corpus, and times both (both add motif's one rule: a lower-case segment
//! after "!" or "?" on the same line goes on with the sentence before).
//!
//! Reads every document of CORPUS through motif's reader, splits each body
//! both ways, and prints the documents and sentences compared, the
//! documents whose sentences differ (with the first difference), and MB/s
//! for each splitter.
//!
//!     cargo run --release --example segment_agreement -- CORPUS

use std::time::Instant;

use motif::corpus::{self, CorpusOptions};
use motif::text;

fn main() -> anyhow::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        anyhow::bail!("usage: segment_agreement CORPUS");
    };
    let corpus = corpus::read_corpus(std::path::Path::new(&dir), &CorpusOptions::default())?;
    let bodies: Vec<String> = corpus.documents.into_iter().map(|d| d.body).collect();
    let bytes: usize = bodies.iter().map(String::len).sum();

    let started = Instant::now();
    let fast: Vec<_> = bodies.iter().map(|b| text::sentences(b)).collect();
    let fast_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let reference: Vec<_> = bodies.iter().map(|b| text::sentences_uax29(b)).collect();
    let reference_secs = started.elapsed().as_secs_f64();

    let mut differing = 0;
    let mut sentences = 0;
    for (i, (a, b)) in fast.iter().zip(&reference).enumerate() {
        sentences += b.len();
        if a != b {
            differing += 1;
            if differing <= 5 {
                let at = a
                    .iter()
                    .zip(b)
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.len().min(b.len()));
                eprintln!(
                    "document {i}: first difference at sentence {at}: {:?} vs {:?}",
                    a.get(at),
                    b.get(at)
                );
            }
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} documents, {sentences} sentences, {mb:.1} MB: {differing} documents differ; \
         fast path {:.1} MB/s, unicode-segmentation alone {:.1} MB/s ({:.1}x)",
        bodies.len(),
        mb / fast_secs.max(1e-9),
        mb / reference_secs.max(1e-9),
        reference_secs / fast_secs.max(1e-9),
    );
    Ok(())
}
