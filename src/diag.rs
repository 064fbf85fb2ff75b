//! Diagnostics: every content problem becomes a [`Diagnostic`] value, never a panic or an early
//! return, so one run can report all of them. Rendered like a compiler's:
//!
//! ```text
//! national/ces.md:7:9: error[invalid-date]: `approved` is not a real date: 2026-02-30
//!   |
//! 7 | approved: 2026-02-30
//!   |           ^^^^^^^^^^
//!   = help: write the date as YYYY-MM-DD, e.g. 2026-02-28
//! ```
//!
//! The renderer is our own (a few lines) because the contract fixes the first line as
//! `path:line:col: severity[code]: message`, which rustc-style renderers do not produce.

use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in the content, located in a file relative to the content folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case identifier such as `invalid-date`; tests and CI dashboards match on it.
    pub code: &'static str,
    /// Path relative to the content folder, with `/` separators.
    pub path: String,
    /// 1-based line in the file (front matter included). 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub message: String,
    pub help: Option<String>,
    /// The source line the caret points into.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters the caret underlines (at least one).
    #[serde(skip)]
    pub span: usize,
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path, message)
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            path: path.into(),
            line: 0,
            col: 0,
            message: message.into(),
            help: None,
            source_line: None,
            span: 1,
        }
    }

    /// Points the diagnostic at `line`/`col` (1-based) of `text`, underlining `span` characters.
    pub fn at(mut self, text: &str, line: usize, col: usize, span: usize) -> Self {
        self.line = line;
        self.col = col.max(1);
        self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        self.span = span.max(1);
        self
    }

    /// Points the diagnostic at a byte offset of `text`, underlining `len` bytes of it.
    pub fn at_offset(self, text: &str, offset: usize, len: usize) -> Self {
        let (line, col) = line_col(text, offset);
        let end = (offset + len).min(text.len());
        let start = offset.min(end);
        let span = text
            .get(start..end)
            .map(|s| s.lines().next().unwrap_or("").chars().count())
            .unwrap_or(1);
        self.at(text, line, col, span)
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Sorts diagnostics into a stable order: by file, then position, then code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.code, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.code, &b.message))
    });
}

pub fn count_errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

/// The human format: one block per diagnostic and a closing summary line.
pub fn render_human(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        render_one(&mut out, d);
        out.push('\n');
    }
    let errors = count_errors(diags);
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        let _ = writeln!(
            out,
            "{} {}, {} {}",
            errors,
            plural(errors, "error", "errors"),
            warnings,
            plural(warnings, "warning", "warnings")
        );
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn render_one(out: &mut String, d: &Diagnostic) {
    let _ = write!(out, "{}", d.path);
    if d.line > 0 {
        let _ = write!(out, ":{}:{}", d.line, d.col);
    }
    let _ = writeln!(out, ": {}[{}]: {}", d.severity.as_str(), d.code, d.message);
    let gutter = d.line.to_string().len();
    let pad = " ".repeat(gutter);
    if let Some(src) = d.source_line.as_deref().filter(|_| d.line > 0) {
        let src = src.trim_end_matches('\r').replace('\t', " ");
        // Very long lines (a pasted paragraph) are cut after the caret's neighbourhood.
        let keep = (d.col + d.span + 40).max(120);
        let src = match src.char_indices().nth(keep) {
            Some((i, _)) => format!("{} …", &src[..i]),
            None => src,
        };
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {}", d.line, src);
        let caret_pad = " ".repeat(d.col.saturating_sub(1));
        let _ = writeln!(out, "{pad} | {caret_pad}{}", "^".repeat(d.span));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
}

/// The JSON format for CI dashboards: `{"version": 1, "errors": N, "warnings": N, "diagnostics": [...]}`.
pub fn render_json(diags: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        version: u32,
        errors: usize,
        warnings: usize,
        diagnostics: &'a [Diagnostic],
    }
    let errors = count_errors(diags);
    let report = Report {
        version: 1,
        errors,
        warnings: diags.len() - errors,
        diagnostics: diags,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// Edit distance counting a swap of two neighbouring letters as one edit (optimal string
/// alignment), for "did you mean" suggestions: `hoem` is one edit from `home`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                cur[j + 1] = cur[j + 1].min(before[j - 1] + 1);
            }
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

/// The closest candidate within a small edit distance, if any.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nßx: y\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        // 'x' follows a two-byte character
        assert_eq!(line_col(text, 4), (2, 2));
    }

    #[test]
    fn human_rendering_has_location_caret_and_help() {
        let text = "---\ntitle: x\nreveiw: 2026-01-01\n---\n";
        let d = Diagnostic::error("unknown-field", "national/a.md", "unknown field `reveiw`")
            .at(text, 3, 1, 6)
            .help("did you mean `review`?");
        let out = render_human(&[d]);
        assert!(
            out.starts_with("national/a.md:3:1: error[unknown-field]: unknown field `reveiw`\n")
        );
        assert!(out.contains("3 | reveiw: 2026-01-01\n"));
        assert!(out.contains("  | ^^^^^^\n"));
        assert!(out.contains("= help: did you mean `review`?"));
        assert!(out.ends_with("1 error, 0 warnings\n"));
    }

    #[test]
    fn suggestions_find_close_words_only() {
        assert_eq!(suggest("reveiw", ["review", "title"]), Some("review"));
        assert_eq!(suggest("zzzzzz", ["review", "title"]), None);
        assert_eq!(suggest("hoem", ["hub", "home"]), Some("home"));
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
