//! Integration tests: one test binary that runs the real `pathways` executable on fixture
//! content trees under tests/fixtures/, in temporary folders.

mod build;
mod diagnostics;
mod evidence;
mod example_content;
mod flowchart;
mod hardening;
#[macro_use]
mod helpers;
mod history;
mod indicators;
mod layers;
mod lints;
mod output;
mod properties;
mod scaffold;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod service_refs;
mod services;
mod snapshots;
mod theme;
mod translations;
mod validation;
mod variation;
mod workplan;
mod workplan_refs;
