//! The content's git history for a build: started as the build starts, so that git reads it
//! while the content folder is read, and waited for once the content has been read.

use super::{BuildOptions, Failure, HistoryUse};
use crate::cache::BuildCache;
use crate::diag::Diagnostic;
use crate::{history, versions};
use std::sync::Arc;

/// The content's git history as a build starts: kept by the cache (the preview reads it
/// once), or being read by git while the content is read.
pub(super) enum PendingHistory {
    Kept(Arc<crate::cache::KeptHistory>),
    Reading(history::Reading<Option<versions::Snapshot>>),
    NotStarted(history::Unavailable),
}

/// Starts reading the content's git history, unless the cache keeps it.
pub(super) fn start_history(
    opts: &BuildOptions,
    cache: &BuildCache,
) -> Result<PendingHistory, Failure> {
    if let Some(kept) = cache.history(&opts.content) {
        return Ok(PendingHistory::Kept(kept));
    }
    let limit = history::timeout().map_err(|e| Failure::Usage(e.to_string()))?;
    Ok(
        match history::start(&opts.content, versions::snapshot, limit) {
            Ok(reading) => PendingHistory::Reading(reading),
            Err(why) => PendingHistory::NotStarted(why),
        },
    )
}

/// The content's git history, once git has given it. A git that does not finish in time is a
/// failure, not a missing history: a build without it could leave out the approved version of
/// a document being revised.
pub(super) fn finish_history(
    pending: PendingHistory,
    opts: &BuildOptions,
    cache: &mut BuildCache,
) -> Result<Arc<crate::cache::KeptHistory>, Failure> {
    let read = match pending {
        PendingHistory::Kept(kept) => return Ok(kept),
        PendingHistory::Reading(reading) => reading.wait(),
        PendingHistory::NotStarted(why) => Err(why),
    };
    // The preview publishes nothing: it carries on without the history (and does not wait
    // for git again on every save).
    let previewing = opts.history == HistoryUse::Revisions && opts.as_of.is_none();
    if let (Err(history::Unavailable::TimedOut(limit)), false) = (&read, previewing) {
        let limit = *limit;
        return Err(Failure::Operational(format!(
            "{}; nothing was built. git may be waiting for a lock, a network drive or a password: check that `git log` finishes in {}, or allow it longer with {}=SECONDS (now {})",
            history::Unavailable::TimedOut(limit),
            opts.content.display(),
            history::TIMEOUT_VARIABLE,
            limit.as_secs()
        )));
    }
    Ok(cache.keep_history(&opts.content, read))
}

/// The one warning a build without history gives.
pub(super) fn no_history(why: &history::Unavailable) -> Diagnostic {
    let help = match why {
        history::Unavailable::TimedOut(_) => "check that `git log` finishes in the content folder, or allow it longer with PATHWAYS_GIT_TIMEOUT=SECONDS; restart the preview to read the history again",
        history::Unavailable::Shallow => "fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in CI) to publish past versions",
        _ => "build from a git clone of the content (with its full history) to publish past versions",
    };
    Diagnostic::warning(
        "no-history",
        ".",
        format!("{why}: only current versions are published, without version history"),
    )
    .help(help)
}
