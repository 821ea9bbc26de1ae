//! `motif index`: incremental updates, re-tagging without re-reading, and
//! the writer lock, on a copy of the sample corpus.

mod common;

use std::fs;

use common::{sample_corpus, Dir};
use motif::index::{Index, OpenOptions};
use predicates::prelude::*;

/// A temporary directory holding a copy of the sample corpus in `corpus/`.
fn with_corpus() -> Dir {
    let dir = Dir::new();
    for entry in fs::read_dir(sample_corpus()).expect("sample corpus") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        dir.create(
            &format!("corpus/{name}"),
            fs::read(entry.path()).expect("read"),
        );
    }
    dir
}

/// Runs motif with `args` in `dir`, which must succeed; its stderr.
fn motif_ok(dir: &Dir, args: &[&str]) -> String {
    let output = dir.motif().args(args).output().expect("run motif");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn index(dir: &Dir) -> String {
    let output = dir.motif().arg("index").output().expect("run motif");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn index_prints_a_one_line_summary() {
    let dir = with_corpus();
    let summary = index(&dir);
    assert_eq!(summary.lines().count(), 1, "{summary}");
    assert!(
        summary.contains("added") && summary.contains("re-tagged"),
        "{summary}"
    );
    assert!(dir.join(".motif/index/meta.json").exists());
}

#[test]
fn rerun_does_nothing_touch_reindexes_one_delete_removes_one() {
    let dir = with_corpus();
    assert!(index(&dir).contains("5 added"));
    assert!(index(&dir).contains("0 added, 0 changed, 0 removed, 5 unchanged"));

    let path = dir.join("corpus/002_d1d479fe63a22c03.txt");
    let mut text = fs::read_to_string(&path).expect("read");
    // Into the article body: text after the comment widget at the end
    // would be furniture, and rightly unsearchable.
    text = text.replacen(
        "\n\nOther improvements include",
        "\n\nInspectors noted a zeppelin of agency staff.\n\nOther improvements include",
        1,
    );
    assert!(
        text.contains("zeppelin"),
        "the test edit must land in the body"
    );
    fs::write(&path, text).expect("write");
    assert!(index(&dir).contains("0 added, 1 changed, 0 removed, 4 unchanged"));
    dir.motif()
        .args(["search", "zeppelin", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("002_d1d479fe63a22c03.txt"));

    fs::remove_file(&path).expect("delete");
    assert!(index(&dir).contains("0 added, 0 changed, 1 removed, 4 unchanged"));
    dir.motif().args(["search", "zeppelin"]).assert().code(1);
}

#[test]
fn gazetteer_edit_retags_from_the_index_without_reading_files() {
    let dir = with_corpus();
    index(&dir);
    // Change a file's words but not its length or time: only a re-read
    // could notice.
    let path = dir.join("corpus/000_caef01f1ead83dd8.txt");
    let modified = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(
        &path,
        text.replace("voice of the child", "noise of the chilx"),
    )
    .expect("write");
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(modified))
        .expect("restore mtime");

    let gazetteer = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/councils.csv"),
    )
    .expect("gazetteer");
    dir.create("edited.csv", format!("{gazetteer}\n"));
    let summary = {
        let output = dir
            .motif()
            .args(["--councils", "edited.csv", "index"])
            .output()
            .expect("run motif");
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert!(summary.contains("5 unchanged, 5 re-tagged"), "{summary}");
    dir.motif()
        .args(["search", "\"voice of the child\""])
        .assert()
        .success();
    dir.motif().args(["search", "chilx"]).assert().code(1);
}

#[test]
fn second_writer_gets_a_clear_message() {
    let dir = with_corpus();
    let _held = Index::open(&dir.join(".motif/index"), &OpenOptions::default()).expect("lock");
    dir.motif()
        .arg("index")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "is in use by another motif process (use --wait)",
        ));
}

#[test]
fn reading_while_a_writer_holds_the_lock_works() {
    let dir = with_corpus();
    index(&dir);
    let _held = Index::open(&dir.join(".motif/index"), &OpenOptions::default()).expect("lock");
    dir.motif().args(["search", "zebra"]).assert().code(1);
}

#[test]
fn waiting_writer_says_so_and_proceeds_when_the_lock_is_freed() {
    use std::io::BufRead;
    let dir = with_corpus();
    let held = Index::open(&dir.join(".motif/index"), &OpenOptions::default()).expect("lock");
    // The lock is released only once motif has said it is waiting, so the
    // test does not depend on how fast the machine starts a process.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("motif"))
        .args(["index", "--wait"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn motif");
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut first = String::new();
    stderr.read_line(&mut first).expect("read stderr");
    assert!(
        first.contains("waiting for another motif process"),
        "{first}"
    );
    drop(held);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).expect("read stderr");
    let status = child.wait().expect("wait");
    assert!(status.success(), "{first}{rest}");
    assert!(rest.contains("5 added"), "{rest}");
}

#[test]
fn lexicon_edit_retags_to_exactly_the_reports_of_a_fresh_run() {
    let dir = with_corpus();
    dir.create(
        "extra/management_oversight.toml",
        fs::read(common::fixture("lexicons/management_oversight.toml")).expect("fixture"),
    );
    let run = |args: &[&str]| motif_ok(&dir, args);
    run(&["run", "--out", "before"]);
    // The same index, now with a fifth theme: only the themes stage reruns.
    let edited = ["--lexicons", "extra", "--extend"];
    let summary = run(&[&edited[..], &["run", "--out", "retagged"]].concat());
    assert!(summary.contains("5 re-tagged"), "{summary}");
    run(&[&edited[..], &["run", "--index", "fresh", "--out", "fresh"]].concat());
    same_csv_reports(&dir, "retagged", "fresh");
    let retagged = dir.read("retagged/evidence.csv");
    assert!(
        retagged.contains("management_oversight"),
        "the new theme counts"
    );
    assert_ne!(retagged, dir.read("before/evidence.csv"));
}

#[test]
fn a_lexicon_edit_rewrites_only_the_documents_whose_tags_it_changes() {
    let dir = with_corpus();
    let run = |args: &[&str]| motif_ok(&dir, args);
    // The segments of the index: a rewritten document goes to a new one.
    let segments = || {
        let mut names: Vec<String> = fs::read_dir(dir.join(".motif/index"))
            .expect("index folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".store"))
            .collect();
        names.sort();
        names
    };
    run(&["run", "--out", "before"]);
    let before = segments();
    let caseloads = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/caseloads.toml"),
    )
    .expect("lexicon");
    let with_term =
        |term: &str| caseloads.replacen("terms = [", &format!("terms = [\"{term}\", "), 1);

    // A term no sample holds: the index kept a sketch of the lexicons its
    // tags were made with, so no document is even re-tagged.
    dir.create("none/caseloads.toml", with_term("zebra crossing rota"));
    let summary = run(&["--lexicons", "none", "--extend", "run", "--out", "none-out"]);
    assert!(
        summary.contains("0 re-tagged (5 hold no edited lexicon entry)"),
        "{summary}"
    );
    assert_eq!(segments(), before, "no document rewritten");
    assert_eq!(
        dir.read("none-out/evidence.csv"),
        dir.read("before/evidence.csv")
    );

    // A term one sample holds rewrites that document, and the reports are
    // a fresh run's.
    dir.create("one/caseloads.toml", with_term("whole-council"));
    let edited = ["--lexicons", "one", "--extend"];
    let summary = run(&[&edited[..], &["run", "--out", "one-out"]].concat());
    // Re-tagged: the two samples holding both "whole" and "council".
    assert!(
        summary.contains("2 re-tagged (3 hold no edited lexicon entry)"),
        "{summary}"
    );
    assert_ne!(segments(), before, "the changed document rewritten");
    run(&[&edited[..], &["run", "--index", "fresh", "--out", "fresh"]].concat());
    for name in [
        "evidence.csv",
        "suppressed.csv",
        "theme_counts.csv",
        "documents.csv",
    ] {
        assert_eq!(
            dir.read(&format!("one-out/{name}")),
            dir.read(&format!("fresh/{name}")),
            "{name}"
        );
    }
    assert!(dir.read("one-out/evidence.csv").contains(",whole-council,"));

    // Taking the term out again re-tags the same two, back to the first
    // run's tags.
    let summary = run(&["run", "--out", "back"]);
    assert!(summary.contains("2 re-tagged (3 hold"), "{summary}");
    same_csv_reports(&dir, "back", "before");
}

#[cfg(unix)]
#[test]
fn a_run_that_reuses_every_document_leaves_the_row_reports_in_place() {
    use std::os::unix::fs::MetadataExt;
    let dir = with_corpus();
    let run = |args: &[&str]| motif_ok(&dir, args);
    // A rewritten report is a new file renamed into place: a new inode.
    let inode = |name: &str| {
        fs::metadata(dir.path().join("out").join(name))
            .expect("report")
            .ino()
    };
    let kept = ["evidence.csv", "suppressed.csv", ".motif-rows"];
    run(&["run", "--out", "out"]);
    let before: Vec<u64> = kept.iter().map(|n| inode(n)).collect();
    let run_json = inode("run.json");

    // A lexicon edit that changes no document's tags: every document's
    // rows are the last run's, in the same order.
    let caseloads = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/caseloads.toml"),
    )
    .expect("lexicon");
    let edited = caseloads.replacen("terms = [", "terms = [\"zebra crossing rota\", ", 1);
    dir.create("none/caseloads.toml", edited);
    let summary = run(&["--lexicons", "none", "--extend", "run", "--out", "out"]);
    assert!(summary.contains("0 re-tagged (5 hold"), "{summary}");
    let after: Vec<u64> = kept.iter().map(|n| inode(n)).collect();
    assert_eq!(after, before, "{kept:?} left as they were");
    assert_ne!(inode("run.json"), run_json, "the run is recorded anew");

    // What was left in place serves the next run like a copy would.
    dir.create(
        "corpus/002a_added.txt",
        "Adoption delays in Kent were too long.\n",
    );
    run(&["--lexicons", "none", "--extend", "run", "--out", "out"]);
    assert_ne!(inode("evidence.csv"), before[0], "a new row was written");
    run(&[
        "--lexicons",
        "none",
        "--extend",
        "run",
        "--index",
        "fresh",
        "--out",
        "fresh",
    ]);
    same_csv_reports(&dir, "out", "fresh");
}

/// The CSV reports in `a` and `b` are byte for byte the same.
fn same_csv_reports(dir: &Dir, a: &str, b: &str) {
    for name in [
        "evidence.csv",
        "suppressed.csv",
        "theme_counts.csv",
        "theme_table.csv",
        "documents.csv",
        "judgements.csv",
    ] {
        let got = dir.read(&format!("{a}/{name}"));
        assert_eq!(got, dir.read(&format!("{b}/{name}")), "{a}/{name}");
    }
}

#[test]
fn rows_kept_from_the_last_run_give_exactly_the_reports_of_a_fresh_run() {
    let dir = with_corpus();
    let run = |args: &[&str]| motif_ok(&dir, args);
    run(&["run", "--out", "out"]);
    assert!(dir.path().join("out/.motif-rows").is_file());
    // A file that sorts between the samples, so its lines go in the middle
    // of the kept ones, and one sample gone.
    let samples: Vec<_> = fs::read_dir(dir.path().join("corpus"))
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    let first = samples.iter().min().expect("a sample");
    let mut text = fs::read_to_string(first).expect("sample");
    text.push_str("\nInspectors found that social workers' caseloads were too high.\n");
    dir.create("corpus/001a_added.txt", text);
    fs::remove_file(samples.iter().max().expect("a sample")).expect("remove");
    run(&["run", "--out", "out"]);
    run(&["run", "--index", "fresh", "--out", "fresh"]);
    same_csv_reports(&dir, "out", "fresh");

    // Reports edited since are never copied from: the rows are made again.
    let edited = dir.path().join("out/evidence.csv");
    let mut evidence = fs::read_to_string(&edited).expect("evidence");
    evidence.insert_str(evidence.len() / 2, "EDITED BY HAND");
    fs::write(&edited, evidence).expect("edit");
    dir.create(
        "corpus/002a_added.txt",
        "Adoption delays in Kent were too long.\n",
    );
    run(&["run", "--out", "out"]);
    run(&["run", "--index", "fresh", "--out", "fresh"]);
    same_csv_reports(&dir, "out", "fresh");
    assert!(!dir.read("out/evidence.csv").contains("EDITED BY HAND"));
}
