//! The field-by-field checks of a document's front matter: each problem a diagnostic pointing
//! at its line, with what would be right.

use super::*;

/// Checks raw front matter field by field, pointing each problem at its line.
pub(super) struct Checker<'a, 'd> {
    pub(super) path: &'a str,
    pub(super) text: &'a str,
    pub(super) split: &'a Split<'a>,
    pub(super) diags: &'d mut Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    /// Line, column and length of a top-level field's value; the closing `---` if absent.
    fn locate(&self, key: &str) -> (usize, usize, usize) {
        match crate::place::value_span(self.split.yaml, key) {
            Some((line, col, len)) => (line + self.split.yaml_line_offset, col, len),
            None => (self.split.close_line, 1, 3),
        }
    }

    fn error(&mut self, code: &'static str, key: &str, message: String, help: String) {
        let (line, col, len) = self.locate(key);
        self.diags.push(
            Diagnostic::error(code, self.path, message)
                .at(self.text, line, col, len)
                .help(help),
        );
    }

    fn required(&mut self, key: &str, value: Option<String>, example: &str) -> Option<String> {
        match value.filter(|v| !v.trim().is_empty()) {
            Some(v) => Some(v),
            None => {
                let what = if self.locate(key).0 == self.split.close_line {
                    "is missing"
                } else {
                    "is empty"
                };
                self.error(
                    "missing-field",
                    key,
                    format!("required field `{key}` {what}"),
                    format!("add `{key}: {example}` to the front matter"),
                );
                None
            }
        }
    }

    fn one_of<T: Copy>(
        &mut self,
        key: &str,
        value: &str,
        all: &[T],
        id: fn(T) -> &'static str,
    ) -> Option<T> {
        if let Some(v) = all.iter().copied().find(|v| id(*v) == value) {
            return Some(v);
        }
        let names: Vec<&str> = all.iter().map(|v| id(*v)).collect();
        let help = match suggest(value, names.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed: {}", names.join(", ")),
            None => format!("use one of: {}", names.join(", ")),
        };
        self.error(
            "invalid-value",
            key,
            format!("`{value}` is not a valid {key}"),
            help,
        );
        None
    }

    fn date(&mut self, key: &str, value: Option<&str>) -> Option<Date> {
        match parse_date(value?) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(
                    "invalid-date",
                    key,
                    format!("`{key}`: {}", why.message),
                    why.help,
                );
                None
            }
        }
    }

    pub(super) fn check(mut self, raw: RawMeta, scope: &Scope, ctx: &Context<'_>) -> Meta {
        let title = self.required(
            "title",
            raw.title,
            "Suspected cauda equina syndrome pathway",
        );
        let summary = self.required(
            "summary",
            raw.summary,
            "One sentence saying who this is for and what it covers.",
        );
        let owner = self.required("owner", raw.owner, "Network clinical lead");
        let kind_names = Kind::ALL.map(Kind::id).join(" | ");
        let kind = self
            .required("kind", raw.kind, &kind_names)
            .and_then(|k| self.one_of("kind", &k, &Kind::ALL, Kind::id));
        let status = self
            .required(
                "status",
                raw.status,
                "draft | consultation | approved | withdrawn",
            )
            .and_then(|s| self.one_of("status", &s, &Status::ALL, Status::id));
        let version_text = self.required("version", raw.version, "\"1.0\"");
        let version = version_text.as_deref().and_then(|v| {
            let parsed = Version::parse(v);
            if parsed.is_none() {
                self.error(
                    "invalid-version",
                    "version",
                    format!("`{v}` is not a version of the form MAJOR.MINOR"),
                    "write the version as two numbers, e.g. version: \"2.1\"".to_owned(),
                );
            }
            parsed
        });
        let audience = match raw.audience {
            Some(a) => self.one_of("audience", &a, &Audience::ALL, Audience::id),
            None if kind == Some(Kind::Leaflet) => Some(Audience::Patients),
            None => Some(Audience::Clinicians),
        };
        let leaflet_type =
            match (kind, raw.leaflet_type) {
                (Some(Kind::Leaflet), Some(t)) => {
                    self.one_of("leaflet_type", &t, &LeafletType::ALL, LeafletType::id)
                }
                (Some(Kind::Leaflet), None) => Some(LeafletType::Operation),
                (Some(k), Some(_)) => {
                    self.error(
                    "invalid-leaflet-type",
                    "leaflet_type",
                    format!("`leaflet_type` is for leaflets, and this document is a {}", k.id()),
                    "remove `leaflet_type:`, or set `kind: leaflet` if this is a patient leaflet"
                        .to_owned(),
                );
                    None
                }
                _ => None,
            };

        let needs_approval = status.is_some_and(|s| s != Status::Draft);
        let (mut approved_raw, mut approved_by, mut review_raw) =
            (raw.approved, raw.approved_by, raw.review);
        if needs_approval {
            let why = |f: &str| format!("`{f}` is required unless the status is draft");
            approved_raw =
                self.required_because("approved", approved_raw, "2026-03-01", &why("approved"));
            approved_by = self.required_because(
                "approved_by",
                approved_by,
                "Network Board",
                &why("approved_by"),
            );
            review_raw = self.required_because("review", review_raw, "2027-03-01", &why("review"));
        }
        let approved = self.date("approved", approved_raw.as_deref());
        let review = self.date("review", review_raw.as_deref());
        let eia = self.date(
            "equality_impact_assessment",
            raw.equality_impact_assessment.as_deref(),
        );
        if let (Some(a), Some(r)) = (approved, review) {
            if r <= a {
                self.error(
                    "review-before-approved",
                    "review",
                    format!("review date {r} is not after the approval date {a}"),
                    "set the review date after `approved`, typically one to three years later"
                        .to_owned(),
                );
            }
        }

        let changes = raw.changes.filter(|c| !c.trim().is_empty());
        if let Some(v) = version {
            if v > (Version { major: 1, minor: 0 }) && changes.is_none() {
                self.error(
                    "missing-changes",
                    "version",
                    format!("version {v} needs a `changes` entry saying what changed"),
                    "add `changes: <what changed since the last version>`; it is required above 1.0".to_owned(),
                );
            }
        }

        let conditions = raw.conditions.unwrap_or_default();
        for c in conditions.iter().filter(|_| ctx.glossary.is_some()) {
            let glossary = ctx.glossary.unwrap_or(&EMPTY_GLOSSARY);
            if glossary.condition(c).is_none() {
                let ids = glossary.conditions.iter().map(|c| c.id.as_str());
                let help = match suggest(c, ids) {
                    Some(s) => format!("did you mean `{s}`? Conditions come from glossary.yaml"),
                    None => {
                        "add the condition to glossary.yaml, or use an id listed there".to_owned()
                    }
                };
                let (line, col, len) = self.locate_item("conditions", c);
                self.diags.push(
                    Diagnostic::error(
                        "unknown-condition",
                        self.path,
                        format!("condition `{c}` is not in glossary.yaml"),
                    )
                    .at(self.text, line, col, len)
                    .help(help),
                );
            }
        }

        let adapts = raw.adapts.filter(|a| !a.trim().is_empty());
        if let Some(a) = &adapts {
            if *scope == Scope::National {
                self.error(
                    "invalid-adapts",
                    "adapts",
                    "a national document cannot adapt another document".to_owned(),
                    "remove `adapts:`; only a network's documents adapt national ones".to_owned(),
                );
            } else if !a.starts_with("national/") {
                self.error(
                    "invalid-adapts",
                    "adapts",
                    format!("`adapts` must name a national document, not `{a}`"),
                    "write the national document's id, e.g. `adapts: national/suspected-cauda-equina-syndrome`".to_owned(),
                );
            }
        }

        let evidence = crate::evidence::check(
            crate::evidence::Raw {
                sources: raw.sources,
                evidence_checked: raw.evidence_checked,
                user_tested: raw.user_tested,
            },
            &crate::evidence::Place {
                path: self.path,
                text: self.text,
                front: &self.text[..self.split.body_start],
                close_line: self.split.close_line,
            },
            self.diags,
        );

        // Fields in error fall back to neutral values so the rest of the document (its links,
        // its anchors) is still checked in the same run; the errors already stop the build.
        Meta {
            title: title.unwrap_or_default(),
            kind: kind.unwrap_or(Kind::Standard),
            summary: summary.unwrap_or_default(),
            version: version.unwrap_or(Version { major: 0, minor: 0 }),
            status: status.unwrap_or(Status::Approved),
            approved,
            approved_by,
            review,
            owner: owner.unwrap_or_default(),
            audience: audience.unwrap_or(Audience::Clinicians),
            leaflet_type: (kind == Some(Kind::Leaflet))
                .then(|| leaflet_type.unwrap_or(LeafletType::Operation)),
            conditions,
            adapts,
            changes,
            equality_impact_assessment: eia,
            evidence,
        }
    }

    fn required_because(
        &mut self,
        key: &str,
        value: Option<String>,
        example: &str,
        why: &str,
    ) -> Option<String> {
        if value.as_deref().is_some_and(|v| !v.trim().is_empty()) {
            return value;
        }
        self.error(
            "missing-field",
            key,
            why.to_owned(),
            format!("add `{key}: {example}`, or set `status: draft` while the document is being written"),
        );
        None
    }

    /// Locates a list item (flow `[a, b]` or block `- a`) within a top-level field.
    fn locate_item(&self, key: &str, item: &str) -> (usize, usize, usize) {
        let (line, _, _) = self.locate(key);
        let lines: Vec<&str> = self.text.lines().collect();
        for (i, l) in lines.iter().enumerate().skip(line - 1) {
            if i >= line && !l.starts_with([' ', '-', '\t']) {
                break;
            }
            if let Some(c) = l.find(item) {
                return (i + 1, l[..c].chars().count() + 1, item.chars().count());
            }
        }
        self.locate(key)
    }
}
