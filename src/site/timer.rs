//! Timing a build's phases: each phase's wall time and the process's peak memory by its end,
//! for `--verbose`, benchmarks and the progress bar.

use std::time::{Duration, Instant};

/// One phase of a build as `--verbose` reports it.
#[derive(Debug, Clone, Copy)]
pub struct Phase {
    pub name: &'static str,
    pub took: Duration,
    /// The process's peak memory (resident set) by the phase's end, where the system tells it
    /// (Linux).
    pub peak_bytes: Option<u64>,
}

impl Phase {
    /// A phase that took `took` and ends now.
    pub(super) fn ended(name: &'static str, took: Duration) -> Phase {
        Phase {
            name,
            took,
            peak_bytes: peak_memory(),
        }
    }
}

impl std::fmt::Display for Phase {
    /// `             pages: 1234.5 ms`, with ` (peak 312 MB)` where the peak is known.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.took.as_secs_f64() * 1000.0;
        write!(f, "{:>18}: {ms:.1} ms", self.name)?;
        match self.peak_bytes {
            Some(b) => write!(f, " (peak {} MB)", b / 1_000_000),
            None => Ok(()),
        }
    }
}

/// The peak resident set of this process so far (`VmHWM` in /proc/self/status).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kb: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kb * 1024)
}

/// Told the name of each phase as it ends, e.g. to draw a progress bar.
pub type Progress<'p> = &'p (dyn Fn(&'static str) + Sync);

/// The phases of a build, for a progress bar's length.
pub const BUILD_PHASES: u64 = 9;

pub(super) fn quiet(_: &'static str) {}

pub(super) struct Timer<'p> {
    start: Instant,
    pub(super) timings: Vec<Phase>,
    progress: Progress<'p>,
}

impl<'p> Timer<'p> {
    pub(super) fn new(progress: Progress<'p>) -> Self {
        Timer {
            start: Instant::now(),
            timings: Vec::new(),
            progress,
        }
    }

    pub(super) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.timings.push(Phase::ended(name, now - self.start));
        self.start = now;
        (self.progress)(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phase_says_its_time_and_the_peak_so_far() {
        let phase = Phase {
            name: "pages",
            took: Duration::from_micros(1_234_567),
            peak_bytes: Some(312_400_000),
        };
        assert_eq!(
            phase.to_string(),
            "             pages: 1234.6 ms (peak 312 MB)"
        );
        let unknown = Phase {
            peak_bytes: None,
            ..phase
        };
        assert_eq!(unknown.to_string(), "             pages: 1234.6 ms");
        if cfg!(target_os = "linux") {
            let peak = Phase::ended("read", Duration::ZERO).peak_bytes.unwrap();
            // This test process has at least its own code in memory, and less than 64 GB.
            assert!(peak > 1_000_000 && peak < 64_000_000_000, "{peak}");
        }
    }
}
