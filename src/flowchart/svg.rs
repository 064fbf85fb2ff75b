//! Drawing a checked flowchart as inline SVG: text measured and wrapped into boxes, boxes
//! placed by [`super::layout`], colours from the default theme's palette.
//!
//! Shapes tell the kinds apart without colour: a start is a rounded pill, an end a pill with a
//! double outline, an action a rectangle, a decision a diamond, and an urgent step a rectangle
//! with a thick border under a band that says "URGENT" (the red-flag style of the callout
//! cards). The SVG is an image to assistive technology (`role="img"`, `<title>`, `<desc>`);
//! the text version beside it carries the same steps as text and links.

use super::layout::{self, Rect, Shape, Size};
use super::{Chart, Ids, Kind};
use crate::html::escape_text;
use std::fmt::Write as _;

/// The theme's palette (themes/default/static/style.css), as hex and as numbers for the
/// contrast test.
pub mod palette {
    pub const TEXT: &str = "#212b32";
    pub const WHITE: &str = "#ffffff";
    pub const BLUE: &str = "#005eb8";
    pub const GREEN: &str = "#007f3b";
    pub const PALE_GREEN: &str = "#e3f2e8";
    pub const DARK_AMBER: &str = "#594000";
    pub const PALE_AMBER: &str = "#fff4d6";
    pub const RED: &str = "#d5281b";
    pub const DARK_RED: &str = "#8a1538";
    pub const PINK: &str = "#fde8e6";
}
use palette::*;

pub const FONT: f64 = 15.0;
const LINE: f64 = 19.0;
const LABEL_FONT: f64 = 14.0;
/// The size of a step's number ("Step 3") above its text.
const NUMBER_FONT: f64 = 13.0;
const LABEL_H: f64 = 22.0;
const BOX_W: f64 = 220.0;
const DIAMOND_W: f64 = 280.0;
const DIAMOND_TEXT_W: f64 = 150.0;
const BAND_H: f64 = 22.0;
const PAD_Y: f64 = 10.0;
/// Most lines of text in a box and in a diamond.
const BOX_LINES: usize = 4;
const DIAMOND_LINES: usize = 3;
/// Widest edge label.
const LABEL_MAX_W: f64 = 160.0;

/// Advance widths of Arial (and its metric twins Helvetica and Liberation Sans) in
/// thousandths of an em, for the printable ASCII characters; others count as 0.6 em.
const ARIAL: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Width of `s` in pixels at `size`, with a small allowance so a fallback font still fits.
pub fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let em: u32 = s
        .chars()
        .map(|c| {
            let i = c as u32;
            if (32..127).contains(&i) {
                u32::from(ARIAL[(i - 32) as usize])
            } else {
                600
            }
        })
        .sum();
    let bold = if bold { 1.1 } else { 1.0 };
    f64::from(em) / 1000.0 * size * bold * 1.04
}

/// `text` broken into lines no wider than `width`, at spaces (a word too long for a line is
/// cut).
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, size, false) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line on its own is cut.
        let mut rest = word;
        while text_width(rest, size, false) > width {
            let cut = rest
                .char_indices()
                .map(|(i, _)| i)
                .take_while(|&i| i == 0 || text_width(&rest[..i], size, false) <= width)
                .last()
                .filter(|&i| i > 0)
                .unwrap_or_else(|| rest.chars().next().map_or(rest.len(), char::len_utf8));
            lines.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        line = rest.to_owned();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text_room(kind: Kind) -> (f64, usize) {
    match kind {
        Kind::Decision => (DIAMOND_TEXT_W, DIAMOND_LINES),
        Kind::Start | Kind::End => (BOX_W - 40.0, BOX_LINES),
        Kind::Action | Kind::Urgent => (BOX_W - 24.0, BOX_LINES),
    }
}

/// Why a text does not fit: about how many characters would, and a shorter wording made of
/// its first words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub fits: usize,
    pub shorter: String,
}

/// `Some` when a step's text needs more lines than its box has.
pub fn text_too_long(kind: Kind, text: &str) -> Option<TooLong> {
    let (width, max) = text_room(kind);
    let lines = wrap(text, width, FONT);
    if lines.len() <= max {
        return None;
    }
    let kept = lines[..max].join(" ");
    let shorter = shorten(&kept, |s| wrap(s, width, FONT).len() <= max);
    let per_line = (width / (0.5 * FONT)) as usize;
    Some(TooLong {
        fits: per_line * max / 10 * 10,
        shorter,
    })
}

/// `Some` when an edge label is wider than a label may be.
pub fn label_too_long(label: &str) -> Option<TooLong> {
    if text_width(label, LABEL_FONT, true) + 12.0 <= LABEL_MAX_W {
        return None;
    }
    let shorter = shorten(label, |s| {
        text_width(s, LABEL_FONT, true) + 12.0 <= LABEL_MAX_W
    });
    Some(TooLong {
        fits: ((LABEL_MAX_W - 12.0) / (0.55 * LABEL_FONT * 1.1)) as usize,
        shorter,
    })
}

/// A shorter wording from `text`'s first words that `fits`: cut at the end of a clause when
/// one ends past the middle, and never ending on a small word such as "and" or "the".
fn shorten(text: &str, fits: impl Fn(&str) -> bool) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
    ];
    let mut out = String::new();
    for word in text.split_whitespace() {
        let candidate = if out.is_empty() {
            word.to_owned()
        } else {
            format!("{out} {word}")
        };
        if !fits(&candidate) {
            break;
        }
        out = candidate;
    }
    if let Some(i) = out.rfind([',', ';', ':']) {
        if i * 2 >= out.len() {
            out.truncate(i);
        }
    }
    loop {
        let trimmed = out.trim_end_matches([',', ';', ':', ' ']);
        match trimmed.rsplit_once(' ') {
            Some((head, last)) if SMALL.contains(&last.to_lowercase().as_str()) => {
                out = head.to_owned();
            }
            _ => {
                out = trimmed.to_owned();
                break;
            }
        }
    }
    out
}

/// A step's lines of text and its size, with room for its number ("Step 3", the number
/// of the text version) on a line above them.
fn measure(kind: Kind, text: &str) -> (Vec<String>, Size) {
    let (width, _) = text_room(kind);
    let lines = wrap(text, width, FONT);
    let text_h = (lines.len().max(1) + 1) as f64 * LINE;
    let size = match kind {
        Kind::Decision => {
            // The text's box fits inside the diamond when x/a + y/b <= 1.
            let a = DIAMOND_W / 2.0;
            let x = DIAMOND_TEXT_W / 2.0;
            let y = text_h / 2.0 + 3.0;
            let b = y / (1.0 - x / a);
            Size {
                w: DIAMOND_W,
                h: (2.0 * b).ceil().max(80.0),
            }
        }
        Kind::Urgent => Size {
            w: BOX_W,
            h: text_h + 2.0 * PAD_Y + BAND_H,
        },
        _ => Size {
            w: BOX_W,
            h: text_h + 2.0 * PAD_Y,
        },
    };
    (lines, size)
}

/// A number with at most one decimal, without a trailing `.0`.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The chart's layout: boxes for the steps and the label sizes of the branches.
pub fn place(chart: &Chart) -> (Vec<Vec<String>>, layout::Layout) {
    let mut lines = Vec::with_capacity(chart.steps.len());
    let mut nodes = Vec::with_capacity(chart.steps.len());
    for s in &chart.steps {
        let (l, size) = measure(s.kind, &s.text);
        lines.push(l);
        nodes.push(layout::Node {
            size,
            shape: if s.kind == Kind::Decision {
                Shape::Diamond
            } else {
                Shape::Box
            },
        });
    }
    let edges: Vec<layout::Edge> = chart
        .steps
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.exits.iter().map(move |e| layout::Edge {
                from: i,
                to: e.to,
                label: e.label.as_ref().map(|l| Size {
                    w: (text_width(l, LABEL_FONT, true) + 12.0).ceil(),
                    h: LABEL_H,
                }),
            })
        })
        .collect();
    (lines, layout::layout(&nodes, &edges))
}

/// The `<svg>` element.
pub fn draw(chart: &Chart, ids: &Ids) -> String {
    let (lines, lay) = place(chart);
    let title = chart.title.as_deref().unwrap_or("Flowchart");
    let mut out = String::with_capacity(4096);
    let (w, h) = (lay.width.ceil(), lay.height.ceil());
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flowchart-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" style=\"--fc-w:{w}px\" role=\"img\" aria-labelledby=\"{t}\" aria-describedby=\"{d}\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"{FONT}\">\n<title id=\"{t}\">Flowchart: {title}</title>\n<desc id=\"{d}\">{desc}</desc>\n",
        w = num(w),
        h = num(h),
        t = ids.title,
        d = ids.desc,
        title = escape_text(title),
        desc = escape_text(&describe(chart)),
    );
    // Edges first, so labels and boxes sit on top of them.
    let _ = writeln!(
        out,
        "<g class=\"fc-edges\" fill=\"none\" stroke=\"{TEXT}\" stroke-width=\"2\">"
    );
    for route in &lay.edges {
        let mut pts = route.points.clone();
        // Stop the line where the arrowhead starts.
        if let [.., a, b] = pts.as_mut_slice() {
            let dy = (b.1 - a.1).signum();
            if a.0 == b.0 && (b.1 - a.1).abs() > 9.0 {
                b.1 -= dy * 8.0;
            }
        }
        let d: Vec<String> = pts
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let _ = writeln!(out, "<polyline points=\"{}\"/>", d.join(" "));
    }
    out.push_str("</g>\n");
    let _ = writeln!(out, "<g class=\"fc-arrows\" fill=\"{TEXT}\">");
    for route in &lay.edges {
        if let [.., a, b] = route.points.as_slice() {
            let dir = if b.1 >= a.1 { 1.0 } else { -1.0 };
            let (x, y) = *b;
            let _ = writeln!(
                out,
                "<polygon points=\"{},{} {},{} {},{}\"/>",
                num(x - 6.0),
                num(y - dir * 10.0),
                num(x + 6.0),
                num(y - dir * 10.0),
                num(x),
                num(y)
            );
        }
    }
    out.push_str("</g>\n");
    for (route, label) in lay
        .edges
        .iter()
        .zip(chart.steps.iter().flat_map(|s| s.exits.iter()))
    {
        if let (Some(r), Some(text)) = (route.label, &label.label) {
            let _ = writeln!(
                out,
                "<g class=\"fc-label\"><rect class=\"fc-label-bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{WHITE}\" stroke=\"{TEXT}\" stroke-width=\"1\"/><text class=\"fc-text\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{LABEL_FONT}\" font-weight=\"700\" fill=\"{TEXT}\">{}</text></g>",
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h),
                num(r.cx()),
                num(r.cy() + LABEL_FONT * 0.35),
                escape_text(text)
            );
        }
    }
    for (i, (step, r)) in chart.steps.iter().zip(&lay.nodes).enumerate() {
        draw_step(&mut out, step.kind, r, i + 1, &lines[i]);
    }
    out.push_str("</svg>");
    out
}

fn draw_step(out: &mut String, kind: Kind, r: &Rect, number: usize, lines: &[String]) {
    let class = match kind {
        Kind::Start => "start",
        Kind::Action => "action",
        Kind::Decision => "decision",
        Kind::Urgent => "urgent",
        Kind::End => "end",
    };
    let _ = write!(out, "<g class=\"fc-step fc-{class}\">");
    let (x, y, w, h) = (
        num(r.x + 1.0),
        num(r.y + 1.0),
        num(r.w - 2.0),
        num(r.h - 2.0),
    );
    let mut text_top = r.y;
    let mut text_h = r.h;
    match kind {
        Kind::Start | Kind::End => {
            let rx = num((r.h / 2.0 - 1.0).min(24.0));
            let _ = write!(
                out,
                "<rect class=\"fc-shape\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"{rx}\" fill=\"{PALE_GREEN}\" stroke=\"{GREEN}\" stroke-width=\"2\"/>"
            );
            if kind == Kind::End {
                let rx = num((r.h / 2.0 - 5.0).clamp(0.0, 20.0));
                let _ = write!(
                    out,
                    "<rect class=\"fc-outline\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{rx}\" fill=\"none\" stroke=\"{GREEN}\" stroke-width=\"1.5\"/>",
                    num(r.x + 5.0),
                    num(r.y + 5.0),
                    num(r.w - 10.0),
                    num(r.h - 10.0)
                );
            }
        }
        Kind::Action => {
            let _ = write!(
                out,
                "<rect class=\"fc-shape\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"2\" fill=\"{WHITE}\" stroke=\"{BLUE}\" stroke-width=\"2\"/>"
            );
        }
        Kind::Urgent => {
            let _ = write!(
                out,
                "<rect class=\"fc-shape\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{PINK}\" stroke=\"{RED}\" stroke-width=\"4\"/><rect class=\"fc-band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAND_H}\" fill=\"{DARK_RED}\"/><text class=\"fc-band-text\" x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"700\" fill=\"{WHITE}\" letter-spacing=\"1\">! URGENT</text>",
                num(r.x + 2.0),
                num(r.y + 2.0),
                num(r.w - 4.0),
                num(r.h - 4.0),
                num(r.x + 2.0),
                num(r.y + 2.0),
                num(r.w - 4.0),
                num(r.x + 12.0),
                num(r.y + 2.0 + BAND_H / 2.0 + 4.5),
            );
            text_top += BAND_H;
            text_h -= BAND_H;
        }
        Kind::Decision => {
            let _ = write!(
                out,
                "<polygon class=\"fc-shape\" points=\"{},{} {},{} {},{} {},{}\" fill=\"{PALE_AMBER}\" stroke=\"{DARK_AMBER}\" stroke-width=\"2\"/>",
                num(r.cx()),
                num(r.y + 1.0),
                num(r.right() - 1.0),
                num(r.cy()),
                num(r.cx()),
                num(r.bottom() - 1.0),
                num(r.x + 1.0),
                num(r.cy())
            );
        }
    }
    // Lines centred in the box, the step's number first: the first baseline sits a cap height
    // below the block's top.
    let block = (lines.len() + 1) as f64 * LINE;
    let first = text_top + (text_h - block) / 2.0 + LINE / 2.0 + FONT * 0.35;
    let _ = write!(
        out,
        "<text class=\"fc-text\" text-anchor=\"middle\" fill=\"{TEXT}\"><tspan class=\"fc-number\" x=\"{}\" y=\"{}\" font-size=\"{NUMBER_FONT}\" font-weight=\"700\">Step {number}</tspan>",
        num(r.cx()),
        num(first),
    );
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(r.cx()),
            num(first + (k + 1) as f64 * LINE),
            escape_text(line)
        );
    }
    out.push_str("</text></g>\n");
}

/// The `<desc>`: what the chart shows, in a few sentences; the text version has every step.
pub fn describe(chart: &Chart) -> String {
    let n = chart.steps.len();
    let quote = |i: usize| format!("step {}, “{}”", i + 1, chart.steps[i].text);
    let mut out = format!(
        "A flowchart of {n} step{}, starting at {}.",
        if n == 1 { "" } else { "s" },
        quote(0)
    );
    let decisions: Vec<String> = chart
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == Kind::Decision)
        .map(|(i, s)| {
            let ways: Vec<String> = s
                .exits
                .iter()
                .map(|e| {
                    format!(
                        "{}: step {}",
                        e.label.as_deref().unwrap_or("next"),
                        e.to + 1
                    )
                })
                .collect();
            format!("{} ({})", quote(i), ways.join("; "))
        })
        .collect();
    if !decisions.is_empty() {
        let _ = write!(out, " Decisions: {}.", decisions.join(", "));
    }
    let ends: Vec<String> = (0..n)
        .filter(|&i| chart.steps[i].exits.is_empty())
        .map(quote)
        .collect();
    if !ends.is_empty() {
        let _ = write!(out, " It ends at {}.", ends.join(" or "));
    }
    out.push_str(" Every step is listed as text after the drawing.");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::contrast::contrast;

    fn rgb(hex: &str) -> [u8; 3] {
        let b = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        [b(1), b(3), b(5)]
    }

    #[test]
    fn text_has_at_least_aa_contrast_and_outlines_at_least_3_to_1() {
        for fill in [WHITE, PALE_GREEN, PALE_AMBER, PINK] {
            let c = contrast(rgb(TEXT), rgb(fill));
            assert!(c >= 4.5, "text on {fill}: {c}");
        }
        assert!(contrast(rgb(WHITE), rgb(DARK_RED)) >= 4.5);
        for (line, fill) in [
            (BLUE, WHITE),
            (GREEN, PALE_GREEN),
            (DARK_AMBER, PALE_AMBER),
            (RED, PINK),
            (TEXT, WHITE),
        ] {
            let c = contrast(rgb(line), rgb(fill));
            assert!(c >= 3.0, "{line} on {fill}: {c}");
        }
    }

    #[test]
    fn the_palette_is_the_themes() {
        let css = include_str!("../../themes/default/static/style.css").to_lowercase();
        for colour in [
            TEXT, BLUE, GREEN, PALE_GREEN, PALE_AMBER, RED, DARK_RED, PINK, DARK_AMBER,
        ] {
            assert!(css.contains(colour), "{colour} is not in the theme");
        }
    }

    #[test]
    fn wrapping_keeps_lines_inside_the_width() {
        let text = "Emergency MRI of the lumbar spine within 4 hours of the request, day or night";
        let lines = wrap(text, 196.0, FONT);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, FONT, false) <= 196.0));
        assert_eq!(lines.join(" "), text);
        let cut = wrap(
            "Supercalifragilisticexpialidociousness-and-more-words",
            60.0,
            FONT,
        );
        assert!(cut.len() > 1 && cut.iter().all(|l| text_width(l, FONT, false) <= 60.0));
    }

    #[test]
    fn too_long_text_gets_a_shorter_wording_that_fits() {
        let long = "Emergency MRI of the whole lumbar spine with sagittal and axial sequences, reported by a consultant radiologist within four hours of the request, day or night, every day";
        let t = text_too_long(Kind::Action, long).unwrap();
        assert!(text_too_long(Kind::Action, &t.shorter).is_none());
        assert!(long.starts_with(&t.shorter));
        assert_eq!(
            t.shorter,
            "Emergency MRI of the whole lumbar spine with sagittal and axial sequences"
        );
        assert!(text_too_long(Kind::Action, "Scan within 4 hours").is_none());
        assert!(label_too_long("Yes").is_none());
        assert!(label_too_long("Yes, and the scan was reported as showing compression").is_some());
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-3.5), "-3.5");
    }
}
