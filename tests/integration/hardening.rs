//! Bad input that is generated at test time rather than kept as a fixture: byte-order marks and
//! Windows line ends (valid), very large files, symbolic link loops, and output folders that
//! must never be replaced. Fixture-based bad input lives in validation.rs.

use crate::helpers::{snapshot, Project};

const FRONT: &str = "---\ntitle: T\nkind: sop\nsummary: S\nversion: \"1.0\"\nstatus: approved\napproved: 2026-01-01\napproved_by: G\nreview: 2027-06-01\nowner: O\n---\n";

#[test]
fn bom_and_crlf_documents_build() {
    let p = Project::base();
    let text = format!("\u{feff}{FRONT}\n## Scope\n\nWindows text.\n").replace('\n', "\r\n");
    p.write("national/windows.md", &text);
    p.run(&["build"]).assert_code(0);
    let page = p.read("public/national/windows/index.html");
    assert!(page.contains("id=\"scope\""), "heading parsed");
    assert!(!page.contains('\u{feff}'));
    // Diagnostics in a CRLF file still point at the right line.
    p.write(
        "national/windows.md",
        &text.replace("version: \"1.0\"", "version: \"1\""),
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("national/windows.md:5:10: error[invalid-version]"),
        "{}",
        run.stderr
    );
}

/// About `bytes` of realistic Markdown.
fn big_body(bytes: usize) -> String {
    let para = "The patient is assessed by the on-call team, who record red flags and arrange imaging within the agreed time. ";
    let mut body = String::new();
    let mut n = 0;
    while body.len() < bytes {
        n += 1;
        body.push_str(&format!("\n## Section {n}\n\n"));
        for _ in 0..20 {
            body.push_str(para);
        }
        body.push('\n');
    }
    body
}

#[test]
fn a_five_megabyte_document_builds() {
    let p = Project::base();
    p.write(
        "national/huge.md",
        &format!("{FRONT}{}", big_body(5 * 1024 * 1024)),
    );
    p.run(&["build"]).assert_code(0);
    assert!(
        std::fs::metadata(p.path("public/national/huge/index.html"))
            .unwrap()
            .len()
            > 4_000_000
    );
}

#[test]
fn a_document_over_the_size_limit_is_an_error_and_output_is_untouched() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let before = snapshot(&p.path("public"));
    p.write(
        "national/huge.md",
        &format!("{FRONT}{}", big_body(9 * 1024 * 1024)),
    );
    let run = p.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("national/huge.md: error[file-too-large]"),
        "{}",
        run.stderr
    );
    assert_eq!(before, snapshot(&p.path("public")));
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_and_are_not_followed() {
    let p = Project::base();
    std::os::unix::fs::symlink(
        p.content().join("national"),
        p.content().join("national/loop"),
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", p.content().join("assets/passwd")).unwrap();
    let run = p.run(&["build"]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("national/loop: warning[symlink-ignored]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("assets/passwd: warning[symlink-ignored]"),
        "{}",
        run.stderr
    );
    assert!(
        !p.path("public/assets/passwd").exists(),
        "a file outside the content was published"
    );
}

#[test]
fn the_content_folder_itself_is_never_used_as_output() {
    let p = Project::base();
    let before = snapshot(&p.content());
    let run = p.run(&["build", "--out", "content"]);
    run.assert_code(2);
    assert_eq!(before, snapshot(&p.content()));
    // Nor the project folder.
    let run = p.run(&["build", "--out", "."]);
    run.assert_code(2);
    assert!(p.content().join("site.yaml").is_file());
}

/// Runs `pathways <args>` in the project folder under an address-space limit of `bytes`, as
/// on a machine with little memory: running out aborts the process instead of swapping.
fn run_with_memory_limit(p: &Project, bytes: u64, args: &[&str]) -> crate::helpers::Run {
    std::process::Command::new("prlimit")
        .arg(format!("--as={bytes}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_pathways"))
        .args(args)
        .current_dir(p.dir.path())
        .env("PATHWAYS_TODAY", crate::helpers::TODAY)
        .output()
        .expect("run pathways under prlimit (util-linux)")
        .into()
}

/// Far more than a build of the base fixture needs (under 100 MB), far less than expanding
/// a thousand copies of a megabyte.
const MEMORY_LIMIT: u64 = 512 * 1024 * 1024;

/// `count` aliases of a 1 MB value anchored as `&big`, as a flow list.
fn aliases(count: usize) -> String {
    format!("[{}]", vec!["*big"; count].join(", "))
}

#[test]
fn yaml_aliases_cannot_exhaust_memory_in_the_glossary() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let before = snapshot(&p.path("public"));
    let glossary = p.read("content/glossary.yaml");
    let line = glossary.lines().count() + 2;
    p.write(
        "glossary.yaml",
        &format!(
            "{glossary}  - term: BIG\n    meaning: &big {}\n    synonyms: {}\n",
            "x".repeat(1024 * 1024),
            aliases(1000)
        ),
    );
    for command in ["check", "build"] {
        let run = run_with_memory_limit(&p, MEMORY_LIMIT, &[command]);
        run.assert_code(1);
        assert!(run.stderr.len() < 16 * 1024, "{command}: stderr is bounded");
        assert!(
            run.stderr.contains(&format!(
                "glossary.yaml:{line}:14: error[yaml-alias-expansion]: aliases (`*name`) repeat the value here"
            )),
            "{command}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("help: write each value out"));
    }
    assert_eq!(before, snapshot(&p.path("public")));
}

#[test]
fn yaml_aliases_cannot_exhaust_memory_in_front_matter() {
    let p = Project::base();
    let doc = FRONT.replace(
        "summary: S\n",
        &format!(
            "summary: &big {}\nconditions: {}\n",
            "y".repeat(1024 * 1024),
            aliases(1000)
        ),
    );
    p.write(
        "national/amplified.md",
        &format!("{doc}\n## Scope\n\nText.\n"),
    );
    let run = run_with_memory_limit(&p, MEMORY_LIMIT, &["build"]);
    run.assert_code(1);
    assert!(run.stderr.len() < 16 * 1024, "stderr is bounded");
    assert!(
        run.stderr
            .contains("national/amplified.md:4:10: error[yaml-alias-expansion]"),
        "{}",
        run.stderr
    );
    // A small alias is fine.
    p.write(
        "national/amplified.md",
        &format!(
            "{}\n## Scope\n\nText.\n",
            FRONT
                .replace("owner: O\n", "owner: &o O\napproved_by: *o\n")
                .replace("approved_by: G\n", "")
        ),
    );
    run_with_memory_limit(&p, MEMORY_LIMIT, &["build"]).assert_code(0);
}

#[test]
fn control_characters_in_text_and_addresses_are_refused() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let before = snapshot(&p.path("public"));
    p.write(
        "national/bell.md",
        &format!(
            "{}\n## Scope\n\nText.\n",
            FRONT.replace("title: T", "title: \"Ring \\x01 the bell\"")
        ),
    );
    let site = p.read("content/site.yaml");
    p.write(
        "site.yaml",
        &site.replace(
            "base_url: https://test.example.org/",
            "base_url: \"https://test.example.org/\\u0007\"",
        ),
    );
    let run = p.run_snapshot(&["build"], "inline/control-characters");
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "national/bell.md:2:14: error[control-character]: this text contains the control character U+0001"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("site.yaml:2:37: error[control-character]: this text contains the control character U+0007"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("2 errors"),
        "one diagnostic each: {}",
        run.stderr
    );
    assert_eq!(before, snapshot(&p.path("public")), "no feed was written");

    // A raw one, typed into the file, is pointed at exactly.
    p.write("site.yaml", &site);
    p.write(
        "national/bell.md",
        &format!(
            "{}\n## Scope\n\nText.\n",
            FRONT.replace("summary: S", "summary: S\u{1b}[31m")
        ),
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("national/bell.md:4:11: error[control-character]: this text contains the control character U+001B"),
        "{}",
        run.stderr
    );

    // `--base-url` is an address too.
    std::fs::remove_file(p.content().join("national/bell.md")).unwrap();
    let run = p.run(&["build", "--base-url", "https://preview.example.org/\u{1}"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("control character U+0001"),
        "{}",
        run.stderr
    );
    assert_eq!(before, snapshot(&p.path("public")));
    p.run(&["build", "--base-url", "https://preview.example.org/"])
        .assert_code(0);
}

#[test]
fn svg_assets_with_active_content_and_html_assets_are_refused() {
    let p = Project::base();
    p.write(
        "assets/diagrams/route.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>Route</title><rect width=\"10\" height=\"10\"/></svg>\n",
    );
    p.run(&["build"]).assert_code(0);
    assert!(p.path("public/assets/diagrams/route.svg").is_file());
    let before = snapshot(&p.path("public"));

    let cases = [
        (
            "assets/a.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(document.cookie)</script>\n</svg>\n",
            "assets/a.svg:2:4: error[svg-active-content]: the SVG has a `<script>` element",
        ),
        (
            "assets/b.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"\n     onload=\"alert(1)\"/>\n",
            "assets/b.svg:2:6: error[svg-active-content]: the SVG's `<svg>` element has an event handler, `onload`",
        ),
        (
            "assets/c.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"javascript:alert(1)\"><text>Go</text></a></svg>\n",
            "assets/c.svg:1:87: error[svg-active-content]: the SVG's `<a>` element has a `xlink:href` that is not a web address",
        ),
        (
            "assets/page.html",
            "<!doctype html><script>alert(1)</script>\n",
            "assets/page.html: error[active-asset]: this is an HTML page",
        ),
    ];
    for (path, text, expected) in cases {
        p.write(path, text);
        let name = path.replace(['/', '.'], "-");
        let run = p.run_snapshot(&["build"], &format!("inline/active-{name}"));
        run.assert_code(1);
        assert!(run.stderr.contains(expected), "{path}: {}", run.stderr);
        assert!(run.stderr.contains("1 error"), "{path}: {}", run.stderr);
        assert_eq!(
            before,
            snapshot(&p.path("public")),
            "{path} was not published"
        );
        std::fs::remove_file(p.content().join(path)).unwrap();
    }
}
