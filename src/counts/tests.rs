//! Unit tests for counts: the identities every output relies on, zero fill,
//! rates, and merge order independence (property test).

use proptest::prelude::*;

use super::group::{group, GroupKey, KeyValue};
use super::testing::AnalysisBuilder;
use super::*;
use crate::report::evidence::evidence;
use crate::themes::Polarity::{Concern, Neutral, Strength};

const CASELOADS: u16 = 0;
const TURNOVER: u16 = 1;
const TAMESIDE: u16 = 0;
const SLOUGH: u16 = 1;

fn labels() -> Labels {
    Labels::from_parts(
        &[("Tameside", "E08000008"), ("Slough", "E06000039")],
        &["caseloads", "worker_turnover"],
    )
}

/// Two documents: a 2018 one about Tameside then Slough, and an undated one
/// with a national sentence.
fn sample() -> Vec<Analysis> {
    vec![
        AnalysisBuilder::new("a.txt", Some("2018-05-14"))
            .sentence(
                "Tameside had high caseloads and high turnover.",
                &[TAMESIDE],
            )
            .mention(CASELOADS, "high caseloads", Concern)
            .mention(TURNOVER, "high turnover", Concern)
            .sentence("Caseloads were manageable by the autumn.", &[TAMESIDE])
            .mention(CASELOADS, "Caseloads were manageable", Strength)
            .sentence("Both councils reported caseloads.", &[TAMESIDE, SLOUGH])
            .mention(CASELOADS, "caseloads", Neutral)
            .build(),
        AnalysisBuilder::new("b.txt", None)
            .sentence("Nationally, caseloads rose.", &[])
            .mention(CASELOADS, "caseloads", Neutral)
            .sentence("Slough said little.", &[SLOUGH])
            .build(),
    ]
}

fn find<'a>(
    rows: &'a [CountRow],
    council: Option<&str>,
    year: Option<i32>,
    theme: &str,
) -> &'a CountRow {
    rows.iter()
        .find(|r| r.council.as_deref() == council && r.year == year && r.theme == theme)
        .unwrap_or_else(|| panic!("no row {council:?} {year:?} {theme}"))
}

#[test]
fn mentions_credit_every_council_of_the_sentence() {
    let rows = Counts::from_analyses(&sample()).rows(&labels());
    let tameside = find(&rows, Some("Tameside"), Some(2018), "caseloads");
    assert_eq!(
        (tameside.mentions, tameside.sentences, tameside.documents),
        (3, 3, 1)
    );
    assert_eq!((tameside.concerns, tameside.strengths), (1, 1));
    assert_eq!(tameside.gss_code.as_deref(), Some("E08000008"));
    let slough = find(&rows, Some("Slough"), Some(2018), "caseloads");
    assert_eq!(
        (slough.mentions, slough.concerns, slough.strengths),
        (1, 0, 0)
    );
    let national = find(&rows, None, None, "caseloads");
    assert_eq!((national.mentions, national.gss_code.clone()), (1, None));
}

#[test]
fn words_are_the_sentences_attributed_to_the_council_that_year() {
    let rows = Counts::from_analyses(&sample()).rows(&labels());
    // 7 + 6 + 4 words about Tameside; the shared sentence also counts for Slough.
    assert_eq!(
        find(&rows, Some("Tameside"), Some(2018), "caseloads").words,
        17
    );
    assert_eq!(
        find(&rows, Some("Slough"), Some(2018), "caseloads").words,
        4
    );
    assert_eq!(find(&rows, Some("Slough"), None, "caseloads").words, 3);
    assert_eq!(find(&rows, None, None, "caseloads").words, 3);
    let rate = find(&rows, Some("Tameside"), Some(2018), "caseloads").per_10k_words;
    assert!((rate - 3.0 * 10_000.0 / 17.0).abs() < 1e-9, "{rate}");
}

#[test]
fn zero_fill_gives_every_council_year_every_theme() {
    let rows = Counts::from_analyses(&sample()).rows(&labels());
    // Slough in an unknown year has a sentence but no mention: both themes, zero.
    let slough = find(&rows, Some("Slough"), None, "worker_turnover");
    assert_eq!(
        (slough.mentions, slough.words, slough.per_10k_words),
        (0, 3, 0.0)
    );
    // Tameside 2018, Slough 2018, Slough unknown, national unknown: 4 slots × 2 themes.
    assert_eq!(rows.len(), 8);
    let order: Vec<(Option<&str>, Option<i32>, &str)> = rows
        .iter()
        .map(|r| (r.council.as_deref(), r.year, r.theme.as_str()))
        .collect();
    assert_eq!(
        order,
        vec![
            (Some("Slough"), Some(2018), "caseloads"),
            (Some("Slough"), Some(2018), "worker_turnover"),
            (Some("Slough"), None, "caseloads"),
            (Some("Slough"), None, "worker_turnover"),
            (Some("Tameside"), Some(2018), "caseloads"),
            (Some("Tameside"), Some(2018), "worker_turnover"),
            (None, None, "caseloads"),
            (None, None, "worker_turnover"),
        ]
    );
}

#[test]
fn duplicates_are_not_counted() {
    let mut analyses = sample();
    let copy = AnalysisBuilder::new("a copy.txt", Some("2018-05-14"))
        .duplicate_of("first")
        .sentence("Tameside had high caseloads.", &[TAMESIDE])
        .mention(CASELOADS, "high caseloads", Concern)
        .build();
    analyses.push(copy);
    let counts = Counts::from_analyses(&analyses);
    assert_eq!((counts.documents(), counts.duplicates()), (2, 1));
    assert_eq!(
        counts.rows(&labels()),
        Counts::from_analyses(&sample()).rows(&labels())
    );
    assert_eq!(
        evidence(&analyses, &labels()).len(),
        evidence(&sample(), &labels()).len()
    );
}

#[test]
fn counts_sum_to_evidence_rows() {
    let analyses = sample();
    let counts = Counts::from_analyses(&analyses);
    let rows = counts.rows(&labels());
    let total: u64 = rows.iter().map(|r| r.mentions).sum();
    assert_eq!(total, 6);
    assert_eq!(total, evidence(&analyses, &labels()).len() as u64);
    assert_eq!(total, counts.mentions());
}

#[test]
fn per_10k_handles_zero_words() {
    assert_eq!(per_10k(5, 0), 0.0);
    assert_eq!(per_10k(0, 100), 0.0);
    assert_eq!(per_10k(3, 20_000), 1.5);
}

#[test]
fn repeated_council_in_one_attribution_credits_once() {
    let analysis = AnalysisBuilder::new("x.txt", Some("2020-01-01"))
        .sentence("Tameside, Tameside: caseloads.", &[TAMESIDE, TAMESIDE])
        .mention(CASELOADS, "caseloads", Neutral)
        .build();
    let counts = Counts::from_analyses(std::slice::from_ref(&analysis));
    assert_eq!(counts.mentions(), 1);
    assert_eq!(
        find(
            &counts.rows(&labels()),
            Some("Tameside"),
            Some(2020),
            "caseloads"
        )
        .words,
        3
    );
}

#[test]
fn unknown_ids_get_placeholders_not_panics() {
    let analysis = AnalysisBuilder::new("x.txt", Some("2020-01-01"))
        .sentence("Somewhere had caseloads.", &[99])
        .mention(7, "caseloads", Neutral)
        .build();
    let rows = Counts::from_analyses(&[analysis]).rows(&labels());
    assert!(rows
        .iter()
        .any(|r| r.council.as_deref() == Some("unknown council #99")
            && r.theme == "theme_7"
            && r.mentions == 1));
}

#[test]
fn grouping_by_polarity_and_council() {
    let grouping = group(
        &sample(),
        &labels(),
        &[GroupKey::Polarity, GroupKey::Council],
    );
    assert_eq!(
        grouping.key_columns,
        vec!["polarity", "council", "gss_code"]
    );
    let keys: Vec<(Vec<KeyValue>, u64)> = grouping
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.mentions))
        .collect();
    let text = |s: &str| KeyValue::Text(s.to_string());
    assert_eq!(
        keys,
        vec![
            (
                vec![text("concern"), text("Tameside"), text("E08000008")],
                2
            ),
            (vec![text("neutral"), text("Slough"), text("E06000039")], 1),
            (
                vec![text("neutral"), text("Tameside"), text("E08000008")],
                1
            ),
            (
                vec![text("neutral"), KeyValue::Missing, KeyValue::Missing],
                1
            ),
            (
                vec![text("strength"), text("Tameside"), text("E08000008")],
                1
            ),
        ]
    );
    let by_document = group(&sample(), &labels(), &[GroupKey::Document, GroupKey::Year]);
    assert_eq!(by_document.rows.len(), 2);
    assert_eq!(by_document.rows.iter().map(|r| r.mentions).sum::<u64>(), 6);
    assert_eq!("theme".parse::<GroupKey>(), Ok(GroupKey::Theme));
    assert!("county".parse::<GroupKey>().is_err());
}

/// A random analysis: up to 6 sentences about up to 3 of 4 councils, up to
/// 5 mentions of 3 themes, a year in 2016–2018 or unknown, maybe a duplicate.
fn arb_analysis() -> impl Strategy<Value = Analysis> {
    let sentence = (prop::collection::vec(0u16..4, 0..3), 1usize..12);
    let mention = (0usize..6, 0u16..3, 0u8..3);
    (
        prop::collection::vec(sentence, 1..6),
        prop::collection::vec(mention, 0..5),
        prop::option::of(2016i32..2019),
        any::<bool>(),
        0u32..1000,
    )
        .prop_map(|(sentences, mentions, year, duplicate, n)| {
            let date = year.map(|y| format!("{y}-06-01"));
            let mut builder = AnalysisBuilder::new(&format!("doc{n}.txt"), date.as_deref());
            if duplicate && n % 4 == 0 {
                builder = builder.duplicate_of("earlier");
            }
            for (councils, words) in &sentences {
                builder = builder.sentence(&vec!["word"; *words].join(" "), councils);
            }
            let mut analysis = builder.build();
            for (sentence, theme, polarity) in mentions {
                let sentence = sentence % analysis.sentences.len();
                let s = analysis.sentences[sentence];
                analysis.tagged.mentions.push(crate::themes::Mention {
                    sentence,
                    theme: crate::themes::ThemeId(theme),
                    term: "word".to_string(),
                    start: s.start,
                    end: s.start + 4,
                    polarity: [Concern, Strength, Neutral][usize::from(polarity)],
                    cue: None,
                });
            }
            analysis
        })
}

proptest! {
    #[test]
    fn merge_of_partial_counts_equals_counts_of_all(
        analyses in prop::collection::vec(arb_analysis(), 0..12),
        split in 0usize..12,
    ) {
        let labels = Labels::from_parts(
            &[("A", "E1"), ("B", "E2"), ("C", "E3"), ("D", "E4")],
            &["t0", "t1", "t2"],
        );
        let mut whole = Counts::default();
        for a in &analyses {
            whole.add(a);
        }
        let split = split.min(analyses.len());
        let mut left = Counts::default();
        analyses[..split].iter().for_each(|a| left.add(a));
        let mut right = Counts::default();
        analyses[split..].iter().for_each(|a| right.add(a));
        right.merge(left);
        prop_assert_eq!(&right, &whole);
        prop_assert_eq!(Counts::from_analyses(&analyses), whole.clone());

        let rows = whole.rows(&labels);
        let mentions: u64 = rows.iter().map(|r| r.mentions).sum();
        prop_assert_eq!(mentions, evidence(&analyses, &labels).len() as u64);
        let grouped = group(&analyses, &labels, &[GroupKey::Theme]);
        prop_assert_eq!(grouped.rows.iter().map(|r| r.mentions).sum::<u64>(), mentions);
        let concerns: u64 = rows.iter().map(|r| r.concerns + r.strengths).sum();
        prop_assert!(concerns <= mentions);
        // Zero fill: every slot has every theme.
        prop_assert_eq!(rows.len() % 3, 0);
    }
}
