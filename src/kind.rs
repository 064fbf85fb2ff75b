//! What kinds of document there are ([`Kind`]), and what the contract expects of each: its
//! names, the folder `pathways new` files it under, and its standard sections in order. The
//! checks (`content`, `lints`), the pages and the `new` and `init` commands all read them
//! here.

use serde::Serialize;

/// What a document is. Comes from the front matter, never from the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Pathway,
    Sop,
    TransferPolicy,
    RepatriationPolicy,
    TransitionProtocol,
    MdtProforma,
    Standard,
    Leaflet,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Pathway,
        Kind::Sop,
        Kind::TransferPolicy,
        Kind::RepatriationPolicy,
        Kind::TransitionProtocol,
        Kind::MdtProforma,
        Kind::Standard,
        Kind::Leaflet,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Pathway => "pathway",
            Kind::Sop => "sop",
            Kind::TransferPolicy => "transfer-policy",
            Kind::RepatriationPolicy => "repatriation-policy",
            Kind::TransitionProtocol => "transition-protocol",
            Kind::MdtProforma => "mdt-proforma",
            Kind::Standard => "standard",
            Kind::Leaflet => "leaflet",
        }
    }

    /// Singular label, for a document's page.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Pathway => "Pathway",
            Kind::Sop => "Standard operating procedure",
            Kind::TransferPolicy => "Transfer policy",
            Kind::RepatriationPolicy => "Repatriation policy",
            Kind::TransitionProtocol => "Transition protocol",
            Kind::MdtProforma => "MDT proforma",
            Kind::Standard => "Standard",
            Kind::Leaflet => "Patient leaflet",
        }
    }

    /// Plural heading, for lists grouped by kind.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Pathway => "Pathways",
            Kind::Sop => "Standard operating procedures",
            Kind::TransferPolicy => "Transfer policies",
            Kind::RepatriationPolicy => "Repatriation policies",
            Kind::TransitionProtocol => "Transition protocols",
            Kind::MdtProforma => "MDT proformas",
            Kind::Standard => "Standards",
            Kind::Leaflet => "Patient leaflets",
        }
    }

    /// Folder that `pathways new` files a document of this kind under.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Pathway => "pathways",
            Kind::Sop => "sops",
            Kind::TransferPolicy | Kind::RepatriationPolicy => "policies",
            Kind::TransitionProtocol => "protocols",
            Kind::MdtProforma => "proformas",
            Kind::Standard => "standards",
            Kind::Leaflet => "leaflets",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == s)
    }
}

/// `pathways new <kind>` accepts exactly the ids of [`Kind::ALL`].
impl clap::ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Self] {
        &Kind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.id()))
    }
}

/// `pathways new leaflet --leaflet-type <type>` accepts exactly the ids of
/// [`LeafletType::ALL`].
impl clap::ValueEnum for LeafletType {
    fn value_variants<'a>() -> &'a [Self] {
        &LeafletType::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.id()))
    }
}

/// The standard sections of each kind, in order. Patient leaflets follow the BASS-style order.
pub fn sections(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Leaflet => &[
            "What it is",
            "Why it is offered",
            "What happens",
            "Benefits",
            "Risks",
            "Alternatives, including no treatment",
            "Recovery and timescales",
            "When to get help urgently",
            "Contacts",
            "The British Spine Registry",
        ],
        Kind::Pathway => &[
            "Purpose",
            "Scope",
            "Responsibilities",
            "Pathway",
            "Escalation",
            "Audit measures",
            "References",
        ],
        Kind::Sop => &[
            "Purpose",
            "Scope",
            "Responsibilities",
            "Procedure",
            "Escalation",
            "Audit measures",
            "References",
        ],
        Kind::TransferPolicy | Kind::RepatriationPolicy => &[
            "Purpose",
            "Scope",
            "Responsibilities",
            "Criteria",
            "Process and timescales",
            "Escalation",
            "Audit measures",
            "References",
        ],
        Kind::TransitionProtocol => &[
            "Purpose",
            "Scope",
            "Named worker",
            "Transition plan",
            "Before transfer",
            "After transfer",
            "Audit measures",
            "References",
        ],
        Kind::MdtProforma => &[
            "Purpose",
            "Referral details",
            "Clinical summary",
            "Imaging",
            "Question for the MDT",
            "MDT outcome",
        ],
        Kind::Standard => &[
            "Purpose",
            "Scope",
            "Standard",
            "Audit measures",
            "References",
        ],
    }
}

/// What a skeleton marks for its author to replace.
pub const TODO: &str = "TODO";

/// Example wording of a skeleton that an approved document must not keep, even without its
/// `TODO`.
pub const TEMPLATE_PHRASES: &[&str] = &[
    "one sentence saying who this is for and what it covers",
    "role that owns this document",
    "the red flags, and exactly what to do",
    "<national document this localises>",
];

/// What kind of patient leaflet a document is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeafletType {
    /// About an operation or treatment: the ten BASS-style sections.
    #[default]
    Operation,
    /// The signs of an emergency and what to do: an urgent card first.
    WarningSigns,
}

impl LeafletType {
    pub const ALL: [LeafletType; 2] = [LeafletType::Operation, LeafletType::WarningSigns];

    pub fn id(self) -> &'static str {
        match self {
            LeafletType::Operation => "operation",
            LeafletType::WarningSigns => "warning-signs",
        }
    }

    /// The `##` sections every leaflet of this type has, in order.
    pub fn sections(self) -> &'static [&'static str] {
        match self {
            LeafletType::Operation => sections(Kind::Leaflet),
            LeafletType::WarningSigns => &["What it is", "What to do", "Contacts"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_back() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.id()), Some(k));
            let v = <Kind as clap::ValueEnum>::from_str(k.id(), false);
            assert_eq!(v, Ok(k));
        }
    }

    #[test]
    fn every_kind_has_sections() {
        for k in Kind::ALL {
            assert!(!sections(k).is_empty(), "{k:?}");
        }
    }

    #[test]
    fn ids_are_the_front_matter_values() {
        assert_eq!(
            LeafletType::ALL.map(LeafletType::id),
            ["operation", "warning-signs"]
        );
        assert_eq!(LeafletType::Operation.sections().len(), 10);
        assert_eq!(
            LeafletType::WarningSigns.sections(),
            ["What it is", "What to do", "Contacts"]
        );
    }
}
