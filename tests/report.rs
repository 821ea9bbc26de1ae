//! Reports written from a small hand-built set of analyses: the exact CSV
//! text (snapshots), the workbook read back, HTML and CSV injection, and
//! atomicity when a write fails.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use motif::counts::testing::AnalysisBuilder;
use motif::counts::{Counts, Labels};
use motif::pipeline::Analysis;
use motif::report::{write_reports, CsvOptions, Provenance, ReportInput};
use motif::themes::Polarity::{Concern, Neutral, Strength};

const TAMESIDE: u16 = 0;
const SLOUGH: u16 = 1;
const KENT: u16 = 2;

fn labels() -> Labels {
    Labels::from_parts(
        &[
            ("Tameside", "E08000008"),
            ("Slough", "E06000039"),
            ("Kent", "E10000016"),
        ],
        &["caseloads", "worker_turnover", "voice_of_the_child"],
    )
}

fn provenance(analyses: &[Analysis]) -> Provenance {
    let mut p = Provenance::new(
        "lexhash",
        "gazhash",
        analyses,
        BTreeMap::from([("corpus".to_string(), "corpus".to_string())]),
    );
    p.generated = "2026-01-01T00:00:00Z".to_string();
    p
}

/// Three articles and a duplicate: two councils in one article, a national
/// sentence, an undated article, a bullet line starting "- ".
fn analyses() -> Vec<Analysis> {
    vec![
        AnalysisBuilder::new("2018/tameside.txt", Some("2018-05-14"))
            .title("Tameside caseloads still too high")
            .sentence(
                "Inspectors found caseloads were too high in Tameside.",
                &[TAMESIDE],
            )
            .mention_cued(0, "caseloads", Concern, "too high")
            .sentence("- agency staff filled a third of posts", &[TAMESIDE])
            .mention(1, "agency staff", Concern)
            .sentence("Slough, by contrast, had manageable caseloads.", &[SLOUGH])
            .mention_cued(0, "manageable caseloads", Strength, "manageable")
            .suppressed(
                0,
                "caseloads",
                "inside longer match \"manageable caseloads\"",
            )
            .sentence(
                "Both councils must hear the voice of the child, \"always\".",
                &[TAMESIDE, SLOUGH],
            )
            .mention(2, "voice of the child", Neutral)
            .build(),
        AnalysisBuilder::new("2019/kent.txt", Some("2019-02-01"))
            .sentence("Kent children said they felt listened to.", &[KENT])
            .mention(2, "felt listened to", Strength)
            .sentence(
                "Social worker caseloads nationally rose, the ADCS said.",
                &[],
            )
            .mention(0, "caseloads", Neutral)
            .build(),
        AnalysisBuilder::new("undated.txt", None)
            .sentence("Kent has reduced turnover.", &[KENT])
            .mention(1, "turnover", Strength)
            .build(),
        AnalysisBuilder::new("2018/tameside copy.txt", Some("2018-05-14"))
            .duplicate_of("first")
            .sentence(
                "Inspectors found caseloads were too high in Tameside.",
                &[TAMESIDE],
            )
            .mention(0, "caseloads", Concern)
            .build(),
    ]
}

fn write(dir: &Path, analyses: &[Analysis], options: CsvOptions) -> Vec<String> {
    let counts = Counts::from_analyses(analyses);
    let labels = labels();
    let provenance = provenance(analyses);
    let input = ReportInput {
        analyses,
        duplicates: &[],
        counts: &counts,
        labels: &labels,
        provenance: &provenance,
    };
    let (written, _) = write_reports(dir, &input, options).expect("reports written");
    written
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read report")
}

#[test]
fn writes_every_report_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = write(dir.path(), &analyses(), CsvOptions::default());
    assert_eq!(
        names,
        [
            "theme_counts.csv",
            "theme_table.csv",
            "evidence.csv",
            "suppressed.csv",
            "documents.csv",
            "judgements.csv",
            "motif.xlsx",
            "report.html"
        ]
    );
}

#[test]
fn theme_counts_csv_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &analyses(), CsvOptions::default());
    insta::assert_snapshot!("theme_counts", read(dir.path(), "theme_counts.csv"));
    insta::assert_snapshot!("theme_table", read(dir.path(), "theme_table.csv"));
}

#[test]
fn evidence_csv_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &analyses(), CsvOptions::default());
    insta::assert_snapshot!("evidence", read(dir.path(), "evidence.csv"));
    insta::assert_snapshot!("suppressed", read(dir.path(), "suppressed.csv"));
}

#[test]
fn theme_counts_sum_to_evidence_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &analyses(), CsvOptions::default());
    let counts = std::fs::read(dir.path().join("theme_counts.csv")).expect("read");
    let mut reader = csv::Reader::from_reader(counts.as_slice());
    let mentions: u64 = reader
        .records()
        .map(|r| r.expect("row")[4].parse::<u64>().expect("number"))
        .sum();
    let evidence = std::fs::read(dir.path().join("evidence.csv")).expect("read");
    let rows = csv::Reader::from_reader(evidence.as_slice())
        .records()
        .count() as u64;
    // 7 mentions, one of them in a sentence about two councils; the
    // duplicate's mention is not counted.
    assert_eq!((mentions, rows), (8, 8));
}

#[test]
fn workbook_reads_back_with_sheets_numbers_and_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &analyses(), CsvOptions::default());
    let mut book: Xlsx<_> = open_workbook(dir.path().join("motif.xlsx")).expect("open xlsx");
    assert_eq!(
        book.sheet_names(),
        ["counts", "table", "evidence", "documents", "about"]
    );
    let counts = book.worksheet_range("counts").expect("counts sheet");
    assert_eq!(counts.get((0, 0)), Some(&Data::String("council".into())));
    assert_eq!(counts.get((1, 0)), Some(&Data::String("Kent".into())));
    assert_eq!(counts.get((1, 2)), Some(&Data::Float(2019.0)));
    // Every count row is there, numbers as numbers.
    let csv_rows = read(dir.path(), "theme_counts.csv").lines().count();
    assert_eq!(counts.height(), csv_rows);
    assert!(counts
        .rows()
        .skip(1)
        .all(|row| matches!(row[4], Data::Float(_)) && matches!(row[10], Data::Float(_))));

    // Text that looks like a formula is stored as the text itself.
    let evidence = book.worksheet_range("evidence").expect("evidence sheet");
    let sentence_col = 13;
    assert!(evidence
        .rows()
        .any(|row| row[sentence_col]
            == Data::String("- agency staff filled a third of posts".into())));
    let documents = book.worksheet_range("documents").expect("documents sheet");
    assert_eq!(
        documents.height(),
        5,
        "header and four documents, duplicate included"
    );
    let about = book.worksheet_range("about").expect("about sheet");
    assert!(about
        .rows()
        .any(|row| row[0] == Data::String("lexicon_hash".into())
            && row[1] == Data::String("lexhash".into())));
}

/// A document whose title, file name and sentences try to run code.
fn hostile() -> Analysis {
    AnalysisBuilder::new("\"><img src=x onerror=alert(2)>.txt", Some("2020-03-01"))
        .title("<script>alert(1)</script>")
        .sentence(
            "<script>alert(1)</script> caseloads were high in Tameside.",
            &[TAMESIDE],
        )
        .mention(0, "caseloads", Concern)
        .sentence(
            "=HYPERLINK(\"http://evil.example\",\"caseloads\")",
            &[TAMESIDE],
        )
        .mention(0, "caseloads", Concern)
        .sentence("@SUM(1+1) +caseloads", &[TAMESIDE])
        .mention(0, "caseloads", Neutral)
        .build()
}

#[test]
fn html_shows_hostile_text_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &[hostile()], CsvOptions::default());
    let html = read(dir.path(), "report.html");
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a script element got through");
    assert!(!lower.contains("<img"), "an img element got through");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.txt"));
    assert!(html.contains("=HYPERLINK(&quot;http://evil.example&quot;"));
    // Self-contained: nothing fetched from anywhere.
    for needle in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!lower.contains(needle), "{needle}");
    }
}

#[test]
fn csv_neutralises_formulas_and_raw_does_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &[hostile()], CsvOptions::default());
    let evidence = read(dir.path(), "evidence.csv");
    let mut reader = csv::Reader::from_reader(evidence.as_bytes());
    let sentences: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[13].to_string())
        .collect();
    assert_eq!(
        sentences,
        [
            "<script>alert(1)</script> caseloads were high in Tameside.",
            "'=HYPERLINK(\"http://evil.example\",\"caseloads\")",
            "'@SUM(1+1) +caseloads",
        ]
    );
    assert!(!evidence
        .lines()
        .skip(1)
        .any(|l| l.starts_with(['=', '+', '-', '@'])));

    let raw = tempfile::tempdir().expect("tempdir");
    write(
        raw.path(),
        &[hostile()],
        CsvOptions {
            raw: true,
            bom: true,
        },
    );
    let text = read(raw.path(), "evidence.csv");
    assert!(text.starts_with("\u{feff}doc_id,"));
    assert!(text.contains("\"=HYPERLINK(\"\"http://evil.example\"\""));
}

#[test]
fn failed_report_run_leaves_no_half_written_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // report.html cannot be replaced: a folder of that name is in the way.
    std::fs::create_dir(dir.path().join("report.html")).expect("mkdir");
    std::fs::write(dir.path().join("report.html/keep"), "x").expect("write");
    let analyses = analyses();
    let counts = Counts::from_analyses(&analyses);
    let labels = labels();
    let provenance = provenance(&analyses);
    let input = ReportInput {
        analyses: &analyses,
        duplicates: &[],
        counts: &counts,
        labels: &labels,
        provenance: &provenance,
    };
    let err = write_reports(dir.path(), &input, CsvOptions::default()).expect_err("must fail");
    assert!(err.to_string().contains("report.html"), "{err}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Every file is staged whole before any rename; the renames before the
    // failing one went through complete, and no temporary is left behind.
    assert_eq!(
        names,
        [
            "documents.csv",
            "evidence.csv",
            "judgements.csv",
            "motif.xlsx",
            "report.html",
            "suppressed.csv",
            "theme_counts.csv",
            "theme_table.csv"
        ]
    );
    let counts_csv = read(dir.path(), "theme_counts.csv");
    assert!(counts_csv.ends_with("\r\n"));
}

#[test]
fn html_cells_link_to_the_sentences_behind_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &analyses(), CsvOptions::default());
    let html = read(dir.path(), "report.html");
    let links: std::collections::BTreeSet<&str> = html
        .split("href=\"#ev-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    // One linked cell per council × year × theme with mentions: the 8
    // credits fall into 8 different cells.
    assert_eq!(links.len(), 8);
    for id in &links {
        assert!(
            html.contains(&format!("id=\"ev-{id}\"")),
            "no evidence for {id}"
        );
    }
    // Theme 0 is caseloads; Tameside is the third council row (Kent, Slough,
    // Tameside, no council); 2018 the first year column.
    let section = html
        .split("id=\"ev-0-2-0\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("Tameside 2018 caseloads evidence");
    assert!(section
        .contains("Tameside · 2018 · caseloads: 1 mention (1 concern, 0 strengths) in 1 document"));
    assert!(section.contains("Inspectors found <mark>caseloads</mark> were too high in Tameside."));
    assert!(section.contains("2018/tameside.txt, 2018-05-14, sentence 1"));
}

#[test]
fn xlsx_stores_formula_like_text_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &[hostile()], CsvOptions::default());
    let mut book: Xlsx<_> = open_workbook(dir.path().join("motif.xlsx")).expect("open xlsx");
    let evidence = book.worksheet_range("evidence").expect("evidence sheet");
    let sentences: Vec<&Data> = evidence.rows().skip(1).map(|row| &row[13]).collect();
    assert_eq!(
        sentences[1],
        &Data::String("=HYPERLINK(\"http://evil.example\",\"caseloads\")".into()),
        "text kept exactly, no apostrophe"
    );
    let formulas = book.worksheet_formula("evidence").expect("formula range");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let documents = book.worksheet_range("documents").expect("documents sheet");
    assert_eq!(
        documents.get((1, 2)),
        Some(&Data::String("<script>alert(1)</script>".into()))
    );
}
