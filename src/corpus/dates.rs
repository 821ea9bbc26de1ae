//! Dates as people print them: takes a string and gives a [`NaiveDate`], or
//! `None` when the string is not (only) a date. Nothing is guessed: a
//! missing year, an impossible day or an ambiguous shape gives `None`.
//!
//! Understood: `14 May 2018`, `24th October 2017`, `Tuesday, October 24,
//! 2017`, `Oct 24, 2017`, `2017-10-24`, `24/10/2017` (day first, as in the
//! UK), `24.10.17`; and datelines around them (`| 14 May 2018`, `Published:
//! 14 May 2018 10:30`). [`inspection_dates`] reads Ofsted's
//! `Inspection dates: 18 February to 1 March 2019` in its many variants.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// Parses a string that is a date and nothing else (an optional weekday
/// and commas allowed).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches(['.', ',']);
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,4})([-/.])(\d{1,2})([-/.])(\d{1,4})$").expect("static regex")
    });
    if let Some(caps) = NUMERIC.captures(text) {
        let (a, b, c) = (&caps[1], &caps[3], &caps[5]);
        if caps[2] != caps[4] {
            return None;
        }
        let num = |s: &str| s.parse::<u32>().ok();
        return if a.len() == 4 {
            ymd(i32::try_from(num(a)?).ok()?, num(b)?, num(c)?)
        } else if c.len() == 4 || c.len() == 2 {
            ymd(full_year(c)?, num(b)?, num(a)?)
        } else {
            None
        };
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let tokens = match tokens.split_first() {
        Some((first, rest)) if weekday(first) => rest,
        _ => &tokens[..],
    };
    match tokens {
        [d, m, y] => {
            if let (Some(day), Some(month)) = (day(d), month(m)) {
                ymd(year(y)?, month, day)
            } else {
                ymd(year(y)?, month(d)?, day(m)?)
            }
        }
        _ => None,
    }
}

/// Reads a dateline: a line that is a date, perhaps behind a separator or a
/// label (`| 14 May 2018`, `Published: ...`, `Posted on ...`) and perhaps
/// followed by a time.
pub fn parse_dateline(line: &str) -> Option<NaiveDate> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^[\s|•·–—-]*(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|date|on)?\s*:?\s*",
        )
        .expect("static regex")
    });
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\s*(?:,|at|-|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:am|pm))?(?:\s*(?:bst|gmt|utc))?)$")
            .expect("static regex")
    });
    if line.len() > 80 {
        return None;
    }
    let rest = LABEL.replace(line.trim(), "");
    let rest = rest.trim();
    // A date on its own is never a shorter date and a time: `24.10.17` ends
    // in what the time pattern would read as `10.17`.
    parse_date(rest.trim_end_matches(['|', ' '])).or_else(|| {
        let rest = TIME.replace(rest, "");
        parse_date(rest.trim_end_matches(['|', ' ']))
    })
}

/// Reads the inspection period from the text after `Inspection date(s):`
/// (`18 February to 1 March 2019`, `10 to 21 July 2023`, `12/09/2016 to
/// 06/10/2016`, `19 November-11 December 2013 and 28 – 30 January 2014`):
/// the first day and the last day. Parts without a month or year take them
/// from the next part.
pub fn inspection_period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*(?:\bto\b|\band\b|[–—─-])\s*").expect("static regex"));
    let parts: Vec<&str> = SEP
        .split(text.trim())
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut partial: Vec<(u32, Option<u32>, Option<i32>)> = Vec::new();
    for part in &parts {
        if let Some(date) = parse_date(part) {
            use chrono::Datelike;
            partial.push((date.day(), Some(date.month()), Some(date.year())));
            continue;
        }
        let tokens: Vec<&str> = part.split_whitespace().collect();
        match tokens[..] {
            [d] => partial.push((day(d)?, None, None)),
            [d, m] => partial.push((day(d)?, Some(month(m)?), None)),
            _ => return None,
        }
    }
    // Fill month and year from the right: "10 to 21 July 2023".
    let (mut month_next, mut year_next) = (None, None);
    let mut dates = Vec::with_capacity(partial.len());
    for &(d, m, y) in partial.iter().rev() {
        let m = m.or(month_next)?;
        let y = y.or(year_next)?;
        month_next = Some(m);
        year_next = Some(y);
        dates.push(ymd(y, m, d)?);
    }
    dates.reverse();
    let (from, to) = (*dates.first()?, *dates.last()?);
    (from <= to).then_some((from, to))
}

/// Finds `Inspection date(s): ...` in the opening lines of a report and
/// reads its period. `lines` are the report's lines; a period broken over
/// two lines (`... and 7 August 2019 to` / `8 August 2019`) is joined.
pub fn inspection_dates(lines: &[&str]) -> Option<(usize, NaiveDate, NaiveDate)> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:dates?\s+of\s+inspection|inspection\s+dates?)\s*:?\s*(.*)$")
            .expect("static regex")
    });
    for (index, line) in lines.iter().enumerate().take(200) {
        let Some(caps) = LABEL.captures(line) else {
            continue;
        };
        let mut text = caps[1].trim().to_string();
        if let Some(period) = inspection_period(&text) {
            if !dangling(&text) {
                return Some((index, period.0, period.1));
            }
        }
        if let Some(next) = lines.get(index + 1) {
            text.push(' ');
            text.push_str(next.trim());
            if let Some(period) = inspection_period(&text) {
                return Some((index, period.0, period.1));
            }
        }
    }
    None
}

/// True when a period's text ends mid-range ("... 2019 to", "28 – 30").
fn dangling(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with("to")
        || t.ends_with("and")
        || t.ends_with(['–', '-', '—'])
        || t.rsplit(' ').next().is_some_and(|w| w.len() < 3)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn full_year(text: &str) -> Option<i32> {
    let n: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(n),
        // Two-digit years in datelines are this century's.
        2 => Some(2000 + n),
        _ => None,
    }
}

fn year(token: &str) -> Option<i32> {
    if token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) {
        token.parse().ok()
    } else {
        None
    }
}

/// A day of the month: `24`, `24th`, `1st`, `2nd`, `3rd`.
fn day(token: &str) -> Option<u32> {
    let lower = token.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or its abbreviation (`Oct`, `Oct.`, `Sept`).
pub(super) fn month(token: &str) -> Option<u32> {
    let lower = token.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() <= 4 && m.starts_with(&lower)))?;
    u32::try_from(index + 1).ok()
}

fn weekday(token: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = token.trim_end_matches(['.', ',']).to_lowercase();
    lower.len() >= 3
        && DAYS
            .iter()
            .any(|d| *d == lower || (lower.len() == 3 && d.starts_with(&lower)))
}

#[cfg(test)]
mod tests;
