"""What the tracker and the status summaries show, computed from the model (no presentation).

Kept out of the templates so every page that summarises statuses counts the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import STATUSES, Commitment, Content, FocusArea, FollowUp, Promise
from generator.sources.spec import period_bounds


@dataclass(frozen=True)
class Row:
    """One commitment in the tracker, with where it belongs (area None: a commitment of the
    whole promise)."""

    promise: Promise
    area: FocusArea | None
    commitment: Commitment


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int
    percent: int  # of all commitments counted, rounded; drives the bar width only


Filter = tuple[str, str] | None  # ("year" | "focus" | "theme" | "org" | "status", value), None for all


def rows(content: Content) -> list[Row]:
    """Every commitment that exists, in reading order: each area's, then the promise's own.
    An area whose commitments the sources do not list adds none (see `unstated_areas`)."""
    found: list[Row] = []
    for p in content.promises:
        found += [Row(p, a, c) for a in p.focus_areas for c in a.commitments]
        found += [Row(p, None, c) for c in p.own_commitments]
    return found


def unstated_areas(areas: list[FocusArea]) -> list[FocusArea]:
    """The areas whose commitments the sources do not list: unknown, not zero."""
    return [area for area in areas if not area.commitments_stated]


def filter_rows(content: Content) -> dict:
    """Every tracker filter with its rows, in page order, in one pass over the commitments.
    Made once per content: the organisation pages ask for it too."""
    return _kept(content, "_tracker_filters", _filter_rows)


def _kept(content: Content, name: str, make):
    """`make(content)`, kept on the content itself (which never changes once loaded)."""
    found = content.__dict__.get(name)
    if found is None:
        found = content.__dict__[name] = make(content)
    return found


def _filter_rows(content: Content) -> dict:
    every = rows(content)
    groups: dict = {None: every}
    for promise in content.promises:
        groups[("year", promise.id)] = []
    for promise in content.promises:
        for area in promise.focus_areas:
            groups[("focus", area.id)] = []
    for theme in content.site.themes:
        groups[("theme", theme.id)] = []
    for org in content.organisations:
        groups[("org", org.id)] = []
    for status in STATUSES:
        groups[("status", status)] = []
    for row in every:
        groups[("year", row.promise.id)].append(row)
        if row.area is not None:
            groups[("focus", row.area.id)].append(row)
            if ("theme", row.area.theme) in groups:  # commitments of the whole promise: none
                groups[("theme", row.area.theme)].append(row)
        for org_id in row.commitment.responsible:
            if ("org", org_id) in groups:
                groups[("org", org_id)].append(row)
        groups[("status", row.commitment.status)].append(row)
    # A theme, an organisation or a status is offered only where it has commitments: a page
    # saying "0 commitments" is a dead end (a theme's areas may all be unstated, or belong to
    # drafts that are not built; most statuses occur in no promise for a long time).
    return {flt: found for flt, found in groups.items()
            if found or not flt or flt[0] not in OFFERED_WHEN_FOUND}


OFFERED_WHEN_FOUND = ("theme", "org", "status")


def offered(filters: dict, kind: str) -> list[str]:
    """The values of a filter kind that have a page (see `filter_rows`), in page order."""
    return [flt[1] for flt in filters if flt and flt[0] == kind]


def subject(content: Content, flt) -> tuple[Promise | None, FocusArea | None]:
    """The promise (and focus area) a year or focus-area filter is about."""
    if flt and flt[0] in ("year", "focus"):
        promises, areas = _index(content)
        if flt[0] == "year":
            return promises.get(flt[1]), None
        area = areas.get(flt[1])
        return (promises.get(area.promise_id) if area else None), area
    return None, None


def context_promise(content: Content, flt) -> Promise | None:
    """The promise whose focus areas a tracker page offers as filters: the one filtered on,
    else the latest. Offering every year's areas on every page would grow with the archive."""
    promise, _ = subject(content, flt)
    if promise is not None:
        return promise
    return content.promises[-1] if content.promises else None


def _index(content: Content) -> tuple[dict[str, Promise], dict[str, FocusArea]]:
    """Promises and focus areas by id, made once per content (pages look them up by the
    thousand)."""
    return _kept(content, "_tracker_index", lambda c: (
        {p.id: p for p in c.promises}, {a.id: a for p in c.promises for a in p.focus_areas}))


def by_promise(rows: list[Row]) -> list[tuple[Promise, list[Row]]]:
    """Rows grouped by their promise, newest promise first, each group in its written order."""
    groups: dict[str, tuple[Promise, list[Row]]] = {}
    for row in rows:
        groups.setdefault(row.promise.id, (row.promise, []))[1].append(row)
    return list(reversed(groups.values()))


def in_newest_promises(rows: list[Row], limit: int) -> list[Row]:
    """The rows of the `limit` newest promises among them, in their order (rows come oldest
    promise first, as in the content)."""
    newest = set(list(dict.fromkeys(row.promise.id for row in rows))[-limit:])
    return [row for row in rows if row.promise.id in newest]


def year_choices(content: Content, flt, limit: int = 10) -> tuple[list[Promise], bool]:
    """Years offered as filters, newest first: all of them on the tracker's front page, else the
    `limit` newest plus the one filtered on; the flag says whether some were left out."""
    newest_first = list(reversed(content.promises))
    if flt is None or len(newest_first) <= limit:
        return newest_first, False
    current = context_promise(content, flt)
    chosen = newest_first[:limit]
    if current is not None and all(p is not current for p in chosen):  # not ==: deep
        chosen.append(current)
    return chosen, True


def status_counts(commitments: list[Commitment]) -> list[StatusCount]:
    """The statuses these commitments have, in the fixed order, each with its count. A status
    no commitment has is left out: a list of zeros says nothing a reader can use."""
    return count(commitment.status for commitment in commitments)


def count(statuses) -> list[StatusCount]:
    """`status_counts` of the commitments with these statuses (a page plan knows each
    commitment's status once, and counts it for every list the commitment is on)."""
    counts = {key: 0 for key in STATUSES}
    total = 0
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
        total += 1
    return [StatusCount(key, n, round(100 * n / total) if total else 0)
            for key, n in counts.items() if n]


def none_assessed(counts: list[StatusCount]) -> bool:
    """Whether there are commitments and not one of them has been assessed yet: then a page
    says so in one line instead of a table whose only row is "not assessed, 100 %"."""
    return bool(counts) and all(c.status == "not_assessed" for c in counts)


@dataclass(frozen=True)
class YearCounts:
    """The status counts of one promise's commitments (or of some of its focus areas'), for
    the years side by side. `unstated`: focus areas whose commitments the sources do not list,
    which are unknown and never counted as zero."""

    promise: Promise
    counts: list[StatusCount]
    total: int
    unstated: int

    @property
    def label(self) -> str:
        """The promise's year(s), short enough for a chart's row."""
        start = self.promise.start_year or self.promise.id
        end = self.promise.end_year
        return f"{start}\u2013{end}" if end and end != start else start

    def count_of(self, status: str) -> int:
        return next((c.count for c in self.counts if c.status == status), 0)


def year_counts(promise: Promise, areas: list[FocusArea] | None = None) -> YearCounts:
    """The counts of a promise's commitments, or, given `areas`, of those areas' only."""
    if areas is None:
        commitments, areas = promise.commitments, promise.focus_areas
    else:
        commitments = [c for area in areas for c in area.commitments]
    return YearCounts(promise, status_counts(commitments), len(commitments),
                      len(unstated_areas(areas)))


def year_overview(content: Content) -> list[YearCounts]:
    """Every promise's status counts, oldest first: the years side by side."""
    return [year_counts(promise) for promise in content.promises]


def theme_overview(content: Content, theme_id: str) -> list[YearCounts]:
    """A theme's history: the status counts of its focus areas in each year that has any."""
    return [year_counts(promise, areas) for promise, areas in theme_history(content, theme_id)]


def statuses_in(years: list[YearCounts]) -> list[str]:
    """The statuses that occur in any of these years, in the fixed order (a table's columns)."""
    found = {c.status for year in years for c in year.counts}
    return [key for key in STATUSES if key in found]


def last_follow_up(commitments: list[Commitment], reports: list[FollowUp] | None = None
                   ) -> str | None:
    """The date (as written, a partial date) of the most recent dated follow-up of these
    commitments or of these reports (a report without a date: when it was published), or None
    when nothing dated has been reported. Compared by the last day each date covers."""
    dates = [str(f.date) for c in commitments for f in c.follow_ups if f.date]
    dates += [str(r.date or r.published) for r in reports or () if r.date or r.published]
    dated = [(bounds[1], date) for date in dates if (bounds := period_bounds(str(date)))]
    return max(dated)[1] if dated else None


def theme_areas(content: Content, theme_id: str) -> list[FocusArea]:
    """Every focus area of this theme, oldest promise first."""
    return [area for _, areas in theme_history(content, theme_id) for area in areas]


def theme_history(content: Content, theme_id: str) -> list[tuple[Promise, list[FocusArea]]]:
    """The promises (oldest first) that have focus areas of this theme, with those areas."""
    found = []
    for promise in content.promises:
        areas = [area for area in promise.focus_areas if area.theme == theme_id]
        if areas:
            found.append((promise, areas))
    return found


def current_promise(content: Content) -> Promise | None:
    """The promise the home page presents as current: the newest that is not a draft (a draft
    only when there is nothing else)."""
    published = [p for p in content.promises if not p.draft] or content.promises
    return published[-1] if published else None


def commitments_of(content: Content, org_id: str) -> list[Row]:
    return list(filter_rows(content).get(("org", org_id), []))
