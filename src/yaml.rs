//! The one place that calls serde_yaml (deprecated upstream), so it can be swapped for a
//! maintained fork by changing this file alone. Errors keep serde_yaml's line and column,
//! which the callers shift by the front matter's offset in the file.
//!
//! Every value of every content YAML file (site.yaml, glossary.yaml, network.yaml, front
//! matter) becomes a typed value here, so two rules that hold for all of them are checked
//! here too, before the typed parse:
//!
//! - **No control characters.** Raw ones are refused by the YAML reader; escaped ones
//!   (`"\x01"`, `"\u0007"`) would pass into pages and make feed.xml and sitemap.xml not
//!   well-formed XML.
//! - **Aliases cannot amplify.** An alias (`*name`) repeats the value anchored with `&name`;
//!   a 1 MB file repeating a 1 MB value a thousand times would need gigabytes. The values a
//!   file expands to are counted first, and a file that would expand to more than twice its
//!   own size (plus [`EXPANSION_SLACK`]) is refused before anything is built from it. Without
//!   aliases a file never expands beyond its own size, so ordinary files are never refused.

use crate::diag::{suggest, Diagnostic};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use std::cell::Cell;
use std::fmt;

/// A YAML problem, located within the parsed text (1-based; 0 when serde_yaml gives no place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub problem: Problem,
    pub message: String,
    pub line: usize,
    pub col: usize,
}

/// What is wrong with a YAML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// serde_yaml's own error (syntax, a type, an unknown or duplicate field), told apart by
    /// its message.
    Parse,
    /// A value holds this control character, which no page or feed can carry.
    ControlCharacter(char),
    /// Aliases repeat values until the file would expand beyond the limit.
    Expansion,
}

/// Bytes (or values) a file may expand to beyond twice its size.
pub const EXPANSION_SLACK: usize = 1024;

/// Parses `text` into `T`: the value, unless the file cannot be read as one, and every
/// problem found. A control character in a value is a problem that leaves the value readable
/// (so the rest of the file is still checked); any other problem leaves no value. An empty or
/// comment-only document parses as an empty mapping, so a missing field is reported as
/// missing rather than as "invalid type: unit value".
pub fn parse<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<YamlError>) {
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let text = if blank { "{}" } else { text };
    let mut errors = Vec::new();
    // Only an alias (`*`) can expand a file and only an escape (`\`) can put a control
    // character into a value, so most files skip the scan.
    if text.contains(['*', '\\']) {
        let (budget, found) = Scan::budget(text);
        let seed = Scan {
            budget: &budget,
            found: &found,
        };
        let scanned = serde_yaml::Deserializer::from_str(text)
            .next()
            .map_or(Ok(()), |doc| seed.deserialize(doc));
        // serde_yaml's own errors are left to the typed parse, which reports them its way.
        if let (Err(e), Some(problem)) = (scanned, found.get()) {
            let (line, col) = location(&e);
            let error = YamlError {
                problem,
                message: String::new(),
                line,
                col,
            };
            if problem == Problem::Expansion {
                return (None, vec![error]);
            }
            errors.push(error);
        }
    }
    match serde_yaml::from_str(text) {
        Ok(value) => (Some(value), errors),
        Err(e) => {
            errors.push(parse_error(text, &e));
            (None, errors)
        }
    }
}

fn location(e: &serde_yaml::Error) -> (usize, usize) {
    e.location().map_or((0, 0), |l| (l.line(), l.column()))
}

/// serde_yaml's error, except that a raw control character (which the YAML reader refuses,
/// placing it only roughly) is located exactly.
fn parse_error(text: &str, e: &serde_yaml::Error) -> YamlError {
    let message = strip_location(&e.to_string());
    let raw = text.char_indices().find(|&(_, c)| is_control_character(c));
    if let (true, Some((offset, c))) = (message.contains("control characters"), raw) {
        let (line, col) = crate::diag::line_col(text, offset);
        return YamlError {
            problem: Problem::ControlCharacter(c),
            message,
            line,
            col,
        };
    }
    let (line, col) = location(e);
    YamlError {
        problem: Problem::Parse,
        message,
        line,
        col,
    }
}

/// A visitor that accepts any YAML value and only counts and checks it, stopping at the first
/// control character or when the expansion budget is spent.
#[derive(Clone, Copy)]
struct Scan<'a> {
    /// Bytes and values the rest of the file may still expand to.
    budget: &'a Cell<usize>,
    found: &'a Cell<Option<Problem>>,
}

impl Scan<'_> {
    /// A fresh budget for `text`, and no problem found yet.
    fn budget(text: &str) -> (Cell<usize>, Cell<Option<Problem>>) {
        let units = text.len().saturating_mul(2).saturating_add(EXPANSION_SLACK);
        (Cell::new(units), Cell::new(None))
    }

    fn spend<E: de::Error>(self, units: usize) -> Result<(), E> {
        match self.budget.get().checked_sub(units.max(1)) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => self.fail(Problem::Expansion),
        }
    }

    fn fail<E: de::Error>(self, problem: Problem) -> Result<(), E> {
        self.found.set(Some(problem));
        Err(E::custom("stopped"))
    }
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())?;
        match control_character(v) {
            Some(c) => self.fail(Problem::ControlCharacter(c)),
            None => Ok(()),
        }
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.spend(1)?;
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.spend(1)?;
        d.deserialize_any(self)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag and the value both count.
        use serde::de::VariantAccess;
        self.spend(1)?;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

impl YamlError {
    /// A diagnostic for this error in a file whose YAML starts after `line_offset` lines.
    pub fn into_diagnostic(self, path: &str, file_text: &str, line_offset: usize) -> Diagnostic {
        let line = if self.line == 0 {
            1
        } else {
            self.line + line_offset
        };
        match self.problem {
            Problem::Parse => {}
            Problem::ControlCharacter(c) => {
                return control_diagnostic(c, path, file_text, line, self.col)
            }
            Problem::Expansion => {
                return Diagnostic::error(
                    "yaml-alias-expansion",
                    path,
                    "aliases (`*name`) repeat the value here so often that this file would expand to more than twice its size",
                )
                .at(file_text, line, self.col, 1)
                .help("write each value out where it is needed instead of repeating it with `&name` and `*name`");
            }
        }
        let unknown = backticked(&self.message);
        let mut line = line;
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
            let expected = expected_names(&self.message);
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
        } else if self.message.contains("unknown variant") {
            let expected = expected_names(&self.message);
            let help = match unknown.and_then(|u| suggest(u, expected.iter().copied())) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("write one of: {}", expected.join(", ")),
            };
            let message = format!(
                "`{}` is not one of the values allowed here",
                unknown.unwrap_or("?")
            );
            ("invalid-value", message, help)
        } else if self.message.contains("missing field") {
            let field = unknown.unwrap_or("a required field");
            (
                "missing-field",
                format!("this entry has no `{field}`"),
                format!("add `{field}: ...` to this entry"),
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

/// The line `key: value` as it would be with its value in double quotes (a long value
/// shortened to `...`), for a help line.
fn quoted(line: &str) -> String {
    let Some((key, value)) = line.trim().split_once(':') else {
        return "title: \"...\"".to_owned();
    };
    let value = value.trim();
    let value = if value.chars().count() > 60 || value.is_empty() {
        "...".to_owned()
    } else {
        value.replace('\\', "\\\\").replace('"', "\\\"")
    };
    format!("{key}: \"{value}\"")
}

/// A control character in a value: escaped in quoted text (`"\x01"`), or typed raw.
fn control_diagnostic(c: char, path: &str, file_text: &str, line: usize, col: usize) -> Diagnostic {
    let source = file_text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let after: String = source.chars().skip(col.saturating_sub(1)).collect();
    let (col, span, help) = if after.starts_with(c) {
        (
            col,
            1,
            "delete it: it is invisible in most editors, so retype the text around it if in doubt",
        )
    } else {
        // Point at the escape when the value has one on this line; otherwise at the value.
        let (col, span) = match after.find('\\') {
            Some(at) => {
                let escape = after[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                (col + after[..at].chars().count(), (escape + 1).min(10))
            }
            None => (col, 1),
        };
        (col, span, "remove the escape: write plain text (escapes such as `\\x01` or `\\u0007` are not allowed), and use a block scalar (`|`) for line breaks")
    };
    Diagnostic::error(
        "control-character",
        path,
        format!(
            "this text contains the control character U+{:04X}, which cannot appear on a web page or in the site's feed",
            u32::from(c)
        ),
    )
    .at(file_text, line, col, span)
    .help(help)
}

/// What the custom check of an unquoted version says; the message is rewritten here with the
/// version exactly as written (serde only sees the number it became).
pub const UNQUOTED_VERSION: &str = "version must be in quotes";

/// The backticked names after "expected" in serde's "unknown field"/"unknown variant" text.
fn expected_names(message: &str) -> Vec<&str> {
    message
        .split_once("expected")
        .map_or("", |(_, rest)| rest)
        .split('`')
        .skip(1)
        .step_by(2)
        .collect()
}

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
            format!("put the whole value in quotes: {}", quoted(here)),
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
            format!("write the whole value in quotes: {}", quoted(here)),
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

/// The first character of `text` that no published text may hold: a control character other
/// than tab and line feed, or one of the two noncharacters U+FFFE and U+FFFF. XML (the feed,
/// the sitemap) forbids them outright, and on a web page they show as nothing or as boxes.
pub fn control_character(text: &str) -> Option<char> {
    text.chars().find(|&c| is_control_character(c))
}

/// See [`control_character`].
pub fn is_control_character(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}'
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_help_quotes_the_very_line() {
        assert_eq!(
            quoted("summary: Who to call: the hub"),
            r#"summary: "Who to call: the hub""#
        );
        assert_eq!(quoted("  title: @home"), r#"title: "@home""#);
        assert_eq!(quoted(r#"title: say "no""#), r#"title: "say \"no\"""#);
        assert_eq!(
            quoted(&format!("title: {}", "x".repeat(80))),
            r#"title: "...""#
        );
    }

    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code, reason = "only parsed")]
        a: Option<String>,
    }

    fn only_error(text: &str) -> YamlError {
        let (value, mut errors) = parse::<T>(text);
        assert!(value.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.remove(0)
    }

    #[test]
    fn reports_unknown_fields_with_location() {
        let err = only_error("a: x\nb: y\n");
        assert_eq!(err.problem, Problem::Parse);
        assert!(err.message.contains("unknown field `b`"), "{}", err.message);
        assert_eq!((err.line, err.col), (2, 1));
    }

    #[test]
    fn blank_text_is_an_empty_mapping() {
        let (value, errors) = parse::<T>("# nothing\n\n");
        assert!(value.is_some() && errors.is_empty());
    }

    #[derive(Debug, Deserialize)]
    struct Many {
        #[allow(dead_code, reason = "only parsed")]
        a: Vec<String>,
        #[allow(dead_code, reason = "only parsed")]
        b: Option<Vec<String>>,
    }

    #[test]
    fn aliases_that_would_amplify_the_file_are_refused_at_the_anchor() {
        let big = "x".repeat(10_000);
        let text = format!(
            "a:\n  - &big {big}\nb: [{}]\n",
            vec!["*big"; 100].join(", ")
        );
        let (value, errors) = parse::<Many>(&text);
        assert!(value.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].problem, Problem::Expansion);
        assert_eq!((errors[0].line, errors[0].col), (2, 5));
        let d = errors[0].clone().into_diagnostic("glossary.yaml", &text, 0);
        assert_eq!(d.code, "yaml-alias-expansion");
        assert!(d.message.contains("twice its size"), "{}", d.message);
    }

    #[test]
    fn nested_aliases_are_refused_before_they_multiply() {
        let mut text = "a: [&l0 lol]\nb:\n".to_owned();
        for i in 1..10 {
            let repeated = vec![format!("*l{}", i - 1); 10].join(", ");
            text.push_str(&format!("  - &l{i} [{repeated}]\n"));
        }
        let (value, errors) = parse::<Many>(&text);
        assert!(value.is_none());
        assert_eq!(errors[0].problem, Problem::Expansion, "{errors:?}");
    }

    #[test]
    fn a_small_alias_and_a_large_file_without_aliases_are_read() {
        let (value, errors) = parse::<Many>("a: &x [one, two]\nb: *x\n");
        assert!(value.is_some() && errors.is_empty(), "{errors:?}");
        // Many small values and escapes, no alias: never over the budget.
        let items = vec!["\"\\u00e9\""; 50_000].join(", ");
        let (value, errors) = parse::<Many>(&format!("a: [{items}, '*']\n"));
        assert!(value.is_some() && errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn escaped_control_characters_are_refused_and_the_value_still_read() {
        let text = "a: [ok]\nb: [\"fine\", \"bad \\x01 text\"]\n";
        let (value, errors) = parse::<Many>(text);
        assert!(value.is_some(), "the rest of the file is still checked");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].problem, Problem::ControlCharacter('\u{1}'));
        let d = errors[0].clone().into_diagnostic("site.yaml", text, 0);
        assert_eq!(
            (d.code, d.line, d.col, d.span),
            ("control-character", 2, 18, 4)
        );
        assert!(d.message.contains("U+0001"), "{}", d.message);
        for escape in ["\\u0007", "\\e", "\\x7f", "\\x85", "\\uFFFF", "\\r"] {
            let (_, errors) = parse::<T>(&format!("a: \"x{escape}\"\n"));
            assert!(
                matches!(
                    errors[..],
                    [YamlError {
                        problem: Problem::ControlCharacter(_),
                        ..
                    }]
                ),
                "{escape}: {errors:?}"
            );
        }
        let (_, errors) = parse::<T>("a: \"tab\\tand\\nline \\u00e9\"\n");
        assert!(
            errors.is_empty(),
            "tabs, line feeds and letters are text: {errors:?}"
        );
    }

    #[test]
    fn a_raw_control_character_is_located_exactly() {
        let text = "a: one\u{1b}two\n";
        let err = only_error(text);
        assert_eq!(err.problem, Problem::ControlCharacter('\u{1b}'));
        assert_eq!((err.line, err.col), (1, 7));
        let d = err.into_diagnostic("national/x.md", &format!("---\n{text}---\n"), 1);
        assert_eq!((d.code, d.line, d.col), ("control-character", 2, 7));
        assert!(d.message.contains("U+001B"), "{}", d.message);
    }
}
