//! Ids and slugs: the one rule for the names that become folders and web addresses (document
//! file names, network, condition, hub and indicator ids), and the suggestion a diagnostic
//! offers for a name that breaks it.

/// Ids and slugs: lowercase ASCII letters, digits and single `-` between them.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// A slug suggestion for a name that is not one.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("selk-2"));
        assert!(!is_slug("SELK"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("../x"));
        assert_eq!(
            slugify("South East London & Kent"),
            "south-east-london-kent"
        );
    }
}
