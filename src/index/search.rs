//! Answering searches from the index.
//!
//! Takes a [`SearchRequest`] and gives [`Hit`]s (with the best-matching
//! sentences as [`Snippet`]s and the byte ranges of the matched words), a
//! count of matching documents, or counts per council, year or theme via
//! Tantivy's terms aggregation.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggregationCollector, AggregationLimits};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use super::query::{self, GroupBy, SearchRequest, SortOrder};
use super::schema::StoredParts;
use super::{Index, IndexError};
use crate::corpus::Document;
use crate::councils::Gazetteer;

/// Sentences shown per hit, best first.
const SNIPPETS_PER_HIT: usize = 2;

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
        let found: Vec<(f32, DocAddress)> = match request.sort {
            SortOrder::Score => searcher
                .search(&query, &TopDocs::with_limit(limit))
                .map_err(|e| self.err(e))?,
            SortOrder::Date => searcher
                .search(
                    &query,
                    &TopDocs::with_limit(limit)
                        .order_by_fast_field::<tantivy::DateTime>("published", Order::Desc),
                )
                .map_err(|e| self.err(e))?
                .into_iter()
                .map(|(_, address)| (0.0, address))
                .collect(),
        };
        let words = self.query_words(&query, request.exact);
        found
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, address, score, &words, request.exact))
            .collect()
    }

    /// The number of matching documents.
    pub fn count(&self, request: &SearchRequest, gazetteer: &Gazetteer) -> Result<u64, IndexError> {
        let query = query::build(&self.index, &self.fields, gazetteer, request)?;
        let n = self
            .reader
            .searcher()
            .search(&query, &Count)
            .map_err(|e| self.err(e))?;
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
        let result = self
            .reader
            .searcher()
            .search(&query, &collector)
            .map_err(|e| self.err(e))?;
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

    /// The tokens of the body (or exact body) terms the query looks for.
    fn query_words(&self, query: &dyn Query, exact: bool) -> BTreeSet<String> {
        let body = if exact {
            self.fields.body_exact
        } else {
            self.fields.body
        };
        let mut words = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == body || term.field() == self.fields.title {
                if let Some(text) = term.value().as_str() {
                    words.insert(text.to_string());
                }
            }
        });
        words
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        words: &BTreeSet<String>,
        exact: bool,
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
        let parts: StoredParts =
            serde_json::from_str(&first(self.fields.analysis)).map_err(stored_err)?;
        let snippets = self.snippets(&document.body, &parts, words, exact);
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

    /// The sentences with the most distinct query words (ties: earliest),
    /// with every query word in them highlighted. With no words (a filter-
    /// only query) the first sentence with a theme mention stands in.
    fn snippets(
        &self,
        body: &str,
        parts: &StoredParts,
        words: &BTreeSet<String>,
        exact: bool,
    ) -> Vec<Snippet> {
        // Words are matched by re-tokenising each sentence with the body
        // field's own analyser, so "caseloads" lights up for "caseload".
        let field = if exact {
            self.fields.body_exact
        } else {
            self.fields.body
        };
        let analyzer = self.index.tokenizer_for_field(field).ok();
        let mut scored: Vec<(usize, usize, Snippet)> = Vec::new();
        for sentence in &parts.sentences {
            let Some(text) = body.get(sentence.start..sentence.end) else {
                continue;
            };
            let mut highlights = Vec::new();
            let mut distinct = BTreeSet::new();
            if let Some(mut analyzer) = analyzer.clone() {
                let mut stream = analyzer.token_stream(text);
                while let Some(token) = stream.next() {
                    if words.contains(&token.text) {
                        distinct.insert(token.text.clone());
                        highlights.push((token.offset_from, token.offset_to));
                    }
                }
            }
            if distinct.is_empty() {
                continue;
            }
            scored.push((
                distinct.len(),
                highlights.len(),
                Snippet {
                    sentence: sentence.no,
                    start: sentence.start,
                    end: sentence.end,
                    text: text.to_string(),
                    highlights,
                },
            ));
        }
        if scored.is_empty() {
            let fallback = parts
                .tagged
                .mentions
                .first()
                .and_then(|m| parts.sentences.get(m.sentence))
                .or_else(|| parts.sentences.first());
            return fallback
                .and_then(|s| {
                    body.get(s.start..s.end).map(|text| Snippet {
                        sentence: s.no,
                        start: s.start,
                        end: s.end,
                        text: text.to_string(),
                        highlights: Vec::new(),
                    })
                })
                .into_iter()
                .collect();
        }
        // Stable sort: equal scores keep document order.
        scored.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
        scored.truncate(SNIPPETS_PER_HIT);
        scored.sort_by_key(|s| s.2.sentence);
        scored.into_iter().map(|(_, _, s)| s).collect()
    }
}
