//! The text version of a flowchart: a numbered list of its steps in the order they are
//! written, each decision listing its branches with "go to step N" links, inside a
//! `<details>` "Show as text" that is open by default. It is what screen readers, search and
//! narrow screens use, so it says in words what the drawing says with shapes.
//!
//! Every step's item is a link target that takes focus (`tabindex="-1"`), so following a
//! "go to step N" link moves the keyboard focus there too, and the next Tab continues from
//! that step. Links written on steps come first in their item, then the ways on, so the Tab
//! order follows the reading order.

use super::{Chart, Ids, Kind};
use crate::html::{escape_attr, escape_text};
use std::fmt::Write as _;

/// The `<details>` element. `urls` holds each step's rewritten link, if it has one.
pub fn html(chart: &Chart, ids: &Ids, urls: &[Option<String>]) -> String {
    let n = chart.steps.len();
    let mut out = format!(
        "<details class=\"flowchart-text\" open>\n<summary>Show as text <span class=\"flowchart-count\">({n} step{})</span></summary>\n<ol class=\"flowchart-steps\">\n",
        if n == 1 { "" } else { "s" }
    );
    for (i, step) in chart.steps.iter().enumerate() {
        let _ = write!(
            out,
            "<li id=\"{}\" tabindex=\"-1\" class=\"fc-item fc-item-{}\">",
            ids.steps[i],
            kind_class(step.kind)
        );
        if let Some(label) = step.kind.label() {
            let _ = write!(out, "<strong class=\"fc-kind\">{label}:</strong> ");
        }
        match urls.get(i).and_then(Option::as_deref) {
            Some(url) => {
                let _ = write!(
                    out,
                    "<a href=\"{}\">{}</a>",
                    escape_attr(url),
                    escape_text(&step.text)
                );
            }
            None => out.push_str(&escape_text(&step.text)),
        }
        if step.kind != Kind::Decision && !step.text.ends_with(['.', '?', '!']) {
            out.push('.');
        }
        let go = |to: usize| {
            format!(
                "<a href=\"#{}\" class=\"fc-go\">go to step {}</a>",
                ids.steps[to],
                to + 1
            )
        };
        if step.kind == Kind::Decision {
            out.push_str("\n<ul class=\"fc-branches\">");
            for e in &step.exits {
                let _ = write!(
                    out,
                    "<li><strong>{}:</strong> {}</li>",
                    escape_text(e.label.as_deref().unwrap_or("")),
                    go(e.to)
                );
            }
            out.push_str("</ul>");
        } else if let Some(e) = step.exits.first() {
            let _ = write!(out, " <span class=\"fc-next\">Then {}.</span>", go(e.to));
        } else {
            out.push_str(" <span class=\"fc-next\">(End of the flowchart.)</span>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</details>\n");
    out
}

fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Start => "start",
        Kind::Action => "action",
        Kind::Decision => "decision",
        Kind::Urgent => "urgent",
        Kind::End => "end",
    }
}

/// The text version as plain text, for search and reading level: the same words a reader of
/// the list sees.
pub fn plain(chart: &Chart) -> String {
    let mut out = String::new();
    if let Some(t) = &chart.title {
        out.push_str(t);
        out.push('\n');
    }
    for (i, step) in chart.steps.iter().enumerate() {
        let _ = write!(out, "{}. ", i + 1);
        if let Some(label) = step.kind.label() {
            let _ = write!(out, "{label}: ");
        }
        out.push_str(&step.text);
        if step.kind != Kind::Decision && !step.text.ends_with(['.', '?', '!']) {
            out.push('.');
        }
        if step.kind == Kind::Decision {
            for e in &step.exits {
                let _ = write!(
                    out,
                    " {}: go to step {}.",
                    e.label.as_deref().unwrap_or(""),
                    e.to + 1
                );
            }
        } else if let Some(e) = step.exits.first() {
            let _ = write!(out, " Then go to step {}.", e.to + 1);
        }
        out.push('\n');
    }
    out
}
