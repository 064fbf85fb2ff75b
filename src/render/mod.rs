//! Markdown → HTML for one document, with pulldown-cmark. The small transforms live in their own
//! modules (anchors, callouts, links, highlighting, sanitising); this module runs them over the
//! event stream and collects what later phases need: the contents list, the anchors, the links
//! to other documents (checked once every page is known) and the plain text. Headings and code
//! blocks are read whole in `blocks`; where links and images point is worked out in `resolve`.

pub mod anchors;
mod blocks;
pub mod callouts;
pub mod highlight;
pub mod links;
mod resolve;
pub mod sanitize;
pub mod tables;
pub mod tasks;

use crate::content::{Document, Kind};
use crate::diag::Diagnostic;
use crate::readability::{self, Readability};
use crate::service_refs;
use anchors::Anchors;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};

/// How to turn a document's source path into its page URL.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct LinkMap {
    /// Source path (relative to the content folder) → (document id, page URL).
    pub documents: BTreeMap<String, (String, String)>,
    /// The site's base path (`/` or `/sub/`), for asset URLs.
    pub base_path: String,
    /// Rendering a version from git history: a link to a document not in the map was checked
    /// when that version was approved and points at a document deleted since, so it becomes
    /// plain text (no diagnostic) instead of a dead link.
    pub history: bool,
    /// The site's address in site.yaml (`https://host/sub/`): links that start with it, pasted
    /// from a browser, are checked and rewritten like site-absolute ones.
    pub site_url: String,
    /// Document id → source path, for site-absolute links to a document's page.
    pub ids: BTreeMap<String, String>,
    /// Files under `assets/`, as paths below it.
    pub assets: BTreeSet<String>,
    /// Network ids: their pages are at `<id>/`.
    pub networks: BTreeSet<String>,
    /// The service directories' contacts, for `service:` references.
    pub services: service_refs::Contacts,
}

/// What a link to a document that is gone is rewritten to while rendering a version from
/// history. Not a URL any author can write (it has a scheme the sanitiser refuses, so author
/// HTML loses the attribute), and Markdown links with it lose their tags.
const GONE: &str = "pathways-gone:";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// Where a heading's section starts in [`Rendered::text`]; it runs to the next section's start.
/// Search uses these so a hit lands on the matching section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Byte offset in `text` just after the heading's own text.
    pub start: usize,
}

/// A link to a document (or an anchor in one), kept for checking once all pages are rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLink {
    pub target: String,
    pub anchor: Option<String>,
    /// Where the link is written in the source file, for diagnostics.
    pub offset: usize,
    pub len: usize,
}

/// Where a heading or an image is written in the source file, for lints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpan {
    pub offset: usize,
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub title: String,
    pub at: SourceSpan,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: BTreeSet<String>,
    pub links: Vec<DocumentLink>,
    /// Plain text of the body, for search and reading-level checks.
    pub text: String,
    /// Every heading, in order, with its level (1–6).
    pub headings: Vec<Heading>,
    /// Every heading (all levels), in order, with its anchor and where its text starts.
    pub sections: Vec<Section>,
    /// Images written without alternative text.
    pub images_without_alt: Vec<SourceSpan>,
    pub diags: Vec<Diagnostic>,
    /// Every [`LinkMap`] entry this rendering looked up (source path → what was there), so a
    /// cached rendering stays valid while those entries are unchanged.
    pub lookups: Vec<(String, Option<(String, String)>)>,
    /// A leaflet's reading level, measured here once for the lints and the coverage page
    /// (and cached with the rendering).
    pub readability: Option<Readability>,
    /// Set when a broken link's suggestion read every document path: the rendering then
    /// depends on the whole map.
    pub used_all_paths: bool,
    /// Every asset this rendering looked for, and whether it was there.
    pub asset_lookups: Vec<(String, bool)>,
    /// Every service contact this rendering looked up (key in [`LinkMap::services`] → what
    /// was there).
    pub service_lookups: Vec<(String, Option<service_refs::Contact>)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a document's body.
pub fn render(doc: &Document, map: &LinkMap) -> Rendered {
    let body = doc.body();
    let mut r = Renderer {
        doc,
        map,
        out: Vec::new(),
        anchors: Anchors::default(),
        rendered: Rendered::default(),
        raw_html: false,
        image: None,
        suggestions: 0,
        locator: crate::diag::Locator::new(&doc.text),
        generated: Vec::new(),
    };
    let mut events = Parser::new_ext(body, options()).into_offset_iter();
    let mut depth = 0usize;
    while let Some((event, range)) = events.next() {
        let offset = doc.body_start + range.start;
        // Headings and code blocks are read whole below (their end included), so they never
        // add to the depth.
        match &event {
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_)) => {}
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with(service_refs::SCHEME) => {}
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            r.rendered.diags.push(too_deep(doc, offset, range.len()));
            r.rendered.html.clear();
            return r.rendered;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner =
                    collect_until(&mut events, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                r.heading(
                    level,
                    id,
                    classes,
                    attrs,
                    inner,
                    SourceSpan {
                        offset,
                        len: range.len(),
                    },
                );
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let inner =
                    collect_until(&mut events, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                r.code_block(&lang, inner, offset, range.len());
            }
            Event::Start(Tag::Link { dest_url, .. })
                if dest_url.starts_with(service_refs::SCHEME) =>
            {
                let inner = collect_until(&mut events, |e| matches!(e, Event::End(TagEnd::Link)));
                let id = &dest_url[service_refs::SCHEME.len()..];
                r.service_ref(id, &inner, offset, range.len());
            }
            other => r.event(other, offset, range.len()),
        }
    }
    if map.history {
        drop_gone_links(&mut r.out);
    }
    word_bullets(doc, &mut r.rendered.diags);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, r.out.into_iter());
    // The sanitiser's parser slows down sharply with depth: refuse absurd raw HTML before it.
    if r.raw_html && element_depth(&html) > 4 * MAX_NESTING {
        r.rendered.diags.push(too_deep(doc, doc.body_start, 1));
        r.rendered.html.clear();
        return r.rendered;
    }
    r.rendered.html = if r.raw_html {
        sanitize::clean(&html)
    } else {
        html
    };
    if r.raw_html && element_depth(&r.rendered.html) > MAX_NESTING {
        r.rendered.diags.push(too_deep(doc, doc.body_start, 1));
        r.rendered.html.clear();
    }
    r.rendered.html = callouts::mark_first_red_flag(tables::wrap(&r.rendered.html));
    // Flowcharts and service contacts are generated (their text escaped), so they go in after
    // sanitising. A placeholder typed by an author can only repeat a part of the same page.
    for (n, chart) in r.generated.iter().enumerate() {
        r.rendered.html = r.rendered.html.replace(&placeholder(n), chart);
    }
    r.rendered.anchors = r.anchors.into_claimed();
    // A build keeps every rendering until its pages are written: drop the growth slack.
    r.rendered.html = exact(r.rendered.html);
    r.rendered.text = exact(r.rendered.text);
    if doc.meta.kind == Kind::Leaflet {
        r.rendered.readability = Some(readability::measure(&r.rendered.text));
    }
    r.rendered
}

/// Removes the tags of Markdown links to documents that are gone (see [`GONE`]), keeping their
/// text. Links do not nest, so each such start is closed by the next link end.
fn drop_gone_links(events: &mut Vec<Event<'_>>) {
    let mut inside = false;
    events.retain(|e| match e {
        Event::Start(Tag::Link { dest_url, .. }) if dest_url.as_ref() == GONE => {
            inside = true;
            false
        }
        Event::End(TagEnd::Link) if inside => {
            inside = false;
            false
        }
        _ => true,
    });
}

/// Bullets pasted from Word or a PDF (`•` then a tab or space) are shown as text, not as a
/// list: one warning for each run of such lines, at its first.
fn word_bullets(doc: &Document, diags: &mut Vec<Diagnostic>) {
    const BULLETS: [char; 4] = ['•', '·', '▪', '◦'];
    let body = doc.body();
    let mut offset = doc.body_start;
    let mut fenced = false;
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, diags: &mut Vec<Diagnostic>| {
        if let Some((at, n)) = run.take() {
            let lines = if n == 1 {
                "a line".to_owned()
            } else {
                format!("{n} lines")
            };
            diags.push(
                Diagnostic::warning(
                    "pasted-bullet",
                    &doc.path,
                    format!(
                        "{lines} starting with a pasted bullet `•`: shown as text, not as a list"
                    ),
                )
                .at_offset(&doc.text, at, 1)
                .help(
                    "start each item with `- ` (a hyphen and a space) instead of the pasted bullet",
                ),
            );
        }
    };
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        let bullet = !fenced
            && trimmed.starts_with(BULLETS)
            && trimmed
                .chars()
                .nth(1)
                .is_some_and(|c| c == '\t' || c == ' ');
        if bullet {
            let at = offset + (line.len() - trimmed.len());
            run = Some(run.map_or((at, 1), |(first, n)| (first, n + 1)));
        } else {
            flush(&mut run, diags);
        }
        offset += line.len();
    }
    flush(&mut run, diags);
}

/// `s` in an allocation of its own length. A copy, because `shrink_to_fit` may keep the block
/// where it is (mimalloc does when the slack is under half), which frees nothing.
fn exact(s: String) -> String {
    if s.capacity() > s.len() {
        s.as_str().to_owned()
    } else {
        s
    }
}

/// Deeper nesting than any real document needs. Beyond it the document is refused, which also
/// keeps recursive HTML processing (the minifier) far from the end of its stack.
pub const MAX_NESTING: usize = 100;

fn too_deep(doc: &Document, offset: usize, len: usize) -> Diagnostic {
    Diagnostic::error(
        "too-deeply-nested",
        &doc.path,
        format!("lists, quotes or HTML elements are nested more than {MAX_NESTING} deep"),
    )
    .at_offset(&doc.text, offset, len.min(20))
    .help("flatten the structure: use headings and separate lists instead of deeper nesting")
}

/// Greatest element nesting of well-formed HTML (as produced by the renderer or the sanitiser).
fn element_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        let rest = &bytes[lt + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name: String = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .map(|b| b.to_ascii_lowercase() as char)
                .collect();
            let end = html[lt..].find('>').map_or(html.len(), |p| p + lt);
            if !VOID.contains(&name.as_str()) && !html[lt..end].ends_with('/') {
                depth += 1;
                max = max.max(depth);
            }
        }
        i = lt + 1;
    }
    max
}

/// Takes events up to and including the one matching `is_end`.
fn collect_until<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>>(
    events: &mut I,
    is_end: impl Fn(&Event<'a>) -> bool,
) -> Vec<(Event<'a>, std::ops::Range<usize>)> {
    let mut inner = Vec::new();
    for (e, range) in events.by_ref() {
        let end = is_end(&e);
        inner.push((e, range));
        if end {
            break;
        }
    }
    inner
}

/// The text of inline events (a heading's, a link's) or of a code block, without their markup.
fn inline_text(inner: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    inner
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

struct Renderer<'a, 'd> {
    doc: &'d Document,
    map: &'d LinkMap,
    out: Vec<Event<'a>>,
    anchors: Anchors,
    rendered: Rendered,
    raw_html: bool,
    /// The image being read: where it is and its alternative text so far.
    image: Option<(SourceSpan, String)>,
    /// How many broken links got a suggestion, which reads every path: a file of thousands
    /// of broken links gets suggestions for the first few only.
    suggestions: usize,
    /// Finds the line and column of each problem in one pass over the file.
    locator: crate::diag::Locator<'d>,
    /// Drawn flowcharts and service contacts, put in place of their placeholders once the
    /// page is sanitised.
    generated: Vec<String>,
}

/// Where the n-th generated part goes: private-use characters, which survive sanitising as text.
fn placeholder(n: usize) -> String {
    format!("\u{E000}generated-{n}\u{E001}")
}

/// Broken links in one document that get a "did you mean" (each reads every path).
const MAX_SUGGESTIONS: usize = 20;

impl<'a, 'd> Renderer<'a, 'd> {
    fn event(&mut self, event: Event<'a>, offset: usize, len: usize) {
        let event = match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                Event::Html(callouts::open(kind, self.doc.meta.kind == Kind::Leaflet).into())
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(callouts::CLOSE.into()),
            Event::TaskListMarker(done) => Event::InlineHtml(tasks::marker(done).into()),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(dest_url, offset, len);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.image = Some((SourceSpan { offset, len }, String::new()));
                let dest_url = self.link(dest_url, offset, len);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::FootnoteReference(label) => {
                Event::FootnoteReference(format!("fn-{label}").into())
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Start(Tag::FootnoteDefinition(format!("fn-{label}").into()))
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, alt)) = self.image.take() {
                    if alt.trim().is_empty() {
                        self.rendered.images_without_alt.push(at);
                    }
                }
                event
            }
            Event::Html(h) => Event::Html(self.raw(h, offset, len)),
            Event::InlineHtml(h) => Event::InlineHtml(self.raw(h, offset, len)),
            Event::Text(ref t) | Event::Code(ref t) => {
                match &mut self.image {
                    Some((_, alt)) => alt.push_str(t),
                    None => self.rendered.text.push_str(t),
                }
                event
            }
            Event::SoftBreak | Event::HardBreak => {
                self.rendered.text.push(' ');
                event
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                self.rendered.text.push('\n');
                event
            }
            other => other,
        };
        self.out.push(event);
    }
}

pub use crate::html::{escape_attr, escape_text};

#[cfg(test)]
mod tests {
    use super::resolve::url_attributes;
    use super::*;
    use crate::content::{Audience, Kind, Meta, Scope, Status, Version};

    fn doc(body: &str) -> Document {
        let text = format!("---\ntitle: t\n---\n{body}");
        Document {
            id: "selk/ces".into(),
            scope: Scope::Network("selk".into()),
            slug: "ces".into(),
            path: "networks/selk/ces.md".into(),
            meta: Meta {
                title: "t".into(),
                kind: Kind::Pathway,
                summary: "s".into(),
                version: Version { major: 1, minor: 0 },
                status: Status::Approved,
                approved: None,
                approved_by: None,
                review: None,
                owner: "o".into(),
                audience: Audience::Clinicians,
                leaflet_type: None,
                conditions: vec![],
                adapts: None,
                changes: None,
                equality_impact_assessment: None,
                evidence: Default::default(),
            },
            body_start: text.len() - body.len(),
            text: text.into(),
        }
    }

    fn map() -> LinkMap {
        let mut m = LinkMap {
            base_path: "/".into(),
            ..LinkMap::default()
        };
        m.documents.insert(
            "national/ces.md".into(),
            ("national/ces".into(), "/national/ces/".into()),
        );
        m
    }

    #[test]
    fn callouts_become_labelled_cards() {
        let r = render(&doc("> [!CAUTION]\n> Call 999 now.\n"), &map());
        assert!(r.html.contains("callout-caution"), "{}", r.html);
        assert!(r.html.contains("Red flag"), "{}", r.html);
        assert!(!r.html.contains("<blockquote"), "{}", r.html);
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let r = render(
            &doc("## Scope\n\n## Scope\n\n### Steps {#steps-custom}\n"),
            &map(),
        );
        assert!(r.html.contains("<h2 id=\"scope\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"scope-1\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"steps-custom\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn sections_record_each_heading_anchor_and_where_its_text_starts() {
        let r = render(
            &doc("Intro.\n\n## Red flags\n\nCall 999.\n\n## Red flags\n\nAgain.\n"),
            &map(),
        );
        let s: Vec<(&str, &str)> = r
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str()))
            .collect();
        assert_eq!(
            s,
            [("red-flags", "Red flags"), ("red-flags-1", "Red flags")]
        );
        assert!(
            r.text[r.sections[0].start..].starts_with("Call 999."),
            "{}",
            r.text
        );
        assert!(r.text[..r.sections[0].start].ends_with("Red flags\n"));
    }

    #[test]
    fn document_links_are_rewritten_and_recorded_with_their_line() {
        let r = render(
            &doc("See [the national pathway](../../national/ces.md#red-flags).\n"),
            &map(),
        );
        assert!(
            r.html.contains("href=\"/national/ces/#red-flags\""),
            "{}",
            r.html
        );
        assert_eq!(r.links.len(), 1);
        assert_eq!(r.links[0].target, "national/ces");
        assert!(r.diags.is_empty());
    }

    #[test]
    fn missing_document_is_an_error_at_the_link() {
        let d = doc("Line one.\n\nSee [x](../../national/nope.md).\n");
        let r = render(&d, &map());
        assert_eq!(r.diags.len(), 1);
        assert_eq!(
            (r.diags[0].code, r.diags[0].line, r.diags[0].col),
            ("broken-link", 6, 5)
        );
    }

    #[test]
    fn url_attributes_are_found_in_tags_only() {
        let html = r#"<a class=x HREF="a.md">href="no.md"</a><img src='b.png' alt=y><a href=c.md>t</a><!-- <a href="d.md"> --><a title="src=e.md" href = "f.md">"#;
        let values: Vec<&str> = url_attributes(html)
            .iter()
            .map(|&(s, e)| &html[s..e])
            .collect();
        assert_eq!(values, ["a.md", "b.png", "c.md", "f.md"]);
        for broken in [
            "<a href=\"x",
            "<a href=",
            "<a href",
            "<",
            "<a =\"x\"",
            "<!--",
        ] {
            url_attributes(broken);
        }
    }

    #[test]
    fn in_a_version_from_history_links_to_documents_gone_are_plain_text() {
        let map = LinkMap {
            history: true,
            ..map()
        };
        let r = render(
            &doc("See [the old SOP](old-sop.md#steps) and [CES](../../national/ces.md).\n\n## [Gone](old-sop.md) heading\n\n<p><a href=\"old-sop.md\">old</a></p>\n"),
            &map,
        );
        assert!(
            r.html
                .contains("See the old SOP and <a href=\"/national/ces/\">CES</a>."),
            "{}",
            r.html
        );
        assert!(r.html.contains(">Gone heading</h2>"), "{}", r.html);
        assert!(r.html.contains("<a>old</a>"), "{}", r.html);
        assert!(
            !r.html.contains("old-sop") && !r.html.contains(GONE),
            "{}",
            r.html
        );
        assert!(r.diags.is_empty(), "{:?}", r.diags);
    }

    #[test]
    fn links_in_author_html_are_rewritten_and_checked() {
        let mut map = LinkMap {
            base_path: "/".into(),
            ..LinkMap::default()
        };
        map.documents.insert(
            "networks/selk/other.md".into(),
            ("selk/other".into(), "/selk/other/".into()),
        );
        let r = render(
            &doc("<p>See <a href=\"other.md#step-2\">the other</a> and <a href=\"gone.md\">this</a>.</p>\n\n<img src=\"../../assets/x.png\" alt=\"X\">\n"),
            &map,
        );
        assert!(
            r.html.contains(r#"href="/selk/other/#step-2""#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"src="/assets/x.png""#), "{}", r.html);
        assert_eq!(r.links[0].target, "selk/other");
        assert_eq!(r.links[0].anchor.as_deref(), Some("step-2"));
        let broken: Vec<_> = r.diags.iter().filter(|d| d.code == "broken-link").collect();
        assert_eq!(broken.len(), 1, "{:?}", r.diags);
        assert_eq!(
            (broken[0].line, broken[0].col, broken[0].span),
            (4, 61, 7),
            "{:?}",
            broken[0]
        );
    }

    #[test]
    fn raw_html_is_sanitised() {
        let r = render(
            &doc(
                "<p onclick=\"x()\">hi</p><script>alert(1)</script>\n\n[a](javascript:alert(1))\n",
            ),
            &map(),
        );
        assert!(
            !r.html.contains("onclick")
                && !r.html.contains("<script")
                && !r.html.contains("javascript:"),
            "{}",
            r.html
        );
    }

    #[test]
    fn gfm_features_render() {
        let r = render(&doc("| a | b |\n|---|:-:|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ text[^1]\n\n[^1]: A note.\n"), &map());
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(
            r.html.contains("<span class=\"task-box task-done\">") && !r.html.contains("<input"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<del>"), "{}", r.html);
        assert!(r.html.contains("id=\"fn-1\""), "{}", r.html);
    }

    #[test]
    fn headings_and_images_without_alt_are_recorded() {
        let d = doc("## A\n\n#### B\n\n![](x.png) ![a scan](y.png)\n\n<img src=\"z.png\">\n");
        let r = render(&d, &map());
        let levels: Vec<u8> = r.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, [2, 4]);
        assert_eq!(r.images_without_alt.len(), 2, "{:?}", r.images_without_alt);
        assert!(!r.text.contains("a scan"), "alt text is not body text");
    }

    #[test]
    fn pathological_nesting_is_refused_not_overflowed() {
        for body in [
            ">".repeat(50_000) + " deep\n",
            "- ".repeat(20_000) + "x\n",
            (0..1000)
                .map(|i| "  ".repeat(i) + "- x\n")
                .collect::<String>(),
            "<div>".repeat(50_000) + "x" + &"</div>".repeat(50_000),
        ] {
            let r = render(&doc(&body), &map());
            assert_eq!(r.diags.len(), 1, "{:?}", r.diags);
            assert_eq!(r.diags[0].code, "too-deeply-nested");
            assert!(r.html.is_empty());
        }
        // Ordinary nesting is fine.
        let r = render(&doc("> - a\n>   - b\n>     > c\n"), &map());
        assert!(r.diags.is_empty());
        assert_eq!(
            element_depth("<ul><li><p>a<br>b</p></li></ul><img src=x>"),
            3
        );
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let r = render(&doc("```yaml\na: 1\n```\n"), &map());
        assert!(
            r.html
                .contains("<pre class=\"code\"><code class=\"language-yaml\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("hl-"), "{}", r.html);
    }
}
