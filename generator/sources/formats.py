"""The keys of every kind of source file, in one place (the editor's guide lists them from here)."""

from __future__ import annotations

from generator.model import LANGUAGES, STATUSES
from generator.sources.spec import (
    Choice,
    Date,
    Email,
    HttpUrl,
    Id,
    Key,
    ListOf,
    Localized,
    OrganisationNumber,
    Record,
    Text,
    Version,
    Year,
)

T, L = Text(), Localized()
ID, DATE, YEAR, EMAIL, URL = Id(), Date(), Year(), Email(), HttpUrl()
LANGUAGE = Choice(codes=LANGUAGES, labels=(("svenska", "sv"), ("swedish", "sv"), ("engelska", "en"),
                                           ("english", "en")))
INTERVAL = Choice(codes=("quarterly", "tertial", "yearly"),
                  labels=(("kvartal", "quarterly"), ("kvartalsvis", "quarterly"), ("tertial", "tertial"),
                          ("årlig", "yearly"), ("årligen", "yearly"), ("år", "yearly")))
STATUS = Choice(codes=tuple(STATUSES), labels=tuple(
    (label, code) for code, labels in STATUSES.items() for label in labels))

SITE = Record({
    "title": Key(L, "Webbplatsens namn", "Name of the site"),
    "base_url": Key(T, "Hela adressen där webbplatsen publiceras, med https://",
                    "The whole address the site is published at, with https://"),
    "default_language": Key(LANGUAGE, "Huvudspråk (sv), ett av språken i languages",
                            "Main language (sv), one of the languages"),
    "languages": Key(ListOf(LANGUAGE, unique=True), "Språk som byggs (sv, en)", "Languages built (sv, en)"),
    "municipality": Key(Record({
        "name": Key(L, "Kommunens namn", "Name of the municipality"),
        "organisation_number": Key(OrganisationNumber(), "Organisationsnummer (NNNNNN-NNNN)",
                                   "Organisation number (NNNNNN-NNNN)"),
        "municipality_code": Key(T, "Kommunkod (fyra siffror)", "Municipality code (four digits)"),
    })),
    "police_area": Key(L, "Lokalpolisområde", "Local police area"),
    "data_version": Key(Version(), "Version av öppna data (MAJOR.MINOR.PATCH)",
                        "Version of the open data (MAJOR.MINOR.PATCH)"),
    "contact": Key(Record({
        "phone": Key(T), "email": Key(EMAIL), "opening_hours": Key(L),
        "visiting_address": Key(T), "postal_address": Key(T), "invoice_address": Key(T),
    })),
    "accessibility": Key(Record({
        "compliance": Key(Choice(codes=("full", "partial", "none"), labels=(
            ("helt förenlig", "full"), ("delvis förenlig", "partial"), ("inte förenlig", "none"))),
            "full, partial eller none", "full, partial or none"),
        "assessed_on": Key(DATE, "Datum för granskningen", "Date of the assessment"),
        "assessment_method": Key(L), "known_gaps": Key(ListOf(L)),
        "report_email": Key(EMAIL), "statement_updated": Key(DATE),
    })),
}, )

ORGANISATION = Record({
    "id": Key(ID, "Fast id, återanvänds aldrig", "Stable id, never reused"),
    "name": Key(L, "Namn", "Name"),
    "kind": Key(Choice(codes=("police", "municipality", "municipal_service", "other"), labels=(
        ("polis", "police"), ("polisen", "police"), ("kommun", "municipality"),
        ("kommunal verksamhet", "municipal_service"), ("annan", "other"))),
        "police, municipality, municipal_service eller other",
        "police, municipality, municipal_service or other"),
    "part_of": Key(ID, "Id för organisationen den ingår i", "Id of the organisation it belongs to"),
})
ORGANISATIONS_FILE = Record({"organisations": Key(ListOf(ORGANISATION))})

SIGNATORY = Record({
    "id": Key(ID), "name": Key(T), "role": Key(L), "organisation": Key(ID),
})
STATEMENT = Record({"signatory": Key(ID), "text": Key(L)})
PROMISE = Record({
    "id": Key(ID, "Löftets id, oftast året", "The promise's id, usually the year"),
    "title": Key(L), "start_year": Key(YEAR), "end_year": Key(YEAR),
    "signed_date": Key(DATE, "Datum då löftet skrevs under (ÅÅÅÅ-MM-DD)", "Date of signing (YYYY-MM-DD)"),
    "follow_up_interval": Key(INTERVAL, "quarterly, tertial eller yearly", "quarterly, tertial or yearly"),
    "source_url": Key(URL, "Var löftet publicerades", "Where the promise was published"),
    "headline": Key(L), "signing": Key(L), "introduction": Key(L),
    "situation_meetings": Key(L, "Om lägesbildsträffarna", "About the situation-picture meetings"),
    "background": Key(L, "Vad medborgarlöften är", "What citizen promises are"),
    "aims": Key(ListOf(L)),
    "signatories": Key(ListOf(SIGNATORY)),
    "statements": Key(ListOf(STATEMENT)),
})

ACTION = Record({"date": Key(DATE), "count": Key(T), "description": Key(L)})
EVIDENCE = Record({"url": Key(URL), "title": Key(L)})
FOLLOW_UP = Record({
    "id": Key(ID, "Fast id för uppföljningen", "Stable id of the follow-up"),
    "date": Key(DATE, "Datum för uppföljningen (ÅÅÅÅ-MM-DD)", "Date of the follow-up (YYYY-MM-DD)"),
    "period_type": Key(INTERVAL, "quarterly, tertial eller yearly", "quarterly, tertial or yearly"),
    "period": Key(T, "Period, t.ex. 2021 T1", "Period, e.g. 2021 T1"),
    "status": Key(STATUS, "Status (se listan)", "Status (see the list)"),
    "reason": Key(L, "Skäl, krävs vid försening", "Reason, required when late"),
    "actual": Key(T, "Utfall som tal", "Actual figure"),
    "summary": Key(L),
    "actions": Key(ListOf(ACTION)),
    "evidence": Key(ListOf(EVIDENCE)),
})
COMMITMENT = Record({
    "id": Key(ID), "text": Key(L),
    "responsible": Key(ListOf(ID, unique=True), "Ansvariga organisationers id",
                       "Ids of the responsible organisations"),
    "target": Key(Record({"value": Key(T), "unit": Key(L), "text": Key(L)})),
    "indicator": Key(L),
    "follow_ups": Key(ListOf(FOLLOW_UP)),
})
FOCUS_AREA = Record({
    "id": Key(ID, "Fast id: löftets id, bindestreck, kort namn", "Stable id: promise id, hyphen, short name"),
    "title": Key(L), "goal": Key(L), "description": Key(L),
    "background": Key(L, "Syfte eller bakgrund", "Purpose or background"),
    "cause_analysis": Key(L, "Orsaksanalys", "Cause analysis"),
    "commitments": Key(ListOf(COMMITMENT)),
})
