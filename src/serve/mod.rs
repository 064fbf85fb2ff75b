//! `pathways serve`: a live preview for network teams. Builds the site with drafts and
//! consultation documents (watermarked) into memory, serves it on a loopback address, watches
//! the content folder, rebuilds on every save (reusing what has not changed, see
//! [`crate::cache`]) and reloads open tabs over server-sent events. A content error shows as an
//! overlay with the terminal's errors while the last good pages stay served. The terminal
//! prints the whole report once, then after each save only what changed.
//!
//! Nothing is written to disk and nothing is opened (no browser): the preview only prints its
//! address, and answers only requests addressed to a local host ([`hosts`]). The whole module sits behind the default-on `serve` cargo feature so that
//! `build` and `check` can be compiled without the HTTP stack.
//!
//! Threads: the watcher's (notify), one builder thread that owns the build cache, and the
//! HTTP server on a single-threaded tokio runtime; snapshots pass from the builder to the
//! server through a `tokio::sync::watch` channel.

pub mod builder;
pub mod files;
pub mod hosts;
pub mod http;
pub mod page;
pub mod watch;

use crate::library::Selection;
use crate::site::{BuildOptions, Failure};
use builder::Builder;
use jiff::civil::Date;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

pub const DEFAULT_PORT: u16 = 1111;

pub struct ServeOptions {
    pub content: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port (the address is printed).
    pub port: u16,
    /// Preview only this network's site, and report only what concerns it.
    pub network: Option<String>,
    pub today: Date,
    /// Print how long each phase of each rebuild took.
    pub verbose: bool,
    /// How the terminal prints problems.
    pub report: crate::diag::HumanOptions,
}

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, which the Rust bindings
/// do not name).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps the memory a rebuild frees for the next one instead of giving it back to the system a
/// second later (mimalloc's default). Every rebuild allocates tens of megabytes afresh at
/// 10,000 documents, and the system hands them back page by page, zeroed: with saves 1.5 s
/// apart a rebuild took 70 ms (median of 9) with the default and 55 ms without giving memory
/// back, for 3 % more resident memory (1.38 to 1.43 GB). Only the preview does this: a build
/// ends and frees everything.
fn keep_freed_memory() {
    // SAFETY: sets one integer option of the allocator, which mimalloc allows at any time and
    // from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

/// Runs the preview until the process is stopped.
pub fn run(opts: ServeOptions) -> Result<(), Failure> {
    keep_freed_memory();
    if !opts.content.is_dir() {
        return Err(Failure::Usage(format!(
            "no content folder at {}; pass --content DIR or start one with `pathways init DIR`",
            opts.content.display()
        )));
    }
    // The watcher reports absolute paths: with the folder in the same form, a change is matched
    // to the document it changed (and editors' temporary files are recognised).
    let content = opts
        .content
        .canonicalize()
        .map_err(|e| Failure::Usage(format!("cannot open {}: {e}", opts.content.display())))?;
    let listener =
        std::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
            Failure::Operational(format!(
                "cannot listen on {}:{}: {e}; is another preview running? Try --port",
                opts.bind, opts.port
            ))
        })?;
    let addr = listener.local_addr().map_err(io_failure)?;
    let mut builder = Builder::new(
        BuildOptions {
            content: content.clone(),
            out: PathBuf::new(),
            selection: Selection {
                drafts: true,
                network: opts.network.clone(),
            },
            base_url: Some(format!("http://{addr}/")),
            today: opts.today,
            as_of: None,
            history: crate::site::HistoryUse::Revisions,
        },
        opts.verbose,
        opts.report,
    );
    // Watch before the first build, so a save during it triggers another.
    let (changed, changes) = std::sync::mpsc::channel();
    let pending = Arc::new(AtomicBool::new(false));
    let _watch = watch::start(&content, changed, pending.clone()).map_err(|e| {
        Failure::Operational(format!("cannot watch {}: {e}", opts.content.display()))
    })?;
    let first = builder.rebuild(&[]);
    if let Some(failure) = builder.usage_failure() {
        return Err(failure);
    }
    let first = builder.add_later(&|| false).unwrap_or(first);
    let (publish, snapshots) = tokio::sync::watch::channel(first);
    std::thread::Builder::new()
        .name("pathways-builder".into())
        .spawn(move || {
            builder::run(builder, changes, &pending, |s| {
                publish.send_replace(s);
            })
        })
        .map_err(io_failure)?;

    if !opts.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}, so other machines on the network can see drafts",
            opts.bind
        );
    }
    println!(
        "serving {} at http://{addr}/ (drafts included; Ctrl-C stops)",
        opts.content.display()
    );
    let _ = std::io::stdout().flush();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(io_failure)?;
    runtime
        .block_on(async move {
            listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let hosts = hosts::Hosts { listening: addr };
            axum::serve(listener, http::router(snapshots, hosts)).await
        })
        .map_err(io_failure)
}

fn io_failure(e: std::io::Error) -> Failure {
    Failure::Operational(e.to_string())
}

#[cfg(test)]
mod tests {
    /// The option's number is mimalloc's own: it holds the purge delay's default, 1,000 ms
    /// (no neighbouring option has that default).
    #[test]
    fn the_purge_delay_option_is_mimallocs() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads one integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
