//! Which `Host` the preview answers. A web page on any site can point a name it controls at
//! 127.0.0.1 (DNS rebinding) and then read the preview — drafts included — as if it were its
//! own. Browsers send that name in the `Host` header, so the preview answers only requests
//! addressed to a loopback name or address (`localhost`, `127.0.0.1`, `[::1]`, any port) or
//! to the address it listens on; with `--bind 0.0.0.0` (or `::`), any IP address, since an
//! address typed as digits cannot be rebound. Every other host gets 421 with a short
//! explanation.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The address the preview listens on, which decides the hosts it answers.
#[derive(Debug, Clone, Copy)]
pub struct Hosts {
    pub listening: SocketAddr,
}

impl Hosts {
    /// Whether a request addressed to `host` (a `Host` header: a name or an address, with or
    /// without a port) is answered.
    pub fn allows(&self, host: &str) -> bool {
        let Some(name) = strip_port(host) else {
            return false;
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if name == "localhost" {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => {
                let bound = self.listening.ip();
                ip.is_loopback() || ip == bound || bound.is_unspecified()
            }
            Err(_) => false,
        }
    }

    /// The address to suggest instead of a refused one.
    fn suggestion(&self) -> SocketAddr {
        let ip = self.listening.ip();
        if ip.is_unspecified() {
            SocketAddr::new(IpAddr::from([127, 0, 0, 1]), self.listening.port())
        } else {
            self.listening
        }
    }
}

/// `name:port`, `[v6]:port`, `[v6]` or `name` → the name or address; `None` when malformed.
fn strip_port(host: &str) -> Option<&str> {
    if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let port_ok = after.is_empty()
            || after
                .strip_prefix(':')
                .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
        return port_ok.then_some(inside);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => Some(name),
        Some(_) => None,
        None => Some(host),
    }
}

/// Passes on requests addressed to an allowed host; answers the rest with 421. A request
/// without any host (HTTP/1.0 without `Host`, which no browser sends, so no web page can
/// make) is passed on; a `Host` that is not text is refused with 400.
pub async fn only_allowed_hosts(
    State(hosts): State<Arc<Hosts>>,
    req: Request,
    next: Next,
) -> Response {
    let header = match req.headers().get(header::HOST).map(|h| h.to_str()) {
        Some(Err(_)) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "the Host header is not text\n".to_owned(),
            );
        }
        header => header.and_then(Result::ok),
    };
    let from_uri = req.uri().authority().map(|a| a.as_str());
    if header.into_iter().chain(from_uri).all(|h| hosts.allows(h)) {
        return next.run(req).await;
    }
    refuse(
        StatusCode::MISDIRECTED_REQUEST,
        format!(
            "This preview answers only requests addressed to localhost, 127.0.0.1 or [::1] \
             (or the address it listens on), so that other web sites cannot read your drafts. \
             Open http://{}/ instead.\n",
            hosts.suggestion()
        ),
    )
}

fn refuse(status: StatusCode, text: String) -> Response {
    let mut r = Response::new(text.into());
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(addr: &str) -> Hosts {
        Hosts {
            listening: addr.parse().unwrap(),
        }
    }

    #[test]
    fn loopback_names_and_addresses_are_answered_on_any_port() {
        let hosts = on("127.0.0.1:1111");
        for host in [
            "localhost",
            "LOCALHOST:1111",
            "localhost.:8080",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.0.0.2:9",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn other_names_are_refused() {
        let hosts = on("127.0.0.1:1111");
        for host in [
            "x",
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "192.168.1.5:1111",
            "[::1",
            "[::1]x",
            "localhost:port",
            "",
        ] {
            assert!(!hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn the_bound_address_is_answered_and_any_address_when_bound_to_all() {
        let lan = on("192.168.1.5:1111");
        assert!(lan.allows("192.168.1.5:1111"));
        assert!(lan.allows("localhost:1111"));
        assert!(!lan.allows("192.168.1.6:1111"));
        assert!(!lan.allows("laptop.example:1111"));
        let all = on("0.0.0.0:1111");
        assert!(all.allows("192.168.1.6:1111"));
        assert!(!all.allows("laptop.example:1111"));
        assert_eq!(all.suggestion().to_string(), "127.0.0.1:1111");
    }
}
