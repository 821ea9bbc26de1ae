//! Ofsted's judgements: the grades an inspection report states.
//!
//! Takes the text of one report — raw PDF text with its line breaks, page
//! headers and tables, or the same text after clean-up (lines joined,
//! paragraphs separated by blank lines) — and gives the [`Judgement`]s the
//! report itself states in its judgement table or summary, one per area,
//! with grades normalised to Ofsted's four-point scale.
//!
//! Two frameworks are read: the single inspection framework (SIF, 2013–2018:
//! "Children's services in X are good", a numbered list of sub-judgements and
//! the LSCB review) and the inspection of local authority children's services
//! (ILACS, 2018–: a "Judgement Grade" table). Everything is anchored on that
//! structure, never on narrative: "was judged inadequate in 2014" gives
//! nothing, and a letter or report with no graded judgement gives no rows.
//! Reports of the earlier looked-after-children framework (2012–13, graded
//! on an "adequate" scale) are deliberately not read.

mod ilacs;
mod sif;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// The inspection framework a judgement was made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Framework {
    /// The single inspection framework, 2013–2018.
    Sif,
    /// Inspections of local authority children's services, 2018 onwards.
    Ilacs,
}

impl Framework {
    /// The label written to `judgements.csv`: `sif` or `ilacs`.
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::Sif => "sif",
            Framework::Ilacs => "ilacs",
        }
    }
}

/// A grade on Ofsted's four-point scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    #[serde(rename = "outstanding")]
    Outstanding,
    #[serde(rename = "good")]
    Good,
    /// Also written "requires improvement to be good".
    #[serde(rename = "requires improvement")]
    RequiresImprovement,
    #[serde(rename = "inadequate")]
    Inadequate,
}

impl Grade {
    /// The normalised label: `outstanding`, `good`, `requires improvement`
    /// or `inadequate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Outstanding => "outstanding",
            Grade::Good => "good",
            Grade::RequiresImprovement => "requires improvement",
            Grade::Inadequate => "inadequate",
        }
    }

    /// Reads a grade as reports print it, in any case: "Requires
    /// improvement to be good", "require improvement", "Good".
    pub fn parse(s: &str) -> Option<Grade> {
        let s = s.trim().to_lowercase();
        if s.starts_with("outstanding") {
            Some(Grade::Outstanding)
        } else if s.starts_with("good") {
            Some(Grade::Good)
        } else if s.starts_with("inadequate") {
            Some(Grade::Inadequate)
        } else if s.starts_with("require") {
            Some(Grade::RequiresImprovement)
        } else {
            None
        }
    }
}

/// Area labels, stable across releases; the framework column tells the
/// SIF and ILACS wording apart.
pub mod area {
    /// Overall effectiveness (SIF: "Children's services in X are ...").
    pub const OVERALL: &str = "overall_effectiveness";
    /// ILACS: the experiences and progress of children who need help and
    /// protection; SIF: children who need help and protection.
    pub const HELP_AND_PROTECTION: &str = "help_and_protection";
    /// ILACS: children in care (and care leavers, before the 2023 split);
    /// SIF: children looked after and achieving permanence.
    pub const CHILDREN_IN_CARE: &str = "children_in_care";
    /// ILACS: the impact of leaders on social work practice; SIF:
    /// leadership, management and governance.
    pub const LEADERSHIP: &str = "leadership";
    /// SIF 2.1: adoption performance.
    pub const ADOPTION: &str = "adoption_performance";
    /// SIF 2.2 and ILACS from 2023: the experiences and progress of care
    /// leavers.
    pub const CARE_LEAVERS: &str = "care_leavers";
    /// SIF: the review of the Local Safeguarding Children Board.
    pub const LSCB: &str = "lscb";
}

/// One judgement a report states.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Judgement {
    pub framework: Framework,
    /// One of the labels in [`area`].
    pub area: String,
    pub grade: Grade,
}

impl Judgement {
    fn new(framework: Framework, area: &str, grade: Grade) -> Self {
        Judgement {
            framework,
            area: area.to_string(),
            grade,
        }
    }
}

/// The judgements `text` states, at most one per area, in the order the
/// report gives them. Empty when the report states no graded judgement.
pub fn extract(text: &str) -> Vec<Judgement> {
    if !may_be_report(text) {
        return Vec::new();
    }
    // Both frameworks are recognised from the report's opening alone. Most
    // documents are articles, not reports: flattening only their opening
    // and giving up there keeps `motif run` from copying every text whole.
    let (head, whole) = flatten_at_most(text, HEAD);
    if !whole && !ilacs::may_state(&head) && !sif::may_state(&head) {
        return Vec::new();
    }
    let flat = if whole { head } else { flatten(text) };
    let found = ilacs::extract(&flat);
    if !found.is_empty() {
        return found;
    }
    sif::extract(&flat)
}

/// A phrase every framework's recognising pattern needs (the ILACS table
/// header, the SIF and LSCB titles, the two SIF rows and the LSCB headline
/// `sif::may_state` looks for), with any white space between its words as
/// flattening would make one space of it.
static REPORT_WORDING: LazyLock<regex::Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)judgement\s+grade|help\s+and\s+protection|safeguarding\s+children|lscb|achieving\s+permanence|management\s+and\s+governance",
    )
});

/// Whether `text` (raw, not flattened) may be a report either framework
/// recognises: false proves [`extract`] gives nothing. One scan for six
/// phrases is far cheaper than flattening every article's opening and
/// running each framework's patterns over it, which most documents (news,
/// letters) would fail anyway.
fn may_be_report(text: &str) -> bool {
    REPORT_WORDING.is_match(text)
}

/// The overall effectiveness grade among `judgements`, if the report
/// states one (ILACS reports from 2026 and LSCB-only reviews do not).
pub fn overall(judgements: &[Judgement]) -> Option<Grade> {
    judgements
        .iter()
        .find(|j| j.area == area::OVERALL)
        .map(|j| j.grade)
}

/// The report as one line: every run of whitespace (line breaks, blank
/// lines, no-break spaces) becomes one space and curly apostrophes become
/// straight ones. Raw PDF text and cleaned text then read the same, and a
/// table row split over lines reads as one phrase.
fn flatten(text: &str) -> String {
    flatten_at_most(text, usize::MAX).0
}

/// How much of a flattened report [`extract`] reads to tell whether it is
/// one: more than either framework's opening window.
const HEAD: usize = 10_000;

/// The start of [`flatten`]`(text)`, stopping once `max` bytes are out (a
/// prefix of the whole, so a window inside it reads the same), and whether
/// it is the whole.
fn flatten_at_most(text: &str, max: usize) -> (String, bool) {
    let mut out = String::with_capacity(text.len().min(max.saturating_add(64)));
    // A word at a time: the loop runs over every document of a run.
    for word in text.split_whitespace() {
        if out.len() >= max {
            return (out, false);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word.contains(['\u{2019}', '\u{2018}']) {
            out.extend(word.chars().map(|c| match c {
                '\u{2019}' | '\u{2018}' => '\'',
                c => c,
            }));
        } else {
            out.push_str(word);
        }
    }
    (out, true)
}

/// The grade alternation shared by both frameworks' patterns.
const GRADE: &str = r"(outstanding|good|inadequate|requires? improvement(?: to be good)?)\b";

/// Keeps the first judgement per area, so a repeated phrase later in the
/// front matter cannot override the table.
/// Compiles a judgement pattern with ASCII word boundaries. A Unicode
/// `\b` sends the regex engine to its slow path on any text with a curly
/// quote or dash (most of it), which made reading judgements the costliest
/// step of `motif run`; the words around a boundary here are all English.
fn pattern(p: &str) -> regex::Regex {
    regex::Regex::new(&p.replace(r"\b", r"(?-u:\b)"))
        .unwrap_or_else(|e| unreachable!("judgement pattern {p}: {e}"))
}

/// The first `max` bytes of `s`, cut back to a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn push_once(out: &mut Vec<Judgement>, j: Judgement) {
    if !out.iter().any(|k| k.area == j.area) {
        out.push(j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_gate_passes_whatever_a_framework_recognises() {
        // Each recognising pattern's minimal text, with its phrase broken
        // over lines and spaces as PDF text breaks it.
        let recognised = [
            "Judgement\n  Grade\nOverall effectiveness Good",
            "Inspection of services for children in need of help and\nprotection, children looked after",
            "Review of the effectiveness of the Local Safeguarding\u{a0}Children Board",
            "1. Children looked after and\nachieving permanence Good",
            "Leadership, management and\r\ngovernance Requires improvement",
            "The LSCB is inadequate.",
        ];
        for text in recognised {
            let flat = flatten(text);
            assert!(
                ilacs::may_state(&flat) || sif::may_state(&flat),
                "the frameworks no longer recognise {text:?}"
            );
            assert!(may_be_report(text), "gate refused {text:?}");
        }
        let article = "Inspectors found caseloads were high and the council's judgement was \
                       questioned; safeguarding partners met to discuss child protection.";
        assert!(!may_be_report(article));
        assert!(extract(article).is_empty());
    }

    #[test]
    fn grades_normalise_requires_improvement_to_be_good() {
        assert_eq!(
            Grade::parse("Requires improvement to be good"),
            Some(Grade::RequiresImprovement)
        );
        assert_eq!(
            Grade::parse("require improvement"),
            Some(Grade::RequiresImprovement)
        );
        assert_eq!(Grade::parse("Outstanding"), Some(Grade::Outstanding));
        assert_eq!(Grade::parse("Adequate"), None);
        assert_eq!(Grade::RequiresImprovement.as_str(), "requires improvement");
    }

    #[test]
    fn flatten_joins_lines_and_straightens_apostrophes() {
        assert_eq!(
            flatten(" \n Children\u{2019}s services in Norfolk \n\n are good  \n"),
            "Children's services in Norfolk are good"
        );
    }

    /// What `extract` gives when it flattens the whole text before looking.
    fn extract_whole(text: &str) -> Vec<Judgement> {
        let flat = flatten(text);
        let found = ilacs::extract(&flat);
        if found.is_empty() {
            sif::extract(&flat)
        } else {
            found
        }
    }

    #[test]
    fn reading_the_opening_first_changes_nothing() -> std::io::Result<()> {
        let dirs = [
            "tests/fixtures/judgements",
            "tests/fixtures/reports",
            "corpus",
        ];
        let mut reports = 0;
        for dir in dirs {
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&path)?;
                    let found = extract(&text);
                    assert_eq!(found, extract_whole(&text), "{}", path.display());
                    reports += usize::from(!found.is_empty());
                }
            }
        }
        assert!(reports >= 5, "only {reports} fixture reports state grades");
        // An article long enough to be cut, naming grades only in prose.
        let article = "Ofsted judged the council good. ".repeat(1000);
        assert!(!flatten_at_most(&article, HEAD).1);
        assert_eq!(extract(&article), Vec::new());
        assert_eq!(extract_whole(&article), Vec::new());
        Ok(())
    }

    #[test]
    fn flatten_at_most_is_a_prefix_of_flatten() {
        let text = " a\n\n b\u{2019}c   d ".repeat(50);
        let whole = flatten(&text);
        for max in [0, 1, 5, 17, 100, whole.len(), whole.len() + 1] {
            let (head, complete) = flatten_at_most(&text, max);
            assert!(whole.starts_with(&head), "max {max}");
            assert!(head.len() >= max.min(whole.len()), "max {max}");
            if complete {
                assert_eq!(head, whole, "max {max}");
            }
        }
        assert!(flatten_at_most(&text, whole.len() + 1).1);
    }

    #[test]
    fn framework_serialises_as_lowercase() {
        assert_eq!(Framework::Ilacs.as_str(), "ilacs");
        assert_eq!(
            serde_json::to_string(&Framework::Sif).ok().as_deref(),
            Some("\"sif\"")
        );
    }

    #[test]
    fn overall_picks_the_overall_row_only() {
        let rows = vec![
            Judgement::new(Framework::Ilacs, area::LEADERSHIP, Grade::Outstanding),
            Judgement::new(Framework::Ilacs, area::OVERALL, Grade::Good),
        ];
        assert_eq!(overall(&rows), Some(Grade::Good));
        assert_eq!(overall(&rows[..1]), None);
    }

    #[test]
    fn narrative_mentions_of_grades_give_nothing() {
        // From Dorset's 2025 report and Manchester's 2017 executive summary:
        // grades of earlier inspections, stated in prose.
        let text = "Since the previous inspection in 2021 when Dorset was judged to be good, senior\n\
            leaders have continually and relentlessly strengthened and developed services for children.\n\
            This is a re-inspection of children\u{2019}s services in Manchester, following a judgement of\n\
            inadequate for overall effectiveness in 2014. Services for children in Manchester are no\n\
            longer inadequate.";
        assert!(extract(text).is_empty());
    }
}
