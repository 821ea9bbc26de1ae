//! `motif tag`: the themes found in a piece of text, for tuning lexicons.
//!
//! Takes a sentence (or a file) and the lexicons in force and prints, per
//! sentence, each mention (theme, lexicon term, polarity, cue, matched text)
//! and each match that was not counted with the reason (the exclusion that
//! vetoed it, or the longer match that absorbed it).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use motif::text::sentences;
use motif::themes::{tag, Genre, LexiconSet, Tagged};

use super::GlobalArgs;

/// Show the theme mentions in a text: `motif tag "Caseloads are too high."`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text to tag (one or more sentences).
    #[arg(
        value_name = "TEXT",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub text: Option<String>,

    /// Tag the contents of this file instead.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Read the text as an inspection report, as `motif run` reads a file
    /// whose head gives inspection dates or an Ofsted report's heading
    /// ("Inspection of Bury local authority children's services"): a
    /// mention no cue decides is a strength unless the rest of its
    /// paragraph (paragraphs split at blank lines) leans to concern.
    #[arg(long)]
    pub report: bool,
}

/// Exit 0 whether or not anything was found; 2 on error.
pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    let lexicons = global.lexicons()?;
    let text = match (&args.text, &args.file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?,
        (None, None) => anyhow::bail!("give a TEXT or --file FILE"),
    };
    let sents = sentences(&text);
    let genre = if args.report {
        Genre::InspectionReport
    } else {
        Genre::Article
    };
    let tagged = tag(&lexicons, &text, &sents, genre);
    let mut out = std::io::stdout().lock();
    match write_tagged(&mut out, &lexicons, &text, &sents, &tagged) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => {
            other.context("writing to stdout")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn write_tagged(
    out: &mut impl Write,
    lexicons: &LexiconSet,
    text: &str,
    sents: &[motif::text::Sentence],
    tagged: &Tagged,
) -> std::io::Result<()> {
    let mut any = false;
    for (i, sentence) in sents.iter().enumerate() {
        let mentions: Vec<_> = tagged.mentions.iter().filter(|m| m.sentence == i).collect();
        let suppressed: Vec<_> = tagged
            .suppressed
            .iter()
            .filter(|s| s.sentence == i)
            .collect();
        if mentions.is_empty() && suppressed.is_empty() {
            continue;
        }
        any = true;
        writeln!(out, "{}: {}", sentence.no, one_line(sentence.text(text)))?;
        for m in mentions {
            let cue = m
                .cue
                .as_deref()
                .map(|c| format!(" cue {c:?}"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {} {} term {:?}{cue} matched {:?}",
                lexicons.theme(m.theme).id,
                m.polarity.as_str(),
                m.term,
                one_line(&text[m.start..m.end]),
            )?;
        }
        for s in suppressed {
            writeln!(
                out,
                "  suppressed {} term {:?} matched {:?}: {}",
                lexicons.theme(s.theme).id,
                s.term,
                one_line(&text[s.start..s.end]),
                s.reason
            )?;
        }
    }
    if !any {
        writeln!(out, "no theme mentions")?;
    }
    Ok(())
}

/// Text with its line breaks and runs of white space shown as one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
