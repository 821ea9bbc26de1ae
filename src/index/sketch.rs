//! The sketch of the lexicons an index's tags were made with, kept beside
//! the index so that a lexicon edit re-tags only the documents it can
//! change ([`crate::themes::screen`]).
//!
//! Tantivy does not manage the file: it is written just before each commit
//! and names the lexicon hash it describes, so a sketch left by a commit
//! that then failed, or by another version of motif, is of other lexicons
//! than the index's and is passed over (every document is re-tagged).

use super::Index;
use crate::themes::screen::{Screen, Sketch};

/// The index folder's file keeping the [`Sketch`] of the lexicons its
/// tags were made with, for [`Sketch::screen`].
const SKETCH: &str = "motif-lexicons.json";

impl Index {
    /// The screen for an edit from the lexicons the index's tags were made
    /// with (hash `stored`) to `now`, when the index kept their sketch.
    pub(super) fn screen(&self, stored: &str, now: &Sketch) -> Option<Screen> {
        let text = std::fs::read(self.dir.join(SKETCH)).ok()?;
        let before: Sketch = serde_json::from_slice(&text).ok()?;
        // A sketch left by a commit that then failed is of other lexicons.
        (before.hash == stored).then(|| before.screen(now))?
    }

    /// Keeps the sketch of the lexicons this commit's tags are made with.
    /// Best effort: without it (or with a stale one, which its hash
    /// gives away) the next lexicon edit re-tags every document.
    pub(super) fn write_sketch(&self, sketch: &Sketch) {
        let path = self.dir.join(SKETCH);
        // The writer lock is held: no other process writes this name.
        let temp = self.dir.join(format!("{SKETCH}.tmp"));
        let written = serde_json::to_vec(sketch).ok().and_then(|bytes| {
            std::fs::write(&temp, bytes).ok()?;
            std::fs::rename(&temp, &path).ok()
        });
        if written.is_none() {
            let _ = std::fs::remove_file(&temp);
            let _ = std::fs::remove_file(&path);
        }
    }
}
