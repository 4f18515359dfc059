"""Years side by side and empty states that inform (issue 19), through the built files of the
FICTIONAL fixture site (tests/fixtures/fictional-site) and of the real Kungsör content.

- Every status chart (inline SVG) has a table next to it that holds the same numbers.
- A focus area whose commitments the sources do not state is never drawn or counted as zero.
- Only the statuses and organisations that some commitment has are offered as tracker filters,
  and no status summary lists a status nobody has.
- Every status badge says that it is a status, in words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from sitecheck import html_pages

BASE_URL = "https://www.example.org/medborgarloften/"


@pytest.fixture(scope="module")
def fictional(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("charts") / "_site"
    result = run_cli("build", "--content", FIXTURES / "fictional-site", "--out", out,
                     "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(params=["fictional", "kungsor"])
def site(request, fictional, kungsor_site) -> Path:
    return fictional if request.param == "fictional" else kungsor_site


class Page(HTMLParser):
    """The charts and tables of a built page, as text: each chart's groups (year label, bars
    as {status label: count}, note) and each table's rows of cell texts (a cell's colspan
    kept as (text, colspan) when it spans)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.charts: dict[str, list[dict]] = {}
        self.tables: dict[str, list[list]] = {}
        self.badges: list[str] = []
        self._chart: list[dict] | None = None
        self._text: tuple[str, list[str]] | None = None  # (class, pieces)
        self._table: list[list] | None = None
        self._cell: tuple[int, list[str]] | None = None
        self._badge: tuple[int, list[str]] | None = None  # (open spans, pieces)
        self._label = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "svg" and "status-chart" in classes:
            self._chart = self.charts.setdefault(a["aria-labelledby"].split()[0], [])
        elif tag == "g" and "chart-group" in classes and self._chart is not None:
            self._chart.append({"year": None, "bars": {}, "note": None})
        elif tag == "text" and self._chart is not None:
            self._text = (classes[0], [])
        elif tag == "table":
            self._table = self.tables.setdefault(a.get("id", f"table-{len(self.tables)}"), [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("th", "td") and self._table is not None:
            self._cell = (int(a.get("colspan", 1)), [])
        if tag == "span" and "status" in classes:
            self._badge = (0, [])
        elif tag == "span" and self._badge is not None:
            self._badge = (self._badge[0] + 1, self._badge[1])

    def handle_endtag(self, tag):
        if tag == "svg":
            self._chart = None
        elif tag == "text" and self._text is not None and self._chart is not None:
            kind, pieces = self._text
            words = "".join(pieces).strip()
            group = self._chart[-1]
            if kind == "chart-year":
                group["year"] = words
            elif kind == "chart-label":
                self._label = words
            elif kind == "chart-value":
                group["bars"][self._label] = number(words)
            elif kind == "chart-note":
                group["note"] = words
            self._text = None
        elif tag == "table":
            self._table = None
        elif tag in ("th", "td") and self._cell is not None and self._table is not None:
            span, pieces = self._cell
            words = " ".join("".join(pieces).split())
            self._table[-1].append(words if span == 1 else (words, span))
            self._cell = None
        elif tag == "span" and self._badge is not None:
            depth, pieces = self._badge
            if depth:
                self._badge = (depth - 1, pieces)
            else:
                self.badges.append(" ".join("".join(pieces).split()))
                self._badge = None

    def handle_data(self, data):
        for open_ in (self._text, self._cell, self._badge):
            if open_ is not None:
                open_[1].append(data)


def number(words: str) -> int:
    return int(re.sub(r"\s", "", words))


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def years_match(chart: list[dict], table: list[list]) -> list[str]:
    """Where a years chart and its table disagree (empty: they hold the same numbers)."""
    head, *rows = table
    assert len(chart) == len(rows) > 0
    differences = []
    for group, row in zip(chart, rows):
        year, *cells = row
        if group["year"] != year:
            differences.append(f"year {group['year']} != {year}")
        if isinstance(cells[0], tuple) or not re.fullmatch(r"[\d\s]+", cells[0]):
            # commitments not stated (or none): a note across the columns, no number, no bar
            note = cells[0][0] if isinstance(cells[0], tuple) else cells[0]
            if group["bars"] or group["note"] != note:
                differences.append(f"{year}: {group} against {cells[0]}")
            continue
        unstated_column = head[-1] not in ("Total", "Totalt")
        statuses = head[1:-2] if unstated_column else head[1:-1]
        values = [number(cell) for cell in cells]
        counts = dict(zip(statuses, values))
        total = values[len(statuses)]
        unstated = values[-1] if unstated_column else 0
        shown = {label: n for label, n in counts.items() if n}
        if shown != group["bars"]:
            differences.append(f"{year}: bars {group['bars']} != table {shown}")
        if total != sum(group["bars"].values()):
            differences.append(f"{year}: total {total} != bars {group['bars']}")
        if unstated and f"+ {unstated} " not in (group["note"] or ""):
            differences.append(f"{year}: {unstated} unstated areas, note {group['note']!r}")
        if not unstated and group["note"]:
            differences.append(f"{year}: a note without unstated areas: {group['note']!r}")
    return differences


YEAR_CHARTS = {  # page: (chart's title id, table id)
    "index.html": ("years-chart-title", "years-table"),
    "en/index.html": ("years-chart-title", "years-table"),
}


def test_the_years_are_side_by_side_on_the_home_page_with_a_table_of_the_same_numbers(site):
    for page, (chart_id, table_id) in YEAR_CHARTS.items():
        html = read(site / page)
        chart, table = html.charts[chart_id], html.tables[table_id]
        assert not years_match(chart, table), (page, years_match(chart, table))
        assert [group["year"] for group in chart] == sorted(group["year"] for group in chart)


def test_every_theme_page_shows_its_history_with_a_table_of_the_same_numbers(site):
    pages = sorted((site / "teman").glob("*/index.html")) + sorted(
        (site / "en/themes").glob("*/index.html"))
    assert len(pages) >= 4
    for page in pages:
        html = read(page)
        if "theme-years-chart-title" not in html.charts:
            assert "No focus area has this theme yet." in page.read_text(encoding="utf-8") or \
                "Inget fokusområde har det här temat ännu." in page.read_text(encoding="utf-8")
            continue
        differences = years_match(html.charts["theme-years-chart-title"],
                                  html.tables["theme-years-table"])
        assert not differences, (page, differences)


def test_a_promise_page_draws_its_status_distribution_next_to_a_table(fictional):
    for page in ["2030/index.html", "en/2030/index.html", "2031/index.html"]:
        html = read(fictional / page)
        [group] = html.charts["summary-promise-chart-title"]
        head, *rows, foot = html.tables["summary-promise-table"]
        table = {row[0]: number(row[1]) for row in rows}
        assert group["bars"] == table, page
        assert number(foot[1]) == sum(table.values())
        assert all(n > 0 for n in table.values())  # only the statuses that occur
    en = read(fictional / "en/2030/index.html")
    assert en.charts["summary-promise-chart-title"][0]["bars"] == {"Not yet assessed": 1,
                                                                   "Delayed": 1}


def test_the_real_years_are_drawn_as_the_sources_say_and_unstated_is_never_zero(kungsor_site):
    """2021: six commitments, none assessed; 2023: its focus areas' commitments are not stated;
    2024: two commitments of the whole promise and three areas whose commitments are not
    stated. The chart and its table say so, and never draw or count an unknown as 0."""
    sv = read(kungsor_site / "index.html")
    chart = {group["year"]: group for group in sv.charts["years-chart-title"]}
    assert chart["2021"]["bars"] == {"Ej bedömd": 6} and chart["2021"]["note"] is None
    assert chart["2023"]["bars"] == {} and chart["2023"]["note"] == "Åtagandena anges inte i källorna"
    assert chart["2024"]["bars"] == {"Ej bedömd": 2}
    assert chart["2024"]["note"] == "+ 3 fokusområden, åtagandena anges inte"
    rows = {row[0]: row[1:] for row in sv.tables["years-table"][1:]}
    assert rows["2023"][0] == ("Åtagandena anges inte i källorna", 2)  # no number, no 0
    en = (kungsor_site / "en/index.html").read_text(encoding="utf-8")
    desc = re.search(r'<desc id="years-chart-desc">(.*?)</desc>', en).group(1)
    assert desc == ("2021: Not yet assessed 6. 2023: Commitments not stated in the sources. "
                    "2024: Not yet assessed 2; + 3 focus areas, commitments not stated.")


def test_every_chart_is_an_image_with_a_name_and_a_description(site):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        for svg in re.findall(r"<svg[^>]*>", html):
            ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
            assert 'role="img"' in svg and len(ids) == 2, page
            assert f'<title id="{ids[0]}">' in html and f'<desc id="{ids[1]}">' in html, page


def test_a_status_summary_lists_only_the_statuses_that_occur(site):
    for page in html_pages(site):
        html = read(page)
        for table_id, rows in html.tables.items():
            if not table_id.startswith("summary-"):
                continue
            for row in rows[1:-1]:  # between the head and the total
                assert number(row[1]) > 0, (page, table_id, row)


def test_nothing_assessed_is_said_in_one_line_not_a_table_of_one_status(kungsor_site):
    for page, line in [
        ("2021/index.html", "Ingen uppföljning har redovisats ännu: inget av de 6 åtagandena "
                            "har bedömts."),
        ("en/2024/index.html", "No follow-up has been reported yet: none of the 2 commitments "
                               "has been assessed."),
        ("uppfoljning/index.html", "Inget av de 8 åtagandena har bedömts ännu."),
        ("en/organisations/polisen/index.html", "None of the 8 commitments has been assessed yet."),
    ]:
        html = (kungsor_site / page).read_text(encoding="utf-8")
        assert line in html, page
        assert '<table class="status-summary"' not in html, page


def test_only_statuses_that_occur_are_offered_as_filters_with_their_counts(site):
    html = (site / "en/tracker/index.html").read_text(encoding="utf-8")
    start = html.index('id="filter-status"')
    nav = html[start:html.index("</nav>", start)]
    offered = re.findall(r'<a href="status/([a-z-]+)/"[^>]*>([^<]+) <span class="filter-count">'
                         r'\((\d+)\)</span></a>', nav)
    assert offered
    built = {p.name for p in (site / "en/tracker/status").iterdir()}
    assert {slug for slug, _, _ in offered} == built
    for slug, _, count in offered:
        page = (site / f"en/tracker/status/{slug}/index.html").read_text(encoding="utf-8")
        assert page.count('class="tracker-item"') == int(count), slug
        assert "0 commitments" not in page
    for slug in ["in-progress", "partly-done", "not-done"]:  # in neither site
        assert not (site / f"en/tracker/status/{slug}").exists()
        assert not (site / f"uppfoljning/status/{slug}").exists()
        assert f"status/{slug}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_fictional_sites_statuses_are_the_ones_offered(fictional):
    html = (fictional / "uppfoljning/index.html").read_text(encoding="utf-8")
    start = html.index('id="filter-status"')
    nav = html[start:html.index("</nav>", start)]
    assert re.findall(r">([^<>]+) <span class=\"filter-count\">\((\d)\)", nav) == [
        ("Ej bedömd", "2"), ("Försenad", "1"), ("Genomförd", "1")]


def test_organisations_responsible_for_nothing_are_not_offered_as_filters(kungsor_site):
    html = (kungsor_site / "uppfoljning/index.html").read_text(encoding="utf-8")
    nav = html[html.index('id="filter-org"'):html.index('id="filter-status"')]
    for org in ["polisen", "kungsors-kommun", "skolan", "socialtjansten", "sakerhetssamordnare"]:
        assert f'href="organisation/{org}/"' in nav, org
        assert (kungsor_site / f"uppfoljning/organisation/{org}/index.html").exists()
    for org in ["fritidsgardar", "rtmd"]:  # named in the sources, responsible for nothing
        assert f"organisation/{org}/" not in nav
        assert not (kungsor_site / f"uppfoljning/organisation/{org}").exists()
        assert not (kungsor_site / f"en/tracker/organisation/{org}").exists()
        page = (kungsor_site / f"en/organisations/{org}/index.html").read_text(encoding="utf-8")
        assert "This organisation is not named as responsible for any commitment." in page
        assert "tracker/organisation/" not in page


def test_every_status_badge_is_labelled_as_a_status_in_words(site):
    seen = 0
    for page in html_pages(site):
        for badge in read(page).badges:
            assert badge.startswith("Status: "), (page, badge)
            seen += 1
    assert seen > 20


def test_a_commitment_says_no_follow_up_yet_at_most_once(kungsor_site):
    """The 2021 focus areas' commitments have no follow-up: each says so once, and the page
    no other time; the label "not assessed" is not a second line saying the same."""
    for page, commitments in [("2021/skolmiljo/index.html", 2), ("2021/hot-spots/index.html", 2),
                              ("2024/index.html", 2)]:
        html = (kungsor_site / page).read_text(encoding="utf-8")
        main = html[html.index("<main"):html.index("</main>")]
        assert main.count("Ingen uppföljning har redovisats ännu") <= commitments + 1, page
        assert main.count('class="commitment"') == commitments, page


def test_the_home_cards_give_each_status_once_with_its_count(fictional):
    html = (fictional / "en/index.html").read_text(encoding="utf-8")
    cards = html[html.index('<ul class="cards">'):html.index('id="years-heading"')]
    assert ("Status:</span> Done (1)") in cards
    assert "Not yet assessed Not yet assessed" not in cards
