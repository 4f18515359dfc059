"""The keys of every kind of source file, in one place (the editor's guide lists them from here)."""

from __future__ import annotations

from generator.model import LANGUAGES, STATUSES
from generator.sources.spec import (
    COMPARATOR,
    Choice,
    Date,
    Email,
    Flag,
    HttpUrl,
    Id,
    Key,
    ListOf,
    ListOrNoneKnown,
    ListOrNotStated,
    Localized,
    OrganisationNumber,
    PartialDate,
    Quantity,
    Record,
    Text,
    Version,
    Year,
)

T, L = Text(), Localized()
ID, DATE, YEAR, EMAIL, URL = Id(), Date(), Year(), Email(), HttpUrl()
PERIOD, QUANTITY = PartialDate(), Quantity()
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
        "place_uri": Key(URL, "Kommunens adress i ett ortnamnsregister, t.ex. GeoNames "
                         "(https://sws.geonames.org/<nummer>/), för datakatalogens dcterms:spatial",
                         "The municipality's address in a place register such as GeoNames "
                         "(https://sws.geonames.org/<number>/), for the catalogue's dcterms:spatial"),
    })),
    "police_area": Key(L, "Lokalpolisområde", "Local police area"),
    "themes": Key(ListOf(Record({
        "id": Key(ID, "Fast id för temat", "Stable id of the theme"),
        "title": Key(L, "Temats namn", "Name of the theme"),
        "description": Key(L, "Vad temat samlar", "What the theme gathers"),
    })), "Teman som följer fokusområden över åren", "Themes that follow focus areas across the years"),
    "data_version": Key(Version(), "Fast version av öppna data (MAJOR.MINOR.PATCH); utan den "
                        "väljer bygget nästa version när data ändras",
                        "A fixed version of the open data (MAJOR.MINOR.PATCH); without it the "
                        "build picks the next version when the data change"),
    "contact": Key(Record({
        "phone": Key(T), "email": Key(EMAIL), "opening_hours": Key(L),
        "visiting_address": Key(T), "postal_address": Key(T), "invoice_address": Key(T),
    })),
    "accessibility": Key(Record({
        "compliance": Key(Choice(codes=("full", "partial", "none"), labels=(
            ("helt förenlig", "full"), ("delvis förenlig", "partial"), ("inte förenlig", "none"))),
            "full, partial eller none", "full, partial or none"),
        "assessed_on": Key(DATE, "Datum för granskningen", "Date of the assessment"),
        "assessment_method": Key(L), "known_gaps": Key(ListOrNoneKnown(L)),
        "report_email": Key(EMAIL),
        "statement_prepared": Key(DATE, "Datum då redogörelsen upprättades", "Date the statement was made"),
        "statement_updated": Key(DATE),
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

SOURCE = Record({
    "url": Key(URL, "Adressen till källan (https://)", "The source's address (https://)"),
    "title": Key(L, "Källans rubrik", "The source's title"),
    "publisher": Key(ID, "Id för organisationen som publicerade den", "Id of the organisation that published it"),
    "published": Key(PERIOD, "När den publicerades, så exakt som källan anger",
                      "When it was published, as precisely as the source gives it"),
})
SOURCES = ListOf(SOURCE)
SIGNATORY = Record({
    "id": Key(ID), "name": Key(T, "Namnet som det stod vid undertecknandet", "The name as given at the signing"),
    "person": Key(ID, "Fast id för personen, samma alla år", "Stable id of the person, the same every year"),
    "role": Key(L), "organisation": Key(ID),
})
STATEMENT = Record({"signatory": Key(ID), "text": Key(L)})

ACTION = Record({
    "description": Key(L, "Vad som gjordes", "What was done"),
    "date": Key(PERIOD, "När, så exakt som källan anger (2023-02, 2023)", "When, as precisely as the source gives it"),
    "count": Key(QUANTITY, "Antal: ett tal, eller value, comparator (at_least …) och unit",
                 "Count: a number, or value, comparator (at_least …) and unit"),
    "actors": Key(ListOf(ID, unique=True), "Id för organisationerna som gjorde det", "Ids of the organisations that did it"),
    "result": Key(L, "Vad det ledde till", "What came of it"),
})
EVIDENCE = Record({"url": Key(URL, "Länk till underlaget (https://…)", "Link to the evidence (https://…)"),
                   "title": Key(L, "Underlagets titel", "Title of the evidence")})
FOLLOW_UP = Record({
    "id": Key(ID, "Fast id för uppföljningen", "Stable id of the follow-up"),
    "date": Key(PERIOD, "Tidpunkt eller period för uppföljningen, så exakt som källan anger",
                "Date or period of the follow-up, as precisely as the source gives it"),
    "period_type": Key(INTERVAL, "quarterly, tertial eller yearly", "quarterly, tertial or yearly"),
    "period": Key(PERIOD, "Perioden som följs upp (2023, 2023-T1, 2023-Q2 …)",
                  "The period followed up (2023, 2023-T1, 2023-Q2 …)"),
    "published": Key(PERIOD, "När uppföljningen publicerades", "When the follow-up was published"),
    "status": Key(STATUS, "Bedömning (valfri, se listan)", "Assessment (optional, see the list)"),
    "reason": Key(L, "Skäl, krävs vid försening", "Reason, required when late"),
    "actual": Key(T, "Utfall som tal", "Actual figure"),
    "summary": Key(L, "Vad som gjorts (Markdown)", "What was done (Markdown)"),
    "actions": Key(ListOf(ACTION), "Genomförda aktiviteter", "Actions carried out"),
    "evidence": Key(ListOf(EVIDENCE), "Underlag som stöder uppföljningen", "Evidence supporting the follow-up"),
    "sources": Key(SOURCES, "Var uppföljningen publicerades", "Where the follow-up was published"),
})
COMMITMENT = Record({
    "id": Key(ID), "text": Key(L),
    "responsible": Key(ListOf(ID, unique=True), "Ansvariga organisationers id",
                       "Ids of the responsible organisations"),
    "target": Key(Record({"value": Key(T), "comparator": Key(COMPARATOR, "Hur värdet läses: at_least (minst), at_most (högst), about (cirka)", "How to read the value: at_least, at_most, about"), "unit": Key(L), "text": Key(L)})),
    "indicator": Key(L),
    "follow_ups": Key(ListOf(FOLLOW_UP)),
})
FOCUS_AREA = Record({
    "id": Key(ID, "Fast id: löftets id, bindestreck, kort namn", "Stable id: promise id, hyphen, short name"),
    "title": Key(L), "goal": Key(L, "Mål (valfritt)", "Goal (optional)"), "description": Key(L),
    "theme": Key(ID, "Id för ett tema i site.yaml", "Id of a theme in site.yaml"),
    "background": Key(L, "Syfte eller bakgrund", "Purpose or background"),
    "cause_analysis": Key(L, "Orsaksanalys", "Cause analysis"),
    "commitments": Key(ListOrNotStated(COMMITMENT), "Åtagandena, eller not_stated om källorna inte räknar upp dem",
                       "The commitments, or not_stated when the sources do not list them"),
    "reports": Key(ListOf(FOLLOW_UP), "Uppföljningar av hela fokusområdet", "Follow-ups of the whole focus area"),
})
PROMISE = Record({
    "id": Key(ID, "Löftets id, oftast året", "The promise's id, usually the year"),
    "draft": Key(Flag(), "true: ett utkast som inte publiceras", "true: a draft that is not published"),
    "title": Key(L), "start_year": Key(YEAR), "end_year": Key(YEAR),
    "signed_date": Key(PERIOD, "Datum då löftet skrevs under, så exakt som källan anger",
                       "Date of signing, as precisely as the source gives it"),
    "follow_up_interval": Key(INTERVAL, "quarterly, tertial eller yearly", "quarterly, tertial or yearly"),
    "source_url": Key(URL, "Var löftet publicerades (en källa; se sources)", "Where the promise was published (one source; see sources)"),
    "sources": Key(SOURCES, "Källor: kommunens och polisens sidor", "Sources: the municipality's and the police's pages"),
    "headline": Key(L), "signing": Key(L), "introduction": Key(L),
    "situation_meetings": Key(L, "Om lägesbildsträffarna", "About the situation-picture meetings"),
    "background": Key(L, "Vad medborgarlöften är", "What citizen promises are"),
    "aims": Key(ListOf(L)),
    "signatories": Key(ListOf(SIGNATORY)),
    "statements": Key(ListOf(STATEMENT)),
    "commitments": Key(ListOf(COMMITMENT), "Åtaganden för hela löftet", "Commitments of the whole promise"),
    "reports": Key(ListOf(FOLLOW_UP), "Uppföljningar av hela löftet", "Follow-ups of the whole promise"),
})
