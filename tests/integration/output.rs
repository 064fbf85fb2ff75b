//! The output folder is never lost or stale: whatever path names it, whatever was done to it
//! since the last build, whatever stopped the last build, a build either puts a site equal to
//! a fresh build in place and exits 0, or leaves the previous site as it was and exits
//! non-zero; nothing but the output folder is left beside it.

use crate::helpers::{snapshot, Project, Run, TODAY};
use std::path::Path;
use std::process::Command;

/// Names in the project folder, sorted.
fn names(p: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(p.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What a fresh build of the project's content into a new folder gives.
fn fresh_build(p: &Project) -> std::collections::BTreeMap<String, Vec<u8>> {
    p.run(&["build", "--out", "fresh"]).assert_code(0);
    let files = snapshot(&p.path("fresh"));
    std::fs::remove_dir_all(p.path("fresh")).unwrap();
    files
}

fn edit_a_document(p: &Project) {
    let doc = p.content().join("national/pathways/ces.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(&doc, format!("{text}\nA paragraph added since.\n")).unwrap();
}

/// `public/../public` names the output through itself: the swap moves `public` aside, after
/// which the path led nowhere, and the site was lost.
#[test]
fn an_output_named_through_itself_is_replaced_like_any_other() {
    let p = Project::base();
    p.run(&["build", "--out", "public/../public"])
        .assert_code(0);
    edit_a_document(&p);
    p.run(&["build", "--out", "public/../public"])
        .assert_code(0);
    p.run(&["build", "--out", "./public/./"]).assert_code(0);
    assert!(p
        .read("public/national/ces/index.html")
        .contains("A paragraph added since."));
    assert_eq!(snapshot(&p.path("public")), fresh_build(&p));
    assert_eq!(names(&p), ["content", "public"]);
}

/// Runs `pathways build` as an unprivileged user, so that permissions apply even when the
/// tests run as root (the project is handed to that user first).
#[cfg(unix)]
fn build_without_privileges(p: &Project) -> Run {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pathways"));
    cmd.arg("build")
        .current_dir(p.dir.path())
        .env("PATHWAYS_TODAY", TODAY)
        .env("HOME", p.dir.path());
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        const NOBODY: u32 = 65534;
        for e in walkdir::WalkDir::new(p.dir.path()) {
            std::os::unix::fs::lchown(e.unwrap().path(), Some(NOBODY), Some(NOBODY)).unwrap();
        }
        cmd.uid(NOBODY).gid(NOBODY);
    }
    Run::from(cmd.output().expect("run pathways"))
}

/// A previous site with a folder that cannot be emptied (its owner made it read-only) used
/// to be replaced anyway, with exit 1 and `.public.old-PID` left beside it. Now it is refused
/// before anything moves: exit 1, the previous site exactly as it was, nothing left beside it.
#[cfg(unix)]
#[test]
fn a_previous_site_that_cannot_be_removed_is_kept_and_the_build_fails() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    edit_a_document(&p);
    let locked = p.path("public/national");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = snapshot(&p.path("public"));
    let run = build_without_privileges(&p);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    run.assert_code(1);
    assert!(
        run.stderr.contains("the previous site cannot be replaced")
            && run.stderr.contains("public/national cannot be emptied")
            && run.stderr.contains("left as it was"),
        "{}",
        run.stderr
    );
    assert!(
        before == snapshot(&p.path("public")),
        "the previous site changed"
    );
    assert_eq!(names(&p), ["content", "public"]);
}

/// The marker's fingerprints say what the last build wrote, not what the files hold now: a
/// page truncated or edited since (keeping its length) was hard-linked into every later build.
#[test]
fn a_rebuild_equals_a_fresh_build_whatever_was_done_to_the_output() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    std::fs::write(p.path("public/national/ces/index.html"), "").unwrap();
    let page = p.path("public/index.html");
    let mut bytes = std::fs::read(&page).unwrap();
    bytes[100] ^= 0x20;
    std::fs::write(&page, bytes).unwrap();
    std::fs::write(p.path("public/sitemap.xml"), "edited").unwrap();
    p.run(&["build"]).assert_code(0);
    assert_eq!(snapshot(&p.path("public")), fresh_build(&p));
}

/// A killed build leaves its staging folder (and, if killed mid-swap, the previous site
/// moved aside with no `public` at all). The next build clears them and, in the second case,
/// starts from the previous site put back.
#[test]
fn what_a_killed_build_left_is_cleared_by_the_next_build() {
    let p = Project::base();
    p.run(&["build"]).assert_code(0);
    let previous = snapshot(&p.path("public"));
    // A build killed while writing, and one killed between the two moves of its swap.
    std::fs::create_dir_all(p.path(".public.new-4000001/national")).unwrap();
    std::fs::write(p.path(".public.new-4000001/national/half.html"), "<p").unwrap();
    std::fs::create_dir_all(p.path(".public.new-4000002")).unwrap();
    std::fs::rename(p.path("public"), p.path(".public.old-4000002")).unwrap();
    // A content error: nothing is written, and the stopped build's folders stay for now.
    p.write("national/broken.md", "---\ntitle: x\n---\n");
    p.run(&["build"]).assert_code(1);
    std::fs::remove_file(p.content().join("national/broken.md")).unwrap();
    let run = p.run(&["build"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("warning: "), "{}", run.stderr);
    assert_eq!(names(&p), ["content", "public"]);
    assert_eq!(previous, snapshot(&p.path("public")));
}

/// `init`'s .gitignore keeps the output and a build's folders beside it out of git.
#[test]
fn init_ignores_the_output_and_the_folders_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["init", "site"])
        .current_dir(dir.path())
        .env("PATHWAYS_TODAY", TODAY)
        .output()
        .unwrap();
    Run::from(run).assert_code(0);
    for folder in ["public", ".public.new-123", ".public.old-123"] {
        std::fs::create_dir_all(site.join(folder)).unwrap();
        std::fs::write(site.join(folder).join("index.html"), "x").unwrap();
    }
    let git = Command::new("git")
        .args(["-c", "safe.directory=*", "init", "-q"])
        .current_dir(&site)
        .status()
        .unwrap();
    assert!(git.success());
    let status = Command::new("git")
        .args([
            "-c",
            "safe.directory=*",
            "status",
            "--porcelain",
            "--untracked-files=all",
        ])
        .current_dir(&site)
        .output()
        .unwrap();
    let status = String::from_utf8(status.stdout).unwrap();
    assert!(status.contains("content/site.yaml"), "{status}");
    assert!(!status.contains("public"), "{status}");
}

/// An output inside the content would be read back as content by the next build (drafts and
/// all); content inside the output would be replaced with it. Both are usage errors naming
/// both folders, and nothing is written.
#[test]
fn an_output_and_a_content_folder_inside_one_another_are_refused() {
    let p = Project::base();
    for (out, content, says) in [
        (
            "content/assets/preview",
            "content",
            "is inside the content folder content",
        ),
        ("content", "content", "is inside the output folder content"),
        (
            "content/../content/x",
            "content",
            "is inside the content folder content",
        ),
        (
            ".",
            "content",
            "the content folder content is inside the output folder .",
        ),
    ] {
        let run = p.run(&["build", "--drafts", "--content", content, "--out", out]);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{out}: {}", run.stderr);
        assert!(run.stderr.contains(out), "{out}: {}", run.stderr);
        assert_eq!(names(&p), ["content"], "{out}");
    }
    assert!(!p.path("content/assets/preview").exists());
}

/// A symbolic link named as the output is written through: the folder it points to gets the
/// new site and the link stays a link. One that leads nowhere is refused.
#[cfg(unix)]
#[test]
fn a_linked_output_folder_is_written_through() {
    let p = Project::base();
    std::os::unix::fs::symlink("sites/live", p.path("public")).unwrap();
    std::fs::create_dir(p.path("sites")).unwrap();
    let run = p.run(&["build"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("public is a symbolic link that leads nowhere"),
        "{}",
        run.stderr
    );
    assert_eq!(names(&p), ["content", "public", "sites"]);

    std::fs::create_dir(p.path("sites/live")).unwrap();
    p.run(&["build"]).assert_code(0);
    edit_a_document(&p);
    p.run(&["build"]).assert_code(0);
    assert!(p
        .path("public")
        .symlink_metadata()
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(p
        .read("sites/live/national/ces/index.html")
        .contains("A paragraph added since."));
    assert_eq!(snapshot(&p.path("sites/live")), fresh_build(&p));
    let mut beside: Vec<_> = std::fs::read_dir(p.path("sites"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    beside.sort();
    assert_eq!(beside, ["live"]);
    assert!(Path::new(&p.path("public/index.html")).is_file());
}
