"""Content model 2 on the pages, through the built files of the FICTIONAL fixture site
(tests/fixtures/fictional-site): theme pages across the years in both languages, an area whose
commitments the sources do not list (unknown, never "0"), reports on a focus area and on the
whole promise with their actions and sources, and drafts (not built by a plain `build`, shown
with a banner by `build --drafts`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

FICTIONAL = FIXTURES / "fictional-site"
BASE_URL = "https://www.example.org/medborgarloften/"

DRAFT_PROMISE = """# FIKTIVT testdata / FICTIONAL test data, written by tests/test_model2_pages.py.
id: "2032"
draft: true
title:
  sv: Medborgarlöften 2032 (fiktivt utkast)
  en: Citizen promises 2032 (fictional draft)
start_year: 2032
end_year: 2032
signatories: []
"""
DRAFT_AREA = """# FIKTIVT testdata / FICTIONAL test data.
id: 2032-trafik
title:
  sv: Trafik 2032 (fiktivt)
  en: Traffic 2032 (fictional)
theme: trafik
commitments: not_stated
"""


def build(content: Path, out: Path, *options: str) -> Path:
    result = run_cli("build", "--content", content, "--out", out, "--base-url", BASE_URL, *options)
    assert result.returncode == 0, result.stderr
    return out


def main(path: Path) -> str:
    """The page's <main>, without tags and with runs of white space made one space."""
    html = path.read_text(encoding="utf-8")
    found = re.search(r"<main\b.*?</main>", html, re.S)
    assert found, path
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(FICTIONAL, tmp_path_factory.mktemp("model2") / "_site")


@pytest.fixture(scope="module")
def with_draft(tmp_path_factory) -> Path:
    """A copy of the fixture with a draft year 2032: the content a plain and a --drafts build
    both read."""
    content = tmp_path_factory.mktemp("draft") / "content"
    shutil.copytree(FICTIONAL, content)
    (content / "2032").mkdir()
    (content / "2032" / "promise.yaml").write_text(DRAFT_PROMISE, encoding="utf-8")
    (content / "2032" / "1-trafik.yaml").write_text(DRAFT_AREA, encoding="utf-8")
    return content


def test_theme_pages_exist_in_both_languages_and_list_the_areas_of_every_year(site):
    sv = main(site / "teman/trygghet-och-nattliv/index.html")
    en = main(site / "en/themes/trygghet-och-nattliv/index.html")
    # oldest year first, each year's area linked
    assert sv.index("Medborgarlöften 2030") < sv.index("Trygghet i centrum") \
        < sv.index("Medborgarlöften 2031") < sv.index("Nattliv (fiktivt)")
    assert en.index("Citizen promises 2030") < en.index("Safety in the town centre") \
        < en.index("Citizen promises 2031") < en.index("Night life (fictional)")
    html = (site / "en/themes/trygghet-och-nattliv/index.html").read_text(encoding="utf-8")
    assert '<a href="../../2030/trygghet/">' in html and '<a href="../../2031/nattliv/">' in html
    assert "2 commitments" in en and "Commitments not stated in the sources" in en
    assert 'hreflang="sv" href="' + BASE_URL + 'teman/trygghet-och-nattliv/"' in html
    # the traffic theme shows its report's actions in short
    traffic = main(site / "teman/trafik/index.html")
    assert "februari 2031: Fiktiva hastighetskontroller vid skolor. (minst 3 kontroller)" in traffic


def test_the_theme_index_is_linked_and_lists_every_theme(site):
    for index, home in [("teman/index.html", "index.html"), ("en/themes/index.html", "en/index.html")]:
        text = main(site / index)
        assert "Trygghet och nattliv" in text or "Safety and night life" in text
        assert "Trafik (fiktivt tema)" in text or "Traffic (fictional theme)" in text
        nav = (site / home).read_text(encoding="utf-8")
        assert re.search(r'<a href="(en/)?(teman|themes)/"', nav) or 'href="themes/"' in nav
    assert '<a href="teman/">Teman</a>' in (site / "index.html").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE_URL}teman/trafik/</loc>" in sitemap
    assert f'hreflang="en" href="{BASE_URL}en/themes/trafik/"' in sitemap


def test_an_area_without_stated_commitments_says_so_and_never_counts_zero(site):
    sv = main(site / "2031/nattliv/index.html")
    en = main(site / "en/2031/nattliv/index.html")
    assert "Källorna anger inte fokusområdets åtaganden." in sv
    assert "The sources do not list the commitments of this focus area." in en
    for page in ["2031/nattliv/index.html", "2031/index.html", "index.html",
                 "teman/trygghet-och-nattliv/index.html", "uppfoljning/fokusomrade/2031-nattliv/index.html"]:
        assert "0 åtaganden" not in main(site / page), page
    for page in ["en/2031/nattliv/index.html", "en/2031/index.html", "en/index.html",
                 "en/themes/trygghet-och-nattliv/index.html",
                 "en/tracker/focus-area/2031-nattliv/index.html"]:
        assert "0 commitments" not in main(site / page), page
    assert "1 fokusområde utan angivna åtaganden" in main(site / "index.html")
    assert "1 focus area without commitments stated in the sources" in main(site / "en/2031/index.html")
    # the area has no goal: no empty goal line
    assert 'class="goal"' not in (site / "2031/nattliv/index.html").read_text(encoding="utf-8")


def test_area_report_actions_show_partial_dates_quantities_actors_and_results(site):
    sv = main(site / "2031/trafik/index.html")
    en = main(site / "en/2031/trafik/index.html")
    assert "februari 2031 : Fiktiva hastighetskontroller vid skolor. (minst 3 kontroller)" in sv
    assert "February 2031 : Fictional speed checks near schools. (at least 3 checks)" in en
    assert "kvartal 2 2031 : Fiktiv informationskväll om trafik. (1)" in sv
    assert "Utfört av Polisen (fiktivt lokalpolisområde) , Fritidsförvaltningen (fiktiv)" in sv
    assert "Resultat Fiktivt resultat utan anmärkningar." in sv
    assert "Uppföljning för första halvåret 2031" in sv and "Report on first half of 2031" in en
    assert "Fictional traffic report" in en and "(published: August 2031)" in en
    assert "Theme: Traffic (fictional theme)" in en
    # the commitment's follow-up keeps its status; no "no follow-up yet" for this commitment
    assert "No follow-up has been reported yet." not in en


def test_promise_page_shows_sources_whole_promise_commitments_and_reports(site):
    sv = main(site / "2031/index.html")
    en = main(site / "en/2031/index.html")
    assert "Åtaganden för hela löftet" in sv and "Commitments of the whole promise" in en
    assert "Fiktivt åtagande för hela löftet om lägesbildsmöten." in sv
    assert "Fictional citizen promise 2031 , Exempelby Municipality (fictional) (published: 15 December 2030)" in en
    # a source without a title shows its address; an unknown date says so
    assert "https://example.org/fiktiv-polissida-2031 , The Police" in en
    assert "(published: not stated in the sources)" in en
    assert "Uppföljningar av hela löftet" in sv and "löpande : Fiktiva lägesbildsmöten hela året. (cirka 12 möten)" in sv
    assert "Fictional yearly report" in en


def test_commitment_follow_ups_without_a_status_show_none_and_no_line_repeats(site):
    html = (site / "en/2030/trygghet/index.html").read_text(encoding="utf-8")
    # the commitment without follow-ups says so once, not again under an empty history
    assert html.count("No follow-up has been reported yet.") == 1


def test_a_draft_is_not_built_by_a_plain_build(with_draft, tmp_path):
    out = build(with_draft, tmp_path / "_site")
    assert not (out / "2032").exists() and not (out / "en/2032").exists()
    assert "fiktivt utkast" not in main(out / "index.html")
    assert "Trafik 2032" not in main(out / "teman/trafik/index.html")
    assert "2032/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_a_draft_built_with_drafts_has_a_banner_and_is_not_the_current_promise(with_draft, tmp_path):
    out = build(with_draft, tmp_path / "_site", "--drafts")
    for page, banner in [("2032/index.html", "Utkast – inte publicerat"),
                         ("en/2032/index.html", "Draft – not published"),
                         ("2032/trafik/index.html", "Utkast – inte publicerat")]:
        html = (out / page).read_text(encoding="utf-8")
        assert re.search(r'<p class="draft-banner" role="note"><strong>' + banner, html), page
    home = main(out / "index.html")
    assert "Aktuellt löfte: Medborgarlöften 2031" in home
    assert "Medborgarlöften 2032 (fiktivt utkast) (utkast, inte publicerat)" in home
    assert "draft-banner" not in (out / "2031/index.html").read_text(encoding="utf-8")


OUTCOME_AREA = """# FIKTIVT testdata / FICTIONAL test data, written by tests/test_model2_pages.py.
id: 2031-kontroller
title:
  sv: Kontroller (fiktivt)
  en: Checks (fictional)
commitments:
  - id: 2031-kontroller-1
    text:
      sv: Fiktivt åtagande om kontroller.
      en: A fictional commitment on checks.
    responsible: [polisen]
    target:
      value: 8
      comparator: at_least
      unit:
        sv: kontroller
        en: checks
    follow_ups:
      - id: 2031-kontroller-1-ar
        period: "2031"
        actual: 20
  - id: 2031-kontroller-2
    text:
      sv: Fiktivt åtagande med utfall men utan mål.
      en: A fictional commitment with an outcome and no target.
    responsible: [polisen]
    follow_ups:
      - id: 2031-kontroller-2-ar
        period: "2031"
        actual: 7
"""
OUTCOME_OWN = """commitments:
  - id: 2030-helalofte-1
    text:
      sv: Fiktivt åtagande för hela löftet med mål.
      en: A fictional commitment of the whole promise with a target.
    responsible: [polisen]
    target:
      value: 12
      comparator: about
      unit:
        sv: möten
        en: meetings
    follow_ups:
      - id: 2030-helalofte-1-ar
        period: "2030"
        actual: 11
"""


@pytest.fixture(scope="module")
def with_outcomes(tmp_path_factory) -> Path:
    """The fixture with targets that have comparators and follow-ups with actual figures, in
    a focus area and among the commitments of the whole 2030 promise."""
    root = tmp_path_factory.mktemp("outcomes")
    content = root / "content"
    shutil.copytree(FICTIONAL, content)
    (content / "2031" / "3-kontroller.yaml").write_text(OUTCOME_AREA, encoding="utf-8")
    with (content / "2030" / "promise.yaml").open("a", encoding="utf-8") as promise:
        promise.write(OUTCOME_OWN)
    return build(content, root / "_site")


def test_the_outcome_is_said_against_the_target_where_both_are_given(site):
    sv = main(site / "2030/trygghet/index.html")
    en = main(site / "en/2030/trygghet/index.html")
    # the September follow-up gives an actual figure, the commitment a target of 4
    assert "Utfall 1 mot målet 4 trygghetsvandringar" in sv
    assert "Outcome 1 against the target of 4 safety walks" in en
    # the May follow-up gives none: one sentence only
    assert sv.count("mot målet") == 1 and en.count("against the target") == 1


def test_the_outcome_against_a_target_with_a_comparator_and_never_without_both(with_outcomes):
    sv = main(with_outcomes / "2031/kontroller/index.html")
    en = main(with_outcomes / "en/2031/kontroller/index.html")
    assert "Utfall 20 mot målet minst 8 kontroller" in sv
    assert "Outcome 20 against the target of at least 8 checks" in en
    # an actual figure without a target: the figure alone, no sentence about a target
    assert sv.count("mot målet") == 1 and en.count("against the target") == 1
    assert "Utfall: 7" in sv and "Outcome: 7" in en
    html = (with_outcomes / "en/2031/kontroller/index.html").read_text(encoding="utf-8")
    assert '<p class="outcome">Outcome 20 against the target of at least 8 checks</p>' in html
    # the commitments of the whole promise show it on the promise page
    assert "Utfall 11 mot målet cirka 12 möten" in main(with_outcomes / "2030/index.html")
    assert "Outcome 11 against the target of about 12 meetings" in main(
        with_outcomes / "en/2030/index.html")
