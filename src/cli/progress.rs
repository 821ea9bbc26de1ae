//! Adapts the library's [`Progress`] to an indicatif bar on stderr, shown
//! only when stderr is a terminal and `--quiet` is off.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use motif::progress::Progress;

/// A progress bar on stderr (or nothing).
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
    quiet: bool,
}

impl Bar {
    pub fn new(quiet: bool) -> Self {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        Bar {
            bar: ProgressBar::with_draw_target(None, target),
            quiet,
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.bar.reset();
        self.bar.set_length(total);
        let template = if total > 0 {
            "{prefix:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}"
        } else {
            "{prefix:>10} {spinner} {pos}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_prefix(name.to_string());
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn warn(&self, message: &str) {
        // Warnings are never hidden by --quiet: they say what was lost.
        let _ = self.quiet;
        self.bar.suspend(|| eprintln!("motif: {message}"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
