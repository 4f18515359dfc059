"""The translation report: every text that has Swedish but no English, with its file and line.

Each missing translation is a warning with code "untranslated", so the build prints it like any
other problem and `--strict` makes it an error. Pages still build without it: the renderer
shows the Swedish text with lang="sv" and a visible note.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Commitment, Content, FollowUp, Localized, Promise, Source
from generator.problems import Position, Problems


def untranslated(content: Content) -> Iterator[tuple[Localized, str, Position | None]]:
    """(text, key, fallback position) for every Localized of the model lacking English."""
    site = content.site
    texts: list[tuple[Localized, str, Position | None]] = [
        (site.title, "title", site.pos),
        (site.municipality_name, "municipality.name", site.pos),
        (site.police_area, "police_area", site.pos),
        (site.contact.opening_hours, "contact.opening_hours", site.pos),
        (site.accessibility.assessment_method, "accessibility.assessment_method", site.pos),
    ]
    texts += [(gap, "accessibility.known_gaps", site.pos) for gap in site.accessibility.known_gaps]
    for org in content.organisations:
        texts.append((org.name, "name", org.pos))
    for theme in site.themes:
        texts += [(theme.title, "title", theme.pos), (theme.description, "description", theme.pos)]
    for promise in content.promises:
        texts += _promise_texts(promise)
    for value, key, fallback in texts:
        if value and value.sv and not value.en:
            yield value, key, fallback


def _promise_texts(promise: Promise) -> list[tuple[Localized, str, Position | None]]:
    """A promise's texts that lack English, kept on the promise (which never changes once
    loaded: `serve` keeps unchanged promises between saves)."""
    found = promise.__dict__.get("_untranslated")
    if found is not None:
        return found
    texts: list[tuple[Localized, str, Position | None]] = []
    for key in ("title", "headline", "signing", "introduction", "situation_meetings",
                "background"):
        texts.append((getattr(promise, key), key, promise.pos))
    texts += [(aim, "aims", promise.pos) for aim in promise.aims]
    texts += [(s.role, "role", s.pos) for s in promise.signatories]
    texts += [(s.text, "text", s.pos) for s in promise.statements]
    texts += _source_texts(promise.sources)
    texts += _report_texts(promise.reports)
    for area in promise.focus_areas:
        for key in ("title", "goal", "description", "background", "cause_analysis"):
            texts.append((getattr(area, key), key, area.pos))
        texts += _commitment_texts(area.commitments)
        texts += _report_texts(area.reports)
    texts += _commitment_texts(promise.own_commitments)
    found = promise.__dict__["_untranslated"] = [
        (value, key, fallback) for value, key, fallback in texts
        if value and value.sv and not value.en]
    return found


def _commitment_texts(commitments: list[Commitment]
                      ) -> list[tuple[Localized, str, Position | None]]:
    texts: list[tuple[Localized, str, Position | None]] = []
    for c in commitments:
        texts += [(c.text, "text", c.pos), (c.target_unit, "target.unit", c.pos),
                  (c.target_text, "target.text", c.pos), (c.indicator, "indicator", c.pos)]
        texts += _report_texts(c.follow_ups)
    return texts


def _source_texts(sources: list[Source]) -> list[tuple[Localized, str, Position | None]]:
    return [(s.title, "title", s.pos) for s in sources]


def _report_texts(reports: list[FollowUp]) -> list[tuple[Localized, str, Position | None]]:
    """A report's texts at any level: its reason and summary, its actions (with their counts'
    units and results) and evidence, and its sources' titles."""
    texts: list[tuple[Localized, str, Position | None]] = []
    for f in reports:
        texts += [(f.reason, "reason", f.pos), (f.summary, "summary", f.pos)]
        for a in f.actions:
            texts += [(a.description, "description", a.pos), (a.result, "result", a.pos)]
            if a.count is not None:
                texts.append((a.count.unit, "count.unit", a.pos))
        texts += [(e.title, "title", e.pos) for e in f.evidence]
        texts += _source_texts(f.sources)
    return texts


def check_translations(content: Content, problems: Problems) -> int:
    """Warn once per untranslated text when the site is built in English; returns the count."""
    if "en" not in content.site.languages:
        return 0
    count = 0
    for value, key, fallback in untranslated(content):
        # The Swedish text remembers where it was written; point the editor there.
        position = getattr(value.sv, "pos", None) or fallback or Position("content")
        problems.add(position, "untranslated", field_name=key, severity="warning", key=key)
        count += 1
    return count
