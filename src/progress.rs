//! How long-running library work tells the outside world how far it has got.
//!
//! The library never draws anything itself: it calls a [`Progress`], and the
//! binary adapts that to an indicatif bar on stderr (or to nothing, under
//! `--quiet` or when stderr is not a terminal).

/// A sink for progress reports. Implementations must be cheap to call from
/// many rayon threads at once.
pub trait Progress: Sync {
    /// A new stage begins, with `total` units of work (0 when unknown).
    fn stage(&self, name: &str, total: u64);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// A per-file problem worth telling the user now (one line, names the file).
    fn warn(&self, message: &str);
    /// The current stage is over.
    fn finish(&self);
}

/// Progress that goes nowhere: for tests and library users who do not care.
/// Warnings are still printed to stderr, because a lost warning is lost data.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn warn(&self, message: &str) {
        eprintln!("motif: {message}");
    }
    fn finish(&self) {}
}
