//! Composing one generated document: an article (section label, headline,
//! byline, dateline, body, captions, furniture) or a report-shaped text
//! (title, inspection dates, headed sections).
//!
//! Takes the parsed data ([`super::Generator`]) and a per-document
//! [`Rng`], and gives the document's text and publication date. Councils
//! come from the gazetteer given to the generator; theme sentences from
//! `themes.txt`, whatever themes it holds.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::data::{Piece, Template, Var};
use super::rng::Rng;
use super::Generator;

/// The dateline forms articles use, including none at all.
const DATELINE_FORMS: usize = 8;

/// Everything that varies within one document while it is written.
struct Ctx<'g> {
    generator: &'g Generator,
    councils: Vec<usize>,
    focus: usize,
    date: NaiveDate,
}

/// A rendered document before encoding.
pub struct Rendered {
    pub text: String,
    pub date: NaiveDate,
    /// Whether the text itself carries a dateline.
    pub has_dateline: bool,
}

impl<'g> Ctx<'g> {
    /// A name form of council `index` of this article.
    fn council_name(&self, rng: &mut Rng, which: usize) -> &'g str {
        let forms = self
            .councils
            .get(which)
            .and_then(|&c| self.generator.councils.get(c));
        match forms {
            Some(forms) => rng.pick(forms).map_or("the council", String::as_str),
            None => "the council",
        }
    }

    fn other_council(&self, rng: &mut Rng) -> usize {
        if self.councils.len() < 2 {
            return self.focus;
        }
        let k = rng.below(self.councils.len() - 1);
        if k >= self.focus {
            k + 1
        } else {
            k
        }
    }

    fn render(&self, rng: &mut Rng, template: &Template, out: &mut String) {
        for piece in &template.0 {
            match piece {
                Piece::Lit(s) => out.push_str(s),
                Piece::Var(var) => self.render_var(rng, *var, out),
            }
        }
    }

    fn render_var(&self, rng: &mut Rng, var: Var, out: &mut String) {
        let g = self.generator;
        let article = &g.article;
        match var {
            Var::Council => out.push_str(self.council_name(rng, self.focus)),
            Var::Council2 => {
                let other = self.other_council(rng);
                out.push_str(self.council_name(rng, other));
            }
            Var::Person => {
                let first = rng.pick(article.get("first_name")).cloned();
                let last = rng.pick(article.get("surname")).cloned();
                for (i, t) in [first, last].into_iter().flatten().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    self.render(rng, &t, out);
                }
            }
            Var::N => push_num(out, rng.range(2, 9)),
            Var::N2 => push_num(out, rng.range(18, 40)),
            Var::N3 => push_num(out, rng.range(41, 90)),
            Var::Year => push_num(out, rng.range(2009, self.date.year().max(2010) as usize)),
            Var::Month => out.push_str(MONTHS[rng.below(12)]),
            Var::Day => push_num(out, rng.range(1, 14)),
            Var::Day2 => push_num(out, rng.range(15, 28)),
            Var::Nth | Var::Grade | Var::Town => {
                let section = match var {
                    Var::Nth => "nth",
                    Var::Grade => "grade",
                    _ => "town",
                };
                if let Some(t) = rng.pick(article.get(section)) {
                    self.render(rng, t, out);
                }
            }
        }
    }

    /// Renders one line from `section` of `article.txt` (nothing if empty).
    fn line(&self, rng: &mut Rng, section: &str, out: &mut String) {
        if let Some(t) = rng.pick(self.generator.article.get(section)) {
            self.render(rng, t, out);
        }
    }

    /// One filler sentence of Zipf-distributed words.
    fn filler(&self, rng: &mut Rng, out: &mut String) {
        let n = rng.range(6, 28);
        let comma = if n > 12 {
            rng.range(4, n - 3)
        } else {
            usize::MAX
        };
        for i in 0..n {
            let w = self.generator.vocab.sample(rng);
            if i == 0 {
                let mut chars = w.chars();
                if let Some(c) = chars.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
            }
            if i == comma {
                out.push(',');
            }
        }
        out.push('.');
    }

    /// One body sentence: theme, trap, council-naming, focus-keeping or filler.
    fn sentence(&mut self, rng: &mut Rng, out: &mut String) {
        let g = self.generator;
        let roll = rng.unit();
        if roll < 0.22 {
            let theme = &g.themes[rng.below(g.themes.len())];
            let pol = theme.pick_polarity(rng);
            if let Some(t) = rng.pick(pol) {
                self.render(rng, t, out);
            }
        } else if roll < 0.25 {
            if let Some(t) = rng.pick(&g.traps) {
                self.render(rng, t, out);
            }
        } else if roll < 0.31 {
            self.line(rng, "named", out);
        } else if roll < 0.38 {
            self.line(rng, "no_council", out);
        } else if roll < 0.40 {
            self.line(rng, "quote", out);
        } else if roll < 0.41 && self.councils.len() > 1 {
            self.line(rng, "both", out);
        } else {
            self.filler(rng, out);
        }
    }

    /// A paragraph of 1–3 sentences, occasionally a bullet line or a
    /// focus shift to another council of the article.
    fn paragraph(&mut self, rng: &mut Rng, out: &mut String) {
        if self.councils.len() > 1 && rng.chance(0.12) {
            self.focus = self.other_council(rng);
            self.line(rng, "focus_shift", out);
            out.push(' ');
        } else if rng.chance(0.08) {
            out.push_str("- ");
        }
        let n = rng.range(1, 3);
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            self.sentence(rng, out);
        }
        out.push_str("\n\n");
    }

    fn furniture(&self, rng: &mut Rng, kind: &str, out: &mut String) {
        let blocks: Vec<_> = self
            .generator
            .furniture
            .iter()
            .filter(|f| f.kind == kind)
            .collect();
        if let Some(block) = rng.pick(&blocks) {
            for line in &block.body {
                self.render(rng, line, out);
                out.push('\n');
            }
            out.push('\n');
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn push_num(out: &mut String, n: usize) {
    let _ = write!(out, "{n}");
}

fn ordinal(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Writes `date` in dateline form `form` (0..DATELINE_FORMS); form 7 is
/// "no dateline" and writes nothing, returning false.
pub fn dateline(date: NaiveDate, form: usize, out: &mut String) -> bool {
    let (d, m, y) = (date.day(), date.month(), date.year());
    let month = MONTHS[(m as usize).saturating_sub(1) % 12];
    let _ = match form {
        0 => write!(out, "| {d} {month} {y}"),
        1 => write!(out, "{}, {month} {d}, {y}", date.format("%A")),
        2 => write!(out, "{d} {month} {y}"),
        3 => write!(out, "{d}{} {month} {y}", ordinal(d)),
        4 => write!(out, "{y:04}-{m:02}-{d:02}"),
        5 => write!(out, "{d:02}/{m:02}/{y:04}"),
        6 => write!(out, "{} {d}, {y}", &month[..3]),
        _ => return false,
    };
    true
}

/// Writes document `doc` of the corpus; `report` picks the report shape.
pub fn render(generator: &Generator, rng: &mut Rng, report: bool) -> Rendered {
    let councils = generator.councils.len();
    let n_councils = if report {
        1
    } else {
        rng.range(1, 4).min(councils)
    };
    let mut chosen: Vec<usize> = Vec::with_capacity(n_councils);
    while chosen.len() < n_councils {
        let c = rng.below(councils);
        if !chosen.contains(&c) {
            chosen.push(c);
        }
    }
    let start = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap_or_default();
    let date = start + chrono::Duration::days(rng.below(16 * 365) as i64);
    let mut ctx = Ctx {
        generator,
        councils: chosen,
        focus: 0,
        date,
    };
    let mut out = String::with_capacity(if report { 32_768 } else { 6_144 });
    let has_dateline = if report {
        write_report(&mut ctx, rng, &mut out)
    } else {
        write_article(&mut ctx, rng, &mut out)
    };
    Rendered {
        text: out,
        date,
        has_dateline,
    }
}

fn write_article(ctx: &mut Ctx, rng: &mut Rng, out: &mut String) -> bool {
    if rng.chance(0.2) {
        ctx.line(rng, "section_label", out);
        out.push_str("\n\n");
    }
    ctx.line(rng, "headline", out);
    out.push_str("\n\n");
    match rng.below(10) {
        0..=6 => {
            out.push_str("By ");
            ctx.render_var(rng, Var::Person, out);
            out.push_str("\n\n");
        }
        7 => {
            ctx.render_var(rng, Var::Person, out);
            out.push_str("\n\n");
        }
        _ => {}
    }
    let has_dateline = dateline(ctx.date, rng.below(DATELINE_FORMS), out);
    if has_dateline {
        out.push_str("\n\n");
    }
    // Lead sentences often name no council: the first one named later.
    ctx.line(rng, "lead", out);
    out.push_str("\n\n");
    if rng.chance(0.5) {
        ctx.furniture(rng, "caption", out);
    }
    let paragraphs = rng.range(6, 30);
    for _ in 0..paragraphs {
        ctx.paragraph(rng, out);
    }
    if rng.chance(0.1) {
        ctx.furniture(rng, "caption", out);
    }
    for (kind, p) in [
        ("comments", 0.3),
        ("paywall", 0.2),
        ("subscription", 0.2),
        ("jobs", 0.2),
        ("footer", 0.3),
    ] {
        if rng.chance(p) {
            ctx.furniture(rng, kind, out);
        }
    }
    has_dateline
}

fn write_report(ctx: &mut Ctx, rng: &mut Rng, out: &mut String) -> bool {
    let g = ctx.generator;
    let reports = &g.reports;
    if let Some(t) = rng.pick(reports.get("title")) {
        ctx.render(rng, t, out);
        out.push_str("\n\n");
    }
    for t in reports.get("opening") {
        ctx.render(rng, t, out);
        out.push('\n');
    }
    out.push('\n');
    let headings = reports.get("heading");
    let sections = rng.range(3, 6);
    for _ in 0..sections {
        if let Some(t) = rng.pick(headings) {
            ctx.render(rng, t, out);
            out.push_str("\n\n");
        }
        for _ in 0..rng.range(8, 30) {
            ctx.paragraph(rng, out);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_in_every_form() {
        let date = NaiveDate::from_ymd_opt(2017, 10, 24).unwrap();
        let forms: Vec<String> = (0..DATELINE_FORMS)
            .map(|f| {
                let mut s = String::new();
                dateline(date, f, &mut s);
                s
            })
            .collect();
        assert_eq!(
            forms,
            [
                "| 24 October 2017",
                "Tuesday, October 24, 2017",
                "24 October 2017",
                "24th October 2017",
                "2017-10-24",
                "24/10/2017",
                "Oct 24, 2017",
                "",
            ]
        );
    }

    #[test]
    fn ordinals() {
        let got: Vec<&str> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
            .map(ordinal)
            .to_vec();
        assert_eq!(
            got,
            ["st", "nd", "rd", "th", "th", "th", "th", "st", "nd", "rd", "st"]
        );
    }
}
