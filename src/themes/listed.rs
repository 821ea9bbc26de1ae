//! Items of a "What needs to improve" list: concerns by where they stand.
//!
//! Inspection reports set out what a council must improve as a list under a
//! heading, one short item a line ("Manageable caseloads for social
//! workers."). The words of an item often read as a strength; its place in
//! the list says it is a concern. Takes a body and its sentences and gives,
//! per sentence, whether it is such an item. The headings are data
//! (`lexicons/improvement_headings.txt`), embedded like the other lists;
//! a change to them changes analyses, so it goes with a bump of
//! [`crate::pipeline::ANALYSIS_REVISION`].

use std::sync::LazyLock;

use crate::text::Sentence;

const DEFAULT_HEADINGS: &str = include_str!("../../lexicons/improvement_headings.txt");

/// The headings, from the embedded file.
static HEADINGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    super::lexicon::word_list(DEFAULT_HEADINGS)
        .into_iter()
        .map(|entry| entry.text)
        .collect()
});

/// The most words a heading line has.
const HEADING_WORDS: u32 = 10;

/// The most items one list runs to: a list that seems longer has run on
/// into the report's prose.
const MAX_ITEMS: usize = 15;

/// The cue a listed item's mentions give as the reason for their polarity.
pub const CUE: &str = "(listed under \"what needs to improve\")";

/// Per sentence of `body`, whether it is an item of an improvement list.
pub fn items(body: &str, sentences: &[Sentence]) -> Vec<bool> {
    let mut out = vec![false; sentences.len()];
    let mut i = 0;
    while i < sentences.len() {
        if !is_heading(body, &sentences[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < sentences.len() && j - i <= MAX_ITEMS && is_item(body, &sentences[j]) {
            out[j] = true;
            j += 1;
        }
        i = j;
    }
    out
}

fn is_heading(body: &str, sentence: &Sentence) -> bool {
    if sentence.words > HEADING_WORDS || !starts_line(body, sentence) {
        return false;
    }
    // Compared in place, without lower-casing: this runs on every short
    // line of every document.
    let text = sentence.text(body);
    HEADINGS.iter().any(|h| {
        text.get(..h.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(h))
            && !text[h.len()..].starts_with(char::is_alphanumeric)
    })
}

/// A line of one sentence ending in a full stop or semicolon, that states
/// no grade (the judgement heading that follows an ILACS list does).
fn is_item(body: &str, sentence: &Sentence) -> bool {
    let text = sentence.text(body).trim_end();
    starts_line(body, sentence)
        && ends_line(body, sentence)
        && text.ends_with(['.', ';'])
        && !states_grade(text)
}

fn starts_line(body: &str, sentence: &Sentence) -> bool {
    let before = body[..sentence.start].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

fn ends_line(body: &str, sentence: &Sentence) -> bool {
    let after = body[sentence.end..].trim_start_matches([' ', '\t']);
    after.is_empty() || after.starts_with(['\n', '\r'])
}

/// Whether `text` ends by stating a grade: "... requires improvement to be
/// good.", "... is inadequate."
fn states_grade(text: &str) -> bool {
    let text = text.trim_end_matches(['.', ';']).to_lowercase();
    ["good", "outstanding", "inadequate", "requires improvement"]
        .iter()
        .any(|g| text.ends_with(g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences;

    fn listed(body: &str) -> Vec<String> {
        let split = sentences(body);
        items(body, &split)
            .into_iter()
            .zip(&split)
            .filter(|(listed, _)| *listed)
            .map(|(_, s)| s.text(body).to_string())
            .collect()
    }

    #[test]
    fn the_lines_under_the_heading_are_items_until_the_judgement() {
        let body = "Leaders know their services well. Caseloads are manageable.\n\n\
                    What needs to improve?\n\n\
                    Manageable caseloads for social workers.\n\n\
                    The recruitment and retention of social workers, to stabilise the workforce.\n\n\
                    The experiences and progress of children who need help and protection: requires improvement to be good.\n\n\
                    Caseloads are manageable for most social workers.\n";
        assert_eq!(
            listed(body),
            [
                "Manageable caseloads for social workers.",
                "The recruitment and retention of social workers, to stabilise the workforce.",
            ]
        );
    }

    #[test]
    fn a_listed_item_is_tagged_a_concern_whatever_its_words() {
        let lexicons = crate::themes::LexiconSet::embedded().expect("embedded lexicons");
        let body = "What needs to improve?\n\nManageable caseloads for social workers.\n\n\
                    The experiences and progress of children in care: good.\n\n\
                    Social workers have manageable caseloads.\n";
        let split = sentences(body);
        let tagged = crate::themes::tag(&lexicons, body, &split, crate::themes::Genre::Article);
        let caseloads: Vec<_> = tagged
            .mentions
            .iter()
            .map(|m| (split[m.sentence].text(body), m.polarity, m.cue.clone()))
            .collect();
        assert_eq!(
            caseloads,
            [
                (
                    "Manageable caseloads for social workers.",
                    crate::themes::Polarity::Concern,
                    Some(CUE.to_string())
                ),
                (
                    "Social workers have manageable caseloads.",
                    crate::themes::Polarity::Strength,
                    Some("manageable".to_string())
                ),
            ]
        );
    }

    #[test]
    fn prose_that_names_the_heading_is_no_list() {
        let body = "What needs to improve most, inspectors said, is how quickly children are adopted and how \
                    long they wait.\nManageable caseloads for social workers.\n";
        assert!(listed(body).is_empty());
        // A paragraph of several sentences ends the list.
        let body = "Areas for improvement\nEnsure that caseloads are manageable.\n\
                    Children wait too long. Plans drift.\n";
        assert_eq!(listed(body), ["Ensure that caseloads are manageable."]);
    }
}
