//! The page memo: which pages a rebuild makes again, the making of them, and which of them it
//! hands over.

use super::BuildCache;
use crate::incremental::{Memo, Run, Step};
use crate::library::{Library, Page};
use crate::output::{Bodies, Put, WriteError};
use crate::pages::SitePages;
use crate::theme::TemplateError;
use bytes::Bytes;
use std::collections::BTreeSet;

/// Which pages a build hands to its sink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handover {
    /// Every page, as it is made or reused (a build into a folder, or into memory).
    Every,
    /// None: the caller keeps the pages of earlier builds and takes what changed, with the
    /// pages made afresh, from [`BuildCache::page_changes`] (the
    /// preview: handing over its 11,000 unchanged pages after every save, and making the map of
    /// them again, took 3–4 ms of a rebuild at 10,000 documents).
    Changes,
}

/// How the kept pages changed in the last build that made them, for a caller with
/// [`Handover::Changes`].
#[derive(Debug, Default)]
pub struct PageChanges {
    /// The build these changes follow, counting builds that made pages (`0`: none). A caller
    /// that did not take that build's pages (it failed after making them) takes them all
    /// from [`BuildCache::kept_pages`] instead.
    pub after: u64,
    /// This build's number.
    pub build: u64,
    /// The pages made afresh, by path.
    pub made: Vec<(String, Bytes)>,
    /// The paths of the last build's pages that this one does not have.
    pub gone: Vec<String>,
}

/// A page as the last build made it, and what it was made from.
pub(super) struct PageEntry {
    template: &'static str,
    templates: u64,
    /// `None` for a page made later: it shows so much (a handbook, every document of a
    /// network) that keeping and comparing its context would cost more than making it.
    context: Option<tera::Context>,
    bytes: Bytes,
}

/// Renders every page of `pages` through `render` and hands it to `emit`, reusing from `memo`
/// the bytes of any page that `plan` says cannot have changed or (when `compare`) whose
/// template and context are equal to last time. Without `emit`, the result of each page made
/// afresh is its bytes (`None` for the others). Stops with [`PageError::GaveWay`] when `stop`
/// says so.
pub(super) fn make_pages(
    memo: &mut Memo<String, PageEntry>,
    pages: &SitePages<'_>,
    plan: &PagePlan,
    compare: bool,
    render: impl Fn(&'static str, &tera::Context, &dyn Bodies) -> Result<Vec<u8>, TemplateError> + Sync,
    emit: Option<Put<'_>>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Run<Option<Bytes>, String>, PageError> {
    let templates = plan.templates;
    let keep = memo.keeps();
    memo.run(
        &pages.jobs,
        |job| &job.path,
        |job, entry| -> Result<_, PageError> {
            let shows = job.shows();
            let wanted = match &*shows {
                [] => plan.wants(None),
                pages => pages.iter().any(|p| plan.wants(Some(p))),
            };
            if !wanted {
                let hit = entry.ok_or_else(|| PageError::NotKept(job.path.clone()))?;
                if let Some(emit) = emit {
                    emit(&job.path, hit.bytes.clone())?;
                }
                return Ok(Step::Reused(None));
            }
            if stop() {
                return Err(PageError::GaveWay);
            }
            let (template, context) = pages.context(job);
            let bodies = pages.bodies(job);
            // A page's bodies are not in its context (see `output::Bodies`): only the plan
            // above can tell such a page has not changed.
            let hit = entry.filter(|e| {
                bodies.is_empty()
                    && e.templates == templates
                    && e.template == template
                    && e.context.as_ref() == Some(&context)
            });
            if let Some(e) = hit {
                if let Some(emit) = emit {
                    emit(&job.path, e.bytes.clone())?;
                }
                return Ok(Step::Reused(None));
            }
            let bytes = Bytes::from(render(template, &context, &bodies)?);
            // A one-off build keeps nothing: the context and bytes are freed once written.
            let fresh = keep.then(|| PageEntry {
                template,
                templates,
                context: compare.then_some(context),
                bytes: bytes.clone(),
            });
            match emit {
                Some(emit) => emit(&job.path, bytes)?,
                None => return Ok(Step::Made(Some(bytes), fresh)),
            }
            Ok(Step::Made(None, fresh))
        },
    )
}

/// Why the pages could not be made.
#[derive(Debug)]
pub enum PageError {
    Template(TemplateError),
    Write(WriteError),
    /// The plan reused a page the cache does not hold (a bug).
    NotKept(String),
    /// Another change is waiting: the pages made later give way to its build.
    GaveWay,
}

impl From<TemplateError> for PageError {
    fn from(e: TemplateError) -> Self {
        PageError::Template(e)
    }
}

impl From<WriteError> for PageError {
    fn from(e: WriteError) -> Self {
        PageError::Write(e)
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Template(e) => e.fmt(f),
            PageError::Write(e) => e.fmt(f),
            PageError::NotKept(path) => write!(f, "internal error: no cached page for {path}"),
            PageError::GaveWay => write!(f, "gave way to a newer change"),
        }
    }
}

/// Which pages get a freshly built context: all, or only those of these source paths.
pub struct PagePlan {
    pub(super) templates: u64,
    /// `None` for a one-off build.
    pub(super) shape: Option<Shape>,
    pub(super) only: Option<BTreeSet<String>>,
}

impl PagePlan {
    /// Whether the page of `page` (or, for `None`, a home, network or other list page) needs
    /// its context built.
    pub fn wants(&self, page: Option<&Page>) -> bool {
        match (&self.only, page) {
            (None, _) => true,
            (Some(fresh), Some(p)) => fresh.contains(&p.doc.path),
            (Some(_), None) => false,
        }
    }
}

/// What every page can show besides the bodies of the documents it shows (see
/// [`crate::pages::summary`]), and the templates: while both are equal between two builds,
/// only pages that show a changed document can differ.
#[derive(PartialEq)]
pub(super) struct Shape {
    templates: u64,
    summaries: crate::pages::summary::Shape,
}

impl Shape {
    pub(super) fn of(lib: &Library, templates: u64) -> Shape {
        Shape {
            templates,
            summaries: crate::pages::summary::Summaries::new(lib).shape(),
        }
    }
}

impl BuildCache {
    /// Hands the pages of the following builds to their sinks as `handover` says. A disabled
    /// cache keeps no pages to take changes from, so it hands over every page.
    pub fn hand_over(&mut self, handover: Handover) {
        self.handover = if self.enabled {
            handover
        } else {
            Handover::Every
        };
    }

    /// How the pages changed in the last build that made them (see [`Handover::Changes`]).
    pub fn page_changes(&self) -> &PageChanges {
        &self.page_changes
    }

    /// Every page of the last build that made pages, in no particular order.
    pub fn kept_pages(&self) -> impl Iterator<Item = (&String, &Bytes)> {
        self.pages.entries().map(|(path, e)| (path, &e.bytes))
    }

    /// Decides which pages need their template context built. When nothing but the bodies of
    /// some documents changed since the last successful build (the same templates, and the
    /// same summaries: settings, networks, glossary, indicator names and every page's front
    /// matter), only the pages that show those documents can differ: a page's context sees
    /// other documents only as summaries, and the documents whose bodies it shows are
    /// [`crate::pages::PageJob::shows`]. Otherwise every context is built and compared.
    pub(crate) fn page_plan(&self, lib: &Library, templates: u64) -> PagePlan {
        // A one-off build has nothing to compare with.
        let shape = self.enabled.then(|| Shape::of(lib, templates));
        let only = (shape.is_some() && self.shape == shape).then(|| self.fresh.clone());
        PagePlan {
            templates,
            shape,
            only,
        }
    }

    /// Renders every page through `render` (which also minifies) and hands it to `emit` as
    /// soon as it is made (with [`Handover::Changes`], to no one: see
    /// [`BuildCache::page_changes`]), reusing the bytes of any page that the plan says cannot
    /// have changed, or whose template and context are equal to last time.
    pub(crate) fn pages(
        &mut self,
        pages: &SitePages<'_>,
        plan: PagePlan,
        render: impl Fn(&'static str, &tera::Context, &dyn Bodies) -> Result<Vec<u8>, TemplateError>
            + Sync,
        emit: Put<'_>,
    ) -> Result<(), PageError> {
        self.shape = None;
        if plan.only.is_none() {
            self.derived.clear();
        }
        let emit = (self.handover == Handover::Every).then_some(emit);
        let run = make_pages(&mut self.pages, pages, &plan, true, render, emit, &|| false)?;
        self.stats.pages = run.results.len();
        self.stats.pages_reused = run.reused();
        if self.handover == Handover::Changes {
            let made = (pages.jobs.iter().zip(run.results))
                .filter_map(|(job, made)| Some((job.path.clone(), made?)));
            let after = self.page_changes.build;
            self.page_changes = PageChanges {
                after,
                build: after + 1,
                made: made.collect(),
                gone: run.forgotten,
            };
        }
        // The pages made later fall behind by what this build made afresh.
        match (&mut self.later_behind, &plan.only) {
            (Some(behind), Some(fresh)) => behind.extend(fresh.iter().cloned()),
            _ => self.later_behind = None,
        }
        if self.enabled {
            self.shape = plan.shape;
        }
        Ok(())
    }

    /// Makes the pages the preview leaves until after a reload (`pages`: the handbooks of
    /// [`SitePages::later`]), remaking only those that show a document changed by any build
    /// since they were last made, or all of them when the site's shape changed meanwhile.
    /// Gives way (`Ok(false)`, nothing emitted is to be used) as soon as `stop` says another
    /// change is waiting; what is still to do is then done by the next call.
    pub(crate) fn later_pages(
        &mut self,
        pages: &SitePages<'_>,
        templates: u64,
        render: impl Fn(&'static str, &tera::Context, &dyn Bodies) -> Result<Vec<u8>, TemplateError>
            + Sync,
        emit: Put<'_>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<bool, PageError> {
        let plan = PagePlan {
            templates,
            shape: None,
            only: self.later_behind.clone(),
        };
        match make_pages(
            &mut self.later,
            pages,
            &plan,
            false,
            render,
            Some(emit),
            stop,
        ) {
            Ok(_) => {
                self.later_behind = self.enabled.then(BTreeSet::new);
                Ok(true)
            }
            Err(PageError::GaveWay) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
