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
