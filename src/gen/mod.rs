//! Synthetic corpora for benchmarks and tests.
//!
//! Takes a [`Gazetteer`] (for council names), a seed and a size, and gives a
//! folder of realistic generated articles and report-shaped texts: varied
//! datelines, site furniture, several councils per article with focus
//! shifts, sentences for every theme in `themes.txt` with their traps and
//! polarity cues, Zipf-distributed filler words, about 3% Windows-1252 files,
//! about 2% duplicates under other names, and a `manifest.csv` for about half
//! of the files. The output is a pure function of the seed (and gazetteer):
//! byte-identical whatever the thread count. Documents are generated and
//! written in parallel, a batch at a time, so memory stays small.

mod article;
mod data;
mod rng;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::councils::Gazetteer;
use data::{Furniture, Template, Templates, Vocabulary};
pub use rng::Rng;

/// Share of documents written in Windows-1252 rather than UTF-8.
const WINDOWS_1252_SHARE: f64 = 0.03;
/// Share of documents that repeat an earlier document under another name.
const DUPLICATE_SHARE: f64 = 0.02;
/// Share of documents shaped like an inspection report rather than an article.
const REPORT_SHARE: f64 = 0.08;
/// Share of documents listed in `manifest.csv`.
const MANIFEST_SHARE: f64 = 0.5;
/// Documents generated in memory before a batch is written.
const BATCH: usize = 2048;
/// Documents per sub-folder, so no folder grows huge.
const PER_FOLDER: usize = 1000;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenOptions {
    /// Stop after this many documents (`None`: only `max_bytes` limits).
    pub docs: Option<usize>,
    /// Stop once this many bytes are written (`None`: only `docs` limits).
    pub max_bytes: Option<u64>,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenSummary {
    pub docs: usize,
    pub bytes: u64,
    pub windows_1252: usize,
    pub duplicates: usize,
    pub reports: usize,
    pub manifest_rows: usize,
}

/// One generated document, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedDoc {
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
    /// Publication date (`YYYY-MM-DD`), for the manifest.
    pub published: String,
    pub windows_1252: bool,
    /// The document this one copies, if it is a duplicate.
    pub duplicate_of: Option<usize>,
    pub report: bool,
    /// Whether the text carries a dateline (otherwise only the manifest,
    /// if it lists the document, dates it).
    pub has_dateline: bool,
    /// Whether the document is listed in `manifest.csv`.
    pub in_manifest: bool,
}

/// A theme from `themes.txt`, with its sentences by polarity.
#[derive(Debug, Clone, Default)]
struct ThemeSentences {
    concern: Vec<Template>,
    strength: Vec<Template>,
    neutral: Vec<Template>,
}

impl ThemeSentences {
    /// Concern 45%, strength 40%, neutral 15%, skipping empty lists.
    fn pick_polarity(&self, rng: &mut Rng) -> &[Template] {
        let roll = rng.below(100);
        let first = if roll < 45 {
            &self.concern
        } else if roll < 85 {
            &self.strength
        } else {
            &self.neutral
        };
        [first, &self.concern, &self.strength, &self.neutral]
            .into_iter()
            .find(|l| !l.is_empty())
            .map_or(&[], Vec::as_slice)
    }
}

/// The parsed data and council names; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Generator {
    /// Name forms per council (name, short name, aliases, "X Council").
    councils: Vec<Vec<String>>,
    themes: Vec<ThemeSentences>,
    traps: Vec<Template>,
    article: Templates,
    reports: Templates,
    furniture: Vec<Furniture>,
    vocab: Vocabulary,
    seed: u64,
}

impl Generator {
    /// A generator drawing council names from `gazetteer` (every council,
    /// all its name forms). An empty gazetteer falls back to a small list
    /// in `src/gen/fallback_councils.txt`.
    pub fn new(gazetteer: &Gazetteer, seed: u64) -> Result<Self, GenError> {
        let mut councils: Vec<Vec<String>> = gazetteer
            .councils()
            .iter()
            .map(|c| {
                let mut forms = vec![c.name.clone(), c.short_name.clone()];
                forms.extend(c.aliases.iter().cloned());
                forms.push(format!("{} Council", c.short_name));
                let mut seen = std::collections::BTreeSet::new();
                forms.retain(|f| !f.trim().is_empty() && seen.insert(f.clone()));
                forms
            })
            .filter(|forms| !forms.is_empty())
            .collect();
        if councils.is_empty() {
            councils = data::FALLBACK_COUNCILS
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| l.split('|').map(|s| s.trim().to_string()).collect())
                .collect();
        }
        let theme_file = Templates::parse(data::THEMES, "src/gen/themes.txt")?;
        let mut themes: std::collections::BTreeMap<&str, ThemeSentences> = Default::default();
        let mut traps = Vec::new();
        for (name, lines) in theme_file.sections() {
            let words: Vec<&str> = name.split_whitespace().collect();
            match words.as_slice() {
                ["theme", id, polarity] => {
                    let entry = themes.entry(id).or_default();
                    let list = match *polarity {
                        "concern" => &mut entry.concern,
                        "strength" => &mut entry.strength,
                        _ => &mut entry.neutral,
                    };
                    list.extend(lines.iter().cloned());
                }
                ["trap", _] => traps.extend(lines.iter().cloned()),
                _ => {
                    return Err(GenError::Data {
                        file: "src/gen/themes.txt".to_string(),
                        line: 0,
                        message: format!(
                            "section [{name}] is neither [theme ID POLARITY] nor [trap ID]"
                        ),
                    })
                }
            }
        }
        let vocab = Vocabulary::parse(data::WORDS);
        if vocab.is_empty() {
            return Err(GenError::Data {
                file: "src/gen/words.txt".to_string(),
                line: 0,
                message: "no words".to_string(),
            });
        }
        if themes.is_empty() {
            return Err(GenError::Data {
                file: "src/gen/themes.txt".to_string(),
                line: 0,
                message: "no [theme ...] sections".to_string(),
            });
        }
        Ok(Generator {
            councils,
            themes: themes.into_values().collect(),
            traps,
            article: Templates::parse(data::ARTICLE, "src/gen/article.txt")?,
            reports: Templates::parse(data::REPORTS, "src/gen/reports.txt")?,
            furniture: data::parse_furniture(data::FURNITURE, "src/gen/furniture.txt")?,
            vocab,
            seed,
        })
    }

    /// How many distinct filler words the vocabulary holds.
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len()
    }

    /// Document `i` of the corpus: the same bytes for the same seed, always.
    pub fn document(&self, i: usize) -> GeneratedDoc {
        let mut rng = Rng::for_doc(self.seed, i as u64, 0);
        let hash = rng.next_u64();
        let path = format!("{:04}/{i:06}_{hash:016x}.txt", i / PER_FOLDER);
        let in_manifest = rng.chance(MANIFEST_SHARE);
        // A duplicate copies the content of an earlier original (never of
        // another duplicate), under its own name.
        let mut source = i;
        let mut duplicate_of = None;
        while source > 0 {
            let mut dup_rng = Rng::for_doc(self.seed, source as u64, 1);
            if !dup_rng.chance(DUPLICATE_SHARE) {
                break;
            }
            source = dup_rng.below(source);
            duplicate_of = Some(source);
        }
        let mut content_rng = Rng::for_doc(self.seed, source as u64, 2);
        let report = content_rng.chance(REPORT_SHARE);
        let windows_1252 = content_rng.chance(WINDOWS_1252_SHARE);
        let rendered = article::render(self, &mut content_rng, report);
        let bytes = if windows_1252 {
            let (encoded, _, _) = encoding_rs::WINDOWS_1252.encode(&rendered.text);
            encoded.into_owned()
        } else {
            rendered.text.into_bytes()
        };
        GeneratedDoc {
            path,
            bytes,
            published: rendered.date.format("%Y-%m-%d").to_string(),
            windows_1252,
            duplicate_of,
            report,
            has_dateline: rendered.has_dateline,
            in_manifest,
        }
    }
}

/// Writes a generated corpus into `out` (created if missing) and a
/// `manifest.csv` beside the documents.
pub fn generate(
    gazetteer: &Gazetteer,
    options: &GenOptions,
    out: &Path,
) -> Result<GenSummary, GenError> {
    let generator = Generator::new(gazetteer, options.seed)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenError::Io { path, source }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let limit_docs = options.docs.unwrap_or(usize::MAX);
    let limit_bytes = options.max_bytes.unwrap_or(u64::MAX);
    let mut summary = GenSummary::default();
    let mut manifest = String::from("path,published,source,url\n");
    let mut next = 0usize;
    while next < limit_docs && summary.bytes < limit_bytes {
        let end = next.saturating_add(BATCH).min(limit_docs);
        let mut batch: Vec<GeneratedDoc> = (next..end)
            .into_par_iter()
            .map(|i| generator.document(i))
            .collect();
        // Cut the batch where the byte budget runs out, in document order,
        // so the output does not depend on thread timing.
        let mut keep = 0;
        for doc in &batch {
            if summary.bytes >= limit_bytes {
                break;
            }
            summary.bytes += doc.bytes.len() as u64;
            keep += 1;
        }
        batch.truncate(keep);
        batch
            .par_iter()
            .map(|doc| write_doc(out, doc))
            .collect::<Result<Vec<()>, GenError>>()?;
        for (offset, doc) in batch.iter().enumerate() {
            summary.docs += 1;
            summary.windows_1252 += usize::from(doc.windows_1252);
            summary.duplicates += usize::from(doc.duplicate_of.is_some());
            summary.reports += usize::from(doc.report);
            if doc.in_manifest {
                summary.manifest_rows += 1;
                let source = if doc.report { "Ofsted" } else { "Generated" };
                manifest.push_str(&format!(
                    "{},{},{source},https://example.org/doc/{}\n",
                    doc.path,
                    doc.published,
                    next + offset
                ));
            }
        }
        next = end;
        if keep < BATCH {
            break;
        }
    }
    let manifest_path = out.join("manifest.csv");
    let mut file = std::fs::File::create(&manifest_path).map_err(io(&manifest_path))?;
    file.write_all(manifest.as_bytes())
        .map_err(io(&manifest_path))?;
    Ok(summary)
}

fn write_doc(out: &Path, doc: &GeneratedDoc) -> Result<(), GenError> {
    let path = out.join(&doc.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| GenError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(&path, &doc.bytes).map_err(|source| GenError::Io { path, source })
}

/// Failures generating a corpus; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("cannot write {path}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}, line {line}: {message}")]
    Data {
        file: String,
        line: usize,
        message: String,
    },
}
