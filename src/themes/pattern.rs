//! Lexicon terms as sequences of word tokens, and how each token matches.
//!
//! Takes a term as written in a lexicon ("manageable caseload", "recruit*",
//! "averaging # cases") and gives its [`Token`]s plus the literal anchors the
//! Aho-Corasick automaton searches for. Inflection is a light English table
//! applied to every literal word that is not a function word: the plural or
//! third-person `-s` (`-es` after s/x/z/ch/sh, `-ies` after a consonant + y),
//! and a few irregular plurals (child/children, person/people, man/men,
//! woman/women). Past tenses, `-ing` forms and
//! derived words are not guessed: write `listen*` or list them. `word*` is a
//! glob (any word starting with `word`), `*` alone any one word, `**` up to
//! [`GAP_WORDS`] words (none included), `#` any number. A gap never crosses
//! punctuation, so "staff ** recruited" stays within a clause, but for a
//! comma between modifiers right where it starts ("stable, qualified
//! workforce").

use super::normalise::{is_word_byte, normalise_str};

/// One word position in a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A literal word and its inflected forms, longest first.
    Word(Vec<String>),
    /// `stem*`: any word beginning with the stem.
    Prefix(String),
    /// `*`: any one word (a share such as `43%` is one word).
    AnyWord,
    /// `#`: a number (digits, with `,` or `.` inside, and an optional `%` after).
    Number,
    /// `**`: none to [`GAP_WORDS`] words, the fewest that let the rest match.
    Gap,
}

/// The most words a `**` gap stands for. Three lets "social workers are
/// also being recruited" meet "social worker ** recruited" while a term
/// still reads as one phrase, not two words anywhere in a sentence.
pub const GAP_WORDS: usize = 3;

/// Function words that are never inflected (inflecting them only adds noise).
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "for",
    "and",
    "or",
    "with",
    "by",
    "at",
    "from",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "not",
    "no",
    "their",
    "his",
    "her",
    "its",
    "they",
    "them",
    "this",
    "that",
    "these",
    "those",
    "as",
    "than",
    "too",
    "very",
    "so",
    "all",
    "also",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "who",
    "which",
    "more",
    "less",
    "most",
    "still",
    "always",
    "consistently",
    "yet",
    "across",
    "between",
    "into",
    "over",
    "per",
    "whose",
];

const IRREGULAR: &[(&str, &str)] = &[
    ("child", "children"),
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
];

/// The forms of one literal word, longest first (the word itself included).
pub fn inflect(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    // An -s form of a participle or adverb ("averagings") is harmless: it
    // never occurs, while "meetings", "needs" and "families" do.
    let inflectable = word.len() > 2
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && !FUNCTION_WORDS.contains(&word);
    if inflectable {
        if let Some((_, plural)) = IRREGULAR.iter().find(|(s, _)| *s == word) {
            forms.push((*plural).to_string());
        } else if !IRREGULAR.iter().any(|(_, p)| *p == word) {
            forms.push(plural(word));
        }
    }
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    forms.dedup();
    forms
}

fn plural(word: &str) -> String {
    let bytes = word.as_bytes();
    let last = bytes[bytes.len() - 1];
    let before = bytes[bytes.len() - 2];
    if word.ends_with("ss")
        || word.ends_with("us")
        || matches!(last, b'x' | b'z')
        || word.ends_with("ch")
        || word.ends_with("sh")
    {
        format!("{word}es")
    } else if last == b's' {
        // Already plural-looking ("views", "wishes"): leave it.
        word.to_string()
    } else if last == b'y' && !matches!(before, b'a' | b'e' | b'i' | b'o' | b'u') {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// A term parsed into tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub tokens: Vec<Token>,
}

/// Why a term cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    Empty,
    /// The first word is `*`, `**` or `#`: there is nothing to search for.
    NoLiteralStart,
    /// A `*` inside a word (`re*ruit`) or a bare `*`-only stem.
    BadGlob(String),
    /// The last word is `**`: a gap must lead to a word.
    TrailingGap,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternError::Empty => write!(f, "empty term"),
            PatternError::NoLiteralStart => {
                write!(f, "a term must begin with a word, not `*`, `**` or `#`")
            }
            PatternError::TrailingGap => {
                write!(f, "a term must not end with `**`: a gap leads to a word")
            }
            PatternError::BadGlob(w) => {
                write!(f, "`*` may only end a word or stand alone, not as in {w:?}")
            }
        }
    }
}

impl Pattern {
    /// Parses a term; `inflect` adds the inflected forms of literal words.
    pub fn parse(term: &str, inflect_words: bool) -> Result<Pattern, PatternError> {
        let norm = normalise_str(term);
        let mut tokens = Vec::new();
        for word in norm.split(' ').filter(|w| !w.is_empty()) {
            let token = match word {
                "*" => Token::AnyWord,
                "**" => Token::Gap,
                "#" => Token::Number,
                w if w.ends_with('*') => {
                    let stem = &w[..w.len() - 1];
                    if stem.is_empty() || stem.contains('*') {
                        return Err(PatternError::BadGlob(w.to_string()));
                    }
                    Token::Prefix(stem.to_string())
                }
                w if w.contains('*') => return Err(PatternError::BadGlob(w.to_string())),
                w if inflect_words => Token::Word(inflect(w)),
                w => Token::Word(vec![w.to_string()]),
            };
            tokens.push(token);
        }
        if tokens.last() == Some(&Token::Gap) {
            return Err(PatternError::TrailingGap);
        }
        match tokens.first() {
            None => Err(PatternError::Empty),
            Some(Token::AnyWord | Token::Number | Token::Gap) => Err(PatternError::NoLiteralStart),
            Some(_) => Ok(Pattern { tokens }),
        }
    }

    /// Whether the term contains a glob.
    pub fn is_glob(&self) -> bool {
        self.tokens.iter().any(|t| matches!(t, Token::Prefix(_)))
    }

    /// The literal anchors (every combination of forms of the leading literal
    /// words, then the stem of a following glob), whether the anchor ends
    /// inside a word (a glob), and the tokens left to verify after it.
    pub fn anchors(&self) -> (Vec<String>, bool, Vec<Token>) {
        // Bound the combinations; beyond it only base forms are used.
        const MAX_ANCHORS: usize = 256;
        let mut anchors = vec![String::new()];
        let mut open = false;
        let mut used = 0;
        for token in &self.tokens {
            let forms: Vec<&str> = match token {
                Token::Word(forms) => {
                    if anchors.len() * forms.len() > MAX_ANCHORS {
                        vec![forms.last().map_or("", String::as_str)]
                    } else {
                        forms.iter().map(String::as_str).collect()
                    }
                }
                Token::Prefix(stem) => {
                    open = true;
                    vec![stem.as_str()]
                }
                Token::AnyWord | Token::Number | Token::Gap => break,
            };
            anchors = anchors
                .iter()
                .flat_map(|a| {
                    forms.iter().map(move |f| {
                        if a.is_empty() {
                            (*f).to_string()
                        } else {
                            format!("{a} {f}")
                        }
                    })
                })
                .collect();
            used += 1;
            if open {
                break;
            }
        }
        (anchors, open, self.tokens[used..].to_vec())
    }
}

/// End of the word that contains or starts at `pos`.
pub fn word_end(text: &[u8], mut pos: usize) -> usize {
    while pos < text.len() && (is_word_byte(text[pos]) || text[pos] == b'\'') {
        // An apostrophe only continues a word when a letter follows ("children's").
        if text[pos] == b'\'' && !text.get(pos + 1).is_some_and(|b| is_word_byte(*b)) {
            break;
        }
        pos += 1;
    }
    pos
}

/// Matches `rest` tokens in `text` from `pos` (just after the anchor); gives
/// the end of the match.
pub fn verify(text: &[u8], mut pos: usize, rest: &[Token]) -> Option<usize> {
    for (i, token) in rest.iter().enumerate() {
        if *token == Token::Gap {
            return verify_gap(text, pos, &rest[i + 1..]);
        }
        if text.get(pos) != Some(&b' ') {
            return None;
        }
        pos += 1;
        pos = match token {
            Token::Word(forms) => forms.iter().find_map(|f| {
                let end = pos + f.len();
                (text.get(pos..end) == Some(f.as_bytes())
                    && !text.get(end).is_some_and(|b| is_word_byte(*b)))
                .then_some(end)
            })?,
            Token::Prefix(stem) => {
                if text.get(pos..pos + stem.len()) != Some(stem.as_bytes()) {
                    return None;
                }
                word_end(text, pos + stem.len())
            }
            Token::AnyWord => any_word(text, pos)?,
            Token::Number => {
                let mut end = pos;
                while end < text.len()
                    && (text[end].is_ascii_digit()
                        || (matches!(text[end], b',' | b'.')
                            && text.get(end + 1).is_some_and(u8::is_ascii_digit)))
                {
                    end += 1;
                }
                if end == pos || text.get(end).is_some_and(|b| b.is_ascii_alphabetic()) {
                    return None;
                }
                // A share is a number too: "recruited 43% through agencies".
                if text.get(end) == Some(&b'%') {
                    end += 1;
                }
                end
            }
            Token::Gap => unreachable!("gaps are matched by verify_gap"),
        };
    }
    Some(pos)
}

/// The end of one word (or share, "43%") starting at `pos`, if one does.
fn any_word(text: &[u8], pos: usize) -> Option<usize> {
    let mut end = word_end(text, pos);
    if end == pos {
        return None;
    }
    if text.get(end) == Some(&b'%') {
        end += 1;
    }
    Some(end)
}

/// A `**` gap at `pos`, then `rest`: the fewest skipped words that let the
/// rest match, so a match never reaches further than it needs to.
fn verify_gap(text: &[u8], mut pos: usize, rest: &[Token]) -> Option<usize> {
    // A comma straight after the word before the gap may be a list of
    // modifiers; one after a skipped word ends a clause ("when a change of
    // placement is appropriate, social workers plan well"). Crossed, it
    // needs a modifier after it: "placements are stable, relationships
    // with social workers are short" is two clauses.
    let at = pos;
    pos = past_list_comma(text, pos);
    let crossed = pos != at;
    for skipped in 0..=GAP_WORDS {
        if !(crossed && skipped == 0) {
            if let Some(end) = verify(text, pos, rest) {
                return Some(end);
            }
        }
        if skipped == GAP_WORDS || text.get(pos) != Some(&b' ') {
            return None;
        }
        pos = any_word(text, pos + 1)?;
    }
    None
}

/// Words that, after a comma, open another clause or a list's last item
/// rather than go on with a row of modifiers.
const CLAUSE_OPENERS: &[&str] = &[
    "but",
    "however",
    "although",
    "though",
    "while",
    "whilst",
    "where",
    "when",
    "because",
    "including",
    "such",
    "if",
    "unless",
    "there",
    "then",
    "it",
    "despite",
    "after",
    "before",
    "both",
    "nor",
    "only",
    "particularly",
    "especially",
    "alongside",
    "whether",
    "we",
    "he",
    "she",
    "i",
    "you",
];

/// `pos` past a comma that only separates modifiers ("a stable, qualified
/// workforce"): one followed by a word that is not a function word or a
/// clause's opening. Otherwise `pos` as it was: a gap never reaches into
/// another clause ("social workers, and staff recruited").
fn past_list_comma(text: &[u8], pos: usize) -> usize {
    if text.get(pos..pos + 2) != Some(b", ") {
        return pos;
    }
    let start = pos + 2;
    let end = word_end(text, start);
    let Ok(word) = std::str::from_utf8(&text[start..end]) else {
        return pos;
    };
    let opens = word.is_empty()
        || FUNCTION_WORDS.contains(&word)
        || CLAUSE_OPENERS.contains(&word)
        || word.bytes().all(|b| b.is_ascii_digit());
    if opens {
        pos
    } else {
        pos + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_regular_and_irregular_plurals() {
        assert_eq!(inflect("caseload"), vec!["caseloads", "caseload"]);
        assert_eq!(inflect("vacancy"), vec!["vacancies", "vacancy"]);
        assert_eq!(inflect("child"), vec!["children", "child"]);
        assert_eq!(inflect("wish"), vec!["wishes", "wish"]);
        assert_eq!(inflect("bonus"), vec!["bonuses", "bonus"]);
        assert_eq!(inflect("views"), vec!["views"]);
        assert_eq!(inflect("of"), vec!["of"]);
        assert_eq!(inflect("family"), vec!["families", "family"]);
    }

    #[test]
    fn anchors_stop_at_glob_and_wildcards() {
        let p = Pattern::parse("averaging # cases", true).unwrap();
        let (anchors, open, rest) = p.anchors();
        assert_eq!(anchors, vec!["averagings", "averaging"]);
        assert!(!open);
        assert_eq!(rest.len(), 2);
        let p = Pattern::parse("recruit*", true).unwrap();
        assert_eq!(p.anchors(), (vec!["recruit".to_string()], true, vec![]));
        assert_eq!(
            Pattern::parse("* cases", true),
            Err(PatternError::NoLiteralStart)
        );
        assert!(matches!(
            Pattern::parse("re*cruit", true),
            Err(PatternError::BadGlob(_))
        ));
    }

    #[test]
    fn verifies_numbers_and_words() {
        let p = Pattern::parse("averaging # cases", true).unwrap();
        let (_, _, rest) = p.anchors();
        let text = b"averaging 20 cases each";
        assert_eq!(verify(text, 9, &rest), Some(18));
        assert_eq!(verify(b"averaging twenty cases", 9, &rest), None);
    }

    #[test]
    fn number_and_any_word_take_a_percent_sign() {
        let p = Pattern::parse("recruited # through", true).unwrap();
        let (_, _, rest) = p.anchors();
        assert_eq!(verify(b"recruited 43% through", 9, &rest), Some(21));
        assert_eq!(verify(b"recruited 43 through", 9, &rest), Some(20));
        assert_eq!(verify(b"recruited 43%x through", 9, &rest), None);
        let p = Pattern::parse("recruited * through", true).unwrap();
        let (_, _, rest) = p.anchors();
        assert_eq!(verify(b"recruited 43% through", 9, &rest), Some(21));
    }

    #[test]
    fn a_gap_takes_none_to_three_words_within_a_clause() {
        let p = Pattern::parse("social worker ** recruited", true).unwrap();
        let (anchors, _, rest) = p.anchors();
        assert!(anchors.contains(&"social workers".to_string()));
        let at = |t: &[u8]| verify(t, "social workers".len(), &rest);
        assert_eq!(at(b"social workers recruited"), Some(24));
        assert_eq!(at(b"social workers are also being recruited"), Some(39));
        assert_eq!(at(b"social workers who are not being recruited"), None);
        assert_eq!(at(b"social workers, and staff recruited"), None);
        // A comma between modifiers is no clause's end.
        let p = Pattern::parse("stable ** workforce", true).unwrap();
        let (_, _, rest) = p.anchors();
        assert_eq!(verify(b"stable, qualified workforce", 6, &rest), Some(27));
        assert_eq!(verify(b"stable, but the workforce", 6, &rest), None);
        assert_eq!(verify(b"stable, workforce", 6, &rest), None);
        let p = Pattern::parse("change of ** social worker", true).unwrap();
        let (_, _, rest) = p.anchors();
        assert_eq!(
            verify(b"change of placement is right, social worker", 6, &rest),
            None
        );
        let p = Pattern::parse("stable ** team", true).unwrap();
        let (_, _, rest) = p.anchors();
        // The fewest words: the first "team" ends the match.
        assert_eq!(verify(b"stable team and team", 6, &rest), Some(11));
        assert_eq!(
            Pattern::parse("** staff", true),
            Err(PatternError::NoLiteralStart)
        );
        assert_eq!(
            Pattern::parse("stable **", true),
            Err(PatternError::TrailingGap)
        );
    }
}
