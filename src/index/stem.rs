//! The `en_stem` analyser with a memo of stems.
//!
//! Tantivy's `en_stem` runs the Snowball English stemmer on every token,
//! which was a tenth of the CPU time of a `motif run` (see
//! bench/results.md). Prose repeats a few thousand words over and over, so
//! each indexing thread keeps the stems it has worked out. The tokens are
//! exactly Tantivy's (same tokenizer, long-token filter, lower-casing and
//! stemmer), so an index built either way answers the same queries.

use foldhash::{HashMap, HashMapExt};

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The name the schema gives the stemmed text fields' analyser.
pub const EN_STEM: &str = "en_stem";

/// Tantivy's limit on a token's length in `en_stem`, in bytes.
pub(super) const MAX_TOKEN_LEN: usize = 40;

/// Words remembered per thread before the memo starts afresh: enough for
/// the working vocabulary of English prose, small enough (a few MB) that
/// names and numbers in a large corpus cannot grow it without bound.
const MEMO_WORDS: usize = 50_000;

/// Registers the memoised analyser under [`EN_STEM`], replacing Tantivy's.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(EN_STEM, analyzer());
}

/// The memoised `en_stem` analyser.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(MemoStemmer)
        .build()
}

/// The English Snowball stemmer with a per-thread memo of stems.
#[derive(Clone, Copy, Debug, Default)]
pub struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: HashMap::new(),
        }
    }
}

/// [`MemoStemmer`] applied to a tokenizer; each clone (Tantivy makes one
/// per indexing thread) keeps its own memo.
#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_WORDS {
            self.memo.clear();
        }
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            memo: &mut self.memo,
        }
    }
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, T> {
    tail: T,
    stemmer: rust_stemmers::Stemmer,
    memo: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let stem = self.stemmer.stem(&token.text).into_owned();
        let word = std::mem::replace(&mut token.text, stem.clone());
        self.memo.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn tantivy_en_stem() -> TextAnalyzer {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        index
            .tokenizers()
            .get(EN_STEM)
            .expect("Tantivy registers en_stem by default")
    }

    #[test]
    fn gives_exactly_tantivys_en_stem_tokens() {
        let mut samples: Vec<String> = std::fs::read_dir("corpus")
            .expect("the sample corpus is there")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| std::fs::read_to_string(e.path()).expect("a sample article reads"))
            .collect();
        assert!(samples.len() >= 5, "the five sample articles");
        // Odd tokens too: capitals, apostrophes, digits, an over-long word.
        samples.push(format!(
            "Caseloads CASELOADS caseloads' Children's 2023 {} Ünïcödé naïve",
            "x".repeat(45)
        ));
        // One analyser throughout, so later passes come from the memo.
        let mut memo = analyzer();
        for pass in 0..2 {
            for sample in &samples {
                let expected = tokens(&mut tantivy_en_stem(), sample);
                assert_eq!(tokens(&mut memo, sample), expected, "pass {pass}");
            }
        }
    }

    #[test]
    fn stems_repeated_words_from_the_memo() {
        let mut analyzer = analyzer();
        let got: Vec<_> = tokens(&mut analyzer, "Caseloads caseloads inspections")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, ["caseload", "caseload", "inspect"]);
    }
}
