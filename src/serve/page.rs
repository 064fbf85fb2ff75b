//! What the preview adds to each HTML page: the live-reload script (which knows the build
//! generation the page came from) and, while the latest build has failed, an overlay with the
//! diagnostics exactly as the terminal printed them.

use crate::render::escape_text;

/// Where the preview's own files live; no network or document id can start with `_`.
pub const PREFIX: &str = "/__pathways/";

/// The live-reload client, served at `/__pathways/live.js`.
pub const LIVE_JS: &str = include_str!("live.js");

/// Element id of the overlay; live.js creates and removes the same element.
pub const OVERLAY_ID: &str = "pathways-overlay";

/// Where the preview lists the latest build's warnings.
pub const WARNINGS_PATH: &str = "/__pathways/warnings";

/// The overlay's style: opaque, so no page text shows through the errors. live.js uses the
/// same text (it reads it from this element when it creates one).
const OVERLAY_STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;\
background:#141414;color:#fff;padding:2rem;font:16px/1.5 system-ui,sans-serif";

/// The overlay as server-rendered HTML, so a page loaded while the build is broken shows it
/// at once: the errors only (as the terminal printed them), and a link to the warnings.
pub fn overlay(errors: &str, warnings: usize) -> String {
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"{OVERLAY_STYLE}\">\
<p style=\"margin:0 0 1rem\"><strong>The build failed.</strong> These pages are from the last \
good build; fix the error below and this page reloads.</p>\
<pre style=\"white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:0\">{}</pre>\
<p style=\"margin:1rem 0 0\" data-warnings=\"{warnings}\">{}</p></div>",
        escape_text(errors),
        warnings_link(warnings)
    )
}

/// "and N warnings", linking to their list; empty without warnings.
fn warnings_link(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(
            "and <a href=\"{WARNINGS_PATH}\" style=\"color:#9cf\">{} warning{}</a>",
            crate::diag::thousands(n),
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// The page listing the latest build's warnings.
pub fn warnings_page(text: &str, n: usize) -> Vec<u8> {
    let body = if n == 0 {
        "<p>No warnings.</p>".to_owned()
    } else {
        format!(
            "<pre style=\"white-space:pre-wrap\">{}</pre>",
            escape_text(text)
        )
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width\"><title>Warnings</title></head>\
<body style=\"font:16px/1.5 system-ui,sans-serif;margin:1rem\"><h1>Warnings of the latest build</h1>{body}\
</body></html>"
    )
    .into_bytes()
}

/// Adds the live-reload script (and the overlay, if any) before `</body>`.
pub fn inject(html: &[u8], generation: u64, error: Option<&str>, warnings: usize) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(text) = error {
        extra.push_str(&overlay(text, warnings));
    }
    extra.push_str(&format!(
        "<script src=\"{PREFIX}live.js\" data-generation=\"{generation}\"></script>"
    ));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page served for every address while no build has succeeded yet.
pub fn nothing_built(error: &str, warnings: usize) -> Vec<u8> {
    let html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Build failed</title></head><body></body></html>";
    inject(html.as_bytes(), 0, Some(error), warnings)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_overlay_go_before_the_body_end() {
        let out = inject(
            b"<html><body><p>x</p></body></html>",
            7,
            Some("a.md:1:1: <bad>"),
            3,
        );
        let out = String::from_utf8(out).unwrap();
        let overlay_at = out.find(OVERLAY_ID).unwrap();
        let script_at = out.find("data-generation=\"7\"").unwrap();
        assert!(overlay_at < script_at && script_at < out.find("</body>").unwrap());
        assert!(out.contains("a.md:1:1: &lt;bad&gt;"), "{out}");
        assert!(out.contains("background:#141414"), "opaque: {out}");
        assert!(out.contains(&format!("href=\"{WARNINGS_PATH}\"")), "{out}");
        assert!(out.contains("3 warnings</a>"), "{out}");
    }

    #[test]
    fn no_overlay_when_the_build_succeeded() {
        let out = String::from_utf8(inject(b"<p>x</p>", 1, None, 5)).unwrap();
        assert!(!out.contains(OVERLAY_ID));
        assert!(out.ends_with("</script>"));
    }
}
