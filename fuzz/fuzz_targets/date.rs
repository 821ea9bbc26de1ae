//! The date parsers of `motif::corpus::dates` on arbitrary text.
//!
//! Feeds the input to `parse_date`, `parse_dateline` and
//! `inspection_period`, and its lines to `inspection_dates`. A date read
//! must lie in 1900..=2100, a period must not run backwards, and a line
//! that is a date must read as the same date when taken as a dateline.

#![no_main]

use libfuzzer_sys::fuzz_target;
use motif::corpus::dates::{inspection_dates, inspection_period, parse_date, parse_dateline};
use motif_fuzz::check_date;

fuzz_target!(|data: &[u8]| {
    let text = motif_fuzz::text(data);
    let date = parse_date(&text);
    if let Some(d) = date {
        check_date(d, "parse_date");
    }
    let dateline = parse_dateline(&text);
    if let Some(d) = dateline {
        check_date(d, "parse_dateline");
    }
    // parse_dateline refuses lines longer than 80 bytes.
    if date.is_some() && text.len() <= 80 && !text.contains('\n') {
        assert_eq!(
            dateline, date,
            "a line that is a date is a dateline: {text:?}"
        );
    }
    if let Some((from, to)) = inspection_period(&text) {
        check_date(from, "inspection_period");
        check_date(to, "inspection_period");
        assert!(from <= to, "period runs backwards: {from} to {to}");
    }
    let lines: Vec<&str> = text.split('\n').collect();
    if let Some((index, from, to)) = inspection_dates(&lines) {
        assert!(index < lines.len(), "line {index} of {}", lines.len());
        check_date(from, "inspection_dates");
        check_date(to, "inspection_dates");
        assert!(from <= to, "period runs backwards: {from} to {to}");
    }
});
