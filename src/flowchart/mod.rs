//! Pathway flowcharts: a ```` ```flowchart ```` fenced block holds a small YAML description of
//! the steps of a pathway, which is checked here like the rest of a document (every mistake a
//! diagnostic at its file, line and column) and drawn at build time as an accessible SVG with
//! the same flowchart as numbered text beside it. No JavaScript is involved.
//!
//! This module reads and checks a block into a [`Chart`]; [`layout`] places its boxes,
//! [`svg`] draws them and [`text`] writes the "Show as text" version. The Markdown renderer
//! ([`crate::render`]) calls [`parse`] for each block, checks the steps' links with the prose
//! links, then [`html`].
//!
//! ```yaml
//! title: Suspected cauda equina syndrome
//! steps:
//!   - id: scan
//!     kind: urgent
//!     text: Emergency MRI within 4 hours of the request
//!     next: compression
//!   - id: compression
//!     kind: decision
//!     text: Does the scan show compression?
//!     branches:
//!       - { label: "Yes", to: hub }
//!       - { label: "No", to: home }
//!   - { id: hub, kind: urgent, text: Call the hub spinal on-call team }
//!   - { id: home, kind: end, text: Written safety-netting advice }
//! ```

mod layers;
pub mod layout;
mod places;
pub mod svg;
pub mod text;

use places::{line_start, Key, Place, Places};

use crate::diag::{suggest, Diagnostic};
use serde::Deserialize;

/// Most steps one chart may have: beyond it a chart is unreadable on a page (and the layout's
/// work grows with the square of the steps).
pub const MAX_STEPS: usize = 40;
/// Fewest and most ways out of a decision.
pub const DECISION_WAYS: std::ops::RangeInclusive<usize> = 2..=3;

/// What a step is; its shape and its words in the text version follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Start,
    Action,
    Decision,
    Urgent,
    End,
}

impl Kind {
    /// The words the text version puts before the step (shapes are not seen there).
    pub fn label(self) -> Option<&'static str> {
        match self {
            Kind::Start => Some("Start"),
            Kind::Action => None,
            Kind::Decision => Some("Decision"),
            Kind::Urgent => Some("Urgent"),
            Kind::End => Some("End"),
        }
    }
}

/// A block as typed by a person.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChart {
    title: Option<String>,
    #[serde(default)]
    steps: Vec<RawStep>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: String,
    text: String,
    kind: Option<Kind>,
    next: Option<String>,
    branches: Option<Vec<RawBranch>>,
    link: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBranch {
    label: String,
    to: String,
}

/// A checked flowchart: every step reachable from the first, every way out pointing at a step,
/// no loop without a way out, every text fitting its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub id: String,
    pub text: String,
    pub kind: Kind,
    pub exits: Vec<Exit>,
    pub link: Option<Link>,
}

/// A way out of a step: to another step (an index into [`Chart::steps`]), labelled for a
/// decision's branches.
#[derive(Debug, Clone, PartialEq)]
pub struct Exit {
    pub label: Option<String>,
    pub to: usize,
}

/// A step's link as written, with where it is written in the file, so it is rewritten and
/// checked exactly like a link in the prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub dest: String,
    pub offset: usize,
    pub len: usize,
}

/// Where a fenced block sits in its file.
pub struct Block<'a> {
    /// The document's path (relative to the content folder) and whole text.
    pub path: &'a str,
    pub file_text: &'a str,
    /// The block's content, without the fences (and without any list or quote prefix).
    pub code: &'a str,
    /// Byte offset in `file_text` of the content's first character.
    pub start: usize,
    /// Byte offset in `file_text` of the opening fence.
    pub fence: usize,
}

/// Reads and checks one block. Every problem is reported; a chart comes back only when there
/// are none, so a build with a broken chart fails rather than drawing something wrong.
pub fn parse(block: &Block) -> Result<Chart, Vec<Diagnostic>> {
    let (raw, errors) = crate::yaml::parse::<RawChart>(block.code);
    let located: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| {
            let at = if e.line == 0 {
                block.fence
            } else {
                block.file_offset(line_start(block.code, e.line) + e.col.saturating_sub(1))
            };
            let d = e.into_diagnostic(block.path, block.file_text, 0);
            let (line, col) = crate::diag::line_col(block.file_text, at);
            let span = d.span;
            d.at(block.file_text, line, col, span)
        })
        .collect();
    // A file the reader could not turn into a value always comes with a problem.
    let Some(raw) = raw.filter(|_| located.is_empty()) else {
        return Err(located);
    };
    let places = Places::find(block.code);
    let mut diags = Vec::new();
    if raw.steps.is_empty() {
        diags.push(
            block
                .error_at(
                    "flowchart-empty",
                    Place::Fence,
                    "the flowchart has no steps".into(),
                )
                .help("list the steps under `steps:`, each with an `id` and a `text`"),
        );
        return Err(diags);
    }
    if raw.steps.len() > MAX_STEPS {
        diags.push(
            block
                .error_at(
                    "flowchart-too-many-steps",
                    Place::Fence,
                    format!(
                        "the flowchart has {} steps; a chart can have at most {MAX_STEPS}",
                        raw.steps.len()
                    ),
                )
                .help("split it into smaller charts, one for each part of the pathway"),
        );
        return Err(diags);
    }
    let ids: Vec<&str> = raw.steps.iter().map(|s| s.id.as_str()).collect();
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            diags.push(
                block
                    .error_at(
                        "flowchart-duplicate-step",
                        places.get(Key::Id, i),
                        format!("two steps have the id `{id}`"),
                    )
                    .help("give every step its own id"),
            );
        }
    }

    let mut steps = Vec::with_capacity(raw.steps.len());
    let (mut next_n, mut branch_n, mut link_n) = (0, 0, 0);
    for (i, s) in raw.steps.iter().enumerate() {
        let kind = s.kind.unwrap_or(Kind::Action);
        let mut exits = Vec::new();
        let resolve = |to: &str, at: Place, diags: &mut Vec<Diagnostic>| -> Option<usize> {
            let found = ids.iter().position(|id| *id == to);
            if found == Some(i) {
                diags.push(
                    block
                        .error_at(
                            "flowchart-cycle",
                            at,
                            format!("the step `{to}` leads to itself"),
                        )
                        .help("point it at the step that comes next; to repeat a step, go back to it from a later decision"),
                );
                return None;
            }
            if found.is_none() {
                let help = match suggest(to, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the steps are: {}", ids.join(", ")),
                };
                diags.push(
                    block
                        .error_at(
                            "flowchart-unknown-step",
                            at,
                            format!("there is no step with the id `{to}`"),
                        )
                        .help(help),
                );
            }
            found
        };
        if let Some(next) = &s.next {
            let at = places.get(Key::Next, next_n);
            next_n += 1;
            if kind == Kind::Decision {
                diags.push(
                    block
                        .error_at(
                            "flowchart-decision-next",
                            at,
                            format!("`{}` is a decision, so its ways out are `branches`, each with a label", s.id),
                        )
                        .help("replace `next:` with `branches:`, e.g. `- { label: \"Yes\", to: other-step }`"),
                );
            } else if kind == Kind::End {
                diags.push(
                    block
                        .error_at(
                            "flowchart-end-has-next",
                            at,
                            format!("`{}` is an end step, so nothing comes after it", s.id),
                        )
                        .help("remove `next:`, or give the step another kind"),
                );
            } else if let Some(to) = resolve(next, at, &mut diags) {
                exits.push(Exit { label: None, to });
            }
        }
        let branches = s.branches.as_deref().unwrap_or_default();
        let first_branch = branch_n;
        for b in branches {
            let at = places.get(Key::To, branch_n);
            let label_at = places.get(Key::Label, branch_n);
            branch_n += 1;
            if kind != Kind::Decision {
                continue;
            }
            if let Some(problem) = svg::label_too_long(&b.label) {
                diags.push(too_long(block, label_at, &b.label, problem));
            }
            if let Some(to) = resolve(&b.to, at, &mut diags) {
                exits.push(Exit {
                    label: Some(b.label.clone()),
                    to,
                });
            }
        }
        if kind != Kind::Decision && !branches.is_empty() {
            diags.push(
                block
                    .error_at(
                        "flowchart-branches-need-decision",
                        places.get(Key::Branches, i_branches(&raw.steps, i)),
                        format!("only a decision has branches, and `{}` is not one", s.id),
                    )
                    .help("add `kind: decision`, or use `next:` for a single way on"),
            );
        }
        if kind == Kind::Decision && s.next.is_none() && !DECISION_WAYS.contains(&branches.len()) {
            let (message, help) = if branches.len() < *DECISION_WAYS.start() {
                (
                    format!(
                        "the decision `{}` has {} way{} out; a decision needs at least two",
                        s.id,
                        branches.len(),
                        if branches.len() == 1 { "" } else { "s" }
                    ),
                    "add a branch for the other answer, or make the step an action with `next:`",
                )
            } else {
                (
                    format!(
                        "the decision `{}` has {} ways out; a decision can have at most three",
                        s.id,
                        branches.len()
                    ),
                    "split it into two decisions, one after the other",
                )
            };
            let at = if branches.is_empty() {
                places.get(Key::Id, i)
            } else {
                places.get(Key::Label, first_branch)
            };
            diags.push(
                block
                    .error_at("flowchart-decision-ways", at, message)
                    .help(help),
            );
        }
        if let Some(problem) = svg::text_too_long(kind, &s.text) {
            diags.push(too_long(block, places.get(Key::Text, i), &s.text, problem));
        }
        let link = s.link.as_ref().map(|dest| {
            let at = places.get(Key::Link, link_n);
            link_n += 1;
            let (offset, len) = match at {
                Place::Code(o, l) => (block.file_offset(o), l),
                Place::Fence => (block.fence, 3),
            };
            Link {
                dest: dest.clone(),
                offset,
                len,
            }
        });
        steps.push(Step {
            id: s.id.clone(),
            text: s.text.clone(),
            kind,
            exits,
            link,
        });
    }
    if !diags.is_empty() {
        return Err(diags);
    }

    // Every step is reached from the first.
    let reached = reachable(&steps, 0);
    for (i, s) in steps.iter().enumerate() {
        if !reached[i] {
            diags.push(
                block
                    .error_at(
                        "flowchart-unreachable-step",
                        places.get(Key::Id, i),
                        format!(
                            "nothing leads to the step `{}` from the first step, `{}`",
                            s.id, steps[0].id
                        ),
                    )
                    .help(
                        "point another step's `next:` or a decision's branch at it, or remove it",
                    ),
            );
        }
    }
    // A loop is allowed only with a way out: every step must be able to reach a step that
    // ends the chart.
    if diags.is_empty() {
        if let Some(cycle) = trapped_cycle(&steps) {
            let names: Vec<&str> = cycle.iter().map(|&i| steps[i].id.as_str()).collect();
            diags.push(
                block
                    .error_at(
                        "flowchart-cycle",
                        places.get(Key::Id, cycle[0]),
                        format!(
                            "the steps {} → `{}` go round in a loop with no way out",
                            names
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(" → "),
                            names[0]
                        ),
                    )
                    .help("make one step of the loop a decision with a branch that leaves it, or point `next:` at a later step"),
            );
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Chart {
        title: raw.title.filter(|t| !t.trim().is_empty()),
        steps,
    })
}

/// Index among the steps that have `branches` of step `i`.
fn i_branches(steps: &[RawStep], i: usize) -> usize {
    steps[..i].iter().filter(|s| s.branches.is_some()).count()
}

fn too_long(block: &Block, at: Place, text: &str, problem: svg::TooLong) -> Diagnostic {
    block
        .error_at(
            "flowchart-text-too-long",
            at,
            format!(
                "`{}` is too long for its box ({} characters; at most about {} fit)",
                ellipsis(text, 40),
                text.chars().count(),
                problem.fits
            ),
        )
        .help(format!(
            "shorten it, for example to `{}`, and put the detail in the page text (or link the step to it with `link:`)",
            problem.shorter
        ))
}

fn ellipsis(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Which steps can be reached from `from`.
pub fn reachable(steps: &[Step], from: usize) -> Vec<bool> {
    let mut seen = vec![false; steps.len()];
    let mut stack = vec![from];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(steps[i].exits.iter().map(|e| e.to).rev());
    }
    seen
}

/// A loop of steps none of which can reach a step without ways out, in order from its first
/// step as written; `None` when every step can reach an end.
fn trapped_cycle(steps: &[Step]) -> Option<Vec<usize>> {
    // Steps that can reach an end: work backwards from the ends.
    let mut escapes: Vec<bool> = steps.iter().map(|s| s.exits.is_empty()).collect();
    loop {
        let mut changed = false;
        for (i, s) in steps.iter().enumerate() {
            if !escapes[i] && s.exits.iter().any(|e| escapes[e.to]) {
                escapes[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let first = escapes.iter().position(|e| !e)?;
    // From a trapped step every way out is trapped too: follow first ways out until a step
    // repeats; the steps from its first visit on are the loop.
    let mut path = vec![first];
    loop {
        let here = *path.last()?;
        let next = steps[here]
            .exits
            .iter()
            .map(|e| e.to)
            .find(|&t| !escapes[t])?;
        if let Some(at) = path.iter().position(|&p| p == next) {
            let mut cycle = path.split_off(at);
            // Start the loop at the step written first, for a stable message.
            let min = cycle.iter().enumerate().min_by_key(|(_, &s)| s)?.0;
            cycle.rotate_left(min);
            return Some(cycle);
        }
        path.push(next);
    }
}

/// The flowchart's HTML: a figure with the drawing and the text version. `ids` are the page
/// anchors claimed for the chart and its steps; `urls` the steps' rewritten link targets.
pub fn html(chart: &Chart, ids: &Ids, urls: &[Option<String>]) -> String {
    let drawing = svg::draw(chart, ids);
    let listing = text::html(chart, ids, urls);
    let title = crate::html::escape_text(chart.title.as_deref().unwrap_or("Flowchart"));
    format!(
        "<figure class=\"flowchart\" id=\"{fig}\" aria-labelledby=\"{cap}\">\n<figcaption class=\"flowchart-caption\" id=\"{cap}\"><span class=\"flowchart-eyebrow\">Flowchart</span> {title}</figcaption>\n<div class=\"flowchart-drawing\" tabindex=\"0\" role=\"group\" aria-label=\"Flowchart drawing: {title_attr}\">{drawing}</div>\n{listing}</figure>\n",
        fig = ids.figure,
        cap = ids.caption,
        title_attr = crate::html::escape_attr(chart.title.as_deref().unwrap_or("Flowchart")),
    )
}

/// The page anchors of one chart: its figure, and one for each step, in step order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids {
    pub figure: String,
    /// The figure's caption and the SVG's `<title>` and `<desc>`.
    pub caption: String,
    pub title: String,
    pub desc: String,
    pub steps: Vec<String>,
}

/// The wanted anchor of a chart (before it is made unique on the page).
pub fn figure_anchor(chart: &Chart) -> String {
    match &chart.title {
        Some(t) => format!("flowchart-{}", crate::html::anchor_slug(t)),
        None => "flowchart".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(code: &str) -> (String, usize) {
        let file = format!("---\ntitle: t\n---\n\n```flowchart\n{code}```\n");
        let start = file.find("```flowchart\n").unwrap() + "```flowchart\n".len();
        (file, start)
    }

    fn check(code: &str) -> Result<Chart, Vec<Diagnostic>> {
        let (file, start) = block(code);
        parse(&Block {
            path: "national/a.md",
            file_text: &file,
            code,
            start,
            fence: start - "```flowchart\n".len(),
        })
    }

    fn one_error(code: &str) -> Diagnostic {
        let diags = check(code).unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:?}");
        diags.into_iter().next().unwrap()
    }

    const GOOD: &str = "title: CES\nsteps:\n  - id: a\n    kind: start\n    text: Red flags\n    next: d\n  - id: d\n    kind: decision\n    text: Compression?\n    branches:\n      - { label: \"Yes\", to: hub }\n      - label: \"No\"\n        to: home\n  - { id: hub, kind: urgent, text: Call the hub, link: ../x.md#top }\n  - { id: home, kind: end, text: Go home }\n";

    #[test]
    fn a_good_chart_parses_into_steps_and_exits() {
        let chart = check(GOOD).unwrap();
        assert_eq!(chart.title.as_deref(), Some("CES"));
        let exits: Vec<Vec<(Option<&str>, usize)>> = chart
            .steps
            .iter()
            .map(|s| s.exits.iter().map(|e| (e.label.as_deref(), e.to)).collect())
            .collect();
        assert_eq!(
            exits,
            vec![
                vec![(None, 1)],
                vec![(Some("Yes"), 2), (Some("No"), 3)],
                vec![],
                vec![]
            ]
        );
        let link = chart.steps[2].link.as_ref().unwrap();
        let (file, _) = block(GOOD);
        assert_eq!(&file[link.offset..link.offset + link.len], "../x.md#top");
    }

    #[test]
    fn unknown_step_points_at_the_reference_with_a_suggestion() {
        let d = one_error(&GOOD.replace("to: hub", "to: hubb"));
        assert_eq!(d.code, "flowchart-unknown-step");
        // Line 5 of the file is the fence; the `to:` is on the block's 11th line.
        assert_eq!((d.line, d.col, d.span), (16, 29, 4), "{d:?}");
        assert_eq!(d.help.as_deref(), Some("did you mean `hub`?"));
    }

    #[test]
    fn a_step_nothing_reaches_is_reported_at_its_id() {
        let code = format!("{GOOD}  - {{ id: lost, text: Nobody comes here }}\n");
        let d = one_error(&code);
        assert_eq!(d.code, "flowchart-unreachable-step");
        assert_eq!((d.line, d.col), (21, 11), "{d:?}");
    }

    #[test]
    fn a_decision_needs_two_ways_out() {
        let code = GOOD.replace("      - label: \"No\"\n        to: home\n", "");
        let diags = check(&code).unwrap_err();
        assert!(
            diags.iter().any(|d| d.code == "flowchart-decision-ways"),
            "{diags:?}"
        );
    }

    #[test]
    fn a_loop_without_a_way_out_is_an_error_but_a_decision_may_loop_back() {
        let code = "steps:\n  - { id: a, text: A, next: b }\n  - { id: b, text: B, next: a }\n";
        let d = one_error(code);
        assert_eq!(d.code, "flowchart-cycle");
        assert!(d.message.contains("`a` → `b` → `a`"), "{}", d.message);
        let code = "steps:\n  - { id: a, text: Treat, next: d }\n  - id: d\n    kind: decision\n    text: Better?\n    branches:\n      - { label: \"No\", to: a }\n      - { label: \"Yes\", to: e }\n  - { id: e, kind: end, text: Discharge }\n";
        assert!(check(code).is_ok());
    }

    #[test]
    fn yaml_errors_are_placed_in_the_file() {
        let d = one_error("steps:\n  - id: a\n    txt: A\n");
        assert_eq!(d.code, "unknown-field");
        assert_eq!((d.line, d.col), (8, 5), "{d:?}");
        assert_eq!(d.help.as_deref(), Some("did you mean `text`?"));
    }

    #[test]
    fn too_long_text_is_an_error_with_a_shorter_wording() {
        let long = "Emergency MRI of the whole lumbar spine with sagittal and axial sequences, reported by a consultant radiologist within four hours of the request, day or night, every day of the year";
        let d = one_error(&format!("steps:\n  - id: a\n    text: {long}\n"));
        assert_eq!(d.code, "flowchart-text-too-long");
        assert_eq!((d.line, d.col), (8, 11));
        assert!(d.help.unwrap().contains("`Emergency MRI of the"));
    }

    /// The bundled CES pathway's chart drawn twice gives the same bytes, and the bytes of
    /// tests/fixtures/expected/flowchart/ces.html (`UPDATE_EXPECT=1` rewrites it).
    #[test]
    fn the_ces_chart_draws_the_same_bytes_every_time() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = std::fs::read_to_string(
            root.join("content/national/pathways/suspected-cauda-equina-syndrome.md"),
        )
        .unwrap();
        let fence = file.find("```flowchart\n").unwrap();
        let start = fence + "```flowchart\n".len();
        let end = start + file[start..].find("```").unwrap();
        let block = Block {
            path: "national/pathways/suspected-cauda-equina-syndrome.md",
            file_text: &file,
            code: &file[start..end],
            start,
            fence,
        };
        let chart = parse(&block).unwrap();
        let ids = Ids {
            figure: "fc".into(),
            caption: "fc-caption".into(),
            title: "fc-title".into(),
            desc: "fc-desc".into(),
            steps: chart.steps.iter().map(|s| format!("fc-{}", s.id)).collect(),
        };
        let urls: Vec<Option<String>> = chart
            .steps
            .iter()
            .map(|s| s.link.as_ref().map(|l| l.dest.clone()))
            .collect();
        let first = html(&chart, &ids, &urls);
        assert_eq!(first, html(&parse(&block).unwrap(), &ids, &urls));
        let expected = root.join("tests/fixtures/expected/flowchart/ces.html");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
            std::fs::write(&expected, &first).unwrap();
        }
        let want = std::fs::read_to_string(&expected)
            .expect("missing expected file; run with UPDATE_EXPECT=1 to create it");
        assert!(
            want == first,
            "{} is stale (UPDATE_EXPECT=1 updates it)",
            expected.display()
        );
    }

    #[test]
    fn places_are_found_in_block_and_flow_style() {
        let code =
            "steps:\n  - id: a # note\n    text: \"to: x\"\n  - { id: b, text: 'B', next: a }\n";
        let p = Places::find(code);
        let at = |key, n| match p.get(key, n) {
            Place::Code(o, l) => (&code[..o], &code[o..o + l]),
            Place::Fence => panic!("{key:?} {n} not found"),
        };
        assert!(at(Key::Id, 0).0.ends_with("- id: ") && at(Key::Id, 0).1 == "a");
        assert!(at(Key::Id, 1).0.ends_with("{ id: ") && at(Key::Id, 1).1 == "b");
        assert_eq!(at(Key::Text, 0).1, "to: x");
        assert_eq!(at(Key::Text, 1).1, "B");
        assert!(at(Key::Next, 0).0.ends_with("next: ") && at(Key::Next, 0).1 == "a");
        assert!(
            matches!(p.get(Key::To, 0), Place::Fence),
            "a `to:` inside quotes is text"
        );
    }

    #[test]
    fn offsets_inside_a_list_item_account_for_the_indentation() {
        let file = "---\nt: x\n---\n\n1. Step\n\n   ```flowchart\n   steps: []\n   ```\n";
        let start = file.find("steps").unwrap();
        let b = Block {
            path: "a.md",
            file_text: file,
            code: "steps: []\n",
            start,
            fence: file.find("```").unwrap(),
        };
        assert_eq!(b.file_offset(7), start + 7);
    }
}
