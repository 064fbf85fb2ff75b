//! References from documents to the service directory: a Markdown link whose address is
//! `service:<hospital>/<kind>` (or `service:<network>/<hospital>/<kind>`) shows the current
//! contact from the network's services.yaml in its place — name, phone as a `tel:` link, route,
//! hours and when it was last verified — so a changed number is edited once. The contacts are
//! gathered here once per build, as plain values the renderer looks up (and the cache
//! compares); an unknown id is an `unknown-service` error at the link.

use crate::html::escape_attr;
use crate::html::escape_text;
use crate::network::Network;
use crate::services::{self, ServiceKind};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The address scheme of a reference: `[Spinal on-call](service:kings/spinal-on-call)`.
pub const SCHEME: &str = "service:";

/// One contact as a document shows it, keyed in [`Contacts`] by `<network>/<hospital>/<kind>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Contact {
    pub hospital: String,
    pub service: &'static str,
    /// As written, and as a `tel:` address.
    pub phone: Option<(String, String)>,
    pub route: Option<String>,
    pub email: Option<String>,
    pub referral_url: Option<String>,
    pub hours: String,
    /// `1 October 2026`, and as YYYY-MM-DD.
    pub verified: String,
    pub verified_iso: String,
    /// Not verified within `service_verification_months`.
    pub overdue: bool,
    /// The directory's contacts are example placeholders.
    pub example: bool,
    /// The entry on the network's directory page.
    pub url: String,
}

/// Every contact of every network's directory.
pub type Contacts = BTreeMap<String, Contact>;

/// The contacts of `networks`; `root(network)` is the address their directory pages are under
/// (the site's base path, or the full site's address for a network outside a `--network` build).
pub fn contacts(
    networks: &[Network],
    today: Date,
    months: u32,
    root: impl Fn(&str) -> String,
) -> Contacts {
    let mut out = Contacts::new();
    for n in networks {
        let Some(d) = &n.services else { continue };
        let root = root(&n.id);
        for h in &d.hospitals {
            for s in &h.services {
                let contact = Contact {
                    hospital: h.name.clone(),
                    service: s.kind.label(),
                    phone: s.phone.as_ref().map(|p| (p.text.clone(), p.tel.clone())),
                    route: s.route.clone(),
                    email: s.email.clone(),
                    referral_url: s.referral_url.clone(),
                    hours: s.hours.text(),
                    verified: crate::dates::format_date(s.verified),
                    verified_iso: s.verified.to_string(),
                    overdue: services::overdue(s.verified, today, months),
                    example: d.example,
                    url: format!("{root}{}/services/#{}-{}", n.id, h.id, s.kind.id()),
                };
                out.insert(format!("{}/{}/{}", n.id, h.id, s.kind.id()), contact);
            }
        }
    }
    out
}

/// Why a reference does not name a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A national document wrote `<hospital>/<kind>`: it has no network of its own.
    NeedsNetwork,
    /// Nothing has that id; with the closest id written as the author would write it.
    Unknown { suggestion: Option<String> },
}

/// The key in [`Contacts`] of the reference `id` (the address after `service:`) written in a
/// document of `network` (`None` for a national document).
pub fn key(id: &str, network: Option<&str>) -> Result<String, Problem> {
    match (id.split('/').count(), network) {
        (3, _) => Ok(id.to_owned()),
        (2, Some(n)) => Ok(format!("{n}/{id}")),
        (2, None) => Err(Problem::NeedsNetwork),
        _ => Err(Problem::Unknown { suggestion: None }),
    }
}

/// The closest existing reference to the unknown `id`, written as the author would write it
/// from a document of `network`.
pub fn suggest(id: &str, network: Option<&str>, contacts: &Contacts) -> Option<String> {
    let local = |k: &str| -> String {
        match network.and_then(|n| k.strip_prefix(n)?.strip_prefix('/')) {
            Some(rest) if id.split('/').count() == 2 => rest.to_owned(),
            _ => k.to_owned(),
        }
    };
    let written: Vec<String> = contacts.keys().map(|k| local(k)).collect();
    crate::diag::suggest(id, written.iter().map(String::as_str)).map(str::to_owned)
}

/// The help of an `unknown-service` error.
pub fn help(problem: &Problem, id: &str) -> String {
    match problem {
        Problem::NeedsNetwork => format!(
            "a national document names the network too: `service:<network>/{id}`"
        ),
        Problem::Unknown {
            suggestion: Some(s),
        } => format!("did you mean `service:{s}`?"),
        Problem::Unknown { suggestion: None } => format!(
            "write `service:<hospital>/<kind>` with a hospital id from the network's services.yaml and a kind it lists ({})",
            ServiceKind::ALL.map(ServiceKind::id).join(", ")
        ),
    }
}

/// The contact as a document shows it: phrasing content (it may sit inside a sentence or a
/// list item), labelled `label` or with the hospital and service.
pub fn html(c: &Contact, label: &str) -> String {
    let label = if label.trim().is_empty() {
        format!("{}: {}", c.hospital, c.service.to_lowercase())
    } else {
        label.trim().to_owned()
    };
    let mut out = format!(
        "<span class=\"service-ref{}\"><a class=\"service-ref-name\" href=\"{}\">{}</a>",
        if c.overdue {
            " service-ref-overdue"
        } else {
            ""
        },
        escape_attr(&c.url),
        escape_text(&label)
    );
    let mut parts: Vec<String> = Vec::new();
    if let Some((text, tel)) = &c.phone {
        parts.push(format!(
            "<a class=\"service-ref-phone\" href=\"tel:{}\">{}</a>",
            escape_attr(tel),
            escape_text(text)
        ));
    }
    if let Some(route) = &c.route {
        parts.push(escape_text(route));
    }
    if let Some(email) = &c.email {
        parts.push(format!(
            "<a href=\"mailto:{}\">{}</a>",
            escape_attr(email),
            escape_text(email)
        ));
    }
    if let Some(url) = &c.referral_url {
        parts.push(format!(
            "<a href=\"{}\">referral form</a>",
            escape_attr(url)
        ));
    }
    parts.push(escape_text(&c.hours));
    out.push_str(": ");
    out.push_str(&parts.join(", "));
    if c.overdue {
        out.push_str(&format!(
            " <strong class=\"service-ref-status\">(overdue for verification: last checked <time datetime=\"{}\">{}</time>; check the number before relying on it)</strong>",
            c.verified_iso, c.verified
        ));
    } else {
        out.push_str(&format!(
            " <span class=\"service-ref-status\">(checked <time datetime=\"{}\">{}</time>)</span>",
            c.verified_iso, c.verified
        ));
    }
    if c.example {
        out.push_str(" <span class=\"service-ref-example\">(example contact)</span>");
    }
    out.push_str("</span>");
    out
}

/// The contact as plain text, for search and reading levels.
pub fn text(c: &Contact, label: &str) -> String {
    let mut parts = vec![if label.trim().is_empty() {
        format!("{} {}", c.hospital, c.service)
    } else {
        label.trim().to_owned()
    }];
    parts.extend(c.phone.iter().map(|(t, _)| t.clone()));
    parts.extend(c.route.clone());
    parts.push(c.hours.clone());
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(overdue: bool) -> Contact {
        Contact {
            hospital: "King's College Hospital".into(),
            service: "Spinal on-call",
            phone: Some(("020 0000 0000".into(), "+442000000000".into())),
            route: Some("Switchboard, then bleep 1234".into()),
            email: None,
            referral_url: None,
            hours: "24/7".into(),
            verified: "1 October 2026".into(),
            verified_iso: "2026-10-01".into(),
            overdue,
            example: false,
            url: "/selk/services/#kings-spinal-on-call".into(),
        }
    }

    #[test]
    fn a_short_id_is_in_the_documents_own_network() {
        assert_eq!(
            key("kings/spinal-on-call", Some("selk")),
            Ok("selk/kings/spinal-on-call".into())
        );
        assert_eq!(
            key("selk/kings/spinal-on-call", None),
            Ok("selk/kings/spinal-on-call".into())
        );
        assert_eq!(
            key("kings/spinal-on-call", None),
            Err(Problem::NeedsNetwork)
        );
        assert!(matches!(
            key("kings", Some("selk")),
            Err(Problem::Unknown { .. })
        ));
    }

    #[test]
    fn suggestions_are_written_as_the_author_writes_them() {
        let mut all = Contacts::new();
        all.insert("selk/kings/spinal-on-call".into(), contact(false));
        assert_eq!(
            suggest("kings/spinal-oncall", Some("selk"), &all).as_deref(),
            Some("kings/spinal-on-call")
        );
        assert_eq!(
            suggest("selk/kings/spinal-oncall", None, &all).as_deref(),
            Some("selk/kings/spinal-on-call")
        );
    }

    #[test]
    fn the_contact_shows_its_phone_hours_and_verification() {
        let h = html(&contact(false), "");
        assert!(
            h.contains("href=\"tel:+442000000000\">020 0000 0000</a>"),
            "{h}"
        );
        assert!(
            h.contains("King&#39;s College Hospital: spinal on-call")
                || h.contains("King's College Hospital: spinal on-call"),
            "{h}"
        );
        assert!(h.contains("24/7"));
        assert!(h.contains("checked <time datetime=\"2026-10-01\">1 October 2026</time>"));
        let overdue = html(&contact(true), "Hub on-call");
        assert!(overdue.contains("service-ref-overdue"));
        assert!(overdue.contains("overdue for verification"));
        assert!(overdue.contains(">Hub on-call</a>"));
    }
}
