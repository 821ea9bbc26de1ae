//! Validating lexicons (`motif lexicon check`) and measuring them against a
//! corpus (`motif lexicon lint`).
//!
//! Takes a lexicon folder or file and gives every problem found, each a
//! [`Diagnostic`] naming the file and line: unreadable or malformed files
//! (unknown keys included), empty term lists or entries, bad globs, the same
//! term in two themes (or twice in one, or already matched as an inflected
//! form of another term), a glob that matches another term of its theme in
//! full, and two files defining the same theme id. [`lint`] runs the tagger over texts and gives [`Stats`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::lexicon::{self, ThemeDef};
use super::normalise::normalise_str;
use super::pattern::Pattern;
use super::tagger::{self, Stats};
use super::{LexiconError, LexiconSet};
use crate::text::sentences;

/// One problem in a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(
                f,
                "{}, line {}: {}",
                self.path.display(),
                self.line,
                self.message
            )
        }
    }
}

impl From<LexiconError> for Diagnostic {
    fn from(e: LexiconError) -> Self {
        match e {
            LexiconError::Io { path, source } => Diagnostic {
                path,
                line: 0,
                message: format!("cannot read: {source}"),
            },
            LexiconError::Syntax {
                path,
                line,
                message,
            } => Diagnostic {
                path,
                line,
                message,
            },
        }
    }
}

/// Checks a folder of lexicons or one file; an empty result means all is well.
pub fn check_path(path: &Path) -> Vec<Diagnostic> {
    let files = if path.is_dir() {
        match lexicon::lexicon_files(path) {
            Ok(files) => files,
            Err(e) => return vec![e.into()],
        }
    } else {
        vec![path.to_path_buf()]
    };
    let mut out = Vec::new();
    let mut defs = Vec::new();
    for file in files {
        match lexicon::read_file(&file) {
            Ok(found) => defs.extend(found),
            Err(e) => out.push(e.into()),
        }
    }
    out.extend(check_defs(&defs));
    out.sort();
    out
}

/// The line of the first `key =` in `path` (0 when not found or unreadable).
fn key_line(path: &Path, key: &str) -> usize {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| {
            t.lines()
                .position(|l| l.trim_start().starts_with(key) && l.contains('='))
        })
        .map_or(0, |i| i + 1)
}

/// Checks theme definitions that have already been read.
pub fn check_defs(defs: &[ThemeDef]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let diag = |def: &ThemeDef, line: usize, message: String| Diagnostic {
        path: def.path.clone(),
        line,
        message,
    };
    // Normalised term -> (theme index, line) of its first listing.
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut ids: BTreeMap<&str, &ThemeDef> = BTreeMap::new();
    for (t, def) in defs.iter().enumerate() {
        if let Some(first) = ids.insert(&def.theme.id, def) {
            out.push(diag(
                def,
                key_line(&def.path, "id"),
                format!(
                    "theme id {:?} is also defined in {}",
                    def.theme.id,
                    first.path.display()
                ),
            ));
        }
        if def.terms.is_empty() {
            out.push(diag(
                def,
                key_line(&def.path, "terms"),
                format!("theme {:?} has no terms", def.theme.id),
            ));
        }
        for role in super::matcher::Role::ALL {
            for entry in role.list(def) {
                if let Err(e) = Pattern::parse(&entry.text, entry.inflect) {
                    out.push(diag(
                        def,
                        entry.line,
                        format!("{} entry {:?}: {e}", role.key(), entry.text),
                    ));
                }
            }
        }
        for entry in &def.terms {
            let key = normalise_str(&entry.text);
            if key.is_empty() {
                continue;
            }
            match seen.get(&key) {
                Some(&(other, line)) if other == t => out.push(diag(
                    def,
                    entry.line,
                    format!(
                        "term {:?} is listed twice (first at line {line})",
                        entry.text
                    ),
                )),
                Some(&(other, line)) => out.push(diag(
                    def,
                    entry.line,
                    format!(
                        "term {:?} is also a term of theme {:?} ({}, line {line})",
                        entry.text,
                        defs[other].theme.id,
                        defs[other].path.display()
                    ),
                )),
                None => {
                    seen.insert(key, (t, entry.line));
                }
            }
        }
        out.extend(shadowed(def));
        for entry in &def.in_context {
            let key = normalise_str(&entry.text);
            if let Some(term) = def.terms.iter().find(|t| normalise_str(&t.text) == key) {
                out.push(diag(
                    def,
                    entry.line,
                    format!(
                        "in_context entry {:?} is also a term (line {}), which counts anywhere",
                        entry.text, term.line
                    ),
                ));
            }
        }
    }
    out.extend(inflected_duplicates(defs));
    out
}

/// Terms that another term already matches through its inflected forms
/// ("changes of worker" beside "change of worker").
fn inflected_duplicates(defs: &[ThemeDef]) -> Vec<Diagnostic> {
    // Each form -> the (theme, entry) whose expansion produces it.
    let mut forms: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (t, def) in defs.iter().enumerate() {
        for (e, entry) in def.terms.iter().enumerate() {
            let Ok(pattern) = Pattern::parse(&entry.text, entry.inflect) else {
                continue;
            };
            let (anchors, open, rest) = pattern.anchors();
            if open || !rest.is_empty() {
                continue;
            }
            for anchor in anchors {
                forms.entry(anchor).or_default().push((t, e));
            }
        }
    }
    let mut out = Vec::new();
    for (t, def) in defs.iter().enumerate() {
        for (e, entry) in def.terms.iter().enumerate() {
            let key = normalise_str(&entry.text);
            let Some(owners) = forms.get(&key) else {
                continue;
            };
            let other = owners.iter().find(|&&(ot, oe)| {
                (ot, oe) != (t, e) && normalise_str(&defs[ot].terms[oe].text) != key
            });
            if let Some(&(ot, oe)) = other {
                let o = &defs[ot].terms[oe];
                out.push(Diagnostic {
                    path: def.path.clone(),
                    line: entry.line,
                    message: format!(
                        "term {:?} is already matched as a form of {:?} (theme {:?}, line {}): remove one",
                        entry.text, o.text, defs[ot].theme.id, o.line
                    ),
                });
            }
        }
    }
    out
}

/// Terms of `def` that one of its globs already matches in full.
fn shadowed(def: &ThemeDef) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for glob in def
        .terms
        .iter()
        .filter(|e| e.text.trim_end().ends_with('*'))
    {
        let g = normalise_str(&glob.text);
        let g_words: Vec<&str> = g.split(' ').collect();
        let Some((last, head)) = g_words.split_last() else {
            continue;
        };
        let stem = last.trim_end_matches('*');
        for other in def.terms.iter().filter(|e| !std::ptr::eq(*e, glob)) {
            let o = normalise_str(&other.text);
            let o_words: Vec<&str> = o.split(' ').collect();
            let Some((o_last, o_head)) = o_words.split_last() else {
                continue;
            };
            let covered = o_head == head && o_last.starts_with(stem) && !o_last.contains('*');
            if covered {
                out.push(Diagnostic {
                    path: def.path.clone(),
                    line: other.line,
                    message: format!(
                        "term {:?} is shadowed by the glob {:?} (line {}): remove one",
                        other.text, glob.text, glob.line
                    ),
                });
            }
        }
    }
    out
}

/// Tags every text and records what each lexicon entry did.
pub fn lint<'a>(lexicons: &LexiconSet, texts: impl IntoIterator<Item = &'a str>) -> Stats {
    let mut stats = Stats::default();
    for body in texts {
        let sents = sentences(body);
        tagger::run(lexicons, body, &sents, Some(&mut stats));
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::lexicon::parse_toml;

    fn def(text: &str, name: &str) -> ThemeDef {
        parse_toml(text, Path::new(name)).unwrap()
    }

    #[test]
    fn finds_duplicates_shadows_and_empties() {
        let a = def(
            "id = \"a\"\nterms = [\n\"recruit*\",\n\"recruitment\",\n\"caseload\",\n]\n",
            "a.toml",
        );
        let b = def("id = \"b\"\nterms = [\n\"Caseload\",\n]\n", "b.toml");
        let c = def("id = \"c\"\nterms = []\n", "c.toml");
        let found: Vec<String> = check_defs(&[a, b, c])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            found
                .iter()
                .any(|d| d.starts_with("a.toml, line 4") && d.contains("shadowed")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|d| d.starts_with("b.toml, line 3") && d.contains("theme \"a\"")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|d| d.starts_with("c.toml") && d.contains("no terms")),
            "{found:?}"
        );
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn an_in_context_entry_that_is_also_a_term_is_named() {
        let a = def(
            "id = \"a\"\nterms = [\n\"turnover\",\n]\nin_context = [\n\"left\",\n\"Turnover\",\n]\n",
            "a.toml",
        );
        let found: Vec<String> = check_defs(&[a]).iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            ["a.toml, line 7: in_context entry \"Turnover\" is also a term (line 3), which counts anywhere"]
        );
    }

    #[test]
    fn embedded_lexicons_pass_their_own_check() {
        let defs = lexicon::embedded_defs().unwrap();
        let found: Vec<String> = check_defs(&defs).iter().map(ToString::to_string).collect();
        assert!(found.is_empty(), "{found:#?}");
    }
}
