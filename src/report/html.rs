//! `report.html`: one self-contained page to look at the counts.
//!
//! Takes the count rows, the evidence rows, the theme labels and the run's
//! provenance, and gives a single HTML file with no scripts and no network
//! access (a Content-Security-Policy forbids both): per theme a heatmap of
//! councils × years that switches between mentions and the per-10,000-words
//! rate (a CSS radio switch), the national trend by year split into concerns,
//! strengths and neutral mentions, the top councils, and for every non-empty
//! cell the evidence sentences behind it (shown with CSS `:target` when the
//! cell is clicked). Every piece of text from the corpus (sentences, titles,
//! file names, terms, council and theme names) goes through [`escape`]; ids
//! and styles are built from numbers only.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::evidence::EvidenceRow;
use super::grades::{GradeRow, Group};
use super::Provenance;
use crate::counts::{per_10k, CountRow, Labels};

/// The page template; `{{name}}` placeholders are filled once, in one pass.
const TEMPLATE: &str = include_str!("report.html");
/// Evidence sentences shown per cell; the rest are in `evidence.csv`. A
/// large corpus fills thousands of cells (councils × years × themes): at 25
/// a 200 MB corpus made a page over 100 MB that no browser opens happily,
/// and the kept sentences dominated `motif run`'s memory.
pub const MAX_EVIDENCE_PER_CELL: usize = 5;
/// Councils listed under "Top councils".
const TOP_COUNCILS: usize = 10;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Fills `{{name}}` placeholders in `template` in one pass: inserted values
/// are never scanned again, so text that looks like a placeholder stays text.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("}}") {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + 2 + close + 2]),
                }
                rest = &after[close + 2..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Everything the page is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub rows: &'a [CountRow],
    pub evidence: &'a [EvidenceRow],
    pub labels: &'a Labels,
    pub provenance: &'a Provenance,
    /// Documents counted (duplicates excluded).
    pub documents: u64,
    /// Concerns by the council's latest Ofsted grade ([`super::grades`]).
    pub grades: &'a [GradeRow],
}

type CouncilKey = (Option<String>, Option<String>);

/// Renders the whole page.
pub fn render(page: &Page<'_>) -> String {
    let mut years: BTreeSet<(bool, Option<i32>)> = BTreeSet::new();
    let mut councils: Vec<CouncilKey> = Vec::new();
    let mut themes: Vec<String> = page.labels.themes().iter().map(|t| t.id.clone()).collect();
    for row in page.rows {
        years.insert((row.year.is_none(), row.year));
        let key = (row.council.clone(), row.gss_code.clone());
        // Rows are sorted by council, so a new council is the last one's
        // successor; `contains` on the last element keeps this linear.
        if councils.last() != Some(&key) && !councils.contains(&key) {
            councils.push(key);
        }
        if !themes.contains(&row.theme) {
            themes.push(row.theme.clone());
        }
    }
    let years: Vec<Option<i32>> = years.into_iter().map(|(_, y)| y).collect();
    let council_index: BTreeMap<&CouncilKey, usize> =
        councils.iter().enumerate().map(|(i, c)| (c, i)).collect();
    let year_index: BTreeMap<Option<i32>, usize> =
        years.iter().enumerate().map(|(i, y)| (*y, i)).collect();

    let mut nav = String::new();
    let mut body = String::new();
    for (t, theme) in themes.iter().enumerate() {
        let label = page.labels.themes().iter().find(|l| &l.id == theme);
        let title = label.map_or(theme.as_str(), |l| l.label.as_str());
        let _ = write!(nav, "<a href=\"#theme-{t}\">{}</a>", escape(title));
        let grid = Grid::new(page.rows, theme, &council_index, &year_index);
        let evidence = evidence_by_cell(page.evidence, theme, &council_index, &year_index);
        let _ = write!(
            body,
            "<section class=\"theme\" id=\"theme-{t}\">\n<h2>{}</h2>\n<p class=\"desc\">{}</p>\n\
             <div class=\"grid\">\n<div><h3>Councils × years</h3>{}</div>\n\
             <div class=\"side\"><div><h3>National trend</h3>{}</div>\
             <div><h3>Top councils</h3>{}</div></div>\n</div>\n\
             <div class=\"grades\"><h3>Raised as a concern, by the council's latest Ofsted grade</h3>{}</div>\n\
             {}</section>\n",
            escape(title),
            escape(label.map_or("", |l| l.description.as_str())),
            heatmap(t, &grid, &councils, &years),
            trend(&grid, &years),
            top_councils(&grid, &councils),
            grade_table(page.grades, theme),
            evidence_sections(t, &grid, &evidence, &councils, &years, theme),
        );
    }
    if themes.is_empty() {
        body.push_str("<p class=\"empty\">No themes are defined.</p>");
    }

    let mentions: u64 = page.rows.iter().map(|r| r.mentions).sum();
    let named = councils.iter().filter(|(c, _)| c.is_some()).count();
    let summary = format!(
        "<b>{}</b> documents · <b>{}</b> councils · <b>{}</b> years · <b>{}</b> mentions of <b>{}</b> themes",
        page.documents,
        named,
        years.len(),
        mentions,
        themes.len()
    );
    let mut provenance = String::new();
    for (key, value) in page.provenance.entries() {
        let _ = write!(
            provenance,
            "<dt>{}</dt><dd>{}</dd>",
            escape(&key),
            escape(&value)
        );
    }
    fill(
        TEMPLATE,
        &[
            ("title", "motif: recurring themes by council and year"),
            ("summary", &summary),
            ("nav", &nav),
            ("body", &body),
            ("provenance", &provenance),
        ],
    )
}

/// One theme's count rows laid out by council and year index.
struct Grid<'a> {
    cells: BTreeMap<(usize, usize), &'a CountRow>,
    max_mentions: u64,
    max_rate: f64,
}

impl<'a> Grid<'a> {
    fn new(
        rows: &'a [CountRow],
        theme: &str,
        councils: &BTreeMap<&CouncilKey, usize>,
        years: &BTreeMap<Option<i32>, usize>,
    ) -> Grid<'a> {
        let mut grid = Grid {
            cells: BTreeMap::new(),
            max_mentions: 0,
            max_rate: 0.0,
        };
        for row in rows.iter().filter(|r| r.theme == theme) {
            let key = (row.council.clone(), row.gss_code.clone());
            if let (Some(&c), Some(&y)) = (councils.get(&key), years.get(&row.year)) {
                grid.cells.insert((c, y), row);
                // The colour scale follows the councils: the no-council row
                // (a few short national sentences) would otherwise wash
                // every council out; its cells are clamped to the top shade.
                if row.council.is_some() {
                    grid.max_mentions = grid.max_mentions.max(row.mentions);
                    grid.max_rate = grid.max_rate.max(row.per_10k_words);
                }
            }
        }
        grid
    }
}

/// A background shade for `value` out of `max`, and a readable text colour.
fn shade(value: f64, max: f64) -> String {
    if value <= 0.0 {
        return String::new();
    }
    // With no council to scale by (only national rows), any value is the top.
    let ratio = if max > 0.0 {
        (value / max).min(1.0)
    } else {
        1.0
    };
    let alpha = 0.12 + 0.88 * ratio;
    let ink = if alpha > 0.55 { "#fff" } else { "#1d2733" };
    format!(" style=\"background:rgba(178,38,30,{alpha:.2});color:{ink}\"")
}

/// `1 mention`, `2 mentions`.
fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn council_name(key: &CouncilKey) -> String {
    match key {
        (Some(name), _) => escape(name),
        (None, _) => "<i>No council</i>".to_string(),
    }
}

fn year_name(year: Option<i32>) -> String {
    year.map_or_else(|| "unknown".to_string(), |y| y.to_string())
}

fn heatmap(t: usize, grid: &Grid<'_>, councils: &[CouncilKey], years: &[Option<i32>]) -> String {
    if councils.is_empty() {
        return "<p class=\"empty\">No documents were counted.</p>".to_string();
    }
    let mut out =
        String::from("<div class=\"heatwrap\"><table class=\"heat\"><thead><tr><th>Council</th>");
    for year in years {
        let _ = write!(out, "<th>{}</th>", year_name(*year));
    }
    out.push_str("</tr></thead><tbody>");
    for (c, council) in councils.iter().enumerate() {
        let _ = write!(out, "<tr><th>{}</th>", council_name(council));
        for y in 0..years.len() {
            match grid.cells.get(&(c, y)) {
                Some(row) if row.mentions > 0 => {
                    let m = row.mentions as f64;
                    let max = grid.max_mentions as f64;
                    let _ = write!(
                        out,
                        "<td><a class=\"m\" href=\"#ev-{t}-{c}-{y}\"{}>{}</a>\
                         <a class=\"r\" href=\"#ev-{t}-{c}-{y}\"{}>{:.2}</a></td>",
                        shade(m, max),
                        row.mentions,
                        shade(row.per_10k_words, grid.max_rate),
                        row.per_10k_words
                    );
                }
                Some(_) => out.push_str(
                    "<td class=\"zero\"><span class=\"m\">0</span><span class=\"r\">0</span></td>",
                ),
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

fn trend(grid: &Grid<'_>, years: &[Option<i32>]) -> String {
    let mut totals = vec![(0u64, 0u64, 0u64); years.len()];
    for (&(_, y), row) in &grid.cells {
        if let Some(total) = totals.get_mut(y) {
            total.0 += row.mentions;
            total.1 += row.concerns;
            total.2 += row.strengths;
        }
    }
    let max = totals.iter().map(|t| t.0).max().unwrap_or(0);
    if max == 0 {
        return "<p class=\"empty\">No mentions.</p>".to_string();
    }
    let mut out = String::from(
        "<div class=\"legend\"><i class=\"c\"></i>concern<i class=\"s\"></i>strength<i class=\"n\"></i>neutral</div><div class=\"bars\">",
    );
    let pct = |n: u64| n as f64 * 100.0 / max as f64;
    for (year, &(mentions, concerns, strengths)) in years.iter().zip(&totals) {
        let neutral = mentions.saturating_sub(concerns + strengths);
        let _ = write!(
            out,
            "<div class=\"row\"><span>{}</span><div class=\"bar\" title=\"{concerns} concerns, {strengths} strengths, {neutral} neutral\">\
             <i class=\"c\" style=\"width:{:.1}%\"></i><i class=\"s\" style=\"width:{:.1}%\"></i><i class=\"n\" style=\"width:{:.1}%\"></i></div><span>{mentions}</span></div>",
            year_name(*year),
            pct(concerns),
            pct(strengths),
            pct(neutral),
        );
    }
    out.push_str("</div>");
    out
}

fn top_councils(grid: &Grid<'_>, councils: &[CouncilKey]) -> String {
    let mut totals: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    for (&(c, _), row) in &grid.cells {
        if councils.get(c).is_some_and(|k| k.0.is_some()) {
            let total = totals.entry(c).or_default();
            total.0 += row.mentions;
            total.1 += row.words;
        }
    }
    let mut ranked: Vec<(usize, u64, u64)> = totals
        .into_iter()
        .filter(|(_, (m, _))| *m > 0)
        .map(|(c, (m, w))| (c, m, w))
        .collect();
    // Most mentions first; ties keep council order (the sort is stable).
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    if ranked.is_empty() {
        return "<p class=\"empty\">No council has a mention.</p>".to_string();
    }
    let mut out = String::from("<ol class=\"top\">");
    for (c, mentions, words) in ranked.into_iter().take(TOP_COUNCILS) {
        let _ = write!(
            out,
            "<li>{} <span class=\"num\">{} · {:.2} per 10k words</span></li>",
            council_name(&councils[c]),
            plural(mentions, "mention"),
            per_10k(mentions, words)
        );
    }
    out.push_str("</ol>");
    out
}

/// One theme's concerns by grade group: councils, concerns, mentions and
/// the two rates. Only numbers and fixed labels go in, but the labels are
/// escaped all the same.
fn grade_table(grades: &[GradeRow], theme: &str) -> String {
    let rows: Vec<&GradeRow> = grades.iter().filter(|g| g.theme == theme).collect();
    if !rows
        .iter()
        .any(|r| r.group != Group::Ungraded && r.councils > 0)
    {
        return "<p class=\"empty\">No report in the corpus states an overall grade.</p>"
            .to_string();
    }
    let mut out = String::from(
        "<table class=\"grades\"><thead><tr><th>Latest grade</th><th>Councils</th>\
         <th>Concerns</th><th>All mentions</th><th>Concerns per council</th>\
         <th>Concerns per 10k words</th></tr></thead><tbody>",
    );
    for row in rows {
        let rates = if row.councils == 0 {
            "<td>–</td><td>–</td>".to_string()
        } else {
            format!(
                "<td>{:.2}</td><td>{:.2}</td>",
                row.concerns_per_council(),
                row.concerns_per_10k_words()
            )
        };
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td>{rates}</tr>",
            escape(row.group.as_str()),
            row.councils,
            row.concerns,
            row.mentions,
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// Evidence rows of one theme, keyed by (council index, year index).
fn evidence_by_cell<'a>(
    evidence: &'a [EvidenceRow],
    theme: &str,
    councils: &BTreeMap<&CouncilKey, usize>,
    years: &BTreeMap<Option<i32>, usize>,
) -> BTreeMap<(usize, usize), Vec<&'a EvidenceRow>> {
    let mut out: BTreeMap<(usize, usize), Vec<&EvidenceRow>> = BTreeMap::new();
    for row in evidence.iter().filter(|r| r.place.theme == theme) {
        let key = match &row.place.council {
            Some(c) => (Some(c.name.clone()), Some(c.gss_code.clone())),
            None => (None, None),
        };
        if let (Some(&c), Some(&y)) = (councils.get(&key), years.get(&row.place.year)) {
            out.entry((c, y)).or_default().push(row);
        }
    }
    out
}

fn evidence_sections(
    t: usize,
    grid: &Grid<'_>,
    evidence: &BTreeMap<(usize, usize), Vec<&EvidenceRow>>,
    councils: &[CouncilKey],
    years: &[Option<i32>],
    theme: &str,
) -> String {
    let mut out = String::new();
    for (&(c, y), rows) in evidence {
        let Some(count) = grid.cells.get(&(c, y)) else {
            continue;
        };
        let _ = write!(
            out,
            "<section class=\"ev\" id=\"ev-{t}-{c}-{y}\"><h4>{} · {} · {}: {} \
             ({}, {}) in {}</h4><ol>",
            council_name(&councils[c]),
            year_name(years[y]),
            escape(theme),
            plural(count.mentions, "mention"),
            plural(count.concerns, "concern"),
            plural(count.strengths, "strength"),
            plural(count.documents, "document"),
        );
        for row in rows.iter().take(MAX_EVIDENCE_PER_CELL) {
            let p = &row.place;
            let (before, hit, after) = p.split_sentence();
            let polarity = row.polarity.as_str();
            let _ = write!(
                out,
                "<li><span class=\"pol pol-{polarity}\">{polarity}</span>{}<mark>{}</mark>{}\
                 <span class=\"src\">{} — {}{}, sentence {}</span></li>",
                escape(before),
                escape(hit),
                escape(after),
                escape(&p.title),
                escape(&p.path),
                p.published.map(|d| format!(", {d}")).unwrap_or_default(),
                p.sentence_no,
            );
        }
        out.push_str("</ol>");
        // The page may be given only the first rows of each cell, so the
        // rest is told from the count (a cell's evidence rows are exactly
        // its mentions).
        let shown = rows.len().min(MAX_EVIDENCE_PER_CELL) as u64;
        let total = count.mentions.max(rows.len() as u64);
        if total > shown {
            let _ = write!(
                out,
                "<p class=\"empty\">… and {} more in evidence.csv</p>",
                total - shown
            );
        }
        let _ = write!(
            out,
            "<a class=\"close\" href=\"#theme-{t}\">close</a></section>"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert(1)</script> "a" & 'b'"#),
            "&lt;script&gt;alert(1)&lt;/script&gt; &quot;a&quot; &amp; &#39;b&#39;"
        );
        assert_eq!(escape("Tameside’s “caseloads”"), "Tameside’s “caseloads”");
    }

    #[test]
    fn fill_does_not_rescan_inserted_text() {
        let out = fill(
            "<h1>{{title}}</h1>{{body}}{{unknown}}{{",
            &[("title", "{{body}}"), ("body", "B")],
        );
        assert_eq!(out, "<h1>{{body}}</h1>B{{unknown}}{{");
    }

    #[test]
    fn template_has_every_placeholder_and_no_script() {
        for name in ["title", "summary", "nav", "body", "provenance"] {
            assert!(TEMPLATE.contains(&format!("{{{{{name}}}}}")), "{name}");
        }
        assert!(!TEMPLATE.to_lowercase().contains("<script"));
        assert!(TEMPLATE.contains("Content-Security-Policy"));
    }

    #[test]
    fn shade_scales_with_value() {
        assert_eq!(shade(0.0, 5.0), "");
        assert!(shade(5.0, 5.0).contains("rgba(178,38,30,1.00)"));
        assert!(shade(1.0, 10.0).contains("0.21"));
        assert!(shade(20.0, 10.0).contains("1.00"), "clamped");
        assert!(shade(2.0, 0.0).contains("1.00"), "nothing to scale by");
    }
}
