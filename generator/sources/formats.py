"""The keys of every kind of source file, in one place (the editor's guide lists them from here)."""

from __future__ import annotations

from generator.sources.spec import Key, ListOf, Localized, Record, Text

T, L = Text(), Localized()

SITE = Record({
    "title": Key(L, "Webbplatsens namn", "Name of the site"),
    "base_url": Key(T, "Hela adressen där webbplatsen publiceras, med https://",
                    "The whole address the site is published at, with https://"),
    "default_language": Key(T, "Huvudspråk (sv)", "Main language (sv)"),
    "languages": Key(ListOf(T), "Språk som byggs", "Languages built"),
    "municipality": Key(Record({
        "name": Key(L, "Kommunens namn", "Name of the municipality"),
        "organisation_number": Key(T, "Organisationsnummer", "Organisation number"),
        "municipality_code": Key(T, "Kommunkod (fyra siffror)", "Municipality code (four digits)"),
    })),
    "police_area": Key(L, "Lokalpolisområde", "Local police area"),
    "data_version": Key(T, "Version av öppna data (MAJOR.MINOR.PATCH)",
                        "Version of the open data (MAJOR.MINOR.PATCH)"),
    "contact": Key(Record({
        "phone": Key(T), "email": Key(T), "opening_hours": Key(L),
        "visiting_address": Key(T), "postal_address": Key(T), "invoice_address": Key(T),
    })),
    "accessibility": Key(Record({
        "compliance": Key(T, "full, partial eller none", "full, partial or none"),
        "assessed_on": Key(T, "Datum för granskningen", "Date of the assessment"),
        "assessment_method": Key(L), "known_gaps": Key(ListOf(L)),
        "report_email": Key(T), "statement_updated": Key(T),
    })),
}, )

ORGANISATION = Record({
    "id": Key(T, "Fast id, återanvänds aldrig", "Stable id, never reused"),
    "name": Key(L, "Namn", "Name"),
    "kind": Key(T, "police, municipality eller municipal_service",
                "police, municipality or municipal_service"),
    "part_of": Key(T, "Id för organisationen den ingår i", "Id of the organisation it belongs to"),
})
ORGANISATIONS_FILE = Record({"organisations": Key(ListOf(ORGANISATION))})

SIGNATORY = Record({
    "id": Key(T), "name": Key(T), "role": Key(L), "organisation": Key(T),
})
STATEMENT = Record({"signatory": Key(T), "text": Key(L)})
PROMISE = Record({
    "id": Key(T, "Löftets id, oftast året", "The promise's id, usually the year"),
    "title": Key(L), "start_year": Key(T), "end_year": Key(T),
    "signed_date": Key(T, "Datum då löftet skrevs under (ÅÅÅÅ-MM-DD)", "Date of signing (YYYY-MM-DD)"),
    "follow_up_interval": Key(T, "quarterly, tertial eller yearly", "quarterly, tertial or yearly"),
    "source_url": Key(T, "Var löftet publicerades", "Where the promise was published"),
    "headline": Key(L), "signing": Key(L), "introduction": Key(L),
    "situation_meetings": Key(L, "Om lägesbildsträffarna", "About the situation-picture meetings"),
    "background": Key(L, "Vad medborgarlöften är", "What citizen promises are"),
    "aims": Key(ListOf(L)),
    "signatories": Key(ListOf(SIGNATORY)),
    "statements": Key(ListOf(STATEMENT)),
})

ACTION = Record({"date": Key(T), "count": Key(T), "description": Key(L)})
EVIDENCE = Record({"url": Key(T), "title": Key(L)})
FOLLOW_UP = Record({
    "id": Key(T, "Fast id för uppföljningen", "Stable id of the follow-up"),
    "date": Key(T, "Datum för uppföljningen (ÅÅÅÅ-MM-DD)", "Date of the follow-up (YYYY-MM-DD)"),
    "period_type": Key(T, "quarterly, tertial eller yearly", "quarterly, tertial or yearly"),
    "period": Key(T, "Period, t.ex. 2021 T1", "Period, e.g. 2021 T1"),
    "status": Key(T, "Status (se listan)", "Status (see the list)"),
    "reason": Key(L, "Skäl, krävs vid försening", "Reason, required when late"),
    "actual": Key(T, "Utfall som tal", "Actual figure"),
    "summary": Key(L),
    "actions": Key(ListOf(ACTION)),
    "evidence": Key(ListOf(EVIDENCE)),
})
COMMITMENT = Record({
    "id": Key(T), "text": Key(L),
    "responsible": Key(ListOf(T), "Ansvariga organisationers id", "Ids of the responsible organisations"),
    "target": Key(Record({"value": Key(T), "unit": Key(L), "text": Key(L)})),
    "indicator": Key(L),
    "follow_ups": Key(ListOf(FOLLOW_UP)),
})
FOCUS_AREA = Record({
    "id": Key(T, "Fast id: löftets id, bindestreck, kort namn", "Stable id: promise id, hyphen, short name"),
    "title": Key(L), "goal": Key(L), "description": Key(L),
    "background": Key(L, "Syfte eller bakgrund", "Purpose or background"),
    "cause_analysis": Key(L, "Orsaksanalys", "Cause analysis"),
    "commitments": Key(ListOf(COMMITMENT)),
})
