//! The evidence rules for a name that is also an ordinary word.
//!
//! Takes the position of an ambiguous name in normalised text and gives its
//! state from the words around it: rejected inside a person's name, another
//! proper name or site furniture; kept next to a council word or in a place
//! construction; otherwise pending, for the document-wide rules to decide.
//! The word lists here are English grammar (titles, prepositions, council
//! words), not place names: which names are ambiguous is the gazetteer's data.

use super::super::context::{self, Normalised};
use super::State;

/// Titles that make the next capitalised word a surname.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "cllr",
    "councillor",
    "sir",
    "lord",
    "lady",
    "dame",
    "professor",
    "prof",
    "baroness",
    "baron",
    "judge",
    "justice",
    "rev",
    "duke",
    "earl",
    "duchess",
    "countess",
    "king",
    "queen",
    "prince",
    "princess",
    "st",
    "saint",
];

/// Capitalised words that may stand before a place without being part of
/// its name (sentence openers, prepositions, conjunctions, determiners).
const OPENERS: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "for",
    "across",
    "within",
    "throughout",
    "meanwhile",
    "and",
    "but",
    "both",
    "with",
    "by",
    "of",
    "the",
    "unlike",
    "like",
    "including",
    "while",
    "whilst",
    "whereas",
    "as",
    "neighbouring",
    "nearby",
    "outside",
    "around",
    "near",
    "than",
    "so",
    "also",
    "only",
    "however",
    "inside",
    "covering",
    "where",
    "when",
    "if",
    "under",
    "on",
    "over",
    "between",
    "against",
    "alongside",
    "elsewhere",
    "then",
    "now",
    "yet",
    "or",
    "nor",
    "although",
    "though",
    "since",
    "because",
    "after",
    "before",
    "despite",
    "about",
    "into",
    "today",
    "yesterday",
    "last",
    "this",
    "that",
    "whether",
    "once",
    "unless",
    "until",
];

/// Prepositions that make the next name a place ("in Bury", "at Sutton").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "across",
    "within",
    "throughout",
    "outside",
    "near",
    "neighbouring",
    "around",
    "covering",
    "to",
    "from",
    "inside",
];

/// Words after a name (or after its `'s`) that make it a council.
const COUNCIL_WORDS: &[&[&str]] = &[
    &["council"],
    &["councils"],
    &["borough"],
    &["local", "authority"],
    &["authority"],
    &["children's", "services"],
    &["children's", "social"],
    &["children's", "trust"],
    &["children's", "safeguarding"],
    &["social", "care"],
    &["social", "workers"],
    &["safeguarding"],
    &["lscb"],
    &["director"],
    &["ofsted"],
    &["inspection"],
    &["children's", "services'"],
    &["metropolitan"],
    &["care", "leavers"],
];

/// Capitalised words that may follow a name inside a council's title
/// ("Sutton Council", "Kent Safeguarding Children Board").
const COUNCIL_TITLE_WORDS: &[&str] = &[
    "council",
    "borough",
    "city",
    "metropolitan",
    "children's",
    "children",
    "safeguarding",
    "local",
    "lscb",
    "family",
    "families",
    "social",
    "corporate",
    "county",
];

fn is_capitalised(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase())
}

fn in_list(list: &[&str], word: &str) -> bool {
    let lower = word.to_lowercase();
    list.contains(&lower.trim_end_matches('.'))
}

/// Judges an ambiguous name at normalised `start..end` from its neighbours.
pub(super) fn judge(norm: &Normalised, start: usize, end: usize) -> State {
    let sentence_start = context::at_sentence_start(norm, start);
    let previous = context::previous(norm, start);
    let next = context::following(norm, end);
    let glued_before = previous
        .as_ref()
        .filter(|p| p.gap.trim().is_empty() && !p.across_line);

    if let Some(prev) = glued_before {
        if in_list(HONORIFICS, prev.word) {
            return State::Rejected(format!("part of a person's name (after \"{}\")", prev.word));
        }
        if is_capitalised(prev.word) && !in_list(OPENERS, prev.word) && !sentence_start {
            return State::Rejected(format!(
                "inside a longer name (\"{} {}\"): a person, organisation or site furniture",
                prev.word,
                &norm.text[start..end]
            ));
        }
    }
    if context::starts_with_postcode(&norm.text[end..]) {
        return State::Rejected("part of a postal address".to_string());
    }
    let lower: Vec<String> = next.words.iter().map(|w| w.to_lowercase()).collect();
    let glued_after = next.gap.trim().is_empty() && !next.across_line;
    if glued_after {
        let council_word = COUNCIL_WORDS.iter().any(|phrase| {
            phrase.len() <= lower.len() && phrase.iter().zip(&lower).all(|(a, b)| a == b)
        });
        if council_word {
            let how = if next.possessive { "'s " } else { "" };
            return State::Kept(format!(
                "a council word follows (\"{}{how}{}\")",
                &norm.text[start..end],
                next.words.first().copied().unwrap_or_default()
            ));
        }
        if let Some(word) = next.words.first() {
            if !next.possessive && is_capitalised(word) && !in_list(COUNCIL_TITLE_WORDS, word) {
                return State::Rejected(format!(
                    "inside a longer name (\"{} {word}\")",
                    &norm.text[start..end]
                ));
            }
        }
    }
    if let Some(prev) = glued_before {
        if in_list(PLACE_PREPOSITIONS, prev.word) {
            return State::Kept(format!("a place construction (\"{} ...\")", prev.word));
        }
    }
    if next.possessive && !sentence_start {
        // "Bury's" after a preposition was handled; elsewhere a possessive
        // reads as a body ("the inspection of Bury's services").
        return State::Pending(false);
    }
    State::Pending(sentence_start)
}
