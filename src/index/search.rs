//! Answering searches from the index.
//!
//! Takes a [`SearchRequest`] and gives [`Hit`]s (with the best-matching
//! sentences as [`Snippet`]s and the byte ranges of the matched words), a
//! count of matching documents, or counts per council, year or theme via
//! Tantivy's terms aggregation.

use chrono::NaiveDate;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggregationCollector, AggregationLimits};
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use super::query::{self, GroupBy, SearchRequest, SortOrder};
use super::schema::StoredParts;
use super::snippet::{self, Marker, Wanted};
use super::{Index, IndexError};
use crate::corpus::Document;
use crate::councils::Gazetteer;

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
        let parts: StoredParts =
            serde_json::from_str(&first(self.fields.analysis)).map_err(stored_err)?;
        let snippets = snippet::best(&document.body, &parts, wanted, marker);
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
