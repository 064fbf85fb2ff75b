//! A document's approved versions, reconstructed from the git history of the content folder
//! (contract, section 2). Network teams only ever edit the current file; every commit at which
//! the front matter's `version` changed while the status was `approved` is a version, and the
//! document as it was at that commit is that version's text. Drafts and consultations between
//! approved versions are never versions.
//!
//! Also decides which version was in force on a date (for `build --as-of`): the latest one
//! whose `approved` date had come, in the order the versions were committed.

use crate::content::{self, Document, Status, Version};
use crate::diag::Diagnostic;
use crate::history::History;
use crate::place::top_key_line;
use crate::source::SourceFile;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// What the history pass keeps of each committed state of a document: its version and status,
/// and its text only when it is approved (the only states that can become versions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub version: Version,
    pub status: Status,
    pub text: Option<String>,
}

/// The `summarize` function for [`crate::history::read`].
pub fn snapshot(text: &str) -> Option<Snapshot> {
    let (version, status) = content::peek(text)?;
    Some(Snapshot {
        version,
        status,
        text: (status == Status::Approved).then(|| text.to_owned()),
    })
}

/// One approved version of a document, as committed.
#[derive(Debug, Clone)]
pub struct Approved {
    /// Parsed as it was then, but carrying the document's current id, scope and slug so it is
    /// published beside the current version even if the file has since been renamed.
    pub doc: Document,
    /// The commit at which this version was first approved.
    pub commit: String,
    /// That commit's date (UTC).
    pub committed: Date,
}

impl Approved {
    /// The date the version came into force: its `approved` date, or the commit's date.
    pub fn in_force_from(&self) -> Date {
        self.doc.meta.approved.unwrap_or(self.committed)
    }
}

/// Every document's approved versions, oldest first, by document id.
#[derive(Debug, Default)]
pub struct Collected {
    pub versions: BTreeMap<String, Vec<Approved>>,
    /// Documents whose latest approved version was withdrawn in a later commit: none of their
    /// versions is in force any more.
    pub withdrawn: std::collections::BTreeSet<String>,
}

/// Every document's approved versions, and warnings for versions that go backwards or repeat.
pub fn collect<'d>(
    history: &History<Option<Snapshot>>,
    documents: impl IntoIterator<Item = &'d Document>,
    ctx: &content::Context<'_>,
) -> (Collected, Vec<Diagnostic>) {
    let mut all = Collected::default();
    let mut diags = Vec::new();
    for doc in documents {
        let Some(lineage) = history.file(&doc.path).filter(|l| l.exists) else {
            continue;
        };
        let mut versions: Vec<Approved> = Vec::new();
        let mut previous: Option<(Version, Status)> = None;
        let mut withdrawn = false;
        for rev in &lineage.revisions {
            let snap = history.blobs[rev.blob].as_ref().and_then(Option::as_ref);
            let state = snap.map(|s| (s.version, s.status));
            let still_same = state.is_some() && state == previous;
            previous = state;
            match snap.map(|s| s.status) {
                Some(Status::Withdrawn) => withdrawn = true,
                Some(Status::Approved) => withdrawn = false,
                _ => {}
            }
            let Some(Snapshot {
                version,
                status: Status::Approved,
                text: Some(text),
            }) = snap
            else {
                continue;
            };
            if still_same {
                // An edit to an approved version without a new number: not a new version.
                continue;
            }
            let commit = &history.commits[rev.commit];
            let short = &commit.id[..commit.id.len().min(7)];
            let committed = commit_date(commit.time);
            if let Some(earlier) = versions.iter().find(|a| a.doc.meta.version == *version) {
                if *earlier.doc.text != **text {
                    diags.push(warn(
                        doc,
                        "version-repeated",
                        format!(
                            "version {version} was approved again in commit {short} ({committed}) with different text; it was first approved in commit {}",
                            &earlier.commit[..earlier.commit.len().min(7)]
                        ),
                    ));
                }
                continue;
            }
            if let Some(highest) = versions.iter().map(|a| a.doc.meta.version).max() {
                if *version < highest {
                    diags.push(warn(
                        doc,
                        "version-backwards",
                        format!("version {version}, approved in commit {short} ({committed}), comes after version {highest}; it is not published as a version"),
                    ));
                    continue;
                }
            }
            let file = SourceFile {
                path: rev.path.clone(),
                text: text.as_str().into(),
            };
            // Problems in an old version were either fixed since or acceptable then; the
            // current file is what gets checked.
            let Some(mut past) = content::parse(&file, ctx, &mut Vec::new()) else {
                continue;
            };
            past.id = doc.id.clone();
            past.scope = doc.scope.clone();
            past.slug = doc.slug.clone();
            versions.push(Approved {
                doc: past,
                commit: commit.id.clone(),
                committed,
            });
        }
        let current = &doc.meta;
        if current.status == Status::Approved {
            let highest = versions.iter().map(|a| a.doc.meta.version).max();
            if highest.is_some_and(|h| current.version < h) {
                diags.push(warn(
                    doc,
                    "version-backwards",
                    format!(
                        "version {} is lower than version {}, approved earlier",
                        current.version,
                        highest.unwrap_or(current.version)
                    ),
                ));
            }
        }
        if withdrawn && !versions.is_empty() {
            all.withdrawn.insert(doc.id.clone());
        }
        if !versions.is_empty() {
            all.versions.insert(doc.id.clone(), versions);
        }
    }
    (all, diags)
}

fn warn(doc: &Document, code: &'static str, message: String) -> Diagnostic {
    let line = top_key_line(&doc.text, "version");
    Diagnostic::warning(code, &doc.path, message)
        .at(&doc.text, line, 10, 5)
        .help("give each approved version a higher number than the last (1.0, 1.1, 2.0, ...); history cannot be changed, so this warning stays until the document's next version")
}

fn commit_date(time: i64) -> Date {
    jiff::Timestamp::from_second(time)
        .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_default()
}

/// How one document publishes: the version shown as its page, and the earlier versions.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The page's document: `None` for the current file; otherwise a version from history
    /// (the approved version in force while the current file is a draft, or for `--as-of`
    /// the version in force then).
    pub head: Option<Document>,
    /// Earlier approved versions, oldest first.
    pub past: Vec<Approved>,
    /// The page is a draft or consultation (in a build with drafts) of a document whose
    /// approved version is in force meanwhile: the last of `past`.
    pub in_force: bool,
}

/// The chain for a normal build. The current file heads it, unless it is a draft or
/// consultation of a document with an approved version: then the latest approved version
/// stays in force and heads the page, and the draft is left out (`drafts` false) or shown
/// with that version among its past versions (`drafts` true). Every other approved version
/// with another number is a past version.
///
/// `withdrawn`: the latest approved version was withdrawn since; nothing is in force, so a
/// draft is left out (or shown alone) as a new document's would be.
pub fn current(doc: &Document, versions: &[Approved], drafts: bool, withdrawn: bool) -> Chain {
    let revising = doc.meta.status.is_unpublished() && !withdrawn;
    if let (true, false, Some((last, earlier))) = (revising, drafts, versions.split_last()) {
        return Chain {
            head: Some(last.doc.clone()),
            past: earlier.to_vec(),
            in_force: false,
        };
    }
    Chain {
        head: None,
        past: versions
            .iter()
            .filter(|a| a.doc.meta.version != doc.meta.version)
            .cloned()
            .collect(),
        in_force: revising
            && versions
                .last()
                .is_some_and(|a| a.doc.meta.version != doc.meta.version),
    }
}

/// The chain as it stood on `date`: the latest approved (or withdrawn) version in force then,
/// and the versions before it. `None` when no version was in force yet.
pub fn as_of(doc: &Document, versions: &[Approved], date: Date) -> Option<Chain> {
    // (version's document, or None for the current file; in force from)
    let mut records: Vec<(Option<&Document>, Date)> = versions
        .iter()
        .map(|a| (Some(&a.doc), a.in_force_from()))
        .collect();
    if matches!(doc.meta.status, Status::Approved | Status::Withdrawn) {
        if let Some(from) = doc.meta.approved {
            match records.last_mut() {
                // The file as it is now is the last committed version, perhaps lightly edited.
                Some(last)
                    if last.0.is_some_and(|d| d.meta.version == doc.meta.version)
                        && doc.meta.status == Status::Approved =>
                {
                    last.0 = None;
                }
                _ => records.push((None, from)),
            }
        }
    }
    let head = records.iter().rposition(|(_, from)| *from <= date)?;
    let head_doc = records[head].0;
    let head_version = head_doc.unwrap_or(doc).meta.version;
    let past = versions
        .iter()
        .filter(|a| a.in_force_from() <= date && a.doc.meta.version < head_version)
        .cloned()
        .collect();
    Some(Chain {
        head: head_doc.cloned(),
        past,
        in_force: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(version: &str, status: &str, approved: &str) -> Document {
        let text = format!(
            "---\ntitle: T\nkind: pathway\nsummary: S\nversion: \"{version}\"\nstatus: {status}\napproved: {approved}\napproved_by: Board\nreview: 2030-01-01\nowner: Lead\nchanges: C\n---\nBody {version}\n"
        );
        let file = SourceFile {
            path: "national/t.md".into(),
            text: text.into(),
        };
        content::parse(&file, &content::Context { glossary: None }, &mut Vec::new()).unwrap()
    }

    fn approved(version: &str, date: &str) -> Approved {
        Approved {
            doc: doc(version, "approved", date),
            commit: "c".repeat(40),
            committed: date.parse().unwrap(),
        }
    }

    #[test]
    fn as_of_picks_the_version_in_force() {
        let versions = [approved("1.0", "2024-01-01"), approved("1.1", "2025-01-01")];
        let current = doc("2.0", "approved", "2026-01-01");
        let on = |d: &str| as_of(&current, &versions, d.parse().unwrap());
        assert!(on("2023-12-31").is_none());
        let version = |c: &Chain| c.head.as_ref().unwrap_or(&current).meta.version.to_string();
        let mid = on("2024-06-01").unwrap();
        assert_eq!(version(&mid), "1.0");
        assert!(mid.past.is_empty());
        let later = on("2025-06-01").unwrap();
        assert_eq!(version(&later), "1.1");
        assert_eq!(later.past.len(), 1);
        let now = on("2026-11-23").unwrap();
        assert!(now.head.is_none(), "the current file");
        assert_eq!(version(&now), "2.0");
        assert_eq!(now.past.len(), 2);
    }

    #[test]
    fn a_draft_current_file_leaves_the_last_approved_version_in_force() {
        let versions = [approved("1.0", "2024-01-01")];
        let current = doc("1.1", "draft", "2026-01-01");
        let chain = as_of(&current, &versions, "2026-11-23".parse().unwrap()).unwrap();
        assert_eq!(chain.head.unwrap().meta.version.to_string(), "1.0");
    }

    #[test]
    fn current_chain_leaves_out_the_current_number() {
        let versions = [approved("1.0", "2024-01-01"), approved("1.1", "2025-01-01")];
        let chain = current(
            &doc("1.1", "approved", "2025-01-01"),
            &versions,
            false,
            false,
        );
        assert_eq!(chain.past.len(), 1);
    }

    #[test]
    fn a_draft_of_the_next_version_leaves_the_approved_one_heading_the_page() {
        let versions = [approved("1.0", "2024-01-01"), approved("1.1", "2025-01-01")];
        let draft = doc("1.2", "draft", "2026-01-01");
        let published = current(&draft, &versions, false, false);
        let head = published.head.expect("the approved version heads the page");
        assert_eq!(head.meta.version.to_string(), "1.1");
        assert_eq!(published.past.len(), 1, "1.0 is its past version");
        assert!(!published.in_force);

        let preview = current(&draft, &versions, true, false);
        assert!(preview.head.is_none(), "the draft heads the preview");
        assert_eq!(preview.past.len(), 2);
        assert!(preview.in_force, "1.1 is in force meanwhile");

        let new = current(&doc("0.1", "draft", "2026-01-01"), &[], false, false);
        assert!(new.head.is_none() && !new.in_force);

        let after_withdrawal = current(&draft, &versions, false, true);
        assert!(
            after_withdrawal.head.is_none(),
            "a withdrawn version is not in force"
        );
        assert!(!current(&draft, &versions, true, true).in_force);
    }
}
