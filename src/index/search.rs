//! Answering searches from the index.
//!
//! Takes a [`SearchRequest`] and gives [`Hit`]s (with the best-matching
//! sentences as [`Snippet`]s and the byte ranges of the matched words), a
//! count of matching documents, or counts per council, year or theme via
//! Tantivy's terms aggregation.

use chrono::NaiveDate;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggregationCollector, AggregationLimits};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Executor, Order, Searcher, TantivyDocument};

use super::query::{self, GroupBy, SearchRequest, SortOrder};
use super::snippet::{self, Marker, Wanted};
use super::{Index, IndexError};
use crate::corpus::Document;
use crate::councils::Gazetteer;
use crate::text::Sentence;

/// One matching document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub doc_id: String,
    pub path: String,
    pub title: String,
    pub published: Option<NaiveDate>,
    /// Canonical council names, as the gazetteer prints them.
    pub councils: Vec<String>,
    /// Theme ids.
    pub themes: Vec<String>,
    pub score: f32,
    pub snippets: Vec<Snippet>,
}

/// A sentence that matched, with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// 1-based sentence number in the document.
    pub sentence: usize,
    /// Byte range of the sentence in the document body.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Byte ranges of matched words, relative to `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// What a hit's snippets need of its stored
/// [`StoredParts`](super::schema::StoredParts): the sentences, and the
/// sentence of the first mention. The rest is skipped, not built: a search
/// reads one for each hit it shows.
#[derive(serde::Deserialize)]
struct SnippetParts {
    sentences: Vec<Sentence>,
    tagged: SnippetMentions,
}

#[derive(serde::Deserialize)]
struct SnippetMentions {
    mentions: Vec<MentionSentence>,
}

#[derive(serde::Deserialize)]
struct MentionSentence {
    sentence: usize,
}

impl Index {
    /// The best `request.limit` matching documents, by score or newest first.
    pub fn search(
        &self,
        request: &SearchRequest,
        gazetteer: &Gazetteer,
    ) -> Result<Vec<Hit>, IndexError> {
        let query = query::build(&self.index, &self.fields, gazetteer, request)?;
        let searcher = self.reader.searcher();
        let limit = request.limit.max(1);
        let all_cores = request.has_phrase();
        let found: Vec<(f32, DocAddress)> = match request.sort {
            SortOrder::Score => {
                self.collect(&searcher, &query, &TopDocs::with_limit(limit), all_cores)?
            }
            SortOrder::Date => self
                .collect(
                    &searcher,
                    &query,
                    &TopDocs::with_limit(limit)
                        .order_by_fast_field::<tantivy::DateTime>("published", Order::Desc),
                    all_cores,
                )?
                .into_iter()
                .map(|(_, address)| (0.0, address))
                .collect(),
        };
        let body = if request.exact {
            self.fields.body_exact
        } else {
            self.fields.body
        };
        let mut analyzer = self
            .index
            .tokenizer_for_field(body)
            .map_err(|e| self.err(e))?;
        let wanted = Wanted::new(
            &query,
            &query::normalise(&request.query),
            &[body, self.fields.title],
            &mut analyzer,
        );
        // The marker's stem memo carries over from hit to hit.
        let mut marker = Marker::new(&wanted, !request.exact);
        found
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, address, score, &wanted, &mut marker))
            .collect()
    }

    /// The number of matching documents.
    pub fn count(&self, request: &SearchRequest, gazetteer: &Gazetteer) -> Result<u64, IndexError> {
        let query = query::build(&self.index, &self.fields, gazetteer, request)?;
        let searcher = self.reader.searcher();
        let n = self.collect(&searcher, &query, &Count, request.has_phrase())?;
        Ok(n as u64)
    }

    /// The number of matching documents per council, year or theme, largest
    /// first (ties by name). A document about two councils counts in both.
    pub fn group_counts(
        &self,
        request: &SearchRequest,
        gazetteer: &Gazetteer,
        by: GroupBy,
    ) -> Result<Vec<(String, u64)>, IndexError> {
        let query = query::build(&self.index, &self.fields, gazetteer, request)?;
        let field = match by {
            GroupBy::Council => "council_name",
            GroupBy::Year => "year",
            GroupBy::Theme => "theme",
        };
        let request_json = serde_json::json!({
            "groups": { "terms": { "field": field, "size": 65000 } }
        });
        let aggs: Aggregations = serde_json::from_value(request_json).map_err(|e| {
            self.err(tantivy::TantivyError::InternalError(format!(
                "aggregation request: {e}"
            )))
        })?;
        let collector = AggregationCollector::from_aggs(aggs, AggregationLimits::default());
        let result = self.collect(&self.reader.searcher(), &query, &collector, true)?;
        let value = serde_json::to_value(result).unwrap_or_default();
        let mut groups: Vec<(String, u64)> = value["groups"]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .map(|b| {
                        let key = match &b["key"] {
                            serde_json::Value::String(s) => s.clone(),
                            serde_json::Value::Number(n) => n
                                .as_f64()
                                .map_or_else(|| n.to_string(), |f| format!("{f:.0}")),
                            other => other.to_string(),
                        };
                        (key, b["doc_count"].as_u64().unwrap_or(0))
                    })
                    .collect()
            })
            .unwrap_or_default();
        groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(groups)
    }

    /// Runs `query` through `collector`, on every core (or `--threads`)
    /// when asked. A phrase checks word positions in every document holding its
    /// words ("voice of the child": most of them), and a grouping visits
    /// every match: that work splits by segment across the cores. Words
    /// alone are ranked by block-max WAND, which skips most documents and
    /// takes less time on one core than starting the threads would.
    fn collect<C: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
        all_cores: bool,
    ) -> Result<C::Fruit, IndexError> {
        let executor = if all_cores && self.search_threads > 1 {
            Executor::multi_thread(self.search_threads, "motif-search-").map_err(|e| {
                self.err(tantivy::TantivyError::SystemError(format!(
                    "starting search threads: {e}"
                )))
            })?
        } else {
            Executor::single_thread()
        };
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        searcher
            .search_with_executor(query, collector, &executor, scoring)
            .map_err(|e| self.err(e))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        wanted: &Wanted,
        marker: &mut Marker,
    ) -> Result<Hit, IndexError> {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.err(e))?;
        let all = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let first = |field: Field| all(field).into_iter().next().unwrap_or_default();
        let path = first(self.fields.path);
        let stored_err = |source| IndexError::Stored {
            path: self.dir.clone(),
            doc: path.clone(),
            source,
        };
        let document: Document =
            serde_json::from_str(&first(self.fields.document)).map_err(stored_err)?;
        let parts: SnippetParts =
            serde_json::from_str(&first(self.fields.analysis)).map_err(stored_err)?;
        let first_mention = parts.tagged.mentions.first().map(|m| m.sentence);
        let snippets = snippet::best(
            &document.body,
            &parts.sentences,
            first_mention,
            wanted,
            marker,
        );
        Ok(Hit {
            doc_id: document.id.clone(),
            path,
            title: document.title.clone(),
            published: document.published,
            councils: all(self.fields.council_name),
            themes: all(self.fields.theme),
            score,
            snippets,
        })
    }
}
