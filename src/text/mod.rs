//! Stage 2: a document body split into sentences and words.
//!
//! Takes a [`crate::corpus::Document`]'s body and gives [`Sentence`]s: byte
//! ranges into the body with their word counts. Segmentation follows Unicode
//! (UAX #29, via `unicode-segmentation`), with line breaks as paragraph
//! ends, so headlines and bullet lines stand as sentences of their own.

use unicode_segmentation::UnicodeSegmentation;

/// One sentence of a document body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// 1-based position in the document.
    pub no: usize,
    /// Byte range into the body, trimmed of surrounding white space.
    pub start: usize,
    pub end: usize,
    /// Words (UAX #29 word segments containing a letter or digit).
    pub words: u32,
}

impl Sentence {
    /// The sentence's text within `body`.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// Splits `body` into sentences.
pub fn sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (offset, raw) in body.split_sentence_bound_indices() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start = offset + (raw.len() - raw.trim_start().len());
        let end = start + trimmed.len();
        out.push(Sentence {
            no: out.len() + 1,
            start,
            end,
            words: count_words(trimmed),
        });
    }
    out
}

/// Counts words: UAX #29 word segments that contain a letter or a digit.
pub fn count_words(text: &str) -> u32 {
    let n = text
        .split_word_bounds()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}
