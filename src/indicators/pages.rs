//! What the indicator pages show, as view structs for the templates: the `/indicators/`
//! index, one page per indicator (`/indicators/<id>/`: networks side by side in the latest
//! period with the national median, and a funnel plot for rates) and one page per network
//! (`/<network>/indicators/`: each indicator's latest figure, its RAG against the standard in
//! words and its trend). Also `indicators.json` and the CSV files the pages link to.
//!
//! Each chart comes with its finding in words (the SVG's `<desc>`, also printed under it) and
//! a table holding the same numbers as its marks: both are made here from one list of
//! figures, so they cannot disagree.

use super::chart::{self, Chart, FunnelPoint, Row, Scale, Series, Shape};
use super::stats::{self, Funnel, Rag};
use super::{format_number, Frequency, Indicator, Indicators, Period, Unit, Value};
use serde::Serialize;

/// The site around the pages: the base path, and which networks have pages in this build.
pub struct Site<'a> {
    pub root: &'a str,
    pub networks: Vec<&'a str>,
}

impl Site<'_> {
    fn network_url(&self, id: &str) -> Option<String> {
        self.networks
            .contains(&id)
            .then(|| format!("{}{id}/indicators/", self.root))
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

/// Every indicator page of the site.
pub fn jobs(ind: &Indicators, site: &Site<'_>) -> Vec<Job> {
    if ind.is_empty() {
        return Vec::new();
    }
    let mut jobs = vec![Job {
        path: "indicators/index.html".into(),
        template: "indicators.html",
        network: None,
        crumbs: vec![],
        view: View::Index(index(ind, site)),
    }];
    let index_crumb = ("Indicators".to_owned(), format!("{}indicators/", site.root));
    for i in &ind.list {
        jobs.push(Job {
            path: format!("indicators/{}/index.html", i.id),
            template: "indicator.html",
            network: None,
            crumbs: vec![index_crumb.clone()],
            view: View::Indicator(Box::new(indicator(ind, i, site))),
        });
    }
    for n in &site.networks {
        let name = ind.network_name(n).to_owned();
        jobs.push(Job {
            path: format!("{n}/indicators/index.html"),
            template: "network_indicators.html",
            network: Some((*n).to_owned()),
            crumbs: vec![(name, format!("{}{n}/", site.root))],
            view: View::Network(network(ind, n, site)),
        });
    }
    jobs
}

fn card(i: &Indicator, root: &str) -> Card {
    Card {
        id: i.id.clone(),
        name: i.name.clone(),
        url: format!("{root}indicators/{}/", i.id),
        unit: i.unit.id(),
        unit_label: i.unit.label(),
        direction: i.direction.id(),
        standard: i.standard.map(|s| i.unit.format(s.0)),
        standard_note: i.standard_note.clone(),
        sources: i.source.iter().map(|s| s.label()).collect(),
        frequency: i.frequency.id(),
        description: i.description.clone(),
        csv_url: format!("{root}indicators/{}/{}.csv", i.id, i.id),
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

fn index(ind: &Indicators, site: &Site<'_>) -> IndexView {
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
                url: format!("{}{n}/indicators/", site.root),
            })
            .collect(),
        json_url: format!("{}indicators.json", site.root),
    }
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
    } else if i.direction == super::Direction::Neither {
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

fn indicator(ind: &Indicators, i: &Indicator, site: &Site<'_>) -> IndicatorView {
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
        let by = if i.direction == super::Direction::Lower {
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
            let (top, bottom) = if i.direction == super::Direction::Neither {
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

fn network(ind: &Indicators, id: &str, site: &Site<'_>) -> NetworkView {
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
        csv_url: format!("{}{id}/indicators/{id}-indicators.csv", site.root),
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

/// `indicators.json`: every indicator with every network's figures and the national
/// median (and pooled rate, for rates) of each period.
pub fn json(ind: &Indicators, base_url: &str) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        indicators: Vec<Entry<'a>>,
    }
    #[derive(Serialize)]
    struct Entry<'a> {
        #[serde(flatten)]
        indicator: &'a Indicator,
        url: String,
        csv: String,
        periods: Vec<PeriodOut<'a>>,
    }
    #[derive(Serialize)]
    struct PeriodOut<'a> {
        period: String,
        national_median: Option<f64>,
        pooled_rate: Option<f64>,
        values: Vec<ValueOut<'a>>,
    }
    #[derive(Serialize)]
    struct ValueOut<'a> {
        network: &'a str,
        value: f64,
        numerator: Option<u64>,
        denominator: Option<u64>,
        note: Option<&'a str>,
    }
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let out = Out {
        version: 1,
        indicators: ind
            .list
            .iter()
            .map(|i| Entry {
                indicator: i,
                url: format!("{base_url}indicators/{}/", i.id),
                csv: format!("{base_url}indicators/{}/{}.csv", i.id, i.id),
                periods: ind
                    .periods(&i.id)
                    .into_iter()
                    .map(|p| {
                        let values: Vec<ValueOut<'_>> = ind
                            .in_period(&i.id, p)
                            .map(|(n, v)| ValueOut {
                                network: n,
                                value: v.value,
                                numerator: v.numerator,
                                denominator: v.denominator,
                                note: v.note.as_deref(),
                            })
                            .collect();
                        let pairs: Vec<(u64, u64)> = values
                            .iter()
                            .filter_map(|v| Some((v.numerator?, v.denominator?)))
                            .collect();
                        PeriodOut {
                            period: p.to_string(),
                            national_median: median_in(ind, &i.id, p).map(round),
                            pooled_rate: stats::pooled_rate(&pairs).map(|r| round(r * 100.0)),
                            values,
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}

/// The CSV files the pages link to: one per indicator (every network, every period) and one
/// per network (every indicator), with a `network` column first.
pub fn csv_files(ind: &Indicators, site: &Site<'_>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    for i in &ind.list {
        let rows = ind.values.get(&i.id).into_iter().flat_map(|by| {
            by.iter()
                .flat_map(|(n, vs)| vs.iter().map(move |v| (n.as_str(), i.id.as_str(), v)))
        });
        let mut rows: Vec<_> = rows.collect();
        rows.sort_by(|a, b| (a.2.period, a.0).cmp(&(b.2.period, b.0)));
        files.push((
            format!("indicators/{}/{}.csv", i.id, i.id),
            write_csv(rows)?,
        ));
    }
    for n in &site.networks {
        let rows = ind.list.iter().flat_map(|i| {
            ind.series(&i.id, n)
                .iter()
                .map(move |v| (*n, i.id.as_str(), v))
        });
        files.push((
            format!("{n}/indicators/{n}-indicators.csv"),
            write_csv(rows.collect())?,
        ));
    }
    Ok(files)
}

fn write_csv(rows: Vec<(&str, &str, &Value)>) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("network").chain(super::HEADER);
    w.write_record(header).map_err(|e| e.to_string())?;
    for (n, id, v) in rows {
        w.write_record([
            n,
            id,
            &v.period.to_string(),
            &v.value.to_string(),
            &v.numerator.map(|x| x.to_string()).unwrap_or_default(),
            &v.denominator.map(|x| x.to_string()).unwrap_or_default(),
            v.note.as_deref().unwrap_or(""),
        ])
        .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}
