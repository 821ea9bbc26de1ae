//! Stage 4: where a sentence is about a theme, and with what polarity.
//!
//! Takes a body and its [`Sentence`]s and gives [`Mention`]s: a lexicon term
//! matched in a sentence, with the theme, byte range, and whether inspectors
//! raise it as a concern or a strength. Matches vetoed by an exclusion or
//! absorbed by a longer match are kept as [`Suppressed`] so they can be
//! audited. Themes are data (`lexicons/*.toml`), embedded as defaults.
//!
//! Files: `lexicon` reads TOML lexicons (and the embedded defaults), `liwc`
//! and `yaml` read users' existing dictionaries, `pattern` and `normalise`
//! define how a term matches text, `matcher` compiles every entry into one
//! Aho-Corasick pass, `tagger` resolves hits into mentions, `polarity`
//! decides concern/strength, `check` validates lexicons and lints them
//! against a corpus.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::text::Sentence;

pub mod check;
pub mod lexicon;
pub mod listed;
pub mod liwc;
pub mod matcher;
pub mod normalise;
pub mod paragraph;
pub mod pattern;
pub mod polarity;
pub mod screen;
pub mod tagger;
pub mod yaml;

pub use lexicon::{Scope, TermDef, ThemeDef};

/// Index of a theme in its [`LexiconSet`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct ThemeId(pub u16);

/// How inspectors use a mention.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Concern,
    Strength,
    Neutral,
}

impl Polarity {
    /// The lower-case name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Concern => "concern",
            Polarity::Strength => "strength",
            Polarity::Neutral => "neutral",
        }
    }
}

/// One theme: its identity and what the tagger needs to find it.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Machine name, used in outputs (`caseloads`).
    pub id: String,
    /// Human name for reports (`Caseloads`).
    pub label: String,
    /// What belongs to the theme and what does not.
    pub description: String,
}

/// The themes in use, with their compiled matchers.
#[derive(Debug, Clone, Default)]
pub struct LexiconSet {
    themes: Vec<Theme>,
    defs: Vec<ThemeDef>,
    hash: String,
    /// The [`lexicon::source_digest`] of the bytes the set was read from
    /// (`None` for a set built from definitions in code).
    sources: Option<String>,
    matcher: Option<Arc<matcher::Matcher>>,
}

impl LexiconSet {
    /// The default lexicons embedded in the binary.
    pub fn embedded() -> Result<Self, LexiconError> {
        let sources = lexicon::source_digest(None, false)?;
        let mut set = LexiconSet::from_defs(lexicon::embedded_defs()?)?;
        set.sources = Some(sources);
        Ok(set)
    }

    /// Lexicons from a folder or a single file (TOML, LIWC `.dic`, YAML).
    /// With `extend`, they are added to the embedded defaults, a theme with
    /// an existing id replacing the default; without, they replace them.
    pub fn load(path: &Path, extend: bool) -> Result<Self, LexiconError> {
        // Digested before they are parsed: a file edited in between leaves
        // a digest no later read matches, never one that vouches for
        // themes it was not read into.
        let sources = lexicon::source_digest(Some(path), extend).ok();
        let mut set = LexiconSet::from_defs(LexiconSet::read_defs(Some(path), extend)?)?;
        set.sources = sources;
        Ok(set)
    }

    /// The digest [`LexiconSet::embedded`] (without `path`) or
    /// [`LexiconSet::load`] would record, without parsing anything.
    pub fn source_digest(path: Option<&Path>, extend: bool) -> Result<String, LexiconError> {
        lexicon::source_digest(path, extend)
    }

    /// The definitions [`LexiconSet::load`] (with a path) or
    /// [`LexiconSet::embedded`] (without) would compile.
    pub fn read_defs(path: Option<&Path>, extend: bool) -> Result<Vec<ThemeDef>, LexiconError> {
        let Some(path) = path else {
            return lexicon::embedded_defs();
        };
        let user = lexicon::read_path(path)?;
        let mut defs = if extend {
            lexicon::embedded_defs()?
        } else {
            Vec::new()
        };
        lexicon::merge(&mut defs, user);
        Ok(defs)
    }

    /// Compiles theme definitions (in order; their index is their [`ThemeId`]).
    pub fn from_defs(defs: Vec<ThemeDef>) -> Result<Self, LexiconError> {
        let matcher = matcher::Matcher::compile(&defs)?;
        let mut set = LexiconSet::uncompiled(defs);
        set.matcher = Some(Arc::new(matcher));
        Ok(set)
    }

    /// The themes and hash of `defs` without compiling them, for commands
    /// that never tag: `motif search` only compares the hash with the
    /// index's, and compiling the matchers was most of its start-up time.
    /// Tagging with such a set finds nothing.
    pub fn uncompiled(defs: Vec<ThemeDef>) -> Self {
        let mut hasher = blake3::Hasher::new();
        for def in &defs {
            def.hash_content(&mut hasher);
        }
        LexiconSet {
            themes: defs.iter().map(|d| d.theme.clone()).collect(),
            hash: hasher.finalize().to_hex()[..16].to_string(),
            defs,
            sources: None,
            matcher: None,
        }
    }

    /// The themes, in [`ThemeId`] order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The theme with this id (panics on an id from another set).
    pub fn theme(&self, id: ThemeId) -> &Theme {
        &self.themes[usize::from(id.0)]
    }

    /// The id of the theme named `name`, if any.
    pub fn theme_id(&self, name: &str) -> Option<ThemeId> {
        let i = self.themes.iter().position(|t| t.id == name)?;
        u16::try_from(i).ok().map(ThemeId)
    }

    /// The full definitions (terms, cues, source file), in [`ThemeId`] order.
    pub fn defs(&self) -> &[ThemeDef] {
        &self.defs
    }

    /// A short hash of the whole lexicon set, recorded with every output and
    /// in the index so that a lexicon edit triggers re-tagging.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The digest of the files the set was read from, if it was read from
    /// files (see [`LexiconSet::source_digest`]).
    pub fn sources(&self) -> Option<&str> {
        self.sources.as_deref()
    }
}

/// A theme found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Index into the document's sentences (0-based).
    pub sentence: usize,
    pub theme: ThemeId,
    /// The lexicon entry that matched.
    pub term: String,
    /// Byte range of the match in the body.
    pub start: usize,
    pub end: usize,
    pub polarity: Polarity,
    /// The polarity cue that decided, if any.
    pub cue: Option<String>,
}

/// A match that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suppressed {
    pub sentence: usize,
    pub theme: ThemeId,
    pub term: String,
    pub start: usize,
    pub end: usize,
    /// e.g. `excluded by "case recording"` or `inside longer match "high caseloads"`.
    pub reason: String,
}

/// Everything the tagger found in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tagged {
    pub mentions: Vec<Mention>,
    pub suppressed: Vec<Suppressed>,
}

/// What kind of text is tagged: an inspection report's paragraphs are
/// judgements (see [`paragraph`]), an article's are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Genre {
    #[default]
    Article,
    InspectionReport,
}

/// Finds theme mentions in each sentence of `body`: every term match, longest
/// first, one per span per theme, exclusions vetoing overlapping matches,
/// each with its polarity; in an inspection report, a mention no cue
/// decides is a strength unless the rest of its paragraph leans to concern.
/// `sentences` must be in body order.
pub fn tag(lexicons: &LexiconSet, body: &str, sentences: &[Sentence], genre: Genre) -> Tagged {
    let mut tagged = tagger::run(lexicons, body, sentences, None);
    if genre == Genre::InspectionReport {
        paragraph::judge(&mut tagged, body, sentences);
    }
    tagged
}

/// Failures loading lexicons; each names the file (and line).
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
}
