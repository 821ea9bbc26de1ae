//! Stage 3: which council each sentence is about.
//!
//! Takes a [`Document`](crate::corpus::Document) and its
//! [`Sentence`](crate::text::Sentence)s and gives one [`Attribution`]
//! per sentence: the councils (from a [`Gazetteer`] of every English
//! children's services authority, by GSS code) that the sentence is about,
//! and the rule that decided. The gazetteer is data (`lexicons/councils.csv`),
//! embedded as the default and replaceable with `--councils FILE`.
//!
//! The work is split along its seams: [`gazetteer`] parses and checks the
//! CSV, [`finder`] finds council names in text (with the evidence rules for
//! names that are also ordinary words), and [`attribution`] walks a
//! document's sentences keeping track of the council in focus.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;

pub mod attribution;
mod context;
pub mod finder;
pub mod gazetteer;

pub use attribution::{attribute, document_councils};
pub use finder::{Candidate, CouncilMatch, Verdict};
pub use gazetteer::{AliasFlag, Pattern};

/// The default gazetteer, embedded so motif works anywhere.
pub const DEFAULT_GAZETTEER: &str = include_str!("../../lexicons/councils.csv");
const EMBEDDED_ORIGIN: &str = "lexicons/councils.csv (embedded)";

/// Index of a council in its [`Gazetteer`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct CouncilId(pub u16);

/// A local authority with children's services duties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    /// ONS GSS code (E06…, E08…, E09…, E10…).
    pub gss_code: String,
    /// Official name ("Tameside Metropolitan Borough Council").
    pub name: String,
    /// The name texts use most ("Tameside").
    pub short_name: String,
    /// County, unitary, metropolitan district, London borough, ...
    pub kind: String,
    pub region: String,
    /// First day the council had children's services duties (`None`: before
    /// the gazetteer's span).
    pub valid_from: Option<NaiveDate>,
    /// Last day (`None`: still exists).
    pub valid_to: Option<NaiveDate>,
    /// Names texts use, without their flags (see [`Council::alias_flags`]).
    pub aliases: Vec<String>,
    /// The flag of each alias, index for index with `aliases`.
    pub alias_flags: Vec<AliasFlag>,
}

impl Council {
    /// Whether the council existed on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date <= to)
    }

    /// Whether the council exists today (has no end date).
    pub fn is_current(&self) -> bool {
        self.valid_to.is_none()
    }
}

/// Every council motif knows, and how to find them in text.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    councils: Vec<Council>,
    hash: String,
    origin: String,
    /// Built on first use: `motif search` only looks councils up by name,
    /// and building the name matcher was a third of its start-up.
    finder: OnceLock<Result<finder::Finder, String>>,
}

impl Gazetteer {
    /// The embedded default gazetteer.
    pub fn embedded() -> Result<Self, GazetteerError> {
        Self::parse(DEFAULT_GAZETTEER, EMBEDDED_ORIGIN)
    }

    /// The embedded default gazetteer for lookups by name (see [`parse_names`]).
    ///
    /// [`parse_names`]: Gazetteer::parse_names
    pub fn embedded_names() -> Result<Self, GazetteerError> {
        Self::parse_names(DEFAULT_GAZETTEER, EMBEDDED_ORIGIN)
    }

    /// Reads a gazetteer CSV from disk.
    pub fn from_path(path: &std::path::Path) -> Result<Self, GazetteerError> {
        Self::names_from_path(path)?.with_finder()
    }

    /// Reads a gazetteer CSV from disk for lookups by name (see [`parse_names`]).
    ///
    /// [`parse_names`]: Gazetteer::parse_names
    pub fn names_from_path(path: &std::path::Path) -> Result<Self, GazetteerError> {
        let text = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse_names(&text, &path.display().to_string())
    }

    /// Parses gazetteer CSV text and builds its name matcher; `origin`
    /// names it in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Self, GazetteerError> {
        Self::parse_names(text, origin)?.with_finder()
    }

    /// Parses gazetteer CSV text for looking councils up by name or code,
    /// leaving the name matcher to be built when text is first scanned.
    /// A matcher that cannot be built then finds no council; [`parse`]
    /// reports that failure up front instead.
    ///
    /// [`parse`]: Gazetteer::parse
    pub fn parse_names(text: &str, origin: &str) -> Result<Self, GazetteerError> {
        Ok(Gazetteer {
            councils: gazetteer::parse_rows(text, origin)?,
            hash: blake3::hash(text.as_bytes()).to_hex()[..16].to_string(),
            origin: origin.to_string(),
            finder: OnceLock::new(),
        })
    }

    /// Builds the name matcher now, so that a failure is reported here.
    fn with_finder(self) -> Result<Self, GazetteerError> {
        self.finder()?;
        Ok(self)
    }

    fn finder(&self) -> Result<&finder::Finder, GazetteerError> {
        let built = self
            .finder
            .get_or_init(|| finder::Finder::new(&self.councils).map_err(|e| e.to_string()));
        built.as_ref().map_err(|message| GazetteerError::Matcher {
            origin: self.origin.clone(),
            message: message.clone(),
        })
    }

    /// Every council, in file order.
    pub fn councils(&self) -> &[Council] {
        &self.councils
    }

    /// The council with this id (ids come from this gazetteer).
    pub fn council(&self, id: CouncilId) -> &Council {
        &self.councils[usize::from(id.0)]
    }

    /// The council with this GSS code.
    pub fn by_code(&self, gss_code: &str) -> Option<CouncilId> {
        self.councils
            .iter()
            .position(|c| c.gss_code == gss_code)
            .and_then(|i| u16::try_from(i).ok())
            .map(CouncilId)
    }

    /// A short hash of the gazetteer's contents, recorded with every output.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The councils named in `text` (treated as one whole document), with
    /// the span and alias of each; names that need evidence are kept only
    /// when the text gives it. `date` picks between an old and a new council
    /// with the same name (undated: the current one, flagged).
    pub fn find(&self, text: &str, date: Option<NaiveDate>) -> Vec<CouncilMatch> {
        finder::kept(&self.candidates(text, date))
    }

    /// Every candidate name in `text`, kept or rejected, with the reason.
    pub fn candidates(&self, text: &str, date: Option<NaiveDate>) -> Vec<Candidate> {
        self.candidates_in(&[text], date)
            .into_iter()
            .flatten()
            .collect()
    }

    /// Candidates in several texts of one document (title, body) that share
    /// evidence: a council named plainly in one confirms its ambiguous name
    /// in another. One list per text, spans relative to that text.
    pub fn candidates_in(&self, texts: &[&str], date: Option<NaiveDate>) -> Vec<Vec<Candidate>> {
        match self.finder() {
            Ok(finder) => finder.scan(self, texts, date),
            Err(_) => vec![Vec::new(); texts.len()],
        }
    }

    /// Problems with the gazetteer's data: duplicate or malformed codes, an
    /// alias naming two councils at once without the shared flag.
    pub fn problems(&self) -> Vec<String> {
        gazetteer::problems(&self.councils)
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

impl Rule {
    /// The rule's name as printed (`named`, `focus`, `lead`, `group`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Named => "named",
            Rule::Focus => "focus",
            Rule::Lead => "lead",
            Rule::Group => "group",
            Rule::None => "none",
        }
    }
}

/// The councils one sentence is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attribution {
    pub councils: Vec<CouncilId>,
    pub rule: Rule,
}

/// Failures loading a gazetteer; each names the file (and line).
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read gazetteer {path}")]
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
    #[error("{origin}: cannot build the name matcher: {message}")]
    Matcher { origin: String, message: String },
}
