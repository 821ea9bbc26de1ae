//! `Gazetteer::parse` on arbitrary text: the councils CSV
//! (`gss_code,name,short_name,kind,region,valid_from,valid_to,aliases`,
//! aliases `|`-separated with `~`, `^`, `!` flags).
//!
//! A row error must name a line of the file (or 0). A gazetteer that
//! parses must be internally consistent (one flag per alias, validity
//! periods that run forwards, every council found by its own code), and is
//! then used the way a run uses it: `problems`, then council names found
//! in the sample article and in the input itself (whose own aliases
//! match), and sentences of both attributed to councils. Every candidate
//! must lie in its text, on character boundaries, and read as its alias.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use motif::corpus::{document_from_text, Document};
use motif::councils::{Gazetteer, GazetteerError};
use motif_fuzz::{check_attributions, check_candidates, check_sentences};

fn sample() -> &'static Document {
    static SAMPLE: OnceLock<Document> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        document_from_text("sample.txt", motif_fuzz::SAMPLE, "UTF-8", None, Vec::new()).document
    })
}

fn exercise(gazetteer: &Gazetteer, document: &Document) {
    let found = gazetteer.candidates_in(&[&document.title, &document.body], document.published);
    assert_eq!(found.len(), 2, "one candidate list per text");
    check_candidates(gazetteer, &document.title, &found[0]);
    check_candidates(gazetteer, &document.body, &found[1]);
    let sentences = motif::text::sentences(&document.body);
    check_sentences(&document.body, &sentences);
    let attributions = motif::councils::attribute(gazetteer, document, &sentences);
    check_attributions(gazetteer, &sentences, &attributions);
}

fuzz_target!(|data: &[u8]| {
    let text = motif_fuzz::text(data);
    let gazetteer = match Gazetteer::parse(&text, "fuzz.csv") {
        Ok(gazetteer) => gazetteer,
        Err(GazetteerError::Row { line, .. }) => {
            let lines = u64::try_from(text.lines().count()).unwrap_or(u64::MAX);
            assert!(line <= lines + 1, "row error on line {line} of {lines}");
            return;
        }
        Err(_) => return,
    };
    for council in gazetteer.councils() {
        assert_eq!(
            council.aliases.len(),
            council.alias_flags.len(),
            "one flag per alias"
        );
        assert!(!council.gss_code.is_empty(), "a council without a code");
        if let (Some(from), Some(to)) = (council.valid_from, council.valid_to) {
            assert!(from <= to, "{} valid from {from} to {to}", council.gss_code);
        }
        let id = gazetteer
            .by_code(&council.gss_code)
            .unwrap_or_else(|| panic!("{} not found by its code", council.gss_code));
        assert_eq!(gazetteer.council(id).gss_code, council.gss_code);
    }
    let _ = gazetteer.problems();
    exercise(&gazetteer, sample());
    let own = document_from_text("fuzz.txt", &text, "UTF-8", None, Vec::new()).document;
    exercise(&gazetteer, &own);
    let matches = gazetteer.find(&text, None);
    for m in &matches {
        motif_fuzz::check_span(&text, m.start, m.end, "council match");
        assert!(usize::from(m.council.0) < gazetteer.councils().len());
    }
});
