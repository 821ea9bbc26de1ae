//! The hand-coded evaluation sets in `eval/sets/` stay usable: every code
//! names a theme, a polarity and a council `tools/score_news.py` knows, and
//! its sentence start is found in its article. A code that no longer points
//! at its text would silently count as a miss for every later change.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use motif::councils::Gazetteer;

const THEMES: [&str; 4] = [
    "caseloads",
    "worker_turnover",
    "voice_of_the_child",
    "permanence",
];
const POLARITIES: [&str; 3] = ["concern", "strength", "neutral"];

/// Folds text as `tools/score_news.py` does: curly quotes to straight,
/// dashes and white space runs to one space, lower case, a report's
/// paragraph number dropped.
fn fold(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' | '-' => ' ',
            c => c,
        })
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .to_lowercase()
        .trim_start_matches(['-', '•', ' '])
        .trim_matches(['"', '\'', ' '])
        .to_string();
    match text.split_once(". ") {
        Some((number, rest))
            if !number.is_empty()
                && number.len() <= 3
                && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest.to_string()
        }
        _ => text,
    }
}

/// Every name, short name and alias of the gazetteer, lower case (the
/// built-in gazetteer is `lexicons/councils.csv`, which `score_news.py` reads).
fn council_names() -> HashSet<String> {
    let gazetteer = Gazetteer::embedded().expect("built-in gazetteer parses");
    gazetteer
        .councils()
        .iter()
        .flat_map(|c| [&c.name, &c.short_name].into_iter().chain(&c.aliases))
        .map(|name| name.to_lowercase())
        .collect()
}

fn sets(root: &Path) -> Vec<PathBuf> {
    let mut sets: Vec<PathBuf> = fs::read_dir(root.join("eval/sets"))
        .expect("eval/sets exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("codes.tsv").exists())
        .collect();
    sets.sort();
    sets
}

/// The problems of one set's codes (empty when all is well).
fn check_set(set: &Path, councils: &HashSet<String>) -> (usize, Vec<String>) {
    let codes = fs::read_to_string(set.join("codes.tsv")).expect("codes read");
    let mut problems = Vec::new();
    let mut rows = 0;
    for (n, line) in codes.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        rows += 1;
        let at = format!("{}:{}", set.join("codes.tsv").display(), n + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let [article, start, theme, council, polarity] = fields[..] else {
            problems.push(format!("{at}: {} fields, not 5", fields.len()));
            continue;
        };
        if !THEMES.contains(&theme) {
            problems.push(format!("{at}: unknown theme {theme:?}"));
        }
        if !polarity.split('+').all(|p| POLARITIES.contains(&p)) {
            problems.push(format!("{at}: unknown polarity {polarity:?}"));
        }
        if !council.trim().is_empty() && !councils.contains(&council.to_lowercase()) {
            problems.push(format!("{at}: council {council:?} is not in the gazetteer"));
        }
        let path = set.join("articles").join(format!("{article}.txt"));
        match fs::read_to_string(&path) {
            Ok(text) if fold(&text).contains(&fold(start)) => {}
            Ok(_) => problems.push(format!("{at}: {start:?} is not in {}", path.display())),
            Err(err) => problems.push(format!("{at}: {}: {err}", path.display())),
        }
    }
    (rows, problems)
}

#[test]
fn every_code_of_every_evaluation_set_points_at_its_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let councils = council_names();
    let sets = sets(root);
    assert!(sets.len() >= 12, "only {} coded sets", sets.len());
    let mut problems = Vec::new();
    for set in &sets {
        let (rows, found) = check_set(set, &councils);
        assert!(rows >= 20, "{}: only {rows} codes", set.display());
        problems.extend(found);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_code_whose_words_are_not_in_its_article_is_reported() {
    let dir = std::env::temp_dir().join(format!("motif-eval-check-{}", std::process::id()));
    fs::create_dir_all(dir.join("articles")).expect("temp set");
    fs::write(
        dir.join("articles/01.txt"),
        "Inspection of Camden\n\n35. Caseloads are\nmanageable \u{2013} and falling.\n",
    )
    .expect("article");
    fs::write(
        dir.join("codes.tsv"),
        "# test\n01\tCaseloads are manageable - and\tcaseloads\tCamden\tstrength\n\
         01\tCaseloads are too high\tcaseloads\tCamden\tconcern\n\
         01\tCaseloads are\tcaseloads\tAtlantis\tgood\n",
    )
    .expect("codes");
    let councils = council_names();
    let (rows, problems) = check_set(&dir, &councils);
    fs::remove_dir_all(&dir).ok();
    assert_eq!(rows, 3);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("\"Caseloads are too high\" is not in"));
    assert!(problems[1].contains("unknown polarity \"good\""));
    assert!(problems[2].contains("\"Atlantis\" is not in the gazetteer"));
}
