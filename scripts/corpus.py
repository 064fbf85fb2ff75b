#!/usr/bin/env python3
"""Deterministic benchmark corpus: N realistic documents across the 14 spinal networks.

Writes a pathways content tree (site.yaml, glossary.yaml, 14 networks, national documents) and,
with --hugo, the same Markdown as a Hugo site with equivalent minimal templates (title, the
front-matter fields, the body). Bodies are about 6 KB: headings, paragraphs, lists, a table, a
red-flag callout and links to other documents with anchors that exist.

    scripts/corpus.py --docs 10000 --out /tmp/corpus            # /tmp/corpus/content
    scripts/corpus.py --docs 10000 --out /tmp/corpus --hugo     # and /tmp/corpus/hugo
    scripts/corpus.py --docs 10000 --out /tmp/charts --flowchart-every 10

With --flowchart-every N, every N-th document also has a 12-step flowchart (three decisions,
a merge, urgent and end steps) after its first section; everything else is byte for byte the
same as without it, so the two corpora differ only by the charts.

    scripts/corpus.py --docs 10000 --out /tmp/corpus --indicators 40   # and indicator figures

--indicators N adds indicators.yaml with N indicators (percentages with numerators and
denominators, days, hours and counts in turn) and every network's figures for eight quarters
(scripts/example_indicators.py).

    scripts/corpus.py --docs 10000 --out /tmp/adapted --adapt-every 5   # with adaptations

--adapt-every N makes every N-th network document a local adaptation of a national document of
its kind (`adapts:` its id), with the national text changed in three places (a time standard,
a sentence, an added section), for the variation pages and their cost. The same --docs and
--seed always give the same bytes.

    scripts/corpus.py --docs 10000 --out /tmp/defects --seed 7 --defects

--defects writes a second variant for benchmarks: another vocabulary that uses abbreviations
glossary.yaml does not explain, one document in five overdue for review and half the leaflets
missing two of their sections, so a build reports about six warnings a document.
Other scripts import `write_corpus`.
"""

import argparse
import os
import random
import shutil

NETWORKS = [
    ("north-east-north-cumbria", "North East and North Cumbria", "North East and Yorkshire"),
    ("yorkshire-humber", "Yorkshire and Humber", "North East and Yorkshire"),
    ("north-west", "North West", "North West"),
    ("east-midlands", "East Midlands", "Midlands"),
    ("west-midlands", "West Midlands", "Midlands"),
    ("east-of-england", "East of England", "East of England"),
    ("north-east-london", "North East London", "London"),
    ("north-west-london", "North West London", "London"),
    ("selk", "South East London and Kent", "London with South East"),
    ("swlss", "South West London, Surrey and Sussex", "London with South East"),
    ("thames-valley", "Thames Valley", "South East"),
    ("wessex", "Wessex", "South East"),
    ("severn", "Severn", "South West"),
    ("peninsula", "Peninsula", "South West"),
]
CONDITIONS = [
    ("cauda-equina-syndrome", "Cauda equina syndrome", "CES"),
    ("metastatic-spinal-cord-compression", "Metastatic spinal cord compression", "MSCC"),
    ("spinal-cord-injury", "Spinal cord injury", "SCI"),
    ("radicular-pain", "Radicular pain", "RP"),
    ("spinal-infection", "Spinal infection", "SPI"),
]
KINDS = ["pathway", "sop", "transfer-policy", "repatriation-policy", "transition-protocol",
         "leaflet", "mdt-proforma", "standard"]
FOLDERS = {"pathway": "pathways", "sop": "sops", "transfer-policy": "policies",
           "repatriation-policy": "policies", "transition-protocol": "protocols",
           "leaflet": "leaflets", "mdt-proforma": "proformas", "standard": "standards"}
TOPICS = ["referral", "imaging", "transfer", "repatriation", "assessment", "escalation",
          "follow-up", "rehabilitation", "triage", "consent"]
WORDS = ("patient referral spinal hub imaging urgent review team clinical night weekend transfer "
         "surgeon nurse assessment pain weakness bladder bowel numbness scan report decision "
         "pathway network local district hospital emergency department advice the a of to and "
         "within hours after before with every each should must may is are on call record").split()
# The vocabulary of the --defects variant: other words, and capitalised abbreviations that
# glossary.yaml does not explain (each an `unknown-abbreviation` warning where it first appears).
DEFECT_WORDS = ("clinician admission theatre ward consultant registrar radiology neurology oncology "
                "outpatient inpatient discharge handover escalate confirm document arrange contact "
                "symptoms deficit compression fracture infection tumour injury cord nerve root "
                "SDEC ICB EDI CTA SBAR TTO for with by at in as be not the a of to and").split()
SECTIONS = ["Purpose", "Scope", "Responsibilities", "Steps and timings", "Escalation", "Audit measures"]
LEAFLET = ["What it is", "Why it is offered", "What happens", "Benefits", "Risks",
           "Alternatives, including no treatment", "Recovery and timescales",
           "When to get help urgently", "Contacts", "The British Spine Registry"]


VOCABULARY = WORDS


def words(rng, n):
    return " ".join(rng.choice(VOCABULARY) for _ in range(n))


def sentence(rng, n):
    text = words(rng, n)
    if VOCABULARY is WORDS:
        return text.capitalize() + "."
    # capitalize() would lower-case the abbreviations of the --defects vocabulary.
    return text[:1].upper() + text[1:] + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def plan(docs, seed):
    """(scope, folder, slug, kind, title, condition) for each document, deterministic."""
    rng = random.Random(seed)
    out = []
    for i in range(docs):
        kind = KINDS[i % len(KINDS)]
        scope = "national" if i % 10 == 0 else NETWORKS[i % len(NETWORKS)][0]
        topic = TOPICS[(i // len(KINDS)) % len(TOPICS)]
        cond = CONDITIONS[i % len(CONDITIONS)]
        slug = f"{cond[0]}-{topic}-{i}"
        title = f"{cond[1]}: {topic} {kind.replace('-', ' ')} {i}"
        out.append((scope, FOLDERS[kind], slug, kind, title, cond[0]))
    rng.shuffle(out)
    return out


def relative(from_scope, from_folder, to_scope, to_folder, slug):
    """Relative link from one document to another, as authors write them."""
    def depth(scope):
        return 2 if scope == "national" else 3  # national/<folder>/ or networks/<id>/<folder>/
    up = "../" * depth(from_scope)
    target = f"national/{to_folder}" if to_scope == "national" else f"networks/{to_scope}/{to_folder}"
    return f"{up}{target}/{slug}.md"


def body(rng, me, everyone, defects=False):
    parts = [paragraph(rng, 3) + "\n"]
    sections = LEAFLET if me[3] == "leaflet" else SECTIONS
    if defects and me[3] == "leaflet" and rng.random() < 0.5:
        # A leaflet missing two of its standard sections (each a warning).
        sections = [h for h in sections if h not in ("Alternatives, including no treatment", "Contacts")]
    for s, heading in enumerate(sections):
        parts.append(f"\n## {heading}\n\n{paragraph(rng, 5 if me[3] != 'leaflet' else 3)}\n\n")
        parts.append("".join(f"- {sentence(rng, 10)}\n" for _ in range(4)))
        if s == 1:
            other = everyone[rng.randrange(len(everyone))]
            link = relative(me[0], me[1], other[0], other[1], other[2])
            anchor = "what-it-is" if other[3] == "leaflet" else "purpose"
            parts.append(f"\nSee also [{other[4]}]({link}#{anchor}).\n")
        if s == 3:
            parts.append("\n| Step | Who | Within |\n|---|---|---|\n")
            parts.append("".join(f"| {n} | {words(rng, 3)} | {rng.choice([1, 4, 12, 24])} hours |\n"
                                 for n in range(1, 6)))
            parts.append(f"\n> [!CAUTION]\n> {sentence(rng, 14)}\n")
        if s == 4 and me[3] != "leaflet":
            parts.append(f"\n### Out of hours\n\n{paragraph(rng, 3)}\n")
    return "".join(parts)


def flowchart(i):
    """A 12-step flowchart block, its words varied by the document's number."""
    rng = random.Random(i)
    t = lambda n: words(rng, n).capitalize()  # noqa: E731
    steps = [
        ("start", "start", t(6), "next: assess"),
        ("assess", "action", t(8), "next: red-flag"),
        ("red-flag", "decision", t(4) + "?", "branches:\n      - { label: \"Yes\", to: call-hub }\n      - { label: \"No\", to: scan-needed }"),
        ("call-hub", "urgent", t(7), "next: transfer"),
        ("transfer", "action", t(8), "next: surgery"),
        ("scan-needed", "decision", t(4) + "?", "branches:\n      - { label: \"Yes\", to: scan }\n      - { label: \"No\", to: advice }"),
        ("scan", "urgent", t(9), "next: result"),
        ("result", "decision", t(3) + "?", "branches:\n      - { label: \"Positive\", to: call-hub }\n      - { label: \"Negative\", to: follow-up }\n      - { label: \"Unclear\", to: review }"),
        ("review", "action", t(6), "next: follow-up"),
        ("follow-up", "end", t(7), None),
        ("advice", "end", t(8), None),
        ("surgery", "end", t(6), None),
    ]
    out = [f"```flowchart\ntitle: {t(4)}\nsteps:\n"]
    for sid, kind, text, way in steps:
        out.append(f"  - id: {sid}\n    kind: {kind}\n    text: {text}\n")
        if way:
            out.append(f"    {way}\n")
    out.append("```\n")
    return "".join(out)


def with_flowchart(text, i):
    """`text` with a flowchart after its first section's opening paragraph."""
    at = text.index("\n\n", text.index("\n## ") + 4) + 2
    at = text.index("\n\n", at) + 2
    return text[:at] + flowchart(i) + "\n" + text[at:]


def front_matter(doc, i, defects=False):
    scope, _, _, kind, title, cond = doc
    # --defects: one document in five is overdue for review.
    overdue = defects and i % 5 == 0
    approved, review = ("2023-06-30", "2025-06-30") if overdue else ("2026-01-15", "2028-01-15")
    lines = [
        "---",
        f'title: "{title}"',
        f"kind: {kind}",
        f'summary: "How {title.lower()} works in the network."',
        'version: "1.0"',
        "status: approved",
        f"approved: {approved}",
        "approved_by: Network Board",
        f"review: {review}",
        "owner: Network clinical lead",
        f"conditions: [{cond}]",
    ]
    return "\n".join(lines) + "\n---\n"


def adaptations(everyone, bodies, every):
    """Every `every`-th network document becomes a local adaptation of a national document of
    its kind: `adapts: national/<slug>` (the national document's id), and the national body
    with a local change in three sections — a time standard, a sentence of local arrangements
    and an added section — its links rewritten for the deeper folder. No network adapts one
    national document twice. Returns {index: (national id, body)}."""
    national = {}
    for j, d in enumerate(everyone):
        if d[0] == "national":
            national.setdefault(d[3], []).append(j)
    taken = set()
    out = {}
    count = 0
    for i, d in enumerate(everyone):
        if d[0] == "national" or i % every != 0 or not national.get(d[3]):
            continue
        choices = national[d[3]]
        for k in range(len(choices)):
            j = choices[(count + k) % len(choices)]
            if (d[0], j) not in taken:
                break
        else:
            continue
        taken.add((d[0], j))
        count += 1
        text = bodies[j].replace("](../../", "](../../../")
        # A time standard changed where the national table says "4 hours", a local sentence
        # in the first section, and a section of the network's own.
        text = text.replace("| 4 hours |", "| 6 hours |", 1)
        first = text.find("\n## ")
        para_end = text.find("\n\n", text.find("\n\n", first + 1) + 2)
        if first != -1 and para_end != -1:
            text = (text[:para_end] + f" In {d[0]} the hub team takes these calls." + text[para_end:])
        text += f"\n## Local arrangements\n\nThe {d[0]} network's hub is the first call, day and night.\n"
        out[i] = (f"national/{everyone[j][2]}", text)
    return out


def write_corpus(docs, out, seed=1, hugo=False, flowchart_every=0, indicators=0, adapt_every=0,
                 defects=False):
    global VOCABULARY
    VOCABULARY = DEFECT_WORDS if defects else WORDS
    everyone = plan(docs, seed)
    rng = random.Random(seed + 1)
    bodies = [body(rng, d, everyone, defects) for d in everyone]
    adapted = adaptations(everyone, bodies, adapt_every) if adapt_every else {}
    content = os.path.join(out, "content")
    shutil.rmtree(content, ignore_errors=True)
    os.makedirs(content)
    with open(os.path.join(content, "site.yaml"), "w") as f:
        f.write("title: Benchmark Spinal Networks\nbase_url: https://bench.example.org/\nlanguage: en-GB\n")
    with open(os.path.join(content, "glossary.yaml"), "w") as f:
        f.write("conditions:\n")
        for cid, name, abbr in CONDITIONS:
            f.write(f"  - id: {cid}\n    name: {name}\n    abbreviations: [{abbr}]\n")
    for nid, name, region in NETWORKS:
        os.makedirs(os.path.join(content, "networks", nid))
        with open(os.path.join(content, "networks", nid, "network.yaml"), "w") as f:
            f.write(f"name: {name}\nregion: {region}\nhubs:\n  - name: {name} hub\n"
                    f"    emergency_contact: Spinal on-call via switchboard\n")
    for i, (doc, text) in enumerate(zip(everyone, bodies)):
        scope, folder, slug = doc[0], doc[1], doc[2]
        base = os.path.join(content, "national") if scope == "national" else os.path.join(content, "networks", scope)
        os.makedirs(os.path.join(base, folder), exist_ok=True)
        fm = front_matter(doc, i, defects)
        if i in adapted:
            national_id, text = adapted[i]
            fm = fm.replace("\n---\n", f"\nadapts: {national_id}\n---\n")
        if flowchart_every and i % flowchart_every == 0:
            text = with_flowchart(text, i)
        with open(os.path.join(base, folder, slug + ".md"), "w") as f:
            f.write(fm + "\n" + text)
    if indicators:
        write_indicators(content, indicators, seed)
    if hugo:
        write_hugo(out, everyone, bodies, defects)


def write_indicators(content, count, seed):
    """indicators.yaml with `count` indicators and every network's figures for them."""
    import example_indicators

    units = ["percent", "days", "hours", "count"]
    defs = []
    with open(os.path.join(content, "indicators.yaml"), "w") as f:
        f.write("indicators:\n")
        for i in range(count):
            unit = units[i % len(units)]
            iid = f"bench-indicator-{i + 1}"
            defs.append((iid, unit, "quarterly"))
            f.write(f"  - id: {iid}\n    name: Benchmark indicator {i + 1}\n"
                    f"    section: Section {i // 10 + 1}\n    unit: {unit}\n"
                    f"    direction: {'higher' if i % 2 == 0 else 'lower'}\n"
                    + ("    standard: 90\n" if unit == "percent" else "")
                    + "    source: [local-audit]\n")
    example_indicators.write_figures(content, seed, defs)


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title>
<link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
<dl><dt>Version</dt><dd>{{ .Params.version }}</dd><dt>Status</dt><dd>{{ .Params.status }}</dd>
<dt>Approved</dt><dd>{{ .Params.approved }}</dd><dt>Approved by</dt><dd>{{ .Params.approved_by }}</dd>
<dt>Review</dt><dd>{{ .Params.review }}</dd><dt>Owner</dt><dd>{{ .Params.owner }}</dd></dl>
{{ .TableOfContents }}{{ .Content }}</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
"""


def write_hugo(out, everyone, bodies, defects=False):
    site = os.path.join(out, "hugo")
    shutil.rmtree(site, ignore_errors=True)
    os.makedirs(os.path.join(site, "layouts", "_default"))
    with open(os.path.join(site, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://bench.example.org/"\ntitle = "Benchmark Spinal Networks"\n'
                'languageCode = "en-GB"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
                '[minify]\n  minifyOutput = true\n[markup.goldmark.renderer]\n  unsafe = false\n')
    for name, text in [("baseof.html", HUGO_BASEOF), ("single.html", HUGO_SINGLE), ("list.html", HUGO_LIST)]:
        with open(os.path.join(site, "layouts", "_default", name), "w") as f:
            f.write(text)
    for i, (doc, text) in enumerate(zip(everyone, bodies)):
        scope, slug = doc[0], doc[2]
        folder = os.path.join(site, "content", scope)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, slug + ".md"), "w") as f:
            f.write(front_matter(doc, i, defects) + "\n" + text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hugo", action="store_true", help="also write the same Markdown as a Hugo site")
    ap.add_argument("--flowchart-every", type=int, default=0, metavar="N",
                    help="give every N-th document a 12-step flowchart")
    ap.add_argument("--indicators", type=int, default=0, metavar="N",
                    help="also write N indicators and every network's figures for eight quarters")
    ap.add_argument("--adapt-every", type=int, default=0, metavar="N",
                    help="make every N-th network document a local adaptation of a national one")
    ap.add_argument("--defects", action="store_true",
                    help="another vocabulary with unexplained abbreviations, overdue reviews and "
                         "leaflets missing sections: about six warnings a document")
    args = ap.parse_args()
    write_corpus(args.docs, args.out, args.seed, args.hugo, args.flowchart_every, args.indicators,
                 args.adapt_every, args.defects)


if __name__ == "__main__":
    main()
