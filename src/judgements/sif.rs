//! SIF reports (2013–2018) and LSCB reviews: the summary on page one.
//!
//! Takes a flattened report (see `flatten`) and gives its judgements when
//! the report is a single-framework inspection or an LSCB review (known by
//! its title). The overall grade comes from the headline sentence
//! ("Children's services in Barnet are inadequate", "The overall judgement
//! is requires improvement"), the area grades from the numbered list that
//! follows it; both are read only before the executive summary, where the
//! prose starts. The LSCB grade comes from its own headline ("The Local
//! Safeguarding Children Board is inadequate"), which combined reports print
//! either on page one or at the head of the review section.

use std::sync::LazyLock;

use regex::Regex;

use super::{area, prefix, push_once, Framework, Grade, Judgement, GRADE};

fn compile(p: &str) -> Regex {
    super::pattern(p)
}

/// The titles of a SIF inspection or LSCB review, near the top.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:inspection of services for children in need of help and protection|review of the effectiveness of the local safeguarding children board)",
    )
});

/// Where the page-one summary ends and prose begins.
static SUMMARY_END: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i:\bexecutive summary\b)|\bContents\b"));

/// The overall headline, in either of the wordings SIF used.
static OVERALL: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:\bthe overall judgement is (?:that )?(?:children's services? )?|\bchildren's services (?:in [^.]{{1,120}}? )?)(?:are |is )?{GRADE}"
    ))
});

/// The numbered area judgements. Numbers are optional because one report
/// misnumbers its list; labels are only looked for on page one.
static AREAS: LazyLock<[(&'static str, Regex); 5]> = LazyLock::new(|| {
    let row = |label: &str| {
        compile(&format!(
            r"(?i)(?:\b\d(?:\.\d)?\.? )?\b{label}\.? (?:\d{{1,2}} )?{GRADE}"
        ))
    };
    [
        (
            area::HELP_AND_PROTECTION,
            row("children who need help and protection"),
        ),
        (
            area::CHILDREN_IN_CARE,
            row("children looked after and achieving permanence"),
        ),
        (area::ADOPTION, row("adoption performance")),
        (
            area::CARE_LEAVERS,
            row("experiences and progress of care leavers"),
        ),
        (
            area::LEADERSHIP,
            row("leadership, management and governance"),
        ),
    ]
});

/// The LSCB headline. "The" is capitalised and the grade must end the
/// sentence or the heading (a capital or digit follows), so prose such as
/// "the LSCB is good at ..." is not read.
static LSCB: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\bThe (?i:(?:judgement for the )?(?:effectiveness of the )?(?:local safeguarding children(?: board)?|lscb)(?: \([A-Za-z&]+\))? (?:is )?)((?i:outstanding|good|inadequate|requires? improvement(?: to be good)?))(?:\.|\s+[A-Z0-9]|\s*$)",
    )
});

/// The LSCB section's own summary, when its headline is garbled: "Summary
/// of findings The LSCB is inadequate because:".
static LSCB_FINDINGS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\bsummary of findings:? the (?:lscb|[a-z]{2,6}scb) (?:is )?(outstanding|good|inadequate|requires? improvement(?: to be good)?) because\b",
    )
});

/// How far into the report the title of a SIF inspection may appear.
const TITLE_WINDOW: usize = 600;

/// How long page one's summary may be; it is about 2,000 bytes in every
/// report read, and the cap keeps a report without an "Executive summary"
/// heading from being read whole.
const SUMMARY_WINDOW: usize = 8000;

/// Page one's summary: up to the end marker, at most [`SUMMARY_WINDOW`].
fn summary(flat: &str) -> &str {
    // The end marker only matters inside the window, so only the window is
    // searched (a whole-text scan of every article dominated `motif run`).
    let summary = match SUMMARY_END.find(prefix(flat, SUMMARY_WINDOW + "executive summary".len())) {
        Some(m) => &flat[..m.start()],
        None => flat,
    };
    prefix(summary, SUMMARY_WINDOW)
}

/// Whether `flat`, a flattened report or its first [`super::HEAD`] bytes,
/// is a SIF report or LSCB review (false means [`extract`] gives nothing).
/// It is known by its title or, when the caller passes a body whose title
/// lines were taken off, by the framework's own wording: the permanence or
/// "leadership, management and governance" row with a grade, or an LSCB
/// headline opening the text.
pub(super) fn may_state(flat: &str) -> bool {
    let summary = summary(flat);
    let head = prefix(flat, TITLE_WINDOW);
    TITLE.is_match(head)
        || AREAS[1].1.is_match(summary)
        || AREAS[4].1.is_match(summary)
        || LSCB.is_match(head)
}

/// The judgements of a SIF inspection or LSCB review; empty for anything
/// else (ILACS reports, the 2012–13 looked-after-children framework).
pub(super) fn extract(flat: &str) -> Vec<Judgement> {
    let mut out = Vec::new();
    if !may_state(flat) {
        return out;
    }
    let summary = summary(flat);
    if let Some(grade) = OVERALL
        .captures(summary)
        .and_then(|c| c.get(1))
        .and_then(|m| Grade::parse(m.as_str()))
    {
        push_once(
            &mut out,
            Judgement::new(Framework::Sif, area::OVERALL, grade),
        );
    }
    for (label, pattern) in AREAS.iter() {
        if let Some(grade) = pattern
            .captures(summary)
            .and_then(|c| c.get(1))
            .and_then(|m| Grade::parse(m.as_str()))
        {
            push_once(&mut out, Judgement::new(Framework::Sif, label, grade));
        }
    }
    if let Some(grade) = LSCB
        .captures(flat)
        .or_else(|| LSCB_FINDINGS.captures(flat))
        .and_then(|c| c.get(1))
        .and_then(|m| Grade::parse(m.as_str()))
    {
        push_once(&mut out, Judgement::new(Framework::Sif, area::LSCB, grade));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::flatten;
    use super::*;

    fn grades(text: &str) -> Vec<(String, &'static str)> {
        extract(&flatten(text))
            .into_iter()
            .map(|j| (j.area, j.grade.as_str()))
            .collect()
    }

    const BARNET: &str = " 1 \nLondon Borough of Barnet     \nInspection of services for children in need of help and \n\
        protection, children looked after and care leavers \nand \nReview of the effectiveness of the Local Safeguarding Children \n\
        Board1  \nInspection date: 25 April \u{2013} 18 May 2017  \nReport published: 7 July 2017 \n \n\
        Children\u{2019}s services in Barnet are inadequate \n1. Children who need help and protection Inadequate \n\
        2. Children looked after and achieving \npermanence Inadequate \n \n2.1 Adoption performance Requires improvement \n\
        2.2 Experiences and progress of care leavers Requires improvement \n3. Leadership, management and governance Inadequate \n\
        \n 2 \nExecutive summary \nThere are widespread and serious failures in the services provided to children and \n\
        their families in Barnet. Since the local authority was last inspected in 2012, services were judged good.\n\
        The Local Safeguarding Children Board is inadequate \n \nExecutive summary \n\
        The Barnet Safeguarding Children\u{2019}s Board is inadequate, as it is not effective in";

    #[test]
    fn reads_the_headline_list_and_lscb_section_of_barnet_2017() {
        assert_eq!(
            grades(BARNET),
            vec![
                ("overall_effectiveness".to_string(), "inadequate"),
                ("help_and_protection".to_string(), "inadequate"),
                ("children_in_care".to_string(), "inadequate"),
                ("adoption_performance".to_string(), "requires improvement"),
                ("care_leavers".to_string(), "requires improvement"),
                ("leadership".to_string(), "inadequate"),
                ("lscb".to_string(), "inadequate"),
            ]
        );
    }

    #[test]
    fn reads_a_body_whose_title_lines_were_taken_off() {
        let body = BARNET
            .find("Children\u{2019}s services in Barnet")
            .map_or("", |i| &BARNET[i..]);
        let got = grades(body);
        assert_eq!(got.len(), 7);
        assert_eq!(got[0], ("overall_effectiveness".to_string(), "inadequate"));
    }

    #[test]
    fn reads_the_overall_judgement_is_wording_and_split_grades() {
        // Barnsley, published August 2014: grades broken over lines and the
        // LSCB judged on page one.
        let text = " 1 \nMetropolitan Borough of Barnsley \nCouncil \nInspection of services for children in need of help and \n\
            protection, children looked after and care leavers     \nand \nReview of the effectiveness of the local safeguarding children \n\
            board1 \nInspection date: 2 June 2014 \u{2013} 25 June 2014 \nReport published: 8 August 2014 \n\
            The overall judgement is requires improvement \nThere are no widespread or serious failures that create or leave children being \n\
            harmed or at risk of harm. \n1. Children who need help and protection \nRequires \nimprovement \n\
            2. Children looked after and achieving permanence Requires improvement  \n2.1 Adoption performance  Requires improvement \n\
            2.2 Experiences and progress of care leavers Good \n3. Leadership, management and governance \nRequires \nimprovement \n\
            The effectiveness of the Local Safeguarding Children Board (LSCB) is \nrequires improvement  \n\
            The arrangements in place to evaluate the effectiveness";
        let got = grades(text);
        assert_eq!(got.len(), 7);
        assert_eq!(
            got[0],
            ("overall_effectiveness".to_string(), "requires improvement")
        );
        assert!(got.contains(&("care_leavers".to_string(), "good")));
        assert!(got.contains(&("lscb".to_string(), "requires improvement")));
    }

    #[test]
    fn reads_require_improvement_to_be_good_across_a_line_break() {
        // Cheshire East, published September 2015.
        let text = "Cheshire East Unitary Authority \nInspection of services for children in need of help and \n\
            protection, children looked after and care leavers \nInspection date: 6 to 30 July 2015 \n\
            Children\u{2019}s services in Cheshire East require improvement to be \ngood  \n\
            There are no widespread or serious failures that create or leave children being \nharmed or at risk of harm.";
        assert_eq!(
            grades(text),
            vec![("overall_effectiveness".to_string(), "requires improvement")]
        );
    }

    #[test]
    fn not_judged_areas_give_no_row() {
        let text = "Inspection of services for children in need of help and protection, children looked after and care leavers \n\
            Children\u{2019}s services in Kirklees are inadequate \n1. Children who need help and protection Inadequate \n\
            2. Children looked after and achieving permanence Not Judged \n2.1 Adoption performance Not Judged";
        let got = grades(text);
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|(a, _)| a != "adoption_performance"));
    }

    #[test]
    fn lscb_grade_from_its_summary_when_the_headline_drops_a_word() {
        // Somerset, published March 2015: "Board" fell out of the headline.
        let text = "Somerset County Council \nInspection of services for children in need of help and \n\
            protection, children looked after and care leavers \n 41 \nThe Local Safeguarding Children Board (LSCB) \n\
            The Local Safeguarding Children is inadequate \nThe arrangements in place to evaluate the effectiveness of what is done by the \n\
            authority and board partners to safeguard and promote the welfare of children are \ninadequate. \n\
            Summary of findings \nThe LSCB  is inadequate because: \nScrutiny and assurance";
        assert_eq!(grades(text), vec![("lscb".to_string(), "inadequate")]);
    }

    #[test]
    fn lscb_prose_is_not_a_judgement() {
        let text = "Review of the effectiveness of the Local Safeguarding Children Board \n\
            The LSCB is good at sharing information. In 2014 the LSCB was judged inadequate.";
        assert!(grades(text).is_empty());
    }

    #[test]
    fn looked_after_children_framework_of_2013_is_not_read() {
        // Norfolk, published August 2013, graded on the older scale.
        let text = "Inspection of looked after children \nservices   \nNorfolk County Council  \n\
            Overall effectiveness Inadequate  \nCapacity to improve Inadequate";
        assert!(grades(text).is_empty());
    }
}
