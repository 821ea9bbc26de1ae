//! Turning raw hits into counted mentions, one sentence at a time.
//!
//! Takes a body, its sentences and a compiled [`LexiconSet`] and gives
//! [`Tagged`]: per sentence and theme, term hits overlapping an exclusion are
//! suppressed ("excluded by"), then the rest are taken longest first (ties:
//! earliest) and a hit overlapping one already taken is suppressed ("inside
//! longer match"); each survivor gets its polarity from the theme's cues.
//! Different themes never suppress each other. An optional [`Stats`]
//! records what `motif lexicon lint` reports.

use std::collections::BTreeMap;

use super::matcher::{Hit, Role};
use super::normalise::Normalised;
use super::polarity::decide;
use super::{LexiconSet, Mention, Suppressed, Tagged, ThemeId};
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
    let mut hits = Vec::new();
    matcher.scan(&norm, body, &mut hits);
    // Scratch buffers reused across sentences and themes.
    let mut in_sentence: Vec<Hit> = Vec::new();
    let mut taken: Vec<Hit> = Vec::new();
    let mut cues: Vec<Hit> = Vec::new();
    let mut negs: Vec<Hit> = Vec::new();
    let mut candidates: Vec<Hit> = Vec::new();
    for (si, sentence) in sentences.iter().enumerate() {
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
        in_sentence.sort_by_key(|h| (h.theme, h.role, std::cmp::Reverse(h.len()), h.start, h.def));
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
            negs.clear();
            negs.extend(of(Role::Negator));
            // Cues compete longest first too, so "not always" beats "always".
            candidates.clear();
            candidates.extend(of(Role::Concern).chain(of(Role::Strength)));
            candidates.sort_by_key(|h| (std::cmp::Reverse(h.len()), h.start));
            cues.clear();
            for c in &candidates {
                if !cues.iter().any(|k| k.overlaps(c)) {
                    cues.push(*c);
                }
            }
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
                    taken
                        .iter()
                        .find(|t| t.overlaps(hit))
                        .map(|t| {
                            if t.len() == hit.len() {
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
                        let (polarity, cue) = decide(def, text, hit, &cues, &negs);
                        out.mentions.push(Mention {
                            sentence: si,
                            theme: ThemeId(hit.theme),
                            term: term_text(hit).to_string(),
                            start,
                            end,
                            polarity,
                            cue,
                        });
                    }
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
mod tests {
    use super::*;

    /// Throughput on a folder of real texts: `MOTIF_BENCH_DIR=DIR cargo test
    /// --release --lib scan_throughput -- --ignored --nocapture`.
    #[test]
    #[ignore = "needs MOTIF_BENCH_DIR and a release build"]
    fn scan_throughput() {
        let Ok(dir) = std::env::var("MOTIF_BENCH_DIR") else {
            return;
        };
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        let lexicons = LexiconSet::embedded().unwrap();
        let matcher = lexicons.matcher.as_deref().unwrap();
        let sents: Vec<Vec<Sentence>> = texts.iter().map(|t| crate::text::sentences(t)).collect();
        let mb = bytes as f64 / 1e6;
        let t0 = std::time::Instant::now();
        let mut norm = Normalised::default();
        let mut hits = Vec::new();
        let mut n = 0;
        for t in &texts {
            norm.fill(t);
            hits.clear();
            matcher.scan(&norm, t, &mut hits);
            n += hits.len();
        }
        let scan = t0.elapsed().as_secs_f64();
        let t1 = std::time::Instant::now();
        let mut mentions = 0;
        for (t, s) in texts.iter().zip(&sents) {
            mentions += run(&lexicons, t, s, None).mentions.len();
        }
        let full = t1.elapsed().as_secs_f64();
        eprintln!(
            "{mb:.1} MB: normalise+scan {:.0} MB/s ({n} hits); tag {:.0} MB/s ({mentions} mentions)",
            mb / scan,
            mb / full
        );
    }
}
