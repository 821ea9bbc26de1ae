//! Hand-built [`Analysis`]es for tests, examples and benchmarks.
//!
//! Takes sentences with the councils they are about and the theme terms in
//! them, and gives an [`Analysis`] exactly as the pipeline would shape it
//! (body, sentence ranges and word counts from [`crate::text`], one
//! attribution per sentence, mention byte ranges into the body), without
//! needing a gazetteer or lexicons. Counts and reports can then be tested on
//! known inputs while the other stages evolve.

use chrono::NaiveDate;

use crate::corpus::Document;
use crate::councils::{Attribution, CouncilId, Rule};
use crate::pipeline::Analysis;
use crate::text::{count_words, Sentence};
use crate::themes::{Mention, Polarity, Suppressed, Tagged, ThemeId};

/// Builds one [`Analysis`] sentence by sentence.
#[derive(Debug, Clone)]
pub struct AnalysisBuilder {
    document: Document,
    sentences: Vec<Sentence>,
    attributions: Vec<crate::councils::Attribution>,
    tagged: Tagged,
}

impl AnalysisBuilder {
    /// A document at `path`, published on `published` (`YYYY-MM-DD`; `None`
    /// or an unparsable date means unknown). Its id is a hash of the path.
    pub fn new(path: &str, published: Option<&str>) -> Self {
        let published = published.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        AnalysisBuilder {
            document: Document {
                id: blake3::hash(path.as_bytes()).to_hex()[..16].to_string(),
                path: path.to_string(),
                title: path.to_string(),
                byline: None,
                published,
                inspected_from: None,
                inspected_to: None,
                report_heading: false,
                source: None,
                url: None,
                encoding: "UTF-8".to_string(),
                body: String::new(),
                removed: Vec::new(),
                duplicate_of: None,
            },
            sentences: Vec::new(),
            attributions: Vec::new(),
            tagged: Tagged::default(),
        }
    }

    /// Sets the title.
    pub fn title(mut self, title: &str) -> Self {
        self.document.title = title.to_string();
        self
    }

    /// Marks the document as a copy of `first`.
    pub fn duplicate_of(mut self, first: &str) -> Self {
        self.document.duplicate_of = Some(first.to_string());
        self
    }

    /// Appends a sentence (on its own line) about `councils` (gazetteer
    /// ids; empty for none).
    pub fn sentence(mut self, text: &str, councils: &[u16]) -> Self {
        if !self.document.body.is_empty() {
            self.document.body.push('\n');
        }
        let start = self.document.body.len();
        self.document.body.push_str(text);
        self.sentences.push(Sentence {
            no: self.sentences.len() + 1,
            start,
            end: self.document.body.len(),
            words: count_words(text),
        });
        self.attributions.push(Attribution {
            councils: councils.iter().map(|&c| CouncilId(c)).collect(),
            rule: if councils.is_empty() {
                Rule::None
            } else {
                Rule::Named
            },
        });
        self
    }

    /// A mention of `theme` by `term` in the last sentence. The byte range
    /// is the term's first occurrence in that sentence (the whole sentence
    /// when it does not occur).
    pub fn mention(mut self, theme: u16, term: &str, polarity: Polarity) -> Self {
        let (sentence, start, end) = self.locate(term);
        self.tagged.mentions.push(Mention {
            sentence,
            theme: ThemeId(theme),
            term: term.to_string(),
            start,
            end,
            polarity,
            cue: None,
        });
        self
    }

    /// Like [`AnalysisBuilder::mention`], with the polarity cue that decided.
    pub fn mention_cued(self, theme: u16, term: &str, polarity: Polarity, cue: &str) -> Self {
        let mut built = self.mention(theme, term, polarity);
        if let Some(last) = built.tagged.mentions.last_mut() {
            last.cue = Some(cue.to_string());
        }
        built
    }

    /// A suppressed match of `term` in the last sentence.
    pub fn suppressed(mut self, theme: u16, term: &str, reason: &str) -> Self {
        let (sentence, start, end) = self.locate(term);
        self.tagged.suppressed.push(Suppressed {
            sentence,
            theme: ThemeId(theme),
            term: term.to_string(),
            start,
            end,
            reason: reason.to_string(),
        });
        self
    }

    /// The finished analysis.
    pub fn build(self) -> Analysis {
        Analysis {
            document: self.document,
            sentences: self.sentences,
            attributions: self.attributions,
            tagged: self.tagged,
        }
    }

    /// The last sentence's index and the byte range of `term` within it.
    fn locate(&self, term: &str) -> (usize, usize, usize) {
        let Some((index, sentence)) = self.sentences.iter().enumerate().next_back() else {
            return (0, 0, 0);
        };
        let text = sentence.text(&self.document.body);
        match text.find(term) {
            Some(offset) => (
                index,
                sentence.start + offset,
                sentence.start + offset + term.len(),
            ),
            None => (index, sentence.start, sentence.end),
        }
    }
}
