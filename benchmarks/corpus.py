"""A synthetic, clearly fictional corpus in the real content format, sized by output pages.

Everything here is invented (the municipality is "Exempelstad", code 9999): it exists only to
measure the generator at the scale of a national site. It is written under benchmarks/_work/,
which git ignores, and never into content/.

Shape (seeded, so the same arguments give the same bytes): FOCUS_PER_PROMISE focus areas per
promise, 2-4 commitments per focus area, 0-3 follow-ups per commitment (none: not yet assessed),
each follow-up with a Markdown summary and some with actions and evidence; longer Markdown
(paragraphs, emphasis, a list, a link) in introductions, descriptions and backgrounds. That is
about 1.6 KB of YAML per output page. The number of promises is chosen so that the site has about
the requested number of HTML files, counting the tracker's filter pages as the generator plans them.

    python benchmarks/corpus.py DIR [PAGES]     writes DIR/content and prints its shape
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

STATUSES = ["in_progress", "ongoing", "done", "delayed", "partly_done", "not_done"]
NEEDS_REASON = {"delayed", "partly_done", "not_done"}
ORGS = ["polisen", "kommunen", "skolan", "socialtjansten", "fritid", "raddningstjansten"]
WORDS_SV = ("trygghet samverkan skola polis kommun ungdomar trafik belysning centrum park "
            "föräldrar nattvandring insats uppföljning brott förebyggande lägesbild åtgärd "
            "kvarter cykel hastighet medborgare dialog fritidsgård skolgård").split()
WORDS_EN = ("safety cooperation school police municipality young people traffic lighting centre "
            "park parents night walk effort follow-up crime preventive situation measure block "
            "bicycle speed citizens dialogue youth centre schoolyard").split()
FOCUS_PER_PROMISE = 6
COMMITMENTS_PER_AREA = (2, 4)      # inclusive range
FOLLOW_UPS_PER_COMMITMENT = (0, 3)  # inclusive range; none: "not yet assessed"
ALL_STATUSES = ["not_assessed", *STATUSES]  # generator/model.py STATUSES
LANGUAGES = ("sv", "en")

# Output pages per language, as generator/render/pages.py plans them:
#   fixed: home, data, about, contact, accessibility, 404, the organisations index and one page
#          per organisation;
#   per promise: its page; per focus area: its page;
#   the tracker: the whole list and one list per year (promise), focus area, organisation and
#          status, each split into pages of TRACKER_PAGE_SIZE commitments (when the generator
#          paginates) and at least one page even when empty.
FIXED_PAGES_PER_LANGUAGE = 6 + 1 + len(ORGS)


def tracker_page_size() -> int | None:
    """The generator's tracker page size, or None when it does not split its lists."""
    import sys

    repo = str(Path(__file__).resolve().parent.parent)
    if repo not in sys.path:
        sys.path.insert(0, repo)
    try:
        from generator.render import pages
    except Exception:  # noqa: BLE001 - an estimate only; the benchmark counts the real pages
        return None
    return getattr(pages, "TRACKER_PAGE_SIZE", None)


def _list_pages(rows: int, size: int | None) -> int:
    return max(1, -(-rows // size)) if size else 1


def _expected_pages(promises: list[list[int]], per_org: dict[str, int],
                    per_status: dict[str, int], size: int | None) -> int:
    """promises: the number of commitments of each focus area, per promise."""
    per_language = FIXED_PAGES_PER_LANGUAGE + _list_pages(sum(map(sum, promises)), size)
    for areas in promises:
        per_language += 1 + len(areas) + _list_pages(sum(areas), size)
        per_language += sum(_list_pages(n, size) for n in areas)
    per_language += sum(_list_pages(per_org.get(org, 0), size) for org in ORGS)
    per_language += sum(_list_pages(per_status.get(s, 0), size) for s in ALL_STATUSES)
    return len(LANGUAGES) * per_language


def pages_for(promises: int, size: int | None = None) -> int:
    """HTML files the generator writes for a number of average promises, both languages."""
    mean = sum(COMMITMENTS_PER_AREA) / 2
    areas = [round(mean)] * FOCUS_PER_PROMISE
    total = promises * FOCUS_PER_PROMISE * mean
    per_org = {org: round(total * 2 / len(ORGS)) for org in ORGS}  # two responsible each
    per_status = {s: round(total / len(ALL_STATUSES)) for s in ALL_STATUSES}
    return _expected_pages([areas] * promises, per_org, per_status, size)


def promises_for(pages: int, size: int | None = None) -> int:
    """The number of promises whose site comes closest to `pages` HTML files (at least one)."""
    low, high = 1, 1
    while pages_for(high, size) < pages:
        low, high = high, high * 2
    while low < high:  # the smallest count reaching `pages`, then the nearer of it and one less
        mid = (low + high) // 2
        low, high = (mid + 1, high) if pages_for(mid, size) < pages else (low, mid)
    if low > 1 and pages - pages_for(low - 1, size) < pages_for(low, size) - pages:
        return low - 1
    return low


@dataclass
class Document:
    """One page's worth of Markdown, as it appears in the corpus (for the Hugo comparison)."""

    section: str
    name: str
    title: str
    body: str


@dataclass
class Shape:
    content: Path
    promises: int = 0
    focus_areas: int = 0
    commitments: int = 0
    follow_ups: int = 0
    yaml_bytes: int = 0
    expected_pages: int = 0
    areas: list[list[int]] = field(default_factory=list)  # commitments per focus area per promise
    per_org: dict[str, int] = field(default_factory=dict)
    per_status: dict[str, int] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    chosen = [rng.choice(words) for _ in range(n)]
    return " ".join(chosen).capitalize() + "."


def _markdown(rng: random.Random, words: list[str], link: str) -> str:
    """A few paragraphs with emphasis, a list and a link: what editors write in longer texts."""
    parts = [_sentence(rng, words, 12) + " **" + rng.choice(words) + "** " + _sentence(rng, words, 8),
             "\n".join(f"- {_sentence(rng, words, 5)}" for _ in range(rng.randint(2, 3))),
             f"[{link}](https://example.org/{rng.choice(words)}) *{rng.choice(words)}*. "
             + _sentence(rng, words, 9)]
    return "\n\n".join(parts)


def _short(rng: random.Random, words: list[str]) -> str:
    """One or two sentences, sometimes with emphasis: commitments and follow-up summaries."""
    text = _sentence(rng, words, rng.randint(10, 16))
    if rng.random() < 0.5:
        text += f" **{rng.choice(words)}** " + _sentence(rng, words, rng.randint(4, 8))
    return text


def _block(key: str, sv: str, en: str, indent: str) -> list[str]:
    inner = indent + "    "
    out = [f"{indent}{key}:", f"{indent}  sv: |-"]
    out += [inner + line if line else "" for line in sv.split("\n")]
    out.append(f"{indent}  en: |-")
    out += [inner + line if line else "" for line in en.split("\n")]
    return out


def _loc(key: str, sv: str, en: str, indent: str) -> list[str]:
    return [f"{indent}{key}:", f"{indent}  sv: {_q(sv)}", f"{indent}  en: {_q(en)}"]


class _Texts:
    """Localized texts drawn once and used both in the YAML and in the Hugo documents."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, n: int) -> tuple[str, str]:
        return _sentence(self.rng, WORDS_SV, n), _sentence(self.rng, WORDS_EN, n)

    def markdown(self) -> tuple[str, str]:
        return (_markdown(self.rng, WORDS_SV, "Läs mer på exempelsidan"),
                _markdown(self.rng, WORDS_EN, "Read more on the example page"))

    def short(self) -> tuple[str, str]:
        return _short(self.rng, WORDS_SV), _short(self.rng, WORDS_EN)


def _site_files(content: Path) -> None:
    (content / "site.yaml").write_text(
        "# Fiktiv webbplats för prestandamätning / fictional site for benchmarking.\n"
        "title:\n  sv: Medborgarlöften i Exempelstad (fiktiv)\n"
        "  en: Citizen promises in Exempelstad (fictional)\n"
        "base_url: https://example.org/medborgarloften/\n"
        "default_language: sv\nlanguages: [sv, en]\n"
        "municipality:\n  name:\n    sv: Exempelstads kommun\n    en: Exempelstad Municipality\n"
        "  organisation_number: 000000-0000\n  municipality_code: \"9999\"\n"
        "police_area:\n  sv: Lokalpolisområde Exempel\n  en: Exempel local police area\n"
        "contact:\n  phone: 000-00 00 00\n  email: info@example.org\n",
        encoding="utf-8")
    orgs = ["organisations:"]
    for org in ORGS:
        kind = "police" if org == "polisen" else ("municipality" if org == "kommunen"
                                                 else "municipal_service")
        orgs += [f"  - id: {org}", "    name:", f"      sv: {org.capitalize()} (fiktiv)",
                 f"      en: {org.capitalize()} (fictional)", f"    kind: {kind}"]
    (content / "organisations.yaml").write_text("\n".join(orgs) + "\n", encoding="utf-8")


def _promise(t: _Texts, pid: str, year: int, shape: Shape) -> list[str]:
    rng = t.rng
    headline, intro, meetings, statement = t.sentence(8), t.markdown(), t.markdown(), t.markdown()
    lines = [f"# Fiktivt löfte {pid}.", f"id: {_q(pid)}",
             *_loc("title", f"Medborgarlöften {pid}", f"Citizen promises {pid}", ""),
             f"start_year: {year}", f"end_year: {year + rng.randint(0, 1)}",
             f"signed_date: {year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
             "follow_up_interval: tertial",
             *_loc("headline", *headline, ""),
             *_block("introduction", *intro, ""),
             *_block("situation_meetings", *meetings, ""),
             "aims:"]
    for _ in range(3):
        sv, en = t.sentence(7)
        lines += [f"  - sv: {_q(sv)}", f"    en: {_q(en)}"]
    lines += ["signatories:", f"  - id: {pid}-a", "    name: Anna Exempel (fiktiv)",
              *_loc("role", "kommundirektör", "Municipal Chief Executive", "    "),
              "    organisation: kommunen", f"  - id: {pid}-b", "    name: Bo Exempel (fiktiv)",
              *_loc("role", "lokalpolisområdeschef", "Head of the local police area", "    "),
              "    organisation: polisen",
              "statements:", f"  - signatory: {pid}-a",
              *_block("text", *statement, "    ")]
    for i, lang in enumerate(LANGUAGES):
        title = f"Medborgarlöften {pid}" if lang == "sv" else f"Citizen promises {pid}"
        body = "\n\n".join([headline[i], intro[i], "## " + ("Lägesbild" if lang == "sv" else
                                                            "Situation meetings"),
                            meetings[i], statement[i]])
        shape.documents.append(Document(pid, f"{lang}-promise", title, body))
    return lines


def _focus_area(t: _Texts, pid: str, year: int, number: int, shape: Shape) -> list[str]:
    rng = t.rng
    aid = f"{pid}-omrade{number}"
    title = (f"Område {number}: {rng.choice(WORDS_SV)}", f"Area {number}: {rng.choice(WORDS_EN)}")
    goal, description, background = t.sentence(12), t.markdown(), t.markdown()
    lines = [f"id: {aid}", *_loc("title", *title, ""), *_loc("goal", *goal, ""),
             *_block("description", *description, ""),
             *_block("background", *background, ""),
             "commitments:"]
    docs = [[goal[i], description[i], background[i]] for i in range(len(LANGUAGES))]
    for c in range(rng.randint(*COMMITMENTS_PER_AREA)):
        cid = f"{aid}-{c + 1}"
        text, indicator = t.short(), t.sentence(6)
        responsible = rng.sample(ORGS, 2)
        for org in responsible:
            shape.per_org[org] = shape.per_org.get(org, 0) + 1
        lines += [f"  - id: {cid}",
                  *_block("text", *text, "    "),
                  f"    responsible: [{', '.join(responsible)}]",
                  "    target:", f"      value: \"{rng.randint(1, 50)}\"",
                  *_loc("unit", "tillfällen", "occasions", "      "),
                  *_loc("indicator", *indicator, "    "),
                  "    follow_ups:"]
        for i in range(len(LANGUAGES)):
            docs[i] += [f"### {cid}", text[i]]
        shape.commitments += 1
        shape.areas[-1][-1] += 1
        status = "not_assessed"
        for f in range(rng.randint(*FOLLOW_UPS_PER_COMMITMENT)):
            status = rng.choice(STATUSES)
            summary = t.short()
            lines += [f"      - id: {cid}-u{f + 1}", f"        date: {year}-0{3 * f + 3}-30",
                      "        period_type: tertial", f"        period: {year}-T{f + 1}",
                      f"        status: {status}", f"        actual: \"{rng.randint(0, 60)}\""]
            if status in NEEDS_REASON:
                lines += _loc("reason", *t.sentence(8), "        ")
            lines += _block("summary", *summary, "        ")
            if rng.random() < 0.5:
                lines += ["        actions:", f"          - date: {year}-0{3 * f + 2}-15",
                          f"            count: \"{rng.randint(1, 9)}\"",
                          *_loc("description", *t.sentence(6), "            ")]
            if rng.random() < 0.3:
                lines += ["        evidence:",
                          f"          - url: https://example.org/rapport/{cid}-u{f + 1}",
                          *_loc("title", "Rapport (fiktiv)", "Report (fictional)", "            ")]
            for i in range(len(LANGUAGES)):
                docs[i].append(summary[i])
            shape.follow_ups += 1
        shape.per_status[status] = shape.per_status.get(status, 0) + 1  # the latest follow-up's
    for i, lang in enumerate(LANGUAGES):
        shape.documents.append(Document(pid, f"{lang}-omrade{number}", title[i],
                                        "\n\n".join(docs[i])))
    shape.focus_areas += 1
    return lines


def build_corpus(root: Path, pages: int = 10_000, seed: int = 1) -> Shape:
    """Write the corpus into root/content; returns its shape and its Markdown documents."""
    size = tracker_page_size()
    rng = random.Random(seed)
    t = _Texts(rng)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    shape = Shape(content)
    _site_files(content)
    for p in range(promises_for(pages, size)):
        year = 2000 + p % 100
        pid = f"p{p:04d}-{year}"
        folder = content / pid
        folder.mkdir(exist_ok=True)
        (folder / "promise.yaml").write_text("\n".join(_promise(t, pid, year, shape)) + "\n",
                                             encoding="utf-8")
        shape.areas.append([])
        for a in range(FOCUS_PER_PROMISE):
            shape.areas[-1].append(0)
            lines = _focus_area(t, pid, year, a + 1, shape)
            (folder / f"{a + 1:02d}-omrade.yaml").write_text("\n".join(lines) + "\n",
                                                               encoding="utf-8")
        shape.promises += 1
    shape.yaml_bytes = sum(f.stat().st_size for f in content.rglob("*.yaml"))
    shape.expected_pages = _expected_pages(shape.areas, shape.per_org, shape.per_status, size)
    return shape


def write_corpus(root: Path, pages: int = 10_000, seed: int = 1) -> Path:
    """Write the corpus into root/content; returns that folder."""
    return build_corpus(root, pages, seed).content


if __name__ == "__main__":
    import sys

    made = build_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    print(made.content)
    print(f"{made.promises} promises, {made.focus_areas} focus areas, {made.commitments} "
          f"commitments, {made.follow_ups} follow-ups, {made.yaml_bytes / 1e6:.1f} MB YAML, "
          f"{made.expected_pages} pages expected")
