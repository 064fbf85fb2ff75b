//! Author tables in a scroll box of their own: a table wider than a phone scrolls inside a
//! focusable, labelled region (`role="region"`, `tabindex="0"`, `aria-label` from the table's
//! caption or the heading before it) instead of widening the whole page. Runs over sanitised
//! HTML (lower-case tags, quoted attributes), before generated HTML (flowcharts) goes in.

/// Wraps every outermost `<table>` of `html` in its scroll box.
pub fn wrap(html: &str) -> String {
    if !html.contains("<table") {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut heading = String::new();
    let mut labels: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = next_tag(rest) {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        if let Some(level) = heading_level(tag) {
            let close = format!("</h{level}>");
            let end = tag.find(&close).map_or(tag.len(), |e| e + close.len());
            heading = text_of(&tag[..end]);
            out.push_str(&tag[..end]);
            rest = &tag[end..];
            continue;
        }
        // An outermost table: find its end, counting nested tables.
        let end = table_end(tag);
        let table = &tag[..end];
        let label = label_for(table, &heading, &labels);
        labels.push(label.clone());
        out.push_str("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
        out.push_str(&label);
        out.push_str("\">");
        out.push_str(table);
        out.push_str("</div>");
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next heading or table starts.
fn next_tag(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'<', &s.as_bytes()[from..]) {
        let at = from + i;
        let t = &s[at..];
        if is_tag(t, "table") || heading_level(t).is_some() {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `t` starts with the opening tag `<name` (followed by `>` or whitespace).
fn is_tag(t: &str, name: &str) -> bool {
    t.len() > name.len() + 1
        && t.as_bytes()[0] == b'<'
        && t[1..].starts_with(name)
        && matches!(
            t.as_bytes()[name.len() + 1],
            b'>' | b' ' | b'\n' | b'\t' | b'/'
        )
}

fn heading_level(t: &str) -> Option<u8> {
    let b = t.as_bytes();
    (b.len() > 3
        && b[0] == b'<'
        && b[1] == b'h'
        && (b'1'..=b'6').contains(&b[2])
        && matches!(b[3], b'>' | b' '))
    .then(|| b[2] - b'0')
}

/// The length of the table that `s` starts with, its nested tables included (the rest of `s`
/// when it is not closed).
fn table_end(s: &str) -> usize {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'<', &s.as_bytes()[i..]) {
        let at = i + j;
        let t = &s[at..];
        if is_tag(t, "table") {
            depth += 1;
        } else if t.starts_with("</table>") {
            depth -= 1;
            if depth == 0 {
                return at + "</table>".len();
            }
        }
        i = at + 1;
    }
    s.len()
}

/// The caption's text, else the heading before the table, else "Table"; a label already used
/// on the page gets the table's number.
fn label_for(table: &str, heading: &str, used: &[String]) -> String {
    let caption = table
        .find("<caption")
        .filter(|&c| table[..c].matches("<table").count() == 1)
        .map(|c| {
            let end = table[c..].find("</caption>").map_or(table.len(), |e| c + e);
            text_of(&table[c..end])
        })
        .filter(|t| !t.is_empty());
    let base = caption.unwrap_or_else(|| {
        if heading.is_empty() {
            "Table".to_owned()
        } else {
            format!("Table: {heading}")
        }
    });
    if used.contains(&base) || used.iter().any(|u| u.starts_with(&format!("{base} ("))) {
        format!("{base} (table {})", used.len() + 1)
    } else {
        base
    }
}

/// The text of an HTML fragment: tags dropped, white space collapsed, quotes made safe for an
/// attribute (entities stay as they are: the fragment is already escaped HTML).
fn text_of(fragment: &str) -> String {
    let mut text = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            '"' if !in_tag => text.push_str("&quot;"),
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_wrapped_and_labelled_by_the_heading_before_it() {
        let html = "<h2 id=\"doses\">Doses &amp; <em>times</em></h2>\n<table><tr><td>a</td></tr></table>\n";
        assert_eq!(
            wrap(html),
            "<h2 id=\"doses\">Doses &amp; <em>times</em></h2>\n<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Doses &amp; times\"><table><tr><td>a</td></tr></table></div>\n"
        );
    }

    #[test]
    fn a_caption_wins_and_nested_tables_stay_inside_one_box() {
        let html = "<h3>H</h3><table><caption>Who \"calls\"</caption><tr><td><table><tr><td>x</td></tr></table></td></tr></table><p>after</p>";
        let out = wrap(html);
        assert_eq!(out.matches("role=\"region\"").count(), 1, "{out}");
        assert!(
            out.contains("aria-label=\"Who &quot;calls&quot;\""),
            "{out}"
        );
        assert!(
            out.ends_with("</table></td></tr></table></div><p>after</p>"),
            "{out}"
        );
    }

    #[test]
    fn labels_are_distinct_and_a_table_without_heading_is_named() {
        let out = wrap("<table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>");
        assert!(out.contains("aria-label=\"Table\""), "{out}");
        assert!(out.contains("aria-label=\"Table (table 2)\""), "{out}");
    }

    #[test]
    fn html_without_tables_is_unchanged_and_an_unclosed_table_is_kept_whole() {
        assert_eq!(wrap("<p>x</p><h2>y</h2>"), "<p>x</p><h2>y</h2>");
        let out = wrap("<table><tr><td>x");
        assert!(out.starts_with("<div class=\"table-scroll\""), "{out}");
        assert!(out.ends_with("<td>x</div>"), "{out}");
        assert_eq!(wrap("<tables><thead>"), "<tables><thead>");
    }
}
