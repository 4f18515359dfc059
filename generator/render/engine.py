"""Render planned pages with Jinja: one template per page kind, language from data and gettext.

Template lookup goes site overrides → theme, so a site can replace a single template without
copying the theme (like MkDocs' custom_dir).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator.model import STATUSES, Content, Localized
from generator.render import i18n
from generator.render.markdown import render_inline, render_markdown
from generator.render.pages import Page


class Renderer:
    def __init__(self, content: Content, pages: list[Page], theme_dirs: list[Path],
                 base_url: str) -> None:
        self.content = content
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.by_key = {(p.key, p.lang): p for p in pages}
        self.env = Environment(
            loader=ChoiceLoader([FileSystemLoader(str(d / "templates")) for d in theme_dirs]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.locale_dirs = tuple(d / "locale" for d in theme_dirs)
        self.organisations = {o.id: o for o in content.organisations}

    def render(self, page: Page) -> str:
        translations = i18n.translations(self.locale_dirs, page.lang)
        self.env.install_gettext_translations(translations, newstyle=True)
        template = self.env.get_template(page.template)
        return template.render(self.context(page))

    def context(self, page: Page) -> dict[str, Any]:
        lang = page.lang
        site = self.content.site
        here = "/" + page.path

        def url(key: str, target_lang: str | None = None) -> str:
            target = self.by_key[(key, target_lang or lang)]
            return relative(here, "/" + target.path)

        def static(path: str) -> str:
            return relative(here, "/static/" + path)

        def site_path(path: str) -> str:
            """A link to any output file by its site-relative path, e.g. 'data/organisations.csv'."""
            return relative(here, "/" + path.lstrip("/"))

        def absolute(target: Page) -> str:
            return self.base_url + target.path

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

        translations = i18n.translations(self.locale_dirs, lang)
        alternates = [
            (other, self.by_key[(page.key, other)])
            for other in site.languages if (page.key, other) in self.by_key
        ]
        return {
            **page.context,
            "page": page,
            "lang": lang,
            "site": site,
            "content": self.content,
            "organisations": self.organisations,
            "statuses": STATUSES,
            "alternates": alternates,
            "canonical": absolute(page),
            "absolute": absolute,
            "url": url,
            "static": static,
            "site_path": site_path,
            "text": text,
            "md": lambda value: text(value, block=True, markdown=True),
            "status_label": lambda key: STATUSES[key][0 if lang == "sv" else 1],
            "org_name": lambda org_id: text(self.organisations[org_id].name)
            if org_id in self.organisations else escape(org_id),
            "format_date": lambda value, style="long": i18n.format_date(value, lang, style),
            "format_number": lambda value: i18n.format_number(value, lang),
        }


def relative(from_path: str, to_path: str) -> str:
    """A link from one site path to another that works under any sub-path and from disk."""
    from_dir = from_path if from_path.endswith("/") else posixpath.dirname(from_path) + "/"
    rel = posixpath.relpath(to_path, from_dir)
    if to_path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel == "./" or rel == "." else rel
