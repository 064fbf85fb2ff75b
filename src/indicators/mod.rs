//! Indicators: the nationally agreed measures every network reports and benchmarks (Appendix 1
//! of the network specification), as data in git. `indicators.yaml` at the content root
//! defines each indicator once; each network reports its figures in
//! `networks/<id>/indicators/<period>.csv`. This module turns both into checked types
//! ([`Indicators`]), every problem a located diagnostic; [`stats`] computes medians and
//! funnel-plot limits, [`chart`] draws the charts as SVG, and [`pages`] makes what the pages,
//! `indicators.json` and the published CSV files show.

pub mod chart;
mod definitions;
pub mod pages;
pub mod stats;
mod values;

use crate::diag::Diagnostic;
use crate::network::Network;
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub use definitions::parse_definitions;
pub use values::{parse_values, HEADER};

/// What an indicator's figures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A percentage, 0 to 100; may carry a numerator and denominator.
    Percent,
    Days,
    Hours,
    /// A whole number of patients, operations or transfers.
    Count,
}

impl Unit {
    pub fn id(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Days => "days",
            Unit::Hours => "hours",
            Unit::Count => "count",
        }
    }

    /// The largest plausible value: above it a figure is almost certainly in the wrong unit
    /// (minutes for hours, a count for a percentage).
    pub fn max(self) -> f64 {
        match self {
            Unit::Percent => 100.0,
            Unit::Days => 3650.0,
            Unit::Hours => 8760.0,
            Unit::Count => 1_000_000.0,
        }
    }

    /// What the range check says is allowed.
    pub fn range_words(self) -> &'static str {
        match self {
            Unit::Percent => "a percentage from 0 to 100",
            Unit::Days => "a number of days from 0 to 3650",
            Unit::Hours => "a number of hours from 0 to 8760",
            Unit::Count => "a whole number from 0 to 1000000",
        }
    }

    /// `v` as the pages print it: `62%`, `4.5 hours`, `18 days`, `41`.
    pub fn format(self, v: f64) -> String {
        let n = format_number(v);
        match self {
            Unit::Percent => format!("{n}%"),
            Unit::Days if n == "1" => "1 day".to_owned(),
            Unit::Days => format!("{n} days"),
            Unit::Hours if n == "1" => "1 hour".to_owned(),
            Unit::Hours => format!("{n} hours"),
            Unit::Count => n,
        }
    }

    /// A short axis label for a value.
    pub fn axis(self, v: f64) -> String {
        let n = format_number(v);
        match self {
            Unit::Percent => format!("{n}%"),
            _ => n,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::Percent => "Percent",
            Unit::Days => "Days",
            Unit::Hours => "Hours",
            Unit::Count => "Number",
        }
    }
}

/// A number with at most one decimal place, trailing `.0` dropped: the precision every page,
/// chart, table and file shows, so a chart's marks and its table always agree.
pub fn format_number(v: f64) -> String {
    let tenths = (v * 10.0).round();
    if tenths == 0.0 {
        "0".to_owned()
    } else if tenths % 10.0 == 0.0 {
        format!("{}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

/// Whether a higher or a lower figure is better, or neither (a volume to know, such as
/// referrals, that is not a ranking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
    Neither,
}

impl Direction {
    pub fn id(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Neither => "neither",
        }
    }

    /// Whether `a` is better than `b` (never, for `Neither`).
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Direction::Higher => a > b,
            Direction::Lower => a < b,
            Direction::Neither => false,
        }
    }

    /// Whether `value` meets `standard` (a standard needs a direction, so never for `Neither`).
    pub fn meets(self, value: f64, standard: f64) -> bool {
        match self {
            Direction::Higher => value >= standard,
            Direction::Lower => value <= standard,
            Direction::Neither => false,
        }
    }
}

/// Where an indicator's figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataSource {
    /// The British Spine Registry.
    Bsr,
    /// Hospital Episode Statistics.
    Hes,
    ModelHospital,
    LocalAudit,
}

impl DataSource {
    pub fn label(self) -> &'static str {
        match self {
            DataSource::Bsr => "British Spine Registry (BSR)",
            DataSource::Hes => "Hospital Episode Statistics (HES)",
            DataSource::ModelHospital => "Model Hospital",
            DataSource::LocalAudit => "Local audit",
        }
    }
}

/// How often an indicator is reported: each value's period must be of this kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    #[default]
    Quarterly,
    Yearly,
}

impl Frequency {
    pub fn id(self) -> &'static str {
        match self {
            Frequency::Quarterly => "quarterly",
            Frequency::Yearly => "yearly",
        }
    }
}

/// One indicator of `indicators.yaml`.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// The section of Appendix 1 it belongs to, e.g. "Elective: British Spine Registry".
    pub section: String,
    pub unit: Unit,
    /// Whether a higher or a lower figure is better.
    pub direction: Direction,
    /// A national standard or target, in the indicator's unit.
    #[serde(default)]
    pub standard: Option<Number>,
    /// Where the standard comes from, in words.
    #[serde(default)]
    pub standard_note: Option<String>,
    pub source: Vec<DataSource>,
    #[serde(default)]
    pub frequency: Frequency,
    /// What it measures, in a sentence or two.
    #[serde(default)]
    pub description: Option<String>,
}

/// A finite number that can be hashed and compared (indicators are part of a build's shape).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Number(pub f64);

impl std::hash::Hash for Number {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

/// A reporting period: a calendar quarter (`2025-Q3`, July to September 2025) or a financial
/// year (`2025-26`, April 2025 to March 2026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Quarter {
        year: u16,
        quarter: u8,
    },
    /// The financial year starting in April of `start`.
    Year {
        start: u16,
    },
}

impl Period {
    /// Parses `2025-Q3` or `2025-26`.
    pub fn parse(s: &str) -> Option<Period> {
        let (year, rest) = s.split_once('-')?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = year.parse().ok()?;
        if let Some(q) = rest.strip_prefix('Q') {
            let quarter: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            return (q.len() == 1).then_some(Period::Quarter { year, quarter });
        }
        let end: u16 = rest
            .parse()
            .ok()
            .filter(|_| rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()))?;
        (end == (year + 1) % 100).then_some(Period::Year { start: year })
    }

    pub fn frequency(self) -> Frequency {
        match self {
            Period::Quarter { .. } => Frequency::Quarterly,
            Period::Year { .. } => Frequency::Yearly,
        }
    }

    /// How the pages name it: "Q3 2025", "2025/26".
    pub fn label(self) -> String {
        match self {
            Period::Quarter { year, quarter } => format!("Q{quarter} {year}"),
            Period::Year { start } => format!("{start}/{:02}", (start + 1) % 100),
        }
    }

    /// The two lines of a chart's axis label.
    pub fn axis(self) -> (String, String) {
        match self {
            Period::Quarter { year, quarter } => (format!("Q{quarter}"), year.to_string()),
            Period::Year { start } => (
                format!("{start}/"),
                format!("{:02}", (start + 1) % 100).to_string(),
            ),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Year { start } => write!(f, "{start}-{:02}", (start + 1) % 100),
        }
    }
}

/// One reported figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub period: Period,
    pub value: f64,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub note: Option<String>,
}

/// A network as the indicator pages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkName {
    pub id: String,
    pub name: String,
}

/// Every indicator and every network's figures, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indicators {
    /// In the order of `indicators.yaml`.
    pub list: Vec<Indicator>,
    /// Every network with a valid profile, by id (a per-network build still compares all).
    pub networks: Vec<NetworkName>,
    /// Indicator id → network id → figures in period order.
    pub values: BTreeMap<String, BTreeMap<String, Vec<Value>>>,
}

impl Indicators {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.list.iter().find(|i| i.id == id)
    }

    /// A network's figures for one indicator, in period order.
    pub fn series(&self, indicator: &str, network: &str) -> &[Value] {
        self.values
            .get(indicator)
            .and_then(|by| by.get(network))
            .map_or(&[], Vec::as_slice)
    }

    /// The networks' figures for one indicator in one period, by network id.
    pub fn in_period<'a>(
        &'a self,
        indicator: &str,
        period: Period,
    ) -> impl Iterator<Item = (&'a str, &'a Value)> + 'a {
        self.values
            .get(indicator)
            .into_iter()
            .flat_map(|by| by.iter())
            .filter_map(move |(n, vs)| {
                vs.iter()
                    .find(|v| v.period == period)
                    .map(|v| (n.as_str(), v))
            })
    }

    /// Every period any network reported for an indicator, in order.
    pub fn periods(&self, indicator: &str) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .values
            .get(indicator)
            .into_iter()
            .flat_map(|by| by.values().flatten().map(|v| v.period))
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }

    pub fn network_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.networks
            .iter()
            .find(|n| n.id == id)
            .map_or(id, |n| n.name.as_str())
    }
}

/// Checks `indicators.yaml` and every network's figures. Figures of a network folder that is
/// not a valid network are left out (the folder already has its own error).
pub fn load(source: &Source, networks: &[Network], diags: &mut Vec<Diagnostic>) -> Indicators {
    let list = match &source.indicators {
        Some(f) => parse_definitions(&f.path, &f.text, diags),
        None => {
            if let Some(first) = source.indicator_values.first() {
                diags.push(
                    Diagnostic::error(
                        "missing-indicators-yaml",
                        &first.path,
                        "there are indicator figures but no indicators.yaml defining the indicators",
                    )
                    .help("add indicators.yaml at the top of the content folder (see the README's Indicators section), or remove the figures"),
                );
            }
            return Indicators::default();
        }
    };
    let mut values: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    for file in &source.indicator_values {
        let Some(network) = file.path.split('/').nth(1) else {
            continue;
        };
        if !networks.iter().any(|n| n.id == network) {
            continue;
        }
        for (indicator, value) in parse_values(&file.path, &file.text, &list, diags) {
            values
                .entry(indicator)
                .or_default()
                .entry(network.to_owned())
                .or_default()
                .push(value);
        }
    }
    for by_network in values.values_mut() {
        for series in by_network.values_mut() {
            series.sort_by_key(|v| v.period);
        }
    }
    Indicators {
        list,
        networks: networks
            .iter()
            .map(|n| NetworkName {
                id: n.id.clone(),
                name: n.profile.name.clone(),
            })
            .collect(),
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_quarters_and_financial_years() {
        assert_eq!(
            Period::parse("2025-Q3"),
            Some(Period::Quarter {
                year: 2025,
                quarter: 3
            })
        );
        assert_eq!(Period::parse("2025-26"), Some(Period::Year { start: 2025 }));
        assert_eq!(Period::parse("1999-00"), Some(Period::Year { start: 1999 }));
        for bad in [
            "2025-Q5", "2025-Q0", "2025-27", "25-26", "2025", "2025-q3", "2025-Q03",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::parse("2025-26").unwrap().to_string(), "2025-26");
        assert_eq!(Period::parse("2025-26").unwrap().label(), "2025/26");
        assert_eq!(Period::parse("2024-Q4").unwrap().label(), "Q4 2024");
        assert!(Period::parse("2024-Q4") < Period::parse("2025-Q1"));
    }

    #[test]
    fn numbers_keep_one_decimal_place() {
        assert_eq!(format_number(62.0), "62");
        assert_eq!(format_number(62.04), "62");
        assert_eq!(format_number(4.25), "4.3");
        assert_eq!(format_number(-0.01), "0");
        assert_eq!(Unit::Percent.format(71.0), "71%");
        assert_eq!(Unit::Days.format(1.0), "1 day");
        assert_eq!(Unit::Hours.format(5.5), "5.5 hours");
    }
}
