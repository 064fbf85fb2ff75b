//! Markdown → HTML for one document, with pulldown-cmark. The small transforms live in their own
//! modules (anchors, callouts, links, highlighting, sanitising); this module runs them over the
//! event stream and collects what later phases need: the contents list, the anchors, the links
//! to other documents (checked once every page is known) and the plain text.

pub mod anchors;
pub mod callouts;
pub mod highlight;
pub mod links;
pub mod sanitize;

use crate::content::Document;
use crate::diag::Diagnostic;
use anchors::Anchors;
use links::Target;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};

/// How to turn a document's source path into its page URL.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct LinkMap {
    /// Source path (relative to the content folder) → (document id, page URL).
    pub documents: BTreeMap<String, (String, String)>,
    /// The site's base path (`/` or `/sub/`), for asset URLs.
    pub base_path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
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

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: BTreeSet<String>,
    pub links: Vec<DocumentLink>,
    /// Plain text of the body, for search and reading-level checks.
    pub text: String,
    pub diags: Vec<Diagnostic>,
    /// Every [`LinkMap`] entry this rendering looked up (source path → what was there), so a
    /// cached rendering stays valid while those entries are unchanged.
    pub lookups: Vec<(String, Option<(String, String)>)>,
    /// Set when a broken link's suggestion read every document path: the rendering then
    /// depends on the whole map.
    pub used_all_paths: bool,
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
    };
    let mut events = Parser::new_ext(body, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let offset = doc.body_start + range.start;
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner =
                    collect_until(&mut events, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                r.heading(level, id, classes, attrs, inner);
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
            other => r.event(other, offset, range.len()),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, r.out.into_iter());
    r.rendered.html = if r.raw_html {
        sanitize::clean(&html)
    } else {
        html
    };
    r.rendered.anchors = r.anchors.into_claimed();
    r.rendered
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

struct Renderer<'a, 'd> {
    doc: &'d Document,
    map: &'d LinkMap,
    out: Vec<Event<'a>>,
    anchors: Anchors,
    rendered: Rendered,
    raw_html: bool,
}

impl<'a, 'd> Renderer<'a, 'd> {
    fn event(&mut self, event: Event<'a>, offset: usize, len: usize) {
        let event = match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(callouts::open(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(callouts::CLOSE.into()),
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
            Event::Html(_) | Event::InlineHtml(_) => {
                self.raw_html = true;
                event
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                self.rendered.text.push_str(t);
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

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<(Event<'a>, std::ops::Range<usize>)>,
    ) {
        let title: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let wanted = id.map_or_else(|| anchors::slug(&title), |i| i.to_string());
        let id = self.anchors.claim(wanted);
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.rendered.toc.push(TocEntry {
                level: level as u8,
                id: id.clone(),
                title: title.clone(),
            });
        }
        self.rendered.text.push_str(&title);
        self.rendered.text.push('\n');
        self.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs,
        }));
        for (e, range) in inner {
            match e {
                // Headings may contain links; they go through the same rewriting.
                Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                    let start = self.doc.body_start + range.start;
                    self.event(e, start, range.len());
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.raw_html = true;
                    self.out.push(e);
                }
                e => self.out.push(e),
            }
        }
    }

    fn code_block(
        &mut self,
        lang: &str,
        inner: Vec<(Event<'a>, std::ops::Range<usize>)>,
        offset: usize,
        len: usize,
    ) {
        let code: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        self.rendered.text.push_str(&code);
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape_attr(lang))
        };
        let inner_html = match highlight::highlight(lang, &code) {
            highlight::Highlighted::Html(h) => h,
            highlight::Highlighted::Plain { unknown } => {
                if unknown {
                    self.rendered.diags.push(
                        Diagnostic::warning(
                            "unknown-language",
                            &self.doc.path,
                            format!("no syntax highlighting for `{lang}`; the code is shown plain"),
                        )
                        .at_offset(&self.doc.text, offset, len.min(3 + lang.len()))
                        .help("use a common language name (yaml, json, bash, ...) or `text`"),
                    );
                }
                escape_text(&code)
            }
        };
        self.out.push(Event::Html(
            format!("<pre class=\"code\"><code{class}>{inner_html}</code></pre>\n").into(),
        ));
    }

    /// Looks a document up in the link map, recording the lookup for the render cache.
    fn lookup(&mut self, path: &str) -> Option<&'d (String, String)> {
        let found = self.map.documents.get(path);
        self.rendered
            .lookups
            .push((path.to_owned(), found.cloned()));
        found
    }

    /// Rewrites a link or image destination, recording links to documents for checking.
    fn link(&mut self, dest: CowStr<'a>, offset: usize, len: usize) -> CowStr<'a> {
        if !sanitize::is_safe_url(&dest) {
            self.rendered.diags.push(
                Diagnostic::warning(
                    "unsafe-link",
                    &self.doc.path,
                    format!("link `{dest}` uses an unsafe scheme and was removed"),
                )
                .at_offset(&self.doc.text, offset, len)
                .help("link with https://, mailto: or tel:, or to another document's .md file"),
            );
            return CowStr::Borrowed("");
        }
        match links::classify(&self.doc.path, &dest) {
            Target::Unchanged | Target::OtherFile(_) => dest,
            Target::SameDocument(anchor) => {
                self.rendered.links.push(DocumentLink {
                    target: self.doc.id.clone(),
                    anchor: Some(anchor),
                    offset,
                    len,
                });
                dest
            }
            Target::Asset(asset) => format!("{}assets/{}", self.map.base_path, asset).into(),
            Target::OutsideContent => {
                self.rendered.diags.push(
                    Diagnostic::error("broken-link", &self.doc.path, format!("link `{dest}` points outside the content folder"))
                        .at_offset(&self.doc.text, offset, len)
                        .help("link to a document inside the content folder, or use a full https:// address"),
                );
                dest
            }
            Target::Document { path, anchor } => match self.lookup(&path) {
                Some((id, url)) => {
                    self.rendered.links.push(DocumentLink {
                        target: id.clone(),
                        anchor: anchor.clone(),
                        offset,
                        len,
                    });
                    match anchor {
                        Some(a) => format!("{url}#{a}").into(),
                        None => url.clone().into(),
                    }
                }
                None => {
                    self.rendered.used_all_paths = true;
                    let help = crate::diag::suggest(&path, self.map.documents.keys().map(String::as_str))
                        .map_or("check the file name and the number of `../`; paths are relative to this file".to_owned(), |s| {
                            format!("did you mean `{s}`? Paths are relative to this file")
                        });
                    self.rendered.diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &self.doc.path,
                            format!("link to `{path}`, which is not a document"),
                        )
                        .at_offset(&self.doc.text, offset, len)
                        .help(help),
                    );
                    dest
                }
            },
        }
    }
}

pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

pub fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
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
                conditions: vec![],
                adapts: None,
                changes: None,
                equality_impact_assessment: None,
            },
            body_start: text.len() - body.len(),
            text,
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
        assert!(r.html.contains("checkbox"), "{}", r.html);
        assert!(r.html.contains("<del>"), "{}", r.html);
        assert!(r.html.contains("id=\"fn-1\""), "{}", r.html);
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
