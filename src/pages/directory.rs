//! The service directory's pages: a network's `/<network>/services/` (by hospital and by
//! service, filtered with anchors), the national `/services/` index (which hospital offers
//! each service, and when), and the on-call contacts the network page puts one tap away.

use super::{format_date, Ctx};
use crate::network::Network;
use crate::routes;
use crate::services::{self, Directory, Hospital, Role, Service, ServiceKind};
use serde::Serialize;

/// A service as pages show it.
#[derive(Serialize)]
pub(super) struct ServiceView<'a> {
    kind: &'static str,
    label: &'static str,
    /// `<hospital>-<kind>`: the anchor of its entry.
    anchor: String,
    hours: String,
    all_day: bool,
    phone: Option<&'a str>,
    tel: Option<&'a str>,
    route: Option<&'a str>,
    email: Option<&'a str>,
    referral_url: Option<&'a str>,
    verified: String,
    verified_iso: String,
    due: Option<String>,
    overdue: bool,
    owner: &'a str,
    notes: Option<&'a str>,
    hospital: &'a str,
    hospital_id: &'a str,
    town: Option<&'a str>,
}

#[derive(Serialize)]
struct HospitalView<'a> {
    id: &'a str,
    name: &'a str,
    town: Option<&'a str>,
    role: &'static str,
    services: Vec<ServiceView<'a>>,
}

#[derive(Serialize)]
struct KindView<'a> {
    kind: &'static str,
    label: &'static str,
    services: Vec<ServiceView<'a>>,
}

fn role(r: Role) -> &'static str {
    match r {
        Role::Hub => "Hub centre",
        Role::Partner => "Partner hospital",
    }
}

pub(super) fn service_view<'a>(cx: &Ctx<'_>, h: &'a Hospital, s: &'a Service) -> ServiceView<'a> {
    let months = cx.site.config.service_verification_months;
    ServiceView {
        kind: s.kind.id(),
        label: s.kind.label(),
        anchor: format!("{}-{}", h.id, s.kind.id()),
        hours: s.hours.text(),
        all_day: s.hours.is_all_day(),
        phone: s.phone.as_ref().map(|p| p.text.as_str()),
        tel: s.phone.as_ref().map(|p| p.tel.as_str()),
        route: s.route.as_deref(),
        email: s.email.as_deref(),
        referral_url: s.referral_url.as_deref(),
        verified: format_date(s.verified),
        verified_iso: s.verified.to_string(),
        due: services::due(s.verified, months).map(format_date),
        overdue: services::overdue(s.verified, cx.site.today, months),
        owner: &s.owner,
        notes: s.notes.as_deref(),
        hospital: &h.name,
        hospital_id: &h.id,
        town: h.town.as_deref(),
    }
}

/// `/<network>/services/`.
pub(super) fn network_page(cx: &Ctx<'_>, n: &Network) -> (&'static str, tera::Context) {
    let scope = crate::content::Scope::Network(n.id.clone());
    let mut ctx = cx.context(vec![cx.home_crumb(), cx.scope_crumb(&scope)], Some(&n.id));
    let empty = Directory {
        path: String::new(),
        text: "".into(),
        example: false,
        hospitals: Vec::new(),
    };
    let d = n.services.as_ref().unwrap_or(&empty);
    let hospitals: Vec<HospitalView<'_>> = d
        .hospitals
        .iter()
        .map(|h| HospitalView {
            id: &h.id,
            name: &h.name,
            town: h.town.as_deref(),
            role: role(h.role),
            services: h.services.iter().map(|s| service_view(cx, h, s)).collect(),
        })
        .collect();
    let kinds: Vec<KindView<'_>> = ServiceKind::ALL
        .into_iter()
        .map(|k| KindView {
            kind: k.id(),
            label: k.label(),
            services: d
                .hospitals
                .iter()
                .flat_map(|h| {
                    h.services
                        .iter()
                        .filter(move |s| s.kind == k)
                        .map(move |s| service_view(cx, h, s))
                })
                .collect(),
        })
        .filter(|k| !k.services.is_empty())
        .collect();
    let overdue = hospitals
        .iter()
        .flat_map(|h| &h.services)
        .filter(|s| s.overdue)
        .count();
    ctx.insert("network_id", &n.id);
    ctx.insert("network_name", &n.profile.name);
    ctx.insert("example", &d.example);
    ctx.insert("hospitals", &hospitals);
    ctx.insert("kinds", &kinds);
    ctx.insert("overdue", &overdue);
    ctx.insert("verify_months", &cx.site.config.service_verification_months);
    ("services.html", ctx)
}

#[derive(Serialize)]
struct IndexRow<'a> {
    network: &'a str,
    network_url: String,
    hospital: &'a str,
    town: Option<&'a str>,
    /// Per kind, in [`ServiceKind::ALL`] order: the service, if the hospital lists it.
    cells: Vec<Option<ServiceView<'a>>>,
}

#[derive(Serialize)]
struct Link<'a> {
    name: &'a str,
    url: String,
}

/// `/services/`: every hospital of every network with a directory, and its services.
pub(super) fn index_page(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    let mut ctx = cx.context(vec![cx.home_crumb()], cx.site.selection.network.as_deref());
    let mut rows = Vec::new();
    let mut example = false;
    for n in cx.site.networks {
        let Some(d) = &n.services else { continue };
        example |= d.example;
        for h in &d.hospitals {
            rows.push(IndexRow {
                network: &n.profile.name,
                network_url: routes::url(&cx.root, &routes::network_services(&n.id)),
                hospital: &h.name,
                town: h.town.as_deref(),
                cells: ServiceKind::ALL
                    .into_iter()
                    .map(|k| {
                        h.services
                            .iter()
                            .find(|s| s.kind == k)
                            .map(|s| service_view(cx, h, s))
                    })
                    .collect(),
            });
        }
    }
    let columns: Vec<&str> = ServiceKind::ALL
        .into_iter()
        .map(ServiceKind::label)
        .collect();
    let mri = ServiceKind::ALL
        .iter()
        .position(|k| *k == ServiceKind::Mri)
        .unwrap_or(0);
    ctx.insert("rows", &rows);
    ctx.insert("columns", &columns);
    ctx.insert("mri", &mri);
    ctx.insert("example", &example);
    ctx.insert(
        "without",
        &cx.site
            .networks
            .iter()
            .filter(|n| n.services.is_none())
            .map(|n| Link {
                name: &n.profile.name,
                url: routes::url(&cx.root, &routes::scope(&n.id)),
            })
            .collect::<Vec<_>>(),
    );
    ("services_index.html", ctx)
}

/// The spinal on-call contacts of a network's hub centres, for its page.
pub(super) fn on_call<'a>(cx: &Ctx<'_>, n: &'a Network) -> Vec<ServiceView<'a>> {
    let Some(d) = &n.services else {
        return Vec::new();
    };
    d.hospitals
        .iter()
        .flat_map(|h| {
            h.services
                .iter()
                .filter(|s| s.kind == ServiceKind::SpinalOnCall)
                .map(move |s| (h, s))
        })
        .map(|(h, s)| service_view(cx, h, s))
        .collect()
}
