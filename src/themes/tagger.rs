//! Turning raw hits into counted mentions, one sentence at a time.
//!
//! Takes a body, its sentences and a compiled [`LexiconSet`] and gives
//! [`Tagged`]: per sentence and theme, term hits overlapping an exclusion are
//! suppressed ("excluded by"), then the rest are taken longest first (ties:
//! earliest) and a hit overlapping one already taken is suppressed ("inside
//! longer match"); each survivor gets its polarity from the theme's cues
//! (a cue or negator overlapping an exclusion is dropped: "well" in "as
//! well as", "not" in "not only").
//! A theme's `in_context` words count like terms, but only in a sentence
//! right after one that counted the theme and that names no term of it.
//! Different themes never suppress each other. An optional [`Stats`]
//! records what `motif lexicon lint` reports.

use std::collections::BTreeMap;

use super::listed;
use super::matcher::{Hit, Role};
use super::normalise::Normalised;
use super::polarity::{self, decide, words_between};
use super::{LexiconSet, Mention, Polarity, Suppressed, Tagged, ThemeDef, ThemeId};
use crate::text::Sentence;

/// What a corpus did with each lexicon entry, for `motif lexicon lint`.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    /// (theme, role, entry) -> hits found (before suppression).
    pub hits: BTreeMap<(u16, Role, u32), usize>,
    /// (theme, exclusion) -> term matches it vetoed.
    pub vetoes: BTreeMap<(u16, u32), usize>,
    /// (theme, glob term) -> matched text -> count.
    pub expansions: BTreeMap<(u16, u32), BTreeMap<String, usize>>,
    /// (theme, in-context word) -> times it counted (after a sentence on
    /// the theme; a hit elsewhere counts for nothing and is not here).
    pub in_context: BTreeMap<(u16, u32), usize>,
}

/// Tags `body`, recording into `stats` when given.
pub fn run(
    lexicons: &LexiconSet,
    body: &str,
    sentences: &[Sentence],
    mut stats: Option<&mut Stats>,
) -> Tagged {
    let mut out = Tagged::default();
    let Some(matcher) = lexicons.matcher.as_deref() else {
        return out;
    };
    let norm = Normalised::new(body);
    let text = norm.text.as_bytes();
    let listed = listed::items(body, sentences);
    let mut hits = Vec::new();
    matcher.scan(&norm, body, &mut hits);
    // Scratch buffers reused across sentences and themes.
    let mut in_sentence: Vec<Hit> = Vec::new();
    let mut taken: Vec<Hit> = Vec::new();
    let mut cues: Vec<Hit> = Vec::new();
    let mut negs: Vec<Hit> = Vec::new();
    let mut intents: Vec<Hit> = Vec::new();
    let mut candidates: Vec<Hit> = Vec::new();
    // Themes the sentence before counted by a term, with that term's text:
    // what a follow-on sentence ("These are too high") may refer back to.
    let mut previous: Vec<(u16, String)> = Vec::new();
    let mut counted: Vec<(u16, String)> = Vec::new();
    for (si, sentence) in sentences.iter().enumerate() {
        std::mem::swap(&mut previous, &mut counted);
        counted.clear();
        let (ns, ne) = (
            norm.position_of(sentence.start),
            norm.position_of(sentence.end),
        );
        let first = hits.partition_point(|h| h.start < ns);
        in_sentence.clear();
        in_sentence.extend(
            hits[first..]
                .iter()
                .take_while(|h| h.start < ne)
                .filter(|h| h.end <= ne),
        );
        if previous.is_empty() && !in_sentence.iter().any(|h| h.role == Role::Term) {
            continue;
        }
        let before = in_sentence.len();
        matcher.scan_cues(&norm, body, ns..ne, &mut in_sentence);
        // A cue must end inside the sentence too.
        let mut i = before;
        while i < in_sentence.len() {
            if in_sentence[i].end > ne {
                in_sentence.swap_remove(i);
            } else {
                i += 1;
            }
        }
        in_sentence.sort_by_key(|h| {
            (
                h.theme,
                h.role,
                std::cmp::Reverse(h.width()),
                h.start,
                h.def,
            )
        });
        let mut rest = &in_sentence[..];
        while let Some(first) = rest.first() {
            let n = rest.iter().take_while(|h| h.theme == first.theme).count();
            let (group, tail) = rest.split_at(n);
            rest = tail;
            if let Some(stats) = stats.as_deref_mut() {
                record(lexicons, &norm, group, stats);
            }
            let def = &lexicons.defs[usize::from(first.theme)];
            let of = |role| group.iter().filter(move |h: &&Hit| h.role == role);
            // A cue or negator inside an exclusion is not one: "well" in
            // "as well as", "not" in "not only heard, but also acted on".
            let outside_exclusions = |h: &&Hit| !of(Role::Exclude).any(|x| x.overlaps(h));
            negs.clear();
            // Falls ride with the negators: both turn a polarity over.
            negs.extend(
                of(Role::Negator)
                    .chain(of(Role::Fall))
                    .filter(outside_exclusions),
            );
            intents.clear();
            intents.extend(of(Role::Intent));
            // Cues compete longest first too, so "not always" beats "always".
            candidates.clear();
            candidates.extend(
                of(Role::Concern)
                    .chain(of(Role::Strength))
                    .filter(outside_exclusions),
            );
            candidates.sort_by_key(|h| (std::cmp::Reverse(h.width()), h.start));
            cues.clear();
            for c in &candidates {
                if !cues.iter().any(|k| k.overlaps(c)) {
                    cues.push(*c);
                }
            }
            // An aimed cue goes after the contest, so the shorter cues it
            // beat ("delay" in "to minimise delay") stay out with it.
            cues.retain(|c| !polarity::is_aim(text, c, &intents));
            // A condition's clause says when, not how well: its cues, and
            // the negators and falls that would turn them, judge nothing.
            cues.retain(|c| !polarity::is_condition(text, c));
            negs.retain(|n| !polarity::is_condition(text, n));
            // A hit that counts, as a mention named `term` with its polarity.
            let counts = |hit: &Hit, term: String| {
                let (polarity, cue) = if listed[si] {
                    (Polarity::Concern, Some(listed::CUE.to_string()))
                } else {
                    decide(def, text, ns, hit, &cues, &negs)
                };
                let (start, end) = norm.original(hit.start, hit.end);
                Mention {
                    sentence: si,
                    theme: ThemeId(hit.theme),
                    term,
                    start,
                    end,
                    polarity,
                    cue,
                }
            };
            taken.clear();
            for hit in of(Role::Term) {
                let term_text = |h: &Hit| {
                    def.terms
                        .get(h.def as usize)
                        .map_or("", |e| e.text.as_str())
                };
                let excluded_by = of(Role::Exclude).find(|x| x.overlaps(hit));
                let reason = if let Some(x) = excluded_by {
                    if let Some(stats) = stats.as_deref_mut() {
                        *stats.vetoes.entry((hit.theme, x.def)).or_default() += 1;
                    }
                    let text = def
                        .exclude
                        .get(x.def as usize)
                        .map_or("", |e| e.text.as_str());
                    Some(format!("excluded by {text:?}"))
                } else {
                    taken.iter().find(|t| t.overlaps(hit)).map(|t| {
                        if t.width() == hit.width() {
                            format!("same span as {:?}", term_text(t))
                        } else {
                            format!("inside longer match {:?}", term_text(t))
                        }
                    })
                };
                let (start, end) = norm.original(hit.start, hit.end);
                match reason {
                    Some(reason) => out.suppressed.push(Suppressed {
                        sentence: si,
                        theme: ThemeId(hit.theme),
                        term: term_text(hit).to_string(),
                        start,
                        end,
                        reason,
                    }),
                    None => {
                        taken.push(*hit);
                        if !counted.iter().any(|(t, _)| *t == hit.theme) {
                            counted.push((hit.theme, term_text(hit).to_string()));
                        }
                        out.mentions.push(counts(hit, term_text(hit).to_string()));
                    }
                }
            }
            let earlier = previous.iter().find(|(t, _)| *t == first.theme);
            if let (true, Some((_, earlier))) = (taken.is_empty(), earlier) {
                // Words that count only where the sentence before counted
                // the theme, longest first like terms.
                for hit in of(Role::Context).filter(outside_exclusions) {
                    if taken.iter().any(|t| t.overlaps(hit)) {
                        continue;
                    }
                    taken.push(*hit);
                    if let Some(stats) = stats.as_deref_mut() {
                        *stats.in_context.entry((hit.theme, hit.def)).or_default() += 1;
                    }
                    let entry = def
                        .in_context
                        .get(hit.def as usize)
                        .map_or("", |e| e.text.as_str());
                    out.mentions
                        .push(counts(hit, format!("{entry} (after {earlier})")));
                }
                // The story goes on: the next sentence may count in context too.
                if !taken.is_empty() {
                    counted.push((first.theme, earlier.clone()));
                }
            }
            if taken.is_empty() {
                let opener = of(Role::FollowOn).find(|h| words_between(text, ns, h.start) == 0);
                if let (Some((_, term)), Some(opener)) = (earlier, opener) {
                    let follow_on = FollowOn {
                        opener,
                        earlier: term,
                    };
                    out.mentions
                        .extend(follow_on.mention(def, &norm, si, ns, &cues, &negs));
                }
            }
        }
    }
    out.mentions
        .sort_by_key(|m| (m.sentence, m.start, m.theme, m.end));
    out.suppressed
        .sort_by_key(|s| (s.sentence, s.start, s.theme, s.end));
    out
}

/// The most words between a follow-on's opener and the cue that decides it.
const FOLLOW_ON_REACH: usize = 10;

/// A sentence opening with words that refer back ("These are") to a theme
/// the sentence before counted.
struct FollowOn<'a> {
    opener: &'a Hit,
    /// The term the sentence before counted for the theme.
    earlier: &'a str,
}

impl FollowOn<'_> {
    /// The mention the opener stands for, if a cue of the theme decides
    /// its polarity: a neutral follow-on says nothing new and is not counted.
    fn mention(
        &self,
        def: &ThemeDef,
        norm: &Normalised,
        sentence: usize,
        sentence_start: usize,
        cues: &[Hit],
        negs: &[Hit],
    ) -> Option<Mention> {
        // Not an index into the theme's terms, so no term polarity applies.
        let stand_in = Hit {
            role: Role::Term,
            def: u32::MAX,
            ..*self.opener
        };
        // A cue straddling the opener's end ("is not" in "This is not a
        // one-off") speaks of the sentence's grammar, not of the theme; one
        // the opener holds ("limits" in "This limits") is its verb and counts.
        let straddles = |c: &Hit| c.start < self.opener.end && c.end > self.opener.end;
        let text = norm.text.as_bytes();
        // Only a cue near the opener says how the theme is judged ("These
        // are too high"); one far on in a long sentence ("This is the
        // second occasion where inspectors have rated the services as
        // inadequate") judges something else the sentence is about.
        let near = |c: &Hit| words_between(text, self.opener.end, c.start) <= FOLLOW_ON_REACH;
        let cues: Vec<Hit> = cues
            .iter()
            .filter(|c| !straddles(c) && near(c))
            .copied()
            .collect();
        let (polarity, cue) = decide(def, text, sentence_start, &stand_in, &cues, negs);
        if polarity == Polarity::Neutral {
            return None;
        }
        let opener = Role::FollowOn
            .list(def)
            .get(self.opener.def as usize)
            .map_or("", |e| e.text.as_str());
        let (start, end) = norm.original(self.opener.start, self.opener.end);
        Some(Mention {
            sentence,
            theme: ThemeId(self.opener.theme),
            term: format!("{opener} (= {})", self.earlier),
            start,
            end,
            polarity,
            cue,
        })
    }
}

fn record(lexicons: &LexiconSet, norm: &Normalised, group: &[Hit], stats: &mut Stats) {
    for hit in group {
        *stats
            .hits
            .entry((hit.theme, hit.role, hit.def))
            .or_default() += 1;
        let def = &lexicons.defs[usize::from(hit.theme)];
        let is_glob = hit.role == Role::Term
            && def
                .terms
                .get(hit.def as usize)
                .is_some_and(|e| e.text.contains('*'));
        if is_glob {
            let matched = norm.text[hit.start..hit.end].to_string();
            *stats
                .expansions
                .entry((hit.theme, hit.def))
                .or_default()
                .entry(matched)
                .or_default() += 1;
        }
    }
}

#[cfg(test)]
mod tests;
