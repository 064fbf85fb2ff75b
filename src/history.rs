//! The git history of the content folder: every committed state of every Markdown file,
//! following renames and moves. Besides [`crate::source`] this is the only module that reads
//! content, and it only reads what git has committed.
//!
//! Two kinds of `git` process do all the work, whatever the size of the history (measured as
//! fast as gix or git2 and with no compile cost; one process per file would be a hundred times
//! slower):
//!
//! 1. `git log --first-parent --raw -z -M --relative` lists each commit of the published branch
//!    and the blobs it added, changed, renamed or deleted. `--first-parent` follows the branch
//!    as it was published, so a merged feature branch counts once, at its merge.
//! 2. `git cat-file --batch` streams the text of each distinct blob once: one process per core
//!    (up to four), fed while the log is still streaming, each file's blobs to the same process
//!    (git keeps older versions as deltas of newer ones and caches the bases). The caller's
//!    `summarize` function turns each text into whatever it needs to keep (for documents, the
//!    front matter's version and status, and the text only when approved), so a history of
//!    100,000 revisions never sits in memory as text.
//!
//! Not having a history is not an error: outside a git repository, in a shallow clone or
//! without git the build publishes current versions only, and the caller warns once. A `git`
//! that hangs (a lock, a network file system, a password prompt) is: the pass gives up after
//! a time limit ([`timeout`]), stops its git processes and says so.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// How long the history pass may take by default. Reading 100,000 file revisions takes about
/// a second; two minutes means git is stuck, not slow.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// The environment variable that changes the time limit, in whole seconds.
pub const TIMEOUT_VARIABLE: &str = "PATHWAYS_GIT_TIMEOUT";

/// The time limit of the history pass: [`TIMEOUT_VARIABLE`] seconds, or [`DEFAULT_TIMEOUT`].
pub fn timeout() -> Result<Duration, String> {
    match std::env::var(TIMEOUT_VARIABLE) {
        Err(_) => Ok(DEFAULT_TIMEOUT),
        Ok(s) => match s.trim().parse::<u64>() {
            Ok(n) if n > 0 => Ok(Duration::from_secs(n)),
            _ => Err(format!(
                "{TIMEOUT_VARIABLE} must be a whole number of seconds above 0, not `{s}`"
            )),
        },
    }
}

/// A commit of the published branch that touched the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full object id.
    pub id: String,
    /// Committer time, seconds since the Unix epoch.
    pub time: i64,
}

/// One committed state of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Index into [`History::commits`].
    pub commit: usize,
    /// The file's path at that commit, relative to the content folder.
    pub path: String,
    /// Index into [`History::blobs`].
    pub blob: usize,
}

/// One file followed through renames: all its committed states, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lineage {
    /// The latest path (relative to the content folder).
    pub path: String,
    /// Whether the file exists in the newest commit (false once deleted).
    pub exists: bool,
    pub revisions: Vec<Revision>,
}

/// The history of the content folder, with each distinct blob summarised once.
#[derive(Debug, Clone)]
pub struct History<S> {
    pub commits: Vec<Commit>,
    /// Ordered by latest path.
    pub files: Vec<Lineage>,
    /// The summary of each blob; `None` for a blob that is not UTF-8 text.
    pub blobs: Vec<Option<S>>,
}

impl<S> History<S> {
    /// The lineage whose latest path is `path`.
    pub fn file(&self, path: &str) -> Option<&Lineage> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }
}

/// Why there is no history. The build still works; the caller warns once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The content folder is not inside a git repository.
    NotGit,
    /// A shallow clone: the older commits are not there.
    Shallow,
    /// `git` could not be run, or failed.
    Git(String),
    /// git did not finish within the time limit; its processes were stopped.
    TimedOut(Duration),
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unavailable::NotGit => f.write_str("the content folder is not in a git repository"),
            Unavailable::Shallow => f.write_str("the repository is a shallow clone"),
            Unavailable::Git(m) => write!(f, "git failed: {m}"),
            Unavailable::TimedOut(limit) => write!(
                f,
                "git did not finish reading the content's history within {} s, so it was stopped",
                limit.as_secs()
            ),
        }
    }
}

/// Reads the history of the `.md` files under `root`, summarising each blob with `summarize`,
/// within `limit` (see [`timeout`]).
///
/// `git log` streams newest first while `git cat-file` processes (one per core, up to four)
/// already read the blobs it names, so the two passes overlap; the commits are put oldest
/// first afterwards.
///
/// The pass runs on a thread of its own so that a stuck git cannot hold the build: after
/// `limit` its git processes are killed and this returns [`Unavailable::TimedOut`] at once,
/// even if something git started still holds a pipe open.
pub fn read<S: Send + 'static>(
    root: &Path,
    summarize: impl Fn(&str) -> S + Send + Sync + 'static,
    limit: Duration,
) -> Result<History<S>, Unavailable> {
    let processes = Arc::new(Processes::default());
    let (tx, rx) = mpsc::sync_channel(1);
    let (root, shared) = (root.to_owned(), processes.clone());
    std::thread::Builder::new()
        .name("pathways-history".into())
        .spawn(move || {
            let _ = tx.send(read_all(&root, &summarize, &shared));
        })
        .map_err(|e| Unavailable::Git(format!("cannot start reading the history: {e}")))?;
    match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            processes.stop();
            Err(Unavailable::TimedOut(limit))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Unavailable::Git("reading the history failed".into()))
        }
    }
}

/// The git processes of one history pass, so that they can all be stopped when it takes too
/// long.
#[derive(Default)]
struct Processes {
    children: Mutex<Vec<Child>>,
    stopped: AtomicBool,
}

/// The pipes of a process started by [`Processes::spawn`], and its number for
/// [`Processes::wait`].
struct Started {
    stdin: Option<ChildStdin>,
    stdout: Option<ChildStdout>,
    stderr: Option<ChildStderr>,
    index: usize,
}

impl Processes {
    fn spawn(&self, cmd: &mut Command) -> std::io::Result<Started> {
        let mut child = cmd.spawn()?;
        let mut children = self.children.lock().unwrap_or_else(|e| e.into_inner());
        let started = Started {
            stdin: child.stdin.take(),
            stdout: child.stdout.take(),
            stderr: child.stderr.take(),
            index: children.len(),
        };
        if self.stopped.load(Ordering::SeqCst) {
            let _ = child.kill();
        }
        children.push(child);
        Ok(started)
    }

    /// Waits for a process to exit, without holding the list (so [`Processes::stop`] can
    /// still kill it).
    fn wait(&self, index: usize) -> std::io::Result<ExitStatus> {
        loop {
            {
                let mut children = self.children.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(status) = children[index].try_wait()? {
                    return Ok(status);
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Kills every process started so far or later.
    fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        let mut children = self.children.lock().unwrap_or_else(|e| e.into_inner());
        for child in children.iter_mut() {
            let _ = child.kill();
            let _ = child.try_wait();
        }
    }
}

fn read_all<S: Send>(
    root: &Path,
    summarize: &(impl Fn(&str) -> S + Sync),
    processes: &Processes,
) -> Result<History<S>, Unavailable> {
    let probe = processes
        .spawn(
            git(root)
                .args([
                    "rev-parse",
                    "--is-shallow-repository",
                    "--verify",
                    "-q",
                    "HEAD",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        )
        .map_err(|e| Unavailable::Git(format!("cannot run git: {e}")))?;
    let (mut stdout, mut stderr) = (String::new(), String::new());
    // The answers are a line or two each: reading one pipe after the other cannot block.
    if let Some(mut out) = probe.stdout {
        let _ = out.read_to_string(&mut stdout);
    }
    if let Some(mut err) = probe.stderr {
        let _ = err.read_to_string(&mut stderr);
    }
    let status = processes
        .wait(probe.index)
        .map_err(|e| Unavailable::Git(format!("git rev-parse: {e}")))?;
    if stdout.starts_with("true") {
        return Err(Unavailable::Shallow);
    }
    if !status.success() {
        if stderr.contains("not a git repository") {
            return Err(Unavailable::NotGit);
        }
        if stdout.starts_with("false") {
            // A repository without commits yet: a history with nothing in it.
            return Ok(History {
                commits: Vec::new(),
                files: Vec::new(),
                blobs: Vec::new(),
            });
        }
        return Err(Unavailable::Git(stderr.trim().to_owned()));
    }
    let log = processes
        .spawn(
            git(root)
                .args([
                    "log",
                    "--first-parent",
                    "--diff-merges=first-parent",
                    "--raw",
                    "-z",
                    "--no-abbrev",
                    "-M",
                    "--relative",
                    "--format=%x01%H %ct",
                    "--",
                    ".",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        )
        .map_err(|e| Unavailable::Git(format!("cannot run git log: {e}")))?;
    let fail = || Unavailable::Git("git log gave no output".into());
    let log_out = log.stdout.ok_or_else(fail)?;
    let mut log_err = log.stderr.ok_or_else(fail)?;
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
    let summarize = &summarize;
    let (parsed, summaries) = std::thread::scope(|scope| {
        let err = scope.spawn(move || {
            let mut text = String::new();
            let _ = log_err.read_to_string(&mut text);
            text
        });
        let mut senders = Vec::new();
        let mut handles = Vec::new();
        for _ in 0..workers {
            let (tx, rx) = mpsc::channel::<(usize, String)>();
            senders.push(tx);
            handles.push(scope.spawn(move || cat_blobs(root, rx, summarize, processes)));
        }
        let mut parser = Parser::default();
        let mut reader = BufReader::with_capacity(1 << 16, log_out);
        let mut token = Vec::new();
        loop {
            token.clear();
            match reader.read_until(0, &mut token) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            if token.last() == Some(&0) {
                token.pop();
            }
            parser.token(&String::from_utf8_lossy(&token), |index, id, path| {
                // A worker that stopped has reported why; its blobs stay unread.
                // All of a file's blobs go to the same reader, newest first: git stores older
                // versions as deltas of newer ones, and each reader caches delta bases.
                let shard = path
                    .bytes()
                    .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
                let _ = senders[shard % senders.len()].send((index, id.to_owned()));
            });
        }
        drop(senders);
        let status = processes.wait(log.index);
        let stderr = err.join().unwrap_or_default();
        let mut summaries: Vec<Option<S>> = Vec::new();
        summaries.resize_with(parser.blob_ids.len(), || None);
        let mut failure = match status {
            Ok(s) if s.success() => None,
            Ok(_) => Some(Unavailable::Git(stderr.trim().to_owned())),
            Err(e) => Some(Unavailable::Git(format!("git log: {e}"))),
        };
        for h in handles {
            match h.join() {
                Ok(Ok(done)) => {
                    for (i, s) in done {
                        summaries[i] = s;
                    }
                }
                Ok(Err(e)) => failure = failure.or(Some(e)),
                Err(_) => failure = failure.or(Some(Unavailable::Git("a reader failed".into()))),
            }
        }
        match failure {
            Some(f) => Err(f),
            None => Ok((parser.finish(), summaries)),
        }
    })?;
    Ok(History {
        commits: parsed.commits,
        files: parsed.files,
        blobs: summaries,
    })
}

/// `git -C root` with a predictable environment: no pager, no replacement objects, and no
/// settings from the environment that would point it at another repository.
fn git(root: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off", "--no-replace-objects"])
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("GIT_PAGER", "cat")
        .stdin(Stdio::null());
    cmd
}

/// What `git log` says, oldest first.
#[derive(Debug, Default)]
struct Log {
    commits: Vec<Commit>,
    files: Vec<Lineage>,
}

/// One entry of `--raw` output, for a Markdown file.
#[derive(Debug)]
struct Change {
    letter: char,
    from: String,
    to: String,
    /// Index into [`Parser::blob_ids`]; unused for a deletion.
    blob: usize,
}

/// An entry whose path tokens have not all arrived yet.
#[derive(Debug)]
struct Pending {
    letter: char,
    blob: String,
    paths: Vec<String>,
}

/// Reads `git log --raw -z` output (with `--format=%x01%H %ct`, newest first) token by token.
#[derive(Debug, Default)]
struct Parser {
    /// Newest first, each with its changes in git's order.
    commits: Vec<(Commit, Vec<Change>)>,
    /// Distinct blob ids, in the order first seen; [`Revision::blob`] indexes this.
    blob_ids: Vec<String>,
    blob_index: HashMap<String, usize>,
    pending: Option<Pending>,
}

fn is_md(path: &str) -> bool {
    path.ends_with(".md")
}

impl Parser {
    /// Takes one NUL-separated token; calls `new_blob` with each Markdown blob seen for the
    /// first time and its index, so it can be read while the log is still streaming.
    fn token(&mut self, token: &str, mut new_blob: impl FnMut(usize, &str, &str)) {
        let token = token.trim_start_matches('\n');
        if let Some(mut p) = self.pending.take() {
            p.paths.push(token.to_owned());
            let needed = if matches!(p.letter, 'R' | 'C') { 2 } else { 1 };
            if p.paths.len() < needed {
                self.pending = Some(p);
            } else {
                self.finish_change(p, &mut new_blob);
            }
            return;
        }
        if let Some(header) = token.strip_prefix('\u{1}') {
            let (id, time) = header.split_once(' ').unwrap_or((header, "0"));
            let commit = Commit {
                id: id.to_owned(),
                time: time.trim().parse().unwrap_or(0),
            };
            self.commits.push((commit, Vec::new()));
            return;
        }
        // ":old_mode new_mode old_blob new_blob STATUS"
        let Some(meta) = token.strip_prefix(':') else {
            return;
        };
        let mut fields = meta.split(' ').skip(3);
        if let (Some(blob), Some(status)) = (fields.next(), fields.next()) {
            self.pending = Some(Pending {
                letter: status.chars().next().unwrap_or('M'),
                blob: blob.to_owned(),
                paths: Vec::new(),
            });
        }
    }

    fn finish_change(&mut self, p: Pending, new_blob: &mut impl FnMut(usize, &str, &str)) {
        let from = p.paths[0].clone();
        let to = p.paths.last().cloned().unwrap_or_default();
        if !is_md(&from) && !is_md(&to) {
            return;
        }
        let Some((_, changes)) = self.commits.last_mut() else {
            return;
        };
        let mut blob = usize::MAX;
        if p.letter != 'D' && is_md(&to) {
            blob = match self.blob_index.get(&p.blob) {
                Some(&i) => i,
                None => {
                    let i = self.blob_ids.len();
                    new_blob(i, &p.blob, &to);
                    self.blob_index.insert(p.blob.clone(), i);
                    self.blob_ids.push(p.blob);
                    i
                }
            };
        }
        changes.push(Change {
            letter: p.letter,
            from,
            to,
            blob,
        });
    }

    /// Follows each file from its first commit to its last. Within a commit, deletions and
    /// renames go first so a path freed by one can be taken by an addition. A file added
    /// where an earlier one was deleted continues that lineage: it has the same id.
    fn finish(self) -> Log {
        let mut commits = Vec::with_capacity(self.commits.len());
        // (latest path, exists, revisions)
        let mut lineages: Vec<(String, bool, Vec<Revision>)> = Vec::new();
        let mut live: HashMap<String, usize> = HashMap::new();
        let mut dead: HashMap<String, usize> = HashMap::new();
        for (commit_index, (commit, mut changes)) in self.commits.into_iter().rev().enumerate() {
            commits.push(commit);
            changes.sort_by_key(|c| !matches!(c.letter, 'D' | 'R'));
            for c in changes {
                let revision = |path: &str| Revision {
                    commit: commit_index,
                    path: path.to_owned(),
                    blob: c.blob,
                };
                match c.letter {
                    'D' => {
                        if let Some(i) = live.remove(&c.from) {
                            lineages[i].1 = false;
                            dead.insert(c.from.clone(), i);
                        }
                    }
                    'R' if live.contains_key(&c.from) => {
                        let i = live.remove(&c.from).unwrap_or_default();
                        if is_md(&c.to) {
                            lineages[i].0 = c.to.clone();
                            lineages[i].2.push(revision(&c.to));
                            live.insert(c.to.clone(), i);
                        } else {
                            lineages[i].1 = false;
                            dead.insert(c.from.clone(), i);
                        }
                    }
                    _ if is_md(&c.to) => {
                        let i = match live.get(&c.to) {
                            Some(&i) => i,
                            None => {
                                let i = dead.remove(&c.to).unwrap_or_else(|| {
                                    lineages.push((c.to.clone(), false, Vec::new()));
                                    lineages.len() - 1
                                });
                                lineages[i].1 = true;
                                live.insert(c.to.clone(), i);
                                i
                            }
                        };
                        lineages[i].2.push(revision(&c.to));
                    }
                    _ => {}
                }
            }
        }
        let mut files: Vec<Lineage> = lineages
            .into_iter()
            .map(|(path, exists, revisions)| Lineage {
                path,
                exists,
                revisions,
            })
            .collect();
        // Live files first among equal paths, so `History::file` finds the one that exists.
        files.sort_by(|a, b| (&a.path, !a.exists).cmp(&(&b.path, !b.exists)));
        files.dedup_by(|later, earlier| later.path == earlier.path);
        Log { commits, files }
    }
}

/// One `git cat-file --batch` process: reads the blobs sent to it, in order, and summarises
/// each as it arrives. Returns `(blob index, summary)` pairs.
fn cat_blobs<S>(
    root: &Path,
    requests: mpsc::Receiver<(usize, String)>,
    summarize: &(impl Fn(&str) -> S + Sync),
    processes: &Processes,
) -> Result<Vec<(usize, Option<S>)>, Unavailable> {
    let child = processes
        .spawn(
            git(root)
                .args(["cat-file", "--batch", "--buffer"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        )
        .map_err(|e| Unavailable::Git(format!("cannot run git cat-file: {e}")))?;
    let fail = || Unavailable::Git("git cat-file has no pipes".into());
    let mut stdin = child.stdin.ok_or_else(fail)?;
    let stdout = child.stdout.ok_or_else(fail)?;
    // Ask from one thread and read the answers on this one: both pipes have a limit.
    let (order_tx, order_rx) = mpsc::channel::<usize>();
    let writer = std::thread::spawn(move || {
        let mut out = std::io::BufWriter::new(&mut stdin);
        for (index, id) in requests {
            if writeln!(out, "{id}").is_err() {
                break;
            }
            let _ = order_tx.send(index);
        }
        let _ = out.flush();
    });
    let mut reader = BufReader::with_capacity(1 << 20, stdout);
    let mut done = Vec::new();
    let mut header = String::new();
    let mut bytes = Vec::new();
    for index in order_rx {
        header.clear();
        let fail = |what: &str| Unavailable::Git(format!("git cat-file {what}"));
        reader
            .read_line(&mut header)
            .map_err(|_| fail("could not be read"))?;
        // "<id> blob <size>\n", or "<id> missing\n"
        let size = match header.trim_end().rsplit_once(' ') {
            Some((_, size)) if !header.trim_end().ends_with(" missing") => {
                size.parse::<usize>().map_err(|_| fail("gave no size"))?
            }
            _ => {
                done.push((index, None));
                continue;
            }
        };
        bytes.resize(size + 1, 0);
        reader
            .read_exact(&mut bytes)
            .map_err(|_| fail("ended early"))?;
        bytes.pop();
        let summary = crate::source::decode(std::mem::take(&mut bytes))
            .ok()
            .map(|text| summarize(&text));
        done.push((index, summary));
    }
    let _ = writer.join();
    let _ = processes.wait(child.index);
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: &str, blob: &str, paths: &[&str]) -> String {
        let mut s = format!("\n:100644 100644 {} {blob} {status}\0", "0".repeat(40));
        for p in paths {
            s.push_str(p);
            s.push('\0');
        }
        s
    }

    fn parse(out: &str) -> (Log, Vec<String>) {
        let mut parser = Parser::default();
        let mut seen = Vec::new();
        for token in out.split('\0') {
            parser.token(token, |i, id, _| seen.push(format!("{i}:{id}")));
        }
        (parser.finish(), seen)
    }

    #[test]
    fn renames_continue_a_lineage_and_deletions_end_one() {
        // Newest first, as git log prints it.
        let mut out = String::new();
        out.push_str("\u{1}c3 300\0");
        out.push_str(&raw("M", "b2", &["b/two.md"]));
        out.push_str("\u{1}c2 200\0");
        out.push_str(&raw("A", "b8", &["a/one.md"]));
        out.push_str(&raw("R100", "b1", &["a/one.md", "b/two.md"]));
        out.push_str(&raw("D", "b9", &["a/gone.md"]));
        out.push_str("\u{1}c1 100\0");
        out.push_str(&raw("A", "b1", &["a/one.md"]));
        out.push_str(&raw("A", "b9", &["a/gone.md"]));
        out.push_str(&raw("A", "bx", &["a/notes.txt"]));
        let (log, seen) = parse(&out);
        assert_eq!(
            seen,
            ["0:b2", "1:b8", "2:b1", "3:b9"],
            "only Markdown blobs are read"
        );
        let times: Vec<i64> = log.commits.iter().map(|c| c.time).collect();
        assert_eq!(times, [100, 200, 300], "oldest first");
        let two = log.files.iter().find(|f| f.path == "b/two.md").unwrap();
        assert!(two.exists);
        let states: Vec<(usize, &str, usize)> = two
            .revisions
            .iter()
            .map(|r| (r.commit, r.path.as_str(), r.blob))
            .collect();
        assert_eq!(
            states,
            [(0, "a/one.md", 2), (1, "b/two.md", 2), (2, "b/two.md", 0)]
        );
        let one = log.files.iter().find(|f| f.path == "a/one.md").unwrap();
        assert_eq!(
            one.revisions.len(),
            1,
            "a new file took the renamed file's old path"
        );
        let gone = log.files.iter().find(|f| f.path == "a/gone.md").unwrap();
        assert!(!gone.exists);
        assert_eq!(log.files.len(), 3);
    }
}
