// pathways serve: reloads the page when the site is rebuilt (keeping the scroll position) and
// shows the build's errors over the page while the content has errors.
(() => {
  "use strict";
  const script = document.currentScript;
  const generation = Number(script.dataset.generation);
  const key = "pathways-scroll:" + location.pathname;
  const OVERLAY = "pathways-overlay";

  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }

  // The overlay shows the errors only, on an opaque background, and links to the warnings.
  function showOverlay(text, warnings) {
    let box = document.getElementById(OVERLAY);
    if (text === null) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#141414;" +
        "color:#fff;padding:2rem;font:16px/1.5 system-ui,sans-serif";
      const p = document.createElement("p");
      p.style.margin = "0 0 1rem";
      p.innerHTML =
        "<strong>The build failed.</strong> These pages are from the last good build; " +
        "fix the error below and this page reloads.";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:0";
      const more = document.createElement("p");
      more.style.margin = "1rem 0 0";
      box.append(p, pre, more);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = text;
    const more = box.querySelector("pre + p");
    more.textContent = "";
    if (warnings > 0) {
      const a = document.createElement("a");
      a.href = "/__pathways/warnings";
      a.style.color = "#9cf";
      a.textContent = warnings.toLocaleString("en-GB") + (warnings === 1 ? " warning" : " warnings");
      more.append("and ", a);
    }
  }

  // Every event carries the generation being served and the diagnostics, if the last build
  // failed: a page from another generation is stale and reloads.
  function update(event) {
    const state = JSON.parse(event.data);
    if (state.generation !== generation) {
      reload();
    } else {
      showOverlay(state.diagnostics, state.warnings || 0);
    }
  }

  // A browser opens about six connections to one server, and an event stream holds one for
  // as long as it is open: so only a visible tab listens. A tab that comes back reconnects,
  // receives the current state at once and reloads if it is stale.
  let events = null;
  function listen() {
    if (document.hidden) {
      if (events) {
        events.close();
        events = null;
      }
    } else if (!events) {
      events = new EventSource("/__pathways/events");
      for (const name of ["state", "reload", "error"]) {
        events.addEventListener(name, update);
      }
    }
  }
  document.addEventListener("visibilitychange", listen);
  listen();
})();
