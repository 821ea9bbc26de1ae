//! Themes: the tagger against hand-coded real sentences, and the `motif tag`
//! and `motif lexicon` commands run as a user would.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use motif::text::Sentence;
use motif::themes::{tag, Genre, LexiconSet};
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
    for m in tag(lexicons, sentence, &[whole], Genre::Article).mentions {
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

/// Agreement of the tagger with one held-out file, per theme.
#[derive(Default, Clone, Copy)]
struct Tally {
    /// Theme codes both give, the tagger alone gives, the coder alone gives.
    tp: usize,
    fp: usize,
    fn_: usize,
    /// Of the `tp` codes whose polarity was coded: how many, and how many agree.
    polarity_coded: usize,
    polarity_agree: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.polarity_coded += other.polarity_coded;
        self.polarity_agree += other.polarity_agree;
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn polarity(&self) -> f64 {
        self.polarity_agree as f64 / self.polarity_coded.max(1) as f64
    }
}

/// A sentence's polarity for one theme: the polarities of its mentions,
/// neutral dropped when a concern or strength is also said.
fn sentence_polarity(mut pols: BTreeSet<String>) -> BTreeSet<String> {
    if pols.len() > 1 {
        pols.remove("neutral");
    }
    pols
}

/// Held-out codes: `theme,theme` (sets 1 and 2) or
/// `theme:polarity[+polarity],...` (sets 3 on), `-` for none. A theme
/// without polarity maps to an empty set.
fn parse_held_out(codes: &str) -> BTreeMap<String, BTreeSet<String>> {
    if codes == "-" {
        return BTreeMap::new();
    }
    codes
        .split(',')
        .map(|part| match part.split_once(':') {
            Some((theme, pols)) => (
                theme.to_string(),
                pols.split('+').map(str::to_string).collect(),
            ),
            None => (part.to_string(), BTreeSet::new()),
        })
        .collect()
}

/// Scores the tagger against a held-out file, per theme, printing every
/// disagreement (theme or polarity).
fn score(lexicons: &LexiconSet, name: &str) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (sentence, codes) in rows(name) {
        let want = parse_held_out(&codes);
        let got = coded(lexicons, &sentence);
        let mut agrees = true;
        for theme in want.keys().chain(got.keys()).collect::<BTreeSet<_>>() {
            let tally = tallies.entry(theme.clone()).or_default();
            match (want.get(theme), got.get(theme)) {
                (Some(w), Some(g)) => {
                    tally.tp += 1;
                    if !w.is_empty() {
                        tally.polarity_coded += 1;
                        if *w == sentence_polarity(g.clone()) {
                            tally.polarity_agree += 1;
                        } else {
                            agrees = false;
                        }
                    }
                }
                (Some(_), None) => {
                    tally.fn_ += 1;
                    agrees = false;
                }
                (None, Some(_)) => {
                    tally.fp += 1;
                    agrees = false;
                }
                (None, None) => {}
            }
        }
        if !agrees {
            let got: BTreeMap<_, _> = got
                .into_iter()
                .map(|(t, p)| (t, sentence_polarity(p)))
                .collect();
            disagreements.push(format!("{sentence}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    let mut total = Tally::default();
    let mut table = String::new();
    for (theme, t) in &tallies {
        total.add(*t);
        table.push_str(&format!(
            "  {theme:<20} P {:.3} R {:.3} polarity {:.3} (tp {} fp {} fn {}, polarity {}/{})\n",
            t.precision(),
            t.recall(),
            t.polarity(),
            t.tp,
            t.fp,
            t.fn_,
            t.polarity_agree,
            t.polarity_coded
        ));
    }
    eprintln!(
        "{name}: {} disagreements\n{}\n{name}:\n{table}  {:<20} P {:.3} R {:.3} polarity {:.3} (tp {} fp {} fn {}, polarity {}/{})",
        disagreements.len(),
        disagreements.join("\n"),
        "all",
        total.precision(),
        total.recall(),
        total.polarity(),
        total.tp,
        total.fp,
        total.fn_,
        total.polarity_agree,
        total.polarity_coded
    );
    tallies.insert("all".to_string(), total);
    tallies
}

/// Held-out files with floors for overall precision, recall and polarity
/// accuracy, a little under the figures measured when the lexicons were last
/// changed (lexicons/THEMES.md, "Evaluation"), so a regression fails. Sets 4,
/// 5 and 6 were coded by hand before the tagger ever ran on them.
const HELD_OUT: &[(&str, f64, f64, f64)] = &[
    ("themes/heldout_sentences.tsv", 0.95, 0.92, 0.80),
    ("themes/heldout2_sentences.tsv", 0.95, 0.95, 0.90),
    ("themes/heldout3_sentences.tsv", 0.90, 0.90, 0.88),
    ("themes/heldout4_sentences.tsv", 0.93, 0.95, 0.85),
    ("themes/heldout5_sentences.tsv", 0.85, 0.92, 0.80),
    ("themes/heldout6_sentences.tsv", 0.95, 0.72, 0.75),
];

#[test]
fn held_out_sentences_score_precision_recall_and_polarity() {
    let lexicons = LexiconSet::embedded().unwrap();
    let mut failures = Vec::new();
    for &(name, min_p, min_r, min_pol) in HELD_OUT {
        let all = score(&lexicons, name)["all"];
        let (p, r, pol) = (all.precision(), all.recall(), all.polarity());
        if p < min_p || r < min_r || (all.polarity_coded > 0 && pol < min_pol) {
            failures.push(format!(
                "{name}: precision {p:.3} recall {r:.3} polarity {pol:.3}, floors {min_p} {min_r} {min_pol}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
fn tag_counts_an_in_context_word_only_after_a_sentence_on_its_theme() {
    let dir = Dir::new();
    // From an Ofsted report: "delays" alone is about anything; after a
    // sentence on adoption it is about permanence.
    dir.motif()
        .args([
            "tag",
            "The adoption service is good. There are some delays in progressing plans once children become looked after.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "permanence concern term \"delay (after adoption)\" cue \"delay\" matched \"delays\"",
        ));
    dir.motif()
        .args([
            "tag",
            "There are some delays in progressing plans once children become looked after.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("permanence").not());
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
fn lexicon_lint_says_which_files_it_passed_over_and_can_follow_links() {
    let dir = Dir::new();
    dir.create(
        "elsewhere/a.txt",
        "Workforce update\n\nRecruitment is hard.\n",
    );
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    std::os::unix::fs::symlink(dir.join("elsewhere/a.txt"), dir.join("corpus/a.txt")).unwrap();
    dir.create("lex/t.toml", "id = \"t\"\nterms = [\"recruit*\"]\n");
    dir.motif()
        .args(["lexicon", "lint", "lex", "--corpus", "corpus"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("0 documents"))
        .stderr(predicate::str::contains(
            "motif: skipped a.txt: symbolic link out of the corpus folder (not followed)",
        ));
    dir.motif()
        .args([
            "lexicon",
            "lint",
            "lex",
            "--corpus",
            "corpus",
            "--follow-links",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("1 documents"))
        .stdout(predicate::str::contains("recruitment 1"));
}

#[test]
fn lexicon_lint_reports_glob_expansions_and_unused_entries() {
    let dir = Dir::new();
    dir.create(
        "corpus/a.txt",
        "Workforce update\n\nRecruitment is hard. Staff were recruited.\n\nRecruiting continues. Progress continues.\n",
    );
    dir.create(
        "lex/t.toml",
        "id = \"t\"\nterms = [\"recruit*\", \"never seen phrase\"]\nexclude = [\"unused exclusion\"]\nin_context = [\"continues\", \"update\"]\n",
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
        ))
        // "Progress continues." follows a sentence on the theme (in
        // "Recruiting continues." the term counts, not the word); the title
        // "Workforce update" follows none.
        .stdout(predicate::str::contains(
            "in-context words that never count: \"update\" (line 4)\n",
        ));
}

/// (theme, term, polarity, cue, sentence) of each `evidence.csv` row of a
/// run of motif over `corpus` (a folder under `dir`).
fn evidence_rows(dir: &Dir, corpus: &str) -> Vec<[String; 5]> {
    dir.motif()
        .args(["run", "--quiet", "--corpus", corpus])
        .args([
            "--index",
            &format!("{corpus}-index"),
            "--out",
            &format!("{corpus}-out"),
        ])
        .assert()
        .success();
    let text = dir.read(&format!("{corpus}-out/evidence.csv"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|row| {
            let row = row.expect("an evidence row");
            ["theme", "term", "polarity", "cue", "sentence"].map(|c| row[c].clone())
        })
        .collect()
}

#[test]
fn an_inspection_reports_paragraphs_judge_their_undecided_mentions() {
    let dir = Dir::new();
    let report = std::fs::read_to_string(fixture("reports/ofsted_80538_2024-03-15.txt"))
        .expect("Plymouth's 2024 report");
    dir.create("report/plymouth.txt", &report);
    // The same text without the lines that make it a report: its
    // inspection dates and its heading (which the running page headers
    // repeat).
    let without = |drop: &dyn Fn(&str) -> bool| -> String {
        report
            .lines()
            .filter(|line| !drop(line))
            .map(|line| format!("{line}\n"))
            .collect()
    };
    let article =
        without(&|line| line.starts_with("Inspection dates:") || line.starts_with("Inspection of"));
    assert_ne!(article, report);
    dir.create("article/plymouth.txt", &article);
    // An excerpt or a letter: the heading without the dates is still a report.
    let excerpt = without(&|line| line.starts_with("Inspection dates:"));
    dir.create("excerpt/plymouth.txt", &excerpt);

    let cues = [
        "(paragraph judged a strength)",
        "(report finding, no concern beside it)",
    ];
    let carries = |r: &[String; 5]| cues.contains(&r[3].as_str());
    let as_report = evidence_rows(&dir, "report");
    let as_article = evidence_rows(&dir, "article");
    let carried: Vec<_> = as_report.iter().filter(|r| carries(r)).collect();
    assert!(carried.len() >= 5, "{carried:?}");
    let as_excerpt = evidence_rows(&dir, "excerpt");
    let carried_in_excerpt: Vec<_> = as_excerpt.iter().filter(|r| carries(r)).collect();
    assert_eq!(carried_in_excerpt, carried);
    // Read as an article, each carried mention is neutral (no cue decided
    // it), and every other row is the same.
    let mut rest = as_article.clone();
    for row in &carried {
        assert_eq!(row[2], "strength");
        assert!(!row[4].bytes().any(|b| b.is_ascii_digit()), "{row:?}");
        let plain = [&row[0], &row[1], "neutral", "", &row[4]];
        let i = rest
            .iter()
            .position(|r| r.iter().eq(plain.iter().copied()))
            .unwrap_or_else(|| panic!("not neutral as an article: {row:?}"));
        rest.remove(i);
    }
    let uncarried: Vec<_> = as_report.iter().filter(|r| !carries(r)).cloned().collect();
    assert_eq!(uncarried, rest);
}

#[test]
fn tag_with_report_reads_the_text_as_an_inspection_report() {
    let dir = Dir::new();
    let text = "Children's views inform decisions about their lives. Children have ready \
                access to advocacy support.\n\nNot all children are seen alone.";
    dir.motif()
        .args(["tag", "--report", text])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "voice_of_the_child strength term \"advocacy\" cue \"(paragraph judged a strength)\"",
        ));
    dir.motif()
        .args(["tag", text])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "voice_of_the_child neutral term \"advocacy\"",
        ));
}
