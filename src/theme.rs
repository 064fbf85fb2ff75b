//! The theme: Tera templates and static files, embedded in the binary so `pathways` works from
//! anywhere, and overridable file by file from the content folder's `theme/` folder. Templates
//! see borrowed view structs built here from the library, never hand-built maps.
//!
//! Overriding: a file `theme/templates/document.html` in the content folder replaces the
//! default `document.html`; it can still `{% extends "default/document.html" %}` and override
//! single blocks. `theme/static/style.css` replaces the default stylesheet, and so on.

pub(crate) mod contrast;
mod directory;
mod plans;
mod variation_pages;

use crate::compare::{self, Comparison};
use crate::content::{Audience, Kind, Scope, Status, Version};
use crate::library::{self, Library, Page};
use crate::output::OutputFile;
use crate::render::TocEntry;
use crate::source::{BinaryFile, SourceFile};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The default theme, as `(name, contents)`.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "network.html",
        include_str!("../themes/default/templates/network.html"),
    ),
    (
        "document.html",
        include_str!("../themes/default/templates/document.html"),
    ),
    (
        "version.html",
        include_str!("../themes/default/templates/version.html"),
    ),
    (
        "compare.html",
        include_str!("../themes/default/templates/compare.html"),
    ),
    (
        "variation.html",
        include_str!("../themes/default/templates/variation.html"),
    ),
    (
        "variation_index.html",
        include_str!("../themes/default/templates/variation_index.html"),
    ),
    (
        "history.html",
        include_str!("../themes/default/templates/history.html"),
    ),
    (
        "partials/version_history.html",
        include_str!("../themes/default/templates/partials/version_history.html"),
    ),
    (
        "partials/doc_body.html",
        include_str!("../themes/default/templates/partials/doc_body.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "search.html",
        include_str!("../themes/default/templates/search.html"),
    ),
    (
        "coverage.html",
        include_str!("../themes/default/templates/coverage.html"),
    ),
    (
        "partials/doc_list.html",
        include_str!("../themes/default/templates/partials/doc_list.html"),
    ),
    (
        "partials/review_tag.html",
        include_str!("../themes/default/templates/partials/review_tag.html"),
    ),
    (
        "partials/switcher.html",
        include_str!("../themes/default/templates/partials/switcher.html"),
    ),
    (
        "partials/search_form.html",
        include_str!("../themes/default/templates/partials/search_form.html"),
    ),
    // Indicator pages, made by `indicator_pages` below.
    (
        "indicators.html",
        include_str!("../themes/default/templates/indicators.html"),
    ),
    (
        "indicator.html",
        include_str!("../themes/default/templates/indicator.html"),
    ),
    (
        "network_indicators.html",
        include_str!("../themes/default/templates/network_indicators.html"),
    ),
    (
        "partials/example_figures.html",
        include_str!("../themes/default/templates/partials/example_figures.html"),
    ),
    (
        "partials/figure.html",
        include_str!("../themes/default/templates/partials/figure.html"),
    ),
    (
        "services.html",
        include_str!("../themes/default/templates/services.html"),
    ),
    (
        "services_index.html",
        include_str!("../themes/default/templates/services_index.html"),
    ),
    (
        "workplan.html",
        include_str!("../themes/default/templates/workplan.html"),
    ),
    (
        "report.html",
        include_str!("../themes/default/templates/report.html"),
    ),
    (
        "partials/rag.html",
        include_str!("../themes/default/templates/partials/rag.html"),
    ),
    (
        "partials/service.html",
        include_str!("../themes/default/templates/partials/service.html"),
    ),
];

const STATIC: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../themes/default/static/style.css"),
    ),
    (
        "search.css",
        include_str!("../themes/default/static/search.css"),
    ),
    (
        "search.js",
        include_str!("../themes/default/static/search.js"),
    ),
    (
        "indicators.css",
        include_str!("../themes/default/static/indicators.css"),
    ),
    (
        "variation.css",
        include_str!("../themes/default/static/variation.css"),
    ),
];

/// How many versions a document's page lists in its version history, newest first; the rest
/// are on its history pages. Keeps every page's size independent of the number of versions.
pub const HISTORY_ON_PAGE: usize = 10;

/// Versions on each history page (`<id>/history/`, `<id>/history/2/`, ...).
pub const HISTORY_PAGE_SIZE: usize = 100;

/// Review dates this close count as "due soon".
pub const DUE_SOON_DAYS: i32 = 60;

/// The NHS regions in the order the network specification lists them.
const REGIONS: &[&str] = &[
    "North East and Yorkshire",
    "North West",
    "Midlands",
    "East of England",
    "London",
    "London with South East",
    "South East",
    "South West",
];

/// Compiled templates: the defaults under `default/`, site overrides under their own names.
pub struct Theme {
    tera: tera::Tera,
    fingerprint: u64,
}

impl Theme {
    pub fn new(overrides: &[SourceFile]) -> Result<Theme, String> {
        let mut tera = tera::Tera::default();
        tera.set_fallback_prefixes(["default/"])
            .map_err(|e| e.to_string())?;
        let defaults = TEMPLATES.iter().map(|(n, c)| (format!("default/{n}"), *c));
        let sites = overrides.iter().map(|f| (f.path.clone(), &*f.text));
        tera.add_raw_templates(defaults.chain(sites))
            .map_err(|e| format!("theme template error: {e}"))?;
        let fingerprint = crate::cache::fingerprint(
            &overrides
                .iter()
                .map(|f| (&f.path, &f.text))
                .collect::<Vec<_>>(),
        );
        Ok(Theme { tera, fingerprint })
    }

    /// Identifies the site's template overrides (the defaults are part of the binary).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Renders template `name` with `ctx`; the error names the template and every cause.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, String> {
        self.tera.render(name, ctx).map_err(|e| {
            let mut msg = format!("cannot render template {name}: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg.push_str(&format!("\n  caused by: {s}"));
                source = s.source();
            }
            msg
        })
    }
}

/// Static files of the theme, with site overrides replacing defaults of the same name.
pub fn static_files(overrides: &[BinaryFile], highlight_css: &str) -> Vec<OutputFile> {
    let mut files: BTreeMap<String, bytes::Bytes> = STATIC
        .iter()
        .map(|(n, c)| (n.to_string(), bytes::Bytes::from_static(c.as_bytes())))
        .collect();
    files.insert(
        "highlight.css".to_owned(),
        contrast::readable_code_css(highlight_css).into(),
    );
    for f in overrides {
        files.insert(f.path.clone(), f.bytes.clone());
    }
    files
        .into_iter()
        .map(|(n, b)| OutputFile::new(format!("theme/{n}"), b))
        .collect()
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    language: &'a str,
    base_url: String,
    /// Base path every internal link starts with.
    root: String,
    example_content: bool,
    drafts: bool,
    /// Set when the site is a standalone build of one network.
    only_network: Option<&'a str>,
    /// Set for `build --as-of`: the date the site shows, as words.
    as_of: Option<String>,
    networks: Vec<NetworkLink<'a>>,
    /// The same networks grouped by NHS region, in the specification's order: the home page
    /// and the network switcher both list them this way.
    regions: Vec<RegionView<'a>>,
    /// Whether the site has indicator pages (`indicators.yaml` defines some).
    indicators: bool,
}

#[derive(Serialize, Clone)]
struct NetworkLink<'a> {
    id: &'a str,
    name: &'a str,
    region: &'a str,
    url: String,
    /// How many of the network's own documents are listed (not withdrawn).
    documents: usize,
}

#[derive(Serialize)]
struct RegionView<'a> {
    name: &'a str,
    networks: Vec<NetworkLink<'a>>,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
}

/// A document as shown in lists.
#[derive(Serialize)]
struct DocCard<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    kind: &'a str,
    kind_label: &'a str,
    url: String,
    version: String,
    status: &'a str,
    approved: Option<String>,
    review: Option<String>,
    /// `ok`, `due-soon` or `overdue`.
    review_state: &'static str,
    scope: &'a str,
    scope_name: &'a str,
    audience: &'a str,
}

#[derive(Serialize)]
struct KindGroup<'a> {
    kind: &'a str,
    heading: &'a str,
    docs: Vec<DocCard<'a>>,
}

/// A national document with the network's adaptation of it, if any.
#[derive(Serialize)]
struct NationalRow<'a> {
    national: DocCard<'a>,
    local: Option<DocCard<'a>>,
}

#[derive(Serialize)]
struct NationalGroup<'a> {
    kind: &'a str,
    heading: &'a str,
    rows: Vec<NationalRow<'a>>,
}

/// Review status at a glance: what needs attention, in the words the page shows.
#[derive(Serialize)]
struct ReviewSummary<'a> {
    overdue: Vec<DocCard<'a>>,
    due_soon: Vec<DocCard<'a>>,
    current: usize,
    due_soon_days: i32,
}

/// A network's profile, with its contact made a link when it is a bare email address.
#[derive(Serialize)]
struct NetworkView<'a> {
    #[serde(flatten)]
    profile: &'a crate::config::NetworkProfile,
    contact_email: Option<&'a str>,
}

/// Patient leaflets under one condition, for the home page's "For patients" index.
#[derive(Serialize)]
struct LeafletGroup<'a> {
    id: &'a str,
    name: &'a str,
    docs: Vec<DocCard<'a>>,
}

/// A value of a search filter, for the search page's form.
#[derive(Serialize)]
struct OptionView<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct SearchView<'a> {
    networks: Vec<OptionView<'a>>,
    kinds: Vec<OptionView<'a>>,
    conditions: Vec<OptionView<'a>>,
}

#[derive(Serialize)]
struct ConditionView<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    #[serde(flatten)]
    card: DocCard<'a>,
    html: &'a str,
    toc: &'a [TocEntry],
    show_toc: bool,
    approved_by: Option<&'a str>,
    owner: &'a str,
    changes: Option<&'a str>,
    equality_impact_assessment: Option<String>,
    conditions: Vec<ConditionView<'a>>,
    adapts: Option<DocCard<'a>>,
    adapted_by: Vec<DocCard<'a>>,
    related: Vec<DocCard<'a>>,
    is_leaflet: bool,
    /// Only pages with highlighted code load the highlighting stylesheet.
    has_code: bool,
    permalink: String,
    /// `@page` rules putting title, version, review date and address on every printed page.
    print_css: String,
    /// The latest approved versions (at most [`HISTORY_ON_PAGE`]), newest first, the page's
    /// own included; empty without history.
    history: Vec<HistoryRow>,
    /// When there are more versions than the page lists: the history pages.
    history_more: Option<HistoryMore>,
    /// For a draft or consultation: the approved version in force meanwhile.
    in_force: Option<InForceView>,
    /// "How networks apply this pathway": the variation page of this national document, or
    /// of the national document this one adapts.
    variation_url: Option<String>,
}

/// Where the rest of a long version history is.
#[derive(Serialize)]
struct HistoryMore {
    url: String,
    count: usize,
}

/// The approved version in force while a draft of the next one is prepared.
#[derive(Serialize)]
struct InForceView {
    version: String,
    approved: Option<String>,
    url: String,
}

/// A row of a document's version history table.
#[derive(Serialize)]
struct HistoryRow {
    version: String,
    approved: Option<String>,
    approved_by: Option<String>,
    changes: Option<String>,
    url: String,
    /// The version this page shows.
    this: bool,
    /// The comparison with the version before, if there is one.
    compare_url: Option<String>,
}

/// A superseded version's page.
#[derive(Serialize)]
struct VersionView<'a> {
    title: &'a str,
    summary: &'a str,
    kind_label: &'a str,
    scope_name: &'a str,
    is_leaflet: bool,
    version: String,
    status: &'a str,
    approved: Option<String>,
    approved_by: Option<&'a str>,
    review: Option<String>,
    owner: &'a str,
    audience: &'a str,
    changes: Option<&'a str>,
    html: &'a str,
    toc: &'a [TocEntry],
    show_toc: bool,
    /// The commit that published it (short id) and when.
    commit: &'a str,
    committed: String,
    current_url: String,
    current_version: String,
    /// The current page's status: a draft or consultation when this version is in force.
    current_status: &'a str,
    /// The version that replaced this one (or, when in force, the draft that will).
    next_version: String,
    next_approved: Option<String>,
    /// This is the approved version in force while the current page is a draft or
    /// consultation (a build with drafts), not a superseded one.
    in_force: bool,
    /// Where the document's version history lists this version (not repeated on every
    /// version's page, which would make the site grow with the square of the versions).
    history_url: String,
    permalink: String,
}

/// One page of a document's full version history.
#[derive(Serialize)]
struct HistoryPageView<'a> {
    title: &'a str,
    scope_name: &'a str,
    current_url: String,
    current_version: String,
    /// All versions, and the range this page lists (1-based, newest first).
    count: usize,
    first: usize,
    last: usize,
    history: Vec<HistoryRow>,
    /// Links to every history page, this one marked.
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

/// The comparison page between two consecutive versions.
#[derive(Serialize)]
struct CompareView<'a> {
    title: &'a str,
    scope_name: &'a str,
    old_version: String,
    new_version: String,
    old_url: String,
    new_url: String,
    old_approved: Option<String>,
    new_approved: Option<String>,
    current_url: String,
    changes: Option<&'a str>,
    #[serde(flatten)]
    comparison: Comparison,
    /// The comparison as rendered, section by section.
    rendered: variation_pages::RenderedView,
}

struct Ctx<'a> {
    lib: &'a Library,
    root: String,
    site: SiteView<'a>,
    /// `site` converted once: every page's context shares it (tera values are reference-counted).
    site_value: tera::Value,
}

impl<'a> Ctx<'a> {
    fn new(lib: &'a Library) -> Ctx<'a> {
        let root = lib.site.base_path();
        let networks: Vec<NetworkLink<'a>> = lib
            .networks
            .iter()
            .map(|n| NetworkLink {
                id: &n.id,
                name: &n.profile.name,
                region: &n.profile.region,
                url: format!("{root}{}/", n.id),
                documents: lib.listed(&Scope::Network(n.id.clone())).count(),
            })
            .collect();
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
        };
        let site_value = tera::Value::from_serializable(&site);
        Ctx {
            lib,
            root,
            site,
            site_value,
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
            url: format!("{}{}", self.root, p.path),
            version: m.version.to_string(),
            status: m.status.id(),
            approved: m.approved.map(format_date),
            review: m.review.map(format_date),
            review_state: review_state(m.review, self.lib.today),
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
            url: format!("{}{}/", self.root, scope.id()),
        }
    }
}

/// Groups networks by region, regions in the network specification's order (unknown regions
/// after them, alphabetically), networks in the order given.
fn group_by_region<'a>(networks: &[NetworkLink<'a>]) -> Vec<RegionView<'a>> {
    let mut regions: Vec<RegionView<'a>> = Vec::new();
    for n in networks {
        match regions.iter_mut().find(|r| r.name == n.region) {
            Some(r) => r.networks.push(n.clone()),
            None => regions.push(RegionView {
                name: n.region,
                networks: vec![n.clone()],
            }),
        }
    }
    let order = |name: &str| {
        REGIONS
            .iter()
            .position(|r| r.eq_ignore_ascii_case(name))
            .unwrap_or(REGIONS.len())
    };
    regions.sort_by(|a, b| (order(a.name), a.name).cmp(&(order(b.name), b.name)));
    regions
}

pub fn format_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

pub fn review_state(review: Option<Date>, today: Date) -> &'static str {
    match review {
        Some(r) if r < today => "overdue",
        Some(r)
            if today
                .until(r)
                .map(|s| s.get_days() <= DUE_SOON_DAYS)
                .unwrap_or(false) =>
        {
            "due-soon"
        }
        _ => "ok",
    }
}

/// `text` as a CSS string literal that is safe inside an HTML `<style>` element: quotes and
/// backslashes escaped, line breaks and `<` (which could close the element) as hex escapes.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\A "),
            c if c == '<' || c == '>' || c == '&' || c.is_control() => {
                out.push_str(&format!("\\{:X} ", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The print footer of a document: its title, version, status when not approved, review date
/// and address in the bottom margin of every printed page, and the page number. CSS margin
/// boxes put it outside the content, so it never covers text.
fn print_css(
    title: &str,
    version: &str,
    status: Status,
    review: Option<&str>,
    url: &str,
) -> String {
    let mut line = format!("{title} · Version {version}");
    if status != Status::Approved {
        line.push_str(&format!(" · {}", status.id().to_uppercase()));
    }
    if let Some(r) = review {
        line.push_str(&format!(" · Review due {r}"));
    }
    line.push('\n');
    line.push_str(url);
    format!(
        "@page{{@bottom-left{{content:{};}}@bottom-right{{content:\"Page \" counter(page) \" of \" counter(pages);}}}}",
        css_string(&line)
    )
}

/// A bare email address (no spaces, one `@`, a dot after it) becomes a mailto link.
fn email_address(contact: &str) -> Option<&str> {
    let (user, host) = contact.split_once('@')?;
    let plain = |s: &str| !s.is_empty() && !s.contains(|c: char| c.is_whitespace() || c == '@');
    (plain(user) && plain(host) && host.contains('.')).then_some(contact)
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
            What::Home
            | What::NotFound
            | What::Search
            | What::Scope(_)
            | What::VariationIndex(..) => None,
            What::Services(_) | What::ServicesIndex => None,
            What::Workplan(..) | What::Report(..) => None,
        }
    }

    /// Every document whose body this page shows: its own, or for variation pages the
    /// national documents and adaptations they compare. The build cache remakes the page
    /// when any of them changed.
    pub fn shows(&self) -> Vec<&'a Page> {
        match &self.what {
            What::Variation(p, more) => std::iter::once(*p).chain(more.iter().copied()).collect(),
            What::VariationIndex(_, all) => all.clone(),
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
}

impl<'a> SitePages<'a> {
    pub fn new(lib: &'a Library) -> SitePages<'a> {
        use rayon::prelude::*;
        let job = |path: String, what: What<'a>| PageJob { path, what };
        let mut jobs = vec![
            job("index.html".into(), What::Home),
            job("404.html".into(), What::NotFound),
            job("search/index.html".into(), What::Search),
        ];
        let scopes = std::iter::once(Scope::National)
            .chain(lib.networks.iter().map(|n| Scope::Network(n.id.clone())));
        for scope in scopes {
            jobs.push(job(
                format!("{}/index.html", scope.id()),
                What::Scope(scope),
            ));
        }
        // The service directory: every network's page, and the national index.
        jobs.push(job("services/index.html".into(), What::ServicesIndex));
        for n in lib.networks.iter().filter(|n| n.services.is_some()) {
            jobs.push(job(
                format!("{}/services/index.html", n.id),
                What::Services(n),
            ));
        }
        // Workplans and their progress reports.
        for n in &lib.networks {
            for plan in &n.workplans {
                let path = plans::workplan_path(&n.id, &plan.year);
                jobs.push(job(format!("{path}index.html"), What::Workplan(n, plan)));
                for r in &plan.reports {
                    let path = plans::report_path(&n.id, &plan.year, r.period);
                    jobs.push(job(
                        format!("{path}index.html"),
                        What::Report(n, plan, r.period),
                    ));
                }
            }
        }
        let pages: Vec<PageJob<'a>> = lib
            .pages
            .par_iter()
            .flat_map_iter(|p| {
                let own = job(format!("{}index.html", p.path), What::Document(p));
                // Past versions and comparisons show this document's versions, so they change
                // with it, like its own page.
                let versions = version_jobs(p)
                    .into_iter()
                    .map(move |(path, which)| job(path, What::Version(p, which)));
                std::iter::once(own).chain(versions)
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
                path: format!("{}index.html", crate::variation::variation_path(id)),
                what: What::Variation(national, local),
            });
        }
        if !v.documents.is_empty() {
            for (path, sort) in [
                (
                    crate::variation::INDEX_PATH,
                    variation_pages::IndexSort::Share,
                ),
                (
                    variation_pages::BY_TITLE_PATH,
                    variation_pages::IndexSort::Title,
                ),
            ] {
                self.jobs.push(PageJob {
                    path: format!("{path}index.html"),
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
        match &job.what {
            What::Home => home(cx),
            What::NotFound => not_found(cx),
            What::Search => search_page(cx),
            What::Scope(scope) => scope_page(cx, scope),
            What::Document(p) => document(cx, p),
            What::Version(p, which) => version_context(cx, p, *which),
            What::Services(n) => directory::network_page(cx, n),
            What::ServicesIndex => directory::index_page(cx),
            What::Workplan(n, plan) => plans::workplan_page(cx, n, plan),
            What::Report(n, plan, period) => plans::report_page(cx, n, plan, *period),
            What::Variation(p, _) => {
                variation_pages::variation_page(cx, p, self.variation.unwrap_or(&EMPTY))
            }
            What::VariationIndex(sort, _) => {
                variation_pages::index_page(cx, self.variation.unwrap_or(&EMPTY), *sort)
            }
        }
    }
}

static EMPTY: crate::variation::Variation = crate::variation::Variation {
    documents: std::collections::BTreeMap::new(),
};

/// The network a page belongs to, for the network bar.
fn scope_network(scope: &Scope) -> Option<&str> {
    match scope {
        Scope::National => None,
        Scope::Network(id) => Some(id),
    }
}

/// One version of a document as the history table and comparisons see it.
struct Step<'a> {
    doc: &'a crate::content::Document,
    rendered: &'a crate::render::Rendered,
    path: &'a str,
}

/// The page's versions, oldest first: its past versions, then the page itself.
fn steps(p: &Page) -> Vec<Step<'_>> {
    p.past
        .iter()
        .map(|v| Step {
            doc: &v.doc,
            rendered: &v.rendered,
            path: &v.path,
        })
        .chain(std::iter::once(Step {
            doc: &p.doc,
            rendered: &p.rendered,
            path: &p.path,
        }))
        .collect()
}

/// Rows of the page's version history, newest first: those at positions `range` (0 is the
/// newest). Empty without past versions.
fn history_rows(
    cx: &Ctx<'_>,
    p: &Page,
    this: Version,
    range: std::ops::Range<usize>,
) -> Vec<HistoryRow> {
    if p.past.is_empty() {
        return Vec::new();
    }
    let steps = steps(p);
    let n = steps.len();
    let (start, end) = (range.start.min(n), range.end.min(n));
    // Newest first: position k is step n - 1 - k.
    (start..end)
        .map(|k| {
            let i = n - 1 - k;
            let s = &steps[i];
            let m = &s.doc.meta;
            HistoryRow {
                version: m.version.to_string(),
                approved: m.approved.map(format_date),
                approved_by: m.approved_by.clone(),
                changes: m.changes.clone(),
                url: format!("{}{}", cx.root, s.path),
                this: m.version == this,
                compare_url: i.checked_sub(1).map(|j| {
                    let old = steps[j].doc.meta.version;
                    format!(
                        "{}{}",
                        cx.root,
                        library::compare_path(&p.doc.id, old, m.version)
                    )
                }),
            }
        })
        .collect()
}

/// How many history pages a page with `versions` versions has: none when its own page lists
/// them all.
fn history_pages(versions: usize) -> usize {
    if versions > HISTORY_ON_PAGE {
        versions.div_ceil(HISTORY_PAGE_SIZE)
    } else {
        0
    }
}

/// A page of a document's history: a past version, or the comparison of two consecutive
/// versions (by the index of the older one).
#[derive(Clone, Copy)]
enum VersionJob {
    Past(usize),
    Compare(usize),
    /// A page of the full version history, from 0.
    History(usize),
}

/// Where each past version and comparison of a page goes.
fn version_jobs(p: &Page) -> Vec<(String, VersionJob)> {
    let steps = steps(p);
    let past = p
        .past
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("{}index.html", v.path), VersionJob::Past(i)));
    let compare = steps.windows(2).enumerate().map(|(i, pair)| {
        let path = library::compare_path(
            &p.doc.id,
            pair[0].doc.meta.version,
            pair[1].doc.meta.version,
        );
        (format!("{path}index.html"), VersionJob::Compare(i))
    });
    let history = (0..history_pages(steps.len())).map(|k| {
        let path = library::history_path(&p.doc.id, k);
        (format!("{path}index.html"), VersionJob::History(k))
    });
    past.chain(compare).chain(history).collect()
}

fn version_context(cx: &Ctx<'_>, p: &Page, which: VersionJob) -> (&'static str, tera::Context) {
    let steps = steps(p);
    let crumbs = vec![
        cx.home_crumb(),
        cx.scope_crumb(&p.doc.scope),
        Crumb {
            title: p.doc.meta.title.clone(),
            url: format!("{}{}", cx.root, p.path),
        },
    ];
    let mut ctx = cx.context(crumbs, scope_network(&p.doc.scope));
    match which {
        VersionJob::Past(i) => {
            let view = version_view(cx, p, i, steps[i + 1].doc);
            ctx.insert("page", &view);
            ("version.html", ctx)
        }
        VersionJob::Compare(i) => {
            let (old, new) = (&steps[i], &steps[i + 1]);
            let view = CompareView {
                title: &p.doc.meta.title,
                scope_name: cx.scope_name(&p.doc.scope),
                old_version: old.doc.meta.version.to_string(),
                new_version: new.doc.meta.version.to_string(),
                old_url: format!("{}{}", cx.root, old.path),
                new_url: format!("{}{}", cx.root, new.path),
                old_approved: old.doc.meta.approved.map(format_date),
                new_approved: new.doc.meta.approved.map(format_date),
                current_url: format!("{}{}", cx.root, p.path),
                changes: new.doc.meta.changes.as_deref(),
                comparison: compare::compare(old.doc, new.doc),
                rendered: variation_pages::rendered_view(
                    cx,
                    crate::redline::diff(&old.rendered.html, &new.rendered.html),
                    &compare::field_changes(&old.doc.meta, &new.doc.meta),
                ),
            };
            ctx.insert("page", &view);
            ("compare.html", ctx)
        }
        VersionJob::History(k) => {
            let count = steps.len();
            let first = k * HISTORY_PAGE_SIZE;
            let view = HistoryPageView {
                title: &p.doc.meta.title,
                scope_name: cx.scope_name(&p.doc.scope),
                current_url: format!("{}{}", cx.root, p.path),
                current_version: p.doc.meta.version.to_string(),
                count,
                first: first + 1,
                last: (first + HISTORY_PAGE_SIZE).min(count),
                // No row is "this version" here: every one links to its page.
                history: history_rows(
                    cx,
                    p,
                    Version {
                        major: u32::MAX,
                        minor: u32::MAX,
                    },
                    first..first + HISTORY_PAGE_SIZE,
                ),
                pages: (0..history_pages(count))
                    .map(|j| PageLink {
                        number: j + 1,
                        url: format!("{}{}", cx.root, library::history_path(&p.doc.id, j)),
                        current: j == k,
                    })
                    .collect(),
            };
            ctx.insert("page", &view);
            ("history.html", ctx)
        }
    }
}

fn version_view<'a>(
    cx: &Ctx<'a>,
    p: &'a Page,
    index: usize,
    next: &crate::content::Document,
) -> VersionView<'a> {
    let past = &p.past[index];
    let m = &past.doc.meta;
    let current_url = format!("{}{}", cx.root, p.path);
    // The version's place in the history, newest first (the current page is position 0).
    let versions = p.past.len() + 1;
    let position = versions - 1 - index;
    let history_url = if history_pages(versions) == 0 {
        format!("{current_url}#history-heading")
    } else {
        format!(
            "{}{}",
            cx.root,
            library::history_path(&p.doc.id, position / HISTORY_PAGE_SIZE)
        )
    };
    VersionView {
        title: &m.title,
        summary: &m.summary,
        kind_label: m.kind.label(),
        scope_name: cx.scope_name(&p.doc.scope),
        is_leaflet: m.kind == Kind::Leaflet,
        version: m.version.to_string(),
        status: m.status.id(),
        approved: m.approved.map(format_date),
        approved_by: m.approved_by.as_deref(),
        review: m.review.map(format_date),
        owner: &m.owner,
        audience: m.audience.id(),
        changes: m.changes.as_deref(),
        html: &past.rendered.html,
        toc: &past.rendered.toc,
        show_toc: past.rendered.toc.len() >= 3,
        commit: &past.commit[..past.commit.len().min(7)],
        committed: format_date(past.committed),
        current_url,
        current_version: p.doc.meta.version.to_string(),
        current_status: p.doc.meta.status.id(),
        next_version: next.meta.version.to_string(),
        next_approved: next.meta.approved.map(format_date),
        in_force: p.in_force && index + 1 == p.past.len(),
        history_url,
        permalink: format!("{}{}", cx.lib.site.base_url(), past.path),
    }
}

fn home(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    let lib = cx.lib;
    let mut ctx = cx.context(vec![], None);
    let national = cx.groups(
        lib.listed(&Scope::National)
            .filter(|p| p.doc.meta.kind != Kind::Leaflet),
    );
    ctx.insert("national", &national);
    ctx.insert("leaflet_groups", &leaflets_by_condition(cx));
    ("index.html", ctx)
}

/// Every listed leaflet, under each condition it is about (in glossary order); leaflets about
/// no condition come last, under "Other leaflets".
fn leaflets_by_condition<'a>(cx: &Ctx<'a>) -> Vec<LeafletGroup<'a>> {
    let leaflets: Vec<&Page> = cx
        .lib
        .pages
        .iter()
        .filter(|p| p.doc.meta.kind == Kind::Leaflet && p.doc.meta.status != Status::Withdrawn)
        .collect();
    let sorted = |pick: &dyn Fn(&Page) -> bool| {
        let mut docs: Vec<DocCard<'a>> = leaflets
            .iter()
            .filter(|p| pick(p))
            .map(|p| cx.card(p))
            .collect();
        docs.sort_by(|a, b| a.title.cmp(b.title));
        docs
    };
    let mut groups: Vec<LeafletGroup<'a>> = cx
        .lib
        .glossary
        .conditions
        .iter()
        .map(|c| LeafletGroup {
            id: &c.id,
            name: &c.name,
            docs: sorted(&|p: &Page| p.doc.meta.conditions.contains(&c.id)),
        })
        .filter(|g| !g.docs.is_empty())
        .collect();
    let other = sorted(&|p: &Page| p.doc.meta.conditions.is_empty());
    if !other.is_empty() {
        groups.push(LeafletGroup {
            id: "other",
            name: "Other leaflets",
            docs: other,
        });
    }
    groups
}

/// The search page: the form with its filters; search.js does the rest.
fn search_page(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    let lib = cx.lib;
    let mut networks: Vec<OptionView<'_>> = lib
        .networks
        .iter()
        .map(|n| OptionView {
            id: &n.id,
            name: &n.profile.name,
        })
        .collect();
    networks.sort_by(|a, b| a.name.cmp(b.name));
    let view = SearchView {
        networks,
        kinds: Kind::ALL
            .iter()
            .map(|k| OptionView {
                id: k.id(),
                name: k.plural(),
            })
            .collect(),
        conditions: lib
            .glossary
            .conditions
            .iter()
            .map(|c| OptionView {
                id: &c.id,
                name: &c.name,
            })
            .collect(),
    };
    let mut ctx = cx.context(vec![cx.home_crumb()], None);
    ctx.insert("search", &view);
    ("search.html", ctx)
}

fn not_found(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    ("404.html", cx.context(vec![cx.home_crumb()], None))
}

fn review_summary<'a>(cards: impl Iterator<Item = DocCard<'a>>) -> ReviewSummary<'a> {
    let mut summary = ReviewSummary {
        overdue: vec![],
        due_soon: vec![],
        current: 0,
        due_soon_days: DUE_SOON_DAYS,
    };
    for c in cards {
        match c.review_state {
            "overdue" => summary.overdue.push(c),
            "due-soon" => summary.due_soon.push(c),
            _ => summary.current += 1,
        }
    }
    summary
}

fn scope_page(cx: &Ctx<'_>, scope: &Scope) -> (&'static str, tera::Context) {
    let lib = cx.lib;
    let network_id = match scope {
        Scope::National => None,
        Scope::Network(id) => Some(id.as_str()),
    };
    let mut ctx = cx.context(vec![cx.home_crumb()], network_id);
    ctx.insert("scope", scope.id());
    ctx.insert("scope_name", cx.scope_name(scope));
    ctx.insert("groups", &cx.groups(lib.listed(scope)));
    // A network team needs to see everything that applies to it: its own documents and the
    // national ones.
    let applying = lib.listed(scope).chain(
        lib.listed(&Scope::National)
            .filter(|_| network_id.is_some()),
    );
    ctx.insert("review", &review_summary(applying.map(|p| cx.card(p))));
    if let Some(n) = network_id.and_then(|id| lib.network(id)) {
        ctx.insert(
            "network",
            &NetworkView {
                profile: &n.profile,
                contact_email: n.profile.contact.as_deref().and_then(email_address),
            },
        );
        let local: Vec<&Page> = lib.listed(scope).collect();
        let groups: Vec<NationalGroup<'_>> = cx
            .groups(lib.listed(&Scope::National))
            .into_iter()
            .map(|g| NationalGroup {
                kind: g.kind,
                heading: g.heading,
                rows: g
                    .docs
                    .into_iter()
                    .map(|national| NationalRow {
                        local: local
                            .iter()
                            .find(|l| l.doc.meta.adapts.as_deref() == Some(national.id))
                            .map(|l| cx.card(l)),
                        national,
                    })
                    .collect(),
            })
            .collect();
        ctx.insert("national_groups", &groups);
        ctx.insert("on_call", &directory::on_call(cx, n));
        ctx.insert("has_services", &n.services.is_some());
        ctx.insert("plans", &plans::links(cx, n));
        ctx.insert("checklist", &plans::checklist(n));
        ctx.insert(
            "services_example",
            &n.services.as_ref().is_some_and(|d| d.example),
        );
    }
    ("network.html", ctx)
}

fn document(cx: &Ctx<'_>, p: &Page) -> (&'static str, tera::Context) {
    let lib = cx.lib;
    let m = &p.doc.meta;
    let is_leaflet = m.kind == Kind::Leaflet;
    let adapts = m
        .adapts
        .as_deref()
        .and_then(|a| lib.page(a))
        .map(|a| cx.card(a));
    let adapted_by = p
        .adapted_by
        .iter()
        .filter_map(|id| lib.page(id))
        .map(|a| cx.card(a))
        .collect();
    // Related: other documents about the same conditions. A leaflet's readers are patients,
    // so it points only to other patient information.
    let related = lib
        .pages
        .iter()
        .filter(|o| o.doc.id != p.doc.id && o.doc.meta.status != Status::Withdrawn)
        .filter(|o| !is_leaflet || o.doc.meta.kind == Kind::Leaflet)
        .filter(|o| {
            o.doc
                .meta
                .conditions
                .iter()
                .any(|c| m.conditions.contains(c))
        })
        .filter(|o| {
            Some(o.doc.id.as_str()) != m.adapts.as_deref() && !p.adapted_by.contains(&o.doc.id)
        })
        .take(8)
        .map(|o| cx.card(o))
        .collect();
    let card = cx.card(p);
    let permalink = format!("{}{}", lib.site.base_url(), p.path);
    let print_css = print_css(
        &m.title,
        &card.version,
        m.status,
        card.review.as_deref(),
        &permalink,
    );
    let view = DocumentView {
        card,
        html: &p.rendered.html,
        toc: &p.rendered.toc,
        show_toc: p.rendered.toc.iter().filter(|t| t.level == 2).count() >= 3,
        approved_by: m.approved_by.as_deref(),
        owner: &m.owner,
        changes: m.changes.as_deref(),
        equality_impact_assessment: m.equality_impact_assessment.map(format_date),
        conditions: m
            .conditions
            .iter()
            .filter_map(|c| lib.glossary.condition(c))
            .map(|c| ConditionView {
                id: &c.id,
                name: &c.name,
            })
            .collect(),
        adapts,
        adapted_by,
        related,
        is_leaflet,
        has_code: p.rendered.html.contains("<pre class=\"code\">"),
        permalink,
        print_css,
        history: history_rows(cx, p, m.version, 0..HISTORY_ON_PAGE),
        history_more: (p.past.len() + 1 > HISTORY_ON_PAGE).then(|| HistoryMore {
            url: format!("{}{}", cx.root, library::history_path(&p.doc.id, 0)),
            count: p.past.len() + 1,
        }),
        in_force: p.version_in_force().map(|v| InForceView {
            version: v.doc.meta.version.to_string(),
            approved: v.doc.meta.approved.map(format_date),
            url: format!("{}{}", cx.root, v.path),
        }),
        variation_url: variation_url(cx, p),
    };
    let network_id = match &p.doc.scope {
        Scope::National => None,
        Scope::Network(id) => Some(id.as_str()),
    };
    let mut crumbs = vec![cx.home_crumb()];
    if is_leaflet && network_id.is_none() {
        // Patients reach national leaflets from the home page's index, not the national list.
        crumbs.push(Crumb {
            title: "Leaflets for patients".into(),
            url: format!("{}#for-patients", cx.root),
        });
    } else {
        let scope = cx.scope_crumb(&p.doc.scope);
        // Withdrawn documents are not listed, so there is no kind section to go back to.
        if m.status != Status::Withdrawn {
            crumbs.push(Crumb {
                title: m.kind.plural().to_owned(),
                url: format!("{}#kind-{}", scope.url, m.kind.id()),
            });
        }
        crumbs.insert(1, scope);
    }
    let mut ctx = cx.context(crumbs, network_id);
    ctx.insert("page", &view);
    ctx.insert("switch_urls", &variation_pages::switch_urls(cx, p));
    // Search from a patient leaflet starts with patient documents.
    if m.audience == Audience::Patients {
        ctx.insert("search_audience", "patients");
    }
    ("document.html", ctx)
}

/// The variation page a document links to: its own when it is a national document with a
/// published adaptation, or its national document's when it is one of those adaptations.
fn variation_url(cx: &Ctx<'_>, p: &Page) -> Option<String> {
    let national = match p.doc.meta.adapts.as_deref() {
        Some(id) => cx.lib.page(id)?,
        None => p,
    };
    let adapted = national
        .adapted_by
        .iter()
        .filter_map(|id| cx.lib.page(id))
        .any(|a| a.doc.meta.status != Status::Withdrawn);
    (national.doc.scope == Scope::National && adapted).then(|| {
        format!(
            "{}{}",
            cx.root,
            crate::variation::variation_path(&national.doc.id)
        )
    })
}

/// The coverage dashboard page.
pub fn coverage_page(
    lib: &Library,
    theme: &Theme,
    coverage: &crate::coverage::Coverage,
) -> Result<String, String> {
    let cx = Ctx::new(lib);
    let mut ctx = cx.context(vec![cx.home_crumb()], None);
    ctx.insert("coverage", coverage);
    theme.render("coverage.html", &ctx)
}

/// The indicator pages (see [`crate::indicators::pages`]), rendered: (path, HTML).
pub fn indicator_pages(lib: &Library, theme: &Theme) -> Result<Vec<(String, String)>, String> {
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
            theme
                .render(job.template, &ctx)
                .map(|html| (job.path, html))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn review_states() {
        let today = date("2026-11-23");
        assert_eq!(review_state(Some(date("2026-11-22")), today), "overdue");
        assert_eq!(review_state(Some(date("2027-01-10")), today), "due-soon");
        assert_eq!(review_state(Some(date("2027-06-01")), today), "ok");
        assert_eq!(review_state(None, today), "ok");
    }

    #[test]
    fn css_strings_cannot_break_out_of_a_style_element() {
        assert_eq!(css_string("Plain"), "\"Plain\"");
        assert_eq!(css_string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(css_string("one\ntwo"), "\"one\\A two\"");
        let hostile = css_string("</style><script>alert(1)</script>");
        assert!(
            !hostile.contains('<') && !hostile.contains('>'),
            "{hostile}"
        );
        assert!(hostile.starts_with("\"\\3C /style\\3E "), "{hostile}");
    }

    #[test]
    fn print_footer_names_the_document_and_flags_drafts() {
        let approved = print_css(
            "CES pathway",
            "2.1",
            Status::Approved,
            Some("1 March 2027"),
            "https://x.org/national/ces/",
        );
        assert!(approved.contains(
            "@bottom-left{content:\"CES pathway · Version 2.1 · Review due 1 March 2027\\A https://x.org/national/ces/\";}"
        ), "{approved}");
        assert!(approved.contains("counter(pages)"));
        let draft = print_css("New SOP", "0.1", Status::Draft, None, "https://x.org/a/b/");
        assert!(
            draft.contains("New SOP · Version 0.1 · DRAFT\\A "),
            "{draft}"
        );
    }

    #[test]
    fn only_bare_email_addresses_become_links() {
        assert_eq!(email_address("team@example.org"), Some("team@example.org"));
        assert_eq!(email_address("Placeholder: team@example.org"), None);
        assert_eq!(email_address("team@localhost"), None);
        assert_eq!(email_address("020 0000 0000"), None);
    }

    #[test]
    fn regions_follow_the_specification_then_the_alphabet() {
        let link = |id: &'static str, region: &'static str| NetworkLink {
            id,
            name: id,
            region,
            url: String::new(),
            documents: 0,
        };
        let regions = group_by_region(&[
            link("a", "South West"),
            link("b", "Zeta region"),
            link("c", "North West"),
            link("d", "South West"),
            link("e", "Alpha region"),
        ]);
        let names: Vec<&str> = regions.iter().map(|r| r.name).collect();
        assert_eq!(
            names,
            ["North West", "South West", "Alpha region", "Zeta region"]
        );
        let sw: Vec<&str> = regions[1].networks.iter().map(|n| n.id).collect();
        assert_eq!(sw, ["a", "d"]);
    }

    #[test]
    fn dates_read_like_nhs_pages() {
        assert_eq!(format_date(date("2026-03-01")), "1 March 2026");
    }

    #[test]
    fn default_templates_compile_and_overrides_can_extend_them() {
        let over = SourceFile {
            path: "404.html".into(),
            text: "{% extends \"default/404.html\" %}{% block title %}Lost{% endblock title %}"
                .into(),
        };
        assert!(Theme::new(&[over]).is_ok());
    }
}
