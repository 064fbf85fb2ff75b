//! The fixed vocabularies of a workplan, each an enum with its id (as written in the file)
//! and its words (as pages write them): the specification's generic indicators of a well set
//! up network, its workplan areas, the reporting periods and the RAG ratings.

/// The specification's generic indicators of a well set up, well-functioning network (§7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Indicator {
    ManagementTeam,
    ItFacilities,
    WorkplanAgreed,
    PatientPublicVoicePlan,
    PopulationNeedsAnalysis,
    AgreedPathways,
    WorkforcePlan,
    WorkforceFlexibility,
    TrainingPlan,
    DataSharingAgreements,
    DataAndInformationPlan,
    ResearchStrategy,
    QualityImprovement,
    AnnualReport,
    NetworkOfNetworks,
}

impl Indicator {
    pub const ALL: [Indicator; 15] = [
        Indicator::ManagementTeam,
        Indicator::ItFacilities,
        Indicator::WorkplanAgreed,
        Indicator::PatientPublicVoicePlan,
        Indicator::PopulationNeedsAnalysis,
        Indicator::AgreedPathways,
        Indicator::WorkforcePlan,
        Indicator::WorkforceFlexibility,
        Indicator::TrainingPlan,
        Indicator::DataSharingAgreements,
        Indicator::DataAndInformationPlan,
        Indicator::ResearchStrategy,
        Indicator::QualityImprovement,
        Indicator::AnnualReport,
        Indicator::NetworkOfNetworks,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Indicator::ManagementTeam => "management-team",
            Indicator::ItFacilities => "it-facilities",
            Indicator::WorkplanAgreed => "workplan-agreed",
            Indicator::PatientPublicVoicePlan => "ppv-plan",
            Indicator::PopulationNeedsAnalysis => "population-needs-analysis",
            Indicator::AgreedPathways => "agreed-pathways",
            Indicator::WorkforcePlan => "workforce-plan",
            Indicator::WorkforceFlexibility => "workforce-flexibility",
            Indicator::TrainingPlan => "training-plan",
            Indicator::DataSharingAgreements => "data-sharing-agreements",
            Indicator::DataAndInformationPlan => "data-information-plan",
            Indicator::ResearchStrategy => "research-strategy",
            Indicator::QualityImprovement => "quality-improvement",
            Indicator::AnnualReport => "annual-report",
            Indicator::NetworkOfNetworks => "network-of-networks",
        }
    }

    /// The indicator as the specification words it.
    pub fn label(self) -> &'static str {
        match self {
            Indicator::ManagementTeam => "A network management team in post with the skills to deliver the specification",
            Indicator::ItFacilities => "IT facilities for communication across the network, image transfer and remote MDT participation",
            Indicator::WorkplanAgreed => "An annual workplan agreed with the network's commissioners",
            Indicator::PatientPublicVoicePlan => "An agreed plan for patient and public voice engagement",
            Indicator::PopulationNeedsAnalysis => "An analysis of the population's service needs, a gap analysis and an agreed plan",
            Indicator::AgreedPathways => "Network agreed patient pathways, procedures and protocols",
            Indicator::WorkforcePlan => "An analysis of workforce requirements and an agreed plan",
            Indicator::WorkforceFlexibility => "Arrangements (such as passporting) for workforce flexibility between providers",
            Indicator::TrainingPlan => "An analysis of training needs and an agreed annual training plan",
            Indicator::DataSharingAgreements => "Data sharing agreements between network partners",
            Indicator::DataAndInformationPlan => "An analysis of data and information needs and an agreed plan",
            Indicator::ResearchStrategy => "An agreed research strategy, including access to clinical trials",
            Indicator::QualityImprovement => "At least one quality improvement initiative in the annual workplan",
            Indicator::AnnualReport => "An annual report with a financial statement",
            Indicator::NetworkOfNetworks => "Participation in the national network of networks",
        }
    }
}

/// The specification's workplan areas, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AreaKind {
    ServiceDelivery,
    Resources,
    Workforce,
    Quality,
    Collaboration,
    Transformation,
    PopulationHealth,
}

impl AreaKind {
    pub const ALL: [AreaKind; 7] = [
        AreaKind::ServiceDelivery,
        AreaKind::Resources,
        AreaKind::Workforce,
        AreaKind::Quality,
        AreaKind::Collaboration,
        AreaKind::Transformation,
        AreaKind::PopulationHealth,
    ];

    pub fn id(self) -> &'static str {
        match self {
            AreaKind::ServiceDelivery => "service-delivery",
            AreaKind::Resources => "resources",
            AreaKind::Workforce => "workforce",
            AreaKind::Quality => "quality",
            AreaKind::Collaboration => "collaboration",
            AreaKind::Transformation => "transformation",
            AreaKind::PopulationHealth => "population-health",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AreaKind::ServiceDelivery => "Service delivery",
            AreaKind::Resources => "Resources",
            AreaKind::Workforce => "Workforce",
            AreaKind::Quality => "Quality",
            AreaKind::Collaboration => "Collaboration",
            AreaKind::Transformation => "Transformation",
            AreaKind::PopulationHealth => "Population health",
        }
    }
}

/// A reporting period: the mid-year and the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    MidYear,
    Annual,
}

impl Period {
    pub const ALL: [Period; 2] = [Period::MidYear, Period::Annual];

    pub fn id(self) -> &'static str {
        match self {
            Period::MidYear => "mid-year",
            Period::Annual => "annual",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::MidYear => "Mid-year",
            Period::Annual => "Annual",
        }
    }
}

/// A RAG rating. Pages show it as text, an icon and a colour together, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rag {
    Red,
    Amber,
    Green,
    Complete,
}

impl Rag {
    pub const ALL: [Rag; 4] = [Rag::Red, Rag::Amber, Rag::Green, Rag::Complete];

    pub fn id(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Complete => "complete",
        }
    }

    /// The words pages write beside the icon.
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red: off track",
            Rag::Amber => "Amber: at risk",
            Rag::Green => "Green: on track",
            Rag::Complete => "Complete",
        }
    }

    /// A distinct shape per rating, so it reads without colour too.
    pub fn icon(self) -> &'static str {
        match self {
            Rag::Red => "✖",
            Rag::Amber => "▲",
            Rag::Green => "●",
            Rag::Complete => "✔",
        }
    }
}
