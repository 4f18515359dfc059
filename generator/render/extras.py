"""Site-wide files beside the pages: sitemap.xml with hreflang alternates, robots.txt, and an
Atom feed per language announcing new promises and follow-ups.

Everything is derived from the content, never from the clock, so builds stay byte-identical.
(The 404 page is a page of the plan, `notfound`, so it gets the theme and both languages.)
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from generator.model import Content
from generator.output import Output
from generator.render.engine import Renderer
from generator.render.pages import Page, language_prefix
from generator.sources.spec import period_bounds

FEED_FILE = "feed.xml"
FEED_ENTRIES = 100  # the newest; a feed announces news, the tracker holds the archive


def write_extras(content: Content, pages: list[Page], renderer: Renderer, output: Output,
                 base_url: str) -> None:
    """Files that are not pages of the plan. Called once per build after the pages."""
    for rel, text in extras(content, pages, renderer, base_url).items():
        output.write_text(rel, text)


def extras(content: Content, pages: list[Page], renderer: Renderer, base_url: str
           ) -> dict[str, str]:
    """The sitemap, robots.txt and each language's feed, by site-relative path."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    made = {"sitemap.xml": sitemap(pages, renderer, base),
            "robots.txt": f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"}
    for lang in content.site.languages:
        prefix = language_prefix(lang, content.site.default_language)
        made[f"{prefix}{FEED_FILE}"] = feed(content, renderer, base, lang, prefix)
    return made


def sitemap(pages: list[Page], renderer: Renderer, base: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in pages:
        if not page.in_sitemap:
            continue
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(base + page.path)}</loc>")
        for other, target in renderer.counterparts(page):
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" '
                         f'href={quoteattr(base + target.path)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _stamp(date: str) -> str:
    """Atom wants a full timestamp; the sources give days, so midnight UTC stands for the day."""
    return f"{date}T00:00:00Z"


def _day(value: str | None) -> str | None:
    """The first day (ISO) of a partial date, for sorting and Atom's timestamps; None when the
    date is not stated or is not a date (`continuous`)."""
    bounds = period_bounds(str(value)) if value else None
    return bounds[0].isoformat() if bounds else None


def feed(content: Content, renderer: Renderer, base: str, lang: str, prefix: str) -> str:
    """Entries: each promise (dated by its signing, else the first day of its first year, the
    start of the period it covers) and each dated report at every level (its date, else when it
    was published; a partial date stands for its first day). Newest first."""
    gettext = renderer.translations(lang).gettext
    site = content.site
    # (first day, link, promise or None, title of the area or promise, follow-up or None):
    # titles are made only for the entries shown (a big site has many thousands of candidates)
    candidates: list[tuple] = []
    for promise in content.promises:
        date = _day(promise.signed_date) or (f"{promise.start_year}-01-01"
                                             if promise.start_year else None)
        page = renderer.by_key.get((f"promise:{promise.id}", lang))
        if date and page:
            candidates.append((date, base + page.path, promise, None, None))
        reports: list[tuple] = [(page, promise.title, r) for r in promise.reports]
        reports += [(page, promise.title, f) for c in promise.own_commitments for f in c.follow_ups]
        for area in promise.focus_areas:
            area_page = renderer.by_key.get((f"focus:{area.id}", lang))
            reports += [(area_page, area.title, r) for r in area.reports]
            reports += [(area_page, area.title, f) for c in area.commitments for f in c.follow_ups]
        for where, title, follow in reports:
            day = _day(follow.date or follow.published)
            if day and where:
                candidates.append((day, f"{base}{where.path}#{follow.id}", None, title, follow))
    candidates.sort(key=lambda e: (e[0], e[1]), reverse=True)
    entries: list[tuple[str, str, str, str, str]] = []  # (date, id, title, link, summary)
    for date, link, promise, area, follow in candidates[:FEED_ENTRIES]:
        if promise is not None:
            entries.append((date, link, promise.title.get(lang) or promise.id, link,
                            promise.introduction.get(lang) or ""))
        else:
            title = gettext("Follow-up: %(area)s, %(date)s") % {
                "area": area.get(lang) or follow.id,
                "date": renderer.formatted("date", follow.date or follow.published, lang)}
            entries.append((date, link, title, link, follow.summary.get(lang) or ""))
    home = base + prefix
    updated = _stamp(entries[0][0]) if entries else None
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
             f"  <title>{escape(site.title.get(lang) or '')}</title>",
             f"  <id>{escape(home)}</id>",
             f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
             f'  <link rel="self" href={quoteattr(home + FEED_FILE)}/>',
             f"  <author><name>{escape(site.municipality_name.get(lang) or '')}</name></author>"]
    if updated:
        lines.append(f"  <updated>{updated}</updated>")
    for date, entry_id, title, link, summary in entries:
        lines += ["  <entry>",
                  f"    <title>{escape(title)}</title>",
                  f"    <id>{escape(entry_id)}</id>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
                  f"    <updated>{_stamp(date)}</updated>"]
        if summary:
            lines.append(f"    <summary>{escape(summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
