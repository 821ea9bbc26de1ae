//! A file's bytes through everything motif does to one document.
//!
//! The input is a file's contents: `encoding::decode` (BOMs, UTF-16,
//! damaged UTF-8, Windows-1252, binary and empty files), then
//! `document_from_text` (report or article head, furniture, PDF page
//! furniture and contents, paragraphs and hyphen mending), as
//! `corpus::read_document` does; then the `Analyser` with the embedded
//! gazetteer and lexicons (sentences, council attribution, theme tagging)
//! and `judgements::extract` on the decoded text.
//!
//! Invariants: decoded text has no NUL or CR and is not blank; removed
//! lines and paragraph starts are real line numbers; the body is one
//! paragraph a line, separated by blank lines; dates lie in
//! 1900..=2100 and an inspection period does not run backwards; sentences,
//! attributions and mentions satisfy the checks in `motif_fuzz`; at most
//! one judgement per area.

#![no_main]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use motif::corpus::{document_from_text, encoding};
use motif::councils::Gazetteer;
use motif::pipeline::Analyser;
use motif::themes::LexiconSet;
use motif_fuzz::{check_attributions, check_date, check_sentences, check_tagged};

fn analyser() -> &'static Analyser {
    static ANALYSER: OnceLock<Analyser> = OnceLock::new();
    ANALYSER.get_or_init(|| Analyser {
        gazetteer: Gazetteer::embedded().expect("embedded gazetteer"),
        lexicons: LexiconSet::embedded().expect("embedded lexicons"),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = encoding::decode(data) else {
        return;
    };
    let text = &decoded.text;
    assert!(!text.contains('\0'), "decoded text has a NUL");
    assert!(!text.contains('\r'), "decoded text keeps a CR");
    assert!(!text.trim().is_empty(), "decoded text is blank");
    if decoded.encoding == "windows-1252" {
        assert_eq!(decoded.replaced, 0, "Windows-1252 decodes every byte");
    }

    let outcome = document_from_text("fuzz.txt", text, decoded.encoding, None, Vec::new());
    let doc = &outcome.document;
    let lines = text.split('\n').count();
    for removed in &doc.removed {
        assert!(
            (1..=lines).contains(&removed.line),
            "removed line {} of {lines}",
            removed.line
        );
    }
    let mut previous = 0;
    for &line in &outcome.paragraph_lines {
        assert!(
            (1..=lines).contains(&line),
            "paragraph at line {line} of {lines}"
        );
        assert!(line > previous, "paragraphs out of line order");
        previous = line;
    }
    // The body contract: one paragraph a line, separated by blank lines.
    let body = &doc.body;
    let paragraphs: Vec<&str> = if body.is_empty() {
        Vec::new()
    } else {
        body.split("\n\n").collect()
    };
    assert_eq!(
        paragraphs.len(),
        outcome.paragraph_lines.len(),
        "one paragraph per start line"
    );
    for p in &paragraphs {
        assert!(!p.trim().is_empty(), "blank paragraph in {body:?}");
        assert!(!p.contains('\n'), "paragraph {p:?} spans lines");
    }
    for (date, what) in [
        (doc.published, "published"),
        (doc.inspected_from, "inspected_from"),
        (doc.inspected_to, "inspected_to"),
    ] {
        if let Some(date) = date {
            check_date(date, what);
        }
    }
    if let (Some(from), Some(to)) = (doc.inspected_from, doc.inspected_to) {
        assert!(
            from <= to,
            "inspection period runs backwards: {from} to {to}"
        );
    }
    assert_eq!(doc.id, motif::corpus::doc_id(text), "id is the text's hash");

    let analyser = analyser();
    let analysis = analyser.analyse(outcome.document);
    let body = &analysis.document.body;
    check_sentences(body, &analysis.sentences);
    check_attributions(
        &analyser.gazetteer,
        &analysis.sentences,
        &analysis.attributions,
    );
    check_tagged(
        body,
        &analysis.sentences,
        &analysis.tagged,
        &analyser.lexicons,
    );

    let judgements = motif::judgements::extract(text);
    let areas: BTreeSet<&str> = judgements.iter().map(|j| j.area.as_str()).collect();
    assert_eq!(
        areas.len(),
        judgements.len(),
        "one judgement per area: {judgements:?}"
    );
    let _ = motif::judgements::overall(&judgements);
});
