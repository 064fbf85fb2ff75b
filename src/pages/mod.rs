//! Every HTML page of the site and what it shows: the list of pages and their paths
//! ([`SitePages`]), and one context function per kind of page, which turns the library into
//! the borrowed view structs (`views`) a template renders. Templates themselves, and the
//! rendering, are [`crate::theme`]'s.
//!
//! A context function sees the rest of the site only as [`summary::Summaries`]: other
//! documents as summaries, never their bodies. The only bodies it can reach are those of the
//! [`Page`]s its [`PageJob`] holds, which [`PageJob::shows`] lists for the preview's cache.

pub mod accessibility_page;
mod directory;
mod document;
mod formats;
mod glossary;
pub mod handbook;
mod lists;
mod plans;
pub mod summary;
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
use std::sync::OnceLock;
use summary::{Summaries, Summary};
use views::*;

/// How many versions a document's page lists in its version history, newest first; the rest
/// are on its history pages. Keeps every page's size independent of the number of versions.
pub const HISTORY_ON_PAGE: usize = 10;

/// Versions on each history page (`<id>/history/`, `<id>/history/2/`, ...).
pub const HISTORY_PAGE_SIZE: usize = 100;

/// What every context function is given besides the pages its job holds.
struct Ctx<'a> {
    /// The rest of the site, documents as summaries only.
    site: Summaries<'a>,
    root: String,
    view: SiteView<'a>,
    /// `view` converted once: every page's context shares it (tera values are reference-counted).
    site_value: tera::Value,
    /// The glossary's abbreviations, as document pages mark their first use.
    marks: glossary::Marks,
    /// Each published document's card as a template value, made when first wanted, by the
    /// document's place in [`Summaries::pages`]. A document is a card on the pages of up to
    /// eight related documents and of those adapting it: made once, each is shared (tera
    /// values are reference-counted) instead of converted for every page that shows it.
    cards: Vec<OnceLock<tera::Value>>,
}

impl<'a> Ctx<'a> {
    fn new(lib: &'a Library) -> Ctx<'a> {
        let site = Summaries::new(lib);
        let root = site.config.base_path();
        let mut networks: Vec<NetworkLink<'a>> = site
            .networks
            .iter()
            .map(|n| NetworkLink {
                id: &n.id,
                name: &n.profile.name,
                region: &n.profile.region,
                url: routes::url(&root, &routes::scope(&n.id)),
                documents: site.listed(&Scope::Network(n.id.clone())).count(),
            })
            .collect();
        // People look networks up by name, not by id.
        networks.sort_by_cached_key(|n| n.name.to_lowercase());
        let view = SiteView {
            title: &site.config.title,
            description: site.config.description.as_deref(),
            language: &site.config.language,
            base_url: site.config.base_url(),
            root: root.clone(),
            example_content: site.config.example_content,
            drafts: site.selection.drafts,
            only_network: site.selection.network.as_deref(),
            as_of: site.as_of.map(format_date),
            regions: group_by_region(&networks),
            networks,
            indicators: site.has_indicators(),
            accessibility: site.config.accessibility.is_some(),
        };
        let site_value = tera::Value::from_serializable(&view);
        Ctx {
            site,
            root,
            view,
            site_value,
            marks: glossary::Marks::new(site.glossary),
            cards: site.pages().map(|_| OnceLock::new()).collect(),
        }
    }

    fn scope_name(&self, scope: &'a Scope) -> &'a str {
        match scope {
            Scope::National => "National",
            Scope::Network(id) => self
                .site
                .network(id)
                .map_or(id.as_str(), |n| n.profile.name.as_str()),
        }
    }

    fn card(&self, p: Summary<'a>) -> DocCard<'a> {
        let m = p.meta();
        DocCard {
            id: p.id(),
            title: &m.title,
            summary: &m.summary,
            kind: m.kind.id(),
            kind_label: m.kind.label(),
            url: routes::url(&self.root, p.path()),
            version: m.version.to_string(),
            status: m.status.id(),
            approved: m
                .approved
                .filter(|_| !m.status.is_unpublished())
                .map(format_date),
            review: m.review.map(format_date),
            review_state: ReviewState::of(
                m.review.filter(|_| m.status.is_in_force()),
                self.site.today,
            ),
            scope: p.scope().id(),
            scope_name: self.scope_name(p.scope()),
            audience: m.audience.id(),
        }
    }

    /// [`Self::card`] as a template value, made once a build for a published document.
    fn card_value(&self, p: Summary<'a>) -> tera::Value {
        let convert = || tera::Value::from_serializable(&self.card(p));
        match self.site.position(p).and_then(|i| self.cards.get(i)) {
            Some(card) => card.get_or_init(convert).clone(),
            None => convert(),
        }
    }

    fn network_link(&self, id: &str) -> Option<&NetworkLink<'a>> {
        self.view.networks.iter().find(|n| n.id == id)
    }

    fn groups(&self, pages: impl Iterator<Item = Summary<'a>>) -> Vec<KindGroup<'a>> {
        let mut by_kind: BTreeMap<Kind, Vec<DocCard<'a>>> = BTreeMap::new();
        for p in pages {
            by_kind.entry(p.meta().kind).or_default().push(self.card(p));
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
/// The invariant the build cache relies on, kept by types: a page's context is made from the
/// pages its job holds ([`PageJob::shows`]) and the [`Summaries`] of the rest of the site,
/// which show no document's body.
pub struct SitePages<'a> {
    /// For making the list of jobs only; context functions see [`Ctx`].
    lib: &'a Library,
    cx: Ctx<'a>,
    pub jobs: Vec<PageJob<'a>>,
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
    /// national documents and adaptations they compare, or the documents a handbook prints.
    /// These are the only bodies its context function can reach (the rest of the site it
    /// sees as [`Summaries`]), so the build cache remakes the page when any of them changed.
    pub fn shows(&self) -> std::borrow::Cow<'_, [&'a Page]> {
        use std::borrow::Cow;
        match &self.what {
            What::Variation(p, more) => Cow::Owned(
                std::iter::once(*p)
                    .chain(more.iter().map(|(_, a)| *a))
                    .collect(),
            ),
            What::VariationIndex(_, _, all) => Cow::Borrowed(all),
            What::Handbook(_, docs) => Cow::Borrowed(docs),
            What::Document(p) | What::Version(p, _) | What::LargePrint(p) => {
                Cow::Borrowed(std::slice::from_ref(p))
            }
            _ => Cow::Borrowed(&[]),
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
    /// A national document's variation page, and each adaptation it shows with its page.
    Variation(&'a Page, Vec<(&'a crate::variation::Adaptation, &'a Page)>),
    /// The index of variation: the comparisons it measures, and every document they compare.
    VariationIndex(
        variation_pages::IndexSort,
        &'a crate::variation::Variation,
        Vec<&'a Page>,
    ),
    /// The glossary page.
    Glossary,
    /// A network's handbook (`/<network>/print/`), and the documents it prints.
    Handbook(&'a crate::network::Network, Vec<&'a Page>),
}

impl<'a> SitePages<'a> {
    /// Every page of the site; without those of [`SitePages::later`] when `later` is false
    /// (the preview makes them after the reload).
    pub fn new(lib: &'a Library, later: bool) -> SitePages<'a> {
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
        if later {
            jobs.extend(handbook_jobs(lib));
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
            lib,
            cx: Ctx::new(lib),
            jobs,
        }
    }

    /// The pages the preview makes just after a reload rather than before it: the networks'
    /// handbooks, which print every document of a network, so that an edit shows at once.
    pub fn later(lib: &'a Library) -> SitePages<'a> {
        SitePages {
            lib,
            cx: Ctx::new(lib),
            jobs: handbook_jobs(lib),
        }
    }

    /// Adds the variation pages: one per national document with an adaptation, and the index.
    pub fn with_variation(mut self, v: &'a crate::variation::Variation) -> SitePages<'a> {
        let lib = self.lib;
        let mut all = Vec::new();
        for (id, adaptations) in &v.documents {
            let Some(national) = lib.page(id) else {
                continue;
            };
            let local: Vec<_> = adaptations
                .iter()
                .filter_map(|a| Some((a, lib.page(&a.id)?)))
                .collect();
            all.push(national);
            all.extend(local.iter().map(|(_, p)| *p));
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
                    what: What::VariationIndex(sort, v, all.clone()),
                });
            }
        }
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
            What::Variation(p, adaptations) => variation_pages::variation_page(cx, p, adaptations),
            What::VariationIndex(sort, v, _) => variation_pages::index_page(cx, v, *sort),
        };
        let (doc, network) = job.about();
        ctx.insert("feedback", &cx.feedback(&job.path, doc, network));
        (template, ctx)
    }
}

impl<'a> SitePages<'a> {
    /// The bodies a page prints apart from its context (see [`crate::output::Bodies`]): a
    /// handbook's documents; none for other pages.
    pub fn bodies(&self, job: &PageJob<'a>) -> handbook::Nested<'a> {
        match &job.what {
            What::Handbook(_, docs) => handbook::Nested::of(docs),
            _ => handbook::Nested::default(),
        }
    }
}

/// Every network's handbook (`/<network>/print/`), with the documents it prints.
fn handbook_jobs(lib: &Library) -> Vec<PageJob<'_>> {
    lib.networks
        .iter()
        .map(|n| PageJob {
            path: routes::file(&routes::handbook(&n.id)),
            what: What::Handbook(n, handbook::documents(lib, &n.id)),
        })
        .collect()
}

impl Ctx<'_> {
    /// The "Report a problem" link of the page at `path` (see [`crate::feedback::link`]).
    fn feedback(
        &self,
        path: &str,
        doc: Option<&crate::content::Document>,
        network: Option<&str>,
    ) -> Option<crate::feedback::Link> {
        crate::feedback::link(self.site.config, self.site.networks, path, doc, network)
    }
}

/// The coverage dashboard page.
pub fn coverage_page(
    lib: &Library,
    theme: &Theme,
    coverage: &crate::coverage::Coverage,
) -> Result<String, TemplateError> {
    let cx = Ctx::new(lib);
    let mut ctx = cx.context(vec![cx.home_crumb()], None);
    ctx.insert("coverage", coverage);
    ctx.insert("feedback", &cx.feedback(routes::COVERAGE_FILE, None, None));
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
            ctx.insert("feedback", &cx.feedback(path, None, job.network.as_deref()));
            theme
                .render(job.template, &ctx)
                .map(|html| (job.path, html))
        })
        .collect()
}
