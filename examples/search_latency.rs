//! Search latency benchmark (not a test): generates a large synthetic
//! corpus, indexes it with `motif::index`, then times a fixed query set.
//!
//! ```text
//! cargo run --release --example search_latency -- [DOCS=20000] [DIR]
//! ```
//!
//! Prints indexing throughput, then p50 and p99 latency of `Index::search`
//! (20 hits with snippets) and `Index::count` over every query, 30 runs
//! each after one warm-up. Text is generated from a fixed seed, so runs on
//! the same machine compare. The corpus and index go in DIR (default: a
//! temporary folder, removed afterwards).

use std::path::Path;
use std::time::{Duration, Instant};

use motif::corpus::CorpusOptions;
use motif::councils::Gazetteer;
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

const FILLER: &[&str] = &[
    "the",
    "inspectors",
    "found",
    "that",
    "children",
    "services",
    "in",
    "council",
    "had",
    "improved",
    "since",
    "last",
    "inspection",
    "social",
    "workers",
    "managers",
    "were",
    "not",
    "always",
    "recorded",
    "well",
    "plans",
    "and",
    "support",
    "for",
    "families",
    "early",
    "help",
    "quality",
    "practice",
    "remains",
    "inconsistent",
    "leaders",
    "have",
    "made",
    "progress",
    "with",
    "partners",
    "across",
    "the",
    "local",
    "authority",
];

const PHRASES: &[&str] = &[
    "high caseloads",
    "manageable caseloads",
    "the voice of the child",
    "wishes and feelings",
    "reliance on agency staff",
    "staff turnover",
    "permanence planning",
    "adoption",
    "placement stability",
];

const PLACES: &[&str] = &[
    "Tameside",
    "Kent",
    "Slough",
    "Coventry",
    "Knowsley",
    "Manchester",
    "Worcestershire",
    "Torbay",
    "Doncaster",
    "Sunderland",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A small deterministic generator (64-bit LCG), so runs compare.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn article(rng: &mut Rng) -> String {
    let place = rng.pick(PLACES);
    let mut text = format!(
        "Ofsted finds progress at {place} Council\n\nBy A Reporter\n\n| {} {} {}\n\n",
        1 + rng.below(28),
        rng.pick(MONTHS),
        2009 + rng.below(15)
    );
    for _ in 0..10 + rng.below(30) {
        let mut words: Vec<&str> = (0..8 + rng.below(18)).map(|_| rng.pick(FILLER)).collect();
        if rng.below(3) == 0 {
            let at = rng.below(words.len());
            words.insert(at, rng.pick(PHRASES));
        }
        if rng.below(5) == 0 {
            words.insert(0, rng.pick(PLACES));
        }
        text.push_str(&words.join(" "));
        text.push_str(".\n");
    }
    text
}

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
    generate(&corpus, docs)?;

    let analyser = Analyser {
        gazetteer: Gazetteer::embedded()?,
        lexicons: LexiconSet::embedded()?,
    };
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

fn generate(corpus: &Path, docs: usize) -> std::io::Result<()> {
    let mut rng = Rng(42);
    for i in 0..docs {
        let sub = corpus.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        std::fs::write(sub.join(format!("{i:06}.txt")), article(&mut rng))?;
    }
    Ok(())
}
