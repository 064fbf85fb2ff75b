//! The three kinds of indicator chart, laid out as a [`Chart`] of marks and text: a trend
//! (figures by period, one line per series), a ranking (networks side by side as bars or dots)
//! and a funnel plot (rates against denominators, with control limits).

use super::{ticks, Anchor, Chart, LegendKey, Line, Mark, Shape, Text, WIDTH};

/// One series of a trend chart.
pub struct Series<'a> {
    pub name: &'a str,
    /// Figures by position on the x axis (`None` where the series has no figure).
    pub values: Vec<Option<f64>>,
    pub class: &'static str,
    pub shape: Shape,
}

/// The y-axis range for figures in `unit`-like terms: `percent` charts run 0–100.
pub struct Scale {
    pub percent: bool,
    pub format: fn(f64) -> String,
}

/// A trend: periods along the x axis (two-line labels), one line per series with shaped
/// points, and the standard as a dashed reference line.
pub fn trend(
    periods: &[(String, String)],
    keys: &[String],
    series: &[Series<'_>],
    standard: Option<f64>,
    scale: &Scale,
    title_of: &dyn Fn(&str, usize, f64) -> String,
) -> Chart {
    let mut c = Chart {
        height: 230.0,
        ..Chart::default()
    };
    for s in series {
        c.legend
            .push((LegendKey::Mark(s.shape, s.class), s.name.to_owned()));
    }
    if let Some(st) = standard {
        c.legend.push((
            LegendKey::Line("ref-standard"),
            format!("Standard: {}", (scale.format)(st)),
        ));
    }
    let (left, right, top, bottom) = (46.0, WIDTH - 14.0, 10.0, 190.0);
    let all = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .chain(standard);
    let (lo, hi) = value_range(all, scale.percent);
    let (ts, lo, hi) = ticks(lo, hi, 5);
    let y = |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);
    y_axis(&mut c, &ts, left, right, &y, scale);
    let count = periods.len().max(1);
    let step = (right - left) / count as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);
    // Label every period when they fit, else every second or third.
    let every = (1..=count)
        .find(|k| step * *k as f64 >= 34.0)
        .unwrap_or(count);
    for (i, (a, b)) in periods.iter().enumerate() {
        if i % every == 0 || i + 1 == count {
            c.place(text(x(i), bottom + 16.0, Anchor::Middle, a, "tick"));
            let year_changes = i == 0 || periods[i - 1].1 != *b;
            if year_changes || every > 1 {
                c.place(text(x(i), bottom + 31.0, Anchor::Middle, b, "tick"));
            }
        }
    }
    if let Some(st) = standard {
        c.lines.push(Line {
            points: vec![(left, y(st)), (right, y(st))],
            class: "ref-standard",
        });
    }
    for s in series {
        // A line joins consecutive figures; a gap leaves the line broken.
        let mut run: Vec<(f64, f64)> = Vec::new();
        for (i, v) in s.values.iter().enumerate() {
            match v {
                Some(v) => run.push((x(i), y(*v))),
                None => {
                    if run.len() > 1 {
                        c.lines.push(Line {
                            points: std::mem::take(&mut run),
                            class: s.class,
                        });
                    }
                    run.clear();
                }
            }
        }
        if run.len() > 1 {
            c.lines.push(Line {
                points: run,
                class: s.class,
            });
        }
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                c.marks.push(Mark {
                    x: x(i),
                    y: y(*v),
                    shape: s.shape,
                    bar: None,
                    class: s.class,
                    series: s.name.to_owned(),
                    key: keys.get(i).cloned().unwrap_or_default(),
                    value: crate::indicators::format_number(*v),
                    title: title_of(s.name, i, *v),
                });
            }
        }
    }
    c
}

/// One row of a bar or dot chart.
pub struct Row {
    pub key: String,
    pub label: String,
    pub value: f64,
    pub title: String,
}

/// Networks side by side, one row each in the given order: the name and figure above a bar
/// (`bars`, for counts) or a dot, with the national median and the standard as vertical
/// reference lines labelled above and below the rows.
pub fn ranking(
    rows: &[Row],
    bars: bool,
    median: Option<f64>,
    standard: Option<f64>,
    scale: &Scale,
) -> Chart {
    const ROW: f64 = 36.0;
    let (left, right) = (8.0, WIDTH - 14.0);
    let top = if median.is_some() { 22.0 } else { 6.0 };
    let bottom = top + ROW * rows.len() as f64;
    let mut c = Chart {
        height: bottom + 30.0 + if standard.is_some() { 18.0 } else { 0.0 },
        ..Chart::default()
    };
    let (class, shape) = if bars {
        ("s-network", Shape::Square)
    } else {
        ("s-network", Shape::Circle)
    };
    c.legend
        .push((LegendKey::Mark(shape, class), "Network".to_owned()));
    if let Some(m) = median {
        c.legend.push((
            LegendKey::Line("ref-median"),
            format!("National median: {}", (scale.format)(m)),
        ));
    }
    if let Some(st) = standard {
        c.legend.push((
            LegendKey::Line("ref-standard"),
            format!("Standard: {}", (scale.format)(st)),
        ));
    }
    let values = rows.iter().map(|r| r.value).chain(median).chain(standard);
    let (lo, hi) = if bars {
        (0.0, values.fold(0.0, f64::max))
    } else {
        value_range(values, scale.percent)
    };
    let (ts, lo, hi) = ticks(lo, hi, 4);
    let x = |v: f64| left + (v - lo) / (hi - lo) * (right - left);
    for t in &ts {
        c.grid.push(Line {
            points: vec![(x(*t), top), (x(*t), bottom)],
            class: "grid",
        });
        let anchor = if (x(*t) - left).abs() < 1.0 {
            Anchor::Start
        } else if (x(*t) - right).abs() < 1.0 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        c.place(text(
            x(*t),
            bottom + 16.0,
            anchor,
            &(scale.format)(*t),
            "tick",
        ));
    }
    for (i, r) in rows.iter().enumerate() {
        let y0 = top + ROW * i as f64;
        c.place(text(
            left,
            y0 + 13.0,
            Anchor::Start,
            &format!("{}: {}", r.label, (scale.format)(r.value)),
            "label",
        ));
        let cy = y0 + 24.0;
        let mark = Mark {
            x: x(r.value),
            y: if bars { cy - 6.0 } else { cy },
            shape,
            bar: bars.then_some((x(lo), 12.0)),
            class,
            series: r.label.clone(),
            key: r.key.clone(),
            value: crate::indicators::format_number(r.value),
            title: r.title.clone(),
        };
        if !bars {
            c.grid.push(Line {
                points: vec![(x(lo), cy), (right, cy)],
                class: "guide",
            });
        }
        c.marks.push(mark);
    }
    if let Some(m) = median {
        c.lines.push(Line {
            points: vec![(x(m), top - 4.0), (x(m), bottom)],
            class: "ref-median",
        });
        let words = format!("Median {}", (scale.format)(m));
        c.place(edge_text(x(m), top - 8.0, &words));
    }
    if let Some(st) = standard {
        c.lines.push(Line {
            points: vec![(x(st), top), (x(st), bottom + 22.0)],
            class: "ref-standard",
        });
        let words = format!("Standard {}", (scale.format)(st));
        c.place(edge_text(x(st), bottom + 34.0, &words));
    }
    c
}

/// One network on a funnel plot.
pub struct FunnelPoint {
    pub key: String,
    pub label: String,
    pub denominator: f64,
    /// Percent.
    pub rate: f64,
    pub shape: Shape,
    pub title: String,
    /// Label it on the chart (it is outside the 95 % limits).
    pub flag: bool,
}

/// A funnel plot: each network's rate (percent) against its denominator, with the pooled
/// rate and its 95 % and 99.8 % limits, `limits(n)` giving (lower95, upper95, lower998,
/// upper998) in percent.
pub fn funnel(
    points: &[FunnelPoint],
    pooled: f64,
    limits: &dyn Fn(f64) -> (f64, f64, f64, f64),
    x_label: &str,
) -> Chart {
    let mut c = Chart {
        height: 250.0,
        ..Chart::default()
    };
    let fmt = |v: f64| format!("{}%", crate::indicators::format_number(v));
    c.legend.push((
        LegendKey::Mark(Shape::Circle, "s-network"),
        "Network within the 95% limits".to_owned(),
    ));
    if points.iter().any(|p| p.shape != Shape::Circle) {
        c.legend.push((
            LegendKey::Mark(Shape::TriangleUp, "s-network"),
            "Network outside them (▲ above, ▼ below)".to_owned(),
        ));
    }
    c.legend.push((
        LegendKey::Line("ref-median"),
        format!("National rate: {}", fmt(pooled)),
    ));
    c.legend
        .push((LegendKey::Line("limit-95"), "95% limits".to_owned()));
    c.legend
        .push((LegendKey::Line("limit-998"), "99.8% limits".to_owned()));
    let (left, right, top, bottom) = (46.0, WIDTH - 14.0, 10.0, 205.0);
    let max_n = points.iter().map(|p| p.denominator).fold(1.0, f64::max);
    let (xt, _, x_hi) = ticks(0.0, max_n * 1.05, 4);
    let n_from = (max_n / 200.0).max(1.0);
    let samples: Vec<f64> = (0..=60)
        .map(|i| n_from * (x_hi / n_from).powf(i as f64 / 60.0))
        .collect();
    let lows = samples.iter().map(|n| limits(*n).2);
    let lo = points
        .iter()
        .map(|p| p.rate)
        .chain(lows.map(|l| l.max(pooled - 30.0)))
        .fold(pooled, f64::min);
    let hi = points.iter().map(|p| p.rate).fold(pooled, f64::max).max(
        samples
            .iter()
            .map(|n| limits(*n).3.min(pooled + 30.0))
            .fold(pooled, f64::max),
    );
    let (yt, y_lo, y_hi) = ticks(lo.max(0.0), hi.min(100.0), 5);
    let y = |v: f64| bottom - (v.clamp(y_lo, y_hi) - y_lo) / (y_hi - y_lo) * (bottom - top);
    let x = |v: f64| left + v / x_hi * (right - left);
    let scale = Scale {
        percent: true,
        format: |v| format!("{}%", crate::indicators::format_number(v)),
    };
    y_axis(&mut c, &yt, left, right, &y, &scale);
    for t in &xt {
        c.grid.push(Line {
            points: vec![(x(*t), bottom), (x(*t), bottom + 4.0)],
            class: "axis",
        });
        c.place(text(
            x(*t),
            bottom + 17.0,
            Anchor::Middle,
            &crate::indicators::format_number(*t),
            "tick",
        ));
    }
    c.place(text(
        (left + right) / 2.0,
        bottom + 35.0,
        Anchor::Middle,
        x_label,
        "axis-title",
    ));
    c.lines.push(Line {
        points: vec![(left, y(pooled)), (right, y(pooled))],
        class: "ref-median",
    });
    let curve = |pick: fn((f64, f64, f64, f64)) -> f64| -> Vec<(f64, f64)> {
        samples
            .iter()
            .map(|n| (x(*n), y(pick(limits(*n)))))
            .collect()
    };
    c.lines.push(Line {
        points: curve(|l| l.0),
        class: "limit-95",
    });
    c.lines.push(Line {
        points: curve(|l| l.1),
        class: "limit-95",
    });
    c.lines.push(Line {
        points: curve(|l| l.2),
        class: "limit-998",
    });
    c.lines.push(Line {
        points: curve(|l| l.3),
        class: "limit-998",
    });
    for p in points {
        c.marks.push(Mark {
            x: x(p.denominator),
            y: y(p.rate),
            shape: p.shape,
            bar: None,
            class: "s-network",
            series: p.label.clone(),
            key: p.key.clone(),
            value: crate::indicators::format_number(p.rate),
            title: p.title.clone(),
        });
    }
    for p in points.iter().filter(|p| p.flag) {
        let (px, py) = (x(p.denominator), y(p.rate));
        let words = format!("{} {}", p.label, fmt(p.rate));
        // Try right, then left, then above and below the point; leave it to the table if
        // every place is taken.
        let tries = [
            text(px + 9.0, py + 4.0, Anchor::Start, &words, "label"),
            text(px - 9.0, py + 4.0, Anchor::End, &words, "label"),
            text(px, py - 10.0, Anchor::Middle, &words, "label"),
            text(px, py + 18.0, Anchor::Middle, &words, "label"),
        ];
        for t in tries {
            if c.place(t) {
                break;
            }
        }
    }
    c
}

fn y_axis(c: &mut Chart, ts: &[f64], left: f64, right: f64, y: &dyn Fn(f64) -> f64, scale: &Scale) {
    for t in ts {
        c.grid.push(Line {
            points: vec![(left, y(*t)), (right, y(*t))],
            class: "grid",
        });
        c.place(text(
            left - 6.0,
            y(*t) + 4.0,
            Anchor::End,
            &(scale.format)(*t),
            "tick",
        ));
    }
}

/// The range a value axis covers: percentages 0–100, anything else from 0 to a little above
/// the largest figure.
fn value_range(values: impl Iterator<Item = f64>, percent: bool) -> (f64, f64) {
    if percent {
        return (0.0, 100.0);
    }
    let hi = values.fold(0.0, f64::max);
    (0.0, if hi <= 0.0 { 1.0 } else { hi * 1.1 })
}

fn text(x: f64, y: f64, anchor: Anchor, s: &str, class: &'static str) -> Text {
    Text {
        x,
        y,
        anchor,
        text: s.to_owned(),
        class,
    }
}

/// A label at a vertical line, kept inside the chart: to the right of a line in the left
/// half, to the left of one in the right half.
fn edge_text(x: f64, y: f64, s: &str) -> Text {
    if x < WIDTH / 2.0 {
        text(x + 4.0, y, Anchor::Start, s, "ref-label")
    } else {
        text(x - 4.0, y, Anchor::End, s, "ref-label")
    }
}
