//! Criterion micro-benchmarks of the hot per-sentence stages, on generated
//! text (`motif::gen`): segmentation (`text::sentences`), council finding
//! (`councils::attribute`) and theme matching (`themes::tag`). Throughput is
//! reported per sentence. CI compiles these (`cargo bench --no-run`) but
//! never runs them; run with `cargo bench --bench stages`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use motif::councils::Gazetteer;
use motif::gen::Generator;
use motif::text::Sentence;
use motif::themes::LexiconSet;

/// Documents in the benchmark sample: a few hundred KB of text.
const DOCS: usize = 200;

/// Generated bodies, decoded to text (Windows-1252 files included).
fn bodies(gazetteer: &Gazetteer) -> Vec<String> {
    let Ok(generator) = Generator::new(gazetteer, 42) else {
        return Vec::new();
    };
    (0..DOCS)
        .map(|i| {
            let doc = generator.document(i);
            match String::from_utf8(doc.bytes) {
                Ok(s) => s,
                Err(e) => encoding_rs::WINDOWS_1252
                    .decode(e.as_bytes())
                    .0
                    .into_owned(),
            }
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let gazetteer = match Gazetteer::embedded() {
        Ok(g) => g,
        Err(e) => return eprintln!("stages: no gazetteer: {e}"),
    };
    let lexicons = match LexiconSet::embedded() {
        Ok(l) => l,
        Err(e) => return eprintln!("stages: no lexicons: {e}"),
    };
    let bodies = bodies(&gazetteer);
    let split: Vec<Vec<Sentence>> = bodies.iter().map(|b| motif::text::sentences(b)).collect();
    let n_sentences: usize = split.iter().map(Vec::len).sum();

    let mut group = c.benchmark_group("per_sentence");
    group.throughput(Throughput::Elements(n_sentences as u64));
    group.sample_size(10);
    group.bench_function("segmentation", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|body| motif::text::sentences(body).len())
                .sum::<usize>()
        })
    });
    group.bench_function("theme_matching", |b| {
        b.iter(|| {
            bodies
                .iter()
                .zip(&split)
                .map(|(body, sentences)| {
                    motif::themes::tag(&lexicons, body, sentences, motif::themes::Genre::Article)
                        .mentions
                        .len()
                })
                .sum::<usize>()
        })
    });

    // Council finding needs `Document`s: build them with the corpus reader
    // from the same generated files, so this bench follows the reader's
    // cleaning (and skips itself while the reader cannot read them).
    let documents = read_generated(&gazetteer);
    if documents.is_empty() {
        eprintln!("council_finding: skipped (the corpus reader returned no documents)");
    } else {
        let split_docs: Vec<Vec<Sentence>> = documents
            .iter()
            .map(|d| motif::text::sentences(&d.body))
            .collect();
        let n: usize = split_docs.iter().map(Vec::len).sum();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function("council_finding", |b| {
            b.iter(|| {
                documents
                    .iter()
                    .zip(&split_docs)
                    .map(|(d, s)| motif::councils::attribute(&gazetteer, d, s).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn read_generated(gazetteer: &Gazetteer) -> Vec<motif::corpus::Document> {
    let Ok(dir) = tempfile::tempdir() else {
        return Vec::new();
    };
    let options = motif::gen::GenOptions {
        docs: Some(DOCS),
        max_bytes: None,
        seed: 42,
    };
    if motif::gen::generate(gazetteer, &options, dir.path()).is_err() {
        return Vec::new();
    }
    motif::corpus::read_corpus(dir.path(), &Default::default())
        .map(|c| c.documents)
        .unwrap_or_default()
}

criterion_group!(benches, stages);
criterion_main!(benches);
