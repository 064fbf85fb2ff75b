//! How dates are written for people on pages and in messages: `1 March 2026`, as NHS pages
//! write them. (Front matter and file names use YYYY-MM-DD.)

use jiff::civil::Date;

/// `2026-03-01` → `1 March 2026`.
pub fn format_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_read_like_nhs_pages() {
        assert_eq!(format_date(date("2026-03-01")), "1 March 2026");
    }
}
