use super::*;

use crate::text::Sentence;
use crate::themes::lexicon::parse_toml;
use crate::themes::{tag, Genre, LexiconSet};
use std::path::Path;

/// (polarity, cue) of each mention in `text`, split into sentences.
fn polarities(text: &str) -> Vec<(Polarity, Option<String>)> {
    let lexicon = r#"
id = "voice"
terms = ["views"]
concern = ["not recorded", { term = "Ensure", match_case = true, scope = "lead" }]
strength = ["consistently", "well"]
"#;
    let def = parse_toml(lexicon, Path::new("voice.toml")).unwrap();
    let set = LexiconSet::from_defs(vec![def]).unwrap();
    let sentences: Vec<Sentence> = crate::text::sentences(text);
    tag(&set, text, &sentences, Genre::Article)
        .mentions
        .into_iter()
        .map(|m| (m.polarity, m.cue))
        .collect()
}

#[test]
fn a_lead_cue_opening_the_sentence_decides_before_nearer_cues() {
    let concern = (Polarity::Concern, Some("Ensure".to_string()));
    assert_eq!(
        polarities("Ensure that children's views are consistently recorded."),
        vec![concern.clone()]
    );
    // Bullets and quotes before it do not stop it opening the sentence.
    assert_eq!(
        polarities("\u{25fc} \u{201c}Ensure that views are recorded well."),
        vec![concern]
    );
}

#[test]
fn a_lead_cue_elsewhere_in_the_sentence_counts_for_nothing() {
    assert_eq!(
        polarities("Managers Ensure that views are consistently recorded."),
        vec![(Polarity::Strength, Some("consistently".to_string()))]
    );
    // Nor does it reach into the next sentence.
    assert_eq!(
        polarities("Ensure plans are sent. Views are recorded well."),
        vec![(Polarity::Strength, Some("well".to_string()))]
    );
}

/// The one theme of `lexicon` (a TOML theme file's text).
fn one_theme(lexicon: &str) -> LexiconSet {
    let def = parse_toml(lexicon, Path::new("theme.toml")).unwrap();
    LexiconSet::from_defs(vec![def]).unwrap()
}

/// Each `(text, polarity, cue)` is what `set` makes of the one mention
/// in the text.
fn assert_cases(set: &LexiconSet, cases: &[(&str, Polarity, &str)]) {
    for &(text, expected, cue) in cases {
        assert_eq!(
            only_mention(set, text),
            (expected, cue.to_string()),
            "{text}"
        );
    }
}

/// The polarity and cue of the one mention `set` finds in `text`.
fn only_mention(set: &LexiconSet, text: &str) -> (Polarity, String) {
    let sentences: Vec<Sentence> = crate::text::sentences(text);
    let mentions = tag(set, text, &sentences, Genre::Article).mentions;
    assert_eq!(mentions.len(), 1, "{text}");
    (
        mentions[0].polarity,
        mentions[0].cue.clone().unwrap_or_default(),
    )
}

#[test]
fn a_negator_binds_to_the_first_cue_after_it() {
    let lexicon = r#"
id = "caseloads"
terms = ["caseloads"]
concern = ["high"]
strength = ["reduce", "consistently"]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // "failing to" negates "reduce", not the "high" beyond it.
        (
            "The council is failing to reduce high caseloads.",
            Polarity::Concern,
            "high",
        ),
        (
            "The council is failing to reduce caseloads.",
            Polarity::Concern,
            "failing to reduce",
        ),
        (
            "Social workers do not have high caseloads.",
            Polarity::Strength,
            "not high",
        ),
        // A cue of the same polarity between is read with the nearer one.
        (
            "The council does not consistently reduce caseloads.",
            Polarity::Concern,
            "not reduce",
        ),
    ];
    assert_cases(&set, &cases);
}

#[test]
fn a_fall_flips_a_cue_as_not_does_but_no_negator_reaches_past_its_clause() {
    let lexicon = r#"
id = "permanence"
terms = ["placement moves", "stability", "placements"]
concern = ["delay", "reliance"]
strength = ["secure", "stable"]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // The built-in negators hold the fall words.
        (
            "Children have placements with less delay.",
            Polarity::Strength,
            "less delay",
        ),
        (
            "Routes other than adoption give less secure placements.",
            Polarity::Concern,
            "less secure",
        ),
        (
            "Leaders reduced the reliance on agency placements.",
            Polarity::Strength,
            "reduced the reliance",
        ),
        // A comma ends the negator's clause: the stability is stable.
        (
            "Use of agency staff has not grown, and stable teams give stability.",
            Polarity::Strength,
            "stable",
        ),
        // Without one it still negates.
        (
            "Teams are not stable and stability suffers.",
            Polarity::Concern,
            "not stable",
        ),
        // Nor does a comma that lists cues of one polarity.
        (
            "Leaders have not given secure, stable placements.",
            Polarity::Concern,
            "not stable",
        ),
    ];
    assert_cases(&set, &cases);
}

#[test]
fn a_cue_inside_a_term_with_its_own_polarity_reads_as_the_term() {
    let lexicon = r#"
id = "caseloads"
terms = [
  "social work capacity",
  { term = "increase* social work capacity", polarity = "strength" },
  { term = "high caseloads", polarity = "concern" },
]
concern = ["increase*", "high", "insufficient"]
strength = ["reduced"]
"#;
    let set = one_theme(lexicon);
    let polarity = |text: &str| only_mention(&set, text).0;
    // The term's "increase" is one of its own words: the term decides.
    assert_eq!(
        polarity("Leaders have increased social work capacity."),
        Polarity::Strength
    );
    // A term without a polarity of its own still reads the cue in it.
    assert_eq!(
        polarity("There is insufficient social work capacity."),
        Polarity::Concern
    );
    // A cue inside that agrees with the term is nearest, as before.
    assert_eq!(
        polarity("Despite high caseloads, plans are reduced."),
        Polarity::Concern
    );
}

#[test]
fn a_cue_in_a_condition_judges_nothing() {
    let lexicon = r#"
id = "permanence"
terms = ["pre-proceedings", "later-life letters", "adoption"]
concern = ["not reduce", "not always", "not possible"]
strength = ["appropriately", "well", "hinder"]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // The condition says when; the main clause says how well.
        (
            "Cases appropriately enter pre-proceedings when risks do not reduce.",
            Polarity::Strength,
            "appropriately",
        ),
        (
            "When it is not possible to return home, adoption is pursued well.",
            Polarity::Strength,
            "well",
        ),
        // Two verbs: the condition's clause has ended before the cue.
        (
            "Later-life letters for when they are older are not always written.",
            Polarity::Concern,
            "not always",
        ),
        // "and" ends the condition: the cue after it is the main clause's.
        (
            "Panels meet when needed and adoption is not always timely.",
            Polarity::Concern,
            "not always",
        ),
        // A placement order is no purpose's "in order".
        (
            "When a placement order is not possible, adoption is pursued well.",
            Polarity::Strength,
            "well",
        ),
    ];
    assert_cases(&set, &cases);
    // A term that states its own polarity states nothing in a condition.
    let own = one_theme(
        r#"
id = "permanence"
terms = [{ term = "settled ** placement*", polarity = "strength" }]
"#,
    );
    assert_eq!(
        only_mention(
            &own,
            "When children are not settled in their placements, plans change."
        )
        .0,
        Polarity::Neutral
    );
    // A negator in a purpose ("in order not to") is no condition's.
    assert_eq!(
        only_mention(
            &set,
            "Adoption panels sit when required in order not to hinder cases."
        ),
        (Polarity::Concern, "not hinder".to_string())
    );
}

#[test]
fn a_negator_in_a_gap_of_a_term_with_its_own_polarity_flips_it() {
    let lexicon = r#"
id = "voice"
terms = [
  { term = "young people ** involved in ** develop*", polarity = "strength" },
  { term = "not ** heard", polarity = "concern" },
]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // Asserted as the term says.
        (
            "Young people are fully involved in developing their plans.",
            Polarity::Strength,
            "young people ** involved in ** develop*",
        ),
        // Denied by a negator in the term's first gap.
        (
            "Young people are not routinely involved in developing services.",
            Polarity::Concern,
            "not young people ** involved in ** develop*",
        ),
        // A negator that is one of the term's own words is the term's.
        (
            "Children are not always heard.",
            Polarity::Concern,
            "not ** heard",
        ),
        // A quantity in a gap says how much, not no.
        (
            "Young people are fewer involved in developing plans.",
            Polarity::Strength,
            "young people ** involved in ** develop*",
        ),
    ];
    assert_cases(&set, &cases);
    // Nor is an own word after the gap flipped back ("not" in the middle).
    let middle = one_theme(
        r#"
id = "voice"
terms = [{ term = "young people ** not involved in ** develop*", polarity = "concern" }]
"#,
    );
    assert_eq!(
        only_mention(
            &middle,
            "Young people are often not involved in developing plans."
        ),
        (
            Polarity::Concern,
            "young people ** not involved in ** develop*".to_string()
        )
    );
}

#[test]
fn a_fall_after_a_concern_makes_it_a_strength_and_after_its_own_strength_a_concern() {
    let lexicon = r#"
id = "permanence"
terms = ["disruption rate*", "placement moves", "placement stability", "use of agency"]
concern = ["disruption", "moves", "too many"]
strength = ["stability", "well staffed"]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // The term's own concern word, then the fall.
        (
            "Disruption rates are low.",
            Polarity::Strength,
            "disruption … are low",
        ),
        (
            "Disruption rates in Rotherham are very low.",
            Polarity::Strength,
            "disruption … are very low",
        ),
        (
            "Placement moves have reduced since the last inspection.",
            Polarity::Strength,
            "moves … have reduced",
        ),
        // Its own strength fallen is a concern.
        (
            "Placement stability has declined.",
            Polarity::Concern,
            "stability … has declined",
        ),
        // A strength from a cue elsewhere already judges the fall.
        (
            "Teams are well staffed and the use of agency staff is very low.",
            Polarity::Strength,
            "well staffed",
        ),
        // Not past another clause, a comma, or with an object after it.
        (
            "Disruption rates are high and adoptions are low.",
            Polarity::Concern,
            "disruption",
        ),
        (
            "Placement moves, which are rare, unsettle children.",
            Polarity::Concern,
            "moves",
        ),
        (
            "Too many placement moves have reduced children's trust.",
            Polarity::Concern,
            "too many",
        ),
    ];
    assert_cases(&set, &cases);
    // An empty `fall_after` list turns falls off.
    let off = one_theme(&format!("{lexicon}fall_after = []\n"));
    assert_eq!(
        only_mention(&off, "Disruption rates are low."),
        (Polarity::Concern, "disruption".to_string())
    );
}

#[test]
fn a_contrast_is_decided_by_its_main_clause() {
    let lexicon = r#"
id = "permanence"
terms = ["adoption", "caseloads", "permanence"]
concern = ["too long", "too high", "delay"]
strength = ["improving", "reduced", "well"]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // After "but" and ", although" is the sentence's point.
        (
            "Timeliness to achieve adoption is improving, but some children wait too long.",
            Polarity::Concern,
            "too long",
        ),
        (
            "The Public Law Outline is managed well, although there is delay in achieving permanence.",
            Polarity::Concern,
            "delay",
        ),
        // After the comma of an opening "Although".
        (
            "Although caseloads have reduced, they are still too high.",
            Polarity::Concern,
            "too high",
        ),
        // A main clause with no cue of the theme leaves the nearest cue.
        (
            "Adoption is improving, but leaders know this.",
            Polarity::Strength,
            "improving",
        ),
        // No contrast: the nearest cue, as ever.
        (
            "Adoption is improving and some children wait too long.",
            Polarity::Strength,
            "improving",
        ),
    ];
    assert_cases(&set, &cases);
}

#[test]
fn a_cue_that_is_a_word_of_a_plain_term_yields_to_its_predicate() {
    let lexicon = r#"
id = "worker_turnover"
terms = ["workforce stability", "high caseloads", "caseloads"]
concern = ["poor", "high", "too high", "problematic"]
strength = ["stability", "able to", "reducing"]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // The predicate says how the workforce's stability fares.
        ("Workforce stability is poor.", Polarity::Concern, "poor"),
        // With no other cue, the word of the term still decides.
        (
            "Leaders report on workforce stability.",
            Polarity::Strength,
            "stability",
        ),
        // A cue further off does not outrank the term's own adjective.
        (
            "Social workers with high caseloads felt they were able to practise effectively.",
            Polarity::Concern,
            "high",
        ),
        // A cue touching the term gives way to a contrast's main clause.
        (
            "Progress has been made in reducing caseloads, but these remain too high.",
            Polarity::Concern,
            "too high",
        ),
    ];
    assert_cases(&set, &cases);
}

#[test]
fn a_cue_that_says_its_own_negation_is_not_turned_back() {
    let lexicon = r#"
id = "permanence"
terms = ["life-story work", "permanence"]
concern = ["has not", "not always"]
strength = ["timely"]
"#;
    let set = one_theme(lexicon);
    let cases = [
        // The first "not" is another verb's; it does not undo "has not".
        (
            "Life-story work for children who do not have a plan of adoption has not been prioritised.",
            Polarity::Concern,
            "has not",
        ),
        (
            "Life-story work for children who are not being adopted is not always timely.",
            Polarity::Concern,
            "not always",
        ),
        // A cue without its own negation is still flipped.
        (
            "Life-story work is not timely.",
            Polarity::Concern,
            "not timely",
        ),
    ];
    assert_cases(&set, &cases);
}

#[test]
fn counts_words_between() {
    let t = b"caseloads that are too high";
    assert_eq!(words_between(t, 9, 23), 3);
    assert_eq!(words_between(t, 9, 10), 0);
    assert_eq!(words_between(b"children's views", 0, 16), 2);
}
