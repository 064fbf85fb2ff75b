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
        let (code, help) = if self.message.contains("unknown field") {
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
            ("unknown-field", help)
        } else if self.message.contains("invalid type")
            || self.message.contains("must be in quotes")
        {
            (
                "invalid-type",
                "check the value's type: text, a date such as 2026-03-01, or a list such as [a, b]"
                    .to_owned(),
            )
        } else if self.message.contains("duplicate field") {
            ("duplicate-field", "keep one of the two entries".to_owned())
        } else if self.message.contains("unknown variant") {
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
                None => format!("write one of: {}", expected.join(", ")),
            };
            ("invalid-value", help)
        } else if self.message.contains("missing field") {
            (
                "missing-field",
                format!(
                    "add `{}: ...` to this entry",
                    unknown.unwrap_or("the field")
                ),
            )
        } else {
            (
                "yaml-syntax",
                "check indentation (spaces, not tabs), quotes and `key: value` pairs; quote text containing `: ` or starting with a special character".to_owned(),
            )
        };
        let span = unknown.map_or(1, |u| u.chars().count());
        Diagnostic::error(code, path, self.message)
            .at(file_text, line, col, span)
            .help(help)
    }
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
