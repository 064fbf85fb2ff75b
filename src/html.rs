//! Small HTML text helpers every writer of markup shares (the Markdown renderer, flowcharts,
//! feeds): escaping text and attribute values, and the id a heading's or a chart's title
//! becomes.

/// `text` safe between tags: `&`, `<` and `>` escaped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` safe inside a double-quoted attribute value.
pub fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;")
}

/// `s` with `&`, `<`, `>`, `"` and `'` escaped (as tera escapes what a template prints), written
/// into `out` a run of plain text at a time: the theme's escape function (tera's own wrote each
/// byte on its own, 5 % of a 10,000-document build's user CPU), and [`escape_all`].
pub fn write_escaped(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = s.as_bytes();
    let mut from = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[from..i])?;
        out.write_all(entity)?;
        from = i + 1;
    }
    out.write_all(&bytes[from..])
}

/// [`write_escaped`] as a string: text safe inside elements and any attribute value (SVG).
pub fn escape_all(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    write_escaped(s, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// `"Red flags: act now!"` → `"red-flags-act-now"`.
pub fn anchor_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "section".to_owned()
    } else {
        out.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Pages print exactly what tera's own escaping would.
        #[test]
        fn escaping_is_teras(text in "[a<>&\"'é \n]{0,40}") {
            let mut teras = Vec::new();
            tera::escape_html(&text, &mut teras).unwrap();
            proptest::prop_assert_eq!(escape_all(&text).into_bytes(), teras);
        }
    }

    #[test]
    fn escapes_and_slugs() {
        assert_eq!(escape_text("a < b & c"), "a &lt; b &amp; c");
        assert_eq!(escape_attr("say \"hi\""), "say &quot;hi&quot;");
        assert_eq!(anchor_slug("Red flags: act now!"), "red-flags-act-now");
        assert_eq!(anchor_slug("!!!"), "section");
    }
}
