//! The preview's HTTP side (axum on a single-threaded tokio runtime): the site from memory,
//! the live-reload script, and a server-sent-event stream that tells open tabs about each
//! build.
//!
//! Files come only from the in-memory snapshot, so nothing outside the built site can be
//! served: a request path is percent-decoded once and refused with 400 if any segment is `.`
//! or `..`, or if it holds a backslash, a NUL or invalid UTF-8. The snapshot never contains a
//! symbolic link's target, because the content reader does not follow links. Malformed request
//! lines are answered 400 by hyper before they reach this module, and requests addressed to
//! any host but a local one are refused before they reach a route (see [`super::hosts`]).
//!
//! Every answer carries `X-Content-Type-Options: nosniff`, so a browser never runs a file as
//! something other than its type, and an SVG file also a Content-Security-Policy that
//! forbids scripts and sandboxes it when opened on its own.

use super::builder::Snapshot;
use super::hosts::{self, Hosts};
use super::page::{self, PREFIX};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use futures_util::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::watch;

type Snapshots = watch::Receiver<Arc<Snapshot>>;

/// The preview's routes, answering only requests addressed to the hosts `hosts` allows.
pub fn router(snapshots: Snapshots, hosts: Hosts) -> Router {
    Router::new()
        .route(&format!("{PREFIX}events"), get(events))
        .route(&format!("{PREFIX}live.js"), get(live_js))
        .route(page::WARNINGS_PATH, get(warnings))
        .fallback(file)
        .with_state(snapshots)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(hosts),
            hosts::only_allowed_hosts,
        ))
}

async fn live_js() -> Response {
    with_type(
        page::LIVE_JS.into(),
        "text/javascript; charset=utf-8",
        StatusCode::OK,
    )
}

async fn warnings(State(snapshots): State<Snapshots>) -> Response {
    let s = snapshots.borrow().clone();
    html(
        page::warnings_page(&s.warnings_text, s.warnings),
        StatusCode::OK,
    )
}

async fn file(State(snapshots): State<Snapshots>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let snapshot = snapshots.borrow().clone();
    respond(&snapshot, req.uri().path())
}

/// The answer to a GET of `raw_path` (still percent-encoded) from `snapshot`.
pub fn respond(snapshot: &Snapshot, raw_path: &str) -> Response {
    let Some(key) = file_key(raw_path) else {
        return plain(StatusCode::BAD_REQUEST, "bad request path\n");
    };
    if snapshot.files.is_empty() {
        let error = snapshot
            .error
            .as_deref()
            .unwrap_or("nothing has been built yet");
        return html(
            page::nothing_built(error, snapshot.warnings),
            StatusCode::SERVICE_UNAVAILABLE,
        );
    }
    if let Some(bytes) = snapshot.files.get(&key) {
        return found(snapshot, &key, bytes, StatusCode::OK);
    }
    if !key.ends_with("index.html") && snapshot.files.contains_key(&format!("{key}/index.html")) {
        let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(v) = HeaderValue::from_str(&folder_location(raw_path)) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    match snapshot.files.get("404.html") {
        Some(bytes) => found(snapshot, "404.html", bytes, StatusCode::NOT_FOUND),
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

fn found(snapshot: &Snapshot, key: &str, bytes: &Bytes, status: StatusCode) -> Response {
    let kind = content_type(key);
    if kind.starts_with("text/html") {
        let injected = page::inject(
            bytes,
            snapshot.generation,
            snapshot.error.as_deref(),
            snapshot.warnings,
        );
        return html(injected, status);
    }
    let mut r = with_type(bytes.clone().into(), kind, status);
    if kind == SVG {
        // The build refuses SVG with active content; this keeps any that slipped through
        // inert when the file is opened on its own (as an image, an SVG never runs scripts).
        r.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(SVG_POLICY),
        );
    }
    r
}

const SVG: &str = "image/svg+xml";
const SVG_POLICY: &str =
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; sandbox";

/// Where a request for a folder without its final `/` is sent: the same path with one `/`
/// between segments and one at the end. Empty segments are dropped, so the location always
/// starts with a single `/`: `//my-network` would otherwise become `//my-network/`, which a
/// browser reads as the address of another host.
fn folder_location(raw_path: &str) -> String {
    let mut location = String::from("/");
    for segment in raw_path.split('/').filter(|s| !s.is_empty()) {
        location.push_str(segment);
        location.push('/');
    }
    location
}

/// The snapshot key for a request path, or `None` for a path that is not plainly inside the
/// site.
pub fn file_key(raw_path: &str) -> Option<String> {
    let rest = raw_path.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(rest)?).ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut segments = Vec::new();
    for s in decoded.split('/') {
        match s {
            "." | ".." => return None,
            "" => {}
            s => segments.push(s),
        }
    }
    let mut key = segments.join("/");
    if decoded.is_empty() || decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => SVG,
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn html(bytes: Vec<u8>, status: StatusCode) -> Response {
    with_type(bytes.into(), "text/html; charset=utf-8", status)
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    with_type(text.into(), "text/plain; charset=utf-8", status)
}

fn with_type(body: Body, kind: &'static str, status: StatusCode) -> Response {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // A preview must never show a cached page from before the last edit.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The state on connecting, then an event per build: `reload` after a successful one (a new
/// generation), `error` after a failed one (same generation, with the diagnostics).
async fn events(
    State(snapshots): State<Snapshots>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut rx = snapshots.clone();
    let first = event("state", &rx.borrow_and_update());
    let seen = rx.borrow().generation;
    let updates = stream::unfold((rx, seen), |(mut rx, mut seen)| async move {
        loop {
            rx.changed().await.ok()?;
            let snapshot = rx.borrow_and_update().clone();
            let name = if snapshot.error.is_some() {
                "error"
            } else if snapshot.generation != seen {
                "reload"
            } else {
                // The same pages with their search index added: nothing to reload.
                continue;
            };
            seen = snapshot.generation;
            return Some((event(name, &snapshot), (rx, seen)));
        }
    });
    let all = stream::once(async move { first }).chain(updates).map(Ok);
    Sse::new(all).keep_alive(KeepAlive::default())
}

fn event(name: &str, snapshot: &Snapshot) -> Event {
    let data = serde_json::json!({
        "generation": snapshot.generation,
        "diagnostics": snapshot.error,
        "warnings": snapshot.warnings,
    });
    Event::default().event(name).data(data.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_files_inside_the_site() {
        assert_eq!(file_key("/").as_deref(), Some("index.html"));
        assert_eq!(
            file_key("/selk/ces/").as_deref(),
            Some("selk/ces/index.html")
        );
        assert_eq!(
            file_key("/theme/style.css").as_deref(),
            Some("theme/style.css")
        );
        assert_eq!(file_key("/a%20b.pdf").as_deref(), Some("a b.pdf"));
        assert_eq!(file_key("/selk").as_deref(), Some("selk"));
    }

    #[test]
    fn traversal_and_malformed_paths_are_refused() {
        for p in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/%2e%2e%2f",
            "/a/%2e/b",
            "/..%5c..%5cx",
            "/%00",
            "/%zz",
            "/%2",
            "/%ff",
            "relative",
        ] {
            assert_eq!(file_key(p), None, "{p}");
        }
    }

    fn snapshot(error: Option<&str>) -> Snapshot {
        let mut files = super::super::files::FileMap::default();
        files.insert(
            "index.html".to_owned(),
            Bytes::from_static(b"<body>home</body>"),
        );
        files.insert(
            "selk/index.html".to_owned(),
            Bytes::from_static(b"<body>selk</body>"),
        );
        files.insert(
            "404.html".to_owned(),
            Bytes::from_static(b"<body>lost</body>"),
        );
        Snapshot {
            generation: 3,
            files: super::super::files::Files::whole(files),
            error: error.map(str::to_owned),
            ..Snapshot::default()
        }
    }

    #[test]
    fn svg_files_are_served_inert() {
        let mut s = snapshot(None);
        s.files.insert(
            "assets/a.svg".to_owned(),
            Bytes::from_static(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        );
        let r = respond(&s, "/assets/a.svg");
        assert_eq!(r.headers()[header::CONTENT_TYPE], SVG);
        assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let policy = r.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(policy.contains("default-src 'none'") && policy.contains("sandbox"));
    }

    #[test]
    fn answers() {
        let s = snapshot(None);
        assert_eq!(respond(&s, "/").status(), StatusCode::OK);
        let r = respond(&s, "/selk");
        assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(r.headers()[header::LOCATION], "/selk/");
        // Never a protocol-relative address (another host, to a browser).
        for path in ["//selk", "///selk", "//%73elk"] {
            let r = respond(&s, path);
            assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT, "{path}");
            let location = r.headers()[header::LOCATION].to_str().unwrap();
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{path} → {location}"
            );
        }
        assert_eq!(respond(&s, "/nope/").status(), StatusCode::NOT_FOUND);
        assert_eq!(respond(&s, "/%2e%2e/").status(), StatusCode::BAD_REQUEST);
        let empty = Snapshot {
            error: Some("x".into()),
            ..Snapshot::default()
        };
        assert_eq!(
            respond(&empty, "/").status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}
