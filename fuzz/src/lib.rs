//! Invariants shared by the fuzz targets in `fuzz_targets/`.
//!
//! Each function takes what a stage of motif gave and panics (a finding,
//! for libFuzzer) when it breaks a promise the library's types or docs make:
//! byte ranges inside their text and on character boundaries, sentences in
//! order, dates within the years motif accepts, and so on. Nothing here
//! catches panics: a panic anywhere in a target is a crash to fix.

use chrono::{Datelike, NaiveDate};
use motif::councils::{Attribution, Candidate, Gazetteer};
use motif::text::Sentence;
use motif::themes::{LexiconSet, Tagged};

/// The years `motif::corpus::dates` accepts; anything outside is a guess.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A sample article: the fixture the integration tests use.
pub const SAMPLE: &str = include_str!("../../tests/fixtures/corpus/cypnow_style_article.txt");

/// Turns fuzz bytes into text the way a user's file would arrive as a
/// `String`: lossy, so every input reaches the parser.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// `start..end` lies within `text` and on character boundaries.
pub fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on character boundaries"
    );
}

/// A date motif read is within the years it accepts.
pub fn check_date(date: NaiveDate, what: &str) {
    assert!(YEARS.contains(&date.year()), "{what}: implausible {date}");
}

/// Sentences are non-empty, trimmed, numbered from 1, in body order and
/// do not overlap.
pub fn check_sentences(body: &str, sentences: &[Sentence]) {
    let mut last_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert_eq!(s.no, i + 1, "sentence numbers run 1, 2, 3...");
        check_span(body, s.start, s.end, "sentence");
        assert!(s.start < s.end, "empty sentence {s:?}");
        assert!(
            s.start >= last_end,
            "sentence {s:?} overlaps the one before"
        );
        let text = s.text(body);
        assert_eq!(text, text.trim(), "sentence {s:?} is not trimmed");
        last_end = s.end;
    }
}

/// Mentions and suppressed matches point into their sentence of `body`,
/// and at a theme of `lexicons`.
pub fn check_tagged(body: &str, sentences: &[Sentence], tagged: &Tagged, lexicons: &LexiconSet) {
    let themes = lexicons.themes().len();
    let spans = tagged
        .mentions
        .iter()
        .map(|m| (m.sentence, m.theme, m.start, m.end, "mention"))
        .chain(
            tagged
                .suppressed
                .iter()
                .map(|s| (s.sentence, s.theme, s.start, s.end, "suppressed match")),
        );
    for (sentence, theme, start, end, what) in spans {
        check_span(body, start, end, what);
        assert!(usize::from(theme.0) < themes, "{what}: no theme {theme:?}");
        let s = sentences
            .get(sentence)
            .unwrap_or_else(|| panic!("{what}: no sentence {sentence}"));
        assert!(
            s.start <= start && end <= s.end,
            "{what} {start}..{end} outside its sentence {}..{}",
            s.start,
            s.end
        );
    }
}

/// One attribution per sentence, naming councils of `gazetteer`.
pub fn check_attributions(gazetteer: &Gazetteer, sentences: &[Sentence], found: &[Attribution]) {
    assert_eq!(found.len(), sentences.len(), "one attribution per sentence");
    let councils = gazetteer.councils().len();
    for a in found {
        for id in &a.councils {
            assert!(usize::from(id.0) < councils, "no council {id:?}");
        }
    }
}

/// Candidate council names lie in `text`, read as written there, and name
/// councils of `gazetteer`.
pub fn check_candidates(gazetteer: &Gazetteer, text: &str, candidates: &[Candidate]) {
    let councils = gazetteer.councils().len();
    for c in candidates {
        check_span(text, c.start, c.end, "council candidate");
        assert_eq!(
            &text[c.start..c.end],
            c.alias,
            "a candidate's alias is the name as written in the text"
        );
        for id in &c.councils {
            assert!(usize::from(id.0) < councils, "no council {id:?}");
        }
    }
}

/// A lexicon's theme definitions compiled, then used on `texts`: the
/// matches of every theme must satisfy [`check_tagged`].
pub fn exercise_lexicon(defs: Vec<motif::themes::ThemeDef>, texts: &[&str]) {
    let _ = motif::themes::check::check_defs(&defs);
    let Ok(lexicons) = LexiconSet::from_defs(defs) else {
        return;
    };
    for body in texts {
        let sentences = motif::text::sentences(body);
        let tagged = motif::themes::tag(&lexicons, body, &sentences);
        check_tagged(body, &sentences, &tagged, &lexicons);
    }
    let _ = motif::themes::check::lint(&lexicons, texts.iter().copied());
}

/// The number of lines of `text` as parsers count them: `\n`, `\r\n` and a
/// lone `\r` (a line break to YAML) each end one, and the end of the text
/// after a final break is on a line of its own.
pub fn lines(text: &str) -> usize {
    text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1
}

/// The checks every lexicon-format target makes on what its parser gave
/// for `text`: entry lines and use of the themes when it parsed, the line
/// of the syntax error when it did not.
pub fn check_lexicon_parse(
    text: &str,
    parsed: Result<Vec<motif::themes::ThemeDef>, motif::themes::LexiconError>,
) {
    match parsed {
        Ok(defs) => {
            check_term_lines(text, &defs);
            exercise_lexicon(defs, &[SAMPLE, text]);
        }
        Err(err) => check_error_line(text, &err),
    }
}

/// A syntax error names a line of the text (or 0 for the whole file).
pub fn check_error_line(text: &str, err: &motif::themes::LexiconError) {
    if let motif::themes::LexiconError::Syntax { line, .. } = err {
        let lines = lines(text);
        assert!(
            *line <= lines,
            "error on line {line} of a {lines}-line file: {err}"
        );
    }
}

/// Every entry of every theme names a line of the text (or 0: unknown).
pub fn check_term_lines(text: &str, defs: &[motif::themes::ThemeDef]) {
    let lines = lines(text);
    for def in defs {
        for term in def
            .terms
            .iter()
            .chain(&def.exclude)
            .chain(&def.concern)
            .chain(&def.strength)
            .chain(&def.negation)
        {
            assert!(
                term.line <= lines,
                "{:?} on line {} of a {lines}-line file",
                term.text,
                term.line
            );
        }
    }
}
