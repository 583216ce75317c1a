//! Command line: parses arguments and runs the matching command; `main.rs` only calls [`run`].
//!
//! Exit codes are the same for every command: 0 when it succeeded, 1 when the content or the
//! configuration has errors (or a file cannot be read or written), 2 when the command line
//! itself is wrong (clap's usage errors).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

use crate::check::{self, Severity};
use crate::diagnostic::count;
use crate::extract::{self, ExtractOptions};
use crate::pipeline::{self, BuildOptions};
use crate::progress::Bar;

const EXIT_CODES: &str = "Exit codes: 0 success, 1 errors in the content or configuration, \
2 wrong command line.\nRun `dossier help COMMAND` for examples.";

/// dossier — turn a folder of articles into an annotated, cross-linked reader.
#[derive(Parser, Debug)]
#[command(name = "dossier", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// Print nothing but errors (no summary line, no warnings).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    #[command(after_help = "Examples:
  dossier build
  dossier build -v                       # with the time of each stage
  dossier build -c other/site.toml -o /tmp/site -u https://me.github.io/dossier/")]
    Build {
        /// The site configuration.
        #[arg(short, long, default_value = "site.toml")]
        config: PathBuf,
        /// Write the site here instead of the configured output_dir.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Public address, for canonical links, og:url and the sitemap only (internal links
        /// stay relative).
        #[arg(short = 'u', long = "base-url")]
        base_url: Option<String>,
        /// Rebuild even if nothing changed since the last build.
        #[arg(short, long)]
        force: bool,
        /// Replace invalid UTF-8 in articles with U+FFFD (and warn) instead of failing.
        #[arg(long)]
        lossy: bool,
        /// Build even when editorial notes cannot be anchored (orphans): list them on
        /// orphans.html and warn, instead of failing.
        #[arg(long)]
        allow_orphans: bool,
        /// Print the wall time of each pipeline stage, with resident and peak memory after it.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Check the configuration, every article, every date and every link, writing nothing.
    ///
    /// Problems print as `error: FILE:LINE:COL: message` (or `warning: …`); the exit code is 1
    /// when there is an error, 0 when there are only warnings.
    #[command(after_help = "Examples:
  dossier check
  dossier check -c other/site.toml
  dossier check --external               # also fetch every external link")]
    Check {
        /// The site configuration.
        #[arg(short, long, default_value = "site.toml")]
        config: PathBuf,
        /// Also fetch every external link of the output (article urls, links in articles).
        #[arg(long)]
        external: bool,
        /// Report orphaned editorial notes as warnings instead of errors.
        #[arg(long)]
        allow_orphans: bool,
    },
    /// Print the actor and date annotations of loose texts as JSON lines.
    ///
    /// One JSON object per mention: file, kind (actor, date, duration), text, start and end
    /// (byte offsets into the file), actor or value, sentence. Actors come from site.toml when
    /// there is one (or from -c), else none are annotated.
    #[command(after_help = "Examples:
  dossier extract article.txt
  pbpaste | dossier extract --published 2025-07-04 -
  dossier extract --published 2025-07-04 notes/*.md | jq -r 'select(.kind==\"date\") | .value'
  dossier extract -c ~/sites/afghanistan/site.toml new-article.txt")]
    Extract {
        /// The texts (.md is read as Markdown, anything else as plain text); `-` reads
        /// standard input as plain text.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Publication date relative dates resolve against: YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(short, long, value_parser = parse_published)]
        published: Option<String>,
        /// A site configuration whose actors to use (default: site.toml, when present).
        #[arg(short, long)]
        config: Option<PathBuf>,
    },
    /// Create a new site: a commented site.toml and an example article.
    #[command(after_help = "Examples:
  dossier init my-dossier && cd my-dossier && dossier build
  dossier init                            # in the current folder")]
    Init {
        /// The folder to create the site in (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The dossier action the Pages workflow uses, as `owner/repo@ref` (default: this
        /// dossier's own repository at main).
        #[arg(long, value_name = "OWNER/REPO@REF")]
        action: Option<String>,
    },
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  dossier completions bash > ~/.local/share/bash-completion/completions/dossier
  dossier completions zsh > ~/.zfunc/_dossier
  dossier completions fish > ~/.config/fish/completions/dossier.fish")]
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// Build into memory, serve on 127.0.0.1, and rebuild and reload the browser on every change.
    #[command(after_help = "Examples:
  dossier serve
  dossier serve -p 8080 --open")]
    Serve {
        /// The site configuration.
        #[arg(short, long, default_value = "site.toml")]
        config: PathBuf,
        /// Port on 127.0.0.1 (0: any free one).
        #[arg(short, long, default_value_t = 8000)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Serve even when editorial notes cannot be anchored: list them on orphans.html.
        #[arg(long)]
        allow_orphans: bool,
    },
}

/// Runs the command line; errors print their whole cause chain once and exit with 1.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    match cli.command {
        Command::Serve {
            config,
            port,
            open,
            allow_orphans,
        } => {
            let options = crate::serve::ServeOptions {
                config,
                port,
                open,
                quiet,
                allow_orphans,
            };
            match crate::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build {
            config,
            output,
            base_url,
            force,
            lossy,
            allow_orphans,
            verbose,
        } => build(
            &config,
            &BuildOptions {
                output,
                base_url,
                force,
                lossy,
                allow_orphans,
            },
            verbose,
            quiet,
        ),
        Command::Check {
            config,
            external,
            allow_orphans,
        } => run_check(&config, external, allow_orphans, quiet),
        Command::Extract {
            files,
            published,
            config,
        } => {
            let config = config.or_else(|| {
                let default = PathBuf::from("site.toml");
                default.is_file().then_some(default)
            });
            let options = ExtractOptions {
                files,
                published,
                config,
            };
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let result = extract::extract_from(&options, &mut std::io::stdin().lock(), &mut out);
            let flushed = out.flush();
            match (result, flushed) {
                (Ok(done), Ok(())) => {
                    if !quiet {
                        for w in &done.warnings {
                            eprintln!("{w}");
                        }
                    }
                    ExitCode::SUCCESS
                }
                (Err(e), _) => fail(&e),
                (_, Err(e)) => fail(&e.into()),
            }
        }
        Command::Init { dir, action } => {
            match crate::init::init_with(&dir, &action.unwrap_or_else(crate::init::default_action))
            {
                Ok(written) => {
                    if !quiet {
                        for file in &written {
                            println!("created {}", dir.join(file).display());
                        }
                        let cd = if dir == Path::new(".") {
                            String::new()
                        } else {
                            format!("cd {} && ", dir.display())
                        };
                        println!("next: {cd}dossier build, then open public/index.html");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "dossier",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

fn build(config: &Path, options: &BuildOptions, verbose: bool, quiet: bool) -> ExitCode {
    let bar = Bar::start(!quiet);
    let result = pipeline::build_with(config, options, Some(bar.progress()));
    bar.finish();
    match result {
        Ok(r) if r.up_to_date => {
            if verbose {
                print_stages(&r.stages);
            }
            if !quiet {
                println!(
                    "nothing changed since the last build: {} is up to date ({}, {}) — checked in {} ms",
                    r.output.display(),
                    count(r.articles, "article"),
                    count(r.files, "file"),
                    r.elapsed.as_millis()
                );
            }
            ExitCode::SUCCESS
        }
        Ok(r) => {
            if verbose {
                print_stages(&r.stages);
                eprintln!(
                    "{:>20}: {} articles reused, {} analysed{}",
                    "analysis cache",
                    r.cache.reused,
                    r.cache.analysed,
                    match r.cache.refused {
                        0 => String::new(),
                        n => format!(", {n} damaged or outdated files rewritten"),
                    }
                );
            }
            if !quiet {
                for w in &r.warnings {
                    eprintln!("{w}");
                }
                println!(
                    "built {}, {} ({}), {}: {} ({}) in {} — done in {} ms",
                    count(r.articles, "article"),
                    count(r.actors, "actor"),
                    count(r.mentions, "mention"),
                    count(r.dates, "date"),
                    count(r.pages, "page"),
                    count(r.files, "file"),
                    r.output.display(),
                    r.elapsed.as_millis()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            for problem in crate::diagnostic::of_error(&e) {
                eprintln!("{problem}");
            }
            eprintln!("nothing was written; the previous site, if any, is unchanged.");
            ExitCode::FAILURE
        }
    }
}

fn run_check(config: &Path, external: bool, allow_orphans: bool, quiet: bool) -> ExitCode {
    let report = check::check_with(config, external, allow_orphans);
    for p in &report.problems {
        if p.severity == Severity::Error || !quiet {
            eprintln!("{p}");
        }
    }
    let errors = report.count(Severity::Error);
    if !quiet {
        let external = if external {
            format!(", {}", count(report.external, "external link"))
        } else {
            String::new()
        };
        println!(
            "checked {}, {}{external}: {}, {}",
            count(report.articles, "article"),
            count(report.pages, "page"),
            count(errors, "error"),
            count(report.count(Severity::Warning), "warning")
        );
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn fail(e: &anyhow::Error) -> ExitCode {
    for problem in crate::diagnostic::of_error(e) {
        eprintln!("{problem}");
    }
    ExitCode::FAILURE
}

/// Validates `--published` while parsing, so a bad date is a usage error (exit code 2).
fn parse_published(value: &str) -> Result<String, String> {
    crate::config::check_published(value).map(|_| value.trim().to_string())
}

/// One line per stage on stderr, so stdout keeps the single summary line.
fn print_stages(stages: &pipeline::Stages) {
    for (i, (name, time)) in stages.times.iter().enumerate() {
        let peak = stages.peak_kb.get(i).copied().unwrap_or(0);
        let now = stages.now_kb.get(i).copied().unwrap_or(0);
        let (user, system) = stages.cpu.get(i).copied().unwrap_or_default();
        eprintln!(
            "{:>20}: {:>8.1} ms  (cpu {:.1} s user, {:.1} s system; memory {} MB, peak so far {} MB)",
            name,
            time.as_secs_f64() * 1000.0,
            user.as_secs_f64(),
            system.as_secs_f64(),
            now / 1024,
            peak / 1024
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
