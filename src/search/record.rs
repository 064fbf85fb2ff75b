//! A document's search record, `search/d/<n>.json`: what the client shows for a result (title,
//! address, labels) and its text per heading, from which it picks the section and excerpt.

use super::text;

/// One document's record, `search/d/<n>.json`. Short keys: there is one per result shown.
/// (Serialised by serde only in tests, to check [`Record::json`] against.)
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct Record<'a> {
    /// Title.
    pub(super) t: &'a str,
    /// Address below the site root.
    pub(super) u: &'a str,
    /// Network name (or "National").
    pub(super) n: &'a str,
    /// Kind label.
    pub(super) k: &'a str,
    /// Version.
    pub(super) v: String,
    /// Status.
    pub(super) s: &'a str,
    /// Summary.
    pub(super) m: &'a str,
}

/// How a record holds its sections' text.
#[derive(Clone, Copy, Debug)]
pub(super) enum SectionText {
    /// Runs of whitespace collapsed, so excerpts read as prose (a document's rendered text).
    Tidied,
    /// As it is (a service contact's, which the record assembles).
    AsWritten,
}

impl Record<'_> {
    /// The record as JSON, with its sections (`x`: anchor, heading and text of each). Written
    /// by hand so that a page's text is tidied and escaped in one pass straight into the
    /// file's bytes.
    pub(super) fn json<'s>(
        &self,
        sections: impl Iterator<Item = (&'s str, &'s str, &'s str)>,
        kind: SectionText,
    ) -> Vec<u8> {
        fn string(out: &mut Vec<u8>, s: &str) {
            serde_json::to_writer(out, s).expect("a string serialises");
        }
        let mut out = Vec::with_capacity(256);
        let fields = [
            ("t", self.t),
            ("u", self.u),
            ("n", self.n),
            ("k", self.k),
            ("v", self.v.as_str()),
            ("s", self.s),
            ("m", self.m),
        ];
        for (i, (key, value)) in fields.into_iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"{\"" } else { b",\"" });
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
            string(&mut out, value);
        }
        out.extend_from_slice(b",\"x\":[");
        for (i, (anchor, heading, section)) in sections.enumerate() {
            out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
            string(&mut out, anchor);
            out.push(b',');
            string(&mut out, heading);
            out.push(b',');
            match kind {
                SectionText::Tidied => text::push_json_tidied(section, &mut out),
                SectionText::AsWritten => string(&mut out, section),
            }
            out.push(b']');
        }
        out.extend_from_slice(b"]}");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record as serde writes its fields in their order, then its sections.
    #[derive(serde::Serialize)]
    struct Derived<'a> {
        #[serde(flatten)]
        record: &'a Record<'a>,
        x: Vec<(&'a str, &'a str, String)>,
    }

    proptest::proptest! {
        #[test]
        fn a_record_is_the_json_of_its_fields(
            fields in proptest::collection::vec("[a-z\"\\\\ \n\u{1}é]{0,8}", 7),
            sections in proptest::collection::vec(("[a-z-]{0,6}", "[A-Z \"]{0,6}", "[a-z\"\\\\ \t\n\u{1}\u{a0}é]{0,30}"), 0..4),
            tidied: bool,
        ) {
            let record = Record {
                t: &fields[0],
                u: &fields[1],
                n: &fields[2],
                k: &fields[3],
                v: fields[4].clone(),
                s: &fields[5],
                m: &fields[6],
            };
            let json = record.json(
                sections.iter().map(|(a, h, t)| (a.as_str(), h.as_str(), t.as_str())),
                if tidied { SectionText::Tidied } else { SectionText::AsWritten },
            );
            let expected = serde_json::to_vec(&Derived {
                record: &record,
                x: sections
                    .iter()
                    .map(|(a, h, t)| (a.as_str(), h.as_str(), if tidied { text::tidy(t) } else { t.clone() }))
                    .collect(),
            })
            .unwrap();
            proptest::prop_assert_eq!(String::from_utf8(json).unwrap(), String::from_utf8(expected).unwrap());
        }
    }
}
