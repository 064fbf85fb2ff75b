//! Markdown → HTML for one document, with pulldown-cmark. The small transforms live in their own
//! modules (anchors, callouts, links, highlighting, sanitising); this module runs them over the
//! event stream and collects what later phases need: the contents list, the anchors, the links
//! to other documents (checked once every page is known) and the plain text.

pub mod anchors;
pub mod callouts;
pub mod highlight;
pub mod links;
pub mod sanitize;
pub mod tasks;

use crate::content::{Document, Kind};
use crate::diag::Diagnostic;
use crate::flowchart;
use crate::readability::{self, Readability};
use crate::service_refs;
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

/// The text of inline events (a heading's, a link's), without their markup.
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
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(callouts::open(kind).into()),
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

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<(Event<'a>, std::ops::Range<usize>)>,
        at: SourceSpan,
    ) {
        let title = inline_text(&inner);
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
        self.rendered.sections.push(Section {
            id: id.clone(),
            title: title.clone(),
            start: self.rendered.text.len(),
        });
        self.rendered.headings.push(Heading {
            level: level as u8,
            title,
            at,
        });
        self.out.push(Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs,
        }));
        for (e, range) in inner {
            match e {
                // Headings may contain links; they go through the same rewriting.
                Event::Start(Tag::Link { .. })
                | Event::Start(Tag::Image { .. })
                | Event::End(TagEnd::Image) => {
                    let start = self.doc.body_start + range.start;
                    self.event(e, start, range.len());
                }
                Event::Text(ref t) if self.image.is_some() => {
                    if let Some((_, alt)) = &mut self.image {
                        alt.push_str(t);
                    }
                    self.out.push(e);
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
        if lang == "flowchart" {
            return self.flowchart(&inner, offset);
        }
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
                        .at_located(&mut self.locator, offset, len.min(3 + lang.len()))
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

    /// A ```` ```flowchart ```` block: checked, its steps' links rewritten and checked like the
    /// prose's, then drawn. The drawing goes in after sanitising (it is generated, not author
    /// HTML), through a placeholder; a chart with errors is shown as its source.
    fn flowchart(&mut self, inner: &[(Event<'a>, std::ops::Range<usize>)], fence: usize) {
        let code: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let start = inner
            .iter()
            .find(|(e, _)| matches!(e, Event::Text(_)))
            .map_or_else(
                || {
                    let text = &self.doc.text;
                    text[fence..]
                        .find('\n')
                        .map_or(text.len(), |i| fence + i + 1)
                },
                |(_, r)| self.doc.body_start + r.start,
            );
        let block = flowchart::Block {
            path: &self.doc.path,
            file_text: &self.doc.text,
            code: &code,
            start,
            fence,
        };
        let chart = match flowchart::parse(&block) {
            Ok(chart) => chart,
            Err(diags) => {
                self.rendered.diags.extend(diags);
                self.out.push(Event::Html(
                    format!(
                        "<pre class=\"code\"><code class=\"language-flowchart\">{}</code></pre>\n",
                        escape_text(&code)
                    )
                    .into(),
                ));
                return;
            }
        };
        let urls: Vec<Option<String>> = chart
            .steps
            .iter()
            .map(|s| {
                s.link.as_ref().map(|l| {
                    self.link(CowStr::from(l.dest.clone()), l.offset, l.len)
                        .into_string()
                })
            })
            .collect();
        let figure = self.anchors.claim(flowchart::figure_anchor(&chart));
        let ids = flowchart::Ids {
            caption: self.anchors.claim(format!("{figure}-caption")),
            title: self.anchors.claim(format!("{figure}-title")),
            desc: self.anchors.claim(format!("{figure}-desc")),
            steps: chart
                .steps
                .iter()
                .map(|s| {
                    self.anchors
                        .claim(format!("{figure}-{}", anchors::slug(&s.id)))
                })
                .collect(),
            text_steps: chart
                .steps
                .iter()
                .map(|s| {
                    self.anchors
                        .claim(format!("{figure}-{}-text", anchors::slug(&s.id)))
                })
                .collect(),
            figure,
        };
        self.rendered.text.push_str(&flowchart::text::plain(&chart));
        self.out.push(Event::Html(
            format!("{}\n", placeholder(self.generated.len())).into(),
        ));
        self.generated.push(flowchart::html(&chart, &ids, &urls));
    }

    /// Looks a document up in the link map, recording the lookup for the render cache.
    fn lookup(&mut self, path: &str) -> Option<&'d (String, String)> {
        let found = self.map.documents.get(path);
        self.rendered
            .lookups
            .push((path.to_owned(), found.cloned()));
        found
    }

    /// Author HTML: its images are checked for alternative text, and the URLs in its `href`
    /// and `src` attributes are rewritten and checked like Markdown links, so a link written
    /// as `<a href="../leaflets/x.md">` works on the site and a broken one is an error.
    fn raw(&mut self, html: CowStr<'a>, offset: usize, len: usize) -> CowStr<'a> {
        self.raw_html = true;
        for (at, what) in sanitize::removed(&html) {
            let here = self
                .doc
                .text
                .get(offset + at..)
                .is_some_and(|t| t.get(..1) == html.get(at..at + 1));
            let (at, at_len) = if here {
                (offset + at, what.len().min(len))
            } else {
                (offset, len.min(20))
            };
            self.rendered.diags.push(
                Diagnostic::warning(
                    "html-removed",
                    &self.doc.path,
                    format!("{what} is not allowed in a document and was removed from the page"),
                )
                .at_located(&mut self.locator, at, at_len)
                .help("published pages carry no scripts, frames, forms or event handlers; write the content in Markdown, or link to it"),
            );
        }
        for i in html_images_without_alt(&html) {
            self.rendered.images_without_alt.push(SourceSpan {
                offset: offset + i,
                len: 4,
            });
        }
        let urls = url_attributes(&html);
        if urls.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len());
        let mut last = 0;
        for (start, end) in urls {
            let value = &html[start..end];
            // Block HTML inside a quote or list loses its prefix: point at the chunk then.
            let (at, at_len) = if self.doc.text.get(offset + start..offset + end) == Some(value) {
                (offset + start, end - start)
            } else {
                (offset, len)
            };
            let url = self.link(CowStr::from(value.to_owned()), at, at_len);
            out.push_str(&html[last..start]);
            out.push_str(&url);
            last = end;
        }
        out.push_str(&html[last..]);
        out.into()
    }

    /// Checks that a linked asset exists: a missing one is a `broken-asset` error.
    fn asset(&mut self, asset: &str, dest: &str, offset: usize, len: usize) {
        let found = self.map.assets.contains(asset);
        self.rendered.asset_lookups.push((asset.to_owned(), found));
        if found {
            return;
        }
        // The same file name elsewhere under assets/, or the same name with another extension.
        let name = asset.rsplit('/').next().unwrap_or(asset);
        let stem = |p: &str| {
            let file = p.rsplit('/').next().unwrap_or(p);
            file.rsplit_once('.').map_or(file, |(s, _)| s).to_owned()
        };
        self.rendered.used_all_paths = true;
        let help = match crate::diag::suggest(asset, self.map.assets.iter().map(String::as_str))
            .or_else(|| {
                let assets = self.map.assets.iter().map(String::as_str);
                let mut same = assets
                    .clone()
                    .filter(|a| a.rsplit('/').next() == Some(name));
                same.next()
                    .or_else(|| assets.clone().find(|a| stem(a) == stem(asset)))
            }) {
            Some(a) => format!(
                "did you mean `{}`? Paths are relative to this file",
                links::relative(&self.doc.path, &format!("assets/{a}"))
            ),
            None => format!("add `{asset}` to the content folder's assets/, or correct the link"),
        };
        self.rendered.diags.push(
            Diagnostic::error(
                "broken-asset",
                &self.doc.path,
                format!("`{dest}` links to assets/{asset}, which does not exist"),
            )
            .at_located(&mut self.locator, offset, len)
            .help(help),
        );
    }

    /// A link to a page of this site written as an address (`/national/x/`, or the site's
    /// full URL), as pasted from a browser: checked like a relative link, and rewritten under
    /// the site's base path so it works wherever the site is published.
    fn site_link(
        &mut self,
        dest: &str,
        site_path: String,
        offset: usize,
        len: usize,
    ) -> CowStr<'a> {
        let (page, anchor) = match site_path.split_once('#') {
            Some((p, a)) => (p.to_owned(), Some(a.to_owned())),
            None => (site_path, None),
        };
        let page = page.split('?').next().unwrap_or("").to_owned();
        if let Some(asset) = page.strip_prefix("assets/") {
            let asset = links::percent_decode(asset);
            self.asset(&asset, dest, offset, len);
            return format!("{}{page}", self.map.base_path).into();
        }
        let trimmed = page
            .trim_end_matches("index.html")
            .trim_end_matches('/')
            .to_owned();
        // A document's page, or one of its past versions or comparisons.
        let mut segments = trimmed.splitn(3, '/');
        let id = match (segments.next(), segments.next()) {
            (Some(a), Some(b)) => format!("{a}/{b}"),
            _ => String::new(),
        };
        if let Some(path) = self.map.ids.get(&id).cloned() {
            let rest = &trimmed[id.len()..];
            if rest.is_empty() {
                if let Some((id, url)) = self.lookup(&path) {
                    let (id, url) = (id.clone(), url.clone());
                    self.rendered.links.push(DocumentLink {
                        target: id,
                        anchor: anchor.clone(),
                        offset,
                        len,
                    });
                    return match anchor {
                        Some(a) => format!("{url}#{a}").into(),
                        None => url.into(),
                    };
                }
            }
            self.rendered.used_all_paths = true;
            return format!("{}{page}", self.map.base_path).into();
        }
        self.rendered.used_all_paths = true;
        let site_page = trimmed.is_empty()
            || matches!(
                trimmed.as_str(),
                "search"
                    | "coverage"
                    | "catalog.json"
                    | "coverage.json"
                    | "sitemap.xml"
                    | "feed.xml"
            )
            || trimmed.starts_with("theme/")
            || trimmed.starts_with("search/")
            || self.map.networks.contains(trimmed.as_str());
        if site_page {
            let with_anchor = match &anchor {
                Some(a) => format!("{}{page}#{a}", self.map.base_path),
                None => format!("{}{page}", self.map.base_path),
            };
            return with_anchor.into();
        }
        let help = match crate::diag::suggest(&id, self.map.ids.keys().map(String::as_str))
            .or_else(|| {
                let slug = trimmed.rsplit('/').next().unwrap_or("");
                self.map
                    .ids
                    .keys()
                    .map(String::as_str)
                    .find(|i| i.rsplit('/').next() == Some(slug))
            })
            .and_then(|i| self.map.ids.get(i))
        {
            Some(path) => format!(
                "did you mean `{}`? Link to the document's .md file, relative to this one",
                links::relative(&self.doc.path, path)
            ),
            None => "link to the document's .md file, relative to this one".to_owned(),
        };
        self.rendered.diags.push(
            Diagnostic::error(
                "broken-link",
                &self.doc.path,
                format!("`{dest}` is not a page of this site"),
            )
            .at_located(&mut self.locator, offset, len)
            .help(help),
        );
        CowStr::from(dest.to_owned())
    }

    /// The help of a link to a missing document: the document with the same file name (a
    /// wrong number of `../`), else the closest path, written relative to this file.
    fn document_suggestion(&self, path: &str) -> String {
        let name = path.rsplit('/').next().unwrap_or(path);
        let same_name: Vec<&str> = self
            .map
            .documents
            .keys()
            .map(String::as_str)
            .filter(|p| p.rsplit('/').next() == Some(name))
            .collect();
        let candidate = match same_name[..] {
            [one] => Some(one),
            [] => crate::diag::suggest(path, self.map.documents.keys().map(String::as_str)),
            _ => {
                crate::diag::suggest(path, same_name.iter().copied()).or(same_name.first().copied())
            }
        };
        match candidate {
            Some(c) => format!(
                "did you mean `{}` ({c})? Paths are relative to this file",
                links::relative(&self.doc.path, c)
            ),
            None => "check the file name and the number of `../`; paths are relative to this file"
                .to_owned(),
        }
    }

    /// A `service:` link: the contact from the service directory in its place (see
    /// [`service_refs`]), its label the link's text; an unknown id is an error at the link.
    fn service_ref(
        &mut self,
        id: &str,
        inner: &[(Event<'a>, std::ops::Range<usize>)],
        offset: usize,
        len: usize,
    ) {
        let label = inline_text(inner);
        let network = match &self.doc.scope {
            crate::content::Scope::National => None,
            crate::content::Scope::Network(n) => Some(n.as_str()),
        };
        let found = service_refs::key(id, network).and_then(|key| {
            let contact = self.map.services.get(&key).cloned();
            self.rendered.service_lookups.push((key, contact.clone()));
            contact.ok_or(service_refs::Problem::Unknown { suggestion: None })
        });
        match found {
            Ok(c) => {
                self.rendered.text.push_str(&service_refs::text(&c, &label));
                self.out
                    .push(Event::InlineHtml(placeholder(self.generated.len()).into()));
                self.generated.push(service_refs::html(&c, &label));
            }
            Err(problem) => {
                self.rendered.text.push_str(&label);
                self.out.push(Event::Text(label.into()));
                if self.map.history {
                    return;
                }
                let problem = match problem {
                    service_refs::Problem::Unknown { .. } => {
                        // A suggestion depends on every contact.
                        self.rendered.used_all_paths = true;
                        service_refs::Problem::Unknown {
                            suggestion: service_refs::suggest(id, network, &self.map.services),
                        }
                    }
                    p => p,
                };
                self.rendered.diags.push(
                    Diagnostic::error(
                        "unknown-service",
                        &self.doc.path,
                        format!("there is no service `{id}` in the service directory"),
                    )
                    .at_located(&mut self.locator, offset, len)
                    .help(service_refs::help(&problem, id)),
                );
            }
        }
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
                .at_located(&mut self.locator, offset, len)
                .help("link with https://, mailto: or tel:, or to another document's .md file"),
            );
            return CowStr::Borrowed("");
        }
        if let Some(site_path) = links::site_path(&dest, &self.map.site_url, &self.map.base_path) {
            return self.site_link(&dest, site_path, offset, len);
        }
        match links::classify(&self.doc.path, &dest) {
            Target::Unchanged => dest,
            Target::OtherFile(path) => {
                let name = path.rsplit('/').next().unwrap_or(&path);
                let asset = self
                    .map
                    .assets
                    .iter()
                    .find(|a| a.rsplit('/').next() == Some(name));
                let help = match asset {
                    Some(a) => format!(
                        "did you mean `{}`? Files are published from assets/ only",
                        links::relative(&self.doc.path, &format!("assets/{a}"))
                    ),
                    None => "put the file in the content folder's assets/ and link to it there (paths are relative to this file)".to_owned(),
                };
                self.rendered.used_all_paths = true;
                self.rendered.diags.push(
                    Diagnostic::error(
                        "broken-asset",
                        &self.doc.path,
                        format!("link to `{path}`, which is not published: only documents and files under assets/ are"),
                    )
                    .at_located(&mut self.locator, offset, len)
                    .help(help),
                );
                dest
            }
            Target::SameDocument(anchor) => {
                self.rendered.links.push(DocumentLink {
                    target: self.doc.id.clone(),
                    anchor: Some(anchor),
                    offset,
                    len,
                });
                dest
            }
            Target::Asset(asset) => {
                self.asset(&asset, &dest, offset, len);
                format!("{}assets/{}", self.map.base_path, asset).into()
            }
            Target::OutsideContent => {
                self.rendered.diags.push(
                    Diagnostic::error("broken-link", &self.doc.path, format!("link `{dest}` points outside the content folder"))
                        .at_located(&mut self.locator, offset, len)
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
                None if self.map.history => CowStr::Borrowed(GONE),
                None => {
                    self.rendered.used_all_paths = true;
                    self.suggestions += 1;
                    let help = if self.suggestions <= MAX_SUGGESTIONS {
                        self.document_suggestion(&path)
                    } else {
                        "check the file name and the number of `../`; paths are relative to this file".to_owned()
                    };
                    self.rendered.diags.push(
                        Diagnostic::error(
                            "broken-link",
                            &self.doc.path,
                            format!("link to `{path}`, which is not a document"),
                        )
                        .at_located(&mut self.locator, offset, len)
                        .help(help),
                    );
                    dest
                }
            },
        }
    }
}

/// Byte ranges of the values of `href` and `src` attributes in the tags of an HTML fragment
/// (comments skipped). Delimiters are ASCII, so every range is on character boundaries.
fn url_attributes(html: &str) -> Vec<(usize, usize)> {
    let b = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        i += 1;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'/' || b[i] == b'!') {
            i += 1;
        }
        // Attributes, up to the end of the tag.
        while i < b.len() && b[i] != b'>' && b[i] != b'<' {
            if b[i].is_ascii_whitespace() || b[i] == b'/' {
                i += 1;
                continue;
            }
            let name_start = i;
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && !matches!(b[i], b'=' | b'>' | b'<' | b'/')
            {
                i += 1;
            }
            let name = &html[name_start..i];
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= b.len() || b[i] != b'=' {
                if i == name_start {
                    i += 1;
                }
                continue;
            }
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            // Quoted values run to the closing quote (skipped), unquoted ones to a space or `>`.
            let (start, end, next) = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = b[i + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |e| i + 1 + e);
                    (i + 1, end, (end + 1).min(b.len()))
                }
                _ => {
                    let end = b[i..]
                        .iter()
                        .position(|&c| c.is_ascii_whitespace() || c == b'>')
                        .map_or(b.len(), |e| i + e);
                    (i, end, end)
                }
            };
            i = next;
            if name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src") {
                found.push((start, end));
            }
        }
    }
    found
}

/// Byte offsets of `<img` tags in raw HTML that have no `alt` attribute.
fn html_images_without_alt(html: &str) -> Vec<usize> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let start = from + i;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if !tag.contains(" alt=") || tag.contains("alt=\"\"") || tag.contains("alt=''") {
            found.push(start);
        }
        from = end;
    }
    found
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
