//! The accessibility statement's page, `/accessibility/`, made from site.yaml's
//! `accessibility:` section (see [`crate::accessibility`]).

use super::{Crumb, Ctx, TemplateError, Theme};
use crate::library::Library;

/// The page's HTML, or `None` when the site has no statement.
pub fn render(lib: &Library, theme: &Theme) -> Result<Option<String>, TemplateError> {
    let Some(statement) = &lib.site.accessibility else {
        return Ok(None);
    };
    let view = crate::accessibility::view(statement, &lib.site.title, lib.site.base_url());
    let cx = Ctx::new(lib);
    let crumbs = vec![
        cx.home_crumb(),
        Crumb {
            title: "Accessibility statement".into(),
            url: format!("{}{}", cx.root, crate::accessibility::PATH),
        },
    ];
    let mut ctx = cx.context(crumbs, None);
    ctx.insert("statement", &view);
    let path = format!("{}index.html", crate::accessibility::PATH);
    ctx.insert("feedback", &cx.feedback(&path, None, None));
    theme.render("accessibility.html", &ctx).map(Some)
}
