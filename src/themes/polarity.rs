//! Whether a mention is raised as a concern, a strength, or neither.
//!
//! Takes a term hit and the cue and negator hits of its theme in the same
//! sentence and gives a [`Polarity`] with the cue that decided it. The
//! nearest cue in scope wins (a cue inside the term itself, as in
//! "manageable caseloads", is nearest of all); ties go to the cue after the
//! term (the predicate), then to the concern. A
//! negator a few words before the cue ("not manageable", "no longer reliant
//! on") flips it. With no cue in scope, the term's own polarity (if the
//! lexicon gives one) applies, also subject to negation.

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
fn negator<'h>(
    text: &[u8],
    negs: &'h [Hit],
    at: usize,
    within: &Hit,
    window: u32,
) -> Option<&'h Hit> {
    negs.iter()
        .filter(|n| n.end <= at && !n.overlaps(within))
        .filter(|n| words_between(text, n.end, at) < window as usize)
        .max_by_key(|n| n.end)
}

/// The polarity of `term` and the cue text that decided it.
pub fn decide(
    def: &ThemeDef,
    text: &[u8],
    term: &Hit,
    cues: &[Hit],
    negs: &[Hit],
) -> (Polarity, Option<String>) {
    let best = cues
        .iter()
        .filter_map(|c| {
            let d = distance(text, c, term);
            let entry = Role::list(c.role, def).get(c.def as usize)?;
            let in_scope = match entry.scope.unwrap_or(def.scope) {
                Scope::Sentence => true,
                Scope::Window(n) => d <= n as usize,
            };
            // Ties go to the cue after the term ("reliance on agency staff
            // has reduced"): a predicate usually says what became of it.
            in_scope.then_some((d, c.start < term.start, c.role != Role::Concern, c))
        })
        .min_by_key(|(d, before, not_concern, c)| (*d, *before, *not_concern, c.start));
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
    if let Some((d, _, _, cue)) = best {
        let polarity = if cue.role == Role::Concern {
            Polarity::Concern
        } else {
            Polarity::Strength
        };
        let cue_text = Role::list(cue.role, def)
            .get(cue.def as usize)
            .map_or_else(String::new, |e| e.text.clone());
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
        return match negator(text, negs, at, &joined, def.negation_window) {
            Some(n) => (flip(polarity), Some(format!("{} {cue_text}", neg_text(n)))),
            None => (polarity, Some(cue_text)),
        };
    }
    let entry = def.terms.get(term.def as usize);
    match entry.and_then(|e| e.polarity) {
        Some(p) => {
            let text_of = entry.map_or_else(String::new, |e| e.text.clone());
            match negator(text, negs, term.start, term, def.negation_window) {
                Some(n) => (flip(p), Some(format!("{} {text_of}", neg_text(n)))),
                None => (p, Some(text_of)),
            }
        }
        None => (Polarity::Neutral, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_between() {
        let t = b"caseloads that are too high";
        assert_eq!(words_between(t, 9, 23), 3);
        assert_eq!(words_between(t, 9, 10), 0);
        assert_eq!(words_between(b"children's views", 0, 16), 2);
    }
}
