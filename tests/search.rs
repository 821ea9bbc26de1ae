//! `motif search` on the sample corpus: phrases, stemming, council and theme
//! filters, JSON highlight offsets, exit codes and malformed queries.

mod common;

use common::{sample_corpus, Dir};
use predicates::prelude::*;

/// A temporary directory with the sample corpus indexed at `.motif/index`.
fn indexed() -> Dir {
    let dir = Dir::new();
    dir.motif()
        .arg("index")
        .arg(sample_corpus())
        .assert()
        .success();
    dir
}

/// The paths of the hits of a JSON Lines search.
fn json_paths(dir: &Dir, args: &[&str]) -> Vec<String> {
    let output = dir
        .motif()
        .args(["search", "--format", "json"])
        .args(args)
        .output()
        .expect("run motif");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let hit: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            hit["path"].as_str().expect("path").to_string()
        })
        .collect()
}

#[test]
fn phrase_finds_exactly_the_article_containing_it() {
    let dir = indexed();
    assert_eq!(
        json_paths(&dir, &["\"voice of the child\""]),
        ["000_caef01f1ead83dd8.txt"]
    );
}

#[test]
fn several_words_are_one_query_as_if_quoted_together() {
    let dir = indexed();
    let joined = json_paths(&dir, &["caseloads AND Tameside"]);
    let split = json_paths(&dir, &["caseloads", "AND", "Tameside"]);
    assert!(!joined.is_empty());
    assert_eq!(joined, split);
    // A leading `-` inside a quoted query is the query's, not a flag.
    let minus = json_paths(&dir, &["caseloads -Tameside"]);
    assert!(!minus.is_empty());
    assert!(minus.iter().all(|p| !joined.contains(p)), "{minus:?}");
}

#[test]
fn council_alias_and_theme_filter_find_the_tameside_report() {
    let dir = indexed();
    let hits = json_paths(&dir, &["council:tameside theme:permanence"]);
    assert!(
        hits.contains(&"001_49ba728cb84f10e1.txt".to_string()),
        "{hits:?}"
    );
    let by_flags = json_paths(
        &dir,
        &["--council", "Tameside Council", "--theme", "permanence"],
    );
    assert_eq!(hits, by_flags);
}

#[test]
fn stemming_finds_caseloads_for_caseload() {
    let dir = indexed();
    let mut hits = json_paths(&dir, &["caseload", "--exact"]);
    assert!(hits.is_empty(), "no sample says 'caseload' alone: {hits:?}");
    hits = json_paths(&dir, &["caseload"]);
    hits.sort();
    assert_eq!(
        hits,
        [
            "001_49ba728cb84f10e1.txt",
            "002_d1d479fe63a22c03.txt",
            "003_d66af9f8845dbcfe.txt"
        ]
    );
}

#[test]
fn json_hits_parse_and_highlights_point_at_matched_words() {
    let dir = indexed();
    let output = dir
        .motif()
        .args(["search", "caseload", "--format", "json"])
        .output()
        .expect("run motif");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let mut highlights = 0;
    for line in text.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        for key in [
            "doc_id",
            "path",
            "title",
            "published",
            "councils",
            "themes",
            "score",
        ] {
            assert!(hit.get(key).is_some(), "{key} missing in {line}");
        }
        for snippet in hit["snippets"].as_array().expect("snippets") {
            let sentence = snippet["text"].as_str().expect("text");
            for pair in snippet["highlights"].as_array().expect("highlights") {
                let start = pair[0].as_u64().expect("start") as usize;
                let end = pair[1].as_u64().expect("end") as usize;
                assert!(sentence[start..end].to_lowercase().starts_with("caseload"));
                highlights += 1;
            }
        }
    }
    assert!(highlights >= 3, "{text}");
}

#[test]
fn count_and_group_by_year_leave_undated_documents_out_of_years() {
    let dir = indexed();
    dir.motif()
        .args(["search", "caseloads", "--count"])
        .assert()
        .success()
        .stdout("3\n");
    dir.motif()
        .args(["search", "caseloads", "--by", "year", "--format", "csv"])
        .assert()
        .success()
        .stdout("year,documents\n2017,1\n");
}

#[test]
fn no_hits_exit_1_and_print_nothing() {
    let dir = indexed();
    dir.motif()
        .args(["search", "zebra"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn unbalanced_quote_exits_2_pointing_at_it() {
    let dir = indexed();
    dir.motif()
        .args(["search", "caseloads \"voice of"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "malformed query: quote opened here is never closed",
        ))
        .stderr(predicate::str::contains(
            "caseloads \"voice of\n            ^",
        ));
}

#[test]
fn malformed_queries_exit_2_with_a_message() {
    let dir = indexed();
    for (query, message) in [
        ("(caseload OR turnover", "`(` opened here is never closed"),
        ("year:[2018 TO 2015]", "year range runs backwards"),
        ("nosuchfield:caseload", "nosuchfield"),
    ] {
        dir.motif()
            .args(["search", query])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains("panicked").not());
    }
    dir.motif()
        .args(["search", "x", "--year", "2018..2015"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("runs backwards"));
}

#[test]
fn search_without_an_index_says_how_to_make_one() {
    Dir::new()
        .motif()
        .args(["search", "caseload"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("run `motif index` first"));
}

/// The stderr of a search that must find something.
fn search_stderr(dir: &Dir, args: &[&str]) -> String {
    let output = dir
        .motif()
        .args(args)
        .args(["search", "caseloads"])
        .output()
        .expect("run motif");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn search_warns_exactly_when_the_lexicons_differ_from_the_indexes() {
    let dir = Dir::new();
    let theme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/caseloads.toml"),
    )
    .expect("caseloads.toml");
    dir.create("lex/caseloads.toml", &theme);
    let lex = dir.join("lex");
    let lex = lex.to_str().expect("UTF-8 path");
    let flags = ["--lexicons", lex, "--extend"];
    dir.motif()
        .args(flags)
        .arg("index")
        .arg(sample_corpus())
        .assert()
        .success();
    let stale = "was built with other lexicons";

    // The very bytes the index was tagged from, then the same themes read
    // from the built-in copy: both current.
    assert!(!search_stderr(&dir, &flags).contains(stale));
    assert!(!search_stderr(&dir, &[]).contains(stale));
    // A comment changes the bytes but not the themes: still current.
    dir.create("lex/caseloads.toml", format!("# a note\n{theme}"));
    assert!(!search_stderr(&dir, &flags).contains(stale));
    // A new term changes the themes.
    dir.create(
        "lex/caseloads.toml",
        theme.replacen("terms = [", "terms = [\"zebra crossings\", ", 1),
    );
    assert!(search_stderr(&dir, &flags).contains(stale));
    // An unreadable lexicon folder is an error, whatever the index holds.
    dir.motif()
        .args(["--lexicons", "no-such-folder", "search", "caseloads"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder"));
}
