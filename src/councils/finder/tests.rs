//! Finder rules on sentences written for the purpose, traps included.

use chrono::NaiveDate;

use super::super::Gazetteer;
use super::Verdict;

fn gazetteer() -> Gazetteer {
    Gazetteer::embedded().expect("embedded gazetteer parses")
}

/// Short names of the councils kept in `text`, in order.
fn found(text: &str) -> Vec<String> {
    let g = gazetteer();
    g.find(text, None)
        .iter()
        .map(|m| g.council(m.council).short_name.clone())
        .collect()
}

fn found_on(text: &str, date: &str) -> Vec<String> {
    let g = gazetteer();
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    g.find(text, Some(date))
        .iter()
        .map(|m| g.council(m.council).gss_code.clone())
        .collect()
}

#[test]
fn longest_match_wins() {
    assert_eq!(
        found("Services in North Yorkshire improved."),
        ["North Yorkshire"]
    );
    assert_eq!(
        found("Bath and North East Somerset Council was praised."),
        ["Bath and North East Somerset"]
    );
    assert_eq!(
        found("North Somerset and Somerset both improved."),
        ["North Somerset", "Somerset"]
    );
    assert_eq!(
        found("Herefordshire Council was praised."),
        ["Herefordshire"]
    );
    assert_eq!(
        found("Hertfordshire County Council was praised."),
        ["Hertfordshire"]
    );
}

#[test]
fn names_match_whole_words_only() {
    assert!(found("Yorkshire and the Humber region").is_empty());
    assert!(found("The Kentish coast").is_empty());
}

#[test]
fn council_words_and_forms_are_found() {
    assert_eq!(
        found("Tameside Metropolitan Borough Council said"),
        ["Tameside"]
    );
    assert_eq!(
        found("Tameside metropolitan borough: inspection"),
        ["Tameside"]
    );
    assert_eq!(found("Manchester City Council said"), ["Manchester"]);
    assert_eq!(found("the London Borough of Southwark said"), ["Southwark"]);
    assert_eq!(found("KCC said it would appeal."), ["Kent"]);
    assert_eq!(found("a report on RBKC"), ["Kensington and Chelsea"]);
    assert_eq!(found("services in County Durham"), ["Durham"]);
}

#[test]
fn trusts_name_the_councils_they_serve() {
    assert_eq!(
        found("Slough Children\u{2019}s Services Trust had improved"),
        ["Slough"]
    );
    assert_eq!(found("Doncaster Children's Services Trust"), ["Doncaster"]);
    assert_eq!(
        found("Together for Children runs the service"),
        ["Sunderland"]
    );
    let mut afc = found("Achieving for Children was praised");
    afc.sort();
    assert_eq!(
        afc,
        [
            "Kingston upon Thames",
            "Richmond upon Thames",
            "Windsor and Maidenhead"
        ]
    );
}

#[test]
fn ambiguous_name_needs_a_council_word_or_place() {
    assert_eq!(found("Reading Borough Council was praised."), ["Reading"]);
    assert_eq!(found("Officials at Sutton Council agreed."), ["Sutton"]);
    assert_eq!(found("Children in Bury wait too long."), ["Bury"]);
    assert_eq!(
        found("Inspectors praised Derby's children's services."),
        ["Derby"]
    );
    assert!(found("They bury the report.").is_empty());
    assert!(found("Inspectors said Kent was slow.").is_empty());
}

#[test]
fn ambiguous_name_confirmed_elsewhere_in_the_document() {
    let text = "Reading Borough Council was inspected. Inspectors said Reading was improving.";
    assert_eq!(found(text), ["Reading", "Reading"]);
}

#[test]
fn listed_with_councils_is_evidence() {
    assert_eq!(
        found("three councils - Kent, North Tyneside and Southwark - were rated good"),
        ["Kent", "North Tyneside", "Southwark"]
    );
}

#[test]
fn person_names_and_furniture_are_not_councils() {
    assert!(found("said Carole Sutton, the director.").is_empty());
    assert!(found("the director Paul Marshall said").is_empty());
    assert!(found("Register Now to Continue Reading").is_empty());
    assert!(found("according to Mr Bolton.").is_empty());
    // Even when the council is named elsewhere, a person stays a person.
    assert_eq!(
        found("Sutton Council said. Carole Sutton agreed."),
        ["Sutton"]
    );
}

#[test]
fn sentence_start_word_is_not_a_council_without_evidence() {
    assert!(found("Reading the letter, inspectors found drift.").is_empty());
    let g = gazetteer();
    let candidates = g.candidates("Reading the letter, inspectors found drift.", None);
    assert!(matches!(&candidates[0].verdict, Verdict::Rejected(r) if r.contains("sentence start")));
}

#[test]
fn non_authorities_are_never_councils() {
    assert!(found("Colchester, Essex CO4 3ZL").is_empty());
    assert!(found("SE1 7JY, London (Greater)").is_empty());
    assert!(found("across Greater Manchester and Wales").is_empty());
    assert!(found("East Dorset District Council").is_empty());
    assert!(found("in Bury St Edmunds").is_empty());
}

#[test]
fn lower_case_words_are_not_councils() {
    assert!(found("after reading the report").is_empty());
    assert!(found("a hull and a kent").is_empty());
}

#[test]
fn date_picks_old_or_new_council() {
    assert_eq!(
        found_on("North Yorkshire County Council", "2015-01-01"),
        ["E10000023"]
    );
    assert_eq!(found_on("in North Yorkshire", "2015-01-01"), ["E10000023"]);
    assert_eq!(found_on("in North Yorkshire", "2024-01-01"), ["E06000065"]);
    assert_eq!(found_on("Dorset Council", "2020-06-01"), ["E06000059"]);
    assert_eq!(
        found_on("Services in Somerset", "2012-06-01"),
        ["E10000027"]
    );
    // Abolished councils are still found after they ended.
    assert_eq!(
        found_on("Northamptonshire County Council", "2022-01-01"),
        ["E10000021"]
    );
    let g = gazetteer();
    let undated = g.find("in Somerset", None);
    assert_eq!(g.council(undated[0].council).gss_code, "E06000066");
    assert!(undated[0]
        .date_note
        .as_deref()
        .is_some_and(|n| n.starts_with("undated")));
}

#[test]
fn spans_point_into_the_original_text() {
    let text = "Children\u{2019}s services in   Tameside Council improved";
    let g = gazetteer();
    let m = &g.find(text, None)[0];
    assert_eq!(&text[m.start..m.end], "Tameside Council");
    assert_eq!(m.alias, "Tameside Council");
}

#[test]
fn names_broken_over_a_line_are_found() {
    assert_eq!(
        found("Inspection of Bath and North East \nSomerset local authority"),
        ["Bath and North East Somerset"]
    );
}

#[test]
fn more_ordinary_names_follow_the_same_rules() {
    assert_eq!(
        found("Halton Borough Council and Dudley Council replied."),
        ["Halton", "Dudley"]
    );
    assert!(found("a goal for Wigan Athletic").is_empty());
    assert!(found("tickets for Derby County").is_empty());
    assert_eq!(found("Children in Wigan wait less."), ["Wigan"]);
    assert!(found("Dudley said he agreed.").is_empty());
}

#[test]
fn a_gazetteer_parsed_for_names_finds_what_a_full_one_does() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/003_d66af9f8845dbcfe.txt"
    ))
    .expect("sample article");
    let lazy = Gazetteer::embedded_names().expect("embedded gazetteer parses");
    assert_eq!(lazy.hash(), gazetteer().hash());
    let names = |g: &Gazetteer| -> Vec<String> {
        g.find(&text, None)
            .iter()
            .map(|m| g.council(m.council).short_name.clone())
            .collect()
    };
    let found = names(&lazy);
    assert!(found.contains(&"Southwark".to_string()), "{found:?}");
    assert_eq!(found, names(&gazetteer()));
}

#[test]
fn a_name_listed_in_two_cases_is_found_in_either() {
    // The gazetteer lists "Together for Adoption" and "Together for
    // adoption"; a capital the text lacks rejects only the first spelling.
    let members = [
        "Halton",
        "Warrington",
        "Cheshire West and Chester",
        "Wigan",
        "St Helens",
    ];
    for text in [
        "Together for Adoption opened a new base.",
        "Together for adoption opened a new base.",
    ] {
        let mut got = found(text);
        got.sort();
        let mut want: Vec<String> = members.iter().map(|m| (*m).to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
    // One spelling only: the capitals still have to be there.
    assert!(found("Adoption counts for a lot.").is_empty());
}
