//! Finding council names in text.
//!
//! Takes the councils of a gazetteer and one or more texts of a document and
//! gives every [`Candidate`] name found, kept or rejected with the reason.
//! Names are found with Aho-Corasick over every alias (leftmost-longest, so
//! "North Yorkshire" is not York and "Bath and North East Somerset" is not
//! Somerset), as whole words, with capitals where the alias has them. A name
//! flagged as ambiguous in the gazetteer (an ordinary word, surname or other
//! place) is kept only with evidence: a council word next to it, a place
//! construction ("in Bury"), a list of other councils it stands in, or the
//! council named plainly elsewhere in the same document. Inside a person's
//! name, a longer proper name, or a postal address it is never a council.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;

use super::context::{self, Normalised};
use super::gazetteer::{AliasFlag, Pattern};
use super::{Council, CouncilId, Gazetteer};

/// Whether a candidate name was taken as a council, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Kept(String),
    Rejected(String),
}

/// A name found in text that may stand for one or more councils.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte range in the text searched.
    pub start: usize,
    pub end: usize,
    /// The name as written in the text.
    pub alias: String,
    /// The councils it stands for (after choosing by date).
    pub councils: Vec<CouncilId>,
    /// Whether the gazetteer flags the name as needing evidence.
    pub ambiguous: bool,
    pub verdict: Verdict,
    /// How the date chose between councils with this name, if it had to.
    pub date_note: Option<String>,
}

impl Candidate {
    /// Whether the candidate was kept as a council.
    pub fn is_kept(&self) -> bool {
        matches!(self.verdict, Verdict::Kept(_))
    }
}

/// A council found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilMatch {
    /// Byte range in the text searched.
    pub start: usize,
    pub end: usize,
    /// The name as written in the text.
    pub alias: String,
    pub council: CouncilId,
    /// Whether the name needed evidence, and `reason` says which.
    pub ambiguous: bool,
    pub reason: String,
    /// How the date chose between councils with this name, if it had to
    /// (e.g. an undated text naming North Yorkshire gets the current council).
    pub date_note: Option<String>,
}

/// The kept candidates as matches, one per council.
pub fn kept(candidates: &[Candidate]) -> Vec<CouncilMatch> {
    let mut out = Vec::new();
    for candidate in candidates {
        if let Verdict::Kept(reason) = &candidate.verdict {
            for council in &candidate.councils {
                out.push(CouncilMatch {
                    start: candidate.start,
                    end: candidate.end,
                    alias: candidate.alias.clone(),
                    council: *council,
                    ambiguous: candidate.ambiguous,
                    reason: reason.clone(),
                    date_note: candidate.date_note.clone(),
                });
            }
        }
    }
    out
}

/// How many capital letters `alias` has.
fn capitals(alias: &str) -> usize {
    alias.chars().filter(|c| c.is_uppercase()).count()
}

/// The Aho-Corasick automaton over every alias of a gazetteer.
#[derive(Debug, Clone)]
pub struct Finder {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl Finder {
    /// Builds the matcher over every alias of `councils`; the error is the
    /// matcher's own message (the gazetteer names its file).
    pub fn new(councils: &[Council]) -> Result<Self, aho_corasick::BuildError> {
        let mut by_key: BTreeMap<String, Pattern> = BTreeMap::new();
        for (i, council) in councils.iter().enumerate() {
            let id = CouncilId(u16::try_from(i).unwrap_or(u16::MAX));
            for (alias, flag) in council.aliases.iter().zip(&council.alias_flags) {
                let alias = Normalised::new(alias).text;
                let pattern = by_key
                    .entry(alias.to_lowercase())
                    .or_insert_with(|| Pattern {
                        alias: alias.clone(),
                        entries: Vec::new(),
                    });
                // Two spellings of one name ("Together for Adoption",
                // "Together for adoption"): the text need only match the one
                // with fewer capitals, or the other would never be found.
                if capitals(&alias) < capitals(&pattern.alias) {
                    pattern.alias.clone_from(&alias);
                }
                if !pattern.entries.contains(&(id, *flag)) {
                    pattern.entries.push((id, *flag));
                }
            }
        }
        let patterns: Vec<Pattern> = by_key.into_values().collect();
        let build = |kind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .kind(kind)
                .build(patterns.iter().map(|p| p.alias.as_str()))
        };
        // Hundreds of aliases make the default a slower NFA; the DFA is a
        // few megabytes, built once, and scans every document's text. A
        // user's gazetteer too big for a DFA falls back to the default.
        let automaton = build(Some(AhoCorasickKind::DFA)).or_else(|_| build(None))?;
        Ok(Finder {
            automaton,
            patterns,
        })
    }

    /// Finds candidates in each of `texts` (parts of one document sharing
    /// evidence), one list per text, in text order.
    pub fn scan(
        &self,
        gazetteer: &Gazetteer,
        texts: &[&str],
        date: Option<NaiveDate>,
    ) -> Vec<Vec<Candidate>> {
        let norms: Vec<Normalised> = texts.iter().map(|t| Normalised::new(t)).collect();
        let mut found: Vec<Vec<Found>> = norms
            .iter()
            .map(|norm| self.first_pass(gazetteer, norm, date))
            .collect();
        for (norm, list) in norms.iter().zip(found.iter_mut()) {
            link_lists(norm, list);
        }
        let confirmed: BTreeSet<CouncilId> = found
            .iter()
            .flatten()
            .filter(|f| matches!(f.state, State::Kept(_)))
            .flat_map(|f| f.councils.iter().copied())
            .collect();
        texts
            .iter()
            .zip(norms.iter().zip(found))
            .map(|(text, (norm, list))| {
                list.into_iter()
                    .map(|f| f.finish(text, norm, &confirmed))
                    .collect()
            })
            .collect()
    }

    /// Matches every alias and applies the rules that need only the words
    /// around a match.
    fn first_pass(
        &self,
        gazetteer: &Gazetteer,
        norm: &Normalised,
        date: Option<NaiveDate>,
    ) -> Vec<Found> {
        let text = &norm.text;
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text.as_str()) {
            let (start, end) = (m.start(), m.end());
            if !context::whole_words(text, start, end) {
                continue;
            }
            let pattern = &self.patterns[m.pattern().as_usize()];
            let real: Vec<(CouncilId, AliasFlag)> = pattern
                .entries
                .iter()
                .copied()
                .filter(|(_, flag)| *flag != AliasFlag::Blocker)
                .collect();
            let ambiguous = real.iter().any(|(_, f)| *f == AliasFlag::Ambiguous);
            let found_text = &text[start..end];
            let state = if real.is_empty() {
                State::Rejected(format!(
                    "\"{found_text}\" is not a children's services authority"
                ))
            } else if !context::case_matches(&pattern.alias, found_text) {
                if !ambiguous {
                    continue;
                }
                State::Rejected("in lower case: an ordinary word".to_string())
            } else if ambiguous {
                evidence::judge(norm, start, end)
            } else if context::starts_with_postcode(&text[end..]) {
                State::Rejected("part of a postal address".to_string())
            } else {
                State::Kept("an unambiguous name".to_string())
            };
            let (councils, date_note) = choose(gazetteer, &real, date);
            out.push(Found {
                start,
                end,
                councils,
                ambiguous,
                state,
                date_note,
            });
        }
        out
    }
}

mod evidence;

/// The state of a candidate between passes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Kept(String),
    Rejected(String),
    /// No local evidence either way; `true` if at a sentence start.
    Pending(bool),
}

/// A candidate during scanning (normalised offsets).
#[derive(Debug)]
struct Found {
    start: usize,
    end: usize,
    councils: Vec<CouncilId>,
    ambiguous: bool,
    state: State,
    date_note: Option<String>,
}

impl Found {
    fn finish(self, text: &str, norm: &Normalised, confirmed: &BTreeSet<CouncilId>) -> Candidate {
        let verdict = match self.state {
            State::Kept(reason) => Verdict::Kept(reason),
            State::Rejected(reason) => Verdict::Rejected(reason),
            State::Pending(_) if self.councils.iter().any(|c| confirmed.contains(c)) => {
                Verdict::Kept("named as a council elsewhere in the document".to_string())
            }
            State::Pending(true) => Verdict::Rejected(
                "a capitalised word at a sentence start, with no sign it means the council"
                    .to_string(),
            ),
            State::Pending(false) => {
                Verdict::Rejected("no sign in the text that it means the council".to_string())
            }
        };
        let (start, end) = (norm.original(self.start), norm.original_end(self.end));
        Candidate {
            start,
            end,
            alias: text[start..end].to_string(),
            councils: self.councils,
            ambiguous: self.ambiguous,
            verdict,
            date_note: self.date_note,
        }
    }
}

/// Keeps pending names listed with kept councils ("Kent, North Tyneside and
/// Southwark"), repeating until no more change.
fn link_lists(norm: &Normalised, list: &mut [Found]) {
    let linked = |a: &Found, b: &Found| {
        let gap = norm.text[a.end..b.start].trim();
        matches!(gap, "," | "and" | "&" | ", and" | "or" | ", or" | "/")
    };
    loop {
        let mut changed = false;
        for i in 0..list.len() {
            if !matches!(list[i].state, State::Pending(_)) {
                continue;
            }
            let before = i > 0
                && matches!(list[i - 1].state, State::Kept(_))
                && linked(&list[i - 1], &list[i]);
            let after = i + 1 < list.len()
                && matches!(list[i + 1].state, State::Kept(_))
                && linked(&list[i], &list[i + 1]);
            if before || after {
                list[i].state = State::Kept("listed with other councils".to_string());
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Picks the councils a name stands for on `date`: those valid then; if
/// none, the nearest in time; undated, the current ones (noted).
fn choose(
    gazetteer: &Gazetteer,
    entries: &[(CouncilId, AliasFlag)],
    date: Option<NaiveDate>,
) -> (Vec<CouncilId>, Option<String>) {
    let ids: Vec<CouncilId> = entries.iter().map(|(id, _)| *id).collect();
    if ids.len() <= 1 {
        return (ids, None);
    }
    let names = |ids: &[CouncilId]| {
        ids.iter()
            .map(|id| gazetteer.council(*id).name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(date) = date else {
        let current: Vec<CouncilId> = ids
            .iter()
            .copied()
            .filter(|id| gazetteer.council(*id).is_current())
            .collect();
        if current.is_empty() || current.len() == ids.len() {
            return (ids, None);
        }
        let note = format!("undated: took the current {}", names(&current));
        return (current, Some(note));
    };
    let valid: Vec<CouncilId> = ids
        .iter()
        .copied()
        .filter(|id| gazetteer.council(*id).valid_on(date))
        .collect();
    if valid.len() == ids.len() {
        return (ids, None);
    }
    if !valid.is_empty() {
        let note = format!("on {date}: {}", names(&valid));
        return (valid, Some(note));
    }
    let distance = |id: &CouncilId| {
        let council = gazetteer.council(*id);
        match (council.valid_from, council.valid_to) {
            (Some(from), _) if date < from => (from - date).num_days(),
            (_, Some(to)) if date > to => (date - to).num_days(),
            _ => 0,
        }
    };
    let best = ids.iter().map(distance).min().unwrap_or(0);
    let nearest: Vec<CouncilId> = ids
        .iter()
        .copied()
        .filter(|id| distance(id) == best)
        .collect();
    let note = format!("none existed on {date}; nearest: {}", names(&nearest));
    (nearest, Some(note))
}

#[cfg(test)]
mod tests;
