//! Site furniture: takes a document's lines and marks those that are not
//! article text (captions, comment widgets, paywalls, subscription blurbs,
//! job adverts, publisher footers and addresses), each with a reason.
//!
//! The rules are general: the shape of a line (a caption ends in `Picture:
//! X`; an address line carries a postcode), known phrases kept as data in
//! `lexicons/furniture.txt`, a marker after which nothing is article, and a
//! trailing block of non-sentences that holds at least one furniture line.

use foldhash::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// The furniture lexicon (`lexicons/furniture.txt`), parsed once.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// A line starting with one of these ends the article.
    pub end: Vec<String>,
    /// A line starting with one of these heads a box of links, which ends
    /// the article unless the article goes on after the box.
    pub boxes: Vec<String>,
    /// Whole lines that are furniture.
    pub line: HashSet<String>,
    /// Phrases that make a short line furniture.
    pub phrase: Vec<String>,
    /// Section labels printed above a headline.
    pub label: HashSet<String>,
    /// Words that make a capitalised line an organisation, not a name.
    pub organisation: HashSet<String>,
    /// Word endings that show a line-end hyphen was the typesetter's.
    pub suffix: HashSet<String>,
}

/// The text of `lexicons/furniture.txt`, built in.
const TEXT: &str = include_str!("../../lexicons/furniture.txt");

/// The built-in furniture lexicon.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(TEXT));
    &LEXICON
}

/// The built-in furniture lexicon's text, for [`super::reading_fingerprint`].
pub(super) fn text() -> &'static str {
    TEXT
}

impl Lexicon {
    /// Parses the `[section]`-and-phrases format of `lexicons/furniture.txt`.
    /// Unknown sections are ignored so that older binaries read newer files.
    pub fn parse(text: &str) -> Self {
        let mut lexicon = Lexicon::default();
        let mut section = String::new();
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            let phrase = key(line);
            match section.as_str() {
                "end" => lexicon.end.push(phrase),
                "box" => lexicon.boxes.push(phrase),
                "line" => drop(lexicon.line.insert(phrase)),
                "phrase" => lexicon.phrase.push(phrase),
                "label" => drop(lexicon.label.insert(phrase)),
                "organisation" => drop(lexicon.organisation.insert(phrase)),
                "suffix" => drop(lexicon.suffix.insert(phrase)),
                _ => {}
            }
        }
        lexicon
    }
}

/// The comparison form of a line: lower case, straight quotes, single
/// spaces, no leading bullet glyph.
pub fn key(line: &str) -> String {
    let line = strip_bullet(line.trim()).unwrap_or(line.trim());
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '‘' | '’' | '‚' | '‛' | '′' => out.push('\''),
            '“' | '”' | '„' | '‟' | '″' => out.push('"'),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The text after a bullet glyph (`- `, `• `, `◼ `, `* `), if the line is a
/// bullet item.
pub fn strip_bullet(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let mut chars = trimmed.chars();
    let first = chars.next()?;
    const GLYPHS: &[char] = &[
        '•', '◼', '▪', '■', '●', '○', '◦', '▸', '►', '➢', '✓', '·', '-', '*', '–', '−', '─', '―',
        '\u{ad}',
    ];
    // PDF extraction turns Symbol/Wingdings bullets into private-use code
    // points (U+F06E, U+F0A7, U+F0B7, ...).
    let private_use = ('\u{f000}'..='\u{f0ff}').contains(&first);
    if !GLYPHS.contains(&first) && !private_use {
        return None;
    }
    let rest = chars.as_str();
    // "-5%" or "*note" are not bullets: a glyph is followed by white space.
    if rest.starts_with(char::is_whitespace) {
        Some(rest.trim_start())
    } else {
        None
    }
}

/// True when a line ends a sentence: `.`, `!` or `?`, perhaps inside
/// closing quotes or brackets.
pub fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '\'', '’', '”', ')', ']', ' ']);
    t.ends_with(['.', '!', '?'])
}

/// Words in a line, counted up to 61: the rules only ask "at most N?".
fn words(line: &str) -> usize {
    line.split_whitespace().take(61).count()
}

/// Marks furniture among `lines[start..]`: `removed[i]` is set to the
/// reason for each furniture line. Lines already marked are left alone.
///
/// In PDF text (`from_pdf`) a line is mostly a fragment of a wrapped
/// sentence, so only the end markers, whole-line furniture and repeats apply
/// there, except to short lines that stand alone: a phrase or a postcode
/// inside a fragment says nothing about the line.
pub fn mark(
    lines: &[&str],
    removed: &mut [Option<String>],
    start: usize,
    from_pdf: bool,
    lexicon: &Lexicon,
) {
    let mut previous = "";
    let mut seen_body = 0usize;
    // The key of the line after a marker candidate, kept for when the loop
    // reaches that line: most lines are both, so each key is made once.
    let mut ahead: Option<(usize, String)> = None;
    for i in start..lines.len() {
        let line = lines[i].trim();
        if line.is_empty() || removed[i].is_some() {
            continue;
        }
        // Every rule but the repeat looks at short lines only; a long
        // paragraph skips the comparison form, which keeps a 50 MB file fast.
        let k = match ahead.take() {
            _ if line.len() > 200 => String::new(),
            Some((j, k)) if j == i => k,
            _ => key(line),
        };
        // Markers are short lines; a long paragraph is never one, and
        // skipping it keeps a 50 MB file fast.
        if seen_body > 0 && !k.is_empty() && k.len() < 160 {
            let next = next_key(lines, i);
            let next_k = next.as_ref().map(|(_, key)| key.as_str());
            let boxed = marker(&lexicon.boxes, &k, next_k);
            if let Some(heading) = boxed {
                if let Some(links) = box_inside_article(lines, i) {
                    let reason = format!("link box \"{heading}\"");
                    for j in std::iter::once(i).chain(links) {
                        removed[j] = Some(reason.clone());
                    }
                    continue;
                }
            }
            // A box with no story after it ends the article as a marker does.
            if let Some(marker) = marker(&lexicon.end, &k, next_k).or(boxed) {
                let reason = format!("after end-of-article marker \"{marker}\"");
                for (j, slot) in removed.iter_mut().enumerate().skip(i) {
                    if slot.is_none() && !lines[j].trim().is_empty() {
                        *slot = Some(reason.clone());
                    }
                }
                return;
            }
            ahead = next;
        }
        let reason = if line == previous {
            Some("repeated line".to_string())
        } else if from_pdf && !standalone(lines, i) {
            lexicon
                .line
                .contains(&k)
                .then(|| "site furniture (whole line)".to_string())
        } else {
            line_reason(line, &k, lexicon)
        };
        if reason.is_none() {
            seen_body += 1;
        }
        removed[i] = reason;
        previous = line;
    }
    if !from_pdf {
        mark_trailing_block(lines, removed, start);
    }
}

/// In PDF text, a short line that neither continues the line before nor
/// runs on into the next ("© Crown copyright 2013", "Website: ...") stands
/// alone and can be judged by itself.
fn standalone(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    let before_ok = i == 0 || {
        let before = lines[i - 1].trim();
        before.is_empty() || ends_sentence(before)
    };
    let after_ok = lines
        .get(i + 1)
        .is_none_or(|next| !next.trim_start().starts_with(char::is_lowercase));
    line.chars().count() < 60 && before_ok && after_ok
}

/// The next non-blank line after `i` and its key, for markers broken over
/// two lines by a PDF's line wrap.
fn next_key(lines: &[&str], i: usize) -> Option<(usize, String)> {
    (i + 1..lines.len())
        .find(|&j| !lines[j].trim().is_empty())
        .map(|j| (j, key(lines[j])))
}

/// The box of links headed at `lines[at]` ("Most Read", "Related
/// Stories"), if the article goes on after it: the short lines that follow
/// the heading (the links, at most eight) are given when the next line is
/// a paragraph of at least twelve words and the line after that, if any,
/// ends a sentence too. A list of headlines or job adverts does not read
/// like that; a local paper's "Most Read" box dropped mid-story does.
fn box_inside_article(lines: &[&str], at: usize) -> Option<Vec<usize>> {
    let mut rest = (at + 1..lines.len()).filter(|&j| !lines[j].trim().is_empty());
    let mut links = Vec::new();
    loop {
        let j = rest.next()?;
        let line = lines[j].trim();
        if words(line) >= 12 && ends_sentence(line) {
            break;
        }
        if links.len() == 8 {
            return None;
        }
        links.push(j);
    }
    rest.next()
        .is_none_or(|j| ends_sentence(lines[j]))
        .then_some(links)
}

/// The first of `markers` that `k` (and, for a marker broken over two
/// lines, the `next` line's key) starts with as whole words.
fn marker<'a>(markers: &'a [String], k: &str, next: Option<&str>) -> Option<&'a str> {
    let joined = match next {
        Some(next) if k.len() < 200 => format!("{k} {next}"),
        _ => k.to_string(),
    };
    markers
        .iter()
        .find(|marker| {
            joined.starts_with(marker.as_str())
                && !joined[marker.len()..].starts_with(char::is_alphanumeric)
        })
        .map(String::as_str)
}

/// Why one line is furniture, judged by itself.
fn line_reason(line: &str, k: &str, lexicon: &Lexicon) -> Option<String> {
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:picture|pictured|photo|photograph|image|credit|illustration)s?\s*:\s*[^.!?:]{1,60}$")
            .expect("static regex")
    });
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:illustration|photo|photograph|picture|image)s?\s*$")
            .expect("static regex")
    });
    static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][ABD-HJLNP-UW-Z]{2}\b")
            .expect("static regex")
    });
    static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:tel|telephone|phone|t|textphone|fax|f)\s*[:.]?\s*\+?[0-9][0-9() -]{6,}|(?:e|email|w|web|website)?\s*:?\s*(?:\S+@\S+\.\S+|https?://\S+|www\.\S+))",
        )
        .expect("static regex")
    });
    if lexicon.line.contains(k) {
        return Some("site furniture (whole line)".to_string());
    }
    let n = words(line);
    if n <= 60 && line.contains(':') && CAPTION.is_match(line) {
        return Some("picture caption".to_string());
    }
    // A picture's label on a line by itself: "Caseloads illustration",
    // "Stock photo".
    if n <= 4 && !ends_sentence(line) && LABEL.is_match(line) {
        return Some("picture caption".to_string());
    }
    // A sentence that mentions "per annum" is news; a fragment is a blurb.
    if n <= 20 && !ends_sentence(line) {
        if let Some(phrase) = lexicon.phrase.iter().find(|p| k.contains(p.as_str())) {
            return Some(format!("site furniture (\"{phrase}\")"));
        }
    }
    if n <= 15 && POSTCODE.is_match(line) {
        return Some("postal address".to_string());
    }
    if n <= 12 && CONTACT.is_match(line) {
        return Some("contact details".to_string());
    }
    None
}

/// A document that ends in a run of lines none of which is a sentence, and
/// that run holds furniture (an address, a price, a "Subscribe"), ends in a
/// furniture block: headings and list items of a blurb or a footer.
fn mark_trailing_block(lines: &[&str], removed: &mut [Option<String>], start: usize) {
    let last_sentence = (start..lines.len())
        .rev()
        .find(|&i| removed[i].is_none() && ends_sentence(lines[i]));
    let from = last_sentence.map_or(start, |i| i + 1);
    let tail_has_furniture = (from..lines.len()).any(|i| removed[i].is_some());
    let tail_has_text =
        (from..lines.len()).any(|i| removed[i].is_none() && !lines[i].trim().is_empty());
    if !(tail_has_furniture && tail_has_text) || last_sentence.is_none() {
        return;
    }
    for i in from..lines.len() {
        if removed[i].is_none() && !lines[i].trim().is_empty() {
            removed[i] = Some("in a trailing furniture block".to_string());
        }
    }
}

#[cfg(test)]
mod tests;
