//! The default theme's stylesheets as served: comments and layout white space taken out, so
//! every page (a document page must stay under 50 KB with its CSS) carries only the rules.
//! Strings (`content: " (this network)"`) are kept exactly as written.

/// `css` without comments, with runs of white space made one space, and none beside `{`, `}`,
/// `;`, `,` or `>`.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    // For each open block, whether it holds declarations (`a { color: red }`), where the space
    // after a property's `:` can go, or rules (`@media … { … }`), where `a :hover` needs it.
    let mut blocks: Vec<bool> = Vec::new();
    let mut prelude_start = 0;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                space = true;
            }
            '"' | '\'' => {
                if space && !out.is_empty() && !ends_with_tight(&out) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                let mut escaped = false;
                for d in chars.by_ref() {
                    out.push(d);
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            ':' if blocks.last() == Some(&true) => {
                out.push(c);
                space = false;
                while chars.peek().is_some_and(|d| d.is_whitespace()) {
                    chars.next();
                }
            }
            '{' => {
                blocks.push(!out[prelude_start..].trim_start().starts_with('@'));
                out.push(c);
                space = false;
                prelude_start = out.len();
            }
            '}' | ';' => {
                if c == '}' {
                    blocks.pop();
                }
                out.push(c);
                space = false;
                prelude_start = out.len();
            }
            ',' | '>' => {
                out.push(c);
                space = false;
            }
            c => {
                if space && !out.is_empty() && !ends_with_tight(&out) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

fn ends_with_tight(out: &str) -> bool {
    out.ends_with(['{', '}', ';', ',', '>'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_layout_go_strings_and_descendant_selectors_stay() {
        let css = "/* a */\n.a :focus-visible, .b > .c {\n  content: \" (this  network)\";\n  margin: 0 1rem; /* why */\n}\n@media (max-width: 40rem) {\n  .d { font: 8pt Arial, sans-serif; }\n}\n";
        assert_eq!(
            minify(css),
            ".a :focus-visible,.b>.c{content:\" (this  network)\";margin:0 1rem;}@media (max-width: 40rem){.d{font:8pt Arial,sans-serif;}}"
        );
    }

    #[test]
    fn the_default_stylesheet_keeps_every_rule() {
        let css = include_str!("../../themes/default/static/style.css");
        let small = minify(css);
        assert!(
            small.len() < css.len() * 9 / 10,
            "{} of {}",
            small.len(),
            css.len()
        );
        assert_eq!(
            small.matches('{').count(),
            css.matches('{').count() - comment_braces(css)
        );
        assert_eq!(small.matches('}').count(), small.matches('{').count());
    }

    fn comment_braces(css: &str) -> usize {
        css.split("/*")
            .skip(1)
            .map(|c| c.split("*/").next().unwrap_or("").matches('{').count())
            .sum()
    }
}
