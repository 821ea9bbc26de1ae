//! Lexicon files: what a theme is made of, read from TOML (motif's own
//! format), LIWC `.dic` or quanteda-style YAML.
//!
//! Takes a file, a folder or the embedded defaults and gives [`ThemeDef`]s:
//! a theme's identity plus its terms, exclusions, polarity cues and
//! negators, each remembering the file and line it came from so that errors
//! and `motif lexicon check` can point at it. See `lexicons/THEMES.md` for
//! the TOML format.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{LexiconError, Polarity, Theme};

/// The default lexicons, embedded in the binary (file name, contents).
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "caseloads.toml",
        include_str!("../../lexicons/caseloads.toml"),
    ),
    (
        "worker_turnover.toml",
        include_str!("../../lexicons/worker_turnover.toml"),
    ),
    (
        "voice_of_the_child.toml",
        include_str!("../../lexicons/voice_of_the_child.toml"),
    ),
    (
        "permanence.toml",
        include_str!("../../lexicons/permanence.toml"),
    ),
];

/// Negators used by a theme whose file gives no `negation` list.
const DEFAULT_NEGATORS: &str = include_str!("../../lexicons/negators.txt");
/// Intent words used by a theme whose file gives no `intent` list.
const DEFAULT_INTENTIONS: &str = include_str!("../../lexicons/intentions.txt");
/// Follow-on openers used by a theme whose file gives no `follow_on` list.
const DEFAULT_FOLLOW_ONS: &str = include_str!("../../lexicons/follow_on.txt");
/// Falls used by a theme whose file gives no `fall_after` list.
const DEFAULT_FALLS: &str = include_str!("../../lexicons/falls_after.txt");

/// Where a cue applies relative to the term it colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the same sentence.
    Sentence,
    /// Within this many words of the term (0: adjacent or overlapping).
    Window(u32),
    /// Only when the cue opens the sentence, and then for every mention of
    /// the theme in it, before any nearer cue: a recommendation's leading
    /// imperative ("Ensure that...") makes the whole sentence a concern.
    Lead,
}

/// One entry of a term, exclusion, cue or negator list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermDef {
    /// As written in the lexicon.
    pub text: String,
    /// 1-based line in its file (0 when unknown).
    pub line: usize,
    /// Match letters' case exactly (default: ignore case).
    pub match_case: bool,
    /// Add inflected forms of each word (default: yes).
    pub inflect: bool,
    /// The polarity a term carries by itself, used when no cue is in scope
    /// outside the term (cues among its own words do not override it).
    pub polarity: Option<Polarity>,
    /// A cue's own scope, overriding the theme's.
    pub scope: Option<Scope>,
}

impl TermDef {
    /// Feeds what the entry means (not where it was written) to `hasher`.
    pub fn hash_content(&self, hasher: &mut blake3::Hasher) {
        // No `..`: a new field fails to compile here until it is hashed.
        let TermDef {
            text,
            line: _,
            match_case,
            inflect,
            polarity,
            scope,
        } = self;
        field(hasher, text.as_bytes());
        let polarity: &[u8] = match polarity {
            None => b"-",
            Some(Polarity::Concern) => b"c",
            Some(Polarity::Strength) => b"s",
            Some(Polarity::Neutral) => b"n",
        };
        hasher.update(&[u8::from(*match_case), u8::from(*inflect)]);
        hasher.update(polarity);
        hash_scope(hasher, scope.as_ref());
    }

    /// A plain entry with default options.
    pub fn plain(text: &str, line: usize) -> TermDef {
        TermDef {
            text: text.to_string(),
            line,
            match_case: false,
            inflect: true,
            polarity: None,
            scope: None,
        }
    }
}

/// One theme as read from a lexicon file.
#[derive(Debug, Clone)]
pub struct ThemeDef {
    pub theme: Theme,
    /// The file it came from (`<built-in>/caseloads.toml` for defaults).
    pub path: PathBuf,
    pub terms: Vec<TermDef>,
    pub exclude: Vec<TermDef>,
    pub concern: Vec<TermDef>,
    pub strength: Vec<TermDef>,
    pub negation: Vec<TermDef>,
    /// Words that make the cue right after them an aim, not an outcome
    /// ("efforts to reduce", "plans to improve"): such a cue decides nothing.
    pub intent: Vec<TermDef>,
    /// Sentence openers that refer back to the sentence before ("This
    /// is", "These are"), so a cue in the sentence can count for a theme
    /// the sentence before counted.
    pub follow_on: Vec<TermDef>,
    /// Words that count for the theme only in a sentence right after one
    /// that counted it ("123 moved on" after a sentence on staff turnover):
    /// news tells a story over several sentences, and only the first names
    /// the theme outright.
    pub in_context: Vec<TermDef>,
    /// Predicates that say a thing fell ("have reduced", "are rare"):
    /// right after a concern they make it a strength ("placement moves
    /// have reduced"), right after a term's own strength a concern
    /// ("workforce stability has declined").
    pub fall_after: Vec<TermDef>,
    /// Default scope of the cues.
    pub scope: Scope,
    /// How many words before a cue (or term) a negator may stand.
    pub negation_window: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: String,
    label: Option<String>,
    description: Option<String>,
    terms: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    exclude: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    concern: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    strength: Vec<Spanned<RawTerm>>,
    negation: Option<Vec<Spanned<RawTerm>>>,
    intent: Option<Vec<Spanned<RawTerm>>>,
    follow_on: Option<Vec<Spanned<RawTerm>>>,
    #[serde(default)]
    in_context: Vec<Spanned<RawTerm>>,
    fall_after: Option<Vec<Spanned<RawTerm>>>,
    scope: Option<Spanned<RawScope>>,
    negation_window: Option<u32>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTerm {
    Plain(String),
    Table(RawTermTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTermTable {
    term: String,
    #[serde(default)]
    match_case: bool,
    inflect: Option<bool>,
    polarity: Option<Polarity>,
    scope: Option<RawScope>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawScope {
    Words(u32),
    Named(String),
}

/// Line numbers of byte offsets in one file. Counting newlines from the
/// start for each of a lexicon's hundreds of terms made loading quadratic;
/// it was most of a `motif search`'s start-up.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Self {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The 1-based line holding byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

fn scope_of(raw: &RawScope, path: &Path, line: usize) -> Result<Scope, LexiconError> {
    match raw {
        RawScope::Words(n) => Ok(Scope::Window(*n)),
        RawScope::Named(s) if s == "sentence" => Ok(Scope::Sentence),
        RawScope::Named(s) => Err(LexiconError::Syntax {
            path: path.to_path_buf(),
            line,
            message: format!("scope must be \"sentence\" or a number of words, not {s:?}"),
        }),
    }
}

/// A cue's own scope: as for a theme, or `"lead"`.
fn cue_scope_of(raw: &RawScope, path: &Path, line: usize) -> Result<Scope, LexiconError> {
    match raw {
        RawScope::Named(s) if s == "lead" => Ok(Scope::Lead),
        RawScope::Named(s) if s != "sentence" => Err(LexiconError::Syntax {
            path: path.to_path_buf(),
            line,
            message: format!(
                "scope must be \"sentence\", \"lead\" or a number of words, not {s:?}"
            ),
        }),
        _ => scope_of(raw, path, line),
    }
}

fn terms_of(
    raw: Vec<Spanned<RawTerm>>,
    lines: &Lines,
    path: &Path,
) -> Result<Vec<TermDef>, LexiconError> {
    raw.into_iter()
        .map(|spanned| {
            let line = lines.line(spanned.span().start);
            Ok(match spanned.into_inner() {
                RawTerm::Plain(s) => TermDef::plain(&s, line),
                RawTerm::Table(t) => TermDef {
                    text: t.term,
                    line,
                    match_case: t.match_case,
                    inflect: t.inflect.unwrap_or(true),
                    polarity: t.polarity,
                    scope: t.scope.map(|s| cue_scope_of(&s, path, line)).transpose()?,
                },
            })
        })
        .collect()
}

impl ThemeDef {
    /// Feeds the theme's content to `hasher`: the same lexicon from
    /// another folder, or with its lines moved, hashes the same. Hashing
    /// by hand, not through `Debug`, because formatting every entry was a
    /// twentieth of a `motif search`.
    pub fn hash_content(&self, hasher: &mut blake3::Hasher) {
        let ThemeDef {
            theme,
            path: _,
            terms,
            exclude,
            concern,
            strength,
            negation,
            intent,
            follow_on,
            in_context,
            fall_after,
            scope,
            negation_window,
        } = self;
        for text in [&theme.id, &theme.label, &theme.description] {
            field(hasher, text.as_bytes());
        }
        for list in [
            terms, exclude, concern, strength, negation, intent, follow_on, in_context, fall_after,
        ] {
            hasher.update(&(list.len() as u64).to_le_bytes());
            list.iter().for_each(|e| e.hash_content(hasher));
        }
        hash_scope(hasher, Some(scope));
        hasher.update(&negation_window.to_le_bytes());
    }
}

/// A length-prefixed field, so that ("ab", "c") and ("a", "bc") differ.
fn field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn hash_scope(hasher: &mut blake3::Hasher, scope: Option<&Scope>) {
    match scope {
        None => hasher.update(b"-"),
        Some(Scope::Sentence) => hasher.update(b"s"),
        Some(Scope::Lead) => hasher.update(b"l"),
        Some(Scope::Window(n)) => hasher.update(b"w").update(&n.to_le_bytes()),
    };
}

/// serde's words for an entry that is neither a string nor a valid table
/// name a Rust type; a lexicon's author needs to know what an entry may be.
fn plain_message(message: &str) -> String {
    if message.contains("untagged enum RawTerm") {
        "an entry must be a string or a table such as { term = \"...\", polarity = \"concern\" } \
         (keys: term, polarity = concern/strength/neutral, scope = a number of words, \
         \"sentence\" or \"lead\", match_case and inflect = true/false)"
            .to_string()
    } else {
        message.to_string()
    }
}

/// Parses one TOML lexicon (one theme).
pub fn parse_toml(text: &str, path: &Path) -> Result<ThemeDef, LexiconError> {
    let lines = Lines::of(text);
    let raw: RawTheme = toml::from_str(text).map_err(|e| LexiconError::Syntax {
        path: path.to_path_buf(),
        line: e.span().map_or(0, |s| lines.line(s.start)),
        message: plain_message(e.message()),
    })?;
    let scope = match &raw.scope {
        Some(s) => scope_of(s.get_ref(), path, lines.line(s.span().start))?,
        None => Scope::Sentence,
    };
    let negation = match raw.negation {
        Some(list) => terms_of(list, &lines, path)?,
        None => default_negators(),
    };
    let intent = match raw.intent {
        Some(list) => terms_of(list, &lines, path)?,
        None => default_intentions(),
    };
    let follow_on = match raw.follow_on {
        Some(list) => terms_of(list, &lines, path)?,
        None => default_follow_ons(),
    };
    let fall_after = match raw.fall_after {
        Some(list) => terms_of(list, &lines, path)?,
        None => default_falls(),
    };
    Ok(ThemeDef {
        theme: Theme {
            label: raw.label.unwrap_or_else(|| raw.id.clone()),
            description: raw.description.unwrap_or_default(),
            id: raw.id,
        },
        path: path.to_path_buf(),
        terms: terms_of(raw.terms, &lines, path)?,
        exclude: terms_of(raw.exclude, &lines, path)?,
        concern: terms_of(raw.concern, &lines, path)?,
        strength: terms_of(raw.strength, &lines, path)?,
        negation,
        intent,
        follow_on,
        in_context: terms_of(raw.in_context, &lines, path)?,
        fall_after,
        scope,
        negation_window: raw.negation_window.unwrap_or(6),
    })
}

/// The built-in negators (`lexicons/negators.txt`, one a line, `#` comments).
pub fn default_negators() -> Vec<TermDef> {
    word_list(DEFAULT_NEGATORS)
}

/// The built-in intent words (`lexicons/intentions.txt`, one a line).
pub fn default_intentions() -> Vec<TermDef> {
    word_list(DEFAULT_INTENTIONS)
}

/// The built-in follow-on openers (`lexicons/follow_on.txt`, one a line).
pub fn default_follow_ons() -> Vec<TermDef> {
    word_list(DEFAULT_FOLLOW_ONS)
}

/// The built-in falls (`lexicons/falls_after.txt`, one a line).
pub fn default_falls() -> Vec<TermDef> {
    word_list(DEFAULT_FALLS)
}

/// The entries of a one-a-line list (`#` comments and blank lines skipped).
pub(super) fn word_list(text: &str) -> Vec<TermDef> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| TermDef::plain(l, 0))
        .collect()
}

/// A theme made of bare terms (from a `.dic` or YAML dictionary).
pub fn bare_theme(id: &str, path: &Path, terms: Vec<TermDef>) -> ThemeDef {
    ThemeDef {
        theme: Theme {
            id: id.to_string(),
            label: id.to_string(),
            description: String::new(),
        },
        path: path.to_path_buf(),
        terms,
        exclude: Vec::new(),
        concern: Vec::new(),
        strength: Vec::new(),
        negation: default_negators(),
        intent: default_intentions(),
        follow_on: default_follow_ons(),
        in_context: Vec::new(),
        fall_after: default_falls(),
        scope: Scope::Sentence,
        negation_window: 6,
    }
}

/// Reads the themes in one file, by its extension.
pub fn read_file(path: &Path) -> Result<Vec<ThemeDef>, LexiconError> {
    let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_by_extension(&text, path)
}

/// Parses `text` according to `path`'s extension (`.toml`, `.dic`, `.yml`/`.yaml`).
pub fn parse_by_extension(text: &str, path: &Path) -> Result<Vec<ThemeDef>, LexiconError> {
    match extension(path).as_deref() {
        Some("toml") => Ok(vec![parse_toml(text, path)?]),
        Some("dic") => super::liwc::parse_dic(text, path),
        Some("yml" | "yaml") => super::yaml::parse_yaml(text, path),
        _ => Err(LexiconError::Syntax {
            path: path.to_path_buf(),
            line: 0,
            message: "not a lexicon: expected .toml, .dic, .yml or .yaml".to_string(),
        }),
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The lexicon files in a folder (not recursive), in name order; other files
/// (READMEs, `negators.txt`) are ignored.
pub fn lexicon_files(dir: &Path) -> Result<Vec<PathBuf>, LexiconError> {
    let entries = std::fs::read_dir(dir).map_err(|source| LexiconError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| LexiconError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let is_lexicon = matches!(
            extension(&path).as_deref(),
            Some("toml" | "dic" | "yml" | "yaml")
        );
        if is_lexicon && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// A digest of every byte the lexicons in force are read from: the
/// embedded defaults (themes and default lists), and with `path` the
/// lexicon files there, by name. Two reads of the same digest parse to the
/// same themes, so a command that only needs to know whether the index was
/// tagged with the lexicons in force (`motif search`) can compare digests
/// instead of parsing, which was most of a search's start-up.
pub fn source_digest(path: Option<&Path>, extend: bool) -> Result<String, LexiconError> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"motif lexicon sources 1\0");
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(&[u8::from(path.is_some()), u8::from(extend)]);
    let mut part = |name: &[u8], bytes: &[u8]| {
        for field in [name, bytes] {
            hasher.update(&(field.len() as u64).to_le_bytes());
            hasher.update(field);
        }
    };
    for (name, text) in DEFAULT_FILES {
        part(name.as_bytes(), text.as_bytes());
    }
    for list in [
        DEFAULT_NEGATORS,
        DEFAULT_INTENTIONS,
        DEFAULT_FOLLOW_ONS,
        DEFAULT_FALLS,
    ] {
        part(b"", list.as_bytes());
    }
    if let Some(path) = path {
        let files = if path.is_dir() {
            lexicon_files(path)?
        } else {
            vec![path.to_path_buf()]
        };
        for file in files {
            let bytes = std::fs::read(&file).map_err(|source| LexiconError::Io {
                path: file.clone(),
                source,
            })?;
            let name = file.file_name().unwrap_or_default();
            part(name.as_encoded_bytes(), &bytes);
        }
    }
    Ok(hasher.finalize().to_hex()[..32].to_string())
}

/// Reads a folder of lexicons, or one lexicon file.
pub fn read_path(path: &Path) -> Result<Vec<ThemeDef>, LexiconError> {
    if path.is_dir() {
        let mut defs = Vec::new();
        for file in lexicon_files(path)? {
            defs.extend(read_file(&file)?);
        }
        Ok(defs)
    } else {
        read_file(path)
    }
}

/// The embedded default themes.
pub fn embedded_defs() -> Result<Vec<ThemeDef>, LexiconError> {
    let mut defs = Vec::new();
    for (name, text) in DEFAULT_FILES {
        defs.push(parse_toml(text, &Path::new("<built-in>").join(name))?);
    }
    Ok(defs)
}

/// Adds `extra` to `base`; a theme whose id is already there replaces it in place.
pub fn merge(base: &mut Vec<ThemeDef>, extra: Vec<ThemeDef>) {
    for def in extra {
        match base.iter_mut().find(|d| d.theme.id == def.theme.id) {
            Some(slot) => *slot = def,
            None => base.push(def),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_entry_says_what_an_entry_may_be() {
        let text = "id = \"x\"\nterms = [\"a\"]\nin_context = [\n  { term = \"b\", polarity = \"worrying\" },\n]\n";
        let err = parse_toml(text, Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("an entry must be a string or a table"),
            "{err}"
        );
        assert!(!err.contains("RawTerm"), "{err}");
    }

    #[test]
    fn lines_of_offsets_count_the_newlines_before_them() {
        let text = "id = \"x\"\n\nterms = [\"a\",\n  \"b\"]\n";
        let lines = Lines::of(text);
        for offset in 0..=text.len() + 3 {
            let naive = text[..offset.min(text.len())].matches('\n').count() + 1;
            assert_eq!(lines.line(offset), naive, "offset {offset}");
        }
        assert_eq!(lines.line(text.find("\"b\"").unwrap()), 4);
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let text = "id = \"x\"\nterms = [\"a\"]\nterms_extra = 1\n";
        let err = parse_toml(text, Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.toml, line 3"), "{err}");
        assert!(err.contains("terms_extra"), "{err}");
    }

    #[test]
    fn reads_term_tables_and_scopes() {
        let text = "id = \"t\"\nscope = 6\nterms = [\n  \"caseload\",\n  { term = \"IRO\", match_case = true, polarity = \"concern\" },\n]\n";
        let def = parse_toml(text, Path::new("t.toml")).unwrap();
        assert_eq!(def.scope, Scope::Window(6));
        assert_eq!(def.terms[1].line, 5);
        assert!(def.terms[1].match_case);
        assert_eq!(def.terms[1].polarity, Some(Polarity::Concern));
        assert!(!def.negation.is_empty());
        assert!(def.intent.iter().any(|e| e.text == "efforts to"));
    }

    #[test]
    fn the_hash_follows_content_not_file_or_line() {
        let hash = |text: &str, path: &str| {
            let def = parse_toml(text, Path::new(path)).unwrap();
            crate::themes::LexiconSet::uncompiled(vec![def])
                .hash()
                .to_string()
        };
        let base = hash("id = \"t\"\nterms = [\"a\", \"b\"]\n", "one/t.toml");
        let moved = hash(
            "\n\nid = \"t\"\nterms = [\n  \"a\",\n  \"b\",\n]\n",
            "two/t.toml",
        );
        assert_eq!(base, moved);
        for changed in [
            "id = \"t\"\nterms = [\"a\", \"c\"]\n",
            "id = \"t\"\nterms = [\"ab\"]\n",
            "id = \"t\"\nterms = [\"a\", { term = \"b\", polarity = \"concern\" }]\n",
            "id = \"t\"\nterms = [\"a\", \"b\"]\nnegation_window = 4\n",
            "id = \"t\"\nterms = [\"a\", \"b\"]\nfollow_on = []\n",
            "id = \"t\"\nterms = [\"a\"]\nexclude = [\"b\"]\n",
        ] {
            assert_ne!(base, hash(changed, "one/t.toml"), "{changed}");
        }
    }

    #[test]
    fn the_source_digest_follows_every_byte_read_and_how() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.toml");
        std::fs::write(&file, "id = \"t\"\nterms = [\"a\"]\n").unwrap();
        std::fs::write(dir.path().join("README.md"), "not a lexicon").unwrap();
        let digest = |path: Option<&Path>, extend| source_digest(path, extend).unwrap();
        let folder = digest(Some(dir.path()), false);
        assert_eq!(folder, digest(Some(dir.path()), false));
        // The folder's one lexicon, named alone, is the same bytes read.
        assert_eq!(folder, digest(Some(&file), false));
        for other in [digest(None, false), digest(Some(dir.path()), true)] {
            assert_ne!(folder, other);
        }
        // Files that are not lexicons are not read.
        std::fs::write(dir.path().join("README.md"), "edited").unwrap();
        assert_eq!(folder, digest(Some(dir.path()), false));
        // A comment parses to the same themes but is another byte.
        std::fs::write(&file, "# note\nid = \"t\"\nterms = [\"a\"]\n").unwrap();
        assert_ne!(folder, digest(Some(dir.path()), false));
        assert!(source_digest(Some(&dir.path().join("missing")), false).is_err());
    }

    #[test]
    fn a_theme_may_give_its_own_intent_list() {
        let text = "id = \"t\"\nterms = [\"x\"]\nintent = [\"bid to\"]\n";
        let def = parse_toml(text, Path::new("t.toml")).unwrap();
        let listed: Vec<_> = def
            .intent
            .iter()
            .map(|e| (e.text.as_str(), e.line))
            .collect();
        assert_eq!(listed, vec![("bid to", 3)]);
    }

    #[test]
    fn lead_scope_is_for_single_cues_only() {
        let cue =
            "id = \"t\"\nterms = [\"x\"]\nconcern = [{ term = \"Ensure\", scope = \"lead\" }]\n";
        let def = parse_toml(cue, Path::new("t.toml")).unwrap();
        assert_eq!(def.concern[0].scope, Some(Scope::Lead));
        let theme = "id = \"t\"\nterms = [\"x\"]\nscope = \"lead\"\n";
        let err = parse_toml(theme, Path::new("t.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.toml, line 3"), "{err}");
    }

    #[test]
    fn embedded_defaults_parse() {
        let defs = embedded_defs().unwrap();
        assert_eq!(defs.len(), 4);
        assert!(
            defs.iter().all(|d| d.terms.len() >= 24),
            "dozens of terms each"
        );
    }
}
