//! From kept lines to the body: takes a document's lines (with those to
//! leave out marked) and gives paragraphs, each on one line, separated by a
//! blank line, the contract later stages rely on (a line break ends a
//! sentence for the segmenter).
//!
//! Lines broken inside a sentence are joined with a space; a word split by a
//! hyphen at a line end is mended when the document itself, or a typesetter's
//! suffix ("-ment", "-tion"), shows the hyphen was not a compound's; bullet
//! items become paragraphs of their own without their glyph. In text from
//! PDFs a gap (blank lines, a page break) inside a sentence is joined too.

use foldhash::{HashSet, HashSetExt};

use super::furniture::{ends_sentence, strip_bullet, Lexicon};

/// One paragraph of the body and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub line: usize,
    pub text: String,
}

/// Builds paragraphs from the lines not marked in `removed`.
/// `from_pdf` turns on the joins across gaps that only PDF text needs;
/// the line `alone` (a headline) is a paragraph by itself, whatever
/// follows it.
pub fn assemble(
    lines: &[&str],
    removed: &[Option<String>],
    from_pdf: bool,
    alone: Option<usize>,
    lexicon: &Lexicon,
) -> Vec<Paragraph> {
    let short = short_line_limit(lines, removed);
    let vocabulary = if from_pdf {
        vocabulary(lines)
    } else {
        HashSet::new()
    };
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut open: Option<Paragraph> = None;
    let mut gap = false;
    let mut previous = "";
    let mut after_alone = false;
    for (i, raw) in lines.iter().enumerate() {
        if removed[i].is_some() || raw.trim().is_empty() {
            gap = true;
            continue;
        }
        let line = raw.trim();
        let (text, item) = match strip_bullet(line) {
            Some(rest) => (rest, true),
            None => (line, is_numbered(line)),
        };
        let join = match open.as_ref() {
            None => false,
            Some(_) if item || alone == Some(i) || after_alone => false,
            Some(_) if gap => continues(previous, text, from_pdf),
            Some(_) => {
                !ends_sentence(previous)
                    && (text.starts_with(char::is_lowercase) || previous.chars().count() >= short)
            }
        };
        match open.as_mut() {
            Some(paragraph) if join => append(&mut paragraph.text, text, &vocabulary, lexicon),
            _ => {
                paragraphs.extend(open.take());
                open = Some(Paragraph {
                    line: i + 1,
                    text: collapse(text),
                });
            }
        }
        previous = line;
        gap = false;
        after_alone = alone == Some(i);
    }
    paragraphs.extend(open);
    paragraphs.retain(|p| !p.text.is_empty());
    paragraphs
}

/// Joins the paragraphs into a body string.
pub fn body(paragraphs: &[Paragraph]) -> String {
    let mut out = String::new();
    for (n, p) in paragraphs.iter().enumerate() {
        if n > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
    }
    out
}

/// After a gap (blank lines, a page break), a sentence goes on when the
/// last line ended in a comma; in PDF text also when it did not end a
/// sentence and the next starts in lower case (or the last ended in a
/// hyphen).
fn continues(previous: &str, next: &str, from_pdf: bool) -> bool {
    if previous.ends_with([',', ';']) {
        return true;
    }
    from_pdf
        && !ends_sentence(previous)
        && (next.starts_with(char::is_lowercase) || hyphen_stem(previous).is_some())
}

/// "1. Children who need help" and "2.1 Adoption performance" start items.
fn is_numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let rest = &line[digits..];
    rest.starts_with(". ")
        || rest.starts_with(") ")
        || rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// Lines shorter than this end a paragraph when the next starts with a
/// capital: a wrapped line fills the column, a heading or a last line does
/// not. Three fifths of the document's typical (upper-quartile) length.
fn short_line_limit(lines: &[&str], removed: &[Option<String>]) -> usize {
    let mut lengths: Vec<usize> = (0..lines.len())
        .filter(|&i| removed[i].is_none())
        .map(|i| lines[i].trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[lengths.len() * 3 / 4] * 3 / 5
}

/// The letters before a line-final hyphen ("assess-" gives "assess"); none
/// for "16-" or a lone dash.
fn hyphen_stem(line: &str) -> Option<&str> {
    let stem = line.strip_suffix('-')?;
    let word_start = stem.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + stem[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &stem[word_start..];
    (!word.is_empty()).then_some(word)
}

/// Every word of the document, lower-cased, hyphenated words whole: what the
/// report itself says about "multi-agency" versus "assessment".
fn vocabulary(lines: &[&str]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .filter(|w| w.len() > 2 && !w.ends_with('-') && !w.starts_with('-'))
        .map(str::to_lowercase)
        .collect()
}

fn append(paragraph: &mut String, next: &str, vocabulary: &HashSet<String>, lexicon: &Lexicon) {
    let next = collapse(next);
    if let Some(stem) = hyphen_stem(paragraph) {
        if next.starts_with(char::is_lowercase) {
            let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
            if mend_hyphen(stem, &tail, vocabulary, lexicon) {
                paragraph.pop();
            }
            paragraph.push_str(&next);
            return;
        }
    }
    paragraph.push(' ');
    paragraph.push_str(&next);
}

/// Whether "stem-" + "tail" is one word split by the typesetter.
pub fn mend_hyphen(
    stem: &str,
    tail: &str,
    vocabulary: &HashSet<String>,
    lexicon: &Lexicon,
) -> bool {
    let joined = format!("{stem}{tail}").to_lowercase();
    let hyphenated = format!("{stem}-{tail}").to_lowercase();
    if vocabulary.contains(&hyphenated) {
        return false;
    }
    if vocabulary.contains(&joined) {
        return true;
    }
    lexicon.suffix.contains(&tail.to_lowercase())
}

/// `text` with every run of white space one space, trimmed.
fn collapse(text: &str) -> String {
    // Nearly every line is already so: copy it whole (this runs on every
    // line of every document).
    if one_spaced_ascii(text.as_bytes()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `text` is ASCII whose only white space is single spaces between
/// words: what [`collapse`] would leave as it is.
fn one_spaced_ascii(text: &[u8]) -> bool {
    let mut after_space = true;
    for &b in text {
        // 0x09-0x0D are the ASCII white space `split_whitespace` splits at
        // besides the space (vertical tab included).
        if !b.is_ascii() || (0x09..=0x0d).contains(&b) {
            return false;
        }
        if b == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

#[cfg(test)]
mod tests;
