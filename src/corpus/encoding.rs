//! Bytes to text: takes a file's raw bytes and gives UTF-8 text with the
//! name of the encoding it came in, or the reason it is not a text file.
//!
//! Order of evidence: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
//! otherwise NUL bytes mean binary; valid UTF-8 is UTF-8; text that is not
//! valid UTF-8 but carries well-formed multi-byte UTF-8 sequences is UTF-8
//! with damage (invalid bytes become U+FFFD and the caller warns); anything
//! else is read as Windows-1252, the usual encoding of old scrapes.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text decoded from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with `\r\n` and lone `\r` turned into `\n`.
    pub text: String,
    /// `UTF-8`, `UTF-8-BOM`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: &'static str,
    /// How many invalid sequences were replaced with U+FFFD.
    pub replaced: usize,
}

/// Why bytes are not a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// NUL bytes outside UTF-16.
    Binary,
    /// Nothing but white space.
    Empty,
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Binary => f.write_str("binary (contains NUL bytes)"),
            NotText::Empty => f.write_str("empty (no text)"),
        }
    }
}

/// Decodes `bytes` to text (see the module docs for the order of evidence).
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (text, encoding, replaced) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, replaced) = utf8_lossy(rest);
        (text, "UTF-8-BOM", replaced)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, errors) = UTF_16LE.decode_without_bom_handling(rest);
        (text.into_owned(), "UTF-16LE", usize::from(errors))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, errors) = UTF_16BE.decode_without_bom_handling(rest);
        (text.into_owned(), "UTF-16BE", usize::from(errors))
    } else if memchr_nul(bytes) {
        return Err(NotText::Binary);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), "UTF-8", 0),
            Err(_) if has_utf8_multibyte(bytes) => {
                let (text, replaced) = utf8_lossy(bytes);
                (text, "UTF-8", replaced)
            }
            Err(_) => {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                (text.into_owned(), "windows-1252", 0)
            }
        }
    };
    if text.contains('\0') {
        // UTF-16 that decodes to NULs is a binary file with a lucky prefix.
        return Err(NotText::Binary);
    }
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(Decoded {
        text: normalise_newlines(text),
        encoding,
        replaced,
    })
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD, and counts them.
fn utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            replaced += 1;
        }
    }
    (out, replaced)
}

/// True when `bytes` hold at least one well-formed multi-byte UTF-8
/// sequence: the sign of a UTF-8 file with a few damaged bytes rather than a
/// Windows-1252 one (whose accented letters are single bytes).
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    bytes
        .utf8_chunks()
        .any(|chunk| chunk.valid().len() != chunk.valid().chars().count())
}

fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_utf8() {
        let d = decode("Children’s services".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "Children’s services");
        assert_eq!(d.replaced, 0);
    }

    #[test]
    fn utf8_bom_is_stripped_and_named() {
        let d = decode(b"\xEF\xBB\xBFNews\r\nHeadline").unwrap();
        assert_eq!(d.encoding, "UTF-8-BOM");
        assert_eq!(d.text, "News\nHeadline");
    }

    #[test]
    fn windows_1252_curly_apostrophe_decodes() {
        let d = decode(b"Ofsted\x92s report on caf\xe9 culture").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "Ofsted’s report on café culture");
    }

    #[test]
    fn utf16_both_byte_orders_decode() {
        let text = "Tameside’s caseloads";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", text));
        let d = decode(&be).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16BE", text));
    }

    #[test]
    fn damaged_utf8_keeps_utf8_and_counts_replacements() {
        let d = decode(b"Children\xE2\x80\x99s services \xFF\xFE were rated").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "Children’s services \u{FFFD}\u{FFFD} were rated");
        assert_eq!(d.replaced, 2);
    }

    #[test]
    fn nul_bytes_mean_binary_and_blank_means_empty() {
        assert_eq!(decode(b"PK\x03\x04\0\0rest"), Err(NotText::Binary));
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode(b" \n\t\r\n"), Err(NotText::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF  \n"), Err(NotText::Empty));
    }
}
