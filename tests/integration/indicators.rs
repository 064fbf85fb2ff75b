//! Indicators end to end: the base fixture with indicators.yaml and two networks' figures
//! builds the index, indicator and network pages with their charts, indicators.json and the
//! CSV files; the same content gives the same bytes; the bundled content carries every
//! Appendix 1 indicator with eight quarters of example figures for every network.

use crate::helpers::{snapshot, Project};

const DEFS: &str = "indicators:
  - id: mri-within-4-hours
    name: MRI scans within 4 hours of request
    section: \"Non-elective: cauda equina syndrome\"
    unit: percent
    direction: higher
    standard: 100
    source: [local-audit]
  - id: los-lumbar-fusion
    name: Length of stay, lumbar fusion
    section: \"Elective: Model Hospital\"
    unit: days
    direction: lower
    source: [model-hospital]
  - id: thoracic-discectomies
    name: Thoracic discectomies in the year
    section: \"Elective: low volume, high complexity\"
    unit: count
    direction: neither
    frequency: yearly
    source: [hes]
";

const HEADER: &str = "indicator,period,value,numerator,denominator,note\n";

fn project() -> Project {
    let p = Project::base();
    p.write("indicators.yaml", DEFS);
    p.write(
        "networks/alpha/indicators/2025-Q2.csv",
        &format!("{HEADER}mri-within-4-hours,2025-Q2,55,11,20,\nlos-lumbar-fusion,2025-Q2,5,,,\n"),
    );
    p.write(
        "networks/alpha/indicators/2025-Q3.csv",
        &format!("{HEADER}mri-within-4-hours,2025-Q3,62,31,50,\"Scanner down, two weeks\"\nlos-lumbar-fusion,2025-Q3,4.5,,,\n"),
    );
    p.write(
        "networks/beta/indicators/2025-Q3.csv",
        &format!("{HEADER}mri-within-4-hours,2025-Q3,80,40,50,\n"),
    );
    p.write(
        "networks/beta/indicators/2025-26.csv",
        &format!("{HEADER}thoracic-discectomies,2025-26,12,,,\n"),
    );
    p
}

#[test]
fn builds_the_indicator_pages_json_and_csv() {
    let p = project();
    p.run(&["check"]).assert_code(0);
    p.run(&["build"]).assert_code(0);
    for page in [
        "public/indicators/index.html",
        "public/indicators/mri-within-4-hours/index.html",
        "public/indicators/mri-within-4-hours/mri-within-4-hours.csv",
        "public/indicators/thoracic-discectomies/index.html",
        "public/alpha/indicators/index.html",
        "public/alpha/indicators/alpha-indicators.csv",
        "public/beta/indicators/index.html",
        "public/indicators.json",
        "public/theme/indicators.css",
    ] {
        assert!(p.path(page).is_file(), "{page} missing");
    }
    let alpha = p.read("public/alpha/indicators/index.html");
    // The latest figure, its RAG in words and the trend chart with its finding.
    assert!(alpha.contains("62%"), "{alpha}");
    assert!(
        alpha.contains("Red: short of the standard and worse than the national median"),
        "{alpha}"
    );
    assert!(
        alpha.contains("Alpha Spinal Network: 62% in Q3 2025, short of the standard of 100% and worse than the national median of 71%; up from 55% in Q2 2025."),
        "{alpha}"
    );
    // (Minified: attribute values without quotes.)
    assert!(alpha.contains("role=img"), "{alpha}");
    assert!(alpha.contains("data-key=2025-Q3 data-value=62"), "{alpha}");
    assert!(alpha.contains("Scanner down, two weeks"));

    let mri = p.read("public/indicators/mri-within-4-hours/index.html");
    assert!(mri.contains("best Beta Spinal Network 80%, worst Alpha Spinal Network 62%; national median 71%; 0 of 2 networks meet the standard of 100%."), "{mri}");
    // Two networks are too few for a funnel plot; the page says why.
    assert!(mri.contains("at least three networks"), "{mri}");

    let csv = p.read("public/indicators/mri-within-4-hours/mri-within-4-hours.csv");
    assert_eq!(
        csv,
        "network,indicator,period,value,numerator,denominator,note\n\
         alpha,mri-within-4-hours,2025-Q2,55,11,20,\n\
         alpha,mri-within-4-hours,2025-Q3,62,31,50,\"Scanner down, two weeks\"\n\
         beta,mri-within-4-hours,2025-Q3,80,40,50,\n"
    );
    let json: serde_json::Value = serde_json::from_str(&p.read("public/indicators.json")).unwrap();
    let mri = &json["indicators"][0];
    assert_eq!(mri["id"], "mri-within-4-hours");
    assert_eq!(mri["standard"], 100.0);
    let q3 = &mri["periods"][1];
    assert_eq!(q3["period"], "2025-Q3");
    assert_eq!(q3["national_median"], 71.0);
    assert_eq!(q3["pooled_rate"], 71.0);
    assert_eq!(q3["values"].as_array().unwrap().len(), 2);

    // The network page, the home page and the footer link the indicators.
    let home = p.read("public/index.html");
    assert!(home.contains("href=/indicators/"), "{home}");
    assert!(p
        .read("public/alpha/index.html")
        .contains("href=/alpha/indicators/"));
}

#[test]
fn a_funnel_plot_appears_with_three_networks_reporting_rates() {
    let p = project();
    p.write(
        "networks/gamma/network.yaml",
        "name: Gamma Spinal Network\nregion: South West\n",
    );
    p.write(
        "networks/gamma/indicators/2025-Q3.csv",
        &format!("{HEADER}mri-within-4-hours,2025-Q3,98,392,400,\n"),
    );
    p.run(&["build"]).assert_code(0);
    let mri = p.read("public/indicators/mri-within-4-hours/index.html");
    assert!(mri.contains("Funnel plot"), "{mri}");
    // Pooled rate 463 of 500 = 92.6%; Gamma is above its 99.8% limit, Alpha and Beta below.
    assert!(mri.contains("national rate 92.6%"), "{mri}");
    assert!(
        mri.contains("Gamma Spinal Network (98% above the 99.8% limit)"),
        "{mri}"
    );
}

#[test]
fn the_same_figures_build_the_same_bytes() {
    let p = project();
    p.run(&["build"]).assert_code(0);
    let first = snapshot(&p.path("public"));
    p.run(&["build", "--out", "again"]).assert_code(0);
    assert_eq!(first, snapshot(&p.path("again")));
}

#[test]
fn a_site_without_indicators_has_no_indicator_pages() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    assert!(!p.path("public/indicators").exists());
    assert!(!p.read("public/index.html").contains("/indicators/"));
}

#[test]
fn a_per_network_build_still_compares_every_network() {
    let p = project();
    p.run(&["build", "--network", "alpha"]).assert_code(0);
    assert!(p.path("public/alpha/indicators/index.html").is_file());
    assert!(!p.path("public/beta/indicators/index.html").exists());
    let mri = p.read("public/indicators/mri-within-4-hours/index.html");
    assert!(mri.contains("Beta Spinal Network"), "{mri}");
}

#[test]
fn the_bundled_content_has_every_appendix_1_indicator_and_eight_quarters() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let defs = std::fs::read_to_string(root.join("indicators.yaml")).unwrap();
    let ids: Vec<&str> = defs
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- id: "))
        .collect();
    // Appendix 1: 3 British Spine Registry, 4 pathway, 9 Model Hospital, 6 LVHC, 4 cauda
    // equina, 3 spinal infection and 2 MSCC measures.
    assert_eq!(ids.len(), 31, "{ids:?}");
    for network in std::fs::read_dir(root.join("networks")).unwrap() {
        let folder = network.unwrap().path().join("indicators");
        let quarters = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .filter(|f| {
                f.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("-Q")
            })
            .count();
        assert_eq!(quarters, 8, "{}", folder.display());
    }
}
