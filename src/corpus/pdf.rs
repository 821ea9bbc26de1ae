//! Text taken from PDFs (Ofsted's inspection reports): takes a document's
//! lines and says whether they are report-shaped, and marks the page
//! furniture: page numbers and the running headers and footers that repeat
//! page after page.
//!
//! Report shape is read from general signals, never from a file name: many
//! lines broken mid-sentence (a line without a sentence end followed by one
//! starting in lower case), or page numbers standing alone between gaps.
//! Hyphens and broken sentences are mended later, when paragraphs are built
//! (see `paragraphs.rs`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::furniture::{ends_sentence, key};

/// The reason given for running headers and footers.
pub const RUNNING: &str = "running page header or footer";

/// True when the text looks like it came from a PDF page layout.
pub fn looks_like_report(lines: &[&str]) -> bool {
    let nonblank = lines.iter().filter(|l| !l.trim().is_empty()).count();
    if nonblank < 20 {
        return false;
    }
    let wrapped = lines
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[0].trim(), w[1].trim());
            !a.is_empty() && !ends_sentence(a) && b.starts_with(char::is_lowercase)
        })
        .count();
    let pages = page_number_lines(lines).len();
    wrapped * 100 >= nonblank * 12 || pages >= 2
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Lines that are a page number and nothing else ("3", "Page 3 of 12",
/// "- 3 -"), standing after a blank line or at the very start.
fn page_number_lines(lines: &[&str]) -> Vec<usize> {
    static PAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$|^[-–]\s*\d{1,3}\s*[-–]$")
            .expect("static regex")
    });
    (0..lines.len())
        .filter(|&i| (i == 0 || is_blank(lines[i - 1])) && PAGE.is_match(lines[i].trim()))
        .collect()
}

/// Marks page numbers and running headers/footers in `removed`.
pub fn mark_page_furniture(lines: &[&str], removed: &mut [Option<String>]) {
    let numbers = page_number_lines(lines);
    for &i in &numbers {
        removed[i] = Some("page number".to_string());
    }
    // Page breaks: a page number, or two or more blank lines in a row.
    let mut breaks: Vec<usize> = numbers;
    let mut run = 0;
    for (i, line) in lines.iter().enumerate() {
        if is_blank(line) {
            run += 1;
        } else {
            if run >= 2 {
                breaks.push(i);
            }
            run = 0;
        }
    }
    breaks.sort_unstable();
    breaks.dedup();
    // The lines next to each break, by shape (digits blurred so that "2"
    // and "3" in "10 to 21 July 2023  2" do not matter).
    let mut shapes: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (page, &at) in breaks.iter().enumerate() {
        for i in near_break(lines, at) {
            if removed[i].is_none() {
                shapes.entry(shape(lines[i])).or_default().push((page, i));
            }
        }
    }
    let needed = if breaks.len() <= 4 { 2 } else { 3 };
    for (shape, places) in shapes {
        // A line near two breaks (a short page) counts once.
        let mut at: Vec<usize> = places.iter().map(|&(_, i)| i).collect();
        at.sort_unstable();
        at.dedup();
        if at.len() < needed || shape.len() < 2 {
            continue;
        }
        for (_, i) in places {
            removed[i] = Some(RUNNING.to_string());
        }
    }
}

/// The most lines a running heading takes ("Inspection of London Borough
/// of Barking and Dagenham local authority children's services" may wrap).
const HEADING_LINES: usize = 3;

/// Marks a running header printed once: an Ofsted heading ("Inspection of
/// Brent local authority children's services") on a line of its own after
/// a blank line, followed by the inspection period with the page number
/// ("27 April to 1 May 2026 5"). An excerpt of a report holds one or two
/// page breaks, too few for [`mark_page_furniture`] to see the header
/// repeat, and left in, the header cut the sentence it fell in into two
/// (a third of the evaluation excerpts held one). The heading and the
/// dated line together are a page's top and nothing else; either alone is
/// left to the other rules. Lines before `from` (the head) are left alone.
pub fn mark_lone_headers(lines: &[&str], removed: &mut [Option<String>], from: usize) {
    let mut i = from;
    while i < lines.len() {
        // After a blank line, or after a page number already marked.
        let after_gap = i == 0 || is_blank(lines[i - 1]) || removed[i - 1].is_some();
        if !after_gap || is_blank(lines[i]) || removed[i].is_some() {
            i += 1;
            continue;
        }
        let found = (1..=HEADING_LINES).find(|&n| {
            let end = i + n;
            end < lines.len()
                && (i..end).all(|k| !is_blank(lines[k]) && removed[k].is_none())
                && is_dated_page_line(lines[end])
                && super::metadata::is_heading(
                    &lines[i..end].iter().map(|l| l.trim()).collect::<Vec<_>>(),
                )
        });
        match found {
            Some(n) => {
                for r in &mut removed[i..=i + n] {
                    *r = Some(RUNNING.to_string());
                }
                i += n + 1;
            }
            None => i += 1,
        }
    }
}

/// An inspection period or date, with or without the page number after it,
/// the dated line of a report's running header: "27 April to 1 May 2026 5",
/// "11 July 2022 3",
/// "14 to 25 July 2025 11", "26th February 2024 to 8th March 2024 4",
/// "(11 to 22 October 2021) 6", "5 to 9 December 2022 and 14 to 15
/// February 2023 6": nothing but days, months, years, "to", "and" and
/// dashes, with a month among them.
fn is_dated_page_line(line: &str) -> bool {
    // A dash may stand between spaces or join two days ("14–25 July"); a
    // full stop may end the date ("15 to 19 May 2023. 6"). Most lines fail
    // at their first word, before any month is looked up.
    let number = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        !digits.is_empty()
            && digits.len() <= 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && ["", "st", "nd", "rd", "th"]
                .iter()
                .any(|s| suffix.eq_ignore_ascii_case(s))
    };
    let mut months = 0;
    let dated = line
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '-' | '–'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            if number(w) || w.eq_ignore_ascii_case("to") || w.eq_ignore_ascii_case("and") {
                return true;
            }
            let month = super::dates::month(w).is_some();
            months += usize::from(month);
            month
        });
    dated && months > 0
}

/// A "Contents" heading and the lines after it that end in a page number
/// ("The local authority 5"): a table of contents, not report text.
pub fn mark_contents(lines: &[&str], removed: &mut [Option<String>]) {
    let Some(start) = lines
        .iter()
        .position(|l| matches!(key(l).as_str(), "contents" | "table of contents"))
    else {
        return;
    };
    removed[start] = Some("table of contents".to_string());
    for i in start + 1..lines.len() {
        let line = lines[i].trim();
        if line.is_empty() || removed[i].is_some() {
            continue;
        }
        let ends_in_page = line
            .rsplit_once(' ')
            .is_some_and(|(_, n)| n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
        if !ends_in_page {
            break;
        }
        removed[i] = Some("table of contents".to_string());
    }
}

/// The first three non-blank lines after a page break and the last two
/// before it.
fn near_break(lines: &[&str], at: usize) -> Vec<usize> {
    let after = (at..lines.len()).filter(|&i| !is_blank(lines[i])).take(3);
    let before = (0..at).rev().filter(|&i| !is_blank(lines[i])).take(2);
    after.chain(before).collect()
}

fn shape(line: &str) -> String {
    let k = key(line);
    let mut out = String::with_capacity(k.len());
    for c in k.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three pages of a 2023 ILACS report as extracted, with its running
    /// header, dated footer line and page-number tails.
    const PAGES: &str = "Inspection of Barking and Dagenham \nchildren’s services  \nInspection dates: 10 to 21 July 2023  \n \nThere have been improvements since the previous inspection of the London Borough \nof Barking and Dagenham children’s services in 2019, although overall services still \nrequire improvement to be good. This is evident in a lack of decisive \nintervention for some children who are exposed to long-term neglect and domestic \n \n \nInspection of London Borough of Barking and Dagenham local authority children’s services \n10 to 21 July 2023  2 \nabuse, and in delays in progressing permanence plans and life-story work for some \nchildren in care.  \nWhat needs to improve? \n◼ Timeliness of strategy meetings. \n \n \nInspection of London Borough of Barking and Dagenham local authority children’s services \n10 to 21 July 2023  3 \n1. Children and families have access to a good range of universal and targeted \nearly help provision. Early help workers complete assessments and plans that \nare of good quality, so there is effective support for children. \n \n \nInspection of London Borough of Barking and Dagenham local authority children’s services \n10 to 21 July 2023  4 \nThe end of the report has a sentence that stops here. \n";

    #[test]
    fn running_headers_and_dated_page_lines_are_marked() {
        let lines: Vec<&str> = PAGES.lines().collect();
        assert!(looks_like_report(&lines));
        let mut removed = vec![None; lines.len()];
        mark_page_furniture(&lines, &mut removed);
        let marked: Vec<&str> = (0..lines.len())
            .filter(|&i| removed[i].is_some())
            .map(|i| lines[i].trim())
            .collect();
        assert_eq!(marked.len(), 6, "{marked:?}");
        assert!(marked
            .iter()
            .all(|l| l.starts_with("Inspection of London") || l.starts_with("10 to 21 July 2023")));
        // The title lines on page 1 are not running headers.
        assert!(removed[0].is_none() && removed[1].is_none());
    }

    #[test]
    fn a_running_header_printed_once_is_marked_with_its_dated_line() {
        // An excerpt: one page break, so the header does not repeat.
        let text = "Inspection of Brent local authority\nchildren’s services\n\nwhen appropriate. Practitioners provide early access for children to\n\nInspection of Brent local authority children’s services\n27 April to 1 May 2026 5\nindependent advocacy, which ensures that practitioners understand views.\n";
        let lines: Vec<&str> = text.lines().collect();
        let mut removed = vec![None; lines.len()];
        mark_lone_headers(&lines, &mut removed, 3);
        let marked: Vec<usize> = (0..lines.len()).filter(|&i| removed[i].is_some()).collect();
        assert_eq!(marked, [5, 6]);
        // After a page number already marked, as after a blank line.
        let text = "Title\n\nwork goes on\n10\nInspection of Enfield local authority children’s services\n22 to 26 July 2024\nwith children.\n";
        let lines: Vec<&str> = text.lines().collect();
        let mut removed = vec![None; lines.len()];
        removed[3] = Some("page number".to_string());
        mark_lone_headers(&lines, &mut removed, 1);
        assert!(removed[4].is_some() && removed[5].is_some() && removed[6].is_none());
        // Without the dated page line, a heading in the text stays.
        let text = "Title\n\nInspection of Brent local authority children’s services\nwas published in May.\n";
        let lines: Vec<&str> = text.lines().collect();
        let mut removed = vec![None; lines.len()];
        mark_lone_headers(&lines, &mut removed, 1);
        assert!(removed.iter().all(Option::is_none));
        assert!(is_dated_page_line("14 to 25 July 2025 11"));
        assert!(is_dated_page_line("5 September 2022 to 9 October 2022  3"));
        assert!(is_dated_page_line("(11 to 22 October 2021) 6"));
        assert!(is_dated_page_line("26th February 2024 to 8th March 2024 4"));
        assert!(is_dated_page_line("14–25 July 2025 11"));
        assert!(!is_dated_page_line("In July 2025 inspectors found"));
        assert!(is_dated_page_line("11 July 2022 3"));
        assert!(is_dated_page_line("15 to 19 May 2023. 6"));
    }

    #[test]
    fn lone_page_numbers_between_gaps_are_marked() {
        let text = " \n \n 1 \nLondon Borough of Barnet \nInspection of services for children in need of help and \n \n \n 2 \nExecutive summary \n";
        let lines: Vec<&str> = text.lines().collect();
        let mut removed = vec![None; lines.len()];
        mark_page_furniture(&lines, &mut removed);
        assert_eq!(removed[2].as_deref(), Some("page number"));
        assert_eq!(removed[7].as_deref(), Some("page number"));
        assert!(removed[3].is_none() && removed[8].is_none());
    }

    #[test]
    fn articles_with_one_paragraph_a_line_are_not_reports() {
        let para = "Ofsted has praised improvements at two councils where children's services were previously rated inadequate.";
        let lines: Vec<&str> = std::iter::repeat_n([para, ""], 30).flatten().collect();
        assert!(!looks_like_report(&lines));
    }
}
