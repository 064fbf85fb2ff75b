//! Minifying pages: the HTML around a document's body, which is left as Markdown rendered it,
//! and bodies put into a finished page without passing through its template context.

use memchr::memmem::Finder;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// Opens and closes HTML in a template that [`minify`] leaves as it is: a document's rendered
/// body, which has no indentation or comments to remove (minifying it saved 1–3 % of its
/// bytes: quotes around attribute values and line breaks between blocks). A body is shown on
/// its own page and again in every network's handbook that prints it, so minifying it with
/// each page was most of a build's minifying.
pub const KEEP_START: &str = "<!--pathways:keep-->";
/// See [`KEEP_START`].
pub const KEEP_END: &str = "<!--/pathways:keep-->";

/// Opens and closes one element of a template that many pages print word for word: the site
/// header, the network bar, the footer. [`minify`] minifies each distinct one once and puts
/// the result into every page that prints it (at 10,000 documents these were nearly half of
/// the bytes minified). The element must be whole (its start tag and its end tag inside the
/// marks) so that minifying it alone gives what minifying it in its page gives.
pub const SHARED_START: &str = "<!--pathways:shared-->";
/// See [`SHARED_START`].
pub const SHARED_END: &str = "<!--/pathways:shared-->";

/// What stands in for kept and shared HTML while the rest of the page is minified: an element
/// the minifier leaves as it is (an unknown element with no attributes and no content).
const SLOT: &[u8] = b"<pathways-kept></pathways-kept>";

/// Minifies a page. JavaScript and CSS are left alone (minify-html's JS minifier has broken
/// scripts, its CSS minifier rewrites media queries), closing tags kept so tools can read the
/// output, and a panic inside the minifier falls back to the page as rendered. HTML between
/// [`KEEP_START`] and [`KEEP_END`] is put back unchanged (without the marks) into the minified
/// rest of the page, and HTML between [`SHARED_START`] and [`SHARED_END`] minified on its own
/// (once for all pages that share it); if the marks do not pair up, the whole page is
/// minified.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let Some((rest, parts)) = split(html) else {
        return minify_whole(html);
    };
    // What is left once the parts are out is much the same on every page of a kind (a
    // document page's is its `<html>`, `<body>` and `<main>` tags, the footer's last line and
    // the slots): minified once for every page that leaves the same.
    let small = minified_once(&rest, &SKELETONS);
    put_back(&small, &parts).unwrap_or_else(|| minify_whole(html))
}

fn minify_whole(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::new()
    };
    std::panic::catch_unwind(|| minify_html::minify(html, &cfg)).unwrap_or_else(|_| html.to_vec())
}

/// How many distinct pieces of HTML each memory of [`minified_once`] remembers: a site prints
/// a few dozen shared parts (a header and a network bar per network, a footer per language)
/// and about as many page skeletons (one per kind and status of document page; a network
/// page's or a leaflet's differs with its dates). When one is full (a network bar that
/// differs on every page, or a long preview session with many theme edits), it is emptied
/// and starts again, so memory stays bounded and stale pieces go.
const MEMORY_LIMIT: usize = 512;

/// Keyed by the piece's bytes (a few KB, looked up several times a page): hashed with the
/// fast hasher, which took a tenth of the time of the standard one for the same lookups.
type Memo = HashMap<Box<[u8]>, Arc<[u8]>, crate::incremental::Fast>;

/// A memory of [`minified_once`], shared by the whole process (the preview server's rebuilds
/// find the header and footer there already).
type Memory = Mutex<Option<Memo>>;

/// The shared parts, minified.
static SHARED: Memory = Mutex::new(None);
/// What is left of pages once their parts are out, minified. Apart from [`SHARED`], so that
/// pages whose skeletons are all different (a leaflet's has its dates) cannot push out the
/// parts every page shares.
static SKELETONS: Memory = Mutex::new(None);

/// `html` minified, from `memory` if it was minified before: a pure function remembered.
fn minified_once(html: &[u8], memory: &Memory) -> Arc<[u8]> {
    if let Some(done) = held(memory).as_ref().and_then(|m| m.get(html)) {
        return Arc::clone(done);
    }
    let small: Arc<[u8]> = minify_whole(html).into();
    let mut memo = held(memory);
    let memo = memo.get_or_insert_with(Memo::default);
    if memo.len() >= MEMORY_LIMIT {
        memo.clear();
    }
    memo.insert(html.into(), Arc::clone(&small));
    small
}

fn held(memory: &Memory) -> std::sync::MutexGuard<'_, Option<Memo>> {
    memory.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A part of a page taken out while the rest is minified.
enum Part<'a> {
    /// Put back as it was.
    Kept(&'a [u8]),
    /// Put back minified on its own.
    Shared(Arc<[u8]>),
}

impl Part<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Part::Kept(b) => b,
            Part::Shared(b) => b,
        }
    }
}

/// The page with each kept or shared part replaced by [`SLOT`], and the parts in order
/// (shared ones minified); `None` when there are no parts or the marks do not pair up.
fn split(html: &[u8]) -> Option<(Vec<u8>, Vec<Part<'_>>)> {
    let mut rest = Vec::with_capacity(html.len() / 2);
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&html[from..], &OPEN).map(|a| from + a) {
        let (start, end, shared) = if html[at..].starts_with(KEEP_START.as_bytes()) {
            (KEEP_START, &KEEP_CLOSE, false)
        } else if html[at..].starts_with(SHARED_START.as_bytes()) {
            (SHARED_START, &SHARED_CLOSE, true)
        } else {
            return None;
        };
        let open = at + start.len();
        let close = open + find(&html[open..], end)?;
        let inner = &html[open..close];
        if find(inner, &OPEN).is_some() {
            return None;
        }
        rest.extend_from_slice(&html[from..at]);
        rest.extend_from_slice(SLOT);
        parts.push(if shared {
            Part::Shared(minified_once(inner, &SHARED))
        } else {
            Part::Kept(inner)
        });
        from = close + end.needle().len();
    }
    let tail = &html[from..];
    if parts.is_empty() || find(tail, &KEEP_CLOSE).is_some() {
        return None;
    }
    if find(tail, &SHARED_CLOSE).is_some() {
        return None;
    }
    rest.extend_from_slice(tail);
    Some((rest, parts))
}

/// The minified page with each [`SLOT`] replaced by its part; `None` unless there is exactly
/// one slot per part (the minifier keeps unknown elements as they are, so a page whose slots
/// went missing is minified whole instead).
fn put_back(small: &[u8], parts: &[Part]) -> Option<Vec<u8>> {
    let size = small.len() + parts.iter().map(|p| p.bytes().len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut from = 0;
    for part in parts {
        let at = from + find(&small[from..], &SLOT_MARK)?;
        out.extend_from_slice(&small[from..at]);
        out.extend_from_slice(part.bytes());
        from = at + SLOT.len();
    }
    if find(&small[from..], &SLOT_MARK).is_some() {
        return None;
    }
    out.extend_from_slice(&small[from..]);
    Some(out)
}

/// A searcher for one mark, made once: making one for every search (about 25 a page) was
/// 1 % of a 10,000-document build's user CPU.
type Mark = LazyLock<Finder<'static>>;

/// The start of any part's mark.
static OPEN: Mark = LazyLock::new(|| Finder::new(b"<!--pathways:"));
static KEEP_CLOSE: Mark = LazyLock::new(|| Finder::new(KEEP_END.as_bytes()));
static SHARED_CLOSE: Mark = LazyLock::new(|| Finder::new(SHARED_END.as_bytes()));
static SLOT_MARK: Mark = LazyLock::new(|| Finder::new(SLOT));
static BODY_MARK: Mark = LazyLock::new(|| Finder::new(BODY_OPEN));

fn find(haystack: &[u8], mark: &Mark) -> Option<usize> {
    mark.find(haystack)
}

/// Bodies a page prints that do not pass through its template context: a network's handbook
/// prints every document in force (12 MB at 10,000 documents), and copying that into the
/// context, the rendered page and the minified page held three copies of it at once. The
/// context gives the template a token for each body instead ([`body_token`]); the minified page
/// gets each body in its token's place, written straight into it.
pub trait Bodies: Sync {
    /// How many bytes the bodies take, to size the finished page once (a guess is fine).
    fn size(&self) -> usize;
    /// Appends body `i` to `out`; false (and nothing written) if there is no body `i`.
    fn write(&self, i: usize, out: &mut Vec<u8>) -> bool;
}

/// A page without such bodies.
pub struct NoBodies;

impl Bodies for NoBodies {
    fn size(&self) -> usize {
        0
    }
    fn write(&self, _: usize, _: &mut Vec<u8>) -> bool {
        false
    }
}

const BODY_OPEN: &[u8] = b"<pathways-body>";
const BODY_CLOSE: &[u8] = b"</pathways-body>";

/// What a template prints where body `i` of the page's [`Bodies`] goes: an element the
/// minifier leaves as it is, and that author HTML cannot contain (the sanitiser removes
/// unknown elements), so only a template can have put it there.
pub fn body_token(i: usize) -> String {
    format!("<pathways-body>{i}</pathways-body>")
}

/// The page with each [`body_token`] replaced by its body, in one pass; a token with no body
/// is left as it is. The bodies written are not searched again.
pub fn put_bodies(page: Vec<u8>, bodies: &dyn Bodies) -> Vec<u8> {
    if find(&page, &BODY_MARK).is_none() {
        return page;
    }
    let mut out = Vec::with_capacity(page.len() + bodies.size());
    let mut from = 0;
    while let Some(at) = find(&page[from..], &BODY_MARK).map(|a| from + a) {
        let digits = at + BODY_OPEN.len();
        let end = digits
            + page[digits..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        out.extend_from_slice(&page[from..at]);
        let token = end > digits && page[end..].starts_with(BODY_CLOSE);
        let index = std::str::from_utf8(&page[digits..end])
            .ok()
            .and_then(|d| d.parse().ok());
        match index.filter(|_| token) {
            Some(i) if bodies.write(i, &mut out) => from = end + BODY_CLOSE.len(),
            _ => {
                out.extend_from_slice(BODY_OPEN);
                from = digits;
            }
        }
    }
    out.extend_from_slice(&page[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pre_survives_minification() {
        let html = b"<!doctype html><html><head></head><body><pre>  a\n    b</pre><p>x   y</p></body></html>";
        let out = String::from_utf8(minify(html)).unwrap();
        assert!(out.contains("<pre>  a\n    b</pre>"), "{out}");
        assert!(out.contains("<p>x y</p>"), "{out}");
    }

    /// A page as the templates make it, with `body` where a document's body goes.
    fn page_with(body: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>T</title>\n</head>\n<body class=\"doc\">\n  <main id=\"main\">\n    <h1 id=\"t\">Title</h1>\n    <div class=\"doc-body\">\n{KEEP_START}{body}{KEEP_END}\n    </div>\n    <div class=\"doc-body\">\n{KEEP_START}{body}{KEEP_END}\n    </div>\n  </main>\n</body>\n</html>\n"
        )
    }

    #[test]
    fn kept_html_is_put_back_as_it_was_and_the_rest_is_minified() {
        let body = "<h2 id=\"scope\">Scope</h2>\n<p>Within  4 hours.</p>\n";
        let out = String::from_utf8(minify(page_with(body).as_bytes())).unwrap();
        assert_eq!(out.matches(body).count(), 2, "{out}");
        assert!(
            !out.contains("pathways:keep") && !out.contains("pathways-kept"),
            "{out}"
        );
        assert!(
            out.contains("<main id=main><h1 id=t>Title</h1><div class=doc-body>"),
            "{out}"
        );
    }

    #[test]
    fn a_body_minifying_would_not_change_comes_out_as_if_the_whole_page_were_minified() {
        let body = "<h2 id=scope>Scope</h2><p>Within 4 hours.</p><ul><li>One</li></ul>";
        let page = page_with(body);
        let whole = minify_whole(
            page.replace(KEEP_START, "")
                .replace(KEEP_END, "")
                .as_bytes(),
        );
        assert_eq!(minify(page.as_bytes()), whole);
    }

    #[test]
    fn marks_that_do_not_pair_up_minify_the_whole_page() {
        for page in [
            format!("<body><div>{KEEP_START}<p>a   b</p></div></body>"),
            format!("<body><div><p>a   b</p>{KEEP_END}</div></body>"),
            format!("<body><div>{KEEP_START}<p>a</p>{KEEP_END}<p>a   b</p>{KEEP_END}</div></body>"),
        ] {
            let out = String::from_utf8(minify(page.as_bytes())).unwrap();
            assert!(out.contains("<p>a b</p>"), "{page} gave {out}");
            assert!(!out.contains("pathways"), "{page} gave {out}");
        }
    }

    /// A page as base.html makes one: a shared header and footer around a kept body.
    fn page_with_shared(title: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<title>{title}</title>\n</head>\n<body>\n<a class=\"skip\" href=\"#m\">Skip</a>\n{SHARED_START}<header class=\"site-header\">\n  <div class=\"container\">\n    <a href=\"/\">Site</a>\n    <form action=\"/search/\"><label for=\"q\">Search</label> <input id=\"q\" name=\"q\"></form>\n  </div>\n</header>{SHARED_END}\n<main id=\"m\">\n<h1>{title}</h1>\n{KEEP_START}<p>Body text.</p>{KEEP_END}\n</main>\n<footer>\n  <div>\n    {SHARED_START}<ul class=\"links\"><li><a href=\"/a/\">A  link</a></li>\n<li><a href=\"/b/\">B</a></li></ul>{SHARED_END}\n    <p>{title}.</p>\n  </div>\n</footer>\n</body>\n</html>\n"
        )
    }

    #[test]
    fn shared_parts_minified_once_come_out_as_if_the_whole_page_were_minified() {
        for title in ["One", "Two", "One"] {
            let page = page_with_shared(title);
            let whole = minify_whole(
                page.replace(KEEP_START, "")
                    .replace(KEEP_END, "")
                    .replace(SHARED_START, "")
                    .replace(SHARED_END, "")
                    .as_bytes(),
            );
            let out = String::from_utf8(minify(page.as_bytes())).unwrap();
            assert_eq!(out, String::from_utf8(whole).unwrap());
            assert!(
                out.contains("<header class=site-header><div class=container>"),
                "{out}"
            );
            assert!(
                out.contains("<ul class=links><li><a href=/a/>A link</a>"),
                "{out}"
            );
        }
        let header = minified_once(
            b"<header class=\"site-header\">  <a>x</a>  </header>",
            &SHARED,
        );
        assert_eq!(&header[..], b"<header class=site-header><a>x</a></header>");
        // More distinct parts than the memory holds: each still comes out right.
        for i in 0..MEMORY_LIMIT + 10 {
            let part = format!("<p class=\"n{i}\">  {i}  </p>");
            assert_eq!(
                &minified_once(part.as_bytes(), &SHARED)[..],
                format!("<p class=n{i}>{i}</p>").as_bytes()
            );
            let held = held(&SHARED).as_ref().map_or(0, HashMap::len);
            assert!(held <= MEMORY_LIMIT, "the memory holds {held} parts");
        }
    }

    #[test]
    fn shared_marks_that_do_not_pair_up_or_nest_minify_the_whole_page() {
        for page in [
            format!("<body><div>{SHARED_START}<p>a   b</p></div></body>"),
            format!("<body><div><p>a   b</p>{SHARED_END}</div></body>"),
            format!("<body>{SHARED_START}<div>{KEEP_START}<p>a</p>{KEEP_END}</div>{SHARED_END}<p>a   b</p></body>"),
            format!("<body>{SHARED_START}<p>a</p>{KEEP_END}<p>a   b</p></body>"),
            "<body><!--pathways:other--><p>a   b</p></body>".to_string(),
        ] {
            let out = String::from_utf8(minify(page.as_bytes())).unwrap();
            assert!(out.contains("<p>a b</p>"), "{page} gave {out}");
            assert!(!out.contains("pathways"), "{page} gave {out}");
        }
    }

    struct Two;

    impl Bodies for Two {
        fn size(&self) -> usize {
            8
        }
        fn write(&self, i: usize, out: &mut Vec<u8>) -> bool {
            let body: &[u8] = match i {
                0 => b"<p>zero</p>",
                // A body that looks like a token is not searched again.
                1 => b"<pathways-body>0</pathways-body>",
                _ => return false,
            };
            out.extend_from_slice(body);
            true
        }
    }

    #[test]
    fn bodies_go_where_their_tokens_are_after_minifying() {
        let page = format!(
            "<main>  <div>{}</div> <div>{KEEP_START}{}{KEEP_END}</div> {} </main>",
            body_token(1),
            body_token(0),
            body_token(0)
        );
        let out = put_bodies(minify(page.as_bytes()), &Two);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<main><div><pathways-body>0</pathways-body></div><div><p>zero</p></div><p>zero</p></main>"
        );
    }

    #[test]
    fn what_is_not_a_token_of_a_body_stays_as_it_is() {
        for page in [
            "<p>no tokens</p>",
            "<pathways-body>7</pathways-body>",
            "<pathways-body></pathways-body>",
            "<pathways-body>1x</pathways-body><pathways-body>",
            "<pathways-body>99999999999999999999999</pathways-body>",
        ] {
            let out = put_bodies(page.as_bytes().to_vec(), &Two);
            assert_eq!(String::from_utf8(out).unwrap(), page);
        }
        let out = put_bodies(
            b"a<pathways-body>x<pathways-body>0</pathways-body>".to_vec(),
            &Two,
        );
        assert_eq!(out, b"a<pathways-body>x<p>zero</p>");
    }
}
