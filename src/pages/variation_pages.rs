//! The views of the pages that show differences as a reader sees them: the rendered comparison
//! of two versions (its sections, for `compare.html`), each national document's variation
//! page (`variation.html`: its text section by section beside each network's adaptation) and
//! the index of all of them (`variation_index.html`, with an inline SVG bar chart and the same
//! figures as a table).

use super::summary::Summary;
use super::{format_date, Crumb, Ctx};
use crate::compare::FieldChange;
use crate::library::Page;
use crate::redline::{self, RenderedDiff, SectionDiff, SectionStatus};
use crate::routes;
use crate::variation::{Adaptation, Variation};
use serde::Serialize;

/// Sections of a comparison, consecutive unchanged ones grouped to be shown folded.
#[derive(Serialize)]
pub(super) struct SectionGroup {
    unchanged: bool,
    sections: Vec<SectionDiff>,
}

/// The rendered comparison of two versions, for `compare.html`.
#[derive(Serialize)]
pub(super) struct RenderedView {
    groups: Vec<SectionGroup>,
    /// Headings of the sections that changed, were added, removed or moved, in words.
    summary: Vec<String>,
    /// The changed control fields in words ("Review date: 1 March 2027 → 1 March 2028").
    fields: Vec<FieldWords>,
    inserted: usize,
    deleted: usize,
}

#[derive(Serialize)]
struct FieldWords {
    label: &'static str,
    before: String,
    after: String,
}

pub(super) fn rendered_view(
    cx: &Ctx<'_>,
    diff: RenderedDiff,
    fields: &[FieldChange],
) -> RenderedView {
    let summary = diff
        .sections
        .iter()
        .filter_map(|s| {
            let name = section_name(s);
            let what = match (s.status, &s.moved_after) {
                (SectionStatus::Added, _) => "added",
                (SectionStatus::Removed, _) => "removed",
                (SectionStatus::Changed, Some(_)) => "moved and changed",
                (SectionStatus::Changed, None) => "changed",
                (SectionStatus::Unchanged, Some(_)) => "moved",
                (SectionStatus::Unchanged, None) => return None,
            };
            Some(match &s.renamed_from {
                Some(was) => {
                    let also = if s.inserted + s.deleted > 0 {
                        " and changed"
                    } else {
                        ""
                    };
                    let moved = if s.moved_after.is_some() {
                        ", moved"
                    } else {
                        ""
                    };
                    format!("{name}: renamed from “{was}”{also}{moved}")
                }
                None => format!("{name}: {what}"),
            })
        })
        .collect();
    let (inserted, deleted) = (diff.inserted, diff.deleted);
    RenderedView {
        groups: group(diff.sections),
        summary,
        fields: fields.iter().map(|f| field_words(cx, f)).collect(),
        inserted,
        deleted,
    }
}

fn section_name(s: &SectionDiff) -> String {
    if s.heading.is_empty() {
        "Introduction".to_owned()
    } else {
        s.heading.clone()
    }
}

fn group(sections: Vec<SectionDiff>) -> Vec<SectionGroup> {
    let mut groups: Vec<SectionGroup> = Vec::new();
    for s in sections {
        let unchanged = s.status == SectionStatus::Unchanged && s.moved_after.is_none();
        match groups.last_mut() {
            Some(g) if g.unchanged && unchanged => g.sections.push(s),
            _ => groups.push(SectionGroup {
                unchanged,
                sections: vec![s],
            }),
        }
    }
    groups
}

/// A control field's change in the words the document page uses: dates written out, and ids
/// (conditions, the adapted document, the kind of document) as their names.
fn field_words(cx: &Ctx<'_>, f: &FieldChange) -> FieldWords {
    let label = match f.field {
        "title" => "Title",
        "kind" => "Type of document",
        "summary" => "Summary",
        "version" => "Version",
        "status" => "Status",
        "approved" => "Approved",
        "approved_by" => "Approved by",
        "review" => "Review date",
        "owner" => "Owner",
        "audience" => "For",
        "conditions" => "Conditions",
        "adapts" => "Adapts",
        "changes" => "Summary of changes",
        "equality_impact_assessment" => "Equality impact assessment",
        _ => f.field,
    };
    let site = cx.site;
    let name = |v: &str| -> String {
        match f.field {
            "conditions" => v
                .split(", ")
                .map(|id| site.glossary.condition(id).map_or(id, |c| c.name.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
            "adapts" => site
                .page(v)
                .map_or_else(|| v.to_owned(), |p| p.meta().title.clone()),
            "kind" => crate::content::Kind::parse(v)
                .map_or_else(|| v.to_owned(), |k| k.label().to_owned()),
            _ => v.to_owned(),
        }
    };
    let words = |v: &str| match v.parse::<jiff::civil::Date>() {
        Ok(d) => format_date(d),
        Err(_) if v.is_empty() => "(none)".to_owned(),
        Err(_) => name(v),
    };
    FieldWords {
        label,
        before: words(&f.before),
        after: words(&f.after),
    }
}

/// A share of changed words for people: "12.5%".
fn percent(permille: u32) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

#[derive(Serialize)]
struct NetworkCell<'a> {
    #[serde(skip)]
    permille: u32,
    name: &'a str,
    title: &'a str,
    url: String,
    share: String,
}

#[derive(Serialize)]
struct LocalSection<'a> {
    network: &'a str,
    url: String,
    /// `changed`, `removed`, or `unchanged`.
    status: SectionStatus,
    moved: bool,
    /// The adaptation's heading for this section, when it rewords the national one.
    renamed_to: Option<String>,
    html: String,
}

#[derive(Serialize)]
struct VariationSection<'a> {
    heading: String,
    national_html: String,
    /// Adaptations that change, move or leave out this section.
    changed: Vec<LocalSection<'a>>,
    /// Networks whose adaptation keeps this section as it is.
    unchanged: Vec<&'a str>,
}

#[derive(Serialize)]
struct AddedSection<'a> {
    network: &'a str,
    url: String,
    heading: String,
    html: String,
}

#[derive(Serialize)]
struct StandardRow<'a> {
    section: String,
    network: &'a str,
    national: String,
    local: String,
    longer: bool,
}

#[derive(Serialize)]
struct Follows<'a> {
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct VariationView<'a> {
    title: &'a str,
    national_url: String,
    national_version: String,
    adaptations: Vec<NetworkCell<'a>>,
    follows: Vec<Follows<'a>>,
    standards: Vec<StandardRow<'a>>,
    sections: Vec<VariationSection<'a>>,
    added: Vec<AddedSection<'a>>,
    index_url: String,
}

/// The network's name, from its id.
fn network_name<'a>(cx: &Ctx<'a>, id: &str) -> &'a str {
    cx.site.network(id).map_or("", |n| n.profile.name.as_str())
}

/// A national document's variation page: its body beside each adaptation's (with the
/// adaptation's comparison with it), section by section.
pub(super) fn variation_page(
    cx: &Ctx<'_>,
    national: &Page,
    adaptations: &[(&Adaptation, &Page)],
) -> (&'static str, tera::Context) {
    let mut cells = Vec::new();
    let mut standards = Vec::new();
    for (a, p) in adaptations {
        let name = network_name(cx, &a.network);
        cells.push(NetworkCell {
            permille: a.diff.changed_permille(),
            name,
            title: &p.doc.meta.title,
            url: routes::url(&cx.root, &p.path),
            share: percent(a.diff.changed_permille()),
        });
        for c in &a.standards {
            standards.push(StandardRow {
                section: if c.section.is_empty() {
                    "Introduction".into()
                } else {
                    c.section.clone()
                },
                network: name,
                national: c.national.clone(),
                local: c.local.clone(),
                longer: c.longer,
            });
        }
    }
    let follows = cx
        .site
        .networks
        .iter()
        .filter(|n| !adaptations.iter().any(|(a, _)| a.network == n.id))
        .map(|n| Follows {
            name: n.profile.name.as_str(),
            url: routes::url(&cx.root, &routes::scope(&n.id)),
        })
        .collect();
    let sections = redline::section_bodies(&national.rendered.html)
        .into_iter()
        .enumerate()
        .map(|(i, (heading, national_html))| {
            let mut changed = Vec::new();
            let mut unchanged = Vec::new();
            for (a, p) in adaptations {
                let name = network_name(cx, &a.network);
                let url = routes::url(&cx.root, &p.path);
                let Some(s) = a.diff.sections.iter().find(|s| s.old_index == Some(i)) else {
                    continue;
                };
                if s.status == SectionStatus::Unchanged && s.moved_after.is_none() {
                    unchanged.push(name);
                } else {
                    changed.push(LocalSection {
                        network: name,
                        url,
                        status: s.status,
                        moved: s.moved_after.is_some(),
                        renamed_to: s.renamed_from.as_ref().map(|_| s.heading.clone()),
                        html: s.html.clone(),
                    });
                }
            }
            VariationSection {
                heading: if heading.is_empty() {
                    "Introduction".into()
                } else {
                    heading
                },
                national_html,
                changed,
                unchanged,
            }
        })
        .collect();
    let added = adaptations
        .iter()
        .flat_map(|(a, p)| {
            let url = routes::url(&cx.root, &p.path);
            let name = network_name(cx, &a.network);
            a.diff
                .sections
                .iter()
                .filter(|s| s.status == SectionStatus::Added)
                .map(move |s| AddedSection {
                    network: name,
                    url: url.clone(),
                    heading: section_name(s),
                    html: s.html.clone(),
                })
        })
        .collect();
    let view = VariationView {
        title: &national.doc.meta.title,
        national_url: routes::url(&cx.root, &national.path),
        national_version: national.doc.meta.version.to_string(),
        adaptations: cells,
        follows,
        standards,
        sections,
        added,
        index_url: routes::url(&cx.root, routes::VARIATION_INDEX),
    };
    let crumbs = vec![
        cx.home_crumb(),
        cx.scope_crumb(&national.doc.scope),
        Crumb {
            title: national.doc.meta.title.clone(),
            url: routes::url(&cx.root, &national.path),
        },
    ];
    let mut ctx = cx.context(crumbs, None);
    ctx.insert("page", &view);
    ("variation.html", ctx)
}

#[derive(Serialize)]
struct IndexRow<'a> {
    title: &'a str,
    url: String,
    count: usize,
    /// The largest share of changed words among its adaptations, for sorting and the chart.
    largest: String,
    adaptations: Vec<NetworkCell<'a>>,
}

#[derive(Serialize)]
struct Bar {
    /// A document's title above its adaptations' bars.
    title: Option<String>,
    /// The title wrapped to the chart's width (at most two lines, then cut with `…`; the
    /// table and the chart's description have it whole).
    title_lines: Vec<String>,
    label: String,
    value: String,
    y: u32,
    width: u32,
}

#[derive(Serialize)]
struct IndexView<'a> {
    rows: Vec<IndexRow<'a>>,
    bars: Vec<Bar>,
    chart_height: u32,
    /// `share` (largest departure first) or `title`.
    sort: &'static str,
    by_share_url: String,
    by_title_url: String,
}

/// A document's title in lines that fit the bar chart's 360 units of width in bold 13 px
/// text: at most two, the second cut with `…` when the title is longer.
fn chart_title_lines(title: &str) -> Vec<String> {
    use crate::flowchart::svg::{text_width, wrap};
    const WIDTH: f64 = 360.0;
    const SIZE: f64 = 13.0;
    let fits = |s: &str| text_width(s, SIZE, true) <= WIDTH;
    let mut lines = wrap(title, WIDTH / 1.1, SIZE);
    if lines.len() > 2 {
        lines.truncate(2);
        let mut last = lines[1].clone();
        while !last.is_empty() && !fits(&format!("{last} …")) {
            last = match last.rsplit_once(' ') {
                Some((head, _)) => head.to_owned(),
                None => String::new(),
            };
        }
        lines[1] = format!("{last} …").trim_start().to_owned();
    }
    lines
}

/// How the index's table is ordered; each order is its own page, so sorting needs no script.
#[derive(Clone, Copy)]
pub(super) enum IndexSort {
    Share,
    Title,
}

pub(super) fn index_page(
    cx: &Ctx<'_>,
    v: &Variation,
    sort: IndexSort,
) -> (&'static str, tera::Context) {
    let site = cx.site;
    let mut rows: Vec<(u32, IndexRow<'_>)> = v
        .documents
        .iter()
        .filter_map(|(id, adaptations)| {
            let national = site.page(id)?;
            let largest = adaptations
                .iter()
                .map(|a| a.diff.changed_permille())
                .max()
                .unwrap_or(0);
            let cells = adaptations
                .iter()
                .filter_map(|a| {
                    let p = site.page(&a.id)?;
                    Some(NetworkCell {
                        permille: a.diff.changed_permille(),
                        name: network_name(cx, &a.network),
                        title: &p.meta().title,
                        url: routes::url(&cx.root, p.path()),
                        share: percent(a.diff.changed_permille()),
                    })
                })
                .collect();
            Some((
                largest,
                IndexRow {
                    title: &national.meta().title,
                    url: routes::url(&cx.root, &routes::variation(id)),
                    count: adaptations.len(),
                    largest: percent(largest),
                    adaptations: cells,
                },
            ))
        })
        .collect();
    match sort {
        IndexSort::Share => rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.title.cmp(b.1.title))),
        IndexSort::Title => rows.sort_by(|a, b| a.1.title.cmp(b.1.title)),
    }
    // One bar per adaptation under its document's title, in the table's order; 100% is 300
    // units wide (the chart is 360 wide, so its text stays legible on a phone).
    let mut bars = Vec::new();
    let mut y = 0;
    for (_, row) in &rows {
        let title_lines = chart_title_lines(row.title);
        let lines = title_lines.len() as u32;
        bars.push(Bar {
            title: Some(row.title.to_owned()),
            title_lines,
            label: String::new(),
            value: String::new(),
            y,
            width: 0,
        });
        y += 22 + 16 * lines.saturating_sub(1);
        for cell in &row.adaptations {
            bars.push(Bar {
                title: None,
                title_lines: Vec::new(),
                label: cell.name.to_owned(),
                value: cell.share.clone(),
                y,
                width: (cell.permille * 300 / 1000).max(1),
            });
            y += 36;
        }
    }
    let view = IndexView {
        chart_height: y.max(36),
        bars,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        sort: match sort {
            IndexSort::Share => "share",
            IndexSort::Title => "title",
        },
        by_share_url: routes::url(&cx.root, routes::VARIATION_INDEX),
        by_title_url: routes::url(&cx.root, routes::VARIATION_BY_TITLE),
    };
    let mut ctx = cx.context(vec![cx.home_crumb()], None);
    ctx.insert("page", &view);
    ("variation_index.html", ctx)
}

/// Where the network switcher on a document's page goes for each network: the network's
/// adaptation of the national document this page is (or adapts), or that national document.
/// Empty for a network's own document that adapts nothing (the switcher goes home then).
pub(super) fn switch_urls(
    cx: &Ctx<'_>,
    p: Summary<'_>,
) -> std::collections::BTreeMap<String, String> {
    let site = cx.site;
    let national = match p.meta().adapts.as_deref() {
        Some(id) => site.page(id),
        None if *p.scope() == crate::content::Scope::National => Some(p),
        None => None,
    };
    let Some(national) = national else {
        return Default::default();
    };
    site.networks
        .iter()
        .map(|n| {
            let local = national
                .adapted_by()
                .iter()
                .filter_map(|id| site.page(id))
                .find(|a| a.network() == Some(n.id.as_str()));
            let to = local.unwrap_or(national);
            (n.id.clone(), routes::url(&cx.root, to.path()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::chart_title_lines;
    use crate::flowchart::svg::text_width;

    #[test]
    fn long_titles_wrap_inside_the_chart_and_are_cut_after_two_lines() {
        let short = chart_title_lines("Suspected CES pathway");
        assert_eq!(short, ["Suspected CES pathway"]);
        let long = "Metastatic spinal cord compression: referral, imaging and transfer to the hub spinal surgical team, with the oncology service's part in it";
        let lines = chart_title_lines(long);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        for l in &lines {
            assert!(
                text_width(l, 13.0, true) <= 360.0,
                "{l:?} is wider than the chart"
            );
        }
        assert!(long.starts_with(lines[0].as_str()));
    }
}
