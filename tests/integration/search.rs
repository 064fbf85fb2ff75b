//! The search index built from the base fixture: which documents it holds (published and
//! current only), its filters, its sections and anchors, its shards, and its bytes.

use crate::helpers::{snapshot, Project};
use pathways::search::shard;
use serde_json::Value;
use std::collections::BTreeMap;

fn json(p: &Project, rel: &str) -> Value {
    serde_json::from_str(&p.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every document record of a built site's index, in document order.
fn records(p: &Project, out: &str) -> Vec<Value> {
    let manifest = json(p, &format!("{out}/search/manifest.json"));
    let n = manifest["docs"].as_u64().unwrap();
    (0..n)
        .map(|i| json(p, &format!("{out}/search/d/{i}.json")))
        .collect()
}

fn titles(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["t"].as_str().unwrap()).collect()
}

/// Every shard decoded and merged: word → stem, stem → documents.
fn vocabulary(p: &Project, out: &str) -> (BTreeMap<String, String>, BTreeMap<String, Vec<u32>>) {
    let manifest = json(p, &format!("{out}/search/manifest.json"));
    let mut words = BTreeMap::new();
    let mut postings = BTreeMap::new();
    for s in manifest["shards"].as_array().unwrap() {
        let bytes =
            std::fs::read(p.path(&format!("{out}/search/s/{}", s[1].as_str().unwrap()))).unwrap();
        let d = shard::decode(&bytes).expect("a well-formed shard");
        assert_eq!(
            d.words[0].0,
            s[0].as_str().unwrap(),
            "first word in manifest"
        );
        words.extend(d.words);
        for (stem, list) in d.postings {
            postings.insert(stem, list.iter().map(|p| p.doc).collect());
        }
    }
    (words, postings)
}

#[test]
fn index_holds_published_current_documents_only() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let recs = records(&p, "public");
    assert_eq!(
        titles(&recs),
        [
            "Alpha CES pathway",
            "Beta repatriation policy",
            "Back pain and sciatica",
            "National CES pathway"
        ]
    );
    let (words, _) = vocabulary(&p, "public");
    for absent in ["consultation", "draft", "withdrawn"] {
        assert!(
            !recs.iter().any(|r| r["s"] == absent),
            "{absent} document indexed"
        );
    }
    assert!(words.contains_key("repatriation"));
    assert!(
        !p.read("public/search/manifest.json")
            .contains("old-transfer")
            && !recs.iter().any(|r| r["u"] == "beta/old-transfer/"),
        "withdrawn document in search"
    );
}

#[test]
fn drafts_are_indexed_only_in_drafts_builds() {
    let p = Project::base();
    p.run(&["build", "--drafts"]).assert_code(0);
    let titles: Vec<String> = records(&p, "public")
        .iter()
        .map(|r| r["t"].as_str().unwrap().to_owned())
        .collect();
    assert!(titles.contains(&"Alpha draft SOP".to_owned()), "{titles:?}");
    assert!(titles.contains(&"Alpha transfer policy under consultation".to_owned()));
    assert!(!titles.contains(&"Beta old transfer policy".to_owned()));
}

#[test]
fn filters_are_compact_per_document_arrays() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let f = json(&p, "public/search/filters.json");
    let recs = records(&p, "public");
    let column = |name: &str| -> Vec<Vec<String>> {
        let values: Vec<String> = f[name]["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v[0].as_str().unwrap().to_owned())
            .collect();
        f[name]["docs"]
            .as_str()
            .unwrap()
            .split(' ')
            .map(|d| {
                d.split(',')
                    .filter(|x| !x.is_empty())
                    .map(|x| values[usize::from_str_radix(x, 36).unwrap()].clone())
                    .collect()
            })
            .collect()
    };
    let one = |name: &str| -> Vec<String> {
        column(name)
            .into_iter()
            .map(|mut v| {
                assert_eq!(v.len(), 1);
                v.remove(0)
            })
            .collect()
    };
    assert_eq!(one("network"), ["alpha", "beta", "national", "national"]);
    assert_eq!(
        one("kind"),
        ["pathway", "repatriation-policy", "leaflet", "pathway"]
    );
    assert_eq!(
        one("audience"),
        ["clinicians", "clinicians", "patients", "clinicians"]
    );
    let conditions = column("condition");
    assert_eq!(conditions[0], ["cauda-equina-syndrome"]);
    assert_eq!(conditions[2], ["radicular-pain"]);
    assert_eq!(conditions.len(), recs.len());
}

#[test]
fn postings_find_documents_and_records_land_on_real_headings() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let (words, postings) = vocabulary(&p, "public");
    assert_eq!(words["ces"], "ces");
    assert_eq!(postings["ces"], [0, 3], "both CES pathways");
    assert!(words.contains_key("sciatica"));
    let recs = records(&p, "public");
    let national = &recs[3];
    assert_eq!(national["u"], "national/ces/");
    let html = p.read("public/national/ces/index.html");
    let sections = national["x"].as_array().unwrap();
    assert!(sections.len() >= 3);
    for s in sections {
        let anchor = s[0].as_str().unwrap();
        if !anchor.is_empty() {
            assert!(
                html.contains(&format!("id={anchor}>"))
                    || html.contains(&format!("id=\"{anchor}\"")),
                "#{anchor} is not a heading of the page"
            );
        }
    }
    let red = sections
        .iter()
        .find(|s| s[1] == "Red flags")
        .expect("a Red flags section");
    assert!(red[2].as_str().unwrap().contains("Call 999"), "{red}");
    // The glossary reaches the client with stems and the shard that holds each.
    let manifest = json(&p, "public/search/manifest.json");
    let groups = manifest["glossary"].as_array().unwrap();
    let ces = groups.iter().find(|g| g["c"] == 0).expect("CES group");
    assert_eq!(ces["p"][1][0][0], "ces");
    assert!(ces["p"][1][0][2].as_i64().unwrap() >= 0);
}

#[test]
fn a_network_build_indexes_only_that_network_and_national() {
    let p = Project::base();
    p.run(&["build", "--network", "alpha"]).assert_code(0);
    let recs = records(&p, "public");
    assert_eq!(
        titles(&recs),
        [
            "Alpha CES pathway",
            "Back pain and sciatica",
            "National CES pathway"
        ]
    );
    let f = json(&p, "public/search/filters.json");
    assert_eq!(f["network"]["values"].as_array().unwrap().len(), 2);
}

#[test]
fn search_page_works_under_a_subfolder() {
    let p = Project::base();
    p.run(&["build", "--base-url", "https://example.org/sub/"])
        .assert_code(0);
    let page = p.read("public/search/index.html");
    assert!(page.contains("data-root=/sub/"), "{page}");
    assert!(page.contains("action=/sub/search/"));
    assert!(page.contains("<script src=\"/sub/theme/search.js\" defer>"));
    assert!(
        page.contains("<noscript>"),
        "explains itself without JavaScript"
    );
    assert!(p.path("public/theme/search.js").is_file());
    // Network pages start their header search in their network; leaflets for patients.
    assert!(p
        .read("public/alpha/index.html")
        .contains("name=network type=hidden value=alpha"));
    assert!(p
        .read("public/national/back-pain/index.html")
        .contains("name=audience type=hidden value=patients"));
    assert!(!p
        .read("public/national/ces/index.html")
        .contains("type=hidden"));
}

#[test]
fn index_bytes_are_deterministic() {
    let p = Project::base();
    p.run(&["build", "--drafts", "--out", "one"]).assert_code(0);
    p.run(&["build", "--drafts", "--out", "two"]).assert_code(0);
    let search = |dir: &str| -> BTreeMap<String, Vec<u8>> {
        snapshot(&p.path(dir))
            .into_iter()
            .filter(|(k, _)| k.starts_with("search/"))
            .collect()
    };
    let one = search("one");
    assert!(one.len() > 8, "{:?}", one.keys());
    assert_eq!(one, search("two"));
}

/// The records every word of `query` finds (the client intersects the words' postings).
fn found<'r>(p: &Project, records: &'r [Value], query: &str) -> Vec<&'r str> {
    let (words, postings) = vocabulary(p, "public");
    let stems = pathways::search::text::Stems::default();
    let mut hits: Option<Vec<u32>> = None;
    for w in pathways::search::text::words(query) {
        let stem = words.get(&w).cloned().unwrap_or_else(|| stems.stem(&w));
        let docs = postings.get(&stem).cloned().unwrap_or_default();
        hits = Some(match hits {
            None => docs,
            Some(h) => h.into_iter().filter(|d| docs.contains(d)).collect(),
        });
    }
    hits.unwrap_or_default()
        .into_iter()
        .map(|d| records[d as usize]["t"].as_str().unwrap())
        .collect()
}

#[test]
fn search_finds_a_service_by_hospital_service_and_town() {
    let p = Project::base();
    crate::helpers::copy_tree(&crate::helpers::fixtures().join("services"), &p.content());
    p.run(&["build"]).assert_code(0);
    let recs = records(&p, "public");
    // By service and town, by hospital, by service and network.
    assert_eq!(
        found(&p, &recs, "mri southwick"),
        ["MRI: Alpha District Hospital"]
    );
    // (Alpha's CES pathway mentions its hub's on-call team too.)
    assert!(found(&p, &recs, "on-call alpha hub").contains(&"Spinal on-call: Alpha Hub Hospital"));
    assert_eq!(
        found(&p, &recs, "northbury mri"),
        ["MRI: Alpha Hub Hospital"]
    );
    assert_eq!(
        found(&p, &recs, "pain beta"),
        ["Pain service: Beta Hub Hospital"]
    );
    // The record leads to the service's entry on its network's services page.
    let r = recs
        .iter()
        .find(|r| r["t"] == "MRI: Alpha District Hospital")
        .unwrap();
    assert_eq!(r["u"], "alpha/services/");
    assert_eq!(r["x"][0][0], "alpha-district-mri");
    assert_eq!(r["k"], "Service contacts");
    assert!(r["m"].as_str().unwrap().contains("08:00–20:00 weekdays"));
    // Its kind filter is "service".
    let f = json(&p, "public/search/filters.json");
    let kinds: Vec<&str> = f["kind"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[0].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"service"));
}
