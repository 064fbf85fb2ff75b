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

use crate::intern::intern;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

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
    /// Path relative to the content folder, with `/` separators. Shared, like the message
    /// and help: a file with thousands of problems holds its path once.
    pub path: Arc<str>,
    /// 1-based line in the file (front matter included). 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub message: Arc<str>,
    pub help: Option<Arc<str>>,
    /// A bounded window of the source line around the caret; never the whole line, so that
    /// thousands of problems on one long line cost thousands of short strings, not copies of it.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
    /// How many characters the caret underlines (at least one).
    #[serde(skip)]
    pub span: usize,
}

/// Part of a source line, at most [`EXCERPT_WIDTH`] characters (plus `…` where it was cut),
/// with the caret's place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// 1-based column of the caret within `text`.
    pub col: usize,
    /// Characters underlined, never past the end of `text`.
    pub span: usize,
}

/// The most characters of a source line a diagnostic shows.
pub const EXCERPT_WIDTH: usize = 120;
/// How many characters before the caret an excerpt of a long line keeps.
const EXCERPT_BEFORE: usize = 40;

impl Excerpt {
    /// The window around byte `at` of `text`, whose line starts at `line_start` and which is at
    /// character column `col`: found from `at` in both directions, reading at most a window's
    /// worth of the line whatever its length.
    fn around(text: &str, line_start: usize, at: usize, col: usize, span: usize) -> Excerpt {
        let limit = (line_start + 4 * EXCERPT_WIDTH + 4).min(text.len());
        let mut limit_boundary = limit;
        while !text.is_char_boundary(limit_boundary) {
            limit_boundary -= 1;
        }
        let short = text[line_start..limit_boundary]
            .find('\n')
            .is_some_and(|n| text[line_start..line_start + n].chars().count() <= EXCERPT_WIDTH)
            || (limit_boundary == text.len()
                && text[line_start..].chars().count() <= EXCERPT_WIDTH);
        if short {
            let end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |n| line_start + n);
            return Excerpt::of(&text[line_start..end], col, span);
        }
        // A long line: the window starts up to EXCERPT_BEFORE characters before the caret.
        let before: Vec<usize> = text[line_start..at]
            .char_indices()
            .rev()
            .take(EXCERPT_BEFORE)
            .map(|(i, _)| line_start + i)
            .collect();
        let from = before.last().copied().unwrap_or(at);
        let skipped = col - 1 - before.len();
        let window_end = (from + 4 * EXCERPT_WIDTH + 4).min(text.len());
        let mut window_end_b = window_end;
        while !text.is_char_boundary(window_end_b) {
            window_end_b -= 1;
        }
        let rest = &text[from..window_end_b];
        let rest = rest.split('\n').next().unwrap_or("");
        let mut excerpt = Excerpt::of(rest, before.len() + 1, span);
        if skipped > 0 {
            excerpt.text.insert(0, '…');
            excerpt.col += 1;
        }
        excerpt
    }

    /// The window of `line` around the 1-based character column `col`.
    fn of(line: &str, col: usize, span: usize) -> Excerpt {
        let line = line.trim_end_matches('\r');
        let start = if line.len() <= EXCERPT_WIDTH {
            0
        } else {
            col.saturating_sub(1 + EXCERPT_BEFORE)
        };
        let mut chars = line.char_indices().skip(start);
        let from = chars.next().map_or(line.len(), |(i, _)| i);
        let mut to = line.len();
        let mut cut_end = false;
        for (n, (i, _)) in line[from..].char_indices().enumerate() {
            if n == EXCERPT_WIDTH {
                to = from + i;
                cut_end = true;
                break;
            }
        }
        let mut text = String::with_capacity(to - from + 8);
        if start > 0 {
            text.push('…');
        }
        text.push_str(&line[from..to].replace('\t', " "));
        let width = text.chars().count();
        if cut_end {
            text.push('…');
        }
        let col = (col.max(1) - start + usize::from(start > 0)).min(width + 1);
        let span = span.max(1).min((width + 1).saturating_sub(col).max(1));
        Excerpt { text, col, span }
    }
}

/// Line and column of byte offsets in one text. Offsets asked in increasing order cost the
/// distance between them; an earlier offset starts again from its line's start.
#[derive(Debug, Clone)]
pub struct Locator<'t> {
    text: &'t str,
    /// The last offset located (on a character boundary), its line, column and line start.
    offset: usize,
    line: usize,
    col: usize,
    line_start: usize,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Self {
        Locator {
            text,
            offset: 0,
            line: 1,
            col: 1,
            line_start: 0,
        }
    }

    /// 1-based line and character column of `offset`, and the byte offset of its line.
    pub fn locate(&mut self, offset: usize) -> (usize, usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Locator::new(text);
        }
        let between = &text[self.offset..offset];
        match between.rfind('\n') {
            Some(i) => {
                self.line += between.matches('\n').count();
                self.line_start = self.offset + i + 1;
                self.col = text[self.line_start..offset].chars().count() + 1;
            }
            None => self.col += between.chars().count(),
        }
        self.offset = offset;
        (self.line, self.col, self.line_start)
    }
}

impl Diagnostic {
    pub fn error(code: &'static str, path: impl AsRef<str>, message: impl AsRef<str>) -> Self {
        Self::new(Severity::Error, code, path, message)
    }

    pub fn warning(code: &'static str, path: impl AsRef<str>, message: impl AsRef<str>) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        path: impl AsRef<str>,
        message: impl AsRef<str>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            path: intern(path.as_ref()),
            line: 0,
            col: 0,
            message: intern(message.as_ref()),
            help: None,
            excerpt: None,
            span: 1,
        }
    }

    /// Points the diagnostic at `line`/`col` (1-based) of `text`, underlining `span` characters.
    pub fn at(mut self, text: &str, line: usize, col: usize, span: usize) -> Self {
        self.line = line;
        self.col = col.max(1);
        self.span = span.max(1);
        self.excerpt = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| Excerpt::of(l, self.col, self.span));
        self
    }

    /// Points the diagnostic at a byte offset of `text`, underlining `len` bytes of it.
    pub fn at_offset(self, text: &str, offset: usize, len: usize) -> Self {
        self.at_located(&mut Locator::new(text), offset, len)
    }

    /// [`Diagnostic::at_offset`] through a [`Locator`], which finds increasing offsets of one
    /// text in linear time overall: thousands of problems on one long line stay cheap.
    pub fn at_located(mut self, loc: &mut Locator<'_>, offset: usize, len: usize) -> Self {
        let text = loc.text;
        let (line, col, line_start) = loc.locate(offset);
        let at = loc.offset;
        let mut end = (at + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // The underline stops at the end of the line, and never needs to be longer than an
        // excerpt.
        let span = text[at..end]
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .take(EXCERPT_WIDTH + 1)
            .count();
        self.line = line;
        self.col = col;
        self.span = span.max(1);
        self.excerpt = Some(Excerpt::around(text, line_start, at, col, self.span));
        self
    }

    pub fn help(mut self, help: impl AsRef<str>) -> Self {
        self.help = Some(intern(help.as_ref()));
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

/// Sorts diagnostics by file, position, code, then all else shown; in place (no scratch space).
pub fn sort(diags: &mut [Diagnostic]) {
    let shown = |d: &Diagnostic| (d.line, d.col, d.code, d.severity, d.span);
    diags.sort_unstable_by(|a, b| {
        (&a.path, shown(a), &a.message, &a.help).cmp(&(&b.path, shown(b), &b.message, &b.help))
    });
}

pub fn count_errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

/// How the human format presents many diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    /// Show at most this many diagnostics of one code (0: all); the rest are counted in the
    /// summary.
    pub max_per_code: usize,
    /// Show no warnings, only their count.
    pub quiet_warnings: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            max_per_code: DEFAULT_MAX_PER_CODE,
            quiet_warnings: false,
        }
    }
}

/// How many diagnostics of one code the human format shows unless told otherwise.
pub const DEFAULT_MAX_PER_CODE: usize = 10;

/// The human format with the default presentation.
pub fn render_human(diags: &[Diagnostic]) -> String {
    render_human_with(diags, HumanOptions::default())
}

/// The human format: errors first, then warnings, each in file order; after the first
/// `max_per_code` diagnostics of a code the rest are only counted (a note says how many more
/// a file has); then a table of every code with its count and the files it affects most, and
/// a closing line with the totals.
pub fn render_human_with(diags: &[Diagnostic], opts: HumanOptions) -> String {
    let mut out = String::new();
    if diags.is_empty() {
        return out;
    }
    let hidden = blocks(&mut out, diags, opts);
    summary(&mut out, diags, opts, hidden);
    out
}

/// The diagnostics as [`render_human_with`] shows them, without the summary.
pub fn render_blocks(diags: &[Diagnostic], opts: HumanOptions) -> String {
    let mut out = String::new();
    let hidden = blocks(&mut out, diags, opts);
    if hidden > 0 {
        let _ = writeln!(
            out,
            "{} more not shown; --max-per-code 0 shows all",
            thousands(hidden)
        );
    }
    out
}

/// Writes the shown diagnostics, errors first; returns how many were left out.
fn blocks(out: &mut String, diags: &[Diagnostic], opts: HumanOptions) -> usize {
    let cap = if opts.max_per_code == 0 {
        usize::MAX
    } else {
        opts.max_per_code
    };
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hidden = 0usize;
    for severity in [Severity::Error, Severity::Warning] {
        if severity == Severity::Warning && opts.quiet_warnings {
            continue;
        }
        // Codes whose cap was reached in the current file, with how many more it has.
        let mut more_here: BTreeMap<&str, usize> = BTreeMap::new();
        let mut current: Option<&str> = None;
        for d in diags.iter().filter(|d| d.severity == severity) {
            if current != Some(&*d.path) {
                if let Some(path) = current {
                    more_in_file(out, path, severity, &more_here);
                }
                more_here.clear();
                current = Some(&d.path);
            }
            let n = shown.entry(d.code).or_default();
            if *n < cap {
                *n += 1;
                render_one(out, d);
                out.push('\n');
                if *n == cap {
                    more_here.insert(d.code, 0);
                }
            } else {
                hidden += 1;
                if let Some(m) = more_here.get_mut(d.code) {
                    *m += 1;
                }
            }
        }
        if let Some(path) = current {
            more_in_file(out, path, severity, &more_here);
        }
    }
    hidden
}

/// The note after a file whose diagnostics of a code were cut: "and 7,990 more ...".
fn more_in_file(out: &mut String, path: &str, severity: Severity, more: &BTreeMap<&str, usize>) {
    for (code, n) in more.iter().filter(|(_, n)| **n > 0) {
        let what = match severity {
            Severity::Error => plural(*n, "error", "errors"),
            Severity::Warning => plural(*n, "warning", "warnings"),
        };
        let _ = writeln!(
            out,
            "{path}: and {} more {code} {what} in this file (--max-per-code 0 shows all)\n",
            thousands(*n)
        );
    }
}

/// The table at the end: one row per code (errors first), with the files it affects most.
fn summary(out: &mut String, diags: &[Diagnostic], opts: HumanOptions, hidden: usize) {
    let mut by_code: BTreeMap<(Severity, &str), BTreeMap<&str, usize>> = BTreeMap::new();
    for d in diags {
        *by_code
            .entry((d.severity, d.code))
            .or_default()
            .entry(&d.path)
            .or_default() += 1;
    }
    let errors = count_errors(diags);
    let warnings = diags.len() - errors;
    let width = by_code.keys().map(|(_, c)| c.len()).max().unwrap_or(0);
    let count_width = by_code
        .values()
        .map(|f| thousands(f.values().sum()).len())
        .max()
        .unwrap_or(1);
    let _ = writeln!(out, "summary:");
    for ((severity, code), files) in &by_code {
        let count: usize = files.values().sum();
        let mut top: Vec<(&str, usize)> = files.iter().map(|(p, n)| (*p, *n)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut most = top
            .iter()
            .take(3)
            .map(|(p, n)| {
                if *n > 1 {
                    format!("{p} ({})", thousands(*n))
                } else {
                    (*p).to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        if top.len() > 3 {
            let _ = write!(most, " and {} more files", thousands(top.len() - 3));
        }
        let _ = writeln!(
            out,
            "  {:>count_width$}  {:<7}  {code:<width$}  {most}",
            thousands(count),
            severity.as_str(),
        );
    }
    let mut notes = Vec::new();
    if hidden > 0 {
        notes.push(format!(
            "{} not shown above; --max-per-code 0 shows all",
            thousands(hidden)
        ));
    }
    if opts.quiet_warnings && warnings > 0 {
        notes.push("warnings not shown: --quiet-warnings".to_owned());
    }
    let _ = write!(
        out,
        "{} {}, {} {}",
        thousands(errors),
        plural(errors, "error", "errors"),
        thousands(warnings),
        plural(warnings, "warning", "warnings")
    );
    if !notes.is_empty() {
        let _ = write!(out, " ({})", notes.join("; "));
    }
    out.push('\n');
}

/// `7990` → `7,990`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
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

/// One diagnostic: its first line, the excerpt with a caret, and the help line.
pub fn render_one(out: &mut String, d: &Diagnostic) {
    let _ = write!(out, "{}", d.path);
    if d.line > 0 {
        let _ = write!(out, ":{}:{}", d.line, d.col);
    }
    let _ = writeln!(out, ": {}[{}]: {}", d.severity.as_str(), d.code, d.message);
    let gutter = d.line.to_string().len();
    let pad = " ".repeat(gutter);
    if let Some(ex) = d.excerpt.as_ref().filter(|_| d.line > 0) {
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {}", d.line, ex.text);
        let caret_pad = " ".repeat(ex.col.saturating_sub(1));
        let _ = writeln!(out, "{pad} | {caret_pad}{}", "^".repeat(ex.span));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
}

/// The JSON report for CI dashboards.
#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

fn report(diags: &[Diagnostic]) -> Report<'_> {
    let errors = count_errors(diags);
    Report {
        version: 1,
        errors,
        warnings: diags.len() - errors,
        diagnostics: diags,
    }
}

/// The JSON format for CI dashboards: `{"version": 1, "errors": N, "warnings": N, "diagnostics": [...]}`.
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(&report(diags)).unwrap_or_default() + "\n"
}

/// [`render_json`], written to `out` as it is made (every diagnostic, however many).
pub fn write_json(out: impl std::io::Write, diags: &[Diagnostic]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &report(diags))?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)
}

/// Edit distance counting a swap of two neighbouring characters as one edit (optimal string
/// alignment), for "did you mean" suggestions: `sekl` is one slip from `selk`.
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
    fn a_locator_agrees_with_line_col_in_any_order() {
        let text = "ab\nßcd\n\nxyz";
        let mut loc = Locator::new(text);
        for offset in [0, 3, 6, 1, 9, 12, 100, 5] {
            let (line, col, _) = loc.locate(offset);
            assert_eq!((line, col), line_col(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn excerpts_of_long_lines_are_a_window_around_the_caret() {
        let line = "x".repeat(10_000) + "HERE" + &"y".repeat(10_000);
        let d = Diagnostic::error("broken-link", "a.md", "m").at_offset(&line, 10_000, 4);
        let ex = d.excerpt.unwrap();
        assert!(
            ex.text.starts_with('…') && ex.text.ends_with('…'),
            "{}",
            ex.text
        );
        assert!(ex.text.chars().count() <= EXCERPT_WIDTH + 2);
        let at: String = ex.text.chars().skip(ex.col - 1).take(ex.span).collect();
        assert_eq!(at, "HERE");
        assert_eq!(d.col, 10_001);
        // The same from a line number.
        let d = Diagnostic::error("x", "a.md", "m").at(&line, 1, 10_001, 4);
        let ex = d.excerpt.unwrap();
        let at: String = ex.text.chars().skip(ex.col - 1).take(ex.span).collect();
        assert_eq!(at, "HERE");
        // Short lines are whole.
        let d = Diagnostic::error("x", "a.md", "m").at_offset("a\tb: c\nnext", 3, 1);
        assert_eq!(d.excerpt.unwrap().text, "a b: c");
        // Lengths that end inside a character are cut back to it.
        let d = Diagnostic::error("x", "a.md", "m").at_offset("a•b", 0, 2);
        assert_eq!(d.span, 1);
    }

    #[test]
    fn errors_come_first_and_each_code_is_capped() {
        let text = "l1\nl2\nl3\n";
        let mut diags: Vec<Diagnostic> = (1..=3)
            .map(|l| Diagnostic::warning("w", "a.md", "warn").at(text, l, 1, 1))
            .collect();
        diags.extend((1..=3).map(|l| Diagnostic::error("e", "b.md", "err").at(text, l, 1, 1)));
        sort(&mut diags);
        let opts = HumanOptions {
            max_per_code: 2,
            quiet_warnings: false,
        };
        let out = render_human_with(&diags, opts);
        assert!(
            out.find("error[e]").unwrap() < out.find("warning[w]").unwrap(),
            "{out}"
        );
        assert_eq!(out.matches("error[e]").count(), 2, "{out}");
        assert!(
            out.contains("b.md: and 1 more e error in this file"),
            "{out}"
        );
        assert!(
            out.contains("a.md: and 1 more w warning in this file"),
            "{out}"
        );
        assert!(out.contains("\n  3  error    e  b.md (3)\n"), "{out}");
        assert!(
            out.ends_with("3 errors, 3 warnings (2 not shown above; --max-per-code 0 shows all)\n"),
            "{out}"
        );
        let quiet = render_human_with(
            &diags,
            HumanOptions {
                quiet_warnings: true,
                max_per_code: 0,
            },
        );
        assert!(!quiet.contains("warning[w]"), "{quiet}");
        assert!(quiet.contains("  3  warning  w  a.md (3)\n"), "{quiet}");
        assert!(
            quiet.ends_with("3 errors, 3 warnings (warnings not shown: --quiet-warnings)\n"),
            "{quiet}"
        );
        assert_eq!(thousands(7990), "7,990");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn suggestions_find_close_words_only() {
        assert_eq!(suggest("reveiw", ["review", "title"]), Some("review"));
        assert_eq!(suggest("zzzzzz", ["review", "title"]), None);
        assert_eq!(suggest("sekl", ["selk", "severn"]), Some("selk"));
        assert_eq!(suggest("hoem", ["hub", "home"]), Some("home"));
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
