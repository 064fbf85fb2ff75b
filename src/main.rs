//! The `pathways` command line: parses arguments (clap), runs a phase of [`pathways::site`],
//! prints diagnostics and maps the outcome to the contract's exit codes
//! (0 success, 1 content errors, 2 usage errors).

use clap::{Args, Parser, Subcommand, ValueEnum};
use pathways::content::Kind;
use pathways::diag;
use pathways::library::Selection;
use pathways::site::{self, BuildOptions, Failure};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

// A build allocates and frees many small strings on every thread; mimalloc does that with less
// time and memory than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Keeps the kernel from backing this process's memory with transparent huge pages. Where the
/// system gives them on request (`madvise`, Debian's default), mimalloc asks for them, each
/// 2 MiB page stays resident while any block in it is used, and the memory freed between a
/// build's long-lived strings cannot be returned: at 10,000 documents the peak was 15-20 MB
/// higher for no measurable speed. mimalloc's own option is read when it first allocates,
/// before `main`, so the process asks the kernel instead.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: sets one flag of this process; no memory is touched.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Build the website of a spinal network's pathways, policies and patient leaflets from
/// Markdown files in git.
///
/// Typical use: `pathways check` while editing, `pathways build` to publish. Run a command
/// with --help to see its options.
#[derive(Parser)]
#[command(name = "pathways", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website into the output folder (public/ by default).
    ///
    /// Drafts and documents out for consultation are left out unless --drafts is given.
    /// If any document has an error, nothing is written and the previous site stays as it was.
    Build {
        /// The content folder (site.yaml, glossary.yaml, national/, networks/).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Where to write the site. Replaced as a whole on success.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Build a standalone site for one network (its documents and the national ones),
        /// reporting only problems that concern it.
        #[arg(long, value_name = "ID")]
        network: Option<String>,
        /// Include draft and consultation documents, clearly watermarked, for review.
        #[arg(long)]
        drafts: bool,
        /// Publish under this address instead of site.yaml's base_url (e.g. a preview host).
        #[arg(long, value_name = "URL", value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Build the site as it was published on this date (YYYY-MM-DD): each document at the
        /// version in force then, from the content's git history.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<jiff::civil::Date>,
        /// Print how long each phase took.
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Check every document without writing anything, and report all problems at once.
    ///
    /// Checks drafts too. Exits 1 if there are errors (or, with --strict, warnings).
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Treat warnings, such as overdue reviews, as errors.
        #[arg(long)]
        strict: bool,
        /// `human` for people, `json` for CI dashboards (every diagnostic, on stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Report only on this network's documents and the national ones it uses (problems
        /// of the whole site still count).
        #[arg(long, value_name = "ID")]
        network: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Start a new document with every required field and the standard sections for its kind.
    ///
    /// Example: pathways new leaflet lumbar-discectomy --network selk
    New {
        /// The kind of document.
        #[arg(value_enum)]
        kind: Kind,
        /// The file name without .md, which becomes the page address: lowercase words joined by -.
        slug: String,
        /// The network id (its folder under networks/), or `national`.
        #[arg(long, value_name = "ID|national")]
        network: String,
        /// For a leaflet: `operation` (the ten standard sections, the default) or
        /// `warning-signs` (the urgent card first, then what it is, what to do, contacts).
        #[arg(long, value_enum)]
        leaflet_type: Option<pathways::kind::LeafletType>,
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Preview the site while you edit: rebuilds on every save and reloads open pages.
    ///
    /// Drafts and documents out for consultation are included, watermarked. Content errors
    /// show over the page with the same text as here; the last good pages stay served.
    /// Nothing is written to disk and no browser is opened: open the printed address.
    #[cfg(feature = "serve")]
    Serve {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = pathways::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on. Keep the default unless others must see your drafts.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Preview one network's site (its documents and the national ones), reporting only
        /// problems that concern it.
        #[arg(long, value_name = "ID")]
        network: Option<String>,
        /// Print how long each phase of each rebuild took.
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Start a new content repository in DIR: settings, a glossary, one network, one example
    /// document of each kind, a .gitignore and a CODEOWNERS example. It builds as it is.
    Init {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
    },
}

/// How problems are printed for people.
#[derive(Args, Clone, Copy)]
struct ReportArgs {
    /// Print at most N problems of each kind (code); the rest are counted in the summary.
    /// 0 prints all.
    #[arg(long, value_name = "N", default_value_t = diag::DEFAULT_MAX_PER_CODE)]
    max_per_code: usize,
    /// Print errors only; warnings are just counted (for CI logs).
    #[arg(long)]
    quiet_warnings: bool,
}

impl ReportArgs {
    fn options(self) -> diag::HumanOptions {
        diag::HumanOptions {
            max_per_code: self.max_per_code,
            quiet_warnings: self.quiet_warnings,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    pathways::content::parse_date(s).map_err(|why| why.to_string())
}

fn parse_base_url(s: &str) -> Result<String, String> {
    match pathways::config::base_url_problem(s) {
        None => Ok(s.to_owned()),
        Some(problem) => Err(format!(
            "it {problem}; write it as https://your-host/ (with a path for a subfolder)"
        )),
    }
}

/// Today's date, or PATHWAYS_TODAY (YYYY-MM-DD) for reproducible builds and tests.
fn today() -> Result<jiff::civil::Date, Failure> {
    match std::env::var("PATHWAYS_TODAY") {
        Ok(s) => pathways::content::parse_date(&s)
            .map_err(|why| Failure::Usage(format!("PATHWAYS_TODAY: {why}"))),
        Err(_) => Ok(jiff::ZonedDateTime::now().date()),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Build {
            content,
            out,
            network,
            drafts,
            base_url,
            as_of,
            verbose,
            report: report_args,
        } => {
            let opts = BuildOptions {
                content,
                out,
                selection: Selection { drafts, network },
                base_url,
                today: today()?,
                as_of,
                history: site::HistoryUse::Full,
            };
            let report = build_with_bar(&opts)?;
            eprint!(
                "{}",
                diag::render_human_with(&report.diags, report_args.options())
            );
            for note in &report.notes {
                eprintln!("warning: {note}");
            }
            if verbose {
                for phase in &report.timings {
                    eprintln!("{phase}");
                }
            }
            if report.succeeded() {
                eprintln!(
                    "built {} documents ({} files) into {}",
                    report.pages,
                    report.files,
                    opts.out.display()
                );
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "build failed: nothing was written; {} is unchanged",
                    opts.out.display()
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Check {
            content,
            strict,
            format,
            network,
            report,
        } => {
            let diags = site::check(content, today()?, strict, network)?;
            match format {
                Format::Human if diags.is_empty() => eprintln!("no problems found"),
                Format::Human => eprint!("{}", diag::render_human_with(&diags, report.options())),
                Format::Json => diag::write_json(std::io::stdout().lock(), &diags)
                    .map_err(|e| Failure::Operational(format!("cannot write the report: {e}")))?,
            }
            Ok(if diag::count_errors(&diags) > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::New {
            kind,
            slug,
            network,
            leaflet_type,
            content,
        } => {
            let req = pathways::scaffold::NewDocument {
                content: &content,
                kind,
                slug: &slug,
                network: &network,
                leaflet_type,
            };
            let path =
                pathways::scaffold::create(&req).map_err(|e| Failure::Usage(e.to_string()))?;
            println!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            content,
            port,
            bind,
            network,
            verbose,
            report,
        } => {
            pathways::serve::run(pathways::serve::ServeOptions {
                content,
                bind,
                port,
                network,
                today: today()?,
                verbose,
                report: report.options(),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let written = pathways::init::create(&dir, today()?)
                .map_err(|e| Failure::Usage(e.to_string()))?;
            for f in &written {
                println!("wrote {}", dir.join(f).display());
            }
            println!(
                "next: cd {} && pathways serve   (then open http://127.0.0.1:1111/)",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Builds, showing a progress bar on a terminal once the build has taken a second; quiet
/// otherwise (CI logs, pipes).
fn build_with_bar(opts: &BuildOptions) -> Result<site::BuildReport, Failure> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    if !std::io::stderr().is_terminal() {
        return site::build_with_progress(opts, &|_| {}, site::Afterwards::Exit);
    }
    let bar = ProgressBar::with_draw_target(Some(site::BUILD_PHASES), ProgressDrawTarget::hidden());
    if let Ok(style) =
        ProgressStyle::with_template("building {bar:30} {pos}/{len} phases, {msg} ({elapsed})")
    {
        bar.set_style(style);
    }
    let start = std::time::Instant::now();
    let progress = |phase: &'static str| {
        bar.inc(1);
        bar.set_message(format!("{phase} done"));
        if bar.is_hidden() && start.elapsed() > std::time::Duration::from_secs(1) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
    };
    let report = site::build_with_progress(opts, &progress, site::Afterwards::Exit);
    bar.finish_and_clear();
    report
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The preview keeps its memory between rebuilds, which huge pages serve: edit to reload at
    // 10,000 documents took 63-65 ms with them and 67-68 ms without.
    #[cfg(feature = "serve")]
    let previewing = matches!(cli.command, Command::Serve { .. });
    #[cfg(not(feature = "serve"))]
    let previewing = false;
    if !previewing {
        no_huge_pages();
    }
    match run(cli) {
        Ok(code) => code,
        Err(f) => {
            let code = match f {
                Failure::Usage(_) => 2,
                Failure::Operational(_) => 1,
            };
            let prefix = if std::io::stderr().is_terminal() {
                "\x1b[1;31merror\x1b[0m"
            } else {
                "error"
            };
            eprintln!("{prefix}: {f}");
            ExitCode::from(code)
        }
    }
}
