//! Pages of a leaflet in other languages and formats: each translation at
//! `<id>/<language>/` (its own `lang` and `dir`), the Easy Read version at `<id>/easy-read/`
//! (one idea a line, a picture column), and the large-print page at `<id>/large-print/`; and
//! what the English leaflet's page shows of them (the language list and `hreflang`
//! alternates). Translation and Easy Read pages are made on every build, outside the page
//! cache: there are few of them, and each depends on its English leaflet as well as its own
//! file. Large-print pages are ordinary site pages (one per leaflet), cached with it.

use super::document::{document, print_css};
use super::summary::{Summaries, Summary};
use super::{format_date, Crumb, Ctx, TemplateError, Theme};
use crate::content::{Kind, Scope, Status};
use crate::languages;
use crate::library::{Library, Page};
use crate::translations::{self, Form, Variant};
use serde::Serialize;

/// One version of a leaflet in the language list and the `hreflang` alternates.
#[derive(Serialize)]
struct Alternate {
    /// `hreflang`: `en`, `pl`, ...
    lang: &'static str,
    dir: &'static str,
    /// Its name in itself ("Polski") and in English ("Polish").
    own: &'static str,
    english: &'static str,
    url: String,
    /// Absolute, for `<link rel="alternate">`.
    absolute: String,
    /// The page this list is on.
    current: bool,
    stale: bool,
}

/// What a leaflet's pages show of its other versions.
#[derive(Serialize, Default)]
pub(super) struct FormatsView {
    /// The English leaflet first, then its translations by language code (only when it has
    /// at least one translation).
    languages: Vec<Alternate>,
    easy_read: Option<String>,
    /// The page this list is on is the Easy Read version.
    easy_read_current: bool,
    large_print: Option<String>,
}

/// The language list, alternates and format links of an English leaflet, seen from the page
/// of `current` (the English page when `None`).
pub(super) fn formats(cx: &Ctx<'_>, english: Summary<'_>, current: Option<Form>) -> FormatsView {
    if english.meta().kind != Kind::Leaflet {
        return FormatsView::default();
    }
    let base = cx.site.config.base_url();
    let mut languages = vec![Alternate {
        lang: "en",
        dir: "ltr",
        own: "English",
        english: "English",
        url: format!("{}{}", cx.root, english.path()),
        absolute: format!("{base}{}", english.path()),
        current: current.is_none(),
        stale: false,
    }];
    let mut easy_read = None;
    for v in cx.site.variants_of(english.id(), english.path()) {
        match v.form {
            Form::Language(l) => languages.push(Alternate {
                lang: l.code,
                dir: l.direction.html(),
                own: l.own,
                english: l.english,
                url: format!("{}{}", cx.root, v.path),
                absolute: format!("{base}{}", v.path),
                current: current == Some(v.form),
                stale: v.stale,
            }),
            Form::EasyRead => easy_read = Some(format!("{}{}", cx.root, v.path)),
        }
    }
    if languages.len() == 1 {
        languages.clear();
    }
    FormatsView {
        languages,
        easy_read,
        easy_read_current: current == Some(Form::EasyRead),
        large_print: Some(format!(
            "{}{}",
            cx.root,
            translations::large_print_path(english.id())
        )),
    }
}

/// The languages the search page offers: English and each with a published translation.
#[derive(Serialize)]
pub(super) struct SearchLanguage {
    code: &'static str,
    own: &'static str,
    english: &'static str,
    dir: &'static str,
}

pub(super) fn search_languages(site: &Summaries<'_>) -> Vec<SearchLanguage> {
    let mut codes: Vec<&'static languages::Language> = site
        .variant_forms()
        .filter_map(|form| match form {
            Form::Language(l) => Some(l),
            Form::EasyRead => None,
        })
        .collect();
    codes.sort_by_key(|l| l.code);
    codes.dedup();
    codes
        .into_iter()
        .map(|l| SearchLanguage {
            code: l.code,
            own: l.own,
            english: l.english,
            dir: l.direction.html(),
        })
        .collect()
}

/// A row of an Easy Read page: a picture beside one idea a line, or a heading.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct Row {
    /// A heading, as rendered (with its anchor).
    heading: Option<String>,
    /// The row's picture (an `<img>` with its alternative text), if it has one.
    picture: Option<String>,
    /// One idea a line, as HTML.
    lines: Vec<String>,
    /// A list, callout or table, kept whole (as HTML), in place of lines.
    block: Option<String>,
}

#[derive(Serialize)]
struct StaleView {
    /// The sentence in the translation's own language, and in English.
    own: &'static str,
    english: &'static str,
    current: String,
    english_url: String,
    compare_url: Option<String>,
    translated_url: Option<String>,
}

#[derive(Serialize)]
struct VariantView<'a> {
    title: &'a str,
    summary: &'a str,
    lang: &'static str,
    dir: &'static str,
    form_own: &'static str,
    form_english: &'static str,
    is_easy_read: bool,
    html: &'a str,
    rows: Vec<Row>,
    status: &'static str,
    translation_of_version: String,
    translator: &'a str,
    reviewer: Option<&'a str>,
    approved: Option<String>,
    machine_assisted: bool,
    english_title: &'a str,
    english_url: String,
    english_version: String,
    stale: Option<StaleView>,
    permalink: String,
    print_css: String,
    scope: &'a str,
    scope_name: &'a str,
    review: Option<String>,
}

/// Where a page's large-print version goes: leaflets only.
pub(super) fn large_print_path(p: &Page) -> Option<String> {
    (p.doc.meta.kind == Kind::Leaflet).then(|| translations::large_print_path(&p.doc.id))
}

/// The large-print page of a leaflet: its page in large type, without the link to itself.
pub(super) fn large_print(cx: &Ctx<'_>, p: &Page) -> (&'static str, tera::Context) {
    let (_, mut ctx) = document(cx, p);
    let mut formats = formats(cx, Summary::of(p), None);
    formats.large_print = None;
    ctx.insert("formats", &formats);
    ("large_print.html", ctx)
}

/// Every translation and Easy Read page, rendered: (path of its `index.html`, HTML). The
/// large-print pages are among the site's pages (and the preview's page cache), as there is
/// one per leaflet.
pub fn pages(lib: &Library, theme: &Theme) -> Result<Vec<(String, String)>, TemplateError> {
    use rayon::prelude::*;
    // Most sites have no translations: no context to make (the preview made one on every save).
    if lib.variants.is_empty() {
        return Ok(Vec::new());
    }
    let cx = Ctx::new(lib);
    let variants: Vec<(String, String)> = lib
        .variants
        .par_iter()
        .filter_map(|v| cx.site.page(&v.of).map(|english| (v, english)))
        .map(|(v, english)| {
            let (template, ctx) = variant_context(&cx, v, english);
            theme
                .render(template, &ctx)
                .map(|html| (format!("{}index.html", v.page.path), html))
        })
        .collect::<Result<_, TemplateError>>()?;
    Ok(variants)
}

/// A translation or Easy Read page: its own body, and its English leaflet as a summary.
fn variant_context(
    cx: &Ctx<'_>,
    v: &Variant,
    english: Summary<'_>,
) -> (&'static str, tera::Context) {
    let m = &v.meta;
    let english_url = format!("{}{}", cx.root, english.path());
    let permalink = format!("{}{}", cx.site.config.base_url(), v.page.path);
    let version = m.translation_of_version.to_string();
    let review = english.meta().review.map(format_date);
    let is_easy_read = v.form == Form::EasyRead;
    let view = VariantView {
        title: &m.title,
        summary: &m.summary,
        lang: v.form.lang(),
        dir: v.form.dir(),
        form_own: v.form.own_name(),
        form_english: v.form.english_name(),
        is_easy_read,
        html: &v.page.rendered.html,
        rows: if is_easy_read {
            easy_read_rows(&v.page.rendered.html)
        } else {
            Vec::new()
        },
        status: m.status.id(),
        translation_of_version: version.clone(),
        translator: &m.translator,
        reviewer: m.reviewer.as_deref(),
        approved: m.approved.map(format_date),
        machine_assisted: m.machine_assisted,
        english_title: &english.meta().title,
        english_url: english_url.clone(),
        english_version: english.meta().version.to_string(),
        stale: v.stale.as_ref().map(|s| StaleView {
            own: match v.form {
                Form::Language(l) => l.newer_english,
                Form::EasyRead => languages::NEWER_ENGLISH,
            },
            english: languages::NEWER_ENGLISH,
            current: s.current.to_string(),
            english_url: english_url.clone(),
            compare_url: s.compare.as_ref().map(|c| format!("{}{c}", cx.root)),
            translated_url: s.translated.as_ref().map(|t| format!("{}{t}", cx.root)),
        }),
        print_css: print_css(&m.title, &version, m.status, review.as_deref(), &permalink),
        permalink,
        scope: english.scope().id(),
        scope_name: cx.scope_name(english.scope()),
        review,
    };
    let mut crumbs = vec![cx.home_crumb()];
    match english.scope() {
        Scope::National => crumbs.push(Crumb {
            title: "Leaflets for patients".into(),
            url: format!("{}#for-patients", cx.root),
        }),
        scope => crumbs.push(cx.scope_crumb(scope)),
    }
    crumbs.push(Crumb {
        title: english.meta().title.clone(),
        url: english_url,
    });
    let mut ctx = cx.context(crumbs, None);
    ctx.insert("page", &view);
    ctx.insert("formats", &formats(cx, english, Some(v.form)));
    if let Form::Language(l) = v.form {
        ctx.insert("page_lang", l.code);
        ctx.insert("page_dir", l.direction.html());
        ctx.insert("search_lang", l.code);
    }
    ctx.insert("search_audience", "patients");
    if m.status != Status::Approved {
        ctx.insert("noindex", &true);
    }
    let template = if is_easy_read {
        "easy_read.html"
    } else {
        "translation.html"
    };
    (template, ctx)
}

/// Cuts a rendered Easy Read body into rows: each heading is a row; each paragraph is a row
/// whose lines (one idea each) are its lines in the source, with the picture it starts with
/// (or the picture standing alone in the paragraph before it) beside them. Lists, callouts
/// and tables are rows of their own, kept whole.
fn easy_read_rows(html: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut picture: Option<String> = None;
    for block in top_level_blocks(html) {
        if block.starts_with("<h") && !block.starts_with("<hr") {
            if let Some(p) = picture.take() {
                rows.push(Row {
                    heading: None,
                    picture: Some(p),
                    lines: Vec::new(),
                    block: None,
                });
            }
            rows.push(Row {
                heading: Some(block.to_owned()),
                picture: None,
                lines: Vec::new(),
                block: None,
            });
            continue;
        }
        let Some(inner) = block
            .strip_prefix("<p>")
            .and_then(|b| b.strip_suffix("</p>"))
        else {
            rows.push(Row {
                heading: None,
                picture: picture.take().filter(|p| !p.is_empty()),
                lines: Vec::new(),
                block: Some(block.to_owned()),
            });
            continue;
        };
        let (pic, lines) = paragraph(inner);
        if lines.is_empty() {
            // A picture on its own goes beside the next paragraph.
            if let Some(p) = picture.replace(pic.unwrap_or_default()) {
                rows.push(Row {
                    heading: None,
                    picture: Some(p),
                    lines: Vec::new(),
                    block: None,
                });
            }
            continue;
        }
        rows.push(Row {
            heading: None,
            picture: pic.or_else(|| picture.take()).filter(|p| !p.is_empty()),
            lines,
            block: None,
        });
    }
    if let Some(p) = picture {
        rows.push(Row {
            heading: None,
            picture: Some(p),
            lines: Vec::new(),
            block: None,
        });
    }
    rows
}

/// A paragraph's leading picture and its lines. Lines are split only where each piece keeps
/// its inline tags closed (a bold phrase across a line break stays whole).
fn paragraph(inner: &str) -> (Option<String>, Vec<String>) {
    let inner = inner.trim();
    let (picture, rest) = match inner.strip_prefix("<img") {
        Some(after) => match after.find('>') {
            Some(end) => (Some(inner[..4 + end + 1].to_owned()), &inner[4 + end + 1..]),
            None => (None, inner),
        },
        None => (None, inner),
    };
    let pieces: Vec<&str> = rest
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lines = if pieces.iter().all(|p| balanced(p)) {
        pieces.into_iter().map(str::to_owned).collect()
    } else if rest.trim().is_empty() {
        Vec::new()
    } else {
        vec![rest.trim().to_owned()]
    };
    (picture, lines)
}

/// Whether every tag opened in `html` is closed in it (void tags aside).
fn balanced(html: &str) -> bool {
    let mut depth = 0i32;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if tag.starts_with('/') {
            depth -= 1;
        } else if !tag.ends_with('/') && !is_void(tag) {
            depth += 1;
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

fn is_void(tag: &str) -> bool {
    let name = tag
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    matches!(name, "img" | "br" | "hr" | "input" | "wbr")
}

/// The top-level elements of rendered HTML, in order (text between them dropped).
fn top_level_blocks(html: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut depth = 0i32;
    let mut start = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
        let tag = &html[i + 1..end.saturating_sub(1).max(i + 1)];
        if tag.starts_with('!') {
            i = end;
            continue;
        }
        if let Some(_closing) = tag.strip_prefix('/') {
            depth -= 1;
            if depth == 0 {
                if let Some(s) = start.take() {
                    blocks.push(&html[s..end]);
                }
            }
        } else if tag.ends_with('/') || is_void(tag) {
            if depth == 0 {
                blocks.push(&html[i..end]);
            }
        } else {
            if depth == 0 {
                start = Some(i);
            }
            depth += 1;
        }
        i = end;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easy_read_rows_put_one_idea_a_line_beside_its_picture() {
        let html = "<h2 id=\"a\">What happens</h2>\n<p><img src=\"x.svg\" alt=\"A nurse\">\nYou come to hospital.\nA nurse <strong>meets</strong> you.</p>\n<p><img src=\"y.svg\" alt=\"A bed\"></p>\n<p>You stay 2 nights.</p>\n<ul>\n<li>One</li>\n</ul>\n";
        let rows = easy_read_rows(html);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(
            rows[0].heading.as_deref(),
            Some("<h2 id=\"a\">What happens</h2>")
        );
        assert_eq!(
            rows[1].picture.as_deref(),
            Some("<img src=\"x.svg\" alt=\"A nurse\">")
        );
        assert_eq!(
            rows[1].lines,
            [
                "You come to hospital.",
                "A nurse <strong>meets</strong> you."
            ]
        );
        assert_eq!(
            rows[2].picture.as_deref(),
            Some("<img src=\"y.svg\" alt=\"A bed\">")
        );
        assert_eq!(rows[2].lines, ["You stay 2 nights."]);
        // A list is kept whole, not put in a paragraph.
        assert!(rows[3].lines.is_empty());
        assert_eq!(rows[3].block.as_deref(), Some("<ul>\n<li>One</li>\n</ul>"));
    }

    #[test]
    fn a_tag_across_a_line_break_keeps_the_paragraph_whole() {
        let (_, lines) = paragraph("Call <strong>999\nnow</strong>.");
        assert_eq!(lines, ["Call <strong>999\nnow</strong>."]);
    }
}
