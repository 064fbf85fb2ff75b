//! Charts as inline SVG, written by hand: a trend line, an ordered bar chart (counts), an
//! ordered dot chart (rates, days, hours) and a funnel plot. A chart is first laid out as a
//! [`Chart`] of marks and text (so tests can check labels never overlap), then written.
//!
//! Every chart is `role="img"` with a `<title>` and a `<desc>` (the caller's finding in
//! words); it scales to its container through its `viewBox`; marks are told apart by shape and
//! dash as well as colour (CSS classes from the theme's `indicators.css`, black in print); and
//! each data mark carries its figure in `data-value` and a `<title>`, the same text the table
//! beside the chart shows. The same data always gives the same bytes.

// Text in SVG elements and attributes: all five characters HTML reserves escaped.
use crate::html::escape_all as escape;
use std::fmt::Write as _;

mod kinds;

pub use kinds::{funnel, ranking, trend, FunnelPoint, Row, Scale, Series};

/// The width of every chart's coordinate system; fonts are sized for it to read at 375 px.
pub const WIDTH: f64 = 400.0;
const FONT: f64 = 14.0;
/// An estimate of a character's width in [`FONT`]-sized Arial, generous so that estimates of
/// label boxes err on the side of no overlap.
const CHAR_WIDTH: f64 = 0.6 * FONT;

/// A text label: position, anchor and content.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub text: String,
    pub class: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Text {
    /// The label's estimated box: (left, top, right, bottom).
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        let w = self.text.chars().count() as f64 * CHAR_WIDTH;
        let left = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        (left, self.y - FONT * 0.8, left + w, self.y + FONT * 0.25)
    }

    pub fn overlaps(&self, other: &Text) -> bool {
        let (a0, a1, a2, a3) = self.bbox();
        let (b0, b1, b2, b3) = other.bbox();
        a0 < b2 && b0 < a2 && a1 < b3 && b1 < a3
    }
}

/// The shape of a data mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    TriangleUp,
    TriangleDown,
    Diamond,
}

/// A data mark: a point (with a shape) or a bar, with its figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub shape: Shape,
    /// For bars: the bar's left edge and height (`x` is its right end, `y` its top).
    pub bar: Option<(f64, f64)>,
    pub class: &'static str,
    /// The series or network it belongs to, and the period or category: `data-series`,
    /// `data-key`.
    pub series: String,
    pub key: String,
    /// The figure as the table prints it (`data-value`).
    pub value: String,
    /// Its `<title>`.
    pub title: String,
}

/// A line: a polyline through points, with a class for its stroke and dash.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub points: Vec<(f64, f64)>,
    pub class: &'static str,
}

/// A laid-out chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    pub height: f64,
    /// Grid and axis lines, drawn first.
    pub grid: Vec<Line>,
    pub lines: Vec<Line>,
    pub marks: Vec<Mark>,
    pub texts: Vec<Text>,
    /// Legend entries: a sample (line class or mark shape and class) and its words.
    pub legend: Vec<(LegendKey, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegendKey {
    Line(&'static str),
    Mark(Shape, &'static str),
}

const LEGEND_ROW: f64 = 18.0;

impl Chart {
    /// Adds `t` unless it would overlap a label already placed; returns whether it was.
    pub fn place(&mut self, t: Text) -> bool {
        let (l, _, r, _) = t.bbox();
        if l < 0.0 || r > WIDTH || self.texts.iter().any(|o| o.overlaps(&t)) {
            return false;
        }
        self.texts.push(t);
        true
    }

    /// Every pair of labels that overlap (none, by construction; tests check it).
    pub fn overlapping_labels(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        // Plot labels are drawn below the legend.
        let top = self.legend_height();
        let plot: Vec<Text> = self
            .texts
            .iter()
            .map(|t| Text {
                y: t.y + top,
                ..t.clone()
            })
            .collect();
        let legend = self.legend_texts();
        let all: Vec<&Text> = plot.iter().chain(legend.iter()).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                if a.overlaps(b) {
                    out.push((a.text.clone(), b.text.clone()));
                }
            }
        }
        out
    }

    fn legend_height(&self) -> f64 {
        self.legend.len() as f64 * LEGEND_ROW
    }

    fn legend_texts(&self) -> Vec<Text> {
        self.legend
            .iter()
            .enumerate()
            .map(|(i, (_, words))| Text {
                x: 30.0,
                y: (i as f64 + 1.0) * LEGEND_ROW - 4.0,
                anchor: Anchor::Start,
                text: words.clone(),
                class: "legend",
            })
            .collect()
    }

    /// The SVG, with `id` on its title and description for `aria-labelledby`.
    pub fn svg(&self, id: &str, title: &str, desc: &str) -> String {
        let top = self.legend_height();
        let h = (top + self.height).ceil();
        let mut s = String::with_capacity(4096);
        let _ = write!(
            s,
            r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{t}</title><desc id="{id}-d">{d}</desc>"#,
            w = WIDTH,
            t = escape(title),
            d = escape(desc),
        );
        for (i, ((key, _), text)) in self.legend.iter().zip(self.legend_texts()).enumerate() {
            let y = (i as f64 + 1.0) * LEGEND_ROW - 8.0;
            match key {
                LegendKey::Line(class) => {
                    let _ = write!(
                        s,
                        r#"<line class="{class}" x1="2" y1="{y}" x2="24" y2="{y}"/>"#
                    );
                }
                LegendKey::Mark(shape, class) => {
                    write_shape(&mut s, *shape, class, 13.0, y, "");
                }
            }
            write_text(&mut s, &text, 0.0);
        }
        let _ = write!(s, r#"<g transform="translate(0 {top})">"#);
        for l in self.grid.iter().chain(&self.lines) {
            write_line(&mut s, l);
        }
        for m in &self.marks {
            let data = format!(
                r#" data-series="{}" data-key="{}" data-value="{}""#,
                escape(&m.series),
                escape(&m.key),
                escape(&m.value)
            );
            let title = format!("<title>{}</title>", escape(&m.title));
            match m.bar {
                Some((left, height)) => {
                    let _ = write!(
                        s,
                        r#"<rect class="mark {}" x="{}" y="{}" width="{}" height="{}"{data}>{title}</rect>"#,
                        m.class,
                        n(left),
                        n(m.y),
                        n((m.x - left).max(0.5)),
                        n(height)
                    );
                }
                None => {
                    s.push_str(&shape_svg(m.shape, m.class, m.x, m.y, &data, &title));
                }
            }
        }
        for t in &self.texts {
            write_text(&mut s, t, 0.0);
        }
        s.push_str("</g></svg>");
        s
    }
}

fn write_line(s: &mut String, l: &Line) {
    if let [(x1, y1), (x2, y2)] = l.points[..] {
        let _ = write!(
            s,
            r#"<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            l.class,
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
        return;
    }
    let pts: Vec<String> = l
        .points
        .iter()
        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
        .collect();
    let _ = write!(
        s,
        r#"<polyline class="{}" points="{}"/>"#,
        l.class,
        pts.join(" ")
    );
}

fn write_text(s: &mut String, t: &Text, dy: f64) {
    let anchor = match t.anchor {
        Anchor::Start => "",
        Anchor::Middle => r#" text-anchor="middle""#,
        Anchor::End => r#" text-anchor="end""#,
    };
    let _ = write!(
        s,
        r#"<text class="{}" x="{}" y="{}"{anchor}>{}</text>"#,
        t.class,
        n(t.x),
        n(t.y + dy),
        escape(&t.text)
    );
}

fn write_shape(s: &mut String, shape: Shape, class: &str, x: f64, y: f64, data: &str) {
    s.push_str(&shape_svg(shape, class, x, y, data, ""));
}

fn shape_svg(shape: Shape, class: &str, x: f64, y: f64, data: &str, title: &str) -> String {
    const R: f64 = 5.0;
    let close = if title.is_empty() {
        "/>".to_owned()
    } else {
        format!(
            ">{title}</{}>",
            if shape == Shape::Circle {
                "circle"
            } else if shape == Shape::Square {
                "rect"
            } else {
                "polygon"
            }
        )
    };
    match shape {
        Shape::Circle => format!(
            r#"<circle class="mark {class}" cx="{}" cy="{}" r="{R}"{data}{close}"#,
            n(x),
            n(y)
        ),
        Shape::Square => format!(
            r#"<rect class="mark {class}" x="{}" y="{}" width="{}" height="{}"{data}{close}"#,
            n(x - R),
            n(y - R),
            n(2.0 * R),
            n(2.0 * R)
        ),
        Shape::TriangleUp | Shape::TriangleDown | Shape::Diamond => {
            let r = R * 1.3;
            let pts: Vec<(f64, f64)> = match shape {
                Shape::TriangleUp => vec![(x, y - r), (x + r, y + r * 0.7), (x - r, y + r * 0.7)],
                Shape::TriangleDown => vec![(x, y + r), (x + r, y - r * 0.7), (x - r, y - r * 0.7)],
                _ => vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
            };
            let pts: Vec<String> = pts
                .iter()
                .map(|(a, b)| format!("{},{}", n(*a), n(*b)))
                .collect();
            format!(
                r#"<polygon class="mark {class}" points="{}"{data}{close}"#,
                pts.join(" ")
            )
        }
    }
}

/// A coordinate with two decimals at most, so output is short and stable.
fn n(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        "0".to_owned()
    } else {
        format!("{r}")
    }
}

/// Round ticks covering `lo..=hi`: (ticks, low end, high end).
pub fn ticks(lo: f64, hi: f64, max_ticks: usize) -> (Vec<f64>, f64, f64) {
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo, lo + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / max_ticks.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| (hi - lo) / s <= max_ticks as f64)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let count = ((end - start) / step).round() as usize;
    let ticks = (0..=count).map(|i| start + i as f64 * step).collect();
    (ticks, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct() -> Scale {
        Scale {
            percent: true,
            format: |v| format!("{}%", crate::indicators::format_number(v)),
        }
    }

    fn quarters(n: usize) -> (Vec<(String, String)>, Vec<String>) {
        let labels = (0..n)
            .map(|i| (format!("Q{}", i % 4 + 1), format!("{}", 2024 + i / 4)))
            .collect();
        let keys = (0..n)
            .map(|i| format!("{}-Q{}", 2024 + i / 4, i % 4 + 1))
            .collect();
        (labels, keys)
    }

    fn fixture_trend() -> Chart {
        let (labels, keys) = quarters(8);
        let series = [
            Series {
                name: "South East London and Kent",
                values: vec![
                    Some(55.0),
                    Some(58.0),
                    None,
                    Some(61.0),
                    Some(60.0),
                    Some(63.0),
                    Some(64.0),
                    Some(62.0),
                ],
                class: "s-network",
                shape: Shape::Circle,
            },
            Series {
                name: "National median",
                values: vec![
                    Some(70.0),
                    Some(71.0),
                    Some(70.5),
                    Some(72.0),
                    Some(71.0),
                    Some(70.0),
                    Some(71.5),
                    Some(71.0),
                ],
                class: "s-median",
                shape: Shape::Square,
            },
        ];
        trend(&labels, &keys, &series, Some(100.0), &pct(), &|s, i, v| {
            format!("{s}, {}: {v}%", keys_label(i))
        })
    }

    fn keys_label(i: usize) -> String {
        format!("period {i}")
    }

    fn fixture_rows() -> Vec<Row> {
        let names = [
            "North East and North Cumbria",
            "Yorkshire and Humber",
            "North West",
            "East Midlands",
            "West Midlands",
            "East of England",
            "North East London",
            "North West London",
            "South East London and Kent",
            "South West London, Surrey and Sussex",
            "Thames Valley",
            "Wessex",
            "Severn",
            "Peninsula",
        ];
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Row {
                key: format!("n{i}"),
                label: (*n).to_owned(),
                value: 50.0 + 3.5 * i as f64,
                title: format!("{n}: {}%", 50.0 + 3.5 * i as f64),
            })
            .collect()
    }

    fn fixture_funnel() -> Chart {
        let p = 0.7;
        let pts: Vec<FunnelPoint> = [
            (40.0, 80.0),
            (45.0, 82.0),
            (300.0, 55.0),
            (320.0, 56.0),
            (150.0, 70.0),
            (200.0, 71.0),
            (80.0, 40.0),
        ]
        .iter()
        .enumerate()
        .map(|(i, (n, r))| {
            let pos = crate::indicators::stats::Funnel::of(r / 100.0, *n, p);
            FunnelPoint {
                key: format!("n{i}"),
                label: format!("Network {i}"),
                denominator: *n,
                rate: *r,
                shape: Shape::Circle,
                title: String::new(),
                flag: pos != crate::indicators::stats::Funnel::Within,
            }
        })
        .collect();
        let limits = |n: f64| {
            let l = crate::indicators::stats::funnel_limits(p, n);
            (
                l.lower95 * 100.0,
                l.upper95 * 100.0,
                l.lower998 * 100.0,
                l.upper998 * 100.0,
            )
        };
        funnel(&pts, 70.0, &limits, "Patients (denominator)")
    }

    #[test]
    fn charts_are_deterministic_bytes() {
        let a = fixture_trend().svg("c1", "T", "D");
        let b = fixture_trend().svg("c1", "T", "D");
        assert_eq!(a, b);
        let f1 = fixture_funnel().svg("f", "T", "D");
        assert_eq!(f1, fixture_funnel().svg("f", "T", "D"));
        assert!(
            a.starts_with("<svg class=\"chart\" viewBox=\"0 0 400 "),
            "{a}"
        );
        assert!(a.contains(r#"role="img" aria-labelledby="c1-t c1-d""#));
        assert!(a.contains(r#"<title id="c1-t">T</title><desc id="c1-d">D</desc>"#));
    }

    #[test]
    fn no_labels_overlap_on_fixture_data() {
        for (name, chart) in [
            ("trend", fixture_trend()),
            (
                "dots",
                ranking(&fixture_rows(), false, Some(71.0), Some(95.0), &pct()),
            ),
            (
                "bars",
                ranking(
                    &fixture_rows(),
                    true,
                    Some(71.0),
                    None,
                    &Scale {
                        percent: false,
                        format: |v| crate::indicators::format_number(v),
                    },
                ),
            ),
            ("funnel", fixture_funnel()),
        ] {
            assert_eq!(
                chart.overlapping_labels(),
                Vec::<(String, String)>::new(),
                "{name}"
            );
            for t in &chart.texts {
                let (l, _, r, _) = t.bbox();
                assert!(
                    l >= 0.0 && r <= WIDTH,
                    "{name}: `{}` leaves the chart",
                    t.text
                );
            }
        }
    }

    #[test]
    fn every_row_is_labelled_and_every_point_is_a_mark() {
        let rows = fixture_rows();
        let chart = ranking(&rows, false, Some(71.0), Some(95.0), &pct());
        assert_eq!(chart.marks.len(), 14);
        for r in &rows {
            assert!(
                chart.texts.iter().any(|t| t.text.starts_with(&r.label)),
                "{}",
                r.label
            );
        }
        let trend = fixture_trend();
        // 7 network figures (one gap) and 8 medians; the gap breaks the line in two.
        assert_eq!(trend.marks.len(), 15);
        assert_eq!(
            trend
                .lines
                .iter()
                .filter(|l| l.class == "s-network")
                .count(),
            2
        );
        let svg = trend.svg("t", "T", "D");
        assert_eq!(svg.matches("data-value=").count(), 15);
        assert!(
            svg.contains(r#"data-series="National median" data-key="2024-Q1" data-value="70""#),
            "{svg}"
        );
    }

    #[test]
    fn funnel_flags_are_labelled_without_overlap() {
        let chart = fixture_funnel();
        let labels: Vec<&str> = chart
            .texts
            .iter()
            .filter(|t| t.class == "label")
            .map(|t| t.text.as_str())
            .collect();
        // Networks 0 and 1 (small, high) are inside their wide limits; 2, 3 and 6 are out.
        assert!(
            labels.contains(&"Network 2 55%") && labels.contains(&"Network 6 40%"),
            "{labels:?}"
        );
        assert!(
            !labels.iter().any(|l| l.starts_with("Network 4")),
            "{labels:?}"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn ticks_are_round() {
        let (t, lo, hi) = ticks(0.0, 100.0, 5);
        assert_eq!((lo, hi), (0.0, 100.0));
        assert_eq!(t, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let (t, _, hi) = ticks(0.0, 37.0, 4);
        assert_eq!((t.len(), hi), (5, 40.0));
    }
}
