"""The DCAT-AP-SE catalogue: pySHACL against the EU DCAT-AP 2.1.1 shapes *and* range shapes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

DCAT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dcat"
SHAPES = ("dcat-ap_2.1.1_shacl_shapes.ttl", "dcat-ap_2.1.1_shacl_range.ttl")


def shapes_graph(*names: str):
    from rdflib import Graph

    graph = Graph()
    for name in names:
        graph.parse(DCAT_FIXTURES / name, format="turtle")
    return graph


def conforms(data_graph, shapes) -> tuple[bool, str]:
    from pyshacl import validate

    ok, _, text = validate(data_graph, shacl_graph=shapes, inference="none")
    return ok, text


@pytest.fixture(scope="module")
def catalog(kungsor_site):
    from rdflib import Graph

    path = kungsor_site / "data" / "catalog.rdf"
    assert path.is_file()
    assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF')
    return Graph().parse(path, format="xml")


def test_catalogue_conforms_to_shapes_and_range_shapes(catalog):
    ok, report = conforms(catalog, shapes_graph(*SHAPES))
    assert ok, report


@pytest.mark.parametrize("example", ["dcat-ap-se-example-mandatory.rdf",
                                     "dcat-ap-se-example-recommended.rdf"])
def test_digg_examples_pass_the_shapes_but_fail_the_range_shapes(example):
    """The check can fail: DIGG's own examples do, on the ranges (as the reference says)."""
    from rdflib import Graph

    graph = Graph().parse(DCAT_FIXTURES / example, format="xml")
    assert conforms(graph, shapes_graph(SHAPES[0]))[0]
    ok, report = conforms(graph, shapes_graph(*SHAPES))
    assert not ok and "Violation" in report


def test_catalogue_content(catalog, kungsor_site):
    from rdflib import BNode, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

    SPDX = Namespace("http://spdx.org/rdf/terms#")
    assert not any(isinstance(term, BNode) for triple in catalog for term in triple)
    catalogs = list(catalog.subjects(RDF.type, DCAT.Catalog))
    datasets = list(catalog.subjects(RDF.type, DCAT.Dataset))
    assert len(catalogs) == 1 and len(datasets) == 1
    for subject in catalogs + datasets:
        languages = {title.language for title in catalog.objects(subject, DCTERMS.title)}
        assert languages == {"sv", "en"}
        assert {d.language for d in catalog.objects(subject, DCTERMS.description)} == {"sv", "en"}
    publisher = URIRef("http://dataportal.se/organisation/SE2120002056")
    assert list(catalog.objects(catalogs[0], DCTERMS.publisher)) == [publisher]
    assert (publisher, DCTERMS.type, URIRef("http://purl.org/adms/publishertype/LocalAuthority")) in catalog
    assert (publisher, RDF.type, FOAF.Agent) in catalog
    assert list(catalog.objects(catalogs[0], DCTERMS.license)) == [
        URIRef("http://creativecommons.org/publicdomain/zero/1.0/")]
    dataset = datasets[0]
    assert (dataset, DCAT.theme,
            URIRef("http://publications.europa.eu/resource/authority/data-theme/JUST")) in catalog
    assert list(catalog.objects(dataset, DCTERMS.temporal))
    assert list(catalog.objects(dataset, DCTERMS.spatial))
    contact = next(catalog.objects(dataset, DCAT.contactPoint))
    assert (contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"),
            URIRef("mailto:info@kungsor.se")) in catalog

    folder = kungsor_site / "data"
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.name not in ("index.html", "catalog.rdf"))
    distributions = list(catalog.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(files)
    by_url = {str(next(catalog.objects(d, DCAT.downloadURL))): d for d in distributions}
    for path in files:
        dist = by_url["https://www.kungsor.se/medborgarloften/data/" + path.name]
        body = path.read_bytes()
        assert int(next(catalog.objects(dist, DCAT.byteSize))) == len(body)
        assert list(catalog.objects(dist, DCAT.mediaType))
        checksum = next(catalog.objects(dist, SPDX.checksum))
        value = str(next(catalog.objects(checksum, SPDX.checksumValue))).lower()
        assert value == hashlib.sha1(body).hexdigest(), path.name


def test_distributions_say_what_they_are_their_availability_and_their_schema(catalog):
    from rdflib import Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDF

    DCATAP = Namespace("http://data.europa.eu/r5r/")
    stable = URIRef("http://publications.europa.eu/resource/authority/planned-availability/STABLE")
    distributions = list(catalog.subjects(RDF.type, DCAT.Distribution))
    assert distributions
    for dist in distributions:
        assert {d.language for d in catalog.objects(dist, DCTERMS.description)} == {"sv", "en"}
        assert (dist, DCATAP.availability, stable) in catalog
    schema_bound = [d for d in distributions if str(d).endswith("commitments.csv")]
    assert schema_bound and all(
        str(next(catalog.objects(d, DCTERMS.conformsTo))).endswith("datapackage.json") for d in schema_bound)


def test_a_place_uri_becomes_the_spatial_location_and_still_conforms(tmp_path):
    """`municipality.place_uri` (DCAT-AP: a GeoNames URI for a place not in the EU lists) is the
    dataset's dcterms:spatial; the JSON-LD names it as sameAs. FICTIONAL site and place number."""
    import json
    import shutil

    from rdflib import Graph, URIRef
    from rdflib.namespace import DCTERMS

    from conftest import FIXTURES, run_cli

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "fictional-site", content)
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    place = "https://sws.geonames.org/9999999/"  # FICTIONAL number
    assert "  municipality_code:" in text
    site.write_text(text.replace("  municipality_code:", f"  place_uri: {place}\n  municipality_code:", 1),
                    encoding="utf-8")
    out = tmp_path / "_site"
    result = run_cli("build", "--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(out / "data" / "catalog.rdf", format="xml")
    spatial = set(graph.objects(None, DCTERMS.spatial))
    assert URIRef(place) in spatial
    assert (URIRef(place), DCTERMS.identifier, None) in graph
    ok, report = conforms(graph, shapes_graph(*SHAPES))
    assert ok, report
    page = (out / "en" / "data" / "index.html").read_text(encoding="utf-8")
    ld = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0]
                    .replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))
    assert ld["spatialCoverage"]["sameAs"] == place

    site.write_text(text.replace("  municipality_code:", "  place_uri: ftp://example.org/\n"
                                 "  municipality_code:", 1), encoding="utf-8")
    bad = run_cli("build", "--content", content, "--out", tmp_path / "bad")
    assert bad.returncode == 1 and "site.yaml" in bad.stderr and "place_uri" in bad.stderr
