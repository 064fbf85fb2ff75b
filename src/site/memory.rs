//! Builds in memory, for the preview and tests: the same phases as [`super::build`], with the
//! files kept rather than written. The preview builds all but the slow, rarely viewed files
//! first (the search index, the networks' handbooks and the coverage dashboard), reloads the
//! page, and makes those a moment later with [`make_later`].

use super::{
    coverage_files, page_renderer, quiet, render_into, BuildOptions, BuildReport, Failure, Made,
    Make, Sink,
};
use crate::cache::BuildCache;
use crate::output::{OutputFile, WriteError};
use crate::pages::SitePages;
use bytes::Bytes;
use std::sync::Mutex;

impl Sink for Mutex<Vec<OutputFile>> {
    fn put(&self, path: &str, bytes: Bytes) -> Result<(), WriteError> {
        self.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(OutputFile::new(path, bytes));
        Ok(())
    }

    fn count(&self) -> usize {
        self.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// Every phase of a build but the writing: the site's files, minified, in memory, or `None`
/// when there are content errors (in the report). `cache` lets a rebuild reuse whatever
/// has not changed; the preview server keeps one between rebuilds.
pub fn render(
    opts: &BuildOptions,
    cache: &mut BuildCache,
) -> Result<(BuildReport, Option<Vec<OutputFile>>), Failure> {
    let (report, files) = in_memory(opts, cache, Make::All)?;
    Ok((report, files.map(|(files, _)| files)))
}

/// What [`render_all_but_later`] leaves to do: the library and theme to make the search index
/// and the later pages from.
pub type Later = Made;

/// A build's files in memory, and what they were made from; `None` after content errors.
type InMemory = (BuildReport, Option<(Vec<OutputFile>, Made)>);

/// [`render`] without the search index and the pages of [`SitePages::later`], and with what
/// they are made from ([`make_later`], [`crate::search::files_unless`]).
pub fn render_all_but_later(
    opts: &BuildOptions,
    cache: &mut BuildCache,
) -> Result<InMemory, Failure> {
    in_memory(opts, cache, Make::AllButLater)
}

fn in_memory(opts: &BuildOptions, cache: &mut BuildCache, make: Make) -> Result<InMemory, Failure> {
    let open = || Ok(Mutex::new(Vec::new()));
    let (report, files) = render_into(opts, cache, &quiet, open, make)?;
    let files = files.map(|(f, made): (Mutex<Vec<OutputFile>>, Made)| {
        (f.into_inner().unwrap_or_else(|e| e.into_inner()), made)
    });
    Ok((report, files))
}

/// The pages [`render_all_but_later`] left out (the handbooks, and the coverage dashboard and
/// its JSON), made (through `cache`, which remakes only those showing a document changed
/// since) from what it returned; `None` when `stop` said another change is waiting before they
/// were all made: the next call makes them instead.
pub fn make_later(
    later: &Later,
    cache: &mut BuildCache,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Option<Vec<OutputFile>>, Failure> {
    let pages = SitePages::later(&later.lib);
    let sink = Mutex::new(Vec::new());
    let put = |path: &str, bytes: Bytes| sink.put(path, bytes);
    let render = page_renderer(&later.theme);
    let fingerprint = later.theme.fingerprint();
    if !cache.later_pages(&pages, fingerprint, render, &put, stop)? {
        return Ok(None);
    }
    if stop() {
        return Ok(None);
    }
    let mut files = sink.into_inner().unwrap_or_else(|e| e.into_inner());
    files.extend(coverage_files(&later.lib, &later.theme, cache)?);
    Ok(Some(files))
}
