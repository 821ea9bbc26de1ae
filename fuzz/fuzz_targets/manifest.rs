//! `parse_manifest` on arbitrary text: the metadata CSV beside a corpus
//! (`path,published,title,byline,source,url`, any subset, by header name).
//!
//! Every entry kept must be reachable by its key, and have a line number;
//! its key must be a normalised corpus-relative path (no leading `/` or
//! `./`, no `..` part, no backslash); its date must lie in 1900..=2100.
//! Then each entry is applied to the sample article the way the reader
//! does, and its values must override what the text says.

#![no_main]

use libfuzzer_sys::fuzz_target;
use motif::corpus::document_from_text;
use motif::corpus::manifest::parse_manifest;

fuzz_target!(|data: &[u8]| {
    let text = motif_fuzz::text(data);
    let Ok(manifest) = parse_manifest(&text, "fuzz.csv") else {
        return;
    };
    assert!(
        manifest.entries.keys().eq(manifest.lines.keys()),
        "every entry has a line and every line an entry"
    );
    for (path, entry) in &manifest.entries {
        assert!(
            manifest.get(path).is_some(),
            "{path:?} not found by its key"
        );
        assert!(!path.is_empty(), "an entry with an empty path");
        assert!(!path.starts_with('/'), "{path:?} is absolute");
        assert!(!path.starts_with("./"), "{path:?} is not normalised");
        assert!(!path.contains('\\'), "{path:?} keeps a backslash");
        assert!(
            !path.split('/').any(|p| p == ".."),
            "{path:?} leaves the corpus"
        );
        if let Some(date) = entry.published {
            motif_fuzz::check_date(date, "manifest date");
        }
        let doc =
            document_from_text(path, motif_fuzz::SAMPLE, "UTF-8", Some(entry), Vec::new()).document;
        if let Some(title) = &entry.title {
            assert_eq!(&doc.title, title, "the manifest's title wins");
        }
        if entry.byline.is_some() {
            assert_eq!(doc.byline, entry.byline, "the manifest's byline wins");
        }
        if entry.published.is_some() {
            assert_eq!(doc.published, entry.published, "the manifest's date wins");
        }
        assert_eq!(doc.source, entry.source);
        assert_eq!(doc.url, entry.url);
    }
});
