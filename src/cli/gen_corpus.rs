//! `motif gen-corpus`: not built yet.

use std::process::ExitCode;

use super::GlobalArgs;

/// Not built yet.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_global: &GlobalArgs, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`motif gen-corpus` is not built yet")
}
