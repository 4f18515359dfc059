"""The renderer's shortcuts give exactly what the plain way gives.

- A tracker item is rendered once per language with its links left as markers, then placed on
  every tracker page, at any folder depth, with that page's relative links.
- A `{% call shared(...) %}` block (the tracker's filters, the main menu, the footer) is made
  once per language and key, its links and `current` marks put in per page.
- UI strings go through our own gettext callables, which must behave like Jinja's newstyle
  gettext (markup, always %-formatted, variables escaped).

Uses the FICTIONAL fixture site, with a generated focus area long enough to page the tracker.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment
from markupsafe import Markup

from generator.problems import Problems
from generator.render import i18n
from generator.render.engine import Renderer, _Marks, _Placed, relative_links
from generator.render.pages import plan_pages
from generator.sources.loader import load_content
from test_tracker_pages import paged_content

THEME = Path(__file__).resolve().parent.parent / "themes" / "default"


@pytest.fixture(scope="module")
def renderer(tmp_path_factory) -> Renderer:
    content = load_content(paged_content(tmp_path_factory.mktemp("shortcuts")), Problems(), None)
    assert content is not None
    return Renderer(content, plan_pages(content), [THEME], "https://www.example.org/m/")


def test_a_shared_tracker_item_is_what_each_page_would_render_itself(renderer):
    tracker_pages = [p for p in renderer.pages if p.template == "tracker.html"]
    depths = {p.path.count("/") for p in tracker_pages}
    assert len(depths) >= 3, depths  # the point: pages in folders of different depths share items
    compared = 0
    for page in tracker_pages:
        renderer.env.globals.update(i18n.template_gettext(renderer.translations(page.lang)))
        context = renderer.context(page)
        macros = renderer.env.get_template("_macros.html").make_module(context)
        for row in page.context["rows"][:5]:
            own = macros.tracker_row(row)  # the macro as this page itself would show it
            shown = context["tracker_item"](row, macros.tracker_row)
            assert shown == Markup(own), (page.path, row.commitment.id)
            compared += 1
    assert compared > 50
    commitments = {row.commitment.id for p in tracker_pages for row in p.context["rows"]}
    assert len(renderer._items) <= 2 * len(commitments)  # once per language, not per page


def test_every_page_is_what_it_would_be_without_shared_blocks(renderer):
    """Each page rendered as it is, and again with `shared` rendering its block in place and
    `current` deciding at once: the same HTML, on every page of both languages."""
    compared = 0
    for page in renderer.pages:
        if page.key in ("data", "codebook") or page.key.startswith("data:"):
            continue  # the data pages need the release; they have no shared block of their own
        expected = renderer.render(page)
        context = renderer.context(page)
        context["shared"] = lambda *values, caller: caller()
        context["current"] = lambda key, page=page: (
            Markup(' aria-current="page"') if key == page.key else Markup(""))
        plain = renderer.env.get_template(page.template).render(context)
        assert expected == plain, page.path
        compared += 1
    assert compared > 50
    assert len(renderer._shared) < compared  # blocks were really shared


def test_marked_links_and_current_marks_are_filled_in_per_page():
    marks = _Marks()
    html = (f'<a href="{marks.link("/2031/a/")}#x"{marks.current("tracker")}>a</a> '
            f'<a href="{marks.link("/om/")}"{marks.current("about")}>b</a>')
    placed = _Placed(html, marks)
    assert placed.filled(relative_links("/uppfoljning/ar/2031/"), "about") == \
        '<a href="../../../2031/a/#x">a</a> <a href="../../../om/" aria-current="page">b</a>'
    assert placed.filled(relative_links("/"), "tracker") == \
        '<a href="2031/a/#x" aria-current="page">a</a> <a href="om/">b</a>'
    assert _Placed("no links & <b>", marks).filled(str, "x") == "no links & <b>"


def _relative_by_relpath(from_path: str, to_path: str) -> str:
    """What a relative link is, by the standard library (slow: it consults the working
    directory): from the page's folder to the target, a trailing slash kept."""
    def split(path: str) -> tuple[str, str]:  # ("/a/b/", "file.html"); the name may be ""
        return path[:path.rfind("/") + 1], path[path.rfind("/") + 1:]

    (from_folder, _), (to_folder, name) = split(from_path), split(to_path)
    folders = posixpath.relpath(to_folder, from_folder)
    return ("" if folders == "." else folders + "/") + name or "./"


site_paths = st.lists(st.sampled_from(["a", "b", "ab", "2031", "x.html"]), max_size=4).map(
    lambda parts: "/" + "".join(part + "/" for part in parts))


@given(from_path=st.one_of(site_paths, site_paths.map(lambda p: p + "index.html")),
       to_paths=st.lists(st.one_of(site_paths, site_paths.map(lambda p: p + "feed.xml"),
                                   site_paths.map(lambda p: p.rstrip("/") or "/")), max_size=6))
def test_relative_links_are_what_relpath_gives(from_path, to_paths):
    """The per-page linker agrees with posixpath.relpath for any page and targets, asked
    twice (the second answer comes from the page's own cache)."""
    link = relative_links(from_path)
    for to_path in to_paths + to_paths:
        expected = _relative_by_relpath(from_path, to_path)
        assert link(to_path) == expected, (from_path, to_path)
        assert posixpath.normpath(posixpath.join(from_path[:from_path.rfind("/") + 1],
                                                 link(to_path))) == posixpath.normpath(to_path)


def test_our_escape_shows_every_value_as_jinjas_own_does():
    """`{{ value }}` goes through our escape (Markup as it is, no copy); what it shows must
    be what Jinja's own escape shows, for Markup, its subclasses, str subclasses, numbers,
    None and objects with __html__."""
    from generator.render.engine import _Environment

    class Subclass(str):
        pass

    class MarkupSubclass(Markup):
        pass

    class HasHtml:
        def __html__(self):
            return "<i>own</i>"

    values = [Markup("<b>&amp;</b>"), MarkupSubclass("<u>"), "<&>\"'", Subclass("<s>"), 7, 1.5,
              None, HasHtml(), Markup("")]
    source = "{% for v in values %}[{{ v }}|{{ v ~ '<' }}]{% endfor %}{{ m }}"
    rendered = []
    for environment in (Environment(autoescape=True), _Environment(autoescape=True)):
        rendered.append(environment.from_string(source).render(values=values, m=Markup("<p>")))
    assert rendered[0] == rendered[1]
    assert "[<b>&amp;</b>|" in rendered[1] and "[&lt;&amp;&gt;&#34;&#39;|" in rendered[1]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_ui_strings_are_translated_as_jinja_newstyle_gettext_does(lang):
    locale_dirs = (THEME / "locale",)
    catalogue = i18n.translations(locale_dirs, lang)
    reference = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    reference.install_gettext_translations(catalogue, newstyle=True)
    ours = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    ours.install_null_translations(newstyle=True)
    ours.globals.update(i18n.template_gettext(catalogue))
    sources = [
        '{{ _("Follow-up") }}',
        '{{ _("Follow-up") }}{{ _("Follow-up") }}',  # the second comes from the cache
        '{{ _("Page %(number)s", number=3) }}',
        '{{ _("Page %(number)s", number="<b>&") }}',  # variables are escaped
        '{{ _("as of %(date)s", date="1 maj 2026") }}',
        '{{ _("100%% <safe>") }}',  # no variables: still %-formatted, and markup
        '{{ ngettext("%(num)s commitment", "%(num)s commitments", 1) }}',
        '{{ ngettext("%(num)s commitment", "%(num)s commitments", 7) }}',
        '{% trans n=2 %}{{ n }} x <i>{% endtrans %}',
        '{% trans count=3 %}{{ count }} item{% pluralize %}{{ count }} items{% endtrans %}',
    ]
    for source in sources:
        expected = reference.from_string(source).render()
        assert ours.from_string(source).render() == expected, source
    if lang == "sv":  # a real translation, not the message id
        assert ours.from_string('{{ _("Follow-up") }}').render() != "Follow-up"


def test_our_context_calls_as_jinjas_own_does():
    """Plain functions are called without Jinja's look for pass_context (see engine._Context);
    everything else, and what a call gives back, must be as in Jinja's own Context."""
    from jinja2 import pass_context, pass_environment

    from generator.render.engine import _Environment

    class CallableObject:
        def __call__(self, value):
            return f"object({value})"

    def stops():
        raise StopIteration

    functions = {
        "plain": lambda *args, **kwargs: f"plain{args}{sorted(kwargs.items())}",
        "with_context": pass_context(lambda context, value: f"{context['name']}:{value}"),
        "with_environment": pass_environment(lambda env, value: f"env:{value}:{env is not None}"),
        "stops": stops,
        "an_object": CallableObject(),
        "a_method": "x{}y".format,
    }
    source = (
        "{% macro m(a, b=2) %}[{{ a }}{{ b }}{{ plain(a, key=b) }}]{% endmacro %}"
        "{{ plain() }} {{ plain(1, 2, key='k') }} {{ with_context(3) }} {{ with_environment(4) }}"
        " {% if stops() is undefined %}stopped{% endif %} {{ an_object(5) }} {{ a_method(6) }}"
        " {{ m(7) }}"
        "{% for item in [8, 9] %}{% set name = 'loop' %}{{ plain(item) }}{{ with_context(item) }}"
        "{{ m(item, b=loop.index) }}{% endfor %}"
        "{% block b %}{% set name = 'block' %}{{ with_context(10) }}{{ plain(10) }}{% endblock %}"
    )
    rendered = []
    for environment in (Environment(autoescape=True), _Environment(autoescape=True)):
        environment.globals.update(functions)
        rendered.append(environment.from_string(source).render(name="page"))
    assert rendered[0] == rendered[1]
    for shown in ("loop:8", "block:10", "env:4:True", "stopped", "object(5)", "x6y", "[72"):
        assert shown in rendered[1]


