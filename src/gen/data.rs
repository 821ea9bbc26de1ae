//! The generator's data files, parsed once: sectioned template files
//! (`themes.txt`, `article.txt`, `reports.txt`), furniture blocks
//! (`furniture.txt`) and the Zipf-ranked filler vocabulary (`words.txt`).
//!
//! Takes the embedded text of those files and gives [`Templates`] of
//! pre-split [`Template`]s (literal pieces and placeholders) and a
//! [`Vocabulary`] that samples words with Zipf–Mandelbrot frequencies.

use std::collections::BTreeMap;

use super::rng::Rng;
use super::GenError;

pub const THEMES: &str = include_str!("themes.txt");
pub const ARTICLE: &str = include_str!("article.txt");
pub const REPORTS: &str = include_str!("reports.txt");
pub const FURNITURE: &str = include_str!("furniture.txt");
pub const WORDS: &str = include_str!("words.txt");
pub const FALLBACK_COUNCILS: &str = include_str!("fallback_councils.txt");

/// A placeholder in a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Var {
    Council,
    Council2,
    Person,
    N,
    N2,
    N3,
    Year,
    Month,
    Day,
    Day2,
    Nth,
    Grade,
    Town,
}

impl Var {
    fn parse(name: &str) -> Option<Var> {
        Some(match name {
            "council" => Var::Council,
            "council2" => Var::Council2,
            "person" => Var::Person,
            "n" => Var::N,
            "n2" => Var::N2,
            "n3" => Var::N3,
            "year" => Var::Year,
            "month" => Var::Month,
            "day" => Var::Day,
            "day2" => Var::Day2,
            "nth" => Var::Nth,
            "grade" => Var::Grade,
            "town" => Var::Town,
            _ => return None,
        })
    }
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Lit(&'static str),
    Var(Var),
}

/// A line of text with placeholders, split once so rendering is a loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(pub Vec<Piece>);

impl Template {
    /// Splits `text` at `{name}` placeholders; `file`/`line` name errors.
    pub fn parse(text: &'static str, file: &str, line: usize) -> Result<Self, GenError> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Lit(&rest[..open]));
            }
            let after = &rest[open + 1..];
            let close = after.find('}').ok_or_else(|| GenError::Data {
                file: file.to_string(),
                line,
                message: "`{` without a closing `}`".to_string(),
            })?;
            let name = &after[..close];
            let var = Var::parse(name).ok_or_else(|| GenError::Data {
                file: file.to_string(),
                line,
                message: format!("unknown placeholder {{{name}}}"),
            })?;
            pieces.push(Piece::Var(var));
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Lit(rest));
        }
        Ok(Template(pieces))
    }
}

/// Sections of a template file: `[name]` headers, one template a line,
/// `#` comments and blank lines skipped.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    sections: BTreeMap<&'static str, Vec<Template>>,
}

impl Templates {
    /// Parses a sectioned file; `file` names it in errors.
    pub fn parse(text: &'static str, file: &str) -> Result<Self, GenError> {
        let mut sections: BTreeMap<&'static str, Vec<Template>> = BTreeMap::new();
        let mut current: Option<&'static str> = None;
        for (no, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim();
                sections.entry(name).or_default();
                current = Some(name);
                continue;
            }
            let section = current.ok_or_else(|| GenError::Data {
                file: file.to_string(),
                line: no + 1,
                message: "text before the first [section]".to_string(),
            })?;
            let template = Template::parse(line, file, no + 1)?;
            sections.entry(section).or_default().push(template);
        }
        Ok(Templates { sections })
    }

    /// The templates of one section (empty if there is none).
    pub fn get(&self, name: &str) -> &[Template] {
        self.sections.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every section name with its templates, in name order.
    pub fn sections(&self) -> impl Iterator<Item = (&'static str, &[Template])> {
        self.sections.iter().map(|(k, v)| (*k, v.as_slice()))
    }
}

/// A furniture block: its kind (`caption`, `paywall`, ...) and its lines.
#[derive(Debug, Clone)]
pub struct Furniture {
    pub kind: &'static str,
    pub body: Vec<Template>,
}

/// Parses `furniture.txt`: blocks separated by `%%`, each opening `@kind`.
pub fn parse_furniture(text: &'static str, file: &str) -> Result<Vec<Furniture>, GenError> {
    let mut blocks = Vec::new();
    let mut kind: Option<&'static str> = None;
    let mut body = Vec::new();
    let mut flush = |kind: &mut Option<&'static str>, body: &mut Vec<Template>| {
        if let Some(k) = kind.take() {
            blocks.push(Furniture {
                kind: k,
                body: std::mem::take(body),
            });
        }
    };
    for (no, line) in text.lines().enumerate() {
        if kind.is_none() && line.starts_with('#') {
            continue;
        }
        if line.trim() == "%%" {
            flush(&mut kind, &mut body);
        } else if let Some(k) = line.strip_prefix('@').filter(|_| kind.is_none()) {
            kind = Some(k.trim());
        } else if kind.is_some() {
            body.push(Template::parse(line, file, no + 1)?);
        } else if !line.trim().is_empty() {
            return Err(GenError::Data {
                file: file.to_string(),
                line: no + 1,
                message: "block without an @kind line".to_string(),
            });
        }
    }
    flush(&mut kind, &mut body);
    Ok(blocks)
}

/// Filler words with Zipf–Mandelbrot frequencies by rank.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    words: Vec<&'static str>,
    /// Cumulative weights (scaled to u64), for binary-search sampling.
    cumulative: Vec<u64>,
}

impl Vocabulary {
    /// Reads a word list (one word a line, most frequent first, `#`
    /// comments); weight of rank r is 1 / (r + 2.7).
    pub fn parse(text: &'static str) -> Self {
        let words: Vec<&'static str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut cumulative = Vec::with_capacity(words.len());
        let mut total = 0.0_f64;
        for rank in 0..words.len() {
            total += 1.0 / (rank as f64 + 2.7);
            cumulative.push(total);
        }
        let scale = (u64::MAX >> 1) as f64 / total.max(f64::MIN_POSITIVE);
        let cumulative = cumulative.into_iter().map(|c| (c * scale) as u64).collect();
        Vocabulary { words, cumulative }
    }

    /// How many distinct words there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the list has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// One word, drawn with Zipf frequencies.
    pub fn sample(&self, rng: &mut Rng) -> &'static str {
        let last = self.cumulative.last().copied().unwrap_or(0);
        if last == 0 {
            return "the";
        }
        let target = rng.next_u64() % last;
        let i = self.cumulative.partition_point(|&c| c <= target);
        self.words.get(i).copied().unwrap_or("the")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        let themes = Templates::parse(THEMES, "themes.txt").unwrap();
        assert!(themes.sections().any(|(k, _)| k.starts_with("theme ")));
        assert!(themes.sections().any(|(k, _)| k.starts_with("trap ")));
        let article = Templates::parse(ARTICLE, "article.txt").unwrap();
        assert!(!article.get("headline").is_empty());
        Templates::parse(REPORTS, "reports.txt").unwrap();
        let furniture = parse_furniture(FURNITURE, "furniture.txt").unwrap();
        assert!(furniture.iter().any(|f| f.kind == "paywall"));
        assert!(Vocabulary::parse(WORDS).len() > 5000);
    }

    #[test]
    fn unknown_placeholder_names_file_and_line() {
        let err = Templates::parse("[a]\nok\nbad {nope}\n", "t.txt").unwrap_err();
        assert_eq!(err.to_string(), "t.txt, line 3: unknown placeholder {nope}");
    }

    #[test]
    fn zipf_sampling_favours_top_ranks_but_reaches_the_tail() {
        let vocab = Vocabulary::parse(WORDS);
        let mut rng = Rng::new(42);
        let mut counts = std::collections::HashMap::new();
        for _ in 0..200_000 {
            *counts.entry(vocab.sample(&mut rng)).or_insert(0u32) += 1;
        }
        let top = counts.get(vocab.words[0]).copied().unwrap_or(0);
        let tenth = counts.get(vocab.words[9]).copied().unwrap_or(0);
        // Rank 1 vs rank 10: weights 1/3.7 vs 1/12.7, about 3.4 times.
        assert!(top > 2 * tenth && top < 5 * tenth, "{top} vs {tenth}");
        assert!(counts.len() > 3000, "only {} distinct words", counts.len());
    }
}
