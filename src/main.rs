//! The `motif` binary: parse the command line and dispatch. Everything else
//! lives in the library (`src/lib.rs`) and in `src/cli/`, one file per
//! subcommand.

use std::process::ExitCode;

use clap::Parser;

mod cli;

/// Small allocations dominate the pipeline's allocator traffic (rows,
/// tokens, sentence strings); mimalloc serves them from per-thread pages
/// where glibc's malloc spent a fifth of a report pass.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::dispatch(args) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("motif: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`motif search ... | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
