//! Prints the judgements `motif::judgements::extract` reads from each file
//! given, one `file<TAB>framework<TAB>area<TAB>grade` line per judgement, so
//! a person can check them against the report's own text.
//!
//! ```text
//! cargo run --example judgements_show -- ../shared/ofsted-reports/ofsted_80487_2017-07-07.txt
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        for j in motif::judgements::extract(&text) {
            println!(
                "{path}\t{}\t{}\t{}",
                j.framework.as_str(),
                j.area,
                j.grade.as_str()
            );
        }
    }
    Ok(())
}
