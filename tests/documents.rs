//! `motif documents` end to end: the real binary on the sample corpus, on
//! real Ofsted reports, and on a temporary corpus of hostile files.

mod common;

use std::collections::BTreeMap;

use common::{fixture, sample_corpus, Dir};

/// documents.csv parsed into one map per row, keyed by path.
fn rows(csv_text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            let row: BTreeMap<String, String> = headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect();
            (row["path"].clone(), row)
        })
        .collect()
}

fn run_stdout(dir: &Dir, args: &[&str]) -> (String, String) {
    let out = dir.motif().args(args).output().expect("run motif");
    assert!(
        out.status.success(),
        "motif {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

/// The body section of `--explain` output.
fn explained_body(explain: &str) -> &str {
    let start = explain.find("--- body ---").expect("body section");
    let end = explain.find("--- removed").expect("removed section");
    &explain[start..end]
}

#[test]
fn sample_corpus_titles_bylines_and_dates() {
    let dir = Dir::new();
    let corpus = sample_corpus();
    let (stdout, stderr) = run_stdout(&dir, &["documents", corpus.to_str().unwrap(), "--out", "-"]);
    let rows = rows(&stdout);
    let expect = [
        (
            "000_caef01f1ead83dd8.txt",
            "Inspectors praise progress at two 'inadequate' councils",
            "Neil Puffett",
            "2018-05-14",
        ),
        (
            "001_49ba728cb84f10e1.txt",
            "Ofsted notes slow progress at Tameside",
            "",
            "",
        ),
        (
            "002_d1d479fe63a22c03.txt",
            "Ofsted praises progress at 'inadequate' council",
            "Joe Lepper",
            "2017-01-25",
        ),
        (
            "003_d66af9f8845dbcfe.txt",
            "Children's services move out of 'inadequate' at two councils",
            "",
            "",
        ),
        (
            "004_4d536a8d5cbbe4a9.txt",
            "Ofsted raises concerns over pace of improvement at children's services trust",
            "Tristan Donovan",
            "2017-10-24",
        ),
    ];
    assert_eq!(rows.len(), 5);
    for (path, title, byline, published) in expect {
        let row = &rows[path];
        assert_eq!(row["title"], title, "{path}");
        assert_eq!(row["byline"], byline, "{path}");
        assert_eq!(row["published"], published, "{path}");
        assert_eq!(row["year"], published.get(..4).unwrap_or(""), "{path}");
        assert_eq!(row["encoding"], "UTF-8");
        assert_eq!(row["duplicate_of"], "");
        assert_eq!(row["doc_id"].len(), 16);
    }
    assert!(
        stderr.contains("5 documents read, 0 duplicates, 0 skipped"),
        "{stderr}"
    );
}

#[test]
fn sample_corpus_bodies_carry_no_furniture() {
    let dir = Dir::new();
    let corpus = sample_corpus();
    let furniture = [
        "Disqus",
        "Register Now to Continue Reading",
        "Already have an account",
        "subscriber-only",
        "Digital membership",
        "Subscribe",
        "/ month",
        "Hertfordshire Youth Workers",
        "Administration Apprentice",
        "SE1 7JY",
        "Colchester",
        "Mackman",
        "Tel:",
        "Picture:",
        "News\n",
    ];
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let (explain, _) = run_stdout(
            &dir,
            &[
                "documents",
                corpus.to_str().unwrap(),
                "--explain",
                path.to_str().unwrap(),
            ],
        );
        let body = explained_body(&explain);
        for phrase in furniture {
            assert!(
                !body.contains(phrase),
                "{phrase:?} left in the body of {}",
                path.display()
            );
        }
        // Every paragraph is one line, and none is empty.
        for paragraph in body.trim_start_matches("--- body ---").trim().split("\n\n") {
            assert!(
                !paragraph.trim().is_empty() && !paragraph.contains('\n'),
                "{paragraph:?}"
            );
        }
    }
    // What was removed is shown with its reason.
    let (explain, _) = run_stdout(
        &dir,
        &[
            "documents",
            corpus.to_str().unwrap(),
            "--explain",
            corpus.join("004_4d536a8d5cbbe4a9.txt").to_str().unwrap(),
        ],
    );
    assert!(explain.contains("[picture caption]"), "{explain}");
    assert!(explain.contains("[repeated line]"), "{explain}");
    assert!(explain.contains("Subscribe"));
}

#[test]
fn the_default_output_is_reports_documents_csv() {
    let dir = Dir::new();
    let corpus = sample_corpus();
    dir.motif()
        .args(["documents", corpus.to_str().unwrap()])
        .assert()
        .success();
    let text = dir.read("reports/documents.csv");
    assert!(text.starts_with(
        "doc_id,path,title,byline,published,year,words,sentences,encoding,duplicate_of,councils,inspected_from,inspected_to\r\n"
    ));
    assert_eq!(text.lines().count(), 6);
}

#[test]
fn ofsted_reports_get_titles_inspection_dates_and_manifest_dates() {
    let dir = Dir::new();
    let reports = fixture("reports");
    let (stdout, _) = run_stdout(
        &dir,
        &["documents", reports.to_str().unwrap(), "--out", "-"],
    );
    let rows = rows(&stdout);
    assert_eq!(rows.len(), 4);
    let expect = [
        (
            "ofsted_80486_2014-07-07.txt",
            "London Borough of Barking and Dagenham Inspection of services",
            "2014-07-07",
            "2014-04-29",
            "2014-05-22",
        ),
        (
            "ofsted_80486_2019-04-01.txt",
            "London Borough of Barking and Dagenham Inspection of children’s social care services",
            "2019-04-01",
            "2019-02-18",
            "2019-03-01",
        ),
        (
            "ofsted_80486_2023-09-04.txt",
            "Inspection of Barking and Dagenham children’s services",
            "2023-09-04",
            "2023-07-10",
            "2023-07-21",
        ),
        (
            "ofsted_80538_2024-03-15.txt",
            "Inspection of Plymouth City Council",
            "2024-03-15",
            "2024-01-22",
            "2024-02-02",
        ),
    ];
    for (path, title, published, from, to) in expect {
        let row = &rows[path];
        assert!(row["title"].starts_with(title), "{path}: {}", row["title"]);
        assert_eq!(row["published"], published, "{path}");
        assert_eq!(row["inspected_from"], from, "{path}");
        assert_eq!(row["inspected_to"], to, "{path}");
    }
    // The running header of every page is gone; sentences are whole.
    let file = reports.join("ofsted_80486_2023-09-04.txt");
    let (explain, _) = run_stdout(
        &dir,
        &[
            "documents",
            reports.to_str().unwrap(),
            "--explain",
            file.to_str().unwrap(),
        ],
    );
    let body = explained_body(&explain);
    assert!(
        !body.contains("local authority children’s services\n"),
        "running header left"
    );
    assert!(!body.contains("Piccadilly Gate") && !body.contains("Crown copyright"));
    assert!(body.contains("exposed to long-term neglect and domestic abuse, and in delays in progressing permanence plans"));
    assert!(!body.contains('◼'));
    assert!(explain.contains("read as:   inspection report (its head gives the inspection dates)"));
}

/// An excerpt (or a letter) with an Ofsted heading and no inspection dates
/// is read as a report; a headline that starts like one is an article's.
#[test]
fn explain_says_how_a_text_is_read() {
    let dir = Dir::new();
    dir.create(
        "corpus/excerpt.txt",
        "Royal Borough of Greenwich\nInspection of children’s social care services\n\nChildren’s views are captured through direct work.\n",
    );
    dir.create(
        "corpus/news.txt",
        "Inspection of Bury children’s services finds widespread failings\n\nBy Sam Example\n\nChildren’s views are captured through direct work.\n",
    );
    let read_as = |file: &str| {
        let (explain, _) = run_stdout(&dir, &["documents", "corpus", "--explain", file]);
        explain
            .lines()
            .find_map(|l| l.strip_prefix("read as:   ").map(str::to_string))
            .expect("a read-as line")
    };
    assert_eq!(
        read_as("corpus/excerpt.txt"),
        "inspection report (its opening lines carry an Ofsted heading)"
    );
    assert_eq!(read_as("corpus/news.txt"), "article");
}

/// UTF-16 with a byte-order mark.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

const ARTICLE: &str = "Caseloads fall at Tameside\n\nBy Sam Example\n\n| 14 May 2018\n\nInspectors found that caseloads in Tameside had fallen to manageable levels.\n";

#[test]
fn hostile_files_each_get_the_stated_behaviour() {
    let dir = Dir::new();
    dir.create("corpus/a_good.txt", ARTICLE);
    // The same article with straight quotes and other white space.
    dir.create("corpus/b_copy.txt", ARTICLE.replace("\n\n", "\r\n\r\n  "));
    dir.create(
        "corpus/cp1252.txt",
        b"Ofsted\x92s verdict on Slough\n\nBy Ann Other\n\n25 January 2017\n\nThe trust\x92s caseloads were too high, inspectors said.\n".as_slice(),
    );
    dir.create(
        "corpus/utf16le.txt",
        utf16(
            "Le headline\n\nInspectors praised Knowsley’s recruitment.\n",
            true,
        ),
    );
    dir.create(
        "corpus/utf16be.txt",
        utf16(
            "Be headline\n\nInspectors praised Coventry’s early help.\n",
            false,
        ),
    );
    dir.create(
        "corpus/invalid.txt",
        b"Damaged headline\n\nThe council\xE2\x80\x99s plan \xFF was praised.\n".as_slice(),
    );
    dir.create(
        "corpus/binary.dat",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice(),
    );
    dir.create("corpus/empty.txt", "");
    dir.create("corpus/blank.txt", " \n\t\n");
    dir.create(
        "corpus/manifest.csv",
        "path,published,title,source\na_good.txt,2018-05-15,Title from the manifest,CYP Now\ncp1252.txt,not a date,X,Y\nutf16le.txt,2020-02-02,,\n",
    );
    let (stdout, stderr) = run_stdout(&dir, &["documents", "corpus", "--out", "-"]);
    let rows = rows(&stdout);
    let paths: Vec<&str> = rows.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "a_good.txt",
            "b_copy.txt",
            "cp1252.txt",
            "invalid.txt",
            "utf16be.txt",
            "utf16le.txt"
        ]
    );

    let good = &rows["a_good.txt"];
    assert_eq!(good["title"], "Title from the manifest");
    assert_eq!(
        good["published"], "2018-05-15",
        "the manifest overrides the dateline"
    );
    assert_eq!(rows["b_copy.txt"]["duplicate_of"], good["doc_id"]);
    assert_eq!(rows["b_copy.txt"]["doc_id"], good["doc_id"]);
    assert_eq!(rows["b_copy.txt"]["words"], good["words"]);
    assert_ne!(good["words"], "0");

    let cp = &rows["cp1252.txt"];
    assert_eq!(cp["encoding"], "windows-1252");
    assert_eq!(
        cp["title"], "Ofsted’s verdict on Slough",
        "bad manifest row not applied"
    );
    assert_eq!(cp["published"], "2017-01-25");
    assert_eq!(rows["utf16le.txt"]["encoding"], "UTF-16LE");
    assert_eq!(rows["utf16le.txt"]["title"], "Le headline");
    assert_eq!(rows["utf16le.txt"]["published"], "2020-02-02");
    assert_eq!(rows["utf16be.txt"]["encoding"], "UTF-16BE");
    assert_eq!(rows["utf16be.txt"]["title"], "Be headline");
    assert_eq!(rows["invalid.txt"]["encoding"], "UTF-8");

    assert!(
        stderr.contains("6 documents read, 1 duplicates, 3 skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped binary.dat: binary"), "{stderr}");
    assert!(stderr.contains("skipped empty.txt: empty"), "{stderr}");
    assert!(stderr.contains("skipped blank.txt: empty"), "{stderr}");
    let damaged: Vec<&str> = stderr.lines().filter(|l| l.contains("U+FFFD")).collect();
    assert_eq!(damaged.len(), 1, "{stderr}");
    assert!(damaged[0].contains("invalid.txt"));
    let manifest: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("manifest.csv line"))
        .collect();
    assert_eq!(manifest.len(), 1, "{stderr}");
    assert!(manifest[0].contains("line 3"), "{stderr}");

    let (explain, _) = run_stdout(
        &dir,
        &["documents", "corpus", "--explain", "corpus/invalid.txt"],
    );
    assert!(explained_body(&explain).contains("plan \u{FFFD} was praised"));
    let (explain, _) = run_stdout(
        &dir,
        &["documents", "corpus", "--explain", "corpus/cp1252.txt"],
    );
    assert!(explained_body(&explain).contains("The trust’s caseloads were too high"));
}

#[test]
fn a_missing_corpus_is_an_error_naming_it() {
    let dir = Dir::new();
    dir.motif()
        .args(["documents", "no-such-folder", "--out", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-folder"));
}

#[test]
fn an_unseen_site_layout_loses_its_job_advert_and_address() {
    let dir = Dir::new();
    let corpus = fixture("corpus");
    let file = corpus.join("cypnow_style_article.txt");
    let (explain, _) = run_stdout(
        &dir,
        &[
            "documents",
            corpus.to_str().unwrap(),
            "--explain",
            file.to_str().unwrap(),
        ],
    );
    assert!(explain
        .contains("title:     Council told to cut agency reliance after second poor inspection"));
    assert!(explain.contains("byline:    Sam Example"));
    assert!(explain.contains("published: 2020-03-03"));
    let body = explained_body(&explain);
    for phrase in [
        "Analysis\n",
        "Picture:",
        "Jobs of the week",
        "per annum",
        "Apply now",
        "SE1 9ZZ",
    ] {
        assert!(!body.contains(phrase), "{phrase:?} left in {body}");
    }
    // Bullets are paragraphs of their own, without their glyphs.
    assert!(body.contains("\n\nCaseloads remain above 25 in the assessment team.\n\nStaff turnover reached 30 per cent last year.\n"));
}
