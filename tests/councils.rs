//! `motif councils`: listing, finding and attributing, through the binary.

mod common;

use common::{fixture, Dir};
use predicates::prelude::*;

#[test]
fn lists_every_council_as_a_table() {
    let dir = Dir::new();
    let out = dir.motif().arg("councils").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("E08000008  Tameside"));
    assert!(stdout.contains("153 current"));
}

#[test]
fn lists_the_gazetteer_as_csv() {
    let dir = Dir::new();
    dir.motif()
        .args(["councils", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n",
        ))
        .stdout(predicate::str::contains("~Reading"));
}

#[test]
fn find_shows_kept_and_rejected_names_with_reasons() {
    let dir = Dir::new();
    dir.motif()
        .args([
            "councils",
            "find",
            "Carole Sutton visited Reading Borough Council in Bury.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("rejected\t7..13\t\"Sutton\""))
        .stdout(predicate::str::contains(
            "kept\t22..45\t\"Reading Borough Council\"",
        ))
        .stdout(predicate::str::contains("kept\t49..53\t\"Bury\""))
        .stdout(predicate::str::contains("place construction"));
}

#[test]
fn find_exits_one_when_no_council_is_named() {
    let dir = Dir::new();
    dir.motif()
        .args(["councils", "find", "Register Now to Continue Reading"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("rejected"));
}

#[test]
fn find_uses_the_date_to_pick_old_or_new_council() {
    let dir = Dir::new();
    dir.motif()
        .args([
            "councils",
            "find",
            "--date",
            "2016-01-01",
            "in North Yorkshire",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("E10000023"));
    dir.motif()
        .args(["councils", "find", "in North Yorkshire"])
        .assert()
        .success()
        .stdout(predicate::str::contains("E06000065"))
        .stdout(predicate::str::contains("undated"));
}

#[test]
fn attribute_prints_each_sentence_with_councils_and_rule() {
    let dir = Dir::new();
    let out = dir
        .motif()
        .args(["councils", "attribute"])
        .arg(fixture("councils/two_councils.txt"))
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .skip(1)
        .map(|l| l.splitn(4, '\t').take(3).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["1", "group", "Tameside;Worcestershire"],
            ["2", "named", "Tameside"],
            ["3", "focus", "Tameside"],
            ["4", "named", "Worcestershire"],
            ["5", "focus", "Worcestershire"],
            ["6", "focus", "Worcestershire"],
        ]
    );
}

#[test]
fn a_custom_gazetteer_replaces_the_built_in_one() {
    let dir = Dir::new();
    dir.create(
        "wales.csv",
        "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n\
         W06000015,Cardiff Council,Cardiff,unitary,Wales,,,Cardiff council\n",
    );
    dir.motif()
        .args([
            "--councils",
            "wales.csv",
            "councils",
            "find",
            "Cardiff Council and Tameside",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("W06000015"))
        .stdout(predicate::str::contains("Tameside").not());
}

#[test]
fn a_broken_gazetteer_is_an_error_naming_the_file() {
    let dir = Dir::new();
    dir.create("bad.csv", "gss_code,name\nE06000001,A\n");
    dir.motif()
        .args(["--councils", "bad.csv", "councils"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.csv"));
}
