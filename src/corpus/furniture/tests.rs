//! Furniture rules on lines shaped like real scraped pages.

use super::*;

fn marked(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut removed = vec![None; lines.len()];
    mark(&lines, &mut removed, 0, false, lexicon());
    lines
        .iter()
        .zip(removed)
        .filter_map(|(l, r)| r.map(|r| (l.trim().to_string(), r)))
        .collect()
}

/// The furniture lines of a [`marked`] result, without their reasons.
fn lines_of(marked: &[(String, String)]) -> Vec<&str> {
    marked.iter().map(|(l, _)| l.as_str()).collect()
}

#[test]
fn the_lexicon_file_parses_into_every_section() {
    let l = lexicon();
    assert!(l.end.iter().any(|p| p == "blog comments powered by disqus"));
    assert!(l.boxes.iter().any(|p| p == "most read"));
    assert!(l.line.contains("subscribe"));
    assert!(l.label.contains("news"));
    assert!(l.suffix.contains("ment"));
    assert!(l.organisation.contains("council"));
}

#[test]
fn comment_widget_ends_the_article() {
    let m = marked("Ofsted praised the council.\n\nThe letter adds more.\n\nblog comments powered by Disqus\nAnything after\n");
    assert_eq!(m.len(), 2);
    assert!(m[0].1.contains("disqus"));
    assert_eq!(m[1].0, "Anything after");
}

#[test]
fn advert_slots_between_paragraphs_are_furniture() {
    // How National World's local papers print an advert slot.
    let m = marked("Adoption waits fell.\n\nHide Ad\n\nAdvertisement Hide Ad\n\nThe council was pleased.\n\nWatch more of our videos on Shots!\n\nVisit Shots! now\n\nThe wait is now 188 days.\n");
    let lines = lines_of(&m);
    assert_eq!(
        lines,
        [
            "Hide Ad",
            "Advertisement Hide Ad",
            "Watch more of our videos on Shots!",
            "Visit Shots! now"
        ]
    );
}

#[test]
fn a_link_box_dropped_mid_story_is_furniture_and_the_story_goes_on() {
    // An EDP story with its "Most Read" box and links inside the article.
    let text = "Norfolk children's services are improving, inspectors said.\n\nMost Read\n\nMan charged after crash on A47\n\nNew cafe opens in Dereham\n\nThe inspectors welcomed how a reliance on agency workers had been addressed by the council.\n\nMr Dunkley said he was pleased.\n";
    let m = marked(text);
    let lines = lines_of(&m);
    assert_eq!(
        lines,
        [
            "Most Read",
            "Man charged after crash on A47",
            "New cafe opens in Dereham"
        ]
    );
    assert!(m[0].1.contains("link box"), "{m:?}");
}

#[test]
fn a_link_box_with_no_story_after_it_ends_the_article() {
    // Headlines, job adverts or nothing after the box: the article is over.
    for tail in [
        "Related articles\n\nExpert guide to the Baby P case\n\nComments are closed.\n",
        "More like this\n\nHertfordshire Youth Workers\n\nWe are looking for an experienced youth worker to join our friendly team in Hertford.\n\nAdministration Apprentice\n",
        "Most Read\n",
    ] {
        let text = format!("Ofsted praised the council's adoption work this year.\n\n{tail}");
        let m = marked(&text);
        assert_eq!(m.len(), tail.lines().filter(|l| !l.is_empty()).count(), "{m:?}");
        assert!(m[0].1.contains("end-of-article"), "{m:?}");
    }
}

#[test]
fn an_end_marker_needs_a_whole_word() {
    // "Most readers" is not the "Most read" box.
    let m = marked("Ofsted praised the council.\n\nMost readers agreed with the findings.\n");
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn captions_repeats_and_addresses_are_furniture_but_sentences_stay() {
    let text = "Ofsted praised Slough.\n\
Slough Council said it had improved. Picture: Slough Council\n\
Slough Council said it had improved. Picture: Slough Council\n\
Inspectors found caseloads were too high in the assessment team.\n\
D1, Parkside, Knowledge Gateway, Nesfield Road, Colchester, Essex CO4 3ZL\n\
Tel: 01206 878178\n";
    let m = marked(text);
    let reasons: Vec<&str> = m.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "picture caption",
            "repeated line",
            "postal address",
            "contact details"
        ]
    );
}

#[test]
fn a_picture_label_alone_is_a_caption_but_a_sentence_about_pictures_stays() {
    let text = "Large caseloads are a problem.\n\nCaseloads illustration\n\nStock photo\n\nThe council shared a picture.\n\nInspectors saw a mixed picture of adoption practice in the borough\n";
    let m = marked(text);
    let lines = lines_of(&m);
    assert_eq!(lines, ["Caseloads illustration", "Stock photo"]);
}

#[test]
fn subscription_blurb_at_the_end_goes_as_a_block() {
    let text = "The trust said it would step up the pace of change.\n\nCYP Now Digital membership\n\n  • Latest digital issues\n  • Themed supplements\n\nFrom £15 / month\n\nSubscribe\n";
    let m = marked(text);
    let lines = lines_of(&m);
    assert_eq!(
        lines,
        [
            "CYP Now Digital membership",
            "• Latest digital issues",
            "• Themed supplements",
            "From £15 / month",
            "Subscribe"
        ]
    );
}

#[test]
fn a_last_paragraph_without_a_full_stop_is_not_a_block_on_its_own() {
    // No furniture in the tail: nothing is removed.
    let m = marked("Ofsted praised the council.\n\nThe inspection found strengths in early help\n");
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn bullets_and_keys() {
    assert_eq!(strip_bullet("  • Free access"), Some("Free access"));
    assert_eq!(
        strip_bullet("◼ Timeliness of strategy meetings."),
        Some("Timeliness of strategy meetings.")
    );
    assert_eq!(strip_bullet("\u{f0b7} Item"), Some("Item"));
    assert_eq!(strip_bullet("-5% change"), None);
    assert_eq!(
        key("  “Opportunities”  in   Teams "),
        "\"opportunities\" in teams"
    );
    assert!(ends_sentence("the letter states.\""));
    assert!(!ends_sentence("Ofsted highlighted:"));
}

#[test]
fn sentences_with_furniture_words_stay() {
    let m = marked("Ofsted praised the council.\n\nReferrals rose to 3,000 per month last year.\n\nA salary of £40,000 per annum was offered to new staff.\n");
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn pdf_fragments_are_judged_only_by_markers_and_whole_lines() {
    let text = "25. The number of domestic abuse referrals per month is high, at over 3,000, with\nmost screened within a day.\n";
    let lines: Vec<&str> = text.lines().collect();
    let mut removed = vec![None; lines.len()];
    mark(&lines, &mut removed, 0, true, lexicon());
    assert!(removed.iter().all(Option::is_none), "{removed:?}");
}

#[test]
fn standalone_pdf_lines_are_still_judged() {
    let text = " \n© Crown copyright 2013 \n \nWebsite: www.ofsted.gov.uk \nThis document may be reproduced in whole or in part for non-commercial purposes, provided \nthat the information quoted is reproduced without adaptation.\n";
    let lines: Vec<&str> = text.lines().collect();
    let mut removed = vec![None; lines.len()];
    mark(&lines, &mut removed, 0, true, lexicon());
    assert!(removed[1].is_some() && removed[3].is_some(), "{removed:?}");
    assert!(removed[4].is_none() && removed[5].is_none());
}
