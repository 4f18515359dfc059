"""The page plan: which pages exist, at which path, in which language.

Every page exists once per language from the same template; `key` names the page independently
of language so each page can link to its counterpart (hreflang, the language switcher).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.model import Content


@dataclass
class Page:
    key: str
    lang: str
    path: str  # site-relative URL path, "" for the Swedish home, "en/2021/" for an English page
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def output_file(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


def language_prefix(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang}/"


def plan_pages(content: Content) -> list[Page]:
    site = content.site
    pages: list[Page] = []
    for lang in site.languages:
        prefix = language_prefix(lang, site.default_language)
        pages.append(Page("home", lang, prefix, "home.html"))
        pages.append(Page("data", lang, f"{prefix}data/", "data.html"))
        for promise in content.promises:
            pages.append(Page(f"promise:{promise.id}", lang, f"{prefix}{promise.id}/",
                              "promise.html", {"promise": promise}))
            for area in promise.focus_areas:
                pages.append(Page(f"focus:{area.id}", lang, f"{prefix}{promise.id}/{area.slug}/",
                                  "focus_area.html", {"promise": promise, "area": area}))
    return pages
