//! Task lists: `- [ ]` items are checklists to tick on paper (transfer checklists, proformas).
//! A disabled `<input type="checkbox">` does nothing on a static page and, having no label, is a
//! WCAG failure; the marker becomes a drawn box instead, with "Done:" in words for ticked items.

pub fn marker(done: bool) -> String {
    if done {
        "<span class=\"task-box task-done\"><span class=\"visually-hidden\">Done:</span></span> "
            .to_owned()
    } else {
        "<span class=\"task-box\"></span> ".to_owned()
    }
}
