//! The history pass alone (git log + cat-file + reading each revision's version and status), on
//! a content folder given as the first argument (scripts/bench-history generates one). Prints
//! the wall time of each run and the CPU time it used, its git processes included: on a shared
//! machine the wall time depends on the load, the CPU time much less.
//!
//!   cargo bench --bench history -- /tmp/pathways-bench-history/content

use std::time::Instant;

/// User + system CPU seconds of this process and its waited-for children (Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    // After the command name: utime, stime, cutime, cstime are fields 12..=15 (0-based).
    let ticks: f64 = (11..=14)
        .filter_map(|i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "/tmp/pathways-bench-history/content".into());
    let root = std::path::Path::new(&dir);
    let mut walls = Vec::new();
    for run in 1..=5 {
        let (cpu, start) = (cpu_seconds(), Instant::now());
        let history = pathways::history::read(
            root,
            pathways::versions::snapshot,
            pathways::history::DEFAULT_TIMEOUT,
        )
        .unwrap_or_else(|e| panic!("no history in {dir}: {e}"));
        let wall = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu;
        let revisions: usize = history.files.iter().map(|f| f.revisions.len()).sum();
        println!(
            "run {run}: {:.0} ms wall, {:.2} s CPU; {} commits, {} files, {revisions} revisions, {} blobs",
            wall * 1000.0,
            cpu,
            history.commits.len(),
            history.files.len(),
            history.blobs.len()
        );
        walls.push(wall);
    }
    walls.sort_by(f64::total_cmp);
    println!(
        "history pass: min {:.0} ms, median {:.0} ms",
        walls[0] * 1000.0,
        walls[walls.len() / 2] * 1000.0
    );
}
