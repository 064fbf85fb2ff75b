//! A network's workplan pages: `/<network>/workplan/<year>/` (the plan and where each
//! deliverable stands) and `/<network>/reports/<year>-<period>/` (the progress report a
//! network board receives, in the shape of the specification's reports).

use super::{format_date, Crumb, Ctx};
use crate::content::Scope;
use crate::network::Network;
use crate::render::links::{self, Target};
use crate::routes;
use crate::workplan::{Deliverable, Evidence, Period, Rag, Status, Workplan};
use serde::Serialize;

#[derive(Serialize)]
struct RagView {
    id: &'static str,
    label: &'static str,
    icon: &'static str,
}

fn rag(r: Rag) -> RagView {
    RagView {
        id: r.id(),
        label: r.label(),
        icon: r.icon(),
    }
}

#[derive(Serialize)]
struct MilestoneView<'a> {
    what: &'a str,
    due: String,
    done: Option<String>,
    overdue: bool,
}

#[derive(Serialize)]
struct SupportView<'a> {
    who: &'static str,
    what: &'a str,
}

#[derive(Serialize)]
struct StatusView<'a> {
    period: &'static str,
    date: String,
    rag: RagView,
    evidence: Option<&'a str>,
    links: Vec<LinkView>,
    mitigation: Option<&'a str>,
}

/// An evidence link, or a workplan's indicator: its words and, when the site publishes it,
/// its address.
#[derive(Serialize)]
struct LinkView {
    title: String,
    url: Option<String>,
}

/// Where an evidence link goes on the site, and the words it shows: its title, or the
/// document's title, or the file's name. `None` for a link to a page this site does not
/// publish (shown as plain text). The links were checked with the library
/// ([`crate::library::workplan_refs`]).
fn href(cx: &Ctx<'_>, plan: &Workplan, e: &Evidence) -> (String, Option<String>) {
    let root = &cx.root;
    let (label, url) = match links::classify(&plan.path, &e.link) {
        Target::Document { path, anchor } => match cx.site.by_source(&path) {
            Some(p) => (
                p.meta().title.clone(),
                Some(match anchor {
                    Some(a) => format!("{root}{}#{a}", p.path()),
                    None => format!("{root}{}", p.path()),
                }),
            ),
            None => (e.link.clone(), None),
        },
        Target::Asset(a) => (
            a.rsplit('/').next().unwrap_or(&a).to_owned(),
            Some(format!("{root}assets/{a}")),
        ),
        Target::Unchanged => (e.link.clone(), Some(e.link.clone())),
        _ => (e.link.clone(), None),
    };
    (e.title.clone().unwrap_or(label), url)
}

fn status_view<'a>(cx: &Ctx<'_>, plan: &Workplan, s: &'a Status) -> StatusView<'a> {
    StatusView {
        period: s.period.label(),
        date: format_date(s.date),
        rag: rag(s.rag),
        evidence: s.evidence.as_deref(),
        links: s
            .links
            .iter()
            .map(|e| {
                let (title, url) = href(cx, plan, e);
                LinkView { title, url }
            })
            .collect(),
        mitigation: s.mitigation.as_deref(),
    }
}

#[derive(Serialize)]
struct DeliverableView<'a> {
    number: usize,
    area: &'static str,
    theme: Option<&'a str>,
    title: &'a str,
    lead: Option<&'a str>,
    icbs: &'a [String],
    impact: Option<&'a str>,
    indicator: Option<LinkView>,
    milestones: Vec<MilestoneView<'a>>,
    overdue: usize,
    /// The status shown: the latest, or the report's period.
    status: Option<StatusView<'a>>,
    support: Vec<SupportView<'a>>,
}

#[derive(Serialize)]
struct AreaView<'a> {
    id: &'static str,
    label: &'static str,
    deliverables: Vec<DeliverableView<'a>>,
}

#[derive(Serialize)]
struct ReportLink {
    label: String,
    url: String,
}

fn deliverable<'a>(
    cx: &Ctx<'_>,
    plan: &Workplan,
    number: usize,
    area: &'static str,
    d: &'a Deliverable,
    period: Option<Period>,
) -> DeliverableView<'a> {
    let today = cx.site.today;
    let s = &d.support;
    let support = [
        ("Trust", &s.trust),
        ("ICB", &s.icb),
        ("Regional", &s.regional),
        ("National", &s.national),
    ]
    .into_iter()
    .filter_map(|(who, what)| what.as_deref().map(|what| SupportView { who, what }))
    .collect();
    let status = match period {
        Some(p) => d.for_period(p),
        None => d.latest(),
    };
    DeliverableView {
        number,
        area,
        theme: d.theme.as_deref(),
        title: &d.title,
        lead: d.lead.as_deref(),
        icbs: &d.icbs,
        impact: d.impact.as_deref(),
        indicator: d.indicator.as_ref().map(|(id, _)| LinkView {
            title: cx
                .site
                .indicator_name(id)
                .map_or_else(|| id.clone(), str::to_owned),
            url: Some(format!("{}indicators/{id}/", cx.root)),
        }),
        milestones: d
            .milestones
            .iter()
            .map(|m| MilestoneView {
                what: &m.what,
                due: format_date(m.due),
                done: m.done.map(format_date),
                overdue: m.overdue(today),
            })
            .collect(),
        overdue: d.milestones.iter().filter(|m| m.overdue(today)).count(),
        status: status.map(|s| status_view(cx, plan, s)),
        support,
    }
}

fn areas<'a>(cx: &Ctx<'_>, plan: &'a Workplan, period: Option<Period>) -> Vec<AreaView<'a>> {
    let mut number = 0;
    plan.areas
        .iter()
        .map(|a| AreaView {
            id: a.area.id(),
            label: a.area.label(),
            deliverables: a
                .deliverables
                .iter()
                .map(|d| {
                    number += 1;
                    deliverable(cx, plan, number, a.area.label(), d, period)
                })
                .collect(),
        })
        .collect()
}

fn report_links(cx: &Ctx<'_>, n: &Network, plan: &Workplan) -> Vec<ReportLink> {
    plan.reports
        .iter()
        .map(|r| ReportLink {
            label: format!("{} report {}", r.period.label(), plan.year),
            url: format!(
                "{}{}",
                cx.root,
                routes::report(&n.id, &plan.year, r.period.id())
            ),
        })
        .collect()
}

fn base(cx: &Ctx<'_>, n: &Network, plan: &Workplan) -> tera::Context {
    let scope = Scope::Network(n.id.clone());
    let mut ctx = cx.context(vec![cx.home_crumb(), cx.scope_crumb(&scope)], Some(&n.id));
    ctx.insert("network_name", &n.profile.name);
    ctx.insert("year", &plan.year);
    ctx.insert("example", &plan.example);
    ctx.insert("agreed", &plan.agreed.map(format_date));
    ctx.insert("agreed_with", &plan.agreed_with);
    ctx.insert("reports", &report_links(cx, n, plan));
    ctx.insert(
        "rag_key",
        &Rag::ALL.into_iter().map(rag).collect::<Vec<_>>(),
    );
    ctx
}

/// `/<network>/workplan/<year>/`.
pub(super) fn workplan_page(
    cx: &Ctx<'_>,
    n: &Network,
    plan: &Workplan,
) -> (&'static str, tera::Context) {
    let mut ctx = base(cx, n, plan);
    let areas = areas(cx, plan, None);
    let overdue: usize = areas
        .iter()
        .flat_map(|a| &a.deliverables)
        .map(|d| d.overdue)
        .sum();
    ctx.insert("areas", &areas);
    ctx.insert("overdue", &overdue);
    ctx.insert("today", &format_date(cx.site.today));
    ("workplan.html", ctx)
}

/// `/<network>/reports/<year>-<period>/`.
pub(super) fn report_page(
    cx: &Ctx<'_>,
    n: &Network,
    plan: &Workplan,
    period: Period,
) -> (&'static str, tera::Context) {
    let mut ctx = base(cx, n, plan);
    let report = plan.reports.iter().find(|r| r.period == period);
    let rows: Vec<DeliverableView<'_>> = areas(cx, plan, Some(period))
        .into_iter()
        .flat_map(|a| a.deliverables)
        .collect();
    ctx.insert("period", period.label());
    ctx.insert("rows", &rows);
    ctx.insert(
        "workplan_url",
        &routes::url(&cx.root, &routes::workplan(&n.id, &plan.year)),
    );
    if let Some(r) = report {
        ctx.insert("date", &format_date(r.date));
        ctx.insert("authors", &r.authors);
        ctx.insert("achievements", &r.achievements);
        ctx.insert("next_3_months", &r.next_3_months);
        ctx.insert("next_6_months", &r.next_6_months);
        #[derive(Serialize)]
        struct IssueView<'a> {
            issue: &'a str,
            mitigation: Option<&'a str>,
            escalate: bool,
        }
        let issues: Vec<IssueView<'_>> = r
            .issues
            .iter()
            .map(|i| IssueView {
                issue: &i.issue,
                mitigation: i.mitigation.as_deref(),
                escalate: i.escalate,
            })
            .collect();
        ctx.insert("issues", &issues);
    }
    ("report.html", ctx)
}

/// The network page's links to its workplans and reports, newest first.
pub(super) fn links(cx: &Ctx<'_>, n: &Network) -> Vec<Crumb> {
    let mut out = Vec::new();
    for plan in n.workplans.iter().rev() {
        out.push(Crumb {
            title: format!("Workplan {}", plan.year),
            url: routes::url(&cx.root, &routes::workplan(&n.id, &plan.year)),
        });
        for r in report_links(cx, n, plan) {
            out.push(Crumb {
                title: r.label,
                url: r.url,
            });
        }
    }
    out
}

#[derive(Serialize)]
struct CheckView<'a> {
    label: &'static str,
    /// `met`, `not-met` or `not-assessed`.
    state: &'static str,
    evidence: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct ChecklistView<'a> {
    year: &'a str,
    example: bool,
    met: usize,
    total: usize,
    checks: Vec<CheckView<'a>>,
}

/// The specification's generic indicators as the network's latest workplan assesses them
/// (every indicator listed, those it does not assess as such); `None` without an assessment.
pub(super) fn checklist(n: &Network) -> Option<ChecklistView<'_>> {
    let plan = n.workplans.iter().rev().find(|p| !p.checklist.is_empty())?;
    let checks: Vec<CheckView<'_>> = crate::workplan::Indicator::ALL
        .into_iter()
        .map(|i| {
            let c = plan.checklist.iter().find(|c| c.indicator == i);
            CheckView {
                label: i.label(),
                state: match c {
                    Some(c) if c.met => "met",
                    Some(_) => "not-met",
                    None => "not-assessed",
                },
                evidence: c.and_then(|c| c.evidence.as_deref()),
            }
        })
        .collect();
    Some(ChecklistView {
        year: &plan.year,
        example: plan.example,
        met: checks.iter().filter(|c| c.state == "met").count(),
        total: checks.len(),
        checks,
    })
}
