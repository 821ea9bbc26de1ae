//! Counts joined with Ofsted grades: how often each theme is raised as a
//! concern in councils, grouped by the council's latest overall grade.
//!
//! Takes the count rows (`theme_counts.csv`, left as it is) and the
//! judgement rows (`judgements.csv`) and gives one [`GradeRow`] per theme ×
//! grade group: the councils in the group, their concern mentions, all their
//! mentions and the words counted for them. A council's group is the overall
//! effectiveness grade of its latest report that states one (by publication
//! date; an undated report counts as the oldest); councils with no such
//! report are in [`Group::Ungraded`]. National rows (no council) are left
//! out: they belong to no grade.

use std::collections::{BTreeMap, BTreeSet};

use super::judgements::JudgementRow;
use crate::counts::{per_10k, CountRow};
use crate::judgements::{area, Grade};

/// A grade group: one of the four grades, or no graded report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Graded(Grade),
    Ungraded,
}

impl Group {
    /// Every group, best grade first, the ungraded group last.
    pub const ALL: [Group; 5] = [
        Group::Graded(Grade::Outstanding),
        Group::Graded(Grade::Good),
        Group::Graded(Grade::RequiresImprovement),
        Group::Graded(Grade::Inadequate),
        Group::Ungraded,
    ];

    /// `outstanding` … `inadequate`, or `no graded report`.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Graded(grade) => grade.as_str(),
            Group::Ungraded => "no graded report",
        }
    }
}

/// One theme in one grade group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeRow {
    pub theme: String,
    pub group: Group,
    /// Councils in the group (with any count row, mentioned or not).
    pub councils: u64,
    /// Mentions of the theme raised as a concern in those councils.
    pub concerns: u64,
    /// All mentions of the theme in those councils.
    pub mentions: u64,
    /// Words in the sentences attributed to those councils.
    pub words: u64,
}

impl GradeRow {
    /// Concern mentions per council in the group (0 for an empty group).
    pub fn concerns_per_council(&self) -> f64 {
        if self.councils == 0 {
            0.0
        } else {
            self.concerns as f64 / self.councils as f64
        }
    }

    /// Concern mentions per 10,000 words (0 when there are no words).
    pub fn concerns_per_10k_words(&self) -> f64 {
        per_10k(self.concerns, self.words)
    }
}

/// Each council's latest overall grade, keyed by GSS code. Judgements with
/// no council are skipped. Among a council's overall judgements the one
/// published last wins; on the same date the later document id wins, so the
/// answer does not depend on the order reports were read in.
pub fn latest_overall(judgements: &[JudgementRow]) -> BTreeMap<String, Grade> {
    let mut latest: BTreeMap<&str, &JudgementRow> = BTreeMap::new();
    for row in judgements
        .iter()
        .filter(|r| !r.gss_code.is_empty() && r.judgement.area == area::OVERALL)
    {
        let key = |r: &JudgementRow| (r.published, r.doc_id.clone(), r.judgement.grade);
        match latest.get(row.gss_code.as_str()) {
            Some(best) if key(best) >= key(row) => {}
            _ => {
                latest.insert(&row.gss_code, row);
            }
        }
    }
    latest
        .into_iter()
        .map(|(gss, row)| (gss.to_string(), row.judgement.grade))
        .collect()
}

/// The theme × grade group table: for every theme in `rows`, one row per
/// group in [`Group::ALL`] order (empty groups included, so every theme's
/// table has the same shape). Themes come in the order they first appear.
pub fn by_grade(rows: &[CountRow], judgements: &[JudgementRow]) -> Vec<GradeRow> {
    let grades = latest_overall(judgements);
    let group_of = |gss: &str| {
        grades
            .get(gss)
            .map_or(Group::Ungraded, |&g| Group::Graded(g))
    };

    let mut themes: Vec<&str> = Vec::new();
    let mut members: BTreeMap<Group, BTreeSet<&str>> = BTreeMap::new();
    // (theme, group) -> (concerns, mentions, words)
    let mut totals: BTreeMap<(&str, Group), (u64, u64, u64)> = BTreeMap::new();
    for row in rows {
        if !themes.contains(&row.theme.as_str()) {
            themes.push(&row.theme);
        }
        let Some(gss) = row.gss_code.as_deref().filter(|_| row.council.is_some()) else {
            continue;
        };
        let group = group_of(gss);
        members.entry(group).or_default().insert(gss);
        let total = totals.entry((&row.theme, group)).or_default();
        total.0 += row.concerns;
        total.1 += row.mentions;
        // A council × year's words repeat on each theme's row; summing within
        // one theme counts each council × year once.
        total.2 += row.words;
    }

    let mut out = Vec::with_capacity(themes.len() * Group::ALL.len());
    for theme in themes {
        for group in Group::ALL {
            let (concerns, mentions, words) =
                totals.get(&(theme, group)).copied().unwrap_or_default();
            out.push(GradeRow {
                theme: theme.to_string(),
                group,
                councils: members.get(&group).map_or(0, |m| m.len() as u64),
                concerns,
                mentions,
                words,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::testing::AnalysisBuilder;
    use crate::counts::{Counts, Labels};
    use crate::judgements::{Framework, Judgement};
    use crate::themes::Polarity::{Concern, Neutral, Strength};
    use chrono::NaiveDate;

    const BARNET: u16 = 0;
    const SLOUGH: u16 = 1;
    const KENT: u16 = 2;

    fn labels() -> Labels {
        Labels::from_parts(
            &[
                ("Barnet", "E09000003"),
                ("Slough", "E06000039"),
                ("Kent", "E10000016"),
            ],
            &["caseloads", "worker_turnover"],
        )
    }

    fn judgement(
        doc: &str,
        gss: &str,
        date: Option<&str>,
        area: &str,
        grade: Grade,
    ) -> JudgementRow {
        JudgementRow {
            doc_id: doc.into(),
            path: format!("{doc}.txt"),
            council: String::new(),
            gss_code: gss.into(),
            published: date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            judgement: Judgement {
                framework: Framework::Ilacs,
                area: area.into(),
                grade,
            },
        }
    }

    /// Barnet: inadequate in 2017, good in 2021 (listed first, so order of
    /// reading must not matter), and an inadequate sub-judgement in 2022
    /// that is not the overall grade. Slough: inadequate. Kent: none.
    fn judgements() -> Vec<JudgementRow> {
        vec![
            judgement(
                "b2",
                "E09000003",
                Some("2021-06-01"),
                area::OVERALL,
                Grade::Good,
            ),
            judgement(
                "b1",
                "E09000003",
                Some("2017-07-07"),
                area::OVERALL,
                Grade::Inadequate,
            ),
            judgement(
                "b3",
                "E09000003",
                Some("2022-01-01"),
                area::HELP_AND_PROTECTION,
                Grade::Inadequate,
            ),
            judgement("s0", "E06000039", None, area::OVERALL, Grade::Good),
            judgement(
                "s1",
                "E06000039",
                Some("2019-01-01"),
                area::OVERALL,
                Grade::Inadequate,
            ),
            judgement(
                "x",
                "",
                Some("2024-01-01"),
                area::OVERALL,
                Grade::Outstanding,
            ),
        ]
    }

    fn count_rows() -> Vec<CountRow> {
        let analyses = vec![
            AnalysisBuilder::new("a.txt", Some("2020-01-01"))
                .sentence("Caseloads in Barnet were too high.", &[BARNET])
                .mention(0, "Caseloads", Concern)
                .sentence("Barnet caseloads remain unmanageable.", &[BARNET])
                .mention(0, "caseloads", Concern)
                .sentence("Slough caseloads were too high.", &[SLOUGH])
                .mention(0, "caseloads", Concern)
                .sentence("Kent has manageable caseloads.", &[KENT])
                .mention(0, "manageable caseloads", Strength)
                .sentence("Kent turnover was high.", &[KENT])
                .mention(1, "turnover", Concern)
                .sentence("Caseloads nationally rose.", &[])
                .mention(0, "Caseloads", Concern)
                .build(),
            AnalysisBuilder::new("b.txt", Some("2021-01-01"))
                .sentence("Barnet caseloads were discussed.", &[BARNET])
                .mention(0, "caseloads", Neutral)
                .build(),
        ];
        Counts::from_analyses(&analyses).rows(&labels())
    }

    #[test]
    fn latest_overall_grade_wins_and_sub_judgements_do_not_count() {
        let latest = latest_overall(&judgements());
        assert_eq!(latest.get("E09000003"), Some(&Grade::Good));
        // The undated report is the oldest.
        assert_eq!(latest.get("E06000039"), Some(&Grade::Inadequate));
        assert_eq!(latest.len(), 2, "no council, no entry: {latest:?}");
    }

    #[test]
    fn groups_concerns_by_latest_grade() {
        let rows = by_grade(&count_rows(), &judgements());
        assert_eq!(rows.len(), 2 * Group::ALL.len());
        let find = |theme: &str, group: Group| {
            rows.iter()
                .find(|r| r.theme == theme && r.group == group)
                .cloned()
        };
        let good = find("caseloads", Group::Graded(Grade::Good)).expect("good row");
        assert_eq!((good.councils, good.concerns, good.mentions), (1, 2, 3));
        // Barnet's words: two sentences in 2020, one in 2021.
        assert_eq!(good.words, 6 + 4 + 4);
        assert!((good.concerns_per_council() - 2.0).abs() < 1e-9);
        assert!((good.concerns_per_10k_words() - 2.0 * 10_000.0 / 14.0).abs() < 1e-9);

        let inadequate = find("caseloads", Group::Graded(Grade::Inadequate)).expect("row");
        assert_eq!((inadequate.councils, inadequate.concerns), (1, 1));

        let ungraded = find("caseloads", Group::Ungraded).expect("ungraded row");
        assert_eq!(
            (ungraded.councils, ungraded.concerns, ungraded.mentions),
            (1, 0, 1)
        );
        let turnover = find("worker_turnover", Group::Ungraded).expect("row");
        assert_eq!((turnover.councils, turnover.concerns), (1, 1));

        let outstanding = find("caseloads", Group::Graded(Grade::Outstanding)).expect("row");
        assert_eq!((outstanding.councils, outstanding.concerns), (0, 0));
        assert_eq!(outstanding.concerns_per_council(), 0.0);
        // The national concern belongs to no group.
        let all: u64 = rows
            .iter()
            .filter(|r| r.theme == "caseloads")
            .map(|r| r.concerns)
            .sum();
        assert_eq!(all, 3);
    }

    #[test]
    fn no_judgements_puts_every_council_in_the_ungraded_group() {
        let rows = by_grade(&count_rows(), &[]);
        let ungraded: Vec<&GradeRow> = rows.iter().filter(|r| r.group == Group::Ungraded).collect();
        assert!(ungraded.iter().all(|r| r.councils == 3));
        assert!(rows
            .iter()
            .filter(|r| r.group != Group::Ungraded)
            .all(|r| r.councils == 0 && r.mentions == 0));
    }

    #[test]
    fn page_shows_the_grade_table_with_its_numbers() {
        let rows = count_rows();
        let grades = by_grade(&rows, &judgements());
        let labels = labels();
        let provenance = crate::report::Provenance::new("l", "g", &[], BTreeMap::new());
        let html = crate::report::html::render(&crate::report::html::Page {
            rows: &rows,
            evidence: &[],
            labels: &labels,
            provenance: &provenance,
            documents: 2,
            grades: &grades,
        });
        assert!(html.contains("Raised as a concern, by the council's latest Ofsted grade"));
        // Caseloads: Barnet (good) has 2 concerns of 3 mentions in 14 words.
        assert!(
            html.contains(
                "<tr><th>good</th><td>1</td><td>2</td><td>3</td><td>2.00</td><td>1428.57</td></tr>"
            ),
            "{html}"
        );
        assert!(html.contains(
            "<tr><th>outstanding</th><td>0</td><td>0</td><td>0</td><td>–</td><td>–</td></tr>"
        ));
        assert!(html.contains("<tr><th>no graded report</th><td>1</td>"));
        assert_eq!(html.matches("<table class=\"grades\">").count(), 2);

        let ungraded = by_grade(&rows, &[]);
        let html = crate::report::html::render(&crate::report::html::Page {
            grades: &ungraded,
            rows: &rows,
            evidence: &[],
            labels: &labels,
            provenance: &provenance,
            documents: 2,
        });
        assert!(!html.contains("<table class=\"grades\">"));
        assert!(html.contains("No report in the corpus states an overall grade."));
    }
}
