//! The front matter of a translation or Easy Read version: read into [`VariantMeta`], every
//! missing or invalid field reported at once at its value, and an approval date after today
//! refused.

use super::VariantMeta;
use crate::content::{self, Status, Version};
use crate::diag::{suggest, Diagnostic};
use crate::yaml;
use jiff::civil::Date;
use serde::Deserialize;

/// Front matter as typed: every field optional so all missing ones are reported at once.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: Option<String>,
    summary: Option<String>,
    #[serde(default, deserialize_with = "content::quoted_version")]
    translation_of_version: Option<String>,
    status: Option<String>,
    approved: Option<String>,
    translator: Option<String>,
    reviewer: Option<String>,
    machine_assisted: Option<bool>,
}

/// The statuses a translation can have: it follows its English leaflet, so it is never
/// withdrawn on its own (remove the file instead).
const STATUSES: [Status; 3] = [Status::Draft, Status::Consultation, Status::Approved];

/// Line, column and length of a top-level front-matter value; the first line if absent.
pub(super) fn locate(text: &str, key: &str) -> (usize, usize, usize) {
    let Some(split) = content::split_front_matter(text) else {
        return (1, 1, 3);
    };
    match crate::place::value_span(split.yaml, key) {
        Some((line, col, len)) => (line + split.yaml_line_offset, col, len),
        None => (split.close_line, 1, 3),
    }
}

pub(super) fn parse_meta(
    path: &str,
    text: &str,
    split: &content::Split<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<VariantMeta> {
    let (raw, errors) = yaml::parse::<RawMeta>(split.yaml);
    let before = diags.len();
    diags.extend(
        errors
            .into_iter()
            .map(|e| e.into_diagnostic(path, text, split.yaml_line_offset)),
    );
    let raw = raw?;
    let mut f = Fields { path, text, diags };
    let title = f.required("title", raw.title, "the leaflet's title in this language");
    let summary = f.required("summary", raw.summary, "one sentence in this language");
    let translator = f.required(
        "translator",
        raw.translator,
        "who translated it (a person or a service)",
    );
    let of = f.required(
        "translation_of_version",
        raw.translation_of_version,
        "\"2.1\"",
    );
    let status_text = f.required("status", raw.status, "draft | consultation | approved");
    let draft = status_text.as_deref() == Some("draft");
    let (approved_text, reviewer) = if draft || status_text.is_none() {
        (raw.approved, raw.reviewer)
    } else {
        (
            f.required("approved", raw.approved, "2026-03-01"),
            f.required(
                "reviewer",
                raw.reviewer,
                "who checked it against the English leaflet",
            ),
        )
    };
    let status = status_text.as_deref().and_then(|s| {
        let found = STATUSES.into_iter().find(|x| x.id() == s);
        if found.is_none() {
            let names: Vec<&str> = STATUSES.iter().map(|s| s.id()).collect();
            let help = match suggest(s, names.iter().copied()) {
                Some(g) => format!("did you mean `{g}`? Allowed: {}", names.join(", ")),
                None => format!(
                    "use one of: {}; a translation is withdrawn by removing its file",
                    names.join(", ")
                ),
            };
            f.error(
                "invalid-value",
                "status",
                format!("`{s}` is not a valid status for a translation"),
                help,
            );
        }
        found
    });
    let version = of.as_deref().and_then(|v| {
        let parsed = Version::parse(v);
        if parsed.is_none() {
            f.error(
                "invalid-version",
                "translation_of_version",
                format!("`{v}` is not a version of the form MAJOR.MINOR"),
                "write the English leaflet's version that was translated, e.g. translation_of_version: \"2.1\"".to_owned(),
            );
        }
        parsed
    });
    let approved = approved_text
        .as_deref()
        .and_then(|a| match content::parse_date(a) {
            Ok(d) => Some(d),
            Err(why) => {
                f.error(
                    "invalid-date",
                    "approved",
                    format!("`approved`: {}", why.message),
                    why.help,
                );
                None
            }
        });
    if diags.len() > before {
        return None;
    }
    Some(VariantMeta {
        title: title?,
        summary: summary?,
        translation_of_version: version?,
        status: status?,
        approved,
        translator: translator?,
        reviewer,
        machine_assisted: raw.machine_assisted.unwrap_or(false),
    })
}

/// Reports problems with front-matter fields at their values.
struct Fields<'a, 'd> {
    path: &'a str,
    text: &'a str,
    diags: &'d mut Vec<Diagnostic>,
}

impl Fields<'_, '_> {
    fn error(&mut self, code: &'static str, key: &str, message: String, help: String) {
        let (line, col, len) = locate(self.text, key);
        self.diags.push(
            Diagnostic::error(code, self.path, message)
                .at(self.text, line, col, len)
                .help(help),
        );
    }

    fn required(&mut self, key: &str, value: Option<String>, example: &str) -> Option<String> {
        let value = value.filter(|v| !v.trim().is_empty());
        if value.is_none() {
            self.error(
                "missing-field",
                key,
                format!("required field `{key}` is missing or empty"),
                format!("add `{key}: {example}` to the front matter"),
            );
        }
        value
    }
}

/// An approval date after today is an error, as for documents: the translation would be
/// published as approved before it is.
pub(super) fn approved_in_future(
    path: &str,
    text: &str,
    meta: &VariantMeta,
    today: Date,
) -> Option<Diagnostic> {
    let a = meta.approved.filter(|a| *a > today)?;
    if meta.status != Status::Approved {
        return None;
    }
    let (line, col, len) = locate(text, "approved");
    Some(
        Diagnostic::error(
            "approved-in-future",
            path,
            format!("`approved` is {a}, after today ({today})"),
        )
        .at(text, line, col, len)
        .help("write the date it was approved; until then keep `status: draft`"),
    )
}
