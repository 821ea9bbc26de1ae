//! Stage 4: where a sentence is about a theme, and with what polarity.
//!
//! Takes a body and its [`Sentence`]s and gives [`Mention`]s: a lexicon term
//! matched in a sentence, with the theme, byte range, and whether inspectors
//! raise it as a concern or a strength. Matches vetoed by an exclusion or
//! absorbed by a longer match are kept as [`Suppressed`] so they can be
//! audited. Themes are data (`lexicons/*.toml`), embedded as defaults.

use std::path::PathBuf;

use crate::text::Sentence;

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
    pub label: String,
    pub description: String,
}

/// The themes in use, with their compiled matchers.
#[derive(Debug, Clone, Default)]
pub struct LexiconSet {
    themes: Vec<Theme>,
    hash: String,
}

impl LexiconSet {
    /// The default lexicons embedded in the binary.
    pub fn embedded() -> Result<Self, LexiconError> {
        Ok(LexiconSet::default())
    }

    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    pub fn theme(&self, id: ThemeId) -> &Theme {
        &self.themes[usize::from(id.0)]
    }

    /// A short hash of the whole lexicon set, recorded with every output and
    /// in the index so that a lexicon edit triggers re-tagging.
    pub fn hash(&self) -> &str {
        &self.hash
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

/// Finds theme mentions in each sentence of `body`.
pub fn tag(lexicons: &LexiconSet, body: &str, sentences: &[Sentence]) -> Tagged {
    let _ = (lexicons, body, sentences);
    Tagged::default()
}

/// Failures loading lexicons; each names the file (and line).
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}: {source}")]
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
