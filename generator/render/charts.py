"""Where the bars of a status chart go: the geometry of the inline SVG charts, no words.

A chart is drawn on the server as inline SVG (no JavaScript, nothing loaded at view time) by the
`status_chart` macro in the theme's `_macros.html`; this module only places its parts, so the
template decides the words and the theme's CSS the colours. Every bar has its status's name and
its count written beside it (the colour is never the only cue), and every chart has a table of
the same numbers next to it.

The layout is in the SVG's own units (a viewBox WIDTH wide, scaled to the page's width), one row
per status that occurs, grouped by year; all groups share one scale, so bars compare across
years. Positions are whole numbers or fixed decimals, so the same sources draw the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.tracker import StatusCount, YearCounts

WIDTH = 340
LABEL_WIDTH = 134  # the status's name, left of its bar ("Delvis genomförd", "Not yet assessed")
BAR_SPACE = 150  # the longest bar; its count is written after it
GROUP_HEAD = 24  # a year's label above its rows
ROW = 24
BAR_HEIGHT = 14
NOTE = 20  # a line saying that focus areas' commitments are not stated
GAP = 10  # between years


@dataclass(frozen=True)
class Bar:
    status: str
    count: int
    y: int  # top of the row
    length: int

    @property
    def text_y(self) -> int:
        return self.y + 16

    @property
    def bar_y(self) -> int:
        return self.y + (ROW - BAR_HEIGHT) // 2

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.length + 6


@dataclass(frozen=True)
class Group:
    """One year's rows. `year` is None for a chart of one list (a promise's own)."""

    year: YearCounts | None
    y: int  # top of the group (its label, when it has one)
    bars: list[Bar]
    note_y: int | None  # baseline of the "not stated" line, when there is one
    unstated: int

    @property
    def label_y(self) -> int:
        return self.y + 16


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    groups: list[Group]

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


def by_year(years: list[YearCounts]) -> Chart:
    """Years side by side: each year's label, a bar per status its commitments have, and a
    line when some of its focus areas' commitments are not stated (or none are)."""
    return _chart([(year, year.counts, year.unstated) for year in years], headed=True)


def distribution(counts: list[StatusCount], unstated: int = 0) -> Chart:
    """One list's statuses, a bar each (a promise's own distribution)."""
    return _chart([(None, counts, unstated)], headed=False)


def _chart(parts: list[tuple[YearCounts | None, list[StatusCount], int]], headed: bool) -> Chart:
    largest = max((c.count for _, counts, _ in parts for c in counts), default=0)
    groups = []
    y = 0
    for year, counts, unstated in parts:
        top = y
        y += GROUP_HEAD if headed else 0
        bars = []
        for c in counts:
            bars.append(Bar(c.status, c.count, y, max(2, round(BAR_SPACE * c.count / largest))))
            y += ROW
        note_y = None
        if unstated or not counts:  # unknown, never drawn as a zero
            note_y = y + 14
            y += NOTE
        groups.append(Group(year, top, bars, note_y, unstated))
        y += GAP
    return Chart(WIDTH, max(y - GAP, 1), groups)
