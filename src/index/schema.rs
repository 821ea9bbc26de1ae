//! The Tantivy schema motif's index uses, and the mapping from an
//! [`Analysis`] (or a duplicate [`Document`]) to one Tantivy document.
//!
//! Takes analysed documents and gives `TantivyDocument`s whose searchable
//! fields carry the text, dates, councils and themes, and whose stored
//! fields carry the whole `Document` and the analysis parts as JSON, so that
//! search, counts and re-tagging never need the corpus again.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{DateTime, TantivyDocument};

use crate::corpus::Document;
use crate::councils::{Attribution, Gazetteer};
use crate::pipeline::{Analyser, Analysis};
use crate::text::Sentence;
use crate::themes::{LexiconSet, Tagged};

/// Bumped whenever the schema or the stored JSON changes shape, or the
/// stored documents would read differently (2: an article's headline is
/// part of its body; 3: the `record` fingerprint); an index built with
/// another version is refused with a message saying what to do.
pub const SCHEMA_VERSION: u32 = 3;

/// Handles on every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Relative path, `/`-separated: the key for incremental updates.
    pub path: Field,
    pub doc_id: Field,
    /// File length and modification time when the file was read.
    pub file_len: Field,
    pub file_modified: Field,
    /// 1 for a duplicate (kept only to track its file), 0 otherwise.
    pub duplicate: Field,
    /// A fingerprint of what is stored for the file (its document and
    /// analysis JSON): it changes whenever the file is rewritten with
    /// anything different, so reports made from a stored file can be
    /// kept and reused while it stays the same.
    pub record: Field,
    pub title: Field,
    /// English stemmed, with positions for phrase queries.
    pub body: Field,
    /// Lower-cased but unstemmed, for `--exact`.
    pub body_exact: Field,
    pub published: Field,
    pub year: Field,
    /// Lower-cased GSS codes, canonical names and aliases of the councils.
    pub council: Field,
    /// Canonical council names as printed, for display and `--by council`.
    pub council_name: Field,
    /// Theme ids, lower-cased.
    pub theme: Field,
    /// `concern`, `strength`, `neutral` and `theme/polarity` pairs.
    pub polarity: Field,
    /// The [`Document`] as JSON.
    pub document: Field,
    /// The [`StoredParts`] as JSON (absent for duplicates).
    pub analysis: Field,
}

/// The analysis of a document minus the document itself, as stored.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoredParts {
    pub sentences: Vec<Sentence>,
    pub attributions: Vec<Attribution>,
    pub tagged: Tagged,
}

/// The file a document was read from, as the index remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    pub path: String,
    pub len: u64,
    pub modified: u64,
}

/// What one indexed file holds.
#[derive(Debug)]
pub enum Record {
    /// A document indexed for search and counts.
    Original(Analysis),
    /// A repeat of an earlier file's text: stored, never searched or counted.
    Duplicate(Document),
}

/// Builds the schema and returns it with its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED | FAST),
        doc_id: b.add_text_field("doc_id", STRING | STORED | FAST),
        file_len: b.add_u64_field("file_len", FAST),
        file_modified: b.add_u64_field("file_modified", FAST),
        duplicate: b.add_u64_field("duplicate", INDEXED | FAST),
        record: b.add_u64_field("record", FAST),
        title: b.add_text_field("title", positions("en_stem") | STORED),
        body: b.add_text_field("body", positions("en_stem")),
        body_exact: b.add_text_field("body_exact", positions("default")),
        published: b.add_date_field("published", INDEXED | STORED | FAST),
        year: b.add_i64_field("year", INDEXED | STORED | FAST),
        council: b.add_text_field("council", STRING),
        council_name: b.add_text_field("council_name", STRING | STORED | FAST),
        theme: b.add_text_field("theme", STRING | STORED | FAST),
        polarity: b.add_text_field("polarity", STRING),
        document: b.add_text_field("document", STORED),
        analysis: b.add_text_field("analysis", STORED),
    };
    (b.build(), fields)
}

/// Normalises a council name or alias for matching: lower case, with `-`,
/// `_` and runs of white space turned into single spaces, so that
/// `north_yorkshire`, `North-Yorkshire` and `north yorkshire` agree.
pub fn normalise_name(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `record` fingerprint of a stored file's JSON parts.
fn fingerprint(parts: &[&str]) -> u64 {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        // The length first, so that moving bytes between parts changes it.
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let mut first = [0u8; 8];
    first.copy_from_slice(&hasher.finalize().as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// The midnight-UTC Tantivy date of a calendar date.
pub fn tantivy_date(date: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(date.and_time(NaiveTime::MIN).and_utc().timestamp())
}

impl Fields {
    /// The Tantivy document for one file.
    pub fn make_doc(
        &self,
        stamp: &FileStamp,
        record: &Record,
        analyser: &Analyser,
    ) -> Result<TantivyDocument, serde_json::Error> {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.path, &stamp.path);
        doc.add_u64(self.file_len, stamp.len);
        doc.add_u64(self.file_modified, stamp.modified);
        match record {
            Record::Duplicate(document) => {
                doc.add_text(self.doc_id, &document.id);
                doc.add_u64(self.duplicate, 1);
                let json = serde_json::to_string(document)?;
                doc.add_u64(self.record, fingerprint(&[&json]));
                doc.add_text(self.document, json);
            }
            Record::Original(analysis) => {
                let document = &analysis.document;
                doc.add_text(self.doc_id, &document.id);
                doc.add_u64(self.duplicate, 0);
                doc.add_text(self.title, &document.title);
                doc.add_text(self.body, &document.body);
                doc.add_text(self.body_exact, &document.body);
                if let Some(date) = document.published {
                    doc.add_date(self.published, tantivy_date(date));
                }
                if let Some(year) = document.year() {
                    doc.add_i64(self.year, i64::from(year));
                }
                self.add_councils(&mut doc, analysis, &analyser.gazetteer);
                self.add_themes(&mut doc, &analysis.tagged, &analyser.lexicons);
                let json = serde_json::to_string(document)?;
                let parts = StoredParts {
                    sentences: analysis.sentences.clone(),
                    attributions: analysis.attributions.clone(),
                    tagged: analysis.tagged.clone(),
                };
                let parts = serde_json::to_string(&parts)?;
                doc.add_u64(self.record, fingerprint(&[&json, &parts]));
                doc.add_text(self.document, json);
                doc.add_text(self.analysis, parts);
            }
        }
        Ok(doc)
    }

    fn add_councils(&self, doc: &mut TantivyDocument, analysis: &Analysis, gazetteer: &Gazetteer) {
        // Every name a user might type goes into one raw field; a BTreeSet
        // keeps each value once so term frequencies do not favour aliases.
        let mut keys = BTreeSet::new();
        for id in analysis.councils() {
            let Some(council) = gazetteer.councils().get(usize::from(id.0)) else {
                continue;
            };
            doc.add_text(self.council_name, &council.name);
            keys.insert(council.gss_code.to_lowercase());
            keys.insert(normalise_name(&council.name));
            keys.insert(normalise_name(&council.short_name));
            for alias in &council.aliases {
                keys.insert(normalise_name(alias));
            }
        }
        for key in keys.into_iter().filter(|k| !k.is_empty()) {
            doc.add_text(self.council, key);
        }
    }

    fn add_themes(&self, doc: &mut TantivyDocument, tagged: &Tagged, lexicons: &LexiconSet) {
        let mut themes = BTreeSet::new();
        let mut polarities = BTreeSet::new();
        for mention in &tagged.mentions {
            let Some(theme) = lexicons.themes().get(usize::from(mention.theme.0)) else {
                continue;
            };
            let id = theme.id.to_lowercase();
            polarities.insert(mention.polarity.as_str().to_string());
            polarities.insert(format!("{id}/{}", mention.polarity.as_str()));
            themes.insert(id);
        }
        for theme in themes {
            doc.add_text(self.theme, theme);
        }
        for polarity in polarities {
            doc.add_text(self.polarity, polarity);
        }
    }
}

/// Just the body of a stored document's JSON, borrowed when it holds no
/// escapes: all a lexicon edit's screen needs to read.
pub fn body_from_json(document: &str) -> Result<std::borrow::Cow<'_, str>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Body<'a> {
        #[serde(borrow)]
        body: std::borrow::Cow<'a, str>,
    }
    serde_json::from_str::<Body>(document).map(|b| b.body)
}

/// Rebuilds an [`Analysis`] from its stored JSON.
pub fn analysis_from_json(document: &str, parts: &str) -> Result<Analysis, serde_json::Error> {
    let document: Document = serde_json::from_str(document)?;
    let parts: StoredParts = serde_json::from_str(parts)?;
    Ok(Analysis {
        document,
        sentences: parts.sentences,
        attributions: parts.attributions,
        tagged: parts.tagged,
    })
}
