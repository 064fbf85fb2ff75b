//! What the indicator pages show, as view structs for the templates: the `/indicators/`
//! index, one page per indicator (`/indicators/<id>/`: networks side by side in the latest
//! period with the national median, and a funnel plot for rates) and one page per network
//! (`/<network>/indicators/`: each indicator's latest figure, its RAG against the standard in
//! words and its trend). Also `indicators.json` and the CSV files the pages link to.
//!
//! Each chart comes with its finding in words (the SVG's `<desc>`, also printed under it) and
//! a table holding the same numbers as its marks: both are made here from one list of
//! figures, so they cannot disagree.
//!
//! This file holds what every page shares (the page list, indicator cards, figures and their
//! tables); `index`, `indicator` and `network` make the three kinds of page, and `files`
//! makes `indicators.json` and the CSV files. Every path and address comes from
//! [`crate::routes`].

mod files;
mod index;
mod indicator;
mod network;

use super::chart::Scale;
use super::stats;
use super::{format_number, Indicator, Indicators, Period, Unit};
use crate::routes;
use serde::Serialize;

pub use files::{csv_files, json, CsvError};
pub use index::{IndexRow, IndexView, NetworkLink};
pub use indicator::IndicatorView;
pub use network::{NetworkItem, NetworkView, RagCounts};

/// The site around the pages: the base path, and which networks have pages in this build.
pub struct Site<'a> {
    pub root: &'a str,
    pub networks: Vec<&'a str>,
}

impl Site<'_> {
    fn network_url(&self, id: &str) -> Option<String> {
        self.networks
            .contains(&id)
            .then(|| routes::url(self.root, &routes::network_indicators(id)))
    }
}

/// One page to render.
pub struct Job {
    pub path: String,
    pub template: &'static str,
    /// The network the page belongs to, for the network bar.
    pub network: Option<String>,
    /// Breadcrumbs after "Home": (title, url).
    pub crumbs: Vec<(String, String)>,
    pub view: View,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum View {
    Index(IndexView),
    Indicator(Box<IndicatorView>),
    Network(NetworkView),
}

/// An indicator as lists show it.
#[derive(Serialize)]
pub struct Card {
    id: String,
    name: String,
    url: String,
    unit: &'static str,
    unit_label: &'static str,
    direction: &'static str,
    standard: Option<String>,
    standard_note: Option<String>,
    sources: Vec<&'static str>,
    frequency: &'static str,
    description: Option<String>,
    csv_url: String,
}

#[derive(Serialize)]
pub struct Section<T> {
    name: String,
    items: Vec<T>,
}

/// A chart, its finding, and its data as a table.
#[derive(Serialize)]
pub struct Figure {
    id: String,
    svg: String,
    finding: String,
    table: Table,
}

#[derive(Serialize)]
pub struct Table {
    caption: String,
    columns: Vec<String>,
    rows: Vec<TableRow>,
}

#[derive(Serialize)]
pub struct TableRow {
    header: String,
    url: Option<String>,
    cells: Vec<Cell>,
}

/// A table cell; a figure drawn on the chart carries the same `series`, `key` and `value` as
/// its mark.
#[derive(Serialize, Default)]
pub struct Cell {
    text: String,
    series: Option<String>,
    key: Option<String>,
    value: Option<String>,
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        ..Cell::default()
    }
}

fn figure_cell(text: String, series: &str, key: &str, v: f64) -> Cell {
    Cell {
        text,
        series: Some(series.to_owned()),
        key: Some(key.to_owned()),
        value: Some(format_number(v)),
    }
}

/// Every indicator page of the site.
pub fn jobs(ind: &Indicators, site: &Site<'_>) -> Vec<Job> {
    if ind.is_empty() {
        return Vec::new();
    }
    let mut jobs = vec![Job {
        path: routes::file(routes::INDICATORS),
        template: "indicators.html",
        network: None,
        crumbs: vec![],
        view: View::Index(index::view(ind, site)),
    }];
    let index_crumb = (
        "Indicators".to_owned(),
        routes::url(site.root, routes::INDICATORS),
    );
    for i in &ind.list {
        jobs.push(Job {
            path: routes::file(&routes::indicator(&i.id)),
            template: "indicator.html",
            network: None,
            crumbs: vec![index_crumb.clone()],
            view: View::Indicator(Box::new(indicator::view(ind, i, site))),
        });
    }
    for n in &site.networks {
        let name = ind.network_name(n).to_owned();
        jobs.push(Job {
            path: routes::file(&routes::network_indicators(n)),
            template: "network_indicators.html",
            network: Some((*n).to_owned()),
            crumbs: vec![(name, routes::url(site.root, &routes::scope(n)))],
            view: View::Network(network::view(ind, n, site)),
        });
    }
    jobs
}

fn card(i: &Indicator, root: &str) -> Card {
    Card {
        id: i.id.clone(),
        name: i.name.clone(),
        url: routes::url(root, &routes::indicator(&i.id)),
        unit: i.unit.id(),
        unit_label: i.unit.label(),
        direction: i.direction.id(),
        standard: i.standard.map(|s| i.unit.format(s.0)),
        standard_note: i.standard_note.clone(),
        sources: i.source.iter().map(|s| s.label()).collect(),
        frequency: i.frequency.id(),
        description: i.description.clone(),
        csv_url: routes::url(root, &routes::indicator_csv(&i.id)),
    }
}

/// Groups items by the indicators' sections, in the order sections first appear.
fn sections<T>(list: &[Indicator], mut item: impl FnMut(&Indicator) -> T) -> Vec<Section<T>> {
    let mut out: Vec<Section<T>> = Vec::new();
    for i in list {
        let it = item(i);
        match out.iter_mut().find(|s| s.name == i.section) {
            Some(s) => s.items.push(it),
            None => out.push(Section {
                name: i.section.clone(),
                items: vec![it],
            }),
        }
    }
    out
}

fn latest_period(ind: &Indicators, id: &str) -> Option<Period> {
    ind.periods(id).last().copied()
}

fn median_in(ind: &Indicators, id: &str, period: Period) -> Option<f64> {
    let values: Vec<f64> = ind.in_period(id, period).map(|(_, v)| v.value).collect();
    stats::median(&values)
}

fn scale(unit: Unit) -> Scale {
    Scale {
        percent: unit == Unit::Percent,
        format: match unit {
            Unit::Percent => |v| format!("{}%", format_number(v)),
            _ => format_number,
        },
    }
}
