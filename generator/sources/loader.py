"""Load the content folder into the model, collecting every problem instead of stopping.

Layout (see the README):
    content/site.yaml              the site, municipality and contact
    content/organisations.yaml     organisations with stable ids
    content/<year>/promise.yaml    one promise (one or more years)
    content/<year>/*.yaml          one file per focus area, ordered by file name
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.model import (
    EMPTY,
    LANGUAGES,
    Accessibility,
    Action,
    Commitment,
    Contact,
    Content,
    Evidence,
    FocusArea,
    FollowUp,
    Localized,
    Organisation,
    Promise,
    Quantity,
    Signatory,
    Site,
    Source,
    Statement,
    Theme,
)
from generator.problems import Position, Problems
from generator.sources import files, formats
from generator.sources.addresses import base_url_problem
from generator.sources.files import FILE, FOLDER, shown_path
from generator.sources.located import LDict, LStr, load_yaml, read_text
from generator.sources.spec import NONE_KNOWN, NOT_STATED, Record

SITE_FILE = "site.yaml"
ORGANISATIONS_FILE = "organisations.yaml"
PROMISE_FILE = "promise.yaml"
PAGES_DIR = "pages"


def read_source(path: Path, spec: Record, problems: Problems) -> LDict | None:
    shown = shown_path(path)
    text = read_text(path, shown, problems)
    if text is None:
        return None
    data = load_yaml(text, shown, problems)
    if data is None:
        return None
    if not isinstance(data, LDict):
        problems.add(getattr(data, "pos", Position(shown, 1, 1)), "expected_mapping")
        return None
    return spec.check(data, data.pos, "", problems)


def load_content(content_dir: Path, problems: Problems,
                 kept: dict[Path, KeptFolder] | None = None) -> Content | None:
    """Read every source file; None when the folder itself is unusable. `kept`: promise folders
    read before, kept in memory by `serve`: a folder whose files are unchanged is not read again
    (and the focus areas keep their table rows, see tables.py); it is updated here."""
    if not content_dir.is_dir():
        problems.add(Position(shown_path(content_dir)), "content_dir_missing")
        return None
    root = os.path.realpath(content_dir)
    top = files.entries(content_dir, root, problems)
    site = _site(content_dir / SITE_FILE, top, problems)
    organisations = _organisations(content_dir / ORGANISATIONS_FILE, top, problems)
    promises = []
    promise_files = 0
    folders = [content_dir / name for name, kind in top.items()
               if kind == FOLDER and name != PAGES_DIR and not name.startswith("_")]
    for folder in folders:
        inside = files.entries(folder, root, problems)
        promise_files += inside.get(PROMISE_FILE) == FILE
        promise = (_promise_folder(folder, inside, problems) if kept is None
                   else _kept_folder(folder, inside, problems, kept))
        if promise:
            promises.append(promise)
    if kept is not None:
        for gone in set(kept) - set(folders):
            del kept[gone]
    for name, kind in top.items():
        if kind == FILE and name not in (SITE_FILE, ORGANISATIONS_FILE):
            problems.add(Position(shown_path(content_dir / name)), "unknown_file", severity="warning",
                         expected=f"{SITE_FILE}, {ORGANISATIONS_FILE}")
    if not promise_files:  # a promise.yaml that cannot be read is reported on its own
        problems.add(Position(shown_path(content_dir)), "no_promises")
    promises.sort(key=lambda p: (p.start_year or "", p.id))
    if site is None:
        # site.yaml is missing or unreadable (already reported): keep checking the other files
        # so the editor sees every problem in one run. Nothing is built from this placeholder.
        site = _placeholder_site()
    return Content(site=site, organisations=organisations, promises=promises)


@dataclass
class KeptFolder:
    """A promise folder as read, with what its files were (names, sizes, times) at the time."""

    signature: tuple
    promise: Promise | None
    problems: list
    incomplete_tables: set[str]


def _signature(folder: Path) -> tuple:
    entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    return tuple((e.name, e.is_dir(follow_symlinks=False), *(
        (e.stat(follow_symlinks=False).st_mtime_ns, e.stat(follow_symlinks=False).st_size,
         e.inode()))) for e in entries)


def _kept_folder(folder: Path, inside: dict[str, str], problems: Problems,
                 kept: dict[Path, KeptFolder]) -> Promise | None:
    signature = _signature(folder)
    found = kept.get(folder)
    if found is None or found.signature != signature:
        own = Problems()
        promise = _promise_folder(folder, inside, own)
        found = kept[folder] = KeptFolder(signature, promise, list(own), own.incomplete_tables)
    problems.extend(found.problems)
    problems.incomplete_tables.update(found.incomplete_tables)
    return found.promise


def _placeholder_site() -> Site:
    return Site(title=EMPTY, base_url="/", default_language="sv", languages=["sv", "en"],
                municipality_name=EMPTY, organisation_number=None, municipality_code=None,
                police_area=EMPTY, contact=Contact(), accessibility=Accessibility())


def _loc(value: LDict | None) -> Localized:
    if not value:
        return EMPTY
    return Localized(sv=value.get("sv"), en=value.get("en"))


def _site(path: Path, top: dict[str, str], problems: Problems) -> Site | None:
    if path.name not in top:
        problems.add(Position(shown_path(path)), "file_missing", name=SITE_FILE)
        return None
    if top[path.name] != FILE:
        problems.add(Position(shown_path(path)), "not_a_file")
        return None
    data = read_source(path, formats.SITE, problems)
    if data is None:
        return None
    municipality = data.get("municipality") or {}
    contact = data.get("contact") or {}
    access = data.get("accessibility") or {}
    for key in ("title", "base_url"):
        if not data.get(key):
            problems.add(data.pos, "missing_key", field_name=key, key=key)
    base_url = data.get("base_url")
    if base_url and base_url_problem(str(base_url)):
        problems.add(getattr(base_url, "pos", data.pos), "bad_base_url", field_name="base_url",
                     url=str(base_url))
    if not municipality.get("municipality_code"):
        # Every published row carries the code; reported once here, not on each row.
        key = "municipality.municipality_code"
        problems.add(getattr(municipality, "pos", data.pos), "missing_key", field_name=key, key=key)
    default_language = data.get("default_language") or LStr("sv", data.pos)
    languages = list(dict.fromkeys(data.get("languages") or ["sv", "en"]))
    if default_language not in languages and set(languages) <= set(LANGUAGES):
        problems.add(default_language.pos, "language_not_built", field_name="default_language",
                     value=str(default_language), languages=", ".join(languages))
    return Site(
        title=_loc(data.get("title")),
        base_url=data.get("base_url") or "/",
        default_language=default_language,
        languages=languages,
        municipality_name=_loc(municipality.get("name")),
        organisation_number=municipality.get("organisation_number"),
        municipality_code=municipality.get("municipality_code"),
        place_uri=municipality.get("place_uri"),
        police_area=_loc(data.get("police_area")),
        data_version=data.get("data_version"),
        themes=[Theme(id=_id(t), title=_loc(t.get("title")), description=_loc(t.get("description")),
                      pos=t.pos) for t in data.get("themes") or [] if t is not None],
        contact=Contact(
            phone=contact.get("phone"), email=contact.get("email"),
            opening_hours=_loc(contact.get("opening_hours")),
            visiting_address=contact.get("visiting_address"),
            postal_address=contact.get("postal_address"),
            invoice_address=contact.get("invoice_address"),
        ),
        accessibility=_accessibility(data, access),
        pos=data.pos,
    )


def _accessibility(data: LDict, access: dict) -> Accessibility:
    """The statement block; `access` is {} when site.yaml has none."""
    gaps = access.get("known_gaps")
    none_known = isinstance(gaps, str) and gaps == NONE_KNOWN
    positions = {"": getattr(access, "pos", None) or data.key_pos.get("accessibility") or data.pos}
    positions.update(getattr(access, "key_pos", {}))
    return Accessibility(
        compliance=access.get("compliance"), assessed_on=access.get("assessed_on"),
        assessment_method=_loc(access.get("assessment_method")),
        known_gaps=[] if none_known else [_loc(g) for g in gaps or [] if g],
        no_known_gaps=none_known,
        report_email=access.get("report_email"),
        statement_prepared=access.get("statement_prepared"),
        statement_updated=access.get("statement_updated"),
        positions=positions,
    )


def _organisations(path: Path, top: dict[str, str], problems: Problems) -> list[Organisation]:
    if top.get(path.name) != FILE:
        problems.add(Position(shown_path(path)),
                     "file_missing" if path.name not in top else "not_a_file", name=ORGANISATIONS_FILE)
        problems.incomplete_tables.add("organisations")
        return []
    data = read_source(path, formats.ORGANISATIONS_FILE, problems)
    if data is None:
        problems.incomplete_tables.add("organisations")
        return []
    return [
        Organisation(id=_id(item), name=_loc(item.get("name")), kind=item.get("kind"),
                     part_of=item.get("part_of"), pos=item.pos)
        for item in data.get("organisations") or [] if item is not None
    ]


def _id(record: LDict) -> str:
    """The record's id, or an empty id positioned at the record so a missing id is reported there."""
    value = record.get("id")
    return value if value is not None else LStr("", record.pos)


def _promise_folder(folder: Path, inside: dict[str, str], problems: Problems) -> Promise | None:
    promise_path = folder / PROMISE_FILE
    yaml_files = [folder / name for name, kind in inside.items()
                  if kind == FILE and name.endswith((".yaml", ".yml"))]
    for name, kind in inside.items():
        if kind == FOLDER and name.endswith((".yaml", ".yml")):  # a source's name on a folder
            problems.add(Position(shown_path(folder / name)), "folder_not_source")
    if inside.get(PROMISE_FILE) != FILE:
        if yaml_files and PROMISE_FILE not in inside:
            problems.add(Position(shown_path(folder)), "file_missing", name=PROMISE_FILE)
        return None
    promise = _promise(promise_path, problems)
    if promise is None:
        # The promise is unreadable (reported), but its focus-area files may have problems of
        # their own: check their syntax and keys now, so one run shows every problem.
        for path in yaml_files:
            if path.name != PROMISE_FILE:
                read_source(path, formats.FOCUS_AREA, problems)
        return None
    for path in yaml_files:
        if path.name == PROMISE_FILE:
            continue
        area = _focus_area(path, promise, len(promise.focus_areas) + 1, problems)
        if area:
            promise.focus_areas.append(area)
    for other in (folder / name for name, kind in inside.items()
                  if folder / name not in yaml_files and not name.endswith((".yaml", ".yml"))):
        problems.add(Position(shown_path(other)), "unknown_file", severity="warning",
                     expected=f"{PROMISE_FILE}, *.yaml")
    return promise


def _promise(promise_path: Path, problems: Problems) -> Promise | None:
    """The promise file, without its focus areas (each has a file of its own)."""
    data = read_source(promise_path, formats.PROMISE, problems)
    if data is None:
        return None
    promise_id = _id(data)
    promise = Promise(
        id=promise_id, title=_loc(data.get("title")),
        start_year=data.get("start_year"), end_year=data.get("end_year"),
        signed_date=data.get("signed_date"), follow_up_interval=data.get("follow_up_interval"),
        source_url=data.get("source_url"),
        headline=_loc(data.get("headline")), signing=_loc(data.get("signing")),
        introduction=_loc(data.get("introduction")),
        situation_meetings=_loc(data.get("situation_meetings")),
        background=_loc(data.get("background")),
        aims=[_loc(a) for a in data.get("aims") or []],
        signatories=[
            Signatory(id=_id(s), promise_id=promise_id, name=s.get("name"), role=_loc(s.get("role")),
                      organisation_id=s.get("organisation"), pos=s.pos, person=s.get("person"))
            for s in data.get("signatories") or [] if s is not None
        ],
        statements=[
            Statement(signatory_id=s.get("signatory"), text=_loc(s.get("text")), pos=s.pos)
            for s in data.get("statements") or [] if s is not None
        ],
        source=shown_path(promise_path), pos=data.pos,
        draft=data.get("draft") == "true", sources=_sources(data),
    )
    own = FocusArea(id=LStr("", data.pos), promise_id=promise_id, position=0, slug="",
                    title=EMPTY, goal=EMPTY, description=EMPTY, background=EMPTY,
                    cause_analysis=EMPTY)  # the promise's own commitments belong to no area
    promise.own_commitments = [_commitment(item, own, index) for index, item
                               in enumerate(data.get("commitments") or [], start=1) if item is not None]
    for commitment in promise.own_commitments:
        commitment.focus_area_id = None
    promise.reports = _reports(data, "promise", promise_id, None)
    return promise


def _sources(data: LDict) -> list[Source]:
    found = [Source(url=s.get("url"), title=_loc(s.get("title")), publisher=s.get("publisher"),
                    published=s.get("published"), pos=s.pos)
             for s in data.get("sources") or [] if s is not None]
    if data.get("source_url"):  # format 1: one link, the municipality's
        found.insert(0, Source(url=data["source_url"], pos=data["source_url"].pos))
    return found


def _reports(data: LDict, level: str, promise_id, area_id) -> list[FollowUp]:
    reports = []
    for item in data.get("reports") or []:
        if item is not None:
            report = _follow_up(item, None)
            report.level, report.promise_id, report.focus_area_id = level, promise_id, area_id
            reports.append(report)
    return reports


def _focus_area(path: Path, promise: Promise, position: int, problems: Problems) -> FocusArea | None:
    data = read_source(path, formats.FOCUS_AREA, problems)
    if data is None:
        return None
    area_id = _id(data)
    prefix = f"{promise.id}-"
    if area_id and not area_id.startswith(prefix):
        problems.add(getattr(area_id, "pos", None) or Position(shown_path(path)),
                     "focus_area_id_prefix", field_name="id", value=str(area_id),
                     prefix=prefix)
    area = FocusArea(
        id=area_id, promise_id=promise.id, position=position,
        slug=area_id[len(prefix):] if area_id.startswith(prefix) else str(area_id),
        title=_loc(data.get("title")), goal=_loc(data.get("goal")),
        description=_loc(data.get("description")), background=_loc(data.get("background")),
        cause_analysis=_loc(data.get("cause_analysis")), source=shown_path(path), pos=data.pos,
        theme=data.get("theme"), commitments_stated=data.get("commitments") != NOT_STATED,
    )
    if area.commitments_stated:
        for index, item in enumerate(data.get("commitments") or [], start=1):
            if item is not None:
                area.commitments.append(_commitment(item, area, index))
    area.reports = _reports(data, "focus_area", promise.id, area_id)
    return area


def _commitment(item: LDict, area: FocusArea, position: int) -> Commitment:
    target = item.get("target") or {}
    commitment = Commitment(
        id=_id(item), focus_area_id=area.id, promise_id=area.promise_id, position=position,
        text=_loc(item.get("text")), responsible=[r for r in item.get("responsible") or [] if r],
        target_value=target.get("value"), target_unit=_loc(target.get("unit")),
        target_text=_loc(target.get("text")), indicator=_loc(item.get("indicator")),
        pos=item.pos, target_comparator=target.get("comparator"),
    )
    for follow in item.get("follow_ups") or []:
        if follow is not None:
            report = _follow_up(follow, commitment.id)
            report.promise_id, report.focus_area_id = area.promise_id, area.id or None
            commitment.follow_ups.append(report)
    return commitment


def _follow_up(follow: LDict, commitment_id) -> FollowUp:
    follow_id = _id(follow)
    return FollowUp(
        id=follow_id, commitment_id=commitment_id, date=follow.get("date"),
        period_type=follow.get("period_type"), period=follow.get("period"),
        status=follow.get("status"), reason=_loc(follow.get("reason")),
        actual=follow.get("actual"), summary=_loc(follow.get("summary")),
        actions=[Action(follow_id, i, a.get("date"), _quantity(a.get("count")),
                        _loc(a.get("description")), pos=a.pos,
                        actors=[x for x in a.get("actors") or [] if x], result=_loc(a.get("result")))
                 for i, a in enumerate(follow.get("actions") or [], start=1) if a is not None],
        evidence=[Evidence(follow_id, i, e.get("url"), _loc(e.get("title")), pos=e.pos)
                  for i, e in enumerate(follow.get("evidence") or [], start=1) if e is not None],
        pos=follow.pos, published=follow.get("published"), sources=_sources(follow),
    )


def _quantity(value: LDict | None) -> Quantity | None:
    if not value:
        return None
    return Quantity(value=value.get("value"), comparator=value.get("comparator"),
                    unit=_loc(value.get("unit")))
