//! Judgements read from real Ofsted reports (`tests/fixtures/judgements`),
//! both as the PDF gave the text and as clean-up leaves it, plus the cases
//! that must give no rows: a letter without grades, narrative mentions of
//! earlier grades, and the pre-2013 framework.

mod common;

use motif::judgements::{extract, Framework, Grade};

fn report(name: &str) -> String {
    let path = common::fixture(&format!("judgements/{name}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text as clean-up leaves it: lines inside a paragraph joined with
/// spaces, paragraphs (blank-line separated) kept apart by one blank line.
fn cleaned(raw: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in raw.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs.join("\n\n")
}

/// The text from the line after the report's dates on: what is left when
/// the corpus stage takes the title lines off as the document's title.
fn without_title(raw: &str) -> String {
    let lines: Vec<&str> = raw.lines().collect();
    let dated = |l: &&str| {
        let l = l.trim_start().to_lowercase();
        l.starts_with("inspection date")
            || l.starts_with("report published")
            || l.starts_with("lead inspector")
    };
    let cut = lines.iter().take(15).rposition(dated).map_or(0, |i| i + 1);
    lines[cut..].join("\n")
}

/// `(area, grade)` pairs from the raw text, after checking the cleaned text
/// and the fully joined text give the very same judgements.
fn grades(name: &str) -> Vec<(String, Grade, Framework)> {
    let raw = report(name);
    let found = extract(&raw);
    assert_eq!(
        extract(&cleaned(&raw)),
        found,
        "{name}: cleaned form differs"
    );
    let joined = raw.lines().collect::<Vec<_>>().join(" ");
    assert_eq!(extract(&joined), found, "{name}: joined form differs");
    assert_eq!(
        extract(&without_title(&raw)),
        found,
        "{name}: body without its title lines differs"
    );
    found
        .into_iter()
        .map(|j| (j.area, j.grade, j.framework))
        .collect()
}

fn row(area: &str, grade: Grade, framework: Framework) -> (String, Grade, Framework) {
    (area.to_string(), grade, framework)
}

#[test]
fn ilacs_dorset_2021_three_areas_and_overall() {
    use Grade::*;
    let f = Framework::Ilacs;
    assert_eq!(
        grades("ofsted_2532283_2021-11-19.txt"),
        vec![
            row("leadership", Outstanding, f),
            row("help_and_protection", Good, f),
            row("children_in_care", Good, f),
            row("overall_effectiveness", Good, f),
        ]
    );
}

#[test]
fn ilacs_dorset_2025_grades_care_leavers_apart() {
    use Grade::*;
    let f = Framework::Ilacs;
    assert_eq!(
        grades("ofsted_2532283_2025-05-09.txt"),
        vec![
            row("leadership", Outstanding, f),
            row("help_and_protection", Outstanding, f),
            row("children_in_care", Outstanding, f),
            row("care_leavers", Good, f),
            row("overall_effectiveness", Outstanding, f),
        ]
    );
}

#[test]
fn ilacs_2026_table_without_overall_row_gives_no_overall_grade() {
    use Grade::*;
    let f = Framework::Ilacs;
    assert_eq!(
        grades("ofsted_2637539_2026-07-07.txt"),
        vec![
            row("leadership", Outstanding, f),
            row("help_and_protection", Good, f),
            row("children_in_care", Good, f),
            row("care_leavers", Good, f),
        ]
    );
}

#[test]
fn sif_barnet_2017_headline_list_and_lscb_section() {
    use Grade::*;
    let f = Framework::Sif;
    assert_eq!(
        grades("ofsted_80487_2017-07-07.txt"),
        vec![
            row("overall_effectiveness", Inadequate, f),
            row("help_and_protection", Inadequate, f),
            row("children_in_care", Inadequate, f),
            row("adoption_performance", RequiresImprovement, f),
            row("care_leavers", RequiresImprovement, f),
            row("leadership", Inadequate, f),
            row("lscb", Inadequate, f),
        ]
    );
}

#[test]
fn sif_barnsley_2014_overall_judgement_wording() {
    use Grade::*;
    let f = Framework::Sif;
    assert_eq!(
        grades("ofsted_80426_2014-08-08.txt"),
        vec![
            row("overall_effectiveness", RequiresImprovement, f),
            row("help_and_protection", RequiresImprovement, f),
            row("children_in_care", RequiresImprovement, f),
            row("adoption_performance", RequiresImprovement, f),
            row("care_leavers", Good, f),
            row("leadership", RequiresImprovement, f),
            row("lscb", RequiresImprovement, f),
        ]
    );
}

#[test]
fn lscb_review_alone_gives_only_the_lscb_grade() {
    assert_eq!(
        grades("ofsted_80567_2015-08-03.txt"),
        vec![row("lscb", Grade::RequiresImprovement, Framework::Sif)]
    );
}

#[test]
fn looked_after_children_framework_of_2013_gives_no_rows() {
    // Graded on the older outstanding/good/adequate/inadequate scale.
    assert!(grades("ofsted_80418_2013-08-16.txt").is_empty());
}

#[test]
fn report_body_without_its_table_gives_no_rows() {
    // Dorset 2025 from "What needs to improve?" on: the prose says "when
    // Dorset was judged to be good" and headings read "...protection:
    // outstanding", none of which is this report's judgement table.
    let raw = report("ofsted_2532283_2025-05-09.txt");
    let body = raw
        .find("What needs to improve?")
        .map(|i| &raw[i..])
        .unwrap_or_default();
    assert!(body.contains("protection: outstanding"));
    assert!(extract(body).is_empty());
    assert!(extract(&cleaned(body)).is_empty());
    // The executive summary (page one prose) names the earlier grade too.
    let summary = raw
        .find("Children in Dorset receive")
        .map(|i| &raw[i..])
        .unwrap_or_default();
    assert!(summary.contains("judged to be good"));
    assert!(extract(summary).is_empty());
}

#[test]
fn monitoring_visit_letter_gives_no_rows() {
    // The corpus holds no letters; this one follows the form of Ofsted's
    // monitoring-visit letters, which report progress and carry no grade.
    let letter = "Dear Ms Smith\n\
        Monitoring visit to Barnet children\u{2019}s services\n\
        This letter summarises the findings of the monitoring visit to Barnet children\u{2019}s\n\
        services on 7 and 8 June 2018. This was the third monitoring visit since the local\n\
        authority was judged inadequate in July 2017. Her Majesty\u{2019}s Inspectors for this visit\n\
        were Brenda McLaughlin and Nick Stacey.\n\
        Areas covered by the visit\n\
        Inspectors reviewed the progress made in the quality of help and protection for\n\
        children who need help and protection, since the inspection judged it inadequate.\n\
        Overall, the local authority is making steady progress. Services for children in\n\
        care were judged requires improvement to be good at the last inspection.\n\
        Yours sincerely";
    assert!(extract(letter).is_empty());
    assert!(extract(&cleaned(letter)).is_empty());
}
