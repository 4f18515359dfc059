"""The page plan: which pages exist, at which path, in which language.

Every page exists once per language from the same template; `key` names the page independently
of language so each page can link to its counterpart (hreflang, the language switcher). Paths are
in the page's language (`om/` and `en/about/`), because a URL is part of what a reader reads.

The tracker is filterable without JavaScript: every filter (year, focus area, organisation,
status) is a pre-built page of its own, so a filter is an ordinary link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.model import STATUSES, Content

# Path segments per language. Keys are stable; the words are what readers see in the address.
SEGMENTS: dict[str, dict[str, str]] = {
    "sv": {"tracker": "uppfoljning", "year": "ar", "focus": "fokusomrade", "org": "organisation",
           "status": "status", "organisations": "organisationer", "about": "om-medborgarloften",
           "contact": "kontakt", "accessibility": "tillganglighet"},
    "en": {"tracker": "tracker", "year": "year", "focus": "focus-area", "org": "organisation",
           "status": "status", "organisations": "organisations", "about": "about",
           "contact": "contact", "accessibility": "accessibility"},
}
NOT_FOUND = "404.html"


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

    @property
    def in_sitemap(self) -> bool:
        """The 404 page is a fallback, not a page of its own to index."""
        return self.key != "notfound"


def language_prefix(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang}/"


def plan_pages(content: Content) -> list[Page]:
    site = content.site
    pages: list[Page] = []
    for lang in site.languages:
        prefix = language_prefix(lang, site.default_language)
        seg = SEGMENTS.get(lang, SEGMENTS["en"])
        pages.append(Page("home", lang, prefix, "home.html"))
        pages.append(Page("data", lang, f"{prefix}data/", "data.html"))
        for promise in content.promises:
            pages.append(Page(f"promise:{promise.id}", lang, f"{prefix}{promise.id}/",
                              "promise.html", {"promise": promise}))
            for area in promise.focus_areas:
                pages.append(Page(f"focus:{area.id}", lang, f"{prefix}{promise.id}/{area.slug}/",
                                  "focus_area.html", {"promise": promise, "area": area}))
        pages.extend(_tracker_pages(content, lang, prefix, seg))
        organisations = f"{prefix}{seg['organisations']}/"
        pages.append(Page("organisations", lang, organisations, "organisations.html"))
        for org in content.organisations:
            pages.append(Page(f"organisation:{org.id}", lang, f"{organisations}{org.id}/",
                              "organisation.html", {"organisation": org}))
        pages.append(Page("about", lang, f"{prefix}{seg['about']}/", "about.html"))
        pages.append(Page("contact", lang, f"{prefix}{seg['contact']}/", "contact.html"))
        pages.append(Page("accessibility", lang, f"{prefix}{seg['accessibility']}/",
                          "accessibility.html"))
        pages.append(Page("notfound", lang, f"{prefix}{NOT_FOUND}", "404.html",
                          {"root_relative": True}))
    return pages


def _tracker_pages(content: Content, lang: str, prefix: str, seg: dict[str, str]) -> list[Page]:
    """The whole tracker, then one page per filter value; each lists the matching commitments."""
    base = f"{prefix}{seg['tracker']}/"
    pages = [Page("tracker", lang, base, "tracker.html", {"filter": None})]
    for promise in content.promises:
        pages.append(Page(f"tracker:year:{promise.id}", lang, f"{base}{seg['year']}/{promise.id}/",
                          "tracker.html", {"filter": ("year", promise.id)}))
    for promise in content.promises:
        for area in promise.focus_areas:
            pages.append(Page(f"tracker:focus:{area.id}", lang,
                              f"{base}{seg['focus']}/{area.id}/", "tracker.html",
                              {"filter": ("focus", area.id)}))
    for org in content.organisations:
        pages.append(Page(f"tracker:org:{org.id}", lang, f"{base}{seg['org']}/{org.id}/",
                          "tracker.html", {"filter": ("org", org.id)}))
    for status in STATUSES:
        pages.append(Page(f"tracker:status:{status}", lang,
                          f"{base}{seg['status']}/{status.replace('_', '-')}/", "tracker.html",
                          {"filter": ("status", status)}))
    return pages
