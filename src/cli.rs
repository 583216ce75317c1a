//! Command line: parses arguments and runs the matching command; `main.rs` only calls [`run`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::pipeline::{self, BuildOptions};

/// dossier — turn a folder of articles into an annotated, cross-linked reader.
#[derive(Parser, Debug)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    ///
    /// Examples:
    ///   dossier build
    ///   dossier build -c other/site.toml -o /tmp/site -u https://me.github.io/dossier/
    Build {
        /// The site configuration.
        #[arg(short, long, default_value = "site.toml")]
        config: PathBuf,
        /// Write the site here instead of the configured output_dir.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Public address, for canonical links only (internal links stay relative).
        #[arg(short = 'u', long = "base-url")]
        base_url: Option<String>,
        /// Rebuild even if nothing changed since the last build.
        #[arg(short, long)]
        force: bool,
        /// Print the wall time of each pipeline stage.
        #[arg(short, long)]
        verbose: bool,
    },
}

/// Runs the command line; errors print their whole cause chain once and exit with 1.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            config,
            output,
            base_url,
            force,
            verbose,
        } => match pipeline::build(
            &config,
            &BuildOptions {
                output,
                base_url,
                force,
            },
        ) {
            Ok(r) if r.up_to_date => {
                if verbose {
                    print_stages(&r.stages);
                }
                println!(
                    "nothing changed since the last build: {} is up to date ({} articles, {} files) — checked in {} ms",
                    r.output.display(),
                    r.articles,
                    r.files,
                    r.elapsed.as_millis()
                );
                ExitCode::SUCCESS
            }
            Ok(r) => {
                if verbose {
                    print_stages(&r.stages);
                }
                for w in &r.warnings {
                    eprintln!("warning: {w}");
                }
                println!(
                        "built {} articles, {} actors ({} mentions), {} dates: {} pages ({} files) in {} — done in {} ms",
                        r.articles,
                        r.actors,
                        r.mentions,
                        r.dates,
                        r.pages,
                        r.files,
                        r.output.display(),
                        r.elapsed.as_millis()
                    );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                eprintln!("nothing was written; the previous site, if any, is unchanged.");
                ExitCode::FAILURE
            }
        },
    }
}

/// One line per stage on stderr, so stdout keeps the single summary line.
fn print_stages(stages: &pipeline::Stages) {
    for (name, time) in &stages.times {
        eprintln!("{:>20}: {:>8.1} ms", name, time.as_secs_f64() * 1000.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
