"""The DCAT-AP-SE catalogue (RDF/XML) that dataportal.se harvests from data/catalog.rdf.

Built as a graph with rdflib. It meets the EU DCAT-AP 2.1.1 SHACL shapes *and* the range shapes:
every thing a property points at is typed with the class the range asks for (licence document,
media type, location, concept with a label …), which is exactly what DIGG's own examples leave
out. No blank nodes: catalogue, dataset, distributions, publisher, contact point, period,
checksums all have IRIs, the local ones as fragments of the catalogue's own URL.

Choices, and why:
- Publisher `http://dataportal.se/organisation/SE<organisationsnummer>`: the IRI dataportal.se
  uses for Swedish organisations; typed `LocalAuthority` from the ADMS publisher types.
- Licence `http://creativecommons.org/publicdomain/zero/1.0/`: CC0 1.0 spelled as DCAT-AP-SE's
  licence list spells it (http, trailing slash).
- Spatial: the EU country authority's Sweden (a controlled IRI harvesters understand) and the
  municipality itself as a Location of its own with its kommunkod. We do not guess an IRI for the
  municipality in an outside register; a wrong IRI would be worse than a local one.
- Checksums: DCAT-AP 2.1.1 allows only SHA-1 in `spdx:checksum` (its shape says so), so the
  catalogue carries SHA-1; datapackage.json and SHA256SUMS carry SHA-256.
"""

from __future__ import annotations

import hashlib
import re

from generator.datasets.meta import Meta

EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
CATALOG_FILE = "catalog.rdf"

# suffix → (EU file type, IANA media type)
FORMATS = {
    ".csv": ("CSV", "text/csv"),
    ".json": ("JSON", "application/json"),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".zip": ("ZIP", "application/zip"),
    ".md": ("TXT", "text/markdown"),
    ".sql": ("SQL", "application/sql"),
    "": ("TXT", "text/plain"),
}


def file_format(name: str) -> tuple[str, str]:
    match = re.search(r"\.[a-z]+$", name)
    return FORMATS.get(match.group(0) if match else "", FORMATS[""])


def catalog_bytes(meta: Meta, files: dict[str, bytes], titles: dict[str, tuple[str, str]]) -> bytes:
    """`files`: every published file under data/ with its bytes; `titles`: sv/en per file."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS, XSD

    SPDX = Namespace("http://spdx.org/rdf/terms#")
    DCATAP = Namespace("http://data.europa.eu/r5r/")
    ADMS = Namespace("http://www.w3.org/ns/adms#")
    VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

    graph = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("skos", SKOS),
                       ("vcard", VCARD), ("spdx", SPDX), ("adms", ADMS), ("owl", OWL),
                       ("dcatap", DCATAP)):
        graph.bind(prefix, ns)
    add = graph.add
    here = meta.data_url + CATALOG_FILE
    catalog, dataset = URIRef(here + "#catalog"), URIRef(here + "#dataset")
    publisher = URIRef(meta.publisher_uri or here + "#publisher")
    contact = URIRef(here + "#contact")
    period = URIRef(here + "#temporal")
    # DCAT-AP: a named place not in the EU lists is a GeoNames URI; the site may give one
    municipality_place = URIRef(meta.place_uri or here + "#spatial")
    sweden = URIRef(EU + "country/SWE")
    licence = URIRef(CC0)
    theme = URIRef(EU + "data-theme/JUST")
    themes = URIRef(EU + "data-theme")
    public = URIRef(EU + "access-right/PUBLIC")
    languages = [URIRef(EU + "language/SWE"), URIRef(EU + "language/ENG")]
    homepage, landing = URIRef(meta.base_url), URIRef(meta.page_url)
    modified = Literal(meta.published, datatype=XSD.date)  # this version's first day online
    issued = Literal(meta.first_published, datatype=XSD.date)  # the first version's
    stable = URIRef(EU + "planned-availability/STABLE")
    table_schema = URIRef(meta.data_url + "datapackage.json")

    def both(subject, predicate, sv: str | None, en: str | None) -> None:
        if sv:
            add((subject, predicate, Literal(sv, lang="sv")))
        if en or sv:
            add((subject, predicate, Literal(en or sv, lang="en")))

    # The catalogue
    add((catalog, RDF.type, DCAT.Catalog))
    both(catalog, DCTERMS.title, f"Öppna data: {meta.title.sv}",
         f"Open data: {meta.title.en or meta.title.sv}")
    both(catalog, DCTERMS.description,
         f"Datakatalog för {meta.title.sv}, publicerad av {meta.municipality.sv}.",
         f"Data catalogue for {meta.title.en or meta.title.sv}, published by "
         f"{meta.municipality.en or meta.municipality.sv}.")
    add((catalog, DCTERMS.publisher, publisher))
    add((catalog, DCTERMS.license, licence))
    add((catalog, DCAT.dataset, dataset))
    add((catalog, FOAF.homepage, homepage))
    add((catalog, DCTERMS.issued, issued))
    add((catalog, DCTERMS.modified, modified))
    add((catalog, DCAT.themeTaxonomy, themes))
    for language in languages:
        add((catalog, DCTERMS.language, language))

    # The publisher and the contact point
    add((publisher, RDF.type, FOAF.Agent))
    add((publisher, RDF.type, FOAF.Organization))
    both(publisher, FOAF.name, meta.municipality.sv, meta.municipality.en)
    add((publisher, DCTERMS.type, URIRef(LOCAL_AUTHORITY)))
    add((contact, RDF.type, VCARD.Organization))
    add((contact, RDF.type, VCARD.Kind))
    add((contact, VCARD.fn, Literal(meta.municipality.sv or "")))
    if meta.contact_email:
        add((contact, VCARD.hasEmail, URIRef("mailto:" + meta.contact_email)))
    phone = _tel(meta.contact_phone)
    if phone:
        add((contact, VCARD.hasTelephone, URIRef(phone)))

    # The dataset
    add((dataset, RDF.type, DCAT.Dataset))
    both(dataset, DCTERMS.title, meta.title.sv, meta.title.en)
    add((dataset, DCTERMS.description, Literal(meta.description_sv, lang="sv")))
    add((dataset, DCTERMS.description, Literal(meta.description_en, lang="en")))
    add((dataset, DCTERMS.publisher, publisher))
    add((dataset, DCAT.contactPoint, contact))
    add((dataset, DCAT.theme, theme))
    add((dataset, DCTERMS.spatial, sweden))
    add((dataset, DCTERMS.spatial, municipality_place))
    add((dataset, DCTERMS.temporal, period))
    add((dataset, DCTERMS.accessRights, public))
    add((dataset, DCTERMS.identifier, Literal(f"urn:uuid:{meta.id}")))
    add((dataset, OWL.versionInfo, Literal(meta.version)))
    add((dataset, DCTERMS.issued, issued))
    add((dataset, DCTERMS.modified, modified))
    add((dataset, DCAT.landingPage, landing))
    for language in languages:
        add((dataset, DCTERMS.language, language))
    for sv, en in (("medborgarlöften", "citizen promises"), ("trygghet", "public safety"),
                   ("brottsförebyggande", "crime prevention"), ("polisen", "police")):
        add((dataset, DCAT.keyword, Literal(sv, lang="sv")))
        add((dataset, DCAT.keyword, Literal(en, lang="en")))

    # One distribution per file
    for name in sorted(files):
        data = files[name]
        kind, media = file_format(name)
        url = URIRef(meta.data_url + name)
        dist = URIRef(f"{here}#distribution-{name}")
        checksum = URIRef(f"{here}#checksum-{name}")
        add((dataset, DCAT.distribution, dist))
        add((dist, RDF.type, DCAT.Distribution))
        title_sv, title_en = titles.get(name, (name, name))
        add((dist, DCTERMS.title, Literal(title_sv, lang="sv")))
        add((dist, DCTERMS.title, Literal(title_en, lang="en")))
        add((dist, DCAT.accessURL, url))
        add((dist, DCAT.downloadURL, url))
        add((dist, DCAT.mediaType, URIRef(IANA + media)))
        add((dist, DCTERMS.format, URIRef(EU + "file-type/" + kind)))
        add((dist, DCAT.byteSize, Literal(str(len(data)), datatype=XSD.decimal)))
        add((dist, DCTERMS.license, licence))
        add((dist, DCTERMS.issued, modified))
        add((dist, DCTERMS.modified, modified))
        both(dist, DCTERMS.description, f"{title_sv}: fil i öppna data för {meta.title.sv}.",
             f"{title_en}: a file of the open data of {meta.title.en or meta.title.sv}.")
        add((dist, DCATAP.availability, stable))
        if name.endswith(".csv") and not name.endswith(".excel.csv") and name != "codebook.csv":
            add((dist, DCTERMS.conformsTo, table_schema))  # described in datapackage.json
        add((dist, SPDX.checksum, checksum))
        add((checksum, RDF.type, SPDX.Checksum))
        add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha1))
        add((checksum, SPDX.checksumValue,
             Literal(hashlib.sha1(data).hexdigest(), datatype=XSD.hexBinary)))
        add((URIRef(IANA + media), RDF.type, DCTERMS.MediaType))
        add((URIRef(EU + "file-type/" + kind), RDF.type, DCTERMS.MediaTypeOrExtent))

    # What the properties point at, typed as the DCAT-AP range shapes require
    add((period, RDF.type, DCTERMS.PeriodOfTime))
    if meta.first_year is not None:
        add((period, DCAT.startDate, Literal(f"{meta.first_year}-01-01", datatype=XSD.date)))
        add((period, DCAT.endDate, Literal(f"{meta.last_year or meta.first_year}-12-31",
                                           datatype=XSD.date)))
    add((sweden, RDF.type, DCTERMS.Location))
    both(sweden, SKOS.prefLabel, "Sverige", "Sweden")
    add((municipality_place, RDF.type, DCTERMS.Location))
    both(municipality_place, SKOS.prefLabel, meta.municipality.sv, meta.municipality.en)
    add((municipality_place, DCTERMS.identifier, Literal(meta.municipality_code)))
    add((licence, RDF.type, DCTERMS.LicenseDocument))
    add((stable, RDF.type, SKOS.Concept))
    both(stable, SKOS.prefLabel, "stabil", "stable")
    add((table_schema, RDF.type, DCTERMS.Standard))
    both(table_schema, DCTERMS.title, "Tabellscheman (Frictionless Table Schema) i datapackage.json",
         "Table Schemas (Frictionless Table Schema) in datapackage.json")
    add((public, RDF.type, DCTERMS.RightsStatement))
    for language in languages:
        add((language, RDF.type, DCTERMS.LinguisticSystem))
    add((homepage, RDF.type, FOAF.Document))
    add((landing, RDF.type, FOAF.Document))
    add((themes, RDF.type, SKOS.ConceptScheme))
    both(themes, DCTERMS.title, "Datateman", "Data theme")
    add((theme, RDF.type, SKOS.Concept))
    add((theme, SKOS.inScheme, themes))
    both(theme, SKOS.prefLabel, "Rättvisa, rättsliga system och allmän säkerhet",
         "Justice, legal system and public safety")
    local_authority = URIRef(LOCAL_AUTHORITY)
    add((local_authority, RDF.type, SKOS.Concept))
    add((local_authority, SKOS.inScheme, URIRef("http://purl.org/adms/publishertype/1.0")))
    add((local_authority, SKOS.prefLabel, Literal("Local Authority", lang="en")))

    return _stable_xml(graph)


def _tel(phone: str | None) -> str | None:
    """`0227-60 00 00` → `tel:+46227600000` (a Swedish number in international form)."""
    if not phone:
        return None
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("+"):
        return "tel:" + digits
    if digits.startswith("0"):
        return "tel:+46" + digits[1:]
    return None


def _stable_xml(graph) -> bytes:
    """RDF/XML with subjects and their properties in sorted order, the same on every run.

    rdflib's store iterates in hash order, which changes between processes; the serializer
    only asks `subjects()` and `predicate_objects()`, so a graph that answers those sorted
    gives the same bytes every time.
    """
    from rdflib import Graph

    def key(node) -> tuple[str, str, str]:
        return (type(node).__name__, str(node), getattr(node, "language", None) or "")

    class SortedGraph(Graph):
        def subjects(self, predicate=None, object=None, unique=False):  # noqa: A002
            found = set(Graph.subjects(self, predicate, object))
            return iter(sorted(found, key=key))

        def predicate_objects(self, subject=None, unique=False):
            found = set(Graph.predicate_objects(self, subject))
            return iter(sorted(found, key=lambda po: (key(po[0]), key(po[1]))))

    ordered = SortedGraph()
    for prefix, ns in graph.namespaces():
        ordered.bind(prefix, ns, override=True)
    for triple in graph:
        ordered.add(triple)
    return ordered.serialize(format="xml", encoding="utf-8")
