//! Choosing and marking the sentences shown with a search hit.
//!
//! Takes the parsed query (its single words and its phrases, tokenised the
//! way the searched field was) and a document's stored sentences, and gives
//! the best sentences as [`Snippet`]s with the byte ranges of the matched
//! words: a phrase is marked as one range covering all its words, so "the"
//! and "of" light up only inside "voice of the child".

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

use super::search::Snippet;
use crate::text::Sentence;

/// Sentences shown per hit, best first.
const SNIPPETS_PER_HIT: usize = 2;

/// A quoted phrase, with its optional field (ASCII, as field names are:
/// Unicode `\w` is costly to compile) and slop.
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:([A-Za-z0-9_]+):)?"([^"]*)"(~\d+)?"#).expect("phrase pattern is valid")
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

impl Wanted {
    /// Whether a token starting with `byte` could be one looked for.
    fn could_start(&self, byte: u8) -> bool {
        let first = |t: &String| t.as_bytes().first() == Some(&byte);
        self.words.iter().any(first) || self.phrases.iter().flatten().any(first)
    }
}

/// Tokenises sentences the way the searched field was indexed, for marking
/// the words a query looks for. Tokens are lower-cased words (Tantivy's
/// `default` analyser); for the stemmed fields each is then stemmed, but
/// only when its first letter could start a wanted token: the English
/// stemmer never changes a word's first letter, so no other token can
/// match, and stemming every word of twenty documents was a fifth of a
/// search.
pub(super) struct Marker {
    words: TextAnalyzer,
    stems: Option<(rust_stemmers::Stemmer, HashMap<String, String>)>,
    starts: [bool; 256],
}

impl Marker {
    /// A marker for `wanted`, stemming when the searched field is stemmed.
    pub fn new(wanted: &Wanted, stemmed: bool) -> Marker {
        let words = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(super::stem::MAX_TOKEN_LEN))
            .filter(LowerCaser)
            .build();
        let stems = stemmed.then(|| {
            let english = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
            (english, HashMap::new())
        });
        let mut starts = [false; 256];
        for byte in 0..=u8::MAX {
            starts[usize::from(byte)] = wanted.could_start(byte);
        }
        Marker {
            words,
            stems,
            starts,
        }
    }

    /// The tokens of `text` with their byte ranges; a token that cannot be
    /// a wanted one is left empty.
    fn tokens(&mut self, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = self.words.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            let word = &token.text;
            let wanted = word
                .as_bytes()
                .first()
                .is_some_and(|&b| self.starts[usize::from(b)]);
            let text = match (&mut self.stems, wanted) {
                (_, false) => String::new(),
                (None, true) => word.clone(),
                (Some((stemmer, memo)), true) => memo
                    .entry(word.clone())
                    .or_insert_with(|| stemmer.stem(word).into_owned())
                    .clone(),
            };
            out.push((text, token.offset_from, token.offset_to));
        }
        out
    }
}

/// The tokens of `text` as `analyzer` makes them, with their byte ranges.
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
    sentences: &[Sentence],
    first_mention: Option<usize>,
    wanted: &Wanted,
    marker: &mut Marker,
) -> Vec<Snippet> {
    let mut scored: Vec<(usize, usize, Snippet)> = Vec::new();
    for sentence in sentences {
        let Some(text) = body.get(sentence.start..sentence.end) else {
            continue;
        };
        let toks = marker.tokens(text);
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
        // Tokens left empty cannot be wanted; looking each of them up in
        // the set was a quarter of a search over long reports.
        for (text, from, to) in toks.iter().filter(|t| !t.0.is_empty()) {
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
        let fallback = first_mention
            .and_then(|m| sentences.get(m))
            .or_else(|| sentences.first());
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

fn snippet(sentence: &Sentence, text: &str, highlights: Vec<(usize, usize)>) -> Snippet {
    Snippet {
        sentence: sentence.no,
        start: sentence.start,
        end: sentence.end,
        text: text.to_string(),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(words: &[&str], phrases: &[&[&str]]) -> Wanted {
        Wanted {
            words: words.iter().map(ToString::to_string).collect(),
            phrases: phrases
                .iter()
                .map(|p| p.iter().map(ToString::to_string).collect())
                .collect(),
        }
    }

    fn texts(marker: &mut Marker, text: &str) -> Vec<String> {
        marker.tokens(text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn only_words_that_could_be_wanted_are_stemmed() {
        let mut marker = Marker::new(&wanted(&["caseload", "die"], &[]), true);
        assert_eq!(
            texts(&mut marker, "Dying: social workers' Caseloads rose."),
            ["die", "", "", "caseload", ""]
        );
        // Phrase words count as wanted too; unstemmed for an exact search.
        let mut marker = Marker::new(&wanted(&[], &[&["voice", "of", "the", "child"]]), false);
        assert_eq!(
            texts(&mut marker, "The voices of children"),
            ["the", "voices", "of", "children"]
        );
    }

    #[test]
    fn marking_agrees_with_the_field_analyser() {
        // Every token the full analyser makes that is wanted, the marker
        // makes too, at the same place.
        let text = "Caseloads are manageable; the voice of the child is heard, \
                    and children's views were sought by workers and managers.";
        let mut full = crate::index::stem::analyzer();
        let all = tokens(&mut full, text);
        let words: Vec<&str> = all.iter().map(|t| t.0.as_str()).collect();
        let mut marker = Marker::new(&wanted(&words, &[]), true);
        assert_eq!(marker.tokens(text), all);
    }
}
