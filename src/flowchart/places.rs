//! Where things are written in a flowchart block, for diagnostics at the right file, line and
//! column: serde_yaml gives no places for values, so each key's values are found in the
//! block's text ([`Places`]), and a place in the block is turned into a place in the file
//! ([`Block::file_offset`]), allowing for a block indented in a list or quoted.

use super::Block;
use crate::diag::Diagnostic;

impl Block<'_> {
    /// The byte offset in the file of a byte offset in [`Block::code`]. Line by line, because
    /// a block inside a list or a quote loses its indentation or `>` prefix in `code`.
    pub(super) fn file_offset(&self, code_offset: usize) -> usize {
        let code_offset = code_offset.min(self.code.len());
        let before = &self.code[..code_offset];
        let line = before.matches('\n').count();
        let col = code_offset - before.rfind('\n').map_or(0, |i| i + 1);
        let mut start = self.file_text[..self.start.min(self.file_text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        for _ in 0..line {
            match self.file_text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.start,
            }
        }
        let file_line = self.file_text[start..]
            .split('\n')
            .next()
            .unwrap_or("")
            .trim_end_matches('\r');
        let code_line = self.code[code_offset - col..]
            .split('\n')
            .next()
            .unwrap_or("");
        let prefix = if file_line.ends_with(code_line) {
            file_line.len() - code_line.len()
        } else {
            0
        };
        (start + prefix + col).min(self.file_text.len())
    }

    pub(super) fn error_at(&self, code: &'static str, at: Place, message: String) -> Diagnostic {
        let (offset, len) = match at {
            Place::Code(offset, len) => (self.file_offset(offset), len),
            Place::Fence => (self.fence, 3),
        };
        Diagnostic::error(code, self.path, message).at_offset(self.file_text, offset, len)
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    /// A byte range of the block's content.
    Code(usize, usize),
    /// The opening fence, for problems of the whole block.
    Fence,
}

pub(super) fn line_start(text: &str, line: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    offset
}

/// The keys whose values diagnostics point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    Id,
    Text,
    Next,
    Branches,
    To,
    Label,
    Link,
}

impl Key {
    pub(super) fn name(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::Text => "text",
            Key::Next => "next",
            Key::Branches => "branches",
            Key::To => "to",
            Key::Label => "label",
            Key::Link => "link",
        }
    }
}

/// Where each key's values are written in the block, in order. serde_yaml gives no places for
/// values, so they are found in the text: the n-th step's `id` is the n-th `id:` key, the n-th
/// branch's `to` the n-th `to:` key, and so on (each key belongs to one kind of entry).
pub(super) struct Places {
    found: Vec<(Key, usize, usize)>,
}

impl Places {
    pub(super) fn find(code: &str) -> Places {
        const KEYS: [Key; 7] = [
            Key::Id,
            Key::Text,
            Key::Next,
            Key::Branches,
            Key::To,
            Key::Label,
            Key::Link,
        ];
        let mut found = Vec::new();
        let mut line_start = 0;
        for line in code.split('\n') {
            let b = line.as_bytes();
            let mut i = 0;
            let mut quote: Option<u8> = None;
            while i < b.len() {
                let c = b[i];
                if let Some(q) = quote {
                    if c == q {
                        quote = None;
                    }
                    i += 1;
                    continue;
                }
                if c == b'#' && (i == 0 || b[i - 1] == b' ') {
                    break;
                }
                // A key starts a line (after indentation and `- `) or follows `{` or `,`.
                let key_may_start = i == 0 || matches!(b[i - 1], b' ' | b'{' | b',' | b'\t');
                let before = line[..i].trim_end();
                let at_key_position = before.is_empty()
                    || before.ends_with('-')
                    || before.ends_with('{')
                    || before.ends_with(',');
                if key_may_start && at_key_position {
                    if let Some(key) = KEYS.iter().find(|k| {
                        line[i..].starts_with(k.name())
                            && line[i + k.name().len()..].starts_with(':')
                    }) {
                        let value_start = i + key.name().len() + 1;
                        let (start, len) = value_span(
                            line,
                            value_start,
                            before.ends_with('{') || before.ends_with(','),
                        );
                        let (start, len) = if len == 0 {
                            (i, key.name().len())
                        } else {
                            (start, len)
                        };
                        found.push((*key, line_start + start, len));
                        i = value_start;
                        continue;
                    }
                }
                if matches!(c, b'"' | b'\'') && line[..i].trim_end().ends_with(':') {
                    quote = Some(c);
                }
                i += 1;
            }
            line_start += line.len() + 1;
        }
        Places { found }
    }

    pub(super) fn get(&self, key: Key, n: usize) -> Place {
        self.found
            .iter()
            .filter(|(k, _, _)| *k == key)
            .nth(n)
            .map_or(Place::Fence, |&(_, o, l)| Place::Code(o, l))
    }
}

/// The value after a key: inside its quotes if quoted, else up to a comment or the line's end
/// (or a `,`/`}` in a flow mapping).
pub(super) fn value_span(line: &str, from: usize, flow: bool) -> (usize, usize) {
    let rest = &line[from..];
    let lead = rest.len() - rest.trim_start().len();
    let start = from + lead;
    let rest = &line[start..];
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = rest[1..].find(q).map_or(rest.len(), |e| e + 1);
        return (start + 1, end.saturating_sub(1));
    }
    let mut end = rest.len();
    if let Some(i) = rest.find(" #") {
        end = end.min(i);
    }
    if flow {
        if let Some(i) = rest.find([',', '}']) {
            end = end.min(i);
        }
    }
    (start, rest[..end].trim_end().len())
}
