//! The compiled form of a lexicon set: one Aho-Corasick automaton over the
//! literal anchors of every term, exclusion, cue and negator of every theme.
//!
//! Takes [`ThemeDef`]s and gives a [`Matcher`] whose [`Matcher::scan`] finds
//! every whole-word [`Hit`] in a normalised text in one pass (overlapping, so
//! "high caseloads" and "caseloads" are both seen and resolved later). An
//! anchor is the literal start of a term; globs, `*` and `#` after it are
//! verified by walking the text from the anchor's end.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use super::lexicon::{TermDef, ThemeDef};
use super::normalise::{is_word_byte, Normalised};
use super::pattern::{verify, word_end, Pattern, Token};
use super::LexiconError;

/// What a lexicon entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Term,
    Exclude,
    Concern,
    Strength,
    Negator,
    Intent,
    FollowOn,
    Context,
    Fall,
}

impl Role {
    /// All roles, in the order their lists appear in a [`ThemeDef`].
    pub const ALL: [Role; 9] = [
        Role::Term,
        Role::Exclude,
        Role::Concern,
        Role::Strength,
        Role::Negator,
        Role::Intent,
        Role::FollowOn,
        Role::Context,
        Role::Fall,
    ];

    /// The theme's entries for this role.
    pub fn list(self, def: &ThemeDef) -> &[TermDef] {
        match self {
            Role::Term => &def.terms,
            Role::Exclude => &def.exclude,
            Role::Concern => &def.concern,
            Role::Strength => &def.strength,
            Role::Negator => &def.negation,
            Role::Intent => &def.intent,
            Role::FollowOn => &def.follow_on,
            Role::Context => &def.in_context,
            Role::Fall => &def.fall_after,
        }
    }

    /// The lexicon key for this role.
    pub fn key(self) -> &'static str {
        match self {
            Role::Term => "terms",
            Role::Exclude => "exclude",
            Role::Concern => "concern",
            Role::Strength => "strength",
            Role::Negator => "negation",
            Role::Intent => "intent",
            Role::FollowOn => "follow_on",
            Role::Context => "in_context",
            Role::Fall => "fall_after",
        }
    }
}

/// A lexicon entry found in the text (offsets into the normalised text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub theme: u16,
    pub role: Role,
    /// Index into the theme's list for `role`.
    pub def: u32,
    pub start: usize,
    pub end: usize,
}

impl Hit {
    /// Whether `other` lies wholly within this hit.
    pub fn contains(&self, other: &Hit) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether two hits share at least one byte.
    pub fn overlaps(&self, other: &Hit) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn width(&self) -> usize {
        self.end - self.start
    }
}

#[derive(Debug)]
struct Target {
    theme: u16,
    role: Role,
    def: u32,
    /// The anchor ends inside a word (a glob stem).
    open: bool,
    rest: Vec<Token>,
    /// For `match_case` entries: the letters and digits the original must start with.
    case_letters: Option<String>,
}

/// All themes' entries, compiled for one-pass search.
/// One automaton and, per pattern, the entries that share that anchor.
#[derive(Debug)]
struct Automaton {
    ac: AhoCorasick,
    targets: Vec<Vec<Target>>,
}

/// All themes' entries, compiled for search: terms and exclusions in one
/// automaton run over the whole text, cues and negators in another run only
/// over sentences where a term was found (cue words such as "well" or "not"
/// are everywhere; looking for them elsewhere would be wasted work).
#[derive(Debug)]
pub struct Matcher {
    terms: Automaton,
    cues: Automaton,
}

impl Automaton {
    fn build(defs: &[ThemeDef], roles: &[Role]) -> Result<Automaton, LexiconError> {
        let mut anchors: Vec<String> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        for (t, def) in defs.iter().enumerate() {
            let theme = u16::try_from(t).map_err(|_| LexiconError::Syntax {
                path: def.path.clone(),
                line: 0,
                message: "too many themes (at most 65535)".to_string(),
            })?;
            for &role in roles {
                for (d, entry) in role.list(def).iter().enumerate() {
                    let pattern = Pattern::parse(&entry.text, entry.inflect).map_err(|e| {
                        LexiconError::Syntax {
                            path: def.path.clone(),
                            line: entry.line,
                            message: format!("{} entry {:?}: {e}", role.key(), entry.text),
                        }
                    })?;
                    let (list, open, rest) = pattern.anchors();
                    for anchor in list {
                        let slot = *index.entry(anchor.clone()).or_insert_with(|| {
                            anchors.push(anchor);
                            targets.push(Vec::new());
                            targets.len() - 1
                        });
                        targets[slot].push(Target {
                            theme,
                            role,
                            def: u32::try_from(d).unwrap_or(u32::MAX),
                            open,
                            rest: rest.clone(),
                            case_letters: entry.match_case.then(|| literal_letters(&entry.text)),
                        });
                    }
                }
            }
        }
        let build = |kind| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(&anchors)
        };
        // A full DFA is fastest; fall back to the builder's choice if it is too big.
        let ac = build(Some(AhoCorasickKind::DFA))
            .or_else(|_| build(None))
            .map_err(|e| LexiconError::Syntax {
                path: defs.first().map(|d| d.path.clone()).unwrap_or_default(),
                line: 0,
                message: format!("cannot compile the lexicons: {e}"),
            })?;
        Ok(Automaton { ac, targets })
    }

    /// Appends every whole-word hit that starts in `range` of `norm`.
    fn scan(&self, norm: &Normalised, body: &str, range: Range<usize>, hits: &mut Vec<Hit>) {
        let text = norm.text.as_bytes();
        let input = Input::new(&norm.text).range(range);
        for m in self.ac.find_overlapping_iter(input) {
            let (start, anchor_end) = (m.start(), m.end());
            if start > 0 && is_word_byte(text[start - 1]) {
                continue;
            }
            for target in &self.targets[m.pattern().as_usize()] {
                let after = if target.open {
                    word_end(text, anchor_end)
                } else if text.get(anchor_end).is_some_and(|b| is_word_byte(*b)) {
                    continue;
                } else {
                    anchor_end
                };
                let Some(end) = verify(text, after, &target.rest) else {
                    continue;
                };
                if let Some(letters) = &target.case_letters {
                    let (s, e) = norm.original(start, end);
                    if !literal_letters(&body[s..e]).starts_with(letters.as_str()) {
                        continue;
                    }
                }
                hits.push(Hit {
                    theme: target.theme,
                    role: target.role,
                    def: target.def,
                    start,
                    end,
                });
            }
        }
    }
}

impl Matcher {
    /// Compiles every entry of every theme; a bad entry is an error naming
    /// its file and line.
    pub fn compile(defs: &[ThemeDef]) -> Result<Matcher, LexiconError> {
        Ok(Matcher {
            terms: Automaton::build(defs, &[Role::Term, Role::Exclude])?,
            cues: Automaton::build(
                defs,
                &[
                    Role::Concern,
                    Role::Strength,
                    Role::Negator,
                    Role::Intent,
                    Role::FollowOn,
                    Role::Context,
                    Role::Fall,
                ],
            )?,
        })
    }

    /// Appends every whole-word term and exclusion hit in `norm` to `hits`,
    /// sorted by start. `body` is the original text, for `match_case` entries.
    pub fn scan(&self, norm: &Normalised, body: &str, hits: &mut Vec<Hit>) {
        self.terms.scan(norm, body, 0..norm.text.len(), hits);
        hits.sort_by_key(|h| (h.start, h.end, h.theme, h.role, h.def));
    }

    /// Appends the cue and negator hits that start in `range` to `hits`.
    pub fn scan_cues(
        &self,
        norm: &Normalised,
        body: &str,
        range: Range<usize>,
        hits: &mut Vec<Hit>,
    ) {
        self.cues.scan(norm, body, range, hits);
    }
}

/// The letters and digits of `text`, in order, case kept (up to a wildcard).
fn literal_letters(text: &str) -> String {
    text.chars()
        .take_while(|c| !matches!(c, '*' | '#'))
        .filter(|c| c.is_alphanumeric())
        .collect()
}
