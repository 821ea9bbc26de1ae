//! Unit tests for the index: incremental sync, duplicates, re-tagging,
//! locking, atomicity and search, on hand-built documents.
//!
//! Documents come from a stand-in [`Source`] that counts reads, so a test
//! can prove that a re-sync or a re-tag read no file at all.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::NaiveDate;

use super::sync::Source;
use super::*;
use crate::corpus::{Document, Listing, ReadOutcome, Skipped, SourceFile};
use crate::councils::{Gazetteer, DEFAULT_GAZETTEER};
use crate::progress::Silent;
use crate::themes::LexiconSet;

/// An in-memory corpus: path to (modified, document).
#[derive(Default)]
struct FakeCorpus {
    files: Mutex<BTreeMap<String, (u64, Document)>>,
    reads: AtomicUsize,
    /// Reading this path panics, to interrupt a sync half-way.
    poison: Mutex<Option<String>>,
    /// Reading any file panics.
    forbid_reads: std::sync::atomic::AtomicBool,
    /// What [`Source::fingerprint`] gives (the manifest and reading rules).
    fingerprint: Mutex<String>,
}

fn document(path: &str, title: &str, body: &str, published: Option<&str>) -> Document {
    Document {
        id: blake3::hash(body.as_bytes()).to_hex()[..16].to_string(),
        path: path.to_string(),
        title: title.to_string(),
        byline: None,
        published: published.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        inspected_from: None,
        inspected_to: None,
        report_heading: false,
        source: None,
        url: None,
        encoding: "UTF-8".to_string(),
        body: body.to_string(),
        removed: Vec::new(),
        duplicate_of: None,
    }
}

impl FakeCorpus {
    fn put(&self, path: &str, title: &str, body: &str, published: Option<&str>) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let modified = files.get(path).map_or(1, |(m, _)| m + 1);
        files.insert(
            path.to_string(),
            (modified, document(path, title, body, published)),
        );
    }

    fn remove(&self, path: &str) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.remove(path);
    }

    fn reads(&self) -> usize {
        self.reads.load(Ordering::SeqCst)
    }
}

impl Source for FakeCorpus {
    fn list(&self) -> Result<Listing, IndexError> {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        Ok(Listing {
            files: files
                .iter()
                .map(|(path, (modified, doc))| SourceFile {
                    path: path.clone(),
                    abs: path.into(),
                    len: doc.body.len() as u64,
                    modified: *modified,
                })
                .collect(),
            skipped: Vec::new(),
        })
    }

    fn read(&self, file: &SourceFile) -> Result<ReadOutcome, Skipped> {
        let poison = self
            .poison
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        assert_ne!(poison.as_deref(), Some(file.path.as_str()), "interrupted");
        assert!(
            !self.forbid_reads.load(Ordering::SeqCst),
            "{} was read",
            file.path
        );
        self.reads.fetch_add(1, Ordering::SeqCst);
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        match files.get(&file.path) {
            Some((_, doc)) => Ok(ReadOutcome {
                document: doc.clone(),
                warnings: Vec::new(),
                paragraph_lines: Vec::new(),
                from_pdf: false,
            }),
            None => Err(Skipped {
                path: file.path.clone(),
                reason: "gone".to_string(),
            }),
        }
    }

    fn fingerprint(&self) -> String {
        self.fingerprint
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn analyser() -> Analyser {
    Analyser {
        gazetteer: Gazetteer::embedded().expect("embedded gazetteer"),
        lexicons: LexiconSet::default(),
    }
}

/// An analyser whose gazetteer hash differs from [`analyser`]'s.
fn edited_analyser() -> Analyser {
    Analyser {
        gazetteer: Gazetteer::parse(&format!("{DEFAULT_GAZETTEER}\n"), "edited")
            .expect("edited gazetteer"),
        lexicons: LexiconSet::default(),
    }
}

const VOICE: &str = "Inspectors found the voice of the child was not recorded. \
    Caseloads were high in the assessment team.";
const CASELOAD: &str = "Social workers said their caseload was manageable. \
    Managers listened to children.";
const TURNOVER: &str = "Turnover of staff fell. The child and the voice of a parent were heard.";

fn sample() -> FakeCorpus {
    let corpus = FakeCorpus::default();
    corpus.put("a.txt", "Voice matters", VOICE, Some("2017-03-01"));
    corpus.put("b.txt", "Caseloads down", CASELOAD, Some("2018-05-14"));
    corpus.put("c/d.txt", "Staff turnover", TURNOVER, None);
    corpus
}

fn open(dir: &std::path::Path) -> Index {
    Index::open(dir, &OpenOptions::default()).expect("open index")
}

/// The sample corpus synced into a fresh index, with the folder that
/// holds it (dropped last).
fn synced_sample() -> (tempfile::TempDir, FakeCorpus, Index) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = sample();
    let mut index = open(dir.path());
    index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("sync");
    (dir, corpus, index)
}

fn paths(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.path.as_str()).collect()
}

fn search(index: &Index, query: &str) -> Vec<Hit> {
    index
        .search(&SearchRequest::new(query), &analyser().gazetteer)
        .expect("search")
}

#[test]
fn first_sync_indexes_every_file_and_a_phrase_finds_only_its_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = sample();
    let mut index = open(dir.path());
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("sync");
    assert_eq!((stats.added, stats.unchanged, stats.removed), (3, 0, 0));
    assert_eq!(index.num_documents().expect("count"), 3);
    let hits = search(&index, "\"voice of the child\"");
    assert_eq!(paths(&hits), ["a.txt"]);
    let snippet = &hits[0].snippets[0];
    assert_eq!(
        snippet.text,
        "Inspectors found the voice of the child was not recorded."
    );
    let marked: Vec<&str> = snippet
        .highlights
        .iter()
        .map(|&(s, e)| &snippet.text[s..e])
        .collect();
    assert_eq!(marked, ["voice of the child"]);
}

#[test]
fn stemming_finds_caseloads_for_caseload_and_exact_does_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut index = open(dir.path());
    index
        .sync_from(&sample(), &analyser(), &Silent)
        .expect("sync");
    let mut hits = paths(&search(&index, "caseload"))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    hits.sort();
    assert_eq!(hits, ["a.txt", "b.txt"]);
    let a = &search(&index, "caseload")
        .into_iter()
        .find(|h| h.path == "a.txt")
        .expect("a.txt hit")
        .snippets[0];
    let (s, e) = a.highlights[0];
    assert_eq!(&a.text[s..e], "Caseloads");

    let mut exact = SearchRequest::new("caseload");
    exact.exact = true;
    let hits = index.search(&exact, &analyser().gazetteer).expect("search");
    assert_eq!(paths(&hits), ["b.txt"]);
}

#[test]
fn unchanged_resync_reads_nothing_and_commits_nothing() {
    let (_dir, corpus, mut index) = synced_sample();
    let reads = corpus.reads();
    let opstamp = index.index.load_metas().expect("metas").opstamp;
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!(
        stats,
        SyncStats {
            unchanged: 3,
            ..SyncStats::default()
        }
    );
    assert_eq!(corpus.reads(), reads);
    assert_eq!(index.index.load_metas().expect("metas").opstamp, opstamp);
}

#[test]
fn new_reading_rules_or_manifest_re_read_every_file() {
    let (_dir, corpus, mut index) = synced_sample();
    let reads = corpus.reads();
    // What a furniture phrase added to the built-in list does to the
    // corpus's fingerprint.
    let before = super::sync::source_fingerprint(None, &crate::corpus::reading_fingerprint());
    let after = super::sync::source_fingerprint(None, "other reading rules");
    assert_ne!(before, after);
    assert_ne!(
        super::sync::source_fingerprint(
            Some(b"path,title\n"),
            &crate::corpus::reading_fingerprint()
        ),
        before,
        "a manifest counts too"
    );
    *corpus.fingerprint.lock().expect("fingerprint") = after;
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!(stats.changed, 3, "{stats:?}");
    assert_eq!(corpus.reads(), reads + 3);
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!(stats.unchanged, 3, "{stats:?}");
}

#[test]
fn touched_file_alone_is_reread_and_replaces_its_old_version() {
    let (_dir, corpus, mut index) = synced_sample();
    let reads = corpus.reads();
    corpus.put(
        "b.txt",
        "Caseloads up",
        "Agency staff covered vacancies.",
        None,
    );
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!((stats.changed, stats.unchanged, stats.added), (1, 2, 0));
    assert_eq!(corpus.reads(), reads + 1);
    assert_eq!(paths(&search(&index, "agency")), ["b.txt"]);
    assert!(search(&index, "manageable").is_empty());
    assert_eq!(index.num_documents().expect("count"), 3);
}

#[test]
fn deleted_file_leaves_the_index() {
    let (_dir, corpus, mut index) = synced_sample();
    corpus.remove("a.txt");
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!((stats.removed, stats.unchanged), (1, 2));
    assert!(search(&index, "\"voice of the child\"").is_empty());
    assert_eq!(index.num_documents().expect("count"), 2);
}

#[test]
fn changed_gazetteer_retags_from_stored_text_without_reading_files() {
    let (_dir, corpus, mut index) = synced_sample();
    let reads = corpus.reads();
    let edited = edited_analyser();
    assert!(!index.is_current(&edited).expect("payload"));
    corpus.forbid_reads.store(true, Ordering::SeqCst);
    let stats = index.sync_from(&corpus, &edited, &Silent).expect("retag");
    assert_eq!((stats.retagged, stats.unchanged), (3, 3));
    assert_eq!(corpus.reads(), reads);
    assert!(index.is_current(&edited).expect("payload"));
    assert_eq!(paths(&search(&index, "\"voice of the child\"")), ["a.txt"]);
    let again = index.sync_from(&corpus, &edited, &Silent).expect("resync");
    assert_eq!(again.retagged, 0);
}

#[test]
fn an_index_analysed_under_older_rules_is_analysed_again_from_stored_text() {
    let (_dir, corpus, mut index) = synced_sample();
    // What an older motif committed: the same lexicons and gazetteer, but
    // analyses made under rules that may tag the same text differently.
    let mut older = index.payload().expect("payload").expect("committed");
    older.analysis = 0;
    index.commit(&older).expect("commit");
    assert!(!index.is_current(&analyser()).expect("payload"));
    let reads = corpus.reads();
    corpus.forbid_reads.store(true, Ordering::SeqCst);
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("re-analyse");
    assert_eq!((stats.retagged, stats.screened, stats.unchanged), (3, 0, 3));
    assert_eq!(corpus.reads(), reads);
    assert!(index.is_current(&analyser()).expect("payload"));
    let again = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!(again.retagged, 0);
}

#[test]
fn retag_counts_every_stored_document() {
    let (_dir, corpus, mut index) = synced_sample();
    let stats = index
        .sync_from(&corpus, &edited_analyser(), &Silent)
        .expect("retag");
    assert_eq!((stats.retagged, stats.unchanged, stats.added), (3, 3, 0));
    let analyses = index.analyses(&edited_analyser()).expect("analyses");
    let bodies: Vec<&str> = analyses.iter().map(|a| a.document.body.as_str()).collect();
    assert_eq!(bodies, [VOICE, CASELOAD, TURNOVER]);
    assert_eq!(analyses[0].sentences, crate::text::sentences(VOICE));
}

#[test]
fn repeated_text_is_searchable_once_and_the_copy_takes_over_when_the_first_goes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = sample();
    corpus.put(
        "z-copy.txt",
        "Voice matters (copy)",
        VOICE,
        Some("2017-03-01"),
    );
    let mut index = open(dir.path());
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("sync");
    assert_eq!((stats.added, stats.duplicates), (4, 1));
    assert_eq!(paths(&search(&index, "\"voice of the child\"")), ["a.txt"]);
    assert!(!paths(&search(&index, "voice OR child")).contains(&"z-copy.txt"));
    assert_eq!(index.num_documents().expect("count"), 3);
    // Queries that may match a document without text keep the copy out.
    let count = |query: &str| {
        index
            .count(&SearchRequest::new(query), &analyser().gazetteer)
            .expect("count")
    };
    assert_eq!(count(""), 3);
    assert_eq!(count("voice OR -zebra"), count("voice -zebra"));
    assert!(!paths(&search(&index, "")).contains(&"z-copy.txt"));
    assert_eq!(index.analyses(&analyser()).expect("analyses").len(), 3);

    corpus.remove("a.txt");
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!((stats.removed, stats.duplicates), (1, 0));
    assert_eq!(
        paths(&search(&index, "\"voice of the child\"")),
        ["z-copy.txt"]
    );

    // A new earlier copy demotes the current original.
    corpus.put("0-first.txt", "Voice matters (first)", VOICE, None);
    let stats = index
        .sync_from(&corpus, &analyser(), &Silent)
        .expect("resync");
    assert_eq!((stats.added, stats.duplicates), (1, 1));
    assert_eq!(
        paths(&search(&index, "\"voice of the child\"")),
        ["0-first.txt"]
    );
}

#[test]
fn second_writer_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _first = open(dir.path());
    let err = Index::open(dir.path(), &OpenOptions::default()).expect_err("lock is held");
    assert_eq!(
        err.to_string(),
        format!(
            "index {} is in use by another motif process (use --wait)",
            dir.path().display()
        )
    );
    // Readers are never blocked by the writer.
    assert!(Index::open_read(dir.path()).is_ok());
}

#[test]
fn waiting_writer_gets_the_lock_when_the_first_lets_go() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = open(dir.path());
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(first);
    });
    let options = OpenOptions {
        wait: true,
        ..OpenOptions::default()
    };
    assert!(Index::open(dir.path(), &options).is_ok());
    release.join().expect("release thread");
}

#[test]
fn interrupted_sync_leaves_the_previous_commit_intact() {
    let (dir, corpus, mut index) = synced_sample();
    corpus.remove("a.txt");
    corpus.put("b.txt", "Changed", "Completely different words.", None);
    corpus.put("e.txt", "New", "A brand new article.", None);
    *corpus.poison.lock().unwrap_or_else(|e| e.into_inner()) = Some("e.txt".to_string());
    let crashed = catch_unwind(AssertUnwindSafe(|| {
        index.sync_from(&corpus, &analyser(), &Silent)
    }));
    assert!(crashed.is_err());
    drop(index);
    let reopened = Index::open_read(dir.path()).expect("reopen");
    assert_eq!(reopened.num_documents().expect("count"), 3);
    assert_eq!(
        paths(&search(&reopened, "\"voice of the child\"")),
        ["a.txt"]
    );
    assert_eq!(paths(&search(&reopened, "manageable")), ["b.txt"]);
    assert!(search(&reopened, "brand").is_empty());
}

#[test]
fn year_filters_dates_and_sorting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut index = open(dir.path());
    index
        .sync_from(&sample(), &analyser(), &Silent)
        .expect("sync");
    let gazetteer = analyser().gazetteer;
    assert_eq!(paths(&search(&index, "year:2017")), ["a.txt"]);
    let hits = search(&index, "year:[2015 TO 2018]");
    let mut in_range = paths(&hits);
    in_range.sort_unstable();
    assert_eq!(in_range, ["a.txt", "b.txt"]);
    let mut request = SearchRequest::new("*");
    request.years = Some(YearRange {
        from: 2018,
        to: 2020,
    });
    assert_eq!(
        paths(&index.search(&request, &gazetteer).expect("search")),
        ["b.txt"]
    );
    let mut by_date = SearchRequest::new("*");
    by_date.sort = SortOrder::Date;
    let hits = index.search(&by_date, &gazetteer).expect("search");
    assert_eq!(&paths(&hits)[..2], ["b.txt", "a.txt"]);
    assert_eq!(hits[0].published, NaiveDate::from_ymd_opt(2018, 5, 14));
    let years = index
        .group_counts(&SearchRequest::new("*"), &gazetteer, GroupBy::Year)
        .expect("groups");
    assert_eq!(years, [("2017".to_string(), 1), ("2018".to_string(), 1)]);
    assert_eq!(
        index
            .count(&SearchRequest::new("the"), &gazetteer)
            .expect("count"),
        2
    );
}

#[test]
fn malformed_queries_are_errors_not_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut index = open(dir.path());
    index
        .sync_from(&sample(), &analyser(), &Silent)
        .expect("sync");
    let gazetteer = analyser().gazetteer;
    for query in [
        "\"voice of",
        "(caseload",
        "year:[2018 TO 2015]",
        "nosuchfield:x",
        "year:abc",
    ] {
        match index.search(&SearchRequest::new(query), &gazetteer) {
            Err(IndexError::Query { message }) => assert!(!message.is_empty()),
            other => panic!("{query}: expected a query error, got {other:?}"),
        }
    }
}

#[test]
fn open_read_on_a_missing_index_says_how_to_make_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = Index::open_read(&dir.path().join("none")).expect_err("missing");
    assert!(err.to_string().contains("run `motif index` first"), "{err}");
}

#[test]
fn curly_quotes_pasted_from_a_document_make_a_phrase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut index = open(dir.path());
    index
        .sync_from(&sample(), &analyser(), &Silent)
        .expect("sync");
    let hits = search(&index, "\u{201c}voice of the child\u{201d}");
    assert_eq!(paths(&hits), ["a.txt"]);
    assert_eq!(hits[0].snippets[0].highlights.len(), 1);
}

/// Indexes hand-made analyses directly, bypassing the (stubbed) stages.
fn index_analyses(index: &mut Index, analyses: Vec<Analysis>, analyser: &Analyser) {
    let pending = analyses
        .into_iter()
        .map(|analysis| super::sync::Pending {
            stamp: super::schema::FileStamp {
                path: analysis.document.path.clone(),
                len: analysis.document.body.len() as u64,
                modified: 1,
            },
            record: super::schema::Record::Original(analysis),
        })
        .collect();
    index.add_all(pending, analyser).expect("add");
    let payload = Payload {
        schema: super::schema::SCHEMA_VERSION,
        lexicons: analyser.lexicons.hash().to_string(),
        gazetteer: analyser.gazetteer.hash().to_string(),
        manifest: String::new(),
        analysis: crate::pipeline::ANALYSIS_REVISION,
        lexicon_sources: String::new(),
    };
    index.commit(&payload).expect("commit");
}

/// A hand-made analysis: every sentence about `council`, one mention of
/// `theme` with `polarity` in the first sentence.
fn analysis_about(
    analyser: &Analyser,
    doc: Document,
    council: &str,
    theme: &str,
    polarity: crate::themes::Polarity,
) -> Analysis {
    use crate::councils::{Attribution, CouncilId, Rule};
    use crate::themes::{Mention, Tagged, ThemeId};
    let council = analyser
        .gazetteer
        .councils()
        .iter()
        .position(|c| c.short_name == council || c.name == council)
        .unwrap_or_else(|| panic!("{council} is not in the embedded gazetteer"));
    let theme = analyser
        .lexicons
        .themes()
        .iter()
        .position(|t| t.id == theme)
        .unwrap_or_else(|| panic!("{theme} is not in the embedded lexicons"));
    let sentences = crate::text::sentences(&doc.body);
    let first = sentences[0];
    Analysis {
        attributions: sentences
            .iter()
            .map(|_| Attribution {
                councils: vec![CouncilId(u16::try_from(council).expect("id"))],
                rule: Rule::Named,
            })
            .collect(),
        tagged: Tagged {
            mentions: vec![Mention {
                sentence: 0,
                theme: ThemeId(u16::try_from(theme).expect("id")),
                term: doc.body[first.start..first.end].to_string(),
                start: first.start,
                end: first.end,
                polarity,
                cue: None,
            }],
            suppressed: Vec::new(),
        },
        sentences,
        document: doc,
    }
}

#[test]
fn council_aliases_themes_and_polarities_filter_and_group() {
    use crate::themes::Polarity;
    let dir = tempfile::tempdir().expect("tempdir");
    let analyser = Analyser {
        gazetteer: Gazetteer::embedded().expect("gazetteer"),
        lexicons: LexiconSet::embedded().expect("lexicons"),
    };
    let mut index = open(dir.path());
    let a = analysis_about(
        &analyser,
        document("a.txt", "A", VOICE, Some("2017-03-01")),
        "Tameside",
        "permanence",
        Polarity::Concern,
    );
    let b = analysis_about(
        &analyser,
        document("b.txt", "B", CASELOAD, Some("2018-05-14")),
        "Kent",
        "caseloads",
        Polarity::Strength,
    );
    index_analyses(&mut index, vec![a, b], &analyser);
    let find = |q: &str| {
        let hits = index
            .search(&SearchRequest::new(q), &analyser.gazetteer)
            .expect("search");
        hits.into_iter().map(|h| h.path).collect::<Vec<_>>()
    };
    for q in [
        "council:tameside",
        "council:\"Tameside Council\"",
        "council:E08000008",
        "theme:permanence",
        "polarity:concern",
        "polarity:permanence/concern",
        "council:tameside theme:Permanence",
    ] {
        assert_eq!(find(q), ["a.txt"], "{q}");
    }
    assert_eq!(find("council:kent polarity:strength"), ["b.txt"]);
    assert!(find("council:kent theme:permanence").is_empty());
    let mut request = SearchRequest::new("*");
    request.councils = vec!["Kent County Council".to_string()];
    assert_eq!(
        index.count(&request, &analyser.gazetteer).expect("count"),
        1
    );
    let all = SearchRequest::new("*");
    let themes = index
        .group_counts(&all, &analyser.gazetteer, GroupBy::Theme)
        .expect("groups");
    assert_eq!(
        themes,
        [("caseloads".to_string(), 1), ("permanence".to_string(), 1)]
    );
    let councils = index
        .group_counts(&all, &analyser.gazetteer, GroupBy::Council)
        .expect("groups");
    assert_eq!(councils.len(), 2);
    let hit = &index
        .search(&SearchRequest::new("council:tameside"), &analyser.gazetteer)
        .expect("search")[0];
    assert_eq!(hit.themes, ["permanence"]);
    assert_eq!(hit.councils.len(), 1);
}

/// Analysers with the built-in lexicons, and with `term` added to the
/// first theme's terms.
fn lexicon_analysers(term: &str) -> (Analyser, Analyser) {
    let with = |extra: Option<&str>| {
        let mut defs = LexiconSet::read_defs(None, false).expect("built-in lexicons");
        if let Some(term) = extra {
            defs[0].terms.push(crate::themes::TermDef::plain(term, 0));
        }
        Analyser {
            gazetteer: Gazetteer::embedded().expect("embedded gazetteer"),
            lexicons: LexiconSet::from_defs(defs).expect("compile"),
        }
    };
    (with(None), with(Some(term)))
}

#[test]
fn a_lexicon_edit_re_tags_only_the_documents_holding_its_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = sample();
    let mut index = open(dir.path());
    let (base, edited) = lexicon_analysers("assessment team");
    index.sync_from(&corpus, &base, &Silent).expect("sync");
    let sketch = dir.path().join("motif-lexicons.json");
    let base_sketch = std::fs::read(&sketch).expect("the sketch is kept");

    let stats = index.sync_from(&corpus, &edited, &Silent).expect("edit");
    assert_eq!((stats.retagged, stats.screened), (1, 2), "only a.txt");
    let analyses = index.analyses(&edited).expect("analyses");
    assert!(analyses[0]
        .tagged
        .mentions
        .iter()
        .any(|m| m.term == "assessment team"));

    // A sketch of other lexicons than the index's (a commit that failed
    // after writing it) is passed over: every document is re-tagged.
    std::fs::write(&sketch, &base_sketch).expect("stale sketch");
    let stats = index.sync_from(&corpus, &base, &Silent).expect("undo");
    assert_eq!((stats.retagged, stats.screened), (3, 0));
    // So is one that cannot be read; the sync writes it again.
    std::fs::write(&sketch, "not json").expect("damaged sketch");
    let stats = index.sync_from(&corpus, &edited, &Silent).expect("redo");
    assert_eq!((stats.retagged, stats.screened), (3, 0));
    let stats = index.sync_from(&corpus, &base, &Silent).expect("undo");
    assert_eq!((stats.retagged, stats.screened), (1, 2));
}

#[test]
fn the_index_vouches_for_lexicons_only_from_the_bytes_it_was_tagged_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = sample();
    let mut index = open(dir.path());
    let embedded = Analyser {
        gazetteer: Gazetteer::embedded().expect("embedded gazetteer"),
        lexicons: LexiconSet::embedded().expect("lexicons"),
    };
    index.sync_from(&corpus, &embedded, &Silent).expect("sync");
    let digest = LexiconSet::source_digest(None, false).expect("digest");
    let hash = embedded.lexicons.hash().to_string();
    assert_eq!(
        index.lexicon_hash_for(&digest).expect("payload"),
        Some(hash)
    );
    assert_eq!(index.lexicon_hash_for("other").expect("payload"), None);
    assert!(index
        .is_current_for(embedded.lexicons.hash(), embedded.gazetteer.hash())
        .expect("payload"));

    // Lexicons built in code have no digest: the index vouches for none.
    let (built, _) = lexicon_analysers("assessment team");
    index.sync_from(&corpus, &built, &Silent).expect("sync");
    assert_eq!(index.lexicon_hash_for(&digest).expect("payload"), None);
    assert_eq!(index.lexicon_hash_for("").expect("payload"), None);
}
