"""What the tracker and the status summaries show, computed from the model (no presentation).

Kept out of the templates so every page that summarises statuses counts the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import STATUSES, Commitment, Content, FocusArea, Promise


@dataclass(frozen=True)
class Row:
    """One commitment in the tracker, with where it belongs."""

    promise: Promise
    area: FocusArea
    commitment: Commitment


@dataclass(frozen=True)
class StatusCount:
    status: str
    count: int
    percent: int  # of all commitments counted, rounded; drives the bar width only


Filter = tuple[str, str] | None  # ("year" | "focus" | "org" | "status", value), None for all


def rows(content: Content) -> list[Row]:
    return [Row(p, a, c) for p in content.promises for a in p.focus_areas for c in a.commitments]


def matches(row: Row, flt: tuple[str, str] | None) -> bool:
    if flt is None:
        return True
    kind, value = flt
    if kind == "year":
        return row.promise.id == value
    if kind == "focus":
        return row.area.id == value
    if kind == "org":
        return value in row.commitment.responsible
    if kind == "status":
        return row.commitment.status == value
    raise ValueError(f"unknown tracker filter {kind!r}")


def filtered(content: Content, flt: tuple[str, str] | None) -> list[Row]:
    return [r for r in rows(content) if matches(r, flt)]


def filter_rows(content: Content) -> dict:
    """Every tracker filter with its rows, in page order, in one pass over the commitments."""
    every = rows(content)
    groups: dict = {None: every}
    for promise in content.promises:
        groups[("year", promise.id)] = []
    for promise in content.promises:
        for area in promise.focus_areas:
            groups[("focus", area.id)] = []
    for org in content.organisations:
        groups[("org", org.id)] = []
    for status in STATUSES:
        groups[("status", status)] = []
    for row in every:
        groups[("year", row.promise.id)].append(row)
        groups[("focus", row.area.id)].append(row)
        for org in row.commitment.responsible:
            if ("org", org) in groups:
                groups[("org", org)].append(row)
        groups[("status", row.commitment.status)].append(row)
    return groups


def context_promise(content: Content, flt) -> Promise | None:
    """The promise whose focus areas a tracker page offers as filters: the one filtered on,
    else the latest. Offering every year's areas on every page would grow with the archive."""
    if flt and flt[0] == "year":
        return next((p for p in content.promises if p.id == flt[1]), None)
    if flt and flt[0] == "focus":
        return next((p for p in content.promises for a in p.focus_areas if a.id == flt[1]), None)
    return content.promises[-1] if content.promises else None


def year_choices(content: Content, flt, limit: int = 10) -> tuple[list[Promise], bool]:
    """Years offered as filters, newest first: all of them on the tracker's front page, else the
    `limit` newest plus the one filtered on; the flag says whether some were left out."""
    newest_first = list(reversed(content.promises))
    if flt is None or len(newest_first) <= limit:
        return newest_first, False
    current = context_promise(content, flt)
    chosen = newest_first[:limit]
    if current is not None and current not in chosen:
        chosen.append(current)
    return chosen, True


def status_counts(commitments: list[Commitment]) -> list[StatusCount]:
    """Every status in the fixed order, zero counts included, so summaries compare across pages."""
    total = len(commitments)
    counts = {key: 0 for key in STATUSES}
    for commitment in commitments:
        counts[commitment.status] = counts.get(commitment.status, 0) + 1
    return [StatusCount(key, n, round(100 * n / total) if total else 0) for key, n in counts.items()]


def last_follow_up(commitments: list[Commitment]) -> str | None:
    """The date of the most recent dated follow-up, or None when nothing has been reported."""
    dates = [f.date for c in commitments for f in c.follow_ups if f.date]
    return max(dates) if dates else None


def commitments_of(content: Content, org_id: str) -> list[Row]:
    return [r for r in rows(content) if org_id in r.commitment.responsible]
