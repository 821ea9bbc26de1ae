//! The matching form of a text: what lexicon terms and document bodies are
//! both turned into before they are compared.
//!
//! Takes a `&str` and gives a [`Normalised`] byte string plus a map from each
//! of its bytes back to the byte range of the original character. Letters are
//! lower-cased; curly apostrophes become `'`; every run of white space, line
//! breaks, hyphens/dashes and double quotes (straight or curly) between words
//! becomes a single space (so "long-term", "long term" and "long\nterm" are
//! the same, and a phrase matches across the quotes a reporter puts inside it:
//! 'This “resulted in'); other non-ASCII punctuation becomes a space too. Word boundaries in the
//! normalised form are therefore just "not an ASCII letter or digit and not a
//! non-ASCII letter".

/// A text in matching form, with the way back to the original bytes.
#[derive(Debug, Default, Clone)]
pub struct Normalised {
    /// The normalised bytes (valid UTF-8).
    pub text: String,
    /// For each byte of `text`, the start of the original character it came from.
    src_start: Vec<u32>,
    /// For each byte of `text`, the end of the original character (or run) it came from.
    src_end: Vec<u32>,
}

/// What one original character turns into.
enum Class {
    /// A separator: white space, hyphen, dash or other non-ASCII punctuation.
    Space,
    /// Kept (after folding) as this character.
    Keep(char),
}

fn classify(c: char) -> Class {
    match c {
        c if c.is_whitespace() => Class::Space,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{00AD}' => Class::Space,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => {
            Class::Keep('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Class::Space,
        c if c.is_ascii() => Class::Keep(c.to_ascii_lowercase()),
        c if c.is_alphanumeric() => Class::Keep(c.to_lowercase().next().unwrap_or(c)),
        // Bullets, arrows, symbols: separators, so "◼Caseloads" still matches.
        _ => Class::Space,
    }
}

/// The ASCII bytes normalising keeps as they are but for case: not white
/// space, not a hyphen or double quote (both read as a space), not a
/// backtick or apostrophe (either an apostrophe or a single quotation mark,
/// by context). Must agree with the byte classes in [`Normalised::fill`]. A
/// table, because a `match` per byte compiled to a jump per byte.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = !matches!(
            b as u8,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' | b'"' | b'`' | b'\''
        );
        b += 1;
    }
    table
};

/// Tells single quotation marks from apostrophes. British writing quotes
/// with single marks ("a \u{2018}loyal\u{2019} workforce"), and a closing
/// mark kept as an apostrophe would split the phrase "loyal workforce". A
/// mark before a word and after none opens a quote; a mark after a word and
/// before none closes an open quote; both read as a space. Any other mark,
/// and a word-final one with no quote open ("social workers\u{2019}
/// views"), is an apostrophe. A blank line closes whatever is open.
#[derive(Default)]
struct SingleQuotes {
    open: bool,
    /// A line break seen since the last kept character.
    after_line_break: bool,
}

impl SingleQuotes {
    fn classify(&mut self, text: &str, start: usize, end: usize) -> Class {
        let word_before = text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let word_after = text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if !word_before && word_after {
            self.open = true;
            Class::Space
        } else if word_before && !word_after && self.open {
            self.open = false;
            Class::Space
        } else {
            self.kept();
            Class::Keep('\'')
        }
    }

    fn white_space(&mut self, byte: u8) {
        if byte == b'\n' {
            if self.after_line_break {
                self.open = false;
            }
            self.after_line_break = true;
        }
    }

    fn kept(&mut self) {
        self.after_line_break = false;
    }
}

impl Normalised {
    /// Normalises `text`, reusing this value's buffers.
    pub fn fill(&mut self, text: &str) {
        self.text.clear();
        self.src_start.clear();
        self.src_end.clear();
        self.text.reserve(text.len());
        let mut pending_space: Option<(usize, usize)> = None;
        self.src_start.reserve(text.len());
        self.src_end.reserve(text.len());
        let bytes = text.as_bytes();
        let mut quotes = SingleQuotes::default();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // A run of ASCII bytes kept as they are but for case (most of
            // any English text) is copied whole: byte at a time, this loop
            // was a fifth of theme matching.
            if PLAIN[usize::from(b)] {
                // One space between plain bytes is its own normal form.
                let mut run_end = i + 1;
                while run_end < bytes.len() {
                    if PLAIN[usize::from(bytes[run_end])] {
                        run_end += 1;
                    } else if bytes[run_end] == b' '
                        && bytes
                            .get(run_end + 1)
                            .is_some_and(|&next| PLAIN[usize::from(next)])
                    {
                        run_end += 2;
                    } else {
                        break;
                    }
                }
                if let Some((s, e)) = pending_space.take() {
                    if !self.text.is_empty() {
                        self.push(' ', s, e);
                    }
                }
                quotes.kept();
                let at = self.text.len();
                self.text.push_str(&text[i..run_end]);
                self.text[at..].make_ascii_lowercase();
                let offset = |k: usize| u32::try_from(k).unwrap_or(u32::MAX);
                self.src_start.extend((i..run_end).map(offset));
                self.src_end.extend((i + 1..=run_end).map(offset));
                i = run_end;
                continue;
            }
            // Other ASCII: white space, hyphens and quotes.
            let (class, end) = if b < 0x80 {
                let class = match b {
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' | b'"' => Class::Space,
                    b'`' => Class::Keep('\''),
                    _ => Class::Keep(char::from(b.to_ascii_lowercase())),
                };
                (class, i + 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (classify(c), i + c.len_utf8())
            };
            let class = match class {
                Class::Keep('\'') => quotes.classify(text, i, end),
                Class::Space => {
                    quotes.white_space(b);
                    Class::Space
                }
                keep => keep,
            };
            match class {
                Class::Space => {
                    pending_space = Some(match pending_space {
                        Some((s, _)) => (s, end),
                        None => (i, end),
                    });
                }
                Class::Keep(k) => {
                    quotes.kept();
                    if let Some((s, e)) = pending_space.take() {
                        if !self.text.is_empty() {
                            self.push(' ', s, e);
                        }
                    }
                    self.push(k, i, end);
                }
            }
            i = end;
        }
    }

    /// Normalises `text` into a new value.
    pub fn new(text: &str) -> Self {
        let mut n = Normalised::default();
        n.fill(text);
        n
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.src_start
                .push(u32::try_from(start).unwrap_or(u32::MAX));
            self.src_end.push(u32::try_from(end).unwrap_or(u32::MAX));
        }
    }

    /// The original byte range of the normalised range `start..end` (non-empty).
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.src_start.get(start).copied().unwrap_or(0) as usize;
        let e = self
            .src_end
            .get(end.saturating_sub(1))
            .copied()
            .unwrap_or(0) as usize;
        (s, e.max(s))
    }

    /// The normalised offset of the first byte that comes from original
    /// offset `orig` or later (for mapping sentence bounds).
    pub fn position_of(&self, orig: usize) -> usize {
        let o = u32::try_from(orig).unwrap_or(u32::MAX);
        self.src_start.partition_point(|&s| s < o)
    }
}

/// Normalises a short string (a term), without the map.
pub fn normalise_str(text: &str) -> String {
    Normalised::new(text).text
}

/// Whether `b` can be part of a word in the normalised form.
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_hyphens_and_line_breaks() {
        let n = Normalised::new("Long-term\n  FOSTER  care — children’s “views”");
        assert_eq!(n.text, "long term foster care children's views");
        // Quotes inside a phrase are no more than the space beside them.
        let n = Normalised::new("This \u{201c}resulted in \"manageable\" caseloads");
        assert_eq!(n.text, "this resulted in manageable caseloads");
        let at = n.text.find("manageable caseloads").unwrap();
        let (s, e) = n.original(at, at + "manageable caseloads".len());
        assert_eq!(
            &"This \u{201c}resulted in \"manageable\" caseloads"[s..e],
            "manageable\" caseloads"
        );
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let body = "A  high\ncaseload’s end";
        let n = Normalised::new(body);
        let at = n.text.find("high caseload's").unwrap();
        let (s, e) = n.original(at, at + "high caseload's".len());
        assert_eq!(&body[s..e], "high\ncaseload’s");
    }

    #[test]
    fn single_quotes_are_spaces_and_apostrophes_stay() {
        let cases = [
            ("\u{2018}Loyal\u{2019} workforce", "loyal workforce"),
            ("a 'loyal' workforce", "a loyal workforce"),
            ("children\u{2019}s services", "children's services"),
            ("care leavers\u{2019} views", "care leavers' views"),
            (
                "the \u{2018}care leavers\u{2019} forum",
                "the care leavers forum",
            ),
            ("don't", "don't"),
            // A blank line closes an open quote: the next word-final mark
            // is an apostrophe again.
            ("'unclosed\n\nworkers' views", "unclosed workers' views"),
        ];
        for (text, want) in cases {
            assert_eq!(Normalised::new(text).text, want, "{text:?}");
        }
    }

    /// The run-at-a-time copy of plain ASCII gives what one character at a
    /// time gives: each normalised character maps back to the original
    /// character it came from, and spaces to the run they stand for.
    #[test]
    fn every_character_maps_back_to_its_source() {
        let body =
            "Café `Social`-Workers\u{2019} \t\n CASELOADS\u{201c}x\u{201d}y--z 9.5% é\u{2014}end ";
        let n = Normalised::new(body);
        assert_eq!(n.text, "café social workers' caseloads x y z 9.5% é end");
        for (k, c) in n.text.char_indices() {
            let (s, e) = n.original(k, k + c.len_utf8());
            let source = &body[s..e];
            if c == ' ' {
                assert!(
                    source.chars().all(|o| !o.is_alphanumeric()),
                    "{k}: {source:?}"
                );
            } else if c.is_alphanumeric() {
                assert_eq!(source.to_lowercase(), c.to_string(), "{k}");
            }
        }
        let mut reused = Normalised::new("something longer than the next text");
        reused.fill(body);
        assert_eq!(reused.text, n.text);
        assert_eq!(reused.original(0, n.text.len()), (0, body.trim_end().len()));
    }
}
