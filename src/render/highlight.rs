//! Code highlighting with syntect, as CSS classes (`hl-*`) so one generated stylesheet serves
//! every page. The syntax set is loaded once and shared across threads.

use std::sync::LazyLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Languages that mean "no highlighting" and are never reported as unknown.
const PLAIN: &[&str] = &["", "text", "plain", "txt", "plaintext"];

pub enum Highlighted {
    Html(String),
    /// Not highlighted; `true` when the language was unknown (worth a warning).
    Plain {
        unknown: bool,
    },
}

/// The inner HTML of a `<code>` element for `code` in `lang`.
pub fn highlight(lang: &str, code: &str) -> Highlighted {
    if PLAIN.contains(&lang) {
        return Highlighted::Plain { unknown: false };
    }
    let Some(syntax) = SYNTAXES.find_syntax_by_token(lang) else {
        return Highlighted::Plain { unknown: true };
    };
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, STYLE);
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return Highlighted::Plain { unknown: false };
        }
    }
    Highlighted::Html(gen.finalize())
}

/// The stylesheet for the `hl-*` classes, made once per process: loading syntect's themes
/// takes longer than rebuilding a page in the preview.
pub fn stylesheet() -> &'static str {
    static CSS: LazyLock<String> = LazyLock::new(|| {
        ThemeSet::load_defaults()
            .themes
            .get("InspiredGitHub")
            .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
            .unwrap_or_default()
    });
    &CSS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        match highlight("yaml", "a: 1\n") {
            Highlighted::Html(h) => assert!(h.contains("class=\"hl-"), "{h}"),
            Highlighted::Plain { .. } => panic!("yaml should highlight"),
        }
    }

    #[test]
    fn unknown_language_is_plain_and_flagged() {
        assert!(matches!(
            highlight("nosuchlang", "x"),
            Highlighted::Plain { unknown: true }
        ));
        assert!(matches!(
            highlight("text", "x"),
            Highlighted::Plain { unknown: false }
        ));
    }
}
