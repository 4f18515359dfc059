"""Everything of the published 2021 page that belongs to the promises is in the built Swedish pages.

The seed (`fixtures/seed/kungsor-medborgarloften-2021.txt`) is the public page, verbatim. It is
parsed here, independently of `content/`, and each aim, focus-area goal and background, commitment
and signatory must appear in the visible text of the Swedish pages (whitespace normalised). The
content fixed two obvious typos of the page; they are corrected here, explicitly, and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES

SEED = FIXTURES / "seed" / "kungsor-medborgarloften-2021.txt"
# The only corrections the content makes to the published wording: (as published, as corrected).
TYPOS = [
    ("Samverkan fungera mycket bra", "Samverkan fungerar mycket bra"),
    ("fritid,säkerhetssamordnaren", "fritid, säkerhetssamordnaren"),
]
BULLET = "•"


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Area:
    goal: str
    background: str = ""
    commitments: list[str] = field(default_factory=list)


@dataclass
class Seed:
    paragraphs: list[str]   # every paragraph of the promise part, corrected
    signatories: list[str]  # the names in the photo caption
    aims: list[str]
    areas: list[Area]


def parse_seed(text: str) -> Seed:
    for published, corrected in TYPOS:
        assert text.count(published) == 1, f"the seed no longer contains the typo {published!r}"
        text = text.replace(published, corrected)
    lines = [line.strip() for line in text.splitlines()]
    start, end = lines.index("Publicerad") + 1, lines.index("Kontakt för den här sidan:")
    body = [line for line in lines[start:end] if line]
    # Photo caption: "Claes-Urban Boström, Mikael Peterson och Björn Wilhelmsson".
    caption = next(line for line in body if re.fullmatch(r"[\w-]+ [\w]+, [\w ]+ och [\w ]+", line))
    signatories = re.split(r", | och ", caption)
    aims_at = body.index("Medborgarlöften ska") + 1
    aims, rest = [], body[aims_at:]
    while rest and rest[0].startswith(BULLET):
        aims.append(rest.pop(0).lstrip(BULLET).strip())
    areas: list[Area] = []
    for line in rest:
        if line.startswith(BULLET):
            areas[-1].commitments.append(line.lstrip(BULLET).strip())
        elif not areas or areas[-1].commitments:
            areas.append(Area(goal=line))
        else:
            assert not areas[-1].background, f"unexpected paragraph {line!r}"
            areas[-1].background = line
    headings_and_captions = {caption, "Medborgarlöften 2021", "Medborgarlöften ska"}
    speaker = re.compile(r"^[\w-]+ [\w]+( \(S\))? \w+ (säger|fortsätter):$")
    paragraphs = [line.lstrip("- ").lstrip(BULLET).strip() for line in body
                  if line not in headings_and_captions and not speaker.match(line)]
    return Seed(paragraphs, signatories, aims, areas)


class VisibleText(HTMLParser):
    """The text a reader sees: body text, without scripts and styles."""

    HIDDEN = {"script", "style", "head", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text("utf-8"))
    return normalise(" ".join(parser.parts))


@pytest.fixture(scope="module")
def seed() -> Seed:
    return parse_seed(SEED.read_text("utf-8"))


@pytest.fixture(scope="module")
def swedish_pages(kungsor_site) -> dict[str, str]:
    return {p.relative_to(kungsor_site).as_posix(): visible_text(p)
            for p in sorted(kungsor_site.rglob("*.html"))
            if not p.relative_to(kungsor_site).as_posix().startswith("en/")}


def test_the_seed_parses_into_the_shape_of_the_2021_promise(seed):
    """Guards the parser itself: if it found nothing, the checks below would pass vacuously."""
    assert seed.signatories == ["Claes-Urban Boström", "Mikael Peterson", "Björn Wilhelmsson"]
    assert len(seed.aims) == 3
    assert len(seed.areas) == 3
    assert all(a.goal and a.background and len(a.commitments) == 2 for a in seed.areas)
    assert len(seed.paragraphs) >= 20


def _missing(needles: list[str], haystack: str) -> list[str]:
    return [n for n in needles if normalise(n) not in haystack]


def test_every_aim_and_signatory_is_in_the_swedish_pages(seed, swedish_pages):
    everything = " ".join(swedish_pages.values())
    assert not _missing(seed.aims, everything)
    assert not _missing(seed.signatories, everything)


def test_the_year_page_names_the_three_signatories(seed, kungsor_site):
    year_page = visible_text(kungsor_site / "2021" / "index.html")
    assert not _missing(seed.signatories, year_page)


@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_focus_area_is_on_one_swedish_page_with_goal_background_and_commitments(
        seed, swedish_pages, number):
    area = seed.areas[number - 1]
    wanted = [area.goal, area.background, *area.commitments]
    pages = [rel for rel, text in swedish_pages.items() if not _missing(wanted, text)]
    assert pages, f"no Swedish page holds all of focus area {number}: " \
                  f"missing everywhere: {_missing(wanted, ' '.join(swedish_pages.values()))}"
    assert any(rel.startswith("2021/") and rel.count("/") == 2 for rel in pages), pages


def test_every_commitment_sentence_is_in_the_swedish_pages(seed, swedish_pages):
    everything = " ".join(swedish_pages.values())
    sentences = [s for area in seed.areas for c in area.commitments
                 for s in re.split(r"(?<=\.) ", c)]
    assert len(sentences) >= 7
    assert not _missing(sentences, everything)


def test_every_paragraph_of_the_promise_is_in_the_swedish_pages(seed, swedish_pages):
    """Introduction, lägesbild meetings, what medborgarlöften are, and the statements too."""
    everything = " ".join(swedish_pages.values())
    assert not _missing(seed.paragraphs, everything)


def test_the_typos_are_corrected_not_published(swedish_pages):
    everything = " ".join(swedish_pages.values())
    for published, corrected in TYPOS:
        assert normalise(corrected) in everything
        assert normalise(published) not in everything


@pytest.mark.parametrize("lang, today, unknown", [
    ("sv", "skrev idag", "Vilken dag ”idag” syftar på framgår inte av källorna."),
    ("en", "today signed", "Which day “today” refers to is not stated in the sources."),
])
def test_the_sources_today_is_quoted_not_the_sites_own_claim(kungsor_site, lang, today, unknown):
    """The seed says the promise was signed "idag", the day of a news item whose date the
    sources do not give. Kept word for word, it is shown as the municipality's words (a
    quotation) followed by the note that the day is unknown, so the page never claims "today"
    for itself beside "the date of signing has not been stated"."""
    html = (kungsor_site / ("en/" if lang == "en" else "") / "2021" / "index.html").read_text(
        encoding="utf-8")
    main = " ".join(html[html.index("<main"):html.index("</main>")].split())
    quote = re.search(r"<blockquote> <p>(.*?)</p> </blockquote>", main)
    assert quote and today in quote.group(1)
    assert main.count(today) == 1  # nowhere outside the quotation
    assert " ".join(unknown.split()) in main.replace("&quot;", '"')
