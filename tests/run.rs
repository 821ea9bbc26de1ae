//! `motif run` and `motif counts`, through the real binary: which files
//! appear, what goes to stdout and stderr, run.json, determinism, and the
//! identity `sum(theme_counts.mentions) == rows(evidence.csv)` on real text.
//! Tests that need the reading and tagging stages are ignored until they
//! land ("needs themes stage").

mod common;

use common::{sample_corpus, Dir};
use predicates::prelude::*;

const OUTPUTS: [&str; 9] = [
    "theme_counts.csv",
    "theme_table.csv",
    "evidence.csv",
    "suppressed.csv",
    "documents.csv",
    "judgements.csv",
    "motif.xlsx",
    "report.html",
    "run.json",
];

fn run_on_samples(dir: &Dir, extra: &[&str]) -> assert_cmd::assert::Assert {
    let corpus = sample_corpus();
    let mut cmd = dir.motif();
    cmd.arg("run")
        .arg("--corpus")
        .arg(&corpus)
        .args(["--out", "out", "--index", "idx"])
        .args(extra);
    cmd.assert()
}

/// Sum of the mentions column of theme_counts.csv and rows of evidence.csv.
fn identity(dir: &Dir) -> (u64, u64) {
    let counts = dir.read("out/theme_counts.csv");
    let mut reader = csv::Reader::from_reader(counts.as_bytes());
    assert_eq!(&reader.headers().expect("header")[4], "mentions");
    let mentions = reader
        .records()
        .map(|r| {
            r.expect("row")[4]
                .parse::<u64>()
                .expect("mentions is a number")
        })
        .sum();
    let evidence = dir.read("out/evidence.csv");
    let rows = csv::Reader::from_reader(evidence.as_bytes())
        .records()
        .count() as u64;
    (mentions, rows)
}

#[test]
fn run_writes_every_output() {
    let dir = Dir::new();
    run_on_samples(&dir, &["--quiet"])
        .success()
        .stdout("")
        .stderr("");
    for name in OUTPUTS {
        assert!(dir.join("out").join(name).is_file(), "{name} missing");
    }
    assert!(dir
        .read("out/theme_counts.csv")
        .starts_with("council,gss_code,year,theme,mentions,sentences,documents,concerns,strengths,words,per_10k_words\r\n"));
    assert!(dir.read("out/evidence.csv").starts_with(
        "doc_id,path,published,year,council,gss_code,theme,term,polarity,cue,sentence_no,start,end,sentence\r\n"
    ));
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("out"))
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn run_summary_goes_to_stderr() {
    let dir = Dir::new();
    run_on_samples(&dir, &[]).success().stdout("").stderr(
        predicate::str::contains("motif run: ")
            .and(predicate::str::contains("reports written to out")),
    );
}

#[test]
fn run_json_records_how_outputs_were_made() {
    let dir = Dir::new();
    run_on_samples(&dir, &["--quiet", "--raw"]).success();
    let json: serde_json::Value =
        serde_json::from_str(&dir.read("out/run.json")).expect("run.json is JSON");
    assert_eq!(json["motif_version"], env!("CARGO_PKG_VERSION"));
    for key in ["lexicon_hash", "gazetteer_hash", "corpus_hash", "generated"] {
        assert!(json[key].is_string(), "{key}");
    }
    assert_eq!(json["options"]["out"], "out");
    assert_eq!(json["options"]["raw"], "true");
    assert!(json["documents"].is_u64() && json["mentions"].is_u64());
    assert_eq!(
        json["outputs"].as_array().map(Vec::len),
        Some(OUTPUTS.len())
    );
}

#[test]
fn run_excel_starts_csv_with_a_bom() {
    let dir = Dir::new();
    run_on_samples(&dir, &["--quiet", "--excel"]).success();
    let bytes = std::fs::read(dir.join("out/theme_counts.csv")).expect("read");
    assert!(bytes.starts_with(b"\xef\xbb\xbfcouncil,"));
}

#[test]
fn run_into_a_file_fails_naming_it() {
    let dir = Dir::new();
    dir.create("out", "not a folder");
    run_on_samples(&dir, &["--quiet"])
        .code(2)
        .stderr(predicate::str::starts_with("motif: ").and(predicate::str::contains("out")));
    assert_eq!(dir.read("out"), "not a folder");
}

#[test]
fn runs_with_one_and_two_threads_give_byte_identical_tables() {
    let dir = Dir::new();
    let run = |threads: &str, out: &str| {
        dir.motif()
            .args(["--threads", threads, "run", "--quiet", "--corpus"])
            .arg(sample_corpus())
            .args(["--out", out, "--index", &format!("{out}-index")])
            .assert()
            .success();
    };
    run("1", "one");
    run("2", "two");
    for name in &OUTPUTS[..6] {
        let one = std::fs::read(dir.join("one").join(name)).expect("read");
        let two = std::fs::read(dir.join("two").join(name)).expect("read");
        assert_eq!(one, two, "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn an_unchanged_rerun_leaves_the_reports_alone_and_a_change_rewrites_them() {
    let dir = Dir::new();
    dir.create(
        "corpus/a.txt",
        "Caseloads at Tameside\n\n| 1 May 2018\n\nSocial workers at Tameside Council have manageable caseloads.\n",
    );
    let run = || {
        dir.motif()
            .args([
                "run", "--corpus", "corpus", "--out", "out", "--index", "idx",
            ])
            .output()
            .expect("run motif")
    };
    assert!(run().status.success());
    let before = std::fs::metadata(dir.join("out/theme_counts.csv"))
        .and_then(|m| m.modified())
        .expect("mtime");
    let again = run();
    assert!(String::from_utf8_lossy(&again.stderr).contains("up to date"));
    let after = std::fs::metadata(dir.join("out/theme_counts.csv"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(before, after, "an unchanged re-run rewrote the reports");

    // The index moves on without `run` (here `motif index`): the reports
    // no longer show its commit, so the next run writes them again.
    dir.create(
        "corpus/b.txt",
        "Agency staff at Kent\n\n| 2 May 2019\n\nKent County Council relies on agency staff.\n",
    );
    dir.motif()
        .args(["index", "corpus", "--index", "idx", "--quiet"])
        .assert()
        .success();
    let third = run();
    assert!(String::from_utf8_lossy(&third.stderr).contains("reports written"));
    assert!(dir.read("out/documents.csv").contains("b.txt"));
}

#[test]
fn counts_prints_the_theme_counts_header() {
    let dir = Dir::new();
    run_on_samples(&dir, &["--quiet"]).success();
    dir.motif()
        .args(["counts", "--index", "idx"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "council,gss_code,year,theme,mentions,sentences,documents,concerns,strengths,words,per_10k_words\r\n",
        ));
}

#[test]
fn counts_group_by_chooses_the_key_columns() {
    let dir = Dir::new();
    run_on_samples(&dir, &["--quiet"]).success();
    dir.motif()
        .args(["counts", "--index", "idx"])
        .args(["--group-by", "polarity,council", "--format", "tsv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "polarity\tcouncil\tgss_code\tmentions\tsentences\tdocuments\tconcerns\tstrengths\r\n",
        ));
    dir.motif()
        .args(["counts", "--index", "idx"])
        .args(["--group-by", "document", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::function(|out: &str| {
            serde_json::from_str::<serde_json::Value>(out).is_ok_and(|v| v.is_array())
        }));
}

#[test]
fn counts_rejects_an_unknown_grouping() {
    Dir::new()
        .motif()
        .args(["counts", "--group-by", "county"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown grouping \"county\""));
}

#[test]
fn run_on_samples_counts_agree_with_evidence() {
    let dir = Dir::new();
    run_on_samples(&dir, &["--quiet"]).success();
    let (mentions, rows) = identity(&dir);
    assert!(mentions > 0, "the samples mention caseloads and turnover");
    assert_eq!(mentions, rows);
}

#[test]
fn run_on_generated_corpus_counts_agree_with_evidence() {
    let dir = Dir::new();
    dir.motif()
        .args(["gen-corpus", "--docs", "50", "--out", "gen"])
        .assert()
        .success();
    dir.motif()
        .args([
            "run", "--corpus", "gen", "--out", "out", "--index", "idx", "--quiet",
        ])
        .assert()
        .success();
    let (mentions, rows) = identity(&dir);
    assert!(mentions > 0);
    assert_eq!(mentions, rows);
}

#[test]
fn run_on_hostile_corpus_neutralises_and_escapes() {
    let dir = Dir::new();
    dir.create(
        "corpus/<script>alert(1)<script>.txt",
        "<script>alert(1)</script>\n\n25 January 2017\n\n\
         =HYPERLINK(\"http://evil.example\",\"x\") Tameside Council caseloads were too high.\n\
         \"><img src=x onerror=alert(2)> Inspectors said caseloads at Tameside Council were unmanageable.\n",
    );
    dir.motif()
        .args([
            "run", "--corpus", "corpus", "--out", "out", "--index", "idx", "--quiet",
        ])
        .assert()
        .success();
    let html = dir.read("out/report.html").to_lowercase();
    assert!(!html.contains("<script") && !html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || html.contains("&lt;img"));
    let evidence = dir.read("out/evidence.csv");
    assert!(evidence.contains("'=HYPERLINK"));
    assert!(!evidence.lines().any(|l| l.contains(",=HYPERLINK")));
}

#[test]
fn run_clears_temporaries_left_by_a_killed_run() {
    let dir = Dir::new();
    dir.create("out/.motif-killed.tmp", "council,gss_co");
    dir.create("out/notes.txt", "mine");
    run_on_samples(&dir, &["--quiet"]).success();
    assert!(!dir.join("out/.motif-killed.tmp").exists());
    assert_eq!(dir.read("out/notes.txt"), "mine");
}

#[test]
fn run_killed_at_any_point_then_rerun_matches_a_clean_run() {
    let dir = Dir::new();
    dir.motif()
        .args(["gen-corpus", "--docs", "300", "--out", "gen"])
        .assert()
        .success();
    let args = [
        "run", "--corpus", "gen", "--index", "idx", "--quiet", "--out",
    ];
    dir.motif().args(args).arg("clean").assert().success();
    let binary = assert_cmd::cargo::cargo_bin("motif");
    for delay_ms in [20, 80, 200, 400, 700, 1000, 1500] {
        let mut child = std::process::Command::new(&binary)
            .current_dir(dir.path())
            .args(args)
            .arg("out")
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn motif run");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix; it may already have finished.
        let _ = child.wait();
        // Whatever the kill left, each report present is whole.
        for name in &OUTPUTS[..4] {
            if let Ok(text) = std::fs::read_to_string(dir.join("out").join(name)) {
                assert_eq!(
                    text,
                    dir.read(&format!("clean/{name}")),
                    "{name} after {delay_ms} ms"
                );
            }
        }
    }
    dir.motif().args(args).arg("out").assert().success();
    for name in &OUTPUTS[..4] {
        assert_eq!(
            dir.read(&format!("out/{name}")),
            dir.read(&format!("clean/{name}")),
            "{name}"
        );
    }
    let temporaries = std::fs::read_dir(dir.join("out"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temporaries, 0);
}

/// The page shows the first sentences of a heatmap cell and says how many
/// more are in evidence.csv; reports are written as the analyses stream
/// past, so the count must come from the totals, not from what was kept.
#[test]
fn page_caps_a_cells_evidence_and_counts_the_rest() {
    let dir = Dir::new();
    let mut text = String::from("Kent children's services\n\nPublished 3 March 2023\n\n");
    for i in 0..40 {
        text.push_str(&format!(
            "In team {i} of Kent County Council, social workers' caseloads are too high.\n\n"
        ));
    }
    dir.create("corpus/kent.txt", text);
    dir.motif()
        .args([
            "run", "--corpus", "corpus", "--out", "out", "--index", "idx", "--quiet",
        ])
        .assert()
        .success();
    let evidence = dir.read("out/evidence.csv");
    let rows = evidence.lines().count() - 1;
    assert_eq!(rows, 40, "{evidence}");
    let page = dir.read("out/report.html");
    assert!(
        page.contains("… and 35 more in evidence.csv"),
        "the cell of 40 mentions shows 5 and counts 35 more"
    );
    assert_eq!(page.matches("caseloads</mark> are too high").count(), 5);
}

#[test]
fn run_on_a_missing_corpus_names_it_and_creates_nothing() {
    let dir = Dir::new();
    dir.motif()
        .args([
            "run",
            "--corpus",
            "no-such-folder",
            "--index",
            "idx",
            "--out",
            "out",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot read corpus folder no-such-folder",
        ));
    assert!(
        !dir.join("idx").exists(),
        "no index folder for a missing corpus"
    );
    assert!(
        !dir.join("out").exists(),
        "no reports folder for a missing corpus"
    );
    dir.motif()
        .args(["index", "no-such-folder", "--index", "idx"])
        .assert()
        .code(2);
    assert!(!dir.join("idx").exists());
}
