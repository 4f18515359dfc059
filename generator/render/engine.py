"""Render planned pages with Jinja: one template per page kind, language from data and gettext.

Template lookup goes site overrides → theme, so a site can replace a single template without
copying the theme (like MkDocs' custom_dir).

A Renderer holds only data (content, plan, folders, base URL): the Jinja environment is made on
first use and left out of pickling, so a renderer can be sent to worker processes.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator.model import STATUSES, Content, Localized
from generator.render import i18n, tracker
from generator.render.markdown import is_safe_link, render_inline, render_markdown
from generator.render.pages import Page

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


class Renderer:
    def __init__(self, content: Content, pages: list[Page], theme_dirs: list[Path],
                 base_url: str) -> None:
        self.content = content
        self.pages = pages
        self.theme_dirs = list(theme_dirs)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.base_path = urlsplit(self.base_url).path or "/"
        self.by_key = {(p.key, p.lang): p for p in pages}
        self.locale_dirs = tuple(d / "locale" for d in theme_dirs)
        self.organisations = {o.id: o for o in content.organisations}
        self._env: Environment | None = None
        self._items: dict[tuple[str, str, str], Markup] = {}  # see tracker_item in context()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_env"] = None  # rebuilt in the receiving process
        state["_items"] = {}
        return state

    @property
    def env(self) -> Environment:
        if self._env is None:
            self._env = _environment(tuple(str(d) for d in self.theme_dirs),
                                     _template_files(self.theme_dirs))
        return self._env

    def render(self, page: Page) -> str:
        translations = i18n.translations(self.locale_dirs, page.lang)
        self.env.install_gettext_translations(translations, newstyle=True)
        template = self.env.get_template(page.template)
        return template.render(self.context(page))

    def counterparts(self, page: Page) -> list[tuple[str, Page]]:
        """The same page in every built language (itself included), in the site's order."""
        return [(other, self.by_key[(page.key, other)])
                for other in self.content.site.languages if (page.key, other) in self.by_key]

    def context(self, page: Page) -> dict[str, Any]:
        lang = page.lang
        site = self.content.site
        here = "/" + page.path
        root_relative = bool(page.context.get("root_relative"))
        translations = i18n.translations(self.locale_dirs, lang)

        def link(to_path: str) -> str:
            """Relative links work under any sub-path and from disk; the 404 page is served at
            unknown depths, so it links from the site's root path instead."""
            if root_relative:
                return self.base_path + to_path.lstrip("/")
            return relative(here, to_path)

        def has(key: str, target_lang: str | None = None) -> bool:
            return (key, target_lang or lang) in self.by_key

        def url(key: str, target_lang: str | None = None) -> str:
            target = self.by_key[(key, target_lang or lang)]
            return link("/" + target.path)

        def static(path: str) -> str:
            return link("/static/" + path)

        def site_path(path: str) -> str:
            """A link to any output file by its site-relative path, e.g. 'data/organisations.csv'."""
            return link("/" + path.lstrip("/"))

        def absolute(target: Page) -> str:
            return self.base_url + target.path

        def plain(value: Localized | None) -> str:
            """Text for <title> and attributes, where no markup (and so no lang) can go."""
            return (value.get(lang) or "") if value else ""

        def text(value: Localized | None, block: bool = False, markdown: bool = False) -> Markup:
            """Text in the page language; Swedish with lang="sv" and a note when untranslated."""
            if not value:
                return Markup("")
            raw = value.get(lang) or ""
            html = (render_markdown(raw) if block else render_inline(raw)) if markdown \
                else escape(raw)
            if not value.is_fallback(lang):
                return Markup(html)
            note = escape(translations.gettext("Only available in Swedish"))
            if block:
                return Markup(f'<div lang="sv">{html}</div>'
                              f'<p class="fallback-note">({note})</p>')
            return Markup(f'<span lang="sv">{html}</span> <span class="fallback-note">({note})</span>')

        def md(value: Localized | None) -> Markup:
            return text(value, block=True, markdown=True)

        def status_label(key: str) -> str:
            return STATUSES.get(key, (key, key))[0 if lang == "sv" else 1]

        def org_name(org_id: str) -> Markup:
            org = self.organisations.get(org_id)
            return text(org.name) if org else escape(org_id)

        def format_date(value, style: str = "long") -> str:
            return i18n.format_date(value, lang, style)

        def format_number(value) -> str:
            return i18n.format_number(value, lang)

        context = {
            **page.context,
            "page": page,
            "lang": lang,
            "site": site,
            "content": self.content,
            "organisations": self.organisations,
            "statuses": STATUSES,
            "alternates": self.counterparts(page),
            "language_names": LANGUAGE_NAMES,
            "canonical": absolute(page),
            "absolute": absolute,
            "has": has,
            "url": url,
            "static": static,
            "site_path": site_path,
            "plain": plain,
            "text": text,
            "md": md,
            "safe_link": is_safe_link,
            "status_label": status_label,
            "org_name": org_name,
            "format_date": format_date,
            "format_number": format_number,
            "tracker": tracker,
            "publisher_json_ld": publisher_json_ld(self.content, lang, self.base_url),
            # The downloads (sizes, checksums, codebook) for the data page; made on first use.
            "data_release": lambda: data_release(self.content, self.base_url),
        }

        def tracker_item(row: tracker.Row) -> Markup:
            """A commitment in a tracker list. Each one is listed on about six tracker pages
            (all, year, focus area, organisations, status), so its HTML is made once per
            language and link depth: it links only outside the tracker, where every tracker
            page at the same depth reaches by the same relative path."""
            key = (row.commitment.id, lang, link("/"))
            html = self._items.get(key)
            if html is None:
                item = self.env.get_template("_tracker_item.html")
                html = self._items[key] = Markup(item.render({**context, "row": row}))
            return html

        context["tracker_item"] = tracker_item
        return context


def _template_files(theme_dirs: list[Path]) -> tuple[str, ...]:
    """Which template files exist where: a template added to a site's own folder must replace
    the theme's at once, which Jinja's own up-to-date check (per loaded file) cannot see."""
    return tuple(sorted(str(path) for d in theme_dirs for path in (d / "templates").rglob("*")
                        if path.is_file()))


@lru_cache(maxsize=4)
def _environment(theme_dirs: tuple[str, ...], files: tuple[str, ...]) -> Environment:
    """One Jinja environment per theme folders and their template files, kept between builds in
    one process (`serve`): compiled templates are reused, and Jinja recompiles a template whose
    file changed."""
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(str(Path(d) / "templates")) for d in theme_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def data_release(content: Content, base_url: str):
    from generator.datasets import release

    return release(content, base_url)


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


@lru_cache(maxsize=8192)  # a page links to the same targets many times; pages share few pairs
def relative(from_path: str, to_path: str) -> str:
    """A link from one site path to another that works under any sub-path and from disk.

    Plain segment arithmetic (both paths are site-absolute): posixpath.relpath consults the
    working directory and was the single largest cost of rendering a big tracker.
    """
    from_parts = from_path.split("/")[1:-1]  # the folders of the page ("/a/b/" -> ["a", "b"])
    to_parts = to_path.split("/")[1:]
    common = 0
    while (common < len(from_parts) and common < len(to_parts) - 1
           and from_parts[common] == to_parts[common]):
        common += 1
    rel = "../" * (len(from_parts) - common) + "/".join(to_parts[common:])
    return rel or "./"
