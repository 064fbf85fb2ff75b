//! The versions of a leaflet beside its English text, as their files name them:
//! `<slug>.<language>.md` is a translation (`lumbar-fusion.pl.md`), `<slug>.easy-read.md` its
//! Easy Read version. [`classify`] reads a file's name, [`Form`] says which version it is, and
//! the paths say where each is published. What a version's front matter holds once checked
//! ([`VariantMeta`]) and how a translation is stale ([`Stale`]) are here too, so the library
//! can hold the published versions that [`crate::translations`] checks and makes.

use crate::content::{Status, Version};
use crate::languages::{self, Language};
use jiff::civil::Date;

/// The file name suffix of an Easy Read version.
pub const EASY_READ: &str = "easy-read";

/// Where an English leaflet's large-print page is published, below its own page.
pub const LARGE_PRINT: &str = "large-print";

/// What a version beside an English leaflet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A translation into a language of [`languages::LANGUAGES`].
    Language(&'static Language),
    /// The English leaflet in Easy Read: short sentences, one idea a line, pictures.
    EasyRead,
}

impl Form {
    /// The file name suffix and the last part of the page's address: `pl`, `easy-read`.
    pub fn slug(self) -> &'static str {
        match self {
            Form::Language(l) => l.code,
            Form::EasyRead => EASY_READ,
        }
    }

    /// The page's `lang` (Easy Read is English).
    pub fn lang(self) -> &'static str {
        match self {
            Form::Language(l) => l.code,
            Form::EasyRead => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Form::Language(l) => l.direction.html(),
            Form::EasyRead => "ltr",
        }
    }

    /// Its name in English: "Polish", "Easy Read".
    pub fn english_name(self) -> &'static str {
        match self {
            Form::Language(l) => l.english,
            Form::EasyRead => "Easy Read",
        }
    }

    /// Its name as its readers know it: "Polski", "اردو", "Easy Read".
    pub fn own_name(self) -> &'static str {
        match self {
            Form::Language(l) => l.own,
            Form::EasyRead => "Easy Read",
        }
    }
}

/// What a document file's name says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileName {
    /// An ordinary document (its own checks judge its name).
    Document,
    /// A version of the English document at `original` (a source path).
    Variant { original: String, form: Form },
    /// `<slug>.<code>.md` with a code that is not in the language table.
    UnknownLanguage { original: String, code: String },
}

/// Reads a document file's name: `lumbar-fusion.pl.md` is the Polish version of
/// `lumbar-fusion.md`. A suffix shaped like a language tag (two or three letters, perhaps with
/// subtags: `pt-BR`) or a language's English name (`polish`) that is not in the table is an
/// unknown language; any other dotted name is
/// left to the document checks (`invalid-slug`).
pub fn classify(path: &str) -> FileName {
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    let Some(stem) = file.strip_suffix(".md") else {
        return FileName::Document;
    };
    let Some((base, suffix)) = stem.rsplit_once('.') else {
        return FileName::Document;
    };
    let original = if folder.is_empty() {
        format!("{base}.md")
    } else {
        format!("{folder}/{base}.md")
    };
    if suffix == EASY_READ {
        return FileName::Variant {
            original,
            form: Form::EasyRead,
        };
    }
    if let Some(l) = languages::find(suffix) {
        return FileName::Variant {
            original,
            form: Form::Language(l),
        };
    }
    let named = languages::LANGUAGES
        .iter()
        .any(|l| l.english.eq_ignore_ascii_case(suffix));
    if looks_like_language_tag(suffix) || named {
        return FileName::UnknownLanguage {
            original,
            code: suffix.to_owned(),
        };
    }
    FileName::Document
}

/// Whether a file belongs to this module rather than to the document checks.
pub fn is_variant(path: &str) -> bool {
    classify(path) != FileName::Document
}

fn looks_like_language_tag(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checked front matter of a translation or Easy Read version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantMeta {
    /// In the version's own language.
    pub title: String,
    pub summary: String,
    /// The English version this one was made from.
    pub translation_of_version: Version,
    pub status: Status,
    /// When it was approved for use; required unless a draft.
    pub approved: Option<Date>,
    /// Who translated it (or wrote the Easy Read version): a person or a service.
    pub translator: String,
    /// Who checked it against the English leaflet; required unless a draft.
    pub reviewer: Option<String>,
    /// Translated with a machine's help, then checked: its page says so.
    pub machine_assisted: bool,
}

/// The English version in force is newer than the one translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The English version in force.
    pub current: Version,
    /// The comparison page of the version translated with the one in force, below the site
    /// root, when the two are consecutive versions (the only comparisons published).
    pub compare: Option<String>,
    /// The page of the English version translated, when it is published (git history).
    pub translated: Option<String>,
}

/// Where a version is published: `<id>/<form>/`.
pub fn variant_path(id: &str, form: Form) -> String {
    format!("{id}/{}/", form.slug())
}

/// Where a leaflet's large-print page is published: `<id>/large-print/`.
pub fn large_print_path(id: &str) -> String {
    format!("{id}/{LARGE_PRINT}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_a_file_is() {
        let pl = languages::find("pl").unwrap();
        assert_eq!(
            classify("networks/selk/leaflets/lumbar-fusion.pl.md"),
            FileName::Variant {
                original: "networks/selk/leaflets/lumbar-fusion.md".into(),
                form: Form::Language(pl)
            }
        );
        assert_eq!(
            classify("national/x.easy-read.md"),
            FileName::Variant {
                original: "national/x.md".into(),
                form: Form::EasyRead
            }
        );
        assert_eq!(
            classify("national/x.xx.md"),
            FileName::UnknownLanguage {
                original: "national/x.md".into(),
                code: "xx".into()
            }
        );
        assert!(matches!(
            classify("national/x.pt-BR.md"),
            FileName::UnknownLanguage { .. }
        ));
        assert!(matches!(
            classify("national/x.Polish.md"),
            FileName::UnknownLanguage { .. }
        ));
        assert_eq!(classify("national/x.md"), FileName::Document);
        assert_eq!(classify("national/v1.2.notes.md"), FileName::Document);
    }

    #[test]
    fn addresses() {
        assert_eq!(
            variant_path("selk/lumbar-fusion", Form::EasyRead),
            "selk/lumbar-fusion/easy-read/"
        );
        assert_eq!(large_print_path("national/x"), "national/x/large-print/");
    }
}
