//! Which documents a lexicon edit can change.
//!
//! Tagging only ever sees a lexicon entry through its literal anchors (see
//! [`Pattern::anchors`]): an entry whose anchors are nowhere in a document
//! finds nothing there, whatever else the lexicon says. So when an edit
//! only adds or removes entries (terms, exclusions, cues, negators, intent
//! phrases, follow-on openers) and leaves every theme's settings and the
//! order of the other entries alone, a document whose text holds none of
//! the added or removed entries' anchors gets exactly the tags it had. An
//! edit that adds one term to a 1 GB corpus then re-tags the few documents
//! holding it, not all of them.
//!
//! A [`Sketch`] is what the index keeps of the lexicons its tags were made
//! with; [`Sketch::screen`] compares it with the lexicons in force and
//! gives a [`Screen`] that passes every document the edit could change,
//! or `None` when it cannot tell (a theme added, removed, renamed or
//! reordered, a scope or window changed, entries reordered, an added or
//! removed entry with no ASCII letter or digit, another version of motif).
//!
//! The screen runs on the raw body, not its matching form, so it costs a
//! scan for a handful of words: it looks, ignoring ASCII case, for the
//! runs of ASCII letters and digits of each anchor, and passes a body
//! holding every run of one anchor. A run is in the raw text whenever the
//! anchor is in the matching form (see
//! [`super::normalise`]), except through the two characters whose
//! lower case is ASCII (`İ`, the Kelvin sign), so a body holding either
//! always passes.

use std::collections::HashSet;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use super::lexicon::{TermDef, ThemeDef};
use super::matcher::Role;
use super::pattern::Pattern;
use super::LexiconSet;

/// Characters that are not ASCII but lower-case to an ASCII letter.
const FOLDS_TO_ASCII: [&str; 2] = ["\u{0130}", "\u{212A}"];

/// What re-tagging needs to know of the lexicons stored tags were made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sketch {
    /// The lexicon set's hash ([`LexiconSet::hash`]).
    pub hash: String,
    /// motif's version: tagging code may change between versions.
    version: String,
    themes: Vec<ThemeSketch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ThemeSketch {
    /// Hash of everything but the entry lists (id, label, description,
    /// scope, negation window).
    settings: String,
    /// The entry lists, in [`lists`] order.
    lists: Vec<Vec<EntrySketch>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct EntrySketch {
    /// As written: its anchors are worked out again from it.
    text: String,
    inflect: bool,
    /// Hash of all the entry means (text, case, inflection, polarity, scope).
    content: String,
}

/// Passes the documents a lexicon edit could change.
#[derive(Debug, Clone)]
pub struct Screen {
    /// The words of the added and removed entries' anchors, each its own
    /// searcher: one word is looked for only while it could still decide.
    words: Vec<AhoCorasick>,
    /// Per anchor, the ids of its words in `words`, longest (rarest)
    /// first: a body passes when it holds every word of some anchor.
    anchors: Vec<Vec<usize>>,
}

impl Screen {
    /// Whether re-tagging `body` could give other tags than before.
    pub fn may_change(&self, body: &str) -> bool {
        if self.anchors.is_empty() {
            return false;
        }
        // Searched for as strings: a set of chars is matched char by char.
        if FOLDS_TO_ASCII.iter().any(|c| body.contains(c)) {
            return true;
        }
        let mut found: Vec<Option<bool>> = vec![None; self.words.len()];
        self.anchors.iter().any(|anchor| {
            anchor
                .iter()
                .all(|&w| *found[w].get_or_insert_with(|| self.words[w].is_match(body)))
        })
    }
}

/// A theme's entry lists, in the fixed order of [`Role::ALL`].
fn lists(def: &ThemeDef) -> [&[TermDef]; Role::ALL.len()] {
    Role::ALL.map(|role| role.list(def))
}

impl Sketch {
    /// The sketch of the lexicons in `set`.
    pub fn of(set: &LexiconSet) -> Sketch {
        Sketch {
            hash: set.hash().to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            themes: set.defs().iter().map(theme_sketch).collect(),
        }
    }

    /// A screen for re-tagging documents tagged under `self` with the
    /// lexicons sketched by `now`, or `None` when every document must be.
    pub fn screen(&self, now: &Sketch) -> Option<Screen> {
        if self.version != now.version || self.themes.len() != now.themes.len() {
            return None;
        }
        let mut changed: Vec<&EntrySketch> = Vec::new();
        for (before, after) in self.themes.iter().zip(&now.themes) {
            if before.settings != after.settings || before.lists.len() != after.lists.len() {
                return None;
            }
            for (old, new) in before.lists.iter().zip(&after.lists) {
                changed.extend(list_changes(old, new)?);
            }
        }
        let mut words: Vec<String> = Vec::new();
        let mut anchors: Vec<Vec<usize>> = Vec::new();
        for entry in changed {
            let pattern = Pattern::parse(&entry.text, entry.inflect).ok()?;
            for anchor in pattern.anchors().0 {
                let runs = ascii_runs(&anchor);
                if runs.is_empty() {
                    return None;
                }
                let mut ids: Vec<usize> = runs.iter().map(|run| word_id(&mut words, run)).collect();
                ids.sort_by_key(|&id| std::cmp::Reverse(words[id].len()));
                anchors.push(ids);
            }
        }
        let words = words
            .iter()
            .map(|word| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build([word])
                    .ok()
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Screen { words, anchors })
    }
}

fn theme_sketch(def: &ThemeDef) -> ThemeSketch {
    let bare = ThemeDef {
        terms: Vec::new(),
        exclude: Vec::new(),
        concern: Vec::new(),
        strength: Vec::new(),
        negation: Vec::new(),
        intent: Vec::new(),
        follow_on: Vec::new(),
        in_context: Vec::new(),
        fall_after: Vec::new(),
        ..def.clone()
    };
    // Every field but the lists emptied above, a new one included.
    let mut hasher = blake3::Hasher::new();
    bare.hash_content(&mut hasher);
    ThemeSketch {
        settings: hasher.finalize().to_hex().to_string(),
        lists: lists(def)
            .iter()
            .map(|list| list.iter().map(entry_sketch).collect())
            .collect(),
    }
}

fn entry_sketch(entry: &TermDef) -> EntrySketch {
    let mut hasher = blake3::Hasher::new();
    entry.hash_content(&mut hasher);
    EntrySketch {
        text: entry.text.clone(),
        inflect: entry.inflect,
        content: hasher.finalize().to_hex().to_string(),
    }
}

/// The entries added to or removed from a list, or `None` when the
/// entries both lists hold are not in the same order (which entry wins a
/// tie between two matches of one span follows list order).
fn list_changes<'a>(
    old: &'a [EntrySketch],
    new: &'a [EntrySketch],
) -> Option<Vec<&'a EntrySketch>> {
    let in_old: HashSet<&EntrySketch> = old.iter().collect();
    let in_new: HashSet<&EntrySketch> = new.iter().collect();
    let kept_old = old.iter().filter(|e| in_new.contains(e));
    let kept_new = new.iter().filter(|e| in_old.contains(e));
    if !kept_old.eq(kept_new) {
        return None;
    }
    let removed = old.iter().filter(|e| !in_new.contains(e));
    let added = new.iter().filter(|e| !in_old.contains(e));
    Some(removed.chain(added).collect())
}

/// The runs of ASCII letters and digits in `anchor`.
fn ascii_runs(anchor: &str) -> Vec<&str> {
    anchor
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|run| !run.is_empty())
        .collect()
}

/// The id of `word` in `words`, added if new.
fn word_id(words: &mut Vec<String>, word: &str) -> usize {
    words.iter().position(|w| w == word).unwrap_or_else(|| {
        words.push(word.to_string());
        words.len() - 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn set(extra_terms: &[&str], extra_concern: &[&str]) -> LexiconSet {
        let mut defs = LexiconSet::read_defs(None, false).expect("embedded lexicons");
        for (i, term) in extra_terms.iter().enumerate() {
            defs[0].terms.push(TermDef::plain(term, 1000 + i));
        }
        for (i, cue) in extra_concern.iter().enumerate() {
            defs[0].concern.push(TermDef::plain(cue, 2000 + i));
        }
        LexiconSet::from_defs(defs).expect("compile")
    }

    fn tags(set: &LexiconSet, body: &str) -> super::super::Tagged {
        super::super::tag(
            set,
            body,
            &text::sentences(body),
            super::super::Genre::Article,
        )
    }

    const BODIES: &[&str] = &[
        "Social workers told inspectors that their caseloads were too high.",
        "The council relies on a zebra crossing rota to cover the duty team.",
        "Children's views are not always recorded, and the ZEBRA-crossing rota is ad hoc.",
        "Permanence is achieved for most children without delay.",
    ];

    #[test]
    fn an_added_term_passes_only_the_documents_holding_it() {
        let before = Sketch::of(&set(&[], &[]));
        let after = set(&["zebra crossing rota"], &[]);
        let screen = before.screen(&Sketch::of(&after)).expect("a screen");
        let passed: Vec<bool> = BODIES.iter().map(|b| screen.may_change(b)).collect();
        assert_eq!(passed, [false, true, true, false]);
        // The screen's promise: what it holds back re-tags the same.
        let old = set(&[], &[]);
        for body in BODIES {
            if !screen.may_change(body) {
                assert_eq!(tags(&old, body), tags(&after, body), "{body}");
            }
        }
        assert_ne!(tags(&old, BODIES[1]), tags(&after, BODIES[1]));
    }

    #[test]
    fn a_removed_cue_passes_the_documents_it_could_have_decided() {
        let before = Sketch::of(&set(&[], &["zebra"]));
        let screen = before
            .screen(&Sketch::of(&set(&[], &[])))
            .expect("a screen");
        assert!(screen.may_change(BODIES[1]));
        assert!(!screen.may_change(BODIES[0]));
    }

    #[test]
    fn no_change_passes_nothing_and_kelvin_signs_always_pass() {
        let sketch = Sketch::of(&set(&[], &[]));
        let none = sketch.screen(&sketch).expect("a screen");
        assert!(!none.may_change(BODIES[0]));
        let added = sketch
            .screen(&Sketch::of(&set(&["kinship"], &[])))
            .expect("a screen");
        assert!(added.may_change("\u{212A}INSHIP care"));
        assert!(!added.may_change("foster care"));
    }

    #[test]
    fn settings_order_and_entries_without_ascii_need_every_document() {
        let base = set(&["zebra", "giraffe"], &[]);
        let sketch = Sketch::of(&base);

        let mut defs = base.defs().to_vec();
        let n = defs[0].terms.len();
        defs[0].terms.swap(n - 1, n - 2);
        let reordered = LexiconSet::from_defs(defs).expect("compile");
        assert!(sketch.screen(&Sketch::of(&reordered)).is_none());

        let mut defs = base.defs().to_vec();
        defs[0].negation_window += 1;
        let window = LexiconSet::from_defs(defs).expect("compile");
        assert!(sketch.screen(&Sketch::of(&window)).is_none());

        let greek = set(&["zebra", "giraffe", "παιδί"], &[]);
        assert!(sketch.screen(&Sketch::of(&greek)).is_none());

        let mut defs = base.defs().to_vec();
        defs.pop();
        let fewer = LexiconSet::from_defs(defs).expect("compile");
        assert!(sketch.screen(&Sketch::of(&fewer)).is_none());
    }
}
