//! `pathways init DIR`: a new content repository a network team can start from. It holds a
//! `content/` folder with site settings, a glossary, one network and one approved document of
//! every kind (with the standard sections of its kind, from [`crate::kind::sections`]),
//! a `.gitignore` for the output folder and a CODEOWNERS example giving each network team its
//! own folder. It builds and passes `check` as written, so a team sees a working site first
//! and then replaces the examples.

use crate::content::Kind;
use crate::kind::sections;
use jiff::civil::Date;
use jiff::ToSpan;
use std::io;
use std::path::{Path, PathBuf};

/// The example network's id (its folder name).
pub const NETWORK: &str = "my-network";

/// Why `pathways init` could not write the starter repository.
#[derive(Debug)]
pub enum InitError {
    /// The folder exists but cannot be listed.
    Read { dir: PathBuf, source: io::Error },
    /// The folder exists and holds something.
    NotEmpty { dir: PathBuf },
    /// A folder or file could not be created.
    Create { path: PathBuf, source: io::Error },
    /// A created file could not be written.
    Write { path: PathBuf, source: io::Error },
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::Read { dir, source } => {
                write!(f, "cannot read {}: {source}", dir.display())
            }
            InitError::NotEmpty { dir } => write!(
                f,
                "{} already exists and is not empty; choose a new folder",
                dir.display()
            ),
            InitError::Create { path, source } => {
                write!(f, "cannot create {}: {source}", path.display())
            }
            InitError::Write { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for InitError {}

/// Writes the starter repository into `dir`, which must be missing or empty. Returns the
/// files written, relative to `dir`.
pub fn create(dir: &Path, today: Date) -> Result<Vec<String>, InitError> {
    if dir.exists() {
        let empty = dir
            .read_dir()
            .map_err(|source| InitError::Read {
                dir: dir.to_owned(),
                source,
            })?
            .next()
            .is_none();
        if !empty {
            return Err(InitError::NotEmpty {
                dir: dir.to_owned(),
            });
        }
    }
    let files = files(today);
    for (rel, text) in &files {
        write_new(&dir.join(rel), text)?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

fn write_new(path: &Path, text: &str) -> Result<(), InitError> {
    let create = |path: &Path, source| InitError::Create {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| create(parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| create(path, e))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|source| InitError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Every file of the starter repository, as (path relative to the repository, text).
pub fn files(today: Date) -> Vec<(String, String)> {
    let mut out = vec![
        ("README.md".to_owned(), README.to_owned()),
        (".gitignore".to_owned(), GITIGNORE.to_owned()),
        (
            "CODEOWNERS".to_owned(),
            CODEOWNERS.replace("{net}", NETWORK),
        ),
        (
            "content/site.yaml".to_owned(),
            SITE.replace("{today}", &today.to_string()),
        ),
        ("content/glossary.yaml".to_owned(), GLOSSARY.to_owned()),
        (
            format!("content/networks/{NETWORK}/network.yaml"),
            NETWORK_YAML.to_owned(),
        ),
    ];
    for kind in Kind::ALL {
        out.push((document_path(kind), document(kind, today)));
    }
    out
}

/// Where the example of `kind` goes: the standard is national, the rest belong to the network.
fn document_path(kind: Kind) -> String {
    let scope = if kind == Kind::Standard {
        "national".to_owned()
    } else {
        format!("networks/{NETWORK}")
    };
    format!("content/{scope}/{}/example-{}.md", kind.folder(), kind.id())
}

fn document(kind: Kind, today: Date) -> String {
    let review = today.saturating_add(1.year());
    let leaflet = kind == Kind::Leaflet;
    let (audience, owner, board) = match kind {
        Kind::Standard => (
            "clinicians",
            "National spinal services clinical lead",
            "National Spinal Services Board",
        ),
        _ if leaflet => (
            "patients",
            "My Spinal Network patient information lead",
            "My Spinal Network Board",
        ),
        _ => (
            "clinicians",
            "My Spinal Network clinical lead",
            "My Spinal Network Board",
        ),
    };
    let mut text = format!(
        "---\n\
title: Example {label}\n\
kind: {kind}\n\
summary: An example {lower} to replace with your own; it shows the standard sections.\n\
version: \"1.0\"\n\
status: approved\n\
approved: {today}\n\
approved_by: {board}\n\
review: {review}\n\
owner: {owner}\n\
audience: {audience}\n\
conditions: [cauda-equina-syndrome]\n\
---\n\n\
This is an example. Replace each section with your network's text, then update `version`,\n\
`approved`, `review` and `changes` in the front matter when the board approves it.\n",
        label = kind.label(),
        lower = kind.label().to_lowercase(),
        kind = kind.id(),
    );
    if kind == Kind::Pathway {
        text.push_str(
            "\nIt follows the [example standard](../../../national/standards/example-standard.md#standard).\n",
        );
    }
    for section in sections(kind) {
        text.push_str(&format!(
            "\n## {section}\n\nWrite the {} here.\n",
            section.to_lowercase()
        ));
        if *section == "When to get help urgently" || *section == "Escalation" {
            text.push_str(
                "\n> [!CAUTION]\n> Say exactly what to do in an emergency, for example: call 999 or go to A&E now.\n",
            );
        }
    }
    text
}

const README: &str = "# Spinal network content

The pages of the spinal network website, written in Markdown and built with `pathways`.

```sh
pathways serve     # preview at http://127.0.0.1:1111/ while you edit; drafts included
pathways check     # every problem in every document, with file, line and column
pathways build     # the site, into public/
pathways new pathway my-pathway --network my-network   # start a new document
```

Each network team edits only its own folder under `content/networks/` (see CODEOWNERS).
";

const GITIGNORE: &str = "# The built site: `pathways build` writes it, nobody edits it.
/public/
# Beside it while a build writes (removed when the build ends, or by the next build if it
# was stopped): the new site, and for a moment the previous one.
/.public.new-*/
/.public.old-*/
";

const CODEOWNERS: &str =
    "# Who must approve changes to each folder (GitHub and GitLab read this file).
# Replace the team names with your organisation's; give every network its own line, so each
# network team owns its folder and the national team owns what all networks share.
*                                   @your-org/national-team
/content/national/                  @your-org/national-team
/content/site.yaml                  @your-org/national-team
/content/glossary.yaml              @your-org/national-team
/content/networks/{net}/            @your-org/{net}-team
";

const SITE: &str = "title: Spinal Services Clinical Networks
base_url: https://spinal-networks.example.org/   # where the site will be published
language: en-GB
# Every page says it is example content, not clinical guidance, until this is false.
example_content: true
# Where \"Report a problem with this page\" goes: mailto: an address, or a web form's address.
feedback: mailto:feedback@spinal-networks.example.org
# The accessibility statement at /accessibility/. Replace this example with your own (and
# remove `example: true`) before the site is published as more than an example.
accessibility:
  example: true
  compliance: partially-compliant
  contact:
    email: accessibility@spinal-networks.example.org
  known_issues:
    - what: An example of content that is not accessible, and to whom.
      criteria: 1.1.1 Non-text content
      plan: What will be done about it, and by when.
  last_tested: {today}
  how_tested: How the site was tested, with which tools, and by whom.
  prepared: {today}
";

const GLOSSARY: &str = "conditions:                       # the ids documents use in `conditions:`
  - id: cauda-equina-syndrome
    name: Cauda equina syndrome
    abbreviations: [CES]
    synonyms: [cauda equina compression]
terms:                            # other abbreviations, explained on pages and in search
  - term: MDT
    meaning: Multidisciplinary team meeting
  - term: A&E
    meaning: Accident and emergency department
";

const NETWORK_YAML: &str =
    "# The network's profile. The folder name (my-network) is the network's id and its web
# address: rename the folder to your network's short name, lowercase with `-`.
name: My Spinal Network
region: London
hubs:                             # one to three hub centres
  - name: Example Hub Hospital
    emergency_contact: Spinal on-call via switchboard 020 0000 0000
partners:
  - name: Example District Hospital
icbs: [Example ICB]
contact: spinal.network@example.org
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_document_of_each_kind_with_its_sections() {
        let today: Date = "2026-11-23".parse().unwrap();
        let files = files(today);
        for kind in Kind::ALL {
            let path = document_path(kind);
            let (_, text) = files.iter().find(|(p, _)| *p == path).expect(&path);
            assert!(text.contains(&format!("kind: {}\n", kind.id())), "{text}");
            assert!(text.contains("review: 2027-11-23"), "{text}");
            for s in sections(kind) {
                assert!(text.contains(&format!("## {s}\n")), "{path}: {s}");
            }
        }
    }

    #[test]
    fn refuses_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), "x").unwrap();
        let today: Date = "2026-11-23".parse().unwrap();
        let refusal = create(dir.path(), today).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            format!(
                "{} already exists and is not empty; choose a new folder",
                dir.path().display()
            )
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
