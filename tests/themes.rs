//! Themes: the tagger against hand-coded real sentences, and the `motif tag`
//! and `motif lexicon` commands run as a user would.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use motif::text::Sentence;
use motif::themes::{tag, LexiconSet};
use predicates::prelude::*;

use common::{fixture, Dir};

/// Theme id -> polarities found, for one sentence tagged as a whole.
fn coded(lexicons: &LexiconSet, sentence: &str) -> BTreeMap<String, BTreeSet<String>> {
    let whole = Sentence {
        no: 1,
        start: 0,
        end: sentence.len(),
        words: motif::text::count_words(sentence),
    };
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in tag(lexicons, sentence, &[whole]).mentions {
        out.entry(lexicons.theme(m.theme).id.clone())
            .or_default()
            .insert(m.polarity.as_str().to_string());
    }
    out
}

/// Rows of a coded TSV: (sentence, expected column), skipping `#` comments.
fn rows(name: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(fixture(name)).expect("read fixture");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (s, e) = l.rsplit_once('\t').expect("sentence<TAB>codes");
            (s.to_string(), e.trim().to_string())
        })
        .collect()
}

/// `caseloads=strength+concern;permanence=neutral` or `-`.
fn parse_expected(codes: &str) -> BTreeMap<String, BTreeSet<String>> {
    if codes == "-" {
        return BTreeMap::new();
    }
    codes
        .split(';')
        .map(|part| {
            let (theme, pols) = part.split_once('=').expect("theme=polarity");
            (
                theme.to_string(),
                pols.split('+').map(str::to_string).collect(),
            )
        })
        .collect()
}

#[test]
fn tagger_agrees_with_every_hand_coded_sentence() {
    let lexicons = LexiconSet::embedded().unwrap();
    let mut wrong = Vec::new();
    let all = rows("themes/coded_sentences.tsv");
    assert!(all.len() >= 40, "{} coded sentences", all.len());
    for (sentence, codes) in &all {
        let got = coded(&lexicons, sentence);
        let want = parse_expected(codes);
        if got != want {
            wrong.push(format!("{sentence}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} disagreements:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// (true positives, false positives, false negatives) of theme codes over a
/// held-out file, printing the disagreements.
fn score(lexicons: &LexiconSet, name: &str) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for (sentence, codes) in rows(name) {
        let want: BTreeSet<String> = if codes == "-" {
            BTreeSet::new()
        } else {
            codes.split(',').map(str::to_string).collect()
        };
        let got: BTreeSet<String> = coded(lexicons, &sentence).into_keys().collect();
        tp += want.intersection(&got).count();
        fp += got.difference(&want).count();
        fn_ += want.difference(&got).count();
        if want != got {
            misses.push(format!("{sentence}\n  want {want:?} got {got:?}"));
        }
    }
    eprintln!("{name}: tp {tp} fp {fp} fn {fn_}\n{}", misses.join("\n"));
    (tp, fp, fn_)
}

#[test]
fn held_out_sentences_score_precision_and_recall() {
    let lexicons = LexiconSet::embedded().unwrap();
    for name in [
        "themes/heldout_sentences.tsv",
        "themes/heldout2_sentences.tsv",
    ] {
        let (tp, fp, fn_) = score(&lexicons, name);
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        let recall = tp as f64 / (tp + fn_).max(1) as f64;
        eprintln!("{name}: precision {precision:.3} recall {recall:.3}");
        // A floor below the measured figures, so a regression fails the build.
        assert!(
            precision >= 0.90 && recall >= 0.80,
            "{name}: precision {precision:.3} recall {recall:.3}"
        );
    }
}

#[test]
fn tag_prints_mentions_with_polarity_and_cue() {
    let dir = Dir::new();
    dir.motif()
        .args(["tag", "Most social workers now have manageable caseloads, although a few still have caseloads that are too high."])
        .assert()
        .success()
        .stdout(predicate::str::contains("caseloads strength term \"manageable caseloads\" cue \"manageable\""))
        .stdout(predicate::str::contains("caseloads concern term \"caseload\" cue \"too high\""))
        .stdout(predicate::str::contains("inside longer match \"manageable caseloads\""));
}

#[test]
fn tag_shows_the_exclusion_that_vetoed_a_match() {
    let dir = Dir::new();
    dir.create(
        "note.txt",
        "Leaders supported the adoption of a much strengthened\n‘whole-council’ commitment.\n",
    );
    dir.motif()
        .args(["tag", "--file", "note.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "suppressed permanence term \"adoption\"",
        ))
        .stdout(predicate::str::contains("excluded by \"adoption of a\""));
}

#[test]
fn lexicon_check_names_file_and_line_and_exits_2() {
    let dir = Dir::new();
    dir.create(
        "lex/bad.toml",
        "id = \"bad\"\nlabel = \"Bad\"\nterms = [\"caseload\"]\nsynonyms = [\"x\"]\n",
    );
    dir.motif()
        .args(["lexicon", "check", "lex"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("bad.toml, line 4"))
        .stdout(predicate::str::contains("synonyms"));
}

#[test]
fn lexicon_check_passes_the_built_in_lexicons() {
    Dir::new()
        .motif()
        .args(["lexicon", "check"])
        .assert()
        .success();
}

#[test]
fn a_fifth_theme_added_with_extend_shows_up_in_tag() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.join("extra")).unwrap();
    std::fs::copy(
        fixture("lexicons/management_oversight.toml"),
        dir.join("extra/management_oversight.toml"),
    )
    .unwrap();
    let sentence = "Management oversight is not always evident, and caseloads are high.";
    dir.motif()
        .args(["--lexicons", "extra", "--extend", "tag", sentence])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "management_oversight concern term \"management oversight\"",
        ))
        .stdout(predicate::str::contains("caseloads concern"));
    // Without --extend the folder replaces the built-in themes.
    dir.motif()
        .args(["--lexicons", "extra", "tag", sentence])
        .assert()
        .success()
        .stdout(predicate::str::contains("management_oversight"))
        .stdout(predicate::str::contains("caseloads concern").not());
}

#[test]
fn liwc_and_yaml_dictionaries_work_as_lexicons() {
    let dir = Dir::new();
    dir.motif()
        .arg("--lexicons")
        .arg(fixture("lexicons/workforce.dic"))
        .args(["tag", "Reliance on agency staff remains high."])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "staffing neutral term \"agency staff\"",
        ));
    dir.motif()
        .arg("--lexicons")
        .arg(fixture("lexicons/voice.yml"))
        .args(["tag", "Children's wishes and feelings are recorded."])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "voice neutral term \"wishes and feelings\"",
        ));
}

#[test]
fn lexicon_lint_reports_glob_expansions_and_unused_entries() {
    let dir = Dir::new();
    dir.create(
        "corpus/a.txt",
        "Workforce update\n\nRecruitment is hard. Staff were recruited.\n\nRecruiting continues.\n",
    );
    dir.create(
        "lex/t.toml",
        "id = \"t\"\nterms = [\"recruit*\", \"never seen phrase\"]\nexclude = [\"unused exclusion\"]\n",
    );
    dir.motif()
        .args(["lexicon", "lint", "lex", "--corpus", "corpus"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "glob \"recruit*\" (line 2): recruited 1, recruiting 1, recruitment 1",
        ))
        .stdout(predicate::str::contains(
            "terms that never match: \"never seen phrase\"",
        ))
        .stdout(predicate::str::contains(
            "exclusions that never fire: \"unused exclusion\"",
        ));
}
