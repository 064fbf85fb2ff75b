//! The `/indicators/` page: every indicator by section, with its latest period, national
//! median and how many networks reported, and a link to each network's indicators.

use super::{card, latest_period, median_in, sections, Card, Section, Site};
use crate::indicators::{Indicators, Period};
use crate::routes;
use serde::Serialize;

#[derive(Serialize)]
pub struct IndexRow {
    card: Card,
    latest_period: Option<String>,
    median: Option<String>,
    reporting: usize,
}

#[derive(Serialize)]
pub struct IndexView {
    sections: Vec<Section<IndexRow>>,
    networks: Vec<NetworkLink>,
    json_url: String,
}

#[derive(Serialize)]
pub struct NetworkLink {
    name: String,
    url: String,
}

pub(super) fn view(ind: &Indicators, site: &Site<'_>) -> IndexView {
    IndexView {
        sections: sections(&ind.list, |i| {
            let period = latest_period(ind, &i.id);
            IndexRow {
                card: card(i, site.root),
                latest_period: period.map(Period::label),
                median: period
                    .and_then(|p| median_in(ind, &i.id, p))
                    .map(|m| i.unit.format(m)),
                reporting: period.map_or(0, |p| ind.in_period(&i.id, p).count()),
            }
        }),
        networks: site
            .networks
            .iter()
            .map(|n| NetworkLink {
                name: ind.network_name(n).to_owned(),
                url: routes::url(site.root, &routes::network_indicators(n)),
            })
            .collect(),
        json_url: routes::url(site.root, routes::INDICATORS_JSON),
    }
}
