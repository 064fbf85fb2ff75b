//! Every HTML page of the site and what it shows: the list of pages and their paths
//! ([`SitePages`]), and one context function per kind of page, which turns the library into
//! the borrowed view structs (`views`) a template renders. Templates themselves, and the
//! rendering, are [`crate::theme`]'s.

pub mod accessibility_page;
mod directory;
mod document;
mod formats;
mod glossary;
pub mod handbook;
mod lists;
mod plans;
mod variation_pages;
mod views;

use crate::content::{Audience, Kind, Scope, Status, Version};
use crate::dates::format_date;
use crate::library::{Library, Page};
use crate::review::ReviewState;
use crate::routes;
use crate::theme::{TemplateError, Theme};
use document::{version_context, version_jobs, VersionJob};
use lists::{group_by_region, home, not_found, scope_page, search_page};
use std::collections::BTreeMap;
use views::*;

/// How many versions a document's page lists in its version history, newest first; the rest
/// are on its history pages. Keeps every page's size independent of the number of versions.
pub const HISTORY_ON_PAGE: usize = 10;

/// Versions on each history page (`<id>/history/`, `<id>/history/2/`, ...).
pub const HISTORY_PAGE_SIZE: usize = 100;

struct Ctx<'a> {
    lib: &'a Library,
    root: String,
    site: SiteView<'a>,
    /// `site` converted once: every page's context shares it (tera values are reference-counted).
    site_value: tera::Value,
    /// The glossary's abbreviations, as document pages mark their first use.
    marks: glossary::Marks,
}

impl<'a> Ctx<'a> {
    fn new(lib: &'a Library) -> Ctx<'a> {
        let root = lib.site.base_path();
        let mut networks: Vec<NetworkLink<'a>> = lib
            .networks
            .iter()
            .map(|n| NetworkLink {
                id: &n.id,
                name: &n.profile.name,
                region: &n.profile.region,
                url: routes::url(&root, &routes::scope(&n.id)),
                documents: lib.listed(&Scope::Network(n.id.clone())).count(),
            })
            .collect();
        // People look networks up by name, not by id.
        networks.sort_by_cached_key(|n| n.name.to_lowercase());
        let site = SiteView {
            title: &lib.site.title,
            description: lib.site.description.as_deref(),
            language: &lib.site.language,
            base_url: lib.site.base_url(),
            root: root.clone(),
            example_content: lib.site.example_content,
            drafts: lib.selection.drafts,
            only_network: lib.selection.network.as_deref(),
            as_of: lib.as_of.map(format_date),
            regions: group_by_region(&networks),
            networks,
            indicators: !lib.indicators.is_empty(),
            accessibility: lib.site.accessibility.is_some(),
        };
        let site_value = tera::Value::from_serializable(&site);
        Ctx {
            lib,
            root,
            site,
            site_value,
            marks: glossary::Marks::new(&lib.glossary),
        }
    }

    fn scope_name(&self, scope: &'a Scope) -> &'a str {
        match scope {
            Scope::National => "National",
            Scope::Network(id) => self
                .lib
                .network(id)
                .map_or(id.as_str(), |n| n.profile.name.as_str()),
        }
    }

    fn card(&self, p: &'a Page) -> DocCard<'a> {
        let m = &p.doc.meta;
        DocCard {
            id: &p.doc.id,
            title: &m.title,
            summary: &m.summary,
            kind: m.kind.id(),
            kind_label: m.kind.label(),
            url: routes::url(&self.root, &p.path),
            version: m.version.to_string(),
            status: m.status.id(),
            approved: m
                .approved
                .filter(|_| !m.status.is_unpublished())
                .map(format_date),
            review: m.review.map(format_date),
            review_state: ReviewState::of(
                m.review.filter(|_| m.status.is_in_force()),
                self.lib.today,
            ),
            scope: p.doc.scope.id(),
            scope_name: self.scope_name(&p.doc.scope),
            audience: m.audience.id(),
        }
    }

    fn network_link(&self, id: &str) -> Option<&NetworkLink<'a>> {
        self.site.networks.iter().find(|n| n.id == id)
    }

    fn groups(&self, pages: impl Iterator<Item = &'a Page>) -> Vec<KindGroup<'a>> {
        let mut by_kind: BTreeMap<Kind, Vec<DocCard<'a>>> = BTreeMap::new();
        for p in pages {
            by_kind
                .entry(p.doc.meta.kind)
                .or_default()
                .push(self.card(p));
        }
        by_kind
            .into_iter()
            .map(|(k, mut docs)| {
                docs.sort_by(|a, b| a.title.cmp(b.title));
                KindGroup {
                    kind: k.id(),
                    heading: k.plural(),
                    docs,
                }
            })
            .collect()
    }

    /// The context every template sees: the site, the breadcrumbs, and the network whose
    /// pages these are (for the network bar and its switcher), if any.
    fn context(&self, crumbs: Vec<Crumb>, network: Option<&str>) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert(
            "context_network",
            &network.and_then(|id| self.network_link(id)),
        );
        ctx
    }

    fn home_crumb(&self) -> Crumb {
        Crumb {
            title: "Home".into(),
            url: self.root.clone(),
        }
    }

    fn scope_crumb(&self, scope: &'a Scope) -> Crumb {
        let title = match scope {
            Scope::National => "National documents",
            Scope::Network(_) => self.scope_name(scope),
        };
        Crumb {
            title: title.to_owned(),
            url: routes::url(&self.root, &routes::scope(scope.id())),
        }
    }
}

/// Every HTML page of the site, listed without building what it shows: a page's template
/// context is built only when it is rendered (or compared with a cached one), so a build never
/// holds more than the pages in flight.
///
/// Invariant the build cache relies on: a document's body (its rendering) reaches only its
/// own page; every other page shows front matter, settings and networks only.
pub struct SitePages<'a> {
    cx: Ctx<'a>,
    pub jobs: Vec<PageJob<'a>>,
    /// The comparisons variation pages show, when they are made.
    variation: Option<&'a crate::variation::Variation>,
}

/// One page to render: where it goes and what it shows.
pub struct PageJob<'a> {
    pub path: String,
    what: What<'a>,
}

impl<'a> PageJob<'a> {
    /// The document this page shows (its own page, a past version or a comparison); `None`
    /// for the home, network and other list pages.
    pub fn page(&self) -> Option<&'a Page> {
        match self.what {
            What::Document(p) | What::Version(p, _) | What::Variation(p, _) => Some(p),
            What::LargePrint(p) => Some(p),
            What::Home
            | What::NotFound
            | What::Search
            | What::Scope(_)
            | What::VariationIndex(..) => None,
            What::Services(_) | What::ServicesIndex => None,
            What::Workplan(..) | What::Report(..) => None,
            What::Handbook(..) | What::Glossary => None,
        }
    }

    /// The document version this page shows, if any, and the network it belongs to: what its
    /// "Report a problem" link names.
    pub fn about(&self) -> (Option<&'a crate::content::Document>, Option<&str>) {
        let network = |s: &'a Scope| document::scope_network(s);
        match &self.what {
            What::Version(p, VersionJob::Past(i)) => {
                (p.past.get(*i).map(|v| &v.doc), network(&p.doc.scope))
            }
            What::Document(p) | What::Version(p, _) | What::Variation(p, _) => {
                (Some(&*p.doc), network(&p.doc.scope))
            }
            What::Scope(Scope::Network(id)) => (None, Some(id.as_str())),
            What::Services(n) | What::Workplan(n, _) | What::Report(n, ..) => {
                (None, Some(n.id.as_str()))
            }
            _ => (None, None),
        }
    }

    /// Every document whose body this page shows: its own, or for variation pages the
    /// national documents and adaptations they compare. The build cache remakes the page
    /// when any of them changed.
    pub fn shows(&self) -> Vec<&'a Page> {
        match &self.what {
            What::Variation(p, more) => std::iter::once(*p).chain(more.iter().copied()).collect(),
            What::VariationIndex(_, all) => all.clone(),
            What::Handbook(_, docs) => docs.clone(),
            _ => self.page().into_iter().collect(),
        }
    }
}

enum What<'a> {
    Home,
    NotFound,
    Search,
    Scope(Scope),
    Document(&'a Page),
    /// A leaflet's large-print page.
    LargePrint(&'a Page),
    Version(&'a Page, VersionJob),
    /// A network's service directory.
    Services(&'a crate::network::Network),
    /// The national index of services.
    ServicesIndex,
    /// A network's workplan for a year.
    Workplan(&'a crate::network::Network, &'a crate::workplan::Workplan),
    /// A progress report against a workplan.
    Report(
        &'a crate::network::Network,
        &'a crate::workplan::Workplan,
        crate::workplan::Period,
    ),
    /// A national document's variation page, and the adaptations it shows.
    Variation(&'a Page, Vec<&'a Page>),
    /// The index of variation, and every document it measures.
    VariationIndex(variation_pages::IndexSort, Vec<&'a Page>),
    /// The glossary page.
    Glossary,
    /// A network's handbook (`/<network>/print/`), and the documents it prints.
    Handbook(&'a crate::network::Network, Vec<&'a Page>),
}

impl<'a> SitePages<'a> {
    pub fn new(lib: &'a Library) -> SitePages<'a> {
        use rayon::prelude::*;
        let job = |path: String, what: What<'a>| PageJob { path, what };
        let mut jobs = vec![
            job(routes::file(routes::HOME), What::Home),
            job(routes::NOT_FOUND_FILE.into(), What::NotFound),
            job(routes::file(routes::SEARCH), What::Search),
            job(routes::file(routes::GLOSSARY), What::Glossary),
        ];
        let scopes = std::iter::once(Scope::National)
            .chain(lib.networks.iter().map(|n| Scope::Network(n.id.clone())));
        for scope in scopes {
            jobs.push(job(
                routes::file(&routes::scope(scope.id())),
                What::Scope(scope),
            ));
        }
        // The service directory: every network's page, and the national index.
        jobs.push(job(routes::file(routes::SERVICES), What::ServicesIndex));
        for n in lib.networks.iter().filter(|n| n.services.is_some()) {
            jobs.push(job(
                routes::file(&routes::network_services(&n.id)),
                What::Services(n),
            ));
        }
        for n in &lib.networks {
            let docs = handbook::documents(lib, &n.id);
            let path = routes::file(&routes::handbook(&n.id));
            jobs.push(job(path, What::Handbook(n, docs)));
        }
        // Workplans and their progress reports.
        for n in &lib.networks {
            for plan in &n.workplans {
                let path = routes::workplan(&n.id, &plan.year);
                jobs.push(job(routes::file(&path), What::Workplan(n, plan)));
                for r in &plan.reports {
                    let path = routes::report(&n.id, &plan.year, r.period.id());
                    jobs.push(job(routes::file(&path), What::Report(n, plan, r.period)));
                }
            }
        }
        let pages: Vec<PageJob<'a>> = lib
            .pages
            .par_iter()
            .flat_map_iter(|p| {
                let own = job(routes::file(&p.path), What::Document(p));
                // Past versions and comparisons show this document's versions, so they change
                // with it, like its own page.
                let versions = version_jobs(p)
                    .into_iter()
                    .map(move |(path, which)| job(path, What::Version(p, which)));
                let large_print = formats::large_print_path(p)
                    .map(|path| job(routes::file(&path), What::LargePrint(p)));
                std::iter::once(own).chain(versions).chain(large_print)
            })
            .collect();
        jobs.extend(pages);
        SitePages {
            cx: Ctx::new(lib),
            jobs,
            variation: None,
        }
    }

    /// Adds the variation pages: one per national document with an adaptation, and the index.
    pub fn with_variation(mut self, v: &'a crate::variation::Variation) -> SitePages<'a> {
        let lib = self.cx.lib;
        let mut all = Vec::new();
        for (id, adaptations) in &v.documents {
            let Some(national) = lib.page(id) else {
                continue;
            };
            let local: Vec<&'a Page> = adaptations.iter().filter_map(|a| lib.page(&a.id)).collect();
            all.push(national);
            all.extend(local.iter().copied());
            self.jobs.push(PageJob {
                path: routes::file(&routes::variation(id)),
                what: What::Variation(national, local),
            });
        }
        if !v.documents.is_empty() {
            for (path, sort) in [
                (routes::VARIATION_INDEX, variation_pages::IndexSort::Share),
                (
                    routes::VARIATION_BY_TITLE,
                    variation_pages::IndexSort::Title,
                ),
            ] {
                self.jobs.push(PageJob {
                    path: routes::file(path),
                    what: What::VariationIndex(sort, all.clone()),
                });
            }
        }
        self.variation = Some(v);
        self
    }

    /// The template of one page and everything it sees.
    pub fn context(&self, job: &PageJob<'a>) -> (&'static str, tera::Context) {
        let cx = &self.cx;
        let (template, mut ctx) = match &job.what {
            What::Home => home(cx),
            What::NotFound => not_found(cx),
            What::Search => search_page(cx),
            What::Scope(scope) => scope_page(cx, scope),
            What::Document(p) => document::document(cx, p),
            What::LargePrint(p) => formats::large_print(cx, p),
            What::Version(p, which) => version_context(cx, p, *which),
            What::Services(n) => directory::network_page(cx, n),
            What::ServicesIndex => directory::index_page(cx),
            What::Workplan(n, plan) => plans::workplan_page(cx, n, plan),
            What::Report(n, plan, period) => plans::report_page(cx, n, plan, *period),
            What::Handbook(n, docs) => handbook::handbook_page(cx, n, docs),
            What::Glossary => glossary::glossary_page(cx),
            What::Variation(p, _) => {
                variation_pages::variation_page(cx, p, self.variation.unwrap_or(&EMPTY))
            }
            What::VariationIndex(sort, _) => {
                variation_pages::index_page(cx, self.variation.unwrap_or(&EMPTY), *sort)
            }
        };
        let (doc, network) = job.about();
        ctx.insert(
            "feedback",
            &crate::feedback::link(cx.lib, &job.path, doc, network),
        );
        (template, ctx)
    }
}

static EMPTY: crate::variation::Variation = crate::variation::Variation {
    documents: std::collections::BTreeMap::new(),
};

/// The coverage dashboard page.
pub fn coverage_page(
    lib: &Library,
    theme: &Theme,
    coverage: &crate::coverage::Coverage,
) -> Result<String, TemplateError> {
    let cx = Ctx::new(lib);
    let mut ctx = cx.context(vec![cx.home_crumb()], None);
    ctx.insert("coverage", coverage);
    let feedback = crate::feedback::link(lib, routes::COVERAGE_FILE, None, None);
    ctx.insert("feedback", &feedback);
    theme.render("coverage.html", &ctx)
}

/// Translation and Easy Read pages (see [`formats`]), rendered: (path, HTML).
pub fn format_pages(lib: &Library, theme: &Theme) -> Result<Vec<(String, String)>, TemplateError> {
    formats::pages(lib, theme)
}

/// The indicator pages (see [`crate::indicators::pages`]), rendered: (path, HTML).
pub fn indicator_pages(
    lib: &Library,
    theme: &Theme,
) -> Result<Vec<(String, String)>, TemplateError> {
    use crate::indicators::pages;
    use rayon::prelude::*;
    let cx = Ctx::new(lib);
    let site = pages::Site {
        root: &cx.root,
        networks: lib.networks.iter().map(|n| n.id.as_str()).collect(),
    };
    pages::jobs(&lib.indicators, &site)
        .into_par_iter()
        .map(|job| {
            let crumbs = std::iter::once(cx.home_crumb())
                .chain(
                    job.crumbs
                        .into_iter()
                        .map(|(title, url)| Crumb { title, url }),
                )
                .collect();
            let mut ctx = cx.context(crumbs, job.network.as_deref());
            ctx.insert("page", &job.view);
            let path = job.path.as_str();
            let feedback = crate::feedback::link(lib, path, None, job.network.as_deref());
            ctx.insert("feedback", &feedback);
            theme
                .render(job.template, &ctx)
                .map(|html| (job.path, html))
        })
        .collect()
}
