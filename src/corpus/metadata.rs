//! The head of a document: takes its lines and gives the title, byline,
//! publication date and (for inspection reports) the inspection period,
//! with the lines they were read from, so they stay out of the body (all
//! but an article's headline, which is also its first paragraph).
//!
//! Articles: an optional section label ("News"), the headline, then up to
//! three lines of byline ("By Joe Lepper", or a bare name such as "Tristan
//! Donovan") and dateline ("| 14 May 2018"). Reports: the opening lines
//! before "Inspection dates:" are the title.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::dates::{inspection_dates, inspection_period, parse_dateline};
use super::furniture::{ends_sentence, key, Lexicon};
use super::pdf::RUNNING;

/// What the head of a document says about it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    pub title: String,
    pub byline: Option<String>,
    pub published: Option<NaiveDate>,
    pub inspected: Option<(NaiveDate, NaiveDate)>,
    /// The opening lines carry an Ofsted report's or letter's heading (see
    /// [`has_report_heading`]).
    pub report_heading: bool,
    /// An article's headline line (0-based). It stays in the body as a
    /// paragraph of its own: a headline is a sentence a reader codes like
    /// any other ("High caseloads cost council its 'good' rating"), and
    /// the council rules apply to it as to the lead.
    pub headline: Option<usize>,
    /// Lines consumed (0-based index) and what they were taken as.
    pub consumed: Vec<(usize, &'static str)>,
}

/// Headlines are short; a longer first line is a paragraph.
const MAX_TITLE_WORDS: usize = 30;

/// A first line of at least this many words that ends with a full stop is
/// the lead paragraph, not a headline.
const MIN_SENTENCE_WORDS: usize = 8;

/// Reads an article's head from its lines (lines already marked as
/// furniture are passed over).
pub fn article_header(lines: &[&str], removed: &[Option<String>], lexicon: &Lexicon) -> Header {
    let mut header = Header::default();
    let mut open =
        (0..lines.len()).filter(|&i| removed[i].is_none() && !lines[i].trim().is_empty());
    let Some(mut first) = open.next() else {
        return header;
    };
    let second = open.next();
    if let Some(second) = second {
        if is_section_label(lines[first], lines[second], lexicon) {
            header.consumed.push((first, "section label"));
            first = second;
        }
    }
    // A text that opens with a paragraph has no headline: its first line
    // stays in the body and the title stays empty (never invented).
    if is_paragraph(lines[first]) {
        return header;
    }
    header.title = tidy(lines[first]);
    header.headline = Some(first);
    let rest: Vec<usize> = (first + 1..lines.len())
        .filter(|&i| removed[i].is_none() && !lines[i].trim().is_empty())
        .take(3)
        .collect();
    for i in rest {
        let line = lines[i].trim();
        if header.published.is_none() {
            if let Some(date) = parse_dateline(line) {
                header.published = Some(date);
                header.consumed.push((i, "dateline"));
                continue;
            }
        }
        if header.byline.is_none() {
            if let Some((name, date)) = byline(line, lexicon) {
                header.byline = Some(name);
                if header.published.is_none() {
                    header.published = date;
                }
                header.consumed.push((i, "byline"));
                continue;
            }
        }
        break;
    }
    header
}

/// Whether an opening line is a paragraph rather than a headline: longer
/// than any headline, or a full sentence closed by a full stop. Scraped
/// bodies often start straight at the lead paragraph ("Inspectors have
/// praised ... reliance on agency staff."); headlines do not end with a
/// full stop (a question or exclamation mark may end one).
fn is_paragraph(line: &str) -> bool {
    let words = line.split_whitespace().take(MAX_TITLE_WORDS + 1).count();
    if words > MAX_TITLE_WORDS {
        return true;
    }
    let end = line
        .trim_end()
        .trim_end_matches(['"', '\'', '’', '”', ')', ']', ' ']);
    words >= MIN_SENTENCE_WORDS && end.ends_with('.') && !end.ends_with("...")
}

/// Reads an inspection report's head: title from the opening lines, the
/// inspection period, and a printed "Report published:" date.
pub fn report_header(lines: &[&str], removed: &[Option<String>]) -> Header {
    static STOP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:inspection dates?|dates? of inspection|lead inspector|report published|judgement|age group|published|the overall judgement)\b")
            .expect("static regex")
    });
    static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:report\s+)?published\s*:?\s*(.+)$").expect("static regex")
    });
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*lead inspectors?\b").expect("static regex"));
    let mut header = Header::default();
    // The title is in blocks (split by blank lines) before "Inspection
    // dates:"; a running header printed on page 1 too repeats a block and a
    // date line ("11 July 2022") belongs to it, so both are dropped.
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    let mut lines_taken = 0;
    // Where the current block's lines start in `consumed`.
    let mut block_start = 0;
    for i in (0..lines.len()).take(60) {
        let line = lines[i].trim();
        let running = removed[i].as_deref() == Some(RUNNING);
        if line.is_empty() || (removed[i].is_some() && !running) {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
            block_start = header.consumed.len();
            continue;
        }
        if STOP.is_match(line) || lines_taken >= 10 {
            break;
        }
        let starts_block = blocks.last().is_some_and(Vec::is_empty);
        if blocks.len() > 1
            && starts_block
            && !running
            && !is_date_line(line)
            && ends_heading(&blocks, line)
        {
            // The blocks so far make an Ofsted heading and this one does
            // not go on with it: the text starts here (a letter or an
            // excerpt, with no "Inspection dates" line to stop at).
            header.consumed.truncate(block_start);
            blocks.pop();
            break;
        }
        if blocks.len() == 1 && PARAGRAPH_NUMBER.is_match(line) {
            // The first block's numbered paragraph: the lines before it
            // are the title.
            break;
        }
        if blocks.len() > 1
            && (ends_sentence(line) || holds_sentence_end(line) || PARAGRAPH_NUMBER.is_match(line))
        {
            // A later block that holds a sentence is the body's first
            // paragraph (a letter or an excerpt with no "Inspection dates"
            // line between title and text): its lines stay in the body.
            header.consumed.truncate(block_start);
            blocks.pop();
            break;
        }
        if ends_sentence(line) {
            break;
        }
        lines_taken += 1;
        header.consumed.push((i, "title"));
        if !is_date_line(line) {
            if let Some(block) = blocks.last_mut() {
                block.push(strip_footnote_mark(line));
            }
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        let text = tidy(&block.join(" "));
        if !text.is_empty() && !parts.iter().any(|p| key(p) == key(&text)) {
            parts.push(text);
        }
    }
    header.title = parts.join(" ");
    if let Some((i, from, to)) = inspection_dates(lines) {
        header.inspected = Some((from, to));
        header.consumed.push((i, "inspection dates"));
        let joined = lines.get(i + 1).is_some_and(|next| {
            // The period went on to the next line when the label line alone
            // does not end in a year.
            let t = lines[i].trim_end();
            !t.ends_with(|c: char| c.is_ascii_digit())
                && next
                    .trim()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
        });
        if joined {
            header.consumed.push((i + 1, "inspection dates"));
        }
    }
    for i in (0..lines.len()).take(80) {
        if removed[i].is_some() {
            continue;
        }
        if header.published.is_none() {
            if let Some(date) = PUBLISHED
                .captures(lines[i])
                .and_then(|c| parse_dateline(&c[1]))
            {
                header.published = Some(date);
                header.consumed.push((i, "publication date"));
                continue;
            }
        }
        if LEAD.is_match(lines[i]) {
            header.consumed.push((i, "report metadata"));
        }
    }
    header
}

/// An Ofsted report's or letter's heading, filling the lines it is matched
/// against from their start (see [`has_report_heading`]).
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    // No bounded repetition of a Unicode class and no `\b`: either puts
    // the regex on its slowest engine (a `\b` on any non-ASCII text).
    let name = r"[\p{L}’',.&\- ]+";
    let services = r"children[’']?s (?:social care )?services";
    // The 2013-2017 heading goes on with these words only ("..., children
    // looked after and care leavers and Review of the effectiveness of the
    // Local Safeguarding Children Board"), whatever line it breaks at.
    let sif = r"(?:[ ,]+(?:and|protection|children|looked|after|care|leavers|review|of|the|effectiveness|local|safeguarding|board\d?))*";
    let headings = [
        format!(r"(?:single |re-?)?inspection of (?:{name} )?{services}"),
        format!(r"(?:monitoring|focused) visit (?:to|of|at) {name} {services}"),
        format!(r"(?:re-?)?inspection of services for children in need of help{sif}"),
        r"inspection of looked after children services".to_string(),
        r"joint targeted area inspection of [^.]+".to_string(),
        r"review of the effectiveness of the local safeguarding children board\d?".to_string(),
    ];
    Regex::new(&format!(r"(?i)^(?:{})$", headings.join("|"))).expect("static regex")
});

/// How many of a text's first lines that are not blank may hold its
/// heading or its inspection dates: ten, because the reports of 2013 to
/// 2017 put a council name and six lines of title before their dates.
pub(super) const OPENING_LINES: usize = 10;

/// The longest heading, in bytes (the 2013-2017 one is about 190).
const MAX_HEADING: usize = 300;

/// Whether `lines` (one to five, read as one) are an Ofsted heading. A
/// heading starts its line with a capital and fills its lines: a headline
/// that goes on ("Inspection of Bury children's services finds ...") or
/// that starts with other words ("Ofsted slams inspection of ...") is a
/// journalist's, and a lead paragraph's wrapped line starts in lower case.
pub(super) fn is_heading(lines: &[&str]) -> bool {
    let starts_upper = lines
        .first()
        .and_then(|l| l.chars().next())
        .is_some_and(char::is_uppercase);
    let short = lines.iter().map(|l| l.len() + 1).sum::<usize>() <= MAX_HEADING;
    starts_upper && short && {
        // Any run of white space is one space (PDF text doubles them).
        let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        HEADING.is_match(&words.join(" "))
    }
}

/// Whether a text's opening lines (the first ten that are not blank, one
/// to three read as one, since a PDF breaks a long heading) hold the
/// heading Ofsted prints on a report or a letter: "Inspection of Bury
/// local authority children's services", "Inspection of services for
/// children in need of help and protection, ...", "Monitoring visit to
/// Hull children's services", "Review of the effectiveness of the Local
/// Safeguarding Children Board". The heading starts its line with a
/// capital, fills its lines and comes before the first sentence, so a
/// journalist's headline that goes on or starts with other words is not
/// one, nor a report's head quoted below an article's lead.
pub fn has_report_heading(lines: &[&str]) -> bool {
    // A heading comes before the text's first sentence: an article that
    // quotes a report's head after its lead is still an article.
    let opening: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(OPENING_LINES)
        .take_while(|l| !ends_sentence(l) && !holds_sentence_end(l))
        .collect();
    (0..opening.len())
        .any(|i| (i + 1..=(i + 3).min(opening.len())).any(|j| is_heading(&opening[i..j])))
}

/// Whether the title `blocks` read so far make a whole Ofsted heading
/// that `line`, the first of a new block, does not continue ("and / Review
/// of the effectiveness of ...", or the heading printed again).
fn ends_heading(blocks: &[Vec<&str>], line: &str) -> bool {
    static GOES_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:and\b|review of\b|(?:re-?)?inspection of\b)").expect("static regex")
    });
    let title: Vec<&str> = blocks.iter().flatten().copied().collect();
    // The heading ends the title: it is the title's last one to five lines.
    !GOES_ON.is_match(line)
        && (1..=title.len().min(5)).any(|n| is_heading(&title[title.len() - n..]))
}

/// A report's numbered paragraph ("84. All young people ..."): body, never
/// a title line.
static PARAGRAPH_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\.\s+\p{Lu}").expect("static regex"));

/// A sentence ends inside the line ("... soon enough. Assessments are"):
/// titles hold none. A full stop after a one-letter word or a title ("St.
/// Helens", "Mrs. Smith", "Cllr. Jones") is an abbreviation, not an end;
/// one after a closing bracket is an end whatever the word's case ("Board
/// (CESCB). Significant"), and the next sentence may open with a bracket
/// or a quotation mark ("quality. (Recommendation)").
fn holds_sentence_end(line: &str) -> bool {
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(\p{L}+)(\)?)([.!?])['"’”)]?\s+[(\['"‘“]?\p{Lu}"#).expect("static regex")
    });
    const ABBREVIATIONS: [&str; 9] = ["mr", "mrs", "ms", "dr", "st", "cllr", "prof", "rev", "no"];
    END.captures_iter(line).any(|c| {
        let word = &c[1];
        // "(CESCB). Significant": a bracket closed before the stop ends a
        // sentence whatever the word's case.
        let bracketed = !c[2].is_empty();
        let abbreviated = &c[3] == "."
            && !bracketed
            && (word.chars().count() < 2
                || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a)));
        !abbreviated && (bracketed || word.chars().any(char::is_lowercase))
    })
}

/// A date or a period, perhaps with a page number after it ("22 January to
/// 2 February 2024  1"): a running footer's date, not part of a title.
fn is_date_line(line: &str) -> bool {
    let is_date = |text: &str| parse_dateline(text).is_some() || inspection_period(text).is_some();
    let line = line.trim();
    is_date(line)
        || line.rsplit_once(' ').is_some_and(|(head, page)| {
            page.len() <= 3 && page.bytes().all(|b| b.is_ascii_digit()) && is_date(head)
        })
}

/// "News" above "Children's services move out of 'inadequate'": a known
/// label, or a single capitalised word above a longer line.
fn is_section_label(line: &str, next: &str, lexicon: &Lexicon) -> bool {
    let k = key(line);
    if lexicon.label.contains(&k) {
        return true;
    }
    let n = line.split_whitespace().count();
    n == 1
        && next.split_whitespace().count() >= 4
        && line.trim().chars().all(char::is_alphabetic)
        && line.trim().starts_with(char::is_uppercase)
}

/// A byline: "By Neil Puffett" (perhaps with "| 14 May 2018" after it), or
/// a bare name of two to four capitalised words that is no organisation.
fn byline(line: &str, lexicon: &Lexicon) -> Option<(String, Option<NaiveDate>)> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:written|posted|words)\s+)?by:?\s+(.+?)(?:\s*[|,–—•]\s*|\s+on\s+)(.+)$|^(?:(?:written|posted|words)\s+)?by:?\s+(.+)$").expect("static regex")
    });
    if let Some(caps) = BY.captures(line) {
        if let Some(alone) = caps.get(3) {
            let name = alone.as_str().trim();
            return (name.split_whitespace().count() <= 6).then(|| (tidy(name), None));
        }
        let (name, rest) = (caps[1].trim(), &caps[2]);
        if let Some(date) = parse_dateline(rest) {
            return (name.split_whitespace().count() <= 6).then(|| (tidy(name), Some(date)));
        }
        // "By Joe Lepper, social affairs editor": all of it is the byline.
        let whole = format!("{name}, {}", rest.trim());
        return (whole.split_whitespace().count() <= 10).then(|| (tidy(&whole), None));
    }
    is_bare_name(line, lexicon).then(|| (tidy(line), None))
}

fn is_bare_name(line: &str, lexicon: &Lexicon) -> bool {
    const PARTICLES: [&str; 10] = [
        "de", "van", "von", "der", "da", "di", "le", "la", "al", "du",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || line.len() > 50 {
        return false;
    }
    words.iter().all(|w| {
        let lower = key(w);
        if lexicon.organisation.contains(&lower) {
            return false;
        }
        PARTICLES.contains(&lower.as_str())
            || (w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
    })
}

/// "Board1" at the end of a report title carries a footnote mark.
fn strip_footnote_mark(line: &str) -> &str {
    let t = line.trim_end();
    let stripped = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if stripped.len() < t.len() && stripped.ends_with(char::is_alphabetic) {
        stripped
    } else {
        t
    }
}

/// Single spaces, no surrounding white space or bullet bars.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
