//! Integration tests: one test binary that runs the real `pathways` executable on fixture
//! content trees under tests/fixtures/, in temporary folders.

mod build;
mod diagnostics;
mod example_content;
mod flowchart;
mod hardening;
#[macro_use]
mod helpers;
mod history;
mod indicators;
mod lints;
mod output;
mod properties;
mod scaffold;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod service_refs;
mod services;
mod theme;
mod validation;
mod variation;
mod workplan;
mod workplan_refs;
