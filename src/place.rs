//! Where a value sits in a block-style YAML file (`key: value` lines, `- ` list items), for
//! diagnostics about files whose values are checked after the typed parse (services.yaml,
//! workplans): serde_yaml keeps no positions, so the checks find the list item and the key
//! in the text. A value that cannot be found (flow style, `{a: b}`) is placed at the nearest
//! item that can, never nowhere. [`value_span`] and [`top_key_line`] find a top-level key of
//! front matter or a settings file the same way.

use std::ops::Range;

/// The lines (0-based, end exclusive) of a list item, or of the whole file.
pub type Lines = Range<usize>;

/// The whole of `text`.
pub fn whole(text: &str) -> Lines {
    0..text.lines().count()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The text of a line after its indentation and a leading `- `.
fn body(line: &str) -> &str {
    let t = line.trim_start();
    t.strip_prefix("- ").map_or(t, str::trim_start)
}

/// The line within `within` where `key:` is written at the shallowest level: the item's own
/// field rather than one of a nested item.
pub fn key_line(text: &str, within: &Lines, key: &str) -> Option<usize> {
    let prefix = format!("{key}:");
    text.lines()
        .enumerate()
        .skip(within.start)
        .take(within.len())
        .filter(|(_, l)| !is_blank(l) && body(l).starts_with(&prefix))
        .min_by_key(|(_, l)| depth(l))
        .map(|(i, _)| i)
}

/// Indentation with a leading `- ` counted in, so `- kind:` and `  hours:` of one item have
/// the same depth.
fn depth(line: &str) -> usize {
    line.len() - body(line).len()
}

/// 1-based line, column and length of the value of `key:` within `within`; `None` when the key
/// is not written there.
pub fn value(text: &str, within: &Lines, key: &str) -> Option<(usize, usize, usize)> {
    let i = key_line(text, within, key)?;
    let line = text.lines().nth(i)?;
    let at = line.find(&format!("{key}:"))? + key.len() + 1;
    let rest = &line[at..];
    let v = rest.trim_start();
    let v = v.split(" #").next().unwrap_or(v).trim_end();
    let col = line[..at].chars().count() + (rest.len() - rest.trim_start().len()) + 1;
    Some((i + 1, col, v.chars().count().max(1)))
}

/// 1-based line and column of `key:` itself within `within`, or of the item's first line.
pub fn key_or_item(text: &str, within: &Lines, key: &str) -> (usize, usize, usize) {
    match key_line(text, within, key) {
        Some(i) => {
            let line = text.lines().nth(i).unwrap_or("");
            let col = line.find(&format!("{key}:")).unwrap_or(0);
            (i + 1, line[..col].chars().count() + 1, key.len())
        }
        None => item_start(text, within),
    }
}

/// 1-based line and column of an item's first key (after its `- `).
pub fn item_start(text: &str, within: &Lines) -> (usize, usize, usize) {
    let found = text
        .lines()
        .enumerate()
        .skip(within.start)
        .take(within.len())
        .find(|(_, l)| !is_blank(l));
    match found {
        Some((i, l)) => {
            let col = l.len() - body(l).len();
            (i + 1, l[..col].chars().count() + 1, 1)
        }
        None => (within.start + 1, 1, 1),
    }
}

/// The items of the list under `key:` within `within`, in order. Fewer items than the parsed
/// list has (flow style) leave the rest placed at the list's key.
pub fn items(text: &str, within: &Lines, key: &str) -> Vec<Lines> {
    let Some(start) = key_line(text, within, key) else {
        return Vec::new();
    };
    let lines: Vec<&str> = text.lines().collect();
    let key_indent = indent(lines[start]);
    let mut out: Vec<Lines> = Vec::new();
    let mut item_indent = None;
    for (i, line) in lines
        .iter()
        .enumerate()
        .take(within.end.min(lines.len()))
        .skip(start + 1)
    {
        if is_blank(line) {
            continue;
        }
        let d = indent(line);
        let dash = line.trim_start().starts_with("- ") || line.trim() == "-";
        match item_indent {
            None if dash && d >= key_indent => item_indent = Some(d),
            None => break,
            Some(_) => {}
        }
        let at = item_indent.unwrap_or(d);
        if d < at || (d == at && !dash) {
            break;
        }
        if d == at && dash {
            if let Some(last) = out.last_mut() {
                last.end = i;
            }
            out.push(i..i + 1);
        } else if let Some(last) = out.last_mut() {
            last.end = i + 1;
        }
    }
    out
}

/// The list item whose first line is `line` (1-based): up to the next line as shallow as it.
pub fn item_at(text: &str, line: usize) -> Lines {
    let start = line.saturating_sub(1);
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = lines.get(start) else {
        return start..start + 1;
    };
    let d = indent(first);
    let end = lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, l)| !is_blank(l) && indent(l) <= d)
        .map_or(lines.len(), |(i, _)| i);
    start..end
}

/// The `n`th item of `items`, or the list's own key line when there is no such item.
pub fn nth(items: &[Lines], n: usize, fallback: &Lines) -> Lines {
    items.get(n).cloned().unwrap_or_else(|| fallback.clone())
}

/// Line, column and length (1-based, in characters) of a top-level `key:`'s value in `text`,
/// a trailing `# comment` left out; `None` when the key is absent.
pub fn value_span(text: &str, key: &str) -> Option<(usize, usize, usize)> {
    let prefix = format!("{key}:");
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(&prefix)?;
        let value = rest.trim_start();
        let value = value.split(" #").next().unwrap_or(value).trim_end();
        let col = prefix.chars().count() + (rest.len() - rest.trim_start().len()) + 1;
        Some((i + 1, col, value.chars().count()))
    })
}

/// Line (1-based) of a top-level `key:`; 1 when absent.
pub fn top_key_line(text: &str, key: &str) -> usize {
    value_span(text, key).map_or(1, |(line, ..)| line)
}

/// The located errors of one file's checks, and whether there were any: a problem is an
/// error at a 1-based (line, column, length), with a `help:` line.
pub struct Checker<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diags: &'a mut Vec<crate::diag::Diagnostic>,
    /// No error so far (and none before the checks, such as a YAML error).
    pub ok: bool,
}

impl<'a> Checker<'a> {
    /// Reads `text`, the file at `path`, as `T`, reporting its YAML errors, with a checker for
    /// the checks of its values (not `ok` when the YAML had errors); `None` when the file could
    /// not be read at all.
    pub fn parse<T: serde::de::DeserializeOwned>(
        path: &'a str,
        text: &'a str,
        diags: &'a mut Vec<crate::diag::Diagnostic>,
    ) -> Option<(T, Checker<'a>)> {
        let (raw, errors) = crate::yaml::parse::<T>(text);
        let ok = errors.is_empty();
        diags.extend(errors.into_iter().map(|e| e.into_diagnostic(path, text, 0)));
        let checker = Checker {
            path,
            text,
            diags,
            ok,
        };
        Some((raw?, checker))
    }

    pub fn error(
        &mut self,
        code: &'static str,
        (line, col, len): (usize, usize, usize),
        message: String,
        help: impl AsRef<str>,
    ) {
        self.ok = false;
        self.diags.push(
            crate::diag::Diagnostic::error(code, self.path, message)
                .at(self.text, line, col, len)
                .help(help),
        );
    }

    /// Where the value of `key:` is written in `item`, or the item's start.
    pub fn at(&self, item: &Lines, key: &str) -> (usize, usize, usize) {
        value(self.text, item, key).unwrap_or(item_start(self.text, item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
hospitals:
  - id: a
    name: A
    services:
      - kind: mri
        hours: 24/7   # always
      - kind: pain-service
        phone: 020
  # a comment
  - id: b
    services: []
other: x
";

    #[test]
    fn items_and_values_are_found_at_their_own_level() {
        let all = whole(TEXT);
        let hospitals = items(TEXT, &all, "hospitals");
        assert_eq!(hospitals, vec![1..9, 9..11]);
        let services = items(TEXT, &hospitals[0], "services");
        assert_eq!(services, vec![4..6, 6..8]);
        assert_eq!(value(TEXT, &services[0], "hours"), Some((6, 16, 4)));
        assert_eq!(value(TEXT, &services[1], "kind"), Some((7, 15, 12)));
        assert_eq!(value(TEXT, &hospitals[1], "id"), Some((10, 9, 1)));
        assert_eq!(items(TEXT, &hospitals[1], "services"), Vec::<Lines>::new());
        assert_eq!(item_start(TEXT, &services[1]), (7, 9, 1));
        assert_eq!(key_or_item(TEXT, &services[1], "owner"), (7, 9, 1));
    }
}
