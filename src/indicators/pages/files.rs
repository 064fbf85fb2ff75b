//! The indicator data the site publishes for other tools and spreadsheets:
//! `indicators.json` (every figure, with each period's national median and pooled rate) and
//! the CSV files the pages link to.

use super::{median_in, Site};
use crate::indicators::{stats, Indicator, Indicators, Value, HEADER};
use crate::routes;
use serde::Serialize;

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
                url: routes::url(base_url, &routes::indicator(&i.id)),
                csv: routes::url(base_url, &routes::indicator_csv(&i.id)),
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
pub fn csv_files(ind: &Indicators, site: &Site<'_>) -> Result<Vec<(String, Vec<u8>)>, CsvError> {
    let mut files = Vec::new();
    for i in &ind.list {
        let rows = ind.values.get(&i.id).into_iter().flat_map(|by| {
            by.iter()
                .flat_map(|(n, vs)| vs.iter().map(move |v| (n.as_str(), i.id.as_str(), v)))
        });
        let mut rows: Vec<_> = rows.collect();
        rows.sort_by(|a, b| (a.2.period, a.0).cmp(&(b.2.period, b.0)));
        files.push((routes::indicator_csv(&i.id), write_csv(rows)?));
    }
    for n in &site.networks {
        let rows = ind.list.iter().flat_map(|i| {
            ind.series(&i.id, n)
                .iter()
                .map(move |v| (*n, i.id.as_str(), v))
        });
        files.push((
            routes::network_indicators_csv(n),
            write_csv(rows.collect())?,
        ));
    }
    Ok(files)
}

/// A CSV file could not be made (the writer's own words).
#[derive(Debug)]
pub enum CsvError {
    /// A record could not be written.
    Record(csv::Error),
    /// The records could not be flushed into the file's bytes.
    Flush(std::io::Error),
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CsvError::Record(e) => e.fmt(f),
            CsvError::Flush(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CsvError {}

fn write_csv(rows: Vec<(&str, &str, &Value)>) -> Result<Vec<u8>, CsvError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("network").chain(HEADER);
    w.write_record(header).map_err(CsvError::Record)?;
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
        .map_err(CsvError::Record)?;
    }
    w.into_inner().map_err(|e| CsvError::Flush(e.into_error()))
}
