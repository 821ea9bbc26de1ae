//! Search latency benchmark (not a test): generates a large synthetic
//! corpus, indexes it with `motif::index`, then times a fixed query set.
//!
//! ```text
//! cargo run --release --example search_latency -- [DOCS=20000] [DIR]
//! ```
//!
//! Prints indexing throughput, then p50 and p99 latency of `Index::search`
//! (20 hits with snippets) and `Index::count` over every query, 30 runs
//! each after one warm-up. Text comes from `motif::gen` with a fixed seed, so runs on
//! the same machine compare. The corpus and index go in DIR (default: a
//! temporary folder, removed afterwards).

use std::time::{Duration, Instant};

use motif::corpus::CorpusOptions;
use motif::councils::Gazetteer;
use motif::gen::{generate, GenOptions};
use motif::index::{Index, OpenOptions, SearchRequest};
use motif::pipeline::Analyser;
use motif::progress::Silent;
use motif::themes::LexiconSet;

const QUERIES: &[&str] = &[
    "caseload",
    "\"voice of the child\"",
    "agency staff",
    "council:tameside",
    "turnover AND year:[2015 TO 2018]",
    "permanence OR adoption",
    "\"social workers\"~2 caseloads",
    "title:ofsted",
    "year:2017",
    "children -adoption",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    println!(
        "{name:<7} p50 {:>8.2} ms   p99 {:>8.2} ms   ({} runs)",
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.len()
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().map_or(Ok(20_000), |a| a.parse())?;
    let tmp = tempfile::tempdir()?;
    let dir = args
        .next()
        .map_or_else(|| tmp.path().to_path_buf(), Into::into);
    let corpus = dir.join("corpus");
    let index_dir = dir.join("index");
    let analyser = Analyser {
        gazetteer: Gazetteer::embedded()?,
        lexicons: LexiconSet::embedded()?,
    };
    // The same generator as `motif gen-corpus`, so figures compare with
    // bench/run.sh.
    let options = GenOptions {
        docs: Some(docs),
        max_bytes: None,
        seed: 42,
    };
    generate(&analyser.gazetteer, &options, &corpus)?;
    let started = Instant::now();
    let mut index = Index::open(&index_dir, &OpenOptions::default())?;
    let stats = index.sync(&corpus, &CorpusOptions::default(), &analyser, &Silent)?;
    let took = started.elapsed();
    println!(
        "indexed {docs} generated documents in {:.1}s ({:.0} docs/s): {stats}",
        took.as_secs_f64(),
        docs as f64 / took.as_secs_f64()
    );
    let started = Instant::now();
    let again = index.sync(&corpus, &CorpusOptions::default(), &analyser, &Silent)?;
    println!(
        "re-sync with nothing changed: {:.2}s ({again})",
        started.elapsed().as_secs_f64()
    );
    drop(index);

    let index = Index::open_read(&index_dir)?;
    let (mut search, mut count) = (Vec::new(), Vec::new());
    for query in QUERIES {
        let request = SearchRequest::new(query);
        // A query the gazetteer cannot resolve is reported, not timed.
        if let Err(err) = index.search(&request, &analyser.gazetteer) {
            println!("skipped {query}: {err}");
            continue;
        }
        for _ in 0..30 {
            let t = Instant::now();
            index.search(&request, &analyser.gazetteer)?;
            search.push(t.elapsed());
            let t = Instant::now();
            index.count(&request, &analyser.gazetteer)?;
            count.push(t.elapsed());
        }
    }
    report("search", search);
    report("count", count);
    Ok(())
}
