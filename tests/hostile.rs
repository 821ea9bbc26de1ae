//! Hostile corpora: every case puts one bad thing beside two good articles
//! and asserts the exact behaviour: a one-line message naming the file, and
//! every good document still read (issue: reliability and safety).

mod common;

use common::Dir;

const GOOD_A: &str = "Caseloads fall at Tameside\n\nBy Jane Smith\n\n| 14 May 2018\n\n\
Inspectors found that social workers at Tameside Council now have manageable caseloads.\n";
const GOOD_B: &str = "Worcestershire trust praised\n\n| 3 March 2019\n\n\
In Worcestershire, children in care told inspectors they were listened to.\n";

/// A corpus folder holding the two good articles.
fn corpus() -> Dir {
    let dir = Dir::new();
    dir.create("corpus/good_a.txt", GOOD_A);
    dir.create("corpus/good_b.txt", GOOD_B);
    dir
}

/// Runs `motif documents corpus --out -` and returns (stdout, stderr),
/// asserting success.
fn documents(dir: &Dir) -> (String, String) {
    let out = dir
        .motif()
        .args(["documents", "corpus", "--out", "-"])
        .output()
        .expect("run motif");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "motif documents failed: {stderr}\n{stdout}"
    );
    (stdout, stderr)
}

/// The documents.csv rows as (path, field) for one column.
fn column(csv_text: &str, name: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let path_at = headers
        .iter()
        .position(|h| h == "path")
        .expect("path column");
    let at = headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            (r[path_at].to_string(), r[at].to_string())
        })
        .collect()
}

fn paths(csv_text: &str) -> Vec<String> {
    column(csv_text, "path")
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

fn field(csv_text: &str, path: &str, name: &str) -> String {
    column(csv_text, name)
        .into_iter()
        .find(|(p, _)| p == path)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("{path} not in documents.csv:\n{csv_text}"))
}

/// The good documents are always there.
fn assert_good_read(stdout: &str) {
    let paths = paths(stdout);
    assert!(paths.contains(&"good_a.txt".to_string()), "{stdout}");
    assert!(paths.contains(&"good_b.txt".to_string()), "{stdout}");
}

/// Exactly one stderr line names `needle`, and it says `reason`.
fn assert_one_line_about(stderr: &str, needle: &str, reason: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(needle)).collect();
    assert_eq!(
        lines.len(),
        1,
        "expected one line naming {needle}:\n{stderr}"
    );
    assert!(
        lines[0].to_lowercase().contains(reason),
        "line about {needle} should say {reason:?}: {}",
        lines[0]
    );
}

#[test]
fn invalid_utf8_is_read_with_replacement_and_one_warning() {
    let dir = corpus();
    dir.create(
        "corpus/broken.txt",
        "Broken bytes\n\nSocial workers at Kent County Council\u{2019}s offices had high caseloads \u{2014} \
         inspectors said.\n"
            .bytes()
            .chain(*b" Then a bad byte: \xff.\n")
            .collect::<Vec<u8>>(),
    );
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "broken.txt", "title"), "Broken bytes");
    assert_one_line_about(&stderr, "broken.txt", "invalid");
}

#[test]
fn windows_1252_is_decoded_with_curly_quotes() {
    let dir = corpus();
    dir.create(
        "corpus/cp1252.txt",
        b"Council\x92s caseloads \x93too high\x94\n\n| 1 June 2016\n\nText.\n",
    );
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "cp1252.txt", "encoding"), "windows-1252");
    assert_eq!(
        field(&stdout, "cp1252.txt", "title"),
        "Council\u{2019}s caseloads \u{201c}too high\u{201d}"
    );
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf16_little_endian_with_bom_is_decoded() {
    let dir = corpus();
    dir.create(
        "corpus/le.txt",
        utf16("Wide title\n\n| 2 May 2020\n\nBody.\n", true),
    );
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "le.txt", "encoding"), "UTF-16LE");
    assert_eq!(field(&stdout, "le.txt", "title"), "Wide title");
    assert_eq!(field(&stdout, "le.txt", "published"), "2020-05-02");
}

#[test]
fn utf16_big_endian_with_bom_is_decoded() {
    let dir = corpus();
    dir.create(
        "corpus/be.txt",
        utf16("Wide title\n\n| 2 May 2020\n\nBody.\n", false),
    );
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "be.txt", "encoding"), "UTF-16BE");
    assert_eq!(field(&stdout, "be.txt", "title"), "Wide title");
}

#[test]
fn utf8_bom_is_not_part_of_the_title() {
    let dir = corpus();
    dir.create("corpus/bom.txt", "\u{feff}Title after BOM\n\nBody text.\n");
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "bom.txt", "title"), "Title after BOM");
    assert_eq!(field(&stdout, "bom.txt", "encoding"), "UTF-8-BOM");
}

#[test]
fn nul_bytes_mean_binary_and_are_skipped() {
    let dir = corpus();
    dir.create("corpus/image.txt", b"GIF89a\x00\x01\x02\x00\x00binary");
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(!paths(&stdout).contains(&"image.txt".to_string()));
    assert_one_line_about(&stderr, "image.txt", "binary");
}

#[test]
fn empty_file_is_skipped() {
    let dir = corpus();
    dir.create("corpus/empty.txt", "");
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(!paths(&stdout).contains(&"empty.txt".to_string()));
    assert_one_line_about(&stderr, "empty.txt", "empty");
}

#[test]
fn whitespace_only_file_is_skipped() {
    let dir = corpus();
    dir.create("corpus/blank.txt", " \n\t\r\n   \n");
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(!paths(&stdout).contains(&"blank.txt".to_string()));
    assert_one_line_about(&stderr, "blank.txt", "empty");
}

#[test]
fn fifty_megabyte_file_is_read() {
    let dir = corpus();
    // Paragraphs differ (a real report does not repeat one line a million
    // times; identical repeated lines are removed as furniture).
    let mut text = String::from("A very long report\n\n");
    let mut n = 0u64;
    while text.len() < 50 * 1024 * 1024 {
        n += 1;
        text.push_str(&format!(
            "Visit {n}: inspectors found that caseloads at Tameside Council were too high.\n\n"
        ));
    }
    dir.create("corpus/huge.txt", text);
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "huge.txt", "title"), "A very long report");
    let words: u64 = field(&stdout, "huge.txt", "words").parse().expect("words");
    assert!(words > 5_000_000, "words {words}");
}

#[test]
fn one_megabyte_single_line_is_read() {
    let dir = corpus();
    let line = "word ".repeat(200_000);
    dir.create("corpus/oneline.txt", format!("Single line\n\n{line}\n"));
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "oneline.txt", "title"), "Single line");
}

#[test]
fn crlf_line_endings_leave_no_carriage_returns() {
    let dir = corpus();
    dir.create(
        "corpus/crlf.txt",
        "Windows title\r\n\r\nBy Ann Other\r\n\r\n| 5 July 2019\r\n\r\nBody.\r\n",
    );
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "crlf.txt", "title"), "Windows title");
    assert_eq!(field(&stdout, "crlf.txt", "byline"), "Ann Other");
    assert_eq!(field(&stdout, "crlf.txt", "published"), "2019-07-05");
}

#[test]
fn cr_only_line_endings_are_lines() {
    let dir = corpus();
    dir.create(
        "corpus/mac.txt",
        "Old Mac title\r\rBy Ann Other\r\r| 5 July 2019\r\rBody.\r",
    );
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "mac.txt", "title"), "Old Mac title");
    assert_eq!(field(&stdout, "mac.txt", "published"), "2019-07-05");
}

#[test]
fn file_name_with_spaces_and_non_ascii_is_read() {
    let dir = corpus();
    dir.create(
        "corpus/sub dir/Café report é.txt",
        "Accented name\n\nBody.\n",
    );
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(
        field(&stdout, "sub dir/Café report é.txt", "title"),
        "Accented name"
    );
}

#[cfg(unix)]
#[test]
fn non_utf8_file_name_is_read_and_named_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = corpus();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.join("corpus").join(name), "Latin-1 name\n\nBody.\n").expect("write");
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(field(&stdout, "caf\u{fffd}.txt", "title"), "Latin-1 name");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_with_its_reason() {
    let dir = corpus();
    // A dangling link cannot be read whoever runs the test (root ignores
    // permission bits, so chmod 000 would not be a fair test under CI).
    std::os::unix::fs::symlink(
        dir.join("corpus/missing-target.txt"),
        dir.join("corpus/gone.txt"),
    )
    .expect("symlink");
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(!paths(&stdout).contains(&"gone.txt".to_string()));
    assert_one_line_about(&stderr, "gone.txt", "");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_followed_forever() {
    let dir = corpus();
    std::os::unix::fs::symlink("..", dir.join("corpus/loop")).expect("symlink");
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(paths(&stdout).len(), 2, "{stdout}");
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_corpus_is_not_followed_by_default() {
    let dir = corpus();
    dir.create("outside/secret.txt", "Outside the corpus\n\nBody.\n");
    std::os::unix::fs::symlink(dir.join("outside/secret.txt"), dir.join("corpus/link.txt"))
        .expect("symlink");
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(!stdout.contains("Outside the corpus"), "{stdout}");
    assert_one_line_about(&stderr, "link.txt", "out of the corpus");
}

#[test]
fn directory_named_like_a_file_is_walked_not_read() {
    let dir = corpus();
    dir.create("corpus/folder.txt/inner.txt", "Inner article\n\nBody.\n");
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    assert_eq!(
        field(&stdout, "folder.txt/inner.txt", "title"),
        "Inner article"
    );
}

#[cfg(unix)]
#[test]
fn named_pipe_does_not_hang_the_run() {
    let dir = corpus();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("corpus/pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert_one_line_about(&stderr, "pipe.txt", "not a regular file");
}

#[test]
fn duplicate_under_another_name_points_at_the_first_copy() {
    let dir = corpus();
    dir.create("corpus/z_copy.txt", GOOD_A.replace('\'', "\u{2019}"));
    let (stdout, _) = documents(&dir);
    assert_good_read(&stdout);
    let first = field(&stdout, "good_a.txt", "doc_id");
    assert_eq!(field(&stdout, "z_copy.txt", "duplicate_of"), first);
    assert_eq!(field(&stdout, "good_a.txt", "duplicate_of"), "");
}

#[test]
fn manifest_bad_date_is_reported_with_its_line_and_the_rest_applies() {
    let dir = corpus();
    dir.create(
        "corpus/manifest.csv",
        "path,published,source\ngood_a.txt,not-a-date,CYP Now\ngood_b.txt,2011-02-03,LocalGov\n",
    );
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(
        stderr.contains("manifest.csv") && stderr.contains("line 2"),
        "{stderr}"
    );
    assert_eq!(field(&stdout, "good_a.txt", "published"), "2018-05-14");
    assert_eq!(field(&stdout, "good_b.txt", "published"), "2011-02-03");
}

#[test]
fn manifest_path_that_escapes_the_corpus_is_rejected() {
    let dir = corpus();
    dir.create(
        "corpus/manifest.csv",
        "path,published\n../../etc/passwd,2011-02-03\nnot-there.txt,2012-01-01\ngood_b.txt,2011-02-03\n",
    );
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
    assert_eq!(field(&stdout, "good_b.txt", "published"), "2011-02-03");
}

#[test]
fn manifest_without_a_path_column_is_reported_and_ignored() {
    let dir = corpus();
    dir.create(
        "corpus/manifest.csv",
        "name,published\ngood_a.txt,2011-02-03\n",
    );
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(
        stderr.contains("manifest.csv") && stderr.contains("path"),
        "{stderr}"
    );
    assert_eq!(field(&stdout, "good_a.txt", "published"), "2018-05-14");
}

#[test]
fn manifest_duplicate_path_is_reported() {
    let dir = corpus();
    dir.create(
        "corpus/manifest.csv",
        "path,published\ngood_b.txt,2011-02-03\ngood_b.txt,2012-02-03\n",
    );
    let (stdout, stderr) = documents(&dir);
    assert_good_read(&stdout);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert_eq!(field(&stdout, "good_b.txt", "published"), "2011-02-03");
}

/// `motif lexicon check DIR` on a folder holding one bad file.
fn lexicon_check(file: &str, contents: &str) -> (i32, String) {
    let dir = Dir::new();
    dir.create(&format!("lex/{file}"), contents);
    let out = dir
        .motif()
        .args(["lexicon", "check", "lex"])
        .output()
        .expect("run motif");
    // Diagnostics are the command's output (stdout); the verdict is on stderr.
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn lexicon_with_a_syntax_error_names_file_and_line() {
    let (code, stderr) = lexicon_check(
        "broken.toml",
        "id = \"broken\"\nlabel = \"Broken\"\nterms = [\"a\", \n\"b\"\nnot toml at all\n",
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("broken.toml") && stderr.contains("line"),
        "{stderr}"
    );
}

#[test]
fn lexicon_with_an_unknown_key_names_it() {
    let (code, stderr) = lexicon_check(
        "odd.toml",
        "id = \"odd\"\nlabel = \"Odd\"\ndescription = \"x\"\nterms = [\"oversight\"]\nterm = [\"typo\"]\n",
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("odd.toml") && stderr.contains("term"),
        "{stderr}"
    );
}

#[test]
fn lexicon_with_an_empty_term_names_it() {
    let (code, stderr) = lexicon_check(
        "empty.toml",
        "id = \"empty\"\nlabel = \"Empty\"\ndescription = \"x\"\nterms = [\"oversight\", \"  \"]\n",
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("empty.toml") && stderr.contains("empty"),
        "{stderr}"
    );
}

#[test]
fn gazetteer_row_with_a_bad_code_names_file_and_line() {
    let dir = corpus();
    dir.create(
        "gaz.csv",
        "gss_code,name,short_name,kind,region,valid_from,valid_to,aliases\n\
         E08000008,Tameside Metropolitan Borough Council,Tameside,MD,North West,,,Tameside Council\n\
         X123,Nowhere Council,Nowhere,UA,Nowhere,,,\n",
    );
    let out = dir
        .motif()
        .args(["--councils", "gaz.csv", "councils"])
        .output()
        .expect("run motif");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("gaz.csv") && stderr.contains("line 3"),
        "{stderr}"
    );
    assert!(stderr.contains("X123"), "{stderr}");
}

/// `motif search QUERY` against an index of the good corpus.
fn search(query: &[&str]) -> (i32, String) {
    let dir = corpus();
    let index = dir
        .motif()
        .args(["index", "corpus", "--index", "idx", "--quiet"])
        .output()
        .expect("run motif index");
    assert!(
        index.status.success(),
        "{}",
        String::from_utf8_lossy(&index.stderr)
    );
    let mut args = vec!["search", "--index", "idx"];
    args.extend_from_slice(query);
    let out = dir.motif().args(&args).output().expect("run motif search");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn query_with_unbalanced_quotes_exits_2_with_a_message() {
    let (code, stderr) = search(&["\"manageable caseloads"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("motif:"), "{stderr}");
    assert!(stderr.contains("never closed"), "{stderr}");
}

#[test]
fn query_with_unbalanced_brackets_exits_2_with_a_message() {
    let (code, stderr) = search(&["(caseloads AND agency"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("motif:"), "{stderr}");
}

#[test]
fn backwards_year_range_exits_2_and_says_so() {
    let (code, stderr) = search(&["caseloads", "--year", "2019..2015"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("2019") && stderr.contains("2015"),
        "{stderr}"
    );
}
