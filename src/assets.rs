//! Checks the files under `assets/` that a browser could run. Assets are published as they
//! are, at the site's own address, so a script in one would run as part of the site (reading
//! anything a visitor can, or rewriting a page of clinical guidance).
//!
//! - **SVG** is read as the XML it is and refused (an error naming the file, the line and the
//!   element) when it holds active content: a `<script>`, `<foreignObject>` or embedded frame,
//!   an event handler attribute (`onload`), a link or source that is not a plain web address
//!   (`javascript:`), an animation that rewrites a link or a handler, entity declarations,
//!   or a style-sheet instruction. A file that is not well-formed XML is refused too: a browser
//!   would not show it, and what this check cannot read it cannot vouch for.
//! - **HTML and XML files** (and compressed SVG, which cannot be checked) are refused as
//!   assets: a page belongs in a Markdown document, where it is sanitised like every other.
//!
//! Refusing rather than cleaning keeps the published file the author's file, byte for byte.

use crate::diag::Diagnostic;
use crate::render::sanitize::is_safe_url;
use crate::source::BinaryFile;

/// What an asset is, as far as running it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AssetKind {
    /// Checked element by element.
    Svg,
    /// Refused whatever it holds; the text says what it is.
    Refused(&'static str),
    /// Images, PDFs, downloads: a browser shows or saves them, never runs them.
    Inert,
}

fn kind_of(path: &str) -> AssetKind {
    let ext = path
        .rsplit_once('.')
        .map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
    match ext.as_str() {
        "svg" => AssetKind::Svg,
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "mht" | "mhtml" => {
            AssetKind::Refused("an HTML page")
        }
        "xml" | "xsl" | "xslt" => AssetKind::Refused("an XML file (which can hold a web page)"),
        "svgz" => AssetKind::Refused("a compressed SVG (which cannot be checked)"),
        _ => AssetKind::Inert,
    }
}

/// Every problem with the assets, in path order. `assets` paths are relative to `assets/`.
pub fn check(assets: &[BinaryFile]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for asset in assets {
        let path = format!("assets/{}", asset.path);
        match kind_of(&asset.path) {
            AssetKind::Inert => {}
            AssetKind::Refused(what) => diags.push(
                Diagnostic::error(
                    "active-asset",
                    &path,
                    format!(
                        "this is {what}, which would be published at the site's own address and could run scripts there"
                    ),
                )
                .help("write the page as a Markdown document (which is sanitised), or publish the file as a PDF or a download such as a .zip"),
            ),
            AssetKind::Svg => check_svg(&path, &asset.bytes, &mut diags),
        }
    }
    diags
}

fn check_svg(path: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        diags.push(
            Diagnostic::error(
                "svg-not-well-formed",
                path,
                "the SVG file is not UTF-8 text",
            )
            .help("save or export the drawing again as UTF-8 SVG"),
        );
        return;
    };
    for found in scan_svg(text) {
        let (code, help) = match found.what {
            Finding::Malformed(_) => (
                "svg-not-well-formed",
                "export the drawing again from its editor (as plain or optimised SVG); a browser would not show this file either",
            ),
            _ => (
                "svg-active-content",
                "remove it: pictures on the site cannot run code or open other content (export the drawing as plain or optimised SVG, without scripts, links or interactivity)",
            ),
        };
        diags.push(
            Diagnostic::error(code, path, found.what.message())
                .at_offset(text, found.offset, found.len)
                .help(help),
        );
    }
}

/// Something in an SVG that could run, found at a byte offset of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    offset: usize,
    len: usize,
    what: Finding,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Finding {
    /// An element that runs or embeds content: `<script>`, `<foreignObject>`, `<iframe>`, ...
    Element(String),
    /// An event handler attribute such as `onload`, on an element.
    Handler { element: String, attribute: String },
    /// A link or source that is not a plain web address, on an element.
    Url { element: String, attribute: String },
    /// `<set>` or `<animate>` that changes a link or an event handler.
    Animation { element: String, target: String },
    /// A document type with declarations (entities can expand into elements).
    Declarations,
    /// A processing instruction other than the XML declaration (`<?xml-stylesheet?>`).
    Instruction(String),
    /// Not well-formed XML, and why.
    Malformed(&'static str),
}

impl Finding {
    fn message(&self) -> String {
        match self {
            Finding::Element(e) => {
                format!("the SVG has a `<{e}>` element, which would run or embed content as part of this site")
            }
            Finding::Handler { element, attribute } => format!(
                "the SVG's `<{element}>` element has an event handler, `{attribute}`, which would run as part of this site"
            ),
            Finding::Url { element, attribute } => format!(
                "the SVG's `<{element}>` element has a `{attribute}` that is not a web address (such as `javascript:`)"
            ),
            Finding::Animation { element, target } => format!(
                "the SVG's `<{element}>` element changes `{target}`, which can turn it into a script"
            ),
            Finding::Declarations => {
                "the SVG's DOCTYPE declares entities, which can expand into scripts".to_owned()
            }
            Finding::Instruction(target) => format!(
                "the SVG has a `<?{target}?>` instruction, which can load a style sheet that runs code"
            ),
            Finding::Malformed(why) => format!("the SVG is not well-formed XML: {why}"),
        }
    }
}

/// Elements that run or embed other content (compared by local name, lower-cased, whatever
/// their namespace prefix).
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "frame",
    "frameset",
    "embed",
    "object",
    "applet",
    "portal",
    "handler",
    "listener",
    "base",
    "meta",
    "link",
    "form",
];

/// Attributes holding a URL a browser may follow or load (local names).
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "data", "base"];

/// Reads `text` as XML, returning everything active in it; a malformed file ends the scan
/// with a [`Finding::Malformed`].
fn scan_svg(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let malformed = |found: &mut Vec<Found>, offset: usize, why: &'static str| {
        found.push(Found {
            offset,
            len: 1,
            what: Finding::Malformed(why),
        });
    };
    while let Some(lt) = text[i..].find('<') {
        let at = i + lt;
        let rest = &text[at..];
        let end = if let Some(body) = rest.strip_prefix("<!--") {
            body.find("-->").map(|e| at + 4 + e + 3)
        } else if let Some(body) = rest.strip_prefix("<![CDATA[") {
            body.find("]]>").map(|e| at + 9 + e + 3)
        } else if rest.starts_with("<!") {
            match doctype_end(rest) {
                Some((_, true)) => {
                    found.push(Found {
                        offset: at,
                        len: 9,
                        what: Finding::Declarations,
                    });
                    return found;
                }
                Some((e, false)) => Some(at + e),
                None => None,
            }
        } else if let Some(body) = rest.strip_prefix("<?") {
            let target: String = body
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '?')
                .collect();
            if target != "xml" {
                found.push(Found {
                    offset: at,
                    len: target.len() + 2,
                    what: Finding::Instruction(target),
                });
            }
            body.find("?>").map(|e| at + 2 + e + 2)
        } else if rest.starts_with("</") {
            rest.find('>').map(|e| at + e + 1)
        } else {
            match start_tag(text, at, &mut found) {
                Ok(e) => Some(e),
                Err(why) => {
                    malformed(&mut found, at, why);
                    return found;
                }
            }
        };
        match end {
            Some(e) => i = e,
            None => {
                malformed(
                    &mut found,
                    at,
                    "a comment, tag or declaration is never closed",
                );
                return found;
            }
        }
    }
    found
}

/// The end of a `<!DOCTYPE ...>` (just after its `>`), and whether it has an internal subset
/// (`[...]`, where entities are declared).
fn doctype_end(rest: &str) -> Option<(usize, bool)> {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => return Some((i, true)),
            (None, '>') => return Some((i + 1, false)),
            _ => {}
        }
    }
    None
}

/// Reads the start tag at `at`, recording what is active in it; returns the offset just
/// after it.
fn start_tag(text: &str, at: usize, found: &mut Vec<Found>) -> Result<usize, &'static str> {
    let b = text.as_bytes();
    let name_end = at
        + 1
        + text[at + 1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .ok_or("a tag is never closed")?;
    let element = &text[at + 1..name_end];
    if element.is_empty() {
        return Err("a `<` that does not start a tag (write `&lt;` in text)");
    }
    let local = local_name(element);
    if ACTIVE_ELEMENTS.contains(&local.as_str()) {
        found.push(Found {
            offset: at + 1,
            len: element.len(),
            what: Finding::Element(element.to_owned()),
        });
    }
    let animation = matches!(local.as_str(), "set" | "animate");
    let mut j = name_end;
    loop {
        let before = j;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        match b.get(j) {
            None => return Err("a tag is never closed"),
            Some(b'>') => return Ok(j + 1),
            Some(b'/') if b.get(j + 1) == Some(&b'>') => return Ok(j + 2),
            Some(_) if j == before => return Err("attributes must be separated by spaces"),
            Some(_) => {}
        }
        let attr_start = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
            j += 1;
        }
        let attribute = &text[attr_start..j];
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if attribute.is_empty() || b.get(j) != Some(&b'=') {
            return Err("an attribute has no `=\"value\"`");
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let quote = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err("an attribute value is not in quotes"),
        };
        let value_start = j + 1;
        let value_len = text[value_start..]
            .find(char::from(quote))
            .ok_or("an attribute value is never closed")?;
        let raw = &text[value_start..value_start + value_len];
        j = value_start + value_len + 1;
        if raw.contains('<') {
            return Err("an attribute value holds a `<` (write `&lt;`)");
        }
        let value = decode_entities(raw).ok_or("an attribute value has an unknown `&` entity")?;
        let attr_local = local_name(attribute);
        let place = |what| Found {
            offset: attr_start,
            len: attribute.len(),
            what,
        };
        if attr_local.starts_with("on") {
            found.push(place(Finding::Handler {
                element: element.to_owned(),
                attribute: attribute.to_owned(),
            }));
        } else if URL_ATTRIBUTES.contains(&attr_local.as_str()) && !is_plain_address(&value) {
            found.push(place(Finding::Url {
                element: element.to_owned(),
                attribute: attribute.to_owned(),
            }));
        } else if animation && attr_local == "attributename" {
            let target = local_name(value.trim());
            if target == "href" || target.starts_with("on") {
                found.push(place(Finding::Animation {
                    element: element.to_owned(),
                    target: value.trim().to_owned(),
                }));
            }
        }
    }
}

/// `svg:Script` → `script`: the part after any namespace prefix, lower-cased, so neither a
/// prefix nor capitals hide an element or attribute.
fn local_name(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

/// A relative address, a web address, or an embedded raster image — nothing a browser runs.
fn is_plain_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let raster = ["png", "jpeg", "jpg", "gif", "webp"]
        .iter()
        .any(|t| lower.starts_with(&format!("data:image/{t}")));
    raster || is_safe_url(url)
}

/// An attribute value with XML's character and predefined entity references replaced;
/// `None` for any other reference (which only a DOCTYPE could define).
fn decode_entities(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';')?;
        let name = &after[..semi];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = if let Some(hex) = name.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
                char::from_u32(n)?
            }
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(svg: &str) -> Vec<Finding> {
        scan_svg(svg).into_iter().map(|f| f.what).collect()
    }

    const PLAIN: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Drawn by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50" role="img">
  <title>Referral route &amp; timings</title>
  <style><![CDATA[ .a { fill: #005eb8; font: 12px Arial } ]]></style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <rect class="a" width="100" height="50" fill="url(#g)"/>
  <a href="https://www.nhs.uk/"><text x="5" y="20">NHS</text></a>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <animate attributeName="opacity" from="0" to="1" dur="1s"/>
</svg>
"##;

    #[test]
    fn a_plain_drawing_passes() {
        assert_eq!(findings(PLAIN), vec![]);
    }

    #[test]
    fn scripts_handlers_and_script_urls_are_found_whatever_their_spelling() {
        let cases: &[(&str, Finding)] = &[
            (
                "<svg><script>alert(1)</script></svg>",
                Finding::Element("script".into()),
            ),
            (
                "<svg><svg:SCRIPT xmlns:svg='http://www.w3.org/2000/svg'>x</svg:SCRIPT></svg>",
                Finding::Element("svg:SCRIPT".into()),
            ),
            (
                "<svg><foreignObject><div/></foreignObject></svg>",
                Finding::Element("foreignObject".into()),
            ),
            (
                "<svg onload=\"alert(1)\"/>",
                Finding::Handler {
                    element: "svg".into(),
                    attribute: "onload".into(),
                },
            ),
            (
                "<svg><rect\n ONCLICK = 'x()'/></svg>",
                Finding::Handler {
                    element: "rect".into(),
                    attribute: "ONCLICK".into(),
                },
            ),
            (
                "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                Finding::Url {
                    element: "a".into(),
                    attribute: "xlink:href".into(),
                },
            ),
            (
                "<svg><a href=\" jav&#x61;script&#58;alert(1)\">x</a></svg>",
                Finding::Url {
                    element: "a".into(),
                    attribute: "href".into(),
                },
            ),
            (
                "<svg><a href=\"java&#9;script:x\">x</a></svg>",
                Finding::Url {
                    element: "a".into(),
                    attribute: "href".into(),
                },
            ),
            (
                "<svg><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>",
                Finding::Url {
                    element: "image".into(),
                    attribute: "href".into(),
                },
            ),
            (
                "<svg><a><set attributeName=\"xlink:href\" to=\"javascript:alert(1)\"/></a></svg>",
                Finding::Animation {
                    element: "set".into(),
                    target: "xlink:href".into(),
                },
            ),
            (
                "<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;\">]><svg>&x;</svg>",
                Finding::Declarations,
            ),
            (
                "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><svg/>",
                Finding::Instruction("xml-stylesheet".into()),
            ),
        ];
        for (svg, expected) in cases {
            assert_eq!(findings(svg), vec![expected.clone()], "{svg}");
        }
    }

    #[test]
    fn what_cannot_be_read_is_refused() {
        for svg in [
            "<svg><rect width=10/></svg>",
            "<svg><rect width=\"10\"height=\"1\"/></svg>",
            "<svg><!-- never closed",
            "<svg><a href=\"&bogus;\">x</a></svg>",
            "<svg><text>1 < 2</text></svg>",
            "<svg attr=\"<script>\"/>",
            "<svg",
        ] {
            assert!(
                matches!(findings(svg)[..], [Finding::Malformed(_)]),
                "{svg}: {:?}",
                findings(svg)
            );
        }
    }

    #[test]
    fn diagnostics_name_the_file_line_and_element() {
        let svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(1)</script>\n</svg>\n";
        let assets = [
            BinaryFile {
                path: "diagrams/route.svg".into(),
                bytes: bytes::Bytes::copy_from_slice(svg.as_bytes()),
            },
            BinaryFile {
                path: "page.HTML".into(),
                bytes: bytes::Bytes::from_static(b"<p>hi</p>"),
            },
            BinaryFile {
                path: "leaflet.pdf".into(),
                bytes: bytes::Bytes::from_static(b"%PDF"),
            },
        ];
        let diags = check(&assets);
        assert_eq!(diags.len(), 2, "{diags:?}");
        let d = &diags[0];
        assert_eq!(
            (d.code, &*d.path, d.line, d.col, d.span),
            ("svg-active-content", "assets/diagrams/route.svg", 2, 4, 6)
        );
        assert!(d.message.contains("`<script>`"), "{}", d.message);
        assert_eq!(
            (diags[1].code, &*diags[1].path),
            ("active-asset", "assets/page.HTML")
        );
    }
}
