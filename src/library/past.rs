//! The library's past versions: chains of each document's approved versions from git history,
//! the version in force on a date, and past versions rendered with the links they can still
//! have; and the checks that what a document records as done (its approval, its evidence
//! checks and user testing) is not dated after today.

use super::*;

/// Each document's version chain from git history: which version is its page (the current
/// file; the approved version in force while the file is a draft; or for `--as-of` the version
/// in force on that date) and its earlier approved versions.
pub(super) fn version_chains(
    documents: Vec<Arc<Document>>,
    past: Past<'_>,
    glossary: Option<&Glossary>,
    opts: &LibraryOptions,
    diags: &mut Vec<Diagnostic>,
) -> Chains {
    let ctx = content::Context { glossary };
    let drafts = opts.selection.drafts;
    let revising = |d: &Document| d.meta.status.is_unpublished();
    let mut unknown = BTreeSet::new();
    let collected = match past {
        Past::Full(h) => {
            let (v, d) = versions::collect(h, documents.iter().map(|d| &**d), &ctx);
            diags.extend(d);
            v
        }
        // The preview needs only the documents being revised: their page links to the
        // version in force. Their warnings come from `check` and `build`.
        Past::Revisions(h) => {
            let being_revised = documents.iter().map(|d| &**d).filter(|d| revising(d));
            versions::collect(h, being_revised, &ctx).0
        }
        Past::Unavailable(why) => {
            for doc in documents.iter().filter(|d| revising(d)) {
                if let Some(d) = revision_without_history(doc, why) {
                    unknown.insert(doc.id.clone());
                    // A review copy shows the draft: nothing disappears from it.
                    if !drafts || opts.check {
                        diags.push(d);
                    }
                }
            }
            versions::Collected::default()
        }
        Past::NotRead => versions::Collected::default(),
    };
    let versions::Collected {
        versions,
        withdrawn,
    } = collected;
    // What today's full site publishes: versions from history link only to these.
    let live = documents
        .iter()
        .filter(|d| {
            drafts || !revising(d) || versions.contains_key(&d.id) && !withdrawn.contains(&d.id)
        })
        .map(|d| d.id.clone())
        .collect();
    let mut heads = Vec::with_capacity(documents.len());
    let mut pasts = BTreeMap::new();
    let mut historical = BTreeSet::new();
    let mut in_force = BTreeSet::new();
    for doc in documents {
        let approved = versions.get(&doc.id).map_or(&[][..], Vec::as_slice);
        let chain = match opts.as_of {
            None => Some(versions::current(
                &doc,
                approved,
                drafts,
                withdrawn.contains(&doc.id),
            )),
            Some(date) => versions::as_of(&doc, approved, date),
        };
        let Some(chain) = chain else { continue };
        if !chain.past.is_empty() {
            pasts.insert(doc.id.clone(), chain.past);
        }
        if chain.in_force {
            in_force.insert(doc.id.clone());
        }
        match chain.head {
            Some(earlier) => {
                historical.insert(doc.id.clone());
                heads.push(Arc::new(earlier));
            }
            None => heads.push(doc),
        }
    }
    Chains {
        heads,
        pasts,
        historical,
        in_force,
        live,
        unknown,
    }
}

/// What [`version_chains`] decides for every document.
pub(super) struct Chains {
    /// The documents the pages show.
    pub(super) heads: Vec<Arc<Document>>,
    /// Past versions by document id.
    pub(super) pasts: BTreeMap<String, Vec<Approved>>,
    /// Ids whose page shows a version from history rather than the current file.
    pub(super) historical: BTreeSet<String>,
    /// Ids whose page is a draft or consultation with the approved version in force (the last
    /// past version) beside it.
    pub(super) in_force: BTreeSet<String>,
    /// Ids the full site publishes today (approved or withdrawn, or with an approved version in
    /// force; every document in a build with drafts).
    pub(super) live: BTreeSet<String>,
    /// Ids of drafts that revise an approved version the build cannot see (no history): the
    /// `revision-without-history` error says so, so links to them are not errors as well.
    pub(super) unknown: BTreeSet<String>,
}

/// A draft or consultation numbered above 1.0 revises a document that was approved before
/// (versions above 1.0 follow an approved one; a new document is drafted at 1.0 or below).
/// Without git history that approved version cannot be published in its place, and a build
/// without drafts would silently drop the document: an error instead.
pub(super) fn revision_without_history(doc: &Document, why: &Unavailable) -> Option<Diagnostic> {
    let first = Version { major: 1, minor: 0 };
    if doc.meta.version <= first {
        return None;
    }
    let (line, col, len) = crate::place::value_span(&doc.text, "version").unwrap_or((1, 1, 3));
    let help = match why {
        Unavailable::Shallow => "fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in CI) so the approved version stays published while this one is drafted",
        _ => "build from a git clone of the content with its full history, so the approved version stays published while this one is drafted",
    };
    Some(
        Diagnostic::error(
            "revision-without-history",
            &doc.path,
            format!(
                "this {} of version {} revises an approved document, but {why}, so the approved version cannot be published meanwhile and the document would disappear from the site",
                doc.meta.status.id(),
                doc.meta.version
            ),
        )
        .at(&doc.text, line, col, len)
        .help(format!(
            "{help}; `build --drafts` makes a review copy without it; a document never approved is numbered 1.0 or below until it is"
        )),
    )
}

/// An approval date after today: the document would be published as in force before the
/// approving body has met.
pub(super) fn approval_dates(
    documents: &[Arc<Document>],
    today: Date,
    diags: &mut Vec<Diagnostic>,
) {
    for doc in documents {
        let m = &doc.meta;
        let Some(approved) = m.approved.filter(|a| *a > today) else {
            continue;
        };
        if !matches!(m.status, Status::Approved | Status::Withdrawn) {
            continue;
        }
        let (line, col, len) = crate::place::value_span(&doc.text, "approved").unwrap_or((1, 1, 3));
        diags.push(
            Diagnostic::error(
                "approved-in-future",
                &doc.path,
                format!("`approved` is {approved}, after today ({today}): the document would be published as in force before it is approved"),
            )
            .at(&doc.text, line, col, len)
            .help("write the date it was approved; until then keep `status: draft` or `consultation`, which are not published"),
        );
    }
}

/// Errors for evidence dates (`sources:`' `checked`, `evidence_checked:`, `user_tested:`'s
/// `date`) after `today` in a document published as in force (approved or
/// withdrawn): a check or a test recorded as done must have happened. As with `approved`, a
/// draft may carry the date it is planned for; it is checked when it is approved.
pub(super) fn evidence_dates(
    documents: &[Arc<Document>],
    today: Date,
    diags: &mut Vec<Diagnostic>,
) {
    let in_force =
        |d: &&Arc<Document>| matches!(d.meta.status, Status::Approved | Status::Withdrawn);
    for doc in documents.iter().filter(in_force) {
        let e = &doc.meta.evidence;
        // Placing the dates reads the front matter again: only for a document that has one
        // in the future.
        let future = |d: Option<Date>| d.is_some_and(|d| d > today);
        let any_future = future(e.checked)
            || future(e.user_tested.as_ref().map(|u| u.date))
            || e.sources.iter().any(|s| future(s.checked));
        if !any_future {
            continue;
        }
        let front = &doc.text[..doc.body_start];
        let whole = crate::place::whole(front);
        let mut dates: Vec<(&str, Date, (usize, usize, usize))> = Vec::new();
        if let Some(d) = e.checked {
            let at = crate::place::value_span(front, "evidence_checked").unwrap_or((1, 1, 3));
            dates.push(("evidence_checked", d, at));
        }
        if let Some(u) = &e.user_tested {
            let block = crate::place::key_line(front, &whole, "user_tested")
                .map_or(whole.clone(), |i| crate::place::item_at(front, i + 1));
            let at = crate::place::value(front, &block, "date").unwrap_or((1, 1, 3));
            dates.push(("user_tested", u.date, at));
        }
        let items = crate::place::items(front, &whole, "sources");
        for (n, s) in e.sources.iter().enumerate() {
            if let (Some(d), Some(item)) = (s.checked, items.get(n)) {
                let at = crate::place::value(front, item, "checked").unwrap_or((1, 1, 3));
                dates.push(("a source's `checked`", d, at));
            }
        }
        for (what, d, (line, col, len)) in dates.into_iter().filter(|(_, d, _)| *d > today) {
            let what = if what.contains('`') {
                what.to_owned()
            } else {
                format!("`{what}`")
            };
            diags.push(
                Diagnostic::error(
                    "date-in-future",
                    &doc.path,
                    format!("{what} is {d}, after today ({today}): it records something that has not happened yet"),
                )
                .at(&doc.text, line, col, len)
                .help("write the date it was done (check the year)"),
            );
        }
    }
}

/// The link map for versions from git history. Links to documents still published resolve as
/// in today's files, also under the paths those documents had before a rename; a link to a
/// document no longer published (deleted since, or a draft with nothing approved) is left
/// out, and renders as plain text rather than a dead link.
pub(super) fn past_link_map(
    map: &LinkMap,
    history: Option<&History<Option<Snapshot>>>,
    live: &BTreeSet<String>,
) -> LinkMap {
    let mut documents: BTreeMap<String, (String, String)> = map
        .documents
        .iter()
        .filter(|(_, (id, _))| live.contains(id))
        .map(|(path, target)| (path.clone(), target.clone()))
        .collect();
    for lineage in history.iter().flat_map(|h| &h.files) {
        let Some(target) = map
            .documents
            .get(&lineage.path)
            .filter(|(id, _)| lineage.exists && live.contains(id))
        else {
            continue;
        };
        for rev in &lineage.revisions {
            // A document at that path today keeps it.
            documents
                .entry(rev.path.clone())
                .or_insert_with(|| target.clone());
        }
    }
    LinkMap {
        documents,
        base_path: map.base_path.clone(),
        history: true,
        site_url: map.site_url.clone(),
        ids: map.ids.clone(),
        assets: map.assets.clone(),
        networks: map.networks.clone(),
        services: map.services.clone(),
    }
}

/// Renders pages that show a version from history. Their link problems are not reported, as
/// for past versions.
pub(super) fn render_history(
    docs: Vec<&Arc<Document>>,
    map: &LinkMap,
) -> Vec<(Arc<Document>, Arc<Rendered>)> {
    use rayon::prelude::*;
    docs.into_par_iter()
        .map(|d| (d.clone(), Arc::new(render::render(d, map))))
        .collect()
}

/// Renders the past versions of the published pages. Their link problems are not reported:
/// they were checked when approved, and documents they link to may have moved since.
pub(super) fn render_past(
    rendered: &[(Arc<Document>, Arc<Rendered>)],
    pasts: &mut BTreeMap<String, Vec<Approved>>,
    map: &LinkMap,
) -> BTreeMap<String, Vec<PastVersion>> {
    use rayon::prelude::*;
    let jobs: Vec<Approved> = rendered
        .iter()
        .filter_map(|(d, _)| pasts.remove(&d.id))
        .flatten()
        .collect();
    let done: Vec<PastVersion> = jobs
        .into_par_iter()
        .map(|a| PastVersion {
            path: routes::version(&a.doc.id, a.doc.meta.version),
            rendered: render::render(&a.doc, map),
            doc: a.doc,
            commit: a.commit,
            committed: a.committed,
        })
        .collect();
    let mut by_id: BTreeMap<String, Vec<PastVersion>> = BTreeMap::new();
    for p in done {
        by_id.entry(p.doc.id.clone()).or_default().push(p);
    }
    by_id
}
