"""The page plan: which pages exist, at which path, in which language.

Every page exists once per language from the same template; `key` names the page independently
of language so each page can link to its counterpart (hreflang, the language switcher). Paths are
in the page's language (`om/` and `en/about/`), because a URL is part of what a reader reads.

The tracker is filterable without JavaScript: every filter (year, focus area, theme,
organisation, status) is a pre-built page of its own, so a filter is an ordinary link; a theme,
an organisation or a status is offered only where it has commitments. Long lists are split into
numbered pages of TRACKER_PAGE_SIZE commitments, so no page grows with the whole archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.model import Content
from generator.render import tracker

TRACKER_PAGE_SIZE = 50
# An organisation's page lists its commitments in this many newest promises (with the status of
# all of them); the tracker lists them all. A national site names the police in every promise.
ORGANISATION_PROMISES = 5

# Path segments per language. Keys are stable; the words are what readers see in the address.
SEGMENTS: dict[str, dict[str, str]] = {
    "sv": {"tracker": "uppfoljning", "year": "ar", "focus": "fokusomrade", "org": "organisation",
           "status": "status", "organisations": "organisationer", "about": "om-medborgarloften",
           "contact": "kontakt", "accessibility": "tillganglighet", "page": "sida",
           "themes": "teman", "theme": "tema", "codebook": "kodbok", "search": "sok"},
    "en": {"tracker": "tracker", "year": "year", "focus": "focus-area", "org": "organisation",
           "status": "status", "organisations": "organisations", "about": "about",
           "contact": "contact", "accessibility": "accessibility", "page": "page",
           "themes": "themes", "theme": "theme", "codebook": "codebook", "search": "search"},
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

    @property
    def searchable(self) -> bool:
        """In the search index (its <main> marked data-pagefind-body, see generator/search.py):
        the pages that say something of their own. The tracker's lists repeat what the focus-area
        pages say, and the 404 and search pages have nothing to find."""
        return self.key not in ("notfound", "search") and self.key.split(":")[0] != "tracker"


def language_prefix(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang}/"


def plan_pages(content: Content, data_versions: list[str] | tuple[str, ...] = ()) -> list[Page]:
    """`data_versions`: the versions of the data release, each with a page of its own."""
    site = content.site
    pages: list[Page] = []
    filters = tracker.filter_rows(content)  # computed once, shared by both languages
    status = {id(row.commitment): row.commitment.status for row in filters[None]}
    summaries = {flt: tracker.count(status[id(row.commitment)] for row in rows)
                 for flt, rows in filters.items()}
    # Only the filters with commitments have pages (see tracker.filter_rows); a status filter
    # says how many commitments it leads to.
    offered = {"theme_filters": tracker.offered(filters, "theme"),
               "org_filters": tracker.offered(filters, "org"),
               "status_filters": [(key, len(filters[("status", key)]))
                                  for key in tracker.offered(filters, "status")]}
    subjects = {flt: {**_tracker_subject(content, flt), **offered} for flt in filters}
    for lang in site.languages:
        prefix = language_prefix(lang, site.default_language)
        seg = SEGMENTS.get(lang, SEGMENTS["en"])
        pages.append(Page("home", lang, prefix, "home.html"))
        pages.append(Page("data", lang, f"{prefix}data/", "data.html"))
        pages.append(Page("codebook", lang, f"{prefix}data/{seg['codebook']}/", "codebook.html"))
        for version in data_versions:
            pages.append(Page(f"data:v{version}", lang, f"{prefix}data/v{version}/",
                              "data_version.html", {"version": version}))
        for promise in content.promises:
            pages.append(Page(f"promise:{promise.id}", lang, f"{prefix}{promise.id}/",
                              "promise.html", {"promise": promise}))
            for area in promise.focus_areas:
                pages.append(Page(f"focus:{area.id}", lang, f"{prefix}{promise.id}/{area.slug}/",
                                  "focus_area.html", {"promise": promise, "area": area}))
        pages.extend(_tracker_pages(filters, summaries, subjects, lang, prefix, seg))
        if site.themes:
            themes = f"{prefix}{seg['themes']}/"
            pages.append(Page("themes", lang, themes, "themes.html"))
            for theme in site.themes:
                pages.append(Page(f"theme:{theme.id}", lang, f"{themes}{theme.id}/", "theme.html",
                                  {"theme": theme,
                                   "history": tracker.theme_history(content, theme.id)}))
        organisations = f"{prefix}{seg['organisations']}/"
        pages.append(Page("organisations", lang, organisations, "organisations.html"))
        for org in content.organisations:
            rows = filters.get(("org", org.id), [])
            pages.append(Page(f"organisation:{org.id}", lang, f"{organisations}{org.id}/",
                              "organisation.html", {
                                  "organisation": org, "total": len(rows),
                                  "rows": tracker.in_newest_promises(rows, ORGANISATION_PROMISES),
                                  "summary": summaries.get(("org", org.id), [])}))
        pages.append(Page("about", lang, f"{prefix}{seg['about']}/", "about.html"))
        pages.append(Page("contact", lang, f"{prefix}{seg['contact']}/", "contact.html"))
        pages.append(Page("accessibility", lang, f"{prefix}{seg['accessibility']}/",
                          "accessibility.html"))
        # The search page; without JavaScript (or an index) it offers the tracker's filters.
        pages.append(Page("search", lang, f"{prefix}{seg['search']}/", "search.html",
                          {key: subjects[None][key]
                           for key in ("years", "more_years", "focus_promise", "theme_filters",
                                       "org_filters", "status_filters")}))
        pages.append(Page("notfound", lang, f"{prefix}{NOT_FOUND}", "404.html",
                          {"root_relative": True}))
    return pages


def _tracker_subject(content: Content, flt: tracker.Filter) -> dict:
    """What a tracker page of this filter shows besides its rows, the same in every language."""
    promise, area = tracker.subject(content, flt)
    years, more_years = tracker.year_choices(content, flt)
    if flt is None:
        unstated = tracker.unstated_areas([a for p in content.promises for a in p.focus_areas])
    elif flt[0] == "year" and promise is not None:
        unstated = tracker.unstated_areas(promise.focus_areas)
    elif flt[0] == "focus" and area is not None:
        unstated = tracker.unstated_areas([area])
    elif flt[0] == "theme":
        unstated = tracker.unstated_areas(tracker.theme_areas(content, flt[1]))
    else:
        unstated = []
    theme = content.theme(flt[1]) if flt and flt[0] == "theme" else None
    return {"subject_promise": promise, "subject_area": area, "subject_theme": theme,
            "unstated": unstated,
            "focus_promise": tracker.context_promise(content, flt),
            "years": years, "more_years": more_years}


def _tracker_pages(filters: dict[tracker.Filter, list[tracker.Row]], summaries: dict,
                   subjects: dict, lang: str, prefix: str, seg: dict[str, str]) -> list[Page]:
    """The whole tracker, then the pages of each filter value, each listing its commitments."""
    base = f"{prefix}{seg['tracker']}/"
    pages: list[Page] = []
    for flt, rows in filters.items():
        if flt is None:
            key, path = "tracker", base
        else:
            kind, value = flt
            key = f"tracker:{kind}:{value}"
            shown = value.replace("_", "-") if kind == "status" else value
            path = f"{base}{seg[kind]}/{shown}/"
        summary = summaries[flt]
        count = max(1, -(-len(rows) // TRACKER_PAGE_SIZE))
        for number in range(1, count + 1):
            start = (number - 1) * TRACKER_PAGE_SIZE
            pages.append(Page(
                key if number == 1 else f"{key}:{page_key_suffix(number)}", lang,
                path if number == 1 else f"{path}{seg['page']}/{number}/", "tracker.html",
                {"filter": flt, **subjects[flt],
                 "rows": rows[start:start + TRACKER_PAGE_SIZE], "total": len(rows),
                 "summary": summary, "first": start + 1,
                 "pagination": {"key": key, "number": number, "count": count}}))
    return pages


def page_key_suffix(number: int) -> str:
    """The key of a tracker list's n-th page (n >= 2), the same in every language."""
    return f"page:{number}"
