//! A document's page, its past versions, its version history pages and the comparisons of
//! consecutive versions, and the print footer they carry.

use super::views::*;
use super::*;
use crate::compare;

/// The network a page belongs to, for the network bar.
pub(super) fn scope_network(scope: &Scope) -> Option<&str> {
    match scope {
        Scope::National => None,
        Scope::Network(id) => Some(id),
    }
}

/// One version of a document as the history table and comparisons see it.
pub(super) struct Step<'a> {
    doc: &'a crate::content::Document,
    rendered: &'a crate::render::Rendered,
    path: &'a str,
}

/// The page's versions, oldest first: its past versions, then the page itself.
pub(super) fn steps(p: &Page) -> Vec<Step<'_>> {
    p.past
        .iter()
        .map(|v| Step {
            doc: &v.doc,
            rendered: &v.rendered,
            path: &v.path,
        })
        .chain(std::iter::once(Step {
            doc: &p.doc,
            rendered: &p.rendered,
            path: &p.path,
        }))
        .collect()
}

/// Rows of the page's version history, newest first: those at positions `range` (0 is the
/// newest). Empty without past versions.
pub(super) fn history_rows(
    cx: &Ctx<'_>,
    p: &Page,
    this: Version,
    range: std::ops::Range<usize>,
) -> Vec<HistoryRow> {
    if p.past.is_empty() {
        return Vec::new();
    }
    let steps = steps(p);
    let n = steps.len();
    let (start, end) = (range.start.min(n), range.end.min(n));
    // Newest first: position k is step n - 1 - k.
    (start..end)
        .map(|k| {
            let i = n - 1 - k;
            let s = &steps[i];
            let m = &s.doc.meta;
            HistoryRow {
                version: m.version.to_string(),
                approved: m.approved.map(format_date),
                approved_by: m.approved_by.clone(),
                changes: m.changes.clone(),
                url: routes::url(&cx.root, s.path),
                this: m.version == this,
                compare_url: i.checked_sub(1).map(|j| {
                    let old = steps[j].doc.meta.version;
                    format!("{}{}", cx.root, routes::compare(&p.doc.id, old, m.version))
                }),
            }
        })
        .collect()
}

/// How many history pages a page with `versions` versions has: none when its own page lists
/// them all.
pub(super) fn history_pages(versions: usize) -> usize {
    if versions > HISTORY_ON_PAGE {
        versions.div_ceil(HISTORY_PAGE_SIZE)
    } else {
        0
    }
}

/// A page of a document's history: a past version, or the comparison of two consecutive
/// versions (by the index of the older one).
#[derive(Clone, Copy)]
pub(super) enum VersionJob {
    Past(usize),
    Compare(usize),
    /// A page of the full version history, from 0.
    History(usize),
}

/// Where each past version and comparison of a page goes.
pub(super) fn version_jobs(p: &Page) -> Vec<(String, VersionJob)> {
    let steps = steps(p);
    let past = p
        .past
        .iter()
        .enumerate()
        .map(|(i, v)| (routes::file(&v.path), VersionJob::Past(i)));
    let compare = steps.windows(2).enumerate().map(|(i, pair)| {
        let path = routes::compare(
            &p.doc.id,
            pair[0].doc.meta.version,
            pair[1].doc.meta.version,
        );
        (routes::file(&path), VersionJob::Compare(i))
    });
    let history = (0..history_pages(steps.len())).map(|k| {
        let path = routes::history(&p.doc.id, k);
        (routes::file(&path), VersionJob::History(k))
    });
    past.chain(compare).chain(history).collect()
}

pub(super) fn version_context(
    cx: &Ctx<'_>,
    p: &Page,
    which: VersionJob,
) -> (&'static str, tera::Context) {
    let steps = steps(p);
    let crumbs = vec![
        cx.home_crumb(),
        cx.scope_crumb(&p.doc.scope),
        Crumb {
            title: p.doc.meta.title.clone(),
            url: routes::url(&cx.root, &p.path),
        },
    ];
    let mut ctx = cx.context(crumbs, scope_network(&p.doc.scope));
    match which {
        VersionJob::Past(i) => {
            let view = version_view(cx, p, i, steps[i + 1].doc);
            ctx.insert("page", &view);
            ("version.html", ctx)
        }
        VersionJob::Compare(i) => {
            let (old, new) = (&steps[i], &steps[i + 1]);
            let view = CompareView {
                title: &p.doc.meta.title,
                scope_name: cx.scope_name(&p.doc.scope),
                old_version: old.doc.meta.version.to_string(),
                new_version: new.doc.meta.version.to_string(),
                old_url: routes::url(&cx.root, old.path),
                new_url: routes::url(&cx.root, new.path),
                old_approved: old.doc.meta.approved.map(format_date),
                new_approved: new.doc.meta.approved.map(format_date),
                current_url: routes::url(&cx.root, &p.path),
                changes: new.doc.meta.changes.as_deref(),
                comparison: compare::compare(old.doc, new.doc),
                rendered: variation_pages::rendered_view(
                    cx,
                    crate::redline::diff(&old.rendered.html, &new.rendered.html),
                    &compare::field_changes(&old.doc.meta, &new.doc.meta),
                ),
            };
            ctx.insert("page", &view);
            ("compare.html", ctx)
        }
        VersionJob::History(k) => {
            let count = steps.len();
            let first = k * HISTORY_PAGE_SIZE;
            let view = HistoryPageView {
                title: &p.doc.meta.title,
                scope_name: cx.scope_name(&p.doc.scope),
                current_url: routes::url(&cx.root, &p.path),
                current_version: p.doc.meta.version.to_string(),
                count,
                first: first + 1,
                last: (first + HISTORY_PAGE_SIZE).min(count),
                // No row is "this version" here: every one links to its page.
                history: history_rows(
                    cx,
                    p,
                    Version {
                        major: u32::MAX,
                        minor: u32::MAX,
                    },
                    first..first + HISTORY_PAGE_SIZE,
                ),
                pages: (0..history_pages(count))
                    .map(|j| PageLink {
                        number: j + 1,
                        url: routes::url(&cx.root, &routes::history(&p.doc.id, j)),
                        current: j == k,
                    })
                    .collect(),
            };
            ctx.insert("page", &view);
            ("history.html", ctx)
        }
    }
}

pub(super) fn version_view<'a>(
    cx: &Ctx<'a>,
    p: &'a Page,
    index: usize,
    next: &crate::content::Document,
) -> VersionView<'a> {
    let past = &p.past[index];
    let m = &past.doc.meta;
    let current_url = routes::url(&cx.root, &p.path);
    // The version's place in the history, newest first (the current page is position 0).
    let versions = p.past.len() + 1;
    let position = versions - 1 - index;
    let history_url = if history_pages(versions) == 0 {
        format!("{current_url}#history-heading")
    } else {
        format!(
            "{}{}",
            cx.root,
            routes::history(&p.doc.id, position / HISTORY_PAGE_SIZE)
        )
    };
    VersionView {
        title: &m.title,
        summary: &m.summary,
        kind_label: m.kind.label(),
        scope_name: cx.scope_name(&p.doc.scope),
        is_leaflet: m.kind == Kind::Leaflet,
        version: m.version.to_string(),
        status: m.status.id(),
        approved: m.approved.map(format_date),
        approved_by: m.approved_by.as_deref(),
        review: m.review.map(format_date),
        owner: &m.owner,
        audience: m.audience.id(),
        changes: m.changes.as_deref(),
        html: &past.rendered.html,
        toc: &past.rendered.toc,
        show_toc: past.rendered.toc.len() >= 3,
        commit: &past.commit[..past.commit.len().min(7)],
        committed: format_date(past.committed),
        current_url,
        current_version: p.doc.meta.version.to_string(),
        current_status: p.doc.meta.status.id(),
        next_version: next.meta.version.to_string(),
        next_approved: next.meta.approved.map(format_date),
        in_force: p.in_force && index + 1 == p.past.len(),
        history_url,
        permalink: routes::url(&cx.site.config.base_url(), &past.path),
    }
}

/// A document's own page: its body, and the rest of the site as summaries (the documents it
/// adapts, is adapted by and is related to).
pub(super) fn document(cx: &Ctx<'_>, p: &Page) -> (&'static str, tera::Context) {
    let site = cx.site;
    let m = &p.doc.meta;
    let is_leaflet = m.kind == Kind::Leaflet;
    let adapts = m
        .adapts
        .as_deref()
        .and_then(|a| site.page(a))
        .map(|a| cx.card_value(a));
    let adapted_by = p
        .adapted_by
        .iter()
        .filter_map(|id| site.page(id))
        .map(|a| cx.card_value(a))
        .collect();
    // Related: other documents about the same conditions. A leaflet's readers are patients,
    // so it points only to other patient information.
    let related = site
        .pages()
        .filter(|o| o.id() != p.doc.id && o.meta().status != Status::Withdrawn)
        .filter(|o| !is_leaflet || o.meta().kind == Kind::Leaflet)
        .filter(|o| o.meta().conditions.iter().any(|c| m.conditions.contains(c)))
        .filter(|o| {
            Some(o.id()) != m.adapts.as_deref() && !p.adapted_by.iter().any(|a| a == o.id())
        })
        .take(8)
        .map(|o| cx.card_value(o))
        .collect();
    let own = Summary::of(p);
    let card = cx.card(own);
    let permalink = routes::url(&site.config.base_url(), &p.path);
    let print_css = print_css(
        &m.title,
        &card.version,
        m.status,
        card.review.as_deref(),
        &permalink,
    );
    let view = DocumentView {
        card,
        html: super::glossary::mark_first_use(&p.rendered.html, &cx.marks),
        toc: &p.rendered.toc,
        show_toc: p.rendered.toc.iter().filter(|t| t.level == 2).count() >= 3,
        approved_by: m.approved_by.as_deref(),
        owner: &m.owner,
        changes: m.changes.as_deref(),
        equality_impact_assessment: m.equality_impact_assessment.map(format_date),
        conditions: m
            .conditions
            .iter()
            .filter_map(|c| site.glossary.condition(c))
            .map(|c| ConditionView {
                id: &c.id,
                name: &c.name,
            })
            .collect(),
        adapts,
        adapted_by,
        related,
        is_leaflet,
        leaflet_type: m.leaflet_type,
        has_code: p.rendered.html.contains("<pre class=\"code\">"),
        permalink,
        print_css,
        history: history_rows(cx, p, m.version, 0..HISTORY_ON_PAGE),
        history_more: (p.past.len() + 1 > HISTORY_ON_PAGE).then(|| HistoryMore {
            url: routes::url(&cx.root, &routes::history(&p.doc.id, 0)),
            count: p.past.len() + 1,
        }),
        in_force: p.version_in_force().map(|v| InForceView {
            version: v.doc.meta.version.to_string(),
            approved: v.doc.meta.approved.map(format_date),
            url: routes::url(&cx.root, &v.path),
        }),
        variation_url: variation_url(cx, own),
        evidence: crate::evidence::view(&m.evidence),
    };
    let network_id = match &p.doc.scope {
        Scope::National => None,
        Scope::Network(id) => Some(id.as_str()),
    };
    let mut crumbs = vec![cx.home_crumb()];
    if is_leaflet && network_id.is_none() {
        // Patients reach national leaflets from the home page's index, not the national list.
        crumbs.push(Crumb {
            title: "Leaflets for patients".into(),
            url: format!("{}#for-patients", cx.root),
        });
    } else {
        let scope = cx.scope_crumb(&p.doc.scope);
        // Withdrawn documents are not listed, so there is no kind section to go back to.
        if m.status != Status::Withdrawn {
            crumbs.push(Crumb {
                title: m.kind.plural().to_owned(),
                url: format!("{}#kind-{}", scope.url, m.kind.id()),
            });
        }
        crumbs.insert(1, scope);
    }
    let mut ctx = cx.context(crumbs, network_id);
    ctx.insert("page", &view);
    ctx.insert("switch_urls", &variation_pages::switch_urls(cx, own));
    ctx.insert("formats", &super::formats::formats(cx, own, None));
    // Search from a patient leaflet starts with patient documents.
    if m.audience == Audience::Patients {
        ctx.insert("search_audience", "patients");
    }
    ("document.html", ctx)
}

/// The variation page a document links to: its own when it is a national document with a
/// published adaptation, or its national document's when it is one of those adaptations.
pub(super) fn variation_url(cx: &Ctx<'_>, p: Summary<'_>) -> Option<String> {
    let national = match p.meta().adapts.as_deref() {
        Some(id) => cx.site.page(id)?,
        None => p,
    };
    let adapted = national
        .adapted_by()
        .iter()
        .filter_map(|id| cx.site.page(id))
        .any(|a| a.meta().status != Status::Withdrawn);
    (*national.scope() == Scope::National && adapted)
        .then(|| format!("{}{}", cx.root, routes::variation(national.id())))
}

/// `text` as a CSS string literal that is safe inside an HTML `<style>` element: quotes and
/// backslashes escaped, line breaks and `<` (which could close the element) as hex escapes.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\A "),
            c if c == '<' || c == '>' || c == '&' || c.is_control() => {
                out.push_str(&format!("\\{:X} ", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The print footer of a document: its title, version, status when not approved, review date
/// and address in the bottom margin of every printed page, and the page number. CSS margin
/// boxes put it outside the content, so it never covers text.
pub(super) fn print_css(
    title: &str,
    version: &str,
    status: Status,
    review: Option<&str>,
    url: &str,
) -> String {
    let mut line = format!("{title} · Version {version}");
    if status != Status::Approved {
        line.push_str(&format!(" · {}", status.id().to_uppercase()));
    }
    if let Some(r) = review {
        line.push_str(&format!(" · Review due {r}"));
    }
    line.push('\n');
    line.push_str(url);
    format!(
        "@page{{@bottom-left{{content:{};}}@bottom-right{{content:\"Page \" counter(page) \" of \" counter(pages);}}}}",
        css_string(&line)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out_of_a_style_element() {
        assert_eq!(css_string("Plain"), "\"Plain\"");
        assert_eq!(css_string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(css_string("one\ntwo"), "\"one\\A two\"");
        let hostile = css_string("</style><script>alert(1)</script>");
        assert!(
            !hostile.contains('<') && !hostile.contains('>'),
            "{hostile}"
        );
        assert!(hostile.starts_with("\"\\3C /style\\3E "), "{hostile}");
    }

    #[test]
    fn print_footer_names_the_document_and_flags_drafts() {
        let approved = print_css(
            "CES pathway",
            "2.1",
            Status::Approved,
            Some("1 March 2027"),
            "https://x.org/national/ces/",
        );
        assert!(approved.contains(
            "@bottom-left{content:\"CES pathway · Version 2.1 · Review due 1 March 2027\\A https://x.org/national/ces/\";}"
        ), "{approved}");
        assert!(approved.contains("counter(pages)"));
        let draft = print_css("New SOP", "0.1", Status::Draft, None, "https://x.org/a/b/");
        assert!(
            draft.contains("New SOP · Version 0.1 · DRAFT\\A "),
            "{draft}"
        );
    }
}
