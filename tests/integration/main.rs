//! Integration tests: one test binary that runs the real `pathways` executable on fixture
//! content trees under tests/fixtures/, in temporary folders.

mod build;
mod example_content;
mod hardening;
#[macro_use]
mod helpers;
mod history;
mod lints;
mod properties;
mod scaffold;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod theme;
mod validation;
mod variation;
