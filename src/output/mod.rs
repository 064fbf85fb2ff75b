//! The only writer. Replaces the output folder atomically: files are written into a fresh
//! folder beside the target as the build makes them, which is swapped in only when complete,
//! so a failed build leaves the previous site exactly as it was.
//!
//! Beside an output folder `public/` a build makes `.public.new-PID` (holding the site being
//! written, `site-PID`) and, for a moment during the swap, `.public.old-PID` (the previous
//! site). Builds of one output take turns: each holds a lock on the folder that contains it
//! while it writes, so any such folder found by a build holding the lock was left by a build
//! that was killed, and is removed (or, if it holds the only copy of the site, put back).

use crate::incremental::Fast;
use bytes::Bytes;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

mod minify;
mod platform;
pub use minify::{body_token, minify, put_bodies, Bodies, NoBodies, KEEP_END, KEEP_START};
use platform::{check_removable, mark_top_folder};

/// One file of the site, at a `/`-separated path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    /// Reference-counted: the preview keeps pages between rebuilds and serves them without
    /// copying.
    pub bytes: Bytes,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Takes each file of a build as it is made: its path and bytes.
pub type Put<'a> = &'a (dyn Fn(&str, Bytes) -> Result<(), WriteError> + Sync);

/// A file of the site that could not be written (a full disk, a permission), in words for
/// the person building.
#[derive(Debug)]
pub struct WriteError {
    message: String,
}

impl WriteError {
    /// `path` could not be written because of `why`.
    pub fn new(path: &str, why: impl std::fmt::Display) -> WriteError {
        WriteError {
            message: format!("cannot write {path}: {why}"),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WriteError {}

/// A file in every output folder, so a later build knows the folder is ours to replace.
pub const MARKER: &str = ".pathways-output";

/// Rejects paths that could land outside the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    if path.is_empty() || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let p = Path::new(path);
    p.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| p.to_path_buf())
}

/// The output folder as the file system finds it: absolute, with `.` and `..` resolved against
/// what exists (`public/../public` is `public`) and symbolic links followed, so a linked output
/// folder is written through: the folder it points to is replaced and the link kept. Done
/// before anything else, because the swap renames folders, and a path through one it renames
/// away (`public/..`) would stop leading anywhere half way through.
pub fn resolve(out: &Path) -> io::Result<PathBuf> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()?.join(out)
    };
    let mut resolved = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => resolved.push(c),
            Component::CurDir => {}
            // What exists is already canonical, so this is its real parent.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(real) = std::fs::canonicalize(&resolved) {
                    resolved = real;
                }
            }
        }
    }
    if resolved
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a symbolic link that leads nowhere (to something missing, or round in a loop); point it at a folder or choose another --out",
                out.display()
            ),
        ));
    }
    Ok(resolved)
}

/// Refuses to replace a folder that pathways did not write: `--out .` must never delete a
/// project.
pub fn check_target(out: &Path) -> io::Result<()> {
    if !out.exists() {
        return Ok(());
    }
    let empty = out.read_dir()?.next().is_none();
    if out.is_dir() && (empty || out.join(MARKER).is_file()) {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "{} exists and was not written by pathways; choose another --out or remove it",
            out.display()
        ),
    ))
}

/// A new output folder being written beside `out`. Files are written as they are made, so a
/// build never holds the whole site in memory; [`Staging::finish`] swaps the folder in, and
/// dropping an unfinished one removes it, so a failed build leaves `out` exactly as it was.
///
/// A file whose bytes are unchanged since the previous build is hard-linked from `out`
/// instead of written again: rewriting thousands of unchanged files is the slowest part of a
/// build on ordinary disks.
pub struct Staging {
    /// The site being written, inside `holder`.
    dir: PathBuf,
    /// `.NAME.new-PID` beside `out`.
    holder: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// Fingerprints recorded by the build that wrote `out`.
    previous: HashMap<String, u64, Fast>,
    /// Folders made so far, so each is made about once.
    folders: Mutex<HashSet<PathBuf, Fast>>,
    /// Path → fingerprint of every file written, for the marker.
    written: Mutex<HashMap<String, u64, Fast>>,
    /// What could not be cleaned up, for the person building.
    warnings: Vec<String>,
    finished: bool,
    /// Held until the build ends: other builds of the same output wait for it.
    _lock: Option<File>,
}

impl Staging {
    /// Starts a new folder for `out`, refusing a target pathways did not write. Waits while
    /// another build writes the same output, then clears what killed builds left.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let out = resolve(out)?;
        let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the output folder needs a name",
            ));
        };
        let parent = parent.to_path_buf();
        let name = name.to_string_lossy().into_owned();
        std::fs::create_dir_all(&parent)?;
        let held = lock_folder(&parent)?;
        let warnings = match held {
            Some(_) => clean_stale(&parent, &name, &out),
            None => Vec::new(),
        };
        check_target(&out)?;
        let holder = parent.join(format!(".{name}.new-{}", std::process::id()));
        if holder.symlink_metadata().is_ok() {
            remove_any(&holder)?;
        }
        std::fs::create_dir(&holder)?;
        mark_top_folder(&holder);
        // Named anew by each build, so that the file system places each build's site in
        // another part of the disk than the last one's (see `mark_top_folder`).
        let dir = holder.join(format!("site-{}", std::process::id()));
        std::fs::create_dir(&dir)?;
        Ok(Staging {
            previous: previous_fingerprints(&out),
            dir,
            holder,
            out,
            parent,
            name,
            folders: Mutex::default(),
            written: Mutex::default(),
            warnings,
            finished: false,
            _lock: held,
        })
    }

    /// How many files were put.
    pub fn count(&self) -> usize {
        lock(&self.written).len()
    }

    /// Writes one file. Safe to call from many threads at once.
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = safe_relative(path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {path}"),
            )
        })?;
        let hash = fingerprint(bytes);
        // A second file at one path could write through a hard link into the previous site.
        if lock(&self.written).insert(path.to_owned(), hash).is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("internal error: two files at {path}"),
            ));
        }
        if let Some(folder) = rel.parent() {
            // Recorded only once made: another thread may be writing into it already.
            if !lock(&self.folders).contains(folder) {
                std::fs::create_dir_all(self.dir.join(folder))?;
                lock(&self.folders).insert(folder.to_path_buf());
            }
        }
        let target = self.dir.join(&rel);
        if self.previous.get(path) == Some(&hash) && self.reuse(&rel, &target, bytes)? {
            return Ok(());
        }
        // `create_new`: a file is never written through a link into the previous site.
        File::options()
            .write(true)
            .create_new(true)
            .open(&target)?
            .write_all(bytes)
    }

    /// Hard-links the previous output's copy of `rel` at `target` if it still holds exactly
    /// `bytes`. The marker's fingerprint says what the last build wrote, not what the file
    /// holds now: someone may have edited or truncated it since.
    fn reuse(&self, rel: &Path, target: &Path, bytes: &[u8]) -> io::Result<bool> {
        if std::fs::hard_link(self.out.join(rel), target).is_err() {
            return Ok(false);
        }
        // Checked through the new link: what is checked is what is published.
        if holds(target, bytes) {
            return Ok(true);
        }
        std::fs::remove_file(target)?;
        Ok(false)
    }

    /// Writes the marker and swaps the new folder in for `out`. Returns what could not be
    /// cleaned up (the site is in place all the same).
    pub fn finish(mut self) -> io::Result<Vec<String>> {
        let written = std::mem::take(&mut *lock(&self.written));
        let mut files: Vec<(String, u64)> = written.into_iter().collect();
        files.sort();
        let mut marker = String::from(MARKER_HEADER);
        for (path, hash) in files {
            marker.push_str(&format!("{hash:016x}\t{path}\n"));
        }
        std::fs::write(self.dir.join(MARKER), marker)?;
        let old = self
            .parent
            .join(format!(".{}.old-{}", self.name, std::process::id()));
        let left = swap(&RealSteps, &self.dir, &self.out, &old)?;
        self.finished = true;
        let mut warnings = std::mem::take(&mut self.warnings);
        warnings.extend(left);
        if let Err(e) = std::fs::remove_dir(&self.holder) {
            let holder = self.holder.display();
            warnings.push(format!("could not remove the empty folder {holder}: {e}"));
        }
        Ok(warnings)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.holder);
        }
    }
}

/// Whether the regular file at `path` holds exactly `bytes`. Read and compared a piece at a
/// time: a network's handbook is 12 MB at 10,000 documents, and a build compares one per
/// thread at once.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    let same_size = path
        .symlink_metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && File::open(path).is_ok_and(|f| reads_as(f, bytes))
}

/// Whether `reader` gives exactly `bytes` and then ends.
fn reads_as(mut reader: impl io::Read, mut bytes: &[u8]) -> bool {
    let mut piece = [0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut piece) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return false,
        };
        if n == 0 {
            return bytes.is_empty();
        }
        match bytes.strip_prefix(&piece[..n]) {
            Some(rest) => bytes = rest,
            None => return false,
        }
    }
}

/// Locks the folder that holds the output, waiting for any other build writing there. `None`
/// where the file system cannot lock: the build goes ahead and leaves any stale folders alone,
/// as it cannot tell them from another build's.
#[cfg(unix)]
fn lock_folder(parent: &Path) -> io::Result<Option<File>> {
    let folder = File::open(parent)?;
    match folder.lock() {
        Ok(()) => Ok(Some(folder)),
        Err(e) if e.kind() == io::ErrorKind::Unsupported => Ok(None),
        Err(e) => Err(io::Error::new(
            e.kind(),
            format!("cannot lock {}: {e}", parent.display()),
        )),
    }
}

/// Folders cannot be opened as files here: no lock, and stale folders are left alone.
#[cfg(not(unix))]
fn lock_folder(_: &Path) -> io::Result<Option<File>> {
    Ok(None)
}

/// Clears what killed builds of `out` left beside it: their `.NAME.new-PID` and
/// `.NAME.old-PID` folders. A build killed mid-swap, after moving the previous site aside and
/// before moving the new one in, leaves no `out` at all: the previous site is put back. Called
/// only under the lock, when no other build of `out` is running. Returns what could not be
/// removed.
fn clean_stale(parent: &Path, name: &str, out: &Path) -> Vec<String> {
    let entries = match std::fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(e) => {
            return vec![format!(
                "could not look for folders left by stopped builds in {}: {e}",
                parent.display()
            )]
        }
    };
    let is_stale = |file: &str, kind: &str| {
        file.strip_prefix(&format!(".{name}.{kind}-"))
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    };
    // (is an old site, path), sorted so the order is the same every time.
    let mut stale: Vec<(bool, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let old = is_stale(&file, "old");
            (old || is_stale(&file, "new")).then(|| (old, e.path()))
        })
        .collect();
    stale.sort();
    if out.symlink_metadata().is_err() {
        // The most recently written previous site, by its marker (one that was being removed
        // may have lost it).
        let written = |p: &Path| p.join(MARKER).metadata().and_then(|m| m.modified()).ok();
        let newest = (stale.iter().enumerate())
            .filter(|(_, (old, _))| *old)
            .filter_map(|(i, (_, p))| Some((written(p)?, i)))
            .max();
        if let Some((_, i)) = newest {
            if std::fs::rename(&stale[i].1, out).is_ok() {
                stale.remove(i);
            }
        }
    }
    stale
        .into_iter()
        .filter_map(|(_, p)| {
            remove_any(&p).err().map(|e| {
                format!(
                    "could not remove {}, left by a build that was stopped: {e}",
                    p.display()
                )
            })
        })
        .collect()
}

/// Removes a folder with everything in it, or a file or link (never following it).
fn remove_any(path: &Path) -> io::Result<()> {
    if path.symlink_metadata()?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// How many folders [`remove_tree`] removes at once. Removing waits on the file system (its
/// journal), not on the processor, so more run than there are cores: on the 2-core benchmark
/// machine, the write phase of a 10,000-document build over the previous site (the swap and
/// the removal) took 0.84-0.97 s removing two at a time and 0.52-0.55 s eight at a time.
const REMOVERS: usize = 8;

/// Removes a folder and everything in it, its subfolders (a network's pages, the search
/// index, ...) [`REMOVERS`] at a time. The previous site goes after every build over it
/// (32,000 files and folders at 10,000 documents), and removing one entry at a time waits on
/// the file system for each; removals in one folder wait for each other, so each remover
/// takes a whole subfolder. Links are removed, never followed. On an error the other
/// removals still finish, and the first error is returned.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let mut inner = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            inner.push(entry.path());
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed: Mutex<Option<io::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..REMOVERS.min(inner.len()) {
            scope.spawn(|| {
                while let Some(p) =
                    inner.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    if let Err(e) = remove_any(p) {
                        lock(&failed).get_or_insert(e);
                    }
                }
            });
        }
    });
    if let Some(e) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    std::fs::remove_dir_all(dir)
}

/// A lock whose holder cannot leave the data half-changed, so a poisoned one is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A stable 64-bit fingerprint of a file's bytes and length, recorded in the marker file so
/// the next build can tell which files may be unchanged (it compares their bytes before
/// reusing them); the search index names its files by it too. A build fingerprints every
/// byte it writes, so this takes eight bytes a step (FxHash's step), in four lanes of every 32
/// bytes: each step waits for the multiply before it, and four independent lanes keep the
/// processor's multiplier busy (a quarter of the time of one lane). Each step is a bijection
/// of the running value and of the word, and so is folding the lanes together, so two files
/// of one length that differ in a single eight-byte word always get different fingerprints.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().expect("eight bytes"));
    // Lanes start apart, so equal words in two lanes do not cancel out.
    let mut lanes = [step(0, bytes.len() as u64), 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, w) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word(w));
        }
    }
    let mut h = lanes.into_iter().fold(0, step);
    let mut words = blocks.remainder().chunks_exact(8);
    for w in &mut words {
        h = step(h, word(w));
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    step(h, u64::from_le_bytes(tail))
}

const MARKER_HEADER: &str =
    "written by pathways; replaced on every build. Fingerprints of its files:\n";

/// The fingerprints a previous build recorded in `out`'s marker file.
fn previous_fingerprints(out: &Path) -> HashMap<String, u64, Fast> {
    let Ok(text) = std::fs::read_to_string(out.join(MARKER)) else {
        return HashMap::default();
    };
    text.lines()
        .filter_map(|l| {
            let (hash, path) = l.split_once('\t')?;
            Some((path.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect()
}

/// The file-system steps of a swap, so a test can make any one of them fail.
trait SwapSteps {
    fn check_removable(&self, dir: &Path) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove(&self, dir: &Path) -> io::Result<()>;
}

struct RealSteps;

impl SwapSteps for RealSteps {
    fn check_removable(&self, dir: &Path) -> io::Result<()> {
        check_removable(dir)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn remove(&self, dir: &Path) -> io::Result<()> {
        remove_tree(dir)
    }
}

/// Puts `staging` in place of `out`, moving the previous site to `old` and then removing it.
/// Either the new site is in place (`Ok`, with a note if `old` could not be removed) or `out`
/// is exactly as it was (`Err`): the previous site is checked to be removable before anything
/// moves, and a failed second move is undone. Only if undoing fails as well does the previous
/// site stay in `old`, where the next build finds it and puts it back.
fn swap(
    steps: &impl SwapSteps,
    staging: &Path,
    out: &Path,
    old: &Path,
) -> io::Result<Option<String>> {
    let unchanged = |e: io::Error| {
        io::Error::new(
            e.kind(),
            format!("{e}; the previous site was left as it was"),
        )
    };
    if out.symlink_metadata().is_err() {
        steps.rename(staging, out)?;
        return Ok(None);
    }
    steps.check_removable(out).map_err(|e| {
        unchanged(io::Error::new(
            e.kind(),
            format!("the previous site cannot be replaced: {e}"),
        ))
    })?;
    steps.rename(out, old).map_err(unchanged)?;
    if let Err(e) = steps.rename(staging, out) {
        return Err(match steps.rename(old, out) {
            Ok(()) => unchanged(e),
            Err(back) => io::Error::new(
                e.kind(),
                format!(
                    "{e}; the previous site could not be moved back ({back}): it is in {}, and the next build puts it back",
                    old.display()
                ),
            ),
        });
    }
    Ok(steps.remove(old).err().map(|e| {
        format!(
            "the previous site could not be removed completely ({}: {e}); the next build removes it",
            old.display()
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_compared_piece_by_piece_to_its_end() {
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        assert!(reads_as(&long[..], &long));
        assert!(reads_as(&b""[..], b""));
        let mut changed = long.clone();
        changed[150_000] ^= 1;
        assert!(!reads_as(&changed[..], &long));
        assert!(!reads_as(&long[..100_000], &long), "a shorter file");
        assert!(!reads_as(&long[..], &long[..100_000]), "a longer file");
    }

    fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<()> {
        let staging = Staging::new(out)?;
        for f in files {
            staging.put(&f.path, &f.bytes)?;
        }
        staging.finish().map(|_| ())
    }

    /// Names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn page(dir: &Path) -> String {
        std::fs::read_to_string(dir.join("index.html")).unwrap()
    }

    /// Makes the steps listed in `fail` (counted from 0 across all steps) fail, and carries
    /// out the others for real.
    struct Failing<'a> {
        fail: &'a [usize],
        step: std::cell::Cell<usize>,
    }

    impl Failing<'_> {
        fn next(&self) -> io::Result<()> {
            let n = self.step.replace(self.step.get() + 1);
            if self.fail.contains(&n) {
                return Err(io::Error::other(format!("step {n} failed")));
            }
            Ok(())
        }
    }

    impl SwapSteps for Failing<'_> {
        fn check_removable(&self, dir: &Path) -> io::Result<()> {
            self.next()?;
            RealSteps.check_removable(dir)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.next()?;
            RealSteps.rename(from, to)
        }
        fn remove(&self, dir: &Path) -> io::Result<()> {
            self.next()?;
            RealSteps.remove(dir)
        }
    }

    /// Whatever step of the swap fails, either the new site is in place and the swap
    /// succeeds, or the previous one is exactly as it was and the swap fails; what is left
    /// beside it is cleared by the next build, which also puts back a previous site that
    /// could not be moved back.
    #[test]
    fn a_swap_failing_at_any_step_leaves_one_whole_site() {
        // Steps: 0 check the old site can be removed, 1 move it aside, 2 move the new one
        // in, 3 remove the old one (or, when 2 failed, move it back).
        for fail in [&[][..], &[0], &[1], &[2], &[3], &[2, 3]] {
            let dir = tempfile::tempdir().unwrap();
            let (out, staging, old) = (
                dir.path().join("public"),
                dir.path().join(".public.new-1"),
                dir.path().join(".public.old-1"),
            );
            for (folder, text) in [(&out, "old"), (&staging, "new")] {
                std::fs::create_dir(folder).unwrap();
                std::fs::write(folder.join("index.html"), text).unwrap();
                std::fs::write(folder.join(MARKER), "").unwrap();
            }
            let steps = Failing {
                fail,
                step: Default::default(),
            };
            let result = swap(&steps, &staging, &out, &old);
            match fail {
                [] => {
                    assert!(result.unwrap().is_none());
                    assert_eq!(page(&out), "new");
                    assert_eq!(names(dir.path()), ["public"]);
                }
                [3] => {
                    let note = result.unwrap().expect("a note about the old site");
                    assert!(note.contains(".public.old-1"), "{note}");
                    assert_eq!(page(&out), "new");
                    assert!(clean_stale(dir.path(), "public", &out).is_empty());
                    assert_eq!(names(dir.path()), ["public"]);
                }
                [2, 3] => {
                    let e = result.unwrap_err().to_string();
                    assert!(e.contains("the next build puts it back"), "{e}");
                    assert!(!out.exists());
                    assert!(clean_stale(dir.path(), "public", &out).is_empty());
                    assert_eq!(page(&out), "old", "the previous site is back");
                    assert_eq!(names(dir.path()), ["public"]);
                }
                _ => {
                    let e = result.unwrap_err().to_string();
                    assert!(e.contains("left as it was"), "{e}");
                    assert_eq!(page(&out), "old", "failing at {fail:?}");
                    // The staging folder is removed when the build's `Staging` is dropped.
                    assert_eq!(names(dir.path()), [".public.new-1", "public"]);
                }
            }
        }
    }

    /// Where permissions apply (not as root), a previous site with a folder that cannot be
    /// emptied is refused before anything moves.
    #[cfg(unix)]
    #[test]
    fn a_previous_site_that_cannot_be_emptied_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[OutputFile::new("a/index.html", "1")]).unwrap();
        let locked = out.join("a");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = check_removable(&out);
        let permissions_apply = std::fs::write(locked.join("probe"), "").is_err();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if permissions_apply {
            let e = result.unwrap_err().to_string();
            assert!(e.contains("cannot be emptied"), "{e}");
        } else {
            assert!(result.is_ok());
        }
        assert!(check_removable(&out).is_ok());
    }

    /// A file of the previous site edited or truncated since it was written is written again,
    /// not linked: the fingerprint in the marker no longer describes it.
    #[test]
    fn a_file_changed_since_the_last_build_is_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let site = [
            OutputFile::new("a/index.html", "first page"),
            OutputFile::new("b/index.html", "second page"),
            OutputFile::new("c/index.html", "third page"),
        ];
        write_site(&out, &site).unwrap();
        std::fs::write(out.join("a/index.html"), "").unwrap();
        std::fs::write(out.join("b/index.html"), "SECOND page").unwrap();
        write_site(&out, &site).unwrap();
        for f in &site {
            assert_eq!(
                std::fs::read(out.join(&f.path)).unwrap(),
                f.bytes,
                "{}",
                f.path
            );
        }
    }

    /// What stopped builds left is cleared by the next build, and a site moved aside by a
    /// build stopped mid-swap is put back.
    #[test]
    fn folders_left_by_stopped_builds_are_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[OutputFile::new("index.html", "old")]).unwrap();
        for name in [".public.new-4242", ".public.old-4243", ".public.new-4244/a"] {
            std::fs::create_dir_all(dir.path().join(name)).unwrap();
        }
        // Not a build's: kept.
        std::fs::create_dir(dir.path().join(".public.new-mine")).unwrap();
        std::fs::create_dir(dir.path().join(".other.new-1")).unwrap();
        // Stopped between moving the previous site aside and moving the new one in.
        std::fs::rename(&out, dir.path().join(".public.old-4245")).unwrap();
        let staging = Staging::new(&out).unwrap();
        assert_eq!(page(&out), "old", "the previous site is back");
        staging.put("index.html", b"new").unwrap();
        assert!(staging.finish().unwrap().is_empty());
        assert_eq!(page(&out), "new");
        assert_eq!(
            names(dir.path()),
            [".other.new-1", ".public.new-mine", "public"]
        );
    }

    #[test]
    fn the_output_path_is_resolved_before_use() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let out = root.join("public");
        assert_eq!(resolve(&root.join("public/../public")).unwrap(), out);
        assert_eq!(resolve(&root.join("x/./../public/")).unwrap(), out);
        std::fs::create_dir(&out).unwrap();
        assert_eq!(resolve(&root.join("public/../public")).unwrap(), out);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&out, root.join("link")).unwrap();
            assert_eq!(resolve(&root.join("link")).unwrap(), out);
            std::os::unix::fs::symlink(root.join("missing"), root.join("dangling")).unwrap();
            let e = resolve(&root.join("dangling")).unwrap_err().to_string();
            assert!(e.contains("symbolic link that leads nowhere"), "{e}");
        }
    }

    #[test]
    fn fingerprints_tell_files_apart() {
        let page = b"<!doctype html><html><body><p>Call the hub.</p></body></html>".to_vec();
        let mut edited = page.clone();
        edited[30] = b'K';
        assert_ne!(fingerprint(&page), fingerprint(&edited));
        assert_ne!(fingerprint(b"ab"), fingerprint(b"ab\0"), "length counts");
        assert_ne!(fingerprint(b""), fingerprint(b"\0"));
        // Every word of a page longer than one block, in each lane and in the remainder.
        let long: Vec<u8> = (0..100u8).collect();
        for at in (0..long.len()).step_by(7) {
            let mut changed = long.clone();
            changed[at] ^= 1;
            assert_ne!(fingerprint(&long), fingerprint(&changed), "byte {at}");
        }
        let mut swapped = long.clone();
        swapped[..16].rotate_left(8);
        assert_ne!(
            fingerprint(&long),
            fingerprint(&swapped),
            "two lanes' words swapped"
        );
        assert_eq!(fingerprint(&page), fingerprint(&page.clone()));
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("a\\..\\x").is_none());
    }

    #[test]
    fn a_foreign_folder_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "x").unwrap();
        assert!(write_site(dir.path(), &[OutputFile::new("index.html", "hi")]).is_err());
        assert!(dir.path().join("precious.txt").exists());
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[OutputFile::new("a/index.html", "1")]).unwrap();
        write_site(&out, &[OutputFile::new("b/index.html", "2")]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "2"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folders left"
        );
    }
}
