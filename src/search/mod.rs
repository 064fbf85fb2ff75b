//! Search: a static, sharded index built from the library, and the files the browser client
//! (`themes/default/static/search.js`) reads. Nothing runs on a server: every file is a plain
//! fetch below `search/`, so search works on any static host, under a subfolder, and offline
//! from the browser's cache.
//!
//! Files, all deterministic:
//! - `search/manifest.json`: shard ranges, the stop words, the glossary's phrase groups and a
//!   build hash (small; fetched first).
//! - `search/filters.json`: network, kind, audience and conditions as compact per-document
//!   arrays, so filters and their counts need no further fetches.
//! - `search/s/<hash>.bin`: vocabulary and postings shards ([`shard`]); named by content, so a
//!   cache never serves a stale one.
//! - `search/d/<n>.json`: one record per document — title, address, labels and its text per
//!   heading — fetched only for the results shown, to pick the section and the excerpt.
//!
//! Why our own: the measurements in the design notes (Pagefind fetches 229–342 KB for a cold
//! query at 10,000 documents and has no synonyms or typo tolerance; a sharded index like this
//! one fetches well under 100 KB).

pub mod expand;
pub mod index;
mod record;
pub mod shard;
pub mod text;

use crate::content::{Kind, Scope, Status};
use crate::library::{Library, Page};
use crate::output::{fingerprint, OutputFile, Put, WriteError};
use crate::routes;
use rayon::prelude::*;
use record::{Record, SectionText};
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of the file formats; the client refuses a manifest it does not know.
pub const FORMAT: u32 = 1;

/// Whether a page belongs in search: published (the library already holds drafts only in
/// `--drafts` builds) and current. Withdrawn documents keep their page but leave search; past
/// versions, once the library has them, must be excluded here too.
pub fn searchable(page: &Page) -> bool {
    page.doc.meta.status != Status::Withdrawn
}

/// A page's sections as (anchor, heading, text) slices of its plain text, untidied: the part
/// before the first heading and one part per heading. The index reads words from them without
/// copying the text, and a record tidies the text as it writes it.
fn raw_sections(page: &Page) -> impl Iterator<Item = (&str, &str, &str)> {
    let r = &page.rendered;
    // A section's text runs to where the next heading's title begins.
    let heading_start = |i: usize| {
        r.sections
            .get(i)
            .map_or(r.text.len(), |s| s.start - s.title.len() - 1)
    };
    let intro = &r.text[..heading_start(0)];
    let intro = (!intro.trim().is_empty()).then_some(("", "", intro));
    let headed = r.sections.iter().enumerate().map(move |(i, s)| {
        let end = heading_start(i + 1).max(s.start);
        (s.id.as_str(), s.title.as_str(), &r.text[s.start..end])
    });
    intro.into_iter().chain(headed)
}

/// FNV-1a, 64 bits: a stable content hash for file names (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A filter: its values (id, label) and each document's value numbers, in base 36, comma
/// separated, documents separated by spaces ("0 3 1,2" for three documents).
#[derive(Serialize)]
struct Facet<'a> {
    values: Vec<(&'a str, &'a str)>,
    docs: String,
}

#[derive(Serialize)]
struct Filters<'a> {
    network: Facet<'a>,
    kind: Facet<'a>,
    audience: Facet<'a>,
    condition: Facet<'a>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    format: u32,
    docs: u32,
    /// Hash of every search file: appended to record fetches so caches refresh after a build.
    build: String,
    stop: &'a [&'a str],
    /// Per shard: its first word and file name.
    shards: Vec<(&'a str, String)>,
    glossary: Vec<GroupView>,
}

/// A glossary group for the client: condition number (or -1) and phrases of
/// (word, stem, shard holding the stem or -1 when no document uses it).
#[derive(Serialize)]
struct GroupView {
    c: i64,
    p: Vec<Vec<(String, String, i64)>>,
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii digits")
}

fn facet<'a, 'c>(
    values: Vec<(&'a str, &'a str)>,
    pages: &[&Page],
    of: impl Fn(&Page) -> Vec<&str>,
    contacts: &'c [Contact<'c>],
    of_contact: impl Fn(&'c Contact<'c>) -> Vec<&'c str>,
) -> Facet<'a> {
    let number: BTreeMap<&str, usize> = values
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let docs: Vec<String> = pages
        .iter()
        .map(|p| {
            of(p)
                .iter()
                .filter_map(|v| number.get(v).map(|&n| base36(n)))
                .collect::<Vec<_>>()
                .join(",")
        })
        .chain(contacts.iter().map(|c| {
            of_contact(c)
                .iter()
                .filter_map(|v| number.get(v).map(|&n| base36(n)))
                .collect::<Vec<_>>()
                .join(",")
        }))
        .collect();
    Facet {
        values,
        docs: docs.join(" "),
    }
}

fn filters<'a>(lib: &'a Library, pages: &[&Page], contacts: &[Contact<'_>]) -> Filters<'a> {
    let mut networks: Vec<(&str, &str)> = vec![("national", "National")];
    let mut named: Vec<(&str, &str)> = lib
        .networks
        .iter()
        .map(|n| (n.id.as_str(), n.profile.name.as_str()))
        .collect();
    named.sort_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
    networks.extend(named);
    let audiences = vec![
        ("clinicians", "Clinicians"),
        ("patients", "Patients"),
        ("both", "Clinicians and patients"),
    ];
    Filters {
        network: facet(
            networks,
            pages,
            |p| vec![p.doc.scope.id()],
            contacts,
            |c| vec![c.network],
        ),
        kind: facet(
            Kind::ALL
                .iter()
                .map(|k| (k.id(), k.plural()))
                .chain([(CONTACT_KIND, CONTACT_LABEL)])
                .collect(),
            pages,
            |p| vec![p.doc.meta.kind.id()],
            contacts,
            |_| vec![CONTACT_KIND],
        ),
        audience: facet(
            audiences,
            pages,
            |p| vec![p.doc.meta.audience.id()],
            contacts,
            |_| vec!["clinicians"],
        ),
        condition: facet(
            lib.glossary
                .conditions
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
            pages,
            |p| p.doc.meta.conditions.iter().map(String::as_str).collect(),
            contacts,
            |_| Vec::new(),
        ),
    }
}

/// The kind filter's value for service directory entries.
const CONTACT_KIND: &str = "service";
const CONTACT_LABEL: &str = "Service contacts";

/// A service of a network's directory, as search holds it: found by its hospital, town,
/// service and network, and leading to its entry on the network's services page.
pub struct Contact<'a> {
    network: &'a str,
    network_name: &'a str,
    title: String,
    path: String,
    anchor: String,
    summary: String,
    text: String,
}

/// Every service of every network's directory (of the one network, in a per-network build).
fn contacts(lib: &Library) -> Vec<Contact<'_>> {
    let mut out = Vec::new();
    for n in &lib.networks {
        if lib
            .selection
            .network
            .as_deref()
            .is_some_and(|only| only != n.id)
        {
            continue;
        }
        let Some(d) = &n.services else { continue };
        for h in &d.hospitals {
            for s in &h.services {
                let hours = s.hours.text();
                let mut summary = format!("{}, {}", s.kind.label(), h.name);
                if let Some(t) = &h.town {
                    summary.push_str(&format!(", {t}"));
                }
                summary.push_str(&format!(". Hours: {hours}."));
                if let Some(p) = &s.phone {
                    summary.push_str(&format!(" Phone: {}.", p.text));
                }
                let text = [
                    Some(summary.as_str()),
                    s.route.as_deref(),
                    s.email.as_deref(),
                    s.notes.as_deref(),
                    Some(n.profile.name.as_str()),
                    Some("contact service directory"),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
                out.push(Contact {
                    network: &n.id,
                    network_name: &n.profile.name,
                    title: format!("{}: {}", s.kind.label(), h.name),
                    path: routes::network_services(&n.id),
                    anchor: format!("{}-{}", h.id, s.kind.id()),
                    summary,
                    text,
                });
            }
        }
    }
    out
}

fn scope_name<'a>(lib: &'a Library, scope: &'a Scope) -> &'a str {
    match scope {
        Scope::National => "National",
        Scope::Network(id) => lib.network(id).map_or(id.as_str(), |n| &n.profile.name),
    }
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("search files serialise")
}

/// Every file of the search index for the library's searchable pages.
pub fn files(lib: &Library) -> Vec<OutputFile> {
    files_unless(lib, &|| false).expect("never stopped")
}

/// [`files`], or `None` as soon as `stop` returns true.
pub fn files_unless(lib: &Library, stop: Stop<'_>) -> Option<Vec<OutputFile>> {
    let out = std::sync::Mutex::new(Vec::new());
    let put = |path: &str, bytes| {
        out.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(OutputFile::new(path, bytes));
        Ok(())
    };
    let finished = write_unless(lib, &put, stop).expect("collecting in memory cannot fail");
    if !finished {
        return None;
    }
    let mut files = out.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Some(files)
}

/// Says when to give up making the index (the preview has a newer build to show).
pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// Makes every file of the search index and hands each to `put` as soon as it is made, so the
/// per-document records are never all held at once.
pub fn write(lib: &Library, put: Put<'_>) -> Result<(), WriteError> {
    write_unless(lib, put, &|| false).map(|_| ())
}

/// [`write`], giving up (with `Ok(false)`) as soon as `stop` returns true.
fn write_unless(lib: &Library, put: Put<'_>, stop: Stop<'_>) -> Result<bool, WriteError> {
    let english = Set {
        prefix: routes::SEARCH_INDEX.to_owned(),
        pages: lib.pages.iter().filter(|p| searchable(p)).collect(),
        contacts: contacts(lib),
        stemmer: Some(rust_stemmers::Algorithm::English),
        glossary: true,
    };
    if !write_set(lib, &english, put, stop)? {
        return Ok(false);
    }
    for set in language_sets(lib) {
        if !write_set(lib, &set, put, stop)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One search index: the English documents under `search/`, or one language's translations
/// under `search/<language>/`, in the same formats. Each language is indexed apart, with its
/// own stemmer, so a search in English never ranks a translation, and the reverse.
struct Set<'a> {
    prefix: String,
    pages: Vec<&'a Page>,
    contacts: Vec<Contact<'a>>,
    stemmer: Option<rust_stemmers::Algorithm>,
    /// The glossary's abbreviations and synonyms are English: only the English index has them.
    glossary: bool,
}

/// One index per language with a published translation, by language code.
fn language_sets(lib: &Library) -> Vec<Set<'_>> {
    let mut by_code: BTreeMap<&str, Set<'_>> = BTreeMap::new();
    for v in &lib.variants {
        let crate::translations::Form::Language(l) = v.form else {
            continue;
        };
        by_code
            .entry(l.code)
            .or_insert_with(|| Set {
                prefix: routes::search_language(l.code),
                pages: Vec::new(),
                contacts: Vec::new(),
                stemmer: l.stemmer,
                glossary: false,
            })
            .pages
            .push(&v.page);
    }
    by_code.into_values().collect()
}

/// Writes one index's files.
fn write_set(
    lib: &Library,
    set: &Set<'_>,
    put: Put<'_>,
    stop: Stop<'_>,
) -> Result<bool, WriteError> {
    let (pages, contacts, prefix) = (&set.pages, &set.contacts, set.prefix.as_str());
    let mut fields: Vec<index::Fields<'_>> = pages
        .par_iter()
        .map(|p| {
            let secs: Vec<_> = raw_sections(p).collect();
            index::Fields {
                title: &p.doc.meta.title,
                headings: secs.iter().map(|s| s.1).filter(|h| !h.is_empty()).collect(),
                body: std::iter::once(p.doc.meta.summary.as_str())
                    .chain(secs.iter().map(|s| s.2))
                    .collect(),
            }
        })
        .collect();
    fields.extend(contacts.iter().map(|c| index::Fields {
        title: &c.title,
        headings: Vec::new(),
        body: vec![&c.text],
    }));
    let Some(idx) = index::build_in(&fields, set.stemmer, stop) else {
        return Ok(false);
    };
    drop(fields);
    if stop() {
        return Ok(false);
    }
    let shards = shard::shards(&idx, shard::TARGET_BYTES);
    if stop() {
        return Ok(false);
    }

    let record_hashes: Option<Vec<u64>> = pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            if stop() {
                return Ok(None);
            }
            let m = &p.doc.meta;
            let record = Record {
                t: &m.title,
                u: &p.path,
                n: scope_name(lib, &p.doc.scope),
                k: m.kind.label(),
                v: m.version.to_string(),
                s: m.status.id(),
                m: &m.summary,
            }
            .json(raw_sections(p), SectionText::Tidied);
            let hash = fingerprint(&record);
            put(&routes::search_record(prefix, i), record.into())?;
            Ok(Some(hash))
        })
        .collect::<Result<_, WriteError>>()?;
    let Some(mut record_hashes) = record_hashes else {
        return Ok(false);
    };
    for (j, c) in contacts.iter().enumerate() {
        let record = Record {
            t: &c.title,
            u: &c.path,
            n: c.network_name,
            k: CONTACT_LABEL,
            v: String::new(),
            s: "",
            m: &c.summary,
        }
        .json(
            [(c.anchor.as_str(), "", c.text.as_str())].into_iter(),
            SectionText::AsWritten,
        );
        record_hashes.push(fingerprint(&record));
        put(
            &routes::search_record(prefix, pages.len() + j),
            record.into(),
        )?;
    }
    let filters = json(&filters(lib, pages, contacts));
    let mut build_hash = fnv1a(&filters);
    let mut shard_files = Vec::with_capacity(shards.len());
    for s in &shards {
        let name = format!("{:016x}.bin", fingerprint(&s.bytes));
        build_hash = fnv1a(format!("{build_hash}{name}").as_bytes());
        shard_files.push((s.first.as_str(), name.clone()));
        put(&routes::search_shard(prefix, &name), s.bytes.clone().into())?;
    }
    for hash in record_hashes {
        build_hash = fnv1a(format!("{build_hash}{hash:016x}").as_bytes());
    }

    // Which shard holds each stem, for the glossary's phrases.
    let mut stem_shard: BTreeMap<&str, i64> = BTreeMap::new();
    for (i, s) in shards.iter().enumerate() {
        let next = shards.get(i + 1).map(|n| n.first.as_str());
        for (w, stem) in idx.words.range(s.first.clone()..) {
            if next.is_some_and(|n| w.as_str() >= n) {
                break;
            }
            stem_shard.entry(stem.as_str()).or_insert(i as i64);
        }
    }
    let condition_number: BTreeMap<&str, i64> = lib
        .glossary
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i as i64))
        .collect();
    let groups = if set.glossary {
        expand::groups(&lib.glossary)
    } else {
        Vec::new()
    };
    let glossary = groups
        .into_iter()
        .map(|g| GroupView {
            c: g.condition
                .as_deref()
                .and_then(|c| condition_number.get(c).copied())
                .unwrap_or(-1),
            p: g.phrases
                .into_iter()
                .map(|p| {
                    p.into_iter()
                        .map(|(w, s)| {
                            let shard = stem_shard.get(s.as_str()).copied().unwrap_or(-1);
                            (w, s, shard)
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    put(&routes::search_filters(prefix), filters.into())?;
    put(
        &routes::search_manifest(prefix),
        json(&Manifest {
            format: FORMAT,
            docs: idx.docs,
            build: format!("{build_hash:016x}"),
            stop: text::STOP_WORDS,
            shards: shard_files,
            glossary,
        })
        .into(),
    )?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base36_numbers() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
    }

    #[test]
    fn fnv1a_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
