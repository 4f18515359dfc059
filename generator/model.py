"""The domain model: what a citizen promise is, independent of files, tables and pages.

Values keep the text the editor wrote (str subclasses that remember their position), so every
later stage can point back at the source line. Types are checked by the Table Schemas.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.problems import Position

# Status vocabulary: key, Swedish label, English label. The Table Schemas use the same keys.
STATUSES: dict[str, tuple[str, str]] = {
    "not_assessed": ("Ej bedömd", "Not yet assessed"),
    "in_progress": ("Pågår", "In progress"),
    "delayed": ("Försenad", "Delayed"),
    "ongoing": ("Löpande", "Ongoing"),
    "partly_done": ("Delvis genomförd", "Partly done"),
    "done": ("Genomförd", "Done"),
    "not_done": ("Inte genomförd", "Not done"),
}
NEEDS_REASON = ("delayed", "partly_done", "not_done")
# What each status means (the codebook and the statuses table carry these).
STATUS_DEFINITIONS: dict[str, tuple[str, str]] = {
    "not_assessed": ("Ingen uppföljning har bedömt åtagandet ännu.",
                     "No follow-up has assessed the commitment yet."),
    "in_progress": ("Arbetet har börjat och ska vara klart vid en viss tid.",
                    "The work has started and is to be finished by a certain time."),
    "delayed": ("Arbetet ligger efter planen; skälet anges.",
                "The work is behind plan; the reason is given."),
    "ongoing": ("Ett arbete som görs hela tiden, utan slutpunkt (till skillnad från Pågår).",
                "Work that goes on all the time, with no end point (unlike In progress)."),
    "partly_done": ("En del av åtagandet är genomfört; skälet till resten anges.",
                    "Part of the commitment was carried out; the reason for the rest is given."),
    "done": ("Åtagandet är genomfört.", "The commitment was carried out."),
    "not_done": ("Åtagandet genomfördes inte; skälet anges.",
                 "The commitment was not carried out; the reason is given."),
}
LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class Localized:
    """Text in Swedish (the source language) and, when translated, English."""

    sv: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str | None:
        return self.sv if lang == "sv" else (self.en or self.sv)

    def is_fallback(self, lang: str) -> bool:
        """True when the page language has no translation and Swedish is shown instead."""
        return lang != "sv" and not self.en and bool(self.sv)

    def __bool__(self) -> bool:
        return bool(self.sv or self.en)


EMPTY = Localized()


@dataclass
class Organisation:
    id: str
    name: Localized
    kind: str | None = None
    part_of: str | None = None
    pos: Position | None = field(default=None, compare=False, repr=False)


@dataclass
class Theme:
    """A subject that recurs across years under other names (youth and drugs, traffic)."""

    id: str
    title: Localized
    description: Localized = EMPTY
    pos: Position | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Quantity:
    """A number as the source gives it: "minst 14 tillfällen" is 14, at_least, tillfällen."""

    value: str | None = None
    comparator: str | None = None  # exactly (None), at_least, at_most, about
    unit: Localized = EMPTY


@dataclass
class Source:
    """Where something was published: the municipality's news item, the police's page."""

    url: str | None
    title: Localized = EMPTY
    publisher: str | None = None  # an organisation id
    published: str | None = None  # a partial date (docs/content-format-2.md)
    pos: Position | None = field(default=None, compare=False, repr=False)


@dataclass
class Signatory:
    id: str
    promise_id: str
    name: str
    role: Localized
    organisation_id: str | None
    pos: Position | None = field(default=None, compare=False, repr=False)
    person: str | None = None  # the same person across years, however the name was written


@dataclass
class Statement:
    signatory_id: str
    text: Localized
    pos: Position | None = field(default=None, compare=False, repr=False)


@dataclass
class Action:
    follow_up_id: str
    position: int
    date: str | None  # a partial date
    count: Quantity | None
    description: Localized
    pos: Position | None = field(default=None, compare=False, repr=False)
    actors: list[str] = field(default_factory=list)  # organisation ids
    result: Localized = EMPTY


@dataclass
class Evidence:
    follow_up_id: str
    position: int
    url: str | None
    title: Localized
    pos: Position | None = field(default=None, compare=False, repr=False)


@dataclass
class FollowUp:
    """One report, on a commitment (its list is the status history), on a focus area or on the
    whole promise (`level`). The status is an optional assessment: most real reports list
    what was done, not a status."""

    id: str
    commitment_id: str | None
    date: str | None
    period_type: str | None
    period: str | None
    status: str | None
    reason: Localized
    actual: str | None
    summary: Localized
    actions: list[Action] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    pos: Position | None = field(default=None, compare=False, repr=False)
    level: str = "commitment"  # commitment, focus_area or promise
    promise_id: str | None = None
    focus_area_id: str | None = None
    published: str | None = None  # a partial date
    sources: list[Source] = field(default_factory=list)

    @property
    def first_day(self) -> str:
        """For sorting: the first day of the follow-up's date or period ("" when unknown)."""
        from generator.sources.spec import period_bounds

        bounds = period_bounds(self.date or self.period or "")
        return bounds[0].isoformat() if bounds else ""


@dataclass
class Commitment:
    id: str
    focus_area_id: str | None  # None: a commitment of the whole promise
    promise_id: str
    position: int
    text: Localized
    responsible: list[str]
    target_value: str | None
    target_unit: Localized
    target_text: Localized
    indicator: Localized
    follow_ups: list[FollowUp] = field(default_factory=list)
    pos: Position | None = field(default=None, compare=False, repr=False)
    target_comparator: str | None = None

    @property
    def history(self) -> list[FollowUp]:
        """Follow-ups oldest first; undated ones keep their written order at the end.

        Sorted once and kept: planning a big site asks for each commitment's status on every
        list it appears in, and sorting each time was a fifth of a rebuild. Sorted again when
        follow-ups were added or replaced since (the model is built once, then only read)."""
        key = tuple(map(id, self.follow_ups))
        kept = self.__dict__.get("_history")
        if kept is None or kept[0] != key:
            kept = (key, sorted(self.follow_ups, key=lambda f: (not f.first_day, f.first_day)))
            self.__dict__["_history"] = kept
        return list(kept[1])

    @property
    def latest(self) -> FollowUp | None:
        return self.history[-1] if self.follow_ups else None

    @property
    def status(self) -> str:
        """The latest assessment; not_assessed when no follow-up gave one."""
        assessed = [f for f in self.history if f.status]
        return (assessed[-1].status or "not_assessed") if assessed else "not_assessed"


@dataclass
class FocusArea:
    id: str
    promise_id: str
    position: int
    slug: str
    title: Localized
    goal: Localized
    description: Localized
    background: Localized
    cause_analysis: Localized
    commitments: list[Commitment] = field(default_factory=list)
    source: str = ""
    pos: Position | None = field(default=None, compare=False, repr=False)
    theme: str | None = None  # a theme id
    commitments_stated: bool = True  # False: the sources name the area but not its commitments
    reports: list[FollowUp] = field(default_factory=list)


@dataclass
class Promise:
    id: str
    title: Localized
    start_year: str | None
    end_year: str | None
    signed_date: str | None
    follow_up_interval: str | None
    source_url: str | None
    headline: Localized
    signing: Localized
    introduction: Localized
    situation_meetings: Localized
    background: Localized
    aims: list[Localized]
    signatories: list[Signatory]
    statements: list[Statement]
    focus_areas: list[FocusArea] = field(default_factory=list)
    source: str = ""
    pos: Position | None = field(default=None, compare=False, repr=False)
    draft: bool = False  # validated, but published only by `build --drafts` and `serve`
    sources: list[Source] = field(default_factory=list)
    own_commitments: list[Commitment] = field(default_factory=list)  # of the whole promise
    reports: list[FollowUp] = field(default_factory=list)  # on the whole promise

    @property
    def commitments(self) -> list[Commitment]:
        return [c for area in self.focus_areas for c in area.commitments] + self.own_commitments

    @property
    def all_reports(self) -> list[FollowUp]:
        """Every report at every level, in reading order: the promise's, each area's, each
        commitment's."""
        found = list(self.reports)
        for area in self.focus_areas:
            found += area.reports
            for commitment in area.commitments:
                found += commitment.follow_ups
        for commitment in self.own_commitments:
            found += commitment.follow_ups
        return found


@dataclass
class Contact:
    phone: str | None = None
    email: str | None = None
    opening_hours: Localized = EMPTY
    visiting_address: str | None = None
    postal_address: str | None = None
    invoice_address: str | None = None


@dataclass
class Accessibility:
    compliance: str | None = None
    assessed_on: str | None = None
    assessment_method: Localized = EMPTY
    known_gaps: list[Localized] = field(default_factory=list)
    report_email: str | None = None
    statement_prepared: str | None = None
    statement_updated: str | None = None
    no_known_gaps: bool = False  # `known_gaps: none_known`: the site states there are none
    # Where each key was written in site.yaml (the block's own position under "", the file's
    # when there is no block), so a missing item is reported at its line.
    positions: dict[str, Position] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Site:
    title: Localized
    base_url: str
    default_language: str
    languages: list[str]
    municipality_name: Localized
    organisation_number: str | None
    municipality_code: str | None
    police_area: Localized
    contact: Contact
    accessibility: Accessibility
    pos: Position | None = field(default=None, compare=False, repr=False)
    data_version: str | None = None  # SemVer of the published data; see generator/datasets/meta.py
    themes: list[Theme] = field(default_factory=list)
    place_uri: str | None = None  # the municipality in a place register (DCAT-AP: GeoNames)


@dataclass
class Content:
    """Everything the sources say, in one value that the later stages read."""

    site: Site
    organisations: list[Organisation]
    promises: list[Promise]

    def organisation(self, org_id: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == org_id), None)

    def theme(self, theme_id: str | None) -> Theme | None:
        return next((t for t in self.site.themes if t.id == theme_id), None)

    def without_drafts(self) -> Content:
        """What `build` publishes: every promise but the drafts."""
        return Content(site=self.site, organisations=self.organisations,
                       promises=[p for p in self.promises if not p.draft])

    def markdown_texts(self) -> Iterator[Localized]:
        """Every text that the content format lets editors write in Markdown (the rest is
        plain text), in reading order."""
        yield self.site.accessibility.assessment_method
        for promise in self.promises:
            yield from (promise.signing, promise.introduction, promise.situation_meetings,
                        promise.background)
            yield from (statement.text for statement in promise.statements)
            for area in promise.focus_areas:
                yield from (area.description, area.background, area.cause_analysis)
                for commitment in area.commitments:
                    yield commitment.text
            for commitment in promise.own_commitments:
                yield commitment.text
            yield from (report.summary for report in promise.all_reports)
