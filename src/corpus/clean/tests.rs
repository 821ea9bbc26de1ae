//! The PDF rules pinned on sentences from real Ofsted reports, before and
//! after clean-up: running headers out, hyphens mended, broken lines joined,
//! bullets without glyphs, sentences whole across a page break.

use super::*;
use crate::corpus::furniture::lexicon;

/// Two page breaks of the 2023 Barking and Dagenham report, as extracted
/// (one word hyphen-split by hand to pin the rejoin).
const REPORT: &str = "
 
 
Inspection of Barking and Dagenham 
children’s services  
Inspection dates: 10 to 21 July 2023  
Lead inspector: Naintara Khosla, His Majesty’s Inspector 
Judgement Grade 
Overall effectiveness Requires improvement to be good  
 
However, progress is not consistent nor equitable for some children living in the 
borough. In particular, the pressures on management capacity continue to hinder 
the oversight and supervision needed. This is evident in a lack of decisive 
intervention for some children who are exposed to long-term neglect and domestic 
 
 
Inspection of London Borough of Barking and Dagenham local authority children’s services 
10 to 21 July 2023  2 
abuse, and in delays in progressing permanence plans and life-story work for some 
children in care.  
What needs to improve? 
◼ Timeliness of strategy meetings. 
◼ The capacity, quality, consistency and impact of supervision and management 
oversight. 
1. Children and families have access to a good range of universal and targeted 
early help provision. Some assess-
ments are of good quality, and multi-agency decision-
making is secure. Multi-agency work and decision-making are strong. 
 
 
Inspection of London Borough of Barking and Dagenham local authority children’s services 
10 to 21 July 2023  3 
2. Experienced and skilled social workers in the multi-agency safeguarding hub 
(MASH) operate a consultation line for professionals. 
 
 
Inspection of London Borough of Barking and Dagenham local authority children’s services 
10 to 21 July 2023  4 
3. The large majority of child protection strategy meetings include key agencies. 
";

#[test]
fn report_text_comes_out_as_whole_sentences() {
    let cleaned = clean(REPORT, lexicon());
    assert!(cleaned.from_pdf);
    assert_eq!(
        cleaned.header.title,
        "Inspection of Barking and Dagenham children’s services"
    );
    let paragraphs: Vec<&str> = cleaned.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        paragraphs,
        [
            "Judgement Grade",
            "Overall effectiveness Requires improvement to be good",
            "However, progress is not consistent nor equitable for some children living in the borough. In particular, the pressures on management capacity continue to hinder the oversight and supervision needed. This is evident in a lack of decisive intervention for some children who are exposed to long-term neglect and domestic abuse, and in delays in progressing permanence plans and life-story work for some children in care.",
            "What needs to improve?",
            "Timeliness of strategy meetings.",
            "The capacity, quality, consistency and impact of supervision and management oversight.",
            "1. Children and families have access to a good range of universal and targeted early help provision. Some assessments are of good quality, and multi-agency decision-making is secure. Multi-agency work and decision-making are strong.",
            "2. Experienced and skilled social workers in the multi-agency safeguarding hub (MASH) operate a consultation line for professionals.",
            "3. The large majority of child protection strategy meetings include key agencies.",
        ]
    );
    let running = cleaned
        .removed
        .iter()
        .filter(|r| r.reason == crate::corpus::pdf::RUNNING)
        .count();
    assert_eq!(running, 6);
}

#[test]
fn the_sample_article_shape_keeps_bullets_as_paragraphs() {
    let text = "Ofsted notes slow progress at Tameside\n\nProgress had been slow at Tameside, Ofsted has said.\n\nAcross the board, Ofsted said that Tameside requires improvement to be good.\nIn terms of the experiences of children who need help and protection,\n\nOfsted highlighted:\n\n- Although still developing, early help services are improving.\n\n- Management supervision and oversight is regular.\n";
    let cleaned = clean(text, lexicon());
    assert!(!cleaned.from_pdf);
    let paragraphs: Vec<&str> = cleaned.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        paragraphs,
        [
            "Ofsted notes slow progress at Tameside",
            "Progress had been slow at Tameside, Ofsted has said.",
            "Across the board, Ofsted said that Tameside requires improvement to be good.",
            "In terms of the experiences of children who need help and protection, Ofsted highlighted:",
            "Although still developing, early help services are improving.",
            "Management supervision and oversight is regular.",
        ]
    );
}

/// An inspection period, from and to (year, month, day).
fn period(
    from: (i32, u32, u32),
    to: (i32, u32, u32),
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let day = |(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a real date");
    Some((day(from), day(to)))
}

/// The head and a paragraph of Rochdale's 2018 report, copied out of the
/// PDF a paragraph a line.
const UNWRAPPED_REPORT: &str = "Rochdale Borough Council
Inspection of local authority children\u{2019}s services
Inspection dates: 29 January to 9 February 2018

8. Many social workers know children well and undertake direct work to inform their assessments and planning. This is not true for all children, with some having too many changes of worker.
";

#[test]
fn a_report_copied_a_paragraph_a_line_keeps_a_reports_head() {
    let cleaned = clean(UNWRAPPED_REPORT, lexicon());
    assert!(!cleaned.from_pdf);
    assert_eq!(
        cleaned.header.inspected,
        period((2018, 1, 29), (2018, 2, 9))
    );
    assert_eq!(
        cleaned.header.title,
        "Rochdale Borough Council Inspection of local authority children\u{2019}s services"
    );
    assert!(cleaned.paragraphs[0]
        .text
        .starts_with("8. Many social workers"));

    // An article quoting a report's dates further down is still an article.
    let article = format!(
        "Council told to cut caseloads\n\nBy Jane Smith\n\n{}\n\n{}",
        "Inspectors visited the council's children's services this winter and \
         found that caseloads were too high in several teams.\n\n"
            .repeat(6),
        UNWRAPPED_REPORT
    );
    let cleaned = clean(&article, lexicon());
    assert_eq!(cleaned.header.inspected, None);
    assert!(!cleaned.header.report_heading);
    assert_eq!(cleaned.header.title, "Council told to cut caseloads");
}

/// The head of Wokingham's 2016 report in the format of 2013 to 2017: a
/// bare council name and six lines of title before the dates.
const UNWRAPPED_SIF_REPORT: &str = "Wokingham
Inspection of services for children in need of help and
protection, children looked after and care leavers
and
Review of the effectiveness of the Local Safeguarding Children
Board1
Inspection date: 12 October 2015 \u{2013} 5 November 2015
Report published: 5 January 2016

44. Work with children looked after is purposeful and social workers know them well.
";

#[test]
fn a_report_head_with_a_long_title_keeps_its_council_name() {
    let cleaned = clean(UNWRAPPED_SIF_REPORT, lexicon());
    assert!(!cleaned.from_pdf);
    assert_eq!(
        cleaned.header.inspected,
        period((2015, 10, 12), (2015, 11, 5))
    );
    // Read as an article, the one-word first line was dropped and the
    // title began "Inspection of services", naming no council.
    assert!(
        cleaned
            .header
            .title
            .starts_with("Wokingham Inspection of services"),
        "{}",
        cleaned.header.title
    );
    assert!(cleaned.paragraphs[0]
        .text
        .starts_with("44. Work with children"));
}

#[test]
fn a_hard_wrapped_article_keeps_its_byline_and_dateline() {
    let mut text = String::from("Council cuts agency staff\n\nBy Jane Smith\n| 12 March 2019\n\n");
    for _ in 0..8 {
        text.push_str("Inspectors found that the council had cut its reliance on agency\nsocial workers, and that caseloads were now manageable for most\nstaff in the assessment teams.\n\n");
    }
    let cleaned = clean(&text, lexicon());
    assert!(cleaned.from_pdf);
    assert_eq!(cleaned.header.title, "Council cuts agency staff");
    assert_eq!(cleaned.header.byline.as_deref(), Some("Jane Smith"));
    assert_eq!(
        cleaned.header.published,
        chrono::NaiveDate::from_ymd_opt(2019, 3, 12)
    );
    assert_eq!(cleaned.paragraphs[0].text, "Council cuts agency staff");
    assert_eq!(
        cleaned.paragraphs[1].text,
        "Inspectors found that the council had cut its reliance on agency social workers, and that caseloads were now manageable for most staff in the assessment teams."
    );
    let reasons: Vec<&str> = cleaned.removed.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons, ["byline", "dateline"]);
}

#[test]
fn a_headline_is_a_paragraph_of_its_own_even_with_no_gap_after_it() {
    let text = "High caseloads cost council its good rating from Ofsted inspectors
The council said caseloads had risen in the last year.
";
    let cleaned = clean(text, lexicon());
    assert_eq!(
        cleaned.header.title,
        "High caseloads cost council its good rating from Ofsted inspectors"
    );
    let paragraphs: Vec<&str> = cleaned.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        paragraphs,
        [
            "High caseloads cost council its good rating from Ofsted inspectors",
            "The council said caseloads had risen in the last year.",
        ]
    );
}

proptest::proptest! {
    /// Whatever the input, the body keeps its contract: paragraphs
    /// separated by one blank line, each on one line, none empty or padded.
    #[test]
    fn the_body_contract_holds_for_any_text(
        lines in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[A-Za-z ,.:’-]{0,60}").unwrap(),
                proptest::string::string_regex("(• |- |◼ |[0-9]{1,2}\\. )[a-z ]{1,30}").unwrap(),
                proptest::string::string_regex("[ \t]{0,3}").unwrap(),
                proptest::string::string_regex("[0-9]{1,3}").unwrap(),
            ],
            0..60,
        )
    ) {
        let text = lines.join("\n");
        let cleaned = clean(&text, lexicon());
        let body = crate::corpus::paragraphs::body(&cleaned.paragraphs);
        if !body.is_empty() {
            for paragraph in body.split("\n\n") {
                proptest::prop_assert!(!paragraph.is_empty());
                proptest::prop_assert!(!paragraph.contains('\n'), "{:?}", paragraph);
                proptest::prop_assert_eq!(paragraph.trim(), paragraph);
            }
        }
        // Every line is either in the body or accounted for as removed.
        for removed in &cleaned.removed {
            proptest::prop_assert!(removed.line >= 1 && removed.line <= lines.len().max(1));
        }
    }
}
