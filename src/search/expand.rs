//! Clinical language: the glossary's conditions and terms as groups of interchangeable phrases
//! ("CES" ↔ "cauda equina syndrome" ↔ "cauda equina compression"; "sciatica" → radicular
//! pain). The client matches what people type against these phrases and then searches for every
//! phrase of the group, and for documents tagged with the group's condition.
//!
//! Each phrase is carried as index words with their stems, so the client can match a typed word
//! by spelling or by stem without stemming itself.

use super::text::{words, Stems};
use crate::config::Glossary;

/// Longer synonyms make poor search phrases: the index has no word positions, so a long
/// description would match any document that happens to use all its words somewhere. Names,
/// terms and abbreviations are kept whatever their length.
pub const MAX_SYNONYM_WORDS: usize = 3;

/// A set of phrases that mean the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The glossary condition id, if the group is a condition (documents are tagged with it).
    pub condition: Option<String>,
    /// Each phrase as (word, stem) pairs, in order.
    pub phrases: Vec<Vec<(String, String)>>,
}

fn phrase(text: &str, max_words: usize, stems: &Stems) -> Option<Vec<(String, String)>> {
    let w = words(text);
    (!w.is_empty() && w.len() <= max_words).then(|| {
        w.into_iter()
            .map(|w| {
                let s = stems.stem(&w);
                (w, s)
            })
            .collect()
    })
}

/// The meaning of a term up to its first comma: "Computed tomography, a scan that uses X-rays"
/// names the thing in its first clause.
fn meaning_name(meaning: &str) -> &str {
    meaning.split(',').next().unwrap_or(meaning)
}

/// Groups from the glossary, in its order. Groups with fewer than two usable phrases expand
/// nothing and are left out.
pub fn groups(glossary: &Glossary) -> Vec<Group> {
    let stems = Stems::default();
    let mut out = Vec::new();
    // `names`: the name, term or abbreviation; `synonyms`: the rest.
    let mut push = |condition: Option<String>, names: Vec<&str>, synonyms: &[String]| {
        let mut phrases: Vec<Vec<(String, String)>> = Vec::new();
        let all = names.iter().map(|n| (*n, usize::MAX));
        let all = all.chain(synonyms.iter().map(|s| (s.as_str(), MAX_SYNONYM_WORDS)));
        for (t, max) in all {
            if let Some(p) = phrase(t, max, &stems) {
                if !phrases.contains(&p) {
                    phrases.push(p);
                }
            }
        }
        if phrases.len() >= 2 || (condition.is_some() && !phrases.is_empty()) {
            out.push(Group { condition, phrases });
        }
    };
    for c in &glossary.conditions {
        let names = std::iter::once(c.name.as_str())
            .chain(c.abbreviations.iter().map(String::as_str))
            .collect();
        push(Some(c.id.clone()), names, &c.synonyms);
    }
    for t in &glossary.terms {
        let names = vec![t.term.as_str(), meaning_name(&t.meaning)];
        push(None, names, &t.synonyms);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Condition, Term};

    fn glossary() -> Glossary {
        Glossary {
            conditions: vec![
                Condition {
                    id: "cauda-equina-syndrome".into(),
                    name: "Cauda equina syndrome at the bottom of the spine".into(),
                    abbreviations: vec!["CES".into()],
                    synonyms: vec![
                        "cauda equina compression".into(),
                        "compression of the nerves at the bottom of the spine".into(),
                    ],
                },
                Condition {
                    id: "radicular-pain".into(),
                    name: "Radicular pain".into(),
                    abbreviations: vec![],
                    synonyms: vec!["sciatica".into(), "nerve root pain".into()],
                },
            ],
            terms: vec![
                Term {
                    term: "CT".into(),
                    meaning: "Computed tomography, a scan that uses X-rays".into(),
                    synonyms: vec!["CAT scan".into()],
                },
                Term {
                    term: "A&E".into(),
                    meaning: "A short note".into(),
                    synonyms: vec![],
                },
            ],
        }
    }

    fn words_of(g: &Group) -> Vec<String> {
        g.phrases
            .iter()
            .map(|p| {
                p.iter()
                    .map(|(w, _)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn abbreviations_and_synonyms_join_the_condition_name() {
        let g = groups(&glossary());
        assert_eq!(g[0].condition.as_deref(), Some("cauda-equina-syndrome"));
        assert_eq!(
            words_of(&g[0]),
            [
                "cauda equina syndrome bottom spine",
                "ces",
                "cauda equina compression"
            ],
            "long names stay, long synonyms are left out"
        );
        assert_eq!(
            g[0].phrases[0][2],
            ("syndrome".to_owned(), "syndrom".to_owned())
        );
        assert_eq!(
            words_of(&g[1]),
            ["radicular pain", "sciatica", "nerve root pain"]
        );
    }

    #[test]
    fn terms_expand_to_the_first_clause_of_their_meaning() {
        let g = groups(&glossary());
        assert_eq!(words_of(&g[2]), ["ct", "computed tomography", "cat scan"]);
        assert_eq!(g[2].condition, None);
        // "A&E" has no index words of its own ("a", "e" are single letters): nothing to expand.
        assert_eq!(g.len(), 3);
    }
}
