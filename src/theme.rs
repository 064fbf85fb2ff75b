//! The theme: Tera templates and static files, embedded in the binary so `pathways` works from
//! anywhere, and overridable file by file from the content folder's `theme/` folder. Templates
//! see borrowed view structs built here from the library, never hand-built maps.
//!
//! Overriding: a file `theme/templates/document.html` in the content folder replaces the
//! default `document.html`; it can still `{% extends "default/document.html" %}` and override
//! single blocks. `theme/static/style.css` replaces the default stylesheet, and so on.

use crate::content::{Kind, Scope, Status};
use crate::compare::{self, Comparison};
use crate::content::Version;
use crate::library::{self, Library, Page, PastVersion};
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
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "partials/version_history.html",
        include_str!("../themes/default/templates/partials/version_history.html"),
    ),
    (
        "partials/doc_list.html",
        include_str!("../themes/default/templates/partials/doc_list.html"),
    ),
];

const STATIC: &[(&str, &str)] = &[(
    "style.css",
    include_str!("../themes/default/static/style.css"),
)];

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
}

impl Theme {
    pub fn new(overrides: &[SourceFile]) -> Result<Theme, String> {
        let mut tera = tera::Tera::default();
        tera.set_fallback_prefixes(["default/"])
            .map_err(|e| e.to_string())?;
        let defaults = TEMPLATES.iter().map(|(n, c)| (format!("default/{n}"), *c));
        let sites = overrides.iter().map(|f| (f.path.clone(), f.text.as_str()));
        tera.add_raw_templates(defaults.chain(sites))
            .map_err(|e| format!("theme template error: {e}"))?;
        Ok(Theme { tera })
    }

    fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, String> {
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
pub fn static_files(overrides: &[BinaryFile], highlight_css: String) -> Vec<OutputFile> {
    let mut files: BTreeMap<String, Vec<u8>> = STATIC
        .iter()
        .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
        .collect();
    files.insert("highlight.css".to_owned(), highlight_css.into_bytes());
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
}

#[derive(Serialize)]
struct NetworkLink<'a> {
    id: &'a str,
    name: &'a str,
    region: &'a str,
    url: String,
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
    permalink: String,
    /// Every approved version, newest first, the page's own included; empty without history.
    history: Vec<HistoryRow>,
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
    /// The version that replaced this one.
    next_version: String,
    next_approved: Option<String>,
    history: Vec<HistoryRow>,
    permalink: String,
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
}

struct Ctx<'a> {
    lib: &'a Library,
    root: String,
}

impl<'a> Ctx<'a> {
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

    fn site(&self) -> SiteView<'a> {
        let lib = self.lib;
        SiteView {
            title: &lib.site.title,
            description: lib.site.description.as_deref(),
            language: &lib.site.language,
            base_url: lib.site.base_url(),
            root: self.root.clone(),
            example_content: lib.site.example_content,
            drafts: lib.selection.drafts,
            only_network: lib.selection.network.as_deref(),
            as_of: lib.as_of.map(format_date),
            networks: lib.networks.iter().map(|n| self.network_link(n)).collect(),
        }
    }

    fn network_link(&self, n: &'a crate::network::Network) -> NetworkLink<'a> {
        NetworkLink {
            id: &n.id,
            name: &n.profile.name,
            region: &n.profile.region,
            url: format!("{}{}/", self.root, n.id),
        }
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

    fn context(&self, crumbs: Vec<Crumb>) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site());
        ctx.insert("breadcrumbs", &crumbs);
        ctx
    }

    fn home_crumb(&self) -> Crumb {
        Crumb {
            title: "Home".into(),
            url: self.root.clone(),
        }
    }

    fn scope_crumb(&self, scope: &'a Scope) -> Crumb {
        Crumb {
            title: self.scope_name(scope).to_owned(),
            url: format!("{}{}/", self.root, scope.id()),
        }
    }
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

/// Every HTML page of the site.
pub fn render_pages(lib: &Library, theme: &Theme) -> Result<Vec<OutputFile>, String> {
    use rayon::prelude::*;
    let cx = Ctx {
        lib,
        root: lib.site.base_path(),
    };
    let mut files = vec![
        OutputFile::new("index.html", home(&cx, theme)?),
        OutputFile::new("404.html", not_found(&cx, theme)?),
    ];
    let scopes = std::iter::once(Scope::National)
        .chain(lib.networks.iter().map(|n| Scope::Network(n.id.clone())));
    for scope in scopes {
        files.push(OutputFile::new(
            format!("{}/index.html", scope.id()),
            scope_page(&cx, theme, &scope)?,
        ));
    }
    let pages: Result<Vec<Vec<OutputFile>>, String> = lib
        .pages
        .par_iter()
        .map(|p| {
            let mut files = vec![OutputFile::new(
                format!("{}index.html", p.path),
                document(&cx, theme, p)?,
            )];
            files.extend(version_pages(&cx, theme, p)?);
            Ok(files)
        })
        .collect();
    files.extend(pages?.into_iter().flatten());
    Ok(files)
}

/// One version of a document as the history table and comparisons see it.
struct Step<'a> {
    doc: &'a crate::content::Document,
    path: &'a str,
}

/// The page's versions, oldest first: its past versions, then the page itself.
fn steps(p: &Page) -> Vec<Step<'_>> {
    p.past
        .iter()
        .map(|v| Step {
            doc: &v.doc,
            path: &v.path,
        })
        .chain(std::iter::once(Step {
            doc: &p.doc,
            path: &p.path,
        }))
        .collect()
}

fn history_rows(cx: &Ctx<'_>, p: &Page, this: Version) -> Vec<HistoryRow> {
    if p.past.is_empty() {
        return Vec::new();
    }
    let steps = steps(p);
    let mut rows: Vec<HistoryRow> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
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
        .collect();
    rows.reverse();
    rows
}

/// A page's past versions and the comparisons between its consecutive versions.
fn version_pages(cx: &Ctx<'_>, theme: &Theme, p: &Page) -> Result<Vec<OutputFile>, String> {
    let mut files = Vec::new();
    let steps = steps(p);
    for (i, past) in p.past.iter().enumerate() {
        let next = steps[i + 1].doc;
        files.push(OutputFile::new(
            format!("{}index.html", past.path),
            version_page(cx, theme, p, past, next)?,
        ));
    }
    for pair in steps.windows(2) {
        let (old, new) = (&pair[0], &pair[1]);
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
        };
        let mut ctx = cx.context(vec![
            cx.home_crumb(),
            cx.scope_crumb(&p.doc.scope),
            Crumb {
                title: p.doc.meta.title.clone(),
                url: format!("{}{}", cx.root, p.path),
            },
        ]);
        ctx.insert("page", &view);
        let path = library::compare_path(&p.doc.id, old.doc.meta.version, new.doc.meta.version);
        files.push(OutputFile::new(
            format!("{path}index.html"),
            theme.render("compare.html", &ctx)?,
        ));
    }
    Ok(files)
}

fn version_page(
    cx: &Ctx<'_>,
    theme: &Theme,
    p: &Page,
    past: &PastVersion,
    next: &crate::content::Document,
) -> Result<String, String> {
    let m = &past.doc.meta;
    let view = VersionView {
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
        current_url: format!("{}{}", cx.root, p.path),
        current_version: p.doc.meta.version.to_string(),
        next_version: next.meta.version.to_string(),
        next_approved: next.meta.approved.map(format_date),
        history: history_rows(cx, p, m.version),
        permalink: format!("{}{}", cx.lib.site.base_url(), past.path),
    };
    let mut ctx = cx.context(vec![
        cx.home_crumb(),
        cx.scope_crumb(&p.doc.scope),
        Crumb {
            title: p.doc.meta.title.clone(),
            url: format!("{}{}", cx.root, p.path),
        },
    ]);
    ctx.insert("page", &view);
    theme.render("version.html", &ctx)
}

fn home(cx: &Ctx<'_>, theme: &Theme) -> Result<String, String> {
    let mut regions: Vec<RegionView<'_>> = Vec::new();
    for n in &cx.lib.networks {
        let name = n.profile.region.as_str();
        match regions.iter_mut().find(|r| r.name == name) {
            Some(r) => r.networks.push(cx.network_link(n)),
            None => regions.push(RegionView {
                name,
                networks: vec![cx.network_link(n)],
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
    let leaflets: Vec<DocCard<'_>> = cx
        .lib
        .pages
        .iter()
        .filter(|p| p.doc.meta.kind == Kind::Leaflet && p.doc.meta.status != Status::Withdrawn)
        .filter(|p| p.doc.scope == Scope::National || cx.lib.selection.network.is_some())
        .map(|p| cx.card(p))
        .collect();
    let mut ctx = cx.context(vec![]);
    ctx.insert("regions", &regions);
    ctx.insert("national", &cx.groups(cx.lib.listed(&Scope::National)));
    ctx.insert("leaflets", &leaflets);
    theme.render("index.html", &ctx)
}

fn not_found(cx: &Ctx<'_>, theme: &Theme) -> Result<String, String> {
    theme.render("404.html", &cx.context(vec![cx.home_crumb()]))
}

fn scope_page(cx: &Ctx<'_>, theme: &Theme, scope: &Scope) -> Result<String, String> {
    let lib = cx.lib;
    let mut ctx = cx.context(vec![cx.home_crumb()]);
    ctx.insert("scope", scope.id());
    ctx.insert("scope_name", cx.scope_name(scope));
    ctx.insert("groups", &cx.groups(lib.listed(scope)));
    let listed: Vec<&Page> = lib.listed(scope).collect();
    let attention: Vec<DocCard<'_>> = listed
        .iter()
        .map(|p| cx.card(p))
        .filter(|c| c.review_state != "ok")
        .collect();
    ctx.insert("attention", &attention);
    if let Scope::Network(id) = scope {
        ctx.insert("network", &lib.network(id).map(|n| &n.profile));
        let rows: Vec<NationalRow<'_>> = lib
            .listed(&Scope::National)
            .filter(|p| p.doc.meta.kind != Kind::Leaflet)
            .map(|n| NationalRow {
                national: cx.card(n),
                local: listed
                    .iter()
                    .find(|l| l.doc.meta.adapts.as_deref() == Some(n.doc.id.as_str()))
                    .map(|l| cx.card(l)),
            })
            .collect();
        ctx.insert("national_rows", &rows);
    }
    theme.render("network.html", &ctx)
}

fn document(cx: &Ctx<'_>, theme: &Theme, p: &Page) -> Result<String, String> {
    let lib = cx.lib;
    let m = &p.doc.meta;
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
    let related = lib
        .pages
        .iter()
        .filter(|o| o.doc.id != p.doc.id && o.doc.meta.status != Status::Withdrawn)
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
    let view = DocumentView {
        card: cx.card(p),
        html: &p.rendered.html,
        toc: &p.rendered.toc,
        show_toc: p.rendered.toc.len() >= 3,
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
        is_leaflet: m.kind == Kind::Leaflet,
        permalink: format!("{}{}", lib.site.base_url(), p.path),
        history: history_rows(cx, p, m.version),
    };
    let mut ctx = cx.context(vec![cx.home_crumb(), cx.scope_crumb(&p.doc.scope)]);
    ctx.insert("page", &view);
    theme.render("document.html", &ctx)
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
