"""schema.org `Dataset` for the data page, so dataset search engines can find the data."""

from __future__ import annotations

import json


def dataset_json_ld(release, lang: str):
    from markupsafe import Markup

    from generator.datasets.package import resources

    meta = release.meta
    sv = lang == "sv"
    publisher = {"@type": "GovernmentOrganization",
                 "name": meta.municipality.sv if sv else (meta.municipality.en or meta.municipality.sv),
                 "url": meta.base_url}
    # The published columns, once each by name: what the tables measure (schema.org asks for
    # names or PropertyValues; the codebook has the rest).
    variables: list[dict[str, str]] = []
    for resource in resources():
        for field in resource["schema"]["fields"]:
            name = field["name"]
            if name not in {v["name"] for v in variables}:
                variables.append({"@type": "PropertyValue", "name": name,
                                  "description": field["description"] if sv else field["description_en"]})
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": meta.data_url + "#dataset",
        "name": meta.title.sv if sv else (meta.title.en or meta.title.sv),
        "description": meta.description_sv if sv else meta.description_en,
        "url": meta.page_url,
        "identifier": f"urn:uuid:{meta.id}",
        "version": meta.version,
        "datePublished": meta.first_published,
        "dateModified": meta.published,
        "inLanguage": ["sv", "en"],
        "isAccessibleForFree": True,
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "keywords": ["medborgarlöften", "trygghet", "citizen promises", "crime prevention"],
        "citation": release.citation(lang),
        "creator": publisher,
        "publisher": publisher,
        "includedInDataCatalog": {"@type": "DataCatalog", "@id": meta.data_url + "catalog.rdf#catalog",
                                  "url": meta.data_url + "catalog.rdf"},
        "variableMeasured": variables,
        "spatialCoverage": {"@type": "Place",
                            "name": f"{meta.municipality.sv}, Sverige" if sv
                            else f"{meta.municipality.en or meta.municipality.sv}, Sweden",
                            **({"sameAs": meta.place_uri} if meta.place_uri else {})},
        "distribution": [
            {"@type": "DataDownload", "name": item.name, "encodingFormat": item.media_type,
             "contentUrl": meta.data_url + item.name, "contentSize": f"{item.bytes} B"}
            for item in release.files
        ],
    }
    if meta.first_year is not None:
        data["temporalCoverage"] = f"{meta.first_year}/{meta.last_year or meta.first_year}"
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # "</script>" or "<!--" inside a value must not end the script element.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
