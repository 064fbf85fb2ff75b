//! One indicator's page, `/indicators/<id>/`: the networks ranked in the latest period
//! against the national median and the standard, and, for rates, a funnel plot of each
//! network's rate against its number of patients.

use super::{
    card, cell, figure_cell, latest_period, median_in, scale, Card, Figure, Site, Table, TableRow,
};
use crate::indicators::chart::{self, Chart, FunnelPoint, Row, Shape};
use crate::indicators::stats::{self, Funnel};
use crate::indicators::{format_number, Direction, Indicator, Indicators, Period, Unit, Value};
use serde::Serialize;

#[derive(Serialize)]
pub struct IndicatorView {
    card: Card,
    period: Option<String>,
    median: Option<String>,
    ranking: Option<Figure>,
    funnel: Option<Figure>,
    /// Why there is no funnel plot, when there is none.
    no_funnel: Option<&'static str>,
    reporting: usize,
    networks_total: usize,
}

pub(super) fn view(ind: &Indicators, i: &Indicator, site: &Site<'_>) -> IndicatorView {
    let period = latest_period(ind, &i.id);
    let mut view = IndicatorView {
        card: card(i, site.root),
        period: period.map(Period::label),
        median: None,
        ranking: None,
        funnel: None,
        no_funnel: None,
        reporting: 0,
        networks_total: ind.networks.len(),
    };
    let Some(period) = period else {
        return view;
    };
    let mut figures: Vec<(&str, &Value)> = ind.in_period(&i.id, period).collect();
    // Best first; ties by name, so the order is stable.
    figures.sort_by(|a, b| {
        let by = a.1.value.total_cmp(&b.1.value);
        let by = if i.direction == Direction::Lower {
            by
        } else {
            by.reverse()
        };
        by.then_with(|| ind.network_name(a.0).cmp(ind.network_name(b.0)))
    });
    view.reporting = figures.len();
    let median = median_in(ind, &i.id, period);
    view.median = median.map(|m| i.unit.format(m));
    let standard = i.standard.map(|s| s.0);
    let rows: Vec<Row> = figures
        .iter()
        .map(|(n, v)| Row {
            key: (*n).to_owned(),
            label: ind.network_name(n).to_owned(),
            value: v.value,
            title: format!("{}: {}", ind.network_name(n), i.unit.format(v.value)),
        })
        .collect();
    let chart = chart::ranking(
        &rows,
        i.unit == Unit::Count,
        median,
        standard,
        &scale(i.unit),
    );
    let best = figures.first().map(|(n, v)| (ind.network_name(n), v.value));
    let worst = figures.last().map(|(n, v)| (ind.network_name(n), v.value));
    let mut finding = format!("{}, {}: ", i.name, period.label());
    if let (Some(b), Some(w)) = (best, worst) {
        if figures.len() == 1 {
            finding.push_str(&format!("{} {}", b.0, i.unit.format(b.1)));
        } else {
            let (top, bottom) = if i.direction == Direction::Neither {
                ("highest", "lowest")
            } else {
                ("best", "worst")
            };
            finding.push_str(&format!(
                "{top} {} {}, {bottom} {} {}",
                b.0,
                i.unit.format(b.1),
                w.0,
                i.unit.format(w.1)
            ));
        }
    }
    if let Some(m) = median {
        finding.push_str(&format!("; national median {}", i.unit.format(m)));
    }
    if let Some(s) = standard {
        let meeting = figures
            .iter()
            .filter(|(_, v)| i.direction.meets(v.value, s))
            .count();
        finding.push_str(&format!(
            "; {meeting} of {} networks meet the standard of {}",
            figures.len(),
            i.unit.format(s)
        ));
    }
    finding.push('.');
    let rate = i.unit == Unit::Percent;
    let mut columns = vec!["Network".to_owned(), i.unit.label().to_owned()];
    if rate {
        columns.extend(["Numerator".to_owned(), "Denominator".to_owned()]);
    }
    columns.push("Note".to_owned());
    let table_rows = figures
        .iter()
        .map(|(n, v)| {
            let name = ind.network_name(n);
            let mut cells = vec![figure_cell(i.unit.format(v.value), name, n, v.value)];
            if rate {
                cells.push(cell(v.numerator.map(|x| x.to_string()).unwrap_or_default()));
                cells.push(cell(
                    v.denominator.map(|x| x.to_string()).unwrap_or_default(),
                ));
            }
            cells.push(cell(v.note.clone().unwrap_or_default()));
            TableRow {
                header: name.to_owned(),
                url: site.network_url(n),
                cells,
            }
        })
        .collect();
    let chart_id = format!("rank-{}", i.id);
    view.ranking = Some(Figure {
        svg: chart.svg(
            &chart_id,
            &format!("{} by network, {}", i.name, period.label()),
            &finding,
        ),
        id: chart_id,
        finding,
        table: Table {
            caption: format!("{} by network, {}", i.name, period.label()),
            columns,
            rows: table_rows,
        },
    });
    if !rate {
        return view;
    }
    let pairs: Vec<(&str, u64, u64)> = figures
        .iter()
        .filter_map(|(n, v)| Some((*n, v.numerator?, v.denominator?)))
        .collect();
    if pairs.len() < 3 {
        view.no_funnel = Some("A funnel plot needs the numerator and denominator from at least three networks for the period.");
        return view;
    }
    view.funnel = Some(funnel_figure(ind, i, period, &pairs, site));
    view
}

fn funnel_figure(
    ind: &Indicators,
    i: &Indicator,
    period: Period,
    pairs: &[(&str, u64, u64)],
    site: &Site<'_>,
) -> Figure {
    let p = stats::pooled_rate(&pairs.iter().map(|(_, n, d)| (*n, *d)).collect::<Vec<_>>())
        .unwrap_or(0.0);
    let pct = |x: f64| format!("{}%", format_number(x));
    let mut points = Vec::new();
    let mut rows = Vec::new();
    let mut outside: Vec<String> = Vec::new();
    let mut outside95 = 0;
    for (n, num, den) in pairs {
        let rate = *num as f64 / *den as f64;
        let pos = Funnel::of(rate, *den as f64, p);
        let name = ind.network_name(n);
        let shape = match pos {
            Funnel::Within => Shape::Circle,
            Funnel::Above95 | Funnel::Above998 => Shape::TriangleUp,
            Funnel::Below95 | Funnel::Below998 => Shape::TriangleDown,
        };
        match pos {
            Funnel::Above998 | Funnel::Below998 => {
                outside.push(format!("{name} ({} {})", pct(rate * 100.0), pos.words()))
            }
            Funnel::Above95 | Funnel::Below95 => outside95 += 1,
            Funnel::Within => {}
        }
        let l = stats::funnel_limits(p, *den as f64);
        points.push(FunnelPoint {
            key: (*n).to_owned(),
            label: name.to_owned(),
            denominator: *den as f64,
            rate: rate * 100.0,
            shape,
            title: format!(
                "{name}: {} of {den} ({}), {}",
                num,
                pct(rate * 100.0),
                pos.words()
            ),
            flag: pos != Funnel::Within,
        });
        rows.push(TableRow {
            header: name.to_owned(),
            url: site.network_url(n),
            cells: vec![
                figure_cell(pct(rate * 100.0), name, n, rate * 100.0),
                cell(den.to_string()),
                cell(format!(
                    "{}–{}",
                    pct(l.lower95 * 100.0),
                    pct(l.upper95 * 100.0)
                )),
                cell(format!(
                    "{}–{}",
                    pct(l.lower998 * 100.0),
                    pct(l.upper998 * 100.0)
                )),
                cell(sentence_case(pos.words())),
            ],
        });
    }
    let limits = |n: f64| {
        let l = stats::funnel_limits(p, n);
        (
            l.lower95 * 100.0,
            l.upper95 * 100.0,
            l.lower998 * 100.0,
            l.upper998 * 100.0,
        )
    };
    let chart: Chart = chart::funnel(&points, p * 100.0, &limits, "Patients (denominator)");
    let mut finding = format!(
        "{}, {}: national rate {}. ",
        i.name,
        period.label(),
        pct(p * 100.0)
    );
    if outside.is_empty() {
        finding.push_str("No network is outside the 99.8% limits");
    } else {
        finding.push_str(&format!("Outside the 99.8% limits: {}", outside.join("; ")));
    }
    finding.push_str(&format!("; {outside95} more outside the 95% limits only."));
    let id = format!("funnel-{}", i.id);
    Figure {
        svg: chart.svg(
            &id,
            &format!("Funnel plot of {}, {}", i.name, period.label()),
            &finding,
        ),
        id,
        finding,
        table: Table {
            caption: format!(
                "Funnel plot data: {} by network, {}, with the control limits at each network's denominator",
                i.name,
                period.label()
            ),
            columns: vec![
                "Network".into(),
                "Rate".into(),
                "Denominator".into(),
                "95% limits".into(),
                "99.8% limits".into(),
                "Position".into(),
            ],
            rows,
        },
    }
}

fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
