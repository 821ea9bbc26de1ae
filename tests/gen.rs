//! `motif gen-corpus`: the generated corpus is deterministic, has the
//! promised mix (Windows-1252 files, duplicates, varied datelines, a
//! manifest), and draws council names from the gazetteer in force.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::Dir;

/// Every file under `root` (relative `/`-separated path → bytes).
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn gen(dir: &Dir, out: &str, docs: &str, seed: &str) -> BTreeMap<String, Vec<u8>> {
    dir.motif()
        .args([
            "gen-corpus",
            "--docs",
            docs,
            "--out",
            out,
            "--seed",
            seed,
            "--quiet",
        ])
        .assert()
        .success();
    files(&dir.join(out))
}

fn text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

#[test]
fn same_seed_gives_identical_bytes_and_another_seed_differs() {
    let dir = Dir::new();
    let a = gen(&dir, "a", "300", "7");
    let b = gen(&dir, "b", "300", "7");
    let c = gen(&dir, "c", "300", "8");
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn writes_n_documents_and_a_manifest_of_some() {
    let dir = Dir::new();
    let all = gen(&dir, "out", "500", "1");
    let docs: Vec<&String> = all.keys().filter(|p| p.ends_with(".txt")).collect();
    assert_eq!(docs.len(), 500);
    let manifest = text(&all["manifest.csv"]);
    let mut lines = manifest.lines();
    assert_eq!(lines.next(), Some("path,published,source,url"));
    let rows: Vec<&str> = lines.collect();
    assert!(
        rows.len() > 150 && rows.len() < 350,
        "{} manifest rows",
        rows.len()
    );
    for row in rows {
        let path = row.split(',').next().unwrap();
        assert!(
            all.contains_key(path),
            "manifest names a missing file {path}"
        );
        let date = row.split(',').nth(1).unwrap();
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{row}"
        );
    }
}

#[test]
fn some_files_are_windows_1252_with_curly_quotes() {
    let dir = Dir::new();
    let all = gen(&dir, "out", "500", "3");
    let cp1252: Vec<&Vec<u8>> = all
        .values()
        .filter(|b| std::str::from_utf8(b).is_err())
        .collect();
    // About 3% of 500, and the encoding keeps curly apostrophes as 0x92.
    assert!(
        (4..=35).contains(&cp1252.len()),
        "{} Windows-1252 files",
        cp1252.len()
    );
    assert!(cp1252.iter().any(|b| b.contains(&0x92)));
}

#[test]
fn some_documents_are_duplicates_under_other_names() {
    let dir = Dir::new();
    let all = gen(&dir, "out", "500", "5");
    let mut by_content: BTreeMap<&[u8], Vec<&str>> = BTreeMap::new();
    for (path, bytes) in all.iter().filter(|(p, _)| p.ends_with(".txt")) {
        by_content.entry(bytes.as_slice()).or_default().push(path);
    }
    let copies: usize = by_content.values().map(|names| names.len() - 1).sum();
    assert!((2..=30).contains(&copies), "{copies} duplicates");
}

#[test]
fn datelines_come_in_varied_forms_and_sometimes_not_at_all() {
    let dir = Dir::new();
    let all = gen(&dir, "out", "400", "9");
    let forms = [
        ("pipe", r"(?m)^\| \d{1,2} [A-Z][a-z]+ \d{4}$"),
        (
            "weekday",
            r"(?m)^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$",
        ),
        ("plain", r"(?m)^\d{1,2} [A-Z][a-z]+ \d{4}$"),
        ("ordinal", r"(?m)^\d{1,2}(st|nd|rd|th) [A-Z][a-z]+ \d{4}$"),
        ("iso", r"(?m)^\d{4}-\d{2}-\d{2}$"),
        ("slashes", r"(?m)^\d{2}/\d{2}/\d{4}$"),
        ("short month", r"(?m)^[A-Z][a-z]{2} \d{1,2}, \d{4}$"),
    ];
    let texts: Vec<String> = all.values().map(|b| text(b)).collect();
    let mut dated = 0;
    for (name, pattern) in forms {
        let re = regex::Regex::new(pattern).unwrap();
        let n = texts.iter().filter(|t| re.is_match(t)).count();
        assert!(n >= 10, "dateline form {name} in only {n} documents");
        dated += n;
    }
    // Report-shaped texts and about one article in eight carry no dateline.
    assert!(dated < texts.len() - 20, "{dated} dated of {}", texts.len());
}

#[test]
fn articles_carry_furniture_themes_and_traps() {
    let dir = Dir::new();
    let all = gen(&dir, "out", "200", "11");
    let joined: String = all.values().map(|b| text(b)).collect();
    for needle in [
        "Picture: ",
        "blog comments powered by Disqus",
        "Register Now to Continue Reading",
        "caseloads",
        "voice of the child",
        "changes of social worker",
        "adoption",
        "the adoption of a",
        "permanently employed",
        "case recording",
    ] {
        assert!(
            joined.to_lowercase().contains(&needle.to_lowercase()),
            "no {needle:?}"
        );
    }
    let distinct: BTreeSet<&str> = joined
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    assert!(
        distinct.len() > 3000,
        "only {} distinct words",
        distinct.len()
    );
}

#[test]
fn size_limit_stops_near_the_size() {
    let dir = Dir::new();
    dir.motif()
        .args(["gen-corpus", "--size-mb", "1", "--out", "out", "--quiet"])
        .assert()
        .success();
    let total: usize = files(&dir.join("out"))
        .iter()
        .filter(|(p, _)| p.ends_with(".txt"))
        .map(|(_, b)| b.len())
        .sum();
    assert!((1_000_000..1_100_000).contains(&total), "{total} bytes");
}

#[test]
fn gen_corpus_without_an_amount_is_a_usage_error() {
    Dir::new()
        .motif()
        .args(["gen-corpus", "--out", "out"])
        .assert()
        .code(2);
}

/// Council names come from the gazetteer given (here a small CSV); with an
/// empty gazetteer the generator falls back to its own short list.
#[test]
fn council_names_come_from_the_gazetteer() {
    let csv = "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n\
               E06000999,Borsetshire County Council,Borsetshire,CTY,Midlands,,,Borsetshire Council\n\
               E08000999,Felpersham City Council,Felpersham,MD,Midlands,,,\n";
    let gazetteer = motif::councils::Gazetteer::parse(csv, "test.csv").unwrap();
    let generator = motif::gen::Generator::new(&gazetteer, 4).unwrap();
    let texts: Vec<String> = (0..100)
        .map(|i| text(&generator.document(i).bytes))
        .collect();
    let named = |name: &str| texts.iter().filter(|t| t.contains(name)).count();
    if gazetteer.councils().is_empty() {
        assert!(named("Tameside") > 0 && named("Borsetshire") == 0);
    } else {
        assert!(named("Borsetshire") > 20 && named("Felpersham") > 20);
        assert_eq!(named("Tameside"), 0);
    }
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = Dir::new();
    let default = gen(&dir, "a", "300", "12");
    dir.motif()
        .args([
            "--threads",
            "1",
            "gen-corpus",
            "--docs",
            "300",
            "--out",
            "b",
            "--seed",
            "12",
            "--quiet",
        ])
        .assert()
        .success();
    assert_eq!(default, files(&dir.join("b")));
}
