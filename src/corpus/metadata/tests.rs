//! Header extraction on heads shaped like the sample articles and reports.

use chrono::NaiveDate;

use super::*;
use crate::corpus::furniture::lexicon;

fn head(text: &str) -> Header {
    let lines: Vec<&str> = text.lines().collect();
    let removed = vec![None; lines.len()];
    article_header(&lines, &removed, lexicon())
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn by_line_then_bar_dateline() {
    let h = head("Inspectors praise progress at two 'inadequate' councils\n\nBy Neil Puffett\n\n| 14 May 2018\n\nOfsted has praised improvements at two councils.\n");
    assert_eq!(
        h.title,
        "Inspectors praise progress at two 'inadequate' councils"
    );
    assert_eq!(h.byline.as_deref(), Some("Neil Puffett"));
    assert_eq!(h.published, d(2018, 5, 14));
}

#[test]
fn bare_name_then_american_dateline() {
    let h = head("Ofsted raises concerns over pace of improvement at children's services trust\n\nTristan Donovan\nTuesday, October 24, 2017\n\nServices for looked-after children are not improving fast enough.\n");
    assert_eq!(h.byline.as_deref(), Some("Tristan Donovan"));
    assert_eq!(h.published, d(2017, 10, 24));
}

#[test]
fn section_label_is_not_the_title_and_no_date_is_none() {
    let h = head("News\n\nChildren's services move out of 'inadequate' at two councils\n\nTwo councils have been told their children's services departments are no longer \"inadequate\".\n");
    assert_eq!(
        h.title,
        "Children's services move out of 'inadequate' at two councils"
    );
    assert_eq!(h.byline, None);
    assert_eq!(h.published, None);
    assert_eq!(h.consumed[0], (0, "section label"));
}

#[test]
fn an_organisation_under_the_headline_is_not_a_byline() {
    let h = head("Caseloads fall at last\n\nTameside Council\n\nCaseloads have fallen.\n");
    assert_eq!(h.byline, None);
}

#[test]
fn byline_and_date_on_one_line() {
    let h = head("Headline here\nBy Joe Lepper | 25 January 2017\nBody text follows here.\n");
    assert_eq!(h.byline.as_deref(), Some("Joe Lepper"));
    assert_eq!(h.published, d(2017, 1, 25));
}

#[test]
fn report_title_from_opening_lines_and_inspection_dates() {
    let text = " \n \n 1 \nLondon Borough of Barking and \nDagenham \nInspection of services for children in need of help and \nprotection, children looked after and care leavers \nInspection date: 29 April – 22 May 2014 \nReport published: 7 July 2014 \nThe overall judgement is requires improvement  \n";
    let lines: Vec<&str> = text.lines().collect();
    let mut removed = vec![None; lines.len()];
    removed[2] = Some("page number".to_string());
    let h = report_header(&lines, &removed);
    assert_eq!(
        h.title,
        "London Borough of Barking and Dagenham Inspection of services for children in need of help and protection, children looked after and care leavers"
    );
    assert_eq!(h.inspected, d(2014, 4, 29).zip(d(2014, 5, 22)));
    assert_eq!(h.published, d(2014, 7, 7));
}

#[test]
fn a_report_paragraph_after_the_title_stays_in_the_body() {
    // An excerpt or letter with no "Inspection dates" line: the title block,
    // a blank line, then text whose first lines end in no full stop.
    let text = "Inspection of Richmond upon Thames local authority\nchildren’s services\n\nWhile all staff report being content and well supported, heavy workloads have\nresulted in some recent drift for a small number of children. Leaders have\nbrought in additional staffing capacity.\n";
    let lines: Vec<&str> = text.lines().collect();
    let removed = vec![None; lines.len()];
    let h = report_header(&lines, &removed);
    assert_eq!(
        h.title,
        "Inspection of Richmond upon Thames local authority children’s services"
    );
    assert_eq!(h.consumed, vec![(0, "title"), (1, "title")]);
    // The paragraph is found by a sentence ending inside a line, before
    // any line ends with a full stop.
    let text = "Inspection of Camden\n\nPermanence is not yet achieved soon enough. Assessments are\nnot robust\n";
    let lines: Vec<&str> = text.lines().collect();
    let h = report_header(&lines, &vec![None; lines.len()]);
    assert_eq!(
        (h.title.as_str(), h.consumed.len()),
        ("Inspection of Camden", 1)
    );
    // A title block of its own that wraps across two blocks is still whole.
    let text = "London Borough of Barking and\nDagenham\n\nInspection of services for children in need of help and\nprotection\nInspection date: 29 April – 22 May 2014\n";
    let lines: Vec<&str> = text.lines().collect();
    let h = report_header(&lines, &vec![None; lines.len()]);
    assert_eq!(
        h.title,
        "London Borough of Barking and Dagenham Inspection of services for children in need of help and protection"
    );
}

#[test]
fn a_sentence_end_inside_a_line_is_not_an_abbreviation() {
    assert!(holds_sentence_end("children soon enough. Assessments are"));
    assert!(holds_sentence_end("as the report said! Leaders"));
    assert!(holds_sentence_end("in Kent. The council"));
    // A bracket before or after the stop (sets 93 and 99).
    assert!(holds_sentence_end("and evaluate quality. (Recommendation)"));
    assert!(holds_sentence_end("Board (CESCB). Significant progress"));
    for title in [
        "Inspection of St. Helens children’s services",
        "Letter to Mrs. Smith, Director",
        "Cllr. Jones and Dr. Patel",
        "J. Smith HMI",
        "Review of the effectiveness of the local safeguarding children board",
    ] {
        assert!(!holds_sentence_end(title), "{title}");
    }
}

#[test]
fn other_byline_and_dateline_shapes() {
    let h = head("Council cuts agency staff\nPosted by Jane Smith on 12 March 2019\nThe council has cut its use of agency staff.\n");
    assert_eq!(h.byline.as_deref(), Some("Jane Smith"));
    assert_eq!(h.published, d(2019, 3, 12));
    let h = head("Council cuts agency staff\nPublished: 2019-03-12\nBy Jane Smith, social care reporter\n\nThe council has cut its use of agency staff.\n");
    assert_eq!(
        h.byline.as_deref(),
        Some("Jane Smith, social care reporter")
    );
    assert_eq!(h.published, d(2019, 3, 12));
    // A first line that is a sentence is the title; nothing else is guessed.
    let h = head("Inspectors found caseloads were too high.\n\nThe council said it would act.\n");
    assert_eq!(h.title, "Inspectors found caseloads were too high.");
    assert_eq!((h.byline, h.published), (None, None));
}

#[test]
fn a_text_opening_with_a_paragraph_has_no_title() {
    let para = "Inspectors found that caseloads in the assessment teams were too high, that children experienced too many changes of social worker, and that the voice of the child was not always recorded.";
    let h = head(&format!("{para}\n\nMore text.\n"));
    assert_eq!(h.title, "");
    assert!(h.consumed.is_empty());
}

#[test]
fn a_body_that_opens_with_its_lead_paragraph_has_no_title() {
    // A scrape that starts at the lead: a full sentence closed by a full
    // stop stays in the body (it carries themes) instead of becoming a title.
    let h = head("Ofsted has praised improvements at two councils where children's services were previously rated \"inadequate\".\nInspectors found caseloads had fallen.\n");
    assert_eq!(h.title, "");
    assert!(h.consumed.is_empty());
    let h = head("Coventry Council had been rated inadequate amid concerns that social workers were bogged down by high caseloads.\n\nBy Joe Lepper\n");
    assert_eq!(h.title, "");
}

#[test]
fn a_headline_without_a_full_stop_or_a_short_one_is_still_a_title() {
    let h = head("Are caseloads at last falling in Tameside?\n\nCaseloads have fallen.\n");
    assert_eq!(h.title, "Are caseloads at last falling in Tameside?");
    let h = head("Caseloads fall at last.\n\nCaseloads have fallen.\n");
    assert_eq!(h.title, "Caseloads fall at last.");
}

/// Report headings as the 2013-2026 reports print them (all 360 excerpts
/// of sets 87-104 carry one, and 492 of the 493 reports of `../shared`:
/// the other, a trust's, gives its inspection dates), whole or broken by
/// the PDF; and headlines and lead paragraphs that use the same words.
#[test]
fn an_ofsted_heading_in_the_opening_lines_marks_a_report() {
    let heading = |text: &str| has_report_heading(&text.lines().collect::<Vec<_>>());
    for text in [
        "Inspection of Wolverhampton local\nauthority children’s services\n\nThe experiences and progress of care leavers: outstanding",
        "Inspection of  Stockport local authority\nchildren’s services",
        "London Borough of Havering\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\nand\nReview of the effectiveness of the Local Safeguarding Children\nBoard1",
        "Royal Borough of Greenwich\nInspection of children’s social care services\n\nSupervision does take place and staff value it.",
        "Inspection of Cheshire West and\nChester local authority children’s\nservices\n\nEvery opportunity is given.",
        "West Berkshire Council\nRe-inspection of services for children in need of help and\nprotection, children looked after and care leavers\n\nText.",
        "Monitoring visit to Hull children's services\n\nDear Ms Smith",
        "Review of the effectiveness of the Local Safeguarding Children Board\n\nText.",
    ] {
        assert!(heading(text), "{text}");
    }
    for text in [
        // A journalist's headline goes on past the heading's words, or
        // starts with other words.
        "Inspection of Bury children's services finds widespread failings\n\nBy Sam Example",
        "Ofsted slams inspection of Bury children's services\n\nBy Sam Example",
        "Council criticised after inspection of children's services",
        "Ofsted's inspection of Sunderland children's services",
        "Ofsted monitoring visit to Hull children's services",
        "Inspection of services for children in need of help and protection finds Birmingham inadequate",
        // A lead paragraph, wrapped: its lines go on or start in lower case.
        "Inspectors have praised Hull's progress following a joint\ntargeted area inspection of the area's services.",
        "Ofsted has published its findings. The\nreview of the effectiveness of the local safeguarding children board\nfound weaknesses.",
        // Below the opening lines, a heading is a quotation in the text.
        &format!("{}Inspection of Bury local authority children's services", "Line.\n".repeat(10)),
    ] {
        assert!(!heading(text), "{text}");
    }
}

/// Excerpts and letters have no "Inspection dates" line to stop the title
/// at (heads from sets 87, 97 and 104): the title ends with the heading, or
/// at a numbered paragraph.
#[test]
fn a_title_ends_with_an_ofsted_heading_or_a_numbered_paragraph() {
    let title_of = |text: &str| {
        let lines: Vec<&str> = text.lines().collect();
        report_header(&lines, &vec![None; lines.len()]).title
    };
    let heading = "Stockton-on-Tees Borough Council\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\nand\nReview of the effectiveness of the Local Safeguarding Children\nBoard1";
    let whole = "Stockton-on-Tees Borough Council Inspection of services for children in need of help and protection, children looked after and care leavers and Review of the effectiveness of the Local Safeguarding Children Board";
    assert_eq!(
        title_of(&format!("{heading}\n\nFor example, for some time there has been no provision in Stockton-on-Tees\nfor")),
        whole
    );
    // The heading's last part in a block of its own still belongs to it.
    assert_eq!(
        title_of("Swindon\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\n\nand Review of the effectiveness of the Local Safeguarding Children Board\n\nFor example, the board"),
        "Swindon Inspection of services for children in need of help and protection, children looked after and care leavers and Review of the effectiveness of the Local Safeguarding Children Board"
    );
    // No heading: a numbered paragraph ends the title, in a later block or
    // in the first.
    for text in [
        "Care leavers in Haringey\n\n84. All young people leaving care are allocated a personal adviser from the\nYoung Adults service",
        "Care leavers in Haringey\n84. All young people leaving care are allocated a personal adviser from the\nYoung Adults service",
    ] {
        assert_eq!(title_of(text), "Care leavers in Haringey", "{text}");
    }
}
