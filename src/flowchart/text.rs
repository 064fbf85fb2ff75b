//! The text version of a flowchart: a numbered list of its steps in the order they are
//! written (the numbers the drawing shows), each decision listing its branches with "go to
//! step N" links. It is what screen readers, search and narrow screens use, so it says in words
//! what the drawing says with shapes.
//!
//! It is written twice, with CSS showing one at a time and no JavaScript: on wide screens a
//! `<details>` "Show as text", closed, under the drawing; on narrow screens (and in print) the
//! list itself, always open, as the primary view. The hidden one is `display: none`, so
//! assistive technology meets the list once. Each copy has its own step anchors (the list's
//! are the step's id with `-text`), and its "go to step N" links stay inside it.
//!
//! Every step's item is a link target that takes focus (`tabindex="-1"`), so following a
//! "go to step N" link moves the keyboard focus there too, and the next Tab continues from
//! that step. Links written on steps come first in their item, then the ways on, so the Tab
//! order follows the reading order.

use super::{Chart, Ids, Kind};
use crate::html::{escape_attr, escape_text};
use std::fmt::Write as _;

/// The text version, one copy: a `<details>` closed in the HTML, whose list the stylesheet
/// shows open on narrow screens and in print (`::details-content`; where a browser lacks it,
/// "Show as text" opens it). `urls` holds each step's rewritten link, if it has one.
pub fn html(chart: &Chart, ids: &Ids, urls: &[Option<String>]) -> String {
    let n = chart.steps.len();
    let count = format!(
        "<span class=\"flowchart-count\">({n} step{})</span>",
        if n == 1 { "" } else { "s" }
    );
    let mut out =
        format!("<details class=\"flowchart-text\">\n<summary>Show as text {count}</summary>\n");
    list(&mut out, chart, &ids.steps, urls);
    out.push_str("</details>\n");
    out
}

/// The numbered list, its items anchored at `step_ids`.
fn list(out: &mut String, chart: &Chart, step_ids: &[String], urls: &[Option<String>]) {
    out.push_str("<ol class=\"flowchart-steps\">\n");
    for (i, step) in chart.steps.iter().enumerate() {
        let _ = write!(
            out,
            "<li id=\"{}\" tabindex=\"-1\" class=\"fc-item fc-item-{}\">",
            step_ids[i],
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
                step_ids[to],
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
    out.push_str("</ol>\n");
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
