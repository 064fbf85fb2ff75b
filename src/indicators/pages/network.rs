//! A network's indicators page, `/<network>/indicators/`: each indicator's latest figure,
//! its RAG rating against the standard in words, how it compares with the national median,
//! and its trend against the median over time.

use super::{
    card, cell, figure_cell, median_in, scale, sections, Card, Figure, Section, Site, Table,
    TableRow,
};
use crate::indicators::chart::{self, Series, Shape};
use crate::indicators::stats::Rag;
use crate::indicators::{format_number, Direction, Frequency, Indicator, Indicators, Period};
use crate::routes;
use serde::Serialize;

#[derive(Serialize)]
pub struct NetworkItem {
    card: Card,
    latest: Option<String>,
    latest_period: Option<String>,
    note: Option<String>,
    rag: Option<&'static str>,
    rag_words: Option<&'static str>,
    against_median: Option<String>,
    trend: Option<Figure>,
}

#[derive(Serialize)]
pub struct NetworkView {
    name: String,
    csv_url: String,
    reported: usize,
    sections: Vec<Section<NetworkItem>>,
    counts: RagCounts,
}

#[derive(Serialize, Default)]
pub struct RagCounts {
    green: usize,
    amber: usize,
    red: usize,
    with_standard: usize,
}

pub(super) fn view(ind: &Indicators, id: &str, site: &Site<'_>) -> NetworkView {
    let name = ind.network_name(id).to_owned();
    let mut counts = RagCounts::default();
    let mut reported = 0;
    let sections = sections(&ind.list, |i| {
        let item = network_item(ind, i, id, &name, site);
        if item.latest.is_some() {
            reported += 1;
        }
        match item.rag {
            Some("green") => counts.green += 1,
            Some("amber") => counts.amber += 1,
            Some("red") => counts.red += 1,
            _ => {}
        }
        if item.rag.is_some() {
            counts.with_standard += 1;
        }
        item
    });
    NetworkView {
        csv_url: routes::url(site.root, &routes::network_indicators_csv(id)),
        name,
        reported,
        sections,
        counts,
    }
}

fn network_item(
    ind: &Indicators,
    i: &Indicator,
    id: &str,
    name: &str,
    site: &Site<'_>,
) -> NetworkItem {
    let series = ind.series(&i.id, id);
    let mut item = NetworkItem {
        card: card(i, site.root),
        latest: None,
        latest_period: None,
        note: None,
        rag: None,
        rag_words: None,
        against_median: None,
        trend: None,
    };
    let Some(last) = series.last() else {
        return item;
    };
    // The periods of the trend: every period any network reported, from this network's first.
    let periods: Vec<Period> = ind
        .periods(&i.id)
        .into_iter()
        .filter(|p| *p >= series[0].period)
        .collect();
    let medians: Vec<Option<f64>> = periods.iter().map(|p| median_in(ind, &i.id, *p)).collect();
    let own: Vec<Option<f64>> = periods
        .iter()
        .map(|p| series.iter().find(|v| v.period == *p).map(|v| v.value))
        .collect();
    let last_median = median_in(ind, &i.id, last.period);
    let standard = i.standard.map(|s| s.0);
    item.latest = Some(i.unit.format(last.value));
    item.latest_period = Some(last.period.label());
    item.note = last.note.clone();
    if let Some(s) = standard {
        let rag = Rag::of(last.value, s, last_median, i.direction);
        item.rag = Some(rag.id());
        item.rag_words = Some(rag.words());
    }
    item.against_median = last_median.map(|m| against_median(i, last.value, m));
    let mut finding = format!(
        "{name}: {} in {}",
        i.unit.format(last.value),
        last.period.label()
    );
    let clauses: Vec<String> = standard
        .and_then(|_| against_standard(i, last.value))
        .into_iter()
        .chain(item.against_median.clone())
        .collect();
    if !clauses.is_empty() {
        finding.push_str(&format!(", {}", clauses.join(" and ")));
    }
    if series.len() > 1 {
        let first = &series[0];
        let change = if format_number(first.value) == format_number(last.value) {
            "unchanged from".to_owned()
        } else if last.value > first.value {
            "up from".to_owned()
        } else {
            "down from".to_owned()
        };
        finding.push_str(&format!(
            "; {change} {} in {}",
            i.unit.format(first.value),
            first.period.label()
        ));
    }
    finding.push('.');
    let labels: Vec<(String, String)> = periods.iter().map(|p| p.axis()).collect();
    let keys: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
    let chart = chart::trend(
        &labels,
        &keys,
        &[
            Series {
                name,
                values: own.clone(),
                class: "s-network",
                shape: Shape::Circle,
            },
            Series {
                name: "National median",
                values: medians.clone(),
                class: "s-median",
                shape: Shape::Square,
            },
        ],
        standard,
        &scale(i.unit),
        &|s, n, v| format!("{s}, {}: {}", periods[n].label(), i.unit.format(v)),
    );
    let chart_id = format!("trend-{}", i.id);
    let rows = periods
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let v = series.iter().find(|v| v.period == *p);
            TableRow {
                header: p.label(),
                url: None,
                cells: vec![
                    match own[n] {
                        Some(x) => figure_cell(i.unit.format(x), name, &keys[n], x),
                        None => cell("not reported"),
                    },
                    match medians[n] {
                        Some(m) => figure_cell(i.unit.format(m), "National median", &keys[n], m),
                        None => cell(""),
                    },
                    cell(v.and_then(|v| v.note.clone()).unwrap_or_default()),
                ],
            }
        })
        .collect();
    let period_word = match i.frequency {
        Frequency::Quarterly => "Quarter",
        Frequency::Yearly => "Year",
    };
    item.trend = Some(Figure {
        svg: chart.svg(&chart_id, &format!("{}: {name}, trend", i.name), &finding),
        id: chart_id,
        finding,
        table: Table {
            caption: format!(
                "{}: {name} and the national median by {}",
                i.name,
                period_word.to_lowercase()
            ),
            columns: vec![
                period_word.into(),
                name.to_owned(),
                "National median".into(),
                "Note".into(),
            ],
            rows,
        },
    });
    item
}

/// "meets the standard of 100%" / "short of the standard of 100%".
fn against_standard(i: &Indicator, v: f64) -> Option<String> {
    let s = i.standard?.0;
    let verb = if i.direction.meets(v, s) {
        "meets"
    } else {
        "short of"
    };
    Some(format!("{verb} the standard of {}", i.unit.format(s)))
}

/// "better than the national median of 71%", direction-aware.
fn against_median(i: &Indicator, v: f64, m: f64) -> String {
    let how = if format_number(v) == format_number(m) {
        "level with"
    } else if i.direction == Direction::Neither {
        if v > m {
            "above"
        } else {
            "below"
        }
    } else if i.direction.better(v, m) {
        "better than"
    } else {
        "worse than"
    };
    format!("{how} the national median of {}", i.unit.format(m))
}
