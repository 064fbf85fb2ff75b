//! The theme: Tera templates and static files, embedded in the binary so `pathways` works from
//! anywhere, and overridable file by file from the content folder's `theme/` folder. This
//! module only compiles and renders templates and lists static files; what each page shows is
//! built in [`crate::pages`].
//!
//! Overriding: a file `theme/templates/document.html` in the content folder replaces the
//! default `document.html`; it can still `{% extends "default/document.html" %}` and override
//! single blocks. `theme/static/style.css` replaces the default stylesheet, and so on.

pub(crate) mod contrast;
mod css;

use crate::output::OutputFile;
use crate::source::{BinaryFile, SourceFile};
use std::collections::BTreeMap;

/// The default templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "network.html",
        include_str!("../../themes/default/templates/network.html"),
    ),
    (
        "document.html",
        include_str!("../../themes/default/templates/document.html"),
    ),
    (
        "version.html",
        include_str!("../../themes/default/templates/version.html"),
    ),
    (
        "compare.html",
        include_str!("../../themes/default/templates/compare.html"),
    ),
    (
        "variation.html",
        include_str!("../../themes/default/templates/variation.html"),
    ),
    (
        "variation_index.html",
        include_str!("../../themes/default/templates/variation_index.html"),
    ),
    (
        "history.html",
        include_str!("../../themes/default/templates/history.html"),
    ),
    (
        "partials/version_history.html",
        include_str!("../../themes/default/templates/partials/version_history.html"),
    ),
    (
        "partials/doc_body.html",
        include_str!("../../themes/default/templates/partials/doc_body.html"),
    ),
    (
        "accessibility.html",
        include_str!("../../themes/default/templates/accessibility.html"),
    ),
    (
        "partials/sources.html",
        include_str!("../../themes/default/templates/partials/sources.html"),
    ),
    (
        "glossary.html",
        include_str!("../../themes/default/templates/glossary.html"),
    ),
    (
        "handbook.html",
        include_str!("../../themes/default/templates/handbook.html"),
    ),
    (
        "partials/leaflet_facts.html",
        include_str!("../../themes/default/templates/partials/leaflet_facts.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "coverage.html",
        include_str!("../../themes/default/templates/coverage.html"),
    ),
    (
        "partials/doc_list.html",
        include_str!("../../themes/default/templates/partials/doc_list.html"),
    ),
    (
        "partials/review_tag.html",
        include_str!("../../themes/default/templates/partials/review_tag.html"),
    ),
    (
        "partials/switcher.html",
        include_str!("../../themes/default/templates/partials/switcher.html"),
    ),
    (
        "partials/search_form.html",
        include_str!("../../themes/default/templates/partials/search_form.html"),
    ),
    // Indicator pages, made by `indicator_pages` below.
    (
        "indicators.html",
        include_str!("../../themes/default/templates/indicators.html"),
    ),
    (
        "indicator.html",
        include_str!("../../themes/default/templates/indicator.html"),
    ),
    (
        "network_indicators.html",
        include_str!("../../themes/default/templates/network_indicators.html"),
    ),
    (
        "partials/example_figures.html",
        include_str!("../../themes/default/templates/partials/example_figures.html"),
    ),
    (
        "partials/figure.html",
        include_str!("../../themes/default/templates/partials/figure.html"),
    ),
    (
        "services.html",
        include_str!("../../themes/default/templates/services.html"),
    ),
    (
        "services_index.html",
        include_str!("../../themes/default/templates/services_index.html"),
    ),
    (
        "workplan.html",
        include_str!("../../themes/default/templates/workplan.html"),
    ),
    (
        "report.html",
        include_str!("../../themes/default/templates/report.html"),
    ),
    (
        "partials/rag.html",
        include_str!("../../themes/default/templates/partials/rag.html"),
    ),
    (
        "partials/service.html",
        include_str!("../../themes/default/templates/partials/service.html"),
    ),
    // Translations, Easy Read and large print (see `pages::formats`).
    (
        "translation.html",
        include_str!("../../themes/default/templates/translation.html"),
    ),
    (
        "easy_read.html",
        include_str!("../../themes/default/templates/easy_read.html"),
    ),
    (
        "large_print.html",
        include_str!("../../themes/default/templates/large_print.html"),
    ),
    (
        "partials/formats.html",
        include_str!("../../themes/default/templates/partials/formats.html"),
    ),
    (
        "partials/alternates.html",
        include_str!("../../themes/default/templates/partials/alternates.html"),
    ),
    (
        "partials/translation_banners.html",
        include_str!("../../themes/default/templates/partials/translation_banners.html"),
    ),
];

const STATIC: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "search.css",
        include_str!("../../themes/default/static/search.css"),
    ),
    (
        "favicon.svg",
        include_str!("../../themes/default/static/favicon.svg"),
    ),
    (
        "search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
    (
        "indicators.css",
        include_str!("../../themes/default/static/indicators.css"),
    ),
    (
        "variation.css",
        include_str!("../../themes/default/static/variation.css"),
    ),
    (
        "formats.css",
        include_str!("../../themes/default/static/formats.css"),
    ),
];

/// A template that does not compile or cannot render, with every cause Tera gives.
#[derive(Debug)]
pub struct TemplateError(String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TemplateError {}

/// Identifies a site's template overrides (the defaults are part of the binary).
pub fn overrides_fingerprint(overrides: &[SourceFile]) -> u64 {
    crate::incremental::fingerprint(
        &overrides
            .iter()
            .map(|f| (&f.path, &f.text))
            .collect::<Vec<_>>(),
    )
}

/// Identifies a site's static overrides (`theme/static/`), by name and bytes.
pub fn static_fingerprint(overrides: &[BinaryFile]) -> u64 {
    crate::incremental::fingerprint(
        &overrides
            .iter()
            .map(|f| (&f.path, &f.bytes[..]))
            .collect::<Vec<_>>(),
    )
}

/// Compiled templates: the defaults under `default/`, site overrides under their own names.
pub struct Theme {
    tera: tera::Tera,
    fingerprint: u64,
}

impl Theme {
    pub fn new(overrides: &[SourceFile]) -> Result<Theme, TemplateError> {
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(crate::html::write_escaped);
        tera.set_fallback_prefixes(["default/"])
            .map_err(|e| TemplateError(e.to_string()))?;
        let defaults = TEMPLATES.iter().map(|(n, c)| (format!("default/{n}"), *c));
        let sites = overrides.iter().map(|f| (f.path.clone(), &*f.text));
        tera.add_raw_templates(defaults.chain(sites))
            .map_err(|e| TemplateError(format!("theme template error: {e}")))?;
        let fingerprint = overrides_fingerprint(overrides);
        Ok(Theme { tera, fingerprint })
    }

    /// Identifies the site's template overrides (the defaults are part of the binary).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Renders template `name` with `ctx`; the error names the template and every cause.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, TemplateError> {
        self.tera.render(name, ctx).map_err(|e| {
            let mut msg = format!("cannot render template {name}: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg.push_str(&format!("\n  caused by: {s}"));
                source = s.source();
            }
            TemplateError(msg)
        })
    }
}

/// Static files of the theme, with site overrides replacing defaults of the same name.
pub fn static_files(overrides: &[BinaryFile], highlight_css: &str) -> Vec<OutputFile> {
    let mut files: BTreeMap<String, bytes::Bytes> = STATIC
        .iter()
        .map(|(n, c)| match n.ends_with(".css") {
            true => (n.to_string(), bytes::Bytes::from(css::minify(c))),
            false => (n.to_string(), bytes::Bytes::from_static(c.as_bytes())),
        })
        .collect();
    files.insert(
        "highlight.css".to_owned(),
        contrast::readable_code_css(highlight_css).into(),
    );
    for f in overrides {
        files.insert(f.path.clone(), f.bytes.clone());
    }
    files
        .into_iter()
        .map(|(n, b)| OutputFile::new(format!("theme/{n}"), b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_templates_compile_and_overrides_can_extend_them() {
        let over = SourceFile {
            path: "404.html".into(),
            text: "{% extends \"default/404.html\" %}{% block title %}Lost{% endblock title %}"
                .into(),
        };
        assert!(Theme::new(&[over]).is_ok());
    }
}
