//! LIWC-style `.dic` dictionaries.
//!
//! Takes the text of a `.dic` file and gives one [`ThemeDef`] per category:
//! a header between two `%` lines numbers the categories (`1<TAB>caseloads`),
//! then each line is a word or phrase followed by the numbers of its
//! categories (`caseload*<TAB>1`). LIWC entries are matched as written (its
//! `*` is our glob), so no inflection is added. Categories with no entries
//! are kept (and `motif lexicon check` reports them as empty).

use std::collections::BTreeMap;
use std::path::Path;

use super::lexicon::{bare_theme, TermDef, ThemeDef};
use super::LexiconError;

/// Parses a LIWC `.dic` file.
pub fn parse_dic(text: &str, path: &Path) -> Result<Vec<ThemeDef>, LexiconError> {
    let err = |line: usize, message: String| LexiconError::Syntax {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    let mut header_open = false;
    for (no, line) in lines.by_ref() {
        if line.is_empty() {
            continue;
        }
        if line == "%" {
            header_open = true;
            break;
        }
        return Err(err(
            no,
            format!("expected `%` to open the category header, found {line:?}"),
        ));
    }
    if !header_open {
        return Err(err(1, "empty dictionary: no `%` header".to_string()));
    }
    // Category number -> (name, entries), in header order.
    let mut categories: BTreeMap<String, (usize, String, Vec<TermDef>)> = BTreeMap::new();
    let mut closed = false;
    for (no, line) in lines.by_ref() {
        if line.is_empty() {
            continue;
        }
        if line == "%" {
            closed = true;
            break;
        }
        let mut parts = line.split_whitespace();
        let (Some(num), Some(name)) = (parts.next(), parts.next()) else {
            return Err(err(no, format!("expected `NUMBER NAME`, found {line:?}")));
        };
        let order = categories.len();
        categories.insert(num.to_string(), (order, name.to_string(), Vec::new()));
    }
    if !closed {
        return Err(err(
            0,
            "the category header is never closed with `%`".to_string(),
        ));
    }
    for (no, line) in lines {
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let split = words
            .iter()
            .rposition(|w| !w.bytes().all(|b| b.is_ascii_digit()))
            .map_or(0, |i| i + 1);
        let (term, nums) = words.split_at(split);
        if term.is_empty() || nums.is_empty() {
            return Err(err(
                no,
                format!("expected `WORD CATEGORY...`, found {line:?}"),
            ));
        }
        let term = term.join(" ");
        for num in nums {
            let Some(cat) = categories.get_mut(*num) else {
                return Err(err(no, format!("category {num} is not in the header")));
            };
            let mut def = TermDef::plain(&term, no);
            def.inflect = false;
            cat.2.push(def);
        }
    }
    let mut ordered: Vec<_> = categories.into_values().collect();
    ordered.sort_by_key(|c| c.0);
    Ok(ordered
        .into_iter()
        .map(|(_, name, terms)| bare_theme(&name, path, terms))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_categories_and_entries() {
        let dic =
            "%\n1\tcaseloads\n2\tturnover\n%\ncaseload*\t1\nagency staff\t2\nworkload\t1\t2\n";
        let defs = parse_dic(dic, Path::new("my.dic")).unwrap();
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].theme.id, "caseloads");
        let terms: Vec<_> = defs[0].terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(terms, vec!["caseload*", "workload"]);
        assert_eq!(defs[1].terms[0].text, "agency staff");
        assert_eq!(defs[1].terms[0].line, 6);
    }

    #[test]
    fn unknown_category_names_the_line() {
        let dic = "%\n1\tx\n%\nword\t9\n";
        let err = parse_dic(dic, Path::new("bad.dic"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.dic, line 4"), "{err}");
    }
}
