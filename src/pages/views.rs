//! The borrowed view structs templates see: what each page shows, serialized into the Tera
//! context. Field names are the names templates use.

use super::variation_pages;
use crate::compare::Comparison;
use crate::render::TocEntry;
use crate::review::ReviewState;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) language: &'a str,
    pub(super) base_url: String,
    /// Base path every internal link starts with.
    pub(super) root: String,
    pub(super) example_content: bool,
    pub(super) drafts: bool,
    /// Set when the site is a standalone build of one network.
    pub(super) only_network: Option<&'a str>,
    /// Set for `build --as-of`: the date the site shows, as words.
    pub(super) as_of: Option<String>,
    pub(super) networks: Vec<NetworkLink<'a>>,
    /// The same networks grouped by NHS region, in the specification's order: the home page
    /// and the network switcher both list them this way.
    pub(super) regions: Vec<RegionView<'a>>,
    /// Whether the site has indicator pages (`indicators.yaml` defines some).
    pub(super) indicators: bool,
    /// Whether the site publishes an accessibility statement (every footer links to it).
    pub(super) accessibility: bool,
}

#[derive(Serialize, Clone)]
pub(super) struct NetworkLink<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) region: &'a str,
    pub(super) url: String,
    /// How many of the network's own documents are listed (not withdrawn).
    pub(super) documents: usize,
}

#[derive(Serialize)]
pub(super) struct RegionView<'a> {
    pub(super) name: &'a str,
    pub(super) networks: Vec<NetworkLink<'a>>,
}

#[derive(Serialize)]
pub(super) struct Crumb {
    pub(super) title: String,
    pub(super) url: String,
}

/// A document as shown in lists.
#[derive(Serialize)]
pub(super) struct DocCard<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) summary: &'a str,
    pub(super) kind: &'a str,
    pub(super) kind_label: &'a str,
    pub(super) url: String,
    pub(super) version: String,
    pub(super) status: &'a str,
    pub(super) approved: Option<String>,
    pub(super) review: Option<String>,
    pub(super) review_state: ReviewState,
    pub(super) scope: &'a str,
    pub(super) scope_name: &'a str,
    pub(super) audience: &'a str,
}

#[derive(Serialize)]
pub(super) struct KindGroup<'a> {
    pub(super) kind: &'a str,
    pub(super) heading: &'a str,
    pub(super) docs: Vec<DocCard<'a>>,
}

/// A national document with the network's adaptation of it, if any.
#[derive(Serialize)]
pub(super) struct NationalRow<'a> {
    pub(super) national: DocCard<'a>,
    pub(super) local: Option<DocCard<'a>>,
}

#[derive(Serialize)]
pub(super) struct NationalGroup<'a> {
    pub(super) kind: &'a str,
    pub(super) heading: &'a str,
    pub(super) rows: Vec<NationalRow<'a>>,
}

/// Review status at a glance: what needs attention, in the words the page shows.
#[derive(Serialize)]
pub(super) struct ReviewSummary<'a> {
    pub(super) overdue: Vec<DocCard<'a>>,
    pub(super) due_soon: Vec<DocCard<'a>>,
    pub(super) current: usize,
    pub(super) due_soon_days: i32,
}

/// A network's profile, with its contact made a link when it is a bare email address.
#[derive(Serialize)]
pub(super) struct NetworkView<'a> {
    #[serde(flatten)]
    pub(super) profile: &'a crate::config::NetworkProfile,
    pub(super) contact_email: Option<&'a str>,
}

/// Patient leaflets under one condition, for the home page's "For patients" index.
#[derive(Serialize)]
pub(super) struct LeafletGroup<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) docs: Vec<DocCard<'a>>,
}

/// A value of a search filter, for the search page's form.
#[derive(Serialize)]
pub(super) struct OptionView<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
}

#[derive(Serialize)]
pub(super) struct SearchView<'a> {
    pub(super) networks: Vec<OptionView<'a>>,
    pub(super) kinds: Vec<OptionView<'a>>,
    pub(super) conditions: Vec<OptionView<'a>>,
}

#[derive(Serialize)]
pub(super) struct ConditionView<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
}

#[derive(Serialize)]
pub(super) struct DocumentView<'a> {
    #[serde(flatten)]
    pub(super) card: DocCard<'a>,
    /// The body, with the first use of each glossary abbreviation marked `<abbr>`.
    pub(super) html: String,
    pub(super) toc: &'a [TocEntry],
    pub(super) show_toc: bool,
    pub(super) approved_by: Option<&'a str>,
    pub(super) owner: &'a str,
    pub(super) changes: Option<&'a str>,
    pub(super) equality_impact_assessment: Option<String>,
    pub(super) conditions: Vec<ConditionView<'a>>,
    /// Other documents' cards, made into template values once a build (`Ctx::card_value`).
    pub(super) adapts: Option<tera::Value>,
    pub(super) adapted_by: Vec<tera::Value>,
    pub(super) related: Vec<tera::Value>,
    pub(super) is_leaflet: bool,
    /// A leaflet's type: a warning-signs leaflet opens with its urgent card.
    pub(super) leaflet_type: Option<crate::kind::LeafletType>,
    /// Only pages with highlighted code load the highlighting stylesheet.
    pub(super) has_code: bool,
    pub(super) permalink: String,
    /// `@page` rules putting title, version, review date and address on every printed page.
    pub(super) print_css: String,
    /// The latest approved versions (at most [`HISTORY_ON_PAGE`]), newest first, the page's
    /// own included; empty without history.
    pub(super) history: Vec<HistoryRow>,
    /// When there are more versions than the page lists: the history pages.
    pub(super) history_more: Option<HistoryMore>,
    /// For a draft or consultation: the approved version in force meanwhile.
    pub(super) in_force: Option<InForceView>,
    /// "How networks apply this pathway": the variation page of this national document, or
    /// of the national document this one adapts.
    pub(super) variation_url: Option<String>,
    /// Sources, when the evidence was last checked, user testing.
    pub(super) evidence: crate::evidence::View<'a>,
}

/// Where the rest of a long version history is.
#[derive(Serialize)]
pub(super) struct HistoryMore {
    pub(super) url: String,
    pub(super) count: usize,
}

/// The approved version in force while a draft of the next one is prepared.
#[derive(Serialize)]
pub(super) struct InForceView {
    pub(super) version: String,
    pub(super) approved: Option<String>,
    pub(super) url: String,
}

/// A row of a document's version history table.
#[derive(Serialize)]
pub(super) struct HistoryRow {
    pub(super) version: String,
    pub(super) approved: Option<String>,
    pub(super) approved_by: Option<String>,
    pub(super) changes: Option<String>,
    pub(super) url: String,
    /// The version this page shows.
    pub(super) this: bool,
    /// The comparison with the version before, if there is one.
    pub(super) compare_url: Option<String>,
}

/// A superseded version's page.
#[derive(Serialize)]
pub(super) struct VersionView<'a> {
    pub(super) title: &'a str,
    pub(super) summary: &'a str,
    pub(super) kind_label: &'a str,
    pub(super) scope_name: &'a str,
    pub(super) is_leaflet: bool,
    pub(super) version: String,
    pub(super) status: &'a str,
    pub(super) approved: Option<String>,
    pub(super) approved_by: Option<&'a str>,
    pub(super) review: Option<String>,
    pub(super) owner: &'a str,
    pub(super) audience: &'a str,
    pub(super) changes: Option<&'a str>,
    pub(super) html: &'a str,
    pub(super) toc: &'a [TocEntry],
    pub(super) show_toc: bool,
    /// The commit that published it (short id) and when.
    pub(super) commit: &'a str,
    pub(super) committed: String,
    pub(super) current_url: String,
    pub(super) current_version: String,
    /// The current page's status: a draft or consultation when this version is in force.
    pub(super) current_status: &'a str,
    /// The version that replaced this one (or, when in force, the draft that will).
    pub(super) next_version: String,
    pub(super) next_approved: Option<String>,
    /// This is the approved version in force while the current page is a draft or
    /// consultation (a build with drafts), not a superseded one.
    pub(super) in_force: bool,
    /// Where the document's version history lists this version (not repeated on every
    /// version's page, which would make the site grow with the square of the versions).
    pub(super) history_url: String,
    pub(super) permalink: String,
}

/// One page of a document's full version history.
#[derive(Serialize)]
pub(super) struct HistoryPageView<'a> {
    pub(super) title: &'a str,
    pub(super) scope_name: &'a str,
    pub(super) current_url: String,
    pub(super) current_version: String,
    /// All versions, and the range this page lists (1-based, newest first).
    pub(super) count: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) history: Vec<HistoryRow>,
    /// Links to every history page, this one marked.
    pub(super) pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub(super) struct PageLink {
    pub(super) number: usize,
    pub(super) url: String,
    pub(super) current: bool,
}

/// The comparison page between two consecutive versions.
#[derive(Serialize)]
pub(super) struct CompareView<'a> {
    pub(super) title: &'a str,
    pub(super) scope_name: &'a str,
    pub(super) old_version: String,
    pub(super) new_version: String,
    pub(super) old_url: String,
    pub(super) new_url: String,
    pub(super) old_approved: Option<String>,
    pub(super) new_approved: Option<String>,
    pub(super) current_url: String,
    pub(super) changes: Option<&'a str>,
    #[serde(flatten)]
    pub(super) comparison: Comparison,
    /// The comparison as rendered, section by section.
    pub(super) rendered: variation_pages::RenderedView,
}
