//! Dev-only walk-through: write every report from a synthetic set of
//! analyses, without a corpus, gazetteer or lexicons.
//!
//! Takes an output folder (default `target/report-demo`) and gives the same
//! files `motif run` writes, from 60 made-up articles about six councils over
//! six years, plus one hostile article whose title, file name and sentences
//! try to inject markup and formulas. `scripts/screenshot-report.sh` uses it
//! to look at `report.html` in headless Chromium.
//!
//!     cargo run --example report_demo -- /tmp/demo [DOCS]
//!
//! With DOCS (default 60) it also serves as a rough timing of counting and
//! report writing at scale; the times go to stderr.

use std::collections::BTreeMap;
use std::path::PathBuf;

use motif::counts::testing::AnalysisBuilder;
use motif::counts::{Counts, Labels};
use motif::pipeline::Analysis;
use motif::report::{write_reports, CsvOptions, Provenance, ReportInput};
use motif::themes::Polarity;

const COUNCILS: [(&str, &str); 6] = [
    ("Birmingham", "E08000025"),
    ("Kent", "E10000016"),
    ("Slough", "E06000039"),
    ("Southwark", "E09000028"),
    ("Tameside", "E08000008"),
    ("Torbay", "E06000027"),
];
const THEMES: [&str; 4] = [
    "caseloads",
    "worker_turnover",
    "voice_of_the_child",
    "permanence",
];
/// A sentence and the term in it, per theme, as (text, term, polarity).
const LINES: [[(&str, &str, Polarity); 2]; 4] = [
    [
        (
            "Inspectors found caseloads were too high.",
            "caseloads",
            Polarity::Concern,
        ),
        (
            "Social workers now have manageable caseloads.",
            "manageable caseloads",
            Polarity::Strength,
        ),
    ],
    [
        (
            "The council relies on agency staff.",
            "agency staff",
            Polarity::Concern,
        ),
        (
            "Children keep the same social worker.",
            "same social worker",
            Polarity::Strength,
        ),
    ],
    [
        (
            "Children's views are not always recorded.",
            "Children's views",
            Polarity::Concern,
        ),
        (
            "Children feel listened to.",
            "listened to",
            Polarity::Strength,
        ),
    ],
    [
        (
            "Permanence planning is too slow.",
            "Permanence planning",
            Polarity::Concern,
        ),
        (
            "Adoption work is outstanding.",
            "Adoption",
            Polarity::Strength,
        ),
    ],
];

/// A small deterministic pseudo-random sequence (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn synthetic(docs: u64) -> Vec<Analysis> {
    let mut rng = Lcg(7);
    let mut out = Vec::new();
    for n in 0..docs {
        let council = u16::try_from(rng.next(6)).unwrap_or(0);
        let year = 2015 + rng.next(6);
        let date = format!("{year}-{:02}-15", 1 + rng.next(12));
        let name = COUNCILS[usize::from(council)].0;
        let mut b = AnalysisBuilder::new(&format!("{year}/article-{n:05}.txt"), Some(&date))
            .title(&format!("Ofsted visit to {name}"))
            .sentence(
                &format!("Ofsted has published its report on {name} Council."),
                &[council],
            )
            .sentence("The report runs to twelve pages.", &[council]);
        for _ in 0..1 + rng.next(4) {
            // Early years lean to concerns, later years to strengths.
            let theme = rng.next(4) as usize;
            let strength = rng.next(10) < 2 + (year - 2015);
            let (text, term, polarity) = LINES[theme][usize::from(strength)];
            b = b
                .sentence(text, &[council])
                .mention(theme as u16, term, polarity);
        }
        if n % 7 == 0 {
            b = b
                .sentence("Nationally, caseloads keep rising.", &[])
                .mention(0, "caseloads", Polarity::Neutral);
        }
        out.push(b.build());
    }
    out.push(
        AnalysisBuilder::new("\"><img src=x onerror=alert(2)>.txt", Some("2020-03-01"))
            .title("<script>alert(1)</script>")
            .sentence(
                "<script>alert(1)</script> Tameside caseloads were too high.",
                &[4],
            )
            .mention(0, "caseloads", Polarity::Concern)
            .sentence("=HYPERLINK(\"http://evil.example\",\"caseloads\")", &[4])
            .mention(0, "caseloads", Polarity::Concern)
            .build(),
    );
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/report-demo"), PathBuf::from);
    let docs = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(60);
    let analyses = synthetic(docs);
    let started = std::time::Instant::now();
    let counts = Counts::from_analyses(&analyses);
    let counted = started.elapsed();
    let labels = Labels::from_parts(&COUNCILS, &THEMES);
    let provenance = Provenance::new(
        "demo-lexicons",
        "demo-gazetteer",
        &analyses,
        BTreeMap::from([("example".to_string(), "report_demo".to_string())]),
    );
    let input = ReportInput {
        analyses: &analyses,
        duplicates: &[],
        counts: &counts,
        labels: &labels,
        provenance: &provenance,
    };
    let (written, _) = write_reports(&out, &input, CsvOptions::default())?;
    eprintln!(
        "{} documents, {} mentions: counted in {:.3}s, reports written in {:.3}s",
        counts.documents(),
        counts.mentions(),
        counted.as_secs_f64(),
        (started.elapsed() - counted).as_secs_f64()
    );
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
}
