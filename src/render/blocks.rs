//! Headings and code blocks, each read whole: a heading gets its anchor and contents-list
//! entry, a code block is highlighted, and a ```` ```flowchart ```` block is checked and drawn.

use super::{
    anchors, escape_attr, escape_text, highlight, inline_text, placeholder, Heading, Renderer,
    Section, SourceSpan, TocEntry,
};
use crate::diag::Diagnostic;
use crate::flowchart;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

impl<'a, 'd> Renderer<'a, 'd> {
    pub(super) fn heading(
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

    pub(super) fn code_block(
        &mut self,
        lang: &str,
        inner: Vec<(Event<'a>, std::ops::Range<usize>)>,
        offset: usize,
        len: usize,
    ) {
        if lang == "flowchart" {
            return self.flowchart(&inner, offset);
        }
        // A code block holds only text events.
        let code = inline_text(&inner);
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
        let code = inline_text(inner);
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
            figure,
        };
        self.rendered.text.push_str(&flowchart::text::plain(&chart));
        self.out.push(Event::Html(
            format!("{}\n", placeholder(self.generated.len())).into(),
        ));
        self.generated.push(flowchart::html(&chart, &ids, &urls));
    }
}
