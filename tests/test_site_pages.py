"""The built site through its files, as a crawler or a reader's browser would follow them:
languages and counterparts, links under a sub-path, no resource from another origin, the
accessibility statement everywhere, sitemap, robots.txt, feeds, statuses and fallbacks.

The real Kungsör content and a FICTIONAL site (tests/fixtures/fictional-site) are both checked.
"""

from __future__ import annotations

import copy
import pickle
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import CONTENT, copy_content, run_cli
from sitecheck import (BASE_URL, FICTIONAL, css_urls, html_pages, is_other_origin, parse,
                       resolve, url_to_file)

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def fictional_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fictional") / "_site"
    result = run_cli("build", "--content", FICTIONAL, "--out", out, "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module", params=["kungsor", "fictional"])
def site(request, kungsor_site, fictional_site) -> Path:
    return kungsor_site if request.param == "kungsor" else fictional_site


def test_the_site_has_the_issue_pages(site):
    for rel in ["index.html", "en/index.html", "uppfoljning/index.html", "en/tracker/index.html",
                "organisationer/index.html", "en/organisations/index.html",
                "om-medborgarloften/index.html", "en/about/index.html", "kontakt/index.html",
                "en/contact/index.html", "tillganglighet/index.html",
                "en/accessibility/index.html", "404.html", "en/404.html", "sitemap.xml",
                "robots.txt", "feed.xml", "en/feed.xml"]:
        assert (site / rel).is_file(), rel


def test_every_page_declares_its_language(site):
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        expected = "en" if rel.startswith("en/") else "sv"
        assert parse(page).lang == expected, rel


def test_every_page_has_a_counterpart_that_links_back(site):
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        parsed = parse(page)
        alternates = {a.get("hreflang"): a["href"] for tag, a in parsed.links
                      if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang")}
        if rel.endswith("404.html"):
            alternates = {}  # not indexed; its switcher is checked below
        other = "sv" if parsed.lang == "en" else "en"
        switch = [href for lang, href in parsed.switcher if lang == other]
        assert len(switch) == 1, f"{rel}: language switcher to {other}"
        target = url_to_file(site, resolve(site, page, switch[0]))
        assert target and target.is_file(), f"{rel}: switcher leads to {switch[0]}"
        assert parse(target).lang == other
        back = [href for lang, href in parse(target).switcher if lang == parsed.lang]
        assert url_to_file(site, resolve(site, target, back[0])) == page, f"{rel}: no way back"
        if alternates:
            assert set(alternates) == {"sv", "en"}, rel
            assert url_to_file(site, alternates[parsed.lang]) == page, rel
            assert url_to_file(site, alternates[other]) == target, rel


def test_no_page_or_stylesheet_loads_anything_from_another_origin(site):
    for page in html_pages(site):
        parsed = parse(page)
        refs = parsed.resources + [u for s in parsed.styles for u in css_urls(s)]
        bad = [r for r in refs if is_other_origin(r)]
        assert not bad, f"{page.relative_to(site)} loads {bad}"
    for css in site.rglob("*.css"):
        bad = [u for u in css_urls(css.read_text(encoding="utf-8")) if is_other_origin(u)]
        assert not bad, f"{css.relative_to(site)} loads {bad}"


def test_every_internal_link_resolves_under_the_sub_path(site):
    """Links are followed from each page's URL under /medborgarloften/, fragments included."""
    broken = []
    for page in html_pages(site):
        for tag, attrs in parse(page).links:
            href = attrs["href"]
            if href.startswith(("mailto:", "tel:")):
                continue
            url = resolve(site, page, href)
            if is_other_origin(href) and not url.startswith(BASE_URL):
                assert tag == "a" or attrs.get("rel") in ("canonical", "alternate"), href
                continue
            target = url_to_file(site, url)
            if target is None or not target.is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
                continue
            fragment = url.partition("#")[2]
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(site)} → {href} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_the_accessibility_statement_is_linked_from_every_footer(site):
    statements = {site / "tillganglighet/index.html", site / "en/accessibility/index.html"}
    for page in html_pages(site):
        targets = {url_to_file(site, resolve(site, page, href)) for href in parse(page).footer_links}
        assert targets & statements, f"{page.relative_to(site)} has no statement link"


def test_accessibility_statement_has_what_digg_requires_and_invents_nothing(kungsor_site):
    html = (kungsor_site / "tillganglighet/index.html").read_text(encoding="utf-8")
    assert "https://www.digg.se/analys-och-uppfoljning/lagen-om-tillganglighet-till-digital-offentlig-service-dos-lagen/anmal-bristande-tillganglighet" in html
    assert "Kungsörs kommun" in html and "Medborgarlöften i Kungsör" in html
    # site.yaml states no compliance status or assessment date, so the page says so.
    assert "har ännu inte angett i vilken utsträckning" in html
    assert "har ännu inte angett när webbplatsen granskades" in html
    assert "mailto:info@kungsor.se" in html
    en = (kungsor_site / "en/accessibility/index.html").read_text(encoding="utf-8")
    assert "has not yet stated how far this website complies" in en


def test_accessibility_statement_shows_the_facts_the_site_states(fictional_site):
    html = (fictional_site / "en/accessibility/index.html").read_text(encoding="utf-8")
    assert "partially compliant" in html
    assert "1 May 2031" in html and "2 May 2031" in html
    assert "A fictional gap in a PDF." in html
    assert "mailto:tillganglighet@example.org" in html


def test_sitemap_lists_every_indexed_page_with_both_languages(site):
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = []
    for url in root.findall(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        locs.append(loc)
        target = url_to_file(site, loc)
        assert target and target.is_file(), loc
        langs = {l.get("hreflang"): l.get("href") for l in url.findall(f"{XHTML}link")}
        assert set(langs) == {"sv", "en"}, loc
        assert loc in langs.values()
    pages = [p for p in html_pages(site) if not p.name == "404.html"]
    assert len(locs) == len(set(locs)) == len(pages)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE_URL}sitemap.xml" in robots


def test_feeds_announce_promises_and_follow_ups_per_language(fictional_site):
    sv = ET.parse(fictional_site / "feed.xml").getroot()
    en = ET.parse(fictional_site / "en/feed.xml").getroot()
    assert sv.tag == f"{ATOM}feed"
    en_titles = [e.find(f"{ATOM}title").text for e in en.findall(f"{ATOM}entry")]
    # newest first: the report on the whole 2031 promise (published January 2032: its first day),
    # the 2031 yearly follow-up, the report on the traffic area (published August 2031), then
    # the 2031 promise (no signing date: start of year)
    assert en_titles[:3] == ["Follow-up: Citizen promises 2031 (fictional), January 2032",
                             "Follow-up: Traffic (fictional), 10 December 2031",
                             "Follow-up: Traffic (fictional), August 2031"]
    assert "Citizen promises 2030 (fictional)" in en_titles
    assert "Follow-up: Safety in the town centre (fictional), 15 September 2030" in en_titles
    sv_titles = [e.find(f"{ATOM}title").text for e in sv.findall(f"{ATOM}entry")]
    assert "Uppföljning: Trygghet i centrum (fiktivt), 15 september 2030" in sv_titles
    assert en.find(f"{ATOM}updated").text == "2032-01-01T00:00:00Z"
    for entry in en.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link").get("href")
        target = url_to_file(fictional_site, link)
        assert target and target.is_file(), link


def test_focus_area_shows_status_date_reason_history_and_evidence(fictional_site):
    en = (fictional_site / "en/2030/trygghet/index.html").read_text(encoding="utf-8")
    # the status is labelled as one, in words seen and heard
    assert '<span class="status status-delayed"><span class="status-name">Status:</span> Delayed</span>' in en
    assert "as of 15 September 2030" in en
    assert "A fictional reason for the delay." in en
    assert en.count('class="follow-up"') == 2 and "tertial 1 2030" in en and "tertial 2 2030" in en
    assert '<a href="https://example.org/fiktivt-protokoll">Fictional minutes</a>' in en
    assert "4 safety walks" in en
    assert "No follow-up has been reported yet." in en  # the second commitment
    sv = (fictional_site / "2030/trygghet/index.html").read_text(encoding="utf-8")
    assert '<span class="status-name">Status:</span> Försenad</span>' in sv and "per 15 september 2030" in sv and "Fiktivt skäl" in sv


def test_untranslated_text_falls_back_to_swedish_marked_and_noted(fictional_site):
    en = (fictional_site / "en/2031/index.html").read_text(encoding="utf-8")
    assert '<div lang="sv"><p>Fiktiv inledning för 2031 som saknar engelsk översättning.</p>\n</div>' in en
    assert "(Only available in Swedish)" in en
    org = (fictional_site / "en/organisations/fritid/index.html").read_text(encoding="utf-8")
    assert '<title>Fritidsförvaltningen (fiktiv) – ' in org  # no markup inside <title>
    assert '<span lang="sv">Fritidsförvaltningen (fiktiv)</span>' in org


def test_tracker_filter_pages_list_only_matching_commitments(fictional_site):
    def ids(rel):
        html = (fictional_site / rel).read_text(encoding="utf-8")
        return {c for c in ("2030-trygghet-1", "2030-trygghet-2", "2031-trafik-1")
                if f"#{c}\"" in html}

    assert ids("en/tracker/index.html") == {"2030-trygghet-1", "2030-trygghet-2", "2031-trafik-1"}
    assert ids("en/tracker/status/delayed/index.html") == {"2030-trygghet-1"}
    assert ids("uppfoljning/status/not-assessed/index.html") == {"2030-trygghet-2"}
    assert ids("en/tracker/organisation/polisen/index.html") == {"2030-trygghet-1", "2031-trafik-1"}
    assert ids("en/tracker/year/2031/index.html") == {"2031-trafik-1"}
    assert ids("uppfoljning/fokusomrade/2030-trygghet/index.html") == {"2030-trygghet-1", "2030-trygghet-2"}
    assert ids("en/tracker/status/done/index.html") == {"2031-trafik-1"}
    html = (fictional_site / "en/tracker/status/delayed/index.html").read_text(encoding="utf-8")
    # the status filter says how many commitments it leads to
    assert 'aria-current="page">Delayed <span class="filter-count">(1)</span></a>' in html


def test_status_summary_is_a_table_with_counts(fictional_site):
    html = (fictional_site / "en/tracker/index.html").read_text(encoding="utf-8")
    summary = html[html.index('<table class="status-summary"'):html.index("</table>")]
    assert "<caption>Commitments by status</caption>" in summary
    assert '<th scope="row">Delayed</th>\n      <td class="num">1</td>' in summary
    # three commitments of focus areas and one of the whole 2031 promise; the area whose
    # commitments the sources do not list counts none
    assert '<th scope="row">Total</th><td class="num">4</td>' in summary
    assert 'aria-hidden="true"' in summary  # the bars are decoration; the numbers are the data


def test_publisher_json_ld_and_canonical(kungsor_site):
    import json
    import re

    html = (kungsor_site / "en/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "GovernmentOrganization" and data["name"] == "Kungsör Municipality"
    assert data["identifier"]["value"] == "212000-2056" and data["telephone"] == "0227-60 00 00"
    assert f'<link rel="canonical" href="{BASE_URL}en/">' in html


def test_build_reports_missing_translations_and_strict_refuses(tmp_path):
    out = tmp_path / "_site"
    result = run_cli("build", "--content", FICTIONAL, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "2031/promise.yaml:9:7: warning: introduction: the English translation of 'introduction' is missing" in result.stderr
    assert "organisations.yaml" in result.stderr and "'name' is missing" in result.stderr
    strict = run_cli("build", "--content", FICTIONAL, "--out", tmp_path / "strict", "--strict")
    assert strict.returncode == 1
    assert "warning: introduction" not in strict.stderr
    assert "introduction: the English translation of 'introduction' is missing" in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_real_content_is_fully_translated():
    result = run_cli("validate", "--content", CONTENT, "--strict")
    assert "untranslated" not in result.stdout + result.stderr
    assert "English translation" not in result.stdout + result.stderr


def test_a_site_overrides_theme_templates_static_and_locale(tmp_path):
    content = copy_content(tmp_path, FICTIONAL)
    own = content / "_theme"
    (own / "templates").mkdir(parents=True)
    (own / "static").mkdir()
    (own / "locale/sv/LC_MESSAGES").mkdir(parents=True)
    (own / "static/style.css").write_text("body { color: #000; } /* site's own */\n", encoding="utf-8")
    (own / "templates/contact.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ _("Contact") }}</h1><p>Egen mall</p>{% endblock %}\n',
        encoding="utf-8")
    (own / "locale/sv/LC_MESSAGES/messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Contact"\nmsgstr "Kontakta oss"\n', encoding="utf-8")
    out = tmp_path / "_site"
    result = run_cli("build", "--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "site's own" in (out / "static/style.css").read_text(encoding="utf-8")
    page = (out / "kontakt/index.html").read_text(encoding="utf-8")
    assert "<p>Egen mall</p>" in page and "<h1>Kontakta oss</h1>" in page
    # everything not overridden still comes from the theme
    assert "Hoppa till innehållet" in page
    assert "Tillgänglighetsredogörelse" in (out / "index.html").read_text(encoding="utf-8")


def test_builds_are_byte_identical(tmp_path, fictional_site):
    out = tmp_path / "again"
    assert run_cli("build", "--content", FICTIONAL, "--out", out, "--base-url", BASE_URL).returncode == 0
    for page in list(fictional_site.rglob("*.html")) + list(fictional_site.rglob("*.xml")):
        rel = page.relative_to(fictional_site)
        assert (out / rel).read_bytes() == page.read_bytes(), rel


def test_every_interface_text_of_the_theme_has_a_swedish_translation():
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    repo = Path(__file__).resolve().parent.parent
    theme = repo / "themes" / "default"
    with (theme / "locale/sv/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    method_map = [("templates/**.html", "jinja2.ext:babel_extract")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True",
                                     "lstrip_blocks": "True"}}
    ids = [m[2] if isinstance(m[2], str) else m[2][0]
           for m in extract_from_dir(str(theme), method_map, options_map=options)]
    ids += ["Only available in Swedish", "Follow-up: %(area)s, %(date)s"]  # engine.py, extras.py
    assert len(ids) > 50
    missing = sorted({i for i in ids if i not in catalog or not catalog[i].string})
    assert not missing, missing
