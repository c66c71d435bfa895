//! The `parallax` command line: it parses the options, runs the command
//! and turns its outcome into an exit status. Every finding comes from the
//! library crates; each command's module (`commands/`) lays out what it
//! prints.

mod commands;
mod failure;
mod output;
mod progress;

use clap::Parser;
use parallax_report::Templates;
use std::process::ExitCode;

// The sentence model allocates and frees large tensors at every layer; the
// system allocator hands each back to the kernel, which then zeroes fresh
// pages for the next (a fifth of the model's time). mimalloc keeps them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The HTML templates this program ships, embedded at build time.
const TEMPLATES: Templates = Templates {
    report: include_str!("../templates/report.html"),
    corpus: include_str!("../templates/corpus.html"),
};

/// Compare reports of the same event from different outlets.
#[derive(Debug, Parser)]
#[command(name = "parallax", version, about, long_about = None)]
pub struct Cli {
    /// Also report files skipped while walking directories.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: commands::Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // An interrupted run leaves the previous outputs as they were and no
    // temporary file beside them. Without the handler (a platform that
    // refuses it) a signal ends the run as it always would.
    let _ = ctrlc::set_handler(|| {
        parallax_report::write::remove_temporary();
        // 128 + SIGINT, as a shell reports an interrupted command.
        std::process::exit(130);
    });
    match commands::run(cli.command, cli.verbose) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
