//! The coverage dashboard: for every network, whether each document the networks must agree
//! (site.yaml `required_documents`) is covered by a local adaptation, by the national document
//! alone, or missing, with its review state; the documents due for review in the next 90 days;
//! and the reading level of every patient leaflet. Rendered as `/coverage/` and `coverage.json`.

use crate::content::{Kind, Scope, Status};
use crate::library::{Library, Page};
use crate::readability::{self, Readability};
use crate::review::{self, ReviewState};
use crate::routes;
use rayon::prelude::*;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Coverage {
    pub generated_for: String,
    /// Months a service directory contact stays verified (site.yaml).
    pub verify_months: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub totals: Counts,
    /// Documents due for review within 90 days (or overdue), over all networks.
    pub due_count: usize,
    pub leaflets: Vec<LeafletReading>,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub national: String,
    pub label: String,
    /// Page path of the national document, when it is published.
    pub url: Option<String>,
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub local: usize,
    pub national: usize,
    pub missing: usize,
    /// Documents in force whose review is overdue.
    pub overdue: usize,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub network: String,
    pub name: String,
    pub region: String,
    pub url: String,
    pub cells: Vec<Cell>,
    pub counts: Counts,
    pub due_for_review: Vec<DueDocument>,
    /// The network's service directory, or `None` when it keeps none.
    pub contacts: Option<Contacts>,
    /// How many of the specification's generic indicators of a well set up network its
    /// latest workplan assesses as met, or `None` when none assesses them.
    pub well_set_up: Option<WellSetUp>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct WellSetUp {
    pub year: String,
    pub met: usize,
    pub total: usize,
}

fn well_set_up(n: &crate::network::Network) -> Option<WellSetUp> {
    let plan = n.workplans.iter().rev().find(|p| !p.checklist.is_empty())?;
    Some(WellSetUp {
        year: plan.year.clone(),
        met: plan.checklist.iter().filter(|c| c.met).count(),
        total: crate::workplan::Indicator::ALL.len(),
    })
}

/// A network's service directory at a glance: its contacts, and those overdue for
/// verification (see [`crate::services::overdue`]).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Contacts {
    pub url: String,
    pub total: usize,
    pub overdue: usize,
}

fn contacts(lib: &Library, n: &crate::network::Network, root: &str) -> Option<Contacts> {
    let d = n.services.as_ref()?;
    let all: Vec<_> = d.hospitals.iter().flat_map(|h| &h.services).collect();
    let months = lib.site.service_verification_months;
    Some(Contacts {
        url: routes::url(root, &routes::network_services(&n.id)),
        total: all.len(),
        overdue: all
            .iter()
            .filter(|s| crate::services::overdue(s.verified, lib.today, months))
            .count(),
    })
}

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    /// The network has its own adaptation of the national document.
    Local,
    /// The network follows the national document as it is.
    National,
    /// Neither exists (or the national document is not approved).
    Missing,
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub state: CellState,
    /// The document in force for this network, if any.
    pub document: Option<String>,
    pub url: Option<String>,
    pub version: Option<String>,
    /// The review state of the document in force.
    pub review_state: Option<ReviewState>,
}

#[derive(Debug, Serialize)]
pub struct DueDocument {
    pub id: String,
    pub title: String,
    pub url: String,
    pub review: String,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
pub struct LeafletReading {
    pub id: String,
    pub title: String,
    pub url: String,
    #[serde(flatten)]
    pub readability: Readability,
    pub above_target: bool,
}

fn in_force(p: &Page) -> bool {
    p.doc.meta.status == Status::Approved
}

pub fn build(lib: &Library) -> Coverage {
    let root = lib.site.base_path();
    let url = |p: &Page| routes::url(&root, &p.path);
    let columns: Vec<Column> = lib
        .site
        .required_documents
        .iter()
        .map(|r| {
            let page = lib.page(&r.national);
            Column {
                national: r.national.clone(),
                label: r
                    .label
                    .clone()
                    .or_else(|| page.map(|p| p.doc.meta.title.clone()))
                    .unwrap_or_else(|| r.national.clone()),
                url: page.map(url),
            }
        })
        .collect();
    let mut totals = Counts::default();
    let rows: Vec<Row> = lib
        .networks
        .iter()
        .map(|n| {
            let scope = Scope::Network(n.id.clone());
            let mut counts = Counts::default();
            let cells = columns
                .iter()
                .map(|c| {
                    let local = lib.pages.iter().find(|p| {
                        p.doc.scope == scope
                            && in_force(p)
                            && p.doc.meta.adapts.as_deref() == Some(c.national.as_str())
                    });
                    let national = lib.page(&c.national).filter(|p| in_force(p));
                    let (state, doc) = match (local, national) {
                        (Some(l), _) => (CellState::Local, Some(l)),
                        (None, Some(n)) => (CellState::National, Some(n)),
                        (None, None) => (CellState::Missing, None),
                    };
                    match state {
                        CellState::Local => counts.local += 1,
                        CellState::National => counts.national += 1,
                        CellState::Missing => counts.missing += 1,
                    }
                    let review = doc.map(|d| ReviewState::of(d.doc.meta.review, lib.today));
                    counts.overdue += usize::from(review == Some(ReviewState::Overdue));
                    Cell {
                        state,
                        document: doc.map(|d| d.doc.meta.title.clone()),
                        url: doc.map(url),
                        version: doc.map(|d| d.doc.meta.version.to_string()),
                        review_state: review,
                    }
                })
                .collect();
            let mut due_for_review: Vec<DueDocument> = lib
                .pages
                .iter()
                .filter(|p| p.doc.scope == scope && in_force(p))
                .filter_map(|p| {
                    let review = p.doc.meta.review?;
                    review::due_for_coverage(review, lib.today).then(|| DueDocument {
                        id: p.doc.id.clone(),
                        title: p.doc.meta.title.clone(),
                        url: url(p),
                        review: review.to_string(),
                        overdue: review < lib.today,
                    })
                })
                .collect();
            due_for_review.sort_by(|a, b| (&a.review, &a.id).cmp(&(&b.review, &b.id)));
            totals.local += counts.local;
            totals.national += counts.national;
            totals.missing += counts.missing;
            totals.overdue += counts.overdue;
            Row {
                network: n.id.clone(),
                name: n.profile.name.clone(),
                region: n.profile.region.clone(),
                url: routes::url(&root, &routes::scope(&n.id)),
                cells,
                counts,
                due_for_review,
                contacts: contacts(lib, n, &root),
                well_set_up: well_set_up(n),
            }
        })
        .collect::<Vec<Row>>();
    let mut rows = rows;
    rows.sort_by(|a, b| (&a.name, &a.network).cmp(&(&b.name, &b.network)));
    let due_count = rows.iter().map(|r| r.due_for_review.len()).sum();
    let leaflets = lib
        .pages
        .par_iter()
        .filter(|p| p.doc.meta.kind == Kind::Leaflet && p.doc.meta.status != Status::Withdrawn)
        .map(|p| {
            let readability = p
                .rendered
                .readability
                .unwrap_or_else(|| readability::measure(&p.rendered.text));
            LeafletReading {
                id: p.doc.id.clone(),
                title: p.doc.meta.title.clone(),
                url: url(p),
                above_target: lib
                    .site
                    .reading_level_target
                    .is_some_and(|t| readability.grade > t),
                readability,
            }
        })
        .collect();
    Coverage {
        generated_for: lib.today.to_string(),
        verify_months: lib.site.service_verification_months,
        columns,
        rows,
        totals,
        due_count,
        leaflets,
    }
}

pub fn to_json(coverage: &Coverage) -> String {
    serde_json::to_string_pretty(coverage).unwrap_or_default() + "\n"
}
