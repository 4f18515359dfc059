"""A mistake in a site's own template (content/_theme/templates/) or translation file
(content/_theme/locale/) is reported like bad content:
`file:line: what is wrong (how to fix it)`, a non-zero exit, nothing published, no traceback.
Templates that do not compile are all found before rendering; a failure while rendering is
placed at the innermost line of the site's own template. A failure in the theme's own templates
stays an internal error. FICTIONAL content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from conftest import copy_content, run_cli
from sitecheck import FICTIONAL

from generator.build import DEFAULT_THEME, BuildOptions, build
from generator.problems import Problems
from generator.render.engine import Renderer
from generator.render.faults import TemplateFault
from generator.render.pages import plan_pages
from generator.sources.loader import load_content

CONTACT_OK = '{% extends "base.html" %}\n{% block main %}\n<h1>Kontakt</h1>\n{% endblock %}\n'

BROKEN = {
    "an undefined name": ('{% extends "base.html" %}\n{% block main %}\n<h1>Kontakt</h1>\n'
                          '<p>{{ phone_numbr }}</p>\n{% endblock %}\n', 4, "UndefinedError"),
    "a syntax error": ('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n',
                       3, "has a syntax error: Expected an expression"),
    "a wrong call of a helper": ('{% extends "base.html" %}\n{% block main %}\n\n'
                                 '{{ url() }}\n{% endblock %}\n', 4, "TypeError"),
    "a missing parent template": ('{% extends "basis.html" %}\n', 1, "TemplateNotFound"),
}


def _site_with_contact_template(tmp_path: Path, template: str) -> Path:
    content = copy_content(tmp_path, FICTIONAL)
    (content / "_theme" / "templates").mkdir(parents=True)
    (content / "_theme" / "templates" / "contact.html").write_text(template, encoding="utf-8")
    return content


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("mistake", sorted(BROKEN))
def test_a_broken_site_template_is_placed_at_its_line_and_nothing_is_published(tmp_path, mistake):
    content = _site_with_contact_template(tmp_path, CONTACT_OK)
    out = tmp_path / "_site"
    assert run_cli("build", "--content", content, "--out", out).returncode == 0
    published = _files(out)
    assert "<h1>Kontakt</h1>" in (out / "kontakt" / "index.html").read_text(encoding="utf-8")

    template, line, kind = BROKEN[mistake]
    (content / "_theme" / "templates" / "contact.html").write_text(template, encoding="utf-8")
    result = run_cli("build", "--content", content, "--out", out)

    assert result.returncode == 1, result.stderr
    assert f"_theme/templates/contact.html:{line}:" in result.stderr.replace("\\", "/")
    assert f"contact.html:{line}:1: the site's own template " in result.stderr.replace("\\", "/")
    assert kind in result.stderr
    assert "delete the file to use the theme's template" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "Nothing was published" in result.stderr
    assert _files(out) == published


def test_the_message_reads_in_swedish_too(tmp_path):
    content = _site_with_contact_template(tmp_path, BROKEN["an undefined name"][0])
    result = run_cli("build", "--content", content, "--out", tmp_path / "_site",
                     env={"MEDBORGARLOFTEN_LANG": "sv"})
    assert result.returncode == 1
    assert "contact.html:4:1: webbplatsens egen mall ger ett fel när sidan kontakt/ byggs" \
        in result.stderr.replace("\\", "/")


def test_a_template_failing_in_a_worker_process_is_reported_the_same(tmp_path):
    """Big sites render in forked workers: the fault crosses the process boundary intact."""
    content = _site_with_contact_template(tmp_path, BROKEN["an undefined name"][0])
    result = build(BuildOptions(content_dir=content, out_dir=tmp_path / "_site", jobs=2))
    assert not result.written
    (problem,) = result.problems.errors
    assert problem.code == "template_error"
    assert problem.position.path.replace("\\", "/").endswith("_theme/templates/contact.html")
    assert problem.position.line == 4 and "phone_numbr" in problem.params["detail"]
    assert not (tmp_path / "_site").exists()


def test_a_failure_in_the_themes_own_templates_stays_an_internal_error(tmp_path):
    """Only the site's own folders are the editor's input; the theme's are the program's."""
    theme = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, theme)
    contact = theme / "templates" / "contact.html"
    contact.write_text(BROKEN["an undefined name"][0], encoding="utf-8")
    own = tmp_path / "own"  # a site folder with a template of its own that works
    (own / "templates").mkdir(parents=True)
    (own / "templates" / "about.html").write_text(CONTACT_OK, encoding="utf-8")

    content = load_content(FICTIONAL, Problems())
    pages = plan_pages(content)
    renderer = Renderer(content, pages, [own, theme], "https://example.org/")
    page = next(p for p in pages if p.template == "contact.html")
    with pytest.raises(UndefinedError):
        renderer.render(page)
    about = next(p for p in pages if p.template == "about.html")
    assert "<h1>Kontakt</h1>" in renderer.render(about)

    contact.rename(own / "templates" / "contact.html")  # now it is the site's own
    renderer = Renderer(content, pages, [own, theme], "https://example.org/")
    with pytest.raises(TemplateFault) as raised:
        renderer.render(page)
    assert raised.value.problem.position.line == 4


def test_every_site_template_that_does_not_compile_is_reported_at_once(tmp_path):
    """Rendering stops at the first failing page; the syntax of all the site's templates is
    checked before, with the sources, by `build` and `validate` alike."""
    content = _site_with_contact_template(tmp_path, BROKEN["a syntax error"][0])
    (content / "_theme" / "templates" / "about.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<p>ok</p>\n{% for x in %}\n{% endblock %}\n',
        encoding="utf-8")
    (content / "_theme" / "templates" / "notes.txt").write_bytes(b"\xff not a template\n")
    for command in (["validate", "--content", content],
                    ["build", "--content", content, "--out", tmp_path / "_site"]):
        result = run_cli(*command)
        shown = result.stderr.replace("\\", "/")
        assert result.returncode == 1, shown
        assert "_theme/templates/about.html:4:1: the site's own template has a syntax error" in shown
        assert "_theme/templates/contact.html:3:1: the site's own template has a syntax error" in shown
        assert "2 errors" in shown and "notes.txt" not in shown and "Traceback" not in shown
    assert not (tmp_path / "_site").exists()


def test_a_site_template_not_saved_as_utf8_is_named(tmp_path):
    content = _site_with_contact_template(tmp_path, CONTACT_OK)
    (content / "_theme" / "templates" / "contact.html").write_bytes(
        "<p>Kontakt på latin-1</p>\n".encode("latin-1"))
    result = run_cli("validate", "--content", content)
    assert result.returncode == 1
    assert "_theme/templates/contact.html: the file is not saved as UTF-8" in \
        result.stderr.replace("\\", "/")


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
CATALOGUE_MISTAKES = {
    "an unterminated quote": (PO_HEADER + 'msgid "Contact"\nmsgstr "Kontakta oss\n\nmsgid x\n',
                              8, "the translation file cannot be read"),
    "a renamed placeholder": (PO_HEADER + 'msgid "Page %(number)s"\nmsgstr "Sida %(nummer)s"\n',
                              5, "the translation of \"Page %(number)s\" does not fit the text it "
                                 "translates: unknown named placeholder 'nummer'"),
}


@pytest.mark.parametrize("mistake", sorted(CATALOGUE_MISTAKES))
def test_a_broken_site_catalogue_is_placed_at_its_line(tmp_path, mistake):
    """Babel would skip what it cannot read (printing warnings of its own), and a renamed
    placeholder would fail the pages using it with a KeyError."""
    text, line, message = CATALOGUE_MISTAKES[mistake]
    content = copy_content(tmp_path, FICTIONAL)
    catalogue = content / "_theme" / "locale" / "sv" / "LC_MESSAGES" / "messages.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(text, encoding="utf-8")
    for command in (["validate", "--content", content],
                    ["build", "--content", content, "--out", tmp_path / "_site"]):
        result = run_cli(*command)
        shown = result.stderr.replace("\\", "/")
        assert result.returncode == 1, shown
        assert f"_theme/locale/sv/LC_MESSAGES/messages.po:{line}:1: {message}" in shown
        assert "WARNING" not in result.stdout + shown and "Traceback" not in shown
    assert not (tmp_path / "_site").exists()

    catalogue.write_bytes((PO_HEADER + 'msgid "Contact"\nmsgstr "Kontakt på"\n').encode("latin-1"))
    result = run_cli("validate", "--content", content)
    assert result.returncode == 1
    assert "messages.po: the file is not saved as UTF-8" in result.stderr


def test_a_good_site_catalogue_passes_and_is_used(tmp_path):
    content = copy_content(tmp_path, FICTIONAL)
    catalogue = content / "_theme" / "locale" / "sv" / "LC_MESSAGES" / "messages.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(PO_HEADER + 'msgid "as of %(date)s"\nmsgstr "läge den %(date)s"\n',
                         encoding="utf-8")
    result = run_cli("build", "--content", content, "--out", tmp_path / "_site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    tracker = (tmp_path / "_site" / "uppfoljning" / "index.html").read_text(encoding="utf-8")
    assert '<span class="status-date">läge den ' in tracker


def test_the_themes_own_catalogues_and_templates_pass_the_same_checks(tmp_path):
    """The checks a site's theme folder gets, run on the default theme (as if it were a site's
    own folder, in front of an empty theme)."""
    from generator.render.faults import check_site_templates
    from generator.render.i18n import check_site_catalogues

    problems = Problems()
    check_site_catalogues([DEFAULT_THEME, tmp_path], problems)
    check_site_templates([DEFAULT_THEME, tmp_path], problems)
    assert not problems.sorted(), [p.render("en") for p in problems.sorted()]
    assert list((DEFAULT_THEME / "locale").glob("*/LC_MESSAGES/messages.po"))


def test_a_site_copy_of_older_macros_is_named_when_a_theme_template_needs_a_new_one(tmp_path):
    """A site that copied _macros.html from an older theme lacks macros the theme's templates
    import now (tracker_row): the failure is in the theme's tracker.html, but Jinja's message
    names the site's file, which is what to fix or delete."""
    macros = (DEFAULT_THEME / "templates" / "_macros.html").read_text(encoding="utf-8")
    start = macros.index("{% macro tracker_row(row) %}")
    older = macros[:start] + macros[macros.index("{% endmacro %}", start) + len("{% endmacro %}"):]
    content = copy_content(tmp_path, FICTIONAL)
    (content / "_theme" / "templates").mkdir(parents=True)
    (content / "_theme" / "templates" / "_macros.html").write_text(older, encoding="utf-8")
    result = run_cli("build", "--content", content, "--out", tmp_path / "_site")
    shown = result.stderr.replace("\\", "/")
    assert result.returncode == 1, shown
    assert ("_theme/templates/_macros.html: the theme needs something the site's own copy of this "
            "template lacks, while building the page") in shown
    assert "compare the file with the theme's in themes/default/templates/" in shown
    assert "does not export the requested name 'tracker_row'" in shown
    assert "internal error" not in shown and not (tmp_path / "_site").exists()
