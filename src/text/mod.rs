//! Stage 2: a document body split into sentences and words.
//!
//! Takes a [`crate::corpus::Document`]'s body and gives [`Sentence`]s: byte
//! ranges into the body with their word counts. Segmentation follows Unicode
//! (UAX #29, via `unicode-segmentation`), with line breaks as paragraph
//! ends, so headlines and bullet lines stand as sentences of their own; one
//! rule is added: a lower-case segment after "!" or "?" on the same line
//! goes on with the sentence before ("'Reach Out!' is beginning ...").

mod ascii;

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
    // UAX #29 always breaks after a line feed (SB4), and no rule looks
    // across one, so each line can be segmented on its own: ASCII lines
    // (nearly all) by the byte-level port in `ascii`, others by the crate.
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        if line.is_ascii() {
            let starts = ascii::sentence_starts(line.as_bytes());
            let ends = starts.iter().skip(1).copied().chain([line.len()]);
            for (start, end) in starts.iter().copied().zip(ends) {
                push_sentence(&mut out, body, line_start + start, &line[start..end]);
            }
        } else {
            for (start, raw) in line.split_sentence_bound_indices() {
                push_sentence(&mut out, body, line_start + start, raw);
            }
        }
        line_start += line.len();
    }
    out
}

/// [`sentences`] by `unicode-segmentation` alone, without the ASCII fast
/// path (the same lower-case rule after "!" or "?" is applied): the
/// reference the fast path is checked against (tests and
/// `examples/segment_agreement.rs`).
pub fn sentences_uax29(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (start, raw) in body.split_sentence_bound_indices() {
        push_sentence(&mut out, body, start, raw);
    }
    out
}

/// Adds the segment `raw` at byte `offset` of `body` as a sentence,
/// trimmed, unless it is only white space.
///
/// UAX #29 ends a sentence at every `!` or `?` followed by a space
/// (SB11), even inside a name or a quotation: "The Children in Care
/// Council 'Reach Out!' is beginning to influence ...". A segment that
/// opens with a lower-case letter on the same line as such an end goes
/// on with the sentence before it.
fn push_sentence(out: &mut Vec<Sentence>, body: &str, offset: usize, raw: &str) {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = offset + (raw.len() - raw.trim_start().len());
    let end = start + trimmed.len();
    if let Some(prev) = out.last_mut() {
        if continues(body, prev, start) {
            prev.end = end;
            prev.words += count_words(trimmed);
            return;
        }
    }
    out.push(Sentence {
        no: out.len() + 1,
        start,
        end,
        words: count_words(trimmed),
    });
}

/// Whether the segment starting at `start` goes on with `prev`: it opens
/// with a lower-case letter, on `prev`'s line, after a `!` or `?`.
fn continues(body: &str, prev: &Sentence, start: usize) -> bool {
    let opens_lower = body[start..].chars().next().is_some_and(char::is_lowercase);
    // The paragraph separators UAX #29 knows (SB4).
    let same_line = !body[prev.end..start].contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']);
    let ended = prev
        .text(body)
        .trim_end_matches(['"', '\'', '’', '”', ')', ']'])
        .ends_with(['!', '?']);
    opens_lower && same_line && ended
}

/// Counts words: UAX #29 word segments that contain a letter or a digit.
pub fn count_words(text: &str) -> u32 {
    let n = if text.is_ascii() {
        count_ascii_words(text.as_bytes())
    } else {
        text.split_word_bounds()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// [`count_words`] for ASCII text, by the same UAX #29 rules without the
/// general machinery (word counting was a sixth of `motif run`'s own
/// time, and almost every sentence is ASCII). In ASCII the rules come down
/// to: letters, digits and `_` run together (WB5, WB8–WB10, WB13a/b); one
/// `:` `.` or `'` between two letters joins them (WB6/7), and one `,` `;`
/// `.` or `'` between two digits (WB11/12); a CR LF pair is one segment.
/// A segment counts when it holds a letter or a digit. The unit tests and
/// a property test hold this to `split_word_bounds` on any ASCII text.
fn count_ascii_words(text: &[u8]) -> usize {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut count = 0;
    let mut i = 0;
    while i < text.len() {
        if !is_word(text[i]) {
            i += 1;
            continue;
        }
        // One segment: from here to the end of the joined run.
        let mut has_alnum = false;
        loop {
            while i < text.len() && is_word(text[i]) {
                has_alnum |= text[i] != b'_';
                i += 1;
            }
            // A single mid character joins when the characters on both
            // sides are both letters or both digits.
            let (Some(&before), Some(&mid), Some(&after)) =
                (text.get(i.wrapping_sub(1)), text.get(i), text.get(i + 1))
            else {
                break;
            };
            let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
            let digits = before.is_ascii_digit() && after.is_ascii_digit();
            let joins = (letters && matches!(mid, b':' | b'.' | b'\''))
                || (digits && matches!(mid, b',' | b';' | b'.' | b'\''));
            if !joins {
                break;
            }
            i += 1;
        }
        if has_alnum {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The general UAX #29 count, to hold the ASCII fast path to.
    fn uax29(text: &str) -> usize {
        text.split_word_bounds()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn ascii_fast_path_agrees_on_the_joining_rules() {
        for text in [
            "Caseloads are too high.",
            "The council's 1,000.50 budget: 3;4 and 5.6.7 figures",
            "e.g. a.b.c don't dogs' 'quoted' o'clock",
            "a:b a::b 1:2 1,a a,1 1.a a.1 _ __ a_b _a b_ a._b 1_000",
            "snake_case2words x86_64 12'34 ab'",
            "end. \"Quoted,\" (brackets) [x] {y} - dash -- 100% £",
            "line\r\nbreak\rand\nmore\t\ttabs  spaces",
            "",
            "   ",
        ] {
            assert_eq!(count_ascii_words(text.as_bytes()), uax29(text), "{text:?}");
        }
    }

    #[test]
    fn an_exclamation_inside_a_name_does_not_end_the_sentence() {
        let body = "The Children in Care Council ‘Reach Out!’ is beginning to influence services. \
                    Was it heard? Yes! it was.\nWow!\nthen a new line.";
        let texts: Vec<&str> = sentences(body).iter().map(|s| s.text(body)).collect();
        assert_eq!(
            texts,
            [
                "The Children in Care Council ‘Reach Out!’ is beginning to influence services.",
                "Was it heard?",
                "Yes! it was.",
                "Wow!",
                "then a new line.",
            ]
        );
        // The ASCII fast path too, and no merge across a paragraph separator.
        let ascii = "The group Reach Out! is growing. Yes!\nthen more.";
        let texts: Vec<&str> = sentences(ascii).iter().map(|s| s.text(ascii)).collect();
        assert_eq!(
            texts,
            ["The group Reach Out! is growing.", "Yes!", "then more."]
        );
        assert_eq!(sentences("Yes!\u{2029}then more.").len(), 2);
        let first = sentences(body)[0];
        assert_eq!(first.words as usize, uax29(first.text(body)));
        assert_eq!(sentences(body), sentences_uax29(body));
    }

    #[test]
    fn counts_words_of_real_sentences() {
        assert_eq!(count_words("Social workers’ caseloads are too high."), 6);
        assert_eq!(count_words("Social workers' caseloads are too high."), 6);
        assert_eq!(count_words("In 2019, 1,200 children were in care."), 7);
    }

    #[test]
    fn every_sample_sentence_counts_the_same_both_ways() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("sample corpus") {
            let path = entry.expect("entry").path();
            let Ok(body) = std::fs::read_to_string(&path) else {
                continue;
            };
            for s in sentences(&body) {
                let text = s.text(&body);
                assert_eq!(s.words as usize, uax29(text), "{path:?}: {text:?}");
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} sentences checked");
    }

    fn crate_sentences(body: &str) -> Vec<(usize, usize)> {
        sentences_uax29(body)
            .iter()
            .map(|s| (s.start, s.end))
            .collect()
    }

    #[test]
    fn sample_corpus_sentences_match_the_crate_exactly() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for entry in std::fs::read_dir(dir).expect("sample corpus") {
            let path = entry.expect("entry").path();
            let Ok(body) = std::fs::read_to_string(&path) else {
                continue;
            };
            let ours: Vec<(usize, usize)> =
                sentences(&body).iter().map(|s| (s.start, s.end)).collect();
            assert_eq!(ours, crate_sentences(&body), "{path:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn sentences_match_the_crate_on_mixed_text(
            text in "[aZ1 .!?\"(),;:\n\r’é—]{0,60}"
        ) {
            let ours: Vec<(usize, usize)> =
                sentences(&text).iter().map(|s| (s.start, s.end)).collect();
            proptest::prop_assert_eq!(ours, crate_sentences(&text));
        }

        #[test]
        fn ascii_fast_path_agrees_with_uax29(
            text in "[a-c0-2_ .,;:'\"\\-\r\n]{0,40}"
        ) {
            proptest::prop_assert_eq!(count_ascii_words(text.as_bytes()), uax29(&text));
        }
    }
}
