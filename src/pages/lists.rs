//! The list pages: home, a network's view (and `/national/`), search and page-not-found, and
//! the region order networks are grouped in.

use super::views::*;
use super::*;

/// The NHS regions in the order the network specification lists them.
pub(super) const REGIONS: &[&str] = &[
    "North East and Yorkshire",
    "North West",
    "Midlands",
    "East of England",
    "London",
    "London with South East",
    "South East",
    "South West",
];

/// Groups networks by region, regions in the network specification's order (unknown regions
/// after them, alphabetically), networks in the order given.
pub(super) fn group_by_region<'a>(networks: &[NetworkLink<'a>]) -> Vec<RegionView<'a>> {
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

pub(super) fn home(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    let mut ctx = cx.context(vec![], None);
    let national = cx.groups(
        cx.site
            .listed(&Scope::National)
            .filter(|p| p.meta().kind != Kind::Leaflet),
    );
    ctx.insert("national", &national);
    ctx.insert("leaflet_groups", &leaflets_by_condition(cx));
    ("index.html", ctx)
}

/// Every listed leaflet, under each condition it is about (in glossary order); leaflets about
/// no condition come last, under "Other leaflets".
pub(super) fn leaflets_by_condition<'a>(cx: &Ctx<'a>) -> Vec<LeafletGroup<'a>> {
    let leaflets: Vec<Summary<'a>> = cx
        .site
        .pages()
        .filter(|p| p.meta().kind == Kind::Leaflet && p.meta().status != Status::Withdrawn)
        .collect();
    let sorted = |pick: &dyn Fn(Summary<'a>) -> bool| {
        let mut docs: Vec<DocCard<'a>> = leaflets
            .iter()
            .filter(|p| pick(**p))
            .map(|p| cx.card(*p))
            .collect();
        docs.sort_by(|a, b| a.title.cmp(b.title));
        docs
    };
    let mut groups: Vec<LeafletGroup<'a>> = cx
        .site
        .glossary
        .conditions
        .iter()
        .map(|c| LeafletGroup {
            id: &c.id,
            name: &c.name,
            docs: sorted(&|p: Summary<'a>| p.meta().conditions.contains(&c.id)),
        })
        .filter(|g| !g.docs.is_empty())
        .collect();
    let other = sorted(&|p: Summary<'a>| p.meta().conditions.is_empty());
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
pub(super) fn search_page(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    let site = cx.site;
    let mut networks: Vec<OptionView<'_>> = site
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
        conditions: site
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
    ctx.insert("search_languages", &super::formats::search_languages(&site));
    ("search.html", ctx)
}

pub(super) fn not_found(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    ("404.html", cx.context(vec![cx.home_crumb()], None))
}

pub(super) fn review_summary<'a>(cards: impl Iterator<Item = DocCard<'a>>) -> ReviewSummary<'a> {
    let mut summary = ReviewSummary {
        overdue: vec![],
        due_soon: vec![],
        current: 0,
        due_soon_days: crate::review::DUE_SOON_DAYS,
    };
    for c in cards {
        match c.review_state {
            ReviewState::Overdue => summary.overdue.push(c),
            ReviewState::DueSoon => summary.due_soon.push(c),
            ReviewState::Ok => summary.current += 1,
        }
    }
    summary
}

pub(super) fn scope_page(cx: &Ctx<'_>, scope: &Scope) -> (&'static str, tera::Context) {
    let site = cx.site;
    let network_id = match scope {
        Scope::National => None,
        Scope::Network(id) => Some(id.as_str()),
    };
    let mut ctx = cx.context(vec![cx.home_crumb()], network_id);
    ctx.insert("scope", scope.id());
    ctx.insert("scope_name", cx.scope_name(scope));
    ctx.insert("groups", &cx.groups(site.listed(scope)));
    // A network team needs to see everything that applies to it: its own documents and the
    // national ones.
    let applying = site.listed(scope).chain(
        site.listed(&Scope::National)
            .filter(|_| network_id.is_some()),
    );
    ctx.insert("review", &review_summary(applying.map(|p| cx.card(p))));
    if let Some(n) = network_id.and_then(|id| site.network(id)) {
        ctx.insert(
            "network",
            &NetworkView {
                profile: &n.profile,
                contact_email: n.profile.contact.as_deref().and_then(email_address),
            },
        );
        let local: Vec<Summary<'_>> = site.listed(scope).collect();
        let groups: Vec<NationalGroup<'_>> = cx
            .groups(site.listed(&Scope::National))
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
                            .find(|l| l.meta().adapts.as_deref() == Some(national.id))
                            .map(|l| cx.card(*l)),
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

/// A bare email address (no spaces, one `@`, a dot after it) becomes a mailto link.
pub(super) fn email_address(contact: &str) -> Option<&str> {
    let (user, host) = contact.split_once('@')?;
    let plain = |s: &str| !s.is_empty() && !s.contains(|c: char| c.is_whitespace() || c == '@');
    (plain(user) && plain(host) && host.contains('.')).then_some(contact)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
