//! Paragraph building: joins, breaks and hyphens.

use foldhash::{HashSet, HashSetExt};

use super::*;
use crate::corpus::furniture::lexicon;

fn build(text: &str, from_pdf: bool) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let removed = vec![None; lines.len()];
    assemble(&lines, &removed, from_pdf, None, lexicon())
        .into_iter()
        .map(|p| p.text)
        .collect()
}

#[test]
fn hard_wrapped_sentence_is_one_line() {
    let p = build(
        "Inspectors said the introduction of a public law outline tracker had\nhelped the authority ensure care proceedings are now concluding\nbefore the 26-week deadline set down in law.\n",
        false,
    );
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("had helped") && p[0].contains("concluding before"));
}

#[test]
fn blank_lines_separate_paragraphs_in_articles() {
    let p = build(
        "First paragraph ends here\n\nsecond paragraph starts low.\n",
        false,
    );
    assert_eq!(p.len(), 2);
}

#[test]
fn hyphens_mend_by_suffix_or_by_the_document_itself() {
    let vocabulary: HashSet<String> = ["multi-agency", "wellbeing"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let l = lexicon();
    assert!(mend_hyphen("assess", "ment", &HashSet::new(), l));
    assert!(!mend_hyphen("multi", "agency", &vocabulary, l));
    assert!(mend_hyphen("well", "being", &vocabulary, l));
    assert!(!mend_hyphen("long", "term", &HashSet::new(), l));
}

#[test]
fn numbers_before_a_line_end_dash_are_not_hyphenated_words() {
    let p = build(
        "Consistency of response to 16-\nand 17-year-olds who present as homeless.\n",
        true,
    );
    assert_eq!(
        p,
        ["Consistency of response to 16- and 17-year-olds who present as homeless."]
    );
}

#[test]
fn collapse_copies_one_spaced_lines_and_mends_the_rest() {
    let by_words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    for text in [
        "",
        " ",
        "one",
        "one two three",
        " lead",
        "trail ",
        "two  spaces",
        "tab\there",
        "vertical\u{b}tab",
        "form\u{c}feed and\r\nbreak",
        "no\u{a0}break space",
        "naïve café",
        "em\u{2003}space",
    ] {
        assert_eq!(super::collapse(text), by_words(text), "{text:?}");
    }
    assert!(super::one_spaced_ascii(b"one two"));
    assert!(!super::one_spaced_ascii(b"one  two"));
}
