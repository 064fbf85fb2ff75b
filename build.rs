//! Links the `pathways` program as a position-dependent executable on Linux x86-64.
//!
//! A position-independent executable (the toolchain's default) is relocated by the dynamic
//! loader at every start: about 63,000 pointers spread over 10 MB of the program's read-only
//! data (tables of the template, Markdown, YAML, HTML and CSS libraries), each page of which
//! is copied on first write. That took 5-6 ms of every run, `pathways --version` included,
//! against under 2 ms linked at a fixed address, where those pages are read from the file
//! only if used. A site build of 1,000 documents takes about 200 ms and `pathways check` on
//! a small site 20-30 ms, so the start was 2-20 % of them. The cost: the program's own code
//! and data are at the same address in every run (the stack, heap and libraries still move),
//! as with Go programs such as Hugo.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if os == "linux" && arch == "x86_64" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
