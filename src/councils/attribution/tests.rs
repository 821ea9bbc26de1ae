//! Attribution rules on short documents written for the purpose.

use chrono::NaiveDate;

use super::super::{Gazetteer, Rule};
use super::{attribute, document_councils};
use crate::corpus::Document;
use crate::text;

fn document(title: &str, body: &str, published: Option<&str>) -> Document {
    Document {
        id: "test".to_string(),
        path: "test.txt".to_string(),
        title: title.to_string(),
        byline: None,
        published: published.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        inspected_from: None,
        inspected_to: None,
        report_heading: false,
        source: None,
        url: None,
        encoding: "UTF-8".to_string(),
        body: body.to_string(),
        removed: Vec::new(),
        duplicate_of: None,
    }
}

/// Each sentence's councils (short names joined by `+`) and rule.
fn run(title: &str, body: &str) -> Vec<(String, Rule)> {
    attributed(&document(title, body, Some("2018-05-14")))
}

/// `run` for an inspection report: its head gives the inspection dates.
fn run_report(title: &str, body: &str) -> Vec<(String, Rule)> {
    let mut doc = document(title, body, Some("2019-05-14"));
    doc.inspected_from = NaiveDate::from_ymd_opt(2019, 4, 1);
    attributed(&doc)
}

fn attributed(doc: &Document) -> Vec<(String, Rule)> {
    let g = Gazetteer::embedded().expect("embedded gazetteer parses");
    let sentences = text::sentences(&doc.body);
    attribute(&g, doc, &sentences)
        .into_iter()
        .map(|a| {
            let names: Vec<String> = a
                .councils
                .iter()
                .map(|id| g.council(*id).short_name.clone())
                .collect();
            (names.join("+"), a.rule)
        })
        .collect()
}

fn pair(names: &str, rule: Rule) -> (String, Rule) {
    (names.to_string(), rule)
}

#[test]
fn named_then_focus_then_focus_moves() {
    let body = "Inspectors visited Tameside Council.\n\nCaseloads were too high.\n\n\
                In Worcestershire, leaders understand their services.\n\n\
                Not all children receive support.";
    assert_eq!(
        run("Inspectors praise progress", body),
        [
            pair("Tameside", Rule::Named),
            pair("Tameside", Rule::Focus),
            pair("Worcestershire", Rule::Named),
            pair("Worcestershire", Rule::Focus),
        ]
    );
}

#[test]
fn a_council_named_in_an_aside_takes_neither_the_sentence_nor_the_focus() {
    let body = "Ofsted has raised concerns about caseloads in Windsor and Maidenhead.\n\n\
                Windsor and Maidenhead children's services was taken over by a mutual - which also runs children's services in Sutton and Croydon - in August.\n\n\
                Some caseloads are too high.\n\n\
                Its director, now interim director at Bromley, left in May.";
    assert_eq!(
        run("Ofsted raises caseload concerns", body),
        [
            pair("Windsor and Maidenhead", Rule::Named),
            pair("Windsor and Maidenhead", Rule::Named),
            pair("Windsor and Maidenhead", Rule::Focus),
            // Named only in the aside: the sentence still names Bromley.
            pair("Bromley", Rule::Named),
        ]
    );
}

#[test]
fn a_council_named_in_an_appositive_to_the_authority_does_not_take_the_focus() {
    // The dashes say what BCP is; Dorset is where it came from, not the story.
    let body = "A critical inspection at Bournemouth, Christchurch and Poole council.\n\n\
                It followed a visit to the authority \u{2013} formed in 2019 after local government reorganisation in Dorset \u{2013} which warned of failings.\n\n\
                Multiple changes of social workers contribute to the lack of focus.";
    assert_eq!(
        run("Ofsted censures leaders", body),
        [
            pair("BCP", Rule::Named),
            // Named only in the aside: the sentence still names Dorset.
            pair("Dorset", Rule::Named),
            pair("BCP", Rule::Focus),
        ]
    );
}

#[test]
fn a_body_named_beside_an_aside_on_its_other_areas_stands_for_them() {
    // Achieving for Children is Kingston's and Richmond's; the aside says so,
    // so its name here is who runs Windsor and Maidenhead, not a council.
    let body = "Windsor and Maidenhead children's services was taken over by mutual Achieving for Children - which also runs children's services in the London boroughs of Kingston and Richmond - in August.\n\n\
                Some caseloads are too high.";
    assert_eq!(
        run("Ofsted raises caseload concerns", body),
        [
            pair("Windsor and Maidenhead", Rule::Named),
            pair("Windsor and Maidenhead", Rule::Focus),
        ]
    );
}

#[test]
fn a_partner_named_in_passing_does_not_take_the_focus() {
    // Sandwell's trust is the story; Doncaster's trust is named only as
    // the partner that helped it, so "the trust" after it is still Sandwell's.
    let body = "Sandwell Children's Trust has been praised by Ofsted.\n\n\
                Its improvement partner, Doncaster Children's Trust, completed diagnostic work.\n\n\
                The trust is still developing its audit tool.\n\n\
                Caseloads were said to be too high.";
    assert_eq!(
        run("Inspectors praise trust", body),
        [
            pair("Sandwell", Rule::Named),
            // Named only in the aside: the sentence still names Doncaster.
            pair("Doncaster", Rule::Named),
            pair("Sandwell", Rule::Focus),
            pair("Sandwell", Rule::Focus),
        ]
    );
}

#[test]
fn a_council_told_to_work_with_a_partner_keeps_the_focus() {
    // Essex is named only as the partner Somerset must work with, so the
    // caseloads that follow are still Somerset's.
    let body = "An extra £6m is being invested in Children's Services in Somerset.\n\n\
                In March, Ofsted rated the service as inadequate and the county council \
                was told to work with Essex County Council to improve its standards.\n\n\
                The council leader said the extra staff would help reduce caseloads.";
    assert_eq!(
        run("Somerset gets £6m for extra staff", body),
        [
            pair("Somerset", Rule::Named),
            pair("Essex", Rule::Named),
            pair("Somerset", Rule::Focus),
        ]
    );
}

#[test]
fn a_county_named_to_place_a_council_is_not_what_the_sentence_is_about() {
    let body = "Ofsted has rated Thurrock Council in Essex as good.\n\n\
                Caseloads were manageable.\n\n\
                Medway, in Kent, was also inspected.\n\n\
                Essex and Kent were not visited.";
    assert_eq!(
        run("Inspection round-up", body),
        [
            pair("Thurrock", Rule::Named),
            pair("Thurrock", Rule::Focus),
            pair("Medway", Rule::Named),
            pair("Essex+Kent", Rule::Named),
        ]
    );
}

#[test]
fn a_recommendation_to_work_with_councils_names_them_all() {
    // An imperative "Work with" in a council's own report is not a
    // partner aside: every council of the shared service is named.
    let body = "Warrington's adoption service requires improvement.\n\n\
                Work with the adoption service Warrington, Wigan and St Helens to speed up assessments.\n\n\
                Adoption is not achieved quickly enough.";
    assert_eq!(
        run("Warrington inspection", body),
        [
            pair("Warrington", Rule::Named),
            pair("Warrington+Wigan+St Helens", Rule::Named),
            pair("Warrington+Wigan+St Helens", Rule::Focus),
        ]
    );
}

#[test]
fn the_county_council_and_the_city_council_tell_a_county_and_its_city_apart() {
    let body = "Nottinghamshire County Council and Nottingham City Council face pressure.\n\n\
                Helen Ryan, the county council's service director, said caseloads were high.\n\n\
                The city council said 16 new social workers were being recruited.\n\n\
                Caseloads remain high.\n\n\
                Unison criticised city and county councillors alike.";
    assert_eq!(
        run("Social workers' caseload warning", body),
        [
            pair("Nottinghamshire+Nottingham", Rule::Named),
            pair("Nottinghamshire", Rule::Focus),
            pair("Nottingham", Rule::Focus),
            pair("Nottingham", Rule::Focus),
            pair("Nottingham", Rule::Focus),
        ]
    );
    // With one kind of council in the story, "the county council" is just
    // the council in focus.
    let body = "Kent County Council was praised.\n\nThe county council has fewer vacancies.";
    assert_eq!(
        run("Praise for Kent", body),
        [pair("Kent", Rule::Named), pair("Kent", Rule::Focus)]
    );
}

#[test]
fn lead_sentences_go_to_the_first_council_named() {
    let body = "A council has been praised by Ofsted.\n\nCoventry Council had been inadequate.";
    assert_eq!(
        run("Ofsted praises council", body),
        [pair("Coventry", Rule::Lead), pair("Coventry", Rule::Named)]
    );
}

#[test]
fn lead_sentences_go_to_the_title_council() {
    let body = "Progress had been slow, Ofsted said.\n\nIn Knowsley, leaders have acted.";
    assert_eq!(
        run("Ofsted notes slow progress at Tameside", body),
        [pair("Tameside", Rule::Lead), pair("Knowsley", Rule::Named)]
    );
}

#[test]
fn both_councils_go_to_each_recent_council() {
    let body = "Coventry Council improved. Knowsley Council improved too. \
                Both councils are now rated requires improvement. Inspectors were pleased.";
    assert_eq!(
        run("", body),
        [
            pair("Coventry", Rule::Named),
            pair("Knowsley", Rule::Named),
            pair("Coventry+Knowsley", Rule::Group),
            pair("Coventry+Knowsley", Rule::Focus),
        ]
    );
}

#[test]
fn group_in_the_lead_takes_the_first_councils_named() {
    let body = "Two councils have left inadequate.\n\nCoventry Council improved.\n\nKnowsley Council improved.";
    assert_eq!(run("", body)[0], pair("Coventry+Knowsley", Rule::Group));
}

#[test]
fn several_named_councils_share_a_sentence() {
    let body = "Kent County Council, North Tyneside Council and Southwark were rated good.";
    assert_eq!(
        run("", body),
        [pair("Kent+North Tyneside+Southwark", Rule::Named)]
    );
}

#[test]
fn no_council_anywhere_gives_none() {
    assert_eq!(
        run("A headline", "Caseloads were high."),
        [pair("", Rule::None)]
    );
}

/// A report-like text: the home council named often, a neighbour once.
fn report_body() -> String {
    let mut body = String::new();
    for _ in 0..3 {
        body.push_str(
            "Norfolk County Council leaders know their services. Norfolk has improved.\n\n",
        );
    }
    body.push_str(
        "Some children live in Suffolk with foster carers. Their social workers visit them.\n\n\
         Caseloads are manageable. Social workers stay.\n\n\
         Norfolk County Council must improve planning.",
    );
    body
}

#[test]
fn passing_mention_in_a_report_holds_focus_only_for_its_paragraph() {
    let out = run("Inspection of Norfolk County Council", &report_body());
    let tail: Vec<_> = out[out.len() - 5..].to_vec();
    assert_eq!(
        tail,
        [
            pair("Suffolk", Rule::Named),
            pair("Suffolk", Rule::Focus),
            pair("Norfolk", Rule::Focus),
            pair("Norfolk", Rule::Focus),
            pair("Norfolk", Rule::Named),
        ]
    );
}

#[test]
fn home_council_beside_another_keeps_focus_home_in_a_report() {
    let mut body = report_body();
    body.push_str("\n\nNorfolk and Suffolk share an adoption agency. It works well.");
    let out = run("Inspection of Norfolk County Council", &body);
    let tail: Vec<_> = out[out.len() - 2..].to_vec();
    assert_eq!(
        tail,
        [
            pair("Norfolk+Suffolk", Rule::Named),
            pair("Norfolk", Rule::Focus)
        ]
    );
}

#[test]
fn document_councils_lists_each_once_in_order() {
    let g = Gazetteer::embedded().expect("embedded gazetteer parses");
    let doc = document(
        "",
        "Coventry Council improved. Knowsley Council too. Coventry Council again.",
        None,
    );
    let ids = document_councils(&attribute(&g, &doc, &text::sentences(&doc.body)));
    let names: Vec<&str> = ids
        .iter()
        .map(|id| g.council(*id).short_name.as_str())
        .collect();
    assert_eq!(names, ["Coventry", "Knowsley"]);
}

#[test]
fn a_story_that_moves_on_for_good_changes_focus() {
    let mut body = String::new();
    for _ in 0..3 {
        body.push_str("Slough Council improved. Slough was praised.\n\n");
    }
    body.push_str(
        "Ofsted also visited Darlington Borough Council.\n\nThe workforce was more stable.",
    );
    let out = run("Concerns at a children's services trust", &body);
    assert_eq!(out.last(), Some(&pair("Darlington", Rule::Focus)));
}

#[test]
fn a_title_council_takes_focus_back_after_a_late_aside() {
    let mut body = String::new();
    for _ in 0..3 {
        body.push_str("Norfolk County Council leaders act. Norfolk has improved.\n\n");
    }
    body.push_str(
        "This follows the Southwark judgement on homeless teenagers.\n\nPlans are strong.",
    );
    let out = run("Inspection of Norfolk County Council", &body);
    assert_eq!(out.last(), Some(&pair("Norfolk", Rule::Focus)));
}

#[test]
fn a_regional_adoption_agency_in_a_report_stands_for_the_reports_council() {
    // Adoption Counts serves five councils; a report on Stockport speaks of
    // its work for Stockport, and a report on a council about to join an
    // agency it is not yet a member of still speaks of that council.
    let body =
        "The local authority is a member of Adoption Counts, the regional adoption agency.\n\n\
                Adopters are well supported.";
    assert_eq!(
        run_report("Stockport Metropolitan Borough Council", body),
        [
            pair("Stockport", Rule::Named),
            pair("Stockport", Rule::Focus),
        ]
    );
    let joining = "Adoption services will move to Adoption Counts next year.";
    assert_eq!(
        run_report("Bolton Council", joining),
        [pair("Bolton", Rule::Named)]
    );
}

/// An excerpt or letter that carries a report's heading but not its dates
/// is a report to the themes stage, not to this rule: coders of excerpts
/// gave an agency's sentence to its members (sets 94, 95 and 100).
#[test]
fn a_regional_adoption_agency_in_an_undated_excerpt_stands_for_its_members() {
    let mut doc = document(
        "Bolton Council",
        "Adoption services will move to Adoption Counts next year.",
        Some("2019-05-14"),
    );
    doc.report_heading = true;
    assert!(doc.is_inspection_report());
    let all = "Cheshire East+Manchester+Salford+Stockport+Trafford";
    assert_eq!(attributed(&doc), [pair(all, Rule::Named)]);
}

/// However much an undated text is about one member, the agency's name
/// stands for all its members: readers of excerpts gave "Calderdale is a
/// partner of One Adoption West Yorkshire" to all five (sets 105, 114, 116).
#[test]
fn a_regional_adoption_agency_in_a_text_about_one_member_stands_for_all_its_members() {
    let mut body = String::new();
    for _ in 0..4 {
        body.push_str("Stockport Council has improved. Stockport plans well.\n\n");
    }
    body.push_str("Stockport is a member of Adoption Counts.\n\nAdopters are well supported.");
    let out = run("Stockport Metropolitan Borough Council", &body);
    let all = "Stockport+Cheshire East+Manchester+Salford+Trafford";
    assert_eq!(
        out[out.len() - 2..],
        [pair(all, Rule::Named), pair("Stockport", Rule::Focus)]
    );
}

#[test]
fn a_regional_adoption_agency_in_an_article_stands_for_all_its_councils() {
    let body = "Adoption Counts has approved 85 adoptive families this year.\n\n\
                Many children are still waiting.";
    let all = "Cheshire East+Manchester+Salford+Stockport+Trafford";
    assert_eq!(
        run("Adoption agency marks second anniversary", body),
        [pair(all, Rule::Named), pair(all, Rule::Focus)]
    );
}

#[test]
fn a_shared_body_named_in_passing_leaves_the_focus_on_its_member() {
    // An excerpt of a report on St Helens (no inspection dates, so read as
    // any text) names the regional adoption agency St Helens belongs to:
    // that sentence is about the agency's councils, the next ones still
    // about St Helens.
    let body = "There is good interagency working through the regional adoption agency \
                (Together for Adoption).\n\n\
                Children mostly have up-to-date care plans.";
    let all = "Halton+Warrington+Cheshire West and Chester+Wigan+St Helens";
    assert_eq!(
        run("St Helens Metropolitan Borough Council Inspection", body),
        [pair(all, Rule::Named), pair("St Helens", Rule::Focus)]
    );
    // So it does when the text, not the title, put the member in focus.
    let body = "St Helens Council has improved.\n\n\
                It works through Together for Adoption.\n\n\
                Care plans are reviewed.";
    assert_eq!(
        run("Council news", body),
        [
            pair("St Helens", Rule::Named),
            pair(all, Rule::Named),
            pair("St Helens", Rule::Focus)
        ]
    );
    // Once the text has moved to a council outside the body, the body's
    // name moves the focus as any name does.
    let body = "Kent County Council has improved.\n\nTogether for Adoption has approved 40 families.\n\nMany children are waiting.";
    assert_eq!(
        run("Two councils", body),
        [
            pair("Kent", Rule::Named),
            pair(all, Rule::Named),
            pair(all, Rule::Focus)
        ]
    );
}
