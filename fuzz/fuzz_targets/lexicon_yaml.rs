//! `parse_yaml` on arbitrary text: a quanteda-style YAML dictionary
//! (categories of term lists, nested categories).
//!
//! A syntax error, and every entry read, must name a line of the file or 0
//! (a lone CR ends a line, as in YAML). Themes that parse are checked
//! (`check_defs`), compiled (`LexiconSet::from_defs`, which parses every
//! term's pattern), and used to tag both the sample article and the input
//! itself (whose own words match its terms); every mention and suppressed
//! match must lie in its sentence, on character boundaries.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = motif_fuzz::text(data);
    motif_fuzz::check_lexicon_parse(
        &text,
        motif::themes::yaml::parse_yaml(&text, Path::new("fuzz.yml")),
    );
});
