//! "Report a problem with this page": where readers send feedback (site.yaml's `feedback:`, a
//! `mailto:` address or a web form, which a network's `network.yaml` may override), checked
//! here, and the link each page shows, prefilled with the page's address and, for a document,
//! its id and version: as the subject and body of an email, or as query parameters of a form.

use crate::config::{base_url_problem, SiteConfig};
use crate::content::Document;
use crate::diag::Diagnostic;
use crate::library::Library;
use crate::network::Network;
use crate::place::value_span;
use serde::Serialize;

/// Where feedback goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// `mailto:<address>`: the address.
    Email(&'a str),
    /// An http(s) form; the prefilled values are added as query parameters.
    Form(&'a str),
}

/// What is wrong with a `feedback:` setting, in words that follow "`feedback` ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError<'a> {
    /// `mailto:` followed by something other than one email address.
    NotOneAddress(&'a str),
    /// An email address without `mailto:`.
    NoMailto(&'a str),
    /// Neither `mailto:` nor a usable web address: what is wrong with it as an address.
    NotAnAddress(String),
}

impl std::fmt::Display for TargetError<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TargetError::NotOneAddress(setting) => {
                write!(f, "`{setting}` is not a mailto: link to one email address")
            }
            TargetError::NoMailto(setting) => write!(
                f,
                "`{setting}` is an email address without `mailto:` in front: write `mailto:{setting}`"
            ),
            TargetError::NotAnAddress(problem) => write!(
                f,
                "must be `mailto:` and an email address, or the address of a web form; it {problem}"
            ),
        }
    }
}

impl std::error::Error for TargetError<'_> {}

/// Reads a `feedback:` setting, or says what is wrong with it.
pub fn target(setting: &str) -> Result<Target<'_>, TargetError<'_>> {
    if let Some(address) = setting.strip_prefix("mailto:") {
        let plain = |s: &str| {
            !s.is_empty()
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "@?&#<>\"\\".contains(c))
        };
        return match address.split_once('@') {
            Some((user, host)) if plain(user) && plain(host) && host.contains('.') => {
                Ok(Target::Email(address))
            }
            _ => Err(TargetError::NotOneAddress(setting)),
        };
    }
    if setting.contains('@') && !setting.contains(':') {
        return Err(TargetError::NoMailto(setting));
    }
    match base_url_problem(setting) {
        None => Ok(Target::Form(setting)),
        Some(problem) => Err(TargetError::NotAnAddress(problem)),
    }
}

/// An error at the `feedback:` line of a settings file when its value cannot be used.
pub fn check_setting(path: &str, text: &str, setting: Option<&str>, diags: &mut Vec<Diagnostic>) {
    let Some(problem) = setting.and_then(|s| target(s).err()) else {
        return;
    };
    let (line, col, len) = value_span(text, "feedback").unwrap_or((1, 1, 1));
    diags.push(
        Diagnostic::error("invalid-feedback", path, format!("`feedback` {problem}"))
            .at(text, line, col, len)
            .help("write `feedback: mailto:team@example.org` or `feedback: https://forms.example.org/report`"),
    );
}

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
    let target = target(setting).ok()?;
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
    fn settings() {
        assert_eq!(target("mailto:a@b.org"), Ok(Target::Email("a@b.org")));
        assert_eq!(
            target("https://forms.example.org/x?y=1"),
            Ok(Target::Form("https://forms.example.org/x?y=1"))
        );
        for bad in [
            "mailto:nobody",
            "mailto:a@b.org?subject=x",
            "a@b.org",
            "javascript:alert(1)",
            "/report/",
        ] {
            assert!(target(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_problem_says_what_would_be_right() {
        let says = |setting| target(setting).unwrap_err().to_string();
        assert_eq!(
            says("mailto:nobody"),
            "`mailto:nobody` is not a mailto: link to one email address"
        );
        assert_eq!(
            says("a@b.org"),
            "`a@b.org` is an email address without `mailto:` in front: write `mailto:a@b.org`"
        );
        let form = says("/report/");
        assert!(
            form.starts_with(
                "must be `mailto:` and an email address, or the address of a web form; it "
            ),
            "{form}"
        );
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        assert_eq!(encode("a b&c=d/é?#+"), "a%20b%26c%3Dd%2F%C3%A9%3F%23%2B");
        assert_eq!(encode("v2.1_x-y~"), "v2.1_x-y~");
        assert_eq!(encode("\r\n"), "%0D%0A");
    }
}
