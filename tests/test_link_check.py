"""Every internal link and #anchor of the built site is checked at build time.

Units of `generator.linkcheck` (collect the links and ids of a page, check them against the output
files) and the command line: an editor's broken link is a warning naming the page and the link,
`--strict` refuses to publish, and the real Kungsör content builds without any link warning.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import CONTENT, copy_content, run_cli, with_fictional_statement
from generator import messages
from generator.linkcheck import PageLinks, check, check_site, collect
from generator.problems import Problems

BASE = "https://www.kungsor.se/medborgarloften/"
LINK_CODES = {"broken_link", "broken_anchor", "link_outside_site"}
LINK_PHRASES = ("leads nowhere on the site", "points to the anchor", "above the site's top folder")

# A small FICTIONAL site: the output files, and the pages' HTML.
FILES = {"index.html", "404.html", "en/index.html", "en/404.html", "2021/index.html",
         "2021/skolmiljo/index.html", "static/style.css", "data/focus_areas.csv", "feed.xml"}


def page(*links: str, ids: tuple[str, ...] = ()) -> str:
    anchors = "".join(f'<h2 id="{i}">x</h2>\n' for i in ids)
    hrefs = "".join(f'<a href="{link}">x</a>\n' for link in links)
    return f'<!DOCTYPE html>\n<html lang="sv">\n<body>\n{anchors}{hrefs}</body>\n</html>\n'


def site(links: dict[str, tuple[str, ...]], base_ids: dict[str, tuple[str, ...]] | None = None):
    """PageLinks for every page of FILES: `links` on the named pages, ids as given."""
    ids = {"2021/index.html": ("fokusomraden", "åtgärd"), "2021/skolmiljo/index.html": ("mal",),
           **(base_ids or {})}
    return {rel: collect(rel, page(*links.get(rel, ()), ids=ids.get(rel, ())))
            for rel in sorted(FILES) if rel.endswith(".html")}


def problems_for(rel: str, *links: str, base_url: str = BASE) -> list[tuple[str, str]]:
    """(code, link) for each problem the links on page `rel` give."""
    found = check(site({rel: links}), FILES, base_url)
    assert all(p.position.path == rel and p.severity == "warning" for p in found)
    return [(p.code, p.params["target"]) for p in found]


# -- collect ----------------------------------------------------------------------------------

def test_collect_finds_links_once_each_in_order_and_the_ids():
    html = ('<html><head><link rel="stylesheet" href="../static/style.css">'
            '<script src="../static/app.js"></script></head><body>'
            '<h1 id="top-heading">T</h1><a href="../">Home</a> <a href="#top-heading">up</a>'
            '<img src="a.png" srcset="a.png 1x, b.png 2x" alt=""><a href="../">again</a>'
            '<p id="r&#228;tt">x</p><div data-href="not-a-link"></div></body></html>')
    links = collect("2021/index.html", html)
    assert links.links == ("../static/style.css", "../static/app.js", "../", "#top-heading",
                           "a.png", "b.png")
    assert links.ids == {"top-heading", "rätt"}


def test_collect_reads_pages_written_another_way_tag_by_tag():
    """Single quotes, attributes on a new line, upper-case names and script text."""
    html = ("<html><body><a\nhref='../one/'>1</a><A HREF=\"../two/\">2</A>"
            "<p\n id='para'>x</p><a href=../three/>3</a>"
            "<script>document.write('<a href=\"../not-markup/\">');</script></body></html>")
    links = collect("2021/index.html", html)
    assert links.links == ("../one/", "../two/", "../three/")
    assert links.ids == {"para"}


def test_the_quick_reading_agrees_with_reading_tag_by_tag_on_every_built_page(kungsor_site):
    """The regex shortcut's assumption (attributes written ` name="…"`) holds for the real site."""
    from generator.linkcheck import _FAST, _ODD, _collect_by_tag

    pages = sorted(kungsor_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text("utf-8")
        assert not _ODD.search(html), f"{path.relative_to(kungsor_site)} is read tag by tag"
        assert _FAST.findall(html) == _collect_by_tag(html), path.relative_to(kungsor_site)


def test_text_that_mentions_an_attribute_is_not_a_link():
    html = '<p>Skriv href=&quot;x&quot; och id=5 i texten</p><a href="../">ok</a>'
    assert collect("2021/index.html", html).links == ("../",)


# -- check ------------------------------------------------------------------------------------

def test_relative_links_resolve_against_the_output_files():
    assert problems_for("2021/skolmiljo/index.html", "../../static/style.css", "../", "./", ".",
                        "../../", "../../en/", "../../data/focus_areas.csv", "../../feed.xml",
                        "index.html", "../skolmiljo/") == []
    assert problems_for("2021/skolmiljo/index.html", "../../saknas/", "../saknas.html",
                        "../../static/saknas.css", "./inte/") == [
        ("broken_link", "../../saknas/"), ("broken_link", "../saknas.html"),
        ("broken_link", "../../static/saknas.css"), ("broken_link", "./inte/")]


def test_a_folder_link_is_its_index_page():
    assert problems_for("index.html", "2021/", "2021/skolmiljo/", "2021") == []
    found = check(site({"index.html": ("static/",)}), FILES, BASE)
    assert [(p.code, p.params["resolved"]) for p in found] == [("broken_link", "static/index.html")]


def test_a_link_above_the_site_root_is_reported():
    assert problems_for("2021/index.html", "../../kontakt/", "../2021/../../x") == [
        ("link_outside_site", "../../kontakt/"), ("link_outside_site", "../2021/../../x")]
    assert problems_for("2021/index.html", "../", "../2021/../static/style.css") == []


def test_root_relative_links_are_resolved_under_the_sub_path():
    """The 404 page links from the base URL's path, since it is served at any depth."""
    assert problems_for("404.html", "/medborgarloften/", "/medborgarloften",
                        "/medborgarloften/2021/skolmiljo/", "/medborgarloften/static/style.css",
                        "/medborgarloften/2021/#fokusomraden") == []
    assert problems_for("en/404.html", "/medborgarloften/en/saknas/",
                        "/medborgarloften/2021/#x") == [
        ("broken_link", "/medborgarloften/en/saknas/"),
        ("broken_anchor", "/medborgarloften/2021/#x")]
    # Elsewhere on the municipality's host: not part of this site, not checked.
    assert problems_for("404.html", "/kontakt/", "/medborgarloftenx/") == []
    # Published at the host's root, the same links are site paths.
    assert problems_for("404.html", "/2021/", "/saknas/", base_url="http://127.0.0.1:8000/") == [
        ("broken_link", "/saknas/")]


def test_fragments_are_checked_on_the_same_and_on_other_pages():
    rel = "2021/skolmiljo/index.html"
    assert problems_for(rel, "#mal", "../#fokusomraden", "../../2021/#fokusomraden", "#",
                        "#top", "../#%C3%A5tg%C3%A4rd", "../../data/focus_areas.csv#row=2") == []
    found = check(site({rel: ("#saknas", "../#mal", "../../#mal")}), FILES, BASE)
    assert [(p.code, p.params["anchor"], p.params["page"]) for p in found] == [
        ("broken_anchor", "saknas", rel), ("broken_anchor", "mal", "2021/index.html"),
        ("broken_anchor", "mal", "index.html")]


def test_query_strings_and_entities_are_read_like_a_browser():
    assert problems_for("2021/index.html", "../static/style.css?v=3", "?sida=2",
                        "skolmiljo/?a=1&amp;b=2#mal", "../2021/skolmiljo/index.html?x#mal") == []
    assert problems_for("2021/index.html", "saknas/?a=1&amp;b=2") == [
        ("broken_link", "saknas/?a=1&b=2")]


def test_external_links_are_not_checked_but_the_sites_own_address_is():
    assert problems_for("index.html", "https://example.org/saknas/", "http://example.org/",
                        "//example.org/x", "mailto:info@example.org", "tel:0227-600000",
                        "https://www.kungsor.se/annat/", "ftp://www.kungsor.se/medborgarloften/x",
                        BASE, BASE + "2021/skolmiljo/#mal",
                        "HTTPS://WWW.KUNGSOR.SE/medborgarloften/en/") == []
    other_scheme = "http://www.kungsor.se/medborgarloften/x.csv"
    no_scheme = "//www.kungsor.se/medborgarloften/2021/#saknas"
    assert problems_for("index.html", BASE + "saknas/", other_scheme, no_scheme) == [
        ("broken_link", BASE + "saknas/"), ("broken_link", other_scheme),
        ("broken_anchor", no_scheme)]


def test_the_live_preview_script_is_not_a_broken_link():
    assert problems_for("index.html", "/livereload.js?port=8000", "/livereload",
                        base_url="http://127.0.0.1:8000/") == []


def test_check_knows_only_what_it_is_given():
    """No files: every internal link is broken (the check really looks them up)."""
    pages = {"index.html": PageLinks(("2021/", "#x"), frozenset())}
    assert [p.code for p in check(pages, set(), BASE)] == ["broken_link", "broken_link"]


def test_messages_name_the_link_and_say_where_to_look():
    [problem] = check(site({"2021/index.html": ("../saknas/",)}), FILES, BASE)
    en, sv = problem.render("en"), problem.render("sv")
    assert en.startswith("2021/index.html: warning: the link '../saknas/' leads nowhere")
    assert "search the source texts for '../saknas/'" in en and "template" in en
    assert sv.startswith("2021/index.html: varning: länken '../saknas/' leder inte till något")
    assert "sök efter '../saknas/' i källtexterna" in sv and "mall" in sv
    for code in LINK_CODES:
        assert code in messages.MESSAGES


# -- check_site -------------------------------------------------------------------------------

def write_site(root: Path, pages: dict[str, str]) -> Path:
    for rel in FILES:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages.get(rel, page()), encoding="utf-8")
    return root


def test_check_site_places_each_broken_link_at_its_line(tmp_path):
    html = page("../", "../saknas/", "#mal", "#saknas", ids=("mal",))
    root = write_site(tmp_path / "site", {"2021/skolmiljo/index.html": html})
    found = check_site(root, BASE)
    lines = html.splitlines()
    assert [(p.code, p.position.path, lines[p.position.line - 1]) for p in found] == [
        ("broken_link", "2021/skolmiljo/index.html", '<a href="../saknas/">x</a>'),
        ("broken_anchor", "2021/skolmiljo/index.html", '<a href="#saknas">x</a>')]
    assert all(p.position.column == len('<a href="') + 1 for p in found)
    collected = Problems()
    collected.extend(found)
    assert len(collected.warnings) == 2  # two links on one page stay two problems


# -- through the command line -----------------------------------------------------------------

BROKEN_MARKDOWN = ("former av stöd, vård eller andra lämpliga åtgärder.",
                   "former av stöd, vård eller andra lämpliga åtgärder. Se [kontakt](../../kontakten/) "
                   "och [målet](#finns-inte).")


def broken_content(tmp_path: Path) -> Path:
    """A copy of the real content where an editor's Markdown (the Swedish background of the
    school focus area) has a broken relative link and a broken #anchor; with a FICTIONAL complete
    accessibility statement, so the links are its only problems."""
    content = with_fictional_statement(copy_content(tmp_path))
    path = content / "2021" / "1-skolmiljo.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(BROKEN_MARKDOWN[0]) == 1, "the content changed: update the test"
    path.write_text(text.replace(*BROKEN_MARKDOWN), encoding="utf-8")
    return content


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_broken_link_in_the_sources_is_a_warning_naming_page_and_link(tmp_path):
    out = tmp_path / "_site"
    result = run_cli("build", "--content", broken_content(tmp_path), "--out", out, "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    link = [line for line in lines if "'../../kontakten/'" in line]
    anchor = [line for line in lines if "'#finns-inte'" in line]
    assert len(link) == 1 and link[0].startswith("2021/skolmiljo/index.html:"), result.stderr
    assert "warning: the link '../../kontakten/' leads nowhere on the site" in link[0]
    assert "(there is no kontakten/index.html)" in link[0]
    assert len(anchor) == 1 and anchor[0].startswith("2021/skolmiljo/index.html:"), result.stderr
    assert "warning: the link '#finns-inte' points to the anchor '#finns-inte'" in anchor[0]
    assert "No errors, 2 warnings." in result.stderr
    assert (out / "2021/skolmiljo/index.html").is_file()  # published despite the warnings
    assert 'href="../../kontakten/"' in (out / "2021/skolmiljo/index.html").read_text("utf-8")

    swedish = run_cli("build", "--content", tmp_path / "content", "--out", out, "--lang", "sv")
    assert swedish.returncode == 0
    assert "varning: länken '../../kontakten/' leder inte till något på webbplatsen" in swedish.stderr


def test_strict_refuses_to_publish_a_broken_link_and_keeps_the_old_site(tmp_path):
    out = tmp_path / "_site"
    # Not at the site's own address, so the data version is not frozen: the link is the only
    # reason for this build to fail.
    base = ["--base-url", "https://example.org/medborgarloften/"]
    assert run_cli("build", "--content", CONTENT, "--out", out, *base).returncode == 0
    before = tree_hashes(out)
    result = run_cli("build", "--content", broken_content(tmp_path), "--out", out, *base,
                     "--strict", "--lang", "en")
    assert result.returncode == 1, result.stderr
    link = [line for line in result.stderr.splitlines() if "'../../kontakten/'" in line]
    assert len(link) == 1 and link[0].startswith("2021/skolmiljo/index.html:")
    assert "warning:" not in link[0]  # now an error
    assert "2 errors, no warnings." in result.stderr
    assert "Nothing was published" in result.stderr
    assert tree_hashes(out) == before


@pytest.mark.parametrize("base_url", [None, "http://127.0.0.1:8000/"])
def test_the_real_content_builds_without_a_link_warning(tmp_path, base_url):
    out = tmp_path / "_site"
    args = ["build", "--content", CONTENT, "--out", out, "--lang", "en"]
    result = run_cli(*args, *(["--base-url", base_url] if base_url else []))
    assert result.returncode == 0, result.stderr
    for phrase in LINK_PHRASES:
        assert phrase not in result.stderr, result.stderr
    assert check_site(out, base_url or BASE) == []
    pages = [p for p in out.rglob("*.html")]
    assert len(pages) > 50 and sum(len(collect("", p.read_text("utf-8")).links) for p in pages) > 1000



def test_rebuilds_report_a_broken_link_for_as_long_as_it_is_there(tmp_path):
    """A link broken by an edit is reported on every build until it is mended."""
    content = copy_content(tmp_path)
    out = tmp_path / "_site"
    path = content / "2021" / "1-skolmiljo.yaml"
    good = path.read_text(encoding="utf-8")

    def warned() -> bool:
        result = run_cli("build", "--content", content, "--out", out, "--lang", "en",
                         "--base-url", "http://127.0.0.1:8000/")  # a preview: data may change
        assert result.returncode == 0, result.stderr
        return "'../../kontakten/'" in result.stderr

    assert not warned()
    assert not warned()
    path.write_text(good.replace(*BROKEN_MARKDOWN), encoding="utf-8")
    assert warned()
    assert warned()
    path.write_text(good, encoding="utf-8")
    assert not warned()
    assert not warned()
