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
    assert!(page.contains("id=scope"), "heading parsed");
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
