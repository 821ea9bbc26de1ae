//! Sameness across documents: takes texts and documents and gives stable
//! ids, duplicate marks, and the lines a whole collection repeats.
//!
//! Two files are the same article when their texts match after white space
//! and quotes are normalised (so a Windows-1252 copy with straight quotes and
//! a UTF-8 copy with curly ones are one article). A short non-sentence that
//! stands in many articles verbatim ("Follow us on ...", a site's strapline)
//! is the site's, not the article's.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::furniture::{ends_sentence, key};
use super::{DocId, Document, Removed};

/// The text in the form used for ids and duplicate detection: every run of
/// white space one space, curly quotes straight, trimmed.
pub fn normalise(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        // Runs of ASCII that needs no change are copied whole: every
        // document's id is taken from this, so it runs over the corpus.
        let run = bytes[i..]
            .iter()
            .take_while(|&&b| b.is_ascii() && !b.is_ascii_whitespace() && b != b'`')
            .count();
        if run > 0 {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&text[i..i + run]);
            i += run;
            continue;
        }
        // `i` is a char boundary: runs end before a non-ASCII byte.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        push_normalised(&mut out, &mut space, c);
    }
    out
}

/// Appends `c` to `out` as [`normalise`] has it: white space (the BOM
/// too) only sets `space`, so a run of it becomes one space before the next
/// character that is not, and curly quotes go in straight.
fn push_normalised(out: &mut String, space: &mut bool, c: char) {
    if c.is_ascii_whitespace() || (!c.is_ascii() && (c.is_whitespace() || c == '\u{feff}')) {
        *space = !out.is_empty();
        return;
    }
    if *space {
        out.push(' ');
        *space = false;
    }
    out.push(match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '“' | '”' | '„' | '‟' | '″' => '"',
        _ => c,
    });
}

/// The document id: the first 16 hex digits of the BLAKE3 hash of the
/// normalised text. Stable across runs, machines and file names.
pub fn doc_id(text: &str) -> DocId {
    let hash = blake3::hash(normalise(text).as_bytes());
    hash.to_hex()[..16].to_string()
}

/// Marks each document whose id (its normalised text) was seen earlier in
/// the slice with that first copy's id.
pub fn mark_duplicates(documents: &mut [Document]) {
    let mut seen: HashSet<DocId> = HashSet::new();
    for document in documents.iter_mut() {
        if seen.insert(document.id.clone()) {
            document.duplicate_of = None;
        } else {
            document.duplicate_of = Some(document.id.clone());
        }
    }
}

/// How many documents a paragraph must appear in to be the site's own:
/// at least 3, and at least one document in 50.
fn threshold(documents: usize) -> usize {
    (documents / 50).max(3)
}

/// Removes, from the bodies of articles (not PDF reports, whose repeats are
/// their own page furniture), short paragraphs that are not sentences and
/// stand verbatim in many distinct articles. `starts[d]` holds the first
/// line of each of document `d`'s paragraphs, in body order.
pub fn remove_repeated_lines(documents: &mut [Document], starts: &[Vec<usize>], reports: &[bool]) {
    let mut df: HashMap<String, HashSet<&str>> = HashMap::new();
    for (d, document) in documents.iter().enumerate() {
        if reports[d] || document.duplicate_of.is_some() {
            continue;
        }
        for paragraph in document.body.split("\n\n") {
            if candidate(paragraph) {
                df.entry(key(paragraph)).or_default().insert(&document.id);
            }
        }
    }
    let limit = threshold(documents.len());
    let common: BTreeMap<String, usize> = df
        .into_iter()
        .filter(|(_, docs)| docs.len() >= limit)
        .map(|(k, docs)| (k, docs.len()))
        .collect();
    if common.is_empty() {
        return;
    }
    for (d, document) in documents.iter_mut().enumerate() {
        if reports[d] {
            continue;
        }
        let mut kept = Vec::new();
        for (n, paragraph) in document.body.split("\n\n").enumerate() {
            match common.get(&key(paragraph)) {
                Some(count) if candidate(paragraph) => document.removed.push(Removed {
                    line: starts[d].get(n).copied().unwrap_or(0),
                    text: paragraph.to_string(),
                    reason: format!("repeated verbatim in {count} documents"),
                }),
                _ => kept.push(paragraph),
            }
        }
        document.body = kept.join("\n\n");
        document.removed.sort_by_key(|r| r.line);
    }
}

/// Only short non-sentences can be site furniture: a full sentence that
/// many articles share is quoted news, and it stays.
fn candidate(paragraph: &str) -> bool {
    paragraph.split_whitespace().take(21).count() <= 20 && !ends_sentence(paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`normalise`] a character at a time, as it was before it copied
    /// ASCII runs whole: ids must not change, or every index would see new
    /// documents.
    fn normalise_by_chars(text: &str) -> String {
        let (mut out, mut space) = (String::new(), false);
        for c in text.chars() {
            push_normalised(&mut out, &mut space, c);
        }
        out
    }

    #[test]
    fn ascii_runs_normalise_as_characters_did() {
        let texts = [
            "",
            "   ",
            "plain words",
            "  lead\tand\r\ntrail  ",
            "\u{feff}Title\u{a0}line \u{2003} next",
            "it’s “quoted” `tick` ‘a’ ‚b‛ ′c″ „d‟",
            "vertical\u{b}tab and form\u{c}feed",
            "Café – naïve … 👍 end\u{2029}para",
            "a`b`c",
        ];
        for text in texts {
            assert_eq!(normalise(text), normalise_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn ids_ignore_white_space_and_quote_style() {
        let a = doc_id("Ofsted’s “inadequate” rating\r\n\r\nfor  Slough");
        let b = doc_id("Ofsted's \"inadequate\" rating\n\nfor Slough\n");
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
        assert_ne!(a, doc_id("Ofsted's \"good\" rating for Slough"));
    }

    #[test]
    fn ids_are_stable_across_releases() {
        // Pinned: changing the id scheme orphans every saved index and report.
        assert_eq!(doc_id("Tameside"), doc_id(" Tameside "));
        assert_eq!(
            doc_id("Tameside"),
            blake3::hash(b"Tameside").to_hex()[..16].to_string()
        );
    }
}
