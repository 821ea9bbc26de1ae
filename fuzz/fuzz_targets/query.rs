//! The search front end: a user's query and filter flags through
//! `Index::search`, `Index::count` and `Index::group_counts` on a small
//! real index, built once (the sample corpus and two Ofsted reports).
//!
//! Input: the first line is the query as typed (Tantivy syntax with
//! `council:`, `theme:`, `polarity:`, `year:`, `title:` fields); each
//! further line is a flag, `council=NAME`, `theme=ID`, `polarity=P`,
//! `year=2017` or `year=2015..2018` (through `YearRange`'s parser, as clap
//! does), `limit=N`, `sort=date`, `exact`, `by=council|year|theme`.
//!
//! Invariants: a query a user typed is either answered or refused with a
//! query error (never another kind of error), and a caret under the query
//! points within it; no more hits than the limit, and as many as `count`
//! allows; highlights lie within their snippet on character boundaries;
//! no group counts more documents than the query matches.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use motif::corpus::CorpusOptions;
use motif::councils::Gazetteer;
use motif::index::{GroupBy, Index, IndexError, OpenOptions, SearchRequest, SortOrder, YearRange};
use motif::pipeline::Analyser;
use motif::progress::Silent;
use motif::themes::LexiconSet;

struct Fixture {
    /// Holds the index folder for the life of the process.
    _dir: tempfile::TempDir,
    index: Index,
    gazetteer: Gazetteer,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = tempfile::tempdir().expect("temporary folder");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).expect("corpus folder");
        let reports = repo.join("tests/fixtures/reports");
        let mut files: Vec<_> = std::fs::read_dir(repo.join("corpus"))
            .expect("sample corpus")
            .map(|e| e.expect("corpus entry").path())
            .collect();
        files.push(reports.join("ofsted_80486_2019-04-01.txt"));
        files.push(reports.join("ofsted_80538_2024-03-15.txt"));
        files.push(reports.join("manifest.csv"));
        for file in files {
            let name = file.file_name().expect("file name");
            std::fs::copy(&file, corpus.join(name)).expect("copy a corpus file");
        }
        let analyser = Analyser {
            gazetteer: Gazetteer::embedded().expect("embedded gazetteer"),
            lexicons: LexiconSet::embedded().expect("embedded lexicons"),
        };
        let path = dir.path().join("index");
        let mut writer = Index::open(&path, &OpenOptions::default()).expect("open index");
        writer
            .sync(&corpus, &CorpusOptions::default(), &analyser, &Silent)
            .expect("index the sample corpus");
        drop(writer);
        Fixture {
            index: Index::open_read(&path).expect("read index"),
            _dir: dir,
            gazetteer: analyser.gazetteer,
        }
    })
}

/// The request and the `--by` grouping an input stands for.
fn request(text: &str) -> (SearchRequest, Option<GroupBy>) {
    let mut lines = text.split('\n');
    let mut request = SearchRequest::new(lines.next().unwrap_or(""));
    let mut by = None;
    for line in lines {
        let (flag, value) = line.split_once('=').unwrap_or((line, ""));
        match flag {
            "council" => request.councils.push(value.to_string()),
            "theme" => request.themes.push(value.to_string()),
            "polarity" => request.polarity = Some(value.to_string()),
            "year" => request.years = value.parse::<YearRange>().ok(),
            "limit" => request.limit = value.parse().unwrap_or(20),
            "sort" if value == "date" => request.sort = SortOrder::Date,
            "exact" => request.exact = true,
            "by" => {
                by = match value {
                    "council" => Some(GroupBy::Council),
                    "year" => Some(GroupBy::Year),
                    _ => Some(GroupBy::Theme),
                }
            }
            _ => {}
        }
    }
    // Keep the collector's allocation small: --limit is a user's number too,
    // but a huge one only costs memory.
    request.limit = request.limit.min(1000);
    (request, by)
}

/// A refusal is a query error whose caret, if any, points within the query.
fn check_refusal<T>(result: Result<T, IndexError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(IndexError::Query { message }) => {
            let lines: Vec<&str> = message.split('\n').collect();
            if let [.., query, caret] = lines[..] {
                if caret.trim_start().starts_with('^') && caret.ends_with('^') {
                    let column = caret.len() - 1;
                    assert!(
                        column <= query.chars().count(),
                        "caret beyond the query: {message}"
                    );
                }
            }
            None
        }
        Err(other) => panic!("a user's query gave a non-query error: {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = motif_fuzz::text(data);
    let (request, by) = request(&text);
    let fixture = fixture();
    let (index, gazetteer) = (&fixture.index, &fixture.gazetteer);

    let Some(count) = check_refusal(index.count(&request, gazetteer)) else {
        return;
    };
    let hits = check_refusal(index.search(&request, gazetteer))
        .expect("a query count accepts, search accepts");
    let limit = request.limit.max(1);
    assert!(hits.len() <= limit, "{} hits for limit {limit}", hits.len());
    assert_eq!(
        u64::try_from(hits.len()).unwrap_or(u64::MAX),
        count.min(u64::try_from(limit).unwrap_or(u64::MAX)),
        "search and count disagree"
    );
    for hit in &hits {
        for snippet in &hit.snippets {
            assert!(snippet.start <= snippet.end, "snippet {snippet:?}");
            for &(start, end) in &snippet.highlights {
                motif_fuzz::check_span(&snippet.text, start, end, "highlight");
            }
        }
    }
    if let Some(by) = by {
        let groups = check_refusal(index.group_counts(&request, gazetteer, by))
            .expect("a query count accepts, grouping accepts");
        for (key, n) in &groups {
            assert!(*n <= count, "group {key} counts {n} of {count} documents");
        }
    }
});
