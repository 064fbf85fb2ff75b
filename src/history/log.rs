//! Reads `git log --first-parent --raw -z -M --relative` output, token by token as it streams,
//! into the commits of the published branch and the lineage of each Markdown file: renames
//! and moves continue a file's lineage, deletions end it, and each distinct blob is numbered
//! once so that its text is read once.

use super::{Commit, Lineage, Revision};
use std::collections::HashMap;

/// What `git log` says, oldest first.
#[derive(Debug, Default)]
pub(super) struct Log {
    pub(super) commits: Vec<Commit>,
    pub(super) files: Vec<Lineage>,
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
pub(super) struct Parser {
    /// Newest first, each with its changes in git's order.
    commits: Vec<(Commit, Vec<Change>)>,
    /// Distinct blob ids, in the order first seen; [`Revision::blob`] indexes this.
    pub(super) blob_ids: Vec<String>,
    blob_index: HashMap<String, usize>,
    pending: Option<Pending>,
}

fn is_md(path: &str) -> bool {
    path.ends_with(".md")
}

impl Parser {
    /// Takes one NUL-separated token; calls `new_blob` with each Markdown blob seen for the
    /// first time and its index, so it can be read while the log is still streaming.
    pub(super) fn token(&mut self, token: &str, mut new_blob: impl FnMut(usize, &str, &str)) {
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
    pub(super) fn finish(self) -> Log {
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
