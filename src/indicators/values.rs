//! A network's figures: `networks/<id>/indicators/<period>.csv`, one row per indicator, read
//! with the `csv` crate and checked strictly. Each problem is one diagnostic at the row and
//! column it is in; a row with a problem is left out, so charts never show a doubtful figure.

use super::definitions::in_range;
use super::{format_number, Indicator, Period, Unit, Value};
use crate::diag::{suggest, Diagnostic};
use std::collections::BTreeSet;

/// The header every figures file starts with.
pub const HEADER: [&str; 6] = [
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "note",
];

/// How far a percentage may be from its numerator over denominator (rounding to a whole
/// percent is fine).
const RATE_TOLERANCE: f64 = 0.5;

/// The good rows of one file, as (indicator id, value); every problem a diagnostic.
pub fn parse_values(
    path: &str,
    text: &str,
    indicators: &[Indicator],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Value)> {
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".csv");
    let Some(file_period) = Period::parse(stem) else {
        diags.push(
            Diagnostic::error(
                "invalid-period",
                path,
                format!("the file name `{stem}.csv` is not a reporting period"),
            )
            .help("name the file after the period its figures are for: a quarter such as 2025-Q3.csv or a financial year such as 2025-26.csv"),
        );
        return Vec::new();
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut header_ok = false;
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.push(
                    Diagnostic::error("invalid-csv", path, "this row cannot be read as CSV")
                        .at(text, line, 1, 1)
                        .help("separate fields with commas and put a field containing a comma or a quote in double quotes, doubling quotes inside it"),
                );
                return out;
            }
        };
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let src = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let at = |d: Diagnostic, field: usize| {
            let (col, len) = field_span(src, field);
            d.at(text, line, col, len)
        };
        if i == 0 {
            header_ok = check_header(path, &record, &at, diags);
            if !header_ok {
                return out;
            }
            continue;
        }
        if record.len() != HEADER.len() {
            diags.push(
                at(
                    Diagnostic::error(
                        "invalid-csv",
                        path,
                        format!(
                            "this row has {} fields; every row has {}: {}",
                            record.len(),
                            HEADER.len(),
                            HEADER.join(", ")
                        ),
                    ),
                    0,
                )
                .help("leave a field empty rather than out (`mri-4h,2025-Q3,62,,,`), and put a note containing commas in double quotes"),
            );
            continue;
        }
        let field = |n: usize| record.get(n).unwrap_or("").trim();
        let row = Row {
            path,
            file_period,
            at: &at,
        };
        if let Some((id, value)) = row.check(&field, indicators, diags) {
            if !seen.insert((id.clone(), value.period)) {
                diags.push(
                    at(
                        Diagnostic::error(
                            "duplicate-value",
                            path,
                            format!(
                                "`{id}` already has a value for {} in this file",
                                value.period
                            ),
                        ),
                        0,
                    )
                    .help("keep one row per indicator and period; delete or correct the other"),
                );
                continue;
            }
            out.push((id, value));
        }
    }
    if !header_ok {
        diags.push(
            Diagnostic::error("csv-header", path, "the file is empty").help(format!(
                "start the file with the header row `{}`",
                HEADER.join(",")
            )),
        );
    }
    out
}

fn check_header(
    path: &str,
    record: &csv::StringRecord,
    at: &dyn Fn(Diagnostic, usize) -> Diagnostic,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let names: Vec<&str> = record.iter().map(str::trim).collect();
    let want = HEADER.join(",");
    for (n, expected) in HEADER.iter().enumerate() {
        let got = names.get(n).copied();
        if got == Some(*expected) {
            continue;
        }
        let message = match got {
            Some(g) => format!("column {} is `{g}`; it should be `{expected}`", n + 1),
            None => format!("the header has no column `{expected}`"),
        };
        let help = format!("the header row is exactly `{want}`, in that order");
        diags.push(
            at(
                Diagnostic::error("csv-header", path, message),
                n.min(names.len().saturating_sub(1)),
            )
            .help(help),
        );
        return false;
    }
    if names.len() > HEADER.len() {
        diags.push(
            at(
                Diagnostic::error(
                    "csv-header",
                    path,
                    format!(
                        "column {} (`{}`) is not one of the columns",
                        HEADER.len() + 1,
                        names[HEADER.len()]
                    ),
                ),
                HEADER.len(),
            )
            .help(format!(
                "the header row is exactly `{want}`; put remarks in `note`"
            )),
        );
        return false;
    }
    true
}

/// One data row being checked.
struct Row<'a> {
    path: &'a str,
    file_period: Period,
    at: &'a dyn Fn(Diagnostic, usize) -> Diagnostic,
}

impl Row<'_> {
    fn err(&self, code: &'static str, field: usize, message: String, help: String) -> Diagnostic {
        (self.at)(Diagnostic::error(code, self.path, message), field).help(help)
    }

    fn check<'f>(
        &self,
        field: &dyn Fn(usize) -> &'f str,
        indicators: &[Indicator],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(String, Value)> {
        let id = field(0);
        let Some(ind) = indicators.iter().find(|i| i.id == id) else {
            let help = match suggest(id, indicators.iter().map(|i| i.id.as_str())) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "use an indicator id from indicators.yaml".to_owned(),
            };
            let message = if id.is_empty() {
                "the row names no indicator".to_owned()
            } else {
                format!("there is no indicator `{id}` in indicators.yaml")
            };
            diags.push(self.err("unknown-indicator", 0, message, help));
            return None;
        };
        let period_text = field(1);
        let Some(period) = Period::parse(period_text) else {
            diags.push(self.err(
                "invalid-period",
                1,
                format!("`{period_text}` is not a reporting period"),
                format!("write a quarter as YYYY-Qn (e.g. 2025-Q3) or a financial year as YYYY-YY (e.g. 2025-26); this file is for {}", self.file_period),
            ));
            return None;
        };
        if period != self.file_period {
            diags.push(self.err(
                "period-mismatch",
                1,
                format!(
                    "this row is for {period}, but the file is for {}",
                    self.file_period
                ),
                format!(
                    "move the row to {period}.csv, or correct the period to {}",
                    self.file_period
                ),
            ));
            return None;
        }
        if period.frequency() != ind.frequency {
            let example = match ind.frequency {
                super::Frequency::Quarterly => "a quarter such as 2025-Q3",
                super::Frequency::Yearly => "a financial year such as 2025-26",
            };
            diags.push(self.err(
                "wrong-frequency",
                1,
                format!(
                    "`{}` is reported {}, but {period} is not a {}",
                    ind.id,
                    ind.frequency.id(),
                    match ind.frequency {
                        super::Frequency::Quarterly => "quarter",
                        super::Frequency::Yearly => "financial year",
                    }
                ),
                format!("report it for {example}, in that period's file"),
            ));
            return None;
        }
        let value = self.number(field(2), 2, "value", diags)?;
        if !in_range(ind.unit, value) {
            diags.push(
                self.err(
                    "value-out-of-range",
                    2,
                    format!(
                        "{} is out of range for `{}`, which is {}",
                        format_number(value),
                        ind.id,
                        ind.unit.range_words()
                    ),
                    match ind.unit {
                        Unit::Percent => {
                            "write the percentage itself (62 for 62%), not a fraction or a count"
                                .to_owned()
                        }
                        Unit::Count => {
                            "write a whole number of patients, operations or transfers".to_owned()
                        }
                        _ => format!("write it as {}", ind.unit.range_words()),
                    },
                ),
            );
            return None;
        }
        let numerator = self.count(field(3), 3, "numerator", diags)?;
        let denominator = self.count(field(4), 4, "denominator", diags)?;
        if let Some(()) = self.check_rate(ind, value, numerator, denominator, diags) {
            return None;
        }
        let note = Some(field(5)).filter(|n| !n.is_empty()).map(str::to_owned);
        Some((
            ind.id.clone(),
            Value {
                period,
                value,
                numerator,
                denominator,
                note,
            },
        ))
    }

    /// `Some(())` when the numerator and denominator have a problem (reported).
    fn check_rate(
        &self,
        ind: &Indicator,
        value: f64,
        numerator: Option<u64>,
        denominator: Option<u64>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<()> {
        let (n, d) = match (numerator, denominator) {
            (None, None) => return None,
            (Some(n), Some(d)) => (n, d),
            (Some(_), None) | (None, Some(_)) => {
                let field = if numerator.is_some() { 4 } else { 3 };
                diags.push(self.err(
                    "incomplete-rate",
                    field,
                    "a rate needs both its numerator and its denominator".to_owned(),
                    "give both (e.g. 31 of 50 as `31,50`) or leave both empty".to_owned(),
                ));
                return Some(());
            }
        };
        if ind.unit != Unit::Percent {
            diags.push(
                self.err(
                    "incomplete-rate",
                    3,
                    format!(
                        "`{}` is in {}, so it has no numerator or denominator",
                        ind.id,
                        ind.unit.id()
                    ),
                    "leave numerator and denominator empty for figures that are not percentages"
                        .to_owned(),
                ),
            );
            return Some(());
        }
        if d == 0 {
            diags.push(
                self.err(
                    "incomplete-rate",
                    4,
                    "the denominator is 0, so there is no rate".to_owned(),
                    "leave out a period with no patients, or say why in another period's note"
                        .to_owned(),
                ),
            );
            return Some(());
        }
        if n > d {
            diags.push(self.err(
                "numerator-above-denominator",
                3,
                format!("the numerator ({n}) is larger than the denominator ({d})"),
                "the numerator counts the patients who met the measure, out of the denominator's patients: check the two are not swapped".to_owned(),
            ));
            return Some(());
        }
        let rate = 100.0 * n as f64 / d as f64;
        if (rate - value).abs() > RATE_TOLERANCE {
            diags.push(self.err(
                "rate-mismatch",
                2,
                format!("the value {} does not match {n} of {d}, which is {}%", format_number(value), format_number(rate)),
                format!("write the value as {} (100 × numerator ÷ denominator), or correct the numerator or denominator", format_number(rate)),
            ));
            return Some(());
        }
        None
    }

    fn number(
        &self,
        s: &str,
        field: usize,
        name: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<f64> {
        let parsed = s.parse::<f64>().ok().filter(|v| v.is_finite());
        if parsed.is_none() {
            let message = if s.is_empty() {
                format!("the `{name}` is empty")
            } else {
                format!("`{s}` is not a number")
            };
            diags.push(self.err(
                "invalid-number",
                field,
                message,
                "write the number alone, with a dot for decimals and no % sign or units, e.g. 62 or 4.5".to_owned(),
            ));
        }
        parsed
    }

    /// An optional whole number; `None` (the outer) when it is given but not one (reported).
    fn count(
        &self,
        s: &str,
        field: usize,
        name: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Option<u64>> {
        if s.is_empty() {
            return Some(None);
        }
        match s.parse::<u64>() {
            Ok(n) if n as f64 > Unit::Count.max() => {
                diags.push(self.err(
                    "value-out-of-range",
                    field,
                    format!("the {name} {n} is larger than any network's patients"),
                    format!("write the {name} as a count of patients, at most 1000000"),
                ));
                None
            }
            Ok(n) => Some(Some(n)),
            Err(_) => {
                diags.push(self.err(
                    "invalid-number",
                    field,
                    format!("the {name} `{s}` is not a whole number"),
                    format!("write the {name} as a count of patients, e.g. 31"),
                ));
                None
            }
        }
    }
}

/// Column (1-based, in characters) and length of field `n` of a CSV line.
fn field_span(line: &str, n: usize) -> (usize, usize) {
    let mut field = 0;
    let mut quoted = false;
    let mut start = 0;
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if field == n {
                    return (start + 1, (i - start).max(1));
                }
                field += 1;
                start = i + 1;
            }
            _ => {}
        }
    }
    if field == n {
        (start + 1, (chars.len() - start).max(1))
    } else {
        (chars.len().max(1), 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::parse_definitions;

    const DEFS: &str = "indicators:\n  - id: mri-4h\n    name: MRI within 4 hours\n    section: S\n    unit: percent\n    direction: higher\n    standard: 100\n    source: [local-audit]\n  - id: los-fusion\n    name: Length of stay\n    section: S\n    unit: days\n    direction: lower\n    source: [model-hospital]\n  - id: thoracic\n    name: Thoracic discectomies\n    section: S\n    unit: count\n    direction: higher\n    frequency: yearly\n    source: [hes]\n";

    fn run(name: &str, rows: &str) -> (Vec<(String, Value)>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let defs = parse_definitions("indicators.yaml", DEFS, &mut diags);
        assert!(diags.is_empty());
        let text = format!("indicator,period,value,numerator,denominator,note\n{rows}");
        let path = format!("networks/selk/indicators/{name}.csv");
        let out = parse_values(&path, &text, &defs, &mut diags);
        (out, diags)
    }

    /// The one diagnostic of a run, as (code, line, col).
    fn one(name: &str, rows: &str) -> (&'static str, usize, usize) {
        let (out, diags) = run(name, rows);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(out.is_empty() || rows.lines().count() > 1);
        (diags[0].code, diags[0].line, diags[0].col)
    }

    #[test]
    fn good_rows_parse() {
        let (out, diags) = run(
            "2025-Q3",
            "mri-4h,2025-Q3,62,31,50,\nlos-fusion,2025-Q3,4.5,,,\"winter, pressures\"\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].1.numerator, Some(31));
        assert_eq!(out[1].1.note.as_deref(), Some("winter, pressures"));
    }

    #[test]
    fn each_problem_is_one_located_diagnostic() {
        assert_eq!(
            one("2025-Q3", "mri-4hr,2025-Q3,62,,,\n"),
            ("unknown-indicator", 2, 1)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,162,,,\n"),
            ("value-out-of-range", 2, 16)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,62,51,50,\n"),
            ("numerator-above-denominator", 2, 19)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,62,31,,\n"),
            ("incomplete-rate", 2, 22)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,70,31,50,\n"),
            ("rate-mismatch", 2, 16)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,62%,,,\n"),
            ("invalid-number", 2, 16)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q03,62,,,\n"),
            ("invalid-period", 2, 8)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q2,62,,,\n"),
            ("period-mismatch", 2, 8)
        );
        assert_eq!(
            one("2025-Q3", "thoracic,2025-Q3,4,,,\n"),
            ("wrong-frequency", 2, 10)
        );
        assert_eq!(
            one("2025-26", "thoracic,2025-26,4.5,,,\n"),
            ("value-out-of-range", 2, 18)
        );
        assert_eq!(
            one("2025-Q3", "los-fusion,2025-Q3,4,3,5,\n"),
            ("incomplete-rate", 2, 22)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,62,,\n"),
            ("invalid-csv", 2, 1)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,62,31,99999999999999,\n"),
            ("value-out-of-range", 2, 22)
        );
        assert_eq!(
            one("2025-Q3", "mri-4h,2025-Q3,62,,,\nmri-4h,2025-Q3,63,,,\n"),
            ("duplicate-value", 3, 1)
        );
    }

    #[test]
    fn headers_and_file_names_are_checked() {
        let mut diags = Vec::new();
        let defs = parse_definitions("indicators.yaml", DEFS, &mut diags);
        let text = "indicator,period,val,numerator,denominator,note\nmri-4h,2025-Q3,62,,,\n";
        parse_values(
            "networks/selk/indicators/2025-Q3.csv",
            text,
            &defs,
            &mut diags,
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            (diags[0].code, diags[0].line, diags[0].col),
            ("csv-header", 1, 18)
        );
        assert!(diags[0]
            .message
            .contains("column 3 is `val`; it should be `value`"));
        diags.clear();
        parse_values(
            "networks/selk/indicators/autumn.csv",
            text,
            &defs,
            &mut diags,
        );
        assert_eq!((diags[0].code, diags[0].line), ("invalid-period", 0));
    }

    #[test]
    fn field_spans_skip_quoted_commas() {
        assert_eq!(field_span("a,\"b,c\",d", 2), (9, 1));
        assert_eq!(field_span("ab,cd", 1), (4, 2));
    }
}
