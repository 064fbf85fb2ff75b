//! The languages a leaflet can be translated into: one table, in one place. Each entry is a
//! BCP 47 primary language tag (the part before any `-`), the language's name in English and
//! in itself, its writing direction, the stemmer search uses for it (where rust-stemmers has
//! one), and the one sentence a translation page shows in that language when a newer English
//! version exists.
//!
//! The sentences in languages other than English were written for this table and have not
//! been checked by a professional translator: docs/translations.md says so, and a site should
//! have them reviewed before relying on them.

use rust_stemmers::Algorithm;

/// Which way a language is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    /// The HTML `dir` value.
    pub fn html(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

/// A language pathways publishes translations in.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 primary language tag, lowercase: the file name suffix and the page's `lang`.
    pub code: &'static str,
    /// Its name in English.
    pub english: &'static str,
    /// Its name in itself, as a reader of it looks for it in a list.
    pub own: &'static str,
    pub direction: Direction,
    /// The search stemmer, where rust-stemmers has one; otherwise words are indexed as written.
    pub stemmer: Option<Algorithm>,
    /// "A newer English version of this leaflet exists. This translation may be out of date."
    pub newer_english: &'static str,
}

use Direction::{LeftToRight as Ltr, RightToLeft as Rtl};

const fn lang(
    code: &'static str,
    english: &'static str,
    own: &'static str,
    direction: Direction,
    stemmer: Option<Algorithm>,
    newer_english: &'static str,
) -> Language {
    Language {
        code,
        english,
        own,
        direction,
        stemmer,
        newer_english,
    }
}

/// Every accepted language, sorted by code. English is the site's own language, not a
/// translation, so it is not listed.
#[rustfmt::skip]
pub static LANGUAGES: &[Language] = &[
    lang("ar", "Arabic", "العربية", Rtl, Some(Algorithm::Arabic),
        "توجد نسخة إنجليزية أحدث من هذه النشرة. قد تكون هذه الترجمة قديمة."),
    lang("bn", "Bengali", "বাংলা", Ltr, None,
        "এই লিফলেটের একটি নতুন ইংরেজি সংস্করণ আছে। এই অনুবাদটি পুরোনো হতে পারে।"),
    lang("cy", "Welsh", "Cymraeg", Ltr, None,
        "Mae fersiwn Saesneg mwy diweddar o'r daflen hon ar gael. Efallai nad yw'r cyfieithiad hwn yn gyfredol."),
    lang("es", "Spanish", "Español", Ltr, Some(Algorithm::Spanish),
        "Existe una versión más reciente de este folleto en inglés. Esta traducción puede estar desactualizada."),
    lang("fa", "Persian", "فارسی", Rtl, None,
        "نسخهٔ انگلیسی جدیدتری از این بروشور وجود دارد. ممکن است این ترجمه قدیمی باشد."),
    lang("fr", "French", "Français", Ltr, Some(Algorithm::French),
        "Une version anglaise plus récente de ce dépliant existe. Cette traduction n'est peut-être plus à jour."),
    lang("gu", "Gujarati", "ગુજરાતી", Ltr, None,
        "આ પત્રિકાનું નવું અંગ્રેજી સંસ્કરણ ઉપલબ્ધ છે. આ અનુવાદ જૂનો હોઈ શકે છે."),
    lang("hi", "Hindi", "हिन्दी", Ltr, None,
        "इस पत्रक का एक नया अंग्रेज़ी संस्करण उपलब्ध है। यह अनुवाद पुराना हो सकता है।"),
    lang("it", "Italian", "Italiano", Ltr, Some(Algorithm::Italian),
        "Esiste una versione inglese più recente di questo opuscolo. Questa traduzione potrebbe non essere aggiornata."),
    lang("lt", "Lithuanian", "Lietuvių", Ltr, None,
        "Yra naujesnė šio lankstinuko versija anglų kalba. Šis vertimas gali būti pasenęs."),
    lang("pa", "Punjabi", "ਪੰਜਾਬੀ", Ltr, None,
        "ਇਸ ਪਰਚੇ ਦਾ ਇੱਕ ਨਵਾਂ ਅੰਗਰੇਜ਼ੀ ਸੰਸਕਰਣ ਮੌਜੂਦ ਹੈ। ਇਹ ਅਨੁਵਾਦ ਪੁਰਾਣਾ ਹੋ ਸਕਦਾ ਹੈ।"),
    lang("pl", "Polish", "Polski", Ltr, None,
        "Istnieje nowsza angielska wersja tej ulotki. To tłumaczenie może być nieaktualne."),
    lang("ps", "Pashto", "پښتو", Rtl, None,
        "د دې پاڼې يوه نوې انګليسي نسخه شته. کېدای شي دا ژباړه زړه وي."),
    lang("pt", "Portuguese", "Português", Ltr, Some(Algorithm::Portuguese),
        "Existe uma versão mais recente deste folheto em inglês. Esta tradução pode estar desatualizada."),
    lang("ro", "Romanian", "Română", Ltr, Some(Algorithm::Romanian),
        "Există o versiune mai nouă în limba engleză a acestei broșuri. Această traducere poate fi depășită."),
    lang("ru", "Russian", "Русский", Ltr, Some(Algorithm::Russian),
        "Существует более новая английская версия этой брошюры. Этот перевод может быть устаревшим."),
    lang("so", "Somali", "Soomaali", Ltr, None,
        "Waxaa jira nooc Ingiriisi ah oo ka cusub warqaddan. Turjumaaddan waxaa laga yaabaa inay duugowday."),
    lang("ta", "Tamil", "தமிழ்", Ltr, Some(Algorithm::Tamil),
        "இந்தத் துண்டுப்பிரசுரத்தின் புதிய ஆங்கிலப் பதிப்பு உள்ளது. இந்த மொழிபெயர்ப்பு பழையதாக இருக்கலாம்."),
    lang("tr", "Turkish", "Türkçe", Ltr, Some(Algorithm::Turkish),
        "Bu broşürün daha yeni bir İngilizce sürümü var. Bu çeviri güncel olmayabilir."),
    lang("uk", "Ukrainian", "Українська", Ltr, None,
        "Існує новіша англійська версія цієї брошури. Цей переклад може бути застарілим."),
    lang("ur", "Urdu", "اردو", Rtl, None,
        "اس کتابچے کا ایک نیا انگریزی ورژن موجود ہے۔ یہ ترجمہ پرانا ہو سکتا ہے۔"),
    lang("zh", "Chinese", "中文", Ltr, None,
        "本手册有更新的英文版本。此译文可能已过时。"),
];

/// The sentence every stale translation also shows in English.
pub const NEWER_ENGLISH: &str =
    "A newer English version of this leaflet exists. This translation may be out of date.";

/// The language with this exact code.
pub fn find(code: &str) -> Option<&'static Language> {
    LANGUAGES
        .binary_search_by(|l| l.code.cmp(code))
        .ok()
        .map(|i| &LANGUAGES[i])
}

/// Why a code is not accepted, and what to write instead: a lowercase spelling, the primary
/// tag of a longer one (`pt-br` → `pt`), a language named in English (`polish` → `pl`), or the
/// nearest code.
pub fn suggestion(code: &str) -> Option<&'static Language> {
    let lower = code.to_ascii_lowercase();
    if let Some(l) = find(&lower) {
        return Some(l);
    }
    let primary = lower.split(['-', '_']).next().unwrap_or(&lower);
    if let Some(l) = find(primary) {
        return Some(l);
    }
    if let Some(l) = LANGUAGES
        .iter()
        .find(|l| l.english.eq_ignore_ascii_case(&lower) || l.own.to_lowercase() == lower)
    {
        return Some(l);
    }
    let code = crate::diag::suggest(primary, LANGUAGES.iter().map(|l| l.code))?;
    find(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_unique_and_lowercase() {
        assert!(LANGUAGES.windows(2).all(|w| w[0].code < w[1].code));
        for l in LANGUAGES {
            assert!(l.code.len() == 2 && l.code.bytes().all(|b| b.is_ascii_lowercase()));
            assert_ne!(l.code, "en", "English is the original, not a translation");
            assert!(!l.newer_english.is_empty() && !l.own.is_empty());
        }
    }

    #[test]
    fn urdu_arabic_persian_and_pashto_are_right_to_left() {
        let rtl: Vec<&str> = LANGUAGES
            .iter()
            .filter(|l| l.direction == Direction::RightToLeft)
            .map(|l| l.code)
            .collect();
        assert_eq!(rtl, ["ar", "fa", "ps", "ur"]);
        assert_eq!(find("ur").unwrap().own, "اردو");
        assert_eq!(find("pl").unwrap().own, "Polski");
    }

    #[test]
    fn docs_list_every_sentence_for_review() {
        let docs = include_str!("../docs/translations.md");
        for l in LANGUAGES {
            let row = format!(
                "| `{}` | {} ({}) | {} | ",
                l.code, l.english, l.own, l.newer_english
            );
            assert!(docs.contains(&row), "docs/translations.md lacks {row}");
        }
        assert!(docs.contains(NEWER_ENGLISH));
    }

    #[test]
    fn unknown_codes_get_the_likely_one() {
        assert_eq!(suggestion("PL").map(|l| l.code), Some("pl"));
        assert_eq!(suggestion("pt-BR").map(|l| l.code), Some("pt"));
        assert_eq!(suggestion("urdu").map(|l| l.code), Some("ur"));
        assert_eq!(find("xx"), None);
    }
}
