//! From what a user typed to a Tantivy query.
//!
//! Takes a query string in Tantivy's query language plus the filter flags
//! (`--council`, `--year`, `--theme`, `--polarity`) and gives one Tantivy
//! query. Before parsing it checks quotes, brackets and year ranges itself,
//! so that a malformed query gets a message pointing at the problem, and
//! rewrites `council:` values through the gazetteer so that any alias works.

use std::ops::Bound;
use std::sync::LazyLock;

use regex::Regex;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::schema::{normalise_name, Fields};
use super::IndexError;
use crate::councils::Gazetteer;

/// Inclusive range of publication years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub from: i32,
    pub to: i32,
}

impl std::str::FromStr for YearRange {
    type Err = String;

    /// Parses `2017` or `2015..2018` (either end may be left open).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let year = |t: &str, default: i32| -> Result<i32, String> {
            let t = t.trim();
            if t.is_empty() {
                return Ok(default);
            }
            t.parse()
                .map_err(|_| format!("`{t}` is not a year (expected e.g. 2017 or 2015..2018)"))
        };
        let range = match s.split_once("..") {
            Some((a, b)) => YearRange {
                from: year(a, i32::MIN)?,
                to: year(b.trim_start_matches('='), i32::MAX)?,
            },
            None => {
                let y = year(s, 0)?;
                YearRange { from: y, to: y }
            }
        };
        if range.from > range.to {
            return Err(format!(
                "year range {s} runs backwards (write {}..{})",
                range.to, range.from
            ));
        }
        Ok(range)
    }
}

/// Order of search results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Score,
    /// Newest first.
    Date,
}

/// What `--by` groups matching documents by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Council,
    Year,
    Theme,
}

/// A search: the query text and the flags that narrow it.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// Tantivy query language; `*` matches every document.
    pub query: String,
    /// Any name the gazetteer knows, or a GSS code (any of them matches).
    pub councils: Vec<String>,
    pub years: Option<YearRange>,
    /// Theme ids (any of them matches).
    pub themes: Vec<String>,
    /// `concern`, `strength`, `neutral` or `theme/polarity`.
    pub polarity: Option<String>,
    pub limit: usize,
    pub sort: SortOrder,
    /// Search the unstemmed body instead of the stemmed one.
    pub exact: bool,
}

impl SearchRequest {
    /// Whether the query holds a quoted phrase (curly quotes too).
    pub fn has_phrase(&self) -> bool {
        normalise(&self.query).contains('"')
    }

    /// A request for `query` with no filters, 20 results by score.
    pub fn new(query: &str) -> Self {
        SearchRequest {
            query: query.to_string(),
            councils: Vec::new(),
            years: None,
            themes: Vec::new(),
            polarity: None,
            limit: 20,
            sort: SortOrder::Score,
            exact: false,
        }
    }
}

fn malformed(message: String) -> IndexError {
    IndexError::Query { message }
}

/// Points at byte `at` of `query` with a caret under it.
fn pointer(query: &str, at: usize) -> String {
    let column = query[..at.min(query.len())].chars().count();
    format!("\n  {query}\n  {}^", " ".repeat(column))
}

/// Checks quotes and brackets balance, reporting the first that does not.
pub fn check_balance(query: &str) -> Result<(), IndexError> {
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut quote: Option<usize> = None;
    for (i, c) in query.char_indices() {
        if let Some(q) = quote {
            if c == '"' {
                let _ = q;
                quote = None;
            }
            continue;
        }
        match c {
            '"' => quote = Some(i),
            '(' | '[' | '{' => open.push((c, i)),
            ')' | ']' | '}' => {
                let fits = match open.pop() {
                    Some(('(', _)) => c == ')',
                    // Tantivy ranges mix brackets: [a TO b} is valid.
                    Some(('[' | '{', _)) => c == ']' || c == '}',
                    _ => false,
                };
                if !fits {
                    return Err(malformed(format!(
                        "`{c}` closes nothing{}",
                        pointer(query, i)
                    )));
                }
            }
            _ => {}
        }
    }
    if let Some(at) = quote {
        return Err(malformed(format!(
            "quote opened here is never closed{}",
            pointer(query, at)
        )));
    }
    if let Some((c, at)) = open.pop() {
        return Err(malformed(format!(
            "`{c}` opened here is never closed{}",
            pointer(query, at)
        )));
    }
    Ok(())
}

// Field names are ASCII, so ASCII word boundaries do: a Unicode `\b` or
// `\w` makes each search compile the Unicode word tables, a good part of a
// short search's time.
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)year:\s*[\[{]\s*(\S+)\s+TO\s+(\S+?)\s*[\]}]")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Refuses `year:[2018 TO 2015]`, which Tantivy would quietly match nothing with.
pub fn check_year_ranges(query: &str) -> Result<(), IndexError> {
    for caps in YEAR_RANGE.captures_iter(query) {
        let whole = caps.get(0).map_or(0, |m| m.start());
        let (a, b) = (&caps[1], &caps[2]);
        let (Ok(from), Ok(to)) = (a.parse::<i64>(), b.parse::<i64>()) else {
            if a != "*" && b != "*" {
                return Err(malformed(format!(
                    "year range needs whole years, like year:[2015 TO 2018]{}",
                    pointer(query, whole)
                )));
            }
            continue;
        };
        if from > to {
            return Err(malformed(format!(
                "year range runs backwards ({from} is after {to}){}",
                pointer(query, whole)
            )));
        }
    }
    Ok(())
}

static FIELD_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u:\b)(council|theme|polarity):("[^"]*"|[^\s()\[\]{}"^~]+)"#)
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The index key for a council a user named: the lower-cased GSS code of
/// the council whose code, name, short name or alias matches (ignoring
/// case, `-`, `_`, a leading "the" and a trailing "council").
pub fn council_key(gazetteer: &Gazetteer, name: &str) -> Result<String, IndexError> {
    let wanted = trim_council(&normalise_name(name));
    gazetteer
        .councils()
        .iter()
        .find(|c| {
            c.gss_code.eq_ignore_ascii_case(&wanted)
                || std::iter::once(&c.name)
                    .chain([&c.short_name])
                    .chain(&c.aliases)
                    .any(|n| trim_council(&normalise_name(n)) == wanted)
        })
        .map(|c| c.gss_code.to_lowercase())
        .ok_or_else(|| {
            malformed(format!(
                "unknown council `{name}`: not a name, alias or GSS code the gazetteer knows \
                 (see `motif councils`)"
            ))
        })
}

/// "the tameside council" and "tameside" name the same council.
fn trim_council(name: &str) -> String {
    let name = name.strip_prefix("the ").unwrap_or(name);
    name.strip_suffix(" council").unwrap_or(name).to_string()
}

/// Rewrites `council:`, `theme:` and `polarity:` values into the raw,
/// lower-cased keys the index holds (councils through `council_key`).
pub fn rewrite(
    query: &str,
    council_key: &dyn Fn(&str) -> Result<String, IndexError>,
) -> Result<String, IndexError> {
    let mut out = String::with_capacity(query.len());
    let mut last = 0;
    for caps in FIELD_VALUE.captures_iter(query) {
        let (Some(whole), field) = (caps.get(0), &caps[1]) else {
            continue;
        };
        let value = caps[2].trim_matches('"');
        let key = match field {
            "council" => council_key(value)?,
            _ => value.to_lowercase(),
        };
        out.push_str(&query[last..whole.start()]);
        out.push_str(&format!("{field}:\"{}\"", key.replace('"', "")));
        last = whole.end();
    }
    out.push_str(&query[last..]);
    Ok(out)
}

/// The query as Tantivy should read it: trimmed, and with the curly double
/// quotes of text pasted from documents turned into phrase quotes.
pub fn normalise(query: &str) -> String {
    query.trim().replace(['\u{201c}', '\u{201d}'], "\"")
}

/// Builds the full Tantivy query for a request: the parsed query text,
/// AND every filter flag, minus duplicates.
pub fn build(
    index: &tantivy::Index,
    fields: &Fields,
    gazetteer: &Gazetteer,
    request: &SearchRequest,
) -> Result<Box<dyn Query>, IndexError> {
    let text = normalise(&request.query);
    let text = text.as_str();
    check_balance(text)?;
    check_year_ranges(text)?;
    let body = if request.exact {
        fields.body_exact
    } else {
        fields.body
    };
    let mut parser = QueryParser::for_index(index, vec![fields.title, body]);
    // Researchers expect every word they type to matter.
    parser.set_conjunction_by_default();
    let rewritten = rewrite(text, &|name| council_key(gazetteer, name))?;
    let parsed: Box<dyn Query> = if text.is_empty() {
        Box::new(tantivy::query::AllQuery)
    } else {
        parser
            .parse_query(&rewritten)
            .map_err(|e| malformed(format!("{e} in `{text}`")))?
    };

    let term = |field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    };
    let any_of = |queries: Vec<Box<dyn Query>>| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))
    };
    // A duplicate is stored without text, councils, themes or year, so a
    // query that needs a word in the text can never match one and needs no
    // `-duplicate` clause. Leaving it off matters: a bare union of terms is
    // the one shape Tantivy's top-k search prunes (block-max WAND) instead
    // of scoring every matching document.
    let text_only = needs_text(parsed.as_ref(), &[fields.title, body]);
    let no_filters = request.councils.is_empty()
        && request.themes.is_empty()
        && request.polarity.is_none()
        && request.years.is_none();
    if text_only && no_filters {
        return Ok(parsed);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, parsed)];
    if !request.councils.is_empty() {
        let keys = request
            .councils
            .iter()
            .map(|c| Ok(term(fields.council, &council_key(gazetteer, c)?)))
            .collect::<Result<_, IndexError>>()?;
        clauses.push((Occur::Must, any_of(keys)));
    }
    if !request.themes.is_empty() {
        let keys = request
            .themes
            .iter()
            .map(|t| term(fields.theme, &t.to_lowercase()))
            .collect();
        clauses.push((Occur::Must, any_of(keys)));
    }
    if let Some(polarity) = &request.polarity {
        clauses.push((Occur::Must, term(fields.polarity, &polarity.to_lowercase())));
    }
    if let Some(years) = request.years {
        let bound = |y: i32, open: i32| {
            if y == open {
                Bound::Unbounded
            } else {
                Bound::Included(i64::from(y))
            }
        };
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new_i64_bounds(
                "year".to_string(),
                bound(years.from, i32::MIN),
                bound(years.to, i32::MAX),
            )),
        ));
    }
    if !text_only {
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_u64(fields.duplicate, 1),
                IndexRecordOption::Basic,
            )),
        ));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Whether every document `query` matches must hold a word of `text_fields`:
/// a term or phrase there, or a boolean whose positive clauses all do (a
/// conjunction needs only one such clause). Anything else (all documents,
/// ranges, other fields, a purely negative query) may match a duplicate.
fn needs_text(query: &dyn Query, text_fields: &[Field]) -> bool {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return text_fields.contains(&term.term().field());
    }
    if let Some(phrase) = query.downcast_ref::<PhraseQuery>() {
        return text_fields.contains(&phrase.field());
    }
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return false;
    };
    let clauses = boolean.clauses();
    let must: Vec<&dyn Query> = clauses
        .iter()
        .filter(|(occur, _)| *occur == Occur::Must)
        .map(|(_, q)| q.as_ref())
        .collect();
    if !must.is_empty() {
        return must.iter().any(|q| needs_text(*q, text_fields));
    }
    let should: Vec<&dyn Query> = clauses
        .iter()
        .filter(|(occur, _)| *occur == Occur::Should)
        .map(|(_, q)| q.as_ref())
        .collect();
    !should.is_empty() && should.iter().all(|q| needs_text(*q, text_fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the query built for `text` carries the `-duplicate` clause.
    fn excludes_duplicates(text: &str, request: SearchRequest) -> bool {
        let (schema, fields) = super::super::schema::build();
        let index = tantivy::Index::create_in_ram(schema);
        super::super::stem::register(&index);
        let gazetteer = Gazetteer::embedded_names().expect("gazetteer");
        let query = build(
            &index,
            &fields,
            &gazetteer,
            &SearchRequest {
                query: text.to_string(),
                ..request
            },
        )
        .expect("query builds");
        let mut found = false;
        query.query_terms(&mut |term, _| found |= term.field() == fields.duplicate);
        found
    }

    #[test]
    fn text_queries_skip_the_duplicate_clause_and_the_rest_keep_it() {
        let plain = || SearchRequest::new("");
        for text in [
            "caseloads",
            "\"voice of the child\"",
            "caseloads OR agency",
            "caseloads AND -agency",
            "title:inadequate",
            "(a OR b) AND year:2017",
        ] {
            assert!(!excludes_duplicates(text, plain()), "{text}");
        }
        for text in [
            "",
            "caseloads OR -agency",
            "year:2017",
            "council:kent",
            "year:[2015 TO 2018]",
        ] {
            assert!(excludes_duplicates(text, plain()), "{text}");
        }
        let filtered = SearchRequest {
            themes: vec!["caseloads".to_string()],
            ..plain()
        };
        assert!(!excludes_duplicates("agency", filtered));
    }

    fn assert_malformed(result: Result<(), IndexError>, needle: &str) {
        match result {
            Err(IndexError::Query { message }) => {
                assert!(message.contains(needle), "{message}")
            }
            other => panic!("expected a malformed query error, got {other:?}"),
        }
    }

    #[test]
    fn unbalanced_quote_points_at_the_opening_quote() {
        let err = check_balance(r#"caseloads "voice of"#);
        assert_malformed(
            err,
            "quote opened here is never closed\n  caseloads \"voice of\n            ^",
        );
    }

    #[test]
    fn unbalanced_brackets_are_named() {
        assert_malformed(check_balance("(caseload OR turnover"), "`(` opened here");
        assert_malformed(check_balance("caseload)"), "`)` closes nothing");
        assert_malformed(check_balance("year:[2015 TO 2018"), "`[` opened here");
        assert!(check_balance(r#"year:[2015 TO 2018} AND "a (b""#).is_ok());
    }

    #[test]
    fn backwards_year_range_is_refused() {
        assert_malformed(check_year_ranges("year:[2018 TO 2015]"), "runs backwards");
        assert!(check_year_ranges("year:[2015 TO 2018]").is_ok());
        assert!(check_year_ranges("year:[* TO 2018]").is_ok());
    }

    #[test]
    fn year_range_flag_parses_and_refuses_backwards() {
        assert_eq!(
            "2017".parse(),
            Ok(YearRange {
                from: 2017,
                to: 2017
            })
        );
        assert_eq!(
            "2015..2018".parse(),
            Ok(YearRange {
                from: 2015,
                to: 2018
            })
        );
        assert_eq!(
            "2015..".parse(),
            Ok(YearRange {
                from: 2015,
                to: i32::MAX
            })
        );
        assert!("2018..2015".parse::<YearRange>().is_err());
        assert!("last year".parse::<YearRange>().is_err());
    }

    #[test]
    fn council_theme_and_polarity_values_are_rewritten() {
        let key = |name: &str| {
            Ok(
                if normalise_name(name) == "tameside metropolitan borough council" {
                    "e08000008".to_string()
                } else {
                    normalise_name(name)
                },
            )
        };
        assert_eq!(
            rewrite(
                r#"caseloads council:"Tameside Metropolitan Borough Council" theme:Permanence"#,
                &key
            )
            .expect("rewrite"),
            r#"caseloads council:"e08000008" theme:"permanence""#
        );
        assert_eq!(
            rewrite(
                "council:North_Yorkshire AND polarity:Caseloads/Concern",
                &key
            )
            .expect("rewrite"),
            r#"council:"north yorkshire" AND polarity:"caseloads/concern""#
        );
    }

    #[test]
    fn unknown_council_is_a_query_error_naming_it() {
        let gazetteer = Gazetteer::parse(
            "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n",
            "test",
        )
        .expect("gazetteer");
        match rewrite("caseloads council:Atlantis", &|n| {
            council_key(&gazetteer, n)
        }) {
            Err(IndexError::Query { message }) => {
                assert!(
                    message.starts_with("unknown council `Atlantis`"),
                    "{message}"
                )
            }
            other => panic!("expected an unknown council error, got {other:?}"),
        }
        assert_eq!(trim_council("the tameside council"), "tameside");
    }
}
