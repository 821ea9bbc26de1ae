//! Choosing and marking the sentences shown with a search hit.
//!
//! Takes the parsed query (its single words and its phrases, tokenised the
//! way the searched field was) and a document's stored sentences, and gives
//! the best sentences as [`Snippet`]s with the byte ranges of the matched
//! words: a phrase is marked as one range covering all its words, so "the"
//! and "of" light up only inside "voice of the child".

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

use super::schema::StoredParts;
use super::search::Snippet;

/// Sentences shown per hit, best first.
const SNIPPETS_PER_HIT: usize = 2;

/// A quoted phrase, with its optional field and slop.
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:(\w+):)?"([^"]*)"(~\d+)?"#).expect("phrase pattern is valid")
});

/// What to look for in sentences: tokens as the searched field has them.
#[derive(Debug, Default)]
pub(super) struct Wanted {
    words: BTreeSet<String>,
    phrases: Vec<Vec<String>>,
}

impl Wanted {
    /// Collects the single words the query looks for in `fields`, and the
    /// phrases of `text` re-tokenised with `analyzer`.
    pub fn new(
        query: &dyn Query,
        text: &str,
        fields: &[Field],
        analyzer: &mut TextAnalyzer,
    ) -> Self {
        let mut wanted = Wanted::default();
        query.query_terms(&mut |term, needs_positions| {
            // Terms that need positions belong to phrases, found below.
            if !needs_positions && fields.contains(&term.field()) {
                if let Some(word) = term.value().as_str() {
                    wanted.words.insert(word.to_string());
                }
            }
        });
        for caps in PHRASE.captures_iter(text) {
            let field = caps.get(1).map(|m| m.as_str());
            if field.is_some_and(|f| !matches!(f, "title" | "body" | "body_exact")) {
                continue;
            }
            let tokens: Vec<String> = tokens(analyzer, &caps[2])
                .into_iter()
                .map(|t| t.0)
                .collect();
            // A phrase with slop may match out of order: mark its words.
            if caps.get(3).is_some() || tokens.len() < 2 {
                wanted.words.extend(tokens);
            } else {
                wanted.phrases.push(tokens);
            }
        }
        wanted
    }
}

/// The tokens of `text` with their byte ranges. The analyser is borrowed
/// mutably, not cloned per sentence, so the stemmer's memo
/// ([`super::stem`]) carries over from sentence to sentence and hit to hit:
/// cloning it threw the memo away and made stemming a quarter of a search.
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.text.clone(), token.offset_from, token.offset_to));
    }
    out
}

/// The sentences with the most distinct matches (ties: more matches, then
/// earlier), in document order. With nothing to match (a filter-only query)
/// the first sentence with a theme mention, or the first sentence, stands in.
pub(super) fn best(
    body: &str,
    parts: &StoredParts,
    wanted: &Wanted,
    analyzer: &mut TextAnalyzer,
) -> Vec<Snippet> {
    let mut scored: Vec<(usize, usize, Snippet)> = Vec::new();
    for sentence in &parts.sentences {
        let Some(text) = body.get(sentence.start..sentence.end) else {
            continue;
        };
        let toks = tokens(analyzer, text);
        let mut highlights = Vec::new();
        let mut distinct = 0;
        for phrase in &wanted.phrases {
            let before = highlights.len();
            for window in toks.windows(phrase.len()) {
                if window.iter().zip(phrase).all(|(t, p)| t.0 == *p) {
                    highlights.push((window[0].1, window[window.len() - 1].2));
                }
            }
            distinct += usize::from(highlights.len() > before);
        }
        let mut seen = BTreeSet::new();
        for (text, from, to) in &toks {
            if wanted.words.contains(text) {
                seen.insert(text.as_str());
                highlights.push((*from, *to));
            }
        }
        distinct += seen.len();
        if distinct == 0 {
            continue;
        }
        highlights.sort_unstable();
        highlights.dedup();
        scored.push((
            distinct,
            highlights.len(),
            snippet(sentence, text, highlights),
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
            .and_then(|s| body.get(s.start..s.end).map(|t| snippet(s, t, Vec::new())))
            .into_iter()
            .collect();
    }
    // A stable sort: equal scores keep document order.
    scored.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    scored.truncate(SNIPPETS_PER_HIT);
    scored.sort_by_key(|s| s.2.sentence);
    scored.into_iter().map(|(_, _, s)| s).collect()
}

fn snippet(
    sentence: &crate::text::Sentence,
    text: &str,
    highlights: Vec<(usize, usize)>,
) -> Snippet {
    Snippet {
        sentence: sentence.no,
        start: sentence.start,
        end: sentence.end,
        text: text.to_string(),
        highlights,
    }
}
