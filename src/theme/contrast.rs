//! Readable code colours. The highlighting stylesheet comes from a syntect theme whose comment
//! and keyword colours fall below WCAG AA contrast (4.5:1) on a light background. Rather than
//! hand-maintain a stylesheet, each text colour is darkened just enough, keeping its hue, to
//! reach AA on the darkest background the theme paints behind code.

/// The darkest background the highlighting theme uses (its diff and invalid-code tints are
/// lighter than this).
const BACKGROUND: [u8; 3] = [0xe8, 0xe8, 0xe8];
/// WCAG AA for normal text, with a little room for rounding.
const TARGET: f64 = 4.6;

/// `css` with every `color: #rrggbb` declaration darkened to AA contrast on [`BACKGROUND`].
pub fn readable_code_css(css: &str) -> String {
    css.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let value = trimmed
                .strip_prefix("color:")
                .map(str::trim)
                .and_then(|v| v.strip_suffix(';'))
                .and_then(parse_hex);
            match value {
                Some(rgb) => format!(" color: {};", to_hex(darken_to(rgb, BACKGROUND, TARGET))),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_hex(v: &str) -> Option<[u8; 3]> {
    let hex = v.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn to_hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Relative luminance, as WCAG defines it.
fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Scales the colour towards black until it reaches `target` contrast on `bg`.
fn darken_to(rgb: [u8; 3], bg: [u8; 3], target: f64) -> [u8; 3] {
    let mut factor = 1.0;
    loop {
        let c = rgb.map(|ch| (f64::from(ch) * factor).round() as u8);
        if contrast(c, bg) >= target || factor <= 0.0 {
            return c;
        }
        factor -= 0.02;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((contrast([0x76, 0x76, 0x76], [255, 255, 255]) - 4.54).abs() < 0.01);
    }

    #[test]
    fn pale_colours_are_darkened_and_dark_ones_kept() {
        let css = ".hl-comment {\n color: #969896;\nfont-style: italic;\n}\n.hl-code {\n color: #323232;\n background-color: #ffffff;\n}";
        let out = readable_code_css(css);
        assert!(out.contains(" color: #323232;"), "{out}");
        assert!(out.contains(" background-color: #ffffff;"), "{out}");
        let comment = out.lines().nth(1).unwrap();
        let rgb = parse_hex(
            comment
                .trim()
                .strip_prefix("color: ")
                .unwrap()
                .trim_end_matches(';'),
        )
        .unwrap();
        assert!(contrast(rgb, BACKGROUND) >= 4.5, "{comment}");
        assert!(rgb[0] < 0x96, "{comment}");
    }

    #[test]
    fn every_colour_of_the_real_stylesheet_reaches_aa() {
        let out = readable_code_css(crate::render::highlight::stylesheet());
        for line in out.lines() {
            if let Some(rgb) = line
                .trim()
                .strip_prefix("color: ")
                .and_then(|v| parse_hex(v.trim_end_matches(';')))
            {
                assert!(contrast(rgb, BACKGROUND) >= 4.5, "{line}");
            }
        }
    }
}
