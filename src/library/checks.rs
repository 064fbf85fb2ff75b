//! The checks that need every document at once: unique ids, known networks, `adapts` targets,
//! and every link and anchor between documents.

use super::Lookup;
use super::*;
use crate::source::SourceFile;
use std::collections::hash_map::{Entry, HashMap};

/// The checked documents, and the (path, id) of those that could not be read or cannot
/// publish because of an error reported elsewhere (their front matter, their network's
/// profile).
pub(super) struct Loaded {
    pub(super) documents: Vec<Arc<Document>>,
    pub(super) unreadable: Vec<(String, String)>,
}

/// Parses every document and runs the checks that need all of them: unique ids, networks
/// that exist, `adapts` targets, overdue reviews.
pub(super) fn load_documents(
    source: &Source,
    glossary: Option<&Glossary>,
    networks: &[Network],
    diags: &mut Vec<Diagnostic>,
    steps: &mut dyn DocumentSteps,
) -> Loaded {
    // Translations and Easy Read versions are read by `translations`, beside their leaflet.
    let files: Vec<&SourceFile> = source
        .documents
        .iter()
        .filter(|f| !crate::forms::is_variant(&f.path))
        .collect();
    let parsed = steps.parse_all(&files, glossary);
    let mut read = Vec::with_capacity(parsed.len());
    let mut unreadable = Vec::new();
    let known_networks: BTreeSet<&str> = networks.iter().map(|n| n.id.as_str()).collect();
    for ((doc, d), file) in parsed.into_iter().zip(&files) {
        diags.extend(d);
        let Some(doc) = doc else {
            unreadable.push((file.path.clone(), content::id_of(&file.path)));
            continue;
        };
        if let Scope::Network(n) = &doc.scope {
            if !known_networks.contains(n.as_str()) {
                // The network folder's own diagnostic explains why; the document cannot publish.
                unreadable.push((doc.path.clone(), doc.id.clone()));
                continue;
            }
        }
        read.push(doc);
    }
    // The first file with an id keeps it. (Borrowed, not copied: 20,000 strings a rebuild.)
    let mut first: HashMap<&str, &str, crate::incremental::Fast> =
        HashMap::with_capacity_and_hasher(read.len(), Default::default());
    let mut duplicate = vec![false; read.len()];
    for (doc, duplicate) in read.iter().zip(&mut duplicate) {
        let first = match first.entry(&doc.id) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                e.insert(&doc.path);
                continue;
            }
        };
        diags.push(
            Diagnostic::error("duplicate-id", &doc.path, format!("document id `{}` is already used by {first}", doc.id))
                .at(&doc.text, 1, 1, 3)
                .help("rename one of the files: a document's id is its folder's network and its file name"),
        );
        unreadable.push((doc.path.clone(), doc.id.clone()));
        *duplicate = true;
    }
    drop(first);
    let mut documents: Vec<Arc<Document>> = read
        .into_iter()
        .zip(duplicate)
        .filter_map(|(doc, duplicate)| (!duplicate).then_some(doc))
        .collect();
    let national: BTreeSet<&str> = documents
        .iter()
        .filter(|d| d.scope == Scope::National)
        .map(|d| d.id.as_str())
        .chain(
            unreadable
                .iter()
                .map(|(_, id)| id.as_str())
                .filter(|id| id.starts_with("national/")),
        )
        .collect();
    let mut bad_adapts = BTreeSet::new();
    for doc in &documents {
        if let Some(target) = doc
            .meta
            .adapts
            .as_deref()
            .filter(|t| t.starts_with("national/"))
        {
            if !national.contains(target) {
                let help = suggest(target, national.iter().copied()).map_or(
                    "name an existing national document as `national/<file name>`".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                let line = crate::place::top_key_line(&doc.text, "adapts");
                diags.push(
                    Diagnostic::error(
                        "unknown-adapts",
                        &doc.path,
                        format!("`adapts` names `{target}`, which is not a national document"),
                    )
                    .at(&doc.text, line, 9, target.chars().count())
                    .help(help),
                );
                bad_adapts.insert(doc.id.clone());
            }
        }
    }
    for d in documents.iter().filter(|d| bad_adapts.contains(&d.id)) {
        unreadable.push((d.path.clone(), d.id.clone()));
    }
    documents.retain(|d| !bad_adapts.contains(&d.id));
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Loaded {
        documents,
        unreadable,
    }
}

/// The help of a broken anchor: the closest anchor if one is a likely slip, and the target's
/// anchors nearest to what was written.
pub(crate) fn nearest_headings(anchor: &str, target: &str, known: &BTreeSet<String>) -> String {
    if known.is_empty() {
        return format!("`{target}` has no headings: link to the document without `#{anchor}`");
    }
    let mut by_distance: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (crate::diag::edit_distance(anchor, k), k.as_str()))
        .collect();
    by_distance.sort();
    let nearest: Vec<String> = by_distance
        .iter()
        .take(3)
        .map(|(_, k)| format!("`#{k}`"))
        .collect();
    match suggest(anchor, known.iter().map(String::as_str)) {
        Some(s) => format!(
            "did you mean `#{s}`? The nearest headings of `{target}` are {}",
            nearest.join(", ")
        ),
        None => format!(
            "link to one of the headings of `{target}`; the nearest are {}",
            nearest.join(", ")
        ),
    }
}

/// What links are checked against.
pub(super) struct Targets<'a> {
    /// Every document, as the page shows it.
    pub(super) all: &'a Lookup<'a, &'a Document>,
    /// Each page's anchors.
    pub(super) anchors: &'a Lookup<'a, &'a BTreeSet<String>>,
    /// For a draft shown beside the approved version in force: that version's anchors, which
    /// a published page's links reach.
    pub(super) in_force: &'a Lookup<'a, &'a BTreeSet<String>>,
    /// Drafts revising an approved version the build cannot see (reported once, on the draft).
    pub(super) unknown: &'a BTreeSet<String>,
}

pub(super) fn check_links(
    doc: &Document,
    r: &Rendered,
    targets: &Targets<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let published = !doc.meta.status.is_unpublished();
    for link in &r.links {
        let in_force = targets
            .in_force
            .get(link.target.as_str())
            .filter(|_| published);
        let target = targets.all.get(link.target.as_str());
        if let Some(t) = target {
            // A published link to a document being revised reaches its approved version.
            let reported = targets.unknown.contains(&t.id);
            if t.meta.status.is_unpublished() && published && in_force.is_none() && !reported {
                diags.push(
                    Diagnostic::error(
                        "link-to-draft",
                        &doc.path,
                        format!(
                            "links to `{}`, which is {} and is left out of published builds",
                            t.id,
                            t.meta.status.id()
                        ),
                    )
                    .at_offset(&doc.text, link.offset, link.len)
                    .help("remove the link until the linked document is approved"),
                );
                continue;
            }
        }
        let known = in_force.or_else(|| targets.anchors.get(link.target.as_str()));
        let (Some(anchor), Some(known)) = (&link.anchor, known) else {
            continue;
        };
        if !known.contains(anchor) {
            diags.push(broken_anchor(doc, link, anchor, known));
        }
    }
}

/// A link in `doc` to a heading `#anchor` that the linked document, whose anchors are
/// `known`, does not have; the help names the nearest headings.
pub(crate) fn broken_anchor(
    doc: &Document,
    link: &crate::render::DocumentLink,
    anchor: &str,
    known: &BTreeSet<String>,
) -> Diagnostic {
    Diagnostic::error(
        "broken-anchor",
        &doc.path,
        format!(
            "`{}` has no heading with the anchor `#{anchor}`",
            link.target
        ),
    )
    .at_offset(&doc.text, link.offset, link.len)
    .help(nearest_headings(anchor, &link.target, known))
}
