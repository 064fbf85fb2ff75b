//! `pathways serve` end to end: the real binary on a free port, spoken to over raw TCP so the
//! tests see exactly what a browser would (and can send requests no HTTP client would).

use crate::helpers::{Project, TODAY};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `pathways serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(p: &Project) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pathways"))
            .args(["serve", "--content", "content", "--port", "0"])
            .current_dir(p.dir.path())
            .env("PATHWAYS_TODAY", TODAY)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start pathways serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}: {}", stderr.lock().unwrap()));
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        Server {
            child,
            addr,
            stderr,
        }
    }

    /// Sends `request` as it is and returns (status code, headers and body as text).
    fn raw(&self, request: &[u8]) -> (u16, String) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text:?}"));
        (status, text)
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.get_as(&self.addr.to_string(), path)
    }

    /// A GET of `path` addressed to `host` (the `Host` header).
    fn get_as(&self, host: &str, path: &str) -> (u16, String) {
        self.raw(
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    }

    fn events(&self) -> Events {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        s.write_all(
            b"GET /__pathways/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n",
        )
        .unwrap();
        Events {
            stream: s,
            raw: Vec::new(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server-sent-event stream of a live-reload connection.
struct Events {
    stream: TcpStream,
    raw: Vec<u8>,
}

impl Events {
    /// The next event as (name, data), waiting up to `limit`.
    fn next(&mut self, limit: Duration) -> (String, String) {
        self.next_within(limit)
            .unwrap_or_else(|| panic!("no event within {limit:?}"))
    }

    /// The next event, or `None` if none arrives within `limit`.
    fn next_within(&mut self, limit: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(event) = self.take_event() {
                return Some(event);
            }
            if Instant::now() >= deadline {
                return None;
            }
            let mut buf = [0u8; 4096];
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the event stream closed"),
                Ok(n) => self.raw.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(e) => panic!("reading events: {e}"),
            }
        }
    }

    /// Takes the first complete `event:`/`data:` pair from what has arrived. The response is
    /// chunked; chunk-size lines never start with `event:` or `data:`, so they are skipped.
    fn take_event(&mut self) -> Option<(String, String)> {
        let text = String::from_utf8_lossy(&self.raw).into_owned();
        let start = text.find("event: ")?;
        let rest = &text[start..];
        let end = rest.find("\n\n")?;
        let block = &rest[..end];
        let name = block
            .lines()
            .next()?
            .trim_start_matches("event: ")
            .to_owned();
        let data = block
            .lines()
            .filter_map(|l| l.strip_prefix("data: "))
            .collect::<Vec<_>>()
            .join("\n");
        let consumed = start + end + 2;
        self.raw = text.as_bytes()[consumed..].to_vec();
        Some((name, data))
    }
}

fn json(data: &str) -> serde_json::Value {
    serde_json::from_str(data).unwrap_or_else(|e| panic!("{e}: {data}"))
}

/// Replaces a file the way many editors save: write a temporary file beside it, rename over.
fn save(p: &Project, rel: &str, text: &str) {
    let target = p.content().join(rel);
    let tmp = target.with_file_name(".pathways-test-save.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, &target).unwrap();
}

const DOC: &str = "networks/alpha/pathways/ces-local.md";
const PAGE: &str = "/alpha/ces-local/";
const WAIT: Duration = Duration::from_secs(20);

#[test]
fn edits_reload_open_pages_and_errors_show_as_an_overlay_until_fixed() {
    let p = Project::base();
    let server = Server::start(&p);
    let (status, page) = server.get(PAGE);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Out-of-hours MRI at the hub"), "{page}");
    assert!(page.contains("/__pathways/live.js"), "{page}");
    let (status, script) = server.get("/__pathways/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    let mut events = server.events();
    let (name, data) = events.next(WAIT);
    assert_eq!(name, "state");
    assert_eq!(json(&data)["generation"], 1);
    assert!(json(&data)["diagnostics"].is_null());

    // An edit: a reload event for a new generation, and the page has the new text.
    let original = p.read(&format!("content/{DOC}"));
    let edited = original.replace("Call the hub.", "Call the hub's spinal registrar now.");
    save(&p, DOC, &edited);
    let (name, data) = events.next(WAIT);
    assert_eq!(
        (name.as_str(), &json(&data)["generation"]),
        ("reload", &2.into())
    );
    let (_, page) = server.get(PAGE);
    assert!(
        page.contains("Call the hub’s spinal registrar now."),
        "{page}"
    );
    assert!(page.contains("data-generation=\"2\""), "{page}");
    assert!(!page.contains("pathways-overlay"));

    // Broken front matter: an error event with the terminal's diagnostic; the last good page
    // is still served, with the overlay over it.
    save(
        &p,
        DOC,
        &edited.replace("version: \"2.0\"", "version: 2.0.x"),
    );
    let (name, data) = events.next(WAIT);
    assert_eq!(name, "error");
    let state = json(&data);
    assert_eq!(state["generation"], 2, "the last good pages stay served");
    let diagnostics = state["diagnostics"].as_str().unwrap().to_owned();
    assert!(
        diagnostics.contains(&format!("{DOC}:5:10: error[invalid-version]")),
        "{diagnostics}"
    );
    let (status, page) = server.get(PAGE);
    assert_eq!(status, 200);
    assert!(
        page.contains("Call the hub’s spinal registrar now."),
        "{page}"
    );
    assert!(page.contains("id=\"pathways-overlay\""), "{page}");
    assert!(
        page.contains(&format!("{DOC}:5:10: error[invalid-version]")),
        "{page}"
    );
    // The overlay shows the errors only; the terminal printed the same error, and after this
    // save only what changed.
    assert!(!diagnostics.contains("warning["), "{diagnostics}");
    assert!(page.contains("1 warning</a>"), "{page}");
    let block = diagnostics.split("\n\n").next().unwrap().to_owned();
    let deadline = Instant::now() + WAIT;
    while !server.stderr.lock().unwrap().contains(&block) {
        assert!(
            Instant::now() < deadline,
            "the terminal shows the same text"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let terminal = server.stderr.lock().unwrap().clone();
    assert_eq!(
        terminal.matches("warning[review-overdue]").count(),
        1,
        "warnings are printed once, not after every save: {terminal}"
    );
    assert!(
        terminal.contains("fixed: 0; new: 1 error (now 1 error, 1 warning)"),
        "{terminal}"
    );
    let (status, list) = server.get("/__pathways/warnings");
    assert_eq!(status, 200);
    assert!(list.contains("warning[review-overdue]"), "{list}");

    // Fixed: a reload to a new generation, and no overlay. (The failed build's state may be
    // sent once more first, when the last good build's search index is added under load.)
    save(&p, DOC, &edited);
    let (mut name, mut data) = events.next(WAIT);
    while name == "error" {
        (name, data) = events.next(WAIT);
    }
    assert_eq!(
        (name.as_str(), &json(&data)["generation"]),
        ("reload", &3.into())
    );
    assert!(json(&data)["diagnostics"].is_null());
    let deadline = Instant::now() + WAIT;
    while !server
        .stderr
        .lock()
        .unwrap()
        .contains("fixed: 1 error; new: 0 (now 0 errors, 1 warning)")
    {
        assert!(
            Instant::now() < deadline,
            "the terminal says what was fixed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let (_, page) = server.get(PAGE);
    assert!(!page.contains("pathways-overlay"), "{page}");
    assert!(page.contains("data-generation=\"3\""));
}

#[test]
fn editor_swap_files_do_not_trigger_rebuilds() {
    let p = Project::base();
    let server = Server::start(&p);
    let mut events = server.events();
    assert_eq!(events.next(WAIT).0, "state");
    std::fs::write(
        p.content()
            .join("networks/alpha/pathways/.ces-local.md.swp"),
        "x",
    )
    .unwrap();
    std::fs::write(
        p.content().join("networks/alpha/pathways/ces-local.md~"),
        "x",
    )
    .unwrap();
    std::fs::write(p.content().join("networks/alpha/pathways/4913"), "x").unwrap();
    // The preview runs with a relative --content, as most people start it, while the watcher
    // reports absolute paths: the files must still be recognised.
    let event = events.next_within(Duration::from_millis(800));
    assert!(
        event.is_none(),
        "editor files triggered a rebuild: {event:?}"
    );
    // A real edit after them: the next event is its reload, generation 2.
    let text = p.read(&format!("content/{DOC}"));
    save(&p, DOC, &text.replace("Call the hub.", "Call the hub now."));
    let (name, data) = events.next(WAIT);
    assert_eq!(
        (name.as_str(), &json(&data)["generation"]),
        ("reload", &2.into())
    );
}

#[test]
fn drafts_are_served_watermarked() {
    let p = Project::base();
    let server = Server::start(&p);
    let (status, page) = server.get("/alpha/new-sop/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("banner-draft"), "{page}");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let p = Project::base();
    std::fs::write(p.path("secret.txt"), "TOP-SECRET").unwrap();
    #[cfg(unix)]
    {
        let assets = p.content().join("assets");
        std::os::unix::fs::symlink(p.path("secret.txt"), assets.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(p.dir.path(), assets.join("outside")).unwrap();
    }
    let server = Server::start(&p);
    assert_eq!(
        server.get("/assets/form.txt").0,
        200,
        "a real asset is served"
    );

    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/assets/%00",
        "/%zz",
        "http://127.0.0.1/../secret.txt",
    ] {
        let (status, text) = server.get(path);
        assert!((400..500).contains(&status), "{path}: {status}\n{text}");
        assert!(!text.contains("TOP-SECRET"), "{path}");
    }
    #[cfg(unix)]
    for path in ["/assets/leak.txt", "/assets/outside/secret.txt"] {
        let (status, text) = server.get(path);
        assert_eq!(status, 404, "{path}: a symbolic link is never followed");
        assert!(!text.contains("TOP-SECRET"), "{path}");
    }

    for request in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\nHost: localhost\r\n\r\n",
        b"GET /\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\nBad Header Line\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
    ] {
        let (status, text) = server.raw(request);
        assert!(
            (400..500).contains(&status),
            "{:?}: {status}\n{text}",
            String::from_utf8_lossy(request)
        );
    }
    let (status, _) = server.raw(
        b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 405);
    let (status, _) = server.get("/");
    assert_eq!(status, 200, "the server still answers after all that");
}

#[test]
fn slow_or_abandoned_connections_do_not_block_others() {
    let p = Project::base();
    let server = Server::start(&p);
    // Connections that never finish their request, one that stops mid-header, and one that
    // sends nothing at all, all held open.
    let mut stalled = Vec::new();
    for partial in [
        &b""[..],
        b"GET / HTTP/1.1\r\n",
        b"GET /national/ces/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: ",
    ] {
        let mut s = TcpStream::connect(server.addr).unwrap();
        s.write_all(partial).unwrap();
        stalled.push(s);
    }
    let start = std::time::Instant::now();
    for _ in 0..5 {
        let (status, body) = server.get("/national/ces/");
        assert_eq!(status, 200);
        assert!(body.contains("National CES pathway"));
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "pages waited behind stalled connections"
    );
    drop(stalled);
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn the_search_index_is_served_and_follows_edits() {
    let p = Project::base();
    let server = Server::start(&p);
    assert_eq!(
        server.get("/search/manifest.json").0,
        200,
        "no search index at start"
    );
    let mut events = server.events();
    assert_eq!(events.next(WAIT).0, "state");
    let page = p.read("content/national/pathways/ces.md");
    save(
        &p,
        "national/pathways/ces.md",
        &page.replace("Scan fast.", "Scan fast. Zebracorn."),
    );
    assert_eq!(events.next(WAIT).0, "reload");
    // The index follows a moment after the reload.
    let deadline = Instant::now() + WAIT;
    loop {
        let records: String = (0..8)
            .map(|i| server.get(&format!("/search/d/{i}.json")))
            .filter(|(status, _)| *status == 200)
            .map(|(_, body)| body)
            .collect();
        if records.contains("Zebracorn") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the edit never reached the search index"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_preview_links_a_draft_to_the_approved_version_in_force() {
    let p = crate::history::revising("consultation");
    let server = Server::start(&p);
    let (status, draft) = server.get("/national/ces/");
    assert_eq!(status, 200);
    assert!(draft.contains("DRAFT WORDING"), "{draft}");
    assert!(
        draft.contains("The approved version in force is <a href=/national/ces/v2.0/>"),
        "{draft}"
    );
    let (status, in_force) = server.get("/national/ces/v2.0/");
    assert_eq!(status, 200);
    assert!(in_force.contains("Scan within 4 hours."), "{in_force}");
}

/// The headers of a raw answer, lower-cased names, for lookups.
fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    let head = answer.split("\r\n\r\n").next().unwrap_or("");
    head.lines().skip(1).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn only_requests_addressed_to_a_local_host_are_answered() {
    let p = Project::base();
    let server = Server::start(&p);
    let port = server.addr.port();
    for host in [
        format!("localhost:{port}"),
        "localhost".to_owned(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, page) = server.get_as(&host, PAGE);
        assert_eq!(status, 200, "{host}: {page}");
    }
    // A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is refused, for
    // pages, drafts and the live-reload stream alike, with a reason.
    for host in [
        format!("attacker.example:{port}"),
        "attacker.example".to_owned(),
        format!("localhost.attacker.example:{port}"),
        format!("192.0.2.1:{port}"),
    ] {
        for path in [
            PAGE,
            "/alpha/new-sop/",
            "/__pathways/events",
            "/search/manifest.json",
        ] {
            let (status, answer) = server.get_as(&host, path);
            assert_eq!(status, 421, "{host}{path}: {answer}");
            assert!(
                answer.contains("only requests addressed to localhost"),
                "{answer}"
            );
            assert!(!answer.contains("Out-of-hours MRI"), "{answer}");
            assert!(!answer.contains("banner-draft"), "{answer}");
        }
    }
    // An absolute request target naming another host; a request with no host at all (which
    // no browser sends) is local.
    let (status, _) = server.raw(
        b"GET http://attacker.example/ HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 421);
    let (status, _) = server.raw(b"GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 200);
    let (status, _) = server.raw(b"GET / HTTP/1.1\r\nHost: \xff\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 400);
}

#[test]
fn a_folder_redirect_never_names_another_host() {
    let p = Project::base();
    let server = Server::start(&p);
    let (status, answer) = server.get("/alpha");
    assert_eq!(status, 308, "{answer}");
    assert_eq!(header(&answer, "location"), Some("/alpha/"));
    // `//alpha/` would be read by a browser as the address of a host called `alpha`.
    for path in ["//alpha", "///alpha", "//%61lpha"] {
        let (status, answer) = server.get(path);
        assert_eq!(status, 308, "{path}: {answer}");
        let location = header(&answer, "location").unwrap_or_default();
        assert!(
            location.starts_with('/') && !location.starts_with("//"),
            "{path} → {location}"
        );
    }
}

#[test]
fn assets_are_served_with_their_type_and_svg_inert() {
    let p = Project::base();
    p.write(
        "assets/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>Box</title><rect width=\"10\" height=\"10\"/></svg>\n",
    );
    let server = Server::start(&p);
    let (status, answer) = server.get("/assets/diagram.svg");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(header(&answer, "content-type"), Some("image/svg+xml"));
    assert_eq!(header(&answer, "x-content-type-options"), Some("nosniff"));
    let policy = header(&answer, "content-security-policy").unwrap_or_default();
    assert!(
        policy.contains("default-src 'none'") && policy.contains("sandbox"),
        "{policy}"
    );
    let (_, answer) = server.get("/assets/form.txt");
    assert_eq!(
        header(&answer, "content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(header(&answer, "x-content-type-options"), Some("nosniff"));
}
