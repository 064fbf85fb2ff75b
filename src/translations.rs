//! Translations and Easy Read versions of leaflets: files beside the English leaflet named
//! `<slug>.<language>.md` (`lumbar-fusion.pl.md`) or `<slug>.easy-read.md`, each with its own
//! front matter. This module picks them out of the document files, checks them against the
//! English leaflet (which must exist, be a leaflet, and have had the version translated),
//! renders them, and decides which are published and which are stale: a translation of an
//! English version older than the one in force says so on its page, and `check` warns
//! (`translation-stale`).
//!
//! A translation is never a [`Page`] of [`Library::pages`](crate::library::Library): lists,
//! the sitemap's document entries, the English search index and the assurance lints never see
//! one. Each [`Variant`] carries a page of its own (a document made from the translation's
//! file, with the English leaflet's id, kind and conditions) for its page and its language's
//! search index.

use crate::content::{self, Document, Kind, Status, Version};
use crate::diag::{suggest, Diagnostic};
use crate::languages::{self, Language};
use crate::library::{Page, Selection};
use crate::render::{self, LinkMap};
use crate::source::SourceFile;
use crate::yaml;
use jiff::civil::Date;
use serde::Deserialize;
use std::sync::Arc;

/// The file name suffix of an Easy Read version.
pub const EASY_READ: &str = "easy-read";

/// Where an English leaflet's large-print page is published, below its own page.
pub const LARGE_PRINT: &str = "large-print";

/// What a version beside an English leaflet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A translation into a language of [`languages::LANGUAGES`].
    Language(&'static Language),
    /// The English leaflet in Easy Read: short sentences, one idea a line, pictures.
    EasyRead,
}

impl Form {
    /// The file name suffix and the last part of the page's address: `pl`, `easy-read`.
    pub fn slug(self) -> &'static str {
        match self {
            Form::Language(l) => l.code,
            Form::EasyRead => EASY_READ,
        }
    }

    /// The page's `lang` (Easy Read is English).
    pub fn lang(self) -> &'static str {
        match self {
            Form::Language(l) => l.code,
            Form::EasyRead => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Form::Language(l) => l.direction.html(),
            Form::EasyRead => "ltr",
        }
    }

    /// Its name in English: "Polish", "Easy Read".
    pub fn english_name(self) -> &'static str {
        match self {
            Form::Language(l) => l.english,
            Form::EasyRead => "Easy Read",
        }
    }

    /// Its name as its readers know it: "Polski", "اردو", "Easy Read".
    pub fn own_name(self) -> &'static str {
        match self {
            Form::Language(l) => l.own,
            Form::EasyRead => "Easy Read",
        }
    }
}

/// What a document file's name says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileName {
    /// An ordinary document (its own checks judge its name).
    Document,
    /// A version of the English document at `original` (a source path).
    Variant { original: String, form: Form },
    /// `<slug>.<code>.md` with a code that is not in the language table.
    UnknownLanguage { original: String, code: String },
}

/// Reads a document file's name: `lumbar-fusion.pl.md` is the Polish version of
/// `lumbar-fusion.md`. A suffix shaped like a language tag (two or three letters, perhaps with
/// subtags: `pt-BR`) or a language's English name (`polish`) that is not in the table is an
/// unknown language; any other dotted name is
/// left to the document checks (`invalid-slug`).
pub fn classify(path: &str) -> FileName {
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    let Some(stem) = file.strip_suffix(".md") else {
        return FileName::Document;
    };
    let Some((base, suffix)) = stem.rsplit_once('.') else {
        return FileName::Document;
    };
    let original = if folder.is_empty() {
        format!("{base}.md")
    } else {
        format!("{folder}/{base}.md")
    };
    if suffix == EASY_READ {
        return FileName::Variant {
            original,
            form: Form::EasyRead,
        };
    }
    if let Some(l) = languages::find(suffix) {
        return FileName::Variant {
            original,
            form: Form::Language(l),
        };
    }
    let named = languages::LANGUAGES
        .iter()
        .any(|l| l.english.eq_ignore_ascii_case(suffix));
    if looks_like_language_tag(suffix) || named {
        return FileName::UnknownLanguage {
            original,
            code: suffix.to_owned(),
        };
    }
    FileName::Document
}

/// Whether a file belongs to this module rather than to the document checks.
pub fn is_variant(path: &str) -> bool {
    classify(path) != FileName::Document
}

fn looks_like_language_tag(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checked front matter of a translation or Easy Read version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantMeta {
    /// In the version's own language.
    pub title: String,
    pub summary: String,
    /// The English version this one was made from.
    pub translation_of_version: Version,
    pub status: Status,
    /// When it was approved for use; required unless a draft.
    pub approved: Option<Date>,
    /// Who translated it (or wrote the Easy Read version): a person or a service.
    pub translator: String,
    /// Who checked it against the English leaflet; required unless a draft.
    pub reviewer: Option<String>,
    /// Translated with a machine's help, then checked: its page says so.
    pub machine_assisted: bool,
}

/// Front matter as typed: every field optional so all missing ones are reported at once.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: Option<String>,
    summary: Option<String>,
    #[serde(default, deserialize_with = "content::quoted_version")]
    translation_of_version: Option<String>,
    status: Option<String>,
    approved: Option<String>,
    translator: Option<String>,
    reviewer: Option<String>,
    machine_assisted: Option<bool>,
}

/// The statuses a translation can have: it follows its English leaflet, so it is never
/// withdrawn on its own (remove the file instead).
const STATUSES: [Status; 3] = [Status::Draft, Status::Consultation, Status::Approved];

/// The English version in force is newer than the one translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The English version in force.
    pub current: Version,
    /// The comparison page of the version translated with the one in force, below the site
    /// root, when the two are consecutive versions (the only comparisons published).
    pub compare: Option<String>,
    /// The page of the English version translated, when it is published (git history).
    pub translated: Option<String>,
}

/// A published translation or Easy Read version.
#[derive(Debug, Clone)]
pub struct Variant {
    pub form: Form,
    /// The English leaflet's id.
    pub of: String,
    pub meta: VariantMeta,
    /// The page: a document with the leaflet's id and kind, the translation's text, title and
    /// summary, and `path` `<network>/<slug>/<form>/`.
    pub page: Page,
    pub stale: Option<Stale>,
}

/// Where a version is published: `<id>/<form>/`.
pub fn variant_path(id: &str, form: Form) -> String {
    format!("{id}/{}/", form.slug())
}

/// Where a leaflet's large-print page is published: `<id>/large-print/`.
pub fn large_print_path(id: &str) -> String {
    format!("{id}/{LARGE_PRINT}/")
}

/// Everything [`build`] needs.
pub struct Inputs<'a> {
    /// Every document file; the versions are picked out of them.
    pub files: &'a [SourceFile],
    /// The library's pages, sorted by id.
    pub pages: &'a [Page],
    /// Today's link map (every document path, published or not).
    pub map: &'a LinkMap,
    pub selection: &'a Selection,
    pub today: Date,
    /// Every document's approved versions are known (git history was read in full): a
    /// translation of a version not among them is an error. Without it only versions above
    /// the current one can be refused.
    pub history: bool,
    /// An `--as-of` build publishes no translations (they are not versioned in time).
    pub as_of: bool,
    /// The Flesch–Kincaid grade Easy Read versions should not exceed.
    pub easy_read_target: Option<f64>,
}

/// Checks every translation and Easy Read file, and returns those the build publishes, sorted
/// by page path.
pub fn build(inp: &Inputs<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Variant> {
    let mut out = Vec::new();
    if inp.as_of {
        return out;
    }
    for file in inp.files {
        if let Some(v) = one(inp, file, diags) {
            out.push(v);
        }
    }
    out.sort_by(|a, b| a.page.path.cmp(&b.page.path));
    out
}

fn one(inp: &Inputs<'_>, file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Variant> {
    let path = file.path.as_str();
    let text = &*file.text;
    let (original, form) = match classify(path) {
        FileName::Document => return None,
        FileName::UnknownLanguage { original, code } => {
            diags.push(unknown_language(path, text, &original, &code));
            return None;
        }
        FileName::Variant { original, form } => (original, form),
    };
    let Some((english_id, _)) = inp.map.documents.get(&original) else {
        let file_name = original.rsplit('/').next().unwrap_or(&original);
        diags.push(
            Diagnostic::error(
                "translation-without-original",
                path,
                format!("there is no English leaflet `{file_name}` beside this {} version", form.english_name()),
            )
            .at(text, 1, 1, 3)
            .help(format!("a translation or Easy Read version is named after the English leaflet it comes from, in the same folder: add `{file_name}`, or rename this file to `<leaflet>.{}.md`", form.slug())),
        );
        return None;
    };
    let Some(split) = content::split_front_matter(text) else {
        diags.push(
            Diagnostic::error(
                "missing-front-matter",
                path,
                format!("this {} version does not start with front matter", form.english_name()),
            )
            .at(text, 1, 1, text.lines().next().map_or(1, |l| l.chars().count()))
            .help("put its details between `---` lines at the very top: title, summary, translation_of_version, status, approved, translator, reviewer"),
        );
        return None;
    };
    let meta = parse_meta(path, text, &split, diags)?;
    if let Some(d) = approved_in_future(path, text, &meta, inp.today) {
        diags.push(d);
        return None;
    }
    // The English leaflet is not published in this build (a draft, another network's): its
    // versions are not either. Its own checks report any problem with it.
    let i = inp
        .pages
        .binary_search_by(|p| p.doc.id.as_str().cmp(english_id))
        .ok()?;
    let english = &inp.pages[i];
    if english.doc.meta.kind != Kind::Leaflet {
        diags.push(
            Diagnostic::error(
                "translation-not-leaflet",
                path,
                format!(
                    "`{}` is a {}, and only patient leaflets have translations and Easy Read versions",
                    english.doc.id,
                    english.doc.meta.kind.label().to_lowercase()
                ),
            )
            .at(text, 1, 1, 3)
            .help("remove this file, or make the English document a leaflet (`kind: leaflet`)"),
        );
        return None;
    }
    if english.doc.meta.status == Status::Withdrawn {
        // Nothing of a withdrawn leaflet is in force, in any language.
        return None;
    }
    let stale = check_version(inp, path, text, &meta, english, form, diags)?;
    if meta.status.is_unpublished() && !inp.selection.drafts {
        return None;
    }
    let id = format!("{}/{}", english.doc.id, form.slug());
    let mut doc_meta = english.doc.meta.clone();
    doc_meta.title = meta.title.clone();
    doc_meta.summary = meta.summary.clone();
    doc_meta.version = meta.translation_of_version;
    doc_meta.status = meta.status;
    doc_meta.approved = meta.approved;
    doc_meta.approved_by = meta.reviewer.clone();
    doc_meta.changes = None;
    let doc = Document {
        id,
        scope: english.doc.scope.clone(),
        slug: english.doc.slug.clone(),
        path: path.to_owned(),
        meta: doc_meta,
        text: file.text.clone(),
        body_start: split.body_start,
    };
    let mut rendered = render::render(&doc, inp.map);
    diags.append(&mut rendered.diags);
    check_anchors(inp, &doc, &rendered, diags);
    match form {
        Form::Language(_) => {
            // The reading-level formula is for English text.
            rendered.readability = None;
            for at in &rendered.images_without_alt {
                diags.push(
                    Diagnostic::warning(
                        "image-without-alt",
                        &doc.path,
                        "image has no alternative text",
                    )
                    .at_offset(&doc.text, at.offset, at.len)
                    .help("describe the image in this language for people who cannot see it: `![what it shows](file.png)`"),
                );
            }
        }
        Form::EasyRead => easy_read_checks(inp, &doc, &rendered, diags),
    }
    let page = Page {
        path: variant_path(&english.doc.id, form),
        doc: Arc::new(doc),
        rendered: Arc::new(rendered),
        adapted_by: Vec::new(),
        past: Vec::new(),
        from_history: false,
        in_force: false,
    };
    Some(Variant {
        form,
        of: english.doc.id.clone(),
        meta,
        page,
        stale,
    })
}

fn unknown_language(path: &str, text: &str, original: &str, code: &str) -> Diagnostic {
    let base = original.rsplit('/').next().unwrap_or(original);
    let base = base.strip_suffix(".md").unwrap_or(base);
    let help = match languages::suggestion(code) {
        Some(l) => format!(
            "did you mean `{}` ({}, {})? Name the file `{base}.{}.md`; the accepted codes are listed in the README (Translations)",
            l.code, l.english, l.own, l.code
        ),
        None => format!(
            "name the file `{base}.<code>.md` with one of: {}",
            languages::LANGUAGES
                .iter()
                .map(|l| format!("{} ({})", l.code, l.english))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(
        "unknown-language",
        path,
        format!("`{code}` in the file name is not a language pathways publishes translations in"),
    )
    .at(text, 1, 1, 3)
    .help(help)
}

/// The English versions a translation may translate: every approved version (from history)
/// and the page's own; in a build with drafts a draft translation may follow a draft.
/// Returns the staleness, or `None` (with an error) for a version that does not exist.
fn check_version(
    inp: &Inputs<'_>,
    path: &str,
    text: &str,
    meta: &VariantMeta,
    english: &Page,
    form: Form,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Stale>> {
    let page_version = english.doc.meta.version;
    let in_force = match english.version_in_force() {
        Some(v) => Some(v.doc.meta.version),
        None if english.doc.meta.status == Status::Approved => Some(page_version),
        None => None,
    };
    let mut known: Vec<Version> = english.past.iter().map(|v| v.doc.meta.version).collect();
    known.push(page_version);
    let wanted = meta.translation_of_version;
    let ok = if meta.status == Status::Approved {
        // An approved translation translates an approved English version.
        known.contains(&wanted) && in_force.is_some_and(|f| wanted <= f)
            || !inp.history && in_force.is_some_and(|f| wanted < f)
    } else {
        known.contains(&wanted) || !inp.history && wanted < page_version
    };
    let (line, col, len) = locate(text, "translation_of_version");
    if !ok {
        let listed: Vec<String> = known.iter().map(|v| format!("\"{v}\"")).collect();
        let why = if meta.status == Status::Approved && in_force.is_none() {
            "which has no approved version yet"
        } else if wanted > page_version || in_force.is_some_and(|f| wanted > f) {
            "which is newer than the English version in force"
        } else if inp.history {
            "which is not in its version history"
        } else {
            "which it does not have"
        };
        diags.push(
            Diagnostic::error(
                "translation-unknown-version",
                path,
                format!(
                    "this {} version translates version {wanted} of `{}`, {why}",
                    form.english_name(),
                    english.doc.id
                ),
            )
            .at(text, line, col, len)
            .help(format!(
                "write the English version that was translated: {}{}",
                listed.join(", "),
                if meta.status == Status::Approved {
                    "; a translation of a version not yet approved stays `status: draft`"
                } else {
                    ""
                }
            )),
        );
        return None;
    }
    let Some(current) = in_force.filter(|f| wanted < *f) else {
        return Some(None);
    };
    let position = known.iter().position(|v| *v == wanted);
    let compare = position
        .and_then(|i| known.get(i + 1))
        .filter(|next| **next == current)
        .map(|_| crate::routes::compare(&english.doc.id, wanted, current));
    let translated = english
        .past
        .iter()
        .find(|v| v.doc.meta.version == wanted)
        .map(|v| v.path.clone());
    diags.push(
        Diagnostic::warning(
            "translation-stale",
            path,
            format!(
                "this {} version translates version {wanted} of `{}`, but version {current} is in force",
                form.english_name(),
                english.doc.id
            ),
        )
        .at(text, line, col, len)
        .help(format!(
            "update the translation from version {current} and set `translation_of_version: \"{current}\"`; until then its page tells readers that a newer English version exists"
        )),
    );
    Some(Some(Stale {
        current,
        compare,
        translated,
    }))
}

/// Links to a heading of another published document must find it, as in documents (links to
/// a missing document are reported by the rendering).
fn check_anchors(
    inp: &Inputs<'_>,
    doc: &Document,
    r: &render::Rendered,
    diags: &mut Vec<Diagnostic>,
) {
    for link in &r.links {
        let Some(anchor) = &link.anchor else { continue };
        let Ok(i) = inp
            .pages
            .binary_search_by(|p| p.doc.id.as_str().cmp(&link.target))
        else {
            continue;
        };
        let known = &inp.pages[i].rendered.anchors;
        if known.contains(anchor) {
            continue;
        }
        let help = match suggest(anchor, known.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `#{s}`?"),
            None => format!("link to one of the headings of `{}`", link.target),
        };
        diags.push(
            Diagnostic::error(
                "broken-anchor",
                &doc.path,
                format!(
                    "`{}` has no heading with the anchor `#{anchor}`",
                    link.target
                ),
            )
            .at_offset(&doc.text, link.offset, link.len)
            .help(help),
        );
    }
}

fn easy_read_checks(
    inp: &Inputs<'_>,
    doc: &Document,
    r: &render::Rendered,
    diags: &mut Vec<Diagnostic>,
) {
    for img in &r.images_without_alt {
        diags.push(
            Diagnostic::error(
                "easy-read-picture-alt",
                &doc.path,
                "a picture in an Easy Read version has no alternative text",
            )
            .at_offset(&doc.text, img.offset, img.len)
            .help("say what the picture shows between the brackets: ![A nurse taking your blood pressure](../assets/nurse.svg)"),
        );
    }
    let Some(target) = inp.easy_read_target else {
        return;
    };
    let Some(level) = r.readability else { return };
    if level.grade > target {
        let (line, col, len) = locate(&doc.text, "title");
        diags.push(
            Diagnostic::warning(
                "reading-level",
                &doc.path,
                format!(
                    "Easy Read reading level is Flesch–Kincaid grade {:.1}, above the Easy Read target of {target} ({:.1} words a sentence on average, the longest {})",
                    level.grade, level.words_per_sentence, level.longest_sentence
                ),
            )
            .at(&doc.text, line, col, len)
            .help("write one short sentence a line, with everyday words; put each idea on its own line"),
        );
    }
}

/// Line, column and length of a top-level front-matter value; the first line if absent.
fn locate(text: &str, key: &str) -> (usize, usize, usize) {
    let Some(split) = content::split_front_matter(text) else {
        return (1, 1, 3);
    };
    match crate::place::value_span(split.yaml, key) {
        Some((line, col, len)) => (line + split.yaml_line_offset, col, len),
        None => (split.close_line, 1, 3),
    }
}

fn parse_meta(
    path: &str,
    text: &str,
    split: &content::Split<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<VariantMeta> {
    let (raw, errors) = yaml::parse::<RawMeta>(split.yaml);
    let before = diags.len();
    diags.extend(
        errors
            .into_iter()
            .map(|e| e.into_diagnostic(path, text, split.yaml_line_offset)),
    );
    let raw = raw?;
    let mut f = Fields { path, text, diags };
    let title = f.required("title", raw.title, "the leaflet's title in this language");
    let summary = f.required("summary", raw.summary, "one sentence in this language");
    let translator = f.required(
        "translator",
        raw.translator,
        "who translated it (a person or a service)",
    );
    let of = f.required(
        "translation_of_version",
        raw.translation_of_version,
        "\"2.1\"",
    );
    let status_text = f.required("status", raw.status, "draft | consultation | approved");
    let draft = status_text.as_deref() == Some("draft");
    let (approved_text, reviewer) = if draft || status_text.is_none() {
        (raw.approved, raw.reviewer)
    } else {
        (
            f.required("approved", raw.approved, "2026-03-01"),
            f.required(
                "reviewer",
                raw.reviewer,
                "who checked it against the English leaflet",
            ),
        )
    };
    let status = status_text.as_deref().and_then(|s| {
        let found = STATUSES.into_iter().find(|x| x.id() == s);
        if found.is_none() {
            let names: Vec<&str> = STATUSES.iter().map(|s| s.id()).collect();
            let help = match suggest(s, names.iter().copied()) {
                Some(g) => format!("did you mean `{g}`? Allowed: {}", names.join(", ")),
                None => format!(
                    "use one of: {}; a translation is withdrawn by removing its file",
                    names.join(", ")
                ),
            };
            f.error(
                "invalid-value",
                "status",
                format!("`{s}` is not a valid status for a translation"),
                help,
            );
        }
        found
    });
    let version = of.as_deref().and_then(|v| {
        let parsed = Version::parse(v);
        if parsed.is_none() {
            f.error(
                "invalid-version",
                "translation_of_version",
                format!("`{v}` is not a version of the form MAJOR.MINOR"),
                "write the English leaflet's version that was translated, e.g. translation_of_version: \"2.1\"".to_owned(),
            );
        }
        parsed
    });
    let approved = approved_text
        .as_deref()
        .and_then(|a| match content::parse_date(a) {
            Ok(d) => Some(d),
            Err(why) => {
                f.error(
                    "invalid-date",
                    "approved",
                    format!("`approved`: {}", why.message),
                    why.help,
                );
                None
            }
        });
    if diags.len() > before {
        return None;
    }
    Some(VariantMeta {
        title: title?,
        summary: summary?,
        translation_of_version: version?,
        status: status?,
        approved,
        translator: translator?,
        reviewer,
        machine_assisted: raw.machine_assisted.unwrap_or(false),
    })
}

/// Reports problems with front-matter fields at their values.
struct Fields<'a, 'd> {
    path: &'a str,
    text: &'a str,
    diags: &'d mut Vec<Diagnostic>,
}

impl Fields<'_, '_> {
    fn error(&mut self, code: &'static str, key: &str, message: String, help: String) {
        let (line, col, len) = locate(self.text, key);
        self.diags.push(
            Diagnostic::error(code, self.path, message)
                .at(self.text, line, col, len)
                .help(help),
        );
    }

    fn required(&mut self, key: &str, value: Option<String>, example: &str) -> Option<String> {
        let value = value.filter(|v| !v.trim().is_empty());
        if value.is_none() {
            self.error(
                "missing-field",
                key,
                format!("required field `{key}` is missing or empty"),
                format!("add `{key}: {example}` to the front matter"),
            );
        }
        value
    }
}

/// An approval date after today is an error, as for documents: the translation would be
/// published as approved before it is.
fn approved_in_future(
    path: &str,
    text: &str,
    meta: &VariantMeta,
    today: Date,
) -> Option<Diagnostic> {
    let a = meta.approved.filter(|a| *a > today)?;
    if meta.status != Status::Approved {
        return None;
    }
    let (line, col, len) = locate(text, "approved");
    Some(
        Diagnostic::error(
            "approved-in-future",
            path,
            format!("`approved` is {a}, after today ({today})"),
        )
        .at(text, line, col, len)
        .help("write the date it was approved; until then keep `status: draft`"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_a_file_is() {
        let pl = languages::find("pl").unwrap();
        assert_eq!(
            classify("networks/selk/leaflets/lumbar-fusion.pl.md"),
            FileName::Variant {
                original: "networks/selk/leaflets/lumbar-fusion.md".into(),
                form: Form::Language(pl)
            }
        );
        assert_eq!(
            classify("national/x.easy-read.md"),
            FileName::Variant {
                original: "national/x.md".into(),
                form: Form::EasyRead
            }
        );
        assert_eq!(
            classify("national/x.xx.md"),
            FileName::UnknownLanguage {
                original: "national/x.md".into(),
                code: "xx".into()
            }
        );
        assert!(matches!(
            classify("national/x.pt-BR.md"),
            FileName::UnknownLanguage { .. }
        ));
        assert!(matches!(
            classify("national/x.Polish.md"),
            FileName::UnknownLanguage { .. }
        ));
        assert_eq!(classify("national/x.md"), FileName::Document);
        assert_eq!(classify("national/v1.2.notes.md"), FileName::Document);
    }

    #[test]
    fn addresses() {
        assert_eq!(
            variant_path("selk/lumbar-fusion", Form::EasyRead),
            "selk/lumbar-fusion/easy-read/"
        );
        assert_eq!(large_print_path("national/x"), "national/x/large-print/");
    }
}
