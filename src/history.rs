//! The git history of the content folder: every committed state of every Markdown file,
//! following renames and moves. Besides [`crate::source`] this is the only module that reads
//! content, and it only reads what git has committed.
//!
//! Two `git` processes do all the work, whatever the size of the history (measured as fast as
//! gix or git2 and with no compile cost; one process per file would be a hundred times slower):
//!
//! 1. `git log --first-parent --raw -z -M --relative --reverse` lists, oldest first, each
//!    commit of the published branch and the blobs it added, changed, renamed or deleted.
//!    `--first-parent` follows the branch as it was published, so a merged feature branch
//!    counts once, at its merge.
//! 2. `git cat-file --batch` streams the text of each distinct blob once. The caller's
//!    `summarize` function turns each text into whatever it needs to keep (for documents, the
//!    front matter's version and status, and the text only when it matters), so a history of
//!    100,000 revisions never sits in memory as text.
//!
//! Not having a history is not an error: outside a git repository, in a shallow clone or
//! without git the build publishes current versions only, and the caller warns once.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

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
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unavailable::NotGit => f.write_str("the content folder is not in a git repository"),
            Unavailable::Shallow => f.write_str("the repository is a shallow clone"),
            Unavailable::Git(m) => write!(f, "git failed: {m}"),
        }
    }
}

/// Reads the history of the `.md` files under `root`, summarising each blob with `summarize`.
pub fn read<S>(root: &Path, summarize: impl Fn(&str) -> S) -> Result<History<S>, Unavailable> {
    let probe = git(root)
        .args(["rev-parse", "--is-shallow-repository", "--verify", "-q", "HEAD"])
        .output()
        .map_err(|e| Unavailable::Git(format!("cannot run git: {e}")))?;
    let stdout = String::from_utf8_lossy(&probe.stdout);
    if stdout.starts_with("true") {
        return Err(Unavailable::Shallow);
    }
    if !probe.status.success() {
        let stderr = String::from_utf8_lossy(&probe.stderr);
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
    let log = git(root)
        .args([
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--reverse",
            "--raw",
            "-z",
            "--no-abbrev",
            "-M",
            "--relative",
            "--format=%x01%H %ct",
            "--",
            ".",
        ])
        .output()
        .map_err(|e| Unavailable::Git(format!("cannot run git log: {e}")))?;
    if !log.status.success() {
        return Err(Unavailable::Git(
            String::from_utf8_lossy(&log.stderr).trim().to_owned(),
        ));
    }
    let parsed = parse_log(&log.stdout);
    let texts = cat_blobs(root, &parsed.blob_ids)?;
    let mut blobs = Vec::with_capacity(texts.len());
    for bytes in texts {
        blobs.push(crate::source::decode(bytes).ok().map(|t| summarize(&t)));
    }
    Ok(History {
        commits: parsed.commits,
        files: parsed.files,
        blobs,
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

/// What `git log` says, before any blob is read.
#[derive(Debug, Default)]
struct Log {
    commits: Vec<Commit>,
    files: Vec<Lineage>,
    /// Distinct blob ids, in the order first seen; [`Revision::blob`] indexes this.
    blob_ids: Vec<String>,
}

/// Parses `git log --raw -z` output (with `--format=%x01%H %ct`) into lineages. Walking oldest
/// first, a rename moves the file's lineage to its new path; a file added where an earlier one
/// was deleted continues that lineage, since it has the same id.
fn parse_log(out: &[u8]) -> Log {
    let mut log = Log::default();
    let mut lineages: Vec<(String, bool, Vec<Revision>)> = Vec::new();
    // Path → lineage, for files that exist now; and for deleted ones, so a re-add continues.
    let mut live: HashMap<String, usize> = HashMap::new();
    let mut dead: HashMap<String, usize> = HashMap::new();
    let mut blob_index: HashMap<String, usize> = HashMap::new();
    let mut tokens = out
        .split(|&b| b == 0)
        .map(|t| String::from_utf8_lossy(t).trim_start_matches('\n').to_owned());
    let is_md = |p: &str| p.ends_with(".md");
    while let Some(token) = tokens.next() {
        if let Some(header) = token.strip_prefix('\u{1}') {
            let (id, time) = header.split_once(' ').unwrap_or((header, "0"));
            log.commits.push(Commit {
                id: id.to_owned(),
                time: time.trim().parse().unwrap_or(0),
            });
            continue;
        }
        let Some(meta) = token.strip_prefix(':') else {
            continue;
        };
        // ":old_mode new_mode old_blob new_blob STATUS"
        let fields: Vec<&str> = meta.split(' ').collect();
        let (Some(blob), Some(status)) = (fields.get(3), fields.get(4)) else {
            continue;
        };
        let letter = status.chars().next().unwrap_or('M');
        let from = tokens.next().unwrap_or_default();
        let to = if matches!(letter, 'R' | 'C') {
            tokens.next().unwrap_or_default()
        } else {
            from.clone()
        };
        let Some(commit) = log.commits.len().checked_sub(1) else {
            continue;
        };
        let mut blob_of = |b: &str| {
            let next = log.blob_ids.len();
            *blob_index.entry(b.to_owned()).or_insert_with(|| {
                log.blob_ids.push(b.to_owned());
                next
            })
        };
        match letter {
            'D' => {
                if let Some(i) = live.remove(&from) {
                    lineages[i].1 = false;
                    dead.insert(from, i);
                }
            }
            'R' if is_md(&from) => {
                let Some(i) = live.remove(&from) else {
                    continue;
                };
                if !is_md(&to) {
                    lineages[i].1 = false;
                    dead.insert(from, i);
                    continue;
                }
                let blob = blob_of(blob);
                lineages[i].0 = to.clone();
                lineages[i].2.push(Revision {
                    commit,
                    path: to.clone(),
                    blob,
                });
                live.insert(to, i);
            }
            _ if is_md(&to) => {
                let blob = blob_of(blob);
                let i = match live.get(&to).copied() {
                    Some(i) => i,
                    None => {
                        let i = dead.remove(&to).unwrap_or_else(|| {
                            lineages.push((to.clone(), false, Vec::new()));
                            lineages.len() - 1
                        });
                        lineages[i].0 = to.clone();
                        lineages[i].1 = true;
                        live.insert(to.clone(), i);
                        i
                    }
                };
                lineages[i].2.push(Revision {
                    commit,
                    path: to,
                    blob,
                });
            }
            _ => {}
        }
    }
    log.files = lineages
        .into_iter()
        .map(|(path, exists, revisions)| Lineage {
            path,
            exists,
            revisions,
        })
        .collect();
    log.files.sort_by(|a, b| a.path.cmp(&b.path));
    // A deleted lineage and a later live one can share a path only if the live one was
    // renamed into it; keep the live one findable by `History::file`.
    log.files.dedup_by(|later, earlier| {
        if later.path != earlier.path {
            return false;
        }
        if later.exists && !earlier.exists {
            std::mem::swap(later, earlier);
        }
        true
    });
    log
}

/// The contents of each blob, in order, from one `git cat-file --batch` process.
fn cat_blobs(root: &Path, ids: &[String]) -> Result<Vec<Vec<u8>>, Unavailable> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git(root)
        .args(["cat-file", "--batch", "--buffer"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Unavailable::Git(format!("cannot run git cat-file: {e}")))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
    // Write from another thread: git answers while we ask, and both pipes have a limit.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let stdout = child.stdout.take().expect("piped stdout");
    let mut reader = BufReader::with_capacity(1 << 20, stdout);
    let mut texts = Vec::with_capacity(ids.len());
    let mut header = String::new();
    for id in ids {
        header.clear();
        let fail = |what: &str| Unavailable::Git(format!("git cat-file {what} for blob {id}"));
        reader
            .read_line(&mut header)
            .map_err(|_| fail("could not be read"))?;
        // "<id> blob <size>\n" or "<id> missing\n"
        let size: usize = match header.trim_end().rsplit_once(' ') {
            Some((_, size)) if !header.contains(" missing") => {
                size.parse().map_err(|_| fail("gave no size"))?
            }
            _ => {
                texts.push(Vec::new());
                continue;
            }
        };
        let mut bytes = vec![0; size + 1];
        reader
            .read_exact(&mut bytes)
            .map_err(|_| fail("ended early"))?;
        bytes.pop();
        texts.push(bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(texts)
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

    #[test]
    fn renames_continue_a_lineage_and_deletions_end_one() {
        let mut out = String::new();
        out.push_str("\u{1}c1 100\0");
        out.push_str(&raw("A", "b1", &["a/one.md"]));
        out.push_str(&raw("A", "b9", &["a/gone.md"]));
        out.push_str(&raw("A", "bx", &["a/notes.txt"]));
        out.push_str("\u{1}c2 200\0");
        out.push_str(&raw("R100", "b1", &["a/one.md", "b/two.md"]));
        out.push_str(&raw("D", "b9", &["a/gone.md"]));
        out.push_str("\u{1}c3 300\0");
        out.push_str(&raw("M", "b2", &["b/two.md"]));
        let log = parse_log(out.as_bytes());
        assert_eq!(log.commits.len(), 3);
        assert_eq!(log.commits[2].time, 300);
        assert_eq!(log.blob_ids, ["b1", "b9", "b2"]);
        let two = log.files.iter().find(|f| f.path == "b/two.md").unwrap();
        assert!(two.exists);
        let states: Vec<(usize, &str, usize)> = two
            .revisions
            .iter()
            .map(|r| (r.commit, r.path.as_str(), r.blob))
            .collect();
        assert_eq!(states, [(0, "a/one.md", 0), (1, "b/two.md", 0), (2, "b/two.md", 2)]);
        let gone = log.files.iter().find(|f| f.path == "a/gone.md").unwrap();
        assert!(!gone.exists);
        assert_eq!(log.files.len(), 2, "the .txt file is not followed");
    }
}
