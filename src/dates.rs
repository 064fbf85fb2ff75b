//! Dates as people write and read them: the one rule for dates in front matter, `--as-of` and
//! `PATHWAYS_TODAY` (YYYY-MM-DD, with a plain-English problem otherwise), and how pages and
//! messages show them (`1 March 2026`, as NHS pages write them).

use jiff::civil::Date;
use std::fmt;

/// `2026-03-01` → `1 March 2026`.
pub fn format_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// Why a text is not a date, in plain words, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProblem {
    pub message: String,
    pub help: String,
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message, self.help)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as the contract writes it, `YYYY-MM-DD`, and nothing else: the one rule for
/// front matter, `--as-of` and `PATHWAYS_TODAY`.
pub fn parse_date(text: &str) -> Result<Date, DateProblem> {
    let numbers: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let [y, m, d] = numbers[..] {
        if digits(y, 4) && digits(m, 2) && digits(d, 2) {
            let (y, m, d): (i16, i8, i8) = (
                y.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            );
            if let Ok(date) = Date::new(y, m, d) {
                return Ok(date);
            }
            let message = if !(1..=12).contains(&m) {
                format!(
                    "{text} is not a real date: there is no month {m} (months go from 01 to 12)"
                )
            } else {
                let days = Date::new(y, m, 1).map_or(31, |first| first.days_in_month());
                format!(
                    "{text} is not a real date: {} {y} has {days} days",
                    MONTHS[(m - 1) as usize]
                )
            };
            return Err(DateProblem {
                message,
                help: "write a date that exists, as YYYY-MM-DD, e.g. 2026-03-01".to_owned(),
            });
        }
    }
    // The likeliest intended date, for the help line: day/month/year as written in England.
    let parts: Vec<&str> = text
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let guess = match parts[..] {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => Some((y, m, d)),
        [y, m, d] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => Some((y, m, d)),
        _ => None,
    }
    .and_then(|(y, m, d)| {
        let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
        Some(date)
    });
    let help = match guess {
        Some(d) => format!("write the date as YYYY-MM-DD: {d}"),
        None => "write the date as YYYY-MM-DD, e.g. 2026-03-01".to_owned(),
    };
    Err(DateProblem {
        message: format!("`{text}` is not a date written YYYY-MM-DD"),
        help,
    })
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
