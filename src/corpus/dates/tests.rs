//! Tests for the date parser: the forms found in real datelines and Ofsted
//! reports, and property tests that every date written in each form reads
//! back as itself.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn dateline_forms_from_real_articles() {
    assert_eq!(parse_dateline("| 14 May 2018"), Some(d(2018, 5, 14)));
    assert_eq!(
        parse_dateline("Tuesday, October 24, 2017"),
        Some(d(2017, 10, 24))
    );
    assert_eq!(parse_dateline("25 January 2017"), Some(d(2017, 1, 25)));
    assert_eq!(parse_dateline("24th October 2017"), Some(d(2017, 10, 24)));
    assert_eq!(parse_dateline("2017-10-24"), Some(d(2017, 10, 24)));
    assert_eq!(parse_dateline("24/10/2017"), Some(d(2017, 10, 24)));
    assert_eq!(parse_dateline("Oct 24, 2017"), Some(d(2017, 10, 24)));
    assert_eq!(parse_dateline("Sept. 3, 2019"), Some(d(2019, 9, 3)));
    assert_eq!(
        parse_dateline("Published: 3 March 2020 10:30"),
        Some(d(2020, 3, 3))
    );
    assert_eq!(
        parse_dateline("Posted on Friday 1st June 2018"),
        Some(d(2018, 6, 1))
    );
}

/// Found by `fuzz/` (target `date`, input `fuzz/regressions/date/`): the
/// time pattern read the end of `24.10.17` as the time `10.17`, so a
/// dateline printed with dots and a two-digit year gave no date.
#[test]
fn a_dotted_date_with_a_two_digit_year_is_not_a_date_and_a_time() {
    assert_eq!(parse_date("4.1.77"), Some(d(2077, 1, 4)));
    assert_eq!(parse_dateline("4.1.77"), Some(d(2077, 1, 4)));
    assert_eq!(parse_dateline("24.10.17"), Some(d(2017, 10, 24)));
    assert_eq!(parse_dateline("| 24.10.17"), Some(d(2017, 10, 24)));
    assert_eq!(
        parse_dateline("Published: 24.10.17 10:30"),
        Some(d(2017, 10, 24))
    );
    assert_eq!(parse_dateline("24.10.17 at 10.30"), Some(d(2017, 10, 24)));
}

#[test]
fn slashed_dates_are_day_first() {
    assert_eq!(parse_date("03/04/2019"), Some(d(2019, 4, 3)));
    assert_eq!(parse_date("12/09/2016"), Some(d(2016, 9, 12)));
    // 24 cannot be a month, and nothing is swapped to make it fit.
    assert_eq!(parse_date("10/24/2017"), None);
}

#[test]
fn sentences_and_partial_dates_are_not_datelines() {
    assert_eq!(
        parse_dateline("Progress had been slow at Tameside since 2016."),
        None
    );
    assert_eq!(parse_dateline("May 2018"), None);
    assert_eq!(parse_dateline("31 February 2019"), None);
    assert_eq!(parse_dateline("By Neil Puffett"), None);
    assert_eq!(parse_dateline("Tristan Donovan"), None);
    assert_eq!(parse_dateline("2017-10-24/2018"), None);
}

#[test]
fn inspection_periods_as_ofsted_prints_them() {
    let p = |s: &str| inspection_period(s);
    assert_eq!(
        p("18 February to 1 March 2019"),
        Some((d(2019, 2, 18), d(2019, 3, 1)))
    );
    assert_eq!(
        p("10 to 21 July 2023"),
        Some((d(2023, 7, 10), d(2023, 7, 21)))
    );
    assert_eq!(
        p("29 April – 22 May 2014"),
        Some((d(2014, 4, 29), d(2014, 5, 22)))
    );
    assert_eq!(
        p("14 September 2015 – 8 October 2015"),
        Some((d(2015, 9, 14), d(2015, 10, 8)))
    );
    assert_eq!(
        p("12/09/2016 to 06/10/2016"),
        Some((d(2016, 9, 12), d(2016, 10, 6)))
    );
    assert_eq!(
        p("1/06/2015 – 25/06/2015"),
        Some((d(2015, 6, 1), d(2015, 6, 25)))
    );
    assert_eq!(p("28 July 2016"), Some((d(2016, 7, 28), d(2016, 7, 28))));
    assert_eq!(
        p("30 September to 11 October 2024 and 13 to 16 January 2025"),
        Some((d(2024, 9, 30), d(2025, 1, 16)))
    );
    assert_eq!(
        p("19 November-11 December 2013 and 28 – 30 January 2014"),
        Some((d(2013, 11, 19), d(2014, 1, 30)))
    );
    assert_eq!(p("during the spring"), None);
}

#[test]
fn inspection_dates_joins_a_period_broken_over_two_lines() {
    let lines = [
        "Inspection of Someshire children’s services",
        "Inspection dates: 8 July 2019 to 12 July 2019 and 7 August 2019 to ",
        "8 August 2019 ",
        "Lead inspector: A Person",
    ];
    assert_eq!(
        inspection_dates(&lines),
        Some((1, d(2019, 7, 8), d(2019, 8, 8)))
    );
    let lines = [
        "Inspection date: 25 April – 18 May 2017  ",
        "Report published: 7 July 2017",
    ];
    assert_eq!(
        inspection_dates(&lines),
        Some((0, d(2017, 4, 25), d(2017, 5, 18)))
    );
}

const LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2040, 1u32..=12, 1u32..=31)
        .prop_filter_map("real day", |(y, m, day)| NaiveDate::from_ymd_opt(y, m, day))
}

fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

proptest! {
    #[test]
    fn every_written_form_reads_back(date in any_date(), form in 0usize..9) {
        let month = LONG[date.month0() as usize];
        let short = &month[..3];
        let weekday = date.format("%A").to_string();
        let text = match form {
            0 => format!("{} {month} {}", date.day(), date.year()),
            1 => format!("| {} {month} {}", date.day(), date.year()),
            2 => format!("{weekday}, {month} {}, {}", date.day(), date.year()),
            3 => format!("{} {month} {}", ordinal(date.day()), date.year()),
            4 => date.format("%Y-%m-%d").to_string(),
            5 => date.format("%d/%m/%Y").to_string(),
            6 => format!("{short} {}, {}", date.day(), date.year()),
            // Two-digit years are this century's.
            8 if date.year() >= 2000 => date.format("%d.%m.%y").to_string(),
            _ => format!("{weekday} {} {month} {}", date.day(), date.year()),
        };
        prop_assert_eq!(parse_dateline(&text), Some(date), "{}", text);
    }

    #[test]
    fn numeric_dates_are_never_read_month_first(date in any_date()) {
        // Day-first reading of a day-first string is the date; the same
        // string is never reinterpreted when day and month could swap.
        let text = date.format("%d/%m/%Y").to_string();
        prop_assert_eq!(parse_date(&text), Some(date));
    }

    #[test]
    fn the_parser_never_panics_and_needs_a_year(text in "\\PC{0,40}") {
        if let Some(date) = parse_dateline(&text) {
            let year = date.year().to_string();
            let short = year[2..].to_string();
            prop_assert!(text.contains(&year) || text.contains(&short));
        }
    }

    #[test]
    fn inspection_ranges_fill_month_and_year_from_the_end(date in any_date(), span in 0i64..30) {
        let end = date + chrono::Duration::days(span);
        let text = format!(
            "{} {} to {} {} {}",
            date.day(), LONG[date.month0() as usize],
            end.day(), LONG[end.month0() as usize], end.year()
        );
        if date.year() == end.year() {
            prop_assert_eq!(inspection_period(&text), Some((date, end)));
        }
    }
}
