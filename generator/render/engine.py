"""Render planned pages with Jinja: one template per page kind, language from data and gettext.

Template lookup goes site overrides → theme, so a site can replace a single template without
copying the theme (like MkDocs' custom_dir).

A Renderer is made once per build (or per `serve` reload) and holds everything rendering needs:
the Jinja environment, the catalogues, the rendered Markdown and the data release shown on the
data page. Worker processes inherit it through fork.
"""

from __future__ import annotations

import json
import os
import re
from collections import abc, deque
from collections.abc import Callable
from pathlib import Path
from types import (
    AsyncGeneratorType,
    BuiltinMethodType,
    CodeType,
    CoroutineType,
    FrameType,
    FunctionType,
    GeneratorType,
    MethodType,
    SimpleNamespace,
    TracebackType,
)
from typing import Any
from urllib.parse import urlsplit

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    nodes,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from generator.model import STATUS_DEFINITIONS, STATUSES, Content, Localized
from generator.render import charts, i18n, tracker
from generator.render.faults import TemplateFault, own_folders, site_template_problem
from generator.render.markdown import Markdown, is_safe_link
from generator.render.pages import Page
from generator.render.themefiles import UnsafeThemeFile, mtime, read_theme_file, theme_files

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


class Renderer:
    def __init__(self, content: Content, pages: list[Page], theme_dirs: list[Path],
                 base_url: str, release: Any = None, env: Environment | None = None) -> None:
        """`release`: the data release the data page shows (generator.datasets.Release), or a
        function that makes it when first asked for. `env`: a Jinja environment for these
        theme folders made before (see `make_environment`)."""
        self.content = content
        self._release = release
        self.pages = pages
        self.theme_dirs = list(theme_dirs)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.base_path = urlsplit(self.base_url).path or "/"
        self.by_key = {(p.key, p.lang): p for p in pages}
        self.locale_dirs = tuple(d / "locale" for d in theme_dirs)
        self.organisations = {o.id: o for o in content.organisations}
        self.env = env if env is not None else make_environment(self.theme_dirs)
        self.markdown = Markdown()
        self._catalogues: dict[str, Any] = {}
        self._gettext: dict[str, dict[str, Callable[..., Markup]]] = {}
        self._formatted: dict[tuple, str] = {}  # Babel is slow; a site repeats few values
        # HTML shared by many pages, with per-page markers (see `_Placed`): tracker items by
        # commitment and language, `shared` blocks by language and key.
        self._items: dict[tuple[str, str], _Placed] = {}
        self._shared: dict[tuple, _Placed] = {}
        self._marks = _Marks()
        self._publisher: dict[str, Markup] = {}
        self._static_files: frozenset[str] | None = None

    def static_files(self) -> frozenset[str]:
        """The static files the site will have (the theme's and the site's own), so a template
        can show a logo or link a stylesheet only when the site supplies one."""
        if self._static_files is None:
            self._static_files = frozenset(rel for d in self.theme_dirs
                                           for rel, _ in theme_files(d / "static"))
        return self._static_files

    def data_release(self) -> Any:
        if callable(self._release):
            self._release = self._release()
        return self._release

    def translations(self, lang: str):
        """The merged gettext catalogue of a language (site overrides first, then theme)."""
        found = self._catalogues.get(lang)
        if found is None:
            found = self._catalogues[lang] = i18n.translations(self.locale_dirs, lang)
        return found

    def formatted(self, kind: str, value: Any, lang: str, style: str = "long") -> str:
        """A date or number as the language writes it."""
        key = (kind, value, lang, style)
        found = self._formatted.get(key)
        if found is None:
            found = self._formatted[key] = (i18n.format_date(value, lang, style)
                                            if kind == "date" else i18n.format_number(value, lang))
        return found

    def render(self, page: Page) -> str:
        """The page's HTML. A failure in one of the site's own templates is raised as a
        TemplateFault, placed at that template's line (see faults.py)."""
        try:
            gettext = self._gettext.get(page.lang)
            if gettext is None:
                gettext = self._gettext[page.lang] = i18n.template_gettext(
                    self.translations(page.lang))
            self.env.globals.update(gettext)
            template = self.env.get_template(page.template)
            return template.render(self.context(page))
        except UnsafeThemeFile as error:  # a link or FIFO put in since validation (serve)
            raise TemplateFault(error.problem()) from None
        except Exception as error:
            own = [d / "templates" for d in own_folders(self.theme_dirs)]
            problem = site_template_problem(error, own, page.path)
            if problem is None:
                raise
            raise TemplateFault(problem) from None

    def _publisher_json_ld(self, lang: str) -> Markup:
        """The same on every page of a language: made once (json.dumps per page was 3 % of
        rendering a big site)."""
        made = self._publisher.get(lang)
        if made is None:
            made = self._publisher[lang] = publisher_json_ld(self.content, lang, self.base_url)
        return made

    def counterparts(self, page: Page) -> list[tuple[str, Page]]:
        """The same page in every built language (itself included), in the site's order."""
        return [(other, self.by_key[(page.key, other)])
                for other in self.content.site.languages if (page.key, other) in self.by_key]

    def context(self, page: Page) -> dict[str, Any]:
        """What a page's template sees."""
        tools = _PageTools(self, page)
        return {
            **page.context,
            "page": page,
            "lang": page.lang,
            "site": self.content.site,
            "content": self.content,
            "organisations": self.organisations,
            "statuses": STATUSES,
            "alternates": self.counterparts(page),
            "language_names": LANGUAGE_NAMES,
            "canonical": tools.absolute(page),
            "absolute": tools.absolute,
            "has": tools.has,
            "url": tools.url,
            "current": tools.current,
            "shared": tools.shared,
            "static": tools.static,
            "has_static": tools.has_static,
            "site_path": tools.site_path,
            "plain": tools.plain,
            "text": tools.text,
            "md": tools.md,
            "safe_link": is_safe_link,
            "status_label": tools.status_label,
            "org_name": tools.org_name,
            "format_date": tools.format_date,
            "format_number": tools.format_number,
            "format_quantity": tools.format_quantity,
            "format_size": tools.format_size,
            "status_definitions": tools.status_definitions,
            "tracker": TRACKER,
            "charts": CHARTS,
            "tracker_item": tools.tracker_item,
            "publisher_json_ld": self._publisher_json_ld(page.lang),
            # The downloads (sizes, checksums, codebook) for the data page.
            "data_release": self.data_release,
        }


class _PageTools:
    """The functions a page's template calls, bound to that page and its language."""

    def __init__(self, renderer: Renderer, page: Page) -> None:
        self.renderer = renderer
        self.page = page
        self.lang = page.lang
        self.root_relative = bool(page.context.get("root_relative"))
        self.translations = renderer.translations(page.lang)
        self.marking = False  # inside shared HTML: links and `current` marks are left as markers
        self.relative = relative_links("/" + page.path)

    def link(self, to_path: str) -> str:
        """Relative links work under any sub-path and from disk; the 404 page is served at
        unknown depths, so it links from the site's root path instead."""
        if self.marking:
            return self.renderer._marks.link(to_path)
        if self.root_relative:
            return self.renderer.base_path + to_path.lstrip("/")
        return self.relative(to_path)

    def current(self, key: str) -> Markup:
        """` aria-current="page"` on a link to this very page (key as for `url`)."""
        if self.marking:
            return Markup(self.renderer._marks.current(key))
        return ARIA_CURRENT if key == self.page.key else Markup("")

    def shared(self, name: str, *values: Any, caller: Callable[[], str]) -> Markup:
        """`{% call shared(name, values...) %}...{% endcall %}`: the block is rendered once
        per language and values, and every page showing it gets that HTML with its own
        links and `current` marks put in. So the block may show only what follows from
        its name and values (and the language); a Promise or other model object counts by
        its id."""
        return self.placed(self.renderer._shared,
                           (self.lang, name, *(_key_of(value) for value in values)), caller)

    def tracker_item(self, row: tracker.Row, make: Callable[[tracker.Row], str]) -> Markup:
        """A commitment in a tracker list, as `make` (the `tracker_row` macro) shows it.
        Each one is listed on about six tracker pages (all, year, focus area,
        organisations, status) in folders of different depths, so its HTML is made once
        per language, with its links left as markers, and each page puts in its own
        relative links. A macro of the page's own template, not a template of its own:
        rendering one made a context and imported the macros for every commitment."""
        return self.placed(self.renderer._items, (row.commitment.id, self.lang), lambda: make(row))

    def placed(self, made: dict[tuple, _Placed], key: tuple, make: Callable[[], str]) -> Markup:
        """`make()` once per key, with markers for links and `current` marks; then the
        HTML with this page's links and marks put in."""
        found = made.get(key)
        if found is None:
            was, self.marking = self.marking, True
            try:
                found = made[key] = _Placed(make(), self.renderer._marks)
            finally:
                self.marking = was
        if self.marking:  # shared HTML inside shared HTML: filled in with the outer one
            return Markup(found.html)
        return Markup(found.filled(self.link, self.page.key))

    def has(self, key: str, target_lang: str | None = None) -> bool:
        return (key, target_lang or self.lang) in self.renderer.by_key

    def url(self, key: str, target_lang: str | None = None) -> str:
        target = self.renderer.by_key[(key, target_lang or self.lang)]
        return self.link("/" + target.path)

    def static(self, path: str) -> str:
        return self.link("/static/" + path)

    def has_static(self, path: str) -> bool:
        """Whether the site has this static file, e.g. a logo in content/_theme/static/."""
        return path in self.renderer.static_files()

    def site_path(self, path: str) -> str:
        """A link to any output file by its site-relative path, e.g. 'data/organisations.csv'."""
        return self.link("/" + path.lstrip("/"))

    def absolute(self, target: Page) -> str:
        return self.renderer.base_url + target.path

    def plain(self, value: Localized | None) -> str:
        """Text for <title> and attributes, where no markup (and so no lang) can go."""
        return (value.get(self.lang) or "") if value else ""

    def text(self, value: Localized | None, block: bool = False, markdown: bool = False) -> Markup:
        """Text in the page language; Swedish with lang="sv" and a note when untranslated."""
        if not value:
            return Markup("")
        raw = value.get(self.lang) or ""
        if markdown:
            html = self.renderer.markdown.block(raw) if block else self.renderer.markdown.inline(raw)
        else:
            html = escape(raw)
        if not value.is_fallback(self.lang):
            return Markup(html)
        note = escape(self.translations.gettext("Only available in Swedish"))
        if block:
            return Markup(f'<div lang="sv">{html}</div><p class="fallback-note">({note})</p>')
        return Markup(f'<span lang="sv">{html}</span> <span class="fallback-note">({note})</span>')

    def md(self, value: Localized | None) -> Markup:
        return self.text(value, block=True, markdown=True)

    def status_label(self, key: str) -> str:
        return STATUSES.get(key, (key, key))[0 if self.lang == "sv" else 1]

    def org_name(self, org_id: str) -> Markup:
        org = self.renderer.organisations.get(org_id)
        return self.text(org.name) if org else escape(org_id)

    def format_date(self, value: Any, style: str = "long") -> str:
        return self.renderer.formatted("date", value, self.lang, style)

    def format_number(self, value: Any) -> str:
        return self.renderer.formatted("number", value, self.lang)

    def format_quantity(self, value: Any) -> str:
        return i18n.format_quantity(value, self.lang)

    def format_size(self, size: int) -> str:
        return i18n.format_size(size, self.lang)

    def status_definitions(self) -> list[tuple[str, str, str]]:
        """(code, label, definition) of every status, for the codebook page."""
        index = 0 if self.lang == "sv" else 1
        return [(code, labels[index], STATUS_DEFINITIONS[code][index])
                for code, labels in STATUSES.items() if code in STATUS_DEFINITIONS]


_CURRENT_ATTRIBUTE = ' aria-current="page"'  # a str: Markup + str would escape the str
ARIA_CURRENT = Markup(_CURRENT_ATTRIBUTE)


class _Marks:
    """Markers for HTML shared by many pages: a link to a site path (NUL, number, SOH) or a
    `current` mark for a page key (STX, number, SOH). Each value gets a number once, so a
    marker is plain ASCII digits that no escaping changes. Sources cannot hold these control
    characters (YAML refuses them), so a marker is always one of ours."""

    LINK, CURRENT, END = "\x00", "\x02", "\x01"
    FOUND = re.compile("([\x00\x02])([0-9]+)\x01")

    def __init__(self) -> None:
        self.values: list[str] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def link(self, to_path: str) -> str:
        return f"{self.LINK}{self._number(self.LINK, to_path)}{self.END}"

    def current(self, key: str) -> str:
        return f"{self.CURRENT}{self._number(self.CURRENT, key)}{self.END}"

    def _number(self, kind: str, value: str) -> int:
        number = self._numbers.get((kind, value))
        if number is None:
            number = self._numbers[(kind, value)] = len(self.values)
            self.values.append(value)
        return number


class _Placed:
    """Shared HTML, split at its markers, and filled in for one page at a time."""

    def __init__(self, html: str, marks: _Marks) -> None:
        self.html = html
        head, *rest = marks.FOUND.split(html)
        self.head = head
        # (is a link, its site path or page key, the HTML up to the next marker)
        self.parts = [(rest[i] == marks.LINK, marks.values[int(rest[i + 1])], rest[i + 2])
                      for i in range(0, len(rest), 3)]

    def filled(self, link: Callable[[str], str], page_key: str) -> str:
        return self.head + "".join(
            (link(value) if is_link else _CURRENT_ATTRIBUTE if value == page_key else "") + after
            for is_link, value, after in self.parts)


def _key_of(value: Any) -> Any:
    """A `shared` block's key part: model objects by id, sequences item by item."""
    if isinstance(value, (list, tuple)):
        return tuple(_key_of(item) for item in value)
    return getattr(value, "id", value)


def make_environment(theme_dirs: list[Path]) -> Environment:
    """The Jinja environment pages are rendered with. Jinja's reload check is off: a renderer
    lives for one build (or one `serve` reload), so its templates cannot change under it.

    A site's own templates are the web team's input, so every template runs in Jinja's
    sandbox: no attribute that starts with `_` (no way from a helper to its module's globals,
    `os` and a shell), no call of what is marked unsafe, and no method that changes a list,
    dict or set. Templates are read through `ThemeLoader`: never through a symbolic link,
    never from a FIFO or device."""
    env = _Environment(
        auto_reload=False,
        loader=ChoiceLoader([ThemeLoader(d) for d in theme_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Newstyle: `{% trans %}` passes its variables to gettext, which formats them; the
    # callables themselves are set per language (see i18n.template_gettext).
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]  # by the i18n extension
    return env


class UnsafeName(Exception):
    """A line of a template reading names the sandbox refuses (that start with `_`), found
    before rendering: `{{ cycler.__init__ }}`, `{{ x["__class__"] }}`."""

    def __init__(self, filename: str | None, lineno: int, names: list[str]) -> None:
        self.message = ", ".join(f"'{name}'" for name in names)
        super().__init__(self.message)
        self.filename, self.lineno, self.names = filename, lineno, names


def syntax_errors(theme_dirs: list[Path], names: list[str]
                  ) -> list[tuple[str, TemplateSyntaxError | UnicodeDecodeError | UnsafeName]]:
    """The named templates (as the site's folders and the theme give them) that do not compile
    in the environment pages are rendered with, each with its error (with file and line), that
    are not UTF-8, or that read a name the sandbox refuses (each such place: the sandbox would
    refuse it only on a page that gets there)."""
    env = make_environment(theme_dirs)
    found: list[tuple[str, TemplateSyntaxError | UnicodeDecodeError | UnsafeName]] = []
    for name in names:
        try:
            assert env.loader is not None
            source, filename, _ = env.loader.get_source(env, name)
            tree = env.parse(source, name, filename)
            found += [(name, UnsafeName(filename, line, attrs))
                      for line, attrs in _unsafe_names(tree, source)]
            env.compile(tree, name, filename)
        except (TemplateSyntaxError, UnicodeDecodeError) as error:
            found.append((name, error))
    return found


def _unsafe_names(tree: nodes.Template, source: str) -> list[tuple[int, list[str]]]:
    """Each line with `x._name` or `x["_name"]` in a template, with those names as they come
    on the line."""
    by_line: dict[int, list[str]] = {}
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
              and isinstance(node.arg.value, str)):
            name = node.arg.value
        else:
            continue
        if name.startswith("_") and name not in by_line.setdefault(node.lineno, []):
            by_line[node.lineno].append(name)
    lines = source.splitlines()
    found = []
    for line, names in sorted(by_line.items()):
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found.append((line, sorted(names, key=lambda name: (text.find(name) % (len(text) + 1)))))
    return found


class ThemeLoader(FileSystemLoader):
    """Jinja's file loader for one theme's templates/, reading through `read_theme_file`: a
    template that is a link or not a regular file is refused (UnsafeThemeFile, not
    TemplateNotFound, so the next folder's template is not silently used instead)."""

    def __init__(self, theme: Path) -> None:
        super().__init__(str(theme / "templates"))
        self.theme = theme

    def get_source(self, environment, template: str):
        pieces = split_template_path(template)  # TemplateNotFound for '..'
        try:
            data = read_theme_file(self.theme, ("templates", *pieces))
        except (FileNotFoundError, NotADirectoryError):
            raise TemplateNotFound(template) from None
        filename = os.path.normpath(os.path.join(self.searchpath[0], *pieces))
        loaded = mtime(filename)

        def uptodate() -> bool:
            return mtime(filename) == loaded

        return data.decode(self.encoding), filename, uptodate


_PLAIN = (FunctionType, MethodType)


class _Context(Context):
    """Jinja's context, calling a plain function (our helpers, gettext: most calls in the
    templates) without looking for the attributes that would ask for the context first."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if __obj.__class__ not in _PLAIN or hasattr(__obj, "jinja_pass_arg"):
            return Context.call(__self, __obj, *args, **kwargs)
        if kwargs:  # what Jinja passes inside loops and blocks, for pass_context callables
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Context.call
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


class _Environment(ImmutableSandboxedEnvironment):
    context_class = _Context

    def getattr(self, obj: Any, attribute: str) -> Any:
        """The sandbox's `getattr`, with the answer it would give found faster for most
        accesses (`promise.title`, `loop.index`: a third of rendering time went to its checks).
        For an object of a plain class (`_plain_class`) and a name not starting with `_`, the
        sandbox's checks can only refuse a `format`/`format_map` method (which it wraps); any
        other value it returns as it is. Everything else goes through the sandbox's own."""
        cls = type(obj)
        plain = _PLAIN_CLASSES.get(cls)
        if plain is None:
            plain = _PLAIN_CLASSES[cls] = _plain_class(cls)
        if plain and attribute[:1] != "_" and obj.__class__ is cls:  # (a proxy may claim any class)
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                return ImmutableSandboxedEnvironment.getattr(self, obj, attribute)
            if value.__class__ not in _METHODS or value.__name__ not in _FORMATS:
                return value
        return ImmutableSandboxedEnvironment.getattr(self, obj, attribute)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        """The sandbox's `call`, without its checks for a plain function or method: one with
        nothing set on it (no `unsafe_callable` or `alters_data` mark, which the sandbox
        refuses, no `jinja_pass_arg`) and, for a method, not a `format`/`format_map` (Jinja
        before 3.1.5 wrapped those at the call; now at the lookup, see `getattr`). Our helpers
        and gettext are most calls in the templates. Such a call is made here as `_Context.call`
        makes it (nothing set on it: no `jinja_pass_arg`), saving a frame per call."""
        cls = __obj.__class__
        if cls is FunctionType:
            plain = not __obj.__dict__
        elif cls is MethodType:
            func = __obj.__func__
            plain = (func.__class__ is FunctionType and not func.__dict__
                     and func.__name__ not in _FORMATS)
        else:
            plain = False
        if not plain:
            return ImmutableSandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        if kwargs:  # as _Context.call
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.undefined(
                "value was undefined because a callable raised a StopIteration exception")


_PLAIN_CLASSES: dict[type, bool] = {}
_METHODS = (MethodType, BuiltinMethodType)
_FORMATS = ("format", "format_map")
# What the sandbox looks at an object's type for (jinja2.sandbox.is_internal_attribute and
# modifies_known_mutable), and str (whose format it wraps).
_NOT_PLAIN = (FunctionType, MethodType, type, CodeType, TracebackType, FrameType, GeneratorType,
              CoroutineType, AsyncGeneratorType, abc.MutableSet, abc.MutableMapping,
              abc.MutableSequence, deque, str)


def _plain_class(cls: type) -> bool:
    """Whether the sandbox decides on an attribute of this class's objects by its name alone
    (refused when it starts with `_`): no function, method, type, code, frame, generator,
    mutable container or string."""
    return not issubclass(cls, _NOT_PLAIN)


# The tracker's functions for templates: its own public functions and classes only, not the
# module (whose other names, what it imports, a template has no business reaching).
TRACKER = SimpleNamespace(**{
    name: value for name, value in vars(tracker).items()
    if not name.startswith("_") and getattr(value, "__module__", None) == tracker.__name__})
# The charts' geometry (generator/render/charts.py), the same way.
CHARTS = SimpleNamespace(**{
    name: value for name, value in vars(charts).items()
    if not name.startswith("_") and getattr(value, "__module__", None) == charts.__name__})


def publisher_json_ld(content: Content, lang: str, base_url: str) -> Markup:
    """schema.org description of the publisher, only from what site.yaml states."""
    site = content.site
    org: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": site.municipality_name.get(lang) or "",
        "url": base_url,
    }
    contact = site.contact
    if contact.phone:
        org["telephone"] = contact.phone
    if contact.email:
        org["email"] = contact.email
    if contact.visiting_address:
        org["address"] = {"@type": "PostalAddress", "streetAddress": contact.visiting_address,
                          "addressCountry": "SE"}
    if site.organisation_number:
        org["identifier"] = {"@type": "PropertyValue", "propertyID": "organisationsnummer",
                             "value": site.organisation_number}
    data = json.dumps(org, ensure_ascii=False, indent=1, sort_keys=True)
    # "</script>" or "<!--" inside a value must not end the script element.
    return Markup(data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def relative_links(from_path: str) -> Callable[[str], str]:
    """Links from one site path to others (both site-absolute) that work under any sub-path
    and from disk: `relative_links("/a/b/")("/a/c.html") == "../c.html"`.

    Made once per page. A page links to some targets many times, and a big site's pages
    together link to far more pairs than a shared cache holds, so each page keeps its own.
    The target is compared with the page's folder and each folder above it, longest first:
    posixpath.relpath consults the working directory and was the single largest cost of
    rendering a big tracker.
    """
    folder = from_path[:from_path.rfind("/") + 1]
    folders = [(folder, "")]
    while folder not in ("/", ""):
        folder = folder[:folder.rfind("/", 0, -1) + 1]
        folders.append((folder, "../" * len(folders)))
    known: dict[str, str] = {}

    def link(to_path: str) -> str:
        rel = known.get(to_path)
        if rel is None:
            for prefix, up in folders:
                if to_path.startswith(prefix):
                    rel = up + to_path[len(prefix):]
                    break
            rel = known[to_path] = rel or "./"
        return rel

    return link
