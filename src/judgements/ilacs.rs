//! ILACS reports (2018 onwards): the "Judgement Grade" table on page one.
//!
//! Takes a flattened report (see `flatten`) and reads the table row by row,
//! label then grade, from the "Judgement Grade" header until the first thing
//! that is neither; gives one [`Judgement`] per row. Reading stops at the
//! table's end, so the narrative that follows it (which often restates older
//! grades) is never read. From 2026 the table has no overall effectiveness
//! row, and then none is given.

use std::sync::LazyLock;

use regex::Regex;

use super::{area, push_once, Framework, Grade, Judgement, GRADE};

/// The table header, as the PDF prints it.
static HEADER: LazyLock<Regex> = LazyLock::new(|| super::pattern(r"(?i)\bJudgement Grade\b"));

/// One table row, anchored at the start of what is left of the table: a
/// row label, an optional full stop or footnote digit, then the grade.
/// "Children in care and care leavers" must be tried before "children in
/// care" (alternation is leftmost-first).
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    let labels = [
        r"(?P<leaders>the impact of leaders on (?:social work )?practice with children and families)",
        r"(?P<help>the experiences and progress of children who need help and protection)",
        r"(?P<cicl>the experiences and progress of children in care and care leavers)",
        r"(?P<leavers>the experiences and progress of (?:children )?care leavers)",
        r"(?P<cic>the experiences and progress of children in care)",
        r"(?P<overall>overall effectiveness)",
    ]
    .join("|");
    super::pattern(&format!(
        r"(?i)^\s*(?:{labels})\.?\s*(?:\d{{1,2}}\s+)?{GRADE}"
    ))
});

/// How far into the flattened report the table header may start.
const HEADER_WINDOW: usize = 1500;

/// The table header, if it opens `flat`.
fn header(flat: &str) -> Option<regex::Match<'_>> {
    let head = super::prefix(flat, HEADER_WINDOW + "judgement grade".len());
    HEADER.find(head).filter(|m| m.start() < HEADER_WINDOW)
}

/// Whether `flat`, a flattened report or its first [`super::HEAD`] bytes,
/// opens with the table (false means [`extract`] gives nothing).
pub(super) fn may_state(flat: &str) -> bool {
    header(flat).is_some()
}

/// The judgements of the first "Judgement Grade" table in `flat`.
pub(super) fn extract(flat: &str) -> Vec<Judgement> {
    let mut out = Vec::new();
    // The table opens the report; a "Judgement Grade" heading further in
    // (SIF reports print one in their LSCB section) is not this table.
    // Searched for in the window only: most documents are not reports, and
    // scanning their whole text for a header dominated `motif run`.
    let Some(header) = header(flat) else {
        return out;
    };
    let mut rest = &flat[header.end()..];
    while let Some(caps) = ROW.captures(rest) {
        let label = if caps.name("leaders").is_some() {
            area::LEADERSHIP
        } else if caps.name("help").is_some() {
            area::HELP_AND_PROTECTION
        } else if caps.name("cicl").is_some() || caps.name("cic").is_some() {
            area::CHILDREN_IN_CARE
        } else if caps.name("leavers").is_some() {
            area::CARE_LEAVERS
        } else {
            area::OVERALL
        };
        if let Some(grade) = caps
            .get(caps.len() - 1)
            .and_then(|m| Grade::parse(m.as_str()))
        {
            push_once(&mut out, Judgement::new(Framework::Ilacs, label, grade));
        }
        let end = caps.get(0).map_or(rest.len(), |m| m.end());
        rest = &rest[end..];
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

    #[test]
    fn reads_the_three_area_table_of_2018_to_2023() {
        // Bournemouth, Christchurch and Poole, published February 2022.
        let text = "Judgement Grade \nThe impact of leaders on social work \npractice with children and families \n\
            Inadequate \nThe experiences and progress of \nchildren who need help and protection  \nInadequate \n\
            The experiences and progress of \nchildren in care and care leavers  \nRequires improvement to be good \n\
            Overall effectiveness Inadequate \n \nIn 2020, Ofsted conducted a focused visit that resulted in two wide-reaching areas";
        assert_eq!(
            grades(text),
            vec![
                ("leadership".to_string(), "inadequate"),
                ("help_and_protection".to_string(), "inadequate"),
                ("children_in_care".to_string(), "requires improvement"),
                ("overall_effectiveness".to_string(), "inadequate"),
            ]
        );
    }

    #[test]
    fn reads_the_split_care_leavers_row_from_2023() {
        // Dorset, published May 2025.
        let text = "Judgement Grade \nThe impact of leaders on social work \npractice with children and families \n\
            Outstanding \nThe experiences and progress of \nchildren who need help and protection  \nOutstanding \n\
            The experiences and progress of \nchildren in care \nOutstanding \nThe experiences and progress of care \n\
            leavers  \nGood \nOverall effectiveness Outstanding \n \nChildren in Dorset receive exceptional services";
        let got = grades(text);
        assert_eq!(got.len(), 5);
        assert!(got.contains(&("children_in_care".to_string(), "outstanding")));
        assert!(got.contains(&("care_leavers".to_string(), "good")));
        assert!(got.contains(&("overall_effectiveness".to_string(), "outstanding")));
    }

    #[test]
    fn table_without_overall_row_gives_no_overall_grade() {
        // North Northamptonshire, published July 2026: no overall row, and the
        // narrative straight after the table must not be read as one.
        let text = "Judgement Grade \nThe impact of leaders on practice with \nchildren and families \nOutstanding \n\
            The experiences and progress of \nchildren who need help and protection  \nGood \n\
            The experiences and progress of \nchildren in care \nGood \nThe experiences and progress of care \n\
            leavers  \nGood \nThe experiences of children, young people and families in North Northamptonshire \n\
            have significantly improved since the previous inspection in 2022.";
        let got = grades(text);
        assert_eq!(got.len(), 4);
        assert!(got.iter().all(|(a, _)| a != "overall_effectiveness"));
        assert_eq!(got[0], ("leadership".to_string(), "outstanding"));
    }

    #[test]
    fn judgement_grade_heading_deep_in_a_report_is_not_the_table() {
        let filler = "Inspectors read case files and met staff. ".repeat(60);
        let text = format!(
            "{filler}Judgement Grade The experiences and progress of children who need help and protection Good"
        );
        assert!(grades(&text).is_empty());
    }

    #[test]
    fn body_headings_without_the_table_give_nothing() {
        let text =
            "The experiences and progress of children who need help and \nprotection: good \n\
            1. Children receive the help that they need at the right time.";
        assert!(grades(text).is_empty());
    }
}
