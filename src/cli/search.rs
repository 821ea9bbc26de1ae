//! `motif search`: full-text search of the index.
//!
//! Takes a query in Tantivy's query language (with `council:`, `year:`,
//! `theme:`, `polarity:` and `title:` filters) and filter flags, and prints
//! the matching documents with their best sentences (text, JSON Lines or
//! CSV), their number (`--count`) or their number per group (`--by`).
//! Exit status: 0 when something matched, 1 when nothing did, 2 on error.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use motif::councils::Gazetteer;
use motif::index::{GroupBy, Hit, Index, SearchRequest, Snippet, SortOrder, YearRange};

use super::GlobalArgs;

/// Longest snippet printed in text output, in bytes (JSON and CSV carry
/// whole sentences).
const SNIPPET_WIDTH: usize = 240;

/// Search the index (Tantivy query syntax: words, "phrases", "phrases"~2,
/// AND/OR/NOT, +/-, council:X, year:2017, year:[2015 TO 2018], theme:X,
/// polarity:concern, title:X). Every word must match unless OR is used.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query; omit it to match every document the flags allow. Several
    /// words are joined with spaces, so `motif search caseloads AND agency`
    /// needs no quotes (a phrase still does: '"voice of the child"').
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Index folder (made by `motif index`).
    #[arg(long, value_name = "DIR", default_value = ".motif/index")]
    pub index: PathBuf,

    /// Only documents about this council (any name or alias the gazetteer
    /// knows, or a GSS code); repeat for any of several.
    #[arg(long, value_name = "NAME")]
    pub council: Vec<String>,

    /// Only documents published in this year or range (2017, 2015..2018).
    #[arg(long, value_name = "YEAR|A..B")]
    pub year: Option<YearRange>,

    /// Only documents mentioning this theme; repeat for any of several.
    #[arg(long, value_name = "THEME")]
    pub theme: Vec<String>,

    /// Only documents with a mention of this polarity (concern, strength,
    /// neutral, or THEME/POLARITY such as caseloads/concern).
    #[arg(long, value_name = "P")]
    pub polarity: Option<String>,

    /// Most results to show.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Order of results.
    #[arg(long, value_enum, default_value_t = Sort::Score)]
    pub sort: Sort,

    /// Match words as written (no stemming: "caseload" will not find
    /// "caseloads").
    #[arg(long)]
    pub exact: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Print only the number of matching documents.
    #[arg(long, conflicts_with = "by")]
    pub count: bool,

    /// Print the number of matching documents per council, year or theme.
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<By>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    Score,
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Council,
    Year,
    Theme,
}

pub fn run(global: &GlobalArgs, args: Args) -> anyhow::Result<ExitCode> {
    // The lexicons serve only to tell whether the index is current. The
    // index records the digest of the bytes it was tagged from, so when
    // they are the same bytes nothing is parsed; otherwise they are read
    // on a thread of their own while the index answers.
    let sources = global.lexicon_sources();
    std::thread::scope(|scope| {
        let gazetteer = global.gazetteer_names()?;
        let mut index = Index::open_read(&args.index)?;
        let known = match &sources {
            Some(sources) => index.lexicon_hash_for(sources)?,
            None => None,
        };
        // Ok: the hash, known; Err: the thread reading the lexicons.
        let lexicon_hash = known.ok_or_else(|| scope.spawn(|| global.lexicons_uncompiled()));
        if let Some(threads) = global.threads {
            index.set_search_threads(threads);
        }
        let answer = answer(&index, &gazetteer, &args)?;
        let lexicon_hash = lexicon_hash.or_else(|reading| {
            reading
                .join()
                .map_err(|_| anyhow::anyhow!("reading the lexicons failed unexpectedly"))?
                .map(|lexicons| lexicons.hash().to_string())
        })?;
        if !global.quiet && !index.is_current_for(&lexicon_hash, gazetteer.hash())? {
            eprintln!(
                "motif: warning: index {} was built with other lexicons, another gazetteer \
                 or an older motif; run `motif index` to re-tag it",
                args.index.display()
            );
        }
        let stdout = std::io::stdout();
        let colour = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let mut out = stdout.lock();
        let found = write_answer(&mut out, answer, &args, colour)?;
        out.flush()?;
        Ok(if found {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    })
}

/// Writes what a search found in the format asked for; whether it found
/// anything.
fn write_answer(
    out: &mut impl Write,
    answer: Answer,
    args: &Args,
    colour: bool,
) -> anyhow::Result<bool> {
    Ok(match answer {
        Answer::Count(n) => {
            writeln!(out, "{n}")?;
            n > 0
        }
        Answer::Groups(groups) => {
            write_groups(out, &groups, args.by_name(), args.format)?;
            !groups.is_empty()
        }
        Answer::Hits(hits) => {
            match args.format {
                Format::Text => write_text(out, &hits, colour)?,
                Format::Json => {
                    for hit in &hits {
                        serde_json::to_writer(&mut *out, hit)?;
                        writeln!(out)?;
                    }
                }
                Format::Csv => write_csv(out, &hits)?,
            }
            !hits.is_empty()
        }
    })
}

/// What a search found, before it is written.
enum Answer {
    Count(u64),
    Groups(Vec<(String, u64)>),
    Hits(Vec<Hit>),
}

fn answer(index: &Index, gazetteer: &Gazetteer, args: &Args) -> anyhow::Result<Answer> {
    let request = SearchRequest {
        query: args.query.join(" "),
        councils: args.council.clone(),
        years: args.year,
        themes: args.theme.clone(),
        polarity: args.polarity.clone(),
        limit: args.limit,
        sort: match args.sort {
            Sort::Score => SortOrder::Score,
            Sort::Date => SortOrder::Date,
        },
        exact: args.exact,
    };
    Ok(if args.count {
        Answer::Count(index.count(&request, gazetteer)?)
    } else if let Some(by) = args.by {
        let by = match by {
            By::Council => GroupBy::Council,
            By::Year => GroupBy::Year,
            By::Theme => GroupBy::Theme,
        };
        Answer::Groups(index.group_counts(&request, gazetteer, by)?)
    } else {
        Answer::Hits(index.search(&request, gazetteer)?)
    })
}

impl Args {
    fn by_name(&self) -> &'static str {
        match self.by {
            Some(By::Council) => "council",
            Some(By::Year) => "year",
            Some(By::Theme) | None => "theme",
        }
    }
}

fn write_groups(
    out: &mut impl Write,
    groups: &[(String, u64)],
    name: &str,
    format: Format,
) -> anyhow::Result<()> {
    match format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record([name, "documents"])?;
            for (key, n) in groups {
                csv.write_record([key.as_str(), &n.to_string()])?;
            }
            csv.flush()?;
        }
        Format::Json => {
            for (key, n) in groups {
                let row = serde_json::json!({ name: key, "documents": n });
                writeln!(out, "{row}")?;
            }
        }
        Format::Text => {
            let width = groups
                .iter()
                .map(|(k, _)| k.chars().count())
                .chain([name.len()])
                .max()
                .unwrap_or(0);
            writeln!(out, "{name:<width$}  documents")?;
            for (key, n) in groups {
                writeln!(out, "{key:<width$}  {n:>9}")?;
            }
        }
    }
    Ok(())
}

fn write_csv(out: &mut impl Write, hits: &[Hit]) -> anyhow::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "doc_id",
        "path",
        "title",
        "published",
        "councils",
        "themes",
        "score",
        "snippet",
    ])?;
    for hit in hits {
        let snippets: Vec<&str> = hit.snippets.iter().map(|s| s.text.as_str()).collect();
        csv.write_record([
            hit.doc_id.as_str(),
            &hit.path,
            &hit.title,
            &hit.published.map(|d| d.to_string()).unwrap_or_default(),
            &hit.councils.join("; "),
            &hit.themes.join("; "),
            &format!("{:.3}", hit.score),
            &snippets.join(" … "),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

fn write_text(out: &mut impl Write, hits: &[Hit], colour: bool) -> anyhow::Result<()> {
    let (bold, mark, reset) = if colour {
        ("\x1b[1m", "\x1b[1;31m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{bold}{}{reset}", hit.title)?;
        let date = hit
            .published
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let councils = if hit.councils.is_empty() {
            "no council".to_string()
        } else {
            hit.councils.join(", ")
        };
        writeln!(out, "  {date} | {councils} | {}", hit.path)?;
        for snippet in &hit.snippets {
            writeln!(out, "  > {}", highlighted(snippet, mark, reset))?;
        }
    }
    Ok(())
}

/// The snippet cut to [`SNIPPET_WIDTH`] around its first highlight, with
/// each highlight wrapped in `mark`..`reset` (empty strings for plain text).
fn highlighted(snippet: &Snippet, mark: &str, reset: &str) -> String {
    let text = &snippet.text;
    let (start, end) = window(text, snippet.highlights.first().map_or(0, |h| h.0));
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for &(s, e) in &snippet.highlights {
        if s < at || e > end {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(mark);
        out.push_str(&text[s..e]);
        out.push_str(reset);
        at = e;
    }
    out.push_str(&text[at..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// The byte range of `text` to print: all of it when short, otherwise
/// [`SNIPPET_WIDTH`] bytes starting a little before `focus`, cut at spaces.
fn window(text: &str, focus: usize) -> (usize, usize) {
    if text.len() <= SNIPPET_WIDTH {
        return (0, text.len());
    }
    let from = focus.saturating_sub(SNIPPET_WIDTH / 3);
    let start = match from {
        0 => 0,
        _ => text[..from.min(focus)]
            .rfind(' ')
            .map_or(from.min(focus), |i| i + 1),
    };
    let limit = (start + SNIPPET_WIDTH).min(text.len());
    let end = if limit == text.len() {
        limit
    } else {
        text[..limit]
            .rfind(' ')
            .filter(|&i| i > focus)
            .unwrap_or(limit)
    };
    let snap_down = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    (snap_down(start), snap_down(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, word: &str) -> Snippet {
        let at = text.find(word).unwrap_or(0);
        Snippet {
            sentence: 1,
            start: 0,
            end: text.len(),
            text: text.to_string(),
            highlights: vec![(at, at + word.len())],
        }
    }

    #[test]
    fn short_sentences_are_shown_whole_with_marks() {
        let s = snippet("Caseloads were high.", "Caseloads");
        assert_eq!(highlighted(&s, "<", ">"), "<Caseloads> were high.");
        assert_eq!(highlighted(&s, "", ""), "Caseloads were high.");
    }

    #[test]
    fn long_sentences_are_cut_at_spaces_around_the_first_match() {
        let text = format!("{} caseloads {}", "word ".repeat(80), "tail ".repeat(80));
        let shown = highlighted(&snippet(&text, "caseloads"), "<", ">");
        assert!(shown.starts_with("…word "), "{shown}");
        assert!(
            shown.ends_with(" tail…") || shown.ends_with("tail…"),
            "{shown}"
        );
        assert!(shown.contains("<caseloads>"));
        assert!(shown.len() <= SNIPPET_WIDTH + 20);
    }
}
