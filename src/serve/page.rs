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

/// The overlay as server-rendered HTML, so a page loaded while the build is broken shows it
/// at once.
pub fn overlay(diagnostics: &str) -> String {
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
overflow:auto;background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:16px/1.5 system-ui,sans-serif\">\
<p style=\"margin:0 0 1rem\"><strong>The build failed.</strong> These pages are from the last \
good build; fix the problem below and this page reloads.</p>\
<pre style=\"white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:0\">{}</pre></div>",
        escape_text(diagnostics)
    )
}

/// Adds the live-reload script (and the overlay, if any) before `</body>`.
pub fn inject(html: &[u8], generation: u64, error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(text) = error {
        extra.push_str(&overlay(text));
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
pub fn nothing_built(error: &str) -> Vec<u8> {
    let html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Build failed</title></head><body></body></html>";
    inject(html.as_bytes(), 0, Some(error))
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
        );
        let out = String::from_utf8(out).unwrap();
        let overlay_at = out.find(OVERLAY_ID).unwrap();
        let script_at = out.find("data-generation=\"7\"").unwrap();
        assert!(overlay_at < script_at && script_at < out.find("</body>").unwrap());
        assert!(out.contains("a.md:1:1: &lt;bad&gt;"), "{out}");
    }

    #[test]
    fn no_overlay_when_the_build_succeeded() {
        let out = String::from_utf8(inject(b"<p>x</p>", 1, None)).unwrap();
        assert!(!out.contains(OVERLAY_ID));
        assert!(out.ends_with("</script>"));
    }
}
