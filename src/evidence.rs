//! The evidence behind a document and its testing with users: the optional front matter
//! fields `sources:`, `evidence_checked:` and `user_tested:` become checked types here, with a
//! diagnostic at the file, line and column of each problem, and the view the document page
//! shows of them. The checks that need more than these fields are with their kind: a date in
//! the future (what is recorded as done must have happened) with the approval date's, in the
//! library; the warning when the evidence was not checked for the latest approval with the
//! governance lints.

use crate::config::base_url_problem;
use crate::dates::parse_date;
use crate::diag::Diagnostic;
use crate::place;
use crate::place::value_span;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A source as written in the front matter: every field optional so that each missing one
/// is reported, unknown fields refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    title: Option<String>,
    url: Option<String>,
    reference: Option<String>,
    checked: Option<String>,
}

/// `user_tested:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUserTested {
    date: Option<String>,
    how: Option<String>,
}

/// The three fields as the front matter gave them.
#[derive(Debug, Default)]
pub struct Raw {
    pub sources: Option<Vec<RawSource>>,
    pub evidence_checked: Option<String>,
    pub user_tested: Option<RawUserTested>,
}

/// A document's evidence, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    pub sources: Vec<Source>,
    /// `evidence_checked:`: when the sources were last checked as a whole.
    pub checked: Option<Date>,
    pub user_tested: Option<UserTested>,
}

/// One source of the evidence: a guideline, a paper, a national standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    /// An absolute http(s) address.
    pub url: Option<String>,
    /// A citation, for sources without an address (or beside it).
    pub reference: Option<String>,
    /// When someone last checked that the source says what the document relies on.
    pub checked: Option<Date>,
}

/// How the document was tested with the people it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserTested {
    pub date: Date,
    /// E.g. "Read by 6 patients at the spinal clinic".
    pub how: String,
}

/// The front matter of one document, for locating its problems. Line numbers found in
/// `front` (the file up to the end of its front matter) are the file's own.
pub struct Place<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub front: &'a str,
    /// 1-based line of the closing `---`, where a problem with no line of its own is shown.
    pub close_line: usize,
}

impl Place<'_> {
    fn error(&self, code: &'static str, at: (usize, usize, usize), message: String) -> Diagnostic {
        Diagnostic::error(code, self.path, message).at(self.text, at.0, at.1, at.2)
    }

    fn key(&self, key: &str) -> (usize, usize, usize) {
        value_span(self.front, key).unwrap_or((self.close_line, 1, 3))
    }

    /// The value of `key` inside a list item or block, or the item's first line.
    fn within(&self, lines: &place::Lines, key: &str) -> (usize, usize, usize) {
        place::value(self.front, lines, key)
            .unwrap_or_else(|| place::key_or_item(self.front, lines, key))
    }
}

/// Checks the raw fields, reporting every problem; fields in error are left out.
pub fn check(raw: Raw, at: &Place<'_>, diags: &mut Vec<Diagnostic>) -> Evidence {
    let whole = place::whole(at.front);
    let checked = raw
        .evidence_checked
        .as_deref()
        .and_then(|v| date(v, "evidence_checked", at.key("evidence_checked"), at, diags));
    let items = place::items(at.front, &whole, "sources");
    let list_key = place::key_line(at.front, &whole, "sources").map_or(whole.clone(), |i| i..i + 1);
    let sources = raw
        .sources
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .filter_map(|(n, s)| source(s, &place::nth(&items, n, &list_key), at, diags))
        .collect();
    let user_tested = raw.user_tested.and_then(|u| {
        let block = place::key_line(at.front, &whole, "user_tested")
            .map_or(whole.clone(), |i| place::item_at(at.front, i + 1));
        user_tested(u, &block, at, diags)
    });
    Evidence {
        sources,
        checked,
        user_tested,
    }
}

fn date(
    value: &str,
    key: &str,
    place: (usize, usize, usize),
    at: &Place<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Date> {
    match parse_date(value) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                at.error("invalid-date", place, format!("`{key}`: {}", why.message))
                    .help(why.help),
            );
            None
        }
    }
}

fn missing(
    at: &Place<'_>,
    place: (usize, usize, usize),
    message: String,
    help: &str,
) -> Diagnostic {
    at.error("missing-field", place, message).help(help)
}

fn source(
    raw: RawSource,
    item: &place::Lines,
    at: &Place<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Source> {
    let start = place::item_start(at.front, item);
    let filled = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let (title, url, reference) = (filled(raw.title), filled(raw.url), filled(raw.reference));
    let mut ok = true;
    if title.is_none() {
        diags.push(missing(
            at,
            start,
            "this source has no `title`".to_owned(),
            "add `title:` with the source's name, e.g. `title: \"Spinal injury: assessment and initial management (NICE guideline NG41)\"`",
        ));
        ok = false;
    }
    if url.is_none() && reference.is_none() {
        diags.push(missing(
            at,
            start,
            "this source has neither `url` nor `reference`".to_owned(),
            "add `url:` with its web address, or `reference:` with a citation readers can look up",
        ));
        ok = false;
    }
    if let Some(problem) = url.as_deref().and_then(base_url_problem) {
        diags.push(
            at.error(
                "invalid-url",
                at.within(item, "url"),
                format!("a source's `url` {problem}"),
            )
            .help("write the full address, e.g. https://www.nice.org.uk/guidance/ng59, or use `reference:` for a source without one"),
        );
        ok = false;
    }
    let checked = match raw.checked.as_deref() {
        Some(v) => {
            let d = date(v, "checked", at.within(item, "checked"), at, diags);
            ok &= d.is_some();
            d
        }
        None => None,
    };
    ok.then(|| Source {
        title: title.unwrap_or_default(),
        url,
        reference,
        checked,
    })
}

fn user_tested(
    raw: RawUserTested,
    block: &place::Lines,
    at: &Place<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<UserTested> {
    // The field's name: its value is the block below it.
    let key = match at.key("user_tested") {
        (line, _, _) if line != at.close_line => (line, 1, "user_tested".len()),
        other => other,
    };
    let how = raw.how.filter(|h| !h.trim().is_empty());
    if how.is_none() {
        diags.push(missing(
            at,
            key,
            "`user_tested` does not say how the document was tested".to_owned(),
            "add `how:` under `user_tested:`, e.g. `how: Read by 6 patients at the spinal clinic`",
        ));
    }
    let date = match raw.date {
        Some(v) => date(&v, "date", at.within(block, "date"), at, diags),
        None => {
            diags.push(missing(
                at,
                key,
                "`user_tested` has no `date`".to_owned(),
                "add `date:` under `user_tested:`, the day testing finished, as YYYY-MM-DD",
            ));
            None
        }
    };
    Some(UserTested {
        date: date?,
        how: how?,
    })
}

/// What a document page shows of the evidence.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    pub sources: Vec<SourceView<'a>>,
    /// "Evidence last checked", as words.
    pub checked: Option<String>,
    pub user_tested: Option<UserTestedView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub checked: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct UserTestedView<'a> {
    pub date: String,
    pub how: &'a str,
}

pub fn view(e: &Evidence) -> View<'_> {
    let words = crate::dates::format_date;
    View {
        sources: e
            .sources
            .iter()
            .map(|s| SourceView {
                title: &s.title,
                url: s.url.as_deref(),
                reference: s.reference.as_deref(),
                checked: s.checked.map(words),
            })
            .collect(),
        checked: e.checked.map(words),
        user_tested: e.user_tested.as_ref().map(|u| UserTestedView {
            date: words(u.date),
            how: &u.how,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_front(yaml: &str) -> (Evidence, Vec<Diagnostic>) {
        #[derive(Deserialize)]
        struct T {
            sources: Option<Vec<RawSource>>,
            evidence_checked: Option<String>,
            user_tested: Option<RawUserTested>,
        }
        let text = format!("---\n{yaml}---\nBody\n");
        let (t, errors) = crate::yaml::parse::<T>(yaml);
        assert!(errors.is_empty(), "{errors:?}");
        let t = t.unwrap();
        let front = &text[..text.find("---\nBody").unwrap() + 4];
        let at = Place {
            path: "national/x.md",
            text: &text,
            front,
            close_line: yaml.lines().count() + 2,
        };
        let mut diags = Vec::new();
        let raw = Raw {
            sources: t.sources,
            evidence_checked: t.evidence_checked,
            user_tested: t.user_tested,
        };
        (check(raw, &at, &mut diags), diags)
    }

    #[test]
    fn sources_and_testing_are_read() {
        let (e, diags) = check_front(
            "sources:\n  - title: NICE NG59\n    url: https://www.nice.org.uk/guidance/ng59\n    checked: 2026-01-10\n  - title: A paper\n    reference: J Spine 2020;1:2\nevidence_checked: 2026-01-10\nuser_tested:\n  date: 2026-02-01\n  how: Read by 6 patients\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(e.sources.len(), 2);
        assert_eq!(e.sources[1].reference.as_deref(), Some("J Spine 2020;1:2"));
        assert_eq!(e.checked, Some("2026-01-10".parse().unwrap()));
        assert_eq!(e.user_tested.unwrap().how, "Read by 6 patients");
    }

    #[test]
    fn each_problem_points_at_its_own_value() {
        let (e, diags) = check_front(
            "sources:\n  - title: Good\n    url: https://example.org/a\n  - title: Bad address\n    url: javascript:alert(1)\n  - title: Bad date\n    reference: R\n    checked: 10/01/2026\n  - url: https://example.org/no-title\n",
        );
        let found: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.col)).collect();
        assert_eq!(
            found,
            [
                ("invalid-url", 6, 10),
                ("invalid-date", 9, 14),
                ("missing-field", 10, 5)
            ]
        );
        assert_eq!(
            diags[1].help.as_deref(),
            Some("write the date as YYYY-MM-DD: 2026-01-10")
        );
        assert_eq!(e.sources.len(), 1, "sources in error are left out");
    }

    #[test]
    fn user_testing_needs_a_date_and_how() {
        let (e, diags) = check_front("user_tested:\n  date: 2026-02-01\n");
        assert!(e.user_tested.is_none());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].code, diags[0].line), ("missing-field", 2));
    }
}
