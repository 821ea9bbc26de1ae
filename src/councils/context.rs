//! Text normalised for name matching, and the words around a match.
//!
//! Takes a text and gives a [`Normalised`] copy in which curly apostrophes are
//! straight and every run of white space is one space (or one `\n` where the
//! run holds a blank line, so names match across a PDF's hard line breaks but
//! never across paragraphs), with a map back to the original byte offsets.
//! The helpers read the neighbouring words the evidence rules look at.

/// A text with simplified punctuation and spacing, mapped to the original.
#[derive(Debug)]
pub struct Normalised {
    pub text: String,
    /// Original byte offset of each byte of `text`, plus one past the end.
    map: Vec<usize>,
    /// Whether each byte of `text` is a space standing for a line break.
    line_break: Vec<bool>,
}

/// Where the run of bytes from `at` that normalising leaves alone ends:
/// ASCII other than white space, and single spaces between such bytes.
/// `at` itself when the byte there needs the general path.
fn plain_run_end(bytes: &[u8], at: usize) -> usize {
    let plain = |b: u8| b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0B;
    let mut end = at;
    while end < bytes.len() {
        if plain(bytes[end]) {
            end += 1;
        } else if end > at
            && bytes[end] == b' '
            && bytes.get(end + 1).is_some_and(|&next| plain(next))
        {
            end += 2;
        } else {
            break;
        }
    }
    end
}

impl Normalised {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut line_break = Vec::with_capacity(original.len() + 1);
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // A run of ASCII that stays as it is (most of any text), with
            // single spaces inside it, is copied whole: a character at a
            // time this was a tenth of finding councils.
            let run_end = plain_run_end(bytes, at);
            if run_end > at {
                text.push_str(&original[at..run_end]);
                map.extend(at..run_end);
                line_break.resize(line_break.len() + (run_end - at), false);
                at = run_end;
                continue;
            }
            let Some(c) = original[at..].chars().next() else {
                break;
            };
            if c.is_whitespace() {
                let mut newlines = 0;
                let mut next = at;
                for w in original[at..].chars().take_while(|w| w.is_whitespace()) {
                    newlines += usize::from(w == '\n');
                    next += w.len_utf8();
                }
                text.push(if newlines >= 2 { '\n' } else { ' ' });
                map.push(at);
                line_break.push(newlines >= 1);
                at = next;
                continue;
            }
            let folded = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => '\'',
                '\u{2010}' | '\u{2011}' => '-',
                other => other,
            };
            let start = text.len();
            text.push(folded);
            for k in 0..text.len() - start {
                map.push(at + k.min(c.len_utf8() - 1));
                line_break.push(false);
            }
            at += c.len_utf8();
        }
        map.push(original.len());
        line_break.push(false);
        Normalised {
            text,
            map,
            line_break,
        }
    }

    /// The original byte offset of normalised offset `i`.
    pub fn original(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)]
    }

    /// The original end offset of a normalised range ending at `end`.
    pub fn original_end(&self, end: usize) -> usize {
        if end == 0 {
            return 0;
        }
        // One past the last byte of the last char in range.
        let last = self.map[end - 1];
        let next = self.map[end];
        if next > last {
            next
        } else {
            last + 1
        }
    }

    /// Whether the space at normalised offset `i` stands for a line break.
    pub fn is_line_break(&self, i: usize) -> bool {
        self.line_break.get(i).copied().unwrap_or(false)
    }
}

/// A word next to a match and what separates it from the match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour<'a> {
    pub word: &'a str,
    /// Text between the word and the match (`" "`, `", "`, `"'s "`...).
    pub gap: &'a str,
    /// Whether the gap crosses a line break.
    pub across_line: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '-'
}

/// The word before normalised offset `start`, if only spaces and
/// punctuation other than sentence ends separate them.
pub fn previous(norm: &Normalised, start: usize) -> Option<Neighbour<'_>> {
    let text = &norm.text[..start];
    let word_end = text
        .trim_end_matches(|c: char| !is_word_char(c) && c != '\n' && !".!?:;\"(".contains(c))
        .len();
    let gap = &norm.text[word_end..start];
    let before = &text[..word_end];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].trim_matches('\'');
    if word.is_empty() {
        return None;
    }
    let across_line = (word_end..start).any(|i| norm.is_line_break(i));
    Some(Neighbour {
        word,
        gap,
        across_line,
    })
}

/// What follows a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Following<'a> {
    /// A possessive `'s` glued to the match.
    pub possessive: bool,
    /// Text between the match (and its `'s`) and the first word.
    pub gap: &'a str,
    /// Up to three words, trailing punctuation trimmed.
    pub words: Vec<&'a str>,
    /// Whether the gap crosses a line break.
    pub across_line: bool,
}

/// The words after normalised offset `end`.
pub fn following(norm: &Normalised, end: usize) -> Following<'_> {
    let rest = &norm.text[end..];
    let (possessive, at) = match rest.strip_prefix("'s") {
        Some(after) if !after.starts_with(char::is_alphanumeric) => (true, end + 2),
        _ => match rest.strip_prefix('\'') {
            Some(after) if !after.starts_with(char::is_alphanumeric) => (true, end + 1),
            _ => (false, end),
        },
    };
    let rest = &norm.text[at..];
    let gap_len = rest.len()
        - rest
            .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '\n')
            .len();
    let gap = &rest[..gap_len];
    let across_line = (at..at + gap_len).any(|i| norm.is_line_break(i));
    let words = rest[gap_len..]
        .split(|c: char| c.is_whitespace())
        .take(3)
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .take_while(|w| !w.is_empty())
        .collect();
    Following {
        possessive,
        gap,
        words,
        across_line,
    }
}

/// Whether normalised offset `start` begins a sentence: start of text,
/// after a blank line, after `.`, `!`, `?` or `:`, or after a bullet; opening
/// quotes and brackets do not count.
pub fn at_sentence_start(norm: &Normalised, start: usize) -> bool {
    let before = norm.text[..start].trim_end_matches(|c: char| {
        c == ' ' || c == '"' || c == '\'' || c == '(' || c == '\u{201C}'
    });
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '\n' | '.' | '!' | '?' | ':' | '•' | '-' | '*' | '|'),
    }
}

/// Whether the byte just before `start` and the byte at `end` are not
/// letters or digits (the match is a whole word or words).
pub fn whole_words(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether `found` has a capital wherever `alias` has one: "Reading" needs
/// a capital R, "KCC" needs all three; text in capitals matches anything.
pub fn case_matches(alias: &str, found: &str) -> bool {
    alias
        .chars()
        .zip(found.chars())
        .all(|(a, f)| !a.is_uppercase() || !f.is_lowercase())
}

/// Whether `text` starts with a UK postcode ("CO4 3ZL", "SE1 7JY").
pub fn starts_with_postcode(text: &str) -> bool {
    let text = text.trim_start_matches([' ', ',']);
    let mut parts = text.split(char::is_whitespace);
    let (Some(outward), Some(inward)) = (parts.next(), parts.next()) else {
        return false;
    };
    let inward = inward
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let out_ok = (2..=4).contains(&outward.len())
        && outward.starts_with(|c: char| c.is_ascii_uppercase())
        && outward.chars().any(|c| c.is_ascii_digit())
        && outward
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let bytes = inward.as_bytes();
    let in_ok = bytes.len() == 3
        && bytes[0].is_ascii_digit()
        && bytes[1].is_ascii_uppercase()
        && bytes[2].is_ascii_uppercase();
    out_ok && in_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-at-a-time form `Normalised::new` had before it copied
    /// plain runs whole: the two must agree byte for byte.
    fn reference(original: &str) -> (String, Vec<usize>, Vec<bool>) {
        let (mut text, mut map, mut line_break) = (String::new(), Vec::new(), Vec::new());
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_whitespace() {
                let mut newlines = usize::from(c == '\n');
                while let Some(&(_, next)) = chars.peek() {
                    if !next.is_whitespace() {
                        break;
                    }
                    newlines += usize::from(next == '\n');
                    chars.next();
                }
                text.push(if newlines >= 2 { '\n' } else { ' ' });
                map.push(at);
                line_break.push(newlines >= 1);
                continue;
            }
            let folded = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => '\'',
                '\u{2010}' | '\u{2011}' => '-',
                other => other,
            };
            let start = text.len();
            text.push(folded);
            for k in 0..text.len() - start {
                map.push(at + k.min(c.len_utf8() - 1));
                line_break.push(false);
            }
        }
        map.push(original.len());
        line_break.push(false);
        (text, map, line_break)
    }

    #[test]
    fn plain_runs_normalise_as_characters_do() {
        let texts = [
            "",
            " ",
            "Kent County Council",
            "  leading and trailing  ",
            "a\u{0B}b\tc\r\nd\n\ne \u{A0}f",
            "St Helens\u{2019} social\u{2011}workers \u{2014} Bath\n \nand North East Somerset.",
            "caf\u{E9} na\u{EF}ve \u{201C}quoted\u{201D} x",
            "one two  three   four\n",
        ];
        for text in texts {
            let norm = Normalised::new(text);
            let (want_text, want_map, want_breaks) = reference(text);
            assert_eq!(norm.text, want_text, "{text:?}");
            assert_eq!(norm.map, want_map, "{text:?}");
            assert_eq!(norm.line_break, want_breaks, "{text:?}");
        }
    }

    #[test]
    fn normalising_maps_back_to_original_offsets() {
        let original = "Children\u{2019}s   services in\nBath";
        let norm = Normalised::new(original);
        assert_eq!(norm.text, "Children's services in Bath");
        let at = norm.text.find("Bath").expect("found");
        assert_eq!(
            &original[norm.original(at)..norm.original_end(at + 4)],
            "Bath"
        );
        let s = norm.text.find("'s").expect("found");
        assert_eq!(
            &original[norm.original(s)..norm.original_end(s + 2)],
            "\u{2019}s"
        );
    }

    #[test]
    fn blank_lines_stay_paragraph_breaks() {
        let norm = Normalised::new("Bath and North East\n\nSomerset");
        assert_eq!(norm.text, "Bath and North East\nSomerset");
    }

    #[test]
    fn case_rule_needs_capitals_where_the_alias_has_them() {
        assert!(case_matches("Reading", "Reading"));
        assert!(case_matches("Reading", "READING"));
        assert!(!case_matches("Reading", "reading"));
        assert!(case_matches("Tameside council", "Tameside Council"));
        assert!(!case_matches("KCC", "Kcc"));
    }

    #[test]
    fn postcodes_are_recognised() {
        assert!(starts_with_postcode(" CO4 3ZL"));
        assert!(starts_with_postcode(", SE1 7JY"));
        assert!(starts_with_postcode(" CO4 3ZL\nTel: 01206"));
        assert!(!starts_with_postcode(" County Council"));
    }

    #[test]
    fn sentence_starts() {
        let norm = Normalised::new("Inspectors said so. \"Reading is fun");
        let at = norm.text.find("Reading").expect("found");
        assert!(at_sentence_start(&norm, at));
        let norm = Normalised::new("services in Reading");
        assert!(!at_sentence_start(
            &norm,
            norm.text.find("Reading").expect("found")
        ));
    }
}
