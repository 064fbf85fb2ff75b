//! The page memo: which pages a rebuild makes again, and the making of them.

use crate::incremental::{Memo, Run, Step};
use crate::library::{Library, Page};
use crate::output::{Bodies, Put, WriteError};
use crate::pages::SitePages;
use crate::theme::TemplateError;
use bytes::Bytes;
use std::collections::BTreeSet;

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
/// template and context are equal to last time. Stops with [`PageError::GaveWay`] when `stop`
/// says so.
pub(super) fn make_pages(
    memo: &mut Memo<String, PageEntry>,
    pages: &SitePages<'_>,
    plan: &PagePlan,
    compare: bool,
    render: impl Fn(&'static str, &tera::Context, &dyn Bodies) -> Result<Vec<u8>, TemplateError> + Sync,
    emit: Put<'_>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Run<()>, PageError> {
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
                emit(&job.path, hit.bytes.clone())?;
                return Ok(Step::Reused(()));
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
                emit(&job.path, e.bytes.clone())?;
                return Ok(Step::Reused(()));
            }
            let bytes = Bytes::from(render(template, &context, &bodies)?);
            // A one-off build keeps nothing: the context and bytes are freed once written.
            let fresh = keep.then(|| PageEntry {
                template,
                templates,
                context: compare.then_some(context),
                bytes: bytes.clone(),
            });
            emit(&job.path, bytes)?;
            Ok(Step::Made((), fresh))
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
