//! How an output was made: the facts recorded with every report so that a
//! number can be reproduced.
//!
//! Takes the lexicon and gazetteer hashes, the analysed documents and the
//! options of a run, and gives a [`Provenance`] (shown in the workbook's
//! `about` sheet and the HTML report's footer) and the [`RunRecord`] written
//! as `run.json`.

use std::collections::BTreeMap;
use std::path::Path;

use super::atomic::Batch;
use super::ReportError;
use crate::pipeline::Analysis;

/// What every output records about how it was made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    pub motif_version: String,
    pub lexicon_hash: String,
    pub gazetteer_hash: String,
    /// A hash of every document's id and path (see [`corpus_hash`]).
    pub corpus_hash: String,
    /// The options of the run, as the user gave them.
    pub options: BTreeMap<String, String>,
    /// When the outputs were written (UTC, RFC 3339).
    pub generated: String,
}

impl Provenance {
    /// The provenance of outputs made now from `analyses`.
    pub fn new(
        lexicon_hash: &str,
        gazetteer_hash: &str,
        analyses: &[Analysis],
        options: BTreeMap<String, String>,
    ) -> Provenance {
        Self::with_corpus_hash(lexicon_hash, gazetteer_hash, corpus_hash(analyses), options)
    }

    /// The provenance of outputs made now from documents whose corpus hash
    /// ([`CorpusHash`]) is `corpus_hash`.
    pub fn with_corpus_hash(
        lexicon_hash: &str,
        gazetteer_hash: &str,
        corpus_hash: String,
        options: BTreeMap<String, String>,
    ) -> Provenance {
        Provenance {
            motif_version: env!("CARGO_PKG_VERSION").to_string(),
            lexicon_hash: lexicon_hash.to_string(),
            gazetteer_hash: gazetteer_hash.to_string(),
            corpus_hash,
            options,
            generated: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }

    /// Key-value lines for a sheet or a page footer, options last.
    pub fn entries(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("motif_version".to_string(), self.motif_version.clone()),
            ("lexicon_hash".to_string(), self.lexicon_hash.clone()),
            ("gazetteer_hash".to_string(), self.gazetteer_hash.clone()),
            ("corpus_hash".to_string(), self.corpus_hash.clone()),
            ("generated".to_string(), self.generated.clone()),
        ];
        for (key, value) in &self.options {
            out.push((format!("option.{key}"), value.clone()));
        }
        out
    }
}

/// A short hash of the corpus as analysed: every document's id (a hash of
/// its text) and path, in sorted order, so it changes when any text, name,
/// addition or removal does, and not with read order.
pub fn corpus_hash(analyses: &[Analysis]) -> String {
    let mut hash = CorpusHash::default();
    for a in analyses {
        hash.add(&a.document.path, &a.document.id);
    }
    hash.finish()
}

/// [`corpus_hash`] taken a document at a time, for analyses that are
/// streamed rather than held.
#[derive(Debug, Default)]
pub struct CorpusHash {
    lines: Vec<(String, String)>,
}

impl CorpusHash {
    /// Adds one document's path and id.
    pub fn add(&mut self, path: &str, id: &str) {
        self.lines.push((path.to_string(), id.to_string()));
    }

    /// The hash of everything added.
    pub fn finish(mut self) -> String {
        self.lines.sort_unstable();
        let mut hasher = blake3::Hasher::new();
        for (path, id) in &self.lines {
            hasher.update(path.as_bytes());
            hasher.update(b"\t");
            hasher.update(id.as_bytes());
            hasher.update(b"\n");
        }
        hasher.finalize().to_hex()[..16].to_string()
    }
}

/// `run.json`: the provenance and the totals of one `motif run`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunRecord {
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Documents counted (duplicates excluded).
    pub documents: u64,
    pub duplicates: u64,
    /// Files that could not be read.
    pub skipped: u64,
    /// Councils with at least one attributed sentence.
    pub councils: u64,
    /// Mention credits (= `evidence.csv` rows).
    pub mentions: u64,
    pub mentions_by_theme: BTreeMap<String, u64>,
    pub elapsed_seconds: f64,
    /// The files written, relative to the output folder.
    pub outputs: Vec<String>,
    /// The index commit the outputs were made from: a later run against
    /// the same commit, with the same lexicons, gazetteer and options, has
    /// nothing new to write.
    #[serde(default)]
    pub index_generation: Option<u64>,
}

/// Stages `record` as pretty JSON at `path`.
pub fn stage_run_json(
    batch: &mut Batch,
    path: &Path,
    record: &RunRecord,
) -> Result<(), ReportError> {
    batch.stage(path, |out| {
        serde_json::to_writer_pretty(&mut *out, record).map_err(|source| ReportError::Json {
            path: path.to_path_buf(),
            source,
        })?;
        std::io::Write::write_all(out, b"\n").map_err(|source| ReportError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}
