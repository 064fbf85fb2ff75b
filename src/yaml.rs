//! The one place that calls serde_yaml (deprecated upstream), so it can be swapped for a
//! maintained fork by changing this file alone. Errors keep serde_yaml's line and column,
//! which the callers shift by the front matter's offset in the file.

use crate::diag::{suggest, Diagnostic};
use serde::de::DeserializeOwned;

/// A YAML problem, located within the parsed text (1-based; 0 when serde_yaml gives no place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub col: usize,
}

/// Parses `text` into `T`. An empty or comment-only document parses as an empty mapping, so a
/// missing field is reported as missing rather than as "invalid type: unit value".
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let result = if blank {
        serde_yaml::from_str("{}")
    } else {
        serde_yaml::from_str(text)
    };
    result.map_err(|e| {
        let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        YamlError {
            message: strip_location(&e.to_string()),
            line,
            col,
        }
    })
}

impl YamlError {
    /// A diagnostic for this error in a file whose YAML starts after `line_offset` lines.
    pub fn into_diagnostic(self, path: &str, file_text: &str, line_offset: usize) -> Diagnostic {
        let unknown = backticked(&self.message);
        let mut line = if self.line == 0 {
            1
        } else {
            self.line + line_offset
        };
        let mut col = self.col;
        if self.message.contains("duplicate field") {
            // serde_yaml places duplicates at (1,1): point at the second occurrence instead.
            if let Some(name) = unknown {
                let key = format!("{name}:");
                if let Some((i, _)) = file_text
                    .lines()
                    .enumerate()
                    .skip(line_offset)
                    .filter(|(_, l)| l.starts_with(&key))
                    .nth(1)
                {
                    (line, col) = (i + 1, 1);
                }
            }
        }
        let source_line = file_text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let (code, message, help) = if self.message.contains("unknown field") {
            let expected = self
                .message
                .split_once("expected")
                .map_or("", |(_, rest)| rest)
                .split('`')
                .skip(1)
                .step_by(2)
                .collect::<Vec<_>>();
            let help = match unknown.and_then(|u| suggest(u, expected.iter().copied())) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the fields allowed here are: {}", expected.join(", ")),
            };
            let field = unknown.unwrap_or("?");
            let message = match field_path(&self.message) {
                Some(p) => format!("{p}: unknown field `{field}`"),
                None => format!("unknown field `{field}`"),
            };
            ("unknown-field", message, help)
        } else if self.message.contains(UNQUOTED_VERSION) {
            let written = value_at(source_line, col);
            let quoted = if written.contains('.') {
                written.clone()
            } else {
                format!("{written}.0")
            };
            (
                "invalid-type",
                format!("the version {written} must be in quotes: version: \"{quoted}\""),
                "without quotes YAML reads a version as a number and drops trailing zeros; quote it exactly as you mean it".to_owned(),
            )
        } else if self.message.contains("invalid type") {
            let field = field_path(&self.message);
            let (found, expected) = type_words(&self.message);
            let message = match field {
                Some(f) => format!("`{f}` must be {expected}, not {found}"),
                None => format!("this must be {expected}, not {found}"),
            };
            ("invalid-type", message, format!("write {expected}"))
        } else if self.message.contains("duplicate field") {
            let field = unknown.unwrap_or("?");
            (
                "duplicate-field",
                format!("`{field}` is given twice"),
                "keep one of the two entries".to_owned(),
            )
        } else {
            let (message, help, at) =
                syntax_words(&self.message, file_text, line_offset, line, col);
            (line, col) = at;
            ("yaml-syntax", message, help)
        };
        let span = if code == "unknown-field" || code == "duplicate-field" {
            unknown.map_or(1, |u| u.chars().count())
        } else {
            1
        };
        Diagnostic::error(code, path, message)
            .at(file_text, line, col, span)
            .help(help)
    }
}

/// What the custom check of an unquoted version says; the message is rewritten here with the
/// version exactly as written (serde only sees the number it became).
pub const UNQUOTED_VERSION: &str = "version must be in quotes";

/// `conditions[0].name: invalid type` → `conditions[0].name`.
fn field_path(message: &str) -> Option<&str> {
    let (head, _) = message.split_once(": ")?;
    (!head.contains(' ')).then_some(head)
}

/// The value written at 1-based column `col` of `line`, up to a space or a comment.
fn value_at(line: &str, col: usize) -> String {
    let rest: String = line.chars().skip(col.saturating_sub(1)).collect();
    rest.split([' ', '#', '\t'])
        .next()
        .unwrap_or("")
        .trim_matches(['"', '\''])
        .to_owned()
}

/// serde's "invalid type: map, expected a sequence" as (what was found, what was expected).
fn type_words(message: &str) -> (String, String) {
    let rest = message
        .split_once("invalid type: ")
        .map_or(message, |(_, r)| r);
    let (found, expected) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "another kind of value"));
    let found = match found {
        "map" => "a set of `key: value` lines".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" => "empty".to_owned(),
        f if f.starts_with("string ") => format!("the text {}", &f[7..]),
        f if f.starts_with("integer ") => format!("the number {}", f[8..].trim_matches('`')),
        f if f.starts_with("floating point ") => {
            format!("the number {}", f[15..].trim_matches('`'))
        }
        f if f.starts_with("boolean ") => format!("the yes/no value {}", f[8..].trim_matches('`')),
        f => f.to_owned(),
    };
    let expected = match expected {
        "a sequence" => "a list, such as [a, b]".to_owned(),
        "a string" => {
            "text (put it in quotes if it looks like a number, a date or yes/no)".to_owned()
        }
        e if e.starts_with("struct ") || e == "a map" => "a set of `key: value` lines".to_owned(),
        e if e.starts_with("u8")
            || e.starts_with("u32")
            || e.starts_with("u64")
            || e.starts_with("usize") =>
        {
            "a whole number".to_owned()
        }
        e if e.starts_with("f64") || e.starts_with("f32") => "a number".to_owned(),
        e => e.to_owned(),
    };
    (found, expected)
}

/// A YAML syntax error in plain words, with what would be right and where to point.
fn syntax_words(
    message: &str,
    file_text: &str,
    line_offset: usize,
    line: usize,
    col: usize,
) -> (String, String, (usize, usize)) {
    let lines: Vec<&str> = file_text.lines().collect();
    let here = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
    let at_char = here.chars().nth(col.saturating_sub(1));
    if message.contains("cannot start any token") {
        if at_char == Some('\t') || here[..here.len() - here.trim_start().len()].contains('\t') {
            let tab = here
                .find('\t')
                .map_or(col, |i| here[..i].chars().count() + 1);
            return (
                "a TAB character: YAML is indented with spaces only".to_owned(),
                "replace the tab with spaces (two for each level)".to_owned(),
                (line, tab),
            );
        }
        let c = at_char.unwrap_or('?');
        return (
            format!("a value cannot start with `{c}` unless it is in quotes"),
            "put the whole value in quotes, e.g. title: \"...\"".to_owned(),
            (line, col),
        );
    }
    // A quote opened on an earlier line and never closed runs on to where YAML gives up.
    for (i, l) in lines.iter().enumerate().take(line).skip(line_offset).rev() {
        let value = l.split_once(": ").map_or("", |(_, v)| v.trim());
        for q in ['"', '\''] {
            if value.starts_with(q) && (value.len() == 1 || !value.ends_with(q)) {
                let c = l.find(q).map_or(1, |b| l[..b].chars().count() + 1);
                return (
                    format!("the quote `{q}` opened here is never closed"),
                    format!("end the value with `{q}` on the same line"),
                    (i + 1, c),
                );
            }
        }
    }
    if message.contains("mapping values are not allowed") {
        let indent = here.len() - here.trim_start().len();
        let previous_indent = lines[..line.saturating_sub(1)]
            .iter()
            .skip(line_offset)
            .rev()
            .find(|l| !l.trim().is_empty())
            .map_or(0, |l| l.len() - l.trim_start().len());
        if indent > previous_indent {
            return (
                "this line is indented, so YAML reads it as part of the line above".to_owned(),
                "start the field at the same place as the other fields (or, if it belongs to the line above, give that line no value)".to_owned(),
                (line, 1),
            );
        }
        return (
            "a `:` inside a value: put the value in quotes".to_owned(),
            "write the whole value in quotes, e.g. title: \"Red flags: act now\"".to_owned(),
            (line, col),
        );
    }
    (
        "YAML cannot read this line as `key: value`".to_owned(),
        "check the indentation (spaces, not tabs) and the quotes; put text containing `: ` or starting with a special character in quotes".to_owned(),
        (line, col),
    )
}

fn backticked(message: &str) -> Option<&str> {
    message.split('`').nth(1)
}

/// serde_yaml appends " at line L column C"; our diagnostics carry the place themselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code, reason = "only parsed")]
        a: Option<String>,
    }

    #[test]
    fn reports_unknown_fields_with_location() {
        let err = parse::<T>("a: x\nb: y\n").unwrap_err();
        assert!(err.message.contains("unknown field `b`"), "{}", err.message);
        assert_eq!((err.line, err.col), (2, 1));
    }

    #[test]
    fn blank_text_is_an_empty_mapping() {
        assert!(parse::<T>("# nothing\n\n").is_ok());
    }
}
