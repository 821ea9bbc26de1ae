//! Which council each sentence is about (DOMAIN.md, "Which council a
//! sentence is about").
//!
//! Takes a document (title and body), its sentences and the councils found in
//! both, and gives one [`Attribution`] per sentence:
//! - a sentence that names councils is about those ([`Rule::Named`]),
//!   leaving out councils named only in an aside about another body's
//!   other areas, a person's other post or a helping partner ("- which also
//!   runs Kingston and Richmond -", "its improvement partner, Doncaster
//!   Children's Trust,"), which move no focus (a sentence naming councils
//!   only there is about them, and focus stays where it was);
//! - "both councils", "the two councils" ... are about that many of the
//!   councils most recently named ([`Rule::Group`]);
//! - a sentence that names none is about the council in focus, the one the
//!   text was last discussing ([`Rule::Focus`]); in a story naming both a
//!   county and a city council, "the county council" and "the city
//!   council" are the latest named of that kind;
//! - lead sentences before the body names a council are about the council(s)
//!   the title names, or else the first council the body names
//!   ([`Rule::Lead`]).
//!
//! Focus follows the latest named sentence, with one refinement for
//! documents that are overwhelmingly about one council (an Ofsted report, a
//! single-council story): there, the *home* council (title's, or the first
//! named) holds focus. Another council named in passing (a neighbouring
//! council, the trust of another area) takes the sentences that name it and
//! the rest of its paragraph, then focus returns home; and a sentence naming
//! the home council beside others leaves focus on home alone. Focus returns
//! home only if the title names the home council (the document says what it
//! is about) or the text names it again later: an untitled story that moves on
//! to another council for good has changed topic.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{Attribution, CouncilId, CouncilMatch, Gazetteer, Rule};
use crate::corpus::Document;
use crate::text::Sentence;

/// The share of all council mentions the home council needs for a document
/// to count as being about it alone (it must also be named more than any
/// other council).
const DOMINANT_SHARE: f64 = 0.5;
/// ... and the number of mentions (a short article naming one council twice
/// and another once is still about both).
const DOMINANT_MENTIONS: usize = 5;

/// Decides which councils each sentence of `document` is about (one
/// [`Attribution`] per sentence, in order).
pub fn attribute(
    gazetteer: &Gazetteer,
    document: &Document,
    sentences: &[Sentence],
) -> Vec<Attribution> {
    let found = gazetteer.candidates_in(&[&document.title, &document.body], document.published);
    let title: Vec<CouncilMatch> = found
        .first()
        .map(|c| super::finder::kept(c))
        .unwrap_or_default();
    let body: Vec<CouncilMatch> = found
        .get(1)
        .map(|c| super::finder::kept(c))
        .unwrap_or_default();
    let tier = |id: CouncilId| {
        gazetteer
            .councils()
            .get(usize::from(id.0))
            .map_or(Tier::Other, Tier::of)
    };
    // A whole report, its inspection dates printed in its head: there a
    // shared body's name stands for the report's council (below). A
    // report's heading alone (an excerpt, a letter) does not settle it:
    // readers of excerpts gave such a sentence to every member the body
    // serves (evaluation sets 94, 95 and 100), as DOMAIN.md reads a name.
    let dated_report = document.inspected_from.is_some();
    attribute_matches(
        &document.body,
        sentences,
        &title,
        &body,
        dated_report,
        &tier,
    )
}

/// Which of "the county council" and "the city council" a council can be
/// called: a story about a city and its county (Nottingham and
/// Nottinghamshire) tells them apart by these words alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    County,
    City,
    Other,
}

impl Tier {
    fn of(council: &super::Council) -> Tier {
        if council.kind.eq_ignore_ascii_case("county") {
            Tier::County
        } else if council.name.split_whitespace().any(|w| w == "City") {
            Tier::City
        } else {
            Tier::Other
        }
    }
}

/// The councils a document is about, in order of first attribution.
pub fn document_councils(attributions: &[Attribution]) -> Vec<CouncilId> {
    let mut out = Vec::new();
    for attribution in attributions {
        push_unique(&mut out, &attribution.councils);
    }
    out
}

fn push_unique(list: &mut Vec<CouncilId>, ids: &[CouncilId]) {
    for id in ids {
        if !list.contains(id) {
            list.push(*id);
        }
    }
}

/// The sentence-by-sentence walk, given the councils found in the title and
/// the body (spans into `body`).
fn attribute_matches(
    body: &str,
    sentences: &[Sentence],
    title: &[CouncilMatch],
    body_matches: &[CouncilMatch],
    dated_report: bool,
    tier: &dyn Fn(CouncilId) -> Tier,
) -> Vec<Attribution> {
    // Matches come in text order, so each sentence's matches are found by
    // binary search: a scan per sentence made long reports quadratic.
    let mut sorted;
    let body_matches = if body_matches.is_sorted_by_key(|m| m.start) {
        body_matches
    } else {
        sorted = body_matches.to_vec();
        sorted.sort_by_key(|m| m.start);
        &sorted[..]
    };
    // In a dated inspection report, a name that stands for several councils at
    // once (a trust or an adoption agency serving them all: "NCT",
    // "Adoption Counts") stands for the report's council alone, member or
    // about to join: the report speaks of the body's work for it. In any
    // other text it stands for every member, as DOMAIN.md reads a name:
    // readers of report excerpts gave "Calderdale is a partner of One
    // Adoption West Yorkshire" to all five members (sets 105, 114 and 116,
    // as 94, 95 and 100 did where the excerpt's council was no member; one
    // reader of six kept the excerpt's council alone).
    let report_home = dated_report
        .then(|| {
            title
                .first()
                .or_else(|| body_matches.iter().find(|m| !is_shared(m, body_matches)))
                .map(|m| m.council)
        })
        .flatten();
    let named: Vec<Named> = sentences
        .iter()
        .map(|s| {
            let first = body_matches.partition_point(|m| m.start < s.start);
            let within = || body_matches[first..].iter().take_while(|m| m.start < s.end);
            // Most sentences name no council, and none of what follows (the
            // aside regex above all) can find one in them.
            if within().next().is_none() {
                return Named::default();
            }
            let asides = aside_spans(s.text(body));
            let in_aside = |m: &CouncilMatch| {
                let at = m.start.saturating_sub(s.start);
                asides.iter().any(|&(a, b)| a <= at && at < b)
            };
            // The aside's councils are the body's other areas, so a name of
            // that body outside the aside ("Achieving for Children, which
            // also runs Kingston and Richmond") stands for them too, not for
            // the council the sentence is about.
            let aside_councils: Vec<CouncilId> = within()
                .filter(|m| in_aside(m))
                .map(|m| m.council)
                .collect();
            let places = where_located(body, &body_matches[first..], s.end);
            // The council `m` stands for: the report's, if `m` is a shared
            // name in a dated report.
            let here = &body_matches[first..];
            let stands_for = |m: &CouncilMatch| {
                report_home
                    .filter(|_| is_shared(m, here))
                    .unwrap_or(m.council)
            };
            let mut ids = Vec::new();
            let mut shared_only = true;
            for m in within()
                .filter(|m| !in_aside(m) && !aside_councils.contains(&m.council))
                .filter(|m| !places.contains(&m.start))
            {
                shared_only &= is_shared(m, here);
                push_unique(&mut ids, &[stands_for(m)]);
            }
            // A sentence that names councils only in an aside still names
            // them, but the text has not moved on to them: focus stays.
            let aside_only = ids.is_empty();
            if ids.is_empty() {
                for m in within() {
                    push_unique(&mut ids, &[stands_for(m)]);
                }
            }
            Named {
                ids,
                aside_only,
                shared_only: shared_only && !aside_only,
            }
        })
        .collect();
    let mut order = Vec::new();
    push_unique(
        &mut order,
        &title.iter().map(|m| m.council).collect::<Vec<_>>(),
    );
    let title_councils = order.clone();
    for n in &named {
        push_unique(&mut order, &n.ids);
    }
    let Some(&home) = order.first() else {
        return sentences
            .iter()
            .map(|_| Attribution {
                councils: Vec::new(),
                rule: Rule::None,
            })
            .collect();
    };
    let title_names_home = title_councils.contains(&home);
    let title_leads = !title_councils.is_empty();
    let lead = if title_councils.is_empty() {
        vec![home]
    } else {
        title_councils
    };
    let dominant = is_dominant(home, title, body_matches);
    // An aside only hands focus back if the title is about the home council
    // or the text comes back to it; otherwise the story has moved on.
    let last_home = named.iter().rposition(|n| n.ids.contains(&home));
    let paragraphs = paragraph_starts(body);
    let paragraph_of = |offset: usize| paragraphs.partition_point(|&p| p <= offset);

    let mut out = Vec::with_capacity(sentences.len());
    let mut recent: Vec<CouncilId> = Vec::new();
    let mut focus: Option<Vec<CouncilId>> = None;
    let mut aside_paragraph: Option<usize> = None;
    for (index, (sentence, n)) in sentences.iter().zip(&named).enumerate() {
        let (ids, aside_only) = (&n.ids, &n.aside_only);
        let paragraph = paragraph_of(sentence.start);
        if aside_paragraph.is_some_and(|p| p != paragraph) {
            focus = Some(vec![home]);
            aside_paragraph = None;
        }
        if *aside_only && focus.is_some() {
            out.push(Attribution {
                councils: ids.clone(),
                rule: Rule::Named,
            });
            continue;
        }
        if !ids.is_empty() {
            for id in ids {
                recent.retain(|r| r != id);
                recent.push(*id);
            }
            // A body shared by several councils, the one in focus among
            // them ("working through the regional adoption agency"), is
            // named in passing: the text stays with its council.
            let about = focus.as_ref().or(title_leads.then_some(&lead));
            let in_passing = n.shared_only
                && about.is_some_and(|a| !a.is_empty() && a.iter().all(|c| ids.contains(c)));
            if in_passing {
                focus = about.cloned();
            } else if dominant && ids.contains(&home) {
                focus = Some(vec![home]);
                aside_paragraph = None;
            } else {
                focus = Some(ids.clone());
                let home_returns = title_names_home || last_home.is_some_and(|last| last > index);
                aside_paragraph = (dominant && home_returns).then_some(paragraph);
            }
            out.push(Attribution {
                councils: ids.clone(),
                rule: Rule::Named,
            });
            continue;
        }
        if let Some(n) = group_size(sentence.text(body)) {
            let mut pool = recent.clone();
            for id in &order {
                if pool.len() >= n {
                    break;
                }
                if !pool.contains(id) {
                    pool.push(*id);
                }
            }
            let start = pool.len().saturating_sub(n);
            let mut group = pool[start..].to_vec();
            group.sort_by_key(|id| order.iter().position(|o| o == id));
            if group.len() > 1 {
                focus = Some(group.clone());
                out.push(Attribution {
                    councils: group,
                    rule: Rule::Group,
                });
                continue;
            }
        }
        // "The county council" or "the city council", with both kinds
        // named lately: the latest named council of that kind.
        // Looked for only where the recent councils are of more than one
        // kind: most sentences of most documents need no look at all.
        let first_tier = recent.first().map(|id| tier(*id));
        let mixed = recent.iter().any(|id| Some(tier(*id)) != first_tier);
        let named_tier = mixed
            .then(|| tier_named(sentence.text(body)))
            .flatten()
            .and_then(|wanted| recent.iter().rev().find(|id| tier(**id) == wanted).copied());
        if let Some(id) = named_tier {
            focus = Some(vec![id]);
            out.push(Attribution {
                councils: vec![id],
                rule: Rule::Focus,
            });
            continue;
        }
        out.push(match &focus {
            Some(councils) => Attribution {
                councils: councils.clone(),
                rule: Rule::Focus,
            },
            None => Attribution {
                councils: lead.clone(),
                rule: Rule::Lead,
            },
        });
    }
    out
}

/// The councils one sentence names.
#[derive(Debug, Default)]
struct Named {
    ids: Vec<CouncilId>,
    /// Named only in an aside ("(like Kent)"): the focus stays.
    aside_only: bool,
    /// Named only through names that stand for several councils (a trust,
    /// a regional adoption agency, or a name two councils have borne).
    shared_only: bool,
}

/// The councils of `matches` (sorted by start) found at `m`'s span
/// (several for a shared name). A binary search, not a scan: this runs for
/// every council name in a document.
fn at_span<'a>(
    m: &'a CouncilMatch,
    matches: &'a [CouncilMatch],
) -> impl Iterator<Item = CouncilId> + 'a {
    let from = matches.partition_point(|o| o.start < m.start);
    matches[from..]
        .iter()
        .take_while(move |o| o.start == m.start)
        .filter(move |o| o.end == m.end)
        .map(|o| o.council)
}

/// Whether `m` is one of several councils one name stands for.
fn is_shared(m: &CouncilMatch, matches: &[CouncilMatch]) -> bool {
    at_span(m, matches).any(|c| c != m.council)
}

/// Whether the home council accounts for nearly all council mentions.
fn is_dominant(home: CouncilId, title: &[CouncilMatch], body: &[CouncilMatch]) -> bool {
    let mut counts: BTreeMap<CouncilId, usize> = BTreeMap::new();
    for m in title.iter().chain(body) {
        *counts.entry(m.council).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let home_count = counts.get(&home).copied().unwrap_or(0);
    #[allow(clippy::cast_precision_loss)] // counts are far below 2^52
    let share = home_count as f64 / total.max(1) as f64;
    let most = counts.iter().all(|(id, n)| *id == home || *n < home_count);
    most && home_count >= DOMINANT_MENTIONS && share >= DOMINANT_SHARE
}

/// Byte offsets where each paragraph after the first starts (after a blank
/// line).
fn paragraph_starts(body: &str) -> Vec<usize> {
    static BLANK: LazyLock<Regex> = LazyLock::new(|| constant_regex(r"\n[ \t\r]*\n\s*"));
    BLANK.find_iter(body).map(|m| m.end()).collect()
}

/// Byte spans of `sentence` that mention other councils in passing: a
/// relative clause about who else a body serves ("a mutual, which also
/// runs children's services in Kingston and Richmond,"), where a person
/// works now or did before ("Jane Smith, now interim director at
/// Croydon,"), or who helps the body the text is about ("its improvement
/// partner, Doncaster Children's Trust,", "was told to work with Essex
/// County Council to improve", "with support from Leeds"), or what the
/// council in focus is or came from, set off after "the authority" by
/// dashes or brackets ("the authority – formed in 2019 after local
/// government reorganisation in Dorset –"). A council named
/// there is not what the sentence is about, when the sentence names another
/// outside it.
fn aside_spans(sentence: &str) -> Vec<(usize, usize)> {
    static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
        constant_regex(
            r"(?i)\b(?:(?:which|who|that) (?:also|now|already|previously|formerly|currently) (?:runs?|ran|covers?|covered|serves?|served|manages?|managed|provides?|provided|operates?|operated|oversees?|oversaw|works?|worked|leads?|led|supports?|supported)|(?:now|formerly|previously) (?:the )?(?:interim |acting |deputy |assistant )?(?:director|dcs|chief executive|head)|(?:who|which) (?:has|have) (?:also|since|previously) (?:run|covered|served|managed|worked|led))\b[^,;:()\u{2013}\u{2014}]*|\b(?:its|their|the (?:council|trust)'s) (?:(?:improvement|sector[- ]led|practice|strategic|delivery) )?partners?(?: in practice)?,? [^,;:()\u{2013}\u{2014}]*|\b(?:(?:told|asked|ordered|required|directed|instructed) to (?:work|partner) with|(?:partnered|paired|teamed up) with|(?:supported|mentored) by|with (?:support|help) from|with the (?:support|help) of)\b[^,;:()\u{2013}\u{2014}]*|\bthe (?:local )?(?:authority|council|trust) ?(?:[(\u{2013}\u{2014}]| - )[^()\u{2013}\u{2014}]*?(?:[)\u{2013}\u{2014}]| - )",
        )
    });
    ASIDE
        .find_iter(sentence)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Starts of the councils in a sentence named only to say where another
/// is: "Thurrock Council in Essex", "Medway, in Kent". The text is about
/// Thurrock; Essex only places it on the map. `matches` start at the
/// sentence's first and run on past its `end`.
fn where_located(body: &str, matches: &[CouncilMatch], end: usize) -> Vec<usize> {
    static LOCATED: LazyLock<Regex> = LazyLock::new(|| {
        constant_regex(
            r"(?i)^(?:'s)?(?: (?:metropolitan )?(?:borough |city |county |district )?council)?,? in $",
        )
    });
    matches
        .windows(2)
        .take_while(|pair| pair[1].start < end)
        .filter(|pair| pair[0].council != pair[1].council && pair[0].end <= pair[1].start)
        .filter(|pair| {
            body.get(pair[0].end..pair[1].start)
                .is_some_and(|between| between.len() < 40 && LOCATED.is_match(between))
        })
        .map(|pair| pair[1].start)
        .collect()
}

/// The tier a sentence names by "the county council" or "the city
/// council" (either alone: a sentence with both, "city and county
/// councillors", names neither).
fn tier_named(text: &str) -> Option<Tier> {
    static TIER: LazyLock<Regex> =
        LazyLock::new(|| constant_regex(r"(?i)(?-u:\b)the (county|city) council(?-u:\b)"));
    let mut found = TIER
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().eq_ignore_ascii_case("county"));
    let first = found.next()?;
    if found.any(|county| county != first) {
        return None;
    }
    Some(if first { Tier::County } else { Tier::City })
}

/// How many councils a group phrase in `text` refers to ("both councils": 2,
/// "the three authorities": 3), if it has one.
fn group_size(text: &str) -> Option<usize> {
    static GROUP: LazyLock<Regex> = LazyLock::new(|| {
        constant_regex(
            r"(?i)\b(both|two|three|four|five)(?: of the)? (?:local )?(?:councils|authorities|trusts|boroughs|counties)\b",
        )
    });
    let word = GROUP.captures(text)?.get(1)?.as_str().to_lowercase();
    Some(match word.as_str() {
        "both" | "two" => 2,
        "three" => 3,
        "four" => 4,
        _ => 5,
    })
}

/// A regex written in this file; it is known to compile.
fn constant_regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("constant regex {pattern:?}: {e}"))
}

#[cfg(test)]
mod tests;
