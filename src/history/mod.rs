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
//! The log is read as it streams by the parser in `log`, which follows each file's lineage.
//!
//! Not having a history is not an error: outside a git repository, in a shallow clone or
//! without git the build publishes current versions only, and the caller warns once. A `git`
//! that hangs (a lock, a network file system, a password prompt) is: the pass gives up after
//! a time limit ([`timeout`]), stops its git processes and says so.

mod log;

use log::Parser;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the history pass may take by default. Reading 100,000 file revisions takes about
/// a second; two minutes means git is stuck, not slow.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// The environment variable that changes the time limit, in whole seconds.
pub const TIMEOUT_VARIABLE: &str = "PATHWAYS_GIT_TIMEOUT";

/// The time limit of the history pass: [`TIMEOUT_VARIABLE`] seconds, or [`DEFAULT_TIMEOUT`].
pub fn timeout() -> Result<Duration, InvalidTimeout> {
    match std::env::var(TIMEOUT_VARIABLE) {
        Err(_) => Ok(DEFAULT_TIMEOUT),
        Ok(s) => match s.trim().parse::<u64>() {
            Ok(n) if n > 0 => Ok(Duration::from_secs(n)),
            _ => Err(InvalidTimeout { value: s }),
        },
    }
}

/// [`TIMEOUT_VARIABLE`] is set to something other than a whole number of seconds above 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidTimeout {
    /// The variable's value, as set.
    pub value: String,
}

impl std::fmt::Display for InvalidTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{TIMEOUT_VARIABLE} must be a whole number of seconds above 0, not `{}`",
            self.value
        )
    }
}

impl std::error::Error for InvalidTimeout {}

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
/// within `limit` (see [`timeout`]): [`start`] and [`Reading::wait`] at once.
pub fn read<S: Send + 'static>(
    root: &Path,
    summarize: impl Fn(&str) -> S + Send + Sync + 'static,
    limit: Duration,
) -> Result<History<S>, Unavailable> {
    start(root, summarize, limit)?.wait()
}

/// Starts reading the history of the `.md` files under `root`, summarising each blob with
/// `summarize`; [`Reading::wait`] gives it, within `limit` of the start. A build starts it
/// before it reads the content folder, so that git and the reading overlap.
///
/// `git log` streams newest first while `git cat-file` processes (one per core, up to four)
/// already read the blobs it names, so the two passes overlap; the commits are put oldest
/// first afterwards.
///
/// The pass runs on a thread of its own so that a stuck git cannot hold the build: after
/// `limit` its git processes are killed and [`Reading::wait`] returns
/// [`Unavailable::TimedOut`] at once, even if something git started still holds a pipe open.
pub fn start<S: Send + 'static>(
    root: &Path,
    summarize: impl Fn(&str) -> S + Send + Sync + 'static,
    limit: Duration,
) -> Result<Reading<S>, Unavailable> {
    let processes = Arc::new(Processes::default());
    let (tx, rx) = mpsc::sync_channel(1);
    let (root, shared) = (root.to_owned(), processes.clone());
    std::thread::Builder::new()
        .name("pathways-history".into())
        .spawn(move || {
            let _ = tx.send(read_all(&root, &summarize, &shared));
        })
        .map_err(|e| Unavailable::Git(format!("cannot start reading the history: {e}")))?;
    Ok(Reading {
        rx,
        processes,
        deadline: Instant::now() + limit,
        limit,
    })
}

/// A read of the history under way ([`start`]). Dropped without [`Reading::wait`] (the build
/// stopped first), its git processes are stopped.
pub struct Reading<S> {
    rx: mpsc::Receiver<Result<History<S>, Unavailable>>,
    processes: Arc<Processes>,
    deadline: Instant,
    limit: Duration,
}

impl<S> Reading<S> {
    /// The history, once git has given it, or why there is none.
    pub fn wait(self) -> Result<History<S>, Unavailable> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(Unavailable::TimedOut(self.limit)),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(Unavailable::Git("reading the history failed".into()))
            }
        }
    }
}

impl<S> Drop for Reading<S> {
    fn drop(&mut self) {
        // After a history was given its processes have ended: stopping them does nothing.
        self.processes.stop();
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
