//! "Report a problem with this page": the link each page shows, to where readers send
//! feedback (site.yaml's `feedback:`, a `mailto:` address or a web form, which a network's
//! `network.yaml` may override; [`crate::config`] checks the setting), prefilled with the
//! page's address and, for a document, its id and version: as the subject and body of an
//! email, or as query parameters of a form.

use crate::config::{feedback_target, FeedbackTarget as Target, SiteConfig};
use crate::content::Document;
use crate::diag::Diagnostic;
use crate::library::Library;
use crate::network::Network;
use serde::Serialize;

/// A warning at site.yaml when pages have no "Report a problem" link.
pub fn lint(lib: &Library, path: &str) -> Option<Diagnostic> {
    lib.site.feedback.is_none().then(|| {
        Diagnostic::warning(
            "no-feedback-link",
            path,
            "site.yaml has no `feedback:`, so pages have no \"Report a problem with this page\" link",
        )
        .help("add `feedback: mailto:team@example.org` (or the address of a web form) to site.yaml")
    })
}

/// The link a page shows.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Link {
    pub url: String,
}

/// The "Report a problem" link of the page at `path` (in the output folder, e.g.
/// `national/x/index.html`), showing `doc` if any, in `network` (one of `networks`) if any;
/// `None` when no feedback address is set. The 404 page, which is shown at any address,
/// prefills nothing.
pub fn link(
    site: &SiteConfig,
    networks: &[Network],
    path: &str,
    doc: Option<&Document>,
    network: Option<&str>,
) -> Option<Link> {
    let setting = network
        .and_then(|id| networks.iter().find(|n| n.id == id))
        .and_then(|n| n.profile.feedback.as_deref())
        .or(site.feedback.as_deref())?;
    let target = feedback_target(setting).ok()?;
    let page = path
        .strip_suffix("index.html")
        .map(|p| format!("{}{p}", site.base_url()));
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(page) = page {
        fields.push(("page", page));
    }
    if let Some(d) = doc {
        fields.push(("document", d.id.clone()));
        fields.push(("version", d.meta.version.to_string()));
    }
    let url = match target {
        Target::Email(address) => {
            // The subject names the document; the body gives the page's address (what a
            // reader would otherwise have to copy), and room to write.
            let subject = match doc {
                Some(d) => format!("Problem with {} version {}", d.id, d.meta.version),
                None => format!("Problem with a page of {}", site.title),
            };
            let body = match fields.first() {
                Some(("page", page)) => format!("{page}\r\n"),
                _ => String::new(),
            };
            format!(
                "mailto:{address}?subject={}&body={}",
                encode(&subject),
                encode(&body)
            )
        }
        Target::Form(form) => {
            let (base, fragment) = form.split_once('#').map_or((form, ""), |(b, f)| (b, f));
            let mut url = base.to_owned();
            for (k, v) in &fields {
                let sep = if url.contains('?') { '&' } else { '?' };
                url.push_str(&format!("{sep}{k}={}", encode(v)));
            }
            if !fragment.is_empty() {
                url.push('#');
                url.push_str(fragment);
            }
            url
        }
    };
    Some(Link { url })
}

/// Percent-encodes everything but the unreserved characters of RFC 3986, byte by byte (so a
/// space is `%20`, which mail programs read in a `mailto:` link, where `+` would stay a plus).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        assert_eq!(encode("a b&c=d/é?#+"), "a%20b%26c%3Dd%2F%C3%A9%3F%23%2B");
        assert_eq!(encode("v2.1_x-y~"), "v2.1_x-y~");
        assert_eq!(encode("\r\n"), "%0D%0A");
    }
}
