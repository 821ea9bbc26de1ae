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
            // The headline is a sentence too: "two councils", like the lead.
            ["1", "group", "Tameside;Worcestershire"],
            ["2", "group", "Tameside;Worcestershire"],
            ["3", "named", "Tameside"],
            ["4", "focus", "Tameside"],
            ["5", "named", "Worcestershire"],
            ["6", "focus", "Worcestershire"],
        ]
    );
    // "Register Now to Continue Reading" is paywall furniture: the corpus
    // stage removes it, so it is no sentence and no council ("Reading").
    assert!(!stdout.contains("Register Now"), "{stdout}");
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

/// The councils `motif councils attribute` gives a sample article, in order.
fn sample_councils(name: &str) -> Vec<String> {
    let dir = Dir::new();
    let out = dir
        .motif()
        .args(["councils", "attribute"])
        .arg(common::sample_corpus().join(name))
        .assert()
        .success();
    let mut councils: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .skip(1)
    {
        let field = line.split('\t').nth(2).unwrap_or_default();
        for council in field.split(';').filter(|c| !c.is_empty()) {
            if !councils.iter().any(|c| c == council) {
                councils.push(council.to_string());
            }
        }
    }
    councils
}

#[test]
fn sample_articles_are_about_the_councils_they_discuss() {
    assert_eq!(
        sample_councils("000_caef01f1ead83dd8.txt"),
        ["Tameside", "Worcestershire"]
    );
    assert_eq!(sample_councils("001_49ba728cb84f10e1.txt"), ["Tameside"]);
    assert_eq!(
        sample_councils("002_d1d479fe63a22c03.txt"),
        ["Manchester", "Torbay"]
    );
    assert_eq!(
        sample_councils("004_4d536a8d5cbbe4a9.txt"),
        ["Slough", "Darlington"]
    );
    let roundup = sample_councils("003_d66af9f8845dbcfe.txt");
    for name in [
        "Coventry",
        "Knowsley",
        "Kent",
        "North Tyneside",
        "Southwark",
    ] {
        assert!(
            roundup.iter().any(|c| c == name),
            "{name} missing from {roundup:?}"
        );
    }
    for name in ["Essex", "Reading", "London"] {
        assert!(!roundup.iter().any(|c| c == name), "{name} in {roundup:?}");
    }
}
