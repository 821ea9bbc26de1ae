//! quanteda-style YAML dictionaries.
//!
//! Takes the text of a YAML file and gives one [`ThemeDef`] per category:
//! `category: [term, term]` or a block list under the key. Nested categories
//! (`parent: {child: [...]}`) become `parent.child`. Entries are matched as
//! written (quanteda's `*` is our glob), so no inflection is added.

use std::path::Path;

use serde_yaml::Value;

use super::lexicon::{bare_theme, TermDef, ThemeDef};
use super::LexiconError;

/// Parses a quanteda-style YAML dictionary.
pub fn parse_yaml(text: &str, path: &Path) -> Result<Vec<ThemeDef>, LexiconError> {
    let value: Value = serde_yaml::from_str(text).map_err(|e| syntax_error(text, path, &e))?;
    let mut defs = Vec::new();
    collect(&value, "", text, path, &mut defs)?;
    Ok(defs)
}

/// The parser's error with a line the user can find: a file that ends inside
/// a flow sequence or a quoted string is reported by the YAML scanner one
/// line past the end, so that is named as the file's last line.
fn syntax_error(text: &str, path: &Path, e: &serde_yaml::Error) -> LexiconError {
    let last_line = yaml_line_count(text);
    let (line, message) = match e.location().map(|l| l.line()) {
        Some(line) if line > last_line => (last_line, format!("unexpected end of file: {e}")),
        Some(line) => (line, e.to_string()),
        None => (0, e.to_string()),
    };
    LexiconError::Syntax {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Lines as YAML counts them: `\n`, `\r\n` and a lone `\r` each end one.
fn yaml_line_count(text: &str) -> usize {
    text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1
}

fn collect(
    value: &Value,
    prefix: &str,
    text: &str,
    path: &Path,
    out: &mut Vec<ThemeDef>,
) -> Result<(), LexiconError> {
    let err = |message: String| LexiconError::Syntax {
        path: path.to_path_buf(),
        line: 0,
        message,
    };
    let Value::Mapping(map) = value else {
        return Err(err(
            "expected `category: [terms]` at the top level".to_string()
        ));
    };
    for (key, inner) in map {
        let Some(key) = key.as_str() else {
            return Err(err(format!("category names must be strings, not {key:?}")));
        };
        let id = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        match inner {
            Value::Sequence(items) => {
                let mut terms = Vec::new();
                for item in items {
                    let Some(term) = item.as_str() else {
                        return Err(err(format!("category {id}: entries must be strings")));
                    };
                    let mut def = TermDef::plain(term, line_of_term(text, term));
                    def.inflect = false;
                    terms.push(def);
                }
                out.push(bare_theme(&id, path, terms));
            }
            Value::Mapping(_) => collect(inner, &id, text, path, out)?,
            Value::String(term) => {
                let mut def = TermDef::plain(term, line_of_term(text, term));
                def.inflect = false;
                out.push(bare_theme(&id, path, vec![def]));
            }
            Value::Null => out.push(bare_theme(&id, path, Vec::new())),
            _ => return Err(err(format!("category {id}: expected a list of terms"))),
        }
    }
    Ok(())
}

/// The first line mentioning `term` (serde_yaml keeps no positions for values).
fn line_of_term(text: &str, term: &str) -> usize {
    text.lines()
        .position(|l| l.contains(term))
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_flow_block_and_nested_lists() {
        let yaml = "caseloads: [caseload*, workload]\nvoice:\n  - wishes and feelings\n  - \"children's views\"\nstaff:\n  agency: [agency staff]\n";
        let defs = parse_yaml(yaml, Path::new("d.yml")).unwrap();
        let ids: Vec<_> = defs.iter().map(|d| d.theme.id.as_str()).collect();
        assert_eq!(ids, vec!["caseloads", "voice", "staff.agency"]);
        assert_eq!(defs[1].terms[1].text, "children's views");
        assert_eq!(defs[1].terms[0].line, 3);
    }

    #[test]
    fn bad_yaml_names_the_line() {
        let err = parse_yaml("a: [x\nb: ]", Path::new("bad.yml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.yml, line"), "{err}");
    }

    #[test]
    fn a_file_ending_inside_a_list_names_its_last_line() {
        // Found by the lexicon_yaml fuzz target: the scanner put this on line 3.
        let text = "casevoice:\n  - w)shes andloads: [ c";
        let err = parse_yaml(text, Path::new("eof.yml")).unwrap_err();
        let LexiconError::Syntax { line, message, .. } = &err else {
            panic!("not a syntax error: {err}");
        };
        assert_eq!(*line, 2, "{err}");
        assert!(message.starts_with("unexpected end of file"), "{err}");
    }
}
