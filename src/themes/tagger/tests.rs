use super::*;
use crate::themes::lexicon::parse_toml;
use crate::themes::Polarity;
use std::path::Path;

const LEXICON: &str = r#"
id = "load"
terms = ["caseload", "high caseloads", "long-term foster*", "children's views", { term = "IRO", match_case = true }]
exclude = ["caseload of the court", "as always"]
scope = 4
concern = ["too high", "not always"]
strength = ["manageable", "always"]
"#;

fn lexicons() -> LexiconSet {
    set_of(LEXICON)
}

/// The compiled set of one theme written as TOML.
fn set_of(toml: &str) -> LexiconSet {
    LexiconSet::from_defs(vec![parse_toml(toml, Path::new("test.toml")).unwrap()]).unwrap()
}

/// (matched text, term, polarity, cue) of each mention of `text`.
fn mentions(text: &str) -> Vec<(String, String, Polarity, Option<String>)> {
    // One sentence for the whole text: segmentation is not under test.
    let whole = Sentence {
        no: 1,
        start: 0,
        end: text.len(),
        words: 0,
    };
    run(&lexicons(), text, &[whole], None)
        .mentions
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.term, m.polarity, m.cue))
        .collect()
}

#[test]
fn phrases_match_across_line_breaks_hyphens_and_apostrophes() {
    let found = mentions("Children in long term\nfostering said children\u{2019}s   views count.");
    let matched: Vec<_> = found.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        matched,
        vec!["long term\nfostering", "children\u{2019}s   views"]
    );
}

#[test]
fn inflections_and_case() {
    let found = mentions("CASELOADS grew. The IROs met. The iro met.");
    let terms: Vec<_> = found.iter().map(|m| (m.0.as_str(), m.1.as_str())).collect();
    assert_eq!(terms, vec![("CASELOADS", "caseload"), ("IROs", "IRO")]);
}

#[test]
fn exclusions_veto_and_are_reported() {
    let text = "The caseload of the court is large.";
    let sents = crate::text::sentences(text);
    let tagged = run(&lexicons(), text, &sents, None);
    assert!(tagged.mentions.is_empty());
    assert_eq!(
        tagged.suppressed[0].reason,
        "excluded by \"caseload of the court\""
    );
}

#[test]
fn exclusions_veto_negators_too() {
    let lexicon = r#"
id = "voice"
terms = ["views"]
exclude = ["not only"]
strength = ["heard"]
negation = ["not"]
"#;
    let set = set_of(lexicon);
    let polarity = |text: &str| {
        let sents = crate::text::sentences(text);
        run(&set, text, &sents, None).mentions[0].polarity
    };
    assert_eq!(polarity("Their views are not heard."), Polarity::Concern);
    assert_eq!(
        polarity("Their views are not only heard but acted on."),
        Polarity::Strength
    );
}

#[test]
fn exclusions_veto_cues_too() {
    let found = mentions("As always, caseloads are checked.");
    assert_eq!(found[0].2, Polarity::Neutral);
    let found = mentions("Caseloads are always checked.");
    assert_eq!(found[0].2, Polarity::Strength);
}

#[test]
fn longest_match_absorbs_overlapping_shorter_one() {
    let text = "Workers have high caseloads.";
    let sents = crate::text::sentences(text);
    let tagged = run(&lexicons(), text, &sents, None);
    assert_eq!(tagged.mentions.len(), 1);
    assert_eq!(tagged.mentions[0].term, "high caseloads");
    assert_eq!(tagged.suppressed.len(), 1);
    assert!(tagged.suppressed[0]
        .reason
        .starts_with("inside longer match"));
}

#[test]
fn nearest_cue_decides_and_negation_flips() {
    let found =
        mentions("Most have manageable caseloads, but a few have caseloads that are too high.");
    assert_eq!(found[0].2, Polarity::Strength);
    assert_eq!(found[1].2, Polarity::Concern);
    assert_eq!(found[1].3.as_deref(), Some("too high"));
    let found = mentions("Caseloads are not manageable.");
    assert_eq!(
        (found[0].2, found[0].3.as_deref()),
        (Polarity::Concern, Some("not manageable"))
    );
    // The longer cue wins over the one inside it.
    let found = mentions("Caseloads are not always reviewed.");
    assert_eq!(found[0].2, Polarity::Concern);
    // Out of the 4-word window: neutral.
    let found =
        mentions("Caseloads were discussed with leaders in several teams and found manageable.");
    assert_eq!(found[0].2, Polarity::Neutral);
}

#[test]
fn a_cue_right_after_an_intent_phrase_is_an_aim_and_decides_nothing() {
    let lexicon = r#"
id = "agency"
terms = ["agency social worker"]
concern = ["too high", "delay"]
strength = ["reduce", "reduce the number of agency", "minimise delay", "benefit from"]
"#;
    let set = set_of(lexicon);
    let decided = |text: &str| {
        let whole = Sentence {
            no: 1,
            start: 0,
            end: text.len(),
            words: 0,
        };
        let m = run(&set, text, &[whole], None).mentions;
        (m[0].polarity, m[0].cue.clone())
    };
    // The aimed strength steps aside and the outcome decides.
    assert_eq!(
        decided(
            "Despite efforts to reduce the number of agency social workers, \
             the proportion is still too high."
        ),
        (Polarity::Concern, Some("too high".to_string()))
    );
    // An aim alone says nothing either way.
    assert_eq!(
        decided("There are plans to reduce the use of agency social workers."),
        (Polarity::Neutral, None)
    );
    // The shorter cue the aimed one beat ("delay" in "minimise delay")
    // does not decide in its place.
    assert_eq!(
        decided("Agency social workers are used in order to minimise delay."),
        (Polarity::Neutral, None)
    );
    // Nor does what is wanted, foreseen or would follow.
    for text in [
        "We want to reduce the number of agency social workers.",
        "The new posts will reduce the use of agency social workers.",
        "Agency social workers would benefit from more support.",
    ] {
        let (polarity, _) = decided(text);
        assert_eq!(polarity, Polarity::Neutral, "{text}");
    }
    // "managed to" reports an outcome, not an aim.
    assert_eq!(
        decided("The council has managed to reduce agency social workers."),
        (Polarity::Strength, Some("reduce".to_string()))
    );
}

/// (sentence, term, polarity) of each mention, the text segmented.
fn by_sentence(text: &str) -> Vec<(usize, String, Polarity)> {
    let sents = crate::text::sentences(text);
    run(&lexicons(), text, &sents, None)
        .mentions
        .into_iter()
        .map(|m| (m.sentence, m.term, m.polarity))
        .collect()
}

#[test]
fn a_follow_on_sentence_counts_for_the_theme_before_it_when_a_cue_decides() {
    assert_eq!(
        by_sentence("Caseloads are rising. These are too high for social workers."),
        vec![
            (0, "caseload".to_string(), Polarity::Neutral),
            (1, "these are (= caseload)".to_string(), Polarity::Concern),
        ]
    );
    // A follow-on with no cue says nothing new; one that names the
    // theme itself counts by its term; an opener inside a sentence,
    // or after a sentence without the theme, refers to nothing.
    for text in [
        "Caseloads are rising. This is the case in every team.",
        "Caseloads are rising. This is why caseloads are too high.",
        "Caseloads are rising, and this is too high.",
        "Managers are new. These are too high.",
        // The cue is too far on to judge what the opener refers to.
        "Caseloads are rising. This is the second time in four years that \
         the service has been judged to be too high.",
    ] {
        let follow_ons: Vec<_> = by_sentence(text)
            .into_iter()
            .filter(|m| m.1.contains("(="))
            .collect();
        assert!(follow_ons.is_empty(), "{text}: {follow_ons:?}");
    }
}

#[test]
fn a_follow_on_does_not_carry_on_and_ignores_cues_in_its_own_words() {
    let found =
        by_sentence("Caseloads are rising. These are too high. These are too high in all teams.");
    assert_eq!(found.len(), 2, "{found:?}");
    // A cue after the opener decides, and so does one the opener holds
    // ("This limits"); one straddling its end ("is not" in "This is not
    // a one-off") does not.
    let found = by_sentence("Caseloads are rising. These are not always too high.");
    assert_eq!(found[1].2, Polarity::Concern);
    let lexicon = r#"
id = "load"
terms = ["caseload"]
concern = ["is not", "limits"]
"#;
    let set = set_of(lexicon);
    let text = "Caseloads are rising. This is not a one-off.";
    let tagged = run(&set, text, &crate::text::sentences(text), None);
    assert_eq!(tagged.mentions.len(), 1, "{:?}", tagged.mentions);
    let text = "Caseloads are rising. This limits visits.";
    let tagged = run(&set, text, &crate::text::sentences(text), None);
    let last = tagged.mentions.last().map(|m| (m.sentence, m.polarity));
    assert_eq!(last, Some((1, Polarity::Concern)), "{:?}", tagged.mentions);
}

#[test]
fn an_in_context_word_counts_only_right_after_a_sentence_that_counted_the_theme() {
    let lexicon = r#"
id = "turnover"
terms = ["staff turnover"]
exclude = ["care leavers"]
concern = ["high"]
in_context = [{ term = "leavers", polarity = "concern" }, "moved on", "recruit*"]
"#;
    let set = set_of(lexicon);
    let found = |text: &str| -> Vec<(usize, String, Polarity)> {
        run(&set, text, &crate::text::sentences(text), None)
            .mentions
            .into_iter()
            .map(|m| (m.sentence, m.term, m.polarity))
            .collect()
    };
    // The story goes on: each sentence with a word of the theme's
    // context counts, and lets the one after it count too.
    assert_eq!(
        found(
            "Staff turnover is high. Last year 123 moved on. \
             The leavers were mostly experienced. Recruitment has stalled."
        ),
        vec![
            (0, "staff turnover".to_string(), Polarity::Concern),
            (
                1,
                "moved on (after staff turnover)".to_string(),
                Polarity::Neutral
            ),
            (
                2,
                "leavers (after staff turnover)".to_string(),
                Polarity::Concern
            ),
            (
                3,
                "recruit* (after staff turnover)".to_string(),
                Polarity::Neutral
            ),
        ]
    );
    // Alone, after a sentence on something else, or one sentence too
    // late, the same words count for nothing.
    assert!(found("Last year 123 moved on.").is_empty());
    assert!(found("Caseloads are high. Last year 123 moved on.").is_empty());
    assert_eq!(
        found("Staff turnover is high. Inspectors met managers. Then 123 moved on.").len(),
        1
    );
    // An exclusion vetoes a context word as it does a term; a sentence
    // that names the theme by a term counts by the term alone.
    assert_eq!(
        found("Staff turnover is high. Care leavers are well supported.").len(),
        1
    );
    assert_eq!(
        found("Staff turnover is high. Staff turnover moved on to agencies.")[1].1,
        "staff turnover"
    );
}

/// CPU time of this thread (Linux), so a busy shared machine does not
/// distort the figure; wall-clock time elsewhere.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    match (ticks(11), ticks(12)) {
        (Some(u), Some(s)) => (u + s) / 100.0,
        _ => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64()),
    }
}

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
    // Best of three: the machine is shared, so take the least disturbed run.
    let best = |f: &mut dyn FnMut() -> usize| {
        (0..3)
            .map(|_| {
                let t = cpu_seconds();
                let n = f();
                (cpu_seconds() - t, n)
            })
            .fold((f64::MAX, 0), |a, b| if b.0 < a.0 { b } else { a })
    };
    let mut norm = Normalised::default();
    let (t_norm, _) = best(&mut || {
        texts
            .iter()
            .map(|t| {
                norm.fill(t);
                norm.text.len()
            })
            .sum()
    });
    let norms: Vec<Normalised> = texts.iter().map(|t| Normalised::new(t)).collect();
    let mut hits = Vec::new();
    let (t_scan, n) = best(&mut || {
        let mut n = 0;
        for (t, nm) in texts.iter().zip(&norms) {
            hits.clear();
            matcher.scan(nm, t, &mut hits);
            n += hits.len();
        }
        n
    });
    let (t_tag, mentions) = best(&mut || {
        texts
            .iter()
            .zip(&sents)
            .map(|(t, s)| run(&lexicons, t, s, None).mentions.len())
            .sum()
    });
    eprintln!(
        "{mb:.1} MB: normalise {:.0} MB/s; scan {:.0} MB/s ({n} hits); whole tag {:.0} MB/s ({mentions} mentions)",
        mb / t_norm,
        mb / t_scan,
        mb / t_tag
    );
}
