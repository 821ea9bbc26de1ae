//! `motif lexicon`: validate lexicons (`check`) and see what they do on a
//! corpus (`lint`).
//!
//! `check` takes a folder or file (default: `--lexicons`, else the built-in
//! set) and prints every problem, naming file and line; exit 2 if any.
//! `lint` takes the lexicons in force (or a folder) and a corpus and prints,
//! per theme, each glob's expansions with counts, the terms that never
//! match, the exclusions that never fire and the in-context words that
//! never count.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use motif::themes::check::{check_defs, check_path, lint, Diagnostic};
use motif::themes::lexicon::embedded_defs;
use motif::themes::matcher::Role;
use motif::themes::LexiconSet;

use super::GlobalArgs;

/// Validate lexicons or measure them against a corpus.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: LexiconCommand,
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Check lexicon files: unknown keys, empty terms, bad globs, duplicate
    /// terms (across themes, or through inflection), globs shadowing other
    /// terms. Each problem names file and line; exit 2 if there is any.
    Check {
        /// Folder or file to check (default: --lexicons, else the built-in set).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Report, against a corpus, each glob's expansions with counts, terms
    /// that never match, exclusions that never fire and in-context words
    /// that never count.
    Lint {
        /// Lexicon folder or file (default: the lexicons in force).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The corpus folder to measure against.
        #[arg(long, value_name = "DIR")]
        corpus: PathBuf,
        /// Follow symbolic links that point outside the corpus folder.
        #[arg(long)]
        follow_links: bool,
    },
}

pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        LexiconCommand::Check { dir } => run_check(global, dir),
        LexiconCommand::Lint {
            dir,
            corpus,
            follow_links,
        } => {
            let options = motif::corpus::CorpusOptions {
                follow_links,
                ..motif::corpus::CorpusOptions::default()
            };
            run_lint(global, dir, &corpus, &options)
        }
    }
}

fn run_check(global: &GlobalArgs, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let target = dir.or_else(|| global.lexicons.clone());
    let found: Vec<Diagnostic> = match &target {
        Some(path) => check_path(path),
        None => check_defs(&embedded_defs().context("loading the built-in lexicons")?),
    };
    let mut out = std::io::stdout().lock();
    for d in &found {
        writeln!(out, "{d}").context("writing to stdout")?;
    }
    let what = target.map_or_else(
        || "built-in lexicons".to_string(),
        |p| p.display().to_string(),
    );
    if found.is_empty() {
        if !global.quiet {
            eprintln!("{what}: ok");
        }
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("motif: {} problem(s) in {what}", found.len());
        Ok(ExitCode::from(2))
    }
}

fn run_lint(
    global: &GlobalArgs,
    dir: Option<PathBuf>,
    corpus: &Path,
    options: &motif::corpus::CorpusOptions,
) -> anyhow::Result<ExitCode> {
    let lexicons = match &dir {
        Some(path) => LexiconSet::load(path, global.extend).context("loading lexicons")?,
        None => global.lexicons()?,
    };
    let texts = corpus_texts(corpus, options)?;
    let stats = lint(&lexicons, texts.iter().map(String::as_str));
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} documents", texts.len())?;
    for (t, def) in lexicons.defs().iter().enumerate() {
        let t = u16::try_from(t).context("too many themes")?;
        writeln!(out, "\n{} ({})", def.theme.id, def.path.display())?;
        for (d, entry) in def
            .terms
            .iter()
            .enumerate()
            .filter(|(_, e)| e.text.contains('*'))
        {
            let d = u32::try_from(d).context("too many terms")?;
            let expansions = stats.expansions.get(&(t, d)).cloned().unwrap_or_default();
            let mut by_count: Vec<_> = expansions.into_iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let list: Vec<String> = by_count.iter().map(|(w, n)| format!("{w} {n}")).collect();
            writeln!(
                out,
                "  glob {:?} (line {}): {}",
                entry.text,
                entry.line,
                list.join(", ")
            )?;
        }
        let never = |role: Role, hits: &dyn Fn(u32) -> usize| -> Vec<String> {
            role.list(def)
                .iter()
                .enumerate()
                .filter(|(d, _)| hits(u32::try_from(*d).unwrap_or(u32::MAX)) == 0)
                .map(|(_, e)| format!("{:?} (line {})", e.text, e.line))
                .collect()
        };
        let term_hits = |d: u32| stats.hits.get(&(t, Role::Term, d)).copied().unwrap_or(0);
        let vetoes = |d: u32| stats.vetoes.get(&(t, d)).copied().unwrap_or(0);
        let in_context = |d: u32| stats.in_context.get(&(t, d)).copied().unwrap_or(0);
        for (label, list) in [
            ("terms that never match", never(Role::Term, &term_hits)),
            ("exclusions that never fire", never(Role::Exclude, &vetoes)),
            (
                "in-context words that never count",
                never(Role::Context, &in_context),
            ),
        ] {
            if !list.is_empty() {
                writeln!(out, "  {label}: {}", list.join(", "))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The bodies of the corpus documents (duplicates once). Files passed
/// over and problems found are said on stderr, one line each, so a lint
/// over a corpus that could not be read never looks like a clean one.
fn corpus_texts(
    root: &Path,
    options: &motif::corpus::CorpusOptions,
) -> anyhow::Result<Vec<String>> {
    let corpus = motif::corpus::read_corpus(root, options)
        .with_context(|| format!("reading corpus {}", root.display()))?;
    for skipped in &corpus.skipped {
        eprintln!("motif: skipped {}: {}", skipped.path, skipped.reason);
    }
    for warning in &corpus.warnings {
        eprintln!("motif: {warning}");
    }
    Ok(corpus
        .documents
        .into_iter()
        .filter(|d| d.duplicate_of.is_none())
        .map(|d| d.body)
        .collect())
}
