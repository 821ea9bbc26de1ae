//! Whether a mention is raised as a concern, a strength, or neither.
//!
//! Takes a term hit and the cue and negator hits of its theme in the same
//! sentence and gives a [`Polarity`] with the cue that decided it. The
//! nearest cue in scope wins (a cue inside the term itself, as in
//! "manageable caseloads", is nearest of all and reads as the term's own
//! polarity where the lexicon gives one; where it gives none, the cue
//! ranks as two words off, so "Workforce stability is poor" is decided by
//! its predicate); ties go to the cue after the term
//! (the predicate), then to the concern. In a sentence that turns on a
//! contrast ("..., but ...", "Although ..., ..."), a cue in the main
//! clause decides before a nearer one in the clause that gives way. A
//! negator a few words before the cue ("not manageable", "no longer reliant
//! on") flips it, and so does a fall right after a concern ("disruption
//! rates are low"). A cue right after an intent phrase ("efforts to
//! reduce", "plans to improve") is an aim, not an outcome, and decides
//! nothing. With no cue in scope, the term's own polarity (if the
//! lexicon gives one) applies, also subject to negation. Before all of this,
//! a `lead` cue that opens the sentence ("Ensure that...") decides every
//! mention in it.

use super::lexicon::{Scope, ThemeDef};
use super::matcher::{Hit, Role};
use super::normalise::is_word_byte;
use super::Polarity;

/// Words that start in `text[from..to]`.
pub fn words_between(text: &[u8], from: usize, to: usize) -> usize {
    if from >= to {
        return 0;
    }
    let mut count = 0;
    let mut in_word = from > 0 && is_word_byte(text[from - 1]);
    for &b in &text[from..to] {
        let w = is_word_byte(b);
        if w && !in_word {
            count += 1;
        }
        in_word = w || (in_word && b == b'\'');
    }
    count
}

/// Words strictly between two hits (0 when they touch or overlap).
fn distance(text: &[u8], a: &Hit, b: &Hit) -> usize {
    if a.overlaps(b) {
        0
    } else if a.end <= b.start {
        words_between(text, a.end, b.start)
    } else {
        words_between(text, b.end, a.start)
    }
}

/// The negator that flips something starting at `at`, if one stands within
/// the theme's negation window before it (and not inside `within`).
/// `role` is what is being negated (a concern or a strength). A negator
/// binds to the first cue after it: one with a cue of the other polarity
/// between ("failing to reduce high caseloads") negates that cue, not this;
/// a cue of the same polarity between is read with this one ("not yet
/// consistently informed").
fn negator<'h>(
    text: &[u8],
    negs: &'h [Hit],
    cues: &[Hit],
    role: Role,
    at: usize,
    within: &Hit,
    window: u32,
) -> Option<&'h Hit> {
    negs.iter()
        .filter(|n| n.role == Role::Negator)
        .filter(|n| n.end <= at && !n.overlaps(within))
        .filter(|n| words_between(text, n.end, at) < window as usize)
        .filter(|n| within_clause(text, cues, role, n.end, at))
        .filter(|n| {
            !cues
                .iter()
                .any(|c| c.role != role && c.start >= n.end && c.end <= at && !c.overlaps(within))
        })
        .max_by_key(|n| n.end)
}

/// A negator standing in one of a term's gaps (`**` or `*`), not among the
/// term's own words: "young people are not sufficiently involved in
/// developing services" denies what the term "young people ** involved in
/// ** develop*" asserts, though no negator stands before the term.
fn gap_negator<'h>(
    def: &ThemeDef,
    negs: &'h [Hit],
    term: &Hit,
    term_text: &str,
) -> Option<&'h Hit> {
    let is_own = |negator: &str| {
        negator.split_whitespace().all(|w| {
            term_text
                .split_whitespace()
                .any(|o| o.eq_ignore_ascii_case(w))
        })
    };
    // Only a word that denies a clause: a quantity in the gap ("stable
    // relationships with fewer changes of worker") says how much, not no.
    let denies = |negator: &str| {
        negator.split_whitespace().any(|w| {
            let w = w.to_lowercase();
            DENIALS.contains(&w.as_str()) || w.ends_with("n't")
        })
    };
    negs.iter()
        .filter(|n| n.role == Role::Negator)
        .filter(|n| n.start > term.start && n.end < term.end)
        .filter(|n| {
            def.negation
                .get(n.def as usize)
                .is_some_and(|e| denies(&e.text) && !is_own(&e.text))
        })
        .min_by_key(|n| n.start)
}

/// Words by which a negator denies a clause, not a quantity (see
/// [`gap_negator`]).
const DENIALS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "without", "lack", "lacks", "lacked", "lacking",
    "cannot", "fail", "fails", "failed", "failing", "failure",
];

/// Whether a negator ending at `from` reaches a `role` cue at `at`: a
/// negator reaches no further than its clause, so in "use of agency staff
/// has reduced, and the stability of staff has increased" the reduction
/// says nothing of the stability. A comma between two cues of the same
/// polarity is a list, read as one ("have not provided effective, stable
/// leadership"; but not "when lives are not improving, children benefit").
fn within_clause(text: &[u8], cues: &[Hit], role: Role, from: usize, at: usize) -> bool {
    (from..at)
        .filter(|&i| matches!(text[i], b',' | b';' | b':'))
        .all(|i| {
            text[i] == b','
                && text[i + 1..at].iter().all(u8::is_ascii_whitespace)
                && cues.iter().any(|c| {
                    c.role == role
                        && c.start >= from
                        && c.end <= i
                        && text[c.end..i].iter().all(u8::is_ascii_whitespace)
                })
        })
}

/// Whether `cue` is an aim rather than an outcome: an intent phrase
/// ("efforts to", "plans to") ends right before it, with no word between.
pub fn is_aim(text: &[u8], cue: &Hit, intents: &[Hit]) -> bool {
    intents
        .iter()
        .any(|i| i.end <= cue.start && words_between(text, i.end, cue.start) == 0)
}

/// Words that open a condition. A negation in the clause one opens says
/// when something happens, not how well it is done: in "decisions to
/// escalate children's cases into proceedings when their experiences are
/// not improving are appropriate" the "are not" judges nothing.
const CONDITIONS: &[&str] = &["when", "whenever", "if", "unless"];

/// How many words before a cue a condition's opening word may stand.
const CONDITION_REACH: usize = 5;

/// Whether `cue` (a cue or a negator) stands in a condition's clause:
/// "when", "whenever", "if" or "unless" at most five words before it, with
/// no comma, second verb or "in order" between.
pub fn is_condition(text: &[u8], cue: &Hit) -> bool {
    let before = &text[..cue.start];
    let clause_start = before
        .iter()
        .rposition(|b| matches!(b, b',' | b';' | b':' | b'.' | b'(' | b'\n'))
        .map_or(0, |i| i + 1);
    // Walking back from the cue to the condition's opener, over the words
    // between them. The condition's own verb is one auxiliary; a second
    // means its clause has ended and the cue is the main clause's
    // ("later-life letters prepared for when they are older are not always
    // written well"); so does "and" or "but" ("visit when needed and plans
    // are not always updated"); and "in order" opens a purpose, not a
    // condition ("when required in order not to hinder the progress of
    // cases"). A condition whose own verb is no auxiliary ("plans made when
    // children return home are not always reviewed") is not told from its
    // main clause: that cue is lost.
    let is = |w: &[u8], word: &str| w.eq_ignore_ascii_case(word.as_bytes());
    let (mut verbs, mut ends, mut purpose) = (0, false, false);
    let mut next: Option<&[u8]> = None;
    let words = before[clause_start..]
        .rsplit(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
        .take(CONDITION_REACH);
    for w in words {
        if CONDITIONS.iter().any(|c| is(w, c)) {
            return verbs < 2 && !ends && !purpose;
        }
        verbs += usize::from(AUXILIARIES.iter().any(|a| is(w, a)));
        ends |= is(w, "and") || is(w, "but");
        purpose |= is(w, "in") && next.is_some_and(|n| is(n, "order"));
        next = Some(w);
    }
    false
}

/// Verbs that carry a clause's tense: two in a condition's reach mean two
/// clauses.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "do", "does", "did", "can", "will",
];

/// How far after a mention a fall may stand ("rates in Rotherham are very
/// low"): further on, it is as likely to speak of something else.
const FALL_REACH: usize = 2;

/// Words that open the object of a fall's verb: "have reduced children's
/// trust" says what the thing did, not that it fell.
const OBJECT_OPENERS: &[&str] = &[
    "the",
    "their",
    "its",
    "his",
    "her",
    "a",
    "an",
    "this",
    "these",
    "those",
    "some",
    "many",
    "children",
    "children's",
    "young",
    "staff",
    "our",
    "all",
    "any",
    "each",
    "both",
];

/// `decided` turned over when a fall (`fall_after`) stands right after
/// `span` (the mention and its deciding cue) in the same clause: a
/// concern that has fallen is a strength. A strength that has fallen is a
/// concern only when the strength is the term's own (`own`: "workforce
/// stability has declined"); one from a cue elsewhere ("well staffed and
/// use of agency staff is very low") already says how the fall is judged.
/// The cue text names the fall too.
fn fallen(
    def: &ThemeDef,
    text: &[u8],
    hits: &[Hit],
    span: &Hit,
    own: bool,
    decided: (Polarity, Option<String>),
) -> (Polarity, Option<String>) {
    let (polarity, cue) = decided;
    if polarity == Polarity::Neutral || (polarity == Polarity::Strength && !own) {
        return (polarity, cue);
    }
    let fall = hits.iter().filter(|f| f.role == Role::Fall).find(|f| {
        f.start >= span.end
            && words_between(text, span.end, f.start) <= FALL_REACH
            && !text[span.end..f.start]
                .iter()
                .any(|b| matches!(b, b',' | b';' | b':' | b'(' | b')'))
            && !opens_object(text, f.end)
            && !joins_clause(&text[span.end..f.start])
    });
    let Some(fall) = fall else {
        return (polarity, cue);
    };
    let turned = match polarity {
        Polarity::Concern => Polarity::Strength,
        _ => Polarity::Concern,
    };
    let fall_text = def
        .fall_after
        .get(fall.def as usize)
        .map_or("", |e| e.text.as_str());
    let cue = cue.map_or_else(|| fall_text.to_string(), |c| format!("{c} … {fall_text}"));
    (turned, Some(cue))
}

/// Words that start another clause, whose fall is its own: "caseloads are
/// high and morale is low".
const CLAUSE_JOINERS: &[&str] = &[
    "and", "but", "or", "while", "whilst", "whereas", "although", "though", "which", "that", "as",
    "so", "because", "when", "where",
];

/// Whether `gap` (the text between a mention and a fall) holds a word
/// that starts another clause.
fn joins_clause(gap: &[u8]) -> bool {
    gap.split(|b| !is_word_byte(*b))
        .filter(|w| !w.is_empty())
        .any(|w| {
            let w = w.to_ascii_lowercase();
            CLAUSE_JOINERS.iter().any(|j| j.as_bytes() == w.as_slice())
        })
}

/// Whether the word after `at` opens an object ("reduced the", "reduced
/// children's").
fn opens_object(text: &[u8], at: usize) -> bool {
    next_word_is_one_of(text, at, OBJECT_OPENERS)
}

/// Whether the first word at or after `at` (apostrophes kept, case
/// ignored) is one of `words`.
fn next_word_is_one_of(text: &[u8], at: usize, words: &[&str]) -> bool {
    let rest = &text[at.min(text.len())..];
    let Some(start) = rest.iter().position(|b| !b.is_ascii_whitespace()) else {
        return false;
    };
    let word: Vec<u8> = rest[start..]
        .iter()
        .take_while(|b| is_word_byte(**b) || **b == b'\'')
        .map(u8::to_ascii_lowercase)
        .collect();
    words.iter().any(|w| w.as_bytes() == word.as_slice())
}

/// A cue of `cues` in scope of `term` and nearest it, with the distance
/// and tie-breaks it won by.
fn nearest<'c>(
    def: &ThemeDef,
    text: &[u8],
    term: &Hit,
    cues: impl Iterator<Item = &'c Hit>,
) -> Option<Ranked<'c>> {
    let plain_term = term
        .role
        .list(def)
        .get(term.def as usize)
        .is_none_or(|e| e.polarity.is_none_or(|p| p == Polarity::Neutral));
    cues.filter_map(|c| {
        let inside = term.contains(c);
        // A cue that is the last word of a term with no polarity of its
        // own ("stability" in "workforce stability") may only name the
        // topic, so it ranks as if two words away: a predicate right after
        // the term says how it fares ("Workforce stability is poor"). A
        // cue that modifies the term ("high" in "high caseloads") is its
        // reading and stays nearest.
        let d = distance(text, c, term);
        let head = inside && plain_term && c.end == term.end;
        let rank = if head { INSIDE_RANK } else { d };
        let entry = Role::list(c.role, def).get(c.def as usize)?;
        let in_scope = match entry.scope.unwrap_or(def.scope) {
            Scope::Sentence => true,
            Scope::Window(n) => d <= n as usize,
            Scope::Lead => false,
        };
        // Ties go to the cue after the term ("reliance on agency staff
        // has reduced"): a predicate usually says what became of it.
        in_scope.then_some((rank, c.start < term.start, c.role != Role::Concern, c))
    })
    .min_by_key(|(d, before, not_concern, c)| (*d, *before, *not_concern, c.start))
}

/// A cue with how far it stands from the term, whether before it, and
/// whether not a concern: the keys it is ranked by.
type Ranked<'c> = (usize, bool, bool, &'c Hit);

/// The rank of a cue inside a term that states no polarity: as if it
/// stood this many words from the term.
const INSIDE_RANK: usize = 2;

/// Contrasts whose second clause is the sentence's point: "adoption is
/// improving, but some children wait too long" is a concern.
const CONTRASTS: &[&str] = &[" but ", ", although "];
/// Openers of a clause that gives way to the one after its comma:
/// "Although caseloads have reduced, they are still too high."
const CONCESSIONS: &[&str] = &["although ", "though ", "while ", "whilst ", "despite "];

/// Where the main clause of a contrast in the sentence starting at
/// `start` begins, looking no further than `upto`.
fn main_clause(text: &[u8], start: usize, upto: usize) -> Option<usize> {
    let span = &text[start..upto];
    let find_last = |pat: &str| {
        span.windows(pat.len())
            .rposition(|w| w.eq_ignore_ascii_case(pat.as_bytes()))
            .map(|i| start + i + pat.len())
    };
    // "not only ... but also" adds; it does not give way.
    let adds = find_last("but also ").is_some();
    let contrast = CONTRASTS
        .iter()
        .filter(|p| **p != " but " || !adds)
        .filter_map(|p| find_last(p))
        .max();
    let opener = span
        .iter()
        .position(u8::is_ascii_alphabetic)
        .filter(|&i| {
            CONCESSIONS.iter().any(|c| {
                span[i..]
                    .get(..c.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(c.as_bytes()))
            })
        })
        .and_then(|i| span[i..].iter().position(|b| *b == b',').map(|c| i + c))
        .map(|comma| start + comma + 1);
    contrast.max(opener)
}

/// Words that open a clause about what the clause before was about.
const POINTERS: &[&str] = &[
    "these", "they", "this", "it", "those", "that", "it's", "they're", "that's",
];

/// Whether the clause starting at `at` opens with a word of [`POINTERS`].
fn points_back(text: &[u8], at: usize) -> bool {
    next_word_is_one_of(text, at, POINTERS)
}

/// The cue that decides `term`: `best`, unless the sentence turns on a
/// contrast and `best` stands before its main clause while the main clause
/// holds a cue of the theme, which then decides instead. A cue inside the
/// term is its own reading and stays.
fn main_clause_cue<'c>(
    def: &ThemeDef,
    text: &[u8],
    sentence_start: usize,
    term: &Hit,
    cues: &'c [Hit],
    best: Ranked<'c>,
) -> Ranked<'c> {
    let upto = cues
        .iter()
        .map(|c| c.end)
        .chain([term.end])
        .max()
        .unwrap_or(term.end);
    let Some(main) = main_clause(text, sentence_start, upto) else {
        return best;
    };
    let inside = term.contains(best.3);
    // A cue inside the term is its own reading and stays; one that only
    // touches it gives way when the main clause opens by pointing back at
    // the term ("Progress has been made in reducing caseloads, but these
    // remain too high"), not when it turns to something else ("Coventry
    // has reduced caseloads, but teams are blighted by vacancies").
    let touching = distance(text, best.3, term) == 0;
    if inside || (touching && !points_back(text, main)) || best.3.start >= main {
        return best;
    }
    nearest(def, text, term, cues.iter().filter(|c| c.start >= main)).unwrap_or(best)
}

/// The polarity and cue text of a `lead` cue opening the sentence that
/// starts at `sentence_start`, if there is one.
fn lead(
    def: &ThemeDef,
    text: &[u8],
    sentence_start: usize,
    cues: &[Hit],
) -> Option<(Polarity, String)> {
    cues.iter().find_map(|c| {
        let entry = Role::list(c.role, def).get(c.def as usize)?;
        let opens = c.start >= sentence_start && words_between(text, sentence_start, c.start) == 0;
        (entry.scope == Some(Scope::Lead) && opens).then(|| {
            let polarity = if c.role == Role::Concern {
                Polarity::Concern
            } else {
                Polarity::Strength
            };
            (polarity, entry.text.clone())
        })
    })
}

/// The polarity of `term` and the cue text that decided it; the sentence
/// holding them starts at `sentence_start` in `text`.
pub fn decide(
    def: &ThemeDef,
    text: &[u8],
    sentence_start: usize,
    term: &Hit,
    cues: &[Hit],
    negs: &[Hit],
) -> (Polarity, Option<String>) {
    if let Some((polarity, cue)) = lead(def, text, sentence_start, cues) {
        return (polarity, Some(cue));
    }
    let best = nearest(def, text, term, cues.iter())
        .map(|best| main_clause_cue(def, text, sentence_start, term, cues, best));
    let flip = |p: Polarity| match p {
        Polarity::Concern => Polarity::Strength,
        Polarity::Strength => Polarity::Concern,
        Polarity::Neutral => Polarity::Neutral,
    };
    let neg_text = |n: &Hit| {
        def.negation
            .get(n.def as usize)
            .map_or_else(String::new, |e| e.text.clone())
    };
    let entry = term.role.list(def).get(term.def as usize);
    // A term that states its own polarity states nothing inside a
    // condition ("when children are not settled in their placements"), as
    // a cue there does not (see `is_condition`).
    let in_condition = is_condition(text, term);
    let own = entry
        .and_then(|e| e.polarity)
        .filter(|p| *p != Polarity::Neutral && !in_condition);
    let role_of = |p: Polarity| match p {
        Polarity::Concern => Role::Concern,
        _ => Role::Strength,
    };
    if let Some((_, _, _, cue)) = best {
        let d = distance(text, cue, term);
        // A cue among the words of a term that states its own polarity is
        // read as the term says: the "increase" in "increased social work
        // capacity" is not the concern "increase" of "caseloads increased".
        let inside = term.contains(cue);
        let (role, cue_text) = match own {
            Some(p) if inside => (
                role_of(p),
                entry.map_or_else(String::new, |e| e.text.clone()),
            ),
            _ => (
                cue.role,
                Role::list(cue.role, def)
                    .get(cue.def as usize)
                    .map_or_else(String::new, |e| e.text.clone()),
            ),
        };
        let polarity = if role == Role::Concern {
            Polarity::Concern
        } else {
            Polarity::Strength
        };
        // A cue touching the term is negated by a negator before either.
        let at = if d == 0 {
            cue.start.min(term.start)
        } else {
            cue.start
        };
        let joined = Hit {
            start: at,
            end: cue.end.max(term.end),
            ..*cue
        };
        // A cue that says its own negation ("has not", "not all") is not
        // turned back by a negator before it: in "children who do not have
        // a plan ... has not been prioritised" the "not" is another verb's.
        let says_not = cue_text
            .split_whitespace()
            .any(|w| matches!(w, "not" | "no" | "never"));
        let negated = if says_not {
            None
        } else {
            negator(text, negs, cues, role, at, &joined, def.negation_window).or_else(|| {
                (own.is_some() && inside)
                    .then(|| gap_negator(def, negs, term, &cue_text))
                    .flatten()
            })
        };
        let decided = match negated {
            Some(n) => (flip(polarity), Some(format!("{} {cue_text}", neg_text(n)))),
            None => (polarity, Some(cue_text)),
        };
        return fallen(def, text, negs, &joined, inside, decided);
    }
    match entry.and_then(|e| e.polarity).filter(|_| !in_condition) {
        Some(p) => {
            let text_of = entry.map_or_else(String::new, |e| e.text.clone());
            let decided = match negator(
                text,
                negs,
                cues,
                role_of(p),
                term.start,
                term,
                def.negation_window,
            )
            .or_else(|| gap_negator(def, negs, term, &text_of))
            {
                Some(n) => (flip(p), Some(format!("{} {text_of}", neg_text(n)))),
                None => (p, Some(text_of)),
            };
            fallen(def, text, negs, term, true, decided)
        }
        None => (Polarity::Neutral, None),
    }
}

#[cfg(test)]
mod tests;
