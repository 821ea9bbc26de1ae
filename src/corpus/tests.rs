//! `read_corpus` on small temporary corpora: duplicates and the lines a
//! collection repeats across its articles.

use super::*;

fn corpus_of(files: &[(&str, String)]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let corpus = read_corpus(dir.path(), &CorpusOptions::default()).unwrap();
    (dir, corpus)
}

fn article(n: usize, strap: &str) -> String {
    format!(
        "Headline number {n}\n\nBy Reporter Name\n\n| 1{n} May 2018\n\nInspectors visited council {n} and found caseloads too high.\n\n{strap}\n\nThe council said it would recruit {n} more social workers.\n"
    )
}

#[test]
fn a_line_repeated_across_many_articles_is_removed_with_its_count() {
    let strap = "Children and Young People Now the magazine for the whole workforce";
    let files: Vec<(&str, String)> = ["a.txt", "b.txt", "c.txt", "d.txt"]
        .iter()
        .enumerate()
        .map(|(n, name)| (*name, article(n, strap)))
        .collect();
    let (_dir, corpus) = corpus_of(&files);
    assert_eq!(corpus.documents.len(), 4);
    for document in &corpus.documents {
        assert!(!document.body.contains(strap), "{}", document.body);
        assert!(document.body.contains("found caseloads too high."));
        let removed = document.removed.iter().find(|r| r.text == strap).unwrap();
        assert_eq!(removed.reason, "repeated verbatim in 4 documents");
        assert_eq!(removed.line, 9);
    }
}

#[test]
fn a_line_in_two_articles_only_stays() {
    let strap = "Children and Young People Now the magazine for the whole workforce";
    let (_dir, corpus) = corpus_of(&[("a.txt", article(1, strap)), ("b.txt", article(2, strap))]);
    assert!(corpus.documents.iter().all(|d| d.body.contains(strap)));
}

#[test]
fn the_second_copy_of_an_article_is_marked_as_a_duplicate() {
    let text = article(1, "Some strap line");
    let copy = text.replace('\'', "’").replace("\n\n", "\n \n");
    let (_dir, corpus) = corpus_of(&[("z.txt", text), ("a.txt", copy), ("m.txt", article(2, "x"))]);
    let ids: Vec<(&str, Option<&str>)> = corpus
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d.duplicate_of.as_deref()))
        .collect();
    let first = &corpus.documents[0].id;
    assert_eq!(
        ids,
        [
            ("a.txt", None),
            ("m.txt", None),
            ("z.txt", Some(first.as_str()))
        ]
    );
}

/// An excerpt of a report without its inspection dates (set 99's
/// Hertfordshire excerpt, shortened) is still read as a report: its
/// paragraphs judge as a report's do.
#[test]
fn a_report_heading_without_dates_is_an_inspection_report() {
    let excerpt = "Hertfordshire\nInspection of children's social care services\n\nThis helps to reduce the likelihood of placement breakdown. Existing foster\ncarers have access to a wide range of training and feel very well supported.\n";
    let read = document_from_text("01.txt", excerpt, "UTF-8", None, Vec::new());
    let document = read.document;
    assert!(document.inspected_from.is_none());
    assert!(document.is_inspection_report());
    let article = "Ofsted praises Hertfordshire fostering\n\nBy Sam Example\n\nExisting foster carers feel very well supported.\n";
    let read = document_from_text("02.txt", article, "UTF-8", None, Vec::new());
    assert!(!read.document.is_inspection_report());
}
