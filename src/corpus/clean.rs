//! One decoded text to its parts: takes the text of a file and gives the
//! header (title, byline, dates), the body paragraphs and every line left
//! out of the body with the reason, by running the rules in order: report
//! shape and page furniture (PDF text), the header, site furniture, then
//! paragraph building.

use super::furniture::{self, Lexicon};
use super::metadata::{self, Header};
use super::paragraphs::{self, Paragraph};
use super::{dates, pdf, Removed};

/// A text taken apart.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub header: Header,
    pub paragraphs: Vec<Paragraph>,
    pub removed: Vec<Removed>,
    /// The text looked like a PDF extraction (an inspection report).
    pub from_pdf: bool,
}

/// Takes `text` apart (see the module docs).
pub fn clean(text: &str, lexicon: &Lexicon) -> Cleaned {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\u{feff}'))
        .collect();
    let mut removed: Vec<Option<String>> = vec![None; lines.len()];
    let from_pdf = pdf::looks_like_report(&lines);
    if from_pdf {
        pdf::mark_page_furniture(&lines, &mut removed);
        pdf::mark_contents(&lines, &mut removed);
    }
    // A hard-wrapped article is PDF-shaped but has an article's head: the
    // report head is read only where pages or an inspection period show.
    // A report copied out of its PDF a paragraph a line is not PDF-shaped,
    // but still opens with its title and inspection dates.
    let paged = removed.iter().any(Option::is_some);
    let period = dates::inspection_dates(&lines);
    let opens_with_period = period.is_some_and(|(i, ..)| in_opening(&lines, i));
    let report_heading = metadata::has_report_heading(&lines);
    let mut header =
        if (from_pdf && (paged || period.is_some())) || opens_with_period || report_heading {
            metadata::report_header(&lines, &removed)
        } else {
            metadata::article_header(&lines, &removed, lexicon)
        };
    header.report_heading = report_heading;
    for &(i, what) in &header.consumed {
        removed[i] = Some(what.to_string());
    }
    let start = header
        .consumed
        .iter()
        .map(|&(i, _)| i)
        .chain(header.headline)
        .map(|i| i + 1)
        .max()
        .unwrap_or(0);
    if from_pdf || report_heading {
        pdf::mark_lone_headers(&lines, &mut removed, start);
    }
    furniture::mark(&lines, &mut removed, start, from_pdf, lexicon);
    let paragraphs = paragraphs::assemble(&lines, &removed, from_pdf, header.headline, lexicon);
    let removed = removed
        .into_iter()
        .enumerate()
        .filter_map(|(i, reason)| {
            reason.map(|reason| Removed {
                line: i + 1,
                text: lines[i].trim().to_string(),
                reason,
            })
        })
        .collect();
    Cleaned {
        header,
        paragraphs,
        removed,
        from_pdf,
    }
}

/// Whether line `i` is among a text's first few non-blank lines, where a
/// report's title and inspection dates are ([`metadata::OPENING_LINES`]);
/// a news story rarely gives inspection dates so high up.
fn in_opening(lines: &[&str], i: usize) -> bool {
    lines[..i].iter().filter(|l| !l.trim().is_empty()).count() < metadata::OPENING_LINES
}

#[cfg(test)]
mod tests;
