//! UAX #29 sentence boundaries for ASCII text, without the general tables.
//!
//! `unicode-segmentation` looks up each character's sentence category with
//! a binary search; on this corpus that lookup was the largest single cost
//! of `motif run` outside Tantivy. For ASCII a 128-entry table gives the
//! same categories, so this module runs the crate's own state machine
//! (ported rule for rule from `unicode-segmentation` 1.13, SB1–SB11) over
//! bytes. It is used only on ASCII lines; everything else goes to the
//! crate. The unit tests, a property test and a check over the sample
//! corpus hold it to `split_sentence_bound_indices`.

/// A character's sentence break category (only those ASCII has).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Any,
}

fn category(b: u8) -> Cat {
    match b {
        b'\r' => Cat::Cr,
        b'\n' => Cat::Lf,
        b'\t' | 0x0b | 0x0c | b' ' => Cat::Sp,
        b'a'..=b'z' => Cat::Lower,
        b'A'..=b'Z' => Cat::Upper,
        b'0'..=b'9' => Cat::Numeric,
        b'.' => Cat::ATerm,
        b'!' | b'?' => Cat::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
        b',' | b'-' | b':' | b';' => Cat::SContinue,
        _ => Cat::Any,
    }
}

/// The parts of the text behind the current position that the rules look
/// at, newest last (runs of Close and of Sp collapse into one part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Cr,
    Lf,
    UpperLower,
    ClosePlus,
    SpPlus,
    ATerm,
    STerm,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct State([Part; 4]);

impl State {
    fn next(self, cat: Cat) -> State {
        let parts = self.0;
        match (parts[3], cat) {
            (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => self,
            _ => State([
                parts[1],
                parts[2],
                parts[3],
                match cat {
                    Cat::Cr => Part::Cr,
                    Cat::Lf => Part::Lf,
                    Cat::ATerm => Part::ATerm,
                    Cat::Upper | Cat::Lower => Part::UpperLower,
                    Cat::Close => Part::ClosePlus,
                    Cat::Sp => Part::SpPlus,
                    Cat::STerm => Part::STerm,
                    _ => Part::Other,
                },
            ]),
        }
    }

    fn head(self) -> Part {
        self.0[3]
    }

    /// SATerm Close* Sp* (SB8a, SB10); with `aterm_only`, ATerm only (SB8).
    fn after_term_close_sp(self, aterm_only: bool) -> bool {
        let parts = self.0;
        let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
        if parts[idx] == Part::ClosePlus {
            idx -= 1;
        }
        parts[idx] == Part::ATerm || (!aterm_only && parts[idx] == Part::STerm)
    }

    /// SATerm Close* (SB9).
    fn after_term_close(self) -> bool {
        let parts = self.0;
        let idx = if parts[3] == Part::ClosePlus { 2 } else { 3 };
        parts[idx] == Part::STerm || parts[idx] == Part::ATerm
    }

    /// SATerm Close* Sp* ParaSep? (SB11).
    fn after_term_close_sp_parasep(self) -> bool {
        let parts = self.0;
        let mut idx = match parts[3] {
            Part::Cr | Part::Lf => 2,
            _ => 3,
        };
        if parts[idx] == Part::SpPlus {
            idx -= 1;
        }
        if parts[idx] == Part::ClosePlus {
            idx -= 1;
        }
        parts[idx] == Part::STerm || parts[idx] == Part::ATerm
    }
}

/// SB8: after ATerm Close* Sp*, no break before
/// `( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower`.
fn sb8(state: State, ahead: &[u8]) -> bool {
    if !state.after_term_close_sp(true) {
        return false;
    }
    for &b in ahead {
        match category(b) {
            Cat::Lower => return true,
            Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm => return false,
            _ => {}
        }
    }
    false
}

/// The byte offsets at which sentences start in ASCII `text` (the first
/// is 0 for non-empty text), as `split_sentence_bound_indices` gives them.
pub(super) fn sentence_starts(text: &[u8]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut state = State([Part::Sot; 4]);
    for (pos, &b) in text.iter().enumerate() {
        let before = state;
        let cat = category(b);
        state = state.next(cat);
        let head = before.head();
        // After a letter, digit or other character no rule can break
        // (every break rule needs Sot, a paragraph separator or a
        // terminator, close or space just behind): most bytes stop here.
        if matches!(head, Part::UpperLower | Part::Other) {
            continue;
        }
        let no_break = match cat {
            _ if head == Part::Sot => false,
            Cat::Lf if head == Part::Cr => true,
            _ if matches!(head, Part::Cr | Part::Lf) => false,
            Cat::Numeric if head == Part::ATerm => true,
            Cat::Upper if before.0[2] == Part::UpperLower && head == Part::ATerm => true,
            _ if sb8(before, &text[pos..]) => true,
            Cat::SContinue | Cat::STerm | Cat::ATerm if before.after_term_close_sp(false) => true,
            Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf if before.after_term_close() => true,
            Cat::Sp | Cat::Cr | Cat::Lf if before.after_term_close_sp(false) => true,
            _ if before.after_term_close_sp_parasep() => false,
            _ => true,
        };
        if !no_break {
            starts.push(pos);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    fn crate_starts(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn agrees_with_the_crate_on_hard_cases() {
        for text in [
            "Caseloads are too high. Staff turnover is high.",
            "Mr. Smith met Dr. Jones at 3.30 p.m. on Monday. He left.",
            "The U.S. team. the end. etc. and so on.",
            "\"Is it?\" she asked. (Yes.) [No!] {Maybe?} Then: done.",
            "Wait... what?! Really?? OK.\nNew line.\r\nCRLF line. \rCR only.",
            "e.g. 1.5 million; i.e. 2,000. 3. Items: a. b. c.",
            "End.\"  Next\tsentence .  lower case after. Upper After.",
            "",
            "   ",
            "no terminator at all",
            "A. B. C.",
        ] {
            assert_eq!(
                sentence_starts(text.as_bytes()),
                crate_starts(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_crate_on_any_ascii(
            text in "[aZ1 .!?\"()\\[\\],;:\\-\t\r\nx_]{0,48}"
        ) {
            proptest::prop_assert_eq!(sentence_starts(text.as_bytes()), crate_starts(&text));
        }
    }
}
