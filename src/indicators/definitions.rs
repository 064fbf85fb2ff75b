//! `indicators.yaml`: the list of indicators, parsed through the one YAML function with
//! strict types, then checked (ids, duplicates, standards within the unit's range).

use super::{Direction, Indicator, Unit};
use crate::diag::Diagnostic;
use crate::slug::{is_slug, slugify};
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    indicators: Vec<Indicator>,
}

/// The usable indicators of `indicators.yaml`, in file order; each problem a diagnostic.
pub fn parse_definitions(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Indicator> {
    let (file, errors) = yaml::parse::<File>(text);
    diags.extend(errors.into_iter().map(|e| e.into_diagnostic(path, text, 0)));
    let Some(file) = file else {
        return Vec::new();
    };
    let mut seen = BTreeSet::new();
    let mut list = Vec::new();
    for ind in file.indicators {
        let (line, col, len) = id_span(text, &ind.id);
        if !is_slug(&ind.id) {
            diags.push(
                Diagnostic::error(
                    "invalid-id",
                    path,
                    format!("indicator id `{}` is not a valid id", ind.id),
                )
                .at(text, line, col, len)
                .help(format!(
                    "use lowercase letters, digits and `-`, e.g. `{}`",
                    slugify(&ind.id)
                )),
            );
            continue;
        }
        if !seen.insert(ind.id.clone()) {
            let second = nth_id_line(text, &ind.id, 1).unwrap_or(line);
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    path,
                    format!("indicator `{}` is defined twice", ind.id),
                )
                .at(text, second, col, len)
                .help("define each indicator once; give the other a different id"),
            );
            continue;
        }
        if ind.name.trim().is_empty() || ind.section.trim().is_empty() {
            let field = if ind.name.trim().is_empty() {
                "name"
            } else {
                "section"
            };
            diags.push(
                Diagnostic::error(
                    "missing-field",
                    path,
                    format!("indicator `{}` has an empty `{field}`", ind.id),
                )
                .at(text, line, col, len)
                .help(format!(
                    "give the indicator's {field} as the network specification words it"
                )),
            );
            continue;
        }
        if ind.source.is_empty() {
            diags.push(
                Diagnostic::error(
                    "missing-field",
                    path,
                    format!("indicator `{}` names no source", ind.id),
                )
                .at(text, line, col, len)
                .help("say where the figures come from, e.g. `source: [bsr, hes]`: bsr, hes, model-hospital or local-audit"),
            );
            continue;
        }
        if let Some(s) = ind.standard.filter(|_| ind.direction == Direction::Neither) {
            let (sl, sc, slen) = field_span(text, line, "standard").unwrap_or((line, col, len));
            diags.push(
                Diagnostic::error(
                    "invalid-value",
                    path,
                    format!(
                        "`{}` has a standard of {} but `direction: neither`, so it cannot be met",
                        ind.id,
                        super::format_number(s.0)
                    ),
                )
                .at(text, sl, sc, slen)
                .help("say which way is better (`direction: higher` or `direction: lower`), or remove the standard"),
            );
            continue;
        }
        if let Some(s) = ind.standard {
            if !in_range(ind.unit, s.0) {
                let (sl, sc, slen) = field_span(text, line, "standard").unwrap_or((line, col, len));
                diags.push(
                    Diagnostic::error(
                        "value-out-of-range",
                        path,
                        format!(
                            "the standard of `{}` is {}, which is not {}",
                            ind.id,
                            super::format_number(s.0),
                            ind.unit.range_words()
                        ),
                    )
                    .at(text, sl, sc, slen)
                    .help(format!(
                        "write the standard in the indicator's unit ({})",
                        ind.unit.id()
                    )),
                );
                continue;
            }
        }
        list.push(ind);
    }
    list
}

/// Whether `v` is allowed for `unit`.
pub fn in_range(unit: Unit, v: f64) -> bool {
    v.is_finite() && v >= 0.0 && v <= unit.max() && (unit != Unit::Count || v.fract() == 0.0)
}

/// Line, column and length of the value of `id: <id>` (the first such line).
fn id_span(text: &str, id: &str) -> (usize, usize, usize) {
    let line = nth_id_line(text, id, 0).unwrap_or(1);
    let src = text.lines().nth(line - 1).unwrap_or("");
    let col = src.find(id).map_or(1, |i| src[..i].chars().count() + 1);
    (line, col, id.chars().count().max(1))
}

fn nth_id_line(text: &str, id: &str, n: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            t.strip_prefix("id:")
                .map(|v| v.trim().trim_matches(['"', '\'']) == id)
                .unwrap_or(false)
        })
        .map(|(i, _)| i + 1)
        .nth(n)
}

/// The value of `key:` within the entry starting at `from` (before the next `- ` entry).
fn field_span(text: &str, from: usize, key: &str) -> Option<(usize, usize, usize)> {
    let prefix = format!("{key}:");
    for (i, l) in text.lines().enumerate().skip(from) {
        let t = l.trim_start();
        if t.starts_with("- ") {
            return None;
        }
        if let Some(rest) = t.strip_prefix(&prefix) {
            let value = rest.trim();
            let col = l.len() - t.len() + prefix.len() + (rest.len() - rest.trim_start().len()) + 1;
            return Some((i + 1, col, value.chars().count().max(1)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "indicators:\n  - id: mri-4h\n    name: MRI within 4 hours\n    section: \"Non-elective: Cauda equina\"\n    unit: percent\n    direction: higher\n    standard: 100\n    source: [local-audit]\n";

    #[test]
    fn parses_an_indicator() {
        let mut diags = Vec::new();
        let list = parse_definitions("indicators.yaml", ONE, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].unit, Unit::Percent);
        assert_eq!(list[0].standard.map(|s| s.0), Some(100.0));
    }

    #[test]
    fn a_standard_outside_the_unit_is_located() {
        let text = ONE.replace("standard: 100", "standard: 140");
        let mut diags = Vec::new();
        let list = parse_definitions("indicators.yaml", &text, &mut diags);
        assert!(list.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "value-out-of-range");
        assert_eq!((diags[0].line, diags[0].col), (7, 15));
    }

    #[test]
    fn a_duplicate_points_at_the_second_definition() {
        let text = format!("{ONE}{}", &ONE["indicators:\n".len()..]);
        let mut diags = Vec::new();
        let list = parse_definitions("indicators.yaml", &text, &mut diags);
        assert_eq!(list.len(), 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            (diags[0].code, diags[0].line, diags[0].col),
            ("duplicate-id", 9, 9)
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let text = ONE.replace("standard: 100", "standrd: 100");
        let mut diags = Vec::new();
        parse_definitions("indicators.yaml", &text, &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "unknown-field");
        assert_eq!(diags[0].line, 7);
    }
}
