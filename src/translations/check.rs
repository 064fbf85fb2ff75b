//! One translation or Easy Read file, checked against its English leaflet and made into its
//! page: the file must name a published leaflet and a version of it that exists; a version
//! older than the one in force is stale (`translation-stale`). Its links' anchors, and an
//! Easy Read version's pictures and reading level, are checked as the page is rendered.

use super::meta::{approved_in_future, locate, parse_meta};
use super::{classify, variant_path, FileName, Form, Inputs, Stale, Variant, VariantMeta};
use crate::content::{self, Document, Kind, Status, Version};
use crate::diag::Diagnostic;
use crate::languages;
use crate::library::Page;
use crate::render;
use crate::source::SourceFile;
use std::sync::Arc;

pub(super) fn one(
    inp: &Inputs<'_>,
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<Variant> {
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
    if content::front_matter_is_empty(&split) {
        diags.push(
            Diagnostic::error("empty-front-matter", path, "the front matter is empty")
                .at(text, split.close_line, 1, 3)
                .help("write its details between the `---` lines: title, summary, translation_of_version, status, translator, and approved and reviewer once approved"),
        );
        return None;
    }
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
            // The cards' labels ("Get help now") are in English.
            rendered.html = render::callouts::labels_in_english(std::mem::take(&mut rendered.html));
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
        diags.push(crate::library::broken_anchor(doc, link, anchor, known));
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
