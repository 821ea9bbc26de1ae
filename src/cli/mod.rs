//! The command line: every flag is defined here or in the subcommand's own
//! file (one file per subcommand, its usage text beside its code), turned
//! once into library types. The library never sees clap.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use motif::councils::Gazetteer;
use motif::themes::LexiconSet;

pub mod councils;
pub mod counts;
pub mod documents;
pub mod gen_corpus;
pub mod index;
pub mod lexicon;
pub mod progress;
pub mod run;
pub mod search;
pub mod tag;

/// Find and count recurring themes in inspections of English councils'
/// children's services.
#[derive(Debug, Parser)]
#[command(
    name = "motif",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand understands.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Council gazetteer CSV to use instead of the built-in one
    /// (columns gss_code,name,short_name,kind,region,valid_from,valid_to,aliases).
    #[arg(long, global = true, value_name = "FILE")]
    pub councils: Option<PathBuf>,

    /// Folder (or single file) of theme lexicons: TOML, LIWC .dic or YAML.
    /// By default it replaces the built-in lexicons; see --extend.
    #[arg(long, global = true, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,

    /// Add the --lexicons themes to the built-in ones instead of replacing
    /// them (a theme with the same id replaces the built-in theme).
    #[arg(long, global = true)]
    pub extend: bool,

    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Worker threads (default: one per core).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
}

impl GlobalArgs {
    /// The gazetteer in force: `--councils FILE` or the embedded default.
    pub fn gazetteer(&self) -> anyhow::Result<Gazetteer> {
        match &self.councils {
            Some(path) => Gazetteer::from_path(path).context("loading --councils"),
            None => Gazetteer::embedded().context("loading the built-in gazetteer"),
        }
    }

    /// The gazetteer in force, for looking councils up by name only: its
    /// name matcher is not built until text is scanned, which commands that
    /// only read an index never do.
    pub fn gazetteer_names(&self) -> anyhow::Result<Gazetteer> {
        match &self.councils {
            Some(path) => Gazetteer::names_from_path(path).context("loading --councils"),
            None => Gazetteer::embedded_names().context("loading the built-in gazetteer"),
        }
    }

    /// The lexicons in force: embedded defaults, replaced or extended by
    /// `--lexicons`.
    pub fn lexicons(&self) -> anyhow::Result<LexiconSet> {
        match &self.lexicons {
            Some(path) => LexiconSet::load(path, self.extend).context("loading --lexicons"),
            None => LexiconSet::embedded().context("loading the built-in lexicons"),
        }
    }

    /// The digest of the bytes the lexicons in force are read from (see
    /// [`LexiconSet::source_digest`]); `None` when a file cannot be read,
    /// which reading the lexicons will then report.
    pub fn lexicon_sources(&self) -> Option<String> {
        LexiconSet::source_digest(self.lexicons.as_deref(), self.extend).ok()
    }

    /// The lexicons' themes and hash, not compiled (see
    /// [`LexiconSet::uncompiled`]): for commands that never tag.
    pub fn lexicons_uncompiled(&self) -> anyhow::Result<LexiconSet> {
        let defs = LexiconSet::read_defs(self.lexicons.as_deref(), self.extend)
            .context("loading the lexicons")?;
        Ok(LexiconSet::uncompiled(defs))
    }

    /// A progress sink for stderr that respects `--quiet`.
    pub fn progress(&self) -> progress::Bar {
        progress::Bar::new(self.quiet)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Documents(documents::Args),
    Councils(councils::Args),
    Lexicon(lexicon::Args),
    Tag(tag::Args),
    Index(index::Args),
    Search(search::Args),
    Run(run::Args),
    Counts(counts::Args),
    GenCorpus(gen_corpus::Args),
}

/// Runs the chosen subcommand. Exit codes: 0 success (or hits), 1 no hits
/// (search), 2 error.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(threads) = cli.global.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    let global = &cli.global;
    match cli.command {
        Command::Documents(args) => documents::run(global, args),
        Command::Councils(args) => councils::run(global, args),
        Command::Lexicon(args) => lexicon::run(global, args),
        Command::Tag(args) => tag::run(global, args),
        Command::Index(args) => index::run(global, args),
        Command::Search(args) => search::run(global, args),
        Command::Run(args) => run::run(global, args),
        Command::Counts(args) => counts::run(global, args),
        Command::GenCorpus(args) => gen_corpus::run(global, args),
    }
}
