//! The one place that calls every stage, in order.
//!
//! [`Analyser::analyse`] turns one [`Document`] into an [`Analysis`]: its
//! sentences, the council(s) each sentence is about, and the theme mentions
//! found in it. Everything downstream (index, counts, reports) reads `Analysis`.

pub mod run;

use crate::corpus::Document;
use crate::councils::{self, Attribution, CouncilId, Gazetteer};
use crate::text::{self, Sentence};
use crate::themes::{self, Genre, LexiconSet, Tagged};

/// The revision of the analysis rules: segmentation, attribution, matching
/// and polarity. Bump it with any change to the code that would analyse the
/// same text, gazetteer and lexicons differently: an index records the
/// revision its analyses were made under, and one made under another is
/// analysed again from its stored text on the next sync (the lexicon and
/// gazetteer hashes alone would pass it as current). 1: quotes are white
/// space in matching, and a negator binds to the first cue after it; 2: a
/// sentence naming councils only in an aside moves no focus; 3: "the county
/// council" and "the city council" pick the latest named council of that
/// kind; 4: a council a sentence says another was told to work with, or
/// is supported by, is an aside, and words ending in "-us" take "-uses";
/// 5: a follow-on sentence is decided only by a cue near its opener; 6: a
/// council named only to place another ("Thurrock Council in Essex") is
/// not what the sentence is about; 7: a term's own polarity reads the cues
/// among its words, a council in dashes or brackets after "the authority"
/// is an aside, an exclusion vetoes a negator, and `in_context` words
/// count after a sentence that counted their theme; 8: a negator reaches
/// no further than its clause (a comma, semicolon or colon ends it, unless
/// the comma lists cues of one polarity); 9: an item of a "What needs to
/// improve" list is a concern; 10: a fall right after a concern
/// ("disruption rates are low") makes it a strength (`fall_after`); 11:
/// a contrast ("..., but ...", "Although ..., ...") is decided by a cue in
/// its main clause; 12: in an inspection report, a mention no cue decides
/// takes its paragraph's judgement when that is a strength; 13: a cue that
/// is a word of a term stating no polarity ranks as two words off, and a
/// cue that only touches a term gives way to a contrast's main clause;
/// 14: a cue that says its own negation ("has not") is not flipped; 15:
/// a report's paragraph that judges nothing either way carries its
/// undecided mentions as strengths; 16: in an inspection report (or a text
/// about one member council) a name shared by several councils stands for
/// the report's council alone; 17: a segment opening lower-case after
/// "!" or "?" on the same line goes on with the sentence before; 18: a
/// body shared by several councils, named where one of them is in focus,
/// leaves the focus where it was; 19: a negator in a gap of a term that
/// states its own polarity flips it; 20: cues and negators in a condition's
/// clause ("when risks do not reduce") judge nothing; 21: outside a dated
/// report, a shared body's name stands for all its members, even in a text
/// about one of them; 22: a `**` gap crosses a comma between modifiers
/// ("a stable, qualified workforce").
pub const ANALYSIS_REVISION: u32 = 22;

/// The configuration every document is analysed with.
#[derive(Debug, Clone)]
pub struct Analyser {
    pub gazetteer: Gazetteer,
    pub lexicons: LexiconSet,
}

/// One document with everything the stages found in it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub document: Document,
    pub sentences: Vec<Sentence>,
    /// One per sentence, same order.
    pub attributions: Vec<Attribution>,
    pub tagged: Tagged,
}

impl Analysis {
    /// The councils the document is about: every council some sentence is
    /// attributed to, in order of first appearance.
    pub fn councils(&self) -> Vec<CouncilId> {
        let mut seen = Vec::new();
        for attribution in &self.attributions {
            for &id in &attribution.councils {
                if !seen.contains(&id) {
                    seen.push(id);
                }
            }
        }
        seen
    }
}

impl Analyser {
    /// Runs segmentation, attribution and tagging on one document.
    pub fn analyse(&self, document: Document) -> Analysis {
        let sentences = text::sentences(&document.body);
        let attributions = councils::attribute(&self.gazetteer, &document, &sentences);
        let tagged = themes::tag(&self.lexicons, &document.body, &sentences, genre(&document));
        Analysis {
            document,
            sentences,
            attributions,
            tagged,
        }
    }

    /// Tags an analysis again with this analyser's lexicons, keeping its
    /// sentences and attributions: after a lexicon edit nothing before
    /// the themes stage has changed, so only that stage runs.
    pub fn retag(&self, analysis: Analysis) -> Analysis {
        let tagged = themes::tag(
            &self.lexicons,
            &analysis.document.body,
            &analysis.sentences,
            genre(&analysis.document),
        );
        Analysis { tagged, ..analysis }
    }
}

/// How the themes stage reads a document: a report's paragraphs judge.
fn genre(document: &Document) -> Genre {
    if document.is_inspection_report() {
        Genre::InspectionReport
    } else {
        Genre::Article
    }
}
