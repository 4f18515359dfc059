"""What the published data says about itself: name, id, version, dates, publisher, sources.

Everything here is derived from the content, never from the clock or the machine, so two builds
of the same sources describe the data identically.

- `name`: `medborgarloften-<kommunkod>`, stable for as long as the municipality publishes.
- `id`: a UUID 5 of the municipality code in the fixed namespace `ID_NAMESPACE`, so the same
  municipality always gets the same id, and different municipalities different ones.
- `version`, `published`, `first_published`, `history`: from `versions.plan` (the published
  site's record, or `data_version` when site.yaml pins one). `published` is the day this version
  was first published, never the day of a rebuild.
- `sources_latest`: the latest date anywhere in the sources (signing, follow-ups, actions), or
  None when they hold none: no date is invented.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from generator.datasets.versions import Plan
from generator.model import Content, Localized
from generator.tables import Table

# Fixed for ever: changing it would change every published id.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:medborgarloften:datapackage")
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Columns holding dates, per table: the candidates for `created`.
DATE_COLUMNS = {"promises": ["signed_date"], "follow_ups": ["date"], "actions": ["date"],
                "commitments": ["status_date"]}


@dataclass
class Meta:
    name: str
    id: str
    version: str
    published: str  # ISO date: the day this version was first published
    first_published: str  # ISO date: the day the first version was published
    sources_latest: str | None  # the latest date in the sources, None when they hold none
    base_url: str
    title: Localized
    municipality: Localized
    police_area: Localized
    municipality_code: str
    organisation_number: str | None
    place_uri: str | None
    first_year: int | None
    last_year: int | None
    contact_email: str | None
    contact_phone: str | None
    sources: list[dict] = field(default_factory=list)
    contributors: list[dict] = field(default_factory=list)
    history: tuple = ()  # versions.VersionRecord, newest first, this version included
    newer: tuple = ()  # versions published after this one (when an older version is pinned)

    @property
    def published_datetime(self) -> str:
        return f"{self.published}T00:00:00Z"

    @property
    def data_url(self) -> str:
        return self.base_url + "data/"

    @property
    def page_url(self) -> str:
        return self.data_url

    @property
    def version_dir(self) -> str:
        return f"v{self.version}"

    @property
    def versioned_url(self) -> str:
        return f"{self.data_url}{self.version_dir}/"

    @property
    def place_sv(self) -> str:
        return self.municipality.sv or ""

    @property
    def years(self) -> str:
        if self.first_year is None:
            return ""
        if self.last_year is None or self.last_year == self.first_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def description_sv(self) -> str:
        return (f"Medborgarlöften som {self.municipality.sv} och "
                f"{_lower_first(self.police_area.sv or 'Polisen')} har skrivit under "
                f"({self.years}): fokusområden, åtaganden, ansvariga organisationer, "
                "mål och indikatorer, uppföljningar med status, genomförda aktiviteter och "
                "undertecknare. Långa tabeller över alla år; varje rad har kommunkoden.")

    @property
    def description_en(self) -> str:
        municipality = self.municipality.en or self.municipality.sv
        police = self.police_area.en or self.police_area.sv or "the Police"
        return (f"Citizen promises signed by {municipality} and {police} ({self.years}): focus "
                "areas, commitments, responsible organisations, targets and indicators, "
                "follow-ups with status, actions carried out and signatories. Long tables over "
                "all years; every row carries the municipality code.")

    @property
    def publisher_uri(self) -> str | None:
        """dataportal.se names organisations `SE` + the ten digits of the organisation number."""
        if not self.organisation_number:
            return None
        digits = re.sub(r"\D", "", self.organisation_number)
        return f"http://dataportal.se/organisation/SE{digits}" if len(digits) == 10 else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def package_id(municipality_code: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, municipality_code))


def sources_latest_date(tables: dict[str, Table]) -> str | None:
    dates = [value for name, columns in DATE_COLUMNS.items() for row in tables[name].rows
             for column in columns if (value := row.get(column)) and DATE.fullmatch(value)]
    return max(dates) if dates else None


def pinned_version(content: Content) -> str | None:
    """`data_version` as written in site.yaml, or None when the build is to derive it."""
    value = getattr(content.site, "data_version", None)
    return str(value) if value else None


def is_semver(version: str) -> bool:
    return bool(SEMVER.fullmatch(version))


def build_meta(content: Content, tables: dict[str, Table], base_url: str, plan: Plan) -> Meta:
    site = content.site
    code = site.municipality_code or "0000"
    base = base_url if base_url.endswith("/") else base_url + "/"
    starts = [int(str(p.start_year)) for p in content.promises if str(p.start_year or "").isdigit()]
    ends = [int(str(p.end_year)) for p in content.promises if str(p.end_year or "").isdigit()]
    sources = [
        {"title": f"{promise.title.sv} ({promise.headline.sv})" if promise.headline.sv
         else promise.title.sv, "path": promise.source_url}
        for promise in content.promises if promise.source_url
    ]
    if not sources:  # no promise names its original publication: the site is the source
        sources.append({"title": f"{site.title.sv} ({site.municipality_name.sv})", "path": base})
    contributors = [{
        "title": site.municipality_name.sv,
        "roles": ["publisher"],
        **({"path": base} if base.startswith("http") else {}),
        **({"email": site.contact.email} if site.contact.email else {}),
    }]
    signed_by = []
    for promise in content.promises:
        for person in promise.signatories:
            if person.organisation_id and person.organisation_id not in signed_by:
                signed_by.append(person.organisation_id)
    names = {org.id: org.name.sv for org in content.organisations}
    for org_id in signed_by:
        if names.get(org_id) and names[org_id] != site.municipality_name.sv:
            contributors.append({"title": names[org_id], "roles": ["creator"]})
    if contributors[0]["title"] in [names.get(o) for o in signed_by]:
        contributors[0]["roles"] = ["publisher", "creator"]
    return Meta(
        name=f"medborgarloften-{code}",
        id=package_id(code),
        version=plan.version,
        published=plan.published,
        first_published=plan.first_published,
        sources_latest=sources_latest_date(tables),
        history=plan.history,
        newer=plan.newer,
        base_url=base,
        title=site.title,
        municipality=site.municipality_name,
        police_area=site.police_area,
        municipality_code=code,
        place_uri=getattr(site, "place_uri", None),
        organisation_number=site.organisation_number,
        first_year=min(starts) if starts else None,
        last_year=max(ends + starts) if starts else None,
        contact_email=site.contact.email,
        contact_phone=site.contact.phone,
        sources=sources,
        contributors=contributors,
    )
