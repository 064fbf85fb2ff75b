//! Sanitising: author HTML inside Markdown passes through ammonia with an explicit allow-list,
//! and every link or image URL is checked for a safe scheme, so no script, event handler or
//! `javascript:` URL reaches a published page.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Schemes a link may use. Relative URLs are always allowed.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags([
        "details",
        "summary",
        "figure",
        "figcaption",
        "input",
        "mark",
        "abbr",
        "section",
        "aside",
    ])
    .add_generic_attributes(["id", "class", "title", "lang", "role"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("th", ["style", "scope"])
    .add_tag_attributes("td", ["style"])
    .add_tag_attributes("ol", ["start"])
    .add_tag_attributes("a", ["href", "hreflang"])
    .filter_style_properties(HashSet::from(["text-align"]))
    .url_schemes(SAFE_SCHEMES.iter().copied().collect())
    .link_rel(None);
    b
});

/// The tags the cleaner keeps, from its own configuration.
static ALLOWED_TAGS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| CLEANER.clone_tags());

/// What the cleaner will remove from a fragment of author HTML, for a warning: each tag it does
/// not allow (`<script>`, `<iframe>`, ...) and each event-handler attribute (`onclick`), with
/// its byte offset in the fragment. Comments are skipped.
pub fn removed(html: &str) -> Vec<(usize, String)> {
    let b = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        if html[lt..].starts_with("<!--") {
            i = html[lt..].find("-->").map_or(b.len(), |e| lt + e + 3);
            continue;
        }
        let start = lt + 1;
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-') {
            end += 1;
        }
        i = end.max(start);
        if end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        if !ALLOWED_TAGS.contains(name.as_str()) {
            found.push((lt, format!("<{name}>")));
            continue;
        }
        let close = html[end..].find('>').map_or(b.len(), |e| end + e);
        let tag = &html[end..close];
        let mut from = 0;
        while let Some(at) = tag[from..].find(|c: char| c.is_ascii_whitespace()) {
            let attr_start = from + at + 1;
            let attr: String = tag[attr_start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if attr.len() > 2 && attr[..2].eq_ignore_ascii_case("on") {
                found.push((
                    end + attr_start,
                    format!("the {} attribute", attr.to_ascii_lowercase()),
                ));
            }
            from = attr_start;
        }
        i = close;
    }
    found
}

/// Cleans a fragment of HTML that contains author-written markup.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Whether a URL is relative or uses a safe scheme. Control characters and whitespace inside
/// the scheme (`java\tscript:`) are treated as unsafe, as browsers ignore them.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url
        .trim_start()
        .chars()
        .take_while(|c| *c != '/' && *c != '?' && *c != '#')
        .collect();
    match trimmed.split_once(':') {
        None => true,
        Some((scheme, _)) => {
            let scheme: String = scheme
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            SAFE_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(&scheme))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let out = clean(
            r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src=x onerror=alert(1)></p>"#,
        );
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
    }

    #[test]
    fn tables_details_and_alignment_survive() {
        let out = clean(
            r#"<details><summary>More</summary><table><tr><th style="text-align: center; color: red">a</th></tr></table></details>"#,
        );
        assert!(
            out.contains("<details>") && out.contains("<summary>"),
            "{out}"
        );
        assert!(out.contains("text-align"), "{out}");
        assert!(!out.contains("color"), "{out}");
    }

    #[test]
    fn what_is_removed_is_named() {
        let html = r#"<p onclick="x()">a</p><script>alert(1)</script><!-- <iframe> --><details><summary>s</summary></details><iframe src=x></iframe>"#;
        let names: Vec<String> = removed(html).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["the onclick attribute", "<script>", "<iframe>"]);
        assert!(removed("<p>fine <abbr title=x>A</abbr></p>").is_empty());
    }

    #[test]
    fn url_schemes() {
        assert!(is_safe_url("../a.md#x"));
        assert!(is_safe_url("https://nhs.uk"));
        assert!(is_safe_url("mailto:a@b"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVa\tScript:alert(1)"));
        assert!(!is_safe_url("data:text/html,<script>"));
        assert!(!is_safe_url("vbscript:x"));
    }
}
