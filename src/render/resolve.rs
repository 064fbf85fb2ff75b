//! Where links and images point: Markdown links and author HTML's `href` and `src` rewritten
//! to page and asset URLs, links to documents kept for checking once every page is known,
//! site-absolute links and pasted site addresses resolved, and broken ones reported with a
//! suggestion.

use super::links::{self, Target};
use super::{
    inline_text, placeholder, sanitize, DocumentLink, Renderer, SourceSpan, GONE, MAX_SUGGESTIONS,
};
use crate::diag::Diagnostic;
use crate::service_refs;
use pulldown_cmark::{CowStr, Event};

impl<'a, 'd> Renderer<'a, 'd> {
    /// A `service:` link: the contact from the service directory in its place (see
    /// [`service_refs`]), its label the link's text; an unknown id is an error at the link.
    pub(super) fn service_ref(
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
    pub(super) fn raw(&mut self, html: CowStr<'a>, offset: usize, len: usize) -> CowStr<'a> {
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

    /// Rewrites a link or image destination, recording links to documents for checking.
    pub(super) fn link(&mut self, dest: CowStr<'a>, offset: usize, len: usize) -> CowStr<'a> {
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
pub(super) fn url_attributes(html: &str) -> Vec<(usize, usize)> {
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
